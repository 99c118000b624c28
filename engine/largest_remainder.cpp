// The largest-remainder split, exact through 256-bit intermediates when 128 bits could
// overflow (P * w_i can reach 2^254; W can exceed 2^127 when many large weights are summed).
#include "engine/largest_remainder.hpp"

#include <algorithm>
#include <cstdint>

#include "engine/assert.hpp"
#include "engine/wide.hpp"

namespace kanzai::engine {
namespace {

// Gives one unit each to the `leftover` indexes with the largest remainder, ties to the
// earlier index. Remainder is any totally ordered type (Int128 or Wide).
template <typename Remainder>
void distribute_leftover(std::span<const Remainder> remainders, Int128 leftover,
                         std::span<Int128> parts, std::vector<std::uint32_t>& order) {
    KANZAI_ASSERT(leftover >= 0);
    KANZAI_ASSERT(leftover <= static_cast<Int128>(parts.size()));
    if (leftover == 0) {
        return;
    }
    order.resize(parts.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    const auto larger = [&remainders](std::uint32_t a, std::uint32_t b) {
        if (remainders[a] != remainders[b]) {
            return remainders[a] > remainders[b];
        }
        return a < b;
    };
    const auto count = static_cast<std::ptrdiff_t>(leftover);
    std::nth_element(order.begin(), order.begin() + count - 1, order.end(), larger);
    for (std::ptrdiff_t i = 0; i < count; ++i) {
        const std::uint32_t index = order[static_cast<std::size_t>(i)];
        KANZAI_ASSERT(remainders[index] > 0);  // only a positive remainder earns a unit
        parts[index] += 1;
    }
}

// P * W fits in 127 bits: every product P * w_i does too.
void split_narrow(Int128 pool, UInt128 total, std::span<const Int128> weights,
                  std::span<Int128> parts, SplitScratch& scratch) {
    const auto divisor = static_cast<UInt128>(total);
    std::vector<Int128>& remainders = scratch.remainders;
    remainders.resize(weights.size());
    Int128 assigned = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const UInt128 product = static_cast<UInt128>(pool) * static_cast<UInt128>(weights[i]);
        parts[i] = static_cast<Int128>(product / divisor);
        remainders[i] = static_cast<Int128>(product % divisor);
        assigned += parts[i];
    }
    distribute_leftover(std::span<const Int128>(remainders), pool - assigned, parts,
                        scratch.order);
}

void split_wide(Int128 pool, const Wide& total, std::span<const Int128> weights,
                std::span<Int128> parts, SplitScratch& scratch) {
    std::vector<Wide> remainders(weights.size());
    const Wide wide_pool = widen(pool);
    Int128 assigned = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const Wide product = wide_pool * widen(weights[i]);
        parts[i] = narrow(product / total);
        remainders[i] = product % total;
        assigned = checked_add(assigned, parts[i]);
    }
    distribute_leftover(std::span<const Wide>(remainders), pool - assigned, parts,
                        scratch.order);
}

// floor(P * w_i / W) and the leftover by largest remainder, narrow when P * W fits in 127
// bits. `total` is W when it fits in 127 bits, else `wide_total` is.
void split_pro_rata(const SplitInput& input, bool total_fits, UInt128 total,
                    const Wide& wide_total, std::span<Int128> parts, SplitScratch& scratch) {
    if (total_fits && bit_width(static_cast<UInt128>(input.pool)) + bit_width(total) <= 127) {
        split_narrow(input.pool, total, input.weights, parts, scratch);
    } else {
        split_wide(input.pool, total_fits ? widen(static_cast<Int128>(total)) : wide_total,
                   input.weights, parts, scratch);
    }
}

}  // namespace

void split_in_proportion(const SplitInput& input, std::span<Int128> parts,
                         SplitScratch& scratch) {
    KANZAI_ASSERT(input.pool >= 0);
    KANZAI_ASSERT(parts.size() == input.weights.size());
    Wide wide_total = 0;
    for (const Int128 weight : input.weights) {
        KANZAI_ASSERT(weight >= 0);
        wide_total += widen(weight);
    }
    KANZAI_ASSERT(wide_total > 0);
    const bool total_fits = wide_total <= widen(int128_max);
    const UInt128 total = total_fits ? static_cast<UInt128>(narrow(wide_total)) : 0;
    split_pro_rata(input, total_fits, total, wide_total, parts, scratch);
    Int128 sum = 0;
    for (const Int128 part : parts) {
        KANZAI_ASSERT(part >= 0);
        sum = checked_add(sum, part);
    }
    KANZAI_ASSERT(sum == input.pool);
}

void split_largest_remainder(const SplitInput& input, std::span<Int128> parts) {
    SplitScratch scratch;
    split_largest_remainder(input, parts, scratch);
}

void split_largest_remainder(const SplitInput& input, std::span<Int128> parts,
                             SplitScratch& scratch) {
    KANZAI_ASSERT(input.pool >= 0);
    KANZAI_ASSERT(parts.size() == input.weights.size());
    UInt128 total = 0;
    bool total_fits = true;  // W < 2^127
    Wide wide_total = 0;
    for (const Int128 weight : input.weights) {
        KANZAI_ASSERT(weight >= 0);
        total_fits = total_fits && !__builtin_add_overflow(total, static_cast<UInt128>(weight),
                                                           &total) &&
                     total <= static_cast<UInt128>(int128_max);
    }
    if (!total_fits) {
        for (const Int128 weight : input.weights) {
            wide_total += widen(weight);
        }
    }
    // SPEC: when W <= P each line gets its weight in full.
    if (total_fits && total <= static_cast<UInt128>(input.pool)) {
        std::copy(input.weights.begin(), input.weights.end(), parts.begin());
        return;
    }
    split_pro_rata(input, total_fits, total, wide_total, parts, scratch);
    // Negative space (STYLE.md §5): W > P here, so the parts sum to P and none exceeds its
    // weight. O(n), once per split.
    Int128 sum = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        KANZAI_ASSERT(parts[i] >= 0);
        KANZAI_ASSERT(parts[i] <= input.weights[i]);
        sum += parts[i];
    }
    KANZAI_ASSERT(sum == input.pool);
}

std::vector<Int128> split_largest_remainder(const SplitInput& input) {
    std::vector<Int128> parts(input.weights.size());
    split_largest_remainder(input, parts);
    return parts;
}

}  // namespace kanzai::engine
