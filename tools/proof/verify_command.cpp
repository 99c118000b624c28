// `kanzai verify PROOF [--root HEX]` (SPEC "Command line", "Proof file"): whether a proof
// file holds, and with --root whether its root is the published one. Exit 0 with one line
// when it holds; exit 2 with each reason when it does not or when the file is malformed.
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "claims/record/proof_check.hpp"
#include "claims/record/proof_file.hpp"
#include "tools/commands.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {
namespace {

std::string payouts_text(std::size_t count) {
    return count == 1 ? std::string("the payout") : fmt::format("the {} payouts", count);
}

}  // namespace

int run_verify(const VerifyOptions& options) {
    std::optional<claims::Digest> published_root;
    if (options.root) {
        std::string root = *options.root;
        std::transform(root.begin(), root.end(), root.begin(),
                       [](char c) { return c >= 'A' && c <= 'F' ? static_cast<char>(c + 32) : c; });
        published_root = claims::digest_of_hex(root);
        if (!published_root) {
            fmt::print(stderr, "kanzai verify: --root must be 64 hex digits; see kanzai verify "
                               "--help\n");
            return exit_usage;
        }
    }
    std::error_code error;
    if (!std::filesystem::is_regular_file(options.proof, error)) {
        fmt::print(stderr, "{}: no such proof file\n", options.proof);
        return exit_invalid_input;
    }
    std::string problem;
    const std::optional<claims::ProofFile> proof =
        claims::parse_proof_json(read_file(options.proof), problem);
    if (!proof) {
        fmt::print(stderr, "{}: not a proof file: {}\n", options.proof, problem);
        return exit_invalid_input;
    }
    const std::vector<std::string> problems = claims::check_proof(*proof, published_root);
    if (!problems.empty()) {
        for (const std::string& line : problems) {
            fmt::print(stderr, "{}: {}\n", options.proof, line);
        }
        fmt::print(stderr, "{}: does not hold\n", options.proof);
        return exit_invalid_input;
    }
    fmt::print("{}: holds: {} of {} {} in run {} of \"{}\" ({} payouts) under root {}{}\n",
               options.proof, payouts_text(proof->payouts.size()), proof->payee_id,
               proof->payouts.size() == 1 ? "is" : "are", proof->run_number,
               proof->case_name, proof->root.leaves_count, claims::hex_of(proof->root.root),
               published_root ? ", the published root"
                              : "; compare it with the published root (or give it with --root)");
    return exit_done;
}

}  // namespace kanzai::tools
