// Checked 128-bit arithmetic and SPEC's valuation of units in the case currency.
#include "engine/money.hpp"

#include "engine/assert.hpp"
#include "engine/wide.hpp"

namespace kanzai::engine {

namespace {

struct Powers {
    Int128 values[39];
    constexpr Powers() : values{} {
        values[0] = 1;
        for (int i = 1; i < 39; ++i) {
            values[i] = values[i - 1] * 10;
        }
    }
};
constexpr Powers powers;

}  // namespace

Int128 pow10(int exponent) {
    KANZAI_ASSERT(exponent >= 0);
    KANZAI_ASSERT(exponent <= 38);
    return powers.values[exponent];
}

Int128 checked_add(Int128 a, Int128 b) {
    Int128 result = 0;
    KANZAI_ASSERT(!__builtin_add_overflow(a, b, &result));
    return result;
}

Int128 checked_sub(Int128 a, Int128 b) {
    Int128 result = 0;
    KANZAI_ASSERT(!__builtin_sub_overflow(a, b, &result));
    return result;
}

Int128 checked_mul(Int128 a, Int128 b) {
    Int128 result = 0;
    KANZAI_ASSERT(!__builtin_mul_overflow(a, b, &result));
    return result;
}

std::optional<Value> try_value_of(Units units, const Valuation& valuation) {
    KANZAI_ASSERT(valuation.asset_decimals >= 0 && valuation.asset_decimals <= decimals_max);
    KANZAI_ASSERT(valuation.currency_decimals >= 0);
    KANZAI_ASSERT(valuation.currency_decimals <= decimals_max);
    KANZAI_ASSERT(valuation.price.scaled >= 0);
    // units * price_scaled / 10^(asset_decimals + 18 - currency_decimals): the exponent is
    // never negative because currency_decimals <= 18, so only one division rounds.
    const int exponent = valuation.asset_decimals + price_decimals - valuation.currency_decimals;
    const std::optional<Int128> count =
        try_mul_div_rounded(units.count, valuation.price.scaled, pow10(exponent),
                            valuation.rounding);
    if (!count) {
        return std::nullopt;
    }
    return Value{*count};
}

std::optional<Units> try_units_of(Value value, const Valuation& valuation) {
    KANZAI_ASSERT(valuation.asset_decimals >= 0 && valuation.asset_decimals <= decimals_max);
    KANZAI_ASSERT(valuation.currency_decimals >= 0);
    KANZAI_ASSERT(valuation.currency_decimals <= decimals_max);
    KANZAI_ASSERT(valuation.price.scaled > 0);
    // value * 10^(asset_decimals + 18 - currency_decimals) / price_scaled: one division,
    // so one rounding; 10^36 at most, within Int128.
    const int exponent = valuation.asset_decimals + price_decimals - valuation.currency_decimals;
    const std::optional<Int128> count = try_mul_div_rounded(
        value.count, pow10(exponent), valuation.price.scaled, valuation.rounding);
    if (!count) {
        return std::nullopt;
    }
    return Units{*count};
}

Value value_of(Units units, const Valuation& valuation) {
    const std::optional<Value> value = try_value_of(units, valuation);
    KANZAI_ASSERT(value.has_value());
    return *value;
}

}  // namespace kanzai::engine
