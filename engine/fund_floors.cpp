// The floors, the largest affordable floor and the claimants made whole of one fund's step.
#include "engine/fund_floors.hpp"

#include <algorithm>

#include "engine/assert.hpp"

namespace kanzai::engine {
namespace {

// sum min(e_g, floor): no more than sum e_g, which the funds step bounded.
Int128 sum_of_floors(std::span<const Int128> eligible, Int128 floor) {
    Int128 sum = 0;
    for (const Int128 e : eligible) {
        sum = checked_add(sum, std::min(e, floor));
    }
    return sum;
}

}  // namespace

FundFloors compute_fund_floors(const FundFloorsInput& input) {
    KANZAI_ASSERT(input.eligible.size() == input.awarded.size());
    KANZAI_ASSERT(input.available.count >= 0);
    FundFloors floors;
    Int128 eligible_total = 0;
    Int128 eligible_max = 0;
    for (std::size_t g = 0; g < input.eligible.size(); ++g) {
        const Int128 e = input.eligible[g];
        const Int128 award = input.awarded[g];
        KANZAI_ASSERT(e >= 0);
        KANZAI_ASSERT(award >= 0);
        KANZAI_ASSERT(award <= e);
        eligible_total = checked_add(eligible_total, e);
        eligible_max = std::max(eligible_max, e);
        if (e > 0) {
            ++floors.claimants_eligible;
            floors.claimants_whole += award == e ? 1U : 0U;
        }
    }
    if (input.floor) {
        floors.floors = Value{sum_of_floors(input.eligible, input.floor->count)};
    }
    if (eligible_total <= input.available.count) {
        floors.max_floor = Value{eligible_max};
        return floors;
    }
    // sum min(e_g, 0) = 0 <= available and sum min(e_g, max e_g) > available: the answer
    // is in [low, high).
    Int128 low = 0;
    Int128 high = eligible_max;
    while (high - low > 1) {
        const Int128 middle = low + (high - low) / 2;
        if (sum_of_floors(input.eligible, middle) <= input.available.count) {
            low = middle;
        } else {
            high = middle;
        }
    }
    KANZAI_ASSERT(sum_of_floors(input.eligible, low) <= input.available.count);
    KANZAI_ASSERT(sum_of_floors(input.eligible, low + 1) > input.available.count);
    floors.max_floor = Value{low};
    return floors;
}

}  // namespace kanzai::engine
