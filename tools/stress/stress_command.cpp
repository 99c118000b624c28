// `kanzai stress CASE --scenarios FILE --out DIR` (SPEC "Stress scenarios"): the case
// validated as `check` does, the scenario file read, every scenario determined and
// distributed in full, and DIR written atomically as a run folder. Nothing in case.db.
#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>

#include "claims/stress/scenario_file.hpp"
#include "claims/stress/stress_run.hpp"
#include "tools/commands.hpp"
#include "tools/run/folders.hpp"
#include "tools/run/run_pipeline.hpp"
#include "tools/run/staged_dir.hpp"
#include "tools/stress/stress_output.hpp"

namespace kanzai::tools {

namespace {

// Every scenario in file order; nullopt after reporting input errors the scenarios' prices
// cause. "scenario k of n" on stderr when it is a terminal.
std::optional<std::vector<StressedScenario>> run_scenarios(
    ComputedRun& run, const std::vector<claims::Scenario>& scenarios,
    const std::string& scenario_file, claims::Diagnostics& diagnostics) {
    claims::Case& loaded = run.loaded;
    const bool shows_progress = ::isatty(STDERR_FILENO) == 1;
    const claims::CaseConfig base = loaded.config;
    std::vector<StressedScenario> stressed;
    for (std::size_t k = 0; k < scenarios.size(); ++k) {
        if (shows_progress) {
            fmt::print(stderr, "kanzai: scenario {} of {}\n", k + 1, scenarios.size());
        }
        std::optional<claims::StressFigures> figures =
            claims::run_scenario(loaded, base, run.determination, scenarios[k], scenario_file,
                                 diagnostics);
        if (figures) {
            stressed.push_back({.scenario = &scenarios[k], .figures = std::move(*figures)});
        }
    }
    if (!diagnostics.empty()) {
        return std::nullopt;
    }
    return stressed;
}

}  // namespace

int run_stress(const StressOptions& options) {
    claims::Diagnostics diagnostics;
    std::optional<ComputedRun> run = determine_run(options.case_folder, diagnostics);
    if (!run) {
        print_diagnostics(diagnostics);
        return exit_invalid_input;
    }
    if (!std::filesystem::is_regular_file(options.scenarios)) {
        fmt::print(stderr, "{}: is not a file; --scenarios names a TOML scenario file\n",
                   options.scenarios);
        return exit_invalid_input;
    }
    claims::Diagnostics absent;
    const std::vector<claims::Scenario> scenarios =
        claims::load_scenarios(read_file(options.scenarios), options.scenarios,
                               run->loaded.config, diagnostics,
                               options.skips_absent ? &absent : nullptr);
    for (const claims::Diagnostic& note : absent.sorted()) {
        fmt::print(stderr, "{}\n", note.text());
    }
    if (!diagnostics.empty()) {
        print_diagnostics(diagnostics);
        return exit_invalid_input;
    }
    if (is_occupied(options.out)) {
        fmt::print(stderr, "kanzai stress: {} exists and is not empty; nothing was written\n",
                   options.out);
        return exit_io;
    }
    const std::optional<std::vector<StressedScenario>> stressed =
        run_scenarios(*run, scenarios, options.scenarios, diagnostics);
    if (!stressed) {
        print_diagnostics(diagnostics);
        return exit_invalid_input;
    }
    const claims::CaseConfig& config = run->loaded.config;
    StagedDir staged(options.out);
    staged.write_file("stress.csv", render_stress_csv(config, *stressed));
    staged.write_file("stress_funds.csv", render_stress_funds_csv(config, *stressed));
    staged.write_file("stress.html", render_stress_html(config, *stressed));
    staged.publish();
    staged.keep();
    fmt::print("stress: {} scenarios -> {}\n", stressed->size(), options.out);
    return exit_done;
}

}  // namespace kanzai::tools
