// Turns a determined and distributed case into its RunRecord: the exact text of every
// output row, per-source totals for explanations, and summary.json (SPEC "Outputs of a run").
#pragma once

#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/distribution.hpp"
#include "claims/payouts.hpp"
#include "claims/run_record.hpp"

namespace kanzai::claims {

// Fills decisions, allocations, payouts, sources, set_offs, inputs, engine and case_name
// of a RunRecord (not number, created_at, outputs nor summary_json).
[[nodiscard]] RunRecord build_run_record(const Case& loaded, const Determination& determination,
                                         const Distribution& distribution,
                                         const PayoutSchedule& schedule);

// The same without decisions, allocations and payouts, which the three functions below
// build one table at a time (so `kanzai run` can render and drop each in turn).
[[nodiscard]] RunRecord build_run_header(const Case& loaded, const Determination& determination,
                                         const Distribution& distribution);
[[nodiscard]] std::vector<DecisionRecord> decision_records(const Case& loaded,
                                                           const Determination& determination);
[[nodiscard]] std::vector<AllocationRecord> allocation_records(
    const Case& loaded, const Determination& determination, const Distribution& distribution);
[[nodiscard]] std::vector<PayoutRecord> payout_records(const Case& loaded,
                                                       const PayoutSchedule& schedule);

// summary.json (SPEC schema), with the given output file hashes; ends with a newline.
[[nodiscard]] std::string render_summary_json(const Case& loaded,
                                              const Determination& determination,
                                              const Distribution& distribution,
                                              const PayoutSchedule& schedule,
                                              const std::vector<FileHash>& outputs);

}  // namespace kanzai::claims
