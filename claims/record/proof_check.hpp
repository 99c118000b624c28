// Whether a proof file holds (SPEC "Command line", "Proof file"): every payout's leaf (from
// `salt` and `row`) hashed up its path gives `root`; `salted` is true exactly when `salt`
// has 32 bytes (else it is empty); every row's payee_id is the proof's; every index is below
// `leaves`; every path has exactly the entries and sides that its index and `leaves`
// determine. A file that is not shaped as a proof is parse_proof_json's business.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "claims/record/proof.hpp"
#include "claims/record/proof_file.hpp"

namespace kanzai::claims {

// Every way `proof` fails to hold, one message each, naming the payout and, for a path
// that does not climb to the root, the level where it breaks; empty when it holds. With
// `published_root`, the proof's root must be that one too. A level is found where the
// payee's other payouts, those that do climb to the root, fix the node or its sibling;
// otherwise the break shows only at the top, where the climb misses the root.
[[nodiscard]] std::vector<std::string> check_proof(const ProofFile& proof,
                                                   const std::optional<Digest>& published_root);

}  // namespace kanzai::claims
