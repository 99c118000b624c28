// The checks of `kanzai audit` (docs/reliability.md "Recorded runs are audited"): a recorded
// run's rows in case.db, re-rendered into the output files they stand for, against the
// SHA-256 hashes case.db records and against the run folder's files.
#pragma once

#include <string>
#include <vector>

#include "claims/record/run_record.hpp"

namespace kanzai::tools {

// The cheap checks `notices` and `report` make before they use a recorded run: its rows add
// up, and render to the output hashes case.db records. One line per problem; empty when
// they hold. Reads no file.
[[nodiscard]] std::vector<std::string> check_recorded_rows(const claims::RunRecord& record);

// The whole audit of one recorded run: check_recorded_rows, then the hashes listed in its
// summary.json (`outputs` and `inputs`) against the recorded ones, then the run folder (the
// recorded out_folder; CASE/out/run-NNNN when that is relative): exactly the four files,
// each hashing to the recorded hash. One line per problem.
[[nodiscard]] std::vector<std::string> audit_recorded_run(const claims::RunRecord& record,
                                                          const std::string& case_folder);

// The run folders of CASE/out that case.db does not record (`run-NNNN` of a --no-db run,
// `run-NNNN.unrecorded` of a run killed before its commit), for audit's notes.
[[nodiscard]] std::vector<std::string> unrecorded_run_folders(const std::string& case_folder,
                                                              const std::vector<int>& recorded);

}  // namespace kanzai::tools
