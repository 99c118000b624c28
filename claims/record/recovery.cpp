// Recovery rates per claim, walked once over the lines and their allocations, and their
// percentiles (SPEC summary.json "recovery_rate_percentiles").
#include "claims/record/recovery.hpp"

#include <algorithm>
#include <cstddef>

#include "engine/assert.hpp"
#include "engine/wide.hpp"

namespace kanzai::claims {

Int128 recovered_value_of(const engine::Allocation& allocation,
                          const engine::WaterfallLine& line,
                          const engine::LineResult& line_result,
                          const engine::Valuation& valuation) {
    if (allocation.source_kind != engine::SourceKind::pool) {
        return allocation.amount;
    }
    // A line paid in full in kind recovers its own value at price, which the waterfall has
    // already computed (and its invariants confirmed).
    return allocation.amount == line.units.count
               ? line_result.line_value.count
               : engine::value_of(Units{allocation.amount}, valuation).count;
}

// SPEC: recovery rate of a claim with lines = (value at price of its in-kind allocations +
// its fund and estate allocations) / (value of its lines), over claims whose lines are worth
// more than 0; percentile p is the ceil(p/100 * n)-th smallest. Each rate is kept as its
// printed value floor(rate * 10^6) (what format_ratio prints): floor is monotone, so the k-th
// smallest printed rate is the printed k-th smallest rate.
// One linear walk: lines are in line order (claim by claim) and the allocations by line,
// creditors last, so a claim's lines and their allocations are two contiguous runs.
namespace {

// The recovery rate of each claim with lines worth more than 0, in line order, each as
// floor(rate * 10^6).
std::vector<Int128> recovery_rates(const Case& loaded, const Distribution& distribution) {
    const auto& lines = distribution.input.lines;
    const auto& line_results = distribution.result.lines;
    const auto& allocations = distribution.result.allocations;
    std::vector<engine::Valuation> valuations;
    for (std::uint32_t a = 0; a < loaded.config.assets.size(); ++a) {
        valuations.push_back(loaded.config.valuation(a));
    }
    std::vector<Int128> rates;
    std::size_t next = 0;  // the first allocation not yet counted
    for (std::size_t first = 0; first < lines.size();) {
        const std::uint32_t claim = lines[first].decision_index;
        Int128 value = 0;
        Int128 recovered = 0;
        std::size_t last = first;
        for (; last < lines.size() && lines[last].decision_index == claim; ++last) {
            value = engine::checked_add(value, line_results[last].line_value.count);
            for (; next < allocations.size() && !allocations[next].is_creditor &&
                   allocations[next].recipient_index == last;
                 ++next) {
                const engine::Allocation& allocation = allocations[next];
                recovered = engine::checked_add(
                    recovered, recovered_value_of(allocation, lines[last], line_results[last],
                                                  valuations[allocation.asset_index]));
            }
        }
        KANZAI_ASSERT(last == lines.size() || lines[last].decision_index > claim);
        if (value > 0) {
            rates.push_back(engine::mul_div(recovered, 1'000'000, value).quotient);
        }
        first = last;
    }
    // Every line allocation was met on the way: only creditors' remain.
    KANZAI_ASSERT(next == allocations.size() || allocations[next].is_creditor);
    return rates;
}

}  // namespace

std::vector<RecoveryPercentile> recovery_rate_percentiles(const Case& loaded,
                                                         const Distribution& distribution) {
    std::vector<Int128> rates = recovery_rates(loaded, distribution);
    std::vector<RecoveryPercentile> percentiles;
    if (rates.empty()) {
        return percentiles;
    }
    // Ranks in increasing order: each nth_element works on what is right of the last one.
    auto sorted_from = rates.begin();
    for (const int p : {10, 25, 50, 75, 90}) {
        const std::size_t n = rates.size();
        const std::size_t rank = (static_cast<std::size_t>(p) * n + 99) / 100;  // ceil
        const auto at =
            rates.begin() + static_cast<std::ptrdiff_t>(std::max<std::size_t>(rank, 1) - 1);
        std::nth_element(sorted_from, at, rates.end());
        sorted_from = at;
        percentiles.push_back({.p = p, .rate = *at});
    }
    return percentiles;
}

}  // namespace kanzai::claims
