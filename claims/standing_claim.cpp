// Choosing the standing claim of each customer and asset, and the decision table.
#include "claims/standing_claim.hpp"

#include <algorithm>
#include <tuple>

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
    result.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i) {
        result.push_back(base_decision(loaded, entitlements, amendments, i));
    }
    std::vector<std::uint32_t> remaining;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::uint32_t superseding = amendments.amended_by[i];
        if (superseding != no_index) {
            result[i].code = DecisionCode::r_amended;
            result[i].reason = fmt::format("superseded by amendment \"{}\"",
                                           loaded.claims[superseding].id);
        } else {
            remaining.push_back(i);
        }
    }
    // Group by (customer_id, asset) as written; within a group the standing claim first.
    const auto key = [&](std::uint32_t i) {
        const ClaimRow& claim = loaded.claims[i];
        return std::tie(claim.customer_id, claim.asset, amendments.filed_on[i], claim.id);
    };
    std::sort(remaining.begin(), remaining.end(),
              [&key](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
    std::uint32_t standing = no_index;
    for (const std::uint32_t i : remaining) {
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
