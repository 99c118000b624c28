// `kanzai explain`: a fund line's floor and cap stages (SPEC "The distribution waterfall",
// step 3), from the run record's fund lines and the case.toml the run read.
#pragma once

#include <string>
#include <vector>

#include "claims/record/run_record.hpp"
#include "tools/inspect/explain_text.hpp"

namespace kanzai::tools {

// One view per selected fund line of a fund with a floor or a cap. The fund's floor and cap
// come from CASE/case.toml while its SHA-256 is the one recorded for the run; otherwise
// nothing is returned and `note` says why. Reads each such fund's lines once.
[[nodiscard]] std::vector<FundStageView> fund_stages(const std::string& case_folder,
                                                     const claims::RunRecord& run,
                                                     const ExplainSelection& selection,
                                                     std::string& note);

}  // namespace kanzai::tools
