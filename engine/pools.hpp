// Steps 1 and 2 of the waterfall (SPEC "The distribution waterfall"): the in-kind pools and
// the shortfall value each customer-class line is left with. Also the index grouping that
// every step uses instead of maps: a stable counting sort of line indexes by a small key.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/waterfall.hpp"

namespace kanzai::engine {

// Line indexes grouped by a key in [0, keys_count): the lines of key k are
// indexes[offsets[k] .. offsets[k + 1]), in line order (the sort is stable).
struct LineGroups {
    std::vector<std::uint32_t> offsets;  // keys_count + 1 entries
    std::vector<std::uint32_t> indexes;

    [[nodiscard]] std::span<const std::uint32_t> of(std::uint32_t key) const {
        return std::span<const std::uint32_t>(indexes).subspan(offsets[key],
                                                                offsets[key + 1] - offsets[key]);
    }
};

// One line's (or creditor's) part from one source. The steps record parts; run_waterfall
// writes the allocations from them once, in line order (sorting millions of
// allocations written in step order cost a second copy of them or random moves).
struct LinePart {
    std::uint32_t index = 0;  // into WaterfallInput::lines (or ::creditors)
    Int128 amount = 0;        // > 0
};

// keys[i] is line i's key; a key equal to keys_count leaves the line out. O(n + keys_count).
[[nodiscard]] LineGroups group_lines(std::span<const std::uint32_t> keys,
                                     std::uint32_t keys_count);

// Customer-class lines grouped by asset, in line order (the pools' tie order).
[[nodiscard]] LineGroups group_customer_lines_by_asset(const WaterfallInput& input);

// Step 1: splits each asset's pool over its customer-class lines by their units (SPEC
// "Largest-remainder rule", line order). Fills result.pools and each line's pool_units (a
// line's pool allocation: tranche 1, weight = its units). result.lines must already have
// one entry per line.
void allocate_pools(const WaterfallInput& input, const LineGroups& by_asset,
                    WaterfallResult& result);

// Step 2: each customer-class line's unpaid units valued at `price`, one line at a time
// (shortfall_value, and shortfall_remaining before any fund); every line's whole value at
// `price` (line_value: the subordinated-class claim, and the base of recovery rates).
void value_shortfalls(const WaterfallInput& input, WaterfallResult& result);

// The asset's valuation at estate_price (pool surplus, non-segregated holdings).
[[nodiscard]] Valuation estate_valuation(const WaterfallAsset& asset);

}  // namespace kanzai::engine
