// check_waterfall_invariants must catch every kind of tampering with a correct result: each
// case changes one figure of the worked-example-like run below and expects exit 3's
// InvariantViolation.
#include "engine/assert.hpp"
#include "engine/waterfall.hpp"
#include "tests/support/printing.hpp"
#include "tests/unit/engine/waterfall_reference.hpp"

using namespace kanzai::engine;
using kanzai::InvariantViolation;
using kanzai::testing::build::asset;

namespace {

constexpr auto general_class = static_cast<std::size_t>(kanzai::engine::EstateClass::general);
constexpr auto subordinated_class =
    static_cast<std::size_t>(kanzai::engine::EstateClass::subordinated);

// Every source has work: a pool of 5 over lines of 4 and 6 (and a subordinated line of 3),
// a fund of 20 with a leftover carried to a second fund of 0, an estate with a creditor and
// a residue. Prices 10: shortfalls 20 and 30.
WaterfallInput sample() {
    WaterfallInput input;
    input.assets = {asset({}), asset({.price = "10", .estate_price = "9", .pool = 5,
                                      .non_segregated = 2})};
    input.claimants_count = 2;
    input.lines = {{.decision_index = 0, .asset_index = 1, .claimant_index = 0, .units = {4}},
                   {.decision_index = 1, .asset_index = 1, .claimant_index = 1, .units = {6}},
                   {.decision_index = 2, .line_class = LineClass::subordinated, .asset_index = 1,
                    .claimant_index = 1, .units = {3}}};
    WaterfallFund first;
    first.amount = {20};
    first.covers_asset = {true, true};
    first.leftover_to_next = true;
    first.cap = Value{15};
    WaterfallFund second;
    second.amount = {0};
    second.tranche = 2;
    second.covers_asset = {true, true};
    input.funds = {first, second};
    input.creditors = {{0, EstateClass::admin, {7}}};
    input.estate_cash = {100};
    input.estate_tranche = 3;
    return input;
}

// Finds the first allocation of `kind` (there is one in the sample for each kind).
Allocation& first_of(WaterfallResult& result, SourceKind kind) {
    for (Allocation& allocation : result.allocations) {
        if (allocation.source_kind == kind) {
            return allocation;
        }
    }
    FAIL("no allocation of that kind");
    return result.allocations.front();
}

}  // namespace

TEST_CASE("invariants: the sample passes, and its figures are the expected ones") {
    // Pool 5 over 4, 6: 2 and 3. Shortfalls 2 * 10 = 20 and 3 * 10 = 30; fund 20 with cap 15:
    // e = 15, 15 -> 10 each; leftover 0 carried. Estate 100 + 2 * 9 = 118: admin 7, general
    // 10 + 20, subordinated 30; residue 51.
    const WaterfallInput input = sample();
    const WaterfallResult result = run_waterfall(input);
    CHECK_NOTHROW(check_waterfall_invariants(input, result));
    CHECK(result.lines[0].pool_units == Units{2});
    CHECK(result.lines[1].pool_units == Units{3});
    CHECK(result.funds[0].allocated == Value{20});
    CHECK(result.funds[1].carried_in == Value{0});
    CHECK(result.estate.available == Value{118});
    CHECK(result.estate.residue == Value{51});
}

TEST_CASE("invariants: a pool that does not add up is caught") {
    const WaterfallInput input = sample();
    WaterfallResult result = run_waterfall(input);
    SUBCASE("an extra unit in kind") { first_of(result, SourceKind::pool).amount += 1; }
    SUBCASE("a unit of surplus from nowhere") { result.pools[1].surplus.count += 1; }
    SUBCASE("the line's own record disagrees") { result.lines[0].pool_units.count += 1; }
    SUBCASE("a subordinated line paid in kind") {
        result.allocations.push_back({.amount = 1, .weight = 3, .recipient_index = 2,
                                      .source_index = 1, .asset_index = 1,
                                      .source_kind = SourceKind::pool});
    }
    CHECK_THROWS_AS(check_waterfall_invariants(input, result), InvariantViolation);
}

TEST_CASE("invariants: a fund that does not add up or overpays a line is caught") {
    const WaterfallInput input = sample();
    WaterfallResult result = run_waterfall(input);
    SUBCASE("leftover off by one") { result.funds[0].leftover.count += 1; }
    SUBCASE("carried in from nowhere") { result.funds[1].carried_in.count += 1; }
    SUBCASE("a fund award above the remaining shortfall") {
        Allocation& allocation = first_of(result, SourceKind::fund);
        allocation.amount = allocation.weight + 1;
    }
    SUBCASE("the wrong tranche") { first_of(result, SourceKind::fund).tranche = 2; }
    SUBCASE("paid in kind instead of the currency") {
        first_of(result, SourceKind::fund).asset_index = 1;
    }
    CHECK_THROWS_AS(check_waterfall_invariants(input, result), InvariantViolation);
}

TEST_CASE("invariants: an estate that does not add up is caught") {
    const WaterfallInput input = sample();
    WaterfallResult result = run_waterfall(input);
    SUBCASE("residue off by one") { result.estate.residue.count -= 1; }
    SUBCASE("a class paid out of order") {
        result.estate.classes[subordinated_class].allocated.count += 1;
    }
    SUBCASE("an estate allocation raised") { first_of(result, SourceKind::estate).amount += 1; }
    SUBCASE("a remaining shortfall lowered") { result.lines[0].shortfall_remaining.count -= 1; }
    CHECK_THROWS_AS(check_waterfall_invariants(input, result), InvariantViolation);
}

TEST_CASE("invariants: malformed allocations are caught") {
    const WaterfallInput input = sample();
    WaterfallResult result = run_waterfall(input);
    SUBCASE("an allocation of 0") { result.allocations.front().amount = 0; }
    SUBCASE("a negative allocation") { result.allocations.front().amount = -1; }
    SUBCASE("a line that does not exist") { result.allocations.front().recipient_index = 99; }
    SUBCASE("a creditor that does not exist") { result.allocations.back().recipient_index = 5; }
    SUBCASE("out of order") { std::swap(result.allocations[0], result.allocations[1]); }
    SUBCASE("a result of the wrong shape") { result.lines.pop_back(); }
    CHECK_THROWS_AS(check_waterfall_invariants(input, result), InvariantViolation);
}

TEST_CASE("invariants: run_waterfall rejects inputs that claims/ must never produce") {
    WaterfallInput input = sample();
    SUBCASE("a line of 0 units") { input.lines[0].units = Units{0}; }
    SUBCASE("an unknown claimant") { input.lines[0].claimant_index = 2; }
    SUBCASE("a fund without one flag per asset") { input.funds[0].covers_asset.pop_back(); }
    SUBCASE("a negative pool") { input.assets[1].pool = Units{-1}; }
    CHECK_THROWS_AS(static_cast<void>(run_waterfall(input)), InvariantViolation);
}
