// `kanzai report CASE [--run N] --html FILE`: reads the case's case.toml and a published
// run, renders the review report and writes it atomically (a temporary file beside FILE,
// renamed over it when complete).
#include <filesystem>

#include <fmt/format.h>

#include "claims/load/case_config.hpp"
#include "tools/commands.hpp"
#include "tools/report/report_html.hpp"
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
    const std::optional<claims::CaseConfig> config = load_report_config(options.case_folder);
    if (!config) {
        return exit_invalid_input;
    }
    const claims::RunRecord run = read_report_run(options.case_folder, options.run);
    write_file_atomically(options.html, render_report_html(*config, run));
    fmt::print("report of run {}: {} claims -> {}\n", run.number, run.decisions.size(),
               options.html);
    return exit_done;
}

}  // namespace kanzai::tools
