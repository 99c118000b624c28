// Cap, floor and pro-rata for one fund over its claimants.
#include "engine/fund_split.hpp"

#include <algorithm>

#include "engine/assert.hpp"

namespace kanzai::engine {

Value cap_eligible(Value eligible, std::optional<Value> cap) {
    KANZAI_ASSERT(eligible.count >= 0);
    if (!cap) {
        return eligible;
    }
    KANZAI_ASSERT(cap->count >= 0);
    return std::min(eligible, *cap);
}

std::vector<Int128> split_floor_then_pro_rata(const FloorSplitInput& input) {
    std::vector<Int128> awards(input.eligible.size());
    FloorSplitScratch scratch;
    split_floor_then_pro_rata(input, awards, scratch);
    return awards;
}

void split_floor_then_pro_rata(const FloorSplitInput& input, std::span<Int128> awards,
                               FloorSplitScratch& scratch) {
    KANZAI_ASSERT(input.available.count >= 0);
    KANZAI_ASSERT(awards.size() == input.eligible.size());
    const std::size_t count = input.eligible.size();
    if (!input.floor) {
        split_largest_remainder({.pool = input.available.count, .weights = input.eligible},
                                awards, scratch.split);
        return;
    }
    KANZAI_ASSERT(input.floor->count >= 0);
    std::vector<Int128>& floors = scratch.floors;
    std::vector<Int128>& above_floor = scratch.above_floor;
    floors.resize(count);
    above_floor.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        floors[i] = std::min(input.eligible[i], input.floor->count);
        above_floor[i] = input.eligible[i] - floors[i];
    }
    // The floor step: in full when the fund covers every floor (the W <= P case of the rule).
    split_largest_remainder({.pool = input.available.count, .weights = floors}, awards,
                            scratch.split);
    Int128 paid = 0;
    for (const Int128 award : awards) {
        paid = checked_add(paid, award);
    }
    const Int128 rest = input.available.count - paid;
    KANZAI_ASSERT(rest >= 0);
    KANZAI_MAYBE(rest == 0);  // the floors used the whole fund: nothing goes pro-rata
    std::vector<Int128>& extra = scratch.extra;
    extra.resize(count);
    split_largest_remainder({.pool = rest, .weights = above_floor}, extra, scratch.split);
    for (std::size_t i = 0; i < count; ++i) {
        awards[i] = checked_add(awards[i], extra[i]);
        KANZAI_ASSERT(awards[i] <= input.eligible[i]);
    }
}

}  // namespace kanzai::engine
