// The loaders of the CSV files of a case folder (SPEC "CSV files"), one per file, called by
// load_case in dependency order: customers and creditors before the files that name them.
// Internal to claims/.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "claims/case.hpp"
#include "claims/load/csv_reader.hpp"
#include "claims/diagnostics.hpp"
#include "claims/load/id_index.hpp"
#include "claims/load/load_support.hpp"

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
    // The customer found last (a view of its id in `loaded.customers`): files list a
    // customer's rows together, so most look-ups are the previous one.
    std::string_view last_customer_id;
    std::uint32_t last_customer_index = no_index;

    FileTotals& totals_of(std::string_view file) {
        totals.emplace_back(std::string(file), assets.config->assets.size());
        return totals.back();
    }
};

// Remembers the line of the first record with each id; reports the second occurrence.
// The ids are views into the file's text, which outlives the reading of the file.
class UniqueIds {
public:
    explicit UniqueIds(std::size_t rows_count_max) {
        ids_.reserve(rows_count_max);
        lines_.reserve(rows_count_max);
        index_.reserve(rows_count_max);
    }
    // True when `id` is new; otherwise reports at `column` of the checker's record. `id`
    // must be a view into the file's text (row.cell), never into a copy of the row.
    bool insert(std::string_view id, RowChecker& row, std::size_t column, std::string_view what);

private:
    std::vector<std::string_view> ids_;
    std::vector<std::uint32_t> lines_;
    IdIndex index_;
};

// Reports `id` in `column` of the checker's record as a second occurrence of an id first
// seen on `first_line`.
void report_twice(RowChecker& row, std::size_t column, std::string_view what,
                  std::string_view id, std::uint32_t first_line);

// At least the number of records of a CSV text (its line feeds plus one): enough to
// reserve every per-row structure once instead of growing it.
[[nodiscard]] std::size_t rows_count_max(std::string_view text);

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
CsvReadResult load_elections(std::string& text, LoadContext& context);

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
