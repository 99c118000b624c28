// The funds step's per-claimant split (SPEC "The distribution waterfall", step 3): a cap on
// each claimant's eligible value, then an optional floor paid first, then pro-rata.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "engine/largest_remainder.hpp"
#include "engine/money.hpp"

namespace kanzai::engine {

// e_g = min(eligible, cap); no cap: eligible unchanged.
[[nodiscard]] Value cap_eligible(Value eligible, std::optional<Value> cap);

struct FloorSplitInput {
    Value available;                   // what the fund can pay
    std::span<const Int128> eligible;  // e_g per claimant, already capped, claimant id order
    std::optional<Value> floor;        // per claimant, paid in full before any pro-rata
};

// SPEC step 3. With a floor: first each claimant's min(e_g, floor), in full when the fund
// covers them all, else pro-rata over those; then the rest pro-rata over e_g - min(e_g,
// floor). Without: pro-rata over e_g. Every pro-rata split is the largest-remainder rule in
// claimant order. Asserts: awards sum to min(available, sum e_g); each award <= e_g.
[[nodiscard]] std::vector<Int128> split_floor_then_pro_rata(const FloorSplitInput& input);

// Working memory of split_floor_then_pro_rata, reused from fund to fund.
struct FloorSplitScratch {
    std::vector<Int128> floors;
    std::vector<Int128> above_floor;
    std::vector<Int128> extra;
    SplitScratch split;
};

// The same split into `awards` (one per claimant), with `scratch` for working memory.
void split_floor_then_pro_rata(const FloorSplitInput& input, std::span<Int128> awards,
                               FloorSplitScratch& scratch);

}  // namespace kanzai::engine
