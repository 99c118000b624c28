// The words of a determination notice in each language it is sent in (`notices --lang`):
// labels, the instruction per payout status, reasons per decision code, dates and amounts.
// English is the default and keeps the notice text it always had; Japanese says the same.
#pragma once

#include <string>
#include <string_view>

#include "claims/record/run_record.hpp"

namespace kanzai::tools {

enum class NoticeLang { en, ja };

// "en" or "ja"; nullopt-like false for anything else.
[[nodiscard]] bool parse_notice_lang(std::string_view text, NoticeLang& lang);

// The fixed phrases of a notice, padded to line up as the English notice always did.
struct NoticeWords {
    const char* title;            // "DETERMINATION NOTICE"
    const char* case_label;       // "Case:          "
    const char* court;
    const char* case_number;
    const char* administrator;
    const char* run;
    const char* to;               // "To: "
    const char* your_claims;      // "Your claims"
    const char* no_claims;        // the line for a payee without a customer claim
    const char* sold_claims;      // "Claims you filed and transferred"
    const char* claim;            // "Claim"
    const char* customer;         // ", customer"
    const char* filed;            // "  Filed:     "
    const char* deemed;           // "(not filed: deemed claim)"
    const char* ledger;
    const char* admitted;
    const char* disputed;
    const char* claim_class;
    const char* decision;
    const char* reason;
    const char* allocated;        // "  Allocated: "
    const char* none;             // "(none)"
    const char* now_held_by;      // "  Now held by: "
    const char* your_payouts;
    const char* payouts_none;     // "  None."
    const char* what_to_do;
    const char* payable;          // the payable instruction
};

[[nodiscard]] const NoticeWords& notice_words(NoticeLang lang);

// The instruction for a payout status (SPEC "Payouts"), "" for one that needs none.
[[nodiscard]] std::string status_instruction(NoticeLang lang, const std::string& status);

// An amount as a payee reads it: English as written ("1000000"); Japanese with thousands
// separators in the integer part ("1,000,000", "1,234.50000000").
[[nodiscard]] std::string amount_text(NoticeLang lang, const std::string& amount);

// A date "YYYY-MM-DD" as a payee reads it: as written in English, "2026年12月22日" in
// Japanese. Text that is not such a date is returned unchanged.
[[nodiscard]] std::string date_text(NoticeLang lang, const std::string& date);

// The reason of a decision: the recorded reason in English; in Japanese a sentence per
// decision code built from the decision's amounts (an administrator's determination keeps
// its own words, verbatim, in every language: SPEC "Determinations").
[[nodiscard]] std::string reason_text(NoticeLang lang, const claims::DecisionRecord& decision);

}  // namespace kanzai::tools
