// payouts.csv as a Merkle tree, and one payee's proof from it (see payouts_tree.hpp).
#include "claims/record/payouts_tree.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "claims/record/csv_record.hpp"
#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

// SPEC "Outputs of a run": payouts.csv's header exactly.
constexpr std::string_view payouts_header = "payout_id,payee_id,asset,amount,tranche,status";
constexpr std::size_t payouts_fields_count = 6;
constexpr std::size_t payee_id_field = 1;

// The payee_id of a payouts.csv record; nullopt when it is not six CSV fields. Records that
// quote nothing (nearly all) are cut at their commas without building every field.
std::optional<std::string> payee_id_of(std::string_view record) {
    if (record.find_first_of("\"\r\n") != std::string_view::npos) {
        std::optional<std::vector<std::string>> fields = csv_fields(record);
        if (!fields || fields->size() != payouts_fields_count) {
            return std::nullopt;
        }
        return std::move((*fields)[payee_id_field]);
    }
    if (std::count(record.begin(), record.end(), ',') != payouts_fields_count - 1) {
        return std::nullopt;
    }
    const std::size_t start = record.find(',') + 1;
    return std::string(record.substr(start, record.find(',', start) - start));
}

}  // namespace

std::optional<PayoutsTree> read_payouts_tree(std::string_view text,
                                             const std::optional<std::string>& key,
                                             std::string& error) {
    PayoutsTree tree;
    std::vector<Digest> leaves;
    // One record per line but for quoted line feeds: reserving for every line saves the
    // copies of growing vectors of millions of rows (they were most of the time).
    const auto lines_count = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    leaves.reserve(lines_count);
    tree.rows.reserve(lines_count);
    tree.payee_ids.reserve(lines_count);
    std::size_t records_count = 0;  // the header included
    // The first record that is not a payouts row: 0 for the header, else its data record.
    std::optional<std::size_t> bad_record;
    // Rows are sorted by payee, so each payee's salt is computed once, not once per row.
    ProofHasher hasher(key);
    std::optional<std::string> salt_payee;
    std::string salt;
    const bool is_complete = for_each_csv_record(text, [&](std::string_view record) {
        ++records_count;
        if (records_count == 1) {
            if (record != payouts_header) {
                bad_record = 0;
            }
            return;
        }
        if (bad_record) {
            return;  // the file is rejected: nothing after a bad record counts
        }
        std::optional<std::string> payee_id = payee_id_of(record);
        if (!payee_id) {
            bad_record = records_count - 1;
            return;
        }
        if (salt_payee != payee_id) {
            salt = hasher.salt(*payee_id);
            salt_payee = payee_id;
        }
        leaves.push_back(hasher.leaf(salt, record));
        tree.rows.push_back(record);
        tree.payee_ids.push_back(std::move(*payee_id));
    });
    if (records_count == 0 || bad_record == 0) {
        error = fmt::format("the header is not \"{}\"", payouts_header);
        return std::nullopt;
    }
    if (bad_record) {
        error =
            fmt::format("data record {} is not {} CSV fields", *bad_record, payouts_fields_count);
        return std::nullopt;
    }
    if (!is_complete) {
        error = "the last record has no final line feed (a truncated file?)";
        return std::nullopt;
    }
    tree.levels = merkle_levels(std::move(leaves));
    tree.root = {.root = root_of_levels(tree.levels),
                 .leaves_count = tree.rows.size(),
                 .is_salted = key.has_value()};
    return tree;
}

std::vector<std::size_t> payout_indexes_of(const PayoutsTree& tree, std::string_view payee_id) {
    std::vector<std::size_t> indexes;
    for (std::size_t index = 0; index < tree.payee_ids.size(); ++index) {
        if (tree.payee_ids[index] == payee_id) {
            indexes.push_back(index);
        }
    }
    return indexes;
}

ProofFile proof_of_payouts(const PayoutsTree& tree, const std::optional<std::string>& key,
                           std::string_view payee_id, const std::vector<std::size_t>& indexes) {
    ProofFile proof{.case_name = {},
                    .run_number = 0,
                    .root = tree.root,
                    .payee_id = std::string(payee_id),
                    .salt = payee_salt(key, payee_id),
                    .payouts = {}};
    for (const std::size_t index : indexes) {
        KANZAI_ASSERT(index < tree.rows.size());
        KANZAI_ASSERT(tree.payee_ids[index] == payee_id);
        proof.payouts.push_back({.index = index,
                                 .row = std::string(tree.rows[index]),
                                 .path = path_of(tree.levels, index)});
    }
    return proof;
}

}  // namespace kanzai::claims
