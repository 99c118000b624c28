// `kanzai report CASE [--run N] --html FILE`: reads a published run and, when they are still
// the run's, its input files, renders the review report and writes it atomically (a
// temporary file beside FILE, renamed over it when complete).
#include <filesystem>

#include <fmt/format.h>

#include "claims/load/case_config.hpp"
#include "tools/commands.hpp"
#include "tools/report/report_html.hpp"
#include "tools/report/report_inputs.hpp"
#include "tools/report/report_run.hpp"
#include "tools/run/run_pipeline.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {

namespace fs = std::filesystem;

std::optional<claims::CaseConfig> load_report_config(const std::string& case_folder) {
    const std::string text = read_file((fs::path(case_folder) / "case.toml").string());
    claims::Diagnostics diagnostics;
    claims::CaseConfigLoad load = claims::load_case_config(text, diagnostics);
    if (!diagnostics.empty()) {
        print_diagnostics(diagnostics);
        return std::nullopt;
    }
    return std::move(load.config);
}

int run_report(const ReportOptions& options) {
    const claims::RunRecord run = read_report_run(options.case_folder, options.run);
    // The run's own inputs, or none: a report never values a run with a case.toml edited
    // after it (report_inputs.hpp).
    const RunInputs inputs = load_run_inputs(options.case_folder, run);
    if (!inputs.loaded) {
        fmt::print("note: {}; reporting run {} from its record alone\n", inputs.why_not,
                   run.number);
    }
    write_file_atomically(options.html,
                          render_report_html(inputs.loaded ? &*inputs.loaded : nullptr, run,
                                             inputs.why_not));
    fmt::print("report of run {}: {} claims -> {}\n", run.number, run.decisions.size(),
               options.html);
    return exit_done;
}

}  // namespace kanzai::tools
