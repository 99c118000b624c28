// SPEC step 4: the estate value, the four classes in order, pro-rata within a class with
// lines first and creditors after in the tie order, and the equity residue.
#include "engine/estate.hpp"

#include "tests/support/printing.hpp"
#include "tests/unit/engine/waterfall_reference.hpp"

using namespace kanzai::engine;
using kanzai::testing::build::asset;
using kanzai::testing::build::estate_of;
using kanzai::testing::build::pool_of;

namespace {

constexpr auto general_class = static_cast<std::size_t>(kanzai::engine::EstateClass::general);
constexpr auto subordinated_class =
    static_cast<std::size_t>(kanzai::engine::EstateClass::subordinated);

// JPY; X at price 10, estate_price 8, 50 units held outside segregation; Y (decimals 2) at
// price 3, estate_price 2.5, 10.00 held segregated.
// Line 0: 200 X, customer (2000). Line 1: 30 X, subordinated (300).
// Line 2: 100 X, customer, disputed (1000). Line 3: 4.00 Y, customer, paid in kind.
// Creditors: 0 admin 1000, 1 priority 2000, 2 general 3000, 3 subordinated 500, 4 admin 500.
WaterfallInput every_class(Int128 cash, Int128 x_non_segregated, Int128 y_pool) {
    WaterfallInput input;
    input.assets = {asset({}),
                    asset({.price = "10", .estate_price = "8",
                           .non_segregated = x_non_segregated}),
                    asset({.decimals = 2, .price = "3", .estate_price = "2.5", .pool = y_pool})};
    input.claimants_count = 3;
    input.lines = {
        {.decision_index = 0, .asset_index = 1, .claimant_index = 0, .units = {200}},
        {.decision_index = 1, .line_class = LineClass::subordinated, .asset_index = 1,
         .claimant_index = 1, .units = {30}},
        {.decision_index = 2, .portion = Portion::disputed, .asset_index = 1, .claimant_index = 2,
         .units = {100}},
        {.decision_index = 3, .asset_index = 2, .claimant_index = 0, .units = {400}},
    };
    input.creditors = {{0, EstateClass::admin, {1000}},
                       {1, EstateClass::priority, {2000}},
                       {2, EstateClass::general, {3000}},
                       {3, EstateClass::subordinated, {500}},
                       {4, EstateClass::admin, {500}}};
    input.estate_cash = {cash};
    input.estate_tranche = 2;
    return input;
}

}  // namespace

TEST_CASE("estate: every class paid in full, in order, and an equity residue") {
    // Estate value: cash 10000 + 50 X at 8 (400) + the Y pool's surplus: 10.00 held against
    // 4.00 claimed -> 6.00 Y at estate_price 2.5 = 15. Total 10415.
    // admin 1000 + 500, priority 2000, general 2000 + 1000 + 3000, subordinated 300 + 500:
    // 10300 in all; residue 115.
    const WaterfallResult result = run_waterfall(every_class(10000, 50, 1000));
    const EstateResult& estate = result.estate;
    CHECK(estate.cash == Value{10000});
    CHECK(estate.non_segregated == Value{400});
    CHECK(estate.from_pools_and_funds == Value{15});
    CHECK(estate.available == Value{10415});
    CHECK(estate.classes[0].claims == Value{1500});
    CHECK(estate.classes[0].allocated == Value{1500});
    CHECK(estate.classes[1].allocated == Value{2000});
    CHECK(estate.classes[general_class].claims == Value{6000});
    CHECK(estate.classes[general_class].allocated == Value{6000});
    CHECK(estate.classes[subordinated_class].claims == Value{800});
    CHECK(estate.classes[subordinated_class].allocated == Value{800});
    CHECK(estate.allocated == Value{10300});
    CHECK(estate.residue == Value{115});
    CHECK(estate.tranche == 2);
    CHECK(pool_of(result, 3, 2) == 400);  // line 3 was paid in kind, so claims 0 here
    CHECK(estate_of(result, false, 0, EstateClass::general) == 2000);
    CHECK(estate_of(result, false, 1, EstateClass::subordinated) == 300);
    CHECK(estate_of(result, false, 2, EstateClass::general) == 1000);  // disputed: full share
    CHECK(estate_of(result, false, 3, EstateClass::general) == 0);
    CHECK(estate_of(result, true, 4, EstateClass::admin) == 500);
    CHECK(estate_of(result, true, 3, EstateClass::subordinated) == 500);
    for (const Allocation& allocation : result.allocations) {
        if (allocation.source_kind == SourceKind::estate) {
            CHECK(allocation.tranche == 2);
            CHECK(allocation.asset_index == 0);
        }
    }
}

TEST_CASE("estate: a class that cannot be paid in full shares pro-rata; later classes get 0") {
    // Estate 5001: admin 1500, priority 2000, then 1501 for general claims 2000 (line 0),
    // 1000 (line 2), 3000 (creditor 2), W = 6000:
    //   1501*2000/6000 = 500 r 2000; 1501*1000/6000 = 250 r 1000; 1501*3000/6000 = 750 r 3000.
    // The leftover yen goes to the largest remainder: the creditor, although lines come first
    // in the tie order. Subordinated claims (800) get nothing; no residue. The Y pool holds
    // exactly the 4.00 claimed: no surplus, and line 3 claims nothing from the estate.
    const WaterfallResult result = run_waterfall(every_class(5001, 0, 400));
    CHECK(estate_of(result, false, 0, EstateClass::general) == 500);
    CHECK(estate_of(result, false, 2, EstateClass::general) == 250);
    CHECK(estate_of(result, true, 2, EstateClass::general) == 751);
    CHECK(result.estate.classes[subordinated_class].claims == Value{800});
    CHECK(result.estate.classes[subordinated_class].allocated == Value{0});
    CHECK(estate_of(result, false, 1, EstateClass::subordinated) == 0);
    CHECK(result.estate.residue == Value{0});
    CHECK(result.estate.classes[general_class].claims == Value{6000});
}

TEST_CASE("estate: an unpaid in-kind line claims its shortfall value in the general class") {
    // With the Y pool empty, line 3 (4.00 Y at price 3 = 12) is a general claim too.
    const WaterfallResult result = run_waterfall(every_class(11000, 0, 0));
    CHECK(result.estate.classes[general_class].claims == Value{6000 + 12});
    CHECK(estate_of(result, false, 3, EstateClass::general) == 12);
    CHECK(result.estate.residue == Value{11000 - 1500 - 2000 - 6012 - 800});
}

TEST_CASE("estate: admin claims share a small estate pro-rata in creditor order") {
    // Estate 1200 against admin 1000 and 500 (W = 1500): 800 and 400 exactly.
    const WaterfallResult result = run_waterfall(every_class(1200, 0, 400));
    CHECK(estate_of(result, true, 0, EstateClass::admin) == 800);
    CHECK(estate_of(result, true, 4, EstateClass::admin) == 400);
    CHECK(result.estate.classes[1].allocated == Value{0});
    CHECK(result.estate.residue == Value{0});
}
