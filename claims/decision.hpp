// The outcome of claim determination (SPEC "Determination of claims"): one decision per
// claim of claims.csv and per deemed claim, the claimants, payees and findings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claims/case.hpp"
#include "claims/text_pool.hpp"

namespace kanzai::claims {

enum class DecisionCode : std::uint8_t {
    r_unknown_customer,
    r_unknown_asset,
    r_late_barred,
    r_no_balance,
    r_amended,
    r_duplicate,
    a_matches_ledger,
    p_excess_disputed,
    p_excess_rejected,
    d_deemed,
    o_determination,
};

// "R-UNKNOWN-CUSTOMER", "A-MATCHES-LEDGER", ... (SPEC spelling, no suffix).
[[nodiscard]] std::string_view text_of(DecisionCode code);

enum class ClaimClass : std::uint8_t { none, customer, subordinated };
[[nodiscard]] std::string_view text_of(ClaimClass value);  // "", "customer", "subordinated"

// One decision, kept small (2M of them at 1M customers; 368 bytes with seven
// std::string fields, now 144 and no heap allocation). Text that the Case already holds is
// not copied: ids are read from the Case through the accessors below (the lifetime rule is
// on Determination), and the reason is not stored but rendered when it is printed, from the
// code and the few facts kept here (claims/reasons.hpp). Every accessor returns exactly the
// bytes the outputs print.
struct Decision {
    // "deemed:<customer_id>:<asset>" for deemed claims. A view into the Case (claims.csv's
    // id) or into Determination::deemed_ids.
    std::string_view claim_id;
    Units ledger;    // E(c,a) after set-off, 0 if negative
    Units admitted;
    Units disputed;
    Value value;     // admitted valued at price
    // For the reason only: E(c,a) before set-off, as ledger.csv sums it (may be negative);
    // meaningful when has_entitlement.
    Units ledger_before;

    std::uint32_t claim_index = no_index;     // row of Case::claims; no_index when deemed
    std::uint32_t customer_index = no_index;  // no_index: unknown customer
    std::uint32_t asset_index = no_index;     // no_index: unknown asset
    // Parties (SPEC "Claimants", "Transfers and payees").
    std::uint32_t claimant_index = no_index;  // into Determination::claimant_ids
    std::uint32_t payee_index = no_index;     // customer index of the payee

    // What the reason names besides the claim itself, by code (see reasons.hpp):
    // r_amended: the superseding claim; r_duplicate: the standing claim; d_deemed: the
    // barred standing claim (no_index: no claim filed); o_determination: the row of
    // Case::determinations; other codes of a claims.csv row: the claim it amends (no_index:
    // none). Rows of Case::claims unless said otherwise.
    std::uint32_t reason_ref = no_index;
    // r_duplicate: the standing claim's related-back filed_on; other codes of a claims.csv
    // row: this claim's related-back filed_on.
    Date reason_date;

    DecisionCode code = DecisionCode::r_no_balance;
    ClaimClass claim_class = ClaimClass::none;
    bool is_deemed = false;
    bool is_late = false;               // filed (related back) after bar_date
    bool late_suffix = false;           // "+LATE": subordinated because late
    bool insider_suffix = false;        // "+INSIDER": subordinated because insider or affiliate
    bool has_transfer_finding = false;  // all payouts of the claim: held_review
    bool has_entitlement = false;       // the customer has an account in the asset

    // "P-EXCESS-DISPUTED+LATE+INSIDER": the code with its suffixes, as written in outputs.
    [[nodiscard]] std::string full_code() const;

    // The texts of the outputs, read from `loaded`, the Case this decision was determined
    // from. customer_id and asset as written in claims.csv (deemed claims: the customer's
    // and asset's ids); filed_text as written, empty for deemed claims; payee_id the
    // holder after the last applied transfer (a claim of an unknown customer: that id).
    [[nodiscard]] std::string_view customer_id(const Case& loaded) const;
    [[nodiscard]] std::string_view asset(const Case& loaded) const;
    [[nodiscard]] std::string_view filed_text(const Case& loaded) const;
    [[nodiscard]] std::string_view payee_id(const Case& loaded) const;
    // The amount filed: 0 for deemed claims and unknown assets.
    [[nodiscard]] Units filed(const Case& loaded) const;
};

// SPEC "Set-off": for a customer with debts, D and V and the resulting receivable.
struct SetOff {
    std::uint32_t customer_index = no_index;
    Value debt;            // D
    Value positive_value;  // V
    Value receivable;      // D - V when D > V, else 0
};

struct TransferFinding {
    std::string claim_id;
    std::string transfer_id;
    std::string message;  // "from_id C2 is not the holder C1"
};

// Lifetime rule: a Determination reads text from the Case it was determined from (claim
// ids, customer ids, assets, amounts as written, determinations' reasons), so that Case must
// outlive it and its claims, customers, config.assets and determinations must stay
// unchanged (its ledger and identities are not read after determination and may be freed:
// tools/run_pipeline.cpp does). Moving the Case is fine: the views point into the elements
// of its vectors, which a move of a vector keeps in place. Every caller keeps both side by
// side (tools/run_pipeline.hpp ComputedRun, tools/check_command.cpp, the tests).
struct Determination {
    std::vector<Decision> decisions;          // sorted by claim_id (bytes)
    // Sorted (bytes); claimant_index indexes this. Views of customer ids in the Case.
    std::vector<std::string_view> claimant_ids;
    std::vector<std::uint32_t> claimant_of_customer;  // customer index -> claimant index
    std::vector<SetOff> set_offs;             // customers with D > 0, by customer id
    std::vector<TransferFinding> transfer_findings;  // by claim_id, then transfer_id
    TextPool deemed_ids;  // the text of deemed claims' claim_id

    // The claimant's id (SPEC "Claimants"); a claim of an unknown customer: that id.
    [[nodiscard]] std::string_view claimant_id(const Case& loaded,
                                               const Decision& decision) const;
};

// The index of the decision of `claim_id` in `decisions` sorted by claim_id (bytes), or
// no_index. Binary search: O(log n).
[[nodiscard]] std::uint32_t find_decision(const std::vector<Decision>& decisions,
                                          std::string_view claim_id);

}  // namespace kanzai::claims
