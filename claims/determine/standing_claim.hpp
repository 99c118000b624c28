// SPEC "Standing claim": of the claims of one customer and asset that no amendment
// supersedes, one stands and gets the first row of the decision table that holds; the
// others are duplicates. Superseded claims are R-AMENDED.
#pragma once

#include <span>
#include <vector>

#include "claims/determine/amendments.hpp"
#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/determine/entitlement.hpp"

namespace kanzai::claims {

// One decision per claim of claims.csv, in the same order as Case::claims, before any
// determination, deemed claim, class, value or party: claim fields, `ledger` (E after
// set-off for a known customer and asset, else 0), `is_late` (the related-back filed_on
// is after bar_date), amounts, code and reason. The standing claim of a (customer_id,
// asset) — compared as written, so unknown ones group too — has the earliest related-back
// filed_on, then the smallest claim_id. Sort + linear pass: O(n log n).
[[nodiscard]] std::vector<Decision> decide_filed_claims(
    const Case& loaded, std::span<const Entitlement> entitlements,
    const Amendments& amendments);

// True for the decision of a standing claim (as decide_filed_claims gave it).
[[nodiscard]] bool is_standing(const Decision& decision);

}  // namespace kanzai::claims
