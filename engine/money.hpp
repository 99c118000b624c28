// Exact money: integer minor units on signed 128-bit integers, prices as exact decimals, and
// the one bridge between an asset's units and the case currency's value (`value_of`).
// No floating point touches an amount, anywhere (STYLE.md §3).
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <optional>

namespace kanzai::engine {

__extension__ typedef __int128 Int128;  // __extension__: -Wpedantic warns on a bare __int128
__extension__ typedef unsigned __int128 UInt128;

inline constexpr Int128 int128_max = static_cast<Int128>(~UInt128{0} >> 1);
// SPEC "Conventions": any amount, or per file and asset the sum of absolute values, above
// 2^127 - 1 minor units is invalid input. So every input amount fits in an Int128.
inline constexpr Int128 units_total_max = int128_max;
inline constexpr int decimals_max = 18;

// Minor units of one asset (1 BTC = 100'000'000 units). Which asset is known from context.
struct Units {
    Int128 count = 0;
    auto operator<=>(const Units&) const = default;
};

// Minor units of the case currency: the `value` of SPEC.md.
struct Value {
    Int128 count = 0;
    auto operator<=>(const Value&) const = default;
};

enum class Rounding { down, half_even };

// SPEC "Prices": an exact decimal with at most 18 fractional digits, below 10^20: the value
// in the case currency of one whole unit of the asset. Stored scaled by 10^18, so the
// largest price (10^20 - 10^-18) is below 10^38 < 2^127.
struct Price {
    Int128 scaled = 0;
    auto operator<=>(const Price&) const = default;
};
inline constexpr int price_decimals = 18;

// 10^exponent for exponent 0..38.
[[nodiscard]] Int128 pow10(int exponent);

// The number of significant bits of `value` (0 for 0): constant time.
[[nodiscard]] inline int bit_width(UInt128 value) {
    const auto high = static_cast<unsigned long long>(value >> 64);
    const auto low = static_cast<unsigned long long>(value);
    if (high != 0) {
        return 128 - __builtin_clzll(high);
    }
    return low == 0 ? 0 : 64 - __builtin_clzll(low);
}

// Checked arithmetic: overflow is an invariant violation, never a wrap.
[[nodiscard]] Int128 checked_add(Int128 a, Int128 b);
[[nodiscard]] Int128 checked_sub(Int128 a, Int128 b);
[[nodiscard]] Int128 checked_mul(Int128 a, Int128 b);

[[nodiscard]] inline Units add(Units a, Units b) { return {checked_add(a.count, b.count)}; }
[[nodiscard]] inline Units sub(Units a, Units b) { return {checked_sub(a.count, b.count)}; }
[[nodiscard]] inline Value add(Value a, Value b) { return {checked_add(a.count, b.count)}; }
[[nodiscard]] inline Value sub(Value a, Value b) { return {checked_sub(a.count, b.count)}; }

// How one asset is valued in the case currency (SPEC "Valuing").
struct Valuation {
    int asset_decimals = 0;
    int currency_decimals = 0;
    Price price;
    Rounding rounding = Rounding::down;
};

// SPEC "Valuing": units / 10^asset_decimals * price * 10^currency_decimals, rounded per
// `rounding` (down truncates toward zero; half-even to nearest, ties to even). Exact through
// a 256-bit intermediate; a result above 2^127 - 1 is an invariant violation (claims/ bounds
// its inputs so that valid cases cannot reach it).
[[nodiscard]] Value value_of(Units units, const Valuation& valuation);

// value_of, or nullopt when the value would exceed 2^127 - 1: how claims/ bounds its inputs
// before the engine ever values them.
[[nodiscard]] std::optional<Value> try_value_of(Units units, const Valuation& valuation);

// The inverse, for conversions (SPEC "Asset paid"): `value` currency minor units paid in the
// asset at `valuation.price` (> 0): value * 10^asset_decimals / (price *
// 10^currency_decimals), rounded per `rounding`; nullopt above 2^127 - 1.
[[nodiscard]] std::optional<Units> try_units_of(Value value, const Valuation& valuation);

}  // namespace kanzai::engine
