// The proof of distribution (SPEC "Proof of distribution", "Proof file"): a Merkle tree over
// the data records of payouts.csv, so that each payee can check its own payouts against a
// published root without seeing anyone else's. Hashing is OpenSSL's SHA-256 and HMAC.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanzai::claims {

using Digest = std::array<std::uint8_t, 32>;

// The hashing of the tree, through OpenSSL contexts made once and reused: OpenSSL 3's
// one-shot calls fetch the algorithm and allocate a context on every call, which measured
// three times the cost of the hashing itself (1.2 s for the salted root of 285,469 payouts).
// One hasher per thread; movable, not copyable.
class ProofHasher {
public:
    // With a key, salt() is HMAC-SHA256 under it (the key is copied into OpenSSL's context).
    explicit ProofHasher(const std::optional<std::string>& key);
    ~ProofHasher();
    ProofHasher(ProofHasher&&) noexcept;
    ProofHasher& operator=(ProofHasher&&) noexcept;
    ProofHasher(const ProofHasher&) = delete;
    ProofHasher& operator=(const ProofHasher&) = delete;

    // salt(p): HMAC-SHA256(key, UTF-8 bytes of p), 32 bytes, with a key; empty without one.
    [[nodiscard]] std::string salt(std::string_view payee_id);
    // SHA-256(0x00 || salt || row): `row` is one record of payouts.csv without its final LF.
    [[nodiscard]] Digest leaf(std::string_view salt, std::string_view row);
    // SHA-256(0x01 || left || right).
    [[nodiscard]] Digest node(const Digest& left, const Digest& right);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The same, each through a hasher of its own (for a few hashes: checks, tests).
[[nodiscard]] std::string payee_salt(const std::optional<std::string>& key,
                                     std::string_view payee_id);
[[nodiscard]] Digest leaf_digest(std::string_view salt, std::string_view row);
// SHA-256 of no bytes: the root of a run without payouts.
[[nodiscard]] Digest empty_root();

[[nodiscard]] std::string hex_of(const Digest& digest);
[[nodiscard]] std::string hex_of(std::string_view bytes);
// The bytes of lower- or upper-case hex text; nullopt for an odd length or a non-hex digit.
[[nodiscard]] std::optional<std::string> bytes_of_hex(std::string_view hex);
[[nodiscard]] std::optional<Digest> digest_of_hex(std::string_view hex);

// What summary.json's `proof` says.
struct ProofRoot {
    Digest root{};
    std::size_t leaves_count = 0;
    bool is_salted = false;
};

// The root computed as the rows are written, without keeping the leaves: a stack holds at
// most one pending node per level (the set bits of the leaves so far), combined as soon as
// a level has two, then folded right to left at the end, which is where an unpaired last
// node meets the next node up.
class MerkleRootBuilder {
public:
    explicit MerkleRootBuilder(const std::optional<std::string>& key)
        : hasher_(key), is_salted_(key.has_value()) {}

    void add_row(std::string_view payee_id, std::string_view row);
    [[nodiscard]] ProofRoot finish();

private:
    struct Pending {
        std::size_t level = 0;
        Digest digest{};
    };
    ProofHasher hasher_;
    bool is_salted_ = false;
    // payouts.csv is sorted by payee: each payee's salt is computed once, for its first row.
    std::optional<std::string> salt_payee_id_;
    std::string salt_;
    std::vector<Pending> stack_;
    std::size_t leaves_count_ = 0;
};

// Every level of the tree, leaves first; the last level has one node (none without leaves).
[[nodiscard]] std::vector<std::vector<Digest>> merkle_levels(std::vector<Digest> leaves);
[[nodiscard]] Digest root_of_levels(const std::vector<std::vector<Digest>>& levels);

enum class Side : std::uint8_t { left, right };

struct PathEntry {
    Side side = Side::left;  // the sibling's side
    Digest digest{};
};

// One entry of a path as `index` and the number of leaves determine it: the level of the
// tree it combines at (0: the leaves) and the side of the sibling there.
struct PathStep {
    std::size_t level = 0;
    Side side = Side::left;
};

// Leaf `index`'s steps from the leaf up, in a tree of `leaves_count` leaves: one per level
// where its node has a sibling (an unpaired last node moves up without one). Requires
// index < leaves_count.
[[nodiscard]] std::vector<PathStep> path_steps(std::size_t index, std::size_t leaves_count);
// The sides of path_steps.
[[nodiscard]] std::vector<Side> path_sides(std::size_t index, std::size_t leaves_count);
// The number of levels above the leaves: where a path's climb ends (0 for one leaf).
[[nodiscard]] std::size_t top_level(std::size_t leaves_count);
// Leaf `index`'s path in `levels` (from merkle_levels).
[[nodiscard]] std::vector<PathEntry> path_of(const std::vector<std::vector<Digest>>& levels,
                                             std::size_t index);
// The leaf hashed up its path.
[[nodiscard]] Digest climb(const Digest& leaf, const std::vector<PathEntry>& path);

}  // namespace kanzai::claims
