// SPEC case.toml: "A figure the rules compute above 2^127-1 minor units (a convenience
// claim, a converted amount, ...) is invalid input (exit 2), reported at the key or row it
// comes from." `check` and `run` both call this after determination and before anything is
// written, so that they agree and `run` never ends in exit 3 on such a case.
#pragma once

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// Cheap bounds first (rate * threshold; the largest amount that could be converted); only
// a case whose bounds pass 2^127 - 1 is distributed here to find the figures exactly.
void check_computed_figures(const Case& loaded, const Determination& determination,
                            Diagnostics& diagnostics);

}  // namespace kanzai::claims
