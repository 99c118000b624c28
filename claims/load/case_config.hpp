// case.toml (SPEC "case.toml"): case metadata, assets and prices, rules, funds, estate.
// toml++ stays behind this header (STYLE.md §1).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "claims/case.hpp"
#include "claims/diagnostics.hpp"

namespace kanzai::claims {

struct CaseConfigLoad {
    CaseConfig config;
    // The document parsed and its [assets] table was read: CSV loaders can check asset
    // references. False after a syntax error or without [assets] (every asset reference
    // would be reported otherwise, burying the one real error).
    bool are_assets_checked = false;
    // Named in [assets] but invalid (bad decimals, bad price, ...): CSV cells naming them
    // are checked for grammar and sign only, as their decimals are not known.
    std::vector<std::string> invalid_asset_ids;
};

// Parses and validates the text of case.toml (a leading BOM is ignored). A TOML syntax
// error is reported once with toml++'s position and ends the reading; every other error
// (unknown key, missing required key at its table's header, wrong type, bad value,
// unknown or duplicate reference) is collected. `config` is complete only when no error
// was reported.
[[nodiscard]] CaseConfigLoad load_case_config(std::string_view text, Diagnostics& diagnostics);

}  // namespace kanzai::claims
