// `kanzai export CASE [--run N] --out DIR [--transfer-date YYYY-MM-DD] [--tranche T]`: the
// payment agent's files for the payable payouts of a run, written atomically into DIR
// (docs/export.md). Like `notices`, it refuses a run that fails the cheap audit checks or
// whose payouts.csv no longer gives the recorded root, and a case folder whose inputs are
// no longer the run's.
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "claims/load/bank_accounts.hpp"
#include "tools/commands.hpp"
#include "tools/export/export_rows.hpp"
#include "tools/export/zengin.hpp"
#include "tools/inspect/notices_facts.hpp"
#include "tools/proof/recorded_tree.hpp"
#include "tools/report/report_run.hpp"
#include "tools/run/folders.hpp"
#include "tools/run/staged_dir.hpp"

namespace kanzai::tools {
namespace {

// An asset id as a file name: bytes outside [A-Za-z0-9._-] become '_'.
std::string file_safe(const std::string& id) {
    std::string safe;
    for (const char c : id) {
        const bool is_safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                             (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        safe += is_safe ? c : '_';
    }
    return safe;
}

bool is_transfer_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (const std::size_t at : {0U, 1U, 2U, 3U, 5U, 6U, 8U, 9U}) {
        if (text[at] < '0' || text[at] > '9') {
            return false;
        }
    }
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::optional<claims::BankDetails> read_bank_details(const std::string& case_folder,
                                                     const ComputedRun& computed) {
    std::set<std::string, std::less<>> creditors;
    for (const claims::Creditor& creditor : computed.loaded.creditors) {
        creditors.insert("creditor:" + creditor.id);
    }
    claims::Diagnostics diagnostics;
    claims::BankDetails details = claims::load_bank_details(
        case_folder, diagnostics, [&](std::string_view id) {
            return computed.loaded.find_customer(id) != claims::no_index ||
                   creditors.contains(id);
        });
    if (!diagnostics.empty()) {
        for (const claims::Diagnostic& d : diagnostics.sorted()) {
            fmt::print(stderr, "{}\n", d.text());
        }
        return std::nullopt;
    }
    return details;
}

}  // namespace

int run_export(const ExportOptions& options) {
    if (options.transfer_date && !is_transfer_date(*options.transfer_date)) {
        fmt::print(stderr, "kanzai export: --transfer-date {} is not a date YYYY-MM-DD\n",
                   *options.transfer_date);
        return exit_usage;
    }
    const bool has_bank = claims::has_bank_details(options.case_folder);
    if (has_bank && !options.transfer_date) {
        fmt::print(stderr, "kanzai export: the case has bank_accounts.csv: give the day the "
                           "bank executes the transfers with --transfer-date YYYY-MM-DD\n");
        return exit_usage;
    }
    if (!load_report_config(options.case_folder)) {
        return exit_invalid_input;
    }
    if (is_occupied(options.out)) {
        fmt::print(stderr, "kanzai export: {} exists and is not empty; nothing was written\n",
                   options.out);
        return exit_io;
    }
    const claims::RunRecord run = read_report_run(options.case_folder, options.run);
    const RecordedTreeResult recorded = read_recorded_tree(options.case_folder, run);
    if (recorded.status == RecordedTreeStatus::refused) {
        fmt::print(stderr, "kanzai export: {}; nothing was written\n", recorded.message);
        return exit_invalid_input;
    }
    std::string reason;
    const std::optional<ComputedRun> computed =
        recompute_recorded_run(options.case_folder, run, reason);
    if (!computed) {
        fmt::print(stderr, "kanzai export: run {} cannot be exported: {}; nothing was written\n",
                   run.number, reason);
        return exit_invalid_input;
    }
    std::optional<claims::BankDetails> bank;
    if (has_bank) {
        bank = read_bank_details(options.case_folder, *computed);
        if (!bank) {
            return exit_invalid_input;
        }
    }
    std::vector<ExportRow> rows = export_rows(run, *computed);
    if (options.tranche) {
        std::erase_if(rows, [&](const ExportRow& row) { return row.tranche != *options.tranche; });
    }
    std::optional<ZenginFile> zengin;
    if (bank) {
        zengin = render_zengin(rows, *bank, *options.transfer_date);
        if (zengin->is_total_too_large || !zengin->too_large.empty()) {
            fmt::print(stderr, "kanzai export: the yen transfers do not fit the Zengin fields "
                               "(10 digits per transfer, 12 for the total); nothing was "
                               "written\n");
            return exit_invalid_input;
        }
    }
    std::set<std::string> assets;
    for (const ExportRow& row : rows) {
        assets.insert(row.asset);
    }
    StagedDir staged(options.out);
    for (const std::string& asset : assets) {
        staged.write_file("payouts-" + file_safe(asset) + ".csv",
                          render_payment_file(rows, asset));
    }
    staged.write_file("payments.csv",
                      render_payments_template(*computed, rows,
                                               options.transfer_date.value_or("")));
    if (zengin && zengin->transfers_count > 0) {
        staged.write_file("zengin-JPY.txt", zengin->bytes);
    }
    staged.publish();
    staged.keep();
    fmt::print("export of run {}: {} payable payouts in {} assets -> {}\n", run.number,
               rows.size(), assets.size(), options.out);
    if (zengin) {
        fmt::print("zengin-JPY.txt: {} transfers; {} yen payouts without a bank account (in "
                   "payouts-JPY.csv only)\n",
                   zengin->transfers_count, zengin->missing.size());
    }
    return exit_done;
}

}  // namespace kanzai::tools
