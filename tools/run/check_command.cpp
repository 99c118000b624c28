// `kanzai check CASE`: loads and determines the case; prints every input error sorted (exit
// 2) or a short summary of the valid case (exit 0). Writes nothing.
#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "claims/determine/determine.hpp"
#include "claims/distribute/computed_figures.hpp"
#include "claims/load/load_case.hpp"
#include "engine/decimal.hpp"
#include "tools/run/check_summary.hpp"
#include "tools/commands.hpp"
#include "tools/human_amount.hpp"

namespace kanzai::tools {

namespace {

// Full code -> count. The full code depends only on the code, the class and the suffixes,
// so decisions are counted per such combination first and each text is built once.
std::map<std::string, std::size_t> count_codes(const std::vector<claims::Decision>& decisions) {
    // code x subordinated x late_suffix x insider_suffix (o_determination is the last code)
    constexpr std::size_t codes =
        static_cast<std::size_t>(claims::DecisionCode::o_determination) + 1;
    constexpr std::size_t combinations = codes * 8;
    std::array<std::size_t, combinations> counts{};
    std::array<const claims::Decision*, combinations> example{};
    for (const claims::Decision& decision : decisions) {
        const bool subordinated = decision.claim_class == claims::ClaimClass::subordinated;
        const std::size_t slot = static_cast<std::size_t>(decision.code) * 8 +
                                 (subordinated ? 4U : 0U) + (decision.late_suffix ? 2U : 0U) +
                                 (decision.insider_suffix ? 1U : 0U);
        ++counts[slot];
        example[slot] = &decision;
    }
    std::map<std::string, std::size_t> result;
    for (std::size_t slot = 0; slot < combinations; ++slot) {
        if (counts[slot] != 0) {
            result[example[slot]->full_code()] += counts[slot];
        }
    }
    return result;
}

}  // namespace

CheckSummary summarize_check(const claims::Case& loaded,
                             const claims::Determination& determination) {
    CheckSummary summary;
    const claims::CaseConfig& config = loaded.config;
    summary.name = config.name;
    summary.currency = config.currency().id;
    summary.currency_decimals = config.currency().decimals;
    summary.customers_count = loaded.customers.size();
    summary.claimants_count = determination.claimant_ids.size();
    // Distinct account ids: sorted views, then counted (no hash node per account).
    std::vector<std::string_view> accounts;
    accounts.reserve(loaded.ledger.size());
    for (const claims::LedgerRow& row : loaded.ledger) {
        accounts.push_back(row.account_id);
    }
    std::sort(accounts.begin(), accounts.end());
    summary.accounts_count = static_cast<std::size_t>(
        std::unique(accounts.begin(), accounts.end()) - accounts.begin());
    summary.claims_count = loaded.claims.size();
    summary.decisions_count = determination.decisions.size();
    summary.decision_codes = count_codes(determination.decisions);
    summary.transfer_findings = determination.transfer_findings;
    for (const claims::SetOff& set_off : determination.set_offs) {
        if (set_off.receivable.count > 0) {
            summary.receivables.emplace_back(loaded.customers[set_off.customer_index].id,
                                             set_off.receivable);
        }
    }
    for (const claims::Asset& asset : config.assets) {
        summary.assets.push_back(
            {.asset = asset.id, .decimals = asset.decimals, .ledger = {}, .segregated_held = {}});
    }
    for (const claims::LedgerRow& row : loaded.ledger) {
        CheckAssetLine& line = summary.assets[row.asset_index];
        line.ledger = engine::add(line.ledger, row.balance);
    }
    for (const claims::Holding& holding : loaded.holdings) {
        if (holding.segregated && holding.status == claims::HoldingStatus::held) {
            CheckAssetLine& line = summary.assets[holding.asset_index];
            line.segregated_held = engine::add(line.segregated_held, holding.amount);
        }
    }
    return summary;
}

std::string format_check_text(const CheckSummary& summary) {
    std::string text = fmt::format("{}: the inputs are valid\n", summary.name);
    text += fmt::format("customers: {}\nclaimants: {}\naccounts: {}\n", summary.customers_count,
                        summary.claimants_count, summary.accounts_count);
    text += fmt::format("claims: {} filed, {} decisions\n", summary.claims_count,
                        summary.decisions_count);
    for (const auto& [code, count] : summary.decision_codes) {
        text += fmt::format("  {}: {}\n", code, count);
    }
    text += fmt::format("transfer findings: {}\n", summary.transfer_findings.size());
    for (const claims::TransferFinding& finding : summary.transfer_findings) {
        text += fmt::format("  claim {}, transfer {}: {}\n", finding.claim_id,
                            finding.transfer_id, finding.message);
    }
    text += fmt::format("receivables: {}\n", summary.receivables.size());
    for (const auto& [customer_id, value] : summary.receivables) {
        text += fmt::format(
            "  {}: {} {}\n", customer_id,
            group_thousands(engine::format_units(value.count, summary.currency_decimals)),
            summary.currency);
    }
    text += "assets: ledger total / segregated holdings held\n";
    for (const CheckAssetLine& line : summary.assets) {
        text += fmt::format(
            "  {}: {} / {} {}\n", line.asset,
            group_thousands(engine::format_units(line.ledger.count, line.decimals)),
            group_thousands(engine::format_units(line.segregated_held.count, line.decimals)),
            line.asset);
    }
    return text;
}

std::string format_check_json(const CheckSummary& summary) {
    nlohmann::ordered_json json;
    json["case"] = {{"name", summary.name}, {"currency", summary.currency}};
    json["valid"] = true;
    json["customers"] = summary.customers_count;
    json["claimants"] = summary.claimants_count;
    json["accounts"] = summary.accounts_count;
    json["claims"] = summary.claims_count;
    json["decisions"] = summary.decisions_count;
    json["decision_codes"] = nlohmann::ordered_json::object();
    for (const auto& [code, count] : summary.decision_codes) {
        json["decision_codes"][code] = count;
    }
    json["transfer_findings"] = nlohmann::ordered_json::array();
    for (const claims::TransferFinding& finding : summary.transfer_findings) {
        json["transfer_findings"].push_back({{"claim_id", finding.claim_id},
                                             {"transfer_id", finding.transfer_id},
                                             {"message", finding.message}});
    }
    json["receivables"] = nlohmann::ordered_json::object();
    for (const auto& [customer_id, value] : summary.receivables) {
        json["receivables"][customer_id] =
            engine::format_units(value.count, summary.currency_decimals);
    }
    json["assets"] = nlohmann::ordered_json::object();
    for (const CheckAssetLine& line : summary.assets) {
        json["assets"][line.asset] = {
            {"ledger", engine::format_units(line.ledger.count, line.decimals)},
            {"segregated_held", engine::format_units(line.segregated_held.count, line.decimals)}};
    }
    return json.dump(2) + "\n";
}

int run_check(const CheckOptions& options) {
    claims::Diagnostics diagnostics;
    const claims::Case loaded = claims::load_case(options.case_folder, diagnostics);
    if (diagnostics.empty()) {
        const claims::Determination determination = claims::determine_claims(loaded, diagnostics);
        if (diagnostics.empty()) {
            // As `run` does: a figure the rules compute above 2^127 - 1 is invalid input.
            claims::check_computed_figures(loaded, determination, diagnostics);
        }
        if (diagnostics.empty()) {
            const CheckSummary summary = summarize_check(loaded, determination);
            fmt::print("{}", options.json ? format_check_json(summary)
                                          : format_check_text(summary));
            return exit_done;
        }
    }
    // SPEC "Command line": all input errors, to stderr, and nothing is written.
    for (const claims::Diagnostic& diagnostic : diagnostics.sorted()) {
        fmt::print(stderr, "{}\n", diagnostic.text());
    }
    return exit_invalid_input;
}

}  // namespace kanzai::tools
