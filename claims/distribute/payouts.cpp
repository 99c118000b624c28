// Grouping allocations into payouts, with holds, catch-up against earlier payments and
// minimum payouts, one payee at a time. Payees are walked in byte order of their ids: the
// customers (in id order, which is file order in the common case) merged with the few
// other payees ("creditor:<id>"). Each allocation and payment is bucketed by payee with a
// counting sort on integer keys, so no string is compared per row and every payee's
// groups are a handful of entries (the sorts of string ranks and of 48-byte
// entries over all allocations were most of `kanzai run`'s payout phase).
#include "claims/distribute/payouts.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <tuple>

#include <fmt/format.h>

#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

// The allocations of one payee with the same (asset, tranche, status), summed. `eligible`
// stands for "not held", decided after catch-up between below_minimum and payable.
struct Group {
    std::uint32_t asset_index = 0;
    int tranche = 1;
    bool eligible = false;
    PayoutStatus status = PayoutStatus::payable;  // the hold when !eligible
    Int128 amount = 0;

    [[nodiscard]] auto key() const {
        return std::make_tuple(asset_index, tranche, eligible, status);
    }
};

// An amount per asset of one payee.
struct AssetAmount {
    std::uint32_t asset_index = 0;
    Int128 amount = 0;
};

// Adds `amount` to the entry of `asset_index`, appending one if there is none. Linear: a
// payee has a few assets.
void add_to(std::vector<AssetAmount>& totals, std::uint32_t asset_index, Int128 amount) {
    for (AssetAmount& total : totals) {
        if (total.asset_index == asset_index) {
            total.amount = engine::checked_add(total.amount, amount);
            return;
        }
    }
    totals.push_back({asset_index, amount});
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
    if (loaded.customers[decision.payee_index].kyc != Kyc::verified) {
        return PayoutStatus::held_kyc;
    }
    eligible = true;
    return PayoutStatus::payable;
}

// Every payee as an integer key: a customer is its index, another payee is the number of
// customers plus its index in `others` (sorted texts). `order` lists the keys in byte
// order of the payee ids.
struct Payees {
    std::uint32_t customers_count = 0;
    std::vector<std::string> others;
    std::vector<std::uint32_t> order;

    [[nodiscard]] std::uint32_t keys_count() const {
        return customers_count + static_cast<std::uint32_t>(others.size());
    }
    [[nodiscard]] std::uint32_t key_of_other(std::string_view text) const {
        const auto found = std::lower_bound(others.begin(), others.end(), text);
        KANZAI_ASSERT(found != others.end() && *found == text);
        return customers_count + static_cast<std::uint32_t>(found - others.begin());
    }
};

// Customer indexes in id order: the identity when customers.csv is in id order (checked
// in O(n)), else a sort of indexes.
std::vector<std::uint32_t> customers_by_id(const Case& loaded) {
    const auto& customers = loaded.customers;
    std::vector<std::uint32_t> order(customers.size());
    for (std::uint32_t c = 0; c < order.size(); ++c) {
        order[c] = c;
    }
    const auto id_less = [&customers](std::uint32_t a, std::uint32_t b) {
        return customers[a].id < customers[b].id;
    };
    if (!std::is_sorted(order.begin(), order.end(), id_less)) {
        std::sort(order.begin(), order.end(), id_less);
    }
    return order;
}

Payees order_payees(const Case& loaded, const Distribution& distribution) {
    Payees payees;
    payees.customers_count = static_cast<std::uint32_t>(loaded.customers.size());
    for (const engine::WaterfallCreditor& creditor : distribution.input.creditors) {
        payees.others.push_back("creditor:" + loaded.creditors[creditor.creditor_index].id);
    }
    for (const Payment& payment : loaded.payments) {
        if (loaded.find_customer(payment.payee_id) == no_index) {
            payees.others.push_back(payment.payee_id);
        }
    }
    std::sort(payees.others.begin(), payees.others.end());
    payees.others.erase(std::unique(payees.others.begin(), payees.others.end()),
                        payees.others.end());
    // Merge the two sorted lists into one order of keys.
    const std::vector<std::uint32_t> customers = customers_by_id(loaded);
    payees.order.reserve(payees.keys_count());
    std::size_t c = 0;
    std::size_t o = 0;
    while (c < customers.size() || o < payees.others.size()) {
        const bool take_customer =
            o == payees.others.size() ||
            (c < customers.size() && loaded.customers[customers[c]].id < payees.others[o]);
        if (take_customer) {
            payees.order.push_back(customers[c++]);
        } else {
            KANZAI_ASSERT(c == customers.size() ||
                          loaded.customers[customers[c]].id != payees.others[o]);
            payees.order.push_back(payees.customers_count + static_cast<std::uint32_t>(o++));
        }
    }
    return payees;
}

// Items bucketed by an integer key: the items of key k are items[offsets[k] ..
// offsets[k + 1]), in their original order (a stable counting sort).
struct Buckets {
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint32_t> items;

    [[nodiscard]] std::span<const std::uint32_t> of(std::uint32_t key) const {
        return std::span<const std::uint32_t>(items).subspan(offsets[key],
                                                              offsets[key + 1] - offsets[key]);
    }
};

Buckets bucket_by(const std::vector<std::uint32_t>& keys, std::uint32_t keys_count) {
    Buckets buckets;
    buckets.offsets.assign(std::size_t{keys_count} + 1, 0);
    for (const std::uint32_t key : keys) {
        KANZAI_ASSERT(key < keys_count);
        ++buckets.offsets[std::size_t{key} + 1];
    }
    for (std::size_t k = 1; k < buckets.offsets.size(); ++k) {
        buckets.offsets[k] += buckets.offsets[k - 1];
    }
    buckets.items.resize(keys.size());
    std::vector<std::uint32_t> cursor(buckets.offsets.begin(), buckets.offsets.end() - 1);
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
        buckets.items[cursor[keys[i]]++] = i;
    }
    return buckets;
}

// The elections that decide an allocation's asset paid (SPEC "Asset paid"), by customer.
class PaymentElections {
public:
    explicit PaymentElections(const Case& loaded) {
        for (const Election& election : loaded.elections) {
            if (election.kind == ElectionKind::convert) {
                if (convert_.empty()) {
                    convert_.assign(loaded.customers.size(), no_index);
                }
                convert_[election.customer_index] = election.asset_index;
            } else if (election.kind != ElectionKind::convenience) {
                in_kind_or_cash_.push_back(
                    {election.customer_index, election.asset_index, election.kind});
            }
        }
        std::sort(in_kind_or_cash_.begin(), in_kind_or_cash_.end());
    }

    // The asset of the customer's convert election, or no_index.
    [[nodiscard]] std::uint32_t convert_of(std::uint32_t customer) const {
        return convert_.empty() ? no_index : convert_[customer];
    }

    // The customer's kind or cash election for the asset, if any.
    [[nodiscard]] std::optional<ElectionKind> kind_or_cash(std::uint32_t customer,
                                                         std::uint32_t asset) const {
        const auto found = std::lower_bound(
            in_kind_or_cash_.begin(), in_kind_or_cash_.end(),
            std::make_tuple(customer, asset, ElectionKind::kind));
        if (found == in_kind_or_cash_.end() || std::get<0>(*found) != customer ||
            std::get<1>(*found) != asset) {
            return std::nullopt;
        }
        return std::get<2>(*found);
    }

private:
    std::vector<std::uint32_t> convert_;  // empty: no convert election at all
    std::vector<std::tuple<std::uint32_t, std::uint32_t, ElectionKind>> in_kind_or_cash_;
};

// SPEC "Asset paid": a pool allocation in kind, or sold at estate_price when the payee
// elected cash (or elected nothing and the asset is paid_in cash); a fund or estate
// allocation in the payee's convert asset, else [payouts] convert_to, else the currency.
// Each allocation is converted on its own, at most once. nullopt: the converted amount
// would exceed 2^127 - 1.
std::optional<AssetPaid> asset_paid(const Case& loaded, const PaymentElections& elections,
                                    std::uint32_t payee, const engine::Allocation& allocation) {
    const CaseConfig& config = loaded.config;
    const std::uint32_t currency = config.currency_index;
    const AssetPaid as_allocated{.asset_index = allocation.asset_index,
                                 .amount = allocation.amount,
                                 .is_converted = false,
                                 .price = {}};
    if (allocation.is_creditor) {
        return as_allocated;  // creditors are always paid in the currency
    }
    if (allocation.source_kind == engine::SourceKind::pool) {
        const std::uint32_t asset = allocation.asset_index;
        if (asset == currency) {
            return as_allocated;
        }
        const std::optional<ElectionKind> elected = elections.kind_or_cash(payee, asset);
        const bool in_cash = elected ? *elected == ElectionKind::cash
                                     : config.assets[asset].paid_in == PaidIn::cash;
        if (!in_cash) {
            return as_allocated;
        }
        const engine::Valuation at_estate_price = config.estate_valuation(asset);
        const std::optional<Value> proceeds =
            engine::try_value_of(Units{allocation.amount}, at_estate_price);
        if (!proceeds) {
            return std::nullopt;
        }
        return AssetPaid{.asset_index = currency,
                         .amount = proceeds->count,
                         .is_converted = true,
                         .price = at_estate_price.price};
    }
    const std::uint32_t elected = elections.convert_of(payee);
    const std::uint32_t target = elected != no_index           ? elected
                                 : config.convert_to != no_index ? config.convert_to
                                                                 : currency;
    if (target == currency) {
        return as_allocated;
    }
    const Asset& asset = config.assets[target];
    KANZAI_ASSERT(asset.distribution_price && asset.distribution_price->scaled > 0);
    engine::Valuation at_distribution_price = config.valuation(target);
    at_distribution_price.price = *asset.distribution_price;
    const std::optional<Units> units =
        engine::try_units_of(Value{allocation.amount}, at_distribution_price);
    if (!units) {
        return std::nullopt;
    }
    return AssetPaid{.asset_index = target,
                     .amount = units->count,
                     .is_converted = true,
                     .price = at_distribution_price.price};
}

// Sums one payee's allocations into groups and its allocations per asset (the latter for
// the invariant).
class PayeeSchedule {
public:
    PayeeSchedule(const Case& loaded, const Determination& determination,
                  const Distribution& distribution)
        : loaded_(loaded), determination_(determination), distribution_(distribution) {
        // SPEC: payouts are sorted by status text within (payee, asset, tranche).
        std::array<PayoutStatus, statuses_count> by_text{};
        for (std::size_t k = 0; k < statuses_count; ++k) {
            by_text[k] = static_cast<PayoutStatus>(k);
        }
        std::sort(by_text.begin(), by_text.end(), [](PayoutStatus a, PayoutStatus b) {
            return text_of(a) < text_of(b);
        });
        for (std::size_t rank = 0; rank < statuses_count; ++rank) {
            status_rank_[static_cast<std::size_t>(by_text[rank])] = rank;
        }
    }

    // Builds the payouts of one payee (id `payee_id`) from its allocations and payments,
    // appends them to `schedule` in output order and checks SPEC's invariant for it.
    void schedule(std::string_view payee_id, std::span<const std::uint32_t> allocations,
                  std::span<const std::uint32_t> payments, PayoutSchedule& schedule) {
        group(allocations, schedule);
        catch_up(payee_id, payments, schedule.overpayments);
        emit(payee_id, schedule.payouts);
        check_accounted();
    }

private:
    static constexpr std::size_t statuses_count =
        static_cast<std::size_t>(PayoutStatus::payable) + 1;

    void group(std::span<const std::uint32_t> allocations, PayoutSchedule& schedule) {
        groups_.clear();
        allocated_.clear();
        for (const std::uint32_t a : allocations) {
            const engine::Allocation& allocation = distribution_.result.allocations[a];
            std::uint32_t payee = no_index;
            Group entry{.asset_index = allocation.asset_index,
                        .tranche = allocation.tranche,
                        .eligible = true,
                        .status = PayoutStatus::payable,
                        .amount = allocation.amount};
            if (!allocation.is_creditor) {
                const engine::WaterfallLine& line =
                    distribution_.input.lines[allocation.recipient_index];
                const Decision& decision = determination_.decisions[line.decision_index];
                payee = decision.payee_index;
                entry.status = hold_of(loaded_, decision, line.portion, entry.eligible);
            }
            const std::optional<AssetPaid> paid =
                asset_paid(loaded_, elections_, payee, allocation);
            if (!paid) {
                report_overflow(allocation, schedule);
                continue;
            }
            if (paid->is_converted) {
                add_conversion(allocation, *paid);
            }
            entry.asset_index = paid->asset_index;
            entry.amount = paid->amount;
            add_to(allocated_, entry.asset_index, entry.amount);
            const auto same = std::find_if(groups_.begin(), groups_.end(), [&](const Group& g) {
                return g.key() == entry.key();
            });
            if (same == groups_.end()) {
                groups_.push_back(entry);
            } else {
                same->amount = engine::checked_add(same->amount, entry.amount);
            }
        }
        // A payee's eligible groups in an asset in tranche order, for catch-up.
        std::sort(groups_.begin(), groups_.end(),
                  [](const Group& a, const Group& b) { return a.key() < b.key(); });
    }

    void add_conversion(const engine::Allocation& allocation, const AssetPaid& paid) {
        const auto same = std::find_if(conversions_.begin(), conversions_.end(),
                                       [&](const Conversion& c) {
                                           return c.from_asset == allocation.asset_index &&
                                                  c.to_asset == paid.asset_index;
                                       });
        Conversion& conversion =
            same != conversions_.end()
                ? *same
                : conversions_.emplace_back(Conversion{.from_asset = allocation.asset_index,
                                                       .to_asset = paid.asset_index});
        conversion.from_amount = engine::checked_add(conversion.from_amount, allocation.amount);
        conversion.to_amount = engine::checked_add(conversion.to_amount, paid.amount);
    }

    // SPEC: a converted amount above 2^127 - 1 is invalid input at the price it comes from.
    void report_overflow(const engine::Allocation& allocation, PayoutSchedule& schedule) {
        if (!schedule.conversion_errors.empty()) {
            return;  // one is enough: the case must change its prices
        }
        const CaseConfig& config = loaded_.config;
        if (allocation.source_kind == engine::SourceKind::pool) {
            const Asset& asset = config.assets[allocation.asset_index];
            add_conversion_error(schedule, asset.line, 1,
                                 fmt::format("an allocation of {} sold at assets.{}.estate_price "
                                             "is worth more than 2^127-1 minor units of {}",
                                             asset.id, asset.id, config.currency().id));
            return;
        }
        const std::uint32_t payee = allocation.is_creditor ? no_index : payee_of_line(allocation);
        const std::uint32_t elected = payee == no_index ? no_index : elections_.convert_of(payee);
        const Asset& target =
            config.assets[elected != no_index ? elected : config.convert_to];
        add_conversion_error(schedule, target.distribution_price_line,
                             target.distribution_price_column,
                             fmt::format("assets.{}.distribution_price converts an allocation "
                                         "into more than 2^127-1 minor units of {}",
                                         target.id, target.id));
    }

    // Built field by field: g++ 12 at -O3 warns falsely (maybe-uninitialized) about the
    // std::string of a designated-initializer temporary pushed into the vector.
    static void add_conversion_error(PayoutSchedule& schedule, std::uint32_t line,
                                     std::uint32_t column, std::string message) {
        Diagnostic error;
        error.loc.file = "case.toml";
        error.loc.line = line;
        error.loc.column = column;
        error.message = std::move(message);
        schedule.conversion_errors.push_back(std::move(error));
    }

    [[nodiscard]] std::uint32_t payee_of_line(const engine::Allocation& allocation) const {
        const engine::WaterfallLine& line = distribution_.input.lines[allocation.recipient_index];
        return determination_.decisions[line.decision_index].payee_index;
    }

    // Catch-up (SPEC "Payouts"): reduce the payee's eligible amounts in an asset by what was
    // paid, earliest tranche first, never below zero; the excess is an overpayment.
    void catch_up(std::string_view payee_id, std::span<const std::uint32_t> payments,
                  std::vector<Overpayment>& overpayments) {
        paid_.clear();
        for (const std::uint32_t p : payments) {
            const Payment& payment = loaded_.payments[p];
            // SPEC "Payouts": a failed or returned payment was not received; its amount is
            // payable again.
            if (payment.status == PaymentStatus::paid) {
                add_to(paid_, payment.asset_index, payment.amount.count);
            }
        }
        std::sort(paid_.begin(), paid_.end(), [](const AssetAmount& a, const AssetAmount& b) {
            return a.asset_index < b.asset_index;
        });
        accounted_.clear();
        for (const AssetAmount& paid : paid_) {
            Int128 left = paid.amount;
            for (Group& group : groups_) {
                if (group.eligible && group.asset_index == paid.asset_index) {
                    const Int128 applied = std::min(left, group.amount);
                    group.amount -= applied;
                    left -= applied;
                }
            }
            KANZAI_ASSERT(left >= 0);
            add_to(accounted_, paid.asset_index, paid.amount - left);
            if (left > 0) {
                overpayments.push_back({.payee_id = std::string(payee_id),
                                        .asset_index = paid.asset_index,
                                        .amount = left});
            }
        }
    }

    // The payee's payouts in output order: asset id (asset indexes are in id order),
    // tranche, status text.
    void emit(std::string_view payee_id, std::vector<Payout>& payouts) {
        const auto& assets = loaded_.config.assets;
        // SPEC: payouts of 0 are not written: an eligible amount caught up in full, or an
        // allocation (held or not) that converted to less than one minor unit.
        std::erase_if(groups_, [](const Group& g) { return g.amount == 0; });
        for (Group& group : groups_) {
            if (group.eligible) {
                const auto& minimum = assets[group.asset_index].min_payout;
                group.status = minimum && group.amount < minimum->count
                                   ? PayoutStatus::below_minimum
                                   : PayoutStatus::payable;
            }
        }
        const auto output_key = [this](const Group& g) {
            return std::make_tuple(g.asset_index, g.tranche,
                                   status_rank_[static_cast<std::size_t>(g.status)]);
        };
        std::sort(groups_.begin(), groups_.end(), [&](const Group& a, const Group& b) {
            return output_key(a) < output_key(b);
        });
        for (const Group& group : groups_) {
            KANZAI_ASSERT(group.amount > 0);
            payouts.push_back({.payee_id = payee_id,
                               .asset_index = group.asset_index,
                               .tranche = group.tranche,
                               .status = group.status,
                               .amount = group.amount});
            add_to(accounted_, group.asset_index, group.amount);
        }
    }

    // SPEC "Invariants": per payee and asset, payouts of every status + earlier payments
    // applied = allocations. `allocated_` is summed from the allocations themselves, not
    // from the groups.
    void check_accounted() const {
        for (const AssetAmount& accounted : accounted_) {
            const auto allocated =
                std::find_if(allocated_.begin(), allocated_.end(), [&](const AssetAmount& a) {
                    return a.asset_index == accounted.asset_index;
                });
            KANZAI_ASSERT(allocated == allocated_.end() ? accounted.amount == 0
                                                        : allocated->amount == accounted.amount);
        }
        for (const AssetAmount& allocated : allocated_) {
            // Allocations that converted to 0 account for nothing.
            KANZAI_ASSERT(allocated.amount == 0 ||
                          std::any_of(accounted_.begin(), accounted_.end(),
                                      [&](const AssetAmount& a) {
                                          return a.asset_index == allocated.asset_index;
                                      }));
        }
    }

public:
    // Every payee's conversions, summed: by (from asset, to asset) index, which is id order.
    [[nodiscard]] std::vector<Conversion> take_conversions() {
        std::sort(conversions_.begin(), conversions_.end(),
                  [](const Conversion& a, const Conversion& b) {
                      return std::tie(a.from_asset, a.to_asset) <
                             std::tie(b.from_asset, b.to_asset);
                  });
        return std::move(conversions_);
    }

private:
    const Case& loaded_;
    const Determination& determination_;
    const Distribution& distribution_;
    PaymentElections elections_{loaded_};
    std::vector<Conversion> conversions_;  // a handful of asset pairs
    std::array<std::size_t, statuses_count> status_rank_{};
    // Reused from payee to payee: no allocation per payee once warm.
    std::vector<Group> groups_;
    std::vector<AssetAmount> allocated_;
    std::vector<AssetAmount> paid_;
    std::vector<AssetAmount> accounted_;
};

}  // namespace

std::string_view text_of(PayoutStatus status) {
    constexpr std::string_view names[] = {"held_review", "frozen_sanctions", "held_disputed",
                                          "held_kyc",    "below_minimum",    "payable"};
    return names[static_cast<int>(status)];
}

bool is_eligible(const Case& loaded, const Determination& determination,
                 const Distribution& distribution, const engine::Allocation& allocation) {
    if (allocation.is_creditor) {
        return true;  // creditors are payable or below_minimum, never held
    }
    const engine::WaterfallLine& line = distribution.input.lines[allocation.recipient_index];
    bool eligible = false;
    (void)hold_of(loaded, determination.decisions[line.decision_index], line.portion, eligible);
    return eligible;
}

std::string payee_of(const Case& loaded, const Determination& determination,
                     const Distribution& distribution, const engine::Allocation& allocation) {
    if (allocation.is_creditor) {
        const auto& creditor = distribution.input.creditors[allocation.recipient_index];
        return "creditor:" + loaded.creditors[creditor.creditor_index].id;
    }
    const auto& line = distribution.input.lines[allocation.recipient_index];
    return std::string(determination.decisions[line.decision_index].payee_id(loaded));
}

std::string claim_id_of(const Case& loaded, const Determination& determination,
                        const Distribution& distribution, const engine::Allocation& allocation) {
    if (allocation.is_creditor) {
        // "creditor:<id>" names both the creditor's claim and its payee.
        return payee_of(loaded, determination, distribution, allocation);
    }
    const auto& line = distribution.input.lines[allocation.recipient_index];
    return std::string(determination.decisions[line.decision_index].claim_id);
}

const char* portion_of(const Distribution& distribution, const engine::Allocation& allocation) {
    const bool is_disputed =
        !allocation.is_creditor &&
        distribution.input.lines[allocation.recipient_index].portion == engine::Portion::disputed;
    return is_disputed ? "disputed" : "admitted";
}

PayoutSchedule schedule_payouts(const Case& loaded, const Determination& determination,
                                const Distribution& distribution) {
    const auto& assets = loaded.config.assets;
    KANZAI_ASSERT(std::is_sorted(assets.begin(), assets.end(),
                                 [](const Asset& a, const Asset& b) { return a.id < b.id; }));
    Payees payees = order_payees(loaded, distribution);
    const std::uint32_t keys_count = payees.keys_count();

    std::vector<std::uint32_t> keys;
    {
        std::vector<std::uint32_t> creditor_keys;
        for (const engine::WaterfallCreditor& creditor : distribution.input.creditors) {
            creditor_keys.push_back(payees.key_of_other(
                "creditor:" + loaded.creditors[creditor.creditor_index].id));
        }
        const auto& allocations = distribution.result.allocations;
        keys.reserve(allocations.size());
        for (const engine::Allocation& allocation : allocations) {
            if (allocation.is_creditor) {
                keys.push_back(creditor_keys[allocation.recipient_index]);
                continue;
            }
            const engine::WaterfallLine& line =
                distribution.input.lines[allocation.recipient_index];
            const std::uint32_t payee = determination.decisions[line.decision_index].payee_index;
            // SPEC "Transfers and payees": only a claim of an unknown customer (rejected,
            // so without lines) has a payee that is not a customer.
            KANZAI_ASSERT(payee != no_index);
            keys.push_back(payee);
        }
    }
    const Buckets by_payee = bucket_by(keys, keys_count);
    keys.clear();
    for (const Payment& payment : loaded.payments) {
        const std::uint32_t customer = loaded.find_customer(payment.payee_id);
        keys.push_back(customer != no_index ? customer : payees.key_of_other(payment.payee_id));
    }
    const Buckets payments_by_payee = bucket_by(keys, keys_count);
    keys = {};

    PayoutSchedule schedule;
    // Each payout sums one allocation or more: an upper bound, reserved but not touched.
    schedule.payouts.reserve(distribution.result.allocations.size());
    PayeeSchedule payee_schedule(loaded, determination, distribution);
    for (const std::uint32_t key : payees.order) {
        const std::span<const std::uint32_t> allocations = by_payee.of(key);
        const std::span<const std::uint32_t> payments = payments_by_payee.of(key);
        if (allocations.empty() && payments.empty()) {
            continue;
        }
        const std::string_view payee_id = key < payees.customers_count
                                              ? std::string_view(loaded.customers[key].id)
                                              : payees.others[key - payees.customers_count];
        payee_schedule.schedule(payee_id, allocations, payments, schedule);
    }
    schedule.conversions = payee_schedule.take_conversions();
    // The views into `others` stay valid: moving a vector keeps its elements in place.
    schedule.payee_texts =
        std::make_unique<const std::vector<std::string>>(std::move(payees.others));
    return schedule;
}

std::vector<std::optional<AssetPaid>> assets_paid(const Case& loaded,
                                                  const Determination& determination,
                                                  const Distribution& distribution) {
    const PaymentElections elections(loaded);
    std::vector<std::optional<AssetPaid>> paid;
    paid.reserve(distribution.result.allocations.size());
    for (const engine::Allocation& allocation : distribution.result.allocations) {
        const std::uint32_t payee =
            allocation.is_creditor
                ? no_index
                : determination.decisions[distribution.input.lines[allocation.recipient_index]
                                              .decision_index]
                      .payee_index;
        paid.push_back(asset_paid(loaded, elections, payee, allocation));
    }
    return paid;
}

}  // namespace kanzai::claims
