// Determination notices as plain text (see notices_text.hpp). The wording of "what you must
// do" follows the payout statuses of SPEC "Payouts".
#include "tools/inspect/notices_text.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

namespace kanzai::tools {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
long days_from_civil(long year, long month, long day) {
    year -= month <= 2 ? 1 : 0;
    const long era = (year >= 0 ? year : year - 399) / 400;
    const long year_of_era = year - era * 400;
    const long day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const long day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

std::string civil_from_days(long days) {
    days += 719468;
    const long era = (days >= 0 ? days : days - 146096) / 146097;
    const long day_of_era = days - era * 146097;
    const long year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const long month_index = (5 * day_of_year + 2) / 153;
    const long day = day_of_year - (153 * month_index + 2) / 5 + 1;
    const long month = month_index < 10 ? month_index + 3 : month_index - 9;
    const long year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

bool is_date(const std::string& text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    return std::all_of(text.begin(), text.begin() + 10, [](char c) {
        return c == '-' || (c >= '0' && c <= '9');
    });
}

constexpr const char* rule = "----------------------------------------------------------------\n";

std::string claim_block(const claims::RunRecord& run, std::size_t decision_index,
                        const std::vector<std::size_t>& allocation_indexes) {
    const claims::DecisionRecord& d = run.decisions[decision_index];
    std::string text = fmt::format("Claim {} ({}), customer {}\n", d.claim_id, d.asset,
                                   d.customer_id);
    text += fmt::format("  Filed:     {}\n", d.filed.empty() ? "(not filed: deemed claim)"
                                                             : d.filed + " " + d.asset);
    text += fmt::format("  Ledger:    {} {}\n", d.ledger, d.asset);
    text += fmt::format("  Admitted:  {} {}\n", d.admitted, d.asset);
    text += fmt::format("  Disputed:  {} {}\n", d.disputed, d.asset);
    text += fmt::format("  Class:     {}\n", d.claim_class.empty() ? "(none)" : d.claim_class);
    text += fmt::format("  Decision:  {}\n", d.code);
    text += fmt::format("  Reason:    {}\n", d.reason);
    for (const std::size_t index : allocation_indexes) {
        const claims::AllocationRecord& a = run.allocations[index];
        text += fmt::format("  Allocated: {} {} from {} ({} portion, tranche {})\n", a.amount,
                            a.asset, a.source, a.portion, a.tranche);
    }
    return text;
}

std::string status_instruction(const std::string& status) {
    if (status == "held_kyc") {
        return "held_kyc: complete identity verification (KYC) with the administrator; these "
               "payouts are paid once your identity is verified.";
    }
    if (status == "held_review") {
        return "held_review: contact the administrator; a transfer of your claim could not be "
               "applied as recorded and these payouts are held until it is reviewed.";
    }
    if (status == "held_disputed") {
        return "held_disputed: part of your claim is disputed; these payouts are held until "
               "the dispute is resolved.";
    }
    if (status == "frozen_sanctions") {
        return "frozen_sanctions: these payouts are frozen under sanctions law; contact the "
               "administrator.";
    }
    if (status == "below_minimum") {
        return "below_minimum: these amounts are below the minimum payout and are carried "
               "to a later tranche; nothing to do.";
    }
    return "";
}

std::string proof_block(const claims::RunRecord& run, const PayeeRows& rows,
                        const std::optional<claims::ProofFile>& proof) {
    std::string text = std::string("Proof of distribution\n") + rule;
    if (!proof) {
        return text + "This run was recorded before Kanzai published a root: it has no proof.\n";
    }
    text += fmt::format("Root:      {} (run {}: {} payouts; {})\n",
                        claims::hex_of(proof->root.root), run.number, proof->root.leaves_count,
                        proof->root.is_salted ? "salted" : "not salted");
    if (proof->root.is_salted) {
        text += fmt::format("Your salt: {}\n", claims::hex_of(proof->salt));
    }
    if (proof->payouts.empty()) {
        return text + "You have no payout in this run: no row of yours is under the root.\n";
    }
    for (std::size_t at = 0; at < proof->payouts.size(); ++at) {
        const claims::ProofPayout& payout = proof->payouts[at];
        text += fmt::format("Payout {}: index {}, row {}\n",
                            run.payouts[rows.payout_indexes[at]].payout_id, payout.index,
                            payout.row);
        const std::vector<claims::PathStep> steps =
            claims::path_steps(payout.index, proof->root.leaves_count);
        for (std::size_t j = 0; j < payout.path.size(); ++j) {
            text += fmt::format("  level {}: {:<5} {}\n", steps[j].level,
                                payout.path[j].side == claims::Side::left ? "left" : "right",
                                claims::hex_of(payout.path[j].digest));
        }
    }
    return text + "Each row above, hashed with your salt and up its path, gives the root. Ask "
                  "the administrator\nfor your proof file and check it with `kanzai verify` "
                  "or the offline page verify.html;\ncompare the root with the one the "
                  "administrator published.\n";
}

std::string actions_block(const NoticeCase& notice_case, const claims::RunRecord& run,
                          const PayeeRows& rows) {
    std::set<std::string> statuses;
    for (const std::size_t index : rows.payout_indexes) {
        statuses.insert(run.payouts[index].status);
    }
    std::string text = std::string("What you must do\n") + rule;
    for (const std::string& status : statuses) {
        const std::string instruction = status_instruction(status);
        if (!instruction.empty()) {
            text += "- " + instruction + "\n";
        }
    }
    if (statuses.count("payable") > 0) {
        text += "- payable: nothing; these payouts are paid in their tranche.\n";
    }
    text += fmt::format("- If you disagree with a decision, file an objection with the "
                        "administrator {}.\n",
                        notice_case.dispute_deadline);
    return text;
}

}  // namespace

std::vector<PayeeRows> group_rows_by_payee(const claims::RunRecord& run) {
    std::map<std::string, PayeeRows> by_payee;  // node-based: pointers below stay valid
    // claim_id -> its payee's rows and its position among them.
    std::map<std::string_view, std::pair<PayeeRows*, std::size_t>> position_of_claim;
    for (std::size_t index = 0; index < run.decisions.size(); ++index) {
        const claims::DecisionRecord& d = run.decisions[index];
        PayeeRows& rows = by_payee[d.payee_id];
        rows.decision_indexes.push_back(index);
        rows.allocation_indexes.emplace_back();
        position_of_claim.emplace(d.claim_id,
                                  std::make_pair(&rows, rows.decision_indexes.size() - 1));
    }
    for (std::size_t index = 0; index < run.allocations.size(); ++index) {
        const auto found = position_of_claim.find(run.allocations[index].claim_id);
        if (found == position_of_claim.end()) {
            continue;  // a creditor's allocation: its payouts tell the creditor
        }
        found->second.first->allocation_indexes[found->second.second].push_back(index);
    }
    for (std::size_t index = 0; index < run.payouts.size(); ++index) {
        by_payee[run.payouts[index].payee_id].payout_indexes.push_back(index);
    }
    std::vector<PayeeRows> result;
    result.reserve(by_payee.size());
    for (auto& [payee_id, rows] : by_payee) {
        rows.payee_id = payee_id;
        result.push_back(std::move(rows));
    }
    return result;
}

std::string render_notice(const NoticeCase& notice_case, const claims::RunRecord& run,
                          const PayeeRows& rows, const std::string& payee_name,
                          const std::optional<claims::ProofFile>& proof) {
    std::string text = "DETERMINATION NOTICE\n\n";
    text += fmt::format("Case:          {}\n", notice_case.name);
    if (!notice_case.court.empty()) {
        text += fmt::format("Court:         {}\n", notice_case.court);
    }
    if (!notice_case.case_number.empty()) {
        text += fmt::format("Case number:   {}\n", notice_case.case_number);
    }
    if (!notice_case.administrator.empty()) {
        text += fmt::format("Administrator: {}\n", notice_case.administrator);
    }
    text += fmt::format("Run:           {} ({})\n\n", notice_case.run_number, notice_case.engine);
    text += payee_name.empty() ? fmt::format("To: {}\n\n", rows.payee_id)
                               : fmt::format("To: {} ({})\n\n", payee_name, rows.payee_id);
    text += fmt::format("Your claims ({})\n{}", rows.decision_indexes.size(), rule);
    if (rows.decision_indexes.empty()) {
        text += "You hold no customer claim; your payouts are listed below.\n\n";
    }
    for (std::size_t position = 0; position < rows.decision_indexes.size(); ++position) {
        text += claim_block(run, rows.decision_indexes[position],
                            rows.allocation_indexes[position]);
        text += "\n";
    }
    text += fmt::format("Your payouts ({})\n{}", rows.payout_indexes.size(), rule);
    for (const std::size_t index : rows.payout_indexes) {
        const claims::PayoutRecord& p = run.payouts[index];
        text += fmt::format("  Payout {}: {} {}, tranche {}, {}\n", p.payout_id, p.amount,
                            p.asset, p.tranche, p.status);
    }
    if (rows.payout_indexes.empty()) {
        text += "  None.\n";
    }
    text += "\n" + proof_block(run, rows, proof);
    text += "\n" + actions_block(notice_case, run, rows);
    return text;
}

std::string dispute_deadline_text(const std::string& created_at, int days) {
    if (!is_date(created_at)) {
        return fmt::format("within {} days of the date of this notice", days);
    }
    const long start = days_from_civil(std::stol(created_at.substr(0, 4)),
                                       std::stol(created_at.substr(5, 2)),
                                       std::stol(created_at.substr(8, 2)));
    return fmt::format("by {} ({} days after the run date {})", civil_from_days(start + days),
                       days, created_at.substr(0, 10));
}

}  // namespace kanzai::tools
