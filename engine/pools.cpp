// In-kind pools (SPEC step 1) and shortfall values (step 2).
#include "engine/pools.hpp"

#include <algorithm>

#include "engine/assert.hpp"
#include "engine/largest_remainder.hpp"

namespace kanzai::engine {

LineGroups group_lines(std::span<const std::uint32_t> keys, std::uint32_t keys_count) {
    LineGroups groups;
    groups.offsets.assign(std::size_t{keys_count} + 1, 0);
    for (const std::uint32_t key : keys) {
        KANZAI_ASSERT(key <= keys_count);
        if (key < keys_count) {
            ++groups.offsets[std::size_t{key} + 1];
        }
    }
    for (std::size_t k = 1; k < groups.offsets.size(); ++k) {
        groups.offsets[k] += groups.offsets[k - 1];
    }
    groups.indexes.resize(groups.offsets.back());
    std::vector<std::uint32_t> cursor(groups.offsets.begin(), groups.offsets.end() - 1);
    for (std::uint32_t i = 0; i < keys.size(); ++i) {
        if (keys[i] < keys_count) {
            groups.indexes[cursor[keys[i]]++] = i;
        }
    }
    return groups;
}

LineGroups group_customer_lines_by_asset(const WaterfallInput& input) {
    const auto assets_count = static_cast<std::uint32_t>(input.assets.size());
    std::vector<std::uint32_t> keys;
    keys.reserve(input.lines.size());
    for (const WaterfallLine& line : input.lines) {
        keys.push_back(line.line_class == LineClass::customer ? line.asset_index : assets_count);
    }
    return group_lines(keys, assets_count);
}

Valuation estate_valuation(const WaterfallAsset& asset) {
    Valuation valuation = asset.valuation;
    valuation.price = asset.estate_price;
    return valuation;
}

void allocate_pools(const WaterfallInput& input, const LineGroups& by_asset,
                    WaterfallResult& result) {
    KANZAI_ASSERT(result.lines.size() == input.lines.size());
    result.pools.assign(input.assets.size(), PoolResult{});
    std::vector<Int128> weights;
    std::vector<Int128> parts;
    for (std::uint32_t a = 0; a < input.assets.size(); ++a) {
        const WaterfallAsset& asset = input.assets[a];
        const std::span<const std::uint32_t> group = by_asset.of(a);
        weights.clear();
        Units claims;
        for (const std::uint32_t line_index : group) {
            weights.push_back(input.lines[line_index].units.count);
            claims = add(claims, input.lines[line_index].units);
        }
        parts.resize(weights.size());
        PoolResult& pool = result.pools[a];
        pool.pool = asset.pool;
        // SPEC step 1: the cost K_a = min(pool_cost, P_a) is withdrawn first; customer-class
        // lines in `a` split P_a - K_a by their units, in line order.
        pool.cost = std::min(asset.cost, asset.pool);
        const Units splittable = sub(asset.pool, pool.cost);
        split_largest_remainder({.pool = splittable.count, .weights = weights}, parts);
        pool.claims = claims;
        pool.allocated = std::min(splittable, claims);
        pool.surplus = sub(splittable, pool.allocated);
        KANZAI_MAYBE(pool.surplus.count == 0);  // W >= P: nothing reaches the estate
        pool.surplus_value = value_of(pool.surplus, estate_valuation(asset));
        for (std::size_t k = 0; k < group.size(); ++k) {
            result.lines[group[k]].pool_units = Units{parts[k]};
        }
    }
}

void value_shortfalls(const WaterfallInput& input, WaterfallResult& result) {
    KANZAI_ASSERT(result.lines.size() == input.lines.size());
    for (std::size_t i = 0; i < input.lines.size(); ++i) {
        const WaterfallLine& line = input.lines[i];
        const Valuation& valuation = input.assets[line.asset_index].valuation;
        LineResult& line_result = result.lines[i];
        if (line.line_class != LineClass::customer) {
            // SPEC steps 0 and 4: convenience and subordinated lines get nothing from pools
            // and funds.
            line_result.line_value = value_of(line.units, valuation);
            continue;
        }
        const Units unpaid = sub(line.units, line_result.pool_units);
        KANZAI_ASSERT(unpaid.count >= 0);
        // A line paid in full in kind needs no valuation of its (empty) shortfall.
        line_result.shortfall_value = unpaid.count == 0 ? Value{} : value_of(unpaid, valuation);
        line_result.shortfall_remaining = line_result.shortfall_value;
        // An unpaid line's whole value is its shortfall value: skip a second valuation.
        line_result.line_value = line_result.pool_units.count == 0
                                     ? line_result.shortfall_value
                                     : value_of(line.units, valuation);
    }
}

}  // namespace kanzai::engine
