// One stress scenario determined and distributed in full (SPEC "Stress scenarios"): the
// case with the scenario's replacements, its claims determined at the scenario's prices,
// the waterfall run with each fund's per-claimant figures kept, and the figures of
// stress.csv and stress_funds.csv as exact integers.
#pragma once

#include <optional>
#include <vector>

#include "claims/case.hpp"
#include "claims/decision.hpp"
#include "claims/diagnostics.hpp"
#include "claims/record/recovery.hpp"
#include "claims/stress/scenario_file.hpp"
#include "engine/fund_floors.hpp"

namespace kanzai::claims {

struct StressFundFigures {
    Value available;
    Value allocated;
    Value leftover;
    Value eligible;  // sum e_g at the fund's step, after the cap
    engine::FundFloors floors;
};

struct StressFigures {
    std::uint32_t claimants = 0;  // with customer-class lines worth more than 0
    Value claims_value;           // those lines at price
    Value recovered_value;        // their allocations, valued as for recovery rates
    std::uint32_t whole_after_funds = 0;
    std::uint32_t whole = 0;
    std::vector<RecoveryPercentile> percentiles;  // as summary.json's; empty when none
    std::vector<StressFundFigures> funds;         // in case.toml order
};

// Runs `scenario` on `loaded` (a valid case whose config is `base`, whose claims determined
// at `base` are `base_determination`): loaded.config is replaced by the scenario's for the
// time of the call and restored after. A scenario that replaces no price reuses
// `base_determination`: only the waterfall runs again. Errors that
// the scenario's prices cause (a figure above 2^127-1) are added to `diagnostics`, each
// prefixed with the scenario, at `scenario_file`'s [[scenario]] line; then nullopt.
[[nodiscard]] std::optional<StressFigures> run_scenario(Case& loaded, const CaseConfig& base,
                                                        const Determination& base_determination,
                                                        const Scenario& scenario,
                                                        const std::string& scenario_file,
                                                        Diagnostics& diagnostics);

}  // namespace kanzai::claims
