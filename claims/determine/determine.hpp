// Claim determination (SPEC "Determination of claims"): set-off, amendments, the standing
// claim and its decision, deemed claims, determinations, classes, claimants and payees.
#pragma once

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// Determines every claim of a loaded, valid case. Errors that need determination to find
// (a bad `amends`, a transfer or determination naming no claim, admit/dispute of a claim
// of an unknown customer or asset, ...) are added to `diagnostics` with the file and line
// of the offending row. Deterministic: the result does not depend on input row order.
[[nodiscard]] Determination determine_claims(const Case& loaded, Diagnostics& diagnostics);

}  // namespace kanzai::claims
