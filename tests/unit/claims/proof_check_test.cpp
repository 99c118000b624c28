// The proof file and its check (SPEC "Proof file"): every payee's proof of a random
// payouts.csv holds, survives a JSON round trip, and stops holding when any byte of any
// row, path entry or salt changes; each failure names its payout and level.
#include "claims/record/proof_check.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "claims/record/csv_record.hpp"
#include "claims/record/payouts_tree.hpp"
#include "claims/record/proof_file.hpp"
#include "tests/support/printing.hpp"

using namespace kanzai::claims;
using kanzai::testing::Random;

namespace {

const std::string key = "a proof key of at least thirty-two bytes";

// A CSV field as the run writes it: quoted only when it holds a comma, quote, CR or LF.
std::string csv_cell(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

// A payouts.csv of `rows_count` rows over a few payees, some with ids that need quoting,
// sorted by payee as the run writes it.
std::string random_payouts_csv(Random& random, std::size_t rows_count) {
    const std::vector<std::string> payees = {"C1",         "C2", "a,b",       "x\"y",
                                             "creditor:Z", "C9", "line\nfeed"};
    std::vector<std::string> chosen;
    for (std::size_t i = 0; i < rows_count; ++i) {
        chosen.push_back(payees[random.below(payees.size())]);
    }
    std::sort(chosen.begin(), chosen.end());
    std::string text = "payout_id,payee_id,asset,amount,tranche,status\n";
    for (std::size_t i = 0; i < rows_count; ++i) {
        text += fmt::format("{},{},JPY,{},1,payable\n", i + 1, csv_cell(chosen[i]),
                            random.below(100000));
    }
    return text;
}

std::set<std::string> payees_of(const PayoutsTree& tree) {
    return {tree.payee_ids.begin(), tree.payee_ids.end()};
}

bool holds(const ProofFile& proof) { return check_proof(proof, std::nullopt).empty(); }

}  // namespace

TEST_CASE("csv record: records as written, quotes and embedded line feeds kept") {
    std::vector<std::string> records;
    const auto collect = [&](std::string_view record) { records.emplace_back(record); };
    CHECK(for_each_csv_record("a,b\n\"x\ny\",\"q\"\"\"\n", collect));
    CHECK(records == std::vector<std::string>{"a,b", "\"x\ny\",\"q\"\"\""});
    records.clear();
    CHECK_FALSE(for_each_csv_record("a,b\nc", collect));
    CHECK(records == std::vector<std::string>{"a,b"});
    CHECK_FALSE(for_each_csv_record("\"open\n", collect));
    CHECK(for_each_csv_record("", collect));
}

TEST_CASE("csv record: the fields of one record, and what is not one") {
    CHECK(csv_fields("4,\"\"\"a,b\"\"\",JPY,,1") ==
          std::vector<std::string>{"4", "\"a,b\"", "JPY", "", "1"});
    CHECK(csv_fields("\"line\nfeed\",x") == std::vector<std::string>{"line\nfeed", "x"});
    CHECK(csv_fields("") == std::vector<std::string>{""});
    CHECK_FALSE(csv_fields("a\"b,c").has_value());    // a quote inside an unquoted field
    CHECK_FALSE(csv_fields("\"a\"b,c").has_value());  // text after the closing quote
    CHECK_FALSE(csv_fields("\"a,b").has_value());     // unterminated
    CHECK_FALSE(csv_fields("a\nb").has_value());      // two records
    CHECK_FALSE(csv_fields("a\r").has_value());
}

TEST_CASE("payouts tree: the root of the file is the root the run writes") {
    const std::string text =
        "payout_id,payee_id,asset,amount,tranche,status\n"
        "1,C1,BTC,0.50000000,1,payable\n"
        "2,C1,JPY,1000,2,payable\n"
        "3,C2,BTC,0.25000000,1,below_minimum\n";
    for (const std::optional<std::string>& tree_key :
         {std::optional<std::string>(), std::optional<std::string>(key)}) {
        MerkleRootBuilder builder(tree_key);
        builder.add_row("C1", "1,C1,BTC,0.50000000,1,payable");
        builder.add_row("C1", "2,C1,JPY,1000,2,payable");
        builder.add_row("C2", "3,C2,BTC,0.25000000,1,below_minimum");
        std::string error;
        const std::optional<PayoutsTree> tree = read_payouts_tree(text, tree_key, error);
        REQUIRE(tree.has_value());
        CHECK(tree->root.root == builder.finish().root);
        CHECK(tree->root.leaves_count == 3);
        CHECK(tree->root.is_salted == tree_key.has_value());
        CHECK(payout_indexes_of(*tree, "C1") == std::vector<std::size_t>{0, 1});
        CHECK(payout_indexes_of(*tree, "C3").empty());
    }
}

TEST_CASE("payouts tree: a file that is not payouts.csv is refused with the reason") {
    std::string error;
    CHECK_FALSE(read_payouts_tree("", std::nullopt, error).has_value());
    CHECK(error == "the header is not \"payout_id,payee_id,asset,amount,tranche,status\"");
    CHECK_FALSE(read_payouts_tree("payout_id,payee_id\n", std::nullopt, error).has_value());
    CHECK_FALSE(read_payouts_tree("payout_id,payee_id,asset,amount,tranche,status\n"
                                  "1,C1,BTC,1,1,payable\n2,C1\n",
                                  std::nullopt, error)
                    .has_value());
    CHECK(error == "data record 2 is not 6 CSV fields");
    CHECK_FALSE(read_payouts_tree("payout_id,payee_id,asset,amount,tranche,status\n"
                                  "1,C1,BTC,1,1,payable",
                                  std::nullopt, error)
                    .has_value());
    CHECK(error == "the last record has no final line feed (a truncated file?)");
    const std::optional<PayoutsTree> empty =
        read_payouts_tree("payout_id,payee_id,asset,amount,tranche,status\n", key, error);
    REQUIRE(empty.has_value());
    CHECK(empty->root.root == empty_root());
    CHECK(empty->root.leaves_count == 0);
}

TEST_CASE("proof file: the SPEC's keys in the SPEC's order, read back the same") {
    const std::string text =
        "payout_id,payee_id,asset,amount,tranche,status\n"
        "1,C1,BTC,0.50000000,1,payable\n"
        "2,\"a,b\",JPY,7,1,payable\n"
        "3,\"a,b\",JPY,8,2,held_kyc\n";
    std::string error;
    const PayoutsTree tree = *read_payouts_tree(text, key, error);
    ProofFile proof = proof_of_payouts(tree, key, "a,b", payout_indexes_of(tree, "a,b"));
    proof.case_name = "Example";
    proof.run_number = 3;
    const std::string json = render_proof_json(proof);
    const std::vector<std::size_t> at = {
        json.find("\"case\""),   json.find("\"run\""),     json.find("\"root\""),
        json.find("\"salted\""), json.find("\"leaves\""),  json.find("\"payee_id\""),
        json.find("\"salt\":"),  json.find("\"payouts\""), json.find("\"index\""),
        json.find("\"row\""),    json.find("\"path\""),    json.find("\"side\""),
        json.find("\"hash\"")};
    for (std::size_t i = 0; i + 1 < at.size(); ++i) {
        CHECK(at[i] != std::string::npos);
        CHECK(at[i] < at[i + 1]);
    }
    CHECK(json.find("\"row\": \"2,\\\"a,b\\\",JPY,7,1,payable\"") != std::string::npos);
    CHECK(json.back() == '\n');
    const std::optional<ProofFile> back = parse_proof_json(json, error);
    REQUIRE(back.has_value());
    CHECK(render_proof_json(*back) == json);
    CHECK(holds(*back));
}

TEST_CASE("proof file: a malformed file is refused with where it is wrong") {
    const auto error_of = [](const std::string& text) {
        std::string error;
        CHECK_FALSE(parse_proof_json(text, error).has_value());
        return error;
    };
    const std::string root(64, 'a');
    const std::string head = "{\"case\": \"X\", \"run\": 1, \"root\": \"" + root +
                             "\", \"salted\": false, \"leaves\": 2, \"payee_id\": \"C1\", "
                             "\"salt\": \"\", \"payouts\": ";
    CHECK(error_of("{") == "not JSON (or not UTF-8)");
    CHECK(error_of("[]") == "not a JSON object");
    CHECK(error_of("{\"case\": \"X\"}") == "the proof has no key \"run\"");
    CHECK(error_of(head + "[], \"extra\": 1}") == "the proof has an unknown key \"extra\"");
    CHECK(error_of(head + "{}}") == "\"payouts\" is not an array");
    CHECK(error_of(head + "[{\"index\": -1, \"row\": \"\", \"path\": []}]}") ==
          "payouts[0].index is not a whole number >= 0");
    CHECK(error_of(head +
                   "[{\"index\": 0, \"row\": \"\", \"path\": [{\"side\": \"up\", "
                   "\"hash\": \"" +
                   root + "\"}]}]}") ==
          "payouts[0].path[0].side is neither \"left\" nor \"right\"");
    CHECK(error_of(head +
                   "[{\"index\": 0, \"row\": \"\", \"path\": [{\"side\": \"left\", "
                   "\"hash\": \"" +
                   std::string(64, 'A') + "\"}]}]}") ==
          "payouts[0].path[0].hash is not 64 lower-case hex digits");
    CHECK(error_of(head + "[{\"index\": 0, \"row\": \"\"}]}") == "payouts[0] has no key \"path\"");
    std::string bad_root = head;
    bad_root.replace(bad_root.find(root), 64, std::string(63, 'a'));
    CHECK(error_of(bad_root + "[]}") == "\"root\" is not 64 lower-case hex digits");
    std::string bad_run = head;
    bad_run.replace(bad_run.find("\"run\": 1"), 8, "\"run\": 0");
    CHECK(error_of(bad_run + "[]}") == "\"run\" is not a run number (a whole number >= 1)");
}

TEST_CASE("proof check: each SPEC condition that fails is named") {
    const std::string text =
        "payout_id,payee_id,asset,amount,tranche,status\n"
        "1,C1,JPY,1,1,payable\n2,C2,JPY,2,1,payable\n"
        "3,C2,JPY,3,1,payable\n4,C3,JPY,4,1,payable\n"
        "5,C4,JPY,5,1,payable\n";
    std::string error;
    const PayoutsTree tree = *read_payouts_tree(text, key, error);
    const ProofFile good = proof_of_payouts(tree, key, "C2", payout_indexes_of(tree, "C2"));
    REQUIRE(holds(good));
    ProofFile proof = good;
    proof.root.is_salted = false;
    CHECK(check_proof(proof, std::nullopt) ==
          std::vector<std::string>{"salted is false but the salt has 32 bytes, not none"});
    proof = good;
    proof.salt.clear();
    CHECK(check_proof(proof, std::nullopt).front() ==
          "salted is true but the salt has 0 bytes, not 32");
    proof = good;
    proof.payouts[1].row = "3,C3,JPY,3,1,payable";
    CHECK(check_proof(proof, std::nullopt).front() ==
          "payouts[1] (index 2): the row's payee_id is \"C3\", not the proof's \"C2\"");
    proof = good;
    proof.payouts[1].row = "3,\"C2,JPY,3,1,payable";
    CHECK(check_proof(proof, std::nullopt).front() ==
          "payouts[1] (index 2): the row is not one payouts.csv record of 6 fields");
    proof = good;
    proof.payouts[0].index = 5;
    CHECK(check_proof(proof, std::nullopt) ==
          std::vector<std::string>{"payouts[0] (index 5): the index is not below leaves (5)"});
    proof = good;
    proof.payouts[0].path.pop_back();
    CHECK(check_proof(proof, std::nullopt) ==
          std::vector<std::string>{
              "payouts[0] (index 1): the path has 2 entries; index 1 of 5 leaves has 3"});
    proof = good;
    proof.payouts[0].path[0].side = Side::right;
    CHECK(check_proof(proof, std::nullopt) ==
          std::vector<std::string>{"payouts[0] (index 1): path[0] (level 0) says right; index "
                                   "1 of 5 leaves has its sibling on the left there"});
    proof = good;
    proof.payouts.clear();
    CHECK(check_proof(proof, std::nullopt) ==
          std::vector<std::string>{"the proof lists no payouts"});
    Digest other = good.root.root;
    other[0] ^= 1U;
    CHECK(check_proof(good, other) ==
          std::vector<std::string>{fmt::format("the proof's root {} is not the published root {}",
                                               hex_of(good.root.root), hex_of(other))});
}

TEST_CASE("proof check: the level where a path breaks") {
    // Eight leaves; C2 has indexes 1 and 2, whose paths meet at level 2.
    std::string text =
        "payout_id,payee_id,asset,amount,tranche,status\n1,C1,JPY,1,1,payable\n"
        "2,C2,JPY,2,1,payable\n3,C2,JPY,3,1,payable\n";
    for (int i = 4; i <= 8; ++i) {
        text += fmt::format("{},C{},JPY,{},1,payable\n", i, i, i);
    }
    std::string error;
    const PayoutsTree tree = *read_payouts_tree(text, std::nullopt, error);
    const ProofFile good = proof_of_payouts(tree, std::nullopt, "C2", {1, 2});
    REQUIRE(holds(good));
    ProofFile proof = good;
    proof.payouts[1].row = "3,C2,JPY,30,1,payable";  // payouts[0]'s path holds its node at 1
    CHECK(check_proof(proof, std::nullopt) ==
          std::vector<std::string>{"payouts[1] (index 2): it breaks below level 1: its node "
                                   "there is not the one payouts[0] (index 1) has (its row, "
                                   "salt or path below level 1 is not the committed one)"});
    proof = good;
    proof.payouts[1].path[1].digest[5] ^= 0x40U;  // the sibling at level 1 is payouts[0]'s
    CHECK(check_proof(proof, std::nullopt) ==
          std::vector<std::string>{"payouts[1] (index 2): it breaks at level 1: path[1] is not "
                                   "the one payouts[0] (index 1) has there"});
    proof = good;
    proof.payouts[1].path[2].digest[0] ^= 1U;  // the sibling at level 2 is in both paths
    CHECK(check_proof(proof, std::nullopt) ==
          std::vector<std::string>{"payouts[1] (index 2): it breaks at level 2: path[2] is not "
                                   "the one payouts[0] (index 1) has there"});
    ProofFile single = proof_of_payouts(tree, std::nullopt, "C1", {0});
    single.payouts[0].row = "1,C1,JPY,2,1,payable";
    const std::vector<std::string> alone = check_proof(single, std::nullopt);
    REQUIRE(alone.size() == 1);
    CHECK(alone[0].starts_with("payouts[0] (index 0): its leaf hashed up its path gives "));
    CHECK(alone[0].ends_with(" at level 3, the top, not the root"));
    // Two leaves that are siblings: each one's path holds the other's leaf.
    const std::string pair_text =
        "payout_id,payee_id,asset,amount,tranche,status\n"
        "1,C1,JPY,1,1,payable\n2,C1,JPY,2,1,payable\n"
        "3,C2,JPY,3,1,payable\n";
    const PayoutsTree pair_tree = *read_payouts_tree(pair_text, key, error);
    ProofFile pair = proof_of_payouts(pair_tree, key, "C1", {0, 1});
    pair.payouts[1].row = "2,C1,JPY,20,1,payable";
    CHECK(check_proof(pair, std::nullopt) ==
          std::vector<std::string>{"payouts[1] (index 1): it breaks at level 0: its leaf is not "
                                   "the one payouts[0] (index 0) has there (the row or the salt "
                                   "is not the committed one)"});
}

TEST_CASE("proof check: every payee's proof holds; any changed byte breaks it (property)") {
    const unsigned long long first_seed = kanzai::testing::seed_or(20261202);
    std::size_t changes_count = 0;
    std::vector<std::string> unbroken;  // the changes that left a proof holding: none
    for (int i = 0; i < 16; ++i) {
        const unsigned long long seed = first_seed + static_cast<unsigned long long>(i);
        INFO("seed (replay with KANZAI_SEED): ", seed);
        Random random(seed);
        const std::optional<std::string> case_key =
            random.below(2) == 0 ? std::nullopt : std::optional<std::string>(key);
        const std::string text = random_payouts_csv(random, 1 + random.below(24));
        std::string error;
        const std::optional<PayoutsTree> tree = read_payouts_tree(text, case_key, error);
        REQUIRE(tree.has_value());
        const auto flipped = [&](char byte) {
            return static_cast<char>(static_cast<unsigned char>(byte) ^ (1U + random.below(255)));
        };
        for (const std::string& payee_id : payees_of(*tree)) {
            ProofFile proof =
                proof_of_payouts(*tree, case_key, payee_id, payout_indexes_of(*tree, payee_id));
            proof.case_name = "Random";
            proof.run_number = 1;
            const std::optional<ProofFile> read = parse_proof_json(render_proof_json(proof), error);
            INFO(error);
            REQUIRE(read.has_value());
            REQUIRE(holds(*read));
            REQUIRE(check_proof(*read, tree->root.root).empty());
            const auto expect_broken = [&](const ProofFile& changed, const std::string& what) {
                ++changes_count;
                if (holds(changed)) {
                    unbroken.push_back(fmt::format("seed {}, payee {}: {}", seed, payee_id, what));
                }
            };
            for (std::size_t at = 0; at < proof.payouts.size(); ++at) {
                for (std::size_t b = 0; b < proof.payouts[at].row.size(); ++b) {
                    ProofFile changed = proof;
                    changed.payouts[at].row[b] = flipped(changed.payouts[at].row[b]);
                    expect_broken(changed, fmt::format("payouts[{}].row byte {}", at, b));
                }
                for (std::size_t j = 0; j < proof.payouts[at].path.size(); ++j) {
                    for (std::size_t b = 0; b < 32; ++b) {
                        ProofFile changed = proof;
                        std::uint8_t& byte = changed.payouts[at].path[j].digest[b];
                        byte = static_cast<std::uint8_t>(flipped(static_cast<char>(byte)));
                        expect_broken(changed,
                                      fmt::format("payouts[{}].path[{}] byte {}", at, j, b));
                    }
                }
            }
            for (std::size_t b = 0; b < proof.salt.size(); ++b) {
                ProofFile changed = proof;
                changed.salt[b] = flipped(changed.salt[b]);
                expect_broken(changed, fmt::format("salt byte {}", b));
            }
        }
    }
    CHECK(changes_count > 10000);
    CHECK(unbroken == std::vector<std::string>{});
}

TEST_CASE("proof file: summary.json's proof, and none in a summary without it") {
    const std::string root(64, 'c');
    const std::optional<ProofRoot> proof =
        proof_root_of_summary("{\"engine\": \"x\", \"proof\": {\"root\": \"" + root +
                              "\", \"leaves\": 9, "
                              "\"salted\": true}}");
    REQUIRE(proof.has_value());
    CHECK(hex_of(proof->root) == root);
    CHECK(proof->leaves_count == 9);
    CHECK(proof->is_salted);
    CHECK_FALSE(proof_root_of_summary("{\"engine\": \"x\"}").has_value());
    CHECK_FALSE(proof_root_of_summary("not json").has_value());
}
