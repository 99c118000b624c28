// A recorded run's payouts.csv as a Merkle tree, checked against the run's record (see
// recorded_tree.hpp).
#include "tools/proof/recorded_tree.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "claims/load/load_case.hpp"
#include "claims/load/sha256.hpp"
#include "claims/record/proof_file.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {
namespace {

namespace fs = std::filesystem;

fs::path run_folder_of(const std::string& case_folder, const claims::RunRecord& run) {
    const fs::path in_case = fs::path(case_folder) / "out" / fmt::format("run-{:04}", run.number);
    std::error_code error;
    return fs::is_directory(in_case, error) ? in_case : fs::path(run.out_folder);
}

RecordedTreeResult refused(std::string message) {
    return {.status = RecordedTreeStatus::refused, .tree = std::nullopt,
            .message = std::move(message)};
}

// payouts.csv's bytes, if they are the recorded ones; else nullopt and why in `message`.
std::optional<std::string> read_recorded_payouts(const fs::path& file,
                                                 const claims::RunRecord& run,
                                                 std::string& message) {
    const auto recorded = std::find_if(run.outputs.begin(), run.outputs.end(),
                                       [](const claims::FileHash& f) {
                                           return f.name == "payouts.csv";
                                       });
    if (recorded == run.outputs.end()) {
        message = fmt::format("run {} records no SHA-256 of payouts.csv", run.number);
        return std::nullopt;
    }
    std::error_code error;
    if (!fs::exists(file, error)) {
        message = fmt::format("{} is not there: the proof needs run {}'s payouts.csv as written",
                              file.string(), run.number);
        return std::nullopt;
    }
    std::string text = read_file(file.string());
    const std::string sha256 = claims::sha256_hex(text);
    if (sha256 != recorded->sha256) {
        message = fmt::format("{} has changed since run {} was recorded (SHA-256 {}, recorded "
                              "{}): a proof from it would not be the run's",
                              file.string(), run.number, sha256, recorded->sha256);
        return std::nullopt;
    }
    return text;
}

// The key the run was salted with: none for an unsalted run, whatever the case has now.
// False and why in `message` when the run needs a key the case does not have.
bool read_run_key(const std::string& case_folder, const claims::RunRecord& run,
                  const claims::ProofRoot& recorded, std::optional<std::string>& key,
                  std::string& message) {
    if (!recorded.is_salted) {
        return true;
    }
    claims::Diagnostics diagnostics;
    key = claims::load_proof_key(case_folder, diagnostics);
    if (!diagnostics.empty()) {
        message = diagnostics.sorted().front().text();  // the one error proof.key can have
        return false;
    }
    if (!key) {
        message = fmt::format("run {} was salted by {}, which is not there now: restore the key "
                              "the run was made with",
                              run.number, (fs::path(case_folder) / "proof.key").string());
        return false;
    }
    return true;
}

}  // namespace

RecordedTreeResult read_recorded_tree(const std::string& case_folder,
                                      const claims::RunRecord& run) {
    const std::optional<claims::ProofRoot> recorded =
        claims::proof_root_of_summary(run.summary_json);
    if (!recorded) {
        return {.status = RecordedTreeStatus::no_proof, .tree = std::nullopt,
                .message = fmt::format("run {} has no proof root in its summary.json (recorded "
                                       "before the proof of distribution); run the case again",
                                       run.number)};
    }
    const fs::path file = run_folder_of(case_folder, run) / "payouts.csv";
    std::string message;
    std::optional<std::string> text = read_recorded_payouts(file, run, message);
    if (!text) {
        return refused(std::move(message));
    }
    RecordedTree found{.payouts_csv = std::make_unique<const std::string>(std::move(*text)),
                       .key = std::nullopt, .tree = {}};
    if (!read_run_key(case_folder, run, *recorded, found.key, message)) {
        return refused(std::move(message));
    }
    std::optional<claims::PayoutsTree> tree =
        claims::read_payouts_tree(*found.payouts_csv, found.key, message);
    if (!tree) {
        return refused(fmt::format("{}: {}", file.string(), message));
    }
    if (tree->root.root != recorded->root || tree->root.leaves_count != recorded->leaves_count) {
        // The file has its recorded hash, so what changed is the key.
        return refused(fmt::format(
            "{} no longer gives run {}'s root {} (it gives {}): restore the key the run was "
            "made with",
            recorded->is_salted ? (fs::path(case_folder) / "proof.key").string() : file.string(),
            run.number, claims::hex_of(recorded->root), claims::hex_of(tree->root.root)));
    }
    found.tree = std::move(*tree);
    return {.status = RecordedTreeStatus::found, .tree = std::move(found), .message = {}};
}

}  // namespace kanzai::tools
