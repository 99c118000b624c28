// The loaders of the CSV files of a case folder (SPEC "CSV files"), one per file, called by
// load_case in dependency order: customers and creditors before the files that name them.
// Internal to claims/.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "claims/case.hpp"
#include "claims/csv_reader.hpp"
#include "claims/diagnostics.hpp"
#include "claims/load_support.hpp"

namespace kanzai::claims {

// What every loader reads and adds to.
struct LoadContext {
    Diagnostics& diagnostics;
    KnownAssets assets;
    Case& loaded;
    // customers.csv (creditors.csv) was read completely, so an id missing from it is an
    // error; otherwise references to it are not checked, so one bad file does not bury
    // its own error under a flood of unknown references.
    bool are_customers_checked = false;
    bool are_creditors_checked = false;
    std::unordered_map<std::string, std::uint32_t> creditor_line_by_id;
    std::vector<FileTotals> totals;  // per file, per asset: sums of absolute amounts

    FileTotals& totals_of(std::string_view file) {
        totals.emplace_back(std::string(file), assets.config->assets.size());
        return totals.back();
    }
};

// Remembers the line of the first record with each id; reports the second occurrence.
class UniqueIds {
public:
    // True when `id` is new; otherwise reports at `column` of the checker's record.
    bool insert(std::string_view id, RowChecker& row, std::size_t column, std::string_view what);

private:
    std::unordered_map<std::string, std::uint32_t> line_by_id_;
};

// Each reads its file's text (modified in place) into `context.loaded`.
CsvReadResult load_customers(std::string& text, LoadContext& context);
CsvReadResult load_creditors(std::string& text, LoadContext& context);
CsvReadResult load_identities(std::string& text, LoadContext& context);
CsvReadResult load_ledger(std::string& text, LoadContext& context);
CsvReadResult load_holdings(std::string& text, LoadContext& context);
CsvReadResult load_claims(std::string& text, LoadContext& context);
CsvReadResult load_transfers(std::string& text, LoadContext& context);
CsvReadResult load_determinations(std::string& text, LoadContext& context);
CsvReadResult load_payments(std::string& text, LoadContext& context);

}  // namespace kanzai::claims

namespace kanzai::claims {

// The customer named in `column` (an identifier cell): its index, or no_index. When
// `is_required_known`, an id missing from a completely read customers.csv is an error.
std::uint32_t find_customer_cell(RowChecker& row, std::size_t column, LoadContext& context,
                                 bool is_required_known);
// The asset named in `column` (an identifier cell). When `is_required_known`, an asset
// missing from a readable case.toml is an error.
AssetLookup find_asset_cell(RowChecker& row, std::size_t column, LoadContext& context,
                            bool is_required_known);

}  // namespace kanzai::claims
