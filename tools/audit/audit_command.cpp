// `kanzai audit CASE [--run N]`: every recorded run (or run N) re-rendered from case.db and
// checked against the hashes case.db records and against its run folder. Exit 0 when every
// check holds, 2 when one does not (each difference named on stdout, as `verify` does for a
// proof), 2 as well for a missing case folder, case.db or run; 4 for an I/O error.
#include <fmt/format.h>

#include "tools/audit/audit_run.hpp"
#include "tools/commands.hpp"
#include "tools/inspect/explain_run.hpp"

namespace kanzai::tools {

int run_audit(const AuditOptions& options) {
    std::string err;
    const std::optional<claims::CaseDb> db = open_recorded_case(options.case_folder, err);
    if (!db) {
        fmt::print(stderr, "{}", err);
        return exit_invalid_input;
    }
    const std::vector<int> recorded = db->run_numbers();
    std::vector<int> numbers = recorded;
    if (options.run) {
        numbers = {*options.run};
    }
    std::size_t failed = 0;
    for (const int number : numbers) {
        const std::optional<claims::RunRecord> record = db->read_run_unchecked(number);
        if (!record) {
            fmt::print(stderr, "case.db records no run {}\n", number);
            return exit_invalid_input;
        }
        const std::vector<std::string> problems =
            audit_recorded_run(*record, options.case_folder);
        if (problems.empty()) {
            fmt::print("run {}: ok: the rows in case.db render to its recorded hashes, and "
                       "the run folder holds those files\n", number);
            continue;
        }
        ++failed;
        for (const std::string& problem : problems) {
            fmt::print("run {}: {}\n", number, problem);
        }
    }
    if (!options.run) {
        for (const std::string& folder : unrecorded_run_folders(options.case_folder, recorded)) {
            fmt::print("note: {} is a run folder that case.db does not record\n", folder);
        }
    }
    if (failed != 0) {
        fmt::print("audit: {} of {} runs do not hold\n", failed, numbers.size());
        return exit_invalid_input;
    }
    fmt::print("audit: {} runs hold\n", numbers.size());
    return exit_done;
}

}  // namespace kanzai::tools
