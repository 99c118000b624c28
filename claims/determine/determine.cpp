// Claim determination, in the order SPEC "Determination of claims" needs: entitlements and
// set-off, amendments, standing claims, deemed claims (which depend on whether a barred
// claim has a determination), determinations, classes, values, claimants, payees.
#include "claims/determine/determine.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <tuple>

#include <fmt/format.h>

#include "claims/determine/amendments.hpp"
#include "claims/determine/bounds.hpp"
#include "claims/determine/claim_class.hpp"
#include "claims/determine/claimants.hpp"
#include "claims/determine/deemed_claims.hpp"
#include "claims/determine/entitlement.hpp"
#include "claims/determine/overrides.hpp"
#include "claims/determine/set_off.hpp"
#include "claims/determine/standing_claim.hpp"
#include "claims/determine/transfers.hpp"

namespace kanzai::claims {
namespace {

// Claim ids of claims.csv are unique and never begin `deemed:` (both checked by the
// loader), but `deemed:<customer_id>:<asset>` can name two pairs when ids contain ':'
// ("deemed:a:b:c" is a:b in c and a in b:c). Such a case cannot be determined; report it.
void check_unique_ids(const Case& loaded, const std::vector<Decision>& decisions,
                      Diagnostics& diagnostics) {
    const std::uint32_t column = loaded.column_of("customers.csv", "customer_id");
    for (std::size_t i = 1; i < decisions.size(); ++i) {
        const Decision& previous = decisions[i - 1];
        const Decision& current = decisions[i];
        if (previous.claim_id != current.claim_id || current.customer_index == no_index) {
            continue;
        }
        diagnostics.error(
            {.file = "customers.csv",
             .line = loaded.customers[current.customer_index].line,
             .column = column},
            fmt::format("deemed claim id \"{}\" would name two claims (customer \"{}\" in {} "
                        "and customer \"{}\" in {}); rename the customer",
                        current.claim_id, previous.customer_id(loaded), previous.asset(loaded),
                        current.customer_id(loaded), current.asset(loaded)));
    }
}

// Sorts by claim_id (bytes). A decision is large, so the ids are sorted as views with
// their positions and each decision is then moved once, along the cycles of the
// permutation, instead of at every step of the sort. The decisions come as two
// runs, those of claims.csv (in file order) then the deemed ones (in customer order);
// each is often sorted already (claims.csv by id, customers.csv by id), so each run is
// sorted only when it is not, and the two are merged: linear for sorted input.
void sort_by_claim_id(std::vector<Decision>& decisions, std::size_t filed_count) {
    struct Key {
        std::string_view claim_id;
        std::uint32_t index = 0;
    };
    std::vector<Key> keys;
    keys.reserve(decisions.size());
    for (std::uint32_t i = 0; i < decisions.size(); ++i) {
        keys.push_back({.claim_id = decisions[i].claim_id, .index = i});
    }
    const auto less = [](const Key& a, const Key& b) {
        // Equal ids (reported by check_unique_ids) keep their order.
        return std::tie(a.claim_id, a.index) < std::tie(b.claim_id, b.index);
    };
    const auto middle = keys.begin() + static_cast<std::ptrdiff_t>(filed_count);
    if (!std::is_sorted(keys.begin(), middle, less)) {
        std::sort(keys.begin(), middle, less);
    }
    if (!std::is_sorted(middle, keys.end(), less)) {
        std::sort(middle, keys.end(), less);
    }
    std::inplace_merge(keys.begin(), middle, keys.end(), less);
    // Position `at` receives the decision now at keys[at].index.
    std::vector<bool> placed(decisions.size(), false);
    for (std::uint32_t start = 0; start < decisions.size(); ++start) {
        if (placed[start]) {
            continue;
        }
        Decision held = std::move(decisions[start]);
        std::uint32_t at = start;
        while (keys[at].index != start) {
            decisions[at] = std::move(decisions[keys[at].index]);
            placed[at] = true;
            at = keys[at].index;
        }
        decisions[at] = std::move(held);
        placed[at] = true;
    }
}

// SPEC: a claim whose customer is unknown has no claimant index (its id is the claimant's,
// Determination::claimant_id).
void set_values_and_claimants(const Case& loaded, const Claimants& claimants,
                              std::vector<Decision>& decisions) {
    for (Decision& decision : decisions) {
        // Nothing admitted is worth 0 whatever the price and rounding (no wide division). A
        // value above 2^127 - 1 is left 0 here and reported by check_distribution_bounds.
        decision.value = decision.asset_index == no_index || decision.admitted.count == 0
                             ? Value{0}
                             : engine::try_value_of(decision.admitted,
                                                    loaded.config.valuation(decision.asset_index))
                                   .value_or(Value{0});
        decision.claimant_index = decision.customer_index == no_index
                                      ? no_index
                                      : claimants.of_customer[decision.customer_index];
    }
}

}  // namespace

Determination determine_claims(const Case& loaded, Diagnostics& diagnostics) {
    Determination result;
    std::vector<Entitlement> entitlements = sum_entitlements(loaded.ledger);
    result.set_offs = apply_set_off(entitlements, loaded, diagnostics);

    const Amendments amendments = resolve_amendments(loaded, diagnostics);
    std::vector<Decision> decisions = decide_filed_claims(loaded, entitlements, amendments);
    // Deemed claims come before determinations are applied: whether one exists depends on
    // whether the barred standing claim has a row in determinations.csv, not on its
    // content; and a determination may then name the deemed claim itself.
    const std::size_t filed_count = decisions.size();
    deem_claims(loaded, entitlements, determined_claim_ids(loaded), decisions,
                result.deemed_ids);
    entitlements = {};  // no longer needed: its memory is free for what follows
    sort_by_claim_id(decisions, filed_count);
    check_unique_ids(loaded, decisions, diagnostics);

    apply_determinations(loaded, decisions, diagnostics);
    classify_claims(loaded, decisions);
    Claimants claimants = find_claimants(loaded);
    set_values_and_claimants(loaded, claimants, decisions);
    check_distribution_bounds(loaded, decisions, diagnostics);
    result.transfer_findings = apply_transfers(loaded, decisions, diagnostics);

    result.decisions = std::move(decisions);
    result.claimant_ids = std::move(claimants.ids);
    result.claimant_of_customer = std::move(claimants.of_customer);
    return result;
}

}  // namespace kanzai::claims
