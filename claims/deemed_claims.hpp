// SPEC "Deemed claims": with unfiled = "admit", ledger balances nobody filed a claim for
// (or whose only standing claim is barred as late and undetermined) are admitted anyway.
#pragma once

#include <span>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/entitlement.hpp"

namespace kanzai::claims {

// The deemed claims "deemed:<customer_id>:<asset>", in entitlement order: one per (c,a)
// with E > 0 after set-off and either no standing claim among `filed` (the decisions of
// decide_filed_claims) or a standing claim that is R-LATE-BARRED and whose claim_id is not
// in `determined_claim_ids`. Each is admitted at E, code D-DEEMED, never late. Empty with
// unfiled = "ignore". `entitlements` sorted as sum_entitlements gives them. Sort + merging
// walk: O(n log n).
[[nodiscard]] std::vector<Decision> deem_claims(
    const Case& loaded, std::span<const Entitlement> entitlements,
    std::span<const Decision> filed,
    const std::unordered_set<std::string_view>& determined_claim_ids);

// "deemed:C1:BTC".
[[nodiscard]] std::string deemed_claim_id(std::string_view customer_id, std::string_view asset);

}  // namespace kanzai::claims
