#include "engine/money.hpp"

#include "engine/assert.hpp"
#include "engine/decimal.hpp"
#include "tests/support/printing.hpp"

using namespace kanzai::engine;

namespace {
Price price(std::string_view text) { return {parse_price(text).count}; }
Valuation at(std::string_view price_text, int asset_decimals, int currency_decimals,
             Rounding rounding = Rounding::down) {
    return {.asset_decimals = asset_decimals,
            .currency_decimals = currency_decimals,
            .price = price(price_text),
            .rounding = rounding};
}
}  // namespace

TEST_CASE("money: checked arithmetic refuses to wrap") {
    CHECK(add(Units{2}, Units{3}) == Units{5});
    CHECK(sub(Value{2}, Value{3}) == Value{-1});
    CHECK(add(Units{int128_max - 1}, Units{1}) == Units{int128_max});
    CHECK_THROWS_AS(static_cast<void>(add(Units{int128_max}, Units{1})),
                    kanzai::InvariantViolation);
    CHECK_THROWS_AS(static_cast<void>(sub(Value{-int128_max}, Value{2})),
                    kanzai::InvariantViolation);
    CHECK_THROWS_AS(static_cast<void>(checked_mul(int128_max, 2)), kanzai::InvariantViolation);
}

TEST_CASE("money: Coincheck's 523,000,000 XEM at 88.549 JPY is 46,311,127,000 JPY") {
    const Units xem{parse_amount("523000000", 6).count};
    CHECK(value_of(xem, at("88.549", 6, 0)) == Value{46'311'127'000});
}

TEST_CASE("money: Mt. Gox's 10 BTC at 749,318.83 JPY") {
    CHECK(value_of(Units{10 * 100'000'000}, at("749318.83", 8, 0)) == Value{7'493'188});
    CHECK(value_of(Units{10 * 100'000'000}, at("749318.83", 8, 2)) == Value{749'318'830});
}

TEST_CASE("money: valuation rounds down or half-even, one figure at a time") {
    // 1 unit of an 8-decimal asset at 150 per whole unit = 0.0000015 currency units.
    CHECK(value_of(Units{1}, at("150", 8, 0)) == Value{0});
    // 0.5 -> half-even goes to 0, 1.5 -> 2, 2.5 -> 2, 2.6 -> 3; down truncates.
    CHECK(value_of(Units{5}, at("0.1", 0, 0, Rounding::half_even)) == Value{0});
    CHECK(value_of(Units{15}, at("0.1", 0, 0, Rounding::half_even)) == Value{2});
    CHECK(value_of(Units{25}, at("0.1", 0, 0, Rounding::half_even)) == Value{2});
    CHECK(value_of(Units{26}, at("0.1", 0, 0, Rounding::half_even)) == Value{3});
    CHECK(value_of(Units{26}, at("0.1", 0, 0, Rounding::down)) == Value{2});
    // Negative units (a debt) truncate toward zero.
    CHECK(value_of(Units{-26}, at("0.1", 0, 0, Rounding::down)) == Value{-2});
    CHECK(value_of(Units{-25}, at("0.1", 0, 0, Rounding::half_even)) == Value{-2});
}

TEST_CASE("money: tiny prices and 18-decimal assets stay exact") {
    // 10^30 units of an 18-decimal token (10^12 tokens) at 0.000001234 = 1,234,000 JPY.
    CHECK(value_of(Units{pow10(30)}, at("0.000001234", 18, 0)) == Value{1'234'000});
    // 10^12 whole tokens at the largest price: 10^32 - 10^-6 -> floor to 10^32 - 1 yen.
    CHECK(value_of(Units{pow10(30)}, at("99999999999999999999.999999999999999999", 18, 0)) ==
          Value{pow10(32) - 1});
}

TEST_CASE("money: a value beyond 2^127-1 is an invariant violation, not a wrap") {
    CHECK_THROWS_AS(static_cast<void>(value_of(Units{int128_max}, at("10", 0, 0))),
                    kanzai::InvariantViolation);
}
