// Multiply-then-divide with exact 256-bit intermediates and a 128-bit fast path.
#include "engine/wide.hpp"

namespace kanzai::engine {
namespace {

UInt128 magnitude(Int128 value) {
    return value < 0 ? UInt128(0) - static_cast<UInt128>(value) : static_cast<UInt128>(value);
}

// Rounds the non-negative quotient q (with remainder r of divisor d) per `rounding`.
Wide round_magnitude(Wide q, const Wide& r, const Wide& d, Rounding rounding) {
    if (rounding == Rounding::half_even) {
        const Wide twice = r * 2;
        if (twice > d || (twice == d && (q & 1) == 1)) {
            q += 1;
        }
    }
    return q;
}

}  // namespace

QuotientRemainder mul_div(Int128 a, Int128 b, Int128 divisor) {
    KANZAI_ASSERT(a >= 0);
    KANZAI_ASSERT(b >= 0);
    KANZAI_ASSERT(divisor > 0);
    const UInt128 ua = static_cast<UInt128>(a);
    const UInt128 ub = static_cast<UInt128>(b);
    // Fast path: the product fits in 127 bits, so plain 128-bit arithmetic is exact.
    if (bit_width(ua) + bit_width(ub) <= 127) {
        const UInt128 product = ua * ub;
        const auto d = static_cast<UInt128>(divisor);
        return {static_cast<Int128>(product / d), static_cast<Int128>(product % d)};
    }
    const Wide product = widen(a) * widen(b);
    const Wide d = widen(divisor);
    return {narrow(product / d), narrow(product % d)};
}

std::optional<Int128> try_mul_div_rounded(Int128 a, Int128 b, Int128 divisor,
                                          Rounding rounding) {
    KANZAI_ASSERT(divisor > 0);
    // Input amounts are bounded by 2^127 - 1 in absolute value, so magnitudes fit in Int128.
    KANZAI_ASSERT(a >= -int128_max);
    KANZAI_ASSERT(b >= -int128_max);
    const bool negative = (a < 0) != (b < 0) && a != 0 && b != 0;
    const UInt128 ua = magnitude(a);
    const UInt128 ub = magnitude(b);
    Int128 result = 0;
    if (bit_width(ua) + bit_width(ub) <= 126) {
        const UInt128 product = ua * ub;
        const auto d = static_cast<UInt128>(divisor);
        UInt128 q = product / d;
        const UInt128 r = product % d;
        if (rounding == Rounding::half_even && (2 * r > d || (2 * r == d && (q & 1) == 1))) {
            q += 1;
        }
        result = static_cast<Int128>(q);
    } else {
        const Wide product = widen(static_cast<Int128>(ua)) * widen(static_cast<Int128>(ub));
        const Wide d = widen(divisor);
        const Wide rounded = round_magnitude(product / d, product % d, d, rounding);
        if (rounded > widen(int128_max)) {
            return std::nullopt;
        }
        result = narrow(rounded);
    }
    return negative ? -result : result;
}

}  // namespace kanzai::engine
