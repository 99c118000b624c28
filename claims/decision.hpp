// The outcome of claim determination (SPEC "Determination of claims"): one decision per
// claim of claims.csv and per deemed claim, the claimants, payees and findings.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claims/case.hpp"

namespace kanzai::claims {

enum class DecisionCode {
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

enum class ClaimClass { none, customer, subordinated };
[[nodiscard]] std::string_view text_of(ClaimClass value);  // "", "customer", "subordinated"

struct Decision {
    std::string claim_id;  // "deemed:<customer_id>:<asset>" for deemed claims
    bool is_deemed = false;
    std::string customer_id;
    std::uint32_t customer_index = no_index;  // no_index: unknown customer
    std::string asset;                        // as written
    std::uint32_t asset_index = no_index;     // no_index: unknown asset
    std::string filed_text;                   // as written; empty for deemed claims
    Units filed;                              // 0 for deemed claims and unknown assets
    Units ledger;                             // E(c,a) after set-off, 0 if negative
    Units admitted;
    Units disputed;
    ClaimClass claim_class = ClaimClass::none;
    DecisionCode code = DecisionCode::r_no_balance;
    bool is_late = false;         // filed (related back) after bar_date
    bool late_suffix = false;     // "+LATE": subordinated because late
    bool insider_suffix = false;  // "+INSIDER": subordinated because insider or affiliate
    std::string reason;           // one line
    Value value;                  // admitted valued at price

    // Parties (SPEC "Claimants", "Transfers and payees").
    std::string claimant_id;                   // of the original customer
    std::uint32_t claimant_index = no_index;   // into Determination::claimant_ids
    std::string payee_id;                      // holder after the last applied transfer
    std::uint32_t payee_index = no_index;      // customer index of the payee
    bool has_transfer_finding = false;         // all payouts of the claim: held_review

    // "P-EXCESS-DISPUTED+LATE+INSIDER": the code with its suffixes, as written in outputs.
    [[nodiscard]] std::string full_code() const;
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

struct Determination {
    std::vector<Decision> decisions;          // sorted by claim_id (bytes)
    std::vector<std::string> claimant_ids;    // sorted (bytes); claimant_index indexes this
    std::vector<std::uint32_t> claimant_of_customer;  // customer index -> claimant index
    std::vector<SetOff> set_offs;             // customers with D > 0, by customer id
    std::vector<TransferFinding> transfer_findings;  // by claim_id, then transfer_id
};

// The index of the decision of `claim_id` in `decisions` sorted by claim_id (bytes), or
// no_index. Binary search: O(log n).
[[nodiscard]] std::uint32_t find_decision(const std::vector<Decision>& decisions,
                                          std::string_view claim_id);

}  // namespace kanzai::claims
