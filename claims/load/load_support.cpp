// Cell checks and message helpers shared by the loaders of the case folder.
#include "claims/load/load_support.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace kanzai::claims {

namespace {

constexpr std::size_t quoted_length_max = 60;

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string quoted(std::string_view value) {
    std::size_t length = value.size();
    bool shortened = false;
    if (length > quoted_length_max) {
        length = quoted_length_max;
        while (length > 0 && is_utf8_continuation(value[length])) {
            --length;  // never cut a UTF-8 sequence in two
        }
        shortened = true;
    }
    std::string result = "\"";
    for (const char c : value.substr(0, length)) {
        if (c == '"' || c == '\\') {
            result += '\\';
            result += c;
        } else if (c == '\n') {
            result += "\\n";
        } else if (c == '\r') {
            result += "\\r";
        } else if (c == '\t') {
            result += "\\t";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            result += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
            result += c;
        }
    }
    result += shortened ? "...\"" : "\"";
    return result;
}

std::string_view reserved_prefix_of(std::string_view id) {
    constexpr std::string_view prefixes[] = {"deemed:", "creditor:"};
    for (const std::string_view prefix : prefixes) {
        if (id.starts_with(prefix)) {
            return prefix;
        }
    }
    return {};
}

AssetLookup KnownAssets::find(std::string_view id) const {
    AssetLookup result;
    result.id = id;
    if (!is_checked ||
        std::find(invalid_ids.begin(), invalid_ids.end(), id) != invalid_ids.end()) {
        result.state = AssetLookup::State::unchecked;
        return result;
    }
    result.index = config->find_asset(id);
    if (result.index == no_index) {
        result.state = AssetLookup::State::unknown;
        return result;
    }
    result.state = AssetLookup::State::known;
    result.decimals = config->assets[result.index].decimals;
    return result;
}

AssetLookup KnownAssets::currency() const {
    if (!is_checked || config->assets.empty()) {
        return {};
    }
    return find(config->currency().id);
}

std::string describe_decimal(const engine::DecimalParse& parse, std::string_view text,
                             std::string_view asset_id, int decimals) {
    if (parse.issue == engine::DecimalIssue::too_many_fraction_digits) {
        return fmt::format("has {} fractional digit{}; {} allows at most {}",
                           parse.fraction_digits, parse.fraction_digits == 1 ? "" : "s",
                           asset_id, decimals);
    }
    return engine::describe(parse, text, decimals);
}

int sign_of_decimal(std::string_view text) {
    const bool negative = text.starts_with('-');
    const bool nonzero = std::any_of(text.begin(), text.end(),
                                     [](char c) { return c >= '1' && c <= '9'; });
    if (!nonzero) {
        return 0;
    }
    return negative ? -1 : 1;
}

SourceLoc RowChecker::at(std::size_t column) const {
    return {.file = std::string(file_), .line = record_.line(),
            .column = record_.field_number(column)};
}

void RowChecker::error(std::size_t column, std::string message) {
    diagnostics_.error(at(column), std::move(message));
    ok_ = false;
}

std::string_view RowChecker::required(std::size_t column) {
    const std::string_view text = cell(column);
    if (text.empty()) {
        error(column, fmt::format("{} is empty; a value is required", name(column)));
    }
    return text;
}

std::string_view RowChecker::identifier(std::size_t column, std::string_view allowed_prefix) {
    const std::string_view text = schema_[column].required ? required(column) : cell(column);
    const std::string_view prefix = reserved_prefix_of(text);
    if (!prefix.empty() && prefix != allowed_prefix) {
        error(column, fmt::format("{} {} begins with \"{}\", a prefix reserved for Kanzai",
                                  name(column), quoted(text), prefix));
    }
    return text;
}

bool RowChecker::flag(std::size_t column, bool fallback) {
    const std::string_view text = schema_[column].required ? required(column) : cell(column);
    if (text.empty()) {
        return fallback;
    }
    if (text == "true" || text == "false") {
        return text == "true";
    }
    error(column, fmt::format("{} {} is not one of true or false", name(column), quoted(text)));
    return fallback;
}

std::optional<Date> RowChecker::date(std::size_t column) {
    const std::string_view text = schema_[column].required ? required(column) : cell(column);
    if (text.empty()) {
        return std::nullopt;
    }
    const std::optional<Date> result = parse_date(text);
    if (!result) {
        error(column, fmt::format("{} {} is not a date; expected a real calendar date as "
                                  "YYYY-MM-DD",
                                  name(column), quoted(text)));
    }
    return result;
}

Units RowChecker::amount(std::size_t column, const AssetLookup& asset, Sign sign) {
    const std::string_view text = required(column);
    if (text.empty()) {
        return {};
    }
    const bool is_known = asset.state == AssetLookup::State::known;
    const engine::DecimalParse parse =
        engine::parse_amount(text, is_known ? asset.decimals : engine::decimals_max);
    // For an unknown or unchecked asset the digits and magnitude cannot be judged: only
    // the grammar and the sign (SPEC "claims.csv").
    const bool is_grammar_ok = parse.ok() ||
                               parse.issue == engine::DecimalIssue::too_many_fraction_digits ||
                               parse.issue == engine::DecimalIssue::too_large;
    if (!is_grammar_ok || (is_known && !parse.ok())) {
        error(column, fmt::format("{} {} {}", name(column), quoted(text),
                                  describe_decimal(parse, text, asset.id, asset.decimals)));
        return {};
    }
    const int text_sign = sign_of_decimal(text);
    if (sign == Sign::positive && text_sign <= 0) {
        error(column, fmt::format("{} {} must be > 0", name(column), quoted(text)));
        return {};
    }
    if (sign == Sign::non_negative && text_sign < 0) {
        error(column, fmt::format("{} {} is negative; it must be >= 0", name(column),
                                  quoted(text)));
        return {};
    }
    return is_known ? Units{parse.count} : Units{};
}

void RowChecker::count(FileTotals& totals, const AssetLookup& asset, Units units,
                       std::size_t column) {
    if (asset.state != AssetLookup::State::known || totals.overflowed_by_asset[asset.index]) {
        return;
    }
    const engine::UInt128 magnitude = units.count < 0
                                          ? engine::UInt128(0) - static_cast<engine::UInt128>(
                                                                     units.count)
                                          : static_cast<engine::UInt128>(units.count);
    engine::UInt128& total = totals.units_by_asset[asset.index];
    total += magnitude;  // both <= 2^127 - 1: the sum fits in 128 unsigned bits
    if (total > static_cast<engine::UInt128>(engine::units_total_max)) {
        totals.overflowed_by_asset[asset.index] = true;
        error(column, fmt::format("the sum of the absolute amounts in {} in {} passes 2^127-1 "
                                  "minor units here",
                                  asset.id, file_));
    }
}

std::string one_of(std::span<const std::string_view> names) {
    std::string result;
    for (std::size_t i = 0; i < names.size(); ++i) {
        result += i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ");
        result += names[i];
    }
    return result;
}

}  // namespace kanzai::claims
