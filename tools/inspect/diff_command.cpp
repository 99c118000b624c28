// `kanzai diff CASE RUN_A RUN_B` (SPEC "Command line"): what changed between two recorded
// runs. Exit 0 whatever changed; exit 2 when the database or a run is not there.
#include <fmt/format.h>

#include "tools/commands.hpp"
#include "tools/inspect/diff_text.hpp"
#include "tools/inspect/explain_run.hpp"

namespace kanzai::tools {

int diff_case(const DiffOptions& options, std::string& out, std::string& err) {
    const std::optional<claims::CaseDb> db = open_recorded_case(options.case_folder, err);
    if (!db) {
        return exit_invalid_input;
    }
    const std::optional<claims::RunRecord> before = read_recorded_run(*db, options.run_a, err);
    const std::optional<claims::RunRecord> after = read_recorded_run(*db, options.run_b, err);
    if (!before || !after) {
        return exit_invalid_input;
    }
    out += diff_text(*before, *after);
    return exit_done;
}

int run_diff(const DiffOptions& options) {
    std::string out;
    std::string err;
    const int code = diff_case(options, out, err);
    fmt::print("{}", out);
    fmt::print(stderr, "{}", err);
    return code;
}

}  // namespace kanzai::tools
