#include "engine/largest_remainder.hpp"

#include <algorithm>
#include <numeric>

#include "engine/assert.hpp"
#include "tests/support/printing.hpp"

using namespace kanzai::engine;
using Parts = std::vector<Int128>;

namespace {
Parts split(Int128 pool, const Parts& weights) {
    return split_largest_remainder({.pool = pool, .weights = weights});
}
}  // namespace

TEST_CASE("largest remainder: 10 units over three equal weights give 4,3,3") {
    // The example writes this as weights 1,1,1; SPEC's rule pays each weight in full when
    // W <= P, so the apportionment 4,3,3 needs weights that outweigh the pool.
    CHECK(split(10, {10, 10, 10}) == Parts{4, 3, 3});
    CHECK(split(10, {11, 11, 11}) == Parts{4, 3, 3});
}

TEST_CASE("largest remainder: SPEC caps each part at its weight: 10 over 1,1,1 is 1,1,1") {
    CHECK(split(10, {1, 1, 1}) == Parts{1, 1, 1});
}

TEST_CASE("largest remainder: ties go to the earlier line") {
    CHECK(split(100, {500, 500, 500}) == Parts{34, 33, 33});
    CHECK(split(2, {1, 1, 1}) == Parts{1, 1, 0});
    CHECK(split(2, {3, 3, 3}) == Parts{1, 1, 0});
    CHECK(split(1, {7, 7}) == Parts{1, 0});
}

TEST_CASE("largest remainder: zero weights get nothing") {
    CHECK(split(5, {0, 0, 7}) == Parts{0, 0, 5});
    CHECK(split(0, {0, 0}) == Parts{0, 0});
}

TEST_CASE("largest remainder: a pool of 0 gives nothing") {
    CHECK(split(0, {3, 4}) == Parts{0, 0});
}

TEST_CASE("largest remainder: W <= P pays every weight in full") {
    CHECK(split(10, {3, 4}) == Parts{3, 4});
    CHECK(split(7, {3, 4}) == Parts{3, 4});
    CHECK(split(5, {}) == Parts{});
}

TEST_CASE("largest remainder: the largest remainder wins, not the largest weight") {
    // P*w = 10*2=20, 10*3=30, 10*5=50 over W=10... choose a case with distinct remainders:
    // P=7, w=(2,3,5), W=10: exact 1.4, 2.1, 3.5 -> floors 1,2,3 (6), one left: remainder
    // 14%10=4, 21%10=1, 35%10=5 -> the third line.
    CHECK(split(7, {2, 3, 5}) == Parts{1, 2, 4});
}

TEST_CASE("largest remainder: 18-decimal amounts near 10^30 units stay exact") {
    const Int128 e30 = pow10(30);
    // Three holders of 10^30, 2*10^30 and 3*10^30 units share a pool of 10^30 + 1.
    // Exact shares (10^30 + 1) * (1, 2, 3) / 6: floors e30/6, e30/3, e30/2 with remainders
    // (e30+1) mod 6 ... computed: 10^30 = 6q + 4, so (10^30 + 1) = 6q + 5.
    const Int128 q = e30 / 6;  // 10^30 = 6q + 4
    // Shares: (6q+5)/6 = q rem 5; 2(6q+5)/6 = 2q+1 rem 4; 3(6q+5)/6 = 3q+2 rem 3;
    // floors sum 6q+3, two units left -> the remainders 5 and 4 (first and second line).
    CHECK(split(e30 + 1, {e30, 2 * e30, 3 * e30}) == Parts{q + 1, 2 * q + 2, 3 * q + 2});
    // A product near 2^254: pool and weights at the 2^127 - 1 limit.
    CHECK(split(int128_max - 1, {int128_max, int128_max}) ==
          Parts{int128_max / 2, int128_max / 2});
    // Weights whose sum exceeds 2^127 - 1.
    CHECK(split(3, {int128_max, int128_max, int128_max}) == Parts{1, 1, 1});
}

TEST_CASE("largest remainder: negative pools or weights are invariant violations") {
    CHECK_THROWS_AS(static_cast<void>(split(-1, {1})), kanzai::InvariantViolation);
    CHECK_THROWS_AS(static_cast<void>(split(1, {-1})), kanzai::InvariantViolation);
}

namespace {

// The reference model: exact rational shares by the book, one unit at a time.
Parts reference_split(Int128 pool, const Parts& weights) {
    const Int128 total = std::accumulate(weights.begin(), weights.end(), Int128{0});
    if (total <= pool) {
        return weights;
    }
    Parts parts(weights.size());
    std::vector<std::pair<Int128, std::size_t>> remainders;
    Int128 given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        parts[i] = pool * weights[i] / total;
        given += parts[i];
        remainders.emplace_back(pool * weights[i] % total, i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (Int128 k = 0; k < pool - given; ++k) {
        parts[remainders[static_cast<std::size_t>(k)].second] += 1;
    }
    return parts;
}

}  // namespace

TEST_CASE("largest remainder: properties over thousands of seeded random splits") {
    const unsigned long long seed = kanzai::testing::seed_or(20261122);
    kanzai::testing::Random random(seed);
    for (int round = 0; round < 5000; ++round) {
        CAPTURE(seed);
        CAPTURE(round);
        const std::size_t count = 1 + random.below(12);
        const unsigned long long scale = round % 3 == 0 ? 5 : (round % 3 == 1 ? 1000 : 1'000'000);
        Parts weights(count);
        for (Int128& weight : weights) {
            weight = static_cast<Int128>(random.below(scale));
        }
        const Int128 total = std::accumulate(weights.begin(), weights.end(), Int128{0});
        const Int128 pool = static_cast<Int128>(random.below(static_cast<unsigned long long>(
                                                    total + total / 2 + 2)));
        const Parts parts = split(pool, weights);

        // Matches the reference model exactly.
        REQUIRE(parts == reference_split(pool, weights));
        // Parts sum to min(P, W); none exceeds its weight; each within one unit of the
        // exact rational share; a larger weight never gets fewer units.
        const Int128 sum = std::accumulate(parts.begin(), parts.end(), Int128{0});
        CHECK(sum == std::min(pool, total));
        for (std::size_t i = 0; i < count; ++i) {
            CHECK(parts[i] <= weights[i]);
            if (total > pool) {
                const Int128 exact_floor = pool * weights[i] / total;
                CHECK(parts[i] >= exact_floor);
                CHECK(parts[i] <= exact_floor + 1);
            }
            for (std::size_t j = 0; j < count; ++j) {
                if (weights[i] > weights[j]) {
                    CHECK(parts[i] >= parts[j]);
                }
            }
        }
        // Order: reversing the lines gives each line the same part, except where ties in
        // remainder are broken by position (the SPEC tie order), which moves at most the
        // tied units; totals per distinct weight stay the same.
        Parts reversed_weights(weights.rbegin(), weights.rend());
        Parts reversed_parts = split(pool, reversed_weights);
        std::reverse(reversed_parts.begin(), reversed_parts.end());
        for (std::size_t i = 0; i < count; ++i) {
            const Int128 difference = parts[i] - reversed_parts[i];
            CHECK(difference >= -1);
            CHECK(difference <= 1);
            if (total > pool) {
                // Lines with a unique remainder get exactly the same part in any order.
                const Int128 remainder = pool * weights[i] % total;
                int same = 0;
                for (std::size_t j = 0; j < count; ++j) {
                    same += (pool * weights[j] % total == remainder) ? 1 : 0;
                }
                if (same == 1) {
                    CHECK(difference == 0);
                }
            }
        }
    }
}
