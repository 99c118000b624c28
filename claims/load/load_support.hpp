// What the loaders of the case folder share: quoting values for messages, reserved ids,
// asset look-ups, per-file totals, and the checks of one CSV cell (required, identifier,
// choice, flag, date, amount), each reporting with the cell's file, line and column.
// Internal to claims/: included by load_*.cpp and case_config.cpp only.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claims/case.hpp"
#include "claims/load/csv_reader.hpp"
#include "claims/diagnostics.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {

// `"value"` for a message: quotes and control characters escaped, long values shortened,
// so that every diagnostic stays on one line.
[[nodiscard]] std::string quoted(std::string_view value);

// "a, b or c": the choices a message offers.
[[nodiscard]] std::string one_of(std::span<const std::string_view> names);

// SPEC "Conventions": the reserved prefix `id` begins with ("deemed:" or "creditor:"), or "".
[[nodiscard]] std::string_view reserved_prefix_of(std::string_view id);

// What a CSV loader knows about an asset id named in a cell.
struct AssetLookup {
    enum class State {
        known,      // in case.toml [assets] and valid: index and decimals apply
        unknown,    // not in case.toml [assets]
        unchecked,  // case.toml could not be read, or this asset's entry is invalid
    };
    State state = State::unchecked;
    std::uint32_t index = no_index;
    int decimals = 0;
    std::string_view id;
};

// The assets of case.toml as the CSV loaders see them.
struct KnownAssets {
    const CaseConfig* config = nullptr;
    bool is_checked = false;                 // false: case.toml missing or not parsed
    std::vector<std::string> invalid_ids;    // named in [assets] but invalid

    [[nodiscard]] AssetLookup find(std::string_view id) const;
    [[nodiscard]] AssetLookup currency() const;
};

// Per file and asset, the sum of absolute amounts (SPEC "Conventions": above 2^127 - 1
// minor units is an error), kept for the value bound checked against case.toml.
struct FileTotals {
    std::string file;
    std::vector<engine::UInt128> units_by_asset;  // by asset index
    std::vector<bool> overflowed_by_asset;

    FileTotals(std::string file_name, std::size_t assets_count)
        : file(std::move(file_name)), units_by_asset(assets_count, 0),
          overflowed_by_asset(assets_count, false) {}
};

enum class Sign { any, non_negative, positive };

// The checks of the cells of one CSV record. Every failed check reports at the cell and
// marks the record as not ok; the loader then drops the record.
class RowChecker {
public:
    RowChecker(std::string_view file, std::span<const CsvColumn> schema, const CsvRecord& record,
               Diagnostics& diagnostics)
        : file_(file), schema_(schema), record_(record), diagnostics_(diagnostics) {}

    [[nodiscard]] bool ok() const { return ok_; }
    [[nodiscard]] std::uint32_t line() const { return record_.line(); }
    [[nodiscard]] std::string_view cell(std::size_t column) const { return record_.cell(column); }
    [[nodiscard]] SourceLoc at(std::size_t column) const;
    void error(std::size_t column, std::string message);

    // A cell of a required column: empty is an error.
    std::string_view required(std::size_t column);
    // An identifier cell (SPEC "Conventions"): required when the column is; a reserved
    // prefix is an error unless it is `allowed_prefix`.
    std::string_view identifier(std::size_t column, std::string_view allowed_prefix = {});
    // One of `choices` spelled as text_of spells it; an empty optional cell is `fallback`.
    template <typename Enum>
    Enum choice(std::size_t column, std::span<const Enum> choices, Enum fallback);
    // `true` or `false`; empty optional cell: `fallback`.
    bool flag(std::size_t column, bool fallback);
    // YYYY-MM-DD, a real date; nullopt when empty (optional) or invalid (reported).
    std::optional<Date> date(std::size_t column);
    // An amount of `asset` (SPEC "Amounts"): grammar, fractional digits, magnitude, sign.
    // For an unknown or unchecked asset only the grammar and the sign are checked and the
    // result is 0 units.
    Units amount(std::size_t column, const AssetLookup& asset, Sign sign);
    // Adds |units| to the file's total of the asset; reports the first time it passes
    // 2^127 - 1.
    void count(FileTotals& totals, const AssetLookup& asset, Units units, std::size_t column);

private:
    [[nodiscard]] std::string_view name(std::size_t column) const {
        return schema_[column].name;
    }

    std::string_view file_;
    std::span<const CsvColumn> schema_;
    const CsvRecord& record_;
    Diagnostics& diagnostics_;
    bool ok_ = true;
};

template <typename Enum>
Enum RowChecker::choice(std::size_t column, std::span<const Enum> choices, Enum fallback) {
    const std::string_view text = schema_[column].required ? required(column) : cell(column);
    if (text.empty()) {
        return fallback;
    }
    std::vector<std::string_view> names;
    for (const Enum value : choices) {
        if (text_of(value) == text) {
            return value;
        }
        names.push_back(text_of(value));
    }
    error(column, std::string(name(column)) + " " + quoted(text) + " is not one of " +
                      one_of(names));
    return fallback;
}

// The message for a decimal that failed to parse, after its quoted text:
// `has 9 fractional digits; BTC allows at most 8`.
[[nodiscard]] std::string describe_decimal(const engine::DecimalParse& parse,
                                           std::string_view text, std::string_view asset_id,
                                           int decimals);

// -1, 0 or 1: the sign of a decimal text that matches the amount grammar.
[[nodiscard]] int sign_of_decimal(std::string_view text);

}  // namespace kanzai::claims
