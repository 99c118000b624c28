// 256-bit intermediates (STYLE.md §3). The only header that includes Boost.Multiprecision;
// include it from .cpp files only, never from another header, to keep builds light.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <optional>

#include "engine/assert.hpp"
#include "engine/money.hpp"

namespace kanzai::engine {

// Checked: an overflow of 256 bits throws instead of wrapping.
using Wide = boost::multiprecision::checked_int256_t;

[[nodiscard]] inline Wide widen(Int128 value) {
    const bool negative = value < 0;
    const UInt128 magnitude = negative ? UInt128(0) - static_cast<UInt128>(value)
                                       : static_cast<UInt128>(value);
    Wide result = static_cast<std::uint64_t>(magnitude >> 64);
    result <<= 64;
    result += static_cast<std::uint64_t>(magnitude);
    return negative ? Wide(-result) : result;
}

// Narrows back to Int128; a value outside Int128 is an invariant violation.
[[nodiscard]] inline Int128 narrow(const Wide& value) {
    KANZAI_ASSERT(value <= widen(int128_max));
    KANZAI_ASSERT(value >= -widen(int128_max));
    const bool negative = value < 0;
    const Wide magnitude = negative ? Wide(-value) : value;
    const auto high = static_cast<std::uint64_t>(magnitude >> 64);
    const auto low = static_cast<std::uint64_t>(magnitude & Wide(~std::uint64_t{0}));
    const auto result = static_cast<Int128>((static_cast<UInt128>(high) << 64) | low);
    return negative ? -result : result;
}

struct QuotientRemainder {
    Int128 quotient = 0;
    Int128 remainder = 0;  // 0 <= remainder < divisor
};

// floor(a * b / divisor) and its remainder, for a >= 0, b >= 0, divisor > 0. The quotient
// must fit in Int128 (asserted).
[[nodiscard]] QuotientRemainder mul_div(Int128 a, Int128 b, Int128 divisor);

// a * b / divisor rounded per `rounding`, for divisor > 0; a and b may be negative (`down`
// truncates toward zero; `half_even` rounds to nearest, ties to even); nullopt when the
// rounded result does not fit in Int128.
[[nodiscard]] std::optional<Int128> try_mul_div_rounded(Int128 a, Int128 b, Int128 divisor,
                                                        Rounding rounding);

}  // namespace kanzai::engine
