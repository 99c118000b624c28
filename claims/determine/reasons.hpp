// The one-line reasons of decisions (SPEC "Every decision keeps its code and a one-line
// human reason"), written for a reviewing lawyer: every amount with its asset.
//
// A reason is not stored with its decision (2M strings at 1M customers): it is
// rendered from the decision's code and facts (Decision::reason_ref, reason_date, ledger,
// ledger_before, ...) and the Case, when an output prints it. The texts by code:
//   R-UNKNOWN-CUSTOMER  customer "C9" is not in customers.csv; claim of 1.5 BTC rejected
//   R-UNKNOWN-ASSET     asset "DOGE" is not in case.toml; claim of 7 DOGE rejected
//   R-LATE-BARRED       filed 2026-07-01, after the bar date 2026-06-30; late claims are barred
//   R-NO-BALANCE        filed <amount>; <ledger>; nothing to admit
//   A-MATCHES-LEDGER    filed <amount>; <ledger>; admitted as filed
//   P-EXCESS-*          filed <amount>; <ledger>; <amount> admitted, excess <amount> disputed
//   R-AMENDED           superseded by amendment "K2"
//   R-DUPLICATE         duplicate of standing claim "K1" of the same customer and asset,
//                       filed 2026-04-01
//   D-DEEMED            no claim filed; <ledger>; admitted as a deemed claim
//                       (or: standing claim "K1" is barred as late; ...)
//   O-DETERMINATION     the reason of the row of determinations.csv, verbatim
// The codes of a claims.csv row from R-UNKNOWN-CUSTOMER to P-EXCESS-* end with
// `; amends "K1", related back to the original filing on 2026-04-01` when the claim amends
// another; a subordinated decision that is not O-DETERMINATION ends with why
// (`; subordinated: filed after the bar date`, ...). <ledger> is "ledger 2.00000000 BTC",
// "ledger 1.20000000 BTC after set-off (2.00000000 BTC before)" or "ledger -0.50000000 BTC,
// a debt that counts as 0" ("ledger 0.00000000 BTC" without an account in the asset).
#pragma once

#include <string>

#include "claims/case.hpp"
#include "claims/decision.hpp"

namespace kanzai::claims {

// Appends the reason of `decision` to `out` (no allocation once `out` has room). `loaded`
// is the Case the decision was determined from.
void append_reason(std::string& out, const Case& loaded, const Decision& decision);

// The reason as a new string.
[[nodiscard]] std::string reason_of(const Case& loaded, const Decision& decision);

}  // namespace kanzai::claims
