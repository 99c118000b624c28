// The proof of distribution against tests/data/proof_vectors.json, the vectors that
// tests/data/proof_vectors.py computes with Python's hashlib and hmac only (SPEC "Proof of
// distribution"): every leaf, root and path, salted and unsalted, for 0, 1, 2, 3, 5 and 7
// payouts.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "claims/record/proof.hpp"
#include "tests/support/source_tree.hpp"

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

nlohmann::json read_vectors() {
    std::ifstream file(kanzai::testing::source_tree() / "tests" / "data" / "proof_vectors.json");
    REQUIRE(file.good());
    return nlohmann::json::parse(std::string{std::istreambuf_iterator<char>(file), {}});
}

std::string side_name(Side side) { return side == Side::left ? "left" : "right"; }

}  // namespace

TEST_CASE("proof: the vectors of tests/data/proof_vectors.json, salted and unsalted") {
    const nlohmann::json vectors = read_vectors();
    const std::string vector_key = *bytes_of_hex(vectors.at("key_hex").get<std::string>());
    std::vector<std::pair<std::string, std::string>> vector_rows;
    for (const nlohmann::json& row : vectors.at("rows")) {
        vector_rows.emplace_back(row.at("payee_id"), row.at("row"));
    }
    for (const auto& [payee_id, salt_hex] : vectors.at("salts").items()) {
        CHECK(hex_of(payee_salt(vector_key, payee_id)) == salt_hex.get<std::string>());
    }
    std::size_t cases_count = 0;
    for (const nlohmann::json& expected : vectors.at("cases")) {
        const auto count = expected.at("payouts").get<std::size_t>();
        const std::optional<std::string> case_key =
            expected.at("salted").get<bool>() ? std::optional(vector_key) : std::nullopt;
        CAPTURE(count);
        CAPTURE(case_key.has_value());
        MerkleRootBuilder builder(case_key);
        std::vector<Digest> leaves;
        for (std::size_t i = 0; i < count; ++i) {
            builder.add_row(vector_rows[i].first, vector_rows[i].second);
            leaves.push_back(
                leaf_digest(payee_salt(case_key, vector_rows[i].first), vector_rows[i].second));
            CHECK(hex_of(leaves.back()) == expected.at("leaves").at(i).get<std::string>());
        }
        const ProofRoot proof = builder.finish();
        CHECK(hex_of(proof.root) == expected.at("root").get<std::string>());
        CHECK(proof.leaves_count == count);
        CHECK(proof.is_salted == case_key.has_value());
        const std::vector<std::vector<Digest>> levels = merkle_levels(leaves);
        CHECK(hex_of(root_of_levels(levels)) == expected.at("root").get<std::string>());
        for (std::size_t i = 0; i < count; ++i) {
            const nlohmann::json& want = expected.at("paths").at(i);
            const std::vector<PathEntry> path = path_of(levels, i);
            REQUIRE(path.size() == want.size());
            for (std::size_t at = 0; at < path.size(); ++at) {
                CHECK(side_name(path[at].side) == want.at(at).at("side").get<std::string>());
                CHECK(hex_of(path[at].digest) == want.at(at).at("hash").get<std::string>());
            }
        }
        ++cases_count;
    }
    CHECK(cases_count == 12);
}

TEST_CASE("proof: a known root, should the vector file itself go wrong") {
    MerkleRootBuilder builder(key);
    for (const auto& [payee_id, row] : rows) {
        builder.add_row(payee_id, row);
    }
    CHECK(hex_of(builder.finish().root) ==
          "e1ab2aec976d7820da22cfcf4d07941ead9bc44901a5a5b07a20f0b54ee92c35");
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
