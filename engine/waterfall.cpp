// The waterfall's driver: checks its input, runs the four steps in SPEC order, orders the
// allocations by line and checks every invariant before anything leaves the engine.
#include "engine/waterfall.hpp"

#include <cstdint>
#include <utility>

#include "engine/assert.hpp"
#include "engine/estate.hpp"
#include "engine/funds.hpp"
#include "engine/pools.hpp"

namespace kanzai::engine {
namespace {

// Millions of allocations live until the outputs are written: keep them at one cache line.
static_assert(sizeof(Allocation) == 64);

// claims/ validates every input, so a failure here is a bug upstream, never bad user input.
void check_preconditions(const WaterfallInput& input) {
    KANZAI_ASSERT(input.currency_index < input.assets.size());
    KANZAI_ASSERT(input.lines.size() < UINT32_MAX);
    KANZAI_ASSERT(input.creditors.size() < UINT32_MAX);
    KANZAI_ASSERT(input.estate_cash.count >= 0);
    KANZAI_ASSERT(input.estate_tranche >= 1);
    for (const WaterfallAsset& asset : input.assets) {
        KANZAI_ASSERT(asset.pool.count >= 0);
        KANZAI_ASSERT(asset.non_segregated.count >= 0);
        KANZAI_ASSERT(asset.estate_price.scaled >= 0);
    }
    for (const WaterfallLine& line : input.lines) {
        KANZAI_ASSERT(line.units.count > 0);
        KANZAI_ASSERT(line.asset_index < input.assets.size());
        KANZAI_ASSERT(line.claimant_index < input.claimants_count);
    }
    for (const WaterfallFund& fund : input.funds) {
        KANZAI_ASSERT(fund.amount.count >= 0);
        KANZAI_ASSERT(fund.tranche >= 1);
        KANZAI_ASSERT(!fund.floor || fund.floor->count >= 0);
        KANZAI_ASSERT(!fund.cap || fund.cap->count >= 0);
        KANZAI_ASSERT(fund.covers_asset.size() == input.assets.size());
    }
    for (const WaterfallCreditor& creditor : input.creditors) {
        KANZAI_ASSERT(creditor.amount.count >= 0);
    }
}

// Allocations arrive in step order (pools, funds, estate). A stable counting sort by line
// (creditors last) gives the documented order: by line, then source order. It is applied
// in place, cycle by cycle, along each allocation's destination: a second vector of
// millions of allocations would be the run's peak memory (issue #7).
void order_by_line(const WaterfallInput& input, std::vector<Allocation>& allocations) {
    KANZAI_ASSERT(allocations.size() < UINT32_MAX);
    const std::size_t keys_count = input.lines.size() + input.creditors.size();
    const auto key_of = [&input](const Allocation& allocation) {
        return allocation.is_creditor ? input.lines.size() + allocation.line_index
                                      : std::size_t{allocation.line_index};
    };
    std::vector<std::uint32_t> destination(allocations.size());
    {
        std::vector<std::uint32_t> offsets(keys_count + 1, 0);
        for (const Allocation& allocation : allocations) {
            ++offsets[key_of(allocation) + 1];
        }
        for (std::size_t k = 1; k < offsets.size(); ++k) {
            offsets[k] += offsets[k - 1];
        }
        for (std::size_t i = 0; i < allocations.size(); ++i) {
            destination[i] = offsets[key_of(allocations[i])]++;
        }
    }
    // Each cycle of the permutation moves its allocations one step; a placed allocation's
    // destination becomes its own index.
    for (std::uint32_t i = 0; i < allocations.size(); ++i) {
        while (destination[i] != i) {
            const std::uint32_t to = destination[i];
            std::swap(allocations[i], allocations[to]);
            std::swap(destination[i], destination[to]);
        }
    }
}

}  // namespace

WaterfallResult run_waterfall(const WaterfallInput& input) {
    check_preconditions(input);
    WaterfallResult result;
    result.lines.assign(input.lines.size(), LineResult{});
    std::vector<Allocation> allocations;
    // At most one allocation per line from its pool, each fund and the estate, one per
    // creditor: reserved (address space only; pages are touched when written), so the
    // vector never regrows and copies itself.
    allocations.reserve((2 + input.funds.size()) * input.lines.size() + input.creditors.size());
    allocate_pools(input, group_customer_lines_by_asset(input), result, allocations);
    value_shortfalls(input, result);
    allocate_funds(input, group_customer_lines_by_claimant(input), result, allocations);
    allocate_estate(input, result, allocations);
    order_by_line(input, allocations);
    result.allocations = std::move(allocations);
    check_waterfall_invariants(input, result);
    return result;
}

}  // namespace kanzai::engine
