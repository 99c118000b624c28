// Placeholder until determination lands.
#include "claims/determine.hpp"

namespace kanzai::claims {

Determination determine_claims(const Case& /*loaded*/, Diagnostics& diagnostics) {
    diagnostics.error({.file = "claims.csv", .line = 1, .column = 0},
                      "claim determination is not built yet");
    return {};
}

}  // namespace kanzai::claims
