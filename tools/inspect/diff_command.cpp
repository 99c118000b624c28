// `kanzai diff CASE RUN_A RUN_B [--toml-a FILE] [--toml-b FILE]` (SPEC "Command line"): what
// changed between two recorded runs. Exit 0 whatever changed; exit 2 when the database or a
// run is not there, or a --toml file is not the case.toml its run read.
#include <fmt/format.h>

#include <filesystem>

#include "tools/commands.hpp"
#include "tools/inspect/diff_text.hpp"
#include "tools/inspect/explain_run.hpp"

namespace kanzai::tools {

namespace {

// Run `run`'s case.toml: the named file (which must be it), else the case folder's when it
// still is. nullopt with `note` saying why not; `refused` when a named file is not it.
std::optional<claims::CaseConfig> config_of(const claims::RunRecord& run,
                                            const std::string& case_folder,
                                            const std::string& named, char side,
                                            std::string& note, bool& refused) {
    if (!named.empty()) {
        std::optional<claims::CaseConfig> config = recorded_config(run, named, note);
        refused = !config.has_value();
        return config;
    }
    const std::string path = (std::filesystem::path(case_folder) / "case.toml").string();
    std::optional<claims::CaseConfig> config = recorded_config(run, path, note);
    if (!config) {
        note = fmt::format("run {}'s case.toml is not at hand ({}): name it with --toml-{}",
                           run.number, note, side);
    }
    return config;
}

}  // namespace

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
    CaseTomlChanges toml;
    std::string note_a;
    std::string note_b;
    bool refused = false;
    const std::optional<claims::CaseConfig> config_a =
        config_of(*before, options.case_folder, options.toml_a, 'a', note_a, refused);
    if (refused) {
        err += fmt::format("--toml-a: {}\n", note_a);
        return exit_invalid_input;
    }
    const std::optional<claims::CaseConfig> config_b =
        config_of(*after, options.case_folder, options.toml_b, 'b', note_b, refused);
    if (refused) {
        err += fmt::format("--toml-b: {}\n", note_b);
        return exit_invalid_input;
    }
    if (config_a && config_b) {
        toml.known = true;
        toml.keys = config_changes(*config_a, *config_b);
    } else {
        toml.note = config_a ? note_b : note_a;
    }
    out += diff_text(*before, *after, toml);
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
