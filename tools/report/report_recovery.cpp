// Recovery rates per claimant for the report's histogram (see report_recovery.hpp).
// Exact: values are Int128 counts of currency minor units; the bucket is an integer division.
#include "tools/report/report_recovery.hpp"

#include <map>
#include <string>
#include <unordered_map>

#include "engine/assert.hpp"
#include "engine/decimal.hpp"

namespace kanzai::tools {
namespace {

struct ClaimantValues {
    engine::Value lines;
    engine::Value recovered;
};

// The value at `price` of `amount` of `asset`; 0 for an asset the case does not know.
engine::Value value_at_price(const claims::CaseConfig& config, const std::string& asset,
                             const std::string& amount) {
    const std::uint32_t index = config.find_asset(asset);
    if (index >= config.assets.size()) {
        return {};
    }
    const engine::DecimalParse parse = engine::parse_amount(amount, config.assets[index].decimals);
    KANZAI_ASSERT(parse.ok());
    return engine::value_of(engine::Units{parse.count}, config.valuation(index));
}

}  // namespace

RecoveryHistogram recovery_histogram(const claims::CaseConfig& config,
                                     const claims::RunRecord& run) {
    std::map<std::string, ClaimantValues> by_claimant;  // ordered: deterministic
    std::unordered_map<std::string, std::string> claimant_of_claim;
    for (const claims::DecisionRecord& decision : run.decisions) {
        if (decision.claim_class.empty()) {
            continue;
        }
        ClaimantValues& values = by_claimant[decision.claimant_id];
        values.lines = engine::add(values.lines,
                                   value_at_price(config, decision.asset, decision.admitted));
        values.lines = engine::add(values.lines,
                                   value_at_price(config, decision.asset, decision.disputed));
        claimant_of_claim.emplace(decision.claim_id, decision.claimant_id);
    }
    for (const claims::AllocationRecord& allocation : run.allocations) {
        const auto found = claimant_of_claim.find(allocation.claim_id);
        if (found == claimant_of_claim.end()) {
            continue;  // a creditor
        }
        ClaimantValues& values = by_claimant[found->second];
        // In-kind allocations are valued at price; fund and estate ones are already money.
        values.recovered = engine::add(
            values.recovered, value_at_price(config, allocation.asset, allocation.amount));
    }
    RecoveryHistogram histogram;
    for (const auto& [claimant, values] : by_claimant) {
        if (values.lines.count <= 0) {
            continue;
        }
        const engine::Int128 tenths =
            engine::checked_mul(values.recovered.count, 10) / values.lines.count;
        histogram.buckets[static_cast<std::size_t>(tenths >= 10 ? 10 : tenths)] += 1;
        histogram.claimants_count += 1;
    }
    return histogram;
}

}  // namespace kanzai::tools
