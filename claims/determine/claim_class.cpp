// Classes and code suffixes of decisions.
#include "claims/determine/claim_class.hpp"

#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

bool is_insider(const Case& loaded, const Decision& decision) {
    if (decision.customer_index == no_index) {
        return false;
    }
    const CustomerKind kind = loaded.customers[decision.customer_index].kind;
    return kind == CustomerKind::insider || kind == CustomerKind::affiliate;
}

}  // namespace

void classify_claims(const Case& loaded, std::vector<Decision>& decisions) {
    const Rules& rules = loaded.config.rules;
    for (Decision& decision : decisions) {
        KANZAI_ASSERT(decision.admitted.count >= 0);
        KANZAI_ASSERT(decision.disputed.count >= 0);
        decision.late_suffix = false;
        decision.insider_suffix = false;
        if (decision.admitted.count == 0 && decision.disputed.count == 0) {
            decision.claim_class = ClaimClass::none;
            continue;
        }
        decision.late_suffix = decision.is_late && rules.late == LateRule::subordinate;
        decision.insider_suffix =
            is_insider(loaded, decision) && rules.insiders == InsidersRule::subordinate;
        const bool subordinated = decision.late_suffix || decision.insider_suffix;
        decision.claim_class = subordinated ? ClaimClass::subordinated : ClaimClass::customer;
    }
}

}  // namespace kanzai::claims
