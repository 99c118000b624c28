// The proof file of SPEC "Command line" ("Proof file"): one payee's payouts.csv rows with
// their Merkle paths, as JSON with the SPEC's keys in the SPEC's order, and read back
// strictly (every key present, no other key, every type and hash checked), so that `verify`
// judges exactly what `proof` writes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/record/proof.hpp"

namespace kanzai::claims {

// One payout of the payee: its 0-based index among payouts.csv's data records, the record
// as written, and its path from the leaf up.
struct ProofPayout {
    std::size_t index = 0;
    std::string row;
    std::vector<PathEntry> path;
};

struct ProofFile {
    std::string case_name;
    int run_number = 0;
    ProofRoot root;
    std::string payee_id;
    std::string salt;                  // bytes: HMAC-SHA256 of the payee id when salted, else empty
    std::vector<ProofPayout> payouts;  // in file order
};

// The JSON text, two-space indented, ending with a newline.
[[nodiscard]] std::string render_proof_json(const ProofFile& proof);

// The proof file read back; nullopt and one message in `error` (e.g. `payouts[1].path[0]
// .hash is not 64 lower-case hex digits`) when the text is not JSON or not shaped as the
// SPEC's proof file. Whether the proof holds is check_proof's business (proof_check.hpp).
[[nodiscard]] std::optional<ProofFile> parse_proof_json(std::string_view text, std::string& error);

// summary.json's `proof` (root, leaves, salted); nullopt when the summary has none (a run
// recorded before the proof of distribution) or it is not well formed.
[[nodiscard]] std::optional<ProofRoot> proof_root_of_summary(std::string_view summary_json);

}  // namespace kanzai::claims
