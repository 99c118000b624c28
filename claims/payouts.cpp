// Grouping allocations into payouts, with holds, catch-up against earlier payments and
// minimum payouts.
#include "claims/payouts.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

// A payout before catch-up: `eligible` stands for "not held", decided later between
// below_minimum and payable.
struct Key {
    std::string payee_id;
    std::uint32_t asset_index = 0;
    int tranche = 1;
    bool eligible = false;
    PayoutStatus held = PayoutStatus::payable;  // when !eligible
    auto operator<=>(const Key&) const = default;
};

PayoutStatus hold_of(const Case& loaded, const Decision& decision, engine::Portion portion,
                     bool& eligible) {
    eligible = false;
    const auto is_sanctioned = [&](std::uint32_t customer) {
        return customer != no_index && loaded.customers[customer].sanctioned;
    };
    // SPEC "Payouts": the first that holds.
    if (decision.has_transfer_finding) {
        return PayoutStatus::held_review;
    }
    // Selling a claim does not unfreeze it: the original customer counts too.
    if (is_sanctioned(decision.payee_index) || is_sanctioned(decision.customer_index)) {
        return PayoutStatus::frozen_sanctions;
    }
    if (portion == engine::Portion::disputed) {
        return PayoutStatus::held_disputed;
    }
    KANZAI_ASSERT(decision.payee_index != no_index);
    if (loaded.customers[decision.payee_index].kyc != Kyc::verified) {
        return PayoutStatus::held_kyc;
    }
    eligible = true;
    return PayoutStatus::payable;
}

// What was paid earlier, per payee and asset (payments.csv).
std::map<std::pair<std::string, std::uint32_t>, Int128> paid_earlier(const Case& loaded) {
    std::map<std::pair<std::string, std::uint32_t>, Int128> paid;
    for (const Payment& payment : loaded.payments) {
        Int128& total = paid[{payment.payee_id, payment.asset_index}];
        total = engine::checked_add(total, payment.amount.count);
    }
    return paid;
}

// Catch-up (SPEC "Payouts"): reduce the payee's eligible amounts in an asset by what was
// paid, earliest tranche first, never below zero; the excess is an overpayment. `eligible`
// maps (payee, asset) -> tranche -> amount, in tranche order.
using EligibleByTranche = std::map<std::pair<std::string, std::uint32_t>, std::map<int, Int128>>;

std::vector<Overpayment> catch_up(const Case& loaded, EligibleByTranche& eligible) {
    std::vector<Overpayment> overpayments;
    for (const auto& [payee_asset, paid_total] : paid_earlier(loaded)) {
        Int128 paid = paid_total;
        auto found = eligible.find(payee_asset);
        if (found != eligible.end()) {
            for (auto& [tranche, amount] : found->second) {
                const Int128 applied = std::min(paid, amount);
                amount -= applied;
                paid -= applied;
            }
        }
        if (paid > 0) {
            overpayments.push_back(
                {.payee_id = payee_asset.first, .asset_index = payee_asset.second, .amount = paid});
        }
    }
    return overpayments;
}

}  // namespace

std::string_view text_of(PayoutStatus status) {
    constexpr std::string_view names[] = {"held_review", "frozen_sanctions", "held_disputed",
                                          "held_kyc",    "below_minimum",    "payable"};
    return names[static_cast<int>(status)];
}

std::string payee_of(const Case& loaded, const Determination& determination,
                     const Distribution& distribution, const engine::Allocation& allocation) {
    if (allocation.is_creditor) {
        const auto& creditor = distribution.input.creditors[allocation.line_index];
        return "creditor:" + loaded.creditors[creditor.creditor_index].id;
    }
    const auto& line = distribution.input.lines[allocation.line_index];
    return determination.decisions[line.claim_index].payee_id;
}

PayoutSchedule schedule_payouts(const Case& loaded, const Determination& determination,
                                const Distribution& distribution) {
    std::map<Key, Int128> held;
    EligibleByTranche eligible;
    std::map<std::pair<std::string, std::uint32_t>, Int128> allocated;  // for the invariant
    for (const engine::Allocation& allocation : distribution.result.allocations) {
        Key key{.payee_id = payee_of(loaded, determination, distribution, allocation),
                .asset_index = allocation.asset_index,
                .tranche = allocation.tranche};
        if (allocation.is_creditor) {
            key.eligible = true;
        } else {
            const auto& line = distribution.input.lines[allocation.line_index];
            key.held = hold_of(loaded, determination.decisions[line.claim_index], line.portion,
                               key.eligible);
        }
        Int128& total = allocated[{key.payee_id, key.asset_index}];
        total = engine::checked_add(total, allocation.amount);
        if (key.eligible) {
            Int128& amount = eligible[{key.payee_id, key.asset_index}][key.tranche];
            amount = engine::checked_add(amount, allocation.amount);
        } else {
            Int128& amount = held[key];
            amount = engine::checked_add(amount, allocation.amount);
        }
    }
    PayoutSchedule schedule;
    schedule.overpayments = catch_up(loaded, eligible);

    for (const auto& [key, amount] : held) {
        schedule.payouts.push_back({key.payee_id, key.asset_index, key.tranche, key.held, amount});
    }
    for (const auto& [payee_asset, tranches] : eligible) {
        const auto& minimum = loaded.config.assets[payee_asset.second].min_payout;
        for (const auto& [tranche, amount] : tranches) {
            if (amount == 0) {
                continue;  // payouts of amount 0 are not written
            }
            const PayoutStatus status = minimum && amount < minimum->count
                                            ? PayoutStatus::below_minimum
                                            : PayoutStatus::payable;
            schedule.payouts.push_back(
                {payee_asset.first, payee_asset.second, tranche, status, amount});
        }
    }
    const auto& assets = loaded.config.assets;
    std::sort(schedule.payouts.begin(), schedule.payouts.end(),
              [&assets](const Payout& a, const Payout& b) {
                  return std::make_tuple(std::string_view(a.payee_id),
                                         std::string_view(assets[a.asset_index].id), a.tranche,
                                         text_of(a.status)) <
                         std::make_tuple(std::string_view(b.payee_id),
                                         std::string_view(assets[b.asset_index].id), b.tranche,
                                         text_of(b.status));
              });
    std::sort(schedule.overpayments.begin(), schedule.overpayments.end(),
              [&assets](const Overpayment& a, const Overpayment& b) {
                  return std::tie(a.payee_id, assets[a.asset_index].id) <
                         std::tie(b.payee_id, assets[b.asset_index].id);
              });

    // SPEC "Invariants": per payee and asset, payouts of every status + earlier payments
    // applied = allocations.
    std::map<std::pair<std::string, std::uint32_t>, Int128> accounted;
    for (const Payout& payout : schedule.payouts) {
        KANZAI_ASSERT(payout.amount > 0);
        Int128& total = accounted[{payout.payee_id, payout.asset_index}];
        total = engine::checked_add(total, payout.amount);
    }
    for (const auto& [payee_asset, paid_total] : paid_earlier(loaded)) {
        Int128 applied = paid_total;
        for (const Overpayment& over : schedule.overpayments) {
            if (over.payee_id == payee_asset.first && over.asset_index == payee_asset.second) {
                applied -= over.amount;
            }
        }
        KANZAI_ASSERT(applied >= 0);
        Int128& total = accounted[payee_asset];
        total = engine::checked_add(total, applied);
    }
    for (auto it = accounted.begin(); it != accounted.end();) {
        it = it->second == 0 ? accounted.erase(it) : std::next(it);
    }
    KANZAI_ASSERT(accounted == allocated);
    return schedule;
}

}  // namespace kanzai::claims
