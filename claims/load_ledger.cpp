// ledger.csv and holdings.csv (SPEC "CSV files"): balances per account and asset, and the
// segregated-asset records.
#include <array>

#include <fmt/format.h>

#include "claims/load_files.hpp"

namespace kanzai::claims {
namespace {

enum LedgerColumn : std::size_t { l_account_id, l_customer_id, l_asset, l_balance };
constexpr std::array<CsvColumn, 4> ledger_columns = {
    {{"account_id", true}, {"customer_id", true}, {"asset", true}, {"balance", true}}};

enum HoldingColumn : std::size_t {
    h_holding_id,
    h_asset,
    h_amount,
    h_custody,
    h_segregated,
    h_status
};
constexpr std::array<CsvColumn, 6> holding_columns = {{{"holding_id", true},
                                                       {"asset", true},
                                                       {"amount", true},
                                                       {"custody", true},
                                                       {"segregated", true},
                                                       {"status", true}}};
constexpr std::array<Custody, 6> custodies = {Custody::cold,      Custody::hot,
                                              Custody::trust_bank, Custody::custodian,
                                              Custody::guarantee, Custody::other};
constexpr std::array<HoldingStatus, 3> statuses = {HoldingStatus::held, HoldingStatus::frozen,
                                                   HoldingStatus::lost};

// SPEC "ledger.csv": an account belongs to one customer; an (account_id, asset) pair
// appears once. One hash map keyed by account (an account has a handful of assets, so its
// assets are a short vector): this runs once per ledger row of millions.
struct AccountSeen {
    std::string customer_id;
    std::uint32_t line = 0;
    std::vector<std::pair<std::string, std::uint32_t>> asset_lines;
};

class LedgerChecks {
public:
    void check(RowChecker& row, std::string_view account_id, std::string_view customer_id,
               std::string_view asset) {
        const auto [found, is_new] = seen_by_account_.try_emplace(std::string(account_id));
        AccountSeen& seen = found->second;
        if (is_new) {
            seen.customer_id = std::string(customer_id);
            seen.line = row.line();
        } else if (seen.customer_id != customer_id) {
            row.error(l_customer_id,
                      fmt::format("account {} belongs to customer {} (line {}); an account "
                                  "belongs to one customer",
                                  quoted(account_id), quoted(seen.customer_id), seen.line));
        }
        for (const auto& [seen_asset, line] : seen.asset_lines) {
            if (seen_asset == asset) {
                row.error(l_asset, fmt::format("account {} has a second balance in {}; first "
                                               "on line {}",
                                               quoted(account_id), quoted(asset), line));
                return;
            }
        }
        seen.asset_lines.emplace_back(std::string(asset), row.line());
    }

private:
    std::unordered_map<std::string, AccountSeen> seen_by_account_;
};

}  // namespace

CsvReadResult load_ledger(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "ledger.csv";
    FileTotals& totals = context.totals_of(file);
    LedgerChecks checks;
    return read_csv(
        file, text, ledger_columns, context.diagnostics, [&](const CsvRecord& record) {
            RowChecker row(file, ledger_columns, record, context.diagnostics);
            LedgerRow ledger_row;
            const std::string_view account_id = row.identifier(l_account_id);
            ledger_row.customer_index = find_customer_cell(row, l_customer_id, context, true);
            const AssetLookup asset = find_asset_cell(row, l_asset, context, true);
            ledger_row.asset_index = asset.index;
            // SPEC "Conventions": only ledger.csv's balance may be negative.
            ledger_row.balance = row.amount(l_balance, asset, Sign::any);
            row.count(totals, asset, ledger_row.balance, l_balance);
            if (!account_id.empty() && !row.cell(l_customer_id).empty() && !asset.id.empty()) {
                checks.check(row, account_id, row.cell(l_customer_id), asset.id);
            }
            ledger_row.account_id = std::string(account_id);
            ledger_row.line = row.line();
            if (row.ok()) {
                context.loaded.ledger.push_back(std::move(ledger_row));
            }
        });
}

CsvReadResult load_holdings(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "holdings.csv";
    FileTotals& totals = context.totals_of(file);
    UniqueIds ids;
    return read_csv(
        file, text, holding_columns, context.diagnostics, [&](const CsvRecord& record) {
            RowChecker row(file, holding_columns, record, context.diagnostics);
            Holding holding;
            holding.id = std::string(row.identifier(h_holding_id));
            const AssetLookup asset = find_asset_cell(row, h_asset, context, true);
            holding.asset_index = asset.index;
            holding.amount = row.amount(h_amount, asset, Sign::non_negative);
            row.count(totals, asset, holding.amount, h_amount);
            holding.custody = row.choice<Custody>(h_custody, custodies, Custody::other);
            holding.segregated = row.flag(h_segregated, false);
            holding.status = row.choice<HoldingStatus>(h_status, statuses, HoldingStatus::lost);
            holding.line = row.line();
            if (!holding.id.empty()) {
                ids.insert(holding.id, row, h_holding_id, "holding_id");
            }
            if (row.ok()) {
                context.loaded.holdings.push_back(std::move(holding));
            }
        });
}

}  // namespace kanzai::claims
