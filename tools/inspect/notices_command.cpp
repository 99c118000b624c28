// `kanzai notices CASE --out DIR [--run N] [--dispute-days D] [--lang en|ja]`: one
// determination notice per payee of a run, written atomically into DIR (a staged folder
// renamed into place).
#include <array>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "claims/load/csv_reader.hpp"
#include "claims/load/sha256.hpp"
#include "claims/record/payouts_tree.hpp"
#include "engine/assert.hpp"
#include "tools/commands.hpp"
#include "tools/proof/recorded_tree.hpp"
#include "tools/run/folders.hpp"
#include "tools/inspect/notices_facts.hpp"
#include "tools/inspect/notices_text.hpp"
#include "tools/report/report_run.hpp"
#include "tools/run/run_pipeline.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {
namespace {

namespace fs = std::filesystem;

// customer_id -> name, from customers.csv (already validated by the run).
std::map<std::string, std::string> read_customer_names(const std::string& case_folder) {
    static constexpr std::array<claims::CsvColumn, 6> schema{{
        {"customer_id", true}, {"name", false}, {"kind", false}, {"kyc", false},
        {"sanctioned", false}, {"country", false},
    }};
    std::string text = read_file((fs::path(case_folder) / "customers.csv").string());
    claims::Diagnostics diagnostics;
    std::map<std::string, std::string> names;
    (void)claims::read_csv("customers.csv", text, schema, diagnostics,
                           [&](const claims::CsvRecord& record) {
                               names.emplace(record.cell(0), record.cell(1));
                           });
    return names;
}

// A file name for a payee id: bytes outside [A-Za-z0-9._-] become '_'; the number in front
// keeps names unique and in payee order. An id too long for a file name (255 bytes) keeps its
// first 200 bytes and gets the first 16 hex digits of its SHA-256.
std::string notice_file_name(std::size_t number, const std::string& payee_id) {
    static constexpr std::size_t id_bytes_max = 200;
    std::string safe;
    for (const char c : payee_id) {
        const bool is_safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                             (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        safe += is_safe ? c : '_';
    }
    if (safe.size() > id_bytes_max) {
        safe = safe.substr(0, id_bytes_max) + "-" + claims::sha256_hex(payee_id).substr(0, 16);
    }
    return fmt::format("{:05}-{}.txt", number, safe);
}

}  // namespace

int run_notices(const NoticesOptions& options) {
    const std::optional<claims::CaseConfig> config = load_report_config(options.case_folder);
    if (!config) {
        return exit_invalid_input;
    }
    if (is_occupied(options.out)) {
        fmt::print(stderr, "kanzai notices: {} exists and is not empty; nothing was written\n",
                   options.out);
        return exit_io;
    }
    const claims::RunRecord run = read_report_run(options.case_folder, options.run);
    const RecordedTreeResult recorded = read_recorded_tree(options.case_folder, run);
    if (recorded.status == RecordedTreeStatus::refused) {
        // A notice whose proof does not climb to the published root would mislead.
        fmt::print(stderr, "kanzai notices: {}; nothing was written\n", recorded.message);
        return exit_invalid_input;
    }
    KANZAI_ASSERT(!recorded.tree || recorded.tree->tree.rows.size() == run.payouts.size());
    NoticeLang lang = NoticeLang::en;
    if (!parse_notice_lang(options.lang, lang)) {
        fmt::print(stderr, "kanzai notices: --lang {} is not en or ja\n", options.lang);
        return exit_usage;
    }
    std::string reason;
    const std::optional<ComputedRun> computed =
        recompute_recorded_run(options.case_folder, run, reason);
    std::map<std::string, NoticePayee, std::less<>> facts_of_payee;
    NoticeFacts facts;
    std::vector<std::string> creditor_ids;
    if (computed) {
        facts = notice_facts_of(*computed);
        facts_of_payee = notice_payees_of(*computed);
        creditor_ids = creditor_payee_ids(*computed);
    } else {
        facts.note = "assets paid, creditor claims and earlier payments are not shown: " + reason;
        for (auto& [id, name] : read_customer_names(options.case_folder)) {
            facts_of_payee[id].name = name;
        }
    }
    const NoticeCase notice_case{
        .name = config->name, .court = config->court, .case_number = config->case_number,
        .administrator = config->administrator, .currency = config->currency().id,
        .run_number = run.number, .engine = run.engine,
        .dispute_deadline =
            dispute_deadline_text(run.created_at, options.dispute_days, lang)};
    const std::vector<PayeeRows> payees = group_rows_by_payee(run, creditor_ids);
    const NoticePayee unknown_payee;
    StagedDir staged(options.out);
    for (std::size_t index = 0; index < payees.size(); ++index) {
        const PayeeRows& rows = payees[index];
        const auto found = facts_of_payee.find(rows.payee_id);
        std::optional<claims::ProofFile> proof;
        if (recorded.tree) {
            proof = claims::proof_of_payouts(recorded.tree->tree, recorded.tree->key,
                                             rows.payee_id, rows.payout_indexes);
        }
        const NoticePayee& payee = found == facts_of_payee.end() ? unknown_payee : found->second;
        staged.write_file(notice_file_name(index + 1, rows.payee_id),
                          render_notice({.notice_case = notice_case, .run = run, .rows = rows,
                                         .payee = payee, .facts = facts, .proof = proof,
                                         .lang = lang}));
    }
    staged.publish();
    staged.keep();
    fmt::print("notices of run {}: {} payees -> {}\n", run.number, payees.size(), options.out);
    return exit_done;
}

}  // namespace kanzai::tools
