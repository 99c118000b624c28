// The distribution waterfall (SPEC "The distribution waterfall"): in-kind pools, funds,
// estate, over determined allocation lines. A pure function: indexes and integers in,
// allocations and per-source totals out. No ids, no text, no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/money.hpp"

namespace kanzai::engine {

enum class Portion : std::uint8_t { admitted, disputed };
// A convenience line is a customer-class line of a claimant in the convenience class (step
// 0): it takes no part in pools and funds and is paid in the estate's convenience class.
enum class LineClass : std::uint8_t { customer, subordinated, convenience };
// In the order the estate pays them (SPEC step 4).
enum class EstateClass : std::uint8_t { admin, priority, convenience, general, subordinated };
inline constexpr std::size_t estate_classes_count = 5;

// "admin", "priority", "convenience", "general", "subordinated": the class's one name, in
// allocations.csv (`estate:<class>`), summary.json and every report.
[[nodiscard]] const char* text_of(EstateClass estate_class);

struct WaterfallAsset {
    Valuation valuation;  // at `price`, with the case's valuation_rounding
    Price estate_price;   // for non-segregated holdings and pool surplus
    Units pool;           // held, segregated holdings: the in-kind pool P_a
    Units non_segregated; // held, non-segregated holdings: part of the estate
    Units cost;           // pool_cost: withdrawn from the pool before its split
};

// One allocation line (claim, portion). Lines are given in SPEC line order: claim_id, then
// admitted before disputed.
struct WaterfallLine {
    std::uint32_t decision_index = 0;  // the caller's decision index (opaque to the engine)
    Portion portion = Portion::admitted;
    LineClass line_class = LineClass::customer;
    std::uint32_t asset_index = 0;
    std::uint32_t claimant_index = 0;  // claimant indexes are in claimant-id order
    Units units;                       // > 0
};

struct WaterfallFund {
    Value amount;
    int tranche = 1;
    std::optional<Value> floor;
    std::optional<Value> cap;
    std::vector<bool> covers_asset;  // one per asset: shortfalls in this asset are eligible
    bool leftover_to_next = false;   // leftover = "next"
};

struct WaterfallCreditor {
    std::uint32_t creditor_index = 0;  // caller's index; creditors are given in creditor_id order
    EstateClass estate_class = EstateClass::general;
    Value amount;
};

// SPEC "[convenience]" and step 0. apply_convenience_class fills `line_claims`.
struct WaterfallConvenience {
    Value threshold;             // > 0
    Price rate;                  // > 0 and at most 100, scaled like a price (1.2 = 120%)
    Rounding rounding = Rounding::down;  // valuation_rounding, for k_g
    int tranche = 1;
    bool elective = false;
    std::vector<bool> elected;   // per claimant: one of its own customers elected the class
    // Per line: its share of its claimant's k_g (0 for a line not in the class).
    std::vector<Int128> line_claims;
};

struct WaterfallInput {
    std::uint32_t currency_index = 0;
    std::vector<WaterfallAsset> assets;
    std::vector<WaterfallLine> lines;  // line order
    std::uint32_t claimants_count = 0;
    std::vector<WaterfallFund> funds;  // in the order written
    std::vector<WaterfallCreditor> creditors;  // creditor_id order
    Value estate_cash;
    int estate_tranche = 1;
    std::optional<WaterfallConvenience> convenience;  // only with [convenience]
    // Keep each fund's per-claimant e_g and award in WaterfallResult::fund_claimants (for
    // `kanzai stress`); off in a run, which needs only the totals.
    bool keeps_fund_claimants = false;
};

enum class SourceKind : std::uint8_t { pool, fund, estate };

// Fields ordered widest first: 64 bytes rather than 80 with the 128-bit fields in between
// (millions of allocations live until the outputs are written).
struct Allocation {
    Int128 amount = 0;  // > 0, minor units of the asset paid
    // What the split weighed this line by, for explanations: pool: the line's units; fund:
    // its remaining shortfall value before this fund; estate: its claim value in the class.
    Int128 weight = 0;
    // Who is paid: an index into WaterfallInput::lines, or into ::creditors if is_creditor.
    std::uint32_t recipient_index = 0;
    // pool: asset index; fund: fund index; estate: EstateClass as an integer.
    std::uint32_t source_index = 0;
    std::uint32_t asset_index = 0;  // asset paid: the pool's asset, else the currency
    int tranche = 1;
    bool is_creditor = false;
    SourceKind source_kind = SourceKind::pool;
};

struct PoolResult {
    Units pool;
    Units cost;       // K = min(pool_cost, P): pays the pool's administration
    Units claims;     // W: customer-class line units in the asset
    Units allocated;
    Units surplus;    // max(P - K - W, 0), goes to the estate
    Value surplus_value;  // at estate_price
};

struct FundResult {
    Value amount;
    Value carried_in;  // from the previous fund's leftover = "next"
    Value available;
    Value eligible;    // sum over claimants of e_g (after cap)
    Value allocated;
    Value leftover;
    bool leftover_to_next = false;  // false: to the estate (also after the last fund)
};

// One fund's step per claimant (claimant index order), kept when the input asks for it.
struct FundClaimants {
    std::vector<Int128> eligible;  // e_g, after the cap
    std::vector<Int128> awarded;   // what the fund paid the claimant, at most e_g
};

struct EstateClassResult {
    Value claims;
    Value allocated;
};

// SPEC summary.json "convenience".
struct ConvenienceResult {
    std::uint32_t claimants = 0;  // claimants in the class
    std::uint32_t elected = 0;    // of them, those in by election (worth more than threshold)
    Value claims;                 // sum of k_g
    Value allocated;              // the estate's convenience class
};

struct EstateResult {
    Value cash;
    Value non_segregated;        // held non-segregated units at estate_price, all assets
    Value from_pools_and_funds;  // pool surpluses at estate_price + fund leftovers
    Value available;
    Value allocated;
    Value residue;  // the equity residue
    std::array<EstateClassResult, estate_classes_count> classes{};
    int tranche = 1;
};

struct LineResult {
    Units pool_units;           // allocated from the pool (customer lines)
    Value shortfall_value;      // unpaid units after the pool, at price (customer lines)
    Value shortfall_remaining;  // after the funds: the general-class claim (customer lines)
    Value line_value;           // the whole line at price (the subordinated-class claim)
};

struct WaterfallResult {
    std::vector<Allocation> allocations;  // by line (creditors last), then source order
    std::vector<PoolResult> pools;        // one per asset
    std::vector<FundResult> funds;        // one per fund
    EstateResult estate;
    std::vector<LineResult> lines;        // one per line
    ConvenienceResult convenience;        // zeros without [convenience]
    // One per fund when WaterfallInput::keeps_fund_claimants, else empty.
    std::vector<FundClaimants> fund_claimants;
};

// SPEC step 0, before run_waterfall: moves every customer-class line of each claimant in the
// convenience class to LineClass::convenience and fills `convenience->line_claims` (k_g split
// over the claimant's lines in proportion to their values, largest remainder, without the
// W <= P clause). Nothing to do without [convenience]. When some k_g would exceed 2^127 - 1
// it changes nothing and returns that claimant's index: the case is invalid input.
[[nodiscard]] std::optional<std::uint32_t> apply_convenience_class(WaterfallInput& input);

// Runs the whole waterfall. Asserts its preconditions (lines > 0, indexes in range) and,
// through check_waterfall_invariants, every conservation law of SPEC "Invariants".
[[nodiscard]] WaterfallResult run_waterfall(const WaterfallInput& input);

// SPEC "Invariants" that concern the waterfall: per pool allocations + surplus + cost = pool; per
// fund allocations + leftover = available; estate allocations + residue = estate value; no
// line above its units in kind or, from a fund, its remaining shortfall value; every amount
// a non-negative integer. A violation is KANZAI_ASSERT (exit 3).
void check_waterfall_invariants(const WaterfallInput& input, const WaterfallResult& result);

}  // namespace kanzai::engine
