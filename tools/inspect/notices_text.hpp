// Determination notices (`kanzai notices`): the letter a claims agent sends to each payee,
// in plain text: each claim's decision, reason, amounts and allocations, the payee's payouts
// and statuses, and what the payee must do.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/record/proof_file.hpp"
#include "claims/record/run_record.hpp"
#include "tools/inspect/notices_wording.hpp"

namespace kanzai::tools {

// What every notice of one run states about the case.
struct NoticeCase {
    std::string name;
    std::string court;
    std::string case_number;
    std::string administrator;
    std::string currency;
    int run_number = 0;
    std::string engine;
    // The dispute deadline as a phrase, e.g. "by 2026-12-22 (30 days after the run date
    // 2026-11-22)": a convention, see docs/report.md.
    std::string dispute_deadline;
};

// One payee's rows of the run, as indexes into RunRecord's vectors (in their order).
struct PayeeRows {
    std::string payee_id;
    std::vector<std::size_t> decision_indexes;
    std::vector<std::vector<std::size_t>> allocation_indexes;  // per decision_indexes entry
    std::vector<std::size_t> payout_indexes;
    // Claims this customer filed (or was deemed to hold) that a transfer gave to another
    // payee: the customer is still told the decision on them.
    std::vector<std::size_t> sold_indexes;
    // A creditor's allocations (claim_id "creditor:<id>" = payee_id).
    std::vector<std::size_t> creditor_allocation_indexes;
};

// Every payee of the run (of a claim or of a payout; creditors included), every customer
// that transferred a claim, and every id of `extra_payee_ids` (the case's creditors, told
// their claim even when it receives nothing), sorted by id. Linear after one sort of the
// decisions' payees: fine at millions of rows.
[[nodiscard]] std::vector<PayeeRows> group_rows_by_payee(
    const claims::RunRecord& run, const std::vector<std::string>& extra_payee_ids = {});

// An allocation paid in another asset than its own (SPEC "Asset paid").
struct PaidAs {
    std::string asset;
    std::string amount;       // in `asset`, exact decimal text
    std::string price_name;   // "estate_price" (a sale) or "distribution_price"
    std::string price_asset;  // the asset whose price it is
    std::string price;
};

// A creditor's claim, as creditors.csv has it.
struct CreditorClaim {
    std::string creditor_class;
    std::string amount;  // case currency, exact decimal text
    std::string description;
};

// A row of payments.csv with status failed or returned: not received, payable again.
struct PaymentNotCompleted {
    std::string asset;
    std::string amount;
    std::string tranche;  // as written (informational), may be empty
    std::string paid_on;  // as written, may be empty
    std::string status;
};

// [convenience] of the case, for the line that tells a claimant it is in the class.
struct ConvenienceTerms {
    std::string threshold;  // case currency
    std::string rate;
};

// What a notice tells one payee beyond the run's rows.
struct NoticePayee {
    std::string name;  // may be empty (a creditor, an unknown customer)
    std::optional<CreditorClaim> creditor;
    std::vector<PaymentNotCompleted> not_completed;
};

// What notices take from the case folder, recomputed once for the whole run when its inputs
// and engine are still those of the run; otherwise `note` says why it is not shown.
struct NoticeFacts {
    std::string note;
    // Converted allocations by paid_as_key(claim_id, portion, source).
    std::map<std::string, PaidAs, std::less<>> paid_as;
    std::optional<ConvenienceTerms> convenience;
};
[[nodiscard]] std::string paid_as_key(std::string_view claim_id, std::string_view portion,
                                      std::string_view source);

// The notice text for one payee. `payee_name` may be empty (a creditor, an unknown
// customer). `proof` is the payee's proof of distribution (SPEC "Command line": notices
// print each payee's root, indexes and paths; no payouts for a payee without any), nullopt
// for a run recorded before there was one. Ends with a newline; LF line ends.
[[nodiscard]] std::string render_notice(const NoticeCase& notice_case,
                                        const claims::RunRecord& run, const PayeeRows& rows,
                                        const std::string& payee_name,
                                        const std::optional<claims::ProofFile>& proof);

// The whole notice in `lang`: the above plus claims the payee transferred, a creditor's
// claim and recovery, assets paid and conversion prices, the convenience class, and
// earlier payments that failed or were returned.
struct NoticeInput {
    const NoticeCase& notice_case;
    const claims::RunRecord& run;
    const PayeeRows& rows;
    const NoticePayee& payee;
    const NoticeFacts& facts;
    const std::optional<claims::ProofFile>& proof;
    NoticeLang lang = NoticeLang::en;
};
[[nodiscard]] std::string render_notice(const NoticeInput& input);

// "by YYYY-MM-DD (N days after the run date YYYY-MM-DD)" for a run recorded at `created_at`
// (ISO 8601, UTC; its first 10 characters are the date); "within N days of the date of this
// notice" when the run's time is not known (a run read from its folder). In Japanese
// "2026年12月22日まで（計算実行日2026年11月22日から30日後）"
// and "この通知の日付から30日以内".
[[nodiscard]] std::string dispute_deadline_text(const std::string& created_at, int days,
                                                NoticeLang lang = NoticeLang::en);

}  // namespace kanzai::tools
