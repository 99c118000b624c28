// What `notices` (and `export`) recompute from the case folder for a recorded run: the case
// loaded and distributed again when its inputs and engine are still the run's, so that the
// asset paid of each allocation, the creditors and the earlier payments are the run's own.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "claims/record/run_record.hpp"
#include "tools/inspect/notices_text.hpp"
#include "tools/run/run_pipeline.hpp"

namespace kanzai::tools {

// The case of `run`, determined and distributed again; nullopt with `reason` saying why not
// (determine_recorded_run).
[[nodiscard]] std::optional<ComputedRun> recompute_recorded_run(const std::string& case_folder,
                                                                const claims::RunRecord& run,
                                                                std::string& reason);

// The run-wide facts of the notices, from a recomputed run.
[[nodiscard]] NoticeFacts notice_facts_of(const ComputedRun& computed);

// Per payee id: its name, its creditor claim, its failed and returned payments.
[[nodiscard]] std::map<std::string, NoticePayee, std::less<>> notice_payees_of(
    const ComputedRun& computed);

// The case's creditor payee ids ("creditor:<id>"), sorted.
[[nodiscard]] std::vector<std::string> creditor_payee_ids(const ComputedRun& computed);

}  // namespace kanzai::tools
