// elections.csv (SPEC "CSV files"): a customer's election of cash or kind for an asset, of an
// asset to be paid in, or of the convenience class.
#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "claims/load/load_files.hpp"

namespace kanzai::claims {
namespace {

enum ElectionColumn : std::size_t { e_customer_id, e_election, e_asset };
constexpr std::array<CsvColumn, 3> election_columns = {
    {{"customer_id", true}, {"election", true}, {"asset", false}}};
constexpr std::array<ElectionKind, 4> election_kinds = {
    ElectionKind::kind, ElectionKind::cash, ElectionKind::convert, ElectionKind::convenience};

// The asset cell of one election, checked against what its kind needs; its index or
// no_index.
std::uint32_t election_asset(RowChecker& row, ElectionKind kind, LoadContext& context) {
    const std::string_view text = row.cell(e_asset);
    const std::string_view kind_name = text_of(kind);
    if (kind == ElectionKind::convenience) {
        if (!text.empty()) {
            row.error(e_asset, fmt::format("asset {} must be empty for a convenience election",
                                           quoted(text)));
        }
        return no_index;
    }
    if (text.empty()) {
        row.error(e_asset, fmt::format("asset is empty; a value is required when election is "
                                       "{}",
                                       kind_name));
        return no_index;
    }
    const AssetLookup asset = find_asset_cell(row, e_asset, context, true);
    if (asset.state != AssetLookup::State::known) {
        return no_index;
    }
    const CaseConfig& config = *context.assets.config;
    const AssetLookup currency = context.assets.currency();
    const bool is_currency =
        currency.state == AssetLookup::State::known && asset.index == currency.index;
    if (kind != ElectionKind::convert && is_currency) {
        row.error(e_asset, fmt::format("asset {} is the case currency; a {} election names "
                                       "another asset",
                                       quoted(text), kind_name));
        return no_index;
    }
    const std::optional<Price>& price = config.assets[asset.index].distribution_price;
    if (kind == ElectionKind::convert && !is_currency && !(price && price->scaled > 0)) {
        row.error(e_asset, fmt::format("asset {} has no distribution_price above 0; a convert "
                                       "election names the currency or such an asset",
                                       quoted(text)));
        return no_index;
    }
    return asset.index;
}

}  // namespace

CsvReadResult load_elections(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "elections.csv";
    context.loaded.elections.reserve(rows_count_max(text));
    // SPEC: one kind/cash row per (customer, asset), one convert and one convenience row per
    // customer; the second is the error. Key: customer id, slot (0 kind/cash, 1 convert,
    // 2 convenience), asset id.
    std::map<std::tuple<std::string, int, std::string>, std::uint32_t> first_lines;
    return read_csv(
        file, text, election_columns, context.diagnostics, [&](const CsvRecord& record) {
            RowChecker row(file, election_columns, record, context.diagnostics);
            Election election;
            election.customer_index = find_customer_cell(row, e_customer_id, context, true);
            election.kind =
                row.choice<ElectionKind>(e_election, election_kinds, ElectionKind::kind);
            const bool is_kind_valid =
                std::any_of(election_kinds.begin(), election_kinds.end(), [&](ElectionKind kind) {
                    return text_of(kind) == row.cell(e_election);
                });
            if (is_kind_valid) {
                election.asset_index = election_asset(row, election.kind, context);
            }
            const CaseConfig& config = *context.assets.config;
            if (is_kind_valid && election.kind == ElectionKind::convenience &&
                context.assets.is_checked &&
                !(config.convenience && config.convenience->elective)) {
                row.error(e_election, "a convenience election needs [convenience] with "
                                      "elective = true in case.toml");
            }
            election.line = row.line();
            const int slot = election.kind == ElectionKind::convert       ? 1
                             : election.kind == ElectionKind::convenience ? 2
                                                                          : 0;
            const auto key = std::make_tuple(std::string(row.cell(e_customer_id)), slot,
                                             slot == 0 ? std::string(row.cell(e_asset)) : "");
            const auto [found, is_new] = first_lines.emplace(key, row.line());
            if (!is_new && is_kind_valid) {
                const std::string what =
                    slot == 0 ? fmt::format("a kind or cash election for asset {}",
                                            quoted(row.cell(e_asset)))
                              : fmt::format("a {} election", text_of(election.kind));
                row.error(e_customer_id,
                          fmt::format("customer_id {} has {} twice; first on line {}",
                                      quoted(row.cell(e_customer_id)), what, found->second));
            }
            if (row.ok()) {
                context.loaded.elections.push_back(election);
            }
        });
}

}  // namespace kanzai::claims
