// `kanzai run CASE [--out DIR] [--no-db]`: computes the run, then writes it atomically into
// CASE/out/run-NNNN/ (or DIR) and records it in CASE/case.db.
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "claims/case_db.hpp"
#include "tools/commands.hpp"
#include "tools/folders.hpp"
#include "tools/phase_timer.hpp"
#include "tools/run_pipeline.hpp"
#include "tools/staged_dir.hpp"

namespace kanzai::tools {

namespace fs = std::filesystem;

int run_run(const RunOptions& options) {
    claims::Diagnostics diagnostics;
    std::optional<ComputedRun> run = compute_run(
        options.case_folder, diagnostics, options.no_db ? RunRows::drop : RunRows::keep);
    if (!run) {
        print_diagnostics(diagnostics);
        return exit_invalid_input;
    }
    const fs::path case_folder(options.case_folder);
    if (options.out && is_occupied(*options.out)) {
        fmt::print(stderr, "kanzai run: {} exists and is not empty; nothing was written\n",
                   *options.out);
        return exit_io;
    }
    // The run number follows both the recorded runs and the run folders, so a folder left by
    // a run whose commit never happened is never reused.
    std::optional<claims::CaseDb> db;
    int number = last_run_folder(case_folder / "out") + 1;
    if (!options.no_db) {
        db.emplace((case_folder / "case.db").string());
        number = std::max(number, db->next_run_number());
    }
    const std::string final_path =
        options.out ? *options.out
                    : (case_folder / "out" / fmt::format("run-{:04}", number)).string();
    run->record.number = number;
    run->record.out_folder = final_path;

    // The publication order (docs/case-db.md): files complete in a staging folder, then the
    // run inserted in an open transaction, then the folder renamed into place, then the
    // commit. A crash leaves either nothing, a staging folder, or a complete folder whose
    // run is not recorded; never a recorded run without its complete folder.
    PhaseTimer timer;
    StagedDir staged(final_path);
    for (const OutputFile& file : run->files) {
        staged.write_file(file.name, file.bytes);
    }
    timer.mark("write_files");
    if (db) {
        claims::CaseDb::PendingRun pending = db->insert_run(run->record);
        staged.publish();
        pending.commit();  // if this throws, `staged` removes the published folder again
    } else {
        staged.publish();
    }
    staged.keep();
    timer.mark("case_db");
    fmt::print("run {}: {} decisions, {} allocations, {} payouts -> {}\n", number,
               run->decisions, run->allocations, run->payouts, final_path);
    return exit_done;
}

}  // namespace kanzai::tools
