// The convenience class inside the engine (SPEC step 0; apply_convenience_class itself is in
// waterfall.hpp, for callers).
#pragma once

#include <cstdint>
#include <optional>

#include "engine/waterfall.hpp"

namespace kanzai::engine {

// Line i's whole value at price.
[[nodiscard]] Int128 line_value(const WaterfallInput& input, std::uint32_t i);

// The class's claimants, electors and claims, from lines already classified (allocated is
// the estate's to fill).
[[nodiscard]] ConvenienceResult count_convenience_class(const WaterfallInput& input);

// Claimant g's part in step 0, read from an input step 0 was applied to (for explanations).
struct ConvenienceClaimant {
    std::optional<Int128> value;  // c_g, its customer-class lines at price; nullopt: > 2^127-1
    bool in_class = false;
    bool by_election = false;     // in the class though c_g is above the threshold
    Int128 claim = 0;             // k_g: the sum of its lines' shares
};
[[nodiscard]] ConvenienceClaimant convenience_claimant(const WaterfallInput& input,
                                                       std::uint32_t g);

// Step 0 redone from the lines as they were before it: the same lines in the class, the same
// shares of k_g. A difference is KANZAI_ASSERT (exit 3).
void check_convenience_class(const WaterfallInput& input);

}  // namespace kanzai::engine
