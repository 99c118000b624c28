// ledger.csv and holdings.csv (SPEC "CSV files"): balances per account and asset, and the
// segregated-asset records.
#include <array>

#include <fmt/format.h>

#include "claims/load/load_files.hpp"

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
// appears once. This runs once per ledger row of millions, so it allocates nothing per row
//: accounts in one vector found through a flat index, and the assets of each
// account (a handful) as a chain through one shared vector. Every text is a view into the
// file's text, which outlives the reading of the file.
class LedgerChecks {
public:
    explicit LedgerChecks(std::size_t rows_count_max) {
        accounts_.reserve(rows_count_max);
        assets_.reserve(rows_count_max);
        index_.reserve(rows_count_max);
    }

    void check(RowChecker& row, std::string_view account_id, std::string_view customer_id,
               std::string_view asset) {
        const auto next = static_cast<std::uint32_t>(accounts_.size());
        accounts_.push_back({.account_id = account_id,
                             .customer_id = customer_id,
                             .line = row.line(),
                             .first_asset = none});
        const std::uint32_t found = index_.insert(
            account_id, next, [this](std::uint32_t index) { return accounts_[index].account_id; });
        if (found != IdIndex::none) {
            accounts_.pop_back();
        }
        AccountSeen& seen = accounts_[found == IdIndex::none ? next : found];
        if (seen.customer_id != customer_id) {
            row.error(l_customer_id,
                      fmt::format("account {} belongs to customer {} (line {}); an account "
                                  "belongs to one customer",
                                  quoted(account_id), quoted(seen.customer_id), seen.line));
        }
        std::uint32_t* link = &seen.first_asset;
        for (; *link != none; link = &assets_[*link].next) {
            const AssetSeen& seen_asset = assets_[*link];
            if (seen_asset.asset == asset) {
                row.error(l_asset, fmt::format("account {} has a second balance in {}; first "
                                               "on line {}",
                                               quoted(account_id), quoted(asset),
                                               seen_asset.line));
                return;
            }
        }
        *link = static_cast<std::uint32_t>(assets_.size());
        assets_.push_back({.asset = asset, .line = row.line(), .next = none});
    }

private:
    static constexpr std::uint32_t none = 0xFFFF'FFFF;

    struct AccountSeen {
        std::string_view account_id;
        std::string_view customer_id;
        std::uint32_t line = 0;
        std::uint32_t first_asset = none;  // into assets_
    };
    struct AssetSeen {
        std::string_view asset;
        std::uint32_t line = 0;
        std::uint32_t next = none;  // the account's next asset
    };

    std::vector<AccountSeen> accounts_;
    std::vector<AssetSeen> assets_;
    IdIndex index_;
};

}  // namespace

CsvReadResult load_ledger(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "ledger.csv";
    FileTotals& totals = context.totals_of(file);
    const std::size_t rows_max = rows_count_max(text);
    LedgerChecks checks(rows_max);
    context.loaded.ledger.reserve(rows_max);
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
    UniqueIds ids(rows_count_max(text));
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
                ids.insert(row.cell(h_holding_id), row, h_holding_id, "holding_id");
            }
            if (row.ok()) {
                context.loaded.holdings.push_back(std::move(holding));
            }
        });
}

}  // namespace kanzai::claims
