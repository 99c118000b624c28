// The words of a notice per language (see notices_wording.hpp). Japanese follows the usage
// of Japanese bankruptcy notices (届出, 認否, 配当) and keeps SPEC's codes and statuses
// as written, so a reader can look them up in any document of the case.
#include "tools/inspect/notices_wording.hpp"

#include <algorithm>

namespace kanzai::tools {
namespace {

constexpr NoticeWords english{
    .title = "DETERMINATION NOTICE",
    .case_label = "Case:          ",
    .court = "Court:         ",
    .case_number = "Case number:   ",
    .administrator = "Administrator: ",
    .run = "Run:           ",
    .to = "To: ",
    .your_claims = "Your claims",
    .no_claims = "You hold no customer claim; your payouts are listed below.",
    .sold_claims = "Claims you filed and transferred",
    .claim = "Claim",
    .customer = ", customer ",
    .filed = "  Filed:     ",
    .deemed = "(not filed: deemed claim)",
    .ledger = "  Ledger:    ",
    .admitted = "  Admitted:  ",
    .disputed = "  Disputed:  ",
    .claim_class = "  Class:     ",
    .decision = "  Decision:  ",
    .reason = "  Reason:    ",
    .allocated = "  Allocated: ",
    .none = "(none)",
    .now_held_by = "  Now held by: ",
    .your_payouts = "Your payouts",
    .payouts_none = "  None.",
    .what_to_do = "What you must do",
    .payable = "payable: nothing; these payouts are paid in their tranche.",
};

constexpr NoticeWords japanese{
    .title = "債権認否通知書",
    .case_label = "事件名:     ",
    .court = "裁判所:     ",
    .case_number = "事件番号:   ",
    .administrator = "管財人:     ",
    .run = "計算回:     ",
    .to = "宛先: ",
    .your_claims = "あなたの債権",
    .no_claims = "あなたは顧客としての債権を有していません。支払は下記の"
                 "とおりです。",
    .sold_claims = "あなたが届け出て譲渡した債権",
    .claim = "債権",
    .customer = "、顧客 ",
    .filed = "  届出額:   ",
    .deemed = "（届出なし：みなし届出債権）",
    .ledger = "  台帳残高: ",
    .admitted = "  認める額: ",
    .disputed = "  異議額:   ",
    .claim_class = "  区分:     ",
    .decision = "  認否:     ",
    .reason = "  理由:     ",
    .allocated = "  配分:     ",
    .none = "（なし）",
    .now_held_by = "  現在の債権者: ",
    .your_payouts = "あなたへの支払",
    .payouts_none = "  なし。",
    .what_to_do = "あなたがすべきこと",
    .payable = "payable：手続は不要です。これらの支払はその配当回に行いま"
               "す。",
};

bool is_ymd(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == '-' || (c >= '0' && c <= '9');
    });
}

// A decision code's base ("P-EXCESS-DISPUTED" of "P-EXCESS-DISPUTED+LATE").
std::string base_code(const std::string& code) {
    return code.substr(0, code.find('+'));
}

// The first quoted id of an English reason ("superseded by amendment \"K2\"": K2).
std::string quoted_id(const std::string& reason) {
    const std::size_t open = reason.find('"');
    const std::size_t close = open == std::string::npos ? open : reason.find('"', open + 1);
    return close == std::string::npos ? std::string() : reason.substr(open + 1, close - open - 1);
}

std::string japanese_reason(const claims::DecisionRecord& d) {
    const std::string code = base_code(d.code);
    const auto units = [&](const std::string& amount) {
        return amount_text(NoticeLang::ja, amount) + " " + d.asset;
    };
    std::string text;
    if (code == "A-MATCHES-LEDGER") {
        text = "届出額 " + units(d.filed) + " は台帳残高 " + units(d.ledger) +
               " の範囲内のため、届出どおり認めます";
    } else if (code == "P-EXCESS-DISPUTED" || code == "P-EXCESS-REJECTED") {
        text = "届出額 " + units(d.filed) + " のうち台帳残高 " + units(d.admitted) +
               " を認め、超過分は" +
               (code == "P-EXCESS-DISPUTED" ? "異議あり（" + units(d.disputed) + "）としま"
                                                                            "す"
                                            : std::string("認めません"));
    } else if (code == "R-NO-BALANCE") {
        text = "届出額 " + units(d.filed) + " に対し台帳残高がないため、認める"
                                         "額はありません";
    } else if (code == "R-UNKNOWN-CUSTOMER") {
        text = "顧客 " + d.customer_id + " は顧客名簿（customers.csv）にないため、"
                                       "認めません";
    } else if (code == "R-UNKNOWN-ASSET") {
        text = "資産 " + d.asset + " は本件の資産（case.toml）にないため、認めま"
                                 "せん";
    } else if (code == "R-LATE-BARRED") {
        text = "届出期間の経過後に届け出られたため、認めません";
    } else if (code == "R-AMENDED") {
        text = "変更届出 " + quoted_id(d.reason) + " により置き換えられました";
    } else if (code == "R-DUPLICATE") {
        text = "有効な届出 " + quoted_id(d.reason) + " と重複するため、"
               "認めません";
    } else if (code == "D-DEEMED") {
        text = "届出はありませんが、台帳残高 " + units(d.ledger) + " を届出があ"
                                                     "ったものとみなして認めます";
    } else {
        return d.reason;  // O-DETERMINATION and any code added later: the recorded words
    }
    if (d.code.find("+LATE") != std::string::npos) {
        text += "（届出期間経過後の届出のため劣後的債権）";
    }
    if (d.code.find("+INSIDER") != std::string::npos) {
        text += "（内部者の債権のため劣後的債権）";
    }
    return text;
}

}  // namespace

bool parse_notice_lang(std::string_view text, NoticeLang& lang) {
    if (text == "en" || text == "ja") {
        lang = text == "en" ? NoticeLang::en : NoticeLang::ja;
        return true;
    }
    return false;
}

const NoticeWords& notice_words(NoticeLang lang) {
    return lang == NoticeLang::ja ? japanese : english;
}

std::string status_instruction(NoticeLang lang, const std::string& status) {
    const bool ja = lang == NoticeLang::ja;
    if (status == "held_kyc") {
        return ja ? "held_kyc：管財人のもとで本人確認（KYC）を完了してくださ"
                    "い。本人確認が済み"
                    "次第、これらの支払を行います。"
                  : "held_kyc: complete identity verification (KYC) with the administrator; "
                    "these payouts are paid once your identity is verified.";
    }
    if (status == "held_review") {
        return ja ? "held_review：管財人にご連絡ください。あなたの債権の譲渡"
                    "を記録どおりに適用"
                    "できず、確認が済むまでこれらの支払を留保します。"
                  : "held_review: contact the administrator; a transfer of your claim could "
                    "not be applied as recorded and these payouts are held until it is "
                    "reviewed.";
    }
    if (status == "held_disputed") {
        return ja ? "held_disputed：あなたの債権の一部に異議があり、解決する"
                    "までこれらの支払を"
                    "留保します。"
                  : "held_disputed: part of your claim is disputed; these payouts are held "
                    "until the dispute is resolved.";
    }
    if (status == "frozen_sanctions") {
        return ja ? "frozen_sanctions：制裁法令によりこれらの支払は凍結されて"
                    "います。管財人に"
                    "ご連絡ください。"
                  : "frozen_sanctions: these payouts are frozen under sanctions law; contact "
                    "the administrator.";
    }
    if (status == "below_minimum") {
        // SPEC "Payouts": held for a later tranche. Whether one comes is not for this
        // notice to promise.
        return ja ? "below_minimum：最低支払額に満たないため、今回は支払いま"
                    "せん。後の配当が"
                    "行われる場合にはそれまで留保し、その資産であなたに支"
                    "払うべき額と合わせて"
                    "最低支払額に達したときに支払います。後の配当が行われ"
                    "るとは限りません。"
                    "手続は不要です。"
                  : "below_minimum: these amounts are below the minimum payout and are not "
                    "paid now. They are held for a later tranche, if one is made, and paid "
                    "then once what is due to you in that asset reaches the minimum; a later "
                    "tranche is not certain. Nothing to do.";
    }
    return "";
}

std::string amount_text(NoticeLang lang, const std::string& amount) {
    if (lang == NoticeLang::en) {
        return amount;
    }
    const std::size_t sign = !amount.empty() && amount[0] == '-' ? 1 : 0;
    const std::size_t dot = std::min(amount.find('.'), amount.size());
    std::string text = amount.substr(0, sign);
    for (std::size_t at = sign; at < dot; ++at) {
        if (at > sign && (dot - at) % 3 == 0) {
            text += ',';
        }
        text += amount[at];
    }
    return text + amount.substr(dot);
}

std::string date_text(NoticeLang lang, const std::string& date) {
    if (lang == NoticeLang::en || !is_ymd(date)) {
        return date;
    }
    const auto number = [&](std::size_t at, std::size_t size) {
        std::string digits = date.substr(at, size);
        digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
        return digits;
    };
    return number(0, 4) + "年" + number(5, 2) + "月" + number(8, 2) + "日";
}

std::string reason_text(NoticeLang lang, const claims::DecisionRecord& decision) {
    return lang == NoticeLang::en ? decision.reason : japanese_reason(decision);
}

}  // namespace kanzai::tools
