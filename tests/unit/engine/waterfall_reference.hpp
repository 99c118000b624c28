// A slow, obvious model of SPEC "The distribution waterfall" for the property tests: plain
// loops over every line for every claimant and class, exact rational shares P * w / W as a
// quotient and remainder on Int128, then the SPEC rounding. It shares no code with the
// engine except the input and output types. Only for small inputs (no overflow checks).
// At the end: the small builders and look-ups the waterfall tests share.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/decimal.hpp"
#include "engine/waterfall.hpp"

namespace kanzai::testing::reference {

using engine::Allocation;
using engine::Int128;

// SPEC "Valuing": units / 10^d(a) * price * 10^d(currency), rounded down or half-even.
inline Int128 value_of(Int128 units, const engine::Valuation& valuation) {
    Int128 divisor = 1;
    for (int k = 0; k < valuation.asset_decimals + 18 - valuation.currency_decimals; ++k) {
        divisor *= 10;
    }
    const Int128 product = units * valuation.price.scaled;
    Int128 quotient = product / divisor;
    const Int128 remainder = product % divisor;
    const bool odd = quotient % 2 == 1;
    if (valuation.rounding == engine::Rounding::half_even &&
        (2 * remainder > divisor || (2 * remainder == divisor && odd))) {
        quotient += 1;
    }
    return quotient;
}

// SPEC "Largest-remainder rule", literally: W <= P pays each weight; otherwise floors, then
// one unit at a time to the largest remainder not yet served, the earlier index on a tie.
inline std::vector<Int128> split(Int128 pool, const std::vector<Int128>& weights) {
    Int128 total = 0;
    for (const Int128 w : weights) {
        total += w;
    }
    if (total <= pool) {
        return weights;
    }
    std::vector<Int128> parts(weights.size());
    std::vector<Int128> remainders(weights.size());
    Int128 given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        parts[i] = pool * weights[i] / total;
        remainders[i] = pool * weights[i] % total;
        given += parts[i];
    }
    std::vector<bool> served(weights.size(), false);
    for (Int128 unit = given; unit < pool; ++unit) {
        std::size_t best = weights.size();
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (!served[i] && (best == weights.size() || remainders[i] > remainders[best])) {
                best = i;
            }
        }
        served[best] = true;
        parts[best] += 1;
    }
    return parts;
}

struct Result {
    std::vector<Allocation> allocations;  // by line (creditors last), then source order
    std::vector<Int128> pool_allocated;   // per asset
    std::vector<Int128> pool_surplus;
    std::vector<Int128> pool_cost;
    std::vector<Int128> fund_allocated;   // per fund
    std::vector<Int128> fund_leftover;
    std::vector<Int128> class_claims;     // per estate class
    std::vector<Int128> class_allocated;
    Int128 estate_available = 0;
    Int128 residue = 0;
};

inline engine::Valuation at_estate_price(const engine::WaterfallAsset& asset) {
    engine::Valuation valuation = asset.valuation;
    valuation.price = asset.estate_price;
    return valuation;
}

// Runs the four steps one after the other on plain vectors.
// An allocation from its fields in reading order (the struct keeps its widest fields first).
inline Allocation allocation_of(bool is_creditor, std::uint32_t line_index,
                                engine::SourceKind source_kind, std::uint32_t source_index,
                                std::uint32_t asset_index, Int128 amount, int tranche,
                                Int128 weight) {
    return {.amount = amount,
            .weight = weight,
            .recipient_index = line_index,
            .source_index = source_index,
            .asset_index = asset_index,
            .tranche = tranche,
            .is_creditor = is_creditor,
            .source_kind = source_kind};
}

// SPEC step 0, literally: c_g over each claimant's customer-class lines, membership, k_g
// rounded, split in proportion to the values (floors, then one unit at a time to the largest
// remainder, no W <= P clause). Moves the members' lines to LineClass::convenience and
// returns each line's share (0 outside the class).
inline std::vector<Int128> convenience_claims(engine::WaterfallInput& in) {
    using engine::LineClass;
    std::vector<Int128> claims(in.lines.size(), 0);
    if (!in.convenience) {
        return claims;
    }
    const engine::WaterfallConvenience& rule = *in.convenience;
    for (std::uint32_t g = 0; g < in.claimants_count; ++g) {
        std::vector<std::size_t> members;
        std::vector<Int128> values;
        Int128 c = 0;
        for (std::size_t i = 0; i < in.lines.size(); ++i) {
            const engine::WaterfallLine& line = in.lines[i];
            if (line.claimant_index == g && line.line_class == LineClass::customer) {
                members.push_back(i);
                values.push_back(value_of(in.lines[i].units.count,
                                          in.assets[in.lines[i].asset_index].valuation));
                c += values.back();
            }
        }
        const Int128 threshold = rule.threshold.count;
        const bool in_class = (c > 0 && c <= threshold) ||
                              (rule.elective && c > threshold && rule.elected[g]);
        if (!in_class) {
            continue;
        }
        // k = rate * min(c, threshold), the rate scaled by 10^18, rounded as values are.
        const engine::Valuation at_rate{.asset_decimals = 0,
                                        .currency_decimals = 0,
                                        .price = rule.rate,
                                        .rounding = rule.rounding};
        const Int128 k = value_of(std::min(c, threshold), at_rate);
        std::vector<Int128> parts(members.size());
        std::vector<Int128> remainders(members.size());
        Int128 given = 0;
        for (std::size_t j = 0; j < members.size(); ++j) {
            parts[j] = k * values[j] / c;
            remainders[j] = k * values[j] % c;
            given += parts[j];
        }
        std::vector<bool> served(members.size(), false);
        for (Int128 unit = given; unit < k; ++unit) {
            std::size_t best = members.size();
            for (std::size_t j = 0; j < members.size(); ++j) {
                if (!served[j] && (best == members.size() || remainders[j] > remainders[best])) {
                    best = j;
                }
            }
            served[best] = true;
            parts[best] += 1;
        }
        for (std::size_t j = 0; j < members.size(); ++j) {
            in.lines[members[j]].line_class = LineClass::convenience;
            claims[members[j]] = parts[j];
        }
    }
    return claims;
}

inline Result run(const engine::WaterfallInput& original) {
    using engine::LineClass;
    engine::WaterfallInput in = original;
    const std::vector<Int128> convenience = convenience_claims(in);
    const std::size_t n = in.lines.size();
    const std::size_t funds = in.funds.size();
    Result out;
    std::vector<Int128> pool_units(n, 0);
    // Step 1: each asset's pool over its customer-class lines, in line order.
    for (std::uint32_t a = 0; a < in.assets.size(); ++a) {
        std::vector<std::size_t> members;
        std::vector<Int128> weights;
        for (std::size_t i = 0; i < n; ++i) {
            if (in.lines[i].line_class == LineClass::customer && in.lines[i].asset_index == a) {
                members.push_back(i);
                weights.push_back(in.lines[i].units.count);
            }
        }
        // The cost comes off the pool first, at most the whole pool.
        const Int128 cost = std::min(in.assets[a].cost.count, in.assets[a].pool.count);
        out.pool_cost.push_back(cost);
        const std::vector<Int128> parts = split(in.assets[a].pool.count - cost, weights);
        Int128 given = 0;
        for (std::size_t k = 0; k < members.size(); ++k) {
            pool_units[members[k]] = parts[k];
            given += parts[k];
        }
        out.pool_allocated.push_back(given);
        out.pool_surplus.push_back(in.assets[a].pool.count - cost - given);
    }
    // Step 2: shortfall values, one line at a time.
    std::vector<Int128> remaining(n, 0);
    std::vector<Int128> whole(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const engine::Valuation& valuation = in.assets[in.lines[i].asset_index].valuation;
        whole[i] = value_of(in.lines[i].units.count, valuation);
        if (in.lines[i].line_class == LineClass::customer) {
            remaining[i] = value_of(in.lines[i].units.count - pool_units[i], valuation);
        }
    }
    // Step 3: funds in order; per fund, per line: amount and the weight it was split by.
    std::vector<std::vector<Int128>> fund_amount(funds, std::vector<Int128>(n, 0));
    std::vector<std::vector<Int128>> fund_weight(funds, std::vector<Int128>(n, 0));
    Int128 carried = 0;
    Int128 to_estate = 0;
    for (std::size_t f = 0; f < funds; ++f) {
        const engine::WaterfallFund& fund = in.funds[f];
        const Int128 available = fund.amount.count + carried;
        const auto eligible_line = [&](std::size_t i) {
            return in.lines[i].line_class == LineClass::customer &&
                   fund.covers_asset[in.lines[i].asset_index];
        };
        std::vector<Int128> eligible(in.claimants_count, 0);
        for (std::uint32_t g = 0; g < in.claimants_count; ++g) {
            for (std::size_t i = 0; i < n; ++i) {
                if (in.lines[i].claimant_index == g && eligible_line(i)) {
                    eligible[g] += remaining[i];
                }
            }
            if (fund.cap) {
                eligible[g] = std::min(eligible[g], fund.cap->count);
            }
        }
        std::vector<Int128> awards;
        if (fund.floor) {
            std::vector<Int128> floors(eligible.size());
            std::vector<Int128> above(eligible.size());
            for (std::size_t g = 0; g < eligible.size(); ++g) {
                floors[g] = std::min(eligible[g], fund.floor->count);
                above[g] = eligible[g] - floors[g];
            }
            awards = split(available, floors);
            Int128 paid = 0;
            for (const Int128 award : awards) {
                paid += award;
            }
            const std::vector<Int128> extra = split(available - paid, above);
            for (std::size_t g = 0; g < eligible.size(); ++g) {
                awards[g] += extra[g];
            }
        } else {
            awards = split(available, eligible);
        }
        Int128 allocated = 0;
        for (std::uint32_t g = 0; g < in.claimants_count; ++g) {
            std::vector<std::size_t> members;
            std::vector<Int128> weights;
            for (std::size_t i = 0; i < n; ++i) {
                if (in.lines[i].claimant_index == g && eligible_line(i)) {
                    members.push_back(i);
                    weights.push_back(remaining[i]);
                }
            }
            const std::vector<Int128> parts = split(awards[g], weights);
            for (std::size_t k = 0; k < members.size(); ++k) {
                fund_amount[f][members[k]] = parts[k];
                fund_weight[f][members[k]] = weights[k];
                remaining[members[k]] -= parts[k];
            }
            allocated += awards[g];
        }
        out.fund_allocated.push_back(allocated);
        out.fund_leftover.push_back(available - allocated);
        const bool next = fund.leftover_to_next && f + 1 < funds;
        carried = next ? available - allocated : 0;
        to_estate += next ? 0 : available - allocated;
    }
    // Step 4: the estate, class by class; lines in line order, then creditors.
    Int128 estate = in.estate_cash.count + to_estate;
    for (std::size_t a = 0; a < in.assets.size(); ++a) {
        estate += value_of(in.assets[a].non_segregated.count, at_estate_price(in.assets[a]));
        estate += value_of(out.pool_surplus[a], at_estate_price(in.assets[a]));
    }
    out.estate_available = estate;
    std::vector<Int128> line_estate(n, 0);
    std::vector<Int128> line_estate_weight(n, 0);
    std::vector<Int128> creditor_estate(in.creditors.size(), 0);
    for (std::uint32_t k = 0; k < engine::estate_classes_count; ++k) {
        const auto cls = static_cast<engine::EstateClass>(k);
        std::vector<Int128> weights;
        for (std::size_t i = 0; i < n; ++i) {
            const LineClass line_class = in.lines[i].line_class;
            if (cls == engine::EstateClass::general && line_class == LineClass::customer) {
                weights.push_back(remaining[i]);
            } else if (cls == engine::EstateClass::convenience &&
                       line_class == LineClass::convenience) {
                weights.push_back(convenience[i]);
            } else if (cls == engine::EstateClass::subordinated &&
                       line_class == LineClass::subordinated) {
                weights.push_back(whole[i]);
            } else {
                weights.push_back(0);
            }
        }
        for (const engine::WaterfallCreditor& creditor : in.creditors) {
            weights.push_back(creditor.estate_class == cls ? creditor.amount.count : 0);
        }
        const std::vector<Int128> parts = split(estate, weights);
        Int128 claims = 0;
        Int128 given = 0;
        for (std::size_t j = 0; j < weights.size(); ++j) {
            claims += weights[j];
            given += parts[j];
            if (j < n && weights[j] > 0) {
                line_estate[j] = parts[j];
                line_estate_weight[j] = weights[j];
            } else if (j >= n && weights[j] > 0) {
                creditor_estate[j - n] = parts[j];
            }
        }
        out.class_claims.push_back(claims);
        out.class_allocated.push_back(given);
        estate -= given;
    }
    out.residue = estate;
    // The allocations, written in the documented order; zeros are not written.
    const auto currency = in.currency_index;
    for (std::uint32_t i = 0; i < n; ++i) {
        const engine::WaterfallLine& line = in.lines[i];
        if (pool_units[i] > 0) {
            out.allocations.push_back(allocation_of(false, i, engine::SourceKind::pool,
                                                    line.asset_index, line.asset_index,
                                                    pool_units[i], 1, line.units.count));
        }
        for (std::uint32_t f = 0; f < funds; ++f) {
            if (fund_amount[f][i] > 0) {
                out.allocations.push_back(allocation_of(false, i, engine::SourceKind::fund, f,
                                                        currency, fund_amount[f][i],
                                                        in.funds[f].tranche,
                                                        fund_weight[f][i]));
            }
        }
        if (line_estate[i] > 0) {
            const bool is_convenience = line.line_class == LineClass::convenience;
            const auto cls = line.line_class == LineClass::customer ? engine::EstateClass::general
                             : is_convenience ? engine::EstateClass::convenience
                                              : engine::EstateClass::subordinated;
            out.allocations.push_back(allocation_of(
                false, i, engine::SourceKind::estate, static_cast<std::uint32_t>(cls), currency,
                line_estate[i], is_convenience ? in.convenience->tranche : in.estate_tranche,
                line_estate_weight[i]));
        }
    }
    for (std::uint32_t c = 0; c < in.creditors.size(); ++c) {
        if (creditor_estate[c] > 0) {
            out.allocations.push_back(allocation_of(
                true, c, engine::SourceKind::estate,
                static_cast<std::uint32_t>(in.creditors[c].estate_class), currency,
                creditor_estate[c], in.estate_tranche, in.creditors[c].amount.count));
        }
    }
    return out;
}

}  // namespace kanzai::testing::reference

namespace kanzai::testing::build {

using engine::Int128;

struct AssetSpec {
    int decimals = 0;
    int currency_decimals = 0;
    std::string_view price = "1";
    std::string_view estate_price = "";  // empty: the price
    Int128 pool = 0;
    Int128 non_segregated = 0;
    Int128 cost = 0;
    engine::Rounding rounding = engine::Rounding::down;
};

// An asset from decimal text, as case.toml would give it (test texts are always valid).
inline engine::WaterfallAsset asset(const AssetSpec& spec) {
    const std::string_view estate_text = spec.estate_price.empty() ? spec.price : spec.estate_price;
    return {.valuation = {.asset_decimals = spec.decimals,
                          .currency_decimals = spec.currency_decimals,
                          .price = {engine::parse_price(spec.price).count},
                          .rounding = spec.rounding},
            .estate_price = {engine::parse_price(estate_text).count},
            .pool = {spec.pool},
            .non_segregated = {spec.non_segregated},
            .cost = {spec.cost}};
}

// The one allocation of a line (or creditor) from a source, 0 when none was written.
inline Int128 amount_of(const engine::WaterfallResult& result, bool is_creditor,
                        std::uint32_t index, engine::SourceKind kind, std::uint32_t source) {
    for (const engine::Allocation& allocation : result.allocations) {
        if (allocation.is_creditor == is_creditor && allocation.recipient_index == index &&
            allocation.source_kind == kind && allocation.source_index == source) {
            return allocation.amount;
        }
    }
    return 0;
}

inline Int128 pool_of(const engine::WaterfallResult& result, std::uint32_t line,
                      std::uint32_t asset_index) {
    return amount_of(result, false, line, engine::SourceKind::pool, asset_index);
}

inline Int128 fund_of(const engine::WaterfallResult& result, std::uint32_t line,
                      std::uint32_t fund) {
    return amount_of(result, false, line, engine::SourceKind::fund, fund);
}

inline Int128 estate_of(const engine::WaterfallResult& result, bool is_creditor,
                        std::uint32_t index, engine::EstateClass estate_class) {
    return amount_of(result, is_creditor, index, engine::SourceKind::estate,
                     static_cast<std::uint32_t>(estate_class));
}

}  // namespace kanzai::testing::build
