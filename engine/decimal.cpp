// Exact decimal parsing and formatting for amounts, prices and ratios (SPEC "Conventions").
#include "engine/decimal.hpp"

#include <fmt/format.h>

#include "engine/assert.hpp"
#include "engine/wide.hpp"

namespace kanzai::engine {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Scan {
    bool negative = false;
    std::string_view integer_digits;
    std::string_view fraction_digits;
};

// Checks the grammar -?[0-9]+(\.[0-9]+)? and splits the text; sets `result.issue` on failure.
Scan scan_grammar(std::string_view text, DecimalParse& result) {
    Scan scan;
    if (text.empty()) {
        result.issue = DecimalIssue::empty;
        return scan;
    }
    std::size_t at = 0;
    if (text[0] == '-') {
        scan.negative = true;
        at = 1;
    }
    const std::size_t integer_begin = at;
    while (at < text.size() && is_digit(text[at])) {
        ++at;
    }
    scan.integer_digits = text.substr(integer_begin, at - integer_begin);
    if (at < text.size() && text[at] != '.') {
        result.issue = DecimalIssue::bad_character;
        result.offset = at;
        return scan;
    }
    if (scan.integer_digits.empty()) {
        result.issue = at < text.size() || scan.negative ? DecimalIssue::missing_digits
                                                          : DecimalIssue::empty;
        result.offset = at;
        return scan;
    }
    if (at == text.size()) {
        return scan;
    }
    ++at;  // the '.'
    const std::size_t fraction_begin = at;
    while (at < text.size() && is_digit(text[at])) {
        ++at;
    }
    scan.fraction_digits = text.substr(fraction_begin, at - fraction_begin);
    if (at < text.size()) {
        result.issue = DecimalIssue::bad_character;
        result.offset = at;
    } else if (scan.fraction_digits.empty()) {
        result.issue = DecimalIssue::missing_digits;
        result.offset = at;
    }
    return scan;
}

// Accumulates the digits as an integer scaled to `scale` fractional digits; sets too_large
// when the magnitude exceeds `limit`.
void accumulate(const Scan& scan, int scale, const Wide& limit, DecimalParse& result) {
    Wide magnitude = 0;
    for (char c : scan.integer_digits) {
        magnitude = magnitude * 10 + (c - '0');
        if (magnitude > limit) {  // checked early so a huge digit string cannot overflow
            result.issue = DecimalIssue::too_large;
            return;
        }
    }
    for (char c : scan.fraction_digits) {
        magnitude = magnitude * 10 + (c - '0');
    }
    for (int i = result.fraction_digits; i < scale; ++i) {
        magnitude *= 10;
    }
    if (magnitude > limit) {
        result.issue = DecimalIssue::too_large;
        return;
    }
    const Int128 count = narrow(magnitude);
    result.count = scan.negative ? -count : count;
}

DecimalParse parse_scaled(std::string_view text, int scale, const Wide& limit) {
    DecimalParse result;
    const Scan scan = scan_grammar(text, result);
    if (!result.ok()) {
        return result;
    }
    result.fraction_digits = static_cast<int>(scan.fraction_digits.size());
    if (result.fraction_digits > scale) {
        result.issue = DecimalIssue::too_many_fraction_digits;
        result.offset = scan.integer_digits.size() + (scan.negative ? 1 : 0) + 1 +
                        static_cast<std::size_t>(scale);
        return result;
    }
    accumulate(scan, scale, limit, result);
    return result;
}

}  // namespace

DecimalParse parse_amount(std::string_view text, int decimals) {
    KANZAI_ASSERT(decimals >= 0);
    KANZAI_ASSERT(decimals <= decimals_max);
    return parse_scaled(text, decimals, widen(units_total_max));
}

DecimalParse parse_price(std::string_view text) {
    // Below 10^20 whole units, i.e. at most 10^38 - 1 in units of 10^-18.
    DecimalParse result = parse_scaled(text, price_decimals, widen(pow10(38) - 1));
    if (result.ok() && result.count < 0) {
        result.issue = DecimalIssue::negative;
        result.offset = 0;
        result.count = 0;
    } else if (result.ok() && !text.empty() && text[0] == '-') {
        result.issue = DecimalIssue::negative;  // "-0" is not a price either
    }
    return result;
}

std::string describe(const DecimalParse& parse, std::string_view text, int decimals) {
    switch (parse.issue) {
        case DecimalIssue::none:
            return "is valid";
        case DecimalIssue::empty:
            return "is empty; expected a decimal number";
        case DecimalIssue::bad_character:
            return fmt::format("is not a plain decimal number: unexpected '{}' at character {}",
                               text.substr(parse.offset, 1), parse.offset + 1);
        case DecimalIssue::missing_digits:
            return fmt::format("is not a plain decimal number: digits expected at character {}",
                               parse.offset + 1);
        case DecimalIssue::too_many_fraction_digits:
            return fmt::format("has {} fractional digits; at most {} are allowed",
                               parse.fraction_digits, decimals);
        case DecimalIssue::too_large:
            return "is too large: above 2^127-1 minor units";
        case DecimalIssue::negative:
            return "is negative; it must be >= 0";
    }
    return "is invalid";
}

std::string format_int128(Int128 value) {
    if (value == 0) {
        return "0";
    }
    const bool negative = value < 0;
    UInt128 magnitude =
        negative ? UInt128(0) - static_cast<UInt128>(value) : static_cast<UInt128>(value);
    char buffer[48];
    std::size_t at = sizeof buffer;
    while (magnitude != 0) {
        buffer[--at] = static_cast<char>('0' + static_cast<int>(magnitude % 10));
        magnitude /= 10;
    }
    if (negative) {
        buffer[--at] = '-';
    }
    return std::string(buffer + at, sizeof buffer - at);
}

std::string format_units(Int128 count, int decimals) {
    KANZAI_ASSERT(decimals >= 0);
    KANZAI_ASSERT(decimals <= decimals_max);
    const bool negative = count < 0;
    std::string digits = format_int128(negative ? -count : count);
    const auto width = static_cast<std::size_t>(decimals);
    if (digits.size() <= width) {
        digits.insert(0, width + 1 - digits.size(), '0');
    }
    if (width > 0) {
        digits.insert(digits.size() - width, 1, '.');
    }
    return negative ? "-" + digits : digits;
}

std::string format_price(Price price) {
    std::string text = format_units(price.scaled, price_decimals);
    while (text.back() == '0') {
        text.pop_back();
    }
    if (text.back() == '.') {
        text.pop_back();
    }
    return text;
}

std::string format_ratio(Int128 numerator, Int128 denominator) {
    KANZAI_ASSERT(numerator >= 0);
    KANZAI_ASSERT(denominator > 0);
    return format_units(mul_div(numerator, 1'000'000, denominator).quotient, 6);
}

}  // namespace kanzai::engine
