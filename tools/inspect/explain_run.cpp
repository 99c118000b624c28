// Opening case.db and picking a run, shared by `explain` and `diff`.
#include "tools/inspect/explain_run.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

namespace kanzai::tools {

std::optional<claims::CaseDb> open_recorded_case(const std::string& case_folder,
                                                 std::string& err) {
    const std::filesystem::path folder(case_folder);
    if (!std::filesystem::is_directory(folder)) {
        err += fmt::format("{}: no such case folder\n", case_folder);
        return std::nullopt;
    }
    const std::filesystem::path path = folder / "case.db";
    if (!std::filesystem::exists(path)) {
        err += fmt::format("{}: no case database; `kanzai run {}` records one\n", path.string(),
                           case_folder);
        return std::nullopt;
    }
    return claims::CaseDb(path.string(), claims::CaseDbMode::read_only);
}

std::optional<claims::RunRecord> read_recorded_run(const claims::CaseDb& db,
                                                   std::optional<int> number, std::string& err) {
    if (!number) {
        const std::vector<int> numbers = db.run_numbers();
        if (numbers.empty()) {
            err += "case.db records no run yet\n";
            return std::nullopt;
        }
        number = numbers.back();
    }
    std::optional<claims::RunRecord> run = db.read_run(*number);
    if (!run) {
        const std::vector<int> numbers = db.run_numbers();
        err += fmt::format("case.db records no run {} (recorded: {})\n", *number,
                           numbers.empty() ? std::string("none")
                                           : fmt::format("{}", fmt::join(numbers, ", ")));
    }
    return run;
}

}  // namespace kanzai::tools
