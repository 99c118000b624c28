// Determination notices: a customer told the decision on a claim it sold, a creditor's claim
// and recovery, assets paid and their prices, the convenience class, failed payments, the
// below_minimum wording, and the Japanese notice byte for byte against hand-made files.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "tests/support/source_tree.hpp"
#include "tools/inspect/notices_text.hpp"

namespace {

using kanzai::claims::RunRecord;
using namespace kanzai::tools;

// C1 holds K1, K2 (filed by C2, sold to C1) and a deemed yen claim; a creditor is paid from
// the estate.
RunRecord sold_claim_run() {
    RunRecord run;
    run.number = 3;
    run.engine = "kanzai 0.1.0";
    run.decisions = {
        {"K1", "C1", "C1", "C1", "BTC", "1.00000000", "1.00000000", "1.00000000", "0.00000000",
         "customer", "A-MATCHES-LEDGER",
         "filed 1.00000000 BTC; ledger 1.00000000 BTC; admitted as filed", "10000000"},
        {"K2", "C2", "C2", "C1", "BTC", "0.50000000", "0.50000000", "0.50000000", "0.00000000",
         "customer", "A-MATCHES-LEDGER",
         "filed 0.50000000 BTC; ledger 0.50000000 BTC; admitted as filed", "5000000"},
        {"deemed:C1:JPY", "C1", "C1", "C1", "JPY", "", "800", "800", "0", "customer",
         "D-DEEMED", "deemed claim for the ledger balance 800 JPY", "800"},
    };
    run.allocations = {
        {"K1", "admitted", "pool:BTC", "BTC", "0.60000000", 1, ""},
        {"K1", "admitted", "fund:reserve", "JPY", "1234567", 1, ""},
        {"K2", "admitted", "pool:BTC", "BTC", "0.30000000", 1, ""},
        {"creditor:VENDOR", "admitted", "estate:general", "JPY", "333333", 2, ""},
        {"deemed:C1:JPY", "admitted", "pool:JPY", "JPY", "800", 1, ""},
    };
    run.payouts = {
        {1, "C1", "BTC", "0.90000000", 1, "payable"},
        {2, "C1", "ETH", "2.469134", 1, "payable"},
        {3, "C1", "JPY", "800", 1, "below_minimum"},
        {4, "creditor:VENDOR", "JPY", "333333", 2, "payable"},
    };
    return run;
}

NoticeCase japanese_case() {
    return {.name = "Tiny K.K.", .court = "東京地方裁判所", .case_number = "令和8年(フ)"
                                                                    "第9号",
            .administrator = "弁護士 甲野太郎", .currency = "JPY", .run_number = 3,
            .engine = "kanzai 0.1.0",
            .dispute_deadline =
                dispute_deadline_text("2026-11-22T00:00:00Z", 30, NoticeLang::ja)};
}

NoticeFacts eth_conversion() {
    NoticeFacts facts;
    facts.paid_as.emplace(paid_as_key("K1", "admitted", "fund:reserve"),
                          PaidAs{.asset = "ETH", .amount = "2.469134",
                                 .price_name = "distribution_price", .price_asset = "ETH",
                                 .price = "500000"});
    return facts;
}

NoticePayee c1_payee() {
    return {.name = "阿部愛子", .creditor = std::nullopt,
            .not_completed = {{.asset = "JPY", .amount = "5000", .tranche = "1",
                               .paid_on = "2026-10-01", .status = "failed"}}};
}

std::string read_expected(const std::string& name) {
    std::ifstream file(kanzai::testing::source_tree() / "tests" / "notices" / name);
    REQUIRE(file.good());
    return {std::istreambuf_iterator<char>(file), {}};
}

const PayeeRows& rows_of(const std::vector<PayeeRows>& payees, const std::string& id) {
    for (const PayeeRows& rows : payees) {
        if (rows.payee_id == id) {
            return rows;
        }
    }
    FAIL("no payee " << id);
    return payees.front();
}

}  // namespace

TEST_CASE("notices: the customer who sold a claim is told the decision on it") {
    const RunRecord run = sold_claim_run();
    const std::vector<PayeeRows> payees = group_rows_by_payee(run);
    const PayeeRows& c2 = rows_of(payees, "C2");
    CHECK(c2.decision_indexes.empty());
    REQUIRE(c2.sold_indexes.size() == 1);
    CHECK(run.decisions[c2.sold_indexes[0]].claim_id == "K2");
    CHECK(rows_of(payees, "C1").sold_indexes.empty());
    const NoticeCase notice_case{.name = "Tiny K.K.", .court = "", .case_number = "",
                                 .administrator = "", .currency = "JPY", .run_number = 3,
                                 .engine = "kanzai 0.1.0", .dispute_deadline = "by 2026-12-22"};
    const NoticePayee payee{.name = "Ichiro Chiba", .creditor = std::nullopt,
                            .not_completed = {}};
    const NoticeFacts facts;
    const std::string text = render_notice({.notice_case = notice_case, .run = run, .rows = c2,
                                            .payee = payee, .facts = facts,
                                            .proof = std::nullopt, .lang = NoticeLang::en});
    CHECK(text.find("Claims you filed and transferred (1)\n"
                    "----------------------------------------------------------------\n"
                    "Claim K2 (BTC), customer C2\n"
                    "  Filed:     0.50000000 BTC\n") != std::string::npos);
    CHECK(text.find("  Decision:  A-MATCHES-LEDGER\n"
                    "  Reason:    filed 0.50000000 BTC; ledger 0.50000000 BTC; admitted as "
                    "filed\n"
                    "  Now held by: C1 (its allocations and payouts go to that holder)\n") !=
          std::string::npos);
    CHECK(text.find("Allocated: 0.30000000") == std::string::npos);  // C1's, not C2's
}

TEST_CASE("notices: a creditor is told its claim and its recovery") {
    const RunRecord run = sold_claim_run();
    const std::vector<PayeeRows> payees = group_rows_by_payee(run, {"creditor:UNPAID"});
    const PayeeRows& vendor = rows_of(payees, "creditor:VENDOR");
    REQUIRE(vendor.creditor_allocation_indexes.size() == 1);
    const NoticeCase notice_case{.name = "Tiny K.K.", .court = "", .case_number = "",
                                 .administrator = "", .currency = "JPY", .run_number = 3,
                                 .engine = "kanzai 0.1.0", .dispute_deadline = "by 2026-12-22"};
    const NoticePayee payee{
        .name = "", .creditor = CreditorClaim{.creditor_class = "general", .amount = "1000000",
                                              .description = "data-centre landlord"},
        .not_completed = {}};
    const NoticeFacts facts;
    const std::string text = render_notice({.notice_case = notice_case, .run = run,
                                            .rows = vendor, .payee = payee, .facts = facts,
                                            .proof = std::nullopt, .lang = NoticeLang::en});
    CHECK(text.find("To: creditor:VENDOR\n\n"
                    "Your claim as a creditor (1)\n"
                    "----------------------------------------------------------------\n"
                    "Claim creditor:VENDOR\n"
                    "  Class:       general\n"
                    "  Amount:      1000000 JPY\n"
                    "  Description: data-centre landlord\n"
                    "  Allocated: 333333 JPY from estate:general (admitted portion, tranche 2)\n"
                    "  Recovery:    33.3333% (333333 JPY of 1000000 JPY)\n\n"
                    "Your payouts (1)\n") != std::string::npos);
    CHECK(text.find("Your claims") == std::string::npos);
    // A creditor that receives nothing still gets a notice with its claim.
    const PayeeRows& unpaid = rows_of(payees, "creditor:UNPAID");
    const NoticePayee unpaid_payee{
        .name = "", .creditor = CreditorClaim{.creditor_class = "subordinated",
                                              .amount = "5000", .description = ""},
        .not_completed = {}};
    const std::string nothing = render_notice({.notice_case = notice_case, .run = run,
                                               .rows = unpaid, .payee = unpaid_payee,
                                               .facts = facts, .proof = std::nullopt,
                                               .lang = NoticeLang::en});
    CHECK(nothing.find("  Amount:      5000 JPY\n"
                       "  Recovery:    0.0000% (0 JPY of 5000 JPY)\n") != std::string::npos);
}

TEST_CASE("notices: assets paid, failed payments, below_minimum promises no later tranche") {
    const RunRecord run = sold_claim_run();
    const std::vector<PayeeRows> payees = group_rows_by_payee(run);
    const NoticeCase notice_case{.name = "Tiny K.K.", .court = "", .case_number = "",
                                 .administrator = "", .currency = "JPY", .run_number = 3,
                                 .engine = "kanzai 0.1.0", .dispute_deadline = "by 2026-12-22"};
    const NoticePayee payee{.name = "Aiko Abe", .creditor = std::nullopt,
                            .not_completed = c1_payee().not_completed};
    const NoticeFacts facts = eth_conversion();
    const std::string text = render_notice({.notice_case = notice_case, .run = run,
                                            .rows = rows_of(payees, "C1"), .payee = payee,
                                            .facts = facts, .proof = std::nullopt,
                                            .lang = NoticeLang::en});
    CHECK(text.find("  Allocated: 1234567 JPY from fund:reserve (admitted portion, tranche 1)\n"
                    "             paid as 2.469134 ETH (at distribution_price 500000 of ETH)\n") !=
          std::string::npos);
    CHECK(text.find("Earlier payments not completed (1)\n"
                    "----------------------------------------------------------------\n"
                    "  5000 JPY, tranche 1, 2026-10-01, failed: not received, so payable "
                    "again; it is part of your payouts above.\n") != std::string::npos);
    CHECK(text.find("- below_minimum: these amounts are below the minimum payout and are not "
                    "paid now. They are held for a later tranche, if one is made, and paid "
                    "then once what is due to you in that asset reaches the minimum; a later "
                    "tranche is not certain. Nothing to do.\n") != std::string::npos);
    CHECK(text.find("carried to a later tranche") == std::string::npos);
    CHECK(text.find("Convenience class") == std::string::npos);
}

TEST_CASE("notices: a claimant in the convenience class is told so") {
    RunRecord run = sold_claim_run();
    run.allocations[1].source = "estate:convenience";
    const std::vector<PayeeRows> payees = group_rows_by_payee(run);
    const NoticeCase notice_case{.name = "Tiny K.K.", .court = "", .case_number = "",
                                 .administrator = "", .currency = "JPY", .run_number = 3,
                                 .engine = "kanzai 0.1.0", .dispute_deadline = "by 2026-12-22"};
    const NoticePayee payee{.name = "", .creditor = std::nullopt, .not_completed = {}};
    NoticeFacts facts;
    facts.convenience = ConvenienceTerms{.threshold = "5000000", .rate = "1.2"};
    const std::string text = render_notice({.notice_case = notice_case, .run = run,
                                            .rows = rows_of(payees, "C1"), .payee = payee,
                                            .facts = facts, .proof = std::nullopt,
                                            .lang = NoticeLang::en});
    CHECK(text.find("Convenience class: your claims are in the convenience class (claims "
                    "worth at most 5000000 JPY), paid 1.2 times their value from the estate; "
                    "they take no part in the pools and funds.\n\n") != std::string::npos);
    CHECK(render_notice({.notice_case = notice_case, .run = run,
                         .rows = rows_of(payees, "C2"), .payee = payee, .facts = facts,
                         .proof = std::nullopt, .lang = NoticeLang::en})
              .find("Convenience class") == std::string::npos);
}

TEST_CASE("notices: Japanese amounts, dates and reasons") {
    CHECK(amount_text(NoticeLang::ja, "1234567") == "1,234,567");
    CHECK(amount_text(NoticeLang::ja, "123") == "123");
    CHECK(amount_text(NoticeLang::ja, "-1234.50000000") == "-1,234.50000000");
    CHECK(amount_text(NoticeLang::ja, "100000.000000000000000000") ==
          "100,000.000000000000000000");
    CHECK(amount_text(NoticeLang::en, "1234567") == "1234567");
    CHECK(date_text(NoticeLang::ja, "2027-01-01") == "2027年1月1日");
    CHECK(date_text(NoticeLang::ja, "2026-12-31") == "2026年12月31日");
    CHECK(date_text(NoticeLang::ja, "soon") == "soon");
    CHECK(dispute_deadline_text("", 14, NoticeLang::ja) ==
          "この通知の日付から14日以内");
    kanzai::claims::DecisionRecord excess{
        "K9", "C9", "C9", "C9", "BTC", "1.20000000", "1.00000000", "1.00000000", "0.20000000",
        "subordinated", "P-EXCESS-DISPUTED+LATE", "english", "0"};
    CHECK(reason_text(NoticeLang::ja, excess) ==
          "届出額 1.20000000 BTC のうち台帳残高 1.00000000 BTC を認め、超過分は"
          "異議あり"
          "（0.20000000 BTC）とします（届出期間経過後の届出のため劣後的債"
          "権）");
    excess.code = "R-AMENDED";
    excess.reason = "superseded by amendment \"K10\"";
    CHECK(reason_text(NoticeLang::ja, excess) == "変更届出 K10 により置き換えられま"
                                                 "した");
    excess.code = "O-DETERMINATION";
    excess.reason = "settled with the customer";
    CHECK(reason_text(NoticeLang::ja, excess) == "settled with the customer");
}

TEST_CASE("notices: the Japanese notices match the hand-made files byte for byte") {
    const RunRecord run = sold_claim_run();
    const std::vector<PayeeRows> payees = group_rows_by_payee(run);
    const NoticeCase notice_case = japanese_case();
    const NoticeFacts facts = eth_conversion();
    const NoticePayee c1 = c1_payee();
    CHECK(render_notice({.notice_case = notice_case, .run = run, .rows = rows_of(payees, "C1"),
                         .payee = c1, .facts = facts, .proof = std::nullopt,
                         .lang = NoticeLang::ja}) == read_expected("ja-C1.txt"));
    const NoticePayee c2{.name = "千葉一郎", .creditor = std::nullopt, .not_completed = {}};
    CHECK(render_notice({.notice_case = notice_case, .run = run, .rows = rows_of(payees, "C2"),
                         .payee = c2, .facts = facts, .proof = std::nullopt,
                         .lang = NoticeLang::ja}) == read_expected("ja-C2.txt"));
}
