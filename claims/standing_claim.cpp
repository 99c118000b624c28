// Choosing the standing claim of each customer and asset, and the decision table.
#include "claims/standing_claim.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "claims/reasons.hpp"
#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

Decision base_decision(const Case& loaded, std::span<const Entitlement> entitlements,
                       const Amendments& amendments, std::uint32_t index) {
    const ClaimRow& claim = loaded.claims[index];
    Decision result;
    result.claim_id = claim.id;
    result.customer_id = claim.customer_id;
    result.customer_index = claim.customer_index;
    result.asset = claim.asset;
    result.asset_index = claim.asset_index;
    result.filed_text = claim.amount_text;
    result.filed = claim.asset_index == no_index ? Units{0} : claim.amount;
    if (claim.customer_index != no_index && claim.asset_index != no_index) {
        const Entitlement* entitlement =
            find_entitlement(entitlements, claim.customer_index, claim.asset_index);
        result.ledger = entitlement == nullptr ? Units{0} : entitlement->after_set_off;
    }
    // SPEC: a claim is late when its (related-back) filed_on is after bar_date.
    result.is_late = amendments.filed_on[index] > loaded.config.bar_date;
    return result;
}

// "; amends "K1", related back to its filing on 2026-04-01": tells the reader why a claim
// filed late may be timely.
std::string amendment_note(const Case& loaded, const Amendments& amendments,
                           std::uint32_t index) {
    const std::uint32_t amended = amendments.amends[index];
    if (amended == no_index) {
        return {};
    }
    return fmt::format("; amends \"{}\", related back to the original filing on {}",
                       loaded.claims[amended].id, amendments.filed_on[index].text());
}

// SPEC "Standing claim": the first row of the decision table that holds.
void decide_standing(const Case& loaded, std::span<const Entitlement> entitlements,
                     const Amendments& amendments, std::uint32_t index, Decision& decision) {
    const ClaimRow& claim = loaded.claims[index];
    const std::string note = amendment_note(loaded, amendments, index);
    if (claim.customer_index == no_index) {
        decision.code = DecisionCode::r_unknown_customer;
        decision.reason = fmt::format("customer \"{}\" is not in customers.csv; claim of {} {} "
                                      "rejected{}",
                                      claim.customer_id, claim.amount_text, claim.asset, note);
        return;
    }
    if (claim.asset_index == no_index) {
        decision.code = DecisionCode::r_unknown_asset;
        decision.reason = fmt::format("asset \"{}\" is not in case.toml; claim of {} {} "
                                      "rejected{}",
                                      claim.asset, claim.amount_text, claim.asset, note);
        return;
    }
    const Date bar_date = loaded.config.bar_date;
    if (decision.is_late && loaded.config.rules.late == LateRule::bar) {
        decision.code = DecisionCode::r_late_barred;
        decision.reason = fmt::format("filed {}, after the bar date {}; late claims are "
                                      "barred{}",
                                      amendments.filed_on[index].text(), bar_date.text(), note);
        return;
    }
    const Asset& asset = loaded.config.assets[claim.asset_index];
    const Units filed = claim.amount;
    const Units entitled = decision.ledger;
    const std::string figures = fmt::format(
        "filed {}; {}", amount_text(filed, asset),
        ledger_text(find_entitlement(entitlements, claim.customer_index, claim.asset_index),
                    asset));
    if (entitled.count == 0) {
        decision.code = DecisionCode::r_no_balance;
        decision.reason = fmt::format("{}; nothing to admit{}", figures, note);
    } else if (filed <= entitled) {
        decision.code = DecisionCode::a_matches_ledger;
        decision.admitted = filed;
        decision.reason = fmt::format("{}; admitted as filed{}", figures, note);
    } else {
        const bool dispute = loaded.config.rules.excess == ExcessRule::dispute;
        decision.code =
            dispute ? DecisionCode::p_excess_disputed : DecisionCode::p_excess_rejected;
        decision.admitted = entitled;
        decision.disputed = dispute ? sub(filed, entitled) : Units{0};
        decision.reason = fmt::format(
            "{}; {} admitted, excess {} {}{}", figures, amount_text(entitled, asset),
            amount_text(sub(filed, entitled), asset), dispute ? "disputed" : "rejected", note);
    }
}

// What orders the claims that no amendment supersedes: grouped by (customer_id, asset),
// then by related-back filed_on and claim_id. Kept in the sorted array itself so that most
// comparisons read no string (issue #7).
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
    // so that appending them does not move a million decisions (issue #7).
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
            result[i].reason = fmt::format("superseded by amendment \"{}\"",
                                           loaded.claims[superseding].id);
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
            result[i].reason = fmt::format(
                "duplicate of standing claim \"{}\" of the same customer and asset, filed {}",
                loaded.claims[standing].id, amendments.filed_on[standing].text());
            continue;
        }
        standing = i;
        decide_standing(loaded, entitlements, amendments, i, result[i]);
        KANZAI_ASSERT(result[i].admitted.count >= 0);
        KANZAI_ASSERT(result[i].disputed.count >= 0);
    }
    return result;
}

}  // namespace kanzai::claims
