// Bounds on the sums the waterfall forms, checked once the claims are determined.
#include "claims/determine/bounds.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "engine/assert.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {
namespace {

using engine::UInt128;

constexpr auto total_max = static_cast<UInt128>(engine::units_total_max);

// A non-negative amount into a running total; true when the total passes 2^127 - 1. Both are
// at most 2^127 - 1, so the sum fits in 128 unsigned bits.
bool add_passes(UInt128& total, Int128 amount) {
    KANZAI_ASSERT(amount >= 0);
    total += static_cast<UInt128>(amount);
    return total > total_max;
}

// The row whose amount a decision's lines come from: its determination, its claims.csv
// row, or (a deemed claim) the first ledger.csv row of its customer and asset.
SourceLoc source_of(const Case& loaded, const Decision& decision) {
    if (decision.code == DecisionCode::o_determination) {
        return {.file = "determinations.csv",
                .line = loaded.determinations[decision.reason_ref].line,
                .column = loaded.column_of("determinations.csv", "amount")};
    }
    if (decision.claim_index != no_index) {
        return {.file = "claims.csv",
                .line = loaded.claims[decision.claim_index].line,
                .column = loaded.column_of("claims.csv", "amount")};
    }
    std::uint32_t line = 0;
    for (const LedgerRow& row : loaded.ledger) {
        if (row.customer_index == decision.customer_index &&
            row.asset_index == decision.asset_index && (line == 0 || row.line < line)) {
            line = row.line;
        }
    }
    return {.file = "ledger.csv",
            .line = line,
            .column = loaded.column_of("ledger.csv", "balance")};
}

bool has_lines(const Decision& decision) {
    return decision.claim_class != ClaimClass::none && decision.asset_index != no_index;
}

// SPEC "Conventions": per file and asset, the amounts of determinations.csv (those applied:
// admit and dispute rows) sum to at most 2^127 - 1, reported at the row that passes it.
bool check_determination_sums(const Case& loaded, const std::vector<Decision>& decisions,
                              Diagnostics& diagnostics) {
    struct Applied {
        std::uint32_t line = 0;
        std::uint32_t asset_index = 0;
        Int128 amount = 0;
    };
    std::vector<Applied> applied;
    for (const Decision& decision : decisions) {
        const Int128 amount = decision.admitted.count + decision.disputed.count;
        if (decision.code == DecisionCode::o_determination && amount > 0 &&
            decision.asset_index != no_index) {
            applied.push_back({.line = loaded.determinations[decision.reason_ref].line,
                               .asset_index = decision.asset_index,
                               .amount = amount});
        }
    }
    std::sort(applied.begin(), applied.end(),
              [](const Applied& a, const Applied& b) { return a.line < b.line; });
    const CaseConfig& config = loaded.config;
    std::vector<UInt128> totals(config.assets.size(), 0);
    std::vector<bool> reported(config.assets.size(), false);
    bool ok = true;
    for (const Applied& row : applied) {
        if (reported[row.asset_index] || !add_passes(totals[row.asset_index], row.amount)) {
            continue;
        }
        reported[row.asset_index] = true;
        ok = false;
        diagnostics.error({.file = "determinations.csv",
                           .line = row.line,
                           .column = loaded.column_of("determinations.csv", "amount")},
                          fmt::format("the sum of the amounts in {} in determinations.csv "
                                      "passes 2^127-1 minor units here",
                                      config.assets[row.asset_index].id));
    }
    return ok;
}

// A line's value at price, or nullopt when it passes 2^127 - 1. The admitted value is the
// decision's own (computed once); only a value of 0 is computed again, as it may mean that
// the value did not fit.
std::optional<Int128> line_value(const Case& loaded, const Decision& decision, Units units,
                                 bool is_admitted) {
    if (units.count == 0) {
        return 0;
    }
    if (is_admitted && decision.value.count > 0) {
        return decision.value.count;
    }
    const std::optional<Value> value =
        engine::try_value_of(units, loaded.config.valuation(decision.asset_index));
    return value ? std::optional<Int128>(value->count) : std::nullopt;
}

// Each allocation line's value at price fits (decisions.csv's `value`, the subordinated
// claim, the shortfall).
bool check_line_values(const Case& loaded, const std::vector<Decision>& decisions,
                       Diagnostics& diagnostics) {
    bool ok = true;
    const CaseConfig& config = loaded.config;
    for (const Decision& decision : decisions) {
        if (!has_lines(decision)) {
            continue;
        }
        for (const bool is_admitted : {true, false}) {
            const Units units = is_admitted ? decision.admitted : decision.disputed;
            if (line_value(loaded, decision, units, is_admitted)) {
                continue;
            }
            ok = false;
            const Asset& asset = config.assets[decision.asset_index];
            diagnostics.error(
                source_of(loaded, decision),
                fmt::format("claim \"{}\": its {} amount {} {} is worth more than 2^127-1 "
                            "minor units of {} at its price \"{}\"",
                            decision.claim_id, is_admitted ? "admitted" : "disputed",
                            engine::format_units(units.count, asset.decimals), asset.id,
                            config.currency().id, engine::format_price(asset.price)));
        }
    }
    return ok;
}

// A running total reported once, at the row that makes it pass 2^127 - 1.
struct Bounded {
    UInt128 total = 0;
    bool reported = false;

    // True the first time the total passes.
    bool add(Int128 amount) {
        if (reported || !add_passes(total, amount)) {
            return false;
        }
        reported = true;
        return true;
    }
};

constexpr std::string_view general_claims =
    "the claims of the estate's general class (general creditors, and every customer-class "
    "line at its value at price)";
constexpr std::string_view subordinated_claims =
    "the claims of the estate's subordinated class (subordinated creditors, and every "
    "subordinated line at its value at price)";

// Per asset W (units of customer-class lines), and the claims of the general and the
// subordinated class. Lines in line order, then creditors in file order. Returns W per asset.
std::vector<Bounded> check_line_sums(const Case& loaded, const std::vector<Decision>& decisions,
                                     Diagnostics& diagnostics) {
    const CaseConfig& config = loaded.config;
    const std::string& currency = config.currency().id;
    std::vector<Bounded> pool_claims(config.assets.size());
    Bounded general;
    Bounded subordinated;
    for (const Decision& decision : decisions) {
        if (!has_lines(decision)) {
            continue;
        }
        const bool is_customer = decision.claim_class == ClaimClass::customer;
        Bounded& claimed = pool_claims[decision.asset_index];
        if (is_customer && (claimed.add(decision.admitted.count) ||
                            claimed.add(decision.disputed.count))) {
            diagnostics.error(
                source_of(loaded, decision),
                fmt::format("claim \"{}\": the customer-class claims in {} (admitted and "
                            "disputed units, the pool's W) pass 2^127-1 minor units here",
                            decision.claim_id, config.assets[decision.asset_index].id));
        }
        Bounded& estate_class = is_customer ? general : subordinated;
        // Each value is at most 2^127 - 1 (check_line_values): added one at a time.
        const Int128 admitted = *line_value(loaded, decision, decision.admitted, true);
        const Int128 disputed = *line_value(loaded, decision, decision.disputed, false);
        if (estate_class.add(admitted) || estate_class.add(disputed)) {
            diagnostics.error(source_of(loaded, decision),
                              fmt::format("claim \"{}\": {} pass 2^127-1 minor units of {} here",
                                          decision.claim_id,
                                          is_customer ? general_claims : subordinated_claims,
                                          currency));
        }
    }
    const std::uint32_t amount_column = loaded.column_of("creditors.csv", "amount");
    for (const Creditor& creditor : loaded.creditors) {
        const bool is_general = creditor.creditor_class == CreditorClass::general;
        if (!is_general && creditor.creditor_class != CreditorClass::subordinated) {
            continue;  // admin and priority: creditors.csv's own sum bounds them
        }
        if ((is_general ? general : subordinated).add(creditor.amount.count)) {
            diagnostics.error({.file = "creditors.csv",
                               .line = creditor.line,
                               .column = amount_column},
                              fmt::format("creditor \"{}\": {} pass 2^127-1 minor units of {} "
                                          "here",
                                          creditor.id,
                                          is_general ? general_claims : subordinated_claims,
                                          currency));
        }
    }
    return pool_claims;
}

// The estate's money: cash and fund amounts (case.toml bounds their sum), then per asset its
// held non-segregated units and its pool surplus at estate_price.
void check_estate_money(const Case& loaded, const std::vector<Bounded>& pool_claims,
                        Diagnostics& diagnostics) {
    const CaseConfig& config = loaded.config;
    std::vector<UInt128> pools(config.assets.size(), 0);
    std::vector<UInt128> non_segregated(config.assets.size(), 0);
    for (const Holding& holding : loaded.holdings) {
        if (holding.status == HoldingStatus::held) {
            // holdings.csv's per-asset sum is at most 2^127 - 1 (checked when loaded).
            (holding.segregated ? pools : non_segregated)[holding.asset_index] +=
                static_cast<UInt128>(holding.amount.count);
        }
    }
    Bounded money;
    KANZAI_ASSERT(!money.add(config.estate_cash.count));
    for (const Fund& fund : config.funds) {
        KANZAI_ASSERT(!money.add(fund.amount.count));
    }
    for (std::uint32_t a = 0; a < config.assets.size(); ++a) {
        const Bounded& claims = pool_claims[a];
        const UInt128 surplus = claims.reported || claims.total >= pools[a]
                                    ? UInt128{0}
                                    : pools[a] - claims.total;
        bool passes = false;
        for (const UInt128 units : {non_segregated[a], surplus}) {
            if (units == 0) {
                continue;
            }
            const std::optional<Value> value = engine::try_value_of(
                Units{static_cast<Int128>(units)}, config.estate_valuation(a));
            passes = passes || !value || money.add(value->count);
        }
        if (passes) {
            diagnostics.error(
                {.file = "case.toml", .line = config.assets[a].line, .column = 0},
                fmt::format("asset {}: the estate's money ([estate] cash, the fund amounts, "
                            "and each asset's held non-segregated holdings and pool surplus "
                            "at estate_price) passes 2^127-1 minor units of {} here",
                            config.assets[a].id, config.currency().id));
            return;
        }
    }
}

}  // namespace

void check_distribution_bounds(const Case& loaded, const std::vector<Decision>& decisions,
                               Diagnostics& diagnostics) {
    // Each stage's figures feed the next: after an error the later ones mean nothing.
    if (!check_determination_sums(loaded, decisions, diagnostics) ||
        !check_line_values(loaded, decisions, diagnostics)) {
        return;
    }
    const std::vector<Bounded> pool_claims = check_line_sums(loaded, decisions, diagnostics);
    check_estate_money(loaded, pool_claims, diagnostics);
}

}  // namespace kanzai::claims
