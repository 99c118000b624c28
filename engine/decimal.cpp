// Exact decimal parsing and formatting for amounts, prices and ratios (SPEC "Conventions").
#include "engine/decimal.hpp"

#include <cstdint>

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

// accumulate() for digit strings too long for 128 bits, in 256 bits.
void accumulate_wide(const Scan& scan, int scale, Int128 limit_units, DecimalParse& result) {
    const Wide limit = widen(limit_units);
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

// Accumulates the digits as an integer scaled to `scale` fractional digits; sets too_large
// when the magnitude exceeds `limit` (at most int128_max).
void accumulate(const Scan& scan, int scale, Int128 limit, DecimalParse& result) {
    const std::size_t digits = scan.integer_digits.size() + static_cast<std::size_t>(scale);
    if (digits > 38) {
        accumulate_wide(scan, scale, limit, result);
        return;
    }
    // At most 38 digits: below 10^38 < 2^127, so 128 bits cannot overflow. This is the path
    // of every real amount; it parses millions per run.
    UInt128 magnitude = 0;
    for (char c : scan.integer_digits) {
        magnitude = magnitude * 10 + static_cast<unsigned>(c - '0');
    }
    for (char c : scan.fraction_digits) {
        magnitude = magnitude * 10 + static_cast<unsigned>(c - '0');
    }
    for (int i = result.fraction_digits; i < scale; ++i) {
        magnitude *= 10;
    }
    if (magnitude > static_cast<UInt128>(limit)) {
        result.issue = DecimalIssue::too_large;
        return;
    }
    const auto count = static_cast<Int128>(magnitude);
    result.count = scan.negative ? -count : count;
}

DecimalParse parse_scaled(std::string_view text, int scale, Int128 limit) {
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
    return parse_scaled(text, decimals, units_total_max);
}

DecimalParse parse_price(std::string_view text) {
    // Below 10^20 whole units, i.e. at most 10^38 - 1 in units of 10^-18.
    DecimalParse result = parse_scaled(text, price_decimals, pow10(38) - 1);
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

namespace {

// The magnitude of `value`, also for the most negative Int128.
UInt128 magnitude_of(Int128 value) {
    return value < 0 ? UInt128(0) - static_cast<UInt128>(value) : static_cast<UInt128>(value);
}

// Writes the decimal digits of `magnitude` so that they end just before `end` and returns
// where they start ("0" for 0). A 128-bit division is a library call, so the number is cut
// into 19-digit 64-bit chunks first (formatting was a hot spot of `kanzai run`).
char* write_digits(UInt128 magnitude, char* end) {
    constexpr std::uint64_t chunk = 10'000'000'000'000'000'000ULL;  // 10^19
    char* at = end;
    while (magnitude >= chunk) {
        auto low = static_cast<std::uint64_t>(magnitude % chunk);
        magnitude /= chunk;
        for (int i = 0; i < 19; ++i) {
            *--at = static_cast<char>('0' + low % 10);
            low /= 10;
        }
    }
    auto rest = static_cast<std::uint64_t>(magnitude);
    do {
        *--at = static_cast<char>('0' + rest % 10);
        rest /= 10;
    } while (rest != 0);
    return at;
}

}  // namespace

std::string format_int128(Int128 value) {
    char buffer[48];
    char* const end = buffer + sizeof buffer;
    char* at = write_digits(magnitude_of(value), end);
    if (value < 0) {
        *--at = '-';
    }
    return std::string(at, end);
}

void append_units(std::string& out, Int128 count, int decimals) {
    KANZAI_ASSERT(decimals >= 0);
    KANZAI_ASSERT(decimals <= decimals_max);
    const auto width = static_cast<std::ptrdiff_t>(decimals);
    char buffer[96];
    char* const end = buffer + sizeof buffer;
    char* at = write_digits(magnitude_of(count), end);
    while (end - at <= width) {  // at least one digit before the point
        *--at = '0';
    }
    if (count < 0) {
        out += '-';
    }
    out.append(at, end - width);
    if (width > 0) {
        out += '.';
        out.append(end - width, end);
    }
}

std::string format_units(Int128 count, int decimals) {
    std::string text;
    text.reserve(48);
    append_units(text, count, decimals);
    return text;
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
