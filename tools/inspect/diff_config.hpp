// `kanzai diff`: the case.toml keys that differ between two runs, with their old and new
// values. case.db records only case.toml's SHA-256, so the text of each run's case.toml
// comes from a file whose SHA-256 is the recorded one (the case folder's, or one named on
// the command line); summary.json's figures stand in for the keys it echoes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "claims/case.hpp"
#include "claims/record/run_record.hpp"

namespace kanzai::tools {

struct ConfigChange {
    std::string key;     // "assets.BTC.price", "fund.reserve.floor", "rules.late"
    std::string before;  // "none" when the key is absent
    std::string after;
};

// Every key whose value differs, in case.toml's order: [case], [assets] by id, [rules],
// [[fund]] by id, [estate], [convenience], [payouts]. Defaults count as written.
[[nodiscard]] std::vector<ConfigChange> config_changes(const claims::CaseConfig& before,
                                                       const claims::CaseConfig& after);

// What summary.json echoes of case.toml (each fund's `amount`, `[estate] cash`): the
// changes of those keys, for when a run's case.toml is not at hand.
[[nodiscard]] std::vector<ConfigChange> summary_config_changes(const std::string& before_json,
                                                               const std::string& after_json);

// The case.toml `run` read, parsed: the file at `path` when its SHA-256 is the one recorded
// for the run; nullopt (and why in `note`) otherwise.
[[nodiscard]] std::optional<claims::CaseConfig> recorded_config(const claims::RunRecord& run,
                                                                const std::string& path,
                                                                std::string& note);

}  // namespace kanzai::tools
