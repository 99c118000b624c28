// SPEC "Deemed claims": with unfiled = "admit", ledger balances nobody filed a claim for
// (or whose only standing claim is barred as late and undetermined) are admitted anyway.
#pragma once

#include <span>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/determine/entitlement.hpp"
#include "claims/text_pool.hpp"

namespace kanzai::claims {

// Appends to `decisions` the deemed claims "deemed:<customer_id>:<asset>", in entitlement
// order: one per (c,a) with E > 0 after set-off and either no standing claim among the
// decisions already in `decisions` (those of decide_filed_claims) or a standing claim that
// is R-LATE-BARRED and whose claim_id is not in `determined_claim_ids`. Each is admitted at
// E, code D-DEEMED, never late; its claim_id is stored in `ids`. Nothing with unfiled =
// "ignore". `entitlements` sorted as sum_entitlements gives them. Sort + merging walk:
// O(n log n).
void deem_claims(const Case& loaded, std::span<const Entitlement> entitlements,
                 const std::unordered_set<std::string_view>& determined_claim_ids,
                 std::vector<Decision>& decisions, TextPool& ids);

}  // namespace kanzai::claims
