// The checks of a proof file (see proof_check.hpp). Levels count from the leaves (0) up;
// a node at level L of leaf `index` sits at position index >> L, whether or not it had a
// sibling below, so nodes the payee's payouts share can be compared level by level.
#include "claims/record/proof_check.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "claims/record/csv_record.hpp"

namespace kanzai::claims {
namespace {

constexpr std::size_t salt_size = 32;  // SPEC: HMAC-SHA256
constexpr std::size_t payouts_fields_count = 6;
constexpr std::size_t payee_id_field = 1;

std::string name_of(const ProofFile& proof, std::size_t at) {
    return fmt::format("payouts[{}] (index {})", at, proof.payouts[at].index);
}

void check_salt(const ProofFile& proof, std::vector<std::string>& problems) {
    if (proof.root.is_salted && proof.salt.size() != salt_size) {
        problems.push_back(fmt::format("salted is true but the salt has {} bytes, not {}",
                                       proof.salt.size(), salt_size));
    }
    if (!proof.root.is_salted && !proof.salt.empty()) {
        problems.push_back(
            fmt::format("salted is false but the salt has {} bytes, not none", proof.salt.size()));
    }
}

void check_row(const ProofFile& proof, std::size_t at, std::vector<std::string>& problems) {
    const std::optional<std::vector<std::string>> fields = csv_fields(proof.payouts[at].row);
    if (!fields || fields->size() != payouts_fields_count) {
        problems.push_back(fmt::format("{}: the row is not one payouts.csv record of {} fields",
                                       name_of(proof, at), payouts_fields_count));
    } else if ((*fields)[payee_id_field] != proof.payee_id) {
        problems.push_back(fmt::format("{}: the row's payee_id is \"{}\", not the proof's \"{}\"",
                                       name_of(proof, at), (*fields)[payee_id_field],
                                       proof.payee_id));
    }
}

// The index and the path's shape; true when the path can be climbed.
bool check_shape(const ProofFile& proof, std::size_t at, std::vector<std::string>& problems) {
    const ProofPayout& payout = proof.payouts[at];
    const std::size_t leaves_count = proof.root.leaves_count;
    if (payout.index >= leaves_count) {
        problems.push_back(fmt::format("{}: the index is not below leaves ({})", name_of(proof, at),
                                       leaves_count));
        return false;
    }
    const std::vector<PathStep> steps = path_steps(payout.index, leaves_count);
    if (payout.path.size() != steps.size()) {
        problems.push_back(fmt::format("{}: the path has {} entries; index {} of {} leaves has {}",
                                       name_of(proof, at), payout.path.size(), payout.index,
                                       leaves_count, steps.size()));
        return false;
    }
    bool is_shaped = true;
    for (std::size_t j = 0; j < steps.size(); ++j) {
        if (payout.path[j].side != steps[j].side) {
            problems.push_back(fmt::format(
                "{}: path[{}] (level {}) says {}; index {} of {} leaves has its sibling on the "
                "{} there",
                name_of(proof, at), j, steps[j].level,
                payout.path[j].side == Side::left ? "left" : "right", payout.index, leaves_count,
                steps[j].side == Side::left ? "left" : "right"));
            is_shaped = false;
        }
    }
    return is_shaped;
}

// The payout's node at every level, its leaf (0) to the top.
std::vector<Digest> climb_levels(const ProofFile& proof, const ProofPayout& payout) {
    const std::vector<PathStep> steps = path_steps(payout.index, proof.root.leaves_count);
    ProofHasher hasher(std::nullopt);
    std::vector<Digest> nodes{hasher.leaf(proof.salt, payout.row)};
    std::size_t next_step = 0;
    for (std::size_t level = 0; level < top_level(proof.root.leaves_count); ++level) {
        Digest node = nodes.back();
        if (next_step < steps.size() && steps[next_step].level == level) {
            const PathEntry& entry = payout.path[next_step];
            node = entry.side == Side::left ? hasher.node(entry.digest, node)
                                            : hasher.node(node, entry.digest);
            ++next_step;
        }
        nodes.push_back(node);
    }
    return nodes;
}

// (level, position) -> the node there and the payout that fixes it.
using KnownNodes = std::map<std::pair<std::size_t, std::size_t>, std::pair<Digest, std::size_t>>;

void add_known(const ProofFile& proof, std::size_t at, const std::vector<Digest>& nodes,
               KnownNodes& known) {
    const ProofPayout& payout = proof.payouts[at];
    for (std::size_t level = 0; level < nodes.size(); ++level) {
        known.emplace(std::pair(level, payout.index >> level), std::pair(nodes[level], at));
    }
    const std::vector<PathStep> steps = path_steps(payout.index, proof.root.leaves_count);
    for (std::size_t j = 0; j < steps.size(); ++j) {
        known.emplace(std::pair(steps[j].level, (payout.index >> steps[j].level) ^ 1U),
                      std::pair(payout.path[j].digest, at));
    }
}

// A node of the payout that differs from the one payout `other` fixes at `level`: what is
// wrong lies below it (the leaf itself at level 0).
std::string node_break(const ProofFile& proof, std::size_t at, std::size_t level,
                       std::size_t other) {
    if (level == 0) {
        return fmt::format(
            "{}: it breaks at level 0: its leaf is not the one {} has there (the "
            "row or the salt is not the committed one)",
            name_of(proof, at), name_of(proof, other));
    }
    return fmt::format(
        "{}: it breaks below level {}: its node there is not the one {} has (its "
        "row, salt or path below level {} is not the committed one)",
        name_of(proof, at), level, name_of(proof, other), level);
}

// Where a payout that misses the root first disagrees with a node that `known` fixes.
std::string break_of(const ProofFile& proof, std::size_t at, const std::vector<Digest>& nodes,
                     const KnownNodes& known) {
    const ProofPayout& payout = proof.payouts[at];
    const std::vector<PathStep> steps = path_steps(payout.index, proof.root.leaves_count);
    std::size_t next_step = 0;
    for (std::size_t level = 0; level < nodes.size(); ++level) {
        const auto own = known.find({level, payout.index >> level});
        if (own != known.end() && own->second.first != nodes[level]) {
            return node_break(proof, at, level, own->second.second);
        }
        if (next_step < steps.size() && steps[next_step].level == level) {
            const auto sibling = known.find({level, (payout.index >> level) ^ 1U});
            if (sibling != known.end() && sibling->second.first != payout.path[next_step].digest) {
                return fmt::format(
                    "{}: it breaks at level {}: path[{}] is not the one {} has there",
                    name_of(proof, at), level, next_step, name_of(proof, sibling->second.second));
            }
            ++next_step;
        }
    }
    return fmt::format(
        "{}: its leaf hashed up its path gives {} at level {}, the top, not the root",
        name_of(proof, at), hex_of(nodes.back()), nodes.size() - 1);
}

}  // namespace

std::vector<std::string> check_proof(const ProofFile& proof,
                                     const std::optional<Digest>& published_root) {
    std::vector<std::string> problems;
    if (published_root && *published_root != proof.root.root) {
        problems.push_back(fmt::format("the proof's root {} is not the published root {}",
                                       hex_of(proof.root.root), hex_of(*published_root)));
    }
    check_salt(proof, problems);
    if (proof.payouts.empty()) {
        problems.push_back("the proof lists no payouts");
    }
    std::vector<std::optional<std::vector<Digest>>> climbs(proof.payouts.size());
    KnownNodes known;
    for (std::size_t at = 0; at < proof.payouts.size(); ++at) {
        check_row(proof, at, problems);
        if (check_shape(proof, at, problems)) {
            climbs[at] = climb_levels(proof, proof.payouts[at]);
            if (climbs[at]->back() == proof.root.root) {
                add_known(proof, at, *climbs[at], known);
            }
        }
    }
    for (std::size_t at = 0; at < proof.payouts.size(); ++at) {
        if (climbs[at] && climbs[at]->back() != proof.root.root) {
            problems.push_back(break_of(proof, at, *climbs[at], known));
        }
    }
    return problems;
}

}  // namespace kanzai::claims
