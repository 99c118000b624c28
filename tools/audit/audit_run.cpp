// Re-rendering a recorded run and comparing hashes (tools/audit/audit_run.hpp).
#include "tools/audit/audit_run.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "claims/load/sha256.hpp"
#include "claims/record/run_check.hpp"
#include "tools/run/csv_writer.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {
namespace {

namespace fs = std::filesystem;

// The hash of a CSV file rendered from rows, a megabyte at a time.
template <typename Row>
std::string csv_hash(std::string_view header, const std::vector<Row>& rows) {
    claims::Sha256 digest;
    std::string buffer(header);
    for (const Row& row : rows) {
        append_csv_row(buffer, row);
        if (buffer.size() >= (std::size_t{1} << 20)) {
            digest.update(buffer);
            buffer.clear();
        }
    }
    digest.update(buffer);
    return digest.hex();
}

std::map<std::string, std::string> by_name(const std::vector<claims::FileHash>& files) {
    std::map<std::string, std::string> hashes;
    for (const claims::FileHash& file : files) {
        hashes.emplace(file.name, file.sha256);
    }
    return hashes;
}

// summary.json's hashes of `key` ("outputs" or "inputs") against the recorded ones.
void compare_summary_hashes(const nlohmann::json& summary, const char* key,
                            const std::vector<claims::FileHash>& recorded, bool skip_summary,
                            std::vector<std::string>& problems) {
    std::map<std::string, std::string> listed;
    if (const auto found = summary.find(key); found != summary.end() && found->is_object()) {
        for (const auto& [name, hash] : found->items()) {
            listed.emplace(name, hash.is_string() ? hash.get<std::string>() : "");
        }
    }
    std::map<std::string, std::string> expected = by_name(recorded);
    if (skip_summary) {
        expected.erase("summary.json");  // summary.json cannot list its own hash
    }
    if (listed != expected) {
        problems.push_back(fmt::format("summary.json's \"{}\" hashes are not the ones case.db "
                                       "records for the run", key));
    }
}

fs::path run_folder_of(const claims::RunRecord& record, const std::string& case_folder) {
    const fs::path recorded(record.out_folder);
    if (recorded.is_absolute()) {
        return recorded;
    }
    return fs::path(case_folder) / "out" / fmt::format("run-{:04}", record.number);
}

void audit_folder(const claims::RunRecord& record, const fs::path& folder,
                  std::vector<std::string>& problems) {
    std::error_code error;
    if (!fs::is_directory(fs::symlink_status(folder, error))) {
        problems.push_back(fmt::format("the run folder {} is missing", folder.string()));
        return;
    }
    const std::map<std::string, std::string> recorded = by_name(record.outputs);
    std::vector<std::string> present;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
        present.push_back(entry.path().filename().string());
    }
    std::sort(present.begin(), present.end());
    for (const std::string& name : present) {
        if (!recorded.contains(name)) {
            problems.push_back(fmt::format("{}/{} is not an output of the run", folder.string(),
                                           name));
        }
    }
    for (const auto& [name, hash] : recorded) {
        const fs::path file = folder / name;
        if (!fs::is_regular_file(fs::symlink_status(file, error))) {
            problems.push_back(fmt::format("{} is missing", file.string()));
            continue;
        }
        const std::string actual = claims::sha256_hex(read_file(file.string()));
        if (actual != hash) {
            problems.push_back(fmt::format("{} hashes to {}; case.db records {}", file.string(),
                                           actual, hash));
        }
    }
}

// The SHA-256 of each output file as `record`'s rows render it (decisions.csv,
// allocations.csv and payouts.csv byte for byte as `kanzai run` writes them; summary.json
// from summary_json), sorted by name.
std::vector<claims::FileHash> render_output_hashes(const claims::RunRecord& record) {
    std::vector<claims::FileHash> hashes = {
        {"allocations.csv", csv_hash(allocations_csv_header, record.allocations)},
        {"decisions.csv", csv_hash(decisions_csv_header, record.decisions)},
        {"payouts.csv", csv_hash(payouts_csv_header, record.payouts)},
        {"summary.json", claims::sha256_hex(record.summary_json)},
    };
    return hashes;
}

}  // namespace

std::vector<std::string> check_recorded_rows(const claims::RunRecord& record) {
    std::vector<std::string> problems;
    if (const std::optional<std::string> problem = claims::find_run_record_problem(record)) {
        problems.push_back(*problem);
    }
    const std::map<std::string, std::string> recorded = by_name(record.outputs);
    for (const claims::FileHash& rendered : render_output_hashes(record)) {
        const auto found = recorded.find(rendered.name);
        if (found == recorded.end()) {
            problems.push_back(fmt::format("case.db records no hash of {}", rendered.name));
        } else if (found->second != rendered.sha256) {
            problems.push_back(fmt::format("{}: the rows in case.db render to {}; case.db "
                                           "records {}", rendered.name, rendered.sha256,
                                           found->second));
        }
    }
    if (recorded.size() != 4) {
        problems.push_back(fmt::format("case.db records {} output files, not 4", recorded.size()));
    }
    return problems;
}

std::vector<std::string> audit_recorded_run(const claims::RunRecord& record,
                                            const std::string& case_folder) {
    std::vector<std::string> problems = check_recorded_rows(record);
    const nlohmann::json summary = nlohmann::json::parse(record.summary_json, nullptr, false);
    if (summary.is_discarded() || !summary.is_object()) {
        problems.emplace_back("summary.json in case.db is not a JSON object");
    } else {
        compare_summary_hashes(summary, "outputs", record.outputs, true, problems);
        compare_summary_hashes(summary, "inputs", record.inputs, false, problems);
    }
    audit_folder(record, run_folder_of(record, case_folder), problems);
    return problems;
}

std::vector<std::string> unrecorded_run_folders(const std::string& case_folder,
                                                const std::vector<int>& recorded) {
    std::vector<std::string> folders;
    std::error_code error;
    for (const fs::directory_entry& entry :
         fs::directory_iterator(fs::path(case_folder) / "out", error)) {
        const std::string name = entry.path().filename().string();
        std::string number = name.starts_with("run-") ? name.substr(4) : "";
        const bool is_set_aside = number.ends_with(".unrecorded");
        if (is_set_aside) {
            number.resize(number.size() - std::string_view(".unrecorded").size());
        }
        if (number.size() < 4 || number.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        const int value = std::stoi(number);
        if (is_set_aside || std::find(recorded.begin(), recorded.end(), value) == recorded.end()) {
            folders.push_back(entry.path().string());
        }
    }
    std::sort(folders.begin(), folders.end());
    return folders;
}

}  // namespace kanzai::tools
