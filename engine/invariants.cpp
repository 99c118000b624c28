// SPEC "Invariants" for the waterfall, checked in O(n) at the end of every run and again by
// whoever reads a run back. Each law is recomputed from the input and the allocations, not
// taken from the per-source totals it is meant to confirm.
#include <algorithm>
#include <cstdint>
#include <tuple>

#include "engine/assert.hpp"
#include "engine/convenience.hpp"
#include "engine/pools.hpp"
#include "engine/waterfall.hpp"

namespace kanzai::engine {
namespace {

// Totals rebuilt from the allocations alone.
struct Sums {
    std::vector<Units> pool_allocated;    // per asset
    std::vector<Value> fund_allocated;    // per fund
    std::array<Value, estate_classes_count> class_allocated{};
};

// One line's figures rebuilt from its allocations (which are contiguous: by line).
struct LineSums {
    Units pool_units;
    Value remaining;  // shortfall value not yet paid by a fund
};

void check_shapes(const WaterfallInput& input, const WaterfallResult& result) {
    KANZAI_ASSERT(result.pools.size() == input.assets.size());
    KANZAI_ASSERT(result.funds.size() == input.funds.size());
    KANZAI_ASSERT(result.lines.size() == input.lines.size());
    KANZAI_ASSERT(input.currency_index < input.assets.size());
}

// The allocation order of WaterfallResult: by line (creditors last), then source order; at
// most one allocation per line and source. This also makes "remaining before the fund"
// well defined while walking the allocations.
auto order_key(const Allocation& allocation) {
    return std::make_tuple(allocation.is_creditor, allocation.recipient_index,
                           allocation.source_kind, allocation.source_index);
}

void check_creditor_allocation(const WaterfallInput& input, const Allocation& allocation) {
    KANZAI_ASSERT(allocation.recipient_index < input.creditors.size());
    const WaterfallCreditor& creditor = input.creditors[allocation.recipient_index];
    KANZAI_ASSERT(allocation.source_kind == SourceKind::estate);
    KANZAI_ASSERT(allocation.source_index == static_cast<std::uint32_t>(creditor.estate_class));
    KANZAI_ASSERT(allocation.weight == creditor.amount.count);
}

// One line's allocation: the right source for its class, the right asset and tranche, and
// the bounds of SPEC "Invariants" (in kind at most its units; from a fund at most its
// remaining shortfall value before that fund; from the estate at most its claim there).
void check_line_allocation(const WaterfallInput& input, const WaterfallResult& result,
                           const Allocation& allocation, LineSums& line_sums, Sums& sums) {
    KANZAI_ASSERT(allocation.recipient_index < input.lines.size());
    const std::uint32_t i = allocation.recipient_index;
    const WaterfallLine& line = input.lines[i];
    const bool is_customer = line.line_class == LineClass::customer;
    if (allocation.source_kind == SourceKind::pool) {
        KANZAI_ASSERT(is_customer);
        KANZAI_ASSERT(allocation.source_index == line.asset_index);
        KANZAI_ASSERT(allocation.asset_index == line.asset_index);
        KANZAI_ASSERT(allocation.tranche == 1);
        KANZAI_ASSERT(allocation.weight == line.units.count);
        KANZAI_ASSERT(allocation.amount <= line.units.count);
        line_sums.pool_units = Units{allocation.amount};
        sums.pool_allocated[line.asset_index] =
            add(sums.pool_allocated[line.asset_index], Units{allocation.amount});
        return;
    }
    KANZAI_ASSERT(allocation.asset_index == input.currency_index);
    if (allocation.source_kind == SourceKind::fund) {
        KANZAI_ASSERT(is_customer);
        KANZAI_ASSERT(allocation.source_index < input.funds.size());
        const WaterfallFund& fund = input.funds[allocation.source_index];
        KANZAI_ASSERT(fund.covers_asset[line.asset_index]);
        KANZAI_ASSERT(allocation.tranche == fund.tranche);
        KANZAI_ASSERT(allocation.weight == line_sums.remaining.count);
        KANZAI_ASSERT(allocation.amount <= line_sums.remaining.count);
        line_sums.remaining = sub(line_sums.remaining, Value{allocation.amount});
        sums.fund_allocated[allocation.source_index] =
            add(sums.fund_allocated[allocation.source_index], Value{allocation.amount});
        return;
    }
    const bool is_convenience = line.line_class == LineClass::convenience;
    const EstateClass expected = is_customer      ? EstateClass::general
                                 : is_convenience ? EstateClass::convenience
                                                  : EstateClass::subordinated;
    KANZAI_ASSERT(allocation.source_index == static_cast<std::uint32_t>(expected));
    const Int128 claim = is_customer      ? result.lines[i].shortfall_remaining.count
                         : is_convenience ? input.convenience->line_claims[i]
                                          : result.lines[i].line_value.count;
    KANZAI_ASSERT(allocation.weight == claim);
    KANZAI_ASSERT(allocation.tranche ==
                  (is_convenience ? input.convenience->tranche : input.estate_tranche));
}

// What every allocation satisfies, whoever it pays; the estate's class totals.
void check_allocation(const WaterfallInput& input, const WaterfallResult& result,
                      std::size_t k, Sums& sums) {
    const Allocation& allocation = result.allocations[k];
    // Allocations of 0 are not written; every amount is a positive integer of minor units.
    KANZAI_ASSERT(allocation.amount > 0);
    KANZAI_ASSERT(allocation.amount <= allocation.weight);
    if (k > 0) {
        KANZAI_ASSERT(order_key(result.allocations[k - 1]) < order_key(allocation));
    }
    if (allocation.source_kind == SourceKind::estate) {
        KANZAI_ASSERT(allocation.source_index < estate_classes_count);
        const bool in_convenience =
            allocation.source_index == static_cast<std::uint32_t>(EstateClass::convenience);
        KANZAI_ASSERT(allocation.tranche ==
                      (in_convenience ? input.convenience->tranche : input.estate_tranche));
        KANZAI_ASSERT(allocation.asset_index == input.currency_index);
        sums.class_allocated[allocation.source_index] =
            add(sums.class_allocated[allocation.source_index], Value{allocation.amount});
    }
}

// Each line's own figures: step 2's valuation redone, and the funds' reductions confirmed.
void check_line(const WaterfallInput& input, const WaterfallResult& result, std::size_t i,
                const LineSums& line_sums) {
    const WaterfallLine& line = input.lines[i];
    const LineResult& line_result = result.lines[i];
    const Valuation& valuation = input.assets[line.asset_index].valuation;
    KANZAI_ASSERT(line_result.pool_units == line_sums.pool_units);
    KANZAI_ASSERT(line_result.pool_units <= line.units);
    KANZAI_ASSERT(line_result.shortfall_remaining == line_sums.remaining);
    KANZAI_ASSERT(line_result.shortfall_remaining.count >= 0);
    if (line.line_class != LineClass::customer) {
        KANZAI_ASSERT(line_result.pool_units.count == 0);
        KANZAI_ASSERT(line_result.shortfall_value.count == 0);
        KANZAI_ASSERT(line_result.line_value == value_of(line.units, valuation));
        return;
    }
    const Units unpaid = sub(line.units, line_result.pool_units);
    KANZAI_ASSERT(line_result.shortfall_value == value_of(unpaid, valuation));
    KANZAI_ASSERT(line_result.line_value == (unpaid == line.units
                                                 ? line_result.shortfall_value
                                                 : value_of(line.units, valuation)));
}

// One walk over the lines and the allocations together (by line, creditors last): no
// per-line arrays of sums, which at millions of lines cost fresh memory. An
// allocation out of order or of a line that does not exist is left over for the creditors'
// part of the walk, where it fails.
void check_allocations_and_lines(const WaterfallInput& input, const WaterfallResult& result,
                                 Sums& sums) {
    const std::vector<Allocation>& allocations = result.allocations;
    std::size_t k = 0;
    for (std::uint32_t i = 0; i < input.lines.size(); ++i) {
        LineSums line_sums{.pool_units = {}, .remaining = result.lines[i].shortfall_value};
        for (; k < allocations.size() && !allocations[k].is_creditor &&
               allocations[k].recipient_index == i;
             ++k) {
            check_allocation(input, result, k, sums);
            check_line_allocation(input, result, allocations[k], line_sums, sums);
        }
        check_line(input, result, i, line_sums);
    }
    for (; k < allocations.size(); ++k) {
        check_allocation(input, result, k, sums);
        KANZAI_ASSERT(allocations[k].is_creditor);
        check_creditor_allocation(input, allocations[k]);
    }
}

// Per pool: allocations + surplus + cost = pool, with allocations = min(P - K, W).
void check_pools(const WaterfallInput& input, const WaterfallResult& result, const Sums& sums) {
    std::vector<Units> claims(input.assets.size());
    for (const WaterfallLine& line : input.lines) {
        if (line.line_class == LineClass::customer) {
            claims[line.asset_index] = add(claims[line.asset_index], line.units);
        }
    }
    for (std::size_t a = 0; a < input.assets.size(); ++a) {
        const PoolResult& pool = result.pools[a];
        KANZAI_ASSERT(pool.pool == input.assets[a].pool);
        KANZAI_ASSERT(pool.claims == claims[a]);
        KANZAI_ASSERT(pool.allocated == sums.pool_allocated[a]);
        KANZAI_ASSERT(pool.cost == std::min(input.assets[a].cost, pool.pool));
        KANZAI_ASSERT(pool.cost.count >= 0);
        KANZAI_ASSERT(pool.allocated == std::min(sub(pool.pool, pool.cost), pool.claims));
        KANZAI_ASSERT(pool.surplus.count >= 0);
        KANZAI_ASSERT(add(add(pool.allocated, pool.surplus), pool.cost) == pool.pool);
        KANZAI_ASSERT(pool.surplus_value ==
                      value_of(pool.surplus, estate_valuation(input.assets[a])));
    }
}

// Per fund: allocations + leftover = available, available = amount + carried in.
void check_funds(const WaterfallInput& input, const WaterfallResult& result, const Sums& sums) {
    Value carried;
    for (std::size_t f = 0; f < input.funds.size(); ++f) {
        const FundResult& fund = result.funds[f];
        KANZAI_ASSERT(fund.amount == input.funds[f].amount);
        KANZAI_ASSERT(fund.carried_in == carried);
        KANZAI_ASSERT(fund.available == add(fund.amount, fund.carried_in));
        KANZAI_ASSERT(fund.allocated == sums.fund_allocated[f]);
        KANZAI_ASSERT(fund.leftover.count >= 0);
        KANZAI_ASSERT(add(fund.allocated, fund.leftover) == fund.available);
        KANZAI_ASSERT(fund.allocated == std::min(fund.available, fund.eligible));
        const bool is_last = f + 1 == input.funds.size();
        KANZAI_ASSERT(fund.leftover_to_next == (input.funds[f].leftover_to_next && !is_last));
        carried = fund.leftover_to_next ? fund.leftover : Value{};
    }
}

// The class claims as SPEC step 4 defines them, rebuilt from the lines and creditors.
std::array<Value, estate_classes_count> class_claims(const WaterfallInput& input,
                                                     const WaterfallResult& result) {
    std::array<Value, estate_classes_count> claims{};
    const auto convenience = static_cast<std::size_t>(EstateClass::convenience);
    const auto general = static_cast<std::size_t>(EstateClass::general);
    const auto subordinated = static_cast<std::size_t>(EstateClass::subordinated);
    for (std::size_t i = 0; i < input.lines.size(); ++i) {
        switch (input.lines[i].line_class) {
            case LineClass::customer:
                claims[general] = add(claims[general], result.lines[i].shortfall_remaining);
                break;
            case LineClass::convenience:
                claims[convenience] =
                    add(claims[convenience], Value{input.convenience->line_claims[i]});
                break;
            case LineClass::subordinated:
                claims[subordinated] = add(claims[subordinated], result.lines[i].line_value);
                break;
        }
    }
    for (const WaterfallCreditor& creditor : input.creditors) {
        const auto k = static_cast<std::size_t>(creditor.estate_class);
        claims[k] = add(claims[k], creditor.amount);
    }
    return claims;
}

// Estate allocations + residue = estate value; classes are paid strictly in order.
void check_estate(const WaterfallInput& input, const WaterfallResult& result, const Sums& sums) {
    const EstateResult& estate = result.estate;
    Value non_segregated;
    for (const WaterfallAsset& asset : input.assets) {
        non_segregated =
            add(non_segregated, value_of(asset.non_segregated, estate_valuation(asset)));
    }
    Value from_pools_and_funds;
    for (const PoolResult& pool : result.pools) {
        from_pools_and_funds = add(from_pools_and_funds, pool.surplus_value);
    }
    for (const FundResult& fund : result.funds) {
        from_pools_and_funds = fund.leftover_to_next ? from_pools_and_funds
                                                     : add(from_pools_and_funds, fund.leftover);
    }
    KANZAI_ASSERT(estate.cash == input.estate_cash);
    KANZAI_ASSERT(estate.non_segregated == non_segregated);
    KANZAI_ASSERT(estate.from_pools_and_funds == from_pools_and_funds);
    KANZAI_ASSERT(estate.available ==
                  add(add(estate.cash, estate.non_segregated), estate.from_pools_and_funds));
    KANZAI_ASSERT(estate.tranche == input.estate_tranche);
    const std::array<Value, estate_classes_count> claims = class_claims(input, result);
    Value remaining = estate.available;
    Value allocated;
    for (std::size_t k = 0; k < estate_classes_count; ++k) {
        KANZAI_ASSERT(estate.classes[k].claims == claims[k]);
        KANZAI_ASSERT(estate.classes[k].allocated == sums.class_allocated[k]);
        KANZAI_ASSERT(estate.classes[k].allocated == std::min(remaining, claims[k]));
        remaining = sub(remaining, estate.classes[k].allocated);
        allocated = add(allocated, estate.classes[k].allocated);
    }
    KANZAI_ASSERT(estate.allocated == allocated);
    const auto convenience = static_cast<std::size_t>(EstateClass::convenience);
    KANZAI_ASSERT(result.convenience.claims == claims[convenience]);
    KANZAI_ASSERT(result.convenience.allocated == estate.classes[convenience].allocated);
    KANZAI_ASSERT(input.convenience || result.convenience.claimants == 0);
    KANZAI_ASSERT(estate.residue == remaining);
    KANZAI_ASSERT(estate.residue.count >= 0);
    KANZAI_ASSERT(add(estate.allocated, estate.residue) == estate.available);
}

}  // namespace

void check_waterfall_invariants(const WaterfallInput& input, const WaterfallResult& result) {
    check_shapes(input, result);
    check_convenience_class(input);
    Sums sums;
    sums.pool_allocated.assign(input.assets.size(), Units{});
    sums.fund_allocated.assign(input.funds.size(), Value{});
    check_allocations_and_lines(input, result, sums);
    check_pools(input, result, sums);
    check_funds(input, result, sums);
    check_estate(input, result, sums);
}

}  // namespace kanzai::engine
