// The waterfall's driver: checks its input, runs the four steps in SPEC order, orders the
// allocations by line and checks every invariant before anything leaves the engine.
#include "engine/waterfall.hpp"

#include <cstdint>
#include <utility>

#include "engine/assert.hpp"
#include "engine/convenience.hpp"
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
        KANZAI_ASSERT(asset.cost.count >= 0);
        KANZAI_ASSERT(asset.estate_price.scaled >= 0);
    }
    for (const WaterfallLine& line : input.lines) {
        KANZAI_ASSERT(line.units.count > 0);
        KANZAI_ASSERT(line.asset_index < input.assets.size());
        KANZAI_ASSERT(line.claimant_index < input.claimants_count);
    }
    if (input.convenience) {
        KANZAI_ASSERT(input.convenience->tranche >= 1);
        KANZAI_ASSERT(input.convenience->line_claims.size() == input.lines.size());
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
        KANZAI_ASSERT(creditor.estate_class != EstateClass::convenience);
    }
}

// A cursor over parts in index order: the part of `index`, if any.
class PartCursor {
public:
    explicit PartCursor(const std::vector<LinePart>& parts) : parts_(parts) {}

    // The part of `index` (0 if none); indexes must be asked in increasing order.
    Int128 take(std::uint32_t index) {
        if (next_ < parts_.size() && parts_[next_].index == index) {
            return parts_[next_++].amount;
        }
        KANZAI_ASSERT(next_ == parts_.size() || parts_[next_].index > index);
        return 0;
    }

    [[nodiscard]] bool done() const { return next_ == parts_.size(); }

private:
    const std::vector<LinePart>& parts_;
    std::size_t next_ = 0;
};

// The allocations in their documented order, written once from the steps' records: by line
// (pool, funds in order, estate), then creditors. Weights: pool: the line's units; fund:
// its remaining shortfall value before the fund; estate: its claim in the class.
void write_allocations(const WaterfallInput& input,
                       const std::vector<std::vector<LinePart>>& fund_parts,
                       const EstateParts& estate_parts, WaterfallResult& result) {
    std::size_t count = estate_parts.convenience_lines.size() +
                        estate_parts.general_lines.size() +
                        estate_parts.subordinated_lines.size() + estate_parts.creditors.size();
    for (const LineResult& line : result.lines) {
        count += line.pool_units.count > 0 ? 1U : 0U;
    }
    for (const std::vector<LinePart>& parts : fund_parts) {
        count += parts.size();
    }
    std::vector<Allocation>& allocations = result.allocations;
    allocations.clear();
    allocations.reserve(count);
    std::vector<PartCursor> funds;
    funds.reserve(fund_parts.size());
    for (const std::vector<LinePart>& parts : fund_parts) {
        funds.emplace_back(parts);
    }
    PartCursor convenience(estate_parts.convenience_lines);
    PartCursor general(estate_parts.general_lines);
    PartCursor subordinated(estate_parts.subordinated_lines);
    for (std::uint32_t i = 0; i < input.lines.size(); ++i) {
        const WaterfallLine& line = input.lines[i];
        const LineResult& line_result = result.lines[i];
        if (line_result.pool_units.count > 0) {
            allocations.push_back({.amount = line_result.pool_units.count,
                                   .weight = line.units.count,
                                   .recipient_index = i,
                                   .source_index = line.asset_index,
                                   .asset_index = line.asset_index,
                                   .tranche = 1,  // SPEC: pool allocations have tranche 1
                                   .is_creditor = false,
                                   .source_kind = SourceKind::pool});
        }
        Int128 remaining = line_result.shortfall_value.count;
        for (std::uint32_t f = 0; f < funds.size(); ++f) {
            const Int128 part = funds[f].take(i);
            if (part > 0) {
                allocations.push_back({.amount = part,
                                       .weight = remaining,
                                       .recipient_index = i,
                                       .source_index = f,
                                       .asset_index = input.currency_index,
                                       .tranche = input.funds[f].tranche,
                                       .is_creditor = false,
                                       .source_kind = SourceKind::fund});
                remaining = checked_sub(remaining, part);
            }
        }
        KANZAI_ASSERT(remaining == line_result.shortfall_remaining.count);
        const EstatePlace place = estate_place(input, result, i);
        PartCursor& cursor = place.estate_class == EstateClass::convenience ? convenience
                             : place.estate_class == EstateClass::general   ? general
                                                                            : subordinated;
        const Int128 part = cursor.take(i);
        if (part > 0) {
            allocations.push_back({.amount = part,
                                   .weight = place.claim,
                                   .recipient_index = i,
                                   .source_index = static_cast<std::uint32_t>(place.estate_class),
                                   .asset_index = input.currency_index,
                                   .tranche = place.tranche,
                                   .is_creditor = false,
                                   .source_kind = SourceKind::estate});
        }
    }
    for (const PartCursor& fund : funds) {
        KANZAI_ASSERT(fund.done());
    }
    KANZAI_ASSERT(convenience.done() && general.done() && subordinated.done());
    for (const LinePart& part : estate_parts.creditors) {
        const WaterfallCreditor& creditor = input.creditors[part.index];
        allocations.push_back({.amount = part.amount,
                               .weight = creditor.amount.count,
                               .recipient_index = part.index,
                               .source_index = static_cast<std::uint32_t>(creditor.estate_class),
                               .asset_index = input.currency_index,
                               .tranche = input.estate_tranche,
                               .is_creditor = true,
                               .source_kind = SourceKind::estate});
    }
    KANZAI_ASSERT(allocations.size() == count);
}

}  // namespace

const char* text_of(EstateClass estate_class) {
    switch (estate_class) {
        case EstateClass::admin:
            return "admin";
        case EstateClass::priority:
            return "priority";
        case EstateClass::convenience:
            return "convenience";
        case EstateClass::general:
            return "general";
        case EstateClass::subordinated:
            return "subordinated";
    }
    KANZAI_ASSERT(false);
    return "";
}

WaterfallResult run_waterfall(const WaterfallInput& input) {
    check_preconditions(input);
    WaterfallResult result;
    result.lines.assign(input.lines.size(), LineResult{});
    allocate_pools(input, group_customer_lines_by_asset(input), result);
    value_shortfalls(input, result);
    std::vector<std::vector<LinePart>> fund_parts;
    allocate_funds(input, group_customer_lines_by_claimant(input), result, fund_parts);
    EstateParts estate_parts;
    result.convenience = count_convenience_class(input);
    allocate_estate(input, result, estate_parts);
    result.convenience.allocated =
        result.estate.classes[static_cast<std::size_t>(EstateClass::convenience)].allocated;
    write_allocations(input, fund_parts, estate_parts, result);
    check_waterfall_invariants(input, result);
    return result;
}

}  // namespace kanzai::engine
