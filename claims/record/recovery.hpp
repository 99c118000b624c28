// Recovery rates per claim and their percentiles (SPEC summary.json
// "recovery_rate_percentiles"), shared by summary.json and `kanzai stress`.
#pragma once

#include <vector>

#include "claims/case.hpp"
#include "claims/distribute/distribution.hpp"

namespace kanzai::claims {

struct RecoveryPercentile {
    int p = 0;       // 10, 25, 50, 75, 90
    Int128 rate = 0;  // floor(rate * 10^6): the printed value, 6 fractional digits
};

// What one allocation of `line` recovers, as recovery rates count it: a fund or estate
// amount as it is; a pool's units at price (the line's own value when paid in full in kind).
[[nodiscard]] Int128 recovered_value_of(const engine::Allocation& allocation,
                                        const engine::WaterfallLine& line,
                                        const engine::LineResult& line_result,
                                        const engine::Valuation& valuation);

// p10, p25, p50, p75, p90 in that order: the ceil(p/100 * n)-th smallest rate; empty when
// no claim has lines worth more than 0.
[[nodiscard]] std::vector<RecoveryPercentile> recovery_rate_percentiles(
    const Case& loaded, const Distribution& distribution);

}  // namespace kanzai::claims
