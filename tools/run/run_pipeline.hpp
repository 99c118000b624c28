// The computation of `kanzai run` (load, determine, distribute, schedule payouts, every
// invariant checked) and the writing of its outputs, row by row, to the run folder and to
// case.db at once. Shared by `run` and the tests.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "claims/case.hpp"
#include "store/case_db.hpp"
#include "claims/decision.hpp"
#include "claims/diagnostics.hpp"
#include "claims/distribute/distribution.hpp"
#include "claims/distribute/payouts.hpp"
#include "claims/record/run_record.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {

struct ComputedRun {
    claims::Case loaded;
    claims::Determination determination;
    claims::Distribution distribution;
    claims::PayoutSchedule schedule;
};

// Everything `kanzai run` computes, with every invariant checked; nothing rendered yet. On
// input errors returns nullopt and leaves them in `diagnostics`. Invariant violations throw
// (exit 3). = determine_run, then distribute_run.
[[nodiscard]] std::optional<ComputedRun> compute_run(const std::string& case_folder,
                                                     claims::Diagnostics& diagnostics);
// The first half: the case loaded and its claims determined (distribution and schedule
// empty); every input error is found here.
[[nodiscard]] std::optional<ComputedRun> determine_run(const std::string& case_folder,
                                                       claims::Diagnostics& diagnostics);
// determine_run for a recorded run's case folder, for the commands that show what case.db
// does not hold (explain, notices, export): only when the folder's inputs and the engine are
// still the run's, so the figures are the run's own. Otherwise nullopt, with `reason` saying
// why (the folder does not load now, or its inputs or the engine changed since the run).
[[nodiscard]] std::optional<ComputedRun> determine_recorded_run(const std::string& case_folder,
                                                                const claims::RunRecord& run,
                                                                std::string& reason);
// Frees what only determination reads (the ledger rows and identities of run.loaded: a
// third of a large case's memory), so that the later phases reuse it. After
// this, run.loaded.ledger and run.loaded.identities are empty.
void release_determination_inputs(ComputedRun& run);
// The second half: the waterfall (its invariants checked) and the payout schedule. Reads
// run.loaded and run.determination only, so decisions.csv can be written meanwhile.
void distribute_run(ComputedRun& run);

// The record of a run without its three big tables (sources, set-offs, inputs, engine):
// what case.db needs before the rows stream in. number, out_folder, outputs and summary_json
// are filled in later.
[[nodiscard]] claims::RunRecord run_header(const ComputedRun& run);

// Where the rows of a run go as they are produced; each destination is optional.
struct RunDestinations {
    StagedDir* folder = nullptr;              // the output files (nullptr: only hashed)
    claims::CaseDb::RunInsert* db = nullptr;  // case.db (nullptr: not recorded)
    claims::RunRecord* rows = nullptr;        // every row kept in its tables (may be &header)
};

struct RowCounts {
    std::size_t decisions = 0;
    std::size_t allocations = 0;
    std::size_t payouts = 0;
};

// Writes allocations.csv, decisions.csv, payouts.csv and summary.json, each row to every
// destination as it is produced, and sets header.outputs and header.summary_json.
// = write_decisions, then write_distribution.
RowCounts write_run(const ComputedRun& run, claims::RunRecord& header, RunDestinations to);
// decisions.csv, needing only run.loaded and run.determination; sets `output` to its hash
// and returns its row count. It may run on another thread during distribute_run.
std::size_t write_decisions(const ComputedRun& run, claims::FileHash& output,
                            RunDestinations to);
// allocations.csv, payouts.csv and summary.json (which lists header.outputs, so
// decisions.csv's hash must be in them already); sets the counts, header.outputs and
// header.summary_json.
void write_distribution(const ComputedRun& run, claims::RunRecord& header, RunDestinations to,
                        RowCounts& counts);
// Fills in what run_header gives (engine, case, inputs, sources, set-offs), keeping
// header's number, out_folder, created_at and outputs.
void complete_header(const ComputedRun& run, claims::RunRecord& header);

// The whole record of a run in memory (rows, output hashes, summary), for tests and tools
// that want the rows without writing files.
[[nodiscard]] claims::RunRecord record_of(const ComputedRun& run);

// Prints diagnostics, sorted, to stderr as file:line:col: message.
void print_diagnostics(const claims::Diagnostics& diagnostics);

}  // namespace kanzai::tools
