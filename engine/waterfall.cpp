// Placeholder until the waterfall lands.
#include "engine/waterfall.hpp"

#include "engine/assert.hpp"

namespace kanzai::engine {

WaterfallResult run_waterfall(const WaterfallInput& /*input*/) {
    KANZAI_ASSERT(false && "the waterfall is not built yet");
    return {};
}

void check_waterfall_invariants(const WaterfallInput& /*input*/,
                                const WaterfallResult& /*result*/) {}

}  // namespace kanzai::engine
