// Proportional set-off per customer, in one linear pass over the customer's entitlements.
#include "claims/determine/set_off.hpp"

#include <algorithm>
#include <span>

#include "engine/assert.hpp"
#include "engine/wide.hpp"

namespace kanzai::claims {
namespace {

// D and V of one customer (SPEC "Set-off"), each entitlement valued on its own.
SetOff debt_and_value(std::span<const Entitlement> entries, const CaseConfig& config) {
    SetOff result;
    result.customer_index = entries.front().customer_index;
    for (const Entitlement& entry : entries) {
        const engine::Valuation valuation = config.valuation(entry.asset_index);
        if (entry.ledger.count < 0) {
            const Units debt{-entry.ledger.count};
            result.debt = add(result.debt, engine::value_of(debt, valuation));
        } else if (entry.ledger.count > 0) {
            result.positive_value =
                add(result.positive_value, engine::value_of(entry.ledger, valuation));
        }
    }
    return result;
}

// Reduces each positive entitlement to floor(E * (V - D) / V), or 0 when D >= V.
void reduce(std::span<Entitlement> entries, const SetOff& set_off) {
    for (Entitlement& entry : entries) {
        if (entry.ledger.count <= 0) {
            KANZAI_ASSERT(entry.after_set_off.count == 0);
            continue;
        }
        if (set_off.debt >= set_off.positive_value) {
            entry.after_set_off = Units{0};
            continue;
        }
        const Int128 kept = sub(set_off.positive_value, set_off.debt).count;
        entry.after_set_off =
            Units{engine::mul_div(entry.ledger.count, kept, set_off.positive_value.count)
                      .quotient};
        KANZAI_ASSERT(entry.after_set_off.count >= 0);
        KANZAI_ASSERT(entry.after_set_off <= entry.ledger);
    }
}

}  // namespace

std::vector<SetOff> apply_set_off(std::vector<Entitlement>& entitlements, const Case& loaded) {
    std::vector<SetOff> result;
    if (loaded.config.rules.set_off == SetOffRule::none) {
        return result;
    }
    std::size_t begin = 0;
    while (begin < entitlements.size()) {
        std::size_t end = begin + 1;
        while (end < entitlements.size() &&
               entitlements[end].customer_index == entitlements[begin].customer_index) {
            ++end;
        }
        const std::span<Entitlement> entries(entitlements.data() + begin, end - begin);
        SetOff set_off = debt_and_value(entries, loaded.config);
        // A debt worth 0 at price (a dust balance valued down to nothing) is no set-off.
        KANZAI_MAYBE(set_off.debt.count == 0);
        if (set_off.debt.count > 0) {
            reduce(entries, set_off);
            if (set_off.debt > set_off.positive_value) {
                set_off.receivable = sub(set_off.debt, set_off.positive_value);
            }
            result.push_back(set_off);
        }
        begin = end;
    }
    std::sort(result.begin(), result.end(), [&loaded](const SetOff& a, const SetOff& b) {
        return loaded.customers[a.customer_index].id < loaded.customers[b.customer_index].id;
    });
    return result;
}

}  // namespace kanzai::claims
