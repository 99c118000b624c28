// The general estate (SPEC step 4): admin, priority, convenience, general, subordinated,
// then the residue.
#include "engine/estate.hpp"

#include <algorithm>
#include <cstdint>

#include "engine/assert.hpp"
#include "engine/largest_remainder.hpp"
#include "engine/pools.hpp"

namespace kanzai::engine {
namespace {

// One claim in an estate class: a line or a creditor, with its claim value.
struct ClassClaim {
    bool is_creditor = false;
    std::uint32_t index = 0;  // into input.lines or input.creditors
};

struct ClassClaims {
    std::vector<ClassClaim> claims;
    std::vector<Int128> weights;

    void push(bool is_creditor, std::uint32_t index, Int128 weight) {
        KANZAI_ASSERT(weight >= 0);
        if (weight > 0) {  // a zero claim can get nothing; leaving it out changes no part
            claims.push_back({.is_creditor = is_creditor, .index = index});
            weights.push_back(weight);
        }
    }
};

// The class's claims in its tie order (SPEC step 4): lines in line order, then creditors
// by creditor_id.
ClassClaims collect_class(const WaterfallInput& input, const WaterfallResult& result,
                          EstateClass estate_class) {
    ClassClaims collected;
    if (estate_class != EstateClass::admin && estate_class != EstateClass::priority) {
        for (std::uint32_t i = 0; i < input.lines.size(); ++i) {
            const EstatePlace place = estate_place(input, result, i);
            if (place.estate_class == estate_class) {
                collected.push(false, i, place.claim);
            }
        }
    }
    for (std::uint32_t c = 0; c < input.creditors.size(); ++c) {
        if (input.creditors[c].estate_class == estate_class) {
            collected.push(true, c, input.creditors[c].amount.count);
        }
    }
    return collected;
}

// The estate value (SPEC step 4): cash + non-segregated holdings and pool surpluses at
// estate_price (one figure per asset each) + fund leftovers that reach the estate.
void value_estate(const WaterfallInput& input, WaterfallResult& result) {
    EstateResult& estate = result.estate;
    estate.cash = input.estate_cash;
    for (const WaterfallAsset& asset : input.assets) {
        estate.non_segregated =
            add(estate.non_segregated, value_of(asset.non_segregated, estate_valuation(asset)));
    }
    for (const PoolResult& pool : result.pools) {
        estate.from_pools_and_funds = add(estate.from_pools_and_funds, pool.surplus_value);
    }
    for (const FundResult& fund : result.funds) {
        if (!fund.leftover_to_next) {
            estate.from_pools_and_funds = add(estate.from_pools_and_funds, fund.leftover);
        }
    }
    estate.available = add(add(estate.cash, estate.non_segregated), estate.from_pools_and_funds);
    estate.tranche = input.estate_tranche;
}

}  // namespace

EstatePlace estate_place(const WaterfallInput& input, const WaterfallResult& result,
                         std::uint32_t i) {
    const LineResult& line = result.lines[i];
    switch (input.lines[i].line_class) {
        case LineClass::convenience:
            return {.estate_class = EstateClass::convenience,
                    .claim = input.convenience->line_claims[i],
                    .tranche = input.convenience->tranche};
        case LineClass::customer:
            return {.estate_class = EstateClass::general,
                    .claim = line.shortfall_remaining.count,
                    .tranche = input.estate_tranche};
        case LineClass::subordinated:
            return {.estate_class = EstateClass::subordinated,
                    .claim = line.line_value.count,
                    .tranche = input.estate_tranche};
    }
    KANZAI_ASSERT(false);
    return {};
}

void allocate_estate(const WaterfallInput& input, WaterfallResult& result, EstateParts& parts) {
    value_estate(input, result);
    EstateResult& estate = result.estate;
    Value remaining = estate.available;
    parts = {};
    std::vector<Int128> shares;
    for (std::uint32_t k = 0; k < estate_classes_count; ++k) {
        const ClassClaims collected = collect_class(input, result, static_cast<EstateClass>(k));
        Value claims;
        for (const Int128 weight : collected.weights) {
            claims = add(claims, Value{weight});
        }
        shares.resize(collected.weights.size());
        // Within a class pro-rata (W <= P pays every claim in full).
        split_largest_remainder({.pool = remaining.count, .weights = collected.weights}, shares);
        const Value allocated = std::min(remaining, claims);
        KANZAI_MAYBE(allocated == claims);  // the class is paid in full; the next one shares
        estate.classes[k] = {.claims = claims, .allocated = allocated};
        remaining = sub(remaining, allocated);
        // Admin and priority hold only creditors.
        const auto estate_class = static_cast<EstateClass>(k);
        std::vector<LinePart>& line_parts =
            estate_class == EstateClass::convenience ? parts.convenience_lines
            : estate_class == EstateClass::general   ? parts.general_lines
                                                     : parts.subordinated_lines;
        for (std::size_t j = 0; j < shares.size(); ++j) {
            if (shares[j] > 0) {
                const ClassClaim& claim = collected.claims[j];
                (claim.is_creditor ? parts.creditors : line_parts)
                    .push_back({.index = claim.index, .amount = shares[j]});
            }
        }
        estate.allocated = add(estate.allocated, allocated);
    }
    estate.residue = remaining;
    KANZAI_ASSERT(estate.residue.count >= 0);
    // Class order to creditor order (a creditor is in one class).
    std::sort(parts.creditors.begin(), parts.creditors.end(),
              [](const LinePart& a, const LinePart& b) { return a.index < b.index; });
}

}  // namespace kanzai::engine
