// `kanzai report`: the lawyers' review report, one self-contained HTML file (inline CSS and
// script, no network, prints to PDF). The claims table is embedded as compact JSON and paged
// by the script, so a case with 100k+ claims stays usable.
#pragma once

#include <string>

#include "claims/case.hpp"
#include "claims/record/run_record.hpp"

namespace kanzai::tools {

// The whole page. `run.summary_json` must be the run's summary.json. Every string from the
// inputs is escaped (HTML in static sections, script-safe JSON in the data block); amounts
// appear exactly as in the CSV outputs.
[[nodiscard]] std::string render_report_html(const claims::CaseConfig& config,
                                             const claims::RunRecord& run);

// The data block of the claims table: {"rows":[[...13 decision columns...]],
// "alloc":{claim_id:[[portion,source,asset,amount,tranche,weight]]},
// "pay":{payee_id:[[payout_id,asset,amount,tranche,status]]},
// "setoff":{customer_id:[debt,positive_value,receivable]}} as script-safe JSON.
[[nodiscard]] std::string render_claims_data(const claims::RunRecord& run);

}  // namespace kanzai::tools
