// `kanzai report`: the lawyers' review report, one self-contained HTML file (inline CSS and
// script, no network, prints to PDF). The claims table is embedded in chunks of
// claims_per_chunk claims, each compressed JSON (report_pack.hpp) that the script
// decompresses only when a page, a search or a deep link needs it, so the page opens in
// seconds at millions of claims.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "claims/case.hpp"
#include "claims/record/run_record.hpp"

namespace kanzai::tools {

// Claims per embedded chunk: a multiple of the table's 100 rows a page, so a page never
// spans two chunks; about 60 KB compressed.
inline constexpr std::size_t claims_per_chunk = 1000;

// The whole page. `run.summary_json` must be the run's summary.json. `inputs` is the run's
// own case (report_inputs.hpp) or nullptr, with `inputs_note` saying why. Every string from
// the inputs is escaped (HTML in static sections, script-safe JSON in the data); amounts
// appear exactly as in the CSV outputs.
[[nodiscard]] std::string render_report_html(const claims::Case* inputs,
                                             const claims::RunRecord& run,
                                             const std::string& inputs_note = "");

// One chunk of the claims table: decisions [first_row, first_row + claims_per_chunk) as
// {"rows":[[...13 decision columns...]],
// "alloc":{claim_id:[[portion,source,asset,amount,tranche,weight]]},
// "pay":{payee_id:[[payout_id,asset,amount,tranche,status]]},
// "setoff":{customer_id:[debt,positive_value,receivable]}}, script-safe JSON, holding every
// allocation of its claims, every payout of their payees and the set-off of their customers.
using ClaimsChunkHandler =
    std::function<void(std::size_t number, std::size_t first_row, std::string json)>;
// Calls `on_chunk` for chunk 0, 1, ... of `chunk_claims` decisions each (one empty chunk for
// a run without decisions).
void for_each_claims_chunk(const claims::RunRecord& run, std::size_t chunk_claims,
                           const ClaimsChunkHandler& on_chunk);
// All claims as one chunk (tests).
[[nodiscard]] std::string render_claims_data(const claims::RunRecord& run);

}  // namespace kanzai::tools
