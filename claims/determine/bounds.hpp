// The figures the waterfall forms over many lines and creditors, bounded once the claims are
// determined (SPEC "Conventions" and case.toml: a figure the rules compute above 2^127-1
// minor units is invalid input, reported at the row or key it comes from). `check` and `run`
// both determine, so a case that passes `check` never overflows a 128-bit sum in `run`.
#pragma once

#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// Checks, over the determined, classified and valued `decisions` (in line order):
// - per asset, the admit and dispute amounts of determinations.csv (the file's per-asset
//   sum, as the loader checks it for the other files);
// - each allocation line's value at price;
// - per asset, the customer-class units W of the in-kind pool;
// - per estate class, its claims: general: the general creditors plus every customer-class
//   line at its value at price (a line's shortfall values, fund eligible values and general
//   claim never exceed that value); subordinated: the subordinated creditors plus every
//   subordinated line at its value;
// - the estate's whole money: [estate] cash, the fund amounts, and per asset the held
//   non-segregated units and the pool surplus max(P - W, 0) at estate_price (what the funds
//   and the estate together pay out or keep: every currency allocation fits).
// Each figure that passes 2^127-1 is reported once, at the row (or case.toml asset) whose
// amount makes it pass. Linear in the decisions; no allocation per decision.
void check_distribution_bounds(const Case& loaded, const std::vector<Decision>& decisions,
                               Diagnostics& diagnostics);

}  // namespace kanzai::claims
