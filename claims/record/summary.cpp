// summary.json (SPEC "Outputs of a run"): per-asset coverage, sources, decision codes,
// payout statuses, recovery-rate percentiles, findings and file hashes. Amounts are decimal
// strings; ratios strings with 6 fractional digits, rounded down.
#include <algorithm>
#include <array>
#include <map>

#include <nlohmann/json.hpp>

#include "claims/determine/transfers.hpp"
#include "claims/record/proof.hpp"
#include "claims/record/recovery.hpp"
#include "claims/record/run_builder.hpp"
#include "engine/assert.hpp"
#include "engine/decimal.hpp"
#include "engine/wide.hpp"

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
                      {"surplus", format_units(pool.surplus.count, decimals)},
                      {"cost", format_units(pool.cost.count, decimals)}};
        if (pool.claims.count > 0) {  // SPEC: coverage is absent when claims are 0
            asset["coverage"] = engine::format_ratio(
                engine::checked_sub(pool.pool.count, pool.cost.count), pool.claims.count);
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
    Json classes = Json::object();
    for (std::size_t c = 0; c < engine::estate_classes_count; ++c) {
        classes[engine::text_of(static_cast<engine::EstateClass>(c))] = {
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

Json recovery_json(const Case& loaded, const Distribution& distribution) {
    Json percentiles = Json::object();
    for (const RecoveryPercentile& percentile :
         recovery_rate_percentiles(loaded, distribution)) {
        percentiles["p" + std::to_string(percentile.p)] = format_units(percentile.rate, 6);
    }
    return percentiles;
}

// Decisions counted per full code. The full code depends only on the code, the class and
// the two suffixes: count those (no string per decision), then spell each kind once.
std::map<std::string, int> decision_codes(const Determination& determination) {
    constexpr std::size_t kinds = 8;  // subordinated, late_suffix, insider_suffix
    const std::size_t codes_count = static_cast<std::size_t>(DecisionCode::o_determination) + 1;
    std::vector<int> counts(codes_count * kinds, 0);
    std::vector<std::size_t> example(codes_count * kinds, 0);  // a decision of each kind
    for (std::size_t d = 0; d < determination.decisions.size(); ++d) {
        const Decision& decision = determination.decisions[d];
        const std::size_t kind = (decision.claim_class == ClaimClass::subordinated ? 4U : 0U) |
                                 (decision.late_suffix ? 2U : 0U) |
                                 (decision.insider_suffix ? 1U : 0U);
        const std::size_t bucket = static_cast<std::size_t>(decision.code) * kinds + kind;
        KANZAI_ASSERT(bucket < counts.size());
        if (counts[bucket]++ == 0) {
            example[bucket] = d;
        }
    }
    std::map<std::string, int> codes;
    for (std::size_t bucket = 0; bucket < counts.size(); ++bucket) {
        if (counts[bucket] > 0) {
            codes[determination.decisions[example[bucket]].full_code()] += counts[bucket];
        }
    }
    return codes;
}

std::map<std::string, int> payout_statuses(const PayoutSchedule& schedule) {
    constexpr std::size_t statuses_count = static_cast<std::size_t>(PayoutStatus::payable) + 1;
    std::array<int, statuses_count> counts{};
    for (const Payout& payout : schedule.payouts) {
        ++counts[static_cast<std::size_t>(payout.status)];
    }
    std::map<std::string, int> statuses;
    for (std::size_t k = 0; k < statuses_count; ++k) {
        if (counts[k] > 0) {
            statuses[std::string(text_of(static_cast<PayoutStatus>(k)))] = counts[k];
        }
    }
    return statuses;
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

// SPEC "Transfers and payees": one per row effective after the record date.
int transfers_after_record_date(const Case& loaded) {
    return static_cast<int>(std::count_if(
        loaded.transfers.begin(), loaded.transfers.end(),
        [&](const Transfer& transfer) { return is_after_record_date(loaded.config, transfer); }));
}

// Per status other than `paid`, the sum of its rows per asset (rows of 0 and creditor
// payees included): what was attempted and not received, so payable again.
Json payments_not_completed_json(const Case& loaded) {
    std::map<std::string, std::map<std::uint32_t, Int128>> totals;  // status, asset index
    for (const Payment& payment : loaded.payments) {
        if (payment.status != PaymentStatus::paid) {
            Int128& total = totals[std::string(text_of(payment.status))][payment.asset_index];
            total = engine::checked_add(total, payment.amount.count);
        }
    }
    Json statuses = Json::object();
    for (const auto& [status, by_asset] : totals) {
        Json assets = Json::object();
        for (const auto& [asset_index, units] : by_asset) {
            const Asset& asset = loaded.config.assets[asset_index];
            assets[asset.id] = format_units(units, asset.decimals);
        }
        statuses[status] = std::move(assets);
    }
    return statuses;
}

// SPEC "conversions": each (from_asset, to_asset) pair, by from_asset then to_asset.
Json conversions_json(const Case& loaded, const PayoutSchedule& schedule) {
    Json conversions = Json::array();
    for (const Conversion& conversion : schedule.conversions) {
        const Asset& from = loaded.config.assets[conversion.from_asset];
        const Asset& to = loaded.config.assets[conversion.to_asset];
        conversions.push_back({{"from_asset", from.id},
                               {"to_asset", to.id},
                               {"from_amount", format_units(conversion.from_amount, from.decimals)},
                               {"to_amount", format_units(conversion.to_amount, to.decimals)}});
    }
    return conversions;
}

}  // namespace

std::string render_summary_json(const Case& loaded, const Determination& determination,
                                const Distribution& distribution,
                                const PayoutSchedule& schedule, const ProofRoot& proof,
                                const std::vector<FileHash>& outputs) {
    Json summary;
    summary["engine"] = std::string("kanzai ") + KANZAI_VERSION;
    summary["case"] = {{"name", loaded.config.name}, {"currency", loaded.config.currency().id}};
    summary["assets"] = assets_json(loaded, distribution);
    summary["funds"] = funds_json(loaded, distribution);
    summary["estate"] = estate_json(loaded, distribution);
    summary["decision_codes"] = decision_codes(determination);
    summary["payout_statuses"] = payout_statuses(schedule);
    summary["recovery_rate_percentiles"] = recovery_json(loaded, distribution);
    summary["receivables"] = receivables_json(loaded, determination);
    summary["overpayments"] = overpayments_json(loaded, schedule);
    summary["holdings_not_distributed"] = holdings_not_distributed_json(loaded);
    summary["transfer_findings"] = transfer_findings_json(determination);
    summary["transfers_after_record_date"] = transfers_after_record_date(loaded);
    summary["conversions"] = conversions_json(loaded, schedule);
    summary["payments_not_completed"] = payments_not_completed_json(loaded);
    if (loaded.config.convenience) {
        const engine::ConvenienceResult& convenience = distribution.result.convenience;
        summary["convenience"] = {{"claimants", convenience.claimants},
                                  {"elected", convenience.elected},
                                  {"claims", value_text(loaded, convenience.claims.count)},
                                  {"allocated", value_text(loaded, convenience.allocated.count)}};
    }
    summary["proof"] = {{"root", hex_of(proof.root)},
                        {"leaves", proof.leaves_count},
                        {"salted", proof.is_salted}};
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
