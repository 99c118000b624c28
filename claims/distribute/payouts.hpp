// The payout schedule (SPEC "Payouts"): allocations grouped by (payee, asset paid, tranche,
// status), earlier payments caught up, small amounts held below the minimum, numbered.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/diagnostics.hpp"
#include "claims/distribute/distribution.hpp"

namespace kanzai::claims {

// In the SPEC's order of precedence; `below_minimum` and `payable` are the two outcomes of
// an eligible amount.
enum class PayoutStatus { held_review, frozen_sanctions, held_disputed, held_kyc, below_minimum,
                          payable };
[[nodiscard]] std::string_view text_of(PayoutStatus status);

struct Payout {
    // Customer id or "creditor:<creditor_id>": a view into Case::customers or into
    // PayoutSchedule::payee_texts, valid while both live.
    std::string_view payee_id;
    std::uint32_t asset_index = no_index;
    int tranche = 1;
    PayoutStatus status = PayoutStatus::payable;
    Int128 amount = 0;  // > 0, minor units of the asset
};

struct Overpayment {
    std::string payee_id;
    std::uint32_t asset_index = no_index;
    Int128 amount = 0;  // paid earlier beyond everything now eligible
};

// SPEC summary.json "conversions": what was converted from one asset into another, summed
// over every converted allocation whatever its status, before catch-up.
struct Conversion {
    std::uint32_t from_asset = no_index;
    std::uint32_t to_asset = no_index;
    Int128 from_amount = 0;
    Int128 to_amount = 0;
};

struct PayoutSchedule {
    std::vector<Payout> payouts;  // sorted (payee_id, asset id, tranche, status text); id = i+1
    std::vector<Overpayment> overpayments;  // by payee_id, asset id
    std::vector<Conversion> conversions;    // by from_asset, to_asset (asset ids)
    // A converted amount above 2^127 - 1 (SPEC: invalid input at its source): reported at
    // the asset's distribution_price (or its [assets] table for a sale at estate_price).
    std::vector<Diagnostic> conversion_errors;
    // The ids of payees that are not customers ("creditor:<creditor_id>"), sorted: payouts
    // view them. Held by pointer: a move keeps them in place, a copy does not compile.
    std::unique_ptr<const std::vector<std::string>> payee_texts;
};

// An allocation as it is paid (SPEC "Asset paid"): the asset and the amount in it, and for
// a converted one the price used (a sale: the allocated asset's estate_price; a conversion
// of money: the distribution_price of the asset paid).
struct AssetPaid {
    std::uint32_t asset_index = 0;
    Int128 amount = 0;
    bool is_converted = false;
    engine::Price price;  // when is_converted
};

// The asset paid of every allocation of the distribution, in its order, as schedule_payouts
// groups them (for explanations); nullopt where the converted amount would exceed 2^127 - 1.
[[nodiscard]] std::vector<std::optional<AssetPaid>> assets_paid(
    const Case& loaded, const Determination& determination, const Distribution& distribution);

// The payee of each allocation: the claim's payee, or "creditor:<id>".
[[nodiscard]] std::string payee_of(const Case& loaded, const Determination& determination,
                                   const Distribution& distribution,
                                   const engine::Allocation& allocation);

// The claim of each allocation, as allocations.csv names it: the decision's claim_id, or
// "creditor:<id>".
[[nodiscard]] std::string claim_id_of(const Case& loaded, const Determination& determination,
                                      const Distribution& distribution,
                                      const engine::Allocation& allocation);

// "admitted" or "disputed": the portion of the allocation's line ("admitted" for a creditor).
[[nodiscard]] const char* portion_of(const Distribution& distribution,
                                     const engine::Allocation& allocation);

// Whether an allocation is eligible (payable or below_minimum) rather than held (SPEC
// "Payouts": the status of an allocation), as schedule_payouts decides it.
[[nodiscard]] bool is_eligible(const Case& loaded, const Determination& determination,
                               const Distribution& distribution,
                               const engine::Allocation& allocation);

// Builds the schedule and checks SPEC's invariant: per payee and asset, payouts of every
// status + earlier payments applied = allocations (KANZAI_ASSERT).
[[nodiscard]] PayoutSchedule schedule_payouts(const Case& loaded,
                                              const Determination& determination,
                                              const Distribution& distribution);

}  // namespace kanzai::claims
