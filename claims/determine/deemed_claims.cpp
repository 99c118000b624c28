// Deemed claims for unfiled (or barred and undetermined) ledger balances.
#include "claims/determine/deemed_claims.hpp"

#include <algorithm>
#include <cstdint>

#include "claims/determine/standing_claim.hpp"
#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

std::uint64_t pair_key(std::uint32_t customer_index, std::uint32_t asset_index) {
    return (std::uint64_t{customer_index} << 32) | asset_index;
}

}  // namespace

void deem_claims(const Case& loaded, std::span<const Entitlement> entitlements,
                 const std::unordered_set<std::string_view>& determined_claim_ids,
                 std::vector<Decision>& decisions, TextPool& ids) {
    if (loaded.config.rules.unfiled == UnfiledRule::ignore) {
        return;
    }
    const std::size_t filed_count = decisions.size();
    // At most one per entitlement: reserved once, so that appending never moves the filed
    // decisions read below (decide_filed_claims usually reserved it already).
    decisions.reserve(filed_count + entitlements.size());
    // The standing claim of each known (customer, asset), at most one per pair, sorted by
    // pair like the entitlements, so one merging walk pairs them (no hash map
    // of a million nodes).
    struct Standing {
        std::uint64_t pair = 0;
        std::uint32_t decision_index = 0;
    };
    std::vector<Standing> standings;
    standings.reserve(filed_count);
    for (std::uint32_t i = 0; i < filed_count; ++i) {
        const Decision& decision = decisions[i];
        if (is_standing(decision) && decision.customer_index != no_index &&
            decision.asset_index != no_index) {
            standings.push_back(
                {.pair = pair_key(decision.customer_index, decision.asset_index),
                 .decision_index = i});
        }
    }
    std::sort(standings.begin(), standings.end(),
              [](const Standing& a, const Standing& b) { return a.pair < b.pair; });
    for (std::size_t i = 1; i < standings.size(); ++i) {
        KANZAI_ASSERT(standings[i - 1].pair != standings[i].pair);
    }
    auto next_standing = standings.begin();
    for (const Entitlement& entitlement : entitlements) {
        const std::uint64_t pair = pair_key(entitlement.customer_index, entitlement.asset_index);
        while (next_standing != standings.end() && next_standing->pair < pair) {
            ++next_standing;
        }
        if (entitlement.after_set_off.count <= 0) {
            continue;
        }
        const bool has_standing = next_standing != standings.end() && next_standing->pair == pair;
        // The reason names the barred standing claim, if any (reasons.hpp).
        std::uint32_t barred_claim = no_index;
        if (has_standing) {
            const Decision& standing = decisions[next_standing->decision_index];
            // SPEC: a barred standing claim with a determination leaves the balance to the
            // administrator's decision; no deemed claim.
            if (standing.code != DecisionCode::r_late_barred ||
                determined_claim_ids.contains(standing.claim_id)) {
                continue;
            }
            barred_claim = standing.claim_index;
        }
        const Customer& customer = loaded.customers[entitlement.customer_index];
        const Asset& asset = loaded.config.assets[entitlement.asset_index];
        Decision deemed;
        deemed.claim_id = ids.add({"deemed:", customer.id, ":", asset.id});
        deemed.is_deemed = true;
        deemed.customer_index = entitlement.customer_index;
        deemed.asset_index = entitlement.asset_index;
        deemed.ledger = entitlement.after_set_off;
        deemed.ledger_before = entitlement.ledger;
        deemed.has_entitlement = true;
        deemed.admitted = entitlement.after_set_off;
        deemed.code = DecisionCode::d_deemed;
        deemed.is_late = false;  // SPEC: a deemed claim is never late.
        deemed.reason_ref = barred_claim;
        decisions.push_back(deemed);
    }
}

}  // namespace kanzai::claims
