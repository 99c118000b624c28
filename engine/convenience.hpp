// The convenience class inside the engine (SPEC step 0; apply_convenience_class itself is in
// waterfall.hpp, for callers).
#pragma once

#include <cstdint>

#include "engine/waterfall.hpp"

namespace kanzai::engine {

// Line i's whole value at price.
[[nodiscard]] Int128 line_value(const WaterfallInput& input, std::uint32_t i);

// The class's claimants, electors and claims, from lines already classified (allocated is
// the estate's to fill).
[[nodiscard]] ConvenienceResult count_convenience_class(const WaterfallInput& input);

// Step 0 redone from the lines as they were before it: the same lines in the class, the same
// shares of k_g. A difference is KANZAI_ASSERT (exit 3).
void check_convenience_class(const WaterfallInput& input);

}  // namespace kanzai::engine
