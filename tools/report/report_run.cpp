// Reads a published run folder back into a RunRecord (see report_run.hpp).
#include "tools/report/report_run.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "claims/load/csv_reader.hpp"
#include "claims/io_error.hpp"
#include "engine/decimal.hpp"
#include "engine/waterfall.hpp"
#include "tools/audit/audit_run.hpp"
#include "tools/commands.hpp"
#include "tools/inspect/explain_run.hpp"
#include "tools/run/folders.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {
namespace {

namespace fs = std::filesystem;
using claims::CsvColumn;
using claims::CsvRecord;

// Reads one output CSV of the run; our own output, so any syntax error is an I/O problem.
void read_output_csv(const fs::path& file, std::span<const CsvColumn> schema,
                     const claims::CsvRecordHandler& on_record) {
    std::string text = read_file(file.string());
    claims::Diagnostics diagnostics;
    const claims::CsvReadResult result =
        claims::read_csv(file.filename().string(), text, schema, diagnostics, on_record);
    if (!result.is_complete || !diagnostics.empty()) {
        throw claims::IoError(fmt::format("{} is not a run output file", file.string()));
    }
}

std::string cell(const CsvRecord& record, std::size_t column) {
    return std::string(record.cell(column));
}

void read_decisions(const fs::path& folder, claims::RunRecord& record) {
    static constexpr std::array<CsvColumn, 13> schema{{
        {"claim_id", true}, {"customer_id", true}, {"claimant_id", true}, {"payee_id", true},
        {"asset", true}, {"filed", false}, {"ledger", true}, {"admitted", true},
        {"disputed", true}, {"class", false}, {"code", true}, {"reason", false},
        {"value", true},
    }};
    read_output_csv(folder / "decisions.csv", schema, [&](const CsvRecord& r) {
        record.decisions.push_back({cell(r, 0), cell(r, 1), cell(r, 2), cell(r, 3), cell(r, 4),
                                    cell(r, 5), cell(r, 6), cell(r, 7), cell(r, 8), cell(r, 9),
                                    cell(r, 10), cell(r, 11), cell(r, 12)});
    });
}

void read_allocations(const fs::path& folder, claims::RunRecord& record) {
    static constexpr std::array<CsvColumn, 6> schema{{
        {"claim_id", true}, {"portion", true}, {"source", true}, {"asset", true},
        {"amount", true}, {"tranche", true},
    }};
    read_output_csv(folder / "allocations.csv", schema, [&](const CsvRecord& r) {
        record.allocations.push_back({cell(r, 0), cell(r, 1), cell(r, 2), cell(r, 3),
                                      cell(r, 4), std::atoi(cell(r, 5).c_str()), ""});
    });
}

void read_payouts(const fs::path& folder, claims::RunRecord& record) {
    static constexpr std::array<CsvColumn, 6> schema{{
        {"payout_id", true}, {"payee_id", true}, {"asset", true}, {"amount", true},
        {"tranche", true}, {"status", true},
    }};
    read_output_csv(folder / "payouts.csv", schema, [&](const CsvRecord& r) {
        record.payouts.push_back({std::atoi(cell(r, 0).c_str()), cell(r, 1), cell(r, 2),
                                  cell(r, 3), std::atoi(cell(r, 4).c_str()), cell(r, 5)});
    });
}

// A reference (not a copy): callers iterate `object_at(...).items()` in range-for loops,
// where a temporary would be destroyed before the loop body runs.
const nlohmann::json& object_at(const nlohmann::json& object, const char* key) {
    static const nlohmann::json empty = nlohmann::json::object();
    const auto found = object.find(key);
    return found != object.end() && found->is_object() ? *found : empty;
}

std::string text_at(const nlohmann::json& object, const char* key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

// The decimals of an amount as written ("1.20000000": 8).
int decimals_of(const std::string& amount) {
    const std::size_t dot = amount.find('.');
    return dot == std::string::npos ? 0 : static_cast<int>(amount.size() - dot - 1);
}

// The convenience class pays in its own tranche ([convenience] tranche), which summary.json
// does not carry: its allocations do. Without any, the estate's.
int convenience_tranche(const claims::RunRecord& record, int estate_tranche) {
    for (const claims::AllocationRecord& allocation : record.allocations) {
        if (allocation.source == "estate:convenience") {
            return allocation.tranche;
        }
    }
    return estate_tranche;
}

// After read_allocations (the convenience class's tranche is read from them).
void read_sources(const nlohmann::json& summary, claims::RunRecord& record) {
    const std::string currency = text_at(object_at(summary, "case"), "currency");
    for (const auto& [asset, figures] : object_at(summary, "assets").items()) {
        // As case.db records it: what was split, the pool less its cost.
        const std::string pool = text_at(figures, "pool");
        const std::string cost = text_at(figures, "cost");
        const int decimals = decimals_of(pool);
        const std::string split =
            cost.empty() ? pool
                         : engine::format_units(engine::parse_amount(pool, decimals).count -
                                                    engine::parse_amount(cost, decimals).count,
                                                decimals);
        record.sources.push_back({"pool:" + asset, asset, split, text_at(figures, "claims"),
                                  text_at(figures, "allocated"), text_at(figures, "surplus"),
                                  1});
    }
    for (const auto& [id, figures] : object_at(summary, "funds").items()) {
        record.sources.push_back({"fund:" + id, currency, text_at(figures, "available"), "",
                                  text_at(figures, "allocated"), text_at(figures, "leftover"),
                                  figures.value("tranche", 1)});
    }
    // As case.db records them: each estate class is offered what the classes before it left.
    const nlohmann::json& estate = object_at(summary, "estate");
    const int tranche = estate.value("tranche", 1);
    const std::string available_text = text_at(estate, "available");
    const int decimals = decimals_of(available_text);
    engine::Int128 remaining = engine::parse_amount(available_text, decimals).count;
    for (std::size_t c = 0; c < engine::estate_classes_count; ++c) {
        const auto class_id = static_cast<engine::EstateClass>(c);
        const char* name = engine::text_of(class_id);
        const bool is_convenience = class_id == engine::EstateClass::convenience;
        if (is_convenience && !summary.contains("convenience")) {
            continue;  // a case without [convenience], as its record has it
        }
        const nlohmann::json& figures = object_at(object_at(estate, "classes"), name);
        const std::string allocated = text_at(figures, "allocated");
        const engine::Int128 after = remaining - engine::parse_amount(allocated, decimals).count;
        record.sources.push_back({fmt::format("estate:{}", name), currency,
                                  engine::format_units(remaining, decimals),
                                  text_at(figures, "claims"), allocated,
                                  engine::format_units(after, decimals),
                                  is_convenience ? convenience_tranche(record, tranche)
                                                 : tranche});
        remaining = after;
    }
}

std::vector<claims::FileHash> hashes_of(const nlohmann::json& object) {
    std::vector<claims::FileHash> hashes;
    for (const auto& [name, hash] : object.items()) {
        hashes.push_back({name, hash.is_string() ? hash.get<std::string>() : ""});
    }
    std::sort(hashes.begin(), hashes.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    return hashes;
}

// The run folder, for runs not recorded in case.db.
claims::RunRecord read_run_folder(const std::string& case_folder, std::optional<int> run) {
    const fs::path out = fs::path(case_folder) / "out";
    const int number = run ? *run : last_run_folder(out);
    const fs::path folder = out / fmt::format("run-{:04}", number);
    std::error_code error;
    if (number <= 0 || !fs::is_directory(folder, error)) {
        throw NoSuchRun(
            run ? fmt::format("run {} not found: no folder {}", number, folder.string())
                : fmt::format("no run in {}; use kanzai run first", out.string()));
    }
    claims::RunRecord record;
    record.number = number;
    record.out_folder = folder.string();
    record.summary_json = read_file((folder / "summary.json").string());
    const nlohmann::json summary = nlohmann::json::parse(record.summary_json, nullptr, false);
    if (summary.is_discarded() || !summary.is_object()) {
        throw claims::IoError(fmt::format("{}/summary.json is not JSON", folder.string()));
    }
    record.engine = text_at(summary, "engine");
    record.case_name = text_at(object_at(summary, "case"), "name");
    record.inputs = hashes_of(object_at(summary, "inputs"));
    record.outputs = hashes_of(object_at(summary, "outputs"));
    read_decisions(folder, record);
    read_allocations(folder, record);
    read_payouts(folder, record);
    read_sources(summary, record);
    return record;
}

// Notices and reports go to creditors and the court: a recorded run whose rows do not render
// to the hashes case.db records for its files (rows edited behind kanzai's back) is refused
// (exit 4, a damaged case.db), never shown.
void refuse_unless_rows_hold(const claims::RunRecord& record) {
    const std::vector<std::string> problems = check_recorded_rows(record);
    if (!problems.empty()) {
        throw claims::IoError(fmt::format(
            "case.db run {} does not hold ({}); refusing to use it; `kanzai audit` names "
            "every difference", record.number, fmt::join(problems, "; ")));
    }
}

}  // namespace

claims::RunRecord read_report_run(const std::string& case_folder, std::optional<int> run) {
    std::error_code error;
    if (fs::exists(fs::path(case_folder) / "case.db", error)) {
        std::string err;
        const std::optional<claims::CaseDb> db = open_recorded_case(case_folder, err);
        if (db) {
            std::optional<claims::RunRecord> record = read_recorded_run(*db, run, err);
            if (record) {
                refuse_unless_rows_hold(*record);
                return std::move(*record);
            }
        }
    }
    return read_run_folder(case_folder, run);
}

}  // namespace kanzai::tools
