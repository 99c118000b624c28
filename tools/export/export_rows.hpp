// What `kanzai export` hands a payment agent: one row per `payable` payout of a run, with a
// reference that stays the same between runs, the payee's name and country and the claims
// it pays; the payment files per asset and the payments.csv template (docs/export.md).
#pragma once

#include <string>
#include <vector>

#include "claims/record/run_record.hpp"
#include "tools/run/run_pipeline.hpp"

namespace kanzai::tools {

struct ExportRow {
    std::string reference;
    int payout_id = 0;
    std::string payee_id;
    std::string name;     // customers.csv name; "" for a creditor
    std::string country;  // customers.csv country; "" for a creditor
    std::string asset;
    std::string amount;  // exact decimal text, as in payouts.csv
    int tranche = 1;
    std::vector<std::string> claim_ids;  // the claims whose allocations it pays, sorted
};

// The payable payouts of `run` in payouts.csv order. `computed` is the run recomputed from
// its inputs (tools/inspect/notices_facts.hpp): the claims of a payout are those with an
// eligible allocation paid in its asset, to its payee, in its tranche.
[[nodiscard]] std::vector<ExportRow> export_rows(const claims::RunRecord& run,
                                                 const ComputedRun& computed);

// payouts-<asset>.csv: reference,payout_id,payee_id,name,country,asset,amount,tranche,claims
// (claims separated by spaces), for the rows of one asset.
[[nodiscard]] std::string render_payment_file(const std::vector<ExportRow>& rows,
                                              const std::string& asset);

// payments.csv as the next run reads it (SPEC "CSV files" payments.csv, its columns only):
// the case's earlier payments as they are, then one row per payable payout with status
// `paid` and `paid_on` (may be empty), for the agent to correct to failed or returned.
[[nodiscard]] std::string render_payments_template(const ComputedRun& computed,
                                                   const std::vector<ExportRow>& rows,
                                                   const std::string& paid_on);

}  // namespace kanzai::tools
