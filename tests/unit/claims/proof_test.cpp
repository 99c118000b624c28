// Known vectors for the proof of distribution, computed independently with Python's hashlib
// and hmac (SPEC "Proof of distribution"): the rows below as payouts.csv records.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "claims/record/proof.hpp"

using namespace kanzai::claims;

namespace {

const std::vector<std::pair<std::string, std::string>> rows = {
    {"C1", "1,C1,BTC,0.50000000,1,payable"},
    {"C1", "2,C1,JPY,1000,2,payable"},
    {"C2", "3,C2,BTC,0.25000000,1,below_minimum"},
    {"\"a,b\"", "4,\"\"\"a,b\"\"\",JPY,7,1,payable"},
    {"C3", "5,C3,JPY,12,2,held"},
};

const std::string key = "kkkkkkkkkkkkkkkk0123456789abcdef";

ProofRoot root_of_first(std::size_t count, const std::optional<std::string>& proof_key) {
    MerkleRootBuilder builder(proof_key);
    for (std::size_t i = 0; i < count; ++i) {
        builder.add_row(rows[i].first, rows[i].second);
    }
    return builder.finish();
}

std::string levels_root_hex(std::size_t count, const std::optional<std::string>& proof_key) {
    std::vector<Digest> leaves;
    for (std::size_t i = 0; i < count; ++i) {
        leaves.push_back(leaf_digest(payee_salt(proof_key, rows[i].first), rows[i].second));
    }
    return hex_of(root_of_levels(merkle_levels(std::move(leaves))));
}

}  // namespace

TEST_CASE("proof: unsalted roots of 0, 1, 2, 3 and 5 payouts") {
    const std::vector<std::pair<std::size_t, std::string>> expected = {
        {0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {1, "26ddc96de6dd79545b7f1f7f95d046e0bf1db0e8fcb578d43d23a0eb91a6ded5"},
        {2, "bb646965f819a8c81efb561f676c4f140a1cdb20da0e9a6ee4bd85da3156d258"},
        {3, "d4654bbbb6e78b039aadbbd1ff9ee8d9040bb8de2c847b53935291dbef595396"},
        {5, "ee082fbc564720fb78bfd6c2f6fc9d316ef2f5259c6e9fdd673d8a3096784893"},
    };
    for (const auto& [count, root] : expected) {
        const ProofRoot proof = root_of_first(count, std::nullopt);
        CHECK(hex_of(proof.root) == root);
        CHECK(proof.leaves_count == count);
        CHECK_FALSE(proof.is_salted);
        CHECK(levels_root_hex(count, std::nullopt) == root);
    }
}

TEST_CASE("proof: salted roots of 0, 1, 2, 3 and 5 payouts") {
    const std::vector<std::pair<std::size_t, std::string>> expected = {
        {0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {1, "bd68de6e0676e5e39a6b05c1c0a7a6632e04430740a3f5b68c53fd2babfc6d98"},
        {2, "8aa0c2e923549cce5e02a6d68836f15c660682885b91c4fcb065103508aad4b1"},
        {3, "2551ac8e4bf83ef09519515067affd81329bdfd8835082584ff9642214c14b17"},
        {5, "e1ab2aec976d7820da22cfcf4d07941ead9bc44901a5a5b07a20f0b54ee92c35"},
    };
    for (const auto& [count, root] : expected) {
        const ProofRoot proof = root_of_first(count, key);
        CHECK(hex_of(proof.root) == root);
        CHECK(proof.is_salted);
        CHECK(levels_root_hex(count, key) == root);
    }
}

TEST_CASE("proof: the salt is HMAC-SHA256 of the payee id; none without a key") {
    CHECK(hex_of(payee_salt(key, "C1")) ==
          "cc0c84c0bae8180df20484e96a5ffab86914028894baf9da30e3898a21e489dd");
    CHECK(payee_salt(std::nullopt, "C1").empty());
}

TEST_CASE("proof: every leaf's path climbs to the root, with the sides its index gives") {
    for (std::size_t count = 1; count <= rows.size(); ++count) {
        std::vector<Digest> leaves;
        for (std::size_t i = 0; i < count; ++i) {
            leaves.push_back(leaf_digest(payee_salt(key, rows[i].first), rows[i].second));
        }
        const std::vector<std::vector<Digest>> levels = merkle_levels(leaves);
        const Digest root = root_of_levels(levels);
        for (std::size_t i = 0; i < count; ++i) {
            const std::vector<PathEntry> path = path_of(levels, i);
            CHECK(climb(leaves[i], path) == root);
            const std::vector<Side> sides = path_sides(i, count);
            REQUIRE(sides.size() == path.size());
            for (std::size_t at = 0; at < path.size(); ++at) {
                CHECK(sides[at] == path[at].side);
            }
        }
    }
    // Five leaves: the last moves up unpaired twice, then is the right of the other four.
    CHECK(path_sides(4, 5) == std::vector<Side>{Side::left});
    CHECK(path_sides(0, 5) == std::vector<Side>{Side::right, Side::right, Side::right});
    CHECK(path_sides(2, 3) == std::vector<Side>{Side::left});
}

TEST_CASE("proof: hex round trip rejects odd lengths and non-hex digits") {
    CHECK(bytes_of_hex("00ff7A") == std::string("\x00\xff\x7a", 3));
    CHECK_FALSE(bytes_of_hex("abc").has_value());
    CHECK_FALSE(bytes_of_hex("zz").has_value());
    CHECK_FALSE(digest_of_hex("00").has_value());
}
