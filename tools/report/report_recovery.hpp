// The recovery-rate distribution of the report: per claimant, what its claims recovered as a
// share of what they were worth, counted in ten-percent buckets.
#pragma once

#include <array>
#include <cstdint>

#include "claims/case.hpp"
#include "claims/record/run_record.hpp"

namespace kanzai::tools {

// buckets[0..9]: claimants recovering [0%,10%) ... [90%,100%); buckets[10]: exactly 100%
// (or more, which the invariants rule out). A claimant's rate is SPEC's recovery rate summed
// over its claims: (value at `price` of in-kind allocations + fund and estate allocations) /
// (value at `price` of its admitted and disputed amounts). Claimants whose claims are worth
// 0 are not counted. Creditors are not claimants.
struct RecoveryHistogram {
    std::array<std::uint64_t, 11> buckets{};
    std::uint64_t claimants_count = 0;
};

[[nodiscard]] RecoveryHistogram recovery_histogram(const claims::CaseConfig& config,
                                                   const claims::RunRecord& run);

}  // namespace kanzai::tools
