// Choosing the standing claim of each customer and asset, and the decision table.
#include "claims/determine/standing_claim.hpp"

#include <algorithm>

#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

Decision base_decision(const Case& loaded, std::span<const Entitlement> entitlements,
                       const Amendments& amendments, std::uint32_t index) {
    const ClaimRow& claim = loaded.claims[index];
    Decision result;
    result.claim_id = claim.id;  // a view: the Case outlives the Determination
    result.claim_index = index;
    result.customer_index = claim.customer_index;
    result.asset_index = claim.asset_index;
    if (claim.customer_index != no_index && claim.asset_index != no_index) {
        const Entitlement* entitlement =
            find_entitlement(entitlements, claim.customer_index, claim.asset_index);
        if (entitlement != nullptr) {
            result.ledger = entitlement->after_set_off;
            result.ledger_before = entitlement->ledger;
            result.has_entitlement = true;
        }
    }
    // SPEC: a claim is late when its (related-back) filed_on is after bar_date.
    result.is_late = amendments.filed_on[index] > loaded.config.bar_date;
    // What the reason of a standing claim shows (reasons.hpp): its related-back filing
    // and the claim it amends.
    result.reason_date = amendments.filed_on[index];
    result.reason_ref = amendments.amends[index];
    return result;
}

// SPEC "Standing claim": the first row of the decision table that holds. The reason is
// rendered from the code and the decision's facts when printed (reasons.hpp).
void decide_standing(const Case& loaded, std::uint32_t index, Decision& decision) {
    const ClaimRow& claim = loaded.claims[index];
    if (claim.customer_index == no_index) {
        decision.code = DecisionCode::r_unknown_customer;
        return;
    }
    if (claim.asset_index == no_index) {
        decision.code = DecisionCode::r_unknown_asset;
        return;
    }
    if (decision.is_late && loaded.config.rules.late == LateRule::bar) {
        decision.code = DecisionCode::r_late_barred;
        return;
    }
    const Units filed = claim.amount;
    const Units entitled = decision.ledger;
    if (entitled.count == 0) {
        decision.code = DecisionCode::r_no_balance;
    } else if (filed <= entitled) {
        decision.code = DecisionCode::a_matches_ledger;
        decision.admitted = filed;
    } else {
        const bool dispute = loaded.config.rules.excess == ExcessRule::dispute;
        decision.code =
            dispute ? DecisionCode::p_excess_disputed : DecisionCode::p_excess_rejected;
        decision.admitted = entitled;
        decision.disputed = dispute ? sub(filed, entitled) : Units{0};
    }
}

// What orders the claims that no amendment supersedes: grouped by (customer_id, asset),
// then by related-back filed_on and claim_id. Kept in the sorted array itself so that most
// comparisons read no string.
struct GroupKey {
    std::uint32_t customer_index = no_index;
    std::uint32_t asset_index = no_index;
    Date filed_on;
    std::uint32_t claim_index = 0;
};

// A known customer's (asset's) index stands for its id, which no unknown id equals, so
// grouping by index, then by the text of unknown ones, forms the same groups as grouping
// by the text; the order of groups does not matter, only that each is contiguous.
bool is_before(const Case& loaded, const GroupKey& a, const GroupKey& b) {
    const ClaimRow& claim_a = loaded.claims[a.claim_index];
    const ClaimRow& claim_b = loaded.claims[b.claim_index];
    if (a.customer_index != b.customer_index) {
        return a.customer_index < b.customer_index;
    }
    if (a.customer_index == no_index && claim_a.customer_id != claim_b.customer_id) {
        return claim_a.customer_id < claim_b.customer_id;
    }
    if (a.asset_index != b.asset_index) {
        return a.asset_index < b.asset_index;
    }
    if (a.asset_index == no_index && claim_a.asset != claim_b.asset) {
        return claim_a.asset < claim_b.asset;
    }
    if (a.filed_on != b.filed_on) {
        return a.filed_on < b.filed_on;
    }
    return claim_a.id < claim_b.id;
}

}  // namespace

bool is_standing(const Decision& decision) {
    return !decision.is_deemed && decision.code != DecisionCode::r_amended &&
           decision.code != DecisionCode::r_duplicate;
}

std::vector<Decision> decide_filed_claims(const Case& loaded,
                                          std::span<const Entitlement> entitlements,
                                          const Amendments& amendments) {
    const std::size_t count = loaded.claims.size();
    std::vector<Decision> result;
    // Room for the deemed claims determine_claims appends (at most one per entitlement),
    // so that appending them does not move a million decisions.
    result.reserve(count + entitlements.size());
    for (std::uint32_t i = 0; i < count; ++i) {
        result.push_back(base_decision(loaded, entitlements, amendments, i));
    }
    std::vector<GroupKey> remaining;
    remaining.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint32_t superseding = amendments.amended_by[i];
        if (superseding != no_index) {
            result[i].code = DecisionCode::r_amended;
            result[i].reason_ref = superseding;
        } else {
            const ClaimRow& claim = loaded.claims[i];
            remaining.push_back({.customer_index = claim.customer_index,
                                 .asset_index = claim.asset_index,
                                 .filed_on = amendments.filed_on[i],
                                 .claim_index = i});
        }
    }
    // Group by (customer_id, asset) as written; within a group the standing claim first.
    std::sort(remaining.begin(), remaining.end(),
              [&loaded](const GroupKey& a, const GroupKey& b) { return is_before(loaded, a, b); });
    std::uint32_t standing = no_index;
    for (const GroupKey& key : remaining) {
        const std::uint32_t i = key.claim_index;
        const ClaimRow& claim = loaded.claims[i];
        const bool same_group = standing != no_index &&
                                loaded.claims[standing].customer_id == claim.customer_id &&
                                loaded.claims[standing].asset == claim.asset;
        if (same_group) {
            result[i].code = DecisionCode::r_duplicate;
            result[i].reason_ref = standing;
            result[i].reason_date = amendments.filed_on[standing];
            continue;
        }
        standing = i;
        decide_standing(loaded, i, result[i]);
        KANZAI_ASSERT(result[i].admitted.count >= 0);
        KANZAI_ASSERT(result[i].disputed.count >= 0);
    }
    return result;
}

}  // namespace kanzai::claims
