// The loaded case folder (SPEC "The case folder"): every file parsed, every amount an exact
// integer, every reference resolved to an index. Nothing downstream parses a string again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "claims/load/id_index.hpp"
#include "engine/money.hpp"

namespace kanzai::claims {

using engine::Int128;
using engine::Price;
using engine::Units;
using engine::Value;

// An index that refers to nothing: an unknown customer or asset.
inline constexpr std::uint32_t no_index = 0xFFFF'FFFF;

// A calendar date as the integer yyyymmdd (2026-06-30 -> 20260630): compares as dates do.
struct Date {
    std::int32_t ymd = 0;
    auto operator<=>(const Date&) const = default;
    [[nodiscard]] std::string text() const;  // "2026-06-30"
};

// Parses "YYYY-MM-DD" (a real calendar date); nullopt otherwise.
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);

enum class CustomerKind { retail, corporate, insider, affiliate, assignee };
enum class Kyc { verified, pending, failed };
enum class Custody { cold, hot, trust_bank, custodian, guarantee, other };
enum class HoldingStatus { held, frozen, lost };
enum class CreditorClass { admin, priority, general, subordinated };
enum class DeterminationDecision { admit, reject, dispute };
enum class FundKind { reserve, insurance };
enum class Leftover { estate, next };
enum class PaymentStatus { paid, failed, returned };
enum class PaidIn { kind, cash };
enum class ElectionKind { kind, cash, convert, convenience };

enum class UnfiledRule { admit, ignore };
enum class ExcessRule { dispute, reject };
enum class LateRule { admit, subordinate, bar };
enum class InsidersRule { admit, subordinate };
enum class SetOffRule { proportional, none };

// SPEC spelling of each enum value, for output and messages.
[[nodiscard]] std::string_view text_of(CustomerKind value);
[[nodiscard]] std::string_view text_of(Kyc value);
[[nodiscard]] std::string_view text_of(Custody value);
[[nodiscard]] std::string_view text_of(HoldingStatus value);
[[nodiscard]] std::string_view text_of(CreditorClass value);
[[nodiscard]] std::string_view text_of(DeterminationDecision value);
[[nodiscard]] std::string_view text_of(FundKind value);
[[nodiscard]] std::string_view text_of(Leftover value);
[[nodiscard]] std::string_view text_of(PaymentStatus value);
[[nodiscard]] std::string_view text_of(PaidIn value);
[[nodiscard]] std::string_view text_of(ElectionKind value);

struct Asset {
    std::string id;
    int decimals = 0;
    Price price;
    Price estate_price;  // = price when not given
    std::string price_source;
    std::optional<Units> min_payout;  // [rules.min_payout], converted to minor units
    Units pool_cost;                  // charged to the asset's pool before its split
    PaidIn paid_in = PaidIn::kind;    // how in-kind allocations are paid without an election
    // The price at which currency amounts are converted into this asset; 0 = not a target.
    std::optional<Price> distribution_price;
    std::uint32_t line = 0;           // of its [assets.ID] table in case.toml
    std::uint32_t distribution_price_line = 0;
    std::uint32_t distribution_price_column = 0;
};

// SPEC [convenience]: claimants worth at most `threshold` are paid `rate` of their value.
struct ConvenienceRule {
    Value threshold;
    Price rate;  // scaled like a price: 1.2 is 1.2 * 10^18
    int tranche = 1;
    bool elective = false;
    std::uint32_t line = 0;  // of [convenience] in case.toml, for figures computed from it
    std::uint32_t rate_line = 0;
    std::uint32_t rate_column = 0;
};

struct Rules {
    UnfiledRule unfiled = UnfiledRule::admit;
    ExcessRule excess = ExcessRule::dispute;
    LateRule late = LateRule::subordinate;
    InsidersRule insiders = InsidersRule::subordinate;
    SetOffRule set_off = SetOffRule::proportional;
    engine::Rounding valuation_rounding = engine::Rounding::down;
};

struct Fund {
    std::string id;
    FundKind kind = FundKind::reserve;
    std::string insurer;
    Value amount;
    int tranche = 1;
    std::optional<Value> floor;
    std::optional<Value> cap;
    // Indexes into CaseConfig::assets; nullopt = every asset (the default); empty = none.
    std::optional<std::vector<std::uint32_t>> asset_indexes;
    Leftover leftover = Leftover::estate;
    std::uint32_t line = 0;
};

struct CaseConfig {
    std::string name;
    std::string court;
    std::string case_number;
    std::string administrator;
    std::string cutoff;  // the TOML offset date-time as written (RFC 3339 text)
    Date bar_date;
    std::optional<Date> record_date;  // transfers effective after it are not applied
    std::uint32_t currency_index = 0;  // into assets
    std::vector<Asset> assets;         // sorted by id (bytes)
    Rules rules;
    std::vector<Fund> funds;  // in the order written
    Value estate_cash;
    int estate_tranche = 1;
    std::optional<ConvenienceRule> convenience;
    std::uint32_t convert_to = no_index;  // [payouts] convert_to; no_index: the currency

    [[nodiscard]] const Asset& currency() const { return assets[currency_index]; }
    // no_index when unknown. Linear over a handful of assets.
    [[nodiscard]] std::uint32_t find_asset(std::string_view id) const;
    // How `asset_index` is valued at its price (or estate_price) in the case currency.
    [[nodiscard]] engine::Valuation valuation(std::uint32_t asset_index) const;
    [[nodiscard]] engine::Valuation estate_valuation(std::uint32_t asset_index) const;
};

struct Customer {
    std::string id;
    std::string name;
    CustomerKind kind = CustomerKind::retail;
    Kyc kyc = Kyc::pending;
    bool sanctioned = false;
    std::string country;
    std::uint32_t line = 0;
};

struct LedgerRow {
    std::string account_id;
    std::uint32_t customer_index = no_index;
    std::uint32_t asset_index = no_index;
    Units balance;  // may be negative
    std::uint32_t line = 0;
};

struct ClaimRow {
    std::string id;
    std::string customer_id;
    std::uint32_t customer_index = no_index;  // no_index: unknown customer (rejected later)
    std::string asset;
    std::uint32_t asset_index = no_index;  // no_index: unknown asset (rejected later)
    std::string amount_text;               // as written
    Units amount;                          // 0 when the asset is unknown
    Date filed_on;
    std::string amends;  // empty: amends nothing
    std::uint32_t line = 0;
};

struct Holding {
    std::string id;
    std::uint32_t asset_index = no_index;
    Units amount;
    Custody custody = Custody::cold;
    bool segregated = false;
    HoldingStatus status = HoldingStatus::held;
    std::uint32_t line = 0;
};

struct Identity {
    std::uint32_t customer_index = no_index;
    std::string key_type;
    std::string key;
    std::uint32_t line = 0;
};

struct Transfer {
    std::string id;
    std::string claim_id;  // a claim of claims.csv or a deemed claim (checked by determination)
    std::string from_id;
    std::string to_id;
    Date effective_on;
    std::uint32_t line = 0;
};

struct Creditor {
    std::string id;
    CreditorClass creditor_class = CreditorClass::general;
    Value amount;
    std::string description;
    std::uint32_t line = 0;
};

struct DeterminationRow {
    std::string claim_id;  // a claim of claims.csv or a deemed claim (checked by determination)
    DeterminationDecision decision = DeterminationDecision::reject;
    std::optional<std::string> amount_text;  // as written; required for admit and dispute
    std::string reason;
    std::string decided_by;
    std::string decided_on;
    std::uint32_t line = 0;
};

struct Payment {
    std::string payee_id;  // a customer id or "creditor:<creditor_id>"
    std::uint32_t asset_index = no_index;
    Units amount;
    std::optional<int> tranche;  // informational only
    std::string paid_on;
    PaymentStatus status = PaymentStatus::paid;  // only `paid` counts in catch-up
    std::uint32_t line = 0;
};

// SPEC elections.csv: a customer's election.
struct Election {
    std::uint32_t customer_index = no_index;
    ElectionKind kind = ElectionKind::kind;
    // kind, cash: the asset elected for; convert: the asset to be paid in; convenience: none.
    std::uint32_t asset_index = no_index;
    std::uint32_t line = 0;
};

// An input file that was read, with the SHA-256 of its bytes (hex, lower case).
struct InputFile {
    std::string name;  // "claims.csv"
    std::string sha256;
};

// Lets an unordered_map keyed by std::string be searched with a std::string_view, without
// building a std::string per lookup.
struct StringViewHash {
    using is_transparent = void;
    [[nodiscard]] std::size_t operator()(std::string_view text) const {
        return std::hash<std::string_view>{}(text);
    }
};

struct Case {
    std::string folder;
    CaseConfig config;
    std::vector<Customer> customers;  // in file order
    std::vector<LedgerRow> ledger;
    std::vector<ClaimRow> claims;
    std::vector<Holding> holdings;
    std::vector<Identity> identities;
    std::vector<Transfer> transfers;
    std::vector<Creditor> creditors;
    std::vector<DeterminationRow> determinations;
    std::vector<Payment> payments;
    std::vector<Election> elections;  // in file order
    std::vector<InputFile> inputs;  // sorted by name
    // proof.key as raw bytes (SPEC "Proof of distribution"), when the folder has one. A
    // secret: never hashed into `inputs`, never written to an output or case.db.
    std::optional<std::string> proof_key;

    // Customer id -> index into customers. A flat index rather than a map of strings: it
    // is looked up once per row of every file. Filled by index_customer.
    IdIndex customer_index_by_id;

    // The header of each CSV file read, as written (file name -> column names in file
    // order), so that a later stage can point a diagnostic at a column.
    std::map<std::string, std::vector<std::string>, std::less<>> csv_headers;

    // no_index when unknown.
    [[nodiscard]] std::uint32_t find_customer(std::string_view id) const;
    // Indexes customers[index] by its id: no_index, or the index of an earlier customer
    // with the same id (then nothing is indexed).
    std::uint32_t index_customer(std::uint32_t index);
    // The 1-based column of `column` in `file`'s header; 0 (the whole record) when unknown.
    [[nodiscard]] std::uint32_t column_of(std::string_view file, std::string_view column) const;
};

}  // namespace kanzai::claims
