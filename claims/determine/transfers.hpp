// SPEC "Transfers and payees": who holds each claim after its assignments, and the
// transfers that could not be applied (findings: the claim's payouts are held for review).
#pragma once

#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// Applies each claim's transfers in (effective_on, transfer_id) order, starting from the
// claim's customer, and sets payee_id, payee_index and has_transfer_finding of every
// decision in `decisions` (sorted by claim_id, deemed claims included). A transfer whose
// from_id is not the current holder, whose to_id is not a customer, or whose from_id
// equals its to_id is not applied and is a finding. A claim of an unknown customer keeps
// that id as payee (SPEC), its transfers are still checked. A transfer whose claim_id
// names no claim of claims.csv and no deemed claim is an input error at
// transfers.csv:<line>:<claim_id column>. Returns the findings by claim_id, then
// transfer_id. Sort + linear pass: O(n log n).
// SPEC "Transfers and payees": effective after [case] record_date (when given), so not
// applied, no finding, and counted in summary.json's transfers_after_record_date. Such a
// row must still name a claim (it is an input file like any other).
[[nodiscard]] bool is_after_record_date(const CaseConfig& config, const Transfer& transfer);

[[nodiscard]] std::vector<TransferFinding> apply_transfers(const Case& loaded,
                                                           std::vector<Decision>& decisions,
                                                           Diagnostics& diagnostics);

}  // namespace kanzai::claims
