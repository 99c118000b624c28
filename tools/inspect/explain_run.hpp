// Reading a recorded run for `explain` and `diff`, and both commands in a form that returns
// their text (so tests compare it exactly; run_explain and run_diff print it).
#pragma once

#include <optional>
#include <string>

#include "store/case_db.hpp"
#include "claims/record/run_record.hpp"
#include "tools/commands.hpp"

namespace kanzai::tools {

// Opens CASE/case.db read-only. A missing folder or database is the user's input error
// (exit 2, like a missing required file in SPEC "Command line"): nullopt and a message in
// `err`. Environment failures throw (exit 4 in main).
[[nodiscard]] std::optional<claims::CaseDb> open_recorded_case(const std::string& case_folder,
                                                               std::string& err);

// Run `number`, or the latest when nullopt; nullopt and a message in `err` when there is none.
[[nodiscard]] std::optional<claims::RunRecord> read_recorded_run(const claims::CaseDb& db,
                                                                 std::optional<int> number,
                                                                 std::string& err);

// The commands; they return the exit code and append what they print to `out` and `err`.
[[nodiscard]] int explain_case(const ExplainOptions& options, std::string& out,
                               std::string& err);
[[nodiscard]] int diff_case(const DiffOptions& options, std::string& out, std::string& err);

}  // namespace kanzai::tools
