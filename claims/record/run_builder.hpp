// Turns a determined and distributed case into its RunRecord: the exact text of every
// output row, per-source totals for explanations, and summary.json (SPEC "Outputs of a run").
#pragma once

#include <functional>
#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/distribute/distribution.hpp"
#include "claims/distribute/payouts.hpp"
#include "claims/record/proof.hpp"
#include "claims/record/run_record.hpp"

namespace kanzai::claims {

// The same without decisions, allocations and payouts, which the three functions below
// hand over one row at a time, in output order (`kanzai run` writes each row to its file
// and to case.db as it comes: a large run's rows are never all in memory). The
// record passed to `on_row` is reused for the next row: copy what you keep.
[[nodiscard]] RunRecord build_run_header(const Case& loaded, const Determination& determination,
                                         const Distribution& distribution);
void for_each_decision_record(const Case& loaded, const Determination& determination,
                              const std::function<void(const DecisionRecord&)>& on_row);
void for_each_allocation_record(const Case& loaded, const Determination& determination,
                                const Distribution& distribution,
                                const std::function<void(const AllocationRecord&)>& on_row);
void for_each_payout_record(const Case& loaded, const PayoutSchedule& schedule,
                            const std::function<void(const PayoutRecord&)>& on_row);

// summary.json (SPEC schema), with the given output file hashes; ends with a newline.
[[nodiscard]] std::string render_summary_json(const Case& loaded,
                                              const Determination& determination,
                                              const Distribution& distribution,
                                              const PayoutSchedule& schedule,
                                              const ProofRoot& proof,
                                              const std::vector<FileHash>& outputs);

}  // namespace kanzai::claims
