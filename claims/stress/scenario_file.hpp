// The scenario file of `kanzai stress` (SPEC "Stress scenarios"): [[scenario]] tables read
// with toml++, every value checked against the loaded case.toml at its line and column.
// toml++ stays behind this header.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/case.hpp"
#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// A pool's loss: a fraction of it (scaled by 10^18, 0..10^18) or a number of its units.
struct ScenarioLoss {
    std::uint32_t asset_index = 0;
    bool is_fraction = false;
    Int128 amount = 0;  // fraction * 10^18, or minor units of the asset
};

struct ScenarioPrice {
    std::uint32_t asset_index = 0;
    Price price;
};

struct ScenarioFundAmount {
    std::uint32_t fund_index = 0;
    Value amount;
};

// One [[scenario]] table, every name resolved to an index; each list sorted by index.
struct Scenario {
    std::string id;
    std::string description;
    std::vector<ScenarioLoss> losses;         // lost and lost_units
    std::vector<ScenarioPrice> prices;        // replace price (and estate_price)
    std::vector<ScenarioPrice> estate_prices; // replace estate_price only
    std::vector<ScenarioFundAmount> fund_amounts;
    std::optional<Value> cash;
    std::uint32_t line = 0;  // of its [[scenario]] header
};

// Parses the text of the scenario file `file_name` against a valid case's config. A TOML
// syntax error is reported once and ends the reading; every other error (unknown key,
// asset or fund, a missing or repeated id, an asset in both lost and lost_units, a value
// out of range or of the wrong type) is collected as `file_name:line:col: message`. The
// scenarios are complete only when no error was reported. With `absent` (--skip-absent),
// an entry of lost, lost_units, prices, estate_prices or funds that names an asset or fund
// the case does not have is left out and noted there instead: one library of scenarios
// (samples/stress/historical.toml) then runs on cases that hold different assets.
[[nodiscard]] std::vector<Scenario> load_scenarios(std::string_view text,
                                                   const std::string& file_name,
                                                   const CaseConfig& config,
                                                   Diagnostics& diagnostics,
                                                   Diagnostics* absent = nullptr);

}  // namespace kanzai::claims
