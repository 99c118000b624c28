// Cap, floor and pro-rata for one fund over its claimants.
#include "engine/fund_split.hpp"

#include <algorithm>

#include "engine/assert.hpp"
#include "engine/largest_remainder.hpp"

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
    KANZAI_ASSERT(input.available.count >= 0);
    const std::size_t count = input.eligible.size();
    if (!input.floor) {
        return split_largest_remainder({.pool = input.available.count, .weights = input.eligible});
    }
    KANZAI_ASSERT(input.floor->count >= 0);
    std::vector<Int128> floors(count);
    std::vector<Int128> above_floor(count);
    for (std::size_t i = 0; i < count; ++i) {
        floors[i] = std::min(input.eligible[i], input.floor->count);
        above_floor[i] = input.eligible[i] - floors[i];
    }
    // The floor step: in full when the fund covers every floor (the W <= P case of the rule).
    std::vector<Int128> awards =
        split_largest_remainder({.pool = input.available.count, .weights = floors});
    Int128 paid = 0;
    for (const Int128 award : awards) {
        paid = checked_add(paid, award);
    }
    const Int128 rest = input.available.count - paid;
    KANZAI_ASSERT(rest >= 0);
    KANZAI_MAYBE(rest == 0);  // the floors used the whole fund: nothing goes pro-rata
    const std::vector<Int128> extra =
        split_largest_remainder({.pool = rest, .weights = above_floor});
    for (std::size_t i = 0; i < count; ++i) {
        awards[i] = checked_add(awards[i], extra[i]);
        KANZAI_ASSERT(awards[i] <= input.eligible[i]);
    }
    return awards;
}

}  // namespace kanzai::engine
