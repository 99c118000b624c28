// `kanzai proof CASE PAYEE [--run N] [--out FILE] [--html FILE]` (SPEC "Command line",
// "Proof file"): the proof of one payee's payouts in recorded run N (default the latest),
// from the run folder's payouts.csv as written. Exit 2 when case.db, the run or the payee's
// payouts are not there, or when the folder or proof.key no longer gives the recorded root:
// a proof that does not climb to the published root would only mislead the creditor.
#include <fmt/format.h>

#include "claims/record/proof_file.hpp"
#include "tools/commands.hpp"
#include "tools/inspect/explain_run.hpp"
#include "tools/proof/recorded_tree.hpp"
#include "tools/proof/verify_page.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {
namespace {

// Run `number`'s header (no rows), or the latest run's; nullopt and why in `err`.
std::optional<claims::RunRecord> read_header(const claims::CaseDb& db, std::optional<int> number,
                                             std::string& err) {
    const std::vector<int> numbers = db.run_numbers();
    if (numbers.empty()) {
        err = "case.db records no run yet\n";
        return std::nullopt;
    }
    const int wanted = number.value_or(numbers.back());
    std::optional<claims::RunRecord> header = db.read_run_header(wanted);
    if (!header) {
        err = fmt::format("case.db records no run {} (recorded: {})\n", wanted,
                          fmt::join(numbers, ", "));
    }
    return header;
}

}  // namespace

int run_proof(const ProofOptions& options) {
    std::string err;
    const std::optional<claims::CaseDb> db = open_recorded_case(options.case_folder, err);
    const std::optional<claims::RunRecord> run =
        db ? read_header(*db, options.run, err) : std::nullopt;
    if (!run) {
        fmt::print(stderr, "kanzai proof: {}", err);
        return exit_invalid_input;
    }
    const RecordedTreeResult recorded = read_recorded_tree(options.case_folder, *run);
    if (recorded.status != RecordedTreeStatus::found) {
        fmt::print(stderr, "kanzai proof: {}\n", recorded.message);
        return exit_invalid_input;
    }
    const claims::PayoutsTree& tree = recorded.tree->tree;
    const std::vector<std::size_t> indexes = claims::payout_indexes_of(tree, options.payee_id);
    if (indexes.empty()) {
        fmt::print(stderr, "kanzai proof: payee {} has no payouts in run {}: there is no row "
                           "to prove\n",
                   options.payee_id, run->number);
        return exit_invalid_input;
    }
    claims::ProofFile proof =
        claims::proof_of_payouts(tree, recorded.tree->key, options.payee_id, indexes);
    proof.case_name = run->case_name;
    proof.run_number = run->number;
    const std::string json = claims::render_proof_json(proof);
    if (options.html) {
        write_file_atomically(*options.html, verify_page_with(json));
    }
    if (!options.out) {
        fmt::print("{}", json);
        return exit_done;
    }
    write_file_atomically(*options.out, json);
    fmt::print("proof of {}: {} of the {} payouts of run {} -> {}\n", options.payee_id,
               indexes.size(), tree.rows.size(), run->number, *options.out);
    return exit_done;
}

}  // namespace kanzai::tools
