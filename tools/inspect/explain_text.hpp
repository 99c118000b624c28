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

[[nodiscard]] std::string explain_text(const claims::RunRecord& run, const std::string& id,
                                       const ExplainSelection& selection,
                                       const LedgerView& ledger);
[[nodiscard]] std::string explain_json(const claims::RunRecord& run, const std::string& id,
                                       const ExplainSelection& selection,
                                       const LedgerView& ledger);

}  // namespace kanzai::tools
