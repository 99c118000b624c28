// The one-line reasons of decisions (SPEC "Every decision keeps its code and a one-line
// human reason"), written for a reviewing lawyer: every amount with its asset.
#pragma once

#include <string>

#include "claims/case.hpp"
#include "claims/entitlement.hpp"

namespace kanzai::claims {

// "1.50000000 BTC": the asset's decimals, then its id.
[[nodiscard]] std::string amount_text(Units amount, const Asset& asset);

// What the ledger says for (c,a): "ledger 2.00000000 BTC", "ledger 1.20000000 BTC after
// set-off (2.00000000 BTC before)", "ledger -0.50000000 BTC, a debt that counts as 0".
// `entitlement` is nullptr when the customer has no account in the asset.
[[nodiscard]] std::string ledger_text(const Entitlement* entitlement, const Asset& asset);

}  // namespace kanzai::claims
