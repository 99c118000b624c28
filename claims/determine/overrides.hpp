// SPEC "Determinations": the administrator's rows of determinations.csv replace the
// amounts and code of their claim, whatever the automatic decision was.
#pragma once

#include <string_view>
#include <unordered_set>
#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// The claim_id of every row of determinations.csv (views into `loaded`), so that deemed
// claims can tell whether a barred standing claim has a determination.
[[nodiscard]] std::unordered_set<std::string_view> determined_claim_ids(const Case& loaded);

// Applies every row to its decision in `decisions` (sorted by claim_id, deemed claims
// included): admit -> admitted = amount, disputed 0; reject -> 0 and 0; dispute ->
// disputed = amount, admitted 0; code O-DETERMINATION; reason = the row's reason verbatim.
// Errors at determinations.csv:<line>:<column>: a claim_id naming no claim of claims.csv
// and no existing deemed claim (claim_id column); a second row for the same claim
// (claim_id column, the message names the first); admit or dispute of a claim whose
// customer or asset is unknown (decision column); for admit and dispute, an amount that is
// missing, not a valid amount at the decimals of the claim's asset, or negative (amount
// column). Rows are applied in line order; an erroneous row changes nothing.
void apply_determinations(const Case& loaded, std::vector<Decision>& decisions,
                          Diagnostics& diagnostics);

}  // namespace kanzai::claims
