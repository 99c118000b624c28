// Load -> determine -> distribute -> payouts -> rendered outputs, all in memory.
#include "tools/run_pipeline.hpp"

#include <fmt/format.h>

#include "claims/determine.hpp"
#include "claims/distribution.hpp"
#include "claims/load_case.hpp"
#include "claims/payouts.hpp"
#include "claims/run_builder.hpp"
#include "claims/sha256.hpp"
#include "tools/csv_writer.hpp"
#include "tools/phase_timer.hpp"

namespace kanzai::tools {

std::optional<ComputedRun> compute_run(const std::string& case_folder,
                                       claims::Diagnostics& diagnostics) {
    PhaseTimer timer;
    const claims::Case loaded = claims::load_case(case_folder, diagnostics);
    if (!diagnostics.empty()) {
        return std::nullopt;
    }
    timer.mark("load");
    const claims::Determination determination = claims::determine_claims(loaded, diagnostics);
    if (!diagnostics.empty()) {
        return std::nullopt;
    }
    timer.mark("determine");
    // Runs the waterfall and checks its conservation invariants (exit 3 on violation).
    const claims::Distribution distribution = claims::distribute(loaded, determination);
    timer.mark("allocate");
    const claims::PayoutSchedule schedule =
        claims::schedule_payouts(loaded, determination, distribution);
    timer.mark("payouts");

    ComputedRun run;
    run.record = claims::build_run_record(loaded, determination, distribution, schedule);
    timer.mark("build_record");
    run.files.push_back({"allocations.csv", render_allocations_csv(run.record)});
    run.files.push_back({"decisions.csv", render_decisions_csv(run.record)});
    run.files.push_back({"payouts.csv", render_payouts_csv(run.record)});
    timer.mark("render_csv");
    for (const OutputFile& file : run.files) {
        run.record.outputs.push_back({file.name, claims::sha256_hex(file.bytes)});
    }
    run.record.summary_json = claims::render_summary_json(loaded, determination, distribution,
                                                          schedule, run.record.outputs);
    run.files.push_back({"summary.json", run.record.summary_json});
    run.record.outputs.push_back({"summary.json", claims::sha256_hex(run.record.summary_json)});
    timer.mark("hash_and_summary");
    return run;
}

void print_diagnostics(const claims::Diagnostics& diagnostics) {
    for (const claims::Diagnostic& diagnostic : diagnostics.sorted()) {
        fmt::print(stderr, "{}\n", diagnostic.text());
    }
}

}  // namespace kanzai::tools
