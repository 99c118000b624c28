// The whole waterfall: the worked example of docs/rules/waterfall.md, SPEC rules that span
// steps, and property tests against the reference model (waterfall_reference.hpp).
#include "engine/waterfall.hpp"

#include <algorithm>
#include <numeric>
#include <utility>
#include <vector>

#include "engine/largest_remainder.hpp"
#include "tests/support/printing.hpp"
#include "tests/unit/engine/waterfall_reference.hpp"

using namespace kanzai::engine;
using kanzai::testing::Random;
using kanzai::testing::build::asset;
using kanzai::testing::build::estate_of;
using kanzai::testing::build::fund_of;
using kanzai::testing::build::pool_of;
namespace reference = kanzai::testing::reference;

namespace {

// A creditor is in any class but the convenience class, which holds only lines.
constexpr EstateClass creditor_classes[] = {EstateClass::admin, EstateClass::priority,
                                            EstateClass::general, EstateClass::subordinated};
constexpr auto general_class = static_cast<std::size_t>(kanzai::engine::EstateClass::general);
constexpr auto subordinated_class =
    static_cast<std::size_t>(kanzai::engine::EstateClass::subordinated);

// ---- Random small cases -------------------------------------------------------------------

struct RandomShape {
    std::uint32_t funds_max = 3;
    bool floors = true;
    bool convenience = false;  // a [convenience] rule, not yet applied (step 0 is the caller's)
};

WaterfallAsset random_asset(Random& random, int currency_decimals, Rounding rounding) {
    WaterfallAsset made;
    made.valuation = {.asset_decimals = static_cast<int>(random.below(4)),
                      .currency_decimals = currency_decimals,
                      .price = {static_cast<Int128>(random.below(20001)) * pow10(15)},
                      .rounding = rounding};
    made.estate_price = {static_cast<Int128>(random.below(20001)) * pow10(15)};
    made.non_segregated = {static_cast<Int128>(random.below(3) == 0 ? 0 : random.below(100))};
    return made;
}

WaterfallLine random_line(Random& random, std::uint32_t index, const WaterfallInput& input) {
    WaterfallLine line;
    line.decision_index = index / 2;
    line.portion = index % 2 == 0 ? Portion::admitted : Portion::disputed;
    line.line_class = random.below(5) == 0 ? LineClass::subordinated : LineClass::customer;
    line.asset_index = static_cast<std::uint32_t>(random.below(input.assets.size()));
    line.claimant_index = static_cast<std::uint32_t>(random.below(input.claimants_count));
    // Small units make remainder ties common; large ones make them rare.
    line.units = {static_cast<Int128>(1 + random.below(random.below(2) == 0 ? 6 : 1000))};
    return line;
}

// The funds and creditors are sized from the lines' values so that every step has work.
void add_funds_and_creditors(Random& random, const RandomShape& shape, WaterfallInput& input) {
    Int128 value = 0;
    for (const WaterfallLine& line : input.lines) {
        value += reference::value_of(line.units.count, input.assets[line.asset_index].valuation);
    }
    const auto scale = static_cast<unsigned long long>(value / 2 + 2);
    const std::uint32_t funds_count =
        static_cast<std::uint32_t>(random.below(shape.funds_max + 1));
    for (std::uint32_t f = 0; f < funds_count; ++f) {
        WaterfallFund fund;
        fund.amount = {static_cast<Int128>(random.below(scale))};
        fund.tranche = static_cast<int>(1 + random.below(3));
        if (shape.floors && random.below(2) == 0) {
            fund.floor = Value{static_cast<Int128>(random.below(scale / 4 + 1))};
        }
        if (random.below(2) == 0) {
            fund.cap = Value{static_cast<Int128>(random.below(scale / 2 + 1))};
        }
        for (std::size_t a = 0; a < input.assets.size(); ++a) {
            fund.covers_asset.push_back(random.below(4) != 0);
        }
        fund.leftover_to_next = random.below(2) == 0;
        input.funds.push_back(std::move(fund));
    }
    const std::uint32_t creditors_count = static_cast<std::uint32_t>(random.below(5));
    for (std::uint32_t c = 0; c < creditors_count; ++c) {
        input.creditors.push_back({.creditor_index = c,
                                   .estate_class = creditor_classes[random.below(4)],
                                   .amount = {static_cast<Int128>(random.below(scale / 2 + 1))}});
    }
    input.estate_cash = {static_cast<Int128>(random.below(scale))};
    input.estate_tranche = static_cast<int>(1 + random.below(3));
}

WaterfallInput random_input(Random& random, const RandomShape& shape) {
    WaterfallInput input;
    const auto assets_count = static_cast<std::uint32_t>(1 + random.below(3));
    const int currency_decimals = static_cast<int>(random.below(3));
    const Rounding rounding = random.below(2) == 0 ? Rounding::down : Rounding::half_even;
    input.currency_index = static_cast<std::uint32_t>(random.below(assets_count));
    for (std::uint32_t a = 0; a < assets_count; ++a) {
        input.assets.push_back(random_asset(random, currency_decimals, rounding));
    }
    WaterfallAsset& currency = input.assets[input.currency_index];
    currency.valuation.asset_decimals = currency_decimals;
    currency.valuation.price = {pow10(18)};  // SPEC: the currency's prices equal 1
    currency.estate_price = {pow10(18)};
    input.claimants_count = static_cast<std::uint32_t>(1 + random.below(5));
    const auto lines_count = static_cast<std::uint32_t>(random.below(13));
    for (std::uint32_t i = 0; i < lines_count; ++i) {
        input.lines.push_back(random_line(random, i, input));
    }
    std::vector<Int128> claims(assets_count, 0);
    for (const WaterfallLine& line : input.lines) {
        claims[line.asset_index] += line.line_class == LineClass::customer ? line.units.count : 0;
    }
    for (std::uint32_t a = 0; a < assets_count; ++a) {
        // Under-covered, exactly covered and over-covered pools all occur.
        const auto bound = static_cast<unsigned long long>(claims[a] * 3 / 2 + 2);
        input.assets[a].pool = {random.below(6) == 0 ? claims[a]
                                                     : static_cast<Int128>(random.below(bound))};
        // Pool costs below, equal to and above the pool.
        const auto cost_bound = static_cast<unsigned long long>(input.assets[a].pool.count + 2);
        input.assets[a].cost = {
            random.below(3) == 0 ? 0 : static_cast<Int128>(random.below(cost_bound))};
    }
    add_funds_and_creditors(random, shape, input);
    if (shape.convenience) {
        // Thresholds below, at and above typical claimant values; rates below, at and above 1.
        constexpr long long rates_per_ten[] = {5, 10, 12, 30};
        WaterfallConvenience rule{
            .threshold = {static_cast<Int128>(1 + random.below(40000))},
            .rate = {rates_per_ten[random.below(4)] * pow10(17)},
            .rounding = rounding,
            .tranche = static_cast<int>(1 + random.below(3)),
            .elective = random.below(2) == 0,
            .elected = {},
            .line_claims = {}};
        for (std::uint32_t g = 0; g < input.claimants_count; ++g) {
            rule.elected.push_back(random.below(3) == 0);
        }
        input.convenience = std::move(rule);
    }
    return input;
}

// A line's recovery in the currency: its in-kind units at `price`, plus fund and estate.
std::vector<Int128> recoveries(const WaterfallInput& input, const WaterfallResult& result) {
    std::vector<Int128> total(input.lines.size(), 0);
    for (const Allocation& allocation : result.allocations) {
        if (allocation.is_creditor) {
            continue;
        }
        const WaterfallLine& line = input.lines[allocation.recipient_index];
        total[allocation.recipient_index] +=
            allocation.source_kind == SourceKind::pool
                ? value_of(Units{allocation.amount}, input.assets[line.asset_index].valuation)
                      .count
                : allocation.amount;
    }
    return total;
}

bool same_allocation(const Allocation& a, const Allocation& b) {
    return a.is_creditor == b.is_creditor && a.recipient_index == b.recipient_index &&
           a.source_kind == b.source_kind && a.source_index == b.source_index &&
           a.asset_index == b.asset_index && a.amount == b.amount && a.tranche == b.tranche &&
           a.weight == b.weight;
}

}  // namespace

// ---- The worked example of docs/rules/waterfall.md ---------------------------------------

namespace {

// JPY (decimals 0); BTC (decimals 8) at price 9,000,000 and estate_price 8,500,000, with
// 2 BTC segregated and 0.1 BTC not. Claimants A, B, C. Lines in line order:
// K1 admitted (A, 1.2 BTC), K2 admitted (B, 1.0), K2 disputed (B, 0.8), K3 admitted (C,
// 0.5, filed late: subordinated). Fund "reserve": 5,000,000, floor 1,000,000, cap 4,000,000.
// Creditors in creditor_id order: landlord (general 500,000), lawyer-fees (admin 300,000),
// tax (priority 200,000). Estate cash 1,000,000, tranche 2.
WaterfallInput worked_example() {
    WaterfallInput input;
    input.assets = {asset({}),
                    asset({.decimals = 8, .price = "9000000", .estate_price = "8500000",
                           .pool = 200'000'000, .non_segregated = 10'000'000})};
    input.claimants_count = 3;
    input.lines = {
        {.decision_index = 1, .asset_index = 1, .claimant_index = 0, .units = {120'000'000}},
        {.decision_index = 2, .asset_index = 1, .claimant_index = 1, .units = {100'000'000}},
        {.decision_index = 2, .portion = Portion::disputed, .asset_index = 1, .claimant_index = 1,
         .units = {80'000'000}},
        {.decision_index = 3, .line_class = LineClass::subordinated, .asset_index = 1,
         .claimant_index = 2, .units = {50'000'000}},
    };
    WaterfallFund reserve;
    reserve.amount = {5'000'000};
    reserve.floor = Value{1'000'000};
    reserve.cap = Value{4'000'000};
    reserve.covers_asset = {false, true};
    input.funds = {reserve};
    input.creditors = {{0, EstateClass::general, {500'000}},
                       {1, EstateClass::admin, {300'000}},
                       {2, EstateClass::priority, {200'000}}};
    input.estate_cash = {1'000'000};
    input.estate_tranche = 2;
    return input;
}

}  // namespace

TEST_CASE("waterfall: the worked example of docs/rules/waterfall.md") {
    const WaterfallResult result = run_waterfall(worked_example());
    // Step 1. 2 BTC over 1.2 + 1.0 + 0.8 = 3.0 BTC: quotas 0.8, 0.6666..., 0.5333...
    // In satoshis: 80,000,000 exactly; 66,666,666 r 2e8; 53,333,333 r 1e8 (of W = 3e8).
    // The one leftover satoshi goes to the larger remainder: K2 admitted.
    CHECK(pool_of(result, 0, 1) == 80'000'000);
    CHECK(pool_of(result, 1, 1) == 66'666'667);
    CHECK(pool_of(result, 2, 1) == 53'333'333);
    CHECK(pool_of(result, 3, 1) == 0);  // subordinated: nothing in kind
    CHECK(result.pools[0].allocated == Units{0});
    CHECK(result.pools[1].claims == Units{300'000'000});
    CHECK(result.pools[1].surplus == Units{0});
    // Step 2, at 9,000,000 per BTC, rounded down: 0.4 BTC = 3,600,000;
    // 0.33333333 BTC = 2,999,999.97 -> 2,999,999; 0.26666667 BTC = 2,400,000.03 -> 2,400,000.
    CHECK(result.lines[0].shortfall_value == Value{3'600'000});
    CHECK(result.lines[1].shortfall_value == Value{2'999'999});
    CHECK(result.lines[2].shortfall_value == Value{2'400'000});
    CHECK(result.lines[3].line_value == Value{4'500'000});
    // Step 3. e_A = 3,600,000; e_B = 5,399,999 capped to 4,000,000. Floors 1,000,000 each
    // (in full). The other 3,000,000 over 2,600,000 and 3,000,000 (W = 5,600,000):
    // A 1,392,857 r 800,000; B 1,607,142 r 4,800,000 and the leftover yen: 1,607,143.
    // A: 2,392,857 on K1. B: 2,607,143 over K2 admitted and disputed by 2,999,999 and
    // 2,400,000: 1,448,412 r 3,041,269 (+1) and 1,158,730 r 2,358,730.
    CHECK(result.funds[0].eligible == Value{7'600'000});
    CHECK(fund_of(result, 0, 0) == 2'392'857);
    CHECK(fund_of(result, 1, 0) == 1'448'413);
    CHECK(fund_of(result, 2, 0) == 1'158'730);
    CHECK(fund_of(result, 3, 0) == 0);
    CHECK(result.funds[0].leftover == Value{0});
    CHECK(result.lines[0].shortfall_remaining == Value{1'207'143});
    CHECK(result.lines[1].shortfall_remaining == Value{1'551'586});
    CHECK(result.lines[2].shortfall_remaining == Value{1'241'270});
    // Step 4. Cash 1,000,000 + 0.1 BTC at 8,500,000 = 1,850,000. Admin 300,000 and
    // priority 200,000 in full; 1,350,000 over general claims 1,207,143 + 1,551,586 +
    // 1,241,270 + 500,000 = 4,499,999: 362,142 + 465,475 + 372,381 + 150,000 = 1,349,998 and
    // the 2 leftover yen to the largest remainders (K1, then K2 admitted).
    CHECK(result.estate.non_segregated == Value{850'000});
    CHECK(result.estate.available == Value{1'850'000});
    CHECK(estate_of(result, true, 1, EstateClass::admin) == 300'000);
    CHECK(estate_of(result, true, 2, EstateClass::priority) == 200'000);
    CHECK(result.estate.classes[general_class].claims == Value{4'499'999});
    CHECK(estate_of(result, false, 0, EstateClass::general) == 362'143);
    CHECK(estate_of(result, false, 1, EstateClass::general) == 465'476);
    CHECK(estate_of(result, false, 2, EstateClass::general) == 372'381);
    CHECK(estate_of(result, true, 0, EstateClass::general) == 150'000);
    CHECK(result.estate.classes[subordinated_class].claims == Value{4'500'000});
    CHECK(result.estate.classes[subordinated_class].allocated == Value{0});
    CHECK(result.estate.residue == Value{0});
    // A's recovery: 0.8 BTC in kind and 2,392,857 + 362,143 = 2,755,000 yen.
    CHECK(recoveries(worked_example(), result)[0] == 7'200'000 + 2'755'000);
    CHECK(result.allocations.size() == 12);  // 3 in kind, 3 from the fund, 6 from the estate
}

// ---- Rules that span steps ----------------------------------------------------------------

TEST_CASE("waterfall: subordinated lines get nothing from pools and funds") {
    // One asset at price 1 with a pool of 100: the customer line (60) is paid in kind; the
    // subordinated line (80) is not a claim on the pool (surplus 40) nor eligible for the
    // fund (1000, all of it left over). From the estate (40 + 1000) it claims its whole
    // value, 80, in the subordinated class, and gets it; residue 960.
    WaterfallInput input;
    input.assets = {asset({.pool = 100})};
    input.claimants_count = 1;
    input.lines = {{.decision_index = 0, .units = {60}},
                   {.decision_index = 1, .line_class = LineClass::subordinated, .units = {80}}};
    WaterfallFund fund;
    fund.amount = {1000};
    fund.covers_asset = {true};
    input.funds = {fund};
    const WaterfallResult result = run_waterfall(input);
    CHECK(pool_of(result, 0, 0) == 60);
    CHECK(pool_of(result, 1, 0) == 0);
    CHECK(result.pools[0].surplus == Units{40});
    CHECK(fund_of(result, 1, 0) == 0);
    CHECK(result.funds[0].leftover == Value{1000});
    CHECK(estate_of(result, false, 1, EstateClass::subordinated) == 80);
    CHECK(result.estate.residue == Value{960});
}

TEST_CASE("waterfall: each source pays in its tranche and its asset") {
    // Pool allocations are tranche 1 in kind; fund allocations in the fund's tranche (3) and
    // the currency; estate allocations in the estate's tranche (2) and the currency.
    WaterfallInput input;
    input.assets = {asset({}), asset({.price = "10", .pool = 5})};
    input.claimants_count = 1;
    input.lines = {{.decision_index = 0, .asset_index = 1, .units = {10}}};
    WaterfallFund fund;
    fund.amount = {20};
    fund.tranche = 3;
    fund.covers_asset = {true, true};
    input.funds = {fund};
    input.estate_cash = {100};
    input.estate_tranche = 2;
    const WaterfallResult result = run_waterfall(input);
    REQUIRE(result.allocations.size() == 3);
    // 5 units in kind; shortfall 5 * 10 = 50; the fund pays 20; the estate the other 30.
    CHECK(result.allocations[0].amount == 5);
    CHECK(result.allocations[0].asset_index == 1);
    CHECK(result.allocations[0].tranche == 1);
    CHECK(result.allocations[1].amount == 20);
    CHECK(result.allocations[1].asset_index == 0);
    CHECK(result.allocations[1].tranche == 3);
    CHECK(result.allocations[2].amount == 30);
    CHECK(result.allocations[2].asset_index == 0);
    CHECK(result.allocations[2].tranche == 2);
    CHECK(result.estate.residue == Value{70});
}

TEST_CASE("waterfall: a case without lines sends everything to creditors and the residue") {
    WaterfallInput input;
    input.assets = {asset({.pool = 7})};
    input.creditors = {{0, EstateClass::general, {5}}};
    const WaterfallResult result = run_waterfall(input);
    CHECK(result.pools[0].surplus == Units{7});
    CHECK(estate_of(result, true, 0, EstateClass::general) == 5);
    CHECK(result.estate.residue == Value{2});
}

// ---- Properties over seeded random cases ----------------------------------------------------

TEST_CASE("waterfall: the engine agrees with the reference model on small random cases") {
    const unsigned long long seed = kanzai::testing::seed_or(20260301);
    CAPTURE(seed);
    Random random(seed);
    for (int round = 0; round < 3000; ++round) {
        CAPTURE(round);
        const WaterfallInput input = random_input(random, {});
        const WaterfallResult result = run_waterfall(input);
        const reference::Result expected = reference::run(input);
        REQUIRE(result.allocations.size() == expected.allocations.size());
        for (std::size_t k = 0; k < expected.allocations.size(); ++k) {
            CAPTURE(k);
            REQUIRE(same_allocation(result.allocations[k], expected.allocations[k]));
        }
        for (std::size_t a = 0; a < input.assets.size(); ++a) {
            REQUIRE(result.pools[a].allocated.count == expected.pool_allocated[a]);
            REQUIRE(result.pools[a].surplus.count == expected.pool_surplus[a]);
            REQUIRE(result.pools[a].cost.count == expected.pool_cost[a]);
        }
        for (std::size_t f = 0; f < input.funds.size(); ++f) {
            REQUIRE(result.funds[f].allocated.count == expected.fund_allocated[f]);
            REQUIRE(result.funds[f].leftover.count == expected.fund_leftover[f]);
        }
        for (std::size_t k = 0; k < estate_classes_count; ++k) {
            REQUIRE(result.estate.classes[k].claims.count == expected.class_claims[k]);
            REQUIRE(result.estate.classes[k].allocated.count == expected.class_allocated[k]);
        }
        REQUIRE(result.estate.available.count == expected.estate_available);
        REQUIRE(result.estate.residue.count == expected.residue);
    }
}

TEST_CASE("waterfall: no line recovers more than its value; invariants hold when rechecked") {
    // In kind at price + fund + estate <= the line's value: value_of(paid) + value_of(unpaid)
    // <= value_of(units) when rounding down; half-even may round each part up by 1/2.
    const unsigned long long seed = kanzai::testing::seed_or(77);
    CAPTURE(seed);
    Random random(seed);
    for (int round = 0; round < 2000; ++round) {
        CAPTURE(round);
        const WaterfallInput input = random_input(random, {});
        const WaterfallResult result = run_waterfall(input);
        check_waterfall_invariants(input, result);
        const std::vector<Int128> recovered = recoveries(input, result);
        for (std::size_t i = 0; i < input.lines.size(); ++i) {
            const bool half_even =
                input.assets[input.lines[i].asset_index].valuation.rounding ==
                Rounding::half_even;
            REQUIRE(recovered[i] <= result.lines[i].line_value.count + (half_even ? 1 : 0));
            REQUIRE(result.lines[i].pool_units <= input.lines[i].units);
        }
    }
}

TEST_CASE("waterfall: the convenience class agrees with the reference model") {
    const unsigned long long seed = kanzai::testing::seed_or(20261202);
    CAPTURE(seed);
    Random random(seed);
    int members = 0;
    for (int round = 0; round < 3000; ++round) {
        CAPTURE(round);
        const WaterfallInput input = random_input(random, {.convenience = true});
        WaterfallInput classified = input;
        REQUIRE_FALSE(apply_convenience_class(classified).has_value());
        const WaterfallResult result = run_waterfall(classified);
        const reference::Result expected = reference::run(input);
        REQUIRE(result.allocations.size() == expected.allocations.size());
        for (std::size_t k = 0; k < expected.allocations.size(); ++k) {
            CAPTURE(k);
            REQUIRE(same_allocation(result.allocations[k], expected.allocations[k]));
        }
        for (std::size_t k = 0; k < estate_classes_count; ++k) {
            REQUIRE(result.estate.classes[k].claims.count == expected.class_claims[k]);
            REQUIRE(result.estate.classes[k].allocated.count == expected.class_allocated[k]);
        }
        REQUIRE(result.estate.residue.count == expected.residue);
        members += static_cast<int>(result.convenience.claimants);
    }
    CHECK(members > 1000);  // the class is not empty in most rounds: the test is not vacuous
}

TEST_CASE("waterfall: disputed lines take their full share everywhere") {
    // SPEC: a disputed line is weighed exactly like an admitted one; only its payouts are
    // held. Turning every portion around changes no amount.
    const unsigned long long seed = kanzai::testing::seed_or(4242);
    CAPTURE(seed);
    Random random(seed);
    for (int round = 0; round < 1000; ++round) {
        CAPTURE(round);
        WaterfallInput input = random_input(random, {});
        const WaterfallResult before = run_waterfall(input);
        for (WaterfallLine& line : input.lines) {
            line.portion = line.portion == Portion::admitted ? Portion::disputed
                                                             : Portion::admitted;
        }
        const WaterfallResult after = run_waterfall(input);
        REQUIRE(before.allocations.size() == after.allocations.size());
        for (std::size_t k = 0; k < before.allocations.size(); ++k) {
            REQUIRE(same_allocation(before.allocations[k], after.allocations[k]));
        }
    }
}

namespace {

// The remainders P * w mod W of a pool's customer lines when W > P; empty when W <= P.
bool has_distinct_remainders(const WaterfallInput& input, std::uint32_t asset_index) {
    std::vector<Int128> weights;
    for (const WaterfallLine& line : input.lines) {
        if (line.line_class == LineClass::customer && line.asset_index == asset_index) {
            weights.push_back(line.units.count);
        }
    }
    const Int128 total = std::accumulate(weights.begin(), weights.end(), Int128{0});
    // What is split is the pool less its cost.
    const WaterfallAsset& asset = input.assets[asset_index];
    const Int128 pool = asset.pool.count - std::min(asset.cost.count, asset.pool.count);
    if (total <= pool) {
        return true;
    }
    std::vector<Int128> remainders;
    for (const Int128 weight : weights) {
        remainders.push_back(pool * weight % total);
    }
    std::sort(remainders.begin(), remainders.end());
    return std::adjacent_find(remainders.begin(), remainders.end()) == remainders.end();
}

}  // namespace

TEST_CASE("waterfall: reordering lines moves at most one unit of a pool, none without ties") {
    // Line order is only the tie order of the largest-remainder rule. Reversing it keeps
    // every pool's totals; a line's part moves by at most one unit, and not at all when the
    // pool's remainders are all distinct (the multiset of parts is then the same too).
    const unsigned long long seed = kanzai::testing::seed_or(9001);
    CAPTURE(seed);
    Random random(seed);
    int exact_pools = 0;
    for (int round = 0; round < 1500; ++round) {
        CAPTURE(round);
        const WaterfallInput input = random_input(random, {});
        WaterfallInput reversed = input;
        std::reverse(reversed.lines.begin(), reversed.lines.end());
        const WaterfallResult before = run_waterfall(input);
        const WaterfallResult after = run_waterfall(reversed);
        const std::size_t n = input.lines.size();
        for (std::uint32_t a = 0; a < input.assets.size(); ++a) {
            REQUIRE(before.pools[a].allocated == after.pools[a].allocated);
            REQUIRE(before.pools[a].surplus_value == after.pools[a].surplus_value);
            const bool exact = has_distinct_remainders(input, a);
            exact_pools += exact ? 1 : 0;
            for (std::size_t i = 0; i < n; ++i) {
                if (input.lines[i].asset_index != a) {
                    continue;
                }
                const Int128 was = before.lines[i].pool_units.count;
                const Int128 is = after.lines[n - 1 - i].pool_units.count;
                REQUIRE(is - was <= 1);
                REQUIRE(was - is <= 1);
                if (exact) {
                    REQUIRE(is == was);
                }
            }
        }
    }
    CHECK(exact_pools > 1000);  // the exact case is exercised, not vacuous
}

TEST_CASE("waterfall: relabelling claimants changes only tie order in the funds") {
    // Claimant order is only the tie order of the funds' splits. With one fund and no floor:
    // the totals never change; and when the claimants' remainders available * e_g mod sum e
    // are all distinct (or the fund covers everyone), no allocation changes at all.
    const unsigned long long seed = kanzai::testing::seed_or(31337);
    CAPTURE(seed);
    Random random(seed);
    int exact_cases = 0;
    for (int round = 0; round < 1500; ++round) {
        CAPTURE(round);
        const WaterfallInput input = random_input(random, {.funds_max = 1, .floors = false});
        WaterfallInput relabelled = input;
        for (WaterfallLine& line : relabelled.lines) {
            line.claimant_index = input.claimants_count - 1 - line.claimant_index;
        }
        const WaterfallResult before = run_waterfall(input);
        const WaterfallResult after = run_waterfall(relabelled);
        REQUIRE(before.estate.available == after.estate.available);
        REQUIRE(before.estate.residue == after.estate.residue);
        for (std::size_t k = 0; k < estate_classes_count; ++k) {
            REQUIRE(before.estate.classes[k].claims == after.estate.classes[k].claims);
        }
        if (input.funds.empty()) {
            continue;
        }
        REQUIRE(before.funds[0].allocated == after.funds[0].allocated);
        // e_g from the first fund's eyes: shortfall values of covered lines, capped.
        std::vector<Int128> eligible(input.claimants_count, 0);
        for (std::size_t i = 0; i < input.lines.size(); ++i) {
            const WaterfallLine& line = input.lines[i];
            if (line.line_class == LineClass::customer &&
                input.funds[0].covers_asset[line.asset_index]) {
                eligible[line.claimant_index] += before.lines[i].shortfall_value.count;
            }
        }
        Int128 total = 0;
        for (Int128& e : eligible) {
            e = input.funds[0].cap ? std::min(e, input.funds[0].cap->count) : e;
            total += e;
        }
        const Int128 available = before.funds[0].available.count;
        std::vector<Int128> remainders;
        for (const Int128 e : eligible) {
            if (e > 0 && total > available) {
                remainders.push_back(available * e % total);
            }
        }
        std::sort(remainders.begin(), remainders.end());
        if (std::adjacent_find(remainders.begin(), remainders.end()) != remainders.end()) {
            continue;
        }
        ++exact_cases;
        REQUIRE(before.allocations.size() == after.allocations.size());
        for (std::size_t k = 0; k < before.allocations.size(); ++k) {
            REQUIRE(same_allocation(before.allocations[k], after.allocations[k]));
        }
    }
    CHECK(exact_cases > 500);
}

TEST_CASE("waterfall: a larger pool — what holds despite the Alabama paradox") {
    // Adding 1-5 units to one pool (docs/rules/waterfall.md, "The Alabama paradox"):
    // - proven: the pool's total allocation and its surplus never fall; a line's part falls
    //   by at most one unit (its floor(P * w / W) never falls); no part falls once P >= W;
    // - tested: a line's recovery (in kind at price + fund + estate) never falls by more
    //   than the value of one unit plus rounding: one minor unit for the valuation and
    //   bounded slack for each split it passes (this suite allows 3 per fund and 1 more).
    //   Over a million random cases the largest fall seen was one unit's value + 1 + funds.
    const unsigned long long seed = kanzai::testing::seed_or(5150);
    CAPTURE(seed);
    Random random(seed);
    int dropped = 0;
    for (int round = 0; round < 3000; ++round) {
        CAPTURE(round);
        const WaterfallInput input = random_input(random, {});
        WaterfallInput grown = input;
        const auto a = static_cast<std::uint32_t>(random.below(input.assets.size()));
        grown.assets[a].pool.count += static_cast<Int128>(1 + random.below(5));
        const WaterfallResult before = run_waterfall(input);
        const WaterfallResult after = run_waterfall(grown);
        REQUIRE(after.pools[a].allocated >= before.pools[a].allocated);
        REQUIRE(after.pools[a].surplus >= before.pools[a].surplus);
        const bool covers_all =
            after.pools[a].pool.count - after.pools[a].cost.count >= after.pools[a].claims.count;
        const std::vector<Int128> was = recoveries(input, before);
        const std::vector<Int128> is = recoveries(grown, after);
        const auto slack = static_cast<Int128>(2 + 3 * input.funds.size());
        for (std::size_t i = 0; i < input.lines.size(); ++i) {
            CAPTURE(i);
            const Int128 units_was = before.lines[i].pool_units.count;
            const Int128 units_is = after.lines[i].pool_units.count;
            REQUIRE(units_is + 1 >= units_was);
            REQUIRE((!covers_all || units_is >= units_was));
            dropped += units_is < units_was ? 1 : 0;
            Valuation down = input.assets[input.lines[i].asset_index].valuation;
            down.rounding = Rounding::down;
            REQUIRE(was[i] - is[i] <= value_of(Units{1}, down).count + slack);
        }
    }
    CHECK(dropped > 0);  // the paradox does occur in these cases: the bounds are not vacuous
}
