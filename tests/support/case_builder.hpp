// Building claims::Case values in memory for tests, without files or the loader.
//
//     const claims::Case loaded = kanzai::testing::CaseBuilder()
//         .asset("BTC", 8, "9000000")          // JPY (0 decimals, price 1) is always there
//         .customer("C1")
//         .ledger("A1", "C1", "BTC", "2")
//         .claim("K1", "C1", "BTC", "1.5", "2026-04-01")
//         .build();
//
// Amounts and dates are written as in the CSV files and parsed with the real parsers.
// Rows get the line numbers they would have in a file (header = line 1, first row = 2) and
// `csv_headers` the SPEC's column order, so diagnostics have real lines and columns:
// claims.csv `amends` is column 6; determinations.csv claim_id 1, decision 2, amount 3;
// transfers.csv claim_id 2. A customer or asset that was never added stays unknown
// (no_index), as the loader leaves it for claims. Invalid test input fails the test.
// `shuffle_rows` permutes every row vector (for permutation-invariance properties).
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/determine/determine.hpp"
#include "claims/diagnostics.hpp"
#include "claims/determine/reasons.hpp"
#include "engine/decimal.hpp"
#include "tests/support/printing.hpp"

namespace kanzai::testing {

class CaseBuilder {
public:
    CaseBuilder() {
        config_.name = "Test Exchange K.K.";
        config_.bar_date = date("2026-06-30");
        asset("JPY", 0, "1");
        currency_ = "JPY";
    }

    CaseBuilder& asset(std::string id, int decimals, std::string_view price) {
        const engine::DecimalParse parsed = engine::parse_price(price);
        REQUIRE(parsed.ok());
        claims::Asset added;
        added.id = std::move(id);
        added.decimals = decimals;
        added.price = {parsed.count};
        added.estate_price = added.price;
        added.line = static_cast<std::uint32_t>(config_.assets.size() + 1);
        config_.assets.push_back(std::move(added));
        return *this;
    }
    // The case currency (default JPY); it must be one of the assets when build() runs.
    CaseBuilder& currency(std::string id) {
        currency_ = std::move(id);
        return *this;
    }
    CaseBuilder& bar_date(std::string_view text) {
        config_.bar_date = date(text);
        return *this;
    }
    // [rules]: change the fields directly, e.g. `builder.rules().late = LateRule::bar;`.
    claims::Rules& rules() { return config_.rules; }

    CaseBuilder& customer(std::string id,
                          claims::CustomerKind kind = claims::CustomerKind::retail) {
        claims::Customer added;
        added.id = std::move(id);
        added.kind = kind;
        customers_.push_back(std::move(added));
        return *this;
    }
    CaseBuilder& ledger(std::string account_id, std::string customer_id, std::string asset_id,
                        std::string balance) {
        ledger_.push_back({std::move(account_id), std::move(customer_id), std::move(asset_id),
                           std::move(balance)});
        return *this;
    }
    CaseBuilder& claim(std::string id, std::string customer_id, std::string asset_id,
                       std::string amount, std::string_view filed_on, std::string amends = "") {
        claims::ClaimRow row;
        row.id = std::move(id);
        row.customer_id = std::move(customer_id);
        row.asset = std::move(asset_id);
        row.amount_text = std::move(amount);
        row.filed_on = date(filed_on);
        row.amends = std::move(amends);
        claims_.push_back(std::move(row));
        return *this;
    }
    CaseBuilder& identity(std::string customer_id, std::string key_type, std::string key) {
        identities_.push_back({std::move(customer_id), std::move(key_type), std::move(key)});
        return *this;
    }
    CaseBuilder& transfer(std::string id, std::string claim_id, std::string from_id,
                          std::string to_id, std::string_view effective_on) {
        claims::Transfer row;
        row.id = std::move(id);
        row.claim_id = std::move(claim_id);
        row.from_id = std::move(from_id);
        row.to_id = std::move(to_id);
        row.effective_on = date(effective_on);
        transfers_.push_back(std::move(row));
        return *this;
    }
    CaseBuilder& determination(std::string claim_id, claims::DeterminationDecision decision,
                               std::optional<std::string> amount, std::string reason) {
        claims::DeterminationRow row;
        row.claim_id = std::move(claim_id);
        row.decision = decision;
        row.amount_text = std::move(amount);
        row.reason = std::move(reason);
        determinations_.push_back(std::move(row));
        return *this;
    }

    [[nodiscard]] claims::Case build() const {
        claims::Case result;
        result.folder = "test-case";
        result.config = config_;
        std::sort(result.config.assets.begin(), result.config.assets.end(),
                  [](const claims::Asset& a, const claims::Asset& b) { return a.id < b.id; });
        result.config.currency_index = result.config.find_asset(currency_);
        REQUIRE(result.config.currency_index != claims::no_index);
        result.customers = customers_;
        for (std::uint32_t i = 0; i < result.customers.size(); ++i) {
            result.customers[i].line = i + 2;
            REQUIRE(result.index_customer(i) == claims::no_index);
        }
        add_ledger(result);
        add_claims(result);
        add_identities(result);
        result.transfers = transfers_;
        result.determinations = determinations_;
        number_lines(result);
        result.csv_headers = {
            {"customers.csv", {"customer_id", "name", "kind", "kyc", "sanctioned", "country"}},
            {"ledger.csv", {"account_id", "customer_id", "asset", "balance"}},
            {"claims.csv", {"claim_id", "customer_id", "asset", "amount", "filed_on", "amends"}},
            {"identities.csv", {"customer_id", "key_type", "key"}},
            {"transfers.csv", {"transfer_id", "claim_id", "from_id", "to_id", "effective_on"}},
            {"determinations.csv",
             {"claim_id", "decision", "amount", "reason", "decided_by", "decided_on"}},
        };
        return result;
    }

    // Line numbers as in a file: header on line 1, row i on line i + 2.
    static void number_lines(claims::Case& loaded) {
        const auto number = [](auto& rows) {
            for (std::size_t i = 0; i < rows.size(); ++i) {
                rows[i].line = static_cast<std::uint32_t>(i + 2);
            }
        };
        number(loaded.customers);
        number(loaded.ledger);
        number(loaded.claims);
        number(loaded.identities);
        number(loaded.transfers);
        number(loaded.determinations);
    }

private:
    struct PendingLedger {
        std::string account_id, customer_id, asset, balance;
    };
    struct PendingIdentity {
        std::string customer_id, key_type, key;
    };

    static claims::Date date(std::string_view text) {
        const std::optional<claims::Date> parsed = claims::parse_date(text);
        REQUIRE(parsed.has_value());
        return *parsed;
    }
    static engine::Units amount(std::string_view text, int decimals) {
        const engine::DecimalParse parsed = engine::parse_amount(text, decimals);
        REQUIRE(parsed.ok());
        return {parsed.count};
    }

    void add_ledger(claims::Case& result) const {
        for (const PendingLedger& pending : ledger_) {
            claims::LedgerRow row;
            row.account_id = pending.account_id;
            row.customer_index = result.find_customer(pending.customer_id);
            row.asset_index = result.config.find_asset(pending.asset);
            REQUIRE(row.customer_index != claims::no_index);
            REQUIRE(row.asset_index != claims::no_index);
            row.balance = amount(pending.balance, result.config.assets[row.asset_index].decimals);
            result.ledger.push_back(std::move(row));
        }
    }
    void add_claims(claims::Case& result) const {
        for (claims::ClaimRow row : claims_) {
            row.customer_index = result.find_customer(row.customer_id);
            row.asset_index = result.config.find_asset(row.asset);
            row.amount = row.asset_index == claims::no_index
                             ? engine::Units{0}
                             : amount(row.amount_text,
                                      result.config.assets[row.asset_index].decimals);
            result.claims.push_back(std::move(row));
        }
    }
    void add_identities(claims::Case& result) const {
        for (const PendingIdentity& pending : identities_) {
            claims::Identity row;
            row.customer_index = result.find_customer(pending.customer_id);
            REQUIRE(row.customer_index != claims::no_index);
            row.key_type = pending.key_type;
            row.key = pending.key;
            result.identities.push_back(std::move(row));
        }
    }

    claims::CaseConfig config_;
    std::string currency_;
    std::vector<claims::Customer> customers_;
    std::vector<PendingLedger> ledger_;
    std::vector<claims::ClaimRow> claims_;
    std::vector<PendingIdentity> identities_;
    std::vector<claims::Transfer> transfers_;
    std::vector<claims::DeterminationRow> determinations_;
};

// Fisher-Yates with the test generator, so a seed replays the same permutation.
template <typename T>
void shuffle_vector(std::vector<T>& rows, Random& random) {
    for (std::size_t i = rows.size(); i > 1; --i) {
        std::swap(rows[i - 1], rows[random.below(i)]);
    }
}

// Permutes the rows of every file of `loaded` (customers, ledger, claims, holdings,
// identities, transfers, creditors, determinations, payments), renumbers their lines as a
// file in that order would, rebuilds customer_index_by_id and remaps every customer index.
inline void shuffle_rows(claims::Case& loaded, Random& random) {
    std::vector<std::uint32_t> new_index(loaded.customers.size());
    for (std::uint32_t i = 0; i < new_index.size(); ++i) {
        new_index[i] = i;
    }
    shuffle_vector(new_index, random);
    std::vector<claims::Customer> customers(loaded.customers.size());
    for (std::uint32_t old = 0; old < new_index.size(); ++old) {
        customers[new_index[old]] = std::move(loaded.customers[old]);
    }
    loaded.customers = std::move(customers);
    loaded.customer_index_by_id.clear();
    for (std::uint32_t i = 0; i < loaded.customers.size(); ++i) {
        loaded.index_customer(i);
    }
    const auto remap = [&new_index](std::uint32_t& index) {
        if (index != claims::no_index) {
            index = new_index[index];
        }
    };
    for (claims::LedgerRow& row : loaded.ledger) {
        remap(row.customer_index);
    }
    for (claims::ClaimRow& row : loaded.claims) {
        remap(row.customer_index);
    }
    for (claims::Identity& row : loaded.identities) {
        remap(row.customer_index);
    }
    shuffle_vector(loaded.ledger, random);
    shuffle_vector(loaded.claims, random);
    shuffle_vector(loaded.holdings, random);
    shuffle_vector(loaded.identities, random);
    shuffle_vector(loaded.transfers, random);
    shuffle_vector(loaded.creditors, random);
    shuffle_vector(loaded.determinations, random);
    shuffle_vector(loaded.payments, random);
    CaseBuilder::number_lines(loaded);
    for (std::size_t i = 0; i < loaded.holdings.size(); ++i) {
        loaded.holdings[i].line = static_cast<std::uint32_t>(i + 2);
    }
    for (std::size_t i = 0; i < loaded.creditors.size(); ++i) {
        loaded.creditors[i].line = static_cast<std::uint32_t>(i + 2);
    }
    for (std::size_t i = 0; i < loaded.payments.size(); ++i) {
        loaded.payments[i].line = static_cast<std::uint32_t>(i + 2);
    }
}

// The decision of `claim_id` in a Determination (fails the test when there is none).
inline const claims::Decision& decision_of(const claims::Determination& determination,
                                           std::string_view claim_id) {
    const std::uint32_t index = claims::find_decision(determination.decisions, claim_id);
    INFO("claim_id: ", std::string(claim_id));
    REQUIRE(index != claims::no_index);
    return determination.decisions[index];
}

// The texts of one decision as the outputs print them.
struct DecisionTexts {
    std::string customer_id;
    std::string asset;
    std::string filed_text;
    std::string claimant_id;
    std::string payee_id;
    std::string reason;
};

// The Case of a Determination, a base so that it is built before the Determination.
struct DeterminedCase {
    claims::Case loaded;
};

// A Case determined, kept with its Determination: a Determination reads its text from its
// Case (claims/decision.hpp), so tests hold the two together. Used as a Determination;
// `text` gives a decision's texts.
//
//     const Determined result(builder.build(), diagnostics);
//     CHECK(result.text("K1").reason == "...");
struct Determined : DeterminedCase, claims::Determination {
    Determined(claims::Case case_to_determine, claims::Diagnostics& diagnostics)
        : DeterminedCase{std::move(case_to_determine)},
          claims::Determination(claims::determine_claims(loaded, diagnostics)) {}

    [[nodiscard]] DecisionTexts text(const claims::Decision& decision) const {
        return {.customer_id = std::string(decision.customer_id(loaded)),
                .asset = std::string(decision.asset(loaded)),
                .filed_text = std::string(decision.filed_text(loaded)),
                .claimant_id = std::string(claimant_id(loaded, decision)),
                .payee_id = std::string(decision.payee_id(loaded)),
                .reason = claims::reason_of(loaded, decision)};
    }
    [[nodiscard]] DecisionTexts text(std::string_view claim_id) const {
        return text(decision_of(*this, claim_id));
    }
};

}  // namespace kanzai::testing
