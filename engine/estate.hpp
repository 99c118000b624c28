// Step 4 of the waterfall (SPEC "The distribution waterfall"): the general estate, paid in
// the case currency class by class; what is left is the equity residue.
#pragma once

#include <vector>

#include "engine/pools.hpp"
#include "engine/waterfall.hpp"

namespace kanzai::engine {

// The estate's parts; a line or creditor is in one class only.
struct EstateParts {
    std::vector<LinePart> convenience_lines;   // line order
    std::vector<LinePart> general_lines;       // customer-class lines, line order
    std::vector<LinePart> subordinated_lines;  // line order
    std::vector<LinePart> creditors;           // creditor order
};

// Expects steps 1-3 in `result` (pool surpluses, fund leftovers, each line's
// shortfall_remaining and line_value). Fills result.estate and `parts` (an allocation in the
// case currency and the estate's tranche, weight = the claim in the class: the line's
// shortfall_remaining (general) or line_value (subordinated), the creditor's amount).
// Where a line stands in the estate (SPEC step 4): its class, its claim there (convenience:
// its share of k_g; general: its remaining shortfall value; subordinated: its whole value at
// price) and the tranche that pays it (the convenience class has its own).
struct EstatePlace {
    EstateClass estate_class = EstateClass::general;
    Int128 claim = 0;
    int tranche = 1;
};

[[nodiscard]] EstatePlace estate_place(const WaterfallInput& input, const WaterfallResult& result,
                                       std::uint32_t i);

void allocate_estate(const WaterfallInput& input, WaterfallResult& result, EstateParts& parts);

}  // namespace kanzai::engine
