// Spellings of decision codes and classes (SPEC "Determination of claims"), one table each.
#include "claims/decision.hpp"

#include <algorithm>

namespace kanzai::claims {

std::string_view text_of(DecisionCode code) {
    // The order of DecisionCode; a code is never renamed or reused (STYLE.md §2).
    constexpr std::string_view names[] = {
        "R-UNKNOWN-CUSTOMER", "R-UNKNOWN-ASSET",   "R-LATE-BARRED",     "R-NO-BALANCE",
        "R-AMENDED",          "R-DUPLICATE",       "A-MATCHES-LEDGER",  "P-EXCESS-DISPUTED",
        "P-EXCESS-REJECTED",  "D-DEEMED",          "O-DETERMINATION",
    };
    return names[static_cast<int>(code)];
}

std::string_view text_of(ClaimClass value) {
    constexpr std::string_view names[] = {"", "customer", "subordinated"};
    return names[static_cast<int>(value)];
}

std::string Decision::full_code() const {
    // SPEC "Class": suffixes only on a subordinated claim, `+LATE` before `+INSIDER`.
    std::string result(text_of(code));
    if (claim_class == ClaimClass::subordinated) {
        if (late_suffix) {
            result += "+LATE";
        }
        if (insider_suffix) {
            result += "+INSIDER";
        }
    }
    return result;
}

std::uint32_t find_decision(const std::vector<Decision>& decisions, std::string_view claim_id) {
    const auto found = std::lower_bound(
        decisions.begin(), decisions.end(), claim_id,
        [](const Decision& decision, std::string_view id) { return decision.claim_id < id; });
    if (found == decisions.end() || found->claim_id != claim_id) {
        return no_index;
    }
    return static_cast<std::uint32_t>(found - decisions.begin());
}

}  // namespace kanzai::claims
