// `kanzai explain`: what a recorded run says about one claim, customer or creditor, as text a
// lawyer can read or as JSON. Pure functions of the run record (and of the ledger rows the
// command could still verify), so tests compare their output exactly.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "claims/record/run_record.hpp"

namespace kanzai::tools {

// What the id selects in a run. A claim id selects its claim; a customer id every claim of
// that customer and every claim it holds as payee; a payee (customer or creditor:<id>) its
// payouts. Pointers into the run, in its recorded order.
struct ExplainSelection {
    std::vector<const claims::DecisionRecord*> claims;
    std::vector<const claims::AllocationRecord*> creditor_allocations;  // id = creditor:<id>
    std::set<std::string> customer_ids;  // whose set-off and ledger rows are shown
    std::set<std::string> payee_ids;     // whose payouts are shown

    [[nodiscard]] bool empty() const {
        return claims.empty() && creditor_allocations.empty() && payee_ids.empty() &&
               customer_ids.empty();
    }
};

[[nodiscard]] ExplainSelection select_for_explain(const claims::RunRecord& run,
                                                  const std::string& id);
// The selection points into `run`, so a temporary run is refused at compile time.
ExplainSelection select_for_explain(claims::RunRecord&& run, const std::string& id) = delete;

struct LedgerLine {
    std::string customer_id;
    std::string account_id;
    std::string asset;
    std::string balance;  // exact decimal text
};

// The ledger rows of the selected customers, shown only when the case folder's ledger.csv
// still has the SHA-256 recorded for the run; otherwise `note` says why they are not shown.
struct LedgerView {
    bool shown = false;
    std::string note;
    std::vector<LedgerLine> rows;  // by customer, asset, account
};

// What case.db does not record (SPEC v3: the convenience class per claimant, the asset paid
// of each allocation, payments.csv's rows, transfers after the record date), recomputed by
// the engine's own functions from the case folder while every input file is byte for byte
// the one the run read. Amounts are exact decimal text.
struct ConvenienceShare {
    std::string claim_id;
    std::string portion;
    std::string claim;  // the line's share of k_g
};
struct ConvenienceView {
    std::string claimant_id;
    std::string value;  // c_g; "" when above 2^127-1
    bool in_class = false;
    bool by_election = false;
    bool above_threshold = false;  // c_g > threshold
    std::string claim;  // k_g
    std::vector<ConvenienceShare> lines;  // in the class only
};
struct PaidView {
    std::string claim_id;  // or "creditor:<id>"
    std::string portion;
    std::string source;
    std::string asset;   // the asset paid
    std::string amount;  // in it
    bool converted = false;
    std::string price_name;   // "estate_price" (a sale) or "distribution_price"
    std::string price_asset;  // whose price it is
    std::string price;        // in the case currency per whole unit
};
struct PaymentView {
    std::string payee_id;
    std::string asset;
    std::string amount;
    std::string paid_on;
    std::string status;  // paid, failed, returned
};
struct TransferView {
    std::string transfer_id;
    std::string claim_id;
    std::string from_id;
    std::string to_id;
    std::string effective_on;
};
// Why the payouts of a claim are held_review (SPEC "Payouts": a transfer finding on the
// claim: which transfer, and what is wrong with it) or frozen_sanctions (who is sanctioned).
struct HoldView {
    std::string claim_id;
    std::string status;  // "held_review" | "frozen_sanctions"
    std::string detail;
};
// A fund line's claimant through the fund's floor and cap stages (SPEC step 3), from the
// record's fund lines and the run's case.toml: e_g is the sum of the weights (remaining
// shortfall values) of the claimant's lines this fund paid, capped at `cap`.
struct FundStageView {
    std::string claim_id;
    std::string portion;
    std::string source;  // "fund:reserve"
    std::string claimant_id;
    std::string floor;  // "" without one
    std::string cap;    // "" without one
    std::string shortfall;  // the claimant's weights before the cap
    std::string eligible;   // e_g
    std::string floors;     // sum over claimants of min(e_g, floor)
    std::string available;
    bool floors_in_full = true;
    std::string floor_part;  // what the floor stage paid the claimant
    std::string rest_part;   // what the pro-rata stage after it paid
    std::string awarded;     // their sum
};
struct RecomputedView {
    bool shown = false;
    std::string note;  // why not shown; "" when there is nothing to say
    std::string threshold;    // [convenience] threshold, "" without the class
    std::string record_date;  // "" without one
    std::vector<ConvenienceView> convenience;  // the selected claims' claimants
    std::vector<PaidView> paid;                // the selected claims' and creditor's lines
    std::vector<PaymentView> payments;         // of the selected payees, in file order
    std::vector<TransferView> after_record_date;  // of the selected claims, not applied
    std::vector<HoldView> holds;                  // of the selected claims
    // Read from the record and case.toml alone, also when `shown` is false.
    std::vector<FundStageView> fund_stages;
    std::string fund_note;  // why fund stages are not shown; "" when there is nothing to say
};

[[nodiscard]] std::string explain_text(const claims::RunRecord& run, const std::string& id,
                                       const ExplainSelection& selection,
                                       const LedgerView& ledger,
                                       const RecomputedView& recomputed = {});
[[nodiscard]] std::string explain_json(const claims::RunRecord& run, const std::string& id,
                                       const ExplainSelection& selection,
                                       const LedgerView& ledger,
                                       const RecomputedView& recomputed = {});

// Whether the run's summary.json shows any SPEC v3 figure that explain recomputes (a
// convenience class, a conversion, a payment not completed, a transfer after the record
// date): only then is the case folder recomputed.
[[nodiscard]] bool needs_recomputation(const claims::RunRecord& run);

// Whether a selected payee has a held_review or frozen_sanctions payout: the case folder is
// then read to say which transfer or which sanction.
[[nodiscard]] bool has_holds(const claims::RunRecord& run, const ExplainSelection& selection);

}  // namespace kanzai::tools
