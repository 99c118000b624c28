// SPEC "Largest-remainder rule": the one pro-rata split used by every step of the waterfall.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/money.hpp"

namespace kanzai::engine {

struct SplitInput {
    Int128 pool = 0;                  // P >= 0: what is split
    std::span<const Int128> weights;  // w_i >= 0, in the step's tie order
};

// Splits `pool` over `weights` (SPEC "Largest-remainder rule"):
// - W = sum w_i <= P: each part is w_i (the caller keeps P - W);
// - otherwise part_i = floor(P * w_i / W), and the P - sum leftover units go one each to
//   the parts with the largest remainder (P * w_i) mod W, ties to the earlier index.
// Asserts: parts sum to min(P, W); each part <= its weight; each part >= 0.
// `parts` must have the size of `weights`.
void split_largest_remainder(const SplitInput& input, std::span<Int128> parts);

// Working memory of the split, kept by a caller that splits many times (a split per
// claimant, a million claimants): its vectors keep their capacity from split to split.
struct SplitScratch {
    std::vector<Int128> remainders;
    std::vector<std::uint32_t> order;
};

// The same split, with `scratch` for its working memory.
void split_largest_remainder(const SplitInput& input, std::span<Int128> parts,
                             SplitScratch& scratch);

[[nodiscard]] std::vector<Int128> split_largest_remainder(const SplitInput& input);

// The same split without its W <= P clause (SPEC step 0, the convenience claim): always
// floor(P * w_i / W) plus the leftover by largest remainder, so parts may exceed their
// weights when P > W. Needs W > 0. Asserts: parts sum to P.
void split_in_proportion(const SplitInput& input, std::span<Int128> parts,
                         SplitScratch& scratch);

}  // namespace kanzai::engine
