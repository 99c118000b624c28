// SPEC "Claimants": customers who share any identity key (key_type, key) of
// identities.csv are one claimant, whose id is its smallest customer_id.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "claims/case.hpp"

namespace kanzai::claims {

struct Claimants {
    // Sorted (bytes); a claimant index indexes this. Views of customer ids in the Case.
    std::vector<std::string_view> ids;
    std::vector<std::uint32_t> of_customer;     // customer index -> claimant index
};

// The connected components of the customer-key graph (keys compared as exact bytes);
// every customer is in exactly one claimant (alone when it has no shared key).
// O((customers + identities) log identities).
[[nodiscard]] Claimants find_claimants(const Case& loaded);

}  // namespace kanzai::claims
