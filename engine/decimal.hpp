// The only doors for amounts and prices: the exact decimal parser and formatter of SPEC
// "Amounts" and "Prices". Text in, integer minor units out, and back.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "engine/money.hpp"

namespace kanzai::engine {

enum class DecimalIssue {
    none,
    empty,                  // ""
    bad_character,          // a character outside the grammar: '+', 'e', ',', ' ', ...
    missing_digits,         // "-", "1.", ".5", "-.5"
    too_many_fraction_digits,
    too_large,              // above 2^127 - 1 minor units (amounts) or >= 10^20 (prices)
    negative,               // a minus sign where only values >= 0 are allowed
};

// The outcome of parsing one decimal. On failure `issue` says why and `offset` is the
// 0-based byte offset of the offending character in the text.
struct DecimalParse {
    Int128 count = 0;
    DecimalIssue issue = DecimalIssue::none;
    std::size_t offset = 0;
    int fraction_digits = 0;  // as written, trailing zeros included

    [[nodiscard]] bool ok() const { return issue == DecimalIssue::none; }
};

// SPEC "Amounts": `-?[0-9]+(\.[0-9]+)?` exactly, at most `decimals` (0..18) fractional
// digits, magnitude at most 2^127 - 1 minor units. `-0` and leading zeros are valid.
// Returns the amount as a count of minor units (10^-decimals).
[[nodiscard]] DecimalParse parse_amount(std::string_view text, int decimals);

// SPEC "Prices": the amount grammar without a sign, at most 18 fractional digits, below
// 10^20. Returns the price scaled by 10^18.
[[nodiscard]] DecimalParse parse_price(std::string_view text);

// A plain English phrase for a failed parse, to follow the quoted value in a diagnostic:
// `has 9 fractional digits; at most 8 are allowed`. `decimals` is the limit that applied.
[[nodiscard]] std::string describe(const DecimalParse& parse, std::string_view text,
                                   int decimals);

// Exactly `decimals` fractional digits: format_units(150000000, 8) == "1.50000000";
// format_units(1000, 0) == "1000"; negative counts get a leading '-'.
[[nodiscard]] std::string format_units(Int128 count, int decimals);
// The same text appended to `out`: writers of millions of rows reuse one buffer instead of
// allocating a string per amount.
void append_units(std::string& out, Int128 count, int decimals);

// A price in its shortest exact form: 88549 * 10^15 -> "88.549", 10^18 -> "1".
[[nodiscard]] std::string format_price(Price price);

// The decimal digits of an integer: "-12345".
[[nodiscard]] std::string format_int128(Int128 value);

// Ratio numerator/denominator as a string with exactly 6 fractional digits, rounded down
// (SPEC summary.json "ratios"). numerator >= 0, denominator > 0.
[[nodiscard]] std::string format_ratio(Int128 numerator, Int128 denominator);

}  // namespace kanzai::engine
