// summary.json (SPEC "Outputs of a run"): per-asset coverage, sources, decision codes,
// payout statuses, recovery-rate percentiles, findings and file hashes. Amounts are decimal
// strings; ratios strings with 6 fractional digits, rounded down.
#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "claims/run_builder.hpp"
#include "engine/assert.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {
namespace {

using Json = nlohmann::ordered_json;
using engine::format_units;

std::string value_text(const Case& loaded, Int128 count) {
    return format_units(count, loaded.config.currency().decimals);
}

Json assets_json(const Case& loaded, const Distribution& distribution) {
    Json assets = Json::object();
    for (std::uint32_t a = 0; a < loaded.config.assets.size(); ++a) {
        const engine::PoolResult& pool = distribution.result.pools[a];
        const int decimals = loaded.config.assets[a].decimals;
        Json asset = {{"claims", format_units(pool.claims.count, decimals)},
                      {"pool", format_units(pool.pool.count, decimals)},
                      {"allocated", format_units(pool.allocated.count, decimals)},
                      {"surplus", format_units(pool.surplus.count, decimals)}};
        if (pool.claims.count > 0) {  // SPEC: coverage is absent when claims are 0
            asset["coverage"] = engine::format_ratio(pool.pool.count, pool.claims.count);
        }
        assets[loaded.config.assets[a].id] = std::move(asset);
    }
    return assets;
}

Json funds_json(const Case& loaded, const Distribution& distribution) {
    Json funds = Json::object();
    for (std::size_t f = 0; f < loaded.config.funds.size(); ++f) {
        const Fund& fund = loaded.config.funds[f];
        const engine::FundResult& result = distribution.result.funds[f];
        funds[fund.id] = {{"kind", std::string(text_of(fund.kind))},
                          {"tranche", fund.tranche},
                          {"amount", value_text(loaded, result.amount.count)},
                          {"carried_in", value_text(loaded, result.carried_in.count)},
                          {"available", value_text(loaded, result.available.count)},
                          {"allocated", value_text(loaded, result.allocated.count)},
                          {"leftover", value_text(loaded, result.leftover.count)},
                          {"leftover_to", result.leftover_to_next ? "next" : "estate"}};
    }
    return funds;
}

Json estate_json(const Case& loaded, const Distribution& distribution) {
    const engine::EstateResult& estate = distribution.result.estate;
    constexpr const char* class_names[] = {"admin", "priority", "general", "subordinated"};
    Json classes = Json::object();
    for (std::size_t c = 0; c < engine::estate_classes_count; ++c) {
        classes[class_names[c]] = {
            {"claims", value_text(loaded, estate.classes[c].claims.count)},
            {"allocated", value_text(loaded, estate.classes[c].allocated.count)}};
    }
    return {{"cash", value_text(loaded, estate.cash.count)},
            {"non_segregated", value_text(loaded, estate.non_segregated.count)},
            {"from_pools_and_funds", value_text(loaded, estate.from_pools_and_funds.count)},
            {"available", value_text(loaded, estate.available.count)},
            {"allocated", value_text(loaded, estate.allocated.count)},
            {"residue", value_text(loaded, estate.residue.count)},
            {"tranche", estate.tranche},
            {"classes", std::move(classes)}};
}

// SPEC: recovery rate of a claim with lines = (value at price of its in-kind allocations +
// its fund and estate allocations) / (value of its lines), over claims whose lines are worth
// more than 0; percentile p is the ceil(p/100 * n)-th smallest. Each rate is kept as its
// printed value floor(rate * 10^6): floor is monotone, so the k-th smallest printed rate is
// the printed k-th smallest rate.
Json recovery_json(const Case& loaded, const Distribution& distribution) {
    const auto& input = distribution.input;
    const auto& result = distribution.result;
    std::map<std::uint32_t, std::pair<Int128, Int128>> by_claim;  // recovered, line value
    for (std::size_t l = 0; l < input.lines.size(); ++l) {
        by_claim[input.lines[l].claim_index].second += result.lines[l].line_value.count;
    }
    for (const engine::Allocation& allocation : result.allocations) {
        if (allocation.is_creditor) {
            continue;
        }
        const auto& line = input.lines[allocation.line_index];
        Int128 value = allocation.amount;
        if (allocation.source_kind == engine::SourceKind::pool) {
            value = engine::value_of(Units{allocation.amount},
                                     loaded.config.valuation(allocation.asset_index))
                        .count;
        }
        Int128& recovered = by_claim[line.claim_index].first;
        recovered = engine::checked_add(recovered, value);
    }
    std::vector<Int128> rates;
    for (const auto& [claim, figures] : by_claim) {
        if (figures.second > 0) {
            rates.push_back(engine::parse_amount(engine::format_ratio(figures.first,
                                                                      figures.second),
                                                 6)
                                .count);
        }
    }
    Json percentiles = Json::object();
    if (rates.empty()) {
        return percentiles;
    }
    std::sort(rates.begin(), rates.end());
    for (const int p : {10, 25, 50, 75, 90}) {
        const std::size_t n = rates.size();
        const std::size_t rank = (static_cast<std::size_t>(p) * n + 99) / 100;  // ceil
        const Int128 rate = rates[std::max<std::size_t>(rank, 1) - 1];
        percentiles["p" + std::to_string(p)] = format_units(rate, 6);
    }
    return percentiles;
}

Json receivables_json(const Case& loaded, const Determination& determination) {
    Json receivables = Json::object();
    for (const SetOff& set_off : determination.set_offs) {
        if (set_off.receivable.count > 0) {
            receivables[loaded.customers[set_off.customer_index].id] =
                value_text(loaded, set_off.receivable.count);
        }
    }
    return receivables;
}

Json overpayments_json(const Case& loaded, const PayoutSchedule& schedule) {
    Json overpayments = Json::array();
    for (const Overpayment& over : schedule.overpayments) {
        const Asset& asset = loaded.config.assets[over.asset_index];
        overpayments.push_back({{"payee_id", over.payee_id},
                                {"asset", asset.id},
                                {"amount", format_units(over.amount, asset.decimals)}});
    }
    return overpayments;
}

// Frozen and lost holdings, per status and asset: reported, never distributed.
Json holdings_not_distributed_json(const Case& loaded) {
    std::map<std::string, std::map<std::uint32_t, Int128>> totals;  // status, asset index
    for (const Holding& holding : loaded.holdings) {
        if (holding.status != HoldingStatus::held) {
            Int128& total = totals[std::string(text_of(holding.status))][holding.asset_index];
            total = engine::checked_add(total, holding.amount.count);
        }
    }
    Json holdings = Json::object();
    for (const auto& [status, by_asset] : totals) {
        Json assets = Json::object();
        for (const auto& [asset_index, units] : by_asset) {
            const Asset& asset = loaded.config.assets[asset_index];
            assets[asset.id] = format_units(units, asset.decimals);
        }
        holdings[status] = std::move(assets);
    }
    return holdings;
}

// One message per claim; several findings of one claim are joined with "; ".
Json transfer_findings_json(const Determination& determination) {
    Json findings = Json::object();
    for (const TransferFinding& finding : determination.transfer_findings) {
        if (findings.contains(finding.claim_id)) {
            findings[finding.claim_id] =
                findings[finding.claim_id].get<std::string>() + "; " + finding.message;
        } else {
            findings[finding.claim_id] = finding.message;
        }
    }
    return findings;
}

}  // namespace

std::string render_summary_json(const Case& loaded, const Determination& determination,
                                const Distribution& distribution,
                                const PayoutSchedule& schedule,
                                const std::vector<FileHash>& outputs) {
    Json summary;
    summary["engine"] = std::string("kanzai ") + KANZAI_VERSION;
    summary["case"] = {{"name", loaded.config.name}, {"currency", loaded.config.currency().id}};
    summary["assets"] = assets_json(loaded, distribution);
    summary["funds"] = funds_json(loaded, distribution);
    summary["estate"] = estate_json(loaded, distribution);
    std::map<std::string, int> codes;
    for (const Decision& decision : determination.decisions) {
        ++codes[decision.full_code()];
    }
    summary["decision_codes"] = codes;
    std::map<std::string, int> statuses;
    for (const Payout& payout : schedule.payouts) {
        ++statuses[std::string(text_of(payout.status))];
    }
    summary["payout_statuses"] = statuses;
    summary["recovery_rate_percentiles"] = recovery_json(loaded, distribution);
    summary["receivables"] = receivables_json(loaded, determination);
    summary["overpayments"] = overpayments_json(loaded, schedule);
    summary["holdings_not_distributed"] = holdings_not_distributed_json(loaded);
    summary["transfer_findings"] = transfer_findings_json(determination);
    Json inputs = Json::object();
    for (const InputFile& input : loaded.inputs) {
        inputs[input.name] = input.sha256;
    }
    summary["inputs"] = std::move(inputs);
    Json output_hashes = Json::object();
    for (const FileHash& output : outputs) {
        output_hashes[output.name] = output.sha256;
    }
    summary["outputs"] = std::move(output_hashes);
    // Text from input files is UTF-8 per SPEC; an invalid byte is replaced rather than
    // ending the run after every check has passed.
    return summary.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace kanzai::claims
