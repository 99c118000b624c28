// SPEC "Amendments": which claim supersedes which, and the related-back filing date.
#pragma once

#include <cstdint>
#include <vector>

#include "claims/case.hpp"
#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// Per claim of Case::claims (same index).
struct Amendments {
    std::vector<std::uint32_t> amends;      // the claim this one amends, or no_index
    std::vector<std::uint32_t> amended_by;  // the claim that supersedes this one, or no_index
    // The filing date for every rule: the chain's first claim's filed_on for every
    // amendment of the chain (an amendment relates back to the original filing).
    std::vector<Date> filed_on;
};

// Resolves every `amends` of claims.csv. Errors, each at claims.csv:<line>:<amends column>
// of the offending claim: naming no claim, amending itself, naming a claim of another
// customer or asset, amending a claim already amended (the later line is the error; the
// message names the earlier), and every claim of a cycle. An erroneous link is dropped
// (claims of a cycle amend nothing), so the result is always well formed.
// Flat hash index + linear walks: O(n).
[[nodiscard]] Amendments resolve_amendments(const Case& loaded, Diagnostics& diagnostics);

}  // namespace kanzai::claims
