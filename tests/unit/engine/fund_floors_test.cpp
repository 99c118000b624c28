#include "engine/fund_floors.hpp"

#include <vector>

#include "tests/support/printing.hpp"

using namespace kanzai::engine;
using Parts = std::vector<Int128>;

namespace {
FundFloors floors_of(Int128 available, const Parts& eligible, const Parts& awarded,
                     std::optional<Int128> floor) {
    return compute_fund_floors(
        {.available = Value{available},
         .eligible = eligible,
         .awarded = awarded,
         .floor = floor ? std::optional<Value>(Value{*floor}) : std::nullopt});
}
}  // namespace

// e = 10, 30, 60: sum min(e, F) is 3F up to 10, 10 + 2F up to 30, 40 + F up to 60.
TEST_CASE("fund floors: max_floor at and around each breakpoint of sum min(e_g, F)") {
    const Parts eligible{10, 30, 60};
    const Parts none{0, 0, 0};
    CHECK(floors_of(30, eligible, none, std::nullopt).max_floor == Value{10});  // 3 * 10
    CHECK(floors_of(29, eligible, none, std::nullopt).max_floor == Value{9});   // 27 <= 29
    CHECK(floors_of(31, eligible, none, std::nullopt).max_floor == Value{10});  // 32 > 31
    CHECK(floors_of(70, eligible, none, std::nullopt).max_floor == Value{30});  // 10 + 60
    CHECK(floors_of(69, eligible, none, std::nullopt).max_floor == Value{29});  // 10 + 58
    CHECK(floors_of(99, eligible, none, std::nullopt).max_floor == Value{59});  // 40 + 59
    CHECK(floors_of(2, eligible, none, std::nullopt).max_floor == Value{0});    // 3 > 2
}

TEST_CASE("fund floors: a fund that covers every e_g affords the largest e_g") {
    CHECK(floors_of(100, {10, 30, 60}, {10, 30, 60}, std::nullopt).max_floor == Value{60});
    CHECK(floors_of(500, {10, 30, 60}, {10, 30, 60}, std::nullopt).max_floor == Value{60});
}

TEST_CASE("fund floors: all claimants equal, one claimant, no claimant") {
    CHECK(floors_of(20, {7, 7, 7}, {7, 7, 6}, std::nullopt).max_floor == Value{6});
    CHECK(floors_of(21, {7, 7, 7}, {7, 7, 7}, std::nullopt).max_floor == Value{7});
    CHECK(floors_of(5, {9}, {5}, std::nullopt).max_floor == Value{5});
    const FundFloors empty = floors_of(5, {}, {}, Value{3}.count);
    CHECK(empty.max_floor == Value{0});
    CHECK(empty.floors == Value{0});
    CHECK(empty.claimants_eligible == 0);
    CHECK(empty.claimants_whole == 0);
    CHECK(floors_of(0, {0, 0}, {0, 0}, std::nullopt).max_floor == Value{0});
}

TEST_CASE("fund floors: floors, claimants eligible and claimants made whole") {
    const FundFloors floors = floors_of(25, {10, 0, 30, 4}, {10, 0, 11, 4}, Value{5}.count);
    CHECK(floors.floors == Value{5 + 0 + 5 + 4});
    CHECK(floors.claimants_eligible == 3);
    CHECK(floors.claimants_whole == 2);  // e_g 0 is not counted as made whole
    CHECK(floors.max_floor == Value{11});  // 10 + 0 + 11 + 4 = 25
    CHECK(floors_of(25, {10, 30}, {10, 15}, std::nullopt).floors == Value{0});
}
