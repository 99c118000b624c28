// The computation of `kanzai run`, without writing anything: load, determine, distribute,
// schedule payouts, render every output file. Shared by `run` and the tests.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "claims/diagnostics.hpp"
#include "claims/run_record.hpp"

namespace kanzai::tools {

struct OutputFile {
    std::string name;
    std::string bytes;
};

// Whether compute_run keeps the rows of decisions, allocations and payouts in the record
// (case.db needs them) or drops each table once its CSV is rendered (saves memory).
enum class RunRows { keep, drop };

struct ComputedRun {
    claims::RunRecord record;        // number and created_at not yet set
    std::vector<OutputFile> files;   // allocations.csv, decisions.csv, payouts.csv, summary.json
    // Row counts, also when the rows were dropped.
    std::size_t decisions = 0;
    std::size_t allocations = 0;
    std::size_t payouts = 0;
};

// Everything `kanzai run` computes, with every invariant checked. On input errors returns
// nullopt and leaves them in `diagnostics`. Invariant violations throw (exit 3).
[[nodiscard]] std::optional<ComputedRun> compute_run(const std::string& case_folder,
                                                     claims::Diagnostics& diagnostics,
                                                     RunRows rows = RunRows::keep);

// Prints diagnostics, sorted, to stderr as file:line:col: message.
void print_diagnostics(const claims::Diagnostics& diagnostics);

}  // namespace kanzai::tools
