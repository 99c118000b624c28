// Deemed claims for unfiled (or barred and undetermined) ledger balances.
#include "claims/deemed_claims.hpp"

#include <cstdint>
#include <unordered_map>

#include <fmt/format.h>

#include "claims/reasons.hpp"
#include "claims/standing_claim.hpp"
#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

std::uint64_t pair_key(std::uint32_t customer_index, std::uint32_t asset_index) {
    return (std::uint64_t{customer_index} << 32) | asset_index;
}

}  // namespace

std::string deemed_claim_id(std::string_view customer_id, std::string_view asset) {
    return fmt::format("deemed:{}:{}", customer_id, asset);
}

std::vector<Decision> deem_claims(
    const Case& loaded, std::span<const Entitlement> entitlements,
    std::span<const Decision> filed,
    const std::unordered_set<std::string_view>& determined_claim_ids) {
    std::vector<Decision> result;
    if (loaded.config.rules.unfiled == UnfiledRule::ignore) {
        return result;
    }
    // The standing claim of each known (customer, asset): at most one per pair.
    std::unordered_map<std::uint64_t, std::uint32_t> standing_by_pair;
    for (std::uint32_t i = 0; i < filed.size(); ++i) {
        const Decision& decision = filed[i];
        if (is_standing(decision) && decision.customer_index != no_index &&
            decision.asset_index != no_index) {
            const bool inserted =
                standing_by_pair
                    .emplace(pair_key(decision.customer_index, decision.asset_index), i)
                    .second;
            KANZAI_ASSERT(inserted);
        }
    }
    for (const Entitlement& entitlement : entitlements) {
        if (entitlement.after_set_off.count <= 0) {
            continue;
        }
        const auto found =
            standing_by_pair.find(pair_key(entitlement.customer_index, entitlement.asset_index));
        std::string why = "no claim filed";
        if (found != standing_by_pair.end()) {
            const Decision& standing = filed[found->second];
            // SPEC: a barred standing claim with a determination leaves the balance to the
            // administrator's decision; no deemed claim.
            if (standing.code != DecisionCode::r_late_barred ||
                determined_claim_ids.contains(standing.claim_id)) {
                continue;
            }
            why = fmt::format("standing claim \"{}\" is barred as late", standing.claim_id);
        }
        const Customer& customer = loaded.customers[entitlement.customer_index];
        const Asset& asset = loaded.config.assets[entitlement.asset_index];
        Decision deemed;
        deemed.claim_id = deemed_claim_id(customer.id, asset.id);
        deemed.is_deemed = true;
        deemed.customer_id = customer.id;
        deemed.customer_index = entitlement.customer_index;
        deemed.asset = asset.id;
        deemed.asset_index = entitlement.asset_index;
        deemed.ledger = entitlement.after_set_off;
        deemed.admitted = entitlement.after_set_off;
        deemed.code = DecisionCode::d_deemed;
        deemed.is_late = false;  // SPEC: a deemed claim is never late.
        deemed.reason = fmt::format("{}; {}; admitted as a deemed claim", why,
                                    ledger_text(&entitlement, asset));
        result.push_back(std::move(deemed));
    }
    return result;
}

}  // namespace kanzai::claims
