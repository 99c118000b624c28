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

std::string_view Decision::customer_id(const Case& loaded) const {
    return is_deemed ? std::string_view(loaded.customers[customer_index].id)
                     : std::string_view(loaded.claims[claim_index].customer_id);
}

Units Decision::filed(const Case& loaded) const {
    return is_deemed || asset_index == no_index ? Units{0} : loaded.claims[claim_index].amount;
}

std::string_view Decision::asset(const Case& loaded) const {
    return is_deemed ? std::string_view(loaded.config.assets[asset_index].id)
                     : std::string_view(loaded.claims[claim_index].asset);
}

std::string_view Decision::filed_text(const Case& loaded) const {
    return is_deemed ? std::string_view()
                     : std::string_view(loaded.claims[claim_index].amount_text);
}

std::string_view Decision::payee_id(const Case& loaded) const {
    // A transfer is applied only to a customer (transfers.cpp), found by its exact id, so
    // the payee's id is that customer's; a claim of an unknown customer keeps its id. The
    // claim's own customer is read where customer_id reads it (no second lookup).
    if (payee_index == no_index || payee_index == customer_index) {
        return customer_id(loaded);
    }
    return loaded.customers[payee_index].id;
}

std::string_view Determination::claimant_id(const Case& loaded, const Decision& decision) const {
    // SPEC: a claim whose customer is unknown has that id as claimant.
    return decision.claimant_index == no_index
               ? decision.customer_id(loaded)
               : claimant_ids[decision.claimant_index];
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
