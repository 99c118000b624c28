// `kanzai explain CASE ID [--run N] [--json]` (SPEC "Command line"): the derivation of a
// claim or customer, read from case.db. Exit 2 when the database, the run or the id is not
// there: each is a wrong input from the user, like a missing case file.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "claims/diagnostics.hpp"
#include "claims/load/load_case.hpp"
#include "engine/decimal.hpp"
#include "tools/commands.hpp"
#include "tools/inspect/explain_run.hpp"
#include "tools/inspect/explain_text.hpp"

namespace kanzai::tools {

namespace {

const claims::FileHash* find_file(const std::vector<claims::FileHash>& files,
                                  std::string_view name) {
    const auto found = std::find_if(files.begin(), files.end(), [&](const claims::FileHash& f) {
        return f.name == name;
    });
    return found == files.end() ? nullptr : &*found;
}

// The ledger rows of `customer_ids`, if ledger.csv is byte for byte the one the run read
// (same SHA-256): otherwise today's rows would not explain that run's figures.
LedgerView load_ledger(const std::string& case_folder, const claims::RunRecord& run,
                       const std::set<std::string>& customer_ids) {
    const claims::FileHash* recorded = find_file(run.inputs, "ledger.csv");
    if (recorded == nullptr) {
        return {.shown = false, .note = "the run recorded no ledger.csv", .rows = {}};
    }
    claims::Diagnostics diagnostics;
    const claims::Case loaded = claims::load_case(case_folder, diagnostics);
    if (!diagnostics.empty()) {
        return {.shown = false,
                .note = "the case folder does not load now; see kanzai check",
                .rows = {}};
    }
    const auto current = std::find_if(loaded.inputs.begin(), loaded.inputs.end(),
                                      [](const claims::InputFile& f) {
                                          return f.name == "ledger.csv";
                                      });
    if (current == loaded.inputs.end() || current->sha256 != recorded->sha256) {
        return {.shown = false,
                .note = fmt::format("ledger.csv has changed since run {}", run.number),
                .rows = {}};
    }
    LedgerView view{.shown = true, .note = "", .rows = {}};
    for (const claims::LedgerRow& row : loaded.ledger) {
        const claims::Customer& customer = loaded.customers[row.customer_index];
        if (!customer_ids.contains(customer.id)) {
            continue;
        }
        const claims::Asset& asset = loaded.config.assets[row.asset_index];
        view.rows.push_back({.customer_id = customer.id,
                             .account_id = row.account_id,
                             .asset = asset.id,
                             .balance = engine::format_units(row.balance.count, asset.decimals)});
    }
    std::sort(view.rows.begin(), view.rows.end(), [](const LedgerLine& a, const LedgerLine& b) {
        return std::tie(a.customer_id, a.asset, a.account_id) <
               std::tie(b.customer_id, b.asset, b.account_id);
    });
    return view;
}

}  // namespace

int explain_case(const ExplainOptions& options, std::string& out, std::string& err) {
    const std::optional<claims::CaseDb> db = open_recorded_case(options.case_folder, err);
    if (!db) {
        return exit_invalid_input;
    }
    const std::optional<claims::RunRecord> run = read_recorded_run(*db, options.run, err);
    if (!run) {
        return exit_invalid_input;
    }
    const ExplainSelection selection = select_for_explain(*run, options.id);
    if (selection.empty()) {
        err += fmt::format("run {} has no claim, customer, creditor or payee \"{}\"\n",
                           run->number, options.id);
        return exit_invalid_input;
    }
    const LedgerView ledger = selection.customer_ids.empty()
                                  ? LedgerView{}
                                  : load_ledger(options.case_folder, *run, selection.customer_ids);
    out += options.json ? explain_json(*run, options.id, selection, ledger)
                        : explain_text(*run, options.id, selection, ledger);
    return exit_done;
}

int run_explain(const ExplainOptions& options) {
    std::string out;
    std::string err;
    const int code = explain_case(options, out, err);
    fmt::print("{}", out);
    fmt::print(stderr, "{}", err);
    return code;
}

}  // namespace kanzai::tools
