// Step 4 of the waterfall (SPEC "The distribution waterfall"): the general estate, paid in
// the case currency class by class; what is left is the equity residue.
#pragma once

#include <vector>

#include "engine/waterfall.hpp"

namespace kanzai::engine {

// Expects steps 1-3 in `result` (pool surpluses, fund leftovers, each line's
// shortfall_remaining and line_value). Fills result.estate and appends the estate
// allocations (class order, then lines in line order, then creditors in the given
// creditor_id order; case currency; the estate's tranche; weight = the claim in the class).
void allocate_estate(const WaterfallInput& input, WaterfallResult& result,
                     std::vector<Allocation>& allocations);

}  // namespace kanzai::engine
