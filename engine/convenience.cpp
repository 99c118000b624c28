// SPEC step 0, the convenience class: who is in it, each claimant's claim k_g in the class
// and its split over the claimant's lines. Runs before the waterfall, which then sees the
// lines of the class as LineClass::convenience.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/assert.hpp"
#include "engine/largest_remainder.hpp"
#include "engine/convenience.hpp"
#include "engine/funds.hpp"
#include "engine/waterfall.hpp"
#include "engine/wide.hpp"

namespace kanzai::engine {
namespace {

// k_g = rate * min(c_g, threshold), rounded per valuation_rounding; nullopt above 2^127 - 1.
std::optional<Int128> convenience_claim(const WaterfallConvenience& rule, Int128 counted) {
    return try_mul_div_rounded(counted, rule.rate.scaled, pow10(price_decimals), rule.rounding);
}

}  // namespace

std::optional<std::uint32_t> apply_convenience_class(WaterfallInput& input) {
    if (!input.convenience) {
        return std::nullopt;
    }
    WaterfallConvenience& rule = *input.convenience;
    KANZAI_ASSERT(rule.threshold.count > 0);
    KANZAI_ASSERT(rule.rate.scaled > 0);
    KANZAI_ASSERT(rule.elected.size() == input.claimants_count);
    const LineGroups by_claimant = group_lines_by_claimant(input, LineClass::customer);
    std::vector<Int128> line_values(input.lines.size(), 0);
    std::vector<Int128> claims(input.claimants_count, 0);
    std::vector<bool> members(input.claimants_count, false);
    for (std::uint32_t g = 0; g < input.claimants_count; ++g) {
        // c_g can exceed 2^127 - 1 (many large lines of one claimant): it is summed wide and
        // only min(c_g, threshold), which fits, is narrowed.
        Wide value = 0;
        for (const std::uint32_t i : by_claimant.of(g)) {
            line_values[i] = line_value(input, i);
            value += widen(line_values[i]);
        }
        const Wide threshold = widen(rule.threshold.count);
        const bool within = value > 0 && value <= threshold;
        const bool by_election = rule.elective && value > threshold && rule.elected[g];
        if (!within && !by_election) {
            continue;
        }
        // An elector above the threshold waives its excess: counted at the threshold.
        const Int128 counted = within ? narrow(value) : rule.threshold.count;
        const std::optional<Int128> claim = convenience_claim(rule, counted);
        if (!claim) {
            return g;
        }
        members[g] = true;
        claims[g] = *claim;
    }
    rule.line_claims.assign(input.lines.size(), 0);
    std::vector<Int128> weights;
    std::vector<Int128> parts;
    SplitScratch scratch;
    for (std::uint32_t g = 0; g < input.claimants_count; ++g) {
        if (!members[g]) {
            continue;
        }
        const std::span<const std::uint32_t> lines = by_claimant.of(g);
        weights.clear();
        for (const std::uint32_t i : lines) {
            weights.push_back(line_values[i]);
            input.lines[i].line_class = LineClass::convenience;
        }
        parts.assign(weights.size(), 0);
        split_in_proportion({.pool = claims[g], .weights = weights}, parts, scratch);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            rule.line_claims[lines[k]] = parts[k];
        }
    }
    return std::nullopt;
}

Int128 line_value(const WaterfallInput& input, std::uint32_t i) {
    const WaterfallLine& line = input.lines[i];
    return value_of(line.units, input.assets[line.asset_index].valuation).count;
}

ConvenienceResult count_convenience_class(const WaterfallInput& input) {
    ConvenienceResult counted;
    if (!input.convenience) {
        return counted;
    }
    const WaterfallConvenience& rule = *input.convenience;
    KANZAI_ASSERT(rule.line_claims.size() == input.lines.size());
    const LineGroups by_claimant = group_lines_by_claimant(input, LineClass::convenience);
    for (std::uint32_t g = 0; g < input.claimants_count; ++g) {
        const std::span<const std::uint32_t> lines = by_claimant.of(g);
        if (lines.empty()) {
            continue;
        }
        Wide value = 0;
        for (const std::uint32_t i : lines) {
            value += widen(line_value(input, i));
            counted.claims = add(counted.claims, Value{rule.line_claims[i]});
        }
        ++counted.claimants;
        counted.elected += value > widen(rule.threshold.count) ? 1U : 0U;
    }
    return counted;
}

ConvenienceClaimant convenience_claimant(const WaterfallInput& input, std::uint32_t g) {
    ConvenienceClaimant claimant;
    if (!input.convenience) {
        return claimant;
    }
    const WaterfallConvenience& rule = *input.convenience;
    Wide value = 0;
    for (std::uint32_t i = 0; i < input.lines.size(); ++i) {
        const WaterfallLine& line = input.lines[i];
        if (line.claimant_index != g || line.line_class == LineClass::subordinated) {
            continue;
        }
        value += widen(line_value(input, i));
        if (line.line_class == LineClass::convenience) {
            claimant.in_class = true;
            claimant.claim = checked_add(claimant.claim, rule.line_claims[i]);
        }
    }
    if (value <= widen(int128_max)) {
        claimant.value = narrow(value);
    }
    claimant.by_election = claimant.in_class && value > widen(rule.threshold.count);
    return claimant;
}

void check_convenience_class(const WaterfallInput& input) {
    if (!input.convenience) {
        return;
    }
    // Step 0 redone from the lines as they were before it.
    WaterfallInput before = input;
    for (WaterfallLine& line : before.lines) {
        line.line_class =
            line.line_class == LineClass::convenience ? LineClass::customer : line.line_class;
    }
    before.convenience->line_claims.clear();
    KANZAI_ASSERT(!apply_convenience_class(before));
    KANZAI_ASSERT(before.convenience->line_claims == input.convenience->line_claims);
    for (std::size_t i = 0; i < input.lines.size(); ++i) {
        KANZAI_ASSERT(before.lines[i].line_class == input.lines[i].line_class);
    }
}

}  // namespace kanzai::engine
