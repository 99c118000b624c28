// `kanzai explain`: exact text and JSON for hand-made runs recorded in a temporary case.db.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "store/case_db.hpp"
#include "tests/support/printing.hpp"
#include "tools/inspect/explain_run.hpp"
#include "tools/inspect/explain_text.hpp"
#include "tests/support/temp_folder.hpp"
#include "tools/run/run_pipeline.hpp"

using namespace kanzai::claims;
using namespace kanzai::tools;
namespace fs = std::filesystem;

namespace {

struct TempCase : kanzai::testing::TempFolder {
    void record(const RunRecord& run) const {
        CaseDb db((path / "case.db").string());
        db.insert_run(run).commit();
    }
};

// C2 filed K2 for more than its ledger (after set-off) and sold it to C3; C1 is the claimant
// of both (linked identities). A pool covers 60% and the estate pays K1 in tranche 2.
RunRecord sample_run() {
    RunRecord r;
    r.number = 1;
    r.engine = "kanzai 0.1.0";
    r.created_at = "2026-07-01T09:30:00Z";
    r.case_name = "Example Exchange";
    r.out_folder = "out/run-0001";
    r.inputs = {{"claims.csv", std::string(64, 'a')}, {"ledger.csv", std::string(64, 'b')}};
    r.summary_json = R"({"engine": "kanzai 0.1.0", "case": {"name": "x", "currency": "JPY"}})";
    r.decisions = {
        {"K1", "C1", "C1", "C1", "BTC", "1.00000000", "1.00000000", "1.00000000", "0.00000000",
         "customer", "A-MATCHES-LEDGER", "the filed amount matches the ledger", "5000000"},
        {"K2", "C2", "C1", "C3", "BTC", "2.00000000", "0.50000000", "0.50000000", "1.50000000",
         "customer", "P-EXCESS-DISPUTED", "filed above the ledger; the excess is disputed",
         "2500000"},
    };
    r.allocations = {
        {"K1", "admitted", "estate:general", "JPY", "1000", 2, "2000000"},
        {"K1", "admitted", "pool:BTC", "BTC", "0.60000000", 1, "1.00000000"},
        {"K2", "admitted", "pool:BTC", "BTC", "0.30000000", 1, "0.50000000"},
        {"K2", "disputed", "pool:BTC", "BTC", "0.90000000", 1, "1.50000000"},
        {"creditor:E1", "admitted", "estate:general", "JPY", "500", 2, "1000000"},
    };
    r.payouts = {
        {1, "C1", "BTC", "0.60000000", 1, "payable"},
        {2, "C1", "JPY", "1000", 2, "payable"},
        {3, "C3", "BTC", "0.90000000", 1, "held_disputed"},
        {4, "C3", "BTC", "0.30000000", 1, "held_kyc"},
        {5, "creditor:E1", "JPY", "500", 2, "payable"},
    };
    r.sources = {
        {"pool:BTC", "BTC", "1.80000000", "3.00000000", "1.80000000", "0.00000000", 1},
        {"estate:general", "JPY", "1500", "3000000", "1500", "0", 2},
    };
    r.set_offs = {{"C2", "100000", "400000", ""}};
    return r;
}

int explain(const TempCase& c, const std::string& id, std::string& out, std::string& err,
            bool json = false, std::optional<int> run = std::nullopt) {
    return explain_case({.case_folder = c.path.string(), .id = id, .run = run, .json = json}, out,
                        err);
}

}  // namespace

TEST_CASE("explain: a claim, its set-off, allocations with source totals, payee's payouts") {
    TempCase c;
    c.record(sample_run());
    std::string out;
    std::string err;
    CHECK(explain(c, "K2", out, err) == 0);
    CHECK(err == "");
    CHECK(out ==
          "Run 1 of case \"Example Exchange\", recorded 2026-07-01T09:30:00Z by kanzai 0.1.0\n"
          "Explaining K2\n"
          "\n"
          "Set-off of customer C2: debts worth 100,000 JPY set off against positive balances "
          "worth 400,000 JPY; each positive balance keeps (400000 - 100000) / 400000 of its "
          "units, rounded down; no receivable is left.\n"
          "\n"
          "Ledger rows: not shown (the case folder does not load now; see kanzai check).\n"
          "\n"
          "Claim K2 (customer C2, asset BTC)\n"
          "  Decision: P-EXCESS-DISPUTED: filed above the ledger; the excess is disputed\n"
          "  Filed 2.00000000 BTC; ledger 0.50000000 BTC; admitted 0.50000000 BTC; disputed "
          "1.50000000 BTC\n"
          "  Class customer; the admitted amount is worth 2,500,000 JPY at the case price\n"
          "  Claimant C1; payee C3 (after transfers)\n"
          "  Allocations:\n"
          "    admitted portion from pool:BTC (tranche 1): 0.30000000 BTC\n"
          "      pool:BTC split 1.80000000 BTC over claims of 3.00000000 BTC; this line weighed "
          "0.50000000 BTC (its amount) and got 0.30000000 BTC; 0.00000000 BTC of surplus went "
          "to the estate.\n"
          "    disputed portion from pool:BTC (tranche 1): 0.90000000 BTC\n"
          "      pool:BTC split 1.80000000 BTC over claims of 3.00000000 BTC; this line weighed "
          "1.50000000 BTC (its amount) and got 0.90000000 BTC; 0.00000000 BTC of surplus went "
          "to the estate.\n"
          "\n"
          "Payouts to C3 (all claims it holds, by asset, tranche and status):\n"
          "  #3: 0.90000000 BTC, tranche 1, held_disputed\n"
          "  #4: 0.30000000 BTC, tranche 1, held_kyc\n");
}

TEST_CASE("explain: a customer shows its claims, an estate allocation and every payout") {
    TempCase c;
    c.record(sample_run());
    std::string out;
    std::string err;
    CHECK(explain(c, "C1", out, err) == 0);
    CHECK(out ==
          "Run 1 of case \"Example Exchange\", recorded 2026-07-01T09:30:00Z by kanzai 0.1.0\n"
          "Explaining C1\n"
          "\n"
          "Ledger rows: not shown (the case folder does not load now; see kanzai check).\n"
          "\n"
          "Claim K1 (customer C1, asset BTC)\n"
          "  Decision: A-MATCHES-LEDGER: the filed amount matches the ledger\n"
          "  Filed 1.00000000 BTC; ledger 1.00000000 BTC; admitted 1.00000000 BTC; disputed "
          "0.00000000 BTC\n"
          "  Class customer; the admitted amount is worth 5,000,000 JPY at the case price\n"
          "  Claimant C1; payee C1\n"
          "  Allocations:\n"
          "    admitted portion from pool:BTC (tranche 1): 0.60000000 BTC\n"
          "      pool:BTC split 1.80000000 BTC over claims of 3.00000000 BTC; this line weighed "
          "1.00000000 BTC (its amount) and got 0.60000000 BTC; 0.00000000 BTC of surplus went "
          "to the estate.\n"
          "    admitted portion from estate:general (tranche 2): 1,000 JPY\n"
          "      estate:general split 1,500 JPY over claims in the class worth 3,000,000 JPY; this "
          "line weighed 2,000,000 JPY (its claim in the class) and got 1,000 JPY; 0 JPY was left "
          "after this class.\n"
          "\n"
          "Payouts to C1 (all claims it holds, by asset, tranche and status):\n"
          "  #1: 0.60000000 BTC, tranche 1, payable\n"
          "  #2: 1,000 JPY, tranche 2, payable\n");
}

TEST_CASE("explain: a buyer of a claim sees that claim, its seller's set-off, its payouts") {
    TempCase c;
    c.record(sample_run());
    std::string out;
    std::string err;
    CHECK(explain(c, "C3", out, err) == 0);
    const RunRecord run = sample_run();  // the selection points into it
    const ExplainSelection selection = select_for_explain(run, "C3");
    REQUIRE(selection.claims.size() == 1);
    CHECK(selection.claims[0]->claim_id == "K2");
    CHECK(selection.customer_ids == std::set<std::string>{"C2"});
    CHECK(selection.payee_ids == std::set<std::string>{"C3"});
    CHECK(out.find("Set-off of customer C2:") != std::string::npos);
    CHECK(out.find("Claim K2 (customer C2, asset BTC)") != std::string::npos);
    CHECK(out.ends_with("Payouts to C3 (all claims it holds, by asset, tranche and status):\n"
                        "  #3: 0.90000000 BTC, tranche 1, held_disputed\n"
                        "  #4: 0.30000000 BTC, tranche 1, held_kyc\n"));
}

TEST_CASE("explain: a creditor's lines and payouts") {
    TempCase c;
    c.record(sample_run());
    std::string out;
    std::string err;
    CHECK(explain(c, "creditor:E1", out, err) == 0);
    CHECK(out ==
          "Run 1 of case \"Example Exchange\", recorded 2026-07-01T09:30:00Z by kanzai 0.1.0\n"
          "Explaining creditor:E1\n"
          "\n"
          "Creditor creditor:E1\n"
          "  Allocations:\n"
          "    admitted portion from estate:general (tranche 2): 500 JPY\n"
          "      estate:general split 1,500 JPY over claims in the class worth 3,000,000 JPY; this "
          "line weighed 1,000,000 JPY (its claim in the class) and got 500 JPY; 0 JPY was left "
          "after this class.\n"
          "\n"
          "Payouts to creditor:E1 (all claims it holds, by asset, tranche and status):\n"
          "  #5: 500 JPY, tranche 2, payable\n");
}

TEST_CASE("explain: --json gives the same figures as JSON") {
    TempCase c;
    c.record(sample_run());
    std::string out;
    std::string err;
    CHECK(explain(c, "creditor:E1", out, err, true) == 0);
    CHECK(out == R"({
  "run": 1,
  "case": "Example Exchange",
  "engine": "kanzai 0.1.0",
  "created_at": "2026-07-01T09:30:00Z",
  "currency": "JPY",
  "id": "creditor:E1",
  "set_offs": [],
  "ledger": {
    "shown": false,
    "note": "",
    "rows": []
  },
  "claims": [],
  "creditor_allocations": [
    {
      "claim_id": "creditor:E1",
      "portion": "admitted",
      "source": "estate:general",
      "asset": "JPY",
      "amount": "500",
      "tranche": 2,
      "weight": "1000000",
      "source_totals": {
        "asset": "JPY",
        "available": "1500",
        "weights": "3000000",
        "allocated": "1500",
        "left": "0",
        "tranche": 2
      }
    }
  ],
  "payouts": [
    {
      "payout_id": 5,
      "payee_id": "creditor:E1",
      "asset": "JPY",
      "amount": "500",
      "tranche": 2,
      "status": "payable"
    }
  ]
}
)");
}

TEST_CASE("explain: the latest run by default, --run N for another") {
    TempCase c;
    c.record(sample_run());
    RunRecord second = sample_run();
    second.number = 2;
    second.decisions[0].reason = "checked again";
    c.record(second);
    std::string out;
    std::string err;
    CHECK(explain(c, "K1", out, err) == 0);
    CHECK(out.starts_with("Run 2 of case"));
    CHECK(out.find("  Decision: A-MATCHES-LEDGER: checked again\n") != std::string::npos);
    out.clear();
    CHECK(explain(c, "K1", out, err, false, 1) == 0);
    CHECK(out.starts_with("Run 1 of case"));
    CHECK(out.find("  Decision: A-MATCHES-LEDGER: the filed amount matches the ledger\n") !=
          std::string::npos);
}

TEST_CASE("explain: a missing database, run or id is exit 2 with a message, nothing on stdout") {
    TempCase c;
    std::string out;
    std::string err;
    CHECK(explain(c, "K1", out, err) == 2);
    CHECK(err == (c.path / "case.db").string() + ": no case database; `kanzai run " +
                     c.path.string() + "` records one\n");
    CHECK_FALSE(fs::exists(c.path / "case.db"));  // explain never creates one
    c.record(sample_run());
    err.clear();
    CHECK(explain(c, "K1", out, err, false, 7) == 2);
    CHECK(err == "case.db records no run 7 (recorded: 1)\n");
    err.clear();
    CHECK(explain(c, "K404", out, err) == 2);
    CHECK(err == "run 1 has no claim, customer, creditor or payee \"K404\"\n");
    err.clear();
    CHECK(explain_case({.case_folder = (c.path / "nope").string(), .id = "K1", .run = {},
                        .json = false},
                       out, err) == 2);
    CHECK(err == (c.path / "nope").string() + ": no such case folder\n");
    CHECK(out == "");
}

namespace {

// A golden case computed by the real pipeline and recorded as run 1 in a copy of its folder.
RunRecord record_golden(const TempCase& c, const std::string& name) {
    // KANZAI_SOURCE_DIR when set, else the tree this file is in.
    const char* root = std::getenv("KANZAI_SOURCE_DIR");
    const fs::path source_dir = root != nullptr ? fs::path(root)
                                                : fs::path(__FILE__).parent_path() / "../../..";
    fs::copy(source_dir / "tests/golden" / name / "case", c.path, fs::copy_options::recursive);
    kanzai::claims::Diagnostics diagnostics;
    std::optional<ComputedRun> computed = compute_run(c.path.string(), diagnostics);
    REQUIRE(computed.has_value());
    RunRecord record = kanzai::tools::record_of(*computed);
    record.number = 1;
    record.created_at = "2026-07-01T09:30:00Z";
    c.record(record);
    return record;
}

}  // namespace

TEST_CASE("explain: every golden run records, reads back and adds up") {
    for (const char* name : {"estate", "funds", "pools", "statuses"}) {
        CAPTURE(name);
        TempCase c;
        const RunRecord run = record_golden(c, name);
        CaseDb db((c.path / "case.db").string(), CaseDbMode::read_only);
        const auto back = db.read_run(1);  // verify_run_record: sources and allocations agree
        REQUIRE(back.has_value());
        CHECK(back->decisions.size() == run.decisions.size());
        CHECK(back->allocations.size() == run.allocations.size());
        CHECK(back->payouts.size() == run.payouts.size());
        CHECK(back->summary_json == run.summary_json);
    }
}

TEST_CASE("explain: ledger rows are shown while ledger.csv is unchanged, and only then") {
    TempCase c;
    static_cast<void>(record_golden(c, "statuses"));
    std::string out;
    std::string err;
    CHECK(explain(c, "C2", out, err) == 0);
    CHECK(out.find("\nLedger rows (ledger.csv, unchanged since this run):\n"
                   "  customer C2, account A2: 0.50000000 BTC\n") != std::string::npos);
    {
        std::FILE* ledger = std::fopen((c.path / "ledger.csv").string().c_str(), "a");
        REQUIRE(ledger != nullptr);
        std::fputs("A99,C2,BTC,0.1\n", ledger);
        std::fclose(ledger);
    }
    out.clear();
    CHECK(explain(c, "C2", out, err) == 0);
    CHECK(out.find("\nLedger rows: not shown (ledger.csv has changed since run 1).\n") !=
          std::string::npos);
}

TEST_CASE("explain: a convenience claimant's value, claim in the class and share of it") {
    TempCase c;
    static_cast<void>(record_golden(c, "convenience"));
    std::string out;
    std::string err;
    CHECK(explain(c, "K2", out, err) == 0);
    CHECK(err == "");
    CHECK(out ==
          "Run 1 of case \"Golden convenience\", recorded 2026-07-01T09:30:00Z by kanzai 0.1.0\n"
          "Explaining K2\n"
          "\n"
          "Ledger rows (ledger.csv, unchanged since this run):\n"
          "  customer C2, account A2: 0.01234567 BTC\n"
          "  customer C2, account A3: 50,000 JPY\n"
          "\n"
          "Claim K2 (customer C2, asset BTC)\n"
          "  Decision: A-MATCHES-LEDGER: filed 0.01234567 BTC; ledger 0.01234567 BTC; admitted "
          "as filed\n"
          "  Filed 0.01234567 BTC; ledger 0.01234567 BTC; admitted 0.01234567 BTC; disputed "
          "0.00000000 BTC\n"
          "  Class customer; the admitted amount is worth 123,456 JPY at the case price\n"
          "  Claimant C2; payee C2\n"
          "  Convenience class: claimant C2 is worth 173,456 JPY (c_g, its customer-class lines "
          "at the case price); at most the threshold of 200,000 JPY, so in the class; its claim "
          "in the class (k_g) is 208,147 JPY.\n"
          "  This claim's admitted line is paid 148,147 JPY of it in the estate's convenience "
          "class, and takes no part in pools and funds.\n"
          "  Allocations:\n"
          "    admitted portion from estate:convenience (tranche 2): 104,302 JPY\n"
          "      estate:convenience split 400,000 JPY over claims in the class worth 568,147 JPY; "
          "this line weighed 148,147 JPY (its claim in the class) and got 104,302 JPY; 0 JPY "
          "was left after this class.\n"
          "      Paid in JPY as allocated.\n"
          "\n"
          "Payouts to C2 (all claims it holds, by asset, tranche and status):\n"
          "  #1: 146,545 JPY, tranche 2, payable\n");
    out.clear();
    CHECK(explain(c, "K5", out, err) == 0);
    CHECK(out.find("  Convenience class: claimant C4 is worth 5,000,000 JPY (c_g, its "
                   "customer-class lines at the case price); above the threshold of 200,000 JPY, "
                   "in the class by its election (the excess waived); its claim in the class "
                   "(k_g) is 240,000 JPY.\n") != std::string::npos);
    out.clear();
    CHECK(explain(c, "K4", out, err) == 0);
    CHECK(out.find("claimant C3 is worth 10,000,000 JPY (c_g, its customer-class lines at the "
                   "case price); above the threshold of 200,000 JPY and no election: not in the "
                   "class.\n") != std::string::npos);
    CHECK(out.find("      pool:BTC split 1.10000000 BTC (its 1.20000000 BTC less a cost of "
                   "0.10000000 BTC) over claims of 1.00000000 BTC;") != std::string::npos);
    out.clear();
    CHECK(explain(c, "K3", out, err) == 0);
    CHECK(out.find("  Claimant C2; payee C2\n"
                   "  Transfer T2 (C2 to C5, effective 2026-10-01) is after the record date "
                   "2026-09-30: not applied (counted in transfers_after_record_date).\n") !=
          std::string::npos);
    CHECK(out.find("  This claim's admitted line is paid 60,000 JPY of it") != std::string::npos);
    out.clear();
    CHECK(explain(c, "K2", out, err, true) == 0);
    CHECK(out.find(R"("convenience": {
        "claimant_id": "C2",
        "value": "173456",
        "threshold": "200000",
        "in_class": true,
        "by_election": false,
        "claim": "208147",
        "lines": [
          {
            "portion": "admitted",
            "claim": "148147"
          }
        ]
      },)") != std::string::npos);
}

TEST_CASE("explain: each allocation's asset paid, a conversion's price, a failed payment") {
    TempCase c;
    static_cast<void>(record_golden(c, "conversions"));
    std::string out;
    std::string err;
    CHECK(explain(c, "D1", out, err) == 0);
    CHECK(err == "");
    CHECK(out.ends_with(
        "  Allocations:\n"
        "    admitted portion from pool:BTC (tranche 1): 0.80000000 BTC\n"
        "      pool:BTC split 2.40000000 BTC over claims of 3.00000000 BTC; this line weighed "
        "1.00000000 BTC (its amount) and got 0.80000000 BTC; 0.00000000 BTC of surplus went to "
        "the estate.\n"
        "      Paid as 7,200,000 JPY: sold at BTC's estate_price of 9,000,000 JPY (0.80000000 "
        "BTC to 7,200,000 JPY).\n"
        "    admitted portion from fund:reserve (tranche 1): 1,000,000 JPY\n"
        "      fund:reserve split 3,000,000 JPY over remaining shortfalls worth 6,000,000 JPY; "
        "this line weighed 2,000,000 JPY (its remaining shortfall value; floors and caps per "
        "claimant apply first) and got 1,000,000 JPY; 0 JPY was left over.\n"
        "      Paid as 0.08333333 BTC: converted at BTC's distribution_price of 12,000,000 JPY "
        "(1,000,000 JPY to 0.08333333 BTC).\n"
        "    admitted portion from estate:general (tranche 2): 171,429 JPY\n"
        "      estate:general split 600,000 JPY over claims in the class worth 3,500,000 JPY; "
        "this line weighed 1,000,000 JPY (its claim in the class) and got 171,429 JPY; 0 JPY "
        "was left after this class.\n"
        "      Paid as 0.01428575 BTC: converted at BTC's distribution_price of 12,000,000 JPY "
        "(171,429 JPY to 0.01428575 BTC).\n"
        "\n"
        "Payouts to D1 (all claims it holds, by asset, tranche and status):\n"
        "  #1: 0.08333333 BTC, tranche 1, payable\n"
        "  #2: 0.01428575 BTC, tranche 2, below_minimum\n"
        "  #3: 7,200,000 JPY, tranche 1, payable\n"
        "  Earlier payments (payments.csv):\n"
        "    7,200,000 JPY on 2026-08-01, failed: not received, so payable again\n"));
    out.clear();
    CHECK(explain(c, "K3", out, err) == 0);
    CHECK(out.find("      Paid as 4.00000000 ETH: converted at ETH's distribution_price of "
                   "250,000 JPY (1,000,000 JPY to 4.00000000 ETH).\n") != std::string::npos);
    out.clear();
    CHECK(explain(c, "K2", out, err) == 0);
    CHECK(out.find("    admitted portion from pool:BTC (tranche 1): 0.80000000 BTC\n"
                   "      pool:BTC split") != std::string::npos);
    CHECK(out.find("      Paid in BTC as allocated.\n") != std::string::npos);  // elected kind
    CHECK(out.find("    0.05000000 BTC on 2026-08-01, paid: received, counted in catch-up\n") !=
          std::string::npos);
    out.clear();
    CHECK(explain(c, "K1", out, err, true) == 0);
    CHECK(out.find(R"("paid": {
            "asset": "JPY",
            "amount": "7200000",
            "converted": true,
            "price_name": "estate_price",
            "price_asset": "BTC",
            "price": "9000000"
          })") != std::string::npos);
    CHECK(out.find(R"("status": "failed",
      "received": false)") != std::string::npos);
    // An input changed since the run: nothing recomputed, and said so.
    {
        std::FILE* payments = std::fopen((c.path / "payments.csv").string().c_str(), "a");
        REQUIRE(payments != nullptr);
        std::fputs("D1,JPY,1,1,2026-08-02,paid\n", payments);
        std::fclose(payments);
    }
    out.clear();
    CHECK(explain(c, "D1", out, err) == 0);
    CHECK(out.find("\nConvenience class, asset paid, payments, transfers after the record "
                   "date and the reasons of holds: not shown (the inputs or the engine have "
                   "changed since run 1).\n") !=
          std::string::npos);
    CHECK(out.find("Paid as") == std::string::npos);
}

TEST_CASE("explain: a set-off that leaves a receivable of 0 keeps part of every balance") {
    RunRecord run = sample_run();
    run.set_offs = {{"C2", "100000", "400000", "0"}};
    const ExplainSelection selection = select_for_explain(run, "C2");
    const std::string out = explain_text(run, "C2", selection, LedgerView{});
    CHECK(out.find("Set-off of customer C2: debts worth 100,000 JPY set off against positive "
                   "balances worth 400,000 JPY; each positive balance keeps (400000 - 100000) / "
                   "400000 of its units, rounded down; no receivable is left.\n") !=
          std::string::npos);
    CHECK(out.find("exceed") == std::string::npos);
    run.set_offs = {{"C2", "400000", "400000", "0"}};
    const std::string equal = explain_text(run, "C2", select_for_explain(run, "C2"), LedgerView{});
    CHECK(equal.find("Set-off of customer C2: debts worth 400,000 JPY equal its positive "
                     "balances; every positive balance counts as 0 and nothing is left as a "
                     "receivable.\n") != std::string::npos);
    run.set_offs = {{"C2", "500000", "400000", "100000"}};
    const std::string above = explain_text(run, "C2", select_for_explain(run, "C2"), LedgerView{});
    CHECK(above.find("debts worth 500,000 JPY exceed positive balances worth 400,000 JPY; every "
                     "positive balance counts as 0 and 100,000 JPY is a receivable of the "
                     "estate.\n") != std::string::npos);
}

TEST_CASE("explain: a creditor named without its creditor: prefix") {
    TempCase c;
    c.record(sample_run());
    std::string out;
    std::string err;
    CHECK(explain(c, "E1", out, err) == 0);
    CHECK(err == "");
    CHECK(out.find("Explaining creditor:E1\n") != std::string::npos);
    CHECK(out.find("\nCreditor creditor:E1\n  Allocations:\n    admitted portion from "
                   "estate:general (tranche 2): 500 JPY\n") != std::string::npos);
    CHECK(out.find("Payouts to creditor:E1 (") != std::string::npos);
    out.clear();
    CHECK(explain(c, "E9", out, err) == 2);
}

TEST_CASE("explain: which transfer holds a payout for review, and who is sanctioned") {
    TempCase c;
    static_cast<void>(record_golden(c, "statuses"));
    std::string out;
    std::string err;
    CHECK(explain(c, "C5", out, err) == 0);
    CHECK(out.find("  Payouts of this claim are held_review: transfer T2 (C9 to C10, effective "
                   "2026-05-01) cannot be applied: from_id C9 is not the holder C5.\n") !=
          std::string::npos);
    out.clear();
    CHECK(explain(c, "C3", out, err) == 0);
    CHECK(out.find("  Payouts of this claim are frozen_sanctions: its original customer C3 is "
                   "sanctioned in customers.csv.\n") != std::string::npos);
}

TEST_CASE("explain: a fund line shows the fund's cap and floor stages") {
    TempCase c;
    static_cast<void>(record_golden(c, "funds"));
    std::string out;
    std::string err;
    CHECK(explain(c, "K3", out, err) == 0);
    CHECK(out.find("      Per claimant first: claimant C3 has 200,000 JPY of remaining shortfall "
                   "on the lines this fund paid, within the cap of 2,000,000 JPY: e_g = 200,000 "
                   "JPY. Floor stage: min(e_g, floor 300,000 JPY) = 200,000 JPY, paid in full "
                   "(the floors of all claimants, 800,000 JPY, fit in the 1,650,000 JPY "
                   "available); then the rest pro rata over e_g - min(e_g, floor): 0 JPY; its "
                   "award of 200,000 JPY is split over its lines by their remaining "
                   "shortfall.\n") != std::string::npos);
    // case.toml changed since the run: the stages are not shown, and the note says why.
    {
        std::FILE* toml = std::fopen((c.path / "case.toml").string().c_str(), "a");
        REQUIRE(toml != nullptr);
        std::fputs("\n", toml);
        std::fclose(toml);
    }
    out.clear();
    CHECK(explain(c, "K3", out, err) == 0);
    CHECK(out.find("Per claimant first") == std::string::npos);
    CHECK(out.find("\nNote: the funds' floor and cap stages are not shown: ") !=
          std::string::npos);
}
