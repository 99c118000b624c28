// Summing ledger balances into entitlements E(c,a).
#include "claims/determine/entitlement.hpp"

#include <algorithm>
#include <tuple>

#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

bool key_less(const Entitlement& a, const Entitlement& b) {
    return std::tie(a.customer_index, a.asset_index) < std::tie(b.customer_index, b.asset_index);
}

}  // namespace

std::vector<Entitlement> sum_entitlements(std::span<const LedgerRow> ledger) {
    std::vector<Entitlement> rows;
    rows.reserve(ledger.size());
    for (const LedgerRow& row : ledger) {
        // SPEC ledger.csv: an unknown customer or asset is an input error, so a valid case
        // never gets here with one.
        KANZAI_ASSERT(row.customer_index != no_index);
        KANZAI_ASSERT(row.asset_index != no_index);
        rows.push_back({.customer_index = row.customer_index,
                        .asset_index = row.asset_index,
                        .ledger = row.balance,
                        .after_set_off = {}});
    }
    std::sort(rows.begin(), rows.end(), key_less);
    std::vector<Entitlement> result;
    for (const Entitlement& row : rows) {
        if (!result.empty() && !key_less(result.back(), row)) {
            result.back().ledger = add(result.back().ledger, row.ledger);
        } else {
            result.push_back(row);
        }
    }
    for (Entitlement& entry : result) {
        entry.after_set_off = entry.ledger.count > 0 ? entry.ledger : Units{0};
    }
    return result;
}

const Entitlement* find_entitlement(std::span<const Entitlement> entitlements,
                                    std::uint32_t customer_index, std::uint32_t asset_index) {
    const Entitlement key{.customer_index = customer_index,
                          .asset_index = asset_index,
                          .ledger = {},
                          .after_set_off = {}};
    const auto found = std::lower_bound(entitlements.begin(), entitlements.end(), key, key_less);
    if (found == entitlements.end() || key_less(key, *found)) {
        return nullptr;
    }
    return &*found;
}

}  // namespace kanzai::claims
