// The computation of `kanzai run`, without writing anything: load, determine, distribute,
// schedule payouts, render every output file. Shared by `run` and the tests.
#pragma once

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

struct ComputedRun {
    claims::RunRecord record;        // number and created_at not yet set
    std::vector<OutputFile> files;   // decisions.csv, allocations.csv, payouts.csv, summary.json
};

// Everything `kanzai run` computes, with every invariant checked. On input errors returns
// nullopt and leaves them in `diagnostics`. Invariant violations throw (exit 3).
[[nodiscard]] std::optional<ComputedRun> compute_run(const std::string& case_folder,
                                                     claims::Diagnostics& diagnostics);

// Prints diagnostics, sorted, to stderr as file:line:col: message.
void print_diagnostics(const claims::Diagnostics& diagnostics);

}  // namespace kanzai::tools
