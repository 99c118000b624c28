// Step 3 of the waterfall (SPEC "The distribution waterfall"): reserve and insurance funds
// fill the shortfall the pools leave, claimant by claimant, fund after fund.
#pragma once

#include <vector>

#include "engine/pools.hpp"
#include "engine/waterfall.hpp"

namespace kanzai::engine {

// Customer-class lines grouped by claimant, in line order (the tie order within a claimant).
// The lines of one class, grouped by claimant (line order within a claimant).
[[nodiscard]] LineGroups group_lines_by_claimant(const WaterfallInput& input, LineClass line_class);

[[nodiscard]] LineGroups group_customer_lines_by_claimant(const WaterfallInput& input);

// Applies the funds in the order given. Expects step 2's shortfall_remaining in
// result.lines and reduces it by every fund award; fills result.funds and, per fund, its
// parts in line order (`fund_parts[f]`; an allocation in the case currency and the fund's
// tranche, weight = the line's remaining shortfall value before the fund). A
// leftover_to_next on the last fund goes to the estate: its FundResult says
// leftover_to_next = false.
void allocate_funds(const WaterfallInput& input, const LineGroups& by_claimant,
                    WaterfallResult& result, std::vector<std::vector<LinePart>>& fund_parts);

}  // namespace kanzai::engine
