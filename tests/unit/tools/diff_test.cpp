// `kanzai diff`: exact text for two hand-made runs recorded in a temporary case.db.
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "store/case_db.hpp"
#include "tests/support/printing.hpp"
#include "tools/inspect/diff_text.hpp"
#include "tests/support/temp_folder.hpp"
#include "tools/inspect/explain_run.hpp"
#include "tools/run/run_pipeline.hpp"

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
    CHECK(diff_case({.case_folder = c.path.string(), .run_a = 1, .run_b = 2, .toml_a = "",
                     .toml_b = ""},
                    out, err) == 0);
    CHECK(err == "");
    CHECK(out ==
          "Run 1 -> run 2 of case \"Example Exchange\"\n"
          "Inputs: determinations.csv added, ledger.csv changed\n"
          "\n"
          "Sources that changed:\n"
          "  pool:BTC: available 1.50000000, weights 3.00000000, allocated 1.50000000, left "
          "0.00000000, tranche 1 -> available 1.50000000, weights 2.00000000, allocated "
          "1.50000000, left 0.00000000, tranche 1\n"
          "\n"
          "Claims whose decision changed:\n"
          "  K2 (customer C2, BTC): admitted 2.00000000 -> 0.00000000; class customer -> none; "
          "code A-MATCHES-LEDGER -> O-DETERMINATION; value 10000000 -> 0\n"
          "    why: a determination was added: code A-MATCHES-LEDGER -> O-DETERMINATION "
          "(\"court order 12: not a customer\")\n"
          "  deemed:C3:BTC (customer C3, BTC): only in run 2: code D-DEEMED, admitted "
          "1.00000000 BTC\n"
          "    why: a deemed claim appeared; inputs: determinations.csv added, ledger.csv "
          "changed\n"
          "\n"
          "Allocations that changed:\n"
          "  K1 admitted from pool:BTC (BTC): 0.50000000 (tranche 1, weight 1.00000000) -> "
          "0.75000000 (tranche 1, weight 1.00000000)\n"
          "    why: pool:BTC was split differently (above)\n"
          "  K2 admitted from pool:BTC (BTC): 1.00000000 (tranche 1, weight 2.00000000) -> none\n"
          "    why: its claim's decision changed (above)\n"
          "  deemed:C3:BTC admitted from pool:BTC (BTC): none -> 0.75000000 (tranche 1, weight "
          "1.00000000)\n"
          "    why: its claim's decision changed (above)\n"
          "\n"
          "Payouts that changed:\n"
          "  C1 BTC tranche 1 payable: 0.50000000 -> 0.75000000\n"
          "    why: allocations of claims it holds changed: K1\n"
          "  C2 BTC tranche 1 payable: 1.00000000 -> none\n"
          "    why: claims it holds changed: K2\n"
          "  C3 BTC tranche 1 held_kyc: none -> 0.75000000\n"
          "    why: claims it holds changed: deemed:C3:BTC\n"
          "\n"
          "Total: 2 claims changed (0 only in run 1, 1 only in run 2); 3 allocations changed; 3 "
          "payouts changed for 3 payees\n");
}

TEST_CASE("diff: a run against itself changes nothing; the reverse swaps the sides") {
    const std::string same = diff_text(first_run(), first_run());
    CHECK(same ==
          "Run 1 -> run 1 of case \"Example Exchange\"\n"
          "Inputs: none changed\n"
          "\n"
          "Sources that changed:\n"
          "  none\n"
          "\n"
          "Claims whose decision changed:\n"
          "  none\n"
          "\n"
          "Allocations that changed:\n"
          "  none\n"
          "\n"
          "Payouts that changed:\n"
          "  none\n"
          "\n"
          "Total: 0 claims changed (0 only in run 1, 0 only in run 1); 0 allocations changed; 0 "
          "payouts changed for 0 payees\n");
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
    CHECK(diff_case({.case_folder = c.path.string(), .run_a = 1, .run_b = 2, .toml_a = "",
                     .toml_b = ""},
                    out, err) == 2);
    CHECK(err == "case.db records no run 2 (recorded: 1)\n");
    CHECK(out == "");
}

namespace {

// A golden case's folder copied, computed by the real pipeline and recorded as run `number`.
void record_golden_run(const fs::path& folder, int number) {
    kanzai::claims::Diagnostics diagnostics;
    std::optional<ComputedRun> computed = compute_run(folder.string(), diagnostics);
    REQUIRE(computed.has_value());
    RunRecord record = kanzai::tools::record_of(*computed);
    record.number = number;
    record.created_at = "2026-07-01T09:30:00Z";
    CaseDb db((folder / "case.db").string());
    db.insert_run(record).commit();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("diff: a price change lists every claim whose value moved, with the case.toml key") {
    TempCase c;
    const char* root = std::getenv("KANZAI_SOURCE_DIR");
    const fs::path source_dir = root != nullptr ? fs::path(root)
                                                : fs::path(__FILE__).parent_path() / "../../..";
    fs::copy(source_dir / "tests/golden/pools/case", c.path, fs::copy_options::recursive);
    const fs::path toml = c.path / "case.toml";
    record_golden_run(c.path, 1);
    const fs::path old_toml = c.path / "case-run1.toml";
    fs::copy_file(toml, old_toml);
    {
        std::ifstream in(toml);
        std::stringstream text;
        text << in.rdbuf();
        std::ofstream(toml) << replaced(text.str(), "price = \"9000000\"", "price = \"9500000\"");
    }
    record_golden_run(c.path, 2);
    std::string out;
    std::string err;
    // The case folder's case.toml is run 2's; run 1's is named.
    CHECK(diff_case({.case_folder = c.path.string(), .run_a = 1, .run_b = 2,
                     .toml_a = old_toml.string(), .toml_b = ""},
                    out, err) == 0);
    CHECK(err == "");
    CHECK(out.find("Inputs: case.toml changed\ncase.toml: assets.BTC.price 9000000 -> 9500000; "
                   "assets.BTC.estate_price 9000000 -> 9500000\n") != std::string::npos);
    for (const char* claim : {"K1", "K2", "K3"}) {
        CAPTURE(claim);
        CHECK(out.find(fmt::format("  {} (customer C{}, BTC): value 9000000 -> 9500000\n    why: "
                                   "its value at the case price moved at the same admitted "
                                   "amount: case.toml assets.BTC.price 9000000 -> 9500000\n",
                                   claim, claim + 1)) != std::string::npos);
    }
    // Without run 1's case.toml the key is still named, its old value said to be unknown.
    out.clear();
    CHECK(diff_case({.case_folder = c.path.string(), .run_a = 1, .run_b = 2, .toml_a = "",
                     .toml_b = ""},
                    out, err) == 0);
    CHECK(out.find("    why: its value at the case price moved at the same admitted amount: "
                   "case.toml changed: its assets.BTC.price or rules.valuation_rounding (old "
                   "values not at hand)\n") != std::string::npos);
    CHECK(out.find("case.toml: changed; other keys not compared (run 1's case.toml is not at "
                   "hand (") != std::string::npos);
    // A named file that is not the case.toml its run read is refused.
    out.clear();
    err.clear();
    CHECK(diff_case({.case_folder = c.path.string(), .run_a = 1, .run_b = 2,
                     .toml_a = toml.string(), .toml_b = ""},
                    out, err) == 2);
    CHECK(err.starts_with("--toml-a: "));
    CHECK(out == "");
}

TEST_CASE("diff: payouts whose allocations did not move name elections, payments and statuses") {
    RunRecord before = first_run();
    RunRecord after = first_run();
    after.number = 2;
    before.inputs = {{"claims.csv", std::string(64, 'a')}, {"elections.csv", std::string(64, '1')},
                     {"ledger.csv", std::string(64, 'b')}, {"payments.csv", std::string(64, '2')}};
    after.inputs = before.inputs;
    after.inputs[1].sha256 = std::string(64, '3');
    after.inputs[3].sha256 = std::string(64, '4');
    // C1 now takes cash for its BTC (an election), converted at the estate price.
    after.payouts = {{1, "C1", "JPY", "4500000", 1, "payable"},
                     {2, "C2", "BTC", "1.00000000", 1, "payable"}};
    after.summary_json = R"({"conversions": [{"from_asset": "BTC", "to_asset": "JPY",
        "from_amount": "0.50000000", "to_amount": "4500000"}],
        "payments_not_completed": {"failed": {"BTC": "0.10000000"}}})";
    const std::string out = diff_text(before, after);
    CHECK(out.find("\nConversions and payments not completed that changed (summary.json):\n"
                   "  conversion BTC -> JPY: none -> 0.50000000 BTC to 4500000 JPY\n"
                   "  payments failed in BTC: none -> 0.10000000\n") != std::string::npos);
    CHECK(out.find("  C1 BTC tranche 1 payable: 0.50000000 -> none\n"
                   "    why: its allocations did not change: elections.csv changed (its "
                   "election of kind, cash or convert); payments.csv changed (catch-up counts "
                   "paid payments only; failed and returned ones are payable again)\n") !=
          std::string::npos);
    CHECK(out.find("  C1 JPY tranche 1 payable: none -> 4500000\n") != std::string::npos);
    CHECK(out.find("Allocations that changed:\n  none\n") != std::string::npos);
}
