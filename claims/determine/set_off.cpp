// Proportional set-off per customer, in one linear pass over the customer's entitlements.
#include "claims/determine/set_off.hpp"

#include <algorithm>
#include <optional>
#include <span>

#include <fmt/format.h>

#include "engine/assert.hpp"
#include "engine/wide.hpp"

namespace kanzai::claims {
namespace {

// D and V of one customer (SPEC "Set-off"), each entitlement valued on its own (each value
// fits: the loader bounds ledger.csv's per-asset total at price). Summed over assets they
// may not: nullopt, after reporting the customer, when D or V passes 2^127 - 1 minor units.
std::optional<SetOff> debt_and_value(std::span<const Entitlement> entries, const Case& loaded,
                                     Diagnostics& diagnostics) {
    const CaseConfig& config = loaded.config;
    constexpr auto total_max = static_cast<engine::UInt128>(engine::units_total_max);
    engine::UInt128 debt = 0;
    engine::UInt128 positive_value = 0;
    for (const Entitlement& entry : entries) {
        const engine::Valuation valuation = config.valuation(entry.asset_index);
        if (entry.ledger.count < 0) {
            debt += static_cast<engine::UInt128>(
                engine::value_of(Units{-entry.ledger.count}, valuation).count);
        } else if (entry.ledger.count > 0) {
            positive_value +=
                static_cast<engine::UInt128>(engine::value_of(entry.ledger, valuation).count);
        }
        // Each term is below 2^127, so a total checked after every term never wraps.
        if (debt > total_max || positive_value > total_max) {
            const Customer& customer = loaded.customers[entries.front().customer_index];
            diagnostics.error(
                {.file = "customers.csv",
                 .line = customer.line,
                 .column = loaded.column_of("customers.csv", "customer_id")},
                fmt::format("customer \"{}\": the values at price of its {} entitlements (the "
                            "set-off's {}) total more than 2^127-1 minor units of {}",
                            customer.id, debt > total_max ? "negative" : "positive",
                            debt > total_max ? "D" : "V", config.currency().id));
            return std::nullopt;
        }
    }
    return SetOff{.customer_index = entries.front().customer_index,
                  .debt = Value{static_cast<Int128>(debt)},
                  .positive_value = Value{static_cast<Int128>(positive_value)},
                  .receivable = {}};
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

std::vector<SetOff> apply_set_off(std::vector<Entitlement>& entitlements, const Case& loaded,
                                  Diagnostics& diagnostics) {
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
        const std::optional<SetOff> computed = debt_and_value(entries, loaded, diagnostics);
        if (!computed) {
            // Reported: the customer's entitlements count as 0, so that nothing that follows
            // from the same rows is reported again.
            for (Entitlement& entry : entries) {
                entry.after_set_off = Units{0};
            }
            begin = end;
            continue;
        }
        SetOff set_off = *computed;
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
