// Recomputing a recorded run for its notices (see notices_facts.hpp).
#include "tools/inspect/notices_facts.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "claims/distribute/payouts.hpp"
#include "engine/decimal.hpp"

namespace kanzai::tools {
namespace {

std::string units_of(const claims::Case& loaded, std::uint32_t asset, engine::Int128 count) {
    return engine::format_units(count, loaded.config.assets[asset].decimals);
}

}  // namespace

std::optional<ComputedRun> recompute_recorded_run(const std::string& case_folder,
                                                  const claims::RunRecord& run,
                                                  std::string& reason) {
    std::optional<ComputedRun> computed = determine_recorded_run(case_folder, run, reason);
    if (!computed) {
        return std::nullopt;
    }
    distribute_run(*computed);
    return computed;
}

NoticeFacts notice_facts_of(const ComputedRun& computed) {
    const claims::Case& loaded = computed.loaded;
    const claims::Distribution& distribution = computed.distribution;
    NoticeFacts facts;
    const std::vector<std::optional<claims::AssetPaid>> paid =
        claims::assets_paid(loaded, computed.determination, distribution);
    for (std::size_t k = 0; k < paid.size(); ++k) {
        if (!paid[k] || !paid[k]->is_converted) {
            continue;
        }
        const engine::Allocation& allocation = distribution.result.allocations[k];
        const std::string claim_id =
            claims::claim_id_of(loaded, computed.determination, distribution, allocation);
        const std::string portion = claims::portion_of(distribution, allocation);
        // A sale of a pool's asset at its estate_price, or money converted into the asset
        // paid at that asset's distribution_price (SPEC "Asset paid").
        const bool is_sale = allocation.source_kind == engine::SourceKind::pool;
        const claims::AssetPaid& as_paid = *paid[k];
        facts.paid_as.emplace(
            paid_as_key(claim_id, portion, claims::source_name(loaded, allocation)),
            PaidAs{.asset = loaded.config.assets[as_paid.asset_index].id,
                   .amount = units_of(loaded, as_paid.asset_index, as_paid.amount),
                   .price_name = is_sale ? "estate_price" : "distribution_price",
                   .price_asset = loaded.config
                                      .assets[is_sale ? allocation.asset_index
                                                      : as_paid.asset_index]
                                      .id,
                   .price = engine::format_price(as_paid.price)});
    }
    if (loaded.config.convenience) {
        facts.convenience = ConvenienceTerms{
            .threshold = units_of(loaded, loaded.config.currency_index,
                                  loaded.config.convenience->threshold.count),
            .rate = engine::format_price(loaded.config.convenience->rate)};
    }
    return facts;
}

std::map<std::string, NoticePayee, std::less<>> notice_payees_of(const ComputedRun& computed) {
    const claims::Case& loaded = computed.loaded;
    std::map<std::string, NoticePayee, std::less<>> payees;
    for (const claims::Customer& customer : loaded.customers) {
        payees[customer.id].name = customer.name;
    }
    for (const claims::Creditor& creditor : loaded.creditors) {
        payees["creditor:" + creditor.id].creditor = CreditorClaim{
            .creditor_class = std::string(claims::text_of(creditor.creditor_class)),
            .amount = units_of(loaded, loaded.config.currency_index, creditor.amount.count),
            .description = creditor.description};
    }
    for (const claims::Payment& payment : loaded.payments) {
        if (payment.status == claims::PaymentStatus::paid) {
            continue;
        }
        payees[payment.payee_id].not_completed.push_back(
            {.asset = loaded.config.assets[payment.asset_index].id,
             .amount = units_of(loaded, payment.asset_index, payment.amount.count),
             .tranche = payment.tranche ? std::to_string(*payment.tranche) : "",
             .paid_on = payment.paid_on,
             .status = std::string(claims::text_of(payment.status))});
    }
    return payees;
}

std::vector<std::string> creditor_payee_ids(const ComputedRun& computed) {
    std::vector<std::string> ids;
    for (const claims::Creditor& creditor : computed.loaded.creditors) {
        ids.push_back("creditor:" + creditor.id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace kanzai::tools
