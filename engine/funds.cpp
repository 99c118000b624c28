// Reserve and insurance funds (SPEC step 3): cap, floor, pro-rata over claimants, then each
// claimant's award pro-rata over its eligible lines.
#include "engine/funds.hpp"

#include <algorithm>
#include <cstdint>
#include <span>

#include "engine/assert.hpp"
#include "engine/fund_split.hpp"
#include "engine/largest_remainder.hpp"

namespace kanzai::engine {
namespace {

// Buffers reused across claimants so that millions of them cost no allocation each.
struct LineSplit {
    std::vector<std::uint32_t> line_indexes;
    std::vector<Int128> weights;
    std::vector<Int128> parts;
    SplitScratch scratch;
};

// A claimant's eligible value before the cap: the remaining shortfall values of its lines in
// the assets the fund covers (SPEC step 3).
Value eligible_before_cap(const WaterfallInput& input, const WaterfallFund& fund,
                          std::span<const std::uint32_t> group, const WaterfallResult& result) {
    Value eligible;
    for (const std::uint32_t line_index : group) {
        if (fund.covers_asset[input.lines[line_index].asset_index]) {
            eligible = add(eligible, result.lines[line_index].shortfall_remaining);
        }
    }
    return eligible;
}

// Splits one claimant's award over its eligible lines pro-rata to their remaining shortfall
// values, in line order, and reduces them (SPEC step 3).
void split_award(const WaterfallInput& input, std::uint32_t fund_index, Int128 award,
                 std::span<const std::uint32_t> group, WaterfallResult& result,
                 LineSplit& split, std::vector<LinePart>& parts) {
    const WaterfallFund& fund = input.funds[fund_index];
    split.line_indexes.clear();
    split.weights.clear();
    for (const std::uint32_t line_index : group) {
        const Value remaining = result.lines[line_index].shortfall_remaining;
        if (fund.covers_asset[input.lines[line_index].asset_index] && remaining.count > 0) {
            split.line_indexes.push_back(line_index);
            split.weights.push_back(remaining.count);
        }
    }
    split.parts.resize(split.weights.size());
    split_largest_remainder({.pool = award, .weights = split.weights}, split.parts,
                            split.scratch);
    for (std::size_t k = 0; k < split.parts.size(); ++k) {
        const Int128 part = split.parts[k];
        if (part == 0) {
            continue;
        }
        LineResult& line_result = result.lines[split.line_indexes[k]];
        line_result.shortfall_remaining = sub(line_result.shortfall_remaining, Value{part});
        KANZAI_ASSERT(line_result.shortfall_remaining.count >= 0);
        parts.push_back({.index = split.line_indexes[k], .amount = part});
    }
}

}  // namespace

LineGroups group_lines_by_claimant(const WaterfallInput& input, LineClass line_class) {
    std::vector<std::uint32_t> keys;
    keys.reserve(input.lines.size());
    for (const WaterfallLine& line : input.lines) {
        keys.push_back(line.line_class == line_class ? line.claimant_index
                                                     : input.claimants_count);
    }
    return group_lines(keys, input.claimants_count);
}

LineGroups group_customer_lines_by_claimant(const WaterfallInput& input) {
    return group_lines_by_claimant(input, LineClass::customer);
}

void allocate_funds(const WaterfallInput& input, const LineGroups& by_claimant,
                    WaterfallResult& result, std::vector<std::vector<LinePart>>& fund_parts) {
    result.funds.assign(input.funds.size(), FundResult{});
    fund_parts.assign(input.funds.size(), {});
    if (input.keeps_fund_claimants) {
        result.fund_claimants.assign(input.funds.size(), FundClaimants{});
    }
    std::vector<Int128> eligible(input.claimants_count);
    std::vector<Int128> awards(input.claimants_count);
    FloorSplitScratch floor_scratch;  // reused from fund to fund: no fresh pages each time
    LineSplit split;
    Value carried;
    for (std::uint32_t f = 0; f < input.funds.size(); ++f) {
        const WaterfallFund& fund = input.funds[f];
        FundResult& fund_result = result.funds[f];
        fund_result.amount = fund.amount;
        fund_result.carried_in = carried;
        fund_result.available = add(fund.amount, carried);
        for (std::uint32_t g = 0; g < input.claimants_count; ++g) {
            const Value before_cap = eligible_before_cap(input, fund, by_claimant.of(g), result);
            eligible[g] = cap_eligible(before_cap, fund.cap).count;
            fund_result.eligible = add(fund_result.eligible, Value{eligible[g]});
        }
        split_floor_then_pro_rata(
            {.available = fund_result.available, .eligible = eligible, .floor = fund.floor},
            awards, floor_scratch);
        if (input.keeps_fund_claimants) {
            result.fund_claimants[f] = {.eligible = eligible, .awarded = awards};
        }
        for (std::uint32_t g = 0; g < input.claimants_count; ++g) {
            if (awards[g] > 0) {
                split_award(input, f, awards[g], by_claimant.of(g), result, split, fund_parts[f]);
                fund_result.allocated = add(fund_result.allocated, Value{awards[g]});
            }
        }
        // Claimant order to line order: at most one part per line and fund.
        std::sort(fund_parts[f].begin(), fund_parts[f].end(),
                  [](const LinePart& a, const LinePart& b) { return a.index < b.index; });
        fund_result.leftover = sub(fund_result.available, fund_result.allocated);
        KANZAI_ASSERT(fund_result.leftover.count >= 0);
        // SPEC step 3: leftover = "next" goes to the next fund; after the last, the estate.
        const bool is_last = f + 1 == input.funds.size();
        fund_result.leftover_to_next = fund.leftover_to_next && !is_last;
        carried = fund_result.leftover_to_next ? fund_result.leftover : Value{};
    }
}

}  // namespace kanzai::engine
