// SPEC "Set-off": a customer's debts (negative entitlements) reduce its positive
// entitlements proportionally; a debt above them is a receivable of the estate.
#pragma once

#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/diagnostics.hpp"
#include "claims/determine/entitlement.hpp"

namespace kanzai::claims {

// Applies set-off to `entitlements` (sorted by customer, as sum_entitlements gives them),
// rewriting `after_set_off`. With set_off = "proportional", per customer: D = sum of the
// values at price of |E| over negative E, V = sum of the values of positive E (each valued
// on its own); if D > 0 each positive E becomes floor(E * (V - D) / V), or 0 when D >= V.
// Returns one SetOff per customer with D > 0, sorted by customer id (bytes); with
// set_off = "none" nothing changes (negatives already count as 0) and nothing is returned.
// A customer whose D or V passes 2^127 - 1 minor units (a figure the rules compute) is an
// input error at its customers.csv row; its entitlements then count as 0.
[[nodiscard]] std::vector<SetOff> apply_set_off(std::vector<Entitlement>& entitlements,
                                                const Case& loaded, Diagnostics& diagnostics);

}  // namespace kanzai::claims
