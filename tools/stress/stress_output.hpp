// The files of `kanzai stress` (SPEC "Stress scenarios"): stress.csv, stress_funds.csv and
// the self-contained stress.html, rendered from the scenarios' figures as exact text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "claims/case.hpp"
#include "claims/stress/stress_run.hpp"

namespace kanzai::tools {

inline constexpr std::string_view stress_csv_header =
    "scenario,claimants,claims_value,recovered_value,recovery,whole_after_funds,whole,p10,p50,"
    "p90\n";
inline constexpr std::string_view stress_funds_csv_header =
    "scenario,fund,available,allocated,leftover,eligible,floors,max_floor,claimants_eligible,"
    "claimants_whole\n";

struct StressedScenario {
    const claims::Scenario* scenario = nullptr;
    claims::StressFigures figures;
};

// One row per scenario in file order; amounts with the currency's decimals, recovery and
// percentiles with 6 fractional digits (rounded down), empty when there is nothing to rate.
[[nodiscard]] std::string render_stress_csv(const claims::CaseConfig& config,
                                            const std::vector<StressedScenario>& scenarios);
// Per scenario, one row per fund in case.toml order.
[[nodiscard]] std::string render_stress_funds_csv(const claims::CaseConfig& config,
                                                  const std::vector<StressedScenario>& scenarios);
// One page, no network: per scenario a bar of its recovery and of the claimants made
// whole, per fund bars of eligible, floors and max_floor against available; the numbers
// are those of the two CSV files.
[[nodiscard]] std::string render_stress_html(const claims::CaseConfig& config,
                                             const std::vector<StressedScenario>& scenarios);

}  // namespace kanzai::tools
