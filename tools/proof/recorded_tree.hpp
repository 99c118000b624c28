// The Merkle tree of a recorded run's payouts.csv, for `proof` and `notices`, refused unless
// it still gives the run's recorded root: the run folder's payouts.csv must have the SHA-256
// recorded with the run, and a salted run needs the case's proof.key as it was.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "claims/record/payouts_tree.hpp"
#include "claims/record/run_record.hpp"

namespace kanzai::tools {

struct RecordedTree {
    std::unique_ptr<const std::string> payouts_csv;  // the tree's rows point into it
    std::optional<std::string> key;  // the run's proof.key; none for an unsalted run
    claims::PayoutsTree tree;
};

// What read_recorded_tree found.
enum class RecordedTreeStatus {
    found,
    no_proof,  // the run's summary.json has no `proof` (recorded before there was one)
    refused,   // the folder or the key no longer gives the recorded root: see the message
};

struct RecordedTreeResult {
    RecordedTreeStatus status = RecordedTreeStatus::refused;
    std::optional<RecordedTree> tree;  // when found
    std::string message;               // why not, one line without a final LF
};

// Reads `run` (number, out_folder, outputs and summary_json are used; no rows) of
// `case_folder`: payouts.csv from CASE/out/run-NNNN when that folder exists (the case may
// have moved since the run, and a relative out_folder was relative to where `run` ran),
// else from the recorded out_folder. Throws IoError when a file exists but cannot be read.
// An invalid proof.key's diagnostics are in the message.
[[nodiscard]] RecordedTreeResult read_recorded_tree(const std::string& case_folder,
                                                    const claims::RunRecord& run);

}  // namespace kanzai::tools
