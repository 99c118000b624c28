// case.toml: defaults, exact conversions and each kind of error with its position.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "claims/load/case_config.hpp"
#include "tests/support/printing.hpp"

namespace {

using namespace kanzai::claims;

const std::string valid_head = R"([case]
name = "X"
currency = "JPY"
cutoff = 2026-03-01T00:00:00+09:00
bar_date = 2026-06-30
[assets.JPY]
decimals = 0
price = "1"
[assets.BTC]
decimals = 8
price = "9000000"
)";

struct Loaded {
    CaseConfigLoad load;
    std::vector<std::string> errors;
};

Loaded load(const std::string& text) {
    Diagnostics diagnostics;
    Loaded result{load_case_config(text, diagnostics), {}};
    for (const Diagnostic& diagnostic : diagnostics.sorted()) {
        result.errors.push_back(diagnostic.text());
    }
    return result;
}

}  // namespace

TEST_CASE("case.toml: defaults of rules, funds and estate") {
    const Loaded r = load("\xEF\xBB\xBF" + valid_head + "[[fund]]\nid = \"f\"\nkind = \"reserve\"\n"
                          "amount = \"5\"\n");
    REQUIRE(r.errors.empty());
    const CaseConfig& config = r.load.config;
    CHECK(config.rules.unfiled == UnfiledRule::admit);
    CHECK(config.rules.excess == ExcessRule::dispute);
    CHECK(config.rules.late == LateRule::subordinate);
    CHECK(config.rules.insiders == InsidersRule::subordinate);
    CHECK(config.rules.set_off == SetOffRule::proportional);
    CHECK(config.rules.valuation_rounding == kanzai::engine::Rounding::down);
    CHECK(config.assets[0].estate_price == config.assets[0].price);
    CHECK_FALSE(config.assets[0].min_payout.has_value());
    CHECK(config.funds[0].tranche == 1);
    CHECK(config.funds[0].leftover == Leftover::estate);
    CHECK(config.funds[0].amount == Value{5});
    CHECK(config.estate_cash == Value{0});
    CHECK(config.estate_tranche == 1);
    CHECK(config.currency_index == 1);
}

TEST_CASE("case.toml: half-even rounding and min_payout in whole units") {
    const Loaded r = load(valid_head + "[rules]\nvaluation_rounding = \"half-even\"\n"
                                       "[rules.min_payout]\nBTC = \"0.00000010\"\n");
    REQUIRE(r.errors.empty());
    CHECK(r.load.config.rules.valuation_rounding == kanzai::engine::Rounding::half_even);
    CHECK(r.load.config.assets[0].min_payout == Units{10});
}

TEST_CASE("case.toml: a syntax error is one error with toml++'s position") {
    const Loaded r = load("[case]\nname = \"X\nx = 1\n");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].starts_with("case.toml:2:"));
    CHECK(r.errors[0].find("TOML syntax error: ") != std::string::npos);
    CHECK_FALSE(r.load.are_assets_checked);
}

TEST_CASE("case.toml: missing tables and keys are reported at the table's header") {
    CHECK(load("").errors == std::vector<std::string>{"case.toml:1: missing required table "
                                                      "[assets]",
                                                      "case.toml:1: missing required table "
                                                      "[case]"});
    const Loaded r = load("x = 1\n[case]\n[assets.A]\n");
    CHECK(r.errors == std::vector<std::string>{
                          "case.toml:1:1: unknown key \"x\"; expected one of case, assets, "
                          "rules, fund, estate, convenience or payouts",
                          "case.toml:2:1: [case] is missing the required key \"bar_date\"",
                          "case.toml:2:1: [case] is missing the required key \"currency\"",
                          "case.toml:2:1: [case] is missing the required key \"cutoff\"",
                          "case.toml:2:1: [case] is missing the required key \"name\"",
                          "case.toml:3:1: [assets.A] is missing the required key \"decimals\"",
                          "case.toml:3:1: [assets.A] is missing the required key \"price\""});
    CHECK(r.load.invalid_asset_ids == std::vector<std::string>{"A"});
}

TEST_CASE("case.toml: prices are exact strings below 10^20 and >= 0") {
    const Loaded r = load(valid_head + "[assets.X]\ndecimals = 1\nprice = \"-1\"\n"
                                       "[assets.Y]\ndecimals = 1\n"
                                       "price = \"100000000000000000000\"\n"
                                       "[assets.Z]\ndecimals = 1\nprice = \"1e3\"\n");
    CHECK(r.errors == std::vector<std::string>{
                          "case.toml:14:9: assets.X.price \"-1\" is negative; it must be >= 0",
                          "case.toml:17:9: assets.Y.price \"100000000000000000000\" is too "
                          "large; a price must be below 10^20",
                          "case.toml:20:9: assets.Z.price \"1e3\" is not a plain decimal "
                          "number: unexpected 'e' at character 2"});
}

TEST_CASE("case.toml: fund errors: [fund] as a table, a bad kind, a negative amount, a cap") {
    CHECK(load(valid_head + "[fund]\nid = \"f\"\n").errors ==
          std::vector<std::string>{"case.toml:12:1: fund must be an array of tables ([[fund]]), "
                                   "not a table"});
    CHECK(load(valid_head + "[[fund]]\nid = \"f\"\nkind = \"bank\"\namount = \"-1\"\n"
                            "cap = 5\nassets = [\"BTC\", 3]\n")
              .errors == std::vector<std::string>{
                             "case.toml:14:8: fund #1.kind \"bank\" is not one of reserve or "
                             "insurance",
                             "case.toml:15:10: fund #1.amount \"-1\" is negative; it must be >= 0",
                             "case.toml:16:7: fund #1.cap must be a string, not an integer",
                             "case.toml:17:18: fund #1.assets must hold asset ids as strings, "
                             "not an integer"});
}

TEST_CASE("case.toml: the currency amounts of case.toml may not sum above 2^127-1") {
    const std::string big = "170141183460469231731687303715884105727";
    const Loaded r = load(valid_head + "[[fund]]\nid = \"f\"\nkind = \"reserve\"\namount = \"" +
                          big + "\"\n[estate]\ncash = \"1\"\n");
    CHECK(r.errors == std::vector<std::string>{
                          "case.toml:17:8: the sum of the fund amounts and the estate cash in "
                          "case.toml passes 2^127-1 minor units of JPY here"});
}

TEST_CASE("case.toml: an invalid currency asset does not cascade into money errors") {
    const Loaded r = load(R"([case]
name = "X"
currency = "JPY"
cutoff = 2026-03-01T00:00:00Z
bar_date = 2026-06-30
[assets.JPY]
decimals = 0.5
price = "1"
[estate]
cash = "12.345"
)");
    CHECK(r.errors == std::vector<std::string>{
                          "case.toml:7:12: assets.JPY.decimals must be an integer, not a "
                          "floating-point number"});
    CHECK(r.load.config.cutoff == "2026-03-01T00:00:00Z");
}
