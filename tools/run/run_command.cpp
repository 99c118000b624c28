// `kanzai run CASE [--out DIR] [--no-db]`: computes the run, then writes it atomically into
// CASE/out/run-NNNN/ (or DIR) and records it in CASE/case.db.
#include <algorithm>
#include <filesystem>
#include <future>

#include <fmt/format.h>

#include "store/case_db.hpp"
#include "tools/commands.hpp"
#include "tools/run/folders.hpp"
#include "store/case_lock.hpp"
#include "tools/run/phase_timer.hpp"
#include "tools/run/publication.hpp"
#include "tools/run/run_pipeline.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {

namespace fs = std::filesystem;

namespace {

// Steps 3-8 of the publication order (docs/case-db.md): the marker goes down before the
// rename and comes off after the commit, so a kill in between leaves a folder that the next
// run sets aside as unrecorded. If a step throws, `staged` removes the published folder and
// the marker goes with it: nothing is published or recorded.
void publish_recorded(const std::string& case_folder, int number, StagedDir& staged,
                      claims::CaseDb::RunInsert& insert, const claims::RunRecord& header,
                      claims::CaseDb& db) {
    {
        claims::CaseDb::PendingRun pending = insert.finish(header);
        fault_point("finished");
        PublicationMarker marker(case_folder, number, staged.final_path());
        fault_point("marked");
        staged.publish();
        fault_point("renamed");
        pending.commit();
        fault_point("committed");
        db.publish();  // a new case.db moves into place
        fault_point("db-published");
        marker.remove();
    }
    fault_point("unmarked");
}

}  // namespace

int run_run(const RunOptions& options) {
    claims::Diagnostics diagnostics;
    // Every input error is found by loading and determination, before anything is opened.
    std::optional<ComputedRun> run = determine_run(options.case_folder, diagnostics);
    if (!run) {
        print_diagnostics(diagnostics);
        return exit_invalid_input;
    }
    release_determination_inputs(*run);
    const fs::path case_folder(options.case_folder);
    if (options.out && is_occupied(*options.out)) {
        fmt::print(stderr, "kanzai run: {} exists and is not empty; nothing was written\n",
                   *options.out);
        return exit_io;
    }
    // From here to the commit the case is ours: a second `kanzai run` of it waits, then takes
    // the next number; what killed runs left is cleaned up first (docs/case-db.md).
    const claims::CaseLock lock =
        claims::CaseLock::exclusive(case_folder.string(), [&options] {
            fmt::print(stderr, "kanzai run: another run of {} is in progress; waiting for it\n",
                       options.case_folder);
        });
    // The run number follows both the recorded runs and the run folders, so a folder left by
    // a run whose commit never happened is never reused.
    std::optional<claims::CaseDb> db;
    Recovery recovery = remove_dead_run_staging(case_folder.string());
    if (!options.no_db) {
        db.emplace((case_folder / "case.db").string(), claims::CaseDbMode::record_run);
        Recovery markers =
            recover_publications(case_folder.string(), db->is_new() ? nullptr : &*db);
        recovery.notes.insert(recovery.notes.end(), markers.notes.begin(), markers.notes.end());
    }
    for (const std::string& note : recovery.notes) {
        fmt::print(stderr, "kanzai run: {}\n", note);
    }
    int number = last_run_folder(case_folder / "out") + 1;
    if (db) {
        number = std::max(number, db->next_run_number());
    }
    claims::RunRecord header;
    header.number = number;
    header.out_folder =
        options.out ? *options.out
                    : (case_folder / "out" / fmt::format("run-{:04}", number)).string();

    // The publication order (docs/case-db.md): the files are written into a staging folder
    // while their rows are inserted in an open transaction, then the folder is renamed into
    // place, then the commit. A crash leaves either nothing, a staging folder, or a complete
    // folder whose run is not recorded; never a recorded run without its complete folder.
    StagedDir staged(header.out_folder);
    std::optional<claims::CaseDb::RunInsert> insert;
    if (db) {
        insert.emplace(db->begin_run(number));
    }
    const RunDestinations to{.folder = &staged, .db = insert ? &*insert : nullptr};
    RowCounts counts;
    {
        // decisions.csv (and its rows in case.db) needs only the determination: it is
        // written on a second thread while this one runs the waterfall, which reads the
        // same data and writes none of it. Joined before anything else touches
        // `staged` or `insert`; an exception on either side ends the run with nothing
        // published (the staging folder is removed, the transaction rolls back).
        claims::FileHash decisions_file;
        std::future<std::size_t> decisions = std::async(std::launch::async, [&] {
            return write_decisions(*run, decisions_file, to);
        });
        distribute_run(*run);
        fault_point("distributed");
        PhaseTimer wait;
        counts.decisions = decisions.get();
        wait.mark("decisions_csv");
        header.outputs.push_back(std::move(decisions_file));
    }
    complete_header(*run, header);
    if (insert) {
        insert->add_sources(header);
    }
    PhaseTimer timer;
    write_distribution(*run, header, to, counts);
    timer.mark("write_files");
    fault_point("staged");
    if (insert) {
        publish_recorded(options.case_folder, number, staged, *insert, header, *db);
    } else {
        staged.publish();
    }
    staged.keep();
    timer.mark("publish");
    // A --no-db run has no run number: case.db never records it, whatever its folder's name.
    const std::string run_name =
        insert ? fmt::format("run {}", number) : std::string("not recorded (--no-db)");
    fmt::print("{}: {} decisions, {} allocations, {} payouts -> {}\n", run_name,
               counts.decisions, counts.allocations, counts.payouts, header.out_folder);
    return exit_done;
}

}  // namespace kanzai::tools
