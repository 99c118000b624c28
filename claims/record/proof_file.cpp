// The proof file as JSON (see proof_file.hpp), through nlohmann-json: written in the SPEC's
// key order; reading checks every key and type.
#include "claims/record/proof_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>

namespace kanzai::claims {
namespace {

using Json = nlohmann::json;

// SPEC "Proof of distribution": hashes print as 64 lower-case hex digits. The reader takes
// only that form, so that every verifier (this one, the offline page) reads the same files.
bool is_lower_hex(std::string_view text) {
    return text.size() % 2 == 0 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::optional<Digest> hash_at(const Json& value) {
    if (!value.is_string() || value.get_ref<const std::string&>().size() != 64 ||
        !is_lower_hex(value.get_ref<const std::string&>())) {
        return std::nullopt;
    }
    return digest_of_hex(value.get_ref<const std::string&>());
}

// Every key of `object` is one of `keys` and every one of `keys` is there; else a message.
std::optional<std::string> keys_problem(const Json& object, std::span<const char* const> keys,
                                        const std::string& where) {
    for (const char* key : keys) {
        if (!object.contains(key)) {
            return fmt::format("{} has no key \"{}\"", where, key);
        }
    }
    for (const auto& item : object.items()) {
        // A named variable, not a structured binding: clang 14 (the fuzz build) cannot
        // capture a binding in a lambda.
        const std::string& key = item.key();
        if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; })) {
            return fmt::format("{} has an unknown key \"{}\"", where, key);
        }
    }
    return std::nullopt;
}

std::optional<std::vector<PathEntry>> read_path(const Json& path, const std::string& where,
                                                std::string& error) {
    static constexpr std::array<const char*, 2> keys = {"side", "hash"};
    if (!path.is_array()) {
        error = fmt::format("{} is not an array", where);
        return std::nullopt;
    }
    std::vector<PathEntry> entries;
    for (std::size_t at = 0; at < path.size(); ++at) {
        const std::string entry_where = fmt::format("{}[{}]", where, at);
        const Json& entry = path[at];
        if (!entry.is_object()) {
            error = fmt::format("{} is not an object", entry_where);
            return std::nullopt;
        }
        if (const auto problem = keys_problem(entry, keys, entry_where)) {
            error = *problem;
            return std::nullopt;
        }
        const Json& side = entry["side"];
        if (side != "left" && side != "right") {
            error = fmt::format("{}.side is neither \"left\" nor \"right\"", entry_where);
            return std::nullopt;
        }
        const std::optional<Digest> digest = hash_at(entry["hash"]);
        if (!digest) {
            error = fmt::format("{}.hash is not 64 lower-case hex digits", entry_where);
            return std::nullopt;
        }
        entries.push_back({.side = side == "left" ? Side::left : Side::right, .digest = *digest});
    }
    return entries;
}

std::optional<ProofPayout> read_payout(const Json& payout, const std::string& where,
                                       std::string& error) {
    static constexpr std::array<const char*, 3> keys = {"index", "row", "path"};
    if (!payout.is_object()) {
        error = fmt::format("{} is not an object", where);
        return std::nullopt;
    }
    if (const auto problem = keys_problem(payout, keys, where)) {
        error = *problem;
        return std::nullopt;
    }
    if (!payout["index"].is_number_unsigned()) {
        error = fmt::format("{}.index is not a whole number >= 0", where);
        return std::nullopt;
    }
    if (!payout["row"].is_string()) {
        error = fmt::format("{}.row is not a string", where);
        return std::nullopt;
    }
    std::optional<std::vector<PathEntry>> path = read_path(payout["path"], where + ".path", error);
    if (!path) {
        return std::nullopt;
    }
    return ProofPayout{.index = payout["index"].get<std::size_t>(),
                       .row = payout["row"].get<std::string>(),
                       .path = std::move(*path)};
}

// The top-level keys other than `payouts`, checked and copied into `proof`.
bool read_header(const Json& json, ProofFile& proof, std::string& error) {
    const auto fail = [&](const char* message) {
        error = message;
        return false;
    };
    if (!json["case"].is_string()) {
        return fail("\"case\" is not a string");
    }
    if (!json["run"].is_number_unsigned() || json["run"].get<std::uint64_t>() == 0 ||
        json["run"].get<std::uint64_t>() > INT_MAX) {
        return fail("\"run\" is not a run number (a whole number >= 1)");
    }
    const std::optional<Digest> root = hash_at(json["root"]);
    if (!root) {
        return fail("\"root\" is not 64 lower-case hex digits");
    }
    if (!json["salted"].is_boolean()) {
        return fail("\"salted\" is not true or false");
    }
    if (!json["leaves"].is_number_unsigned()) {
        return fail("\"leaves\" is not a whole number >= 0");
    }
    if (!json["payee_id"].is_string()) {
        return fail("\"payee_id\" is not a string");
    }
    if (!json["salt"].is_string() || !is_lower_hex(json["salt"].get_ref<const std::string&>())) {
        return fail("\"salt\" is not lower-case hex digits (or \"\")");
    }
    proof.case_name = json["case"].get<std::string>();
    proof.run_number = json["run"].get<int>();
    proof.root = {.root = *root,
                  .leaves_count = json["leaves"].get<std::size_t>(),
                  .is_salted = json["salted"].get<bool>()};
    proof.payee_id = json["payee_id"].get<std::string>();
    proof.salt = *bytes_of_hex(json["salt"].get_ref<const std::string&>());
    return true;
}

}  // namespace

// Written by hand around nlohmann's string escaping, for a file a creditor can read: one
// line per key and per path entry, where nlohmann's own indentation takes four per entry.
std::string render_proof_json(const ProofFile& proof) {
    const auto text = [](const std::string& value) { return Json(value).dump(); };
    std::string json = "{\n";
    json += fmt::format("  \"case\": {},\n", text(proof.case_name));
    json += fmt::format("  \"run\": {},\n", proof.run_number);
    json += fmt::format("  \"root\": \"{}\",\n", hex_of(proof.root.root));
    json += fmt::format("  \"salted\": {},\n", proof.root.is_salted);
    json += fmt::format("  \"leaves\": {},\n", proof.root.leaves_count);
    json += fmt::format("  \"payee_id\": {},\n", text(proof.payee_id));
    json += fmt::format("  \"salt\": \"{}\",\n", hex_of(proof.salt));
    json += "  \"payouts\": [";
    for (std::size_t at = 0; at < proof.payouts.size(); ++at) {
        const ProofPayout& payout = proof.payouts[at];
        json += at == 0 ? "\n" : ",\n";
        json += fmt::format("    {{\n      \"index\": {},\n      \"row\": {},\n      \"path\": [",
                            payout.index, text(payout.row));
        for (std::size_t j = 0; j < payout.path.size(); ++j) {
            json +=
                fmt::format("{}\n        {{\"side\": \"{}\", \"hash\": \"{}\"}}", j == 0 ? "" : ",",
                            payout.path[j].side == Side::left ? "left" : "right",
                            hex_of(payout.path[j].digest));
        }
        json += payout.path.empty() ? "]\n    }" : "\n      ]\n    }";
    }
    json += proof.payouts.empty() ? "]\n}\n" : "\n  ]\n}\n";
    return json;
}

std::optional<ProofFile> parse_proof_json(std::string_view text, std::string& error) {
    static constexpr std::array<const char*, 8> keys = {"case",   "run",      "root", "salted",
                                                        "leaves", "payee_id", "salt", "payouts"};
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded()) {
        error = "not JSON (or not UTF-8)";
        return std::nullopt;
    }
    if (!json.is_object()) {
        error = "not a JSON object";
        return std::nullopt;
    }
    if (const auto problem = keys_problem(json, keys, "the proof")) {
        error = *problem;
        return std::nullopt;
    }
    ProofFile proof;
    if (!read_header(json, proof, error)) {
        return std::nullopt;
    }
    const Json& payouts = json["payouts"];
    if (!payouts.is_array()) {
        error = "\"payouts\" is not an array";
        return std::nullopt;
    }
    for (std::size_t at = 0; at < payouts.size(); ++at) {
        std::optional<ProofPayout> payout =
            read_payout(payouts[at], fmt::format("payouts[{}]", at), error);
        if (!payout) {
            return std::nullopt;
        }
        proof.payouts.push_back(std::move(*payout));
    }
    return proof;
}

std::optional<ProofRoot> proof_root_of_summary(std::string_view summary_json) {
    const Json summary = Json::parse(summary_json, nullptr, false);
    if (summary.is_discarded() || !summary.is_object() || !summary.contains("proof")) {
        return std::nullopt;
    }
    const Json& proof = summary["proof"];
    if (!proof.is_object() || !proof.contains("root") || !proof.contains("leaves") ||
        !proof.contains("salted") || !proof["leaves"].is_number_unsigned() ||
        !proof["salted"].is_boolean()) {
        return std::nullopt;
    }
    const std::optional<Digest> root = hash_at(proof["root"]);
    if (!root) {
        return std::nullopt;
    }
    return ProofRoot{.root = *root,
                     .leaves_count = proof["leaves"].get<std::size_t>(),
                     .is_salted = proof["salted"].get<bool>()};
}

}  // namespace kanzai::claims
