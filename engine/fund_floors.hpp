// What a fund's step would take (SPEC "Stress scenarios", stress_funds.csv): every floor
// paid, the largest floor the fund can afford, and who was made whole, from each claimant's
// e_g and award at that step.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "engine/money.hpp"

namespace kanzai::engine {

struct FundFloorsInput {
    Value available;                   // what the fund could pay
    std::span<const Int128> eligible;  // e_g per claimant, after the cap
    std::span<const Int128> awarded;   // the fund's award per claimant (same size)
    std::optional<Value> floor;        // the fund's floor, if it has one
};

struct FundFloors {
    Value floors;     // sum min(e_g, floor); 0 without a floor
    Value max_floor;  // the largest F with sum min(e_g, F) <= available (see below)
    std::uint32_t claimants_eligible = 0;  // e_g > 0
    std::uint32_t claimants_whole = 0;     // e_g > 0 and awarded all of it
};

// SPEC stress_funds.csv. max_floor: when sum e_g <= available, the largest e_g (0 with no
// claimant); else the largest whole F with sum min(e_g, F) <= available, found by binary
// search over [0, max e_g] (the sum is non-decreasing in F). Asserts the sizes agree and
// every award is in [0, e_g].
[[nodiscard]] FundFloors compute_fund_floors(const FundFloorsInput& input);

}  // namespace kanzai::engine
