// Determination notices (`kanzai notices`): the letter a claims agent sends to each payee,
// in plain text: each claim's decision, reason, amounts and allocations, the payee's payouts
// and statuses, and what the payee must do.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "claims/record/proof_file.hpp"
#include "claims/record/run_record.hpp"

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
};

// Every payee of the run (of a claim or of a payout; creditors included), sorted by id.
// Linear after one sort of the decisions' payees: fine at millions of rows.
[[nodiscard]] std::vector<PayeeRows> group_rows_by_payee(const claims::RunRecord& run);

// The notice text for one payee. `payee_name` may be empty (a creditor, an unknown
// customer). `proof` is the payee's proof of distribution (SPEC "Command line": notices
// print each payee's root, indexes and paths; no payouts for a payee without any), nullopt
// for a run recorded before there was one. Ends with a newline; LF line ends.
[[nodiscard]] std::string render_notice(const NoticeCase& notice_case,
                                        const claims::RunRecord& run, const PayeeRows& rows,
                                        const std::string& payee_name,
                                        const std::optional<claims::ProofFile>& proof);

// "by YYYY-MM-DD (N days after the run date YYYY-MM-DD)" for a run recorded at `created_at`
// (ISO 8601, UTC; its first 10 characters are the date); "within N days of the date of this
// notice" when the run's time is not known (a run read from its folder).
[[nodiscard]] std::string dispute_deadline_text(const std::string& created_at, int days);

}  // namespace kanzai::tools
