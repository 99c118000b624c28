#include "engine/fund_split.hpp"

#include <numeric>

#include "tests/support/printing.hpp"

using namespace kanzai::engine;
using Parts = std::vector<Int128>;

namespace {
Parts split(Int128 available, const Parts& eligible, std::optional<Int128> floor) {
    return split_floor_then_pro_rata(
        {.available = Value{available},
         .eligible = eligible,
         .floor = floor ? std::optional<Value>(Value{*floor}) : std::nullopt});
}
}  // namespace

TEST_CASE("fund split: the cap limits each claimant's eligible value") {
    CHECK(cap_eligible(Value{15'000'000}, Value{10'000'000}) == Value{10'000'000});
    CHECK(cap_eligible(Value{5}, Value{10}) == Value{5});
    CHECK(cap_eligible(Value{5}, std::nullopt) == Value{5});
}

TEST_CASE("fund split: without a floor it is plain pro-rata") {
    CHECK(split(10, {10, 10, 10}, std::nullopt) == Parts{4, 3, 3});
    CHECK(split(100, {30, 20}, std::nullopt) == Parts{30, 20});
}

TEST_CASE("fund split: floors are paid in full first, then the rest pro-rata") {
    // Floor 200,000 (Mt. Gox's base repayment); three claimants.
    // Floors: 100,000 (all of a small claim), 200,000, 200,000 = 500,000 of 1,000,000;
    // the remaining 500,000 over the excess 0, 800,000, 1,800,000 (2,600,000 in all).
    // 500,000 * 800,000 / 2,600,000 = 153,846.15 -> 153,846 (rem .15)
    // 500,000 * 1,800,000 / 2,600,000 = 346,153.84 -> 346,153 (rem .84) gets the last yen.
    CHECK(split(1'000'000, {100'000, 1'000'000, 2'000'000}, 200'000) ==
          Parts{100'000, 353'846, 546'154});
}

TEST_CASE("fund split: a fund that cannot cover the floors shares them pro-rata") {
    // Floors 100, 200, 200 (500) from 250: 50, 100, 100; nothing goes beyond the floors.
    CHECK(split(250, {100, 1000, 2000}, 200) == Parts{50, 100, 100});
}

TEST_CASE("fund split: a fund larger than all eligible pays each in full") {
    CHECK(split(1'000'000, {100, 1000}, 200) == Parts{100, 1000});
}

TEST_CASE("fund split: properties over seeded random funds") {
    const unsigned long long seed = kanzai::testing::seed_or(7);
    kanzai::testing::Random random(seed);
    for (int round = 0; round < 3000; ++round) {
        CAPTURE(seed);
        CAPTURE(round);
        Parts eligible(1 + random.below(8));
        for (Int128& e : eligible) {
            e = static_cast<Int128>(random.below(1000));
        }
        const Int128 total = std::accumulate(eligible.begin(), eligible.end(), Int128{0});
        const Int128 available = static_cast<Int128>(random.below(1500));
        const std::optional<Int128> floor =
            round % 2 == 0 ? std::nullopt : std::optional<Int128>(random.below(300));
        const Parts awards = split(available, eligible, floor);
        const Int128 sum = std::accumulate(awards.begin(), awards.end(), Int128{0});
        CHECK(sum == std::min(available, total));
        for (std::size_t i = 0; i < eligible.size(); ++i) {
            CHECK(awards[i] >= 0);
            CHECK(awards[i] <= eligible[i]);
            if (floor) {
                // Everyone gets their floor before anyone gets more than theirs.
                const Int128 own_floor = std::min(eligible[i], *floor);
                for (std::size_t j = 0; j < eligible.size(); ++j) {
                    if (awards[j] > std::min(eligible[j], *floor)) {
                        CHECK(awards[i] >= own_floor);
                    }
                }
            }
        }
    }
}
