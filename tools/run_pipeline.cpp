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

namespace {

// Renders one table into `run.files` and keeps its rows in `kept` only when asked: the rows
// as text are the largest structure of a run (issue #7), so each lives only as long as
// needed.
template <typename Rows, typename Render>
std::size_t render_table(ComputedRun& run, const char* name, Rows rows, Render render,
                         RunRows keep, Rows& kept) {
    run.files.push_back({name, render(rows)});
    const std::size_t count = rows.size();
    if (keep == RunRows::keep) {
        kept = std::move(rows);
    }
    return count;
}

}  // namespace

std::optional<ComputedRun> compute_run(const std::string& case_folder,
                                       claims::Diagnostics& diagnostics, RunRows rows) {
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
    run.record = claims::build_run_header(loaded, determination, distribution);
    run.allocations = render_table(
        run, "allocations.csv", claims::allocation_records(loaded, determination, distribution),
        render_allocations_csv, rows, run.record.allocations);
    run.decisions =
        render_table(run, "decisions.csv", claims::decision_records(loaded, determination),
                     render_decisions_csv, rows, run.record.decisions);
    run.payouts = render_table(run, "payouts.csv", claims::payout_records(loaded, schedule),
                               render_payouts_csv, rows, run.record.payouts);
    timer.mark("build_and_render_csv");
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
