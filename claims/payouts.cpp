// Grouping allocations into payouts, with holds, catch-up against earlier payments and
// minimum payouts. Grouping sorts flat vectors of entries keyed by the byte-order rank of
// the payee id: at 1M customers the std::map keyed by payee strings it replaces was 12% of
// `kanzai run`, and sorting by string views still 15% (issue #7).
#include "claims/payouts.hpp"

#include <algorithm>
#include <tuple>

#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

// One allocation, then one group of them (amounts summed) after sorting. `eligible` stands
// for "not held", decided later between below_minimum and payable.
struct Entry {
    std::uint32_t payee = 0;  // PayeeRanks rank
    std::uint32_t asset_index = 0;
    int tranche = 1;
    bool eligible = false;
    PayoutStatus held = PayoutStatus::payable;  // when !eligible
    Int128 amount = 0;

    [[nodiscard]] auto key() const {
        return std::make_tuple(payee, asset_index, tranche, eligible, held);
    }
};

// An amount per (payee, asset), kept sorted by (payee id bytes, asset index).
struct PayeeAsset {
    std::uint32_t payee = 0;  // PayeeRanks rank
    std::uint32_t asset_index = 0;
    Int128 amount = 0;

    [[nodiscard]] auto key() const { return std::make_tuple(payee, asset_index); }
    bool operator==(const PayeeAsset&) const = default;
};

// Sorts by key() and sums the amounts of equal keys into one element.
template <typename T>
void sort_and_merge(std::vector<T>& items) {
    std::sort(items.begin(), items.end(),
              [](const T& a, const T& b) { return a.key() < b.key(); });
    std::size_t kept = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (kept > 0 && items[kept - 1].key() == items[i].key()) {
            items[kept - 1].amount = engine::checked_add(items[kept - 1].amount, items[i].amount);
        } else {
            items[kept++] = items[i];
        }
    }
    items.resize(kept);
}

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

// Every payee id (of the decisions, the creditor lines and the payments) numbered in byte
// order, equal ids equal numbers: sorting by number is sorting by id.
struct PayeeRanks {
    std::vector<std::string_view> ids;  // by rank
    std::vector<std::uint32_t> of_decision;
    std::vector<std::uint32_t> of_creditor;
    std::vector<std::uint32_t> of_payment;
};

PayeeRanks rank_payees(const Case& loaded, const Determination& determination,
                       const std::vector<std::string>& creditor_payees) {
    PayeeRanks ranks;
    ranks.of_decision.resize(determination.decisions.size());
    ranks.of_creditor.resize(creditor_payees.size());
    ranks.of_payment.resize(loaded.payments.size());
    struct Slot {
        std::string_view id;
        std::uint32_t* rank;
    };
    std::vector<Slot> slots;
    slots.reserve(ranks.of_decision.size() + ranks.of_creditor.size() +
                  ranks.of_payment.size());
    for (std::size_t i = 0; i < determination.decisions.size(); ++i) {
        slots.push_back({determination.decisions[i].payee_id(loaded), &ranks.of_decision[i]});
    }
    for (std::size_t i = 0; i < creditor_payees.size(); ++i) {
        slots.push_back({creditor_payees[i], &ranks.of_creditor[i]});
    }
    for (std::size_t i = 0; i < loaded.payments.size(); ++i) {
        slots.push_back({loaded.payments[i].payee_id, &ranks.of_payment[i]});
    }
    std::sort(slots.begin(), slots.end(),
              [](const Slot& a, const Slot& b) { return a.id < b.id; });
    for (const Slot& slot : slots) {
        if (ranks.ids.empty() || ranks.ids.back() != slot.id) {
            ranks.ids.push_back(slot.id);
        }
        *slot.rank = static_cast<std::uint32_t>(ranks.ids.size() - 1);
    }
    return ranks;
}

// What was paid earlier, per payee and asset (payments.csv), sorted.
std::vector<PayeeAsset> paid_earlier(const Case& loaded, const PayeeRanks& ranks) {
    std::vector<PayeeAsset> paid;
    paid.reserve(loaded.payments.size());
    for (std::size_t i = 0; i < loaded.payments.size(); ++i) {
        const Payment& payment = loaded.payments[i];
        paid.push_back({ranks.of_payment[i], payment.asset_index, payment.amount.count});
    }
    sort_and_merge(paid);
    return paid;
}

// The allocations grouped by (payee, asset, tranche, eligible, held), sorted.
std::vector<Entry> grouped_allocations(const Case& loaded, const Determination& determination,
                                       const Distribution& distribution,
                                       const PayeeRanks& ranks) {
    std::vector<Entry> entries;
    entries.reserve(distribution.result.allocations.size());
    for (const engine::Allocation& allocation : distribution.result.allocations) {
        Entry entry{.payee = 0,
                    .asset_index = allocation.asset_index,
                    .tranche = allocation.tranche,
                    .eligible = false,
                    .held = PayoutStatus::payable,
                    .amount = allocation.amount};
        if (allocation.is_creditor) {
            entry.payee = ranks.of_creditor[allocation.line_index];
            entry.eligible = true;
        } else {
            const auto& line = distribution.input.lines[allocation.line_index];
            const Decision& decision = determination.decisions[line.claim_index];
            entry.payee = ranks.of_decision[line.claim_index];
            entry.held = hold_of(loaded, decision, line.portion, entry.eligible);
        }
        entries.push_back(entry);
    }
    sort_and_merge(entries);
    return entries;
}

// Catch-up (SPEC "Payouts"): reduce the payee's eligible amounts in an asset by what was
// paid, earliest tranche first, never below zero; the excess is an overpayment. `groups` is
// sorted, so a payee's eligible groups in an asset are in tranche order. Returns what was
// applied per (payee, asset), parallel to `paid`.
std::vector<Int128> catch_up(const std::vector<PayeeAsset>& paid, std::vector<Entry>& groups,
                             const PayeeRanks& ranks, std::vector<Overpayment>& overpayments) {
    std::vector<Int128> applied_total(paid.size(), 0);
    for (std::size_t p = 0; p < paid.size(); ++p) {
        Int128 left = paid[p].amount;
        auto group = std::lower_bound(groups.begin(), groups.end(), paid[p].key(),
                                      [](const Entry& entry, const auto& key) {
                                          return std::make_tuple(entry.payee,
                                                                 entry.asset_index) < key;
                                      });
        for (; group != groups.end() && group->payee == paid[p].payee &&
               group->asset_index == paid[p].asset_index;
             ++group) {
            if (group->eligible) {
                const Int128 applied = std::min(left, group->amount);
                group->amount -= applied;
                left -= applied;
            }
        }
        applied_total[p] = paid[p].amount - left;
        if (left > 0) {
            overpayments.push_back({.payee_id = std::string(ranks.ids[paid[p].payee]),
                                    .asset_index = paid[p].asset_index,
                                    .amount = left});
        }
    }
    return applied_total;
}

// SPEC "Invariants": per payee and asset, payouts of every status + earlier payments
// applied = allocations.
// `payees` are the ranks of the payouts' payees.
void check_accounted(const std::vector<Payout>& payouts, const std::vector<std::uint32_t>& payees,
                     const std::vector<PayeeAsset>& paid, const std::vector<Int128>& applied,
                     std::vector<PayeeAsset> allocated) {
    std::vector<PayeeAsset> accounted;
    accounted.reserve(payouts.size() + paid.size());
    for (std::size_t i = 0; i < payouts.size(); ++i) {
        KANZAI_ASSERT(payouts[i].amount > 0);
        accounted.push_back({payees[i], payouts[i].asset_index, payouts[i].amount});
    }
    for (std::size_t p = 0; p < paid.size(); ++p) {
        KANZAI_ASSERT(applied[p] >= 0);
        accounted.push_back({paid[p].payee, paid[p].asset_index, applied[p]});
    }
    sort_and_merge(accounted);
    std::erase_if(accounted, [](const PayeeAsset& total) { return total.amount == 0; });
    sort_and_merge(allocated);
    KANZAI_ASSERT(accounted == allocated);
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
    return std::string(determination.decisions[line.claim_index].payee_id(loaded));
}

PayoutSchedule schedule_payouts(const Case& loaded, const Determination& determination,
                                const Distribution& distribution) {
    // "creditor:<id>" per creditor line, the storage the entries' payee views point into.
    std::vector<std::string> creditor_payees;
    creditor_payees.reserve(distribution.input.creditors.size());
    for (const auto& creditor : distribution.input.creditors) {
        creditor_payees.push_back("creditor:" + loaded.creditors[creditor.creditor_index].id);
    }
    const PayeeRanks ranks = rank_payees(loaded, determination, creditor_payees);
    std::vector<Entry> groups = grouped_allocations(loaded, determination, distribution, ranks);
    std::vector<PayeeAsset> allocated;  // for the invariant, before catch-up
    allocated.reserve(groups.size());
    for (const Entry& group : groups) {
        allocated.push_back({group.payee, group.asset_index, group.amount});
    }

    PayoutSchedule schedule;
    const std::vector<PayeeAsset> paid = paid_earlier(loaded, ranks);
    const std::vector<Int128> applied = catch_up(paid, groups, ranks, schedule.overpayments);

    // Payouts in their output order: payee, asset id, tranche, status text.
    const auto& assets = loaded.config.assets;
    std::vector<std::uint32_t> order;
    order.reserve(groups.size());
    for (std::uint32_t i = 0; i < groups.size(); ++i) {
        Entry& group = groups[i];
        if (group.eligible) {
            if (group.amount == 0) {
                continue;  // payouts of amount 0 are not written
            }
            const auto& minimum = assets[group.asset_index].min_payout;
            group.held = minimum && group.amount < minimum->count ? PayoutStatus::below_minimum
                                                                  : PayoutStatus::payable;
        }
        order.push_back(i);
    }
    const auto output_key = [&](std::uint32_t i) {
        const Entry& group = groups[i];
        return std::make_tuple(group.payee, std::string_view(assets[group.asset_index].id),
                               group.tranche, text_of(group.held));
    };
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return output_key(a) < output_key(b); });
    schedule.payouts.reserve(order.size());
    std::vector<std::uint32_t> payees;
    payees.reserve(order.size());
    for (const std::uint32_t i : order) {
        const Entry& group = groups[i];
        schedule.payouts.push_back({std::string(ranks.ids[group.payee]), group.asset_index,
                                    group.tranche, group.held, group.amount});
        payees.push_back(group.payee);
    }
    std::sort(schedule.overpayments.begin(), schedule.overpayments.end(),
              [&assets](const Overpayment& a, const Overpayment& b) {
                  return std::tie(a.payee_id, assets[a.asset_index].id) <
                         std::tie(b.payee_id, assets[b.asset_index].id);
              });
    check_accounted(schedule.payouts, payees, paid, applied, std::move(allocated));
    return schedule;
}

}  // namespace kanzai::claims
