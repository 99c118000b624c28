// SPEC "Entitlement": E(c,a), the sum of the balances of customer c's accounts in asset a,
// before and after set-off.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "claims/case.hpp"

namespace kanzai::claims {

struct Entitlement {
    std::uint32_t customer_index = no_index;
    std::uint32_t asset_index = no_index;
    Units ledger;         // E(c,a) as summed from ledger.csv; may be negative
    Units after_set_off;  // what counts for the decision: E after set-off, never negative
};

// One entry per (customer, asset) present in `ledger`, sorted by (customer_index,
// asset_index). `after_set_off` starts as max(E, 0) (SPEC: negative entitlements count as
// 0); set_off.hpp reduces it. Sort + one linear pass: O(n log n).
[[nodiscard]] std::vector<Entitlement> sum_entitlements(std::span<const LedgerRow> ledger);

// The entry of (customer_index, asset_index) in `entitlements` (sorted as above), or
// nullptr when the customer holds no account in that asset (E = 0).
[[nodiscard]] const Entitlement* find_entitlement(std::span<const Entitlement> entitlements,
                                                  std::uint32_t customer_index,
                                                  std::uint32_t asset_index);

}  // namespace kanzai::claims
