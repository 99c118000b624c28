// A run's payouts.csv as the Merkle tree of SPEC "Proof of distribution", and the proof of
// one payee's payouts from it (`kanzai proof`, `kanzai notices`). The tree is rebuilt from
// the file's bytes, so a proof always shows the rows exactly as the payment agent got them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/record/proof.hpp"
#include "claims/record/proof_file.hpp"

namespace kanzai::claims {

struct PayoutsTree {
    ProofRoot root;
    std::vector<std::vector<Digest>> levels;  // merkle_levels of the leaves
    std::vector<std::string_view> rows;       // each data record as written (into the text)
    std::vector<std::string> payee_ids;       // each data record's payee_id, unquoted
};

// The tree of payouts.csv's `text` (the whole file, which must outlive the tree), salted by
// `key` when there is one. nullopt and a message in `error` when the text is not a
// payouts.csv: another header, a record that is not six CSV fields, no final LF.
[[nodiscard]] std::optional<PayoutsTree> read_payouts_tree(std::string_view text,
                                                           const std::optional<std::string>& key,
                                                           std::string& error);

// The 0-based data records of `payee_id`, in file order.
[[nodiscard]] std::vector<std::size_t> payout_indexes_of(const PayoutsTree& tree,
                                                         std::string_view payee_id);

// The proof of the payouts at `indexes` (all `payee_id`'s, from payout_indexes_of) without
// case name and run number, which the caller knows. Asserts each index is in the tree and
// belongs to `payee_id`.
[[nodiscard]] ProofFile proof_of_payouts(const PayoutsTree& tree,
                                         const std::optional<std::string>& key,
                                         std::string_view payee_id,
                                         const std::vector<std::size_t>& indexes);

}  // namespace kanzai::claims
