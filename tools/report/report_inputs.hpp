// The run's own input files, for the report's prices, rules, fund parameters, creditors,
// holds and elections. A run's record keeps the SHA-256 of every input file but not the files:
// the case folder's files are used only when they are byte for byte the run's (every hash and
// every name equal), so a run is never re-valued with a case.toml edited after it.
#pragma once

#include <optional>
#include <string>

#include "claims/case.hpp"
#include "claims/record/run_record.hpp"

namespace kanzai::tools {

struct RunInputs {
    std::optional<claims::Case> loaded;  // set only when the folder's inputs are the run's
    std::string why_not;                 // when unset: why, for the report's reader
};

// Loads CASE's inputs and keeps them when their names and hashes equal `run.inputs`. Input
// errors and changed files are not errors here (the record alone is reported): they become
// `why_not`. Throws IoError when a file cannot be read.
[[nodiscard]] RunInputs load_run_inputs(const std::string& case_folder,
                                        const claims::RunRecord& run);

// The same decision for an already loaded case (tests, and load_run_inputs itself).
[[nodiscard]] std::string inputs_mismatch(const claims::Case& loaded,
                                          const claims::RunRecord& run);

}  // namespace kanzai::tools
