// SPEC "Class": whether what a claim admits or disputes ranks as a customer claim or is
// subordinated (late, insider), with the code suffixes that say why.
#pragma once

#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"

namespace kanzai::claims {

// Sets claim_class, late_suffix and insider_suffix of every decision, overridden ones
// included. Something admitted or disputed: `subordinated` when late and late =
// "subordinate" (+LATE) or the customer is an insider or affiliate and insiders =
// "subordinate" (+INSIDER), else `customer`. Nothing admitted or disputed: no class, no
// suffix. (The reason of a subordinated decision that is not an administrator's
// determination ends with why; reasons.hpp renders it from these fields.)
void classify_claims(const Case& loaded, std::vector<Decision>& decisions);

}  // namespace kanzai::claims
