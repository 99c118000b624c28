#include "engine/decimal.hpp"

#include "tests/support/printing.hpp"

using namespace kanzai::engine;

TEST_CASE("decimal: amounts parse to exact minor units") {
    CHECK(parse_amount("1.5", 8).count == 150'000'000);
    CHECK(parse_amount("0.00000001", 8).count == 1);
    CHECK(parse_amount("1000", 0).count == 1000);
    CHECK(parse_amount("-2.25", 2).count == -225);
    CHECK(parse_amount("-0", 2).count == 0);
    CHECK(parse_amount("-0", 2).ok());
    CHECK(parse_amount("007.10", 2).count == 710);
    CHECK(parse_amount("1.50000000", 8).fraction_digits == 8);
}

TEST_CASE("decimal: the grammar rejects everything else, with the position") {
    const auto issue_at = [](std::string_view text, int decimals) {
        const DecimalParse parse = parse_amount(text, decimals);
        return std::pair{parse.issue, parse.offset};
    };
    CHECK(issue_at("", 2).first == DecimalIssue::empty);
    CHECK(issue_at("+1", 2) == std::pair{DecimalIssue::bad_character, std::size_t{0}});
    CHECK(issue_at("1e5", 2) == std::pair{DecimalIssue::bad_character, std::size_t{1}});
    CHECK(issue_at("1,000", 2) == std::pair{DecimalIssue::bad_character, std::size_t{1}});
    CHECK(issue_at(" 1", 2) == std::pair{DecimalIssue::bad_character, std::size_t{0}});
    CHECK(issue_at("1 ", 2) == std::pair{DecimalIssue::bad_character, std::size_t{1}});
    CHECK(issue_at("1.", 2) == std::pair{DecimalIssue::missing_digits, std::size_t{2}});
    CHECK(issue_at(".5", 2) == std::pair{DecimalIssue::missing_digits, std::size_t{0}});
    CHECK(issue_at("-", 2) == std::pair{DecimalIssue::missing_digits, std::size_t{1}});
    CHECK(issue_at("-.5", 2) == std::pair{DecimalIssue::missing_digits, std::size_t{1}});
    CHECK(issue_at("1.2.3", 2) == std::pair{DecimalIssue::bad_character, std::size_t{3}});
    CHECK(issue_at("1.123456789", 8) ==
          std::pair{DecimalIssue::too_many_fraction_digits, std::size_t{10}});
    CHECK(issue_at("1.0", 0) == std::pair{DecimalIssue::too_many_fraction_digits, std::size_t{2}});
}

TEST_CASE("decimal: describe says what is wrong in words") {
    const DecimalParse parse = parse_amount("1.123456789", 8);
    CHECK(describe(parse, "1.123456789", 8) == "has 9 fractional digits; at most 8 are allowed");
    CHECK(describe(parse_amount("1e5", 0), "1e5", 0) ==
          "is not a plain decimal number: unexpected 'e' at character 2");
}

TEST_CASE("decimal: the 2^127-1 limit is exact, at 0 and at 18 decimals") {
    const std::string max = "170141183460469231731687303715884105727";  // 2^127 - 1
    CHECK(parse_amount(max, 0).count == int128_max);
    CHECK(parse_amount("-" + max, 0).count == -int128_max);
    CHECK(parse_amount("170141183460469231731687303715884105728", 0).issue ==
          DecimalIssue::too_large);
    CHECK(parse_amount("170141183460469231731.687303715884105727", 18).count == int128_max);
    CHECK(parse_amount("170141183460469231731.687303715884105728", 18).issue ==
          DecimalIssue::too_large);
    CHECK(parse_amount(std::string(200, '9'), 0).issue == DecimalIssue::too_large);
    // 10^30 units at 18 decimals: a trillion whole units of an 18-decimal token.
    CHECK(parse_amount("1000000000000.000000000000000000", 18).count == pow10(30));
}

TEST_CASE("decimal: 38 digits parse in 128 bits, longer ones in 256, to the same values") {
    // 38 digits (integer digits + decimals) take the 128-bit path, 39 and more the 256-bit one.
    const std::string nines38(38, '9');
    CHECK(parse_amount(nines38, 0).count == pow10(38) - 1);
    CHECK(parse_amount("9" + nines38, 0).issue == DecimalIssue::too_large);  // 10^39 - 1
    CHECK(parse_amount("99999999999999999999.99999999999999999", 18).count ==
          (pow10(38) - 10));
    CHECK(parse_amount("99999999999999999999.999999999999999999", 18).count == pow10(38) - 1);
    // Leading zeros send a small amount down the long path: same value, same checks.
    CHECK(parse_amount(std::string(40, '0') + "1.5", 8).count == 150'000'000);
    CHECK(parse_amount("-" + std::string(40, '0') + "1.5", 8).count == -150'000'000);
    CHECK(parse_amount(std::string(40, '0') + "1.5", 0).issue ==
          DecimalIssue::too_many_fraction_digits);
}

TEST_CASE("decimal: formatting writes exactly the asset's decimals") {
    CHECK(format_units(150'000'000, 8) == "1.50000000");
    CHECK(format_units(1000, 0) == "1000");
    CHECK(format_units(-5, 3) == "-0.005");
    CHECK(format_units(0, 2) == "0.00");
    CHECK(format_units(int128_max, 18) == "170141183460469231731.687303715884105727");
    CHECK(format_units(-int128_max, 0) == "-170141183460469231731687303715884105727");
}

TEST_CASE("decimal: append_units appends the same text after what is there") {
    std::string out = "x,";
    append_units(out, -5, 3);
    out += ',';
    append_units(out, 150'000'000, 8);
    CHECK(out == "x,-0.005,1.50000000");
}

TEST_CASE("decimal: prices are exact, non-negative and below 10^20") {
    CHECK(parse_price("88.549").count == 88'549 * pow10(15));
    CHECK(parse_price("0.000001234").count == 1'234 * pow10(9));
    CHECK(parse_price("749318.83").count == 74'931'883 * pow10(16));
    CHECK(parse_price("99999999999999999999.999999999999999999").ok());
    CHECK(parse_price("100000000000000000000").issue == DecimalIssue::too_large);
    CHECK(parse_price("-1").issue == DecimalIssue::negative);
    CHECK(parse_price("-0").issue == DecimalIssue::negative);
    CHECK(parse_price("0.0000000000000000001").issue == DecimalIssue::too_many_fraction_digits);
    CHECK(format_price({parse_price("88.549").count}) == "88.549");
    CHECK(format_price({parse_price("9000000.000").count}) == "9000000");
    CHECK(format_price({0}) == "0");
}

TEST_CASE("decimal: ratios have 6 fractional digits, rounded down") {
    CHECK(format_ratio(4, 5) == "0.800000");
    CHECK(format_ratio(1, 3) == "0.333333");
    CHECK(format_ratio(2, 3) == "0.666666");
    CHECK(format_ratio(5, 5) == "1.000000");
    CHECK(format_ratio(0, 7) == "0.000000");
}
