// The rows and files of `kanzai export` (see export_rows.hpp).
#include "tools/export/export_rows.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "claims/distribute/payouts.hpp"
#include "claims/load/sha256.hpp"
#include "engine/decimal.hpp"
#include "tools/run/csv_writer.hpp"

namespace kanzai::tools {
namespace {

using PayoutKey = std::tuple<std::string, std::string, int>;  // payee, asset paid, tranche

// The claims of every eligible allocation, by the payout they fall in.
std::map<PayoutKey, std::set<std::string>> claims_by_payout(const ComputedRun& computed) {
    const claims::Case& loaded = computed.loaded;
    const claims::Distribution& distribution = computed.distribution;
    const std::vector<std::optional<claims::AssetPaid>> paid =
        claims::assets_paid(loaded, computed.determination, distribution);
    std::map<PayoutKey, std::set<std::string>> claims;
    for (std::size_t k = 0; k < paid.size(); ++k) {
        const engine::Allocation& allocation = distribution.result.allocations[k];
        if (!paid[k] || !claims::is_eligible(loaded, computed.determination, distribution,
                                             allocation)) {
            continue;
        }
        const std::string payee =
            claims::payee_of(loaded, computed.determination, distribution, allocation);
        const std::string claim_id =
            claims::claim_id_of(loaded, computed.determination, distribution, allocation);
        claims[{payee, loaded.config.assets[paid[k]->asset_index].id, allocation.tranche}]
            .insert(claim_id);
    }
    return claims;
}

// "KZ" and the first 16 hex digits (upper case) of SHA-256(payee_id 0x00 asset 0x00
// tranche), the tranche in decimal: a payable payout is the only one of its payee, asset
// and tranche, so the reference names it, and it does not change when a later run
// renumbers the payouts.
std::string payout_reference(const std::string& payee_id, const std::string& asset,
                             int tranche) {
    std::string fields = payee_id;
    fields += '\0';
    fields += asset;
    fields += '\0';
    fields += std::to_string(tranche);
    std::string hex = claims::sha256_hex(fields).substr(0, 16);
    std::transform(hex.begin(), hex.end(), hex.begin(),
                   [](char c) { return c >= 'a' && c <= 'f' ? static_cast<char>(c - 32) : c; });
    return "KZ" + hex;
}

}  // namespace

std::vector<ExportRow> export_rows(const claims::RunRecord& run, const ComputedRun& computed) {
    const std::map<PayoutKey, std::set<std::string>> claims = claims_by_payout(computed);
    std::vector<ExportRow> rows;
    for (const claims::PayoutRecord& p : run.payouts) {
        if (p.status != "payable") {
            continue;
        }
        ExportRow row{.reference = payout_reference(p.payee_id, p.asset, p.tranche),
                      .payout_id = p.payout_id, .payee_id = p.payee_id, .name = "",
                      .country = "", .asset = p.asset, .amount = p.amount,
                      .tranche = p.tranche, .claim_ids = {}};
        const std::uint32_t customer = computed.loaded.find_customer(p.payee_id);
        if (customer != claims::no_index) {
            row.name = computed.loaded.customers[customer].name;
            row.country = computed.loaded.customers[customer].country;
        }
        const auto found = claims.find({p.payee_id, p.asset, p.tranche});
        if (found != claims.end()) {
            row.claim_ids.assign(found->second.begin(), found->second.end());
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string render_payment_file(const std::vector<ExportRow>& rows, const std::string& asset) {
    std::string text = "reference,payout_id,payee_id,name,country,asset,amount,tranche,claims\n";
    for (const ExportRow& row : rows) {
        if (row.asset != asset) {
            continue;
        }
        std::string claim_list;
        for (const std::string& claim_id : row.claim_ids) {
            claim_list += (claim_list.empty() ? "" : " ") + claim_id;
        }
        const std::string payout_id = std::to_string(row.payout_id);
        for (const std::string_view field :
             {std::string_view(row.reference), std::string_view(payout_id),
              std::string_view(row.payee_id), std::string_view(row.name),
              std::string_view(row.country), std::string_view(row.asset),
              std::string_view(row.amount)}) {
            append_csv_field(text, field);
            text += ',';
        }
        text += std::to_string(row.tranche) + ",";
        append_csv_field(text, claim_list);
        text += '\n';
    }
    return text;
}

std::string render_payments_template(const ComputedRun& computed,
                                     const std::vector<ExportRow>& rows,
                                     const std::string& paid_on) {
    const claims::Case& loaded = computed.loaded;
    std::string text = "payee_id,asset,amount,tranche,paid_on,status\n";
    const auto append_row = [&](std::string_view payee, std::string_view asset,
                                std::string_view amount, std::string_view tranche,
                                std::string_view date, std::string_view status) {
        for (const std::string_view field : {payee, asset, amount, tranche, date}) {
            append_csv_field(text, field);
            text += ',';
        }
        text += status;
        text += '\n';
    };
    // Earlier payments first, as loaded (amounts in the asset's decimals), so that this file
    // replaces the case's payments.csv.
    for (const claims::Payment& payment : loaded.payments) {
        const claims::Asset& asset = loaded.config.assets[payment.asset_index];
        append_row(payment.payee_id, asset.id,
                   engine::format_units(payment.amount.count, asset.decimals),
                   payment.tranche ? std::to_string(*payment.tranche) : "", payment.paid_on,
                   claims::text_of(payment.status));
    }
    for (const ExportRow& row : rows) {
        append_row(row.payee_id, row.asset, row.amount, std::to_string(row.tranche), paid_on,
                   "paid");
    }
    return text;
}

}  // namespace kanzai::tools
