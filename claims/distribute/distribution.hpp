// From determined claims to the waterfall and back (SPEC "The distribution waterfall"):
// builds the engine's input from the case and the decisions, runs it, and keeps the maps
// from engine indexes back to claims and creditors.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/diagnostics.hpp"
#include "engine/waterfall.hpp"

namespace kanzai::claims {

struct Distribution {
    engine::WaterfallInput input;
    engine::WaterfallResult result;
    // Waterfall line -> index into Determination::decisions (WaterfallLine::decision_index).
    // Waterfall creditor -> index into Case::creditors (WaterfallCreditor::creditor_index).
};

// SPEC: each admitted or disputed amount of a claim with a class is a line, in line order
// (claim_id, then admitted before disputed); customer-class lines share pools and funds,
// subordinated ones only the estate's subordinated class.
[[nodiscard]] engine::WaterfallInput build_waterfall_input(const Case& loaded,
                                                           const Determination& determination);

// SPEC step 0 on a built input: the convenience class, or the input error of a convenience
// claim above 2^127 - 1 (reported at [convenience] rate).
[[nodiscard]] std::optional<Diagnostic> apply_convenience_class(
    const Case& loaded, const Determination& determination, engine::WaterfallInput& input);

// The waterfall input built, step 0 applied and the waterfall run. The case must have passed
// check_computed_figures.
[[nodiscard]] Distribution distribute(const Case& loaded, const Determination& determination);

// "pool:BTC", "fund:reserve", "estate:general": the `source` column of allocations.csv.
[[nodiscard]] std::string source_name(const Case& loaded, const engine::Allocation& allocation);

}  // namespace kanzai::claims
