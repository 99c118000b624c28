// `kanzai diff`: exact text for two hand-made runs recorded in a temporary case.db.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "store/case_db.hpp"
#include "tests/support/printing.hpp"
#include "tools/inspect/diff_text.hpp"
#include "tests/support/temp_folder.hpp"
#include "tools/inspect/explain_run.hpp"

using namespace kanzai::claims;
using namespace kanzai::tools;
namespace fs = std::filesystem;

namespace {

using TempCase = kanzai::testing::TempFolder;

// Run 1: K1 and K2 share a pool of 1.5 BTC over 3 BTC of claims.
RunRecord first_run() {
    RunRecord r;
    r.number = 1;
    r.engine = "kanzai 0.1.0";
    r.created_at = "2026-07-01T09:30:00Z";
    r.case_name = "Example Exchange";
    r.inputs = {{"claims.csv", std::string(64, 'a')}, {"ledger.csv", std::string(64, 'b')}};
    r.summary_json = "{}";
    r.decisions = {
        {"K1", "C1", "C1", "C1", "BTC", "1.00000000", "1.00000000", "1.00000000", "0.00000000",
         "customer", "A-MATCHES-LEDGER", "matches", "5000000"},
        {"K2", "C2", "C2", "C2", "BTC", "2.00000000", "2.00000000", "2.00000000", "0.00000000",
         "customer", "A-MATCHES-LEDGER", "matches", "10000000"},
    };
    r.allocations = {
        {"K1", "admitted", "pool:BTC", "BTC", "0.50000000", 1, "1.00000000"},
        {"K2", "admitted", "pool:BTC", "BTC", "1.00000000", 1, "2.00000000"},
    };
    r.payouts = {
        {1, "C1", "BTC", "0.50000000", 1, "payable"},
        {2, "C2", "BTC", "1.00000000", 1, "payable"},
    };
    r.sources = {{"pool:BTC", "BTC", "1.50000000", "3.00000000", "1.50000000", "0.00000000", 1}};
    return r;
}

// Run 2: a determination rejects K2, so K1 takes the whole pool it weighs; C3's deemed claim
// appears (ledger.csv changed) and shares the pool.
RunRecord second_run() {
    RunRecord r = first_run();
    r.number = 2;
    r.inputs = {{"claims.csv", std::string(64, 'a')},
                {"determinations.csv", std::string(64, 'd')},
                {"ledger.csv", std::string(64, 'e')}};
    r.decisions = {
        {"K1", "C1", "C1", "C1", "BTC", "1.00000000", "1.00000000", "1.00000000", "0.00000000",
         "customer", "A-MATCHES-LEDGER", "matches", "5000000"},
        {"K2", "C2", "C2", "C2", "BTC", "2.00000000", "2.00000000", "0.00000000", "0.00000000",
         "", "O-DETERMINATION", "court order 12: not a customer", "0"},
        {"deemed:C3:BTC", "C3", "C3", "C3", "BTC", "", "1.00000000", "1.00000000", "0.00000000",
         "customer", "D-DEEMED", "unfiled balance admitted", "5000000"},
    };
    r.allocations = {
        {"K1", "admitted", "pool:BTC", "BTC", "0.75000000", 1, "1.00000000"},
        {"deemed:C3:BTC", "admitted", "pool:BTC", "BTC", "0.75000000", 1, "1.00000000"},
    };
    r.payouts = {
        {1, "C1", "BTC", "0.75000000", 1, "payable"},
        {2, "C3", "BTC", "0.75000000", 1, "held_kyc"},
    };
    r.sources = {{"pool:BTC", "BTC", "1.50000000", "2.00000000", "1.50000000", "0.00000000", 1}};
    return r;
}

}  // namespace

TEST_CASE("diff: changed decisions and payouts, with reasons and a total line") {
    TempCase c;
    {
        CaseDb db((c.path / "case.db").string());
        db.insert_run(first_run()).commit();
        db.insert_run(second_run()).commit();
    }
    std::string out;
    std::string err;
    CHECK(diff_case({.case_folder = c.path.string(), .run_a = 1, .run_b = 2}, out, err) == 0);
    CHECK(err == "");
    CHECK(out ==
          "Run 1 -> run 2 of case \"Example Exchange\"\n"
          "Inputs: determinations.csv added, ledger.csv changed\n"
          "\n"
          "Claims whose decision changed:\n"
          "  K2 (customer C2, BTC): admitted 2.00000000 -> 0.00000000; class customer -> none; "
          "code A-MATCHES-LEDGER -> O-DETERMINATION\n"
          "    why: a determination was added: code A-MATCHES-LEDGER -> O-DETERMINATION "
          "(\"court order 12: not a customer\")\n"
          "  deemed:C3:BTC (customer C3, BTC): only in run 2: code D-DEEMED, admitted "
          "1.00000000 BTC\n"
          "    why: a deemed claim appeared; inputs: determinations.csv added, ledger.csv "
          "changed\n"
          "\n"
          "Payouts that changed:\n"
          "  C1 BTC tranche 1 payable: 0.50000000 -> 0.75000000\n"
          "    why: the sources it is paid from were split differently: pool:BTC\n"
          "  C2 BTC tranche 1 payable: 1.00000000 -> none\n"
          "    why: claims it holds changed: K2\n"
          "  C3 BTC tranche 1 held_kyc: none -> 0.75000000\n"
          "    why: claims it holds changed: deemed:C3:BTC\n"
          "\n"
          "Total: 2 claims changed (0 only in run 1, 1 only in run 2); 3 payouts changed for 3 "
          "payees\n");
}

TEST_CASE("diff: a run against itself changes nothing; the reverse swaps the sides") {
    const std::string same = diff_text(first_run(), first_run());
    CHECK(same ==
          "Run 1 -> run 1 of case \"Example Exchange\"\n"
          "Inputs: none changed\n"
          "\n"
          "Claims whose decision changed:\n"
          "  none\n"
          "\n"
          "Payouts that changed:\n"
          "  none\n"
          "\n"
          "Total: 0 claims changed (0 only in run 1, 0 only in run 1); 0 payouts changed for 0 "
          "payees\n");
    const std::string reverse = diff_text(second_run(), first_run());
    CHECK(reverse.find("  deemed:C3:BTC (customer C3, BTC): only in run 2: code D-DEEMED") !=
          std::string::npos);
    CHECK(reverse.find("    why: the deemed claim is no longer deemed;") != std::string::npos);
    CHECK(reverse.find("    why: its determination was removed: code O-DETERMINATION -> "
                       "A-MATCHES-LEDGER\n") != std::string::npos);
    CHECK(reverse.find("  C3 BTC tranche 1 held_kyc: 0.75000000 -> none\n") != std::string::npos);
}

TEST_CASE("diff: a missing run is exit 2") {
    TempCase c;
    {
        CaseDb db((c.path / "case.db").string());
        db.insert_run(first_run()).commit();
    }
    std::string out;
    std::string err;
    CHECK(diff_case({.case_folder = c.path.string(), .run_a = 1, .run_b = 2}, out, err) == 2);
    CHECK(err == "case.db records no run 2 (recorded: 1)\n");
    CHECK(out == "");
}
