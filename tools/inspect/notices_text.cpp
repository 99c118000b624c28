// Determination notices as plain text (see notices_text.hpp). The wording of "what you must
// do" follows the payout statuses of SPEC "Payouts".
#include "tools/inspect/notices_text.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "engine/decimal.hpp"

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

std::string heading(const char* title, std::size_t count) {
    return fmt::format("{} ({})\n{}", title, count, rule);
}

// "1,000,000 JPY" in Japanese, "1000000 JPY" in English.
std::string units(NoticeLang lang, const std::string& amount, const std::string& asset) {
    return amount_text(lang, amount) + " " + asset;
}

std::string allocation_line(const NoticeInput& in, const claims::AllocationRecord& a) {
    const bool ja = in.lang == NoticeLang::ja;
    std::string text = notice_words(in.lang).allocated;
    text += ja ? fmt::format("{} {}から（{}部分、第{}回配当）\n",
                             units(in.lang, a.amount, a.asset), a.source,
                             a.portion == "admitted" ? "認容" : "異議", a.tranche)
               : fmt::format("{} {} from {} ({} portion, tranche {})\n", a.amount, a.asset,
                             a.source, a.portion, a.tranche);
    const auto paid = in.facts.paid_as.find(paid_as_key(a.claim_id, a.portion, a.source));
    if (paid != in.facts.paid_as.end()) {
        const PaidAs& p = paid->second;
        text += ja ? fmt::format("             {}で支払（{}の{} {}で換算）\n",
                                 units(in.lang, p.amount, p.asset), p.price_asset, p.price_name,
                                 amount_text(in.lang, p.price))
                   : fmt::format("             paid as {} {} (at {} {} of {})\n", p.amount,
                                 p.asset, p.price_name, p.price, p.price_asset);
    }
    return text;
}

// One claim's decision; its allocations unless `allocation_indexes` is null (a claim the
// customer transferred: the holder is paid, so its allocations are the holder's).
std::string claim_block(const NoticeInput& in, std::size_t decision_index,
                        const std::vector<std::size_t>* allocation_indexes) {
    const NoticeWords& w = notice_words(in.lang);
    const claims::DecisionRecord& d = in.run.decisions[decision_index];
    std::string text = fmt::format("{} {} ({}){}{}\n", w.claim, d.claim_id, d.asset, w.customer,
                                   d.customer_id);
    text += w.filed + (d.filed.empty() ? std::string(w.deemed) : units(in.lang, d.filed, d.asset));
    text += "\n";
    text += w.ledger + units(in.lang, d.ledger, d.asset) + "\n";
    text += w.admitted + units(in.lang, d.admitted, d.asset) + "\n";
    text += w.disputed + units(in.lang, d.disputed, d.asset) + "\n";
    text += w.claim_class + (d.claim_class.empty() ? std::string(w.none) : d.claim_class) + "\n";
    text += w.decision + d.code + "\n";
    text += w.reason + reason_text(in.lang, d) + "\n";
    if (allocation_indexes == nullptr) {
        return text + w.now_held_by + d.payee_id +
               (in.lang == NoticeLang::ja ? "（配分と支払はこの債権者に行います）"
                                            "\n"
                                          : " (its allocations and payouts go to that holder)\n");
    }
    for (const std::size_t index : *allocation_indexes) {
        text += allocation_line(in, in.run.allocations[index]);
    }
    return text;
}

// "12.3456%" from format_ratio's "0.123456".
std::string percent_of(const std::string& allocated, const std::string& amount) {
    const engine::DecimalParse got = engine::parse_amount(allocated, 18);
    const engine::DecimalParse owed = engine::parse_amount(amount, 18);
    if (!got.ok() || !owed.ok() || owed.count <= 0 || got.count < 0) {
        return "-";
    }
    const std::string ratio = engine::format_ratio(got.count, owed.count);
    const std::size_t dot = ratio.find('.');
    std::string whole = ratio.substr(0, dot) + ratio.substr(dot + 1, 2);
    whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
    return whole + "." + ratio.substr(dot + 3) + "%";
}

std::string creditor_block(const NoticeInput& in) {
    const bool ja = in.lang == NoticeLang::ja;
    const CreditorClaim& c = *in.payee.creditor;
    const std::string& currency = in.notice_case.currency;
    std::string text = heading(ja ? "債権者としてのあなたの債権" : "Your claim as a cr"
                                                      "editor", 1);
    text += fmt::format("{} {}\n", ja ? "債権" : "Claim", in.rows.payee_id);
    text += (ja ? "  区分:     " : "  Class:       ") + c.creditor_class + "\n";
    text += (ja ? "  債権額:   " : "  Amount:      ") + units(in.lang, c.amount, currency);
    text += "\n";
    if (!c.description.empty()) {
        text += (ja ? "  内容:     " : "  Description: ") + c.description + "\n";
    }
    engine::Int128 allocated = 0;
    int decimals = 0;
    for (const std::size_t index : in.rows.creditor_allocation_indexes) {
        const claims::AllocationRecord& a = in.run.allocations[index];
        text += allocation_line(in, a);
        const std::size_t dot = a.amount.find('.');
        decimals = dot == std::string::npos ? 0 : static_cast<int>(a.amount.size() - dot - 1);
        const engine::DecimalParse parse = engine::parse_amount(a.amount, decimals);
        allocated += parse.ok() ? parse.count : 0;  // our own output: always parses
    }
    const std::string total = engine::format_units(allocated, decimals);
    text += ja ? fmt::format("  回収:     {}（{} / {}）\n", percent_of(total, c.amount),
                             units(in.lang, total, currency), units(in.lang, c.amount, currency))
               : fmt::format("  Recovery:    {} ({} of {})\n", percent_of(total, c.amount),
                             units(in.lang, total, currency), units(in.lang, c.amount, currency));
    return text + "\n";
}

bool is_in_convenience_class(const NoticeInput& in) {
    for (const std::vector<std::size_t>& indexes : in.rows.allocation_indexes) {
        for (const std::size_t index : indexes) {
            if (in.run.allocations[index].source == "estate:convenience") {
                return true;
            }
        }
    }
    return false;
}

std::string convenience_line(const NoticeInput& in) {
    const ConvenienceTerms& terms = *in.facts.convenience;
    const std::string threshold = units(in.lang, terms.threshold, in.notice_case.currency);
    return in.lang == NoticeLang::ja
               ? fmt::format("少額債権の区分：あなたの債権は少額債権の区分（"
                             "価額 {} 以下）に"
                             "属し、その価額の {} 倍を財団から支払います。分"
                             "別管理資産と"
                             "補償基金からは配分されません。\n\n",
                             threshold, terms.rate)
               : fmt::format("Convenience class: your claims are in the convenience class "
                             "(claims worth at most {}), paid {} times their value from the "
                             "estate; they take no part in the pools and funds.\n\n",
                             threshold, terms.rate);
}

std::string not_completed_block(const NoticeInput& in) {
    const bool ja = in.lang == NoticeLang::ja;
    std::string text = heading(ja ? "完了しなかった過去の支払" : "Earlier payments not "
                                                     "completed",
                               in.payee.not_completed.size());
    for (const PaymentNotCompleted& p : in.payee.not_completed) {
        std::string what = units(in.lang, p.amount, p.asset);
        if (!p.tranche.empty()) {
            what += ja ? "、第" + p.tranche + "回配当" : ", tranche " + p.tranche;
        }
        if (!p.paid_on.empty()) {
            what += (ja ? "、" : ", ") + date_text(in.lang, p.paid_on);
        }
        text += ja ? fmt::format("  {}、{}：受領されていないため再び支払対象と"
                                 "なり、上記の支払に"
                                 "含まれています。\n",
                                 what, p.status)
                   : fmt::format("  {}, {}: not received, so payable again; it is part of your "
                                 "payouts above.\n",
                                 what, p.status);
    }
    return text + "\n";
}

std::string proof_block(const NoticeInput& in) {
    const bool ja = in.lang == NoticeLang::ja;
    const claims::RunRecord& run = in.run;
    const std::optional<claims::ProofFile>& proof = in.proof;
    std::string text = std::string(ja ? "配当の証明\n" : "Proof of distribution\n") + rule;
    if (!proof) {
        return text + (ja ? "この計算回はルートの公表前に記録されたため、証"
                            "明はありません。\n"
                          : "This run was recorded before Kanzai published a root: it has no "
                            "proof.\n");
    }
    const std::string salted = proof->root.is_salted ? (ja ? "ソルトあり" : "salted")
                                                     : (ja ? "ソルトなし" : "not salted");
    text += ja ? fmt::format("ルート:     {}（計算回 {}：支払 {} 件、{}）\n",
                             claims::hex_of(proof->root.root), run.number,
                             proof->root.leaves_count, salted)
               : fmt::format("Root:      {} (run {}: {} payouts; {})\n",
                             claims::hex_of(proof->root.root), run.number,
                             proof->root.leaves_count, salted);
    if (proof->root.is_salted) {
        text += fmt::format("{}{}\n", ja ? "ソルト:     " : "Your salt: ",
                            claims::hex_of(proof->salt));
    }
    if (proof->payouts.empty()) {
        return text + (ja ? "この計算回にあなたへの支払はなく、ルートの下に"
                            "あなたの行はありません。\n"
                          : "You have no payout in this run: no row of yours is under the "
                            "root.\n");
    }
    for (std::size_t at = 0; at < proof->payouts.size(); ++at) {
        const claims::ProofPayout& payout = proof->payouts[at];
        const int payout_id = run.payouts[in.rows.payout_indexes[at]].payout_id;
        text += ja ? fmt::format("支払 {}：index {}、行 {}\n", payout_id, payout.index,
                                 payout.row)
                   : fmt::format("Payout {}: index {}, row {}\n", payout_id, payout.index,
                                 payout.row);
        const std::vector<claims::PathStep> steps =
            claims::path_steps(payout.index, proof->root.leaves_count);
        for (std::size_t j = 0; j < payout.path.size(); ++j) {
            text += fmt::format("  level {}: {:<5} {}\n", steps[j].level,
                                payout.path[j].side == claims::Side::left ? "left" : "right",
                                claims::hex_of(payout.path[j].digest));
        }
    }
    return text + (ja ? "上の各行をあなたのソルトとともにハッシュし、経路"
                        "をたどるとルートになり"
                        "ます。証明ファイルを\n管財人に請求し、`kanzai verify` "
                        "またはオフラインの"
                        "ページ verify.html で確認し、\n管財人が公表したルート"
                        "と照合してください。\n"
                      : "Each row above, hashed with your salt and up its path, gives the root. "
                        "Ask the administrator\nfor your proof file and check it with `kanzai "
                        "verify` or the offline page verify.html;\ncompare the root with the one "
                        "the administrator published.\n");
}

std::string actions_block(const NoticeInput& in) {
    std::set<std::string> statuses;
    for (const std::size_t index : in.rows.payout_indexes) {
        statuses.insert(in.run.payouts[index].status);
    }
    const NoticeWords& w = notice_words(in.lang);
    std::string text = std::string(w.what_to_do) + "\n" + rule;
    for (const std::string& status : statuses) {
        const std::string instruction = status_instruction(in.lang, status);
        if (!instruction.empty()) {
            text += "- " + instruction + "\n";
        }
    }
    if (statuses.count("payable") > 0) {
        text += std::string("- ") + w.payable + "\n";
    }
    text += in.lang == NoticeLang::ja
                ? fmt::format("- 決定に不服がある場合は、{}に管財人へ異議を申"
                              "し出てください。\n",
                              in.notice_case.dispute_deadline)
                : fmt::format("- If you disagree with a decision, file an objection with the "
                              "administrator {}.\n",
                              in.notice_case.dispute_deadline);
    return text;
}

std::string header_block(const NoticeInput& in) {
    const NoticeWords& w = notice_words(in.lang);
    const NoticeCase& c = in.notice_case;
    std::string text = std::string(w.title) + "\n\n" + w.case_label + c.name + "\n";
    if (!c.court.empty()) {
        text += w.court + c.court + "\n";
    }
    if (!c.case_number.empty()) {
        text += w.case_number + c.case_number + "\n";
    }
    if (!c.administrator.empty()) {
        text += w.administrator + c.administrator + "\n";
    }
    text += fmt::format("{}{} ({})\n\n", w.run, c.run_number, c.engine);
    const std::string& name = in.payee.name;
    text += name.empty() ? fmt::format("{}{}\n\n", w.to, in.rows.payee_id)
                         : fmt::format("{}{} ({})\n\n", w.to, name, in.rows.payee_id);
    return text;
}

std::string payouts_block(const NoticeInput& in) {
    const NoticeWords& w = notice_words(in.lang);
    std::string text = heading(w.your_payouts, in.rows.payout_indexes.size());
    for (const std::size_t index : in.rows.payout_indexes) {
        const claims::PayoutRecord& p = in.run.payouts[index];
        text += in.lang == NoticeLang::ja
                    ? fmt::format("  支払 {}：{}、第{}回配当、{}\n", p.payout_id,
                                  units(in.lang, p.amount, p.asset), p.tranche, p.status)
                    : fmt::format("  Payout {}: {} {}, tranche {}, {}\n", p.payout_id, p.amount,
                                  p.asset, p.tranche, p.status);
    }
    if (in.rows.payout_indexes.empty()) {
        text += std::string(w.payouts_none) + "\n";
    }
    if (!in.facts.note.empty()) {
        text += "  (" + in.facts.note + ")\n";
    }
    return text;
}

}  // namespace

std::vector<PayeeRows> group_rows_by_payee(const claims::RunRecord& run,
                                           const std::vector<std::string>& extra_payee_ids) {
    std::map<std::string, PayeeRows> by_payee;  // node-based: pointers below stay valid
    for (const std::string& payee_id : extra_payee_ids) {
        by_payee[payee_id];
    }
    // claim_id -> its payee's rows and its position among them.
    std::map<std::string_view, std::pair<PayeeRows*, std::size_t>> position_of_claim;
    for (std::size_t index = 0; index < run.decisions.size(); ++index) {
        const claims::DecisionRecord& d = run.decisions[index];
        PayeeRows& rows = by_payee[d.payee_id];
        rows.decision_indexes.push_back(index);
        rows.allocation_indexes.emplace_back();
        position_of_claim.emplace(d.claim_id,
                                  std::make_pair(&rows, rows.decision_indexes.size() - 1));
        if (d.customer_id != d.payee_id) {
            by_payee[d.customer_id].sold_indexes.push_back(index);  // transferred away
        }
    }
    for (std::size_t index = 0; index < run.allocations.size(); ++index) {
        const std::string& claim_id = run.allocations[index].claim_id;
        const auto found = position_of_claim.find(claim_id);
        if (found == position_of_claim.end()) {
            by_payee[claim_id].creditor_allocation_indexes.push_back(index);  // "creditor:<id>"
            continue;
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

std::string paid_as_key(std::string_view claim_id, std::string_view portion,
                        std::string_view source) {
    std::string key(claim_id);
    key += '\0';
    key += portion;
    key += '\0';
    key += source;
    return key;
}

std::string render_notice(const NoticeCase& notice_case, const claims::RunRecord& run,
                          const PayeeRows& rows, const std::string& payee_name,
                          const std::optional<claims::ProofFile>& proof) {
    const NoticePayee payee{.name = payee_name, .creditor = std::nullopt, .not_completed = {}};
    const NoticeFacts facts;
    return render_notice({.notice_case = notice_case, .run = run, .rows = rows, .payee = payee,
                          .facts = facts, .proof = proof, .lang = NoticeLang::en});
}

std::string render_notice(const NoticeInput& in) {
    const NoticeWords& w = notice_words(in.lang);
    std::string text = header_block(in);
    if (in.payee.creditor) {
        text += creditor_block(in);
    }
    if (!in.payee.creditor || !in.rows.decision_indexes.empty()) {
        text += heading(w.your_claims, in.rows.decision_indexes.size());
        if (in.rows.decision_indexes.empty()) {
            text += std::string(w.no_claims) + "\n\n";
        }
        for (std::size_t position = 0; position < in.rows.decision_indexes.size(); ++position) {
            text += claim_block(in, in.rows.decision_indexes[position],
                                &in.rows.allocation_indexes[position]) +
                    "\n";
        }
    }
    if (in.facts.convenience && is_in_convenience_class(in)) {
        text += convenience_line(in);
    }
    if (!in.rows.sold_indexes.empty()) {
        text += heading(w.sold_claims, in.rows.sold_indexes.size());
        for (const std::size_t index : in.rows.sold_indexes) {
            text += claim_block(in, index, nullptr) + "\n";
        }
    }
    text += payouts_block(in);
    if (!in.payee.not_completed.empty()) {
        text += "\n" + not_completed_block(in);
    } else {
        text += "\n";
    }
    text += proof_block(in);
    text += "\n" + actions_block(in);
    return text;
}

std::string dispute_deadline_text(const std::string& created_at, int days, NoticeLang lang) {
    const bool ja = lang == NoticeLang::ja;
    if (!is_date(created_at)) {
        return ja ? fmt::format("この通知の日付から{}日以内", days)
                  : fmt::format("within {} days of the date of this notice", days);
    }
    const long start = days_from_civil(std::stol(created_at.substr(0, 4)),
                                       std::stol(created_at.substr(5, 2)),
                                       std::stol(created_at.substr(8, 2)));
    const std::string deadline = civil_from_days(start + days);
    const std::string run_date = created_at.substr(0, 10);
    return ja ? fmt::format("{}まで（計算実行日{}から{}日後）",
                            date_text(lang, deadline), date_text(lang, run_date), days)
              : fmt::format("by {} ({} days after the run date {})", deadline, days, run_date);
}

}  // namespace kanzai::tools
