// SPEC step 3: funds — eligibility, cap, floor, pro-rata over claimants and over each
// claimant's lines, leftover to the estate or to the next fund. Run through run_waterfall so
// every case also passes the end-of-run invariants.
#include "engine/funds.hpp"

#include <utility>

#include "tests/support/printing.hpp"
#include "tests/unit/engine/waterfall_reference.hpp"

using namespace kanzai::engine;
using kanzai::testing::build::asset;
using kanzai::testing::build::estate_of;
using kanzai::testing::build::fund_of;

namespace {

constexpr std::uint32_t jpy = 0;
constexpr std::uint32_t x = 1;
constexpr std::uint32_t y = 2;

// JPY (the currency), X at price 1 and Y at price 2, no pools: a line's shortfall value is
// its units (X) or twice its units (Y).
WaterfallInput three_assets() {
    WaterfallInput input;
    input.currency_index = jpy;
    input.assets = {asset({}), asset({}), asset({.price = "2"})};
    return input;
}

WaterfallLine customer(std::uint32_t claim, std::uint32_t claimant, std::uint32_t asset_index,
                       Int128 units) {
    return {.decision_index = claim,
            .asset_index = asset_index,
            .claimant_index = claimant,
            .units = {units}};
}

// A fund without floor or cap paying into `tranche`.
WaterfallFund fund(Int128 amount, std::vector<bool> covers, bool to_next, int tranche) {
    WaterfallFund made;
    made.amount = {amount};
    made.covers_asset = std::move(covers);
    made.leftover_to_next = to_next;
    made.tranche = tranche;
    return made;
}

}  // namespace

TEST_CASE("funds: claimants are grouped with their customer-class lines in line order") {
    WaterfallInput input = three_assets();
    input.claimants_count = 3;
    input.lines = {customer(0, 2, x, 1), customer(1, 0, x, 1), customer(2, 2, x, 1)};
    input.lines.push_back({.decision_index = 3, .line_class = LineClass::subordinated,
                           .asset_index = x, .claimant_index = 1, .units = {1}});
    const LineGroups groups = group_customer_lines_by_claimant(input);
    CHECK(groups.of(0).size() == 1);
    CHECK(groups.of(1).empty());  // its only line is subordinated
    CHECK(groups.indexes == std::vector<std::uint32_t>{1, 0, 2});
}

TEST_CASE("funds: floor, cap and pro-rata over claimants that own several lines") {
    // Claimant 0 owns lines 0 (100) and 2 (50); claimant 1 line 1 (1000); claimant 2 line 3
    // (30) and a subordinated line 4 (40), which is never eligible. Fund 500, floor 100,
    // cap 600, covering X.
    // e = 150, min(1000, 600) = 600, 30. Floors min(e, 100) = 100, 100, 30 (230 <= 500: in
    // full). The other 270 pro-rata over e - floor = 50, 500, 0 (W = 550):
    //   270*50/550 = 24 r 300; 270*500/550 = 245 r 250; the last yen to claimant 0 (300).
    // Awards 125, 345, 30 (= 500, no leftover).
    // Claimant 0's 125 over its lines by remaining shortfall 100, 50 (W = 150):
    //   125*100/150 = 83 r 50; 125*50/150 = 41 r 100: the last yen to line 2 -> 83, 42.
    WaterfallInput input = three_assets();
    input.claimants_count = 3;
    input.lines = {customer(0, 0, x, 100), customer(1, 1, x, 1000), customer(2, 0, x, 50),
                   customer(3, 2, x, 30)};
    input.lines.push_back({.decision_index = 4, .line_class = LineClass::subordinated,
                           .asset_index = x, .claimant_index = 2, .units = {40}});
    input.funds = {{.amount = {500}, .floor = Value{100}, .cap = Value{600},
                    .covers_asset = {false, true, false}}};
    const WaterfallResult result = run_waterfall(input);
    CHECK(fund_of(result, 0, 0) == 83);
    CHECK(fund_of(result, 2, 0) == 42);
    CHECK(fund_of(result, 1, 0) == 345);
    CHECK(fund_of(result, 3, 0) == 30);
    CHECK(fund_of(result, 4, 0) == 0);
    CHECK(result.lines[0].shortfall_remaining == Value{17});
    CHECK(result.lines[2].shortfall_remaining == Value{8});
    CHECK(result.lines[1].shortfall_remaining == Value{655});
    CHECK(result.lines[3].shortfall_remaining == Value{0});
    const FundResult& fund = result.funds[0];
    CHECK(fund.available == Value{500});
    CHECK(fund.eligible == Value{780});  // 150 + 600 + 30
    CHECK(fund.allocated == Value{500});
    CHECK(fund.leftover == Value{0});
    // Weights are the remaining shortfall before the fund; paid in the currency.
    for (const Allocation& allocation : result.allocations) {
        if (allocation.source_kind == SourceKind::fund && allocation.recipient_index == 1) {
            CHECK(allocation.weight == 1000);
            CHECK(allocation.asset_index == jpy);
        }
    }
}

TEST_CASE("funds: leftover = next carries to the next fund; after the last, the estate") {
    // Line 0: claimant 0, 300 X (300). Line 1: claimant 1, 250 Y (500).
    // Fund A (1000, X only, next, tranche 1): e = 300, 0 -> pays 300, carries 700.
    // Fund B (200 + 700 = 900, X and Y, next, tranche 2): e = 0, 500 -> pays 500; its
    // leftover 400 has no next fund and goes to the estate, which has no claims left:
    // residue 400.
    WaterfallInput input = three_assets();
    input.claimants_count = 2;
    input.lines = {customer(0, 0, x, 300), customer(1, 1, y, 250)};
    input.funds = {fund(1000, {false, true, false}, true, 1),
                   fund(200, {false, true, true}, true, 2)};
    input.estate_tranche = 3;
    const WaterfallResult result = run_waterfall(input);
    const FundResult& a = result.funds[0];
    CHECK(a.carried_in == Value{0});
    CHECK(a.eligible == Value{300});
    CHECK(a.allocated == Value{300});
    CHECK(a.leftover == Value{700});
    CHECK(a.leftover_to_next);
    const FundResult& b = result.funds[1];
    CHECK(b.amount == Value{200});
    CHECK(b.carried_in == Value{700});
    CHECK(b.available == Value{900});
    CHECK(b.eligible == Value{500});
    CHECK(b.allocated == Value{500});
    CHECK(b.leftover == Value{400});
    CHECK_FALSE(b.leftover_to_next);  // the last fund: to the estate
    CHECK(fund_of(result, 0, 0) == 300);
    CHECK(fund_of(result, 1, 1) == 500);
    CHECK(result.estate.from_pools_and_funds == Value{400});
    CHECK(result.estate.residue == Value{400});
    // Tranches: each fund pays in its own tranche.
    REQUIRE(result.allocations.size() == 2);
    CHECK(result.allocations[0].tranche == 1);
    CHECK(result.allocations[1].tranche == 2);
}

TEST_CASE("funds: leftover = estate sends the unused amount to the estate at once") {
    // As above but fund A keeps the default leftover: its 700 go to the estate; fund B has
    // only its own 200 for line 1 (500), which then claims 300 in the general class and
    // gets it from the estate's 700, leaving 400 of residue.
    WaterfallInput input = three_assets();
    input.claimants_count = 2;
    input.lines = {customer(0, 0, x, 300), customer(1, 1, y, 250)};
    input.funds = {fund(1000, {false, true, false}, false, 1),
                   fund(200, {false, true, true}, false, 1)};
    const WaterfallResult result = run_waterfall(input);
    CHECK(result.funds[1].carried_in == Value{0});
    CHECK(fund_of(result, 1, 1) == 200);
    CHECK(result.estate.from_pools_and_funds == Value{700});
    CHECK(estate_of(result, false, 1, EstateClass::general) == 300);
    CHECK(result.estate.residue == Value{400});
}

TEST_CASE("funds: a fund covering no asset pays nobody; all of it goes to the estate") {
    // assets = []: no shortfall is eligible. The 1000 reach the estate, which pays the two
    // lines' shortfalls (300 and 500) in the general class and keeps 200 as residue.
    WaterfallInput input = three_assets();
    input.claimants_count = 2;
    input.lines = {customer(0, 0, x, 300), customer(1, 1, y, 250)};
    input.funds = {fund(1000, {false, false, false}, false, 1)};
    input.funds[0].floor = Value{100};
    const WaterfallResult result = run_waterfall(input);
    CHECK(result.funds[0].eligible == Value{0});
    CHECK(result.funds[0].allocated == Value{0});
    CHECK(result.funds[0].leftover == Value{1000});
    CHECK(estate_of(result, false, 0, EstateClass::general) == 300);
    CHECK(estate_of(result, false, 1, EstateClass::general) == 500);
    CHECK(result.estate.residue == Value{200});
    for (const Allocation& allocation : result.allocations) {
        CHECK(allocation.source_kind != SourceKind::fund);
    }
}
