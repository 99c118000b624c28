// The review report and the determination notices: escaping, exact figures, exact notice
// text for one payee of a tiny hand-made run.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "claims/load/case_config.hpp"
#include "claims/record/payouts_tree.hpp"
#include "store/case_db.hpp"
#include "tools/inspect/notices_text.hpp"
#include "tools/report/report_escape.hpp"
#include "tools/report/report_html.hpp"
#include "tools/report/report_inputs.hpp"
#include "tools/report/report_pack.hpp"
#include "tools/report/report_recovery.hpp"
#include "tools/report/report_run.hpp"
#include "tools/report/report_sections.hpp"
#include "tools/run/run_pipeline.hpp"
#include "tests/support/source_tree.hpp"

namespace {

using kanzai::claims::RunRecord;
using kanzai::testing::source_tree;

constexpr const char* tiny_toml = R"(
[case]
name = "Tiny <K.K.>"
court = "Tokyo District Court"
case_number = "2026 (fu) 9"
administrator = "Attorney A"
currency = "JPY"
cutoff = 2026-03-01T00:00:00+09:00
bar_date = 2026-06-30

[assets.JPY]
decimals = 0
price = "1"

[assets.BTC]
decimals = 8
price = "10000000"
)";

kanzai::claims::CaseConfig tiny_config() {
    kanzai::claims::Diagnostics diagnostics;
    kanzai::claims::CaseConfigLoad load = kanzai::claims::load_case_config(tiny_toml, diagnostics);
    REQUIRE(diagnostics.empty());
    return load.config;
}

kanzai::claims::Case tiny_case() {
    kanzai::claims::Case loaded;
    loaded.config = tiny_config();
    return loaded;
}

// C1 holds K1 (BTC, admitted 1, half paid in kind, a tenth by the estate) and K2 (disputed,
// with a reason an attacker wrote); C2's claim is rejected.
RunRecord tiny_run() {
    RunRecord run;
    run.number = 3;
    run.engine = "kanzai 0.1.0";
    run.inputs = {{"case.toml", "abc123"}};
    run.summary_json = R"({"assets":{"BTC":{"claims":"2.00000000","pool":"1.00000000",
        "allocated":"1.00000000","surplus":"0.00000000","coverage":"0.500000"}},
        "decision_codes":{"A-MATCHES-LEDGER":1,"O-DETERMINATION":1,"R-NO-BALANCE":1},
        "payout_statuses":{"held_disputed":1,"payable":2},
        "transfer_findings":{},"receivables":{"C9":"150000"}})";
    run.decisions = {
        {"K1", "C1", "C1", "C1", "BTC", "1.00000000", "1.00000000", "1.00000000", "0.00000000",
         "customer", "A-MATCHES-LEDGER", "filed 1.00000000 BTC; admitted as filed", "10000000"},
        {"K2", "C1", "C1", "C1", "BTC", "1.00000000", "0.00000000", "0.00000000", "1.00000000",
         "customer", "O-DETERMINATION", "<script>alert(1)</script>", "0"},
        {"K3", "C2", "C2", "C2", "BTC", "0.50000000", "0.00000000", "0.00000000", "0.00000000",
         "", "R-NO-BALANCE", "no balance", "0"},
    };
    run.allocations = {
        {"K1", "admitted", "pool:BTC", "BTC", "0.50000000", 1, "1.00000000"},
        {"K1", "admitted", "estate:general", "JPY", "1000000", 2, "5000000"},
        {"K2", "disputed", "pool:BTC", "BTC", "0.50000000", 1, "1.00000000"},
    };
    run.payouts = {
        {1, "C1", "BTC", "0.50000000", 1, "held_disputed"},
        {2, "C1", "BTC", "0.50000000", 1, "payable"},
        {3, "C1", "JPY", "1000000", 2, "payable"},
    };
    run.sources = {{"pool:BTC", "BTC", "1.00000000", "2.00000000", "1.00000000", "0.00000000", 1}};
    return run;
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t count = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++count;
    }
    return count;
}

}  // namespace

TEST_CASE("report: html_escape escapes the five special characters") {
    CHECK(kanzai::tools::html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
}

TEST_CASE("report: script-safe JSON strings cannot close a script element") {
    CHECK(kanzai::tools::json_script_string("</script><!--\"\\\n\x01") ==
          "\"\\u003c/script\\u003e\\u003c!--\\\"\\\\\\n\\u0001\"");
    CHECK(kanzai::tools::json_script_string("a\xE2\x80\xA8z") == "\"a\\u2028z\"");
}

TEST_CASE("report: coverage bar widths are exact and capped") {
    CHECK(kanzai::tools::percent_width("0.800000") == "80.00%");
    CHECK(kanzai::tools::percent_width("0.012345") == "1.23%");
    CHECK(kanzai::tools::percent_width("0.000000") == "0.00%");
    CHECK(kanzai::tools::percent_width("1.000000") == "100.00%");
    CHECK(kanzai::tools::percent_width("2.500000") == "100.00%");
}

TEST_CASE("report: recovery histogram per claimant") {
    // C1: lines worth 10000000 + 10000000; recovered 0.5 BTC (5000000) + 1000000 + 0.5 BTC
    // (5000000) = 11000000 -> 55% -> bucket 5. C2 has no lines and is not counted.
    const kanzai::tools::RecoveryHistogram histogram =
        kanzai::tools::recovery_histogram(tiny_config(), tiny_run());
    CHECK(histogram.claimants_count == 1);
    CHECK(histogram.buckets[5] == 1);
    CHECK(histogram.buckets[0] == 0);
    CHECK(histogram.buckets[10] == 0);
}

TEST_CASE("report: every input string is escaped; amounts appear as written") {
    const kanzai::claims::Case loaded = tiny_case();
    const std::string html = kanzai::tools::render_report_html(&loaded, tiny_run());
    // The chunk index, one chunk (compressed: no input text in clear) and the page script.
    CHECK(count_of(html, "<script") == 3);
    CHECK(count_of(html, "alert(1)") == 0);
    CHECK(kanzai::tools::render_claims_data(tiny_run())
              .find("\"\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\"") !=
          std::string::npos);
    CHECK(html.find("<h1>Tiny &lt;K.K.&gt;</h1>") != std::string::npos);
    CHECK(html.find("<td class=\"num\">2.00000000</td><td class=\"num\">1.00000000</td>"
                    "<td class=\"num\">50.00%</td>") != std::string::npos);
    CHECK(html.find("<a href=\"#claim=K2\" class=\"claim-link\" data-claim=\"K2\">K2</a>: "
                    "1.00000000 BTC disputed (O-DETERMINATION)") != std::string::npos);
    CHECK(html.find("C9: 150000") != std::string::npos);
    CHECK(html.find("http") == std::string::npos);  // no external asset, no network
}

TEST_CASE("report: a chunk holds its claims' allocations, payees' payouts, customers' set-offs") {
    RunRecord run = tiny_run();
    run.decisions.resize(1);
    run.set_offs = {{"C1", "300000", "100000", "200000"}};
    CHECK(kanzai::tools::render_claims_data(run) ==
          "{\"rows\":[\n[\"K1\",\"C1\",\"C1\",\"C1\",\"BTC\",\"1.00000000\",\"1.00000000\","
          "\"1.00000000\",\"0.00000000\",\"customer\",\"A-MATCHES-LEDGER\","
          "\"filed 1.00000000 BTC; admitted as filed\",\"10000000\"]],\n"
          "\"alloc\":{\n\"K1\":[[\"admitted\",\"pool:BTC\",\"BTC\",\"0.50000000\",\"1\","
          "\"1.00000000\"],[\"admitted\",\"estate:general\",\"JPY\",\"1000000\",\"2\","
          "\"5000000\"]]},\n\"pay\":{\n\"C1\":[[\"1\",\"BTC\",\"0.50000000\",\"1\","
          "\"held_disputed\"],[\"2\",\"BTC\",\"0.50000000\",\"1\",\"payable\"],[\"3\",\"JPY\","
          "\"1000000\",\"2\",\"payable\"]]},\n\"setoff\":{\n\"C1\":[\"300000\",\"100000\","
          "\"200000\"]}}");
}

TEST_CASE("notices: dispute deadline is 30 days after the run date, across a month end") {
    CHECK(kanzai::tools::dispute_deadline_text("2026-11-22T01:02:03Z", 30) ==
          "by 2026-12-22 (30 days after the run date 2026-11-22)");
    CHECK(kanzai::tools::dispute_deadline_text("2028-02-15T00:00:00Z", 30) ==
          "by 2028-03-16 (30 days after the run date 2028-02-15)");
    CHECK(kanzai::tools::dispute_deadline_text("", 14) ==
          "within 14 days of the date of this notice");
}

TEST_CASE("notices: exact text for one payee") {
    const RunRecord run = tiny_run();
    const std::vector<kanzai::tools::PayeeRows> payees = kanzai::tools::group_rows_by_payee(run);
    REQUIRE(payees.size() == 2);
    CHECK(payees[1].payee_id == "C2");
    const kanzai::tools::NoticeCase notice_case{
        .name = "Tiny K.K.", .court = "Tokyo District Court", .case_number = "2026 (fu) 9",
        .administrator = "Attorney A", .currency = "JPY", .run_number = 3,
        .engine = "kanzai 0.1.0",
        .dispute_deadline = kanzai::tools::dispute_deadline_text("2026-11-22T00:00:00Z", 30)};
    // payouts.csv of the run, salted by a key, as `notices` reads it from the run folder.
    std::string payouts_csv = "payout_id,payee_id,asset,amount,tranche,status\n";
    for (const auto& p : run.payouts) {
        payouts_csv += fmt::format("{},{},{},{},{},{}\n", p.payout_id, p.payee_id, p.asset,
                                   p.amount, p.tranche, p.status);
    }
    const std::string key = "notice-test-key-0123456789abcdef";
    std::string error;
    const auto tree = kanzai::claims::read_payouts_tree(payouts_csv, key, error);
    REQUIRE(tree.has_value());
    const auto proof_of = [&](const kanzai::tools::PayeeRows& rows) {
        return std::optional(
            kanzai::claims::proof_of_payouts(*tree, key, rows.payee_id, rows.payout_indexes));
    };
    const std::string c2 =
        kanzai::tools::render_notice(notice_case, run, payees[1], "", proof_of(payees[1]));
    CHECK(c2.find("Proof of distribution\n"
                  "----------------------------------------------------------------\n"
                  "Root:      ") != std::string::npos);
    CHECK(c2.find("You have no payout in this run: no row of yours is under the root.\n") !=
          std::string::npos);
    CHECK(kanzai::tools::render_notice(notice_case, run, payees[0], "", std::nullopt)
              .find("This run was recorded before Kanzai published a root: it has no proof.\n") !=
          std::string::npos);
    CHECK(kanzai::tools::render_notice(notice_case, run, payees[0], "Aiko Abe",
                                       proof_of(payees[0])) ==
          "DETERMINATION NOTICE\n\n"
          "Case:          Tiny K.K.\n"
          "Court:         Tokyo District Court\n"
          "Case number:   2026 (fu) 9\n"
          "Administrator: Attorney A\n"
          "Run:           3 (kanzai 0.1.0)\n\n"
          "To: Aiko Abe (C1)\n\n"
          "Your claims (2)\n"
          "----------------------------------------------------------------\n"
          "Claim K1 (BTC), customer C1\n"
          "  Filed:     1.00000000 BTC\n"
          "  Ledger:    1.00000000 BTC\n"
          "  Admitted:  1.00000000 BTC\n"
          "  Disputed:  0.00000000 BTC\n"
          "  Class:     customer\n"
          "  Decision:  A-MATCHES-LEDGER\n"
          "  Reason:    filed 1.00000000 BTC; admitted as filed\n"
          "  Allocated: 0.50000000 BTC from pool:BTC (admitted portion, tranche 1)\n"
          "  Allocated: 1000000 JPY from estate:general (admitted portion, tranche 2)\n\n"
          "Claim K2 (BTC), customer C1\n"
          "  Filed:     1.00000000 BTC\n"
          "  Ledger:    0.00000000 BTC\n"
          "  Admitted:  0.00000000 BTC\n"
          "  Disputed:  1.00000000 BTC\n"
          "  Class:     customer\n"
          "  Decision:  O-DETERMINATION\n"
          "  Reason:    <script>alert(1)</script>\n"
          "  Allocated: 0.50000000 BTC from pool:BTC (disputed portion, tranche 1)\n\n"
          "Your payouts (3)\n"
          "----------------------------------------------------------------\n"
          "  Payout 1: 0.50000000 BTC, tranche 1, held_disputed\n"
          "  Payout 2: 0.50000000 BTC, tranche 1, payable\n"
          "  Payout 3: 1000000 JPY, tranche 2, payable\n\n"
          "Proof of distribution\n"
          "----------------------------------------------------------------\n"
          "Root:      84bf6a37a6488dc2b533654a196ec9e1b8c04c35e3ede414d720244009c4231c (run 3: "
          "3 payouts; salted)\n"
          "Your salt: 62f121fe58edc426be558b7ec22d414cb104a1860f7fb92839eb84f628ce1279\n"
          "Payout 1: index 0, row 1,C1,BTC,0.50000000,1,held_disputed\n"
          "  level 0: right 88dd636935df08e2da396a86fe994e81187783fff2930005f8788c21f1b71521\n"
          "  level 1: right 1f35dccd72c93c3021edfd1fb718a069fc4eea0eb79fe940796682c91050bc00\n"
          "Payout 2: index 1, row 2,C1,BTC,0.50000000,1,payable\n"
          "  level 0: left  61d5c1db130af8a5de0dc4def02c27765e52ede69ba11d68fc45ce8f41d2c8c1\n"
          "  level 1: right 1f35dccd72c93c3021edfd1fb718a069fc4eea0eb79fe940796682c91050bc00\n"
          "Payout 3: index 2, row 3,C1,JPY,1000000,2,payable\n"
          "  level 1: left  94e3f847c64c41eeeaf4440e3f4fe94d3703d472247df862d26dd35d30d98130\n"
          "Each row above, hashed with your salt and up its path, gives the root. Ask the "
          "administrator\nfor your proof file and check it with `kanzai verify` or the offline "
          "page verify.html;\ncompare the root with the one the administrator published.\n\n"
          "What you must do\n"
          "----------------------------------------------------------------\n"
          "- held_disputed: part of your claim is disputed; these payouts are held until the "
          "dispute is resolved.\n"
          "- payable: nothing; these payouts are paid in their tranche.\n"
          "- If you disagree with a decision, file an objection with the administrator by "
          "2026-12-22 (30 days after the run date 2026-11-22).\n");
}

TEST_CASE("report: a run reads back the same from case.db and from its run folder") {
    // The convenience golden: a pool cost (the pool less its cost was split) and the
    // convenience class's own tranche, which summary.json does not carry.
    for (const char* sample : {"samples/tutorial", "tests/golden/convenience/case"}) {
        CAPTURE(sample);
        namespace fs = std::filesystem;
        const fs::path source_dir = source_tree();
        REQUIRE(fs::exists(source_dir / sample / "case.toml"));
        const fs::path case_folder = fs::temp_directory_path() /
                                     ("kanzai-report-test-" + std::to_string(::getpid()));
        fs::remove_all(case_folder);
        fs::copy(source_dir / sample, case_folder);
        kanzai::claims::Diagnostics diagnostics;
        std::optional<kanzai::tools::ComputedRun> computed =
            kanzai::tools::compute_run(case_folder.string(), diagnostics);
        REQUIRE(computed);
        RunRecord recorded = kanzai::tools::run_header(*computed);
        recorded.number = 1;
        recorded.out_folder = (case_folder / "out" / "run-0001").string();
        {
            kanzai::tools::StagedDir staged(recorded.out_folder);
            kanzai::tools::write_run(*computed, recorded, {.folder = &staged, .rows = &recorded});
            staged.publish();
            staged.keep();
        }
        const RunRecord from_folder = kanzai::tools::read_report_run(case_folder.string(), 1);
        {
            kanzai::claims::CaseDb db((case_folder / "case.db").string());
            db.insert_run(recorded).commit();
        }
        const RunRecord from_db =
            kanzai::tools::read_report_run(case_folder.string(), std::nullopt);
        fs::remove_all(case_folder);

        CHECK(from_db.allocations.at(0).weight == recorded.allocations.at(0).weight);
        CHECK(!recorded.allocations.at(0).weight.empty());
        CHECK(from_folder.summary_json == recorded.summary_json);
        CHECK(from_folder.engine == recorded.engine);
        REQUIRE(from_folder.decisions.size() == recorded.decisions.size());
        for (std::size_t i = 0; i < recorded.decisions.size(); ++i) {
            const auto& a = from_folder.decisions[i];
            const auto& b = recorded.decisions[i];
            CHECK(std::tie(a.claim_id, a.customer_id, a.claimant_id, a.payee_id, a.asset, a.filed,
                           a.ledger, a.admitted, a.disputed, a.claim_class, a.code, a.reason,
                           a.value) ==
                  std::tie(b.claim_id, b.customer_id, b.claimant_id, b.payee_id, b.asset, b.filed,
                           b.ledger, b.admitted, b.disputed, b.claim_class, b.code, b.reason,
                           b.value));
        }
        REQUIRE(from_folder.allocations.size() == recorded.allocations.size());
        for (std::size_t i = 0; i < recorded.allocations.size(); ++i) {
            const auto& a = from_folder.allocations[i];
            const auto& b = recorded.allocations[i];
            CHECK(std::tie(a.claim_id, a.portion, a.source, a.asset, a.amount, a.tranche) ==
                  std::tie(b.claim_id, b.portion, b.source, b.asset, b.amount, b.tranche));
        }
        REQUIRE(from_folder.payouts.size() == recorded.payouts.size());
        for (std::size_t i = 0; i < recorded.payouts.size(); ++i) {
            const auto& a = from_folder.payouts[i];
            const auto& b = recorded.payouts[i];
            CHECK(std::tie(a.payout_id, a.payee_id, a.asset, a.amount, a.tranche, a.status) ==
                  std::tie(b.payout_id, b.payee_id, b.asset, b.amount, b.tranche, b.status));
        }
        // The folder has no fund weights (eligible shortfall values); everything else matches.
        REQUIRE(from_folder.sources.size() == recorded.sources.size());
        for (std::size_t i = 0; i < recorded.sources.size(); ++i) {
            const auto& a = from_folder.sources[i];
            const auto& b = recorded.sources[i];
            CHECK(std::tie(a.source, a.asset, a.available, a.allocated, a.left, a.tranche) ==
                  std::tie(b.source, b.asset, b.available, b.allocated, b.left, b.tranche));
            CHECK((a.weights == b.weights || a.source.rfind("fund:", 0) == 0));
        }
    }
}

namespace {

// A golden case's run, computed by the real pipeline, and its report.
std::string golden_report(const std::string& name) {
    const std::filesystem::path folder = source_tree() / "tests/golden" / name / "case";
    kanzai::claims::Diagnostics diagnostics;
    const std::optional<kanzai::tools::ComputedRun> computed =
        kanzai::tools::compute_run(folder.string(), diagnostics);
    REQUIRE(computed);
    RunRecord run = kanzai::tools::record_of(*computed);
    run.number = 1;
    return kanzai::tools::render_report_html(&computed->loaded, run);
}

}  // namespace

TEST_CASE("report: the convenience class, pool costs, transfers after the record date") {
    const std::string html = golden_report("convenience");
    CHECK(html.find("<table class=\"data\" id=\"convenience\"><thead><tr><th>Claimants</th>"
                    "<th>By election</th><th>Claims in the class</th><th>Allocated</th></tr>"
                    "</thead><tbody>\n<tr><td class=\"num\">3</td><td class=\"num\">1</td>"
                    "<td class=\"num\">568147</td><td class=\"num\">400000</td></tr>\n") !=
          std::string::npos);
    // BTC: claims, pool, coverage (pool less cost, over claims), cost.
    CHECK(html.find("<tr><td>BTC</td><td class=\"num\">1.00000000</td><td class=\"num\">"
                    "1.20000000</td><td class=\"num\">100.00%</td><td class=\"num\">"
                    "0.10000000</td>") != std::string::npos);
    CHECK(html.find("<p id=\"after-record-date\">1 transfer(s) effective after the record date "
                    "2026-09-30: not applied, without a finding.</p>") != std::string::npos);
    // The convenience class's source row pays in its own tranche 2, the estate in 3.
    CHECK(html.find("<tr data-source=\"estate:convenience\"><td>estate:convenience</td>"
                    "<td>JPY</td><td class=\"num\">2</td><td class=\"num\">400000</td>") !=
          std::string::npos);
    CHECK(html.find("id=\"conversions\"") == std::string::npos);
}

TEST_CASE("report: conversions and payments not completed") {
    const std::string html = golden_report("conversions");
    // Each conversion with the price it used: a sale at BTC's estate_price, purchases at
    // the distribution_price of the asset bought.
    CHECK(html.find("<tbody>\n<tr><td>BTC</td><td>JPY</td><td class=\"num\">1.60000000</td>"
                    "<td class=\"num\">14400000</td><td>estate_price 9000000</td></tr>\n"
                    "<tr><td>JPY</td><td>BTC</td><td class=\"num\">2342858</td>"
                    "<td class=\"num\">0.19523816</td><td>distribution_price 12000000</td>"
                    "</tr>\n<tr><td>JPY</td><td>ETH</td><td class=\"num\">1171428</td>"
                    "<td class=\"num\">4.68571200</td><td>distribution_price 250000</td></tr>\n"
                    "</tbody>") != std::string::npos);
    CHECK(html.find("id=\"payments-not-completed\"><thead><tr><th>Status</th><th>Asset</th>"
                    "<th>Amount</th></tr></thead><tbody>\n<tr><td>failed</td><td>JPY</td>"
                    "<td class=\"num\">7200000</td></tr>\n</tbody>") != std::string::npos);
    CHECK(html.find("id=\"convenience\"") == std::string::npos);
    CHECK(html.find("after-record-date") == std::string::npos);
}

TEST_CASE("notices and report: the commands on the tutorial case") {
    namespace fs = std::filesystem;
    const fs::path work = fs::temp_directory_path() /
                          ("kanzai-notices-test-" + std::to_string(::getpid()));
    fs::remove_all(work);
    fs::create_directories(work);
    fs::copy(source_tree() / "samples" / "tutorial", work / "case");
    const std::string kanzai = KANZAI_BINARY;
    const std::string case_folder = (work / "case").string();
    const auto run = [](const std::string& command) {
        const int status = std::system((command + " >/dev/null 2>&1").c_str());
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    REQUIRE(run(kanzai + " run " + case_folder + " --no-db") == 0);
    const std::string notices = (work / "notices").string();
    CHECK(run(kanzai + " notices " + case_folder + " --out " + notices) == 0);
    std::size_t files_count = 0;
    for (const auto& entry : fs::directory_iterator(notices)) {
        files_count += entry.is_regular_file() ? 1U : 0U;
    }
    CHECK(files_count == 13);  // 10 customers as payees (C09 bought K02) and 3 creditors
    std::ifstream c03(fs::path(notices) / "00003-C03.txt");
    const std::string text{std::istreambuf_iterator<char>(c03), {}};
    CHECK(text.find("To: Chika Chiba (C03)\n") != std::string::npos);
    CHECK(text.find("  Payout 7: 0.40000000 BTC, tranche 1, held_kyc\n") != std::string::npos);
    CHECK(text.find("- held_kyc: complete identity verification (KYC)") != std::string::npos);
    // The proof: the run's root (summary.json's), the payout's index, its row as written.
    std::ifstream summary_file(work / "case" / "out" / "run-0001" / "summary.json");
    const auto summary = nlohmann::json::parse(summary_file);
    CHECK(text.find("Root:      " + summary["proof"]["root"].get<std::string>() +
                    " (run 1: 30 payouts; not salted)\n") != std::string::npos);
    CHECK(text.find("Payout 7: index 6, row 7,C03,BTC,0.40000000,1,held_kyc\n") !=
          std::string::npos);
    // A non-empty folder is never written into (exit 4).
    CHECK(run(kanzai + " notices " + case_folder + " --out " + notices) == 4);
    // A payouts.csv changed since the run gives no notice at all (exit 2).
    {
        std::ofstream payouts(work / "case" / "out" / "run-0001" / "payouts.csv",
                              std::ios::app);
        payouts << "31,C99,JPY,1,1,payable\n";
    }
    CHECK(run(kanzai + " notices " + case_folder + " --out " + (work / "n2").string()) == 2);
    CHECK(!fs::exists(work / "n2"));
    // A missing run is invalid input (exit 2), as in every command, not a crash.
    CHECK(run(kanzai + " report " + case_folder + " --run 9 --html " +
              (work / "r.html").string()) == 2);
    CHECK(!fs::exists(work / "r.html"));
    fs::remove_all(work);
}

TEST_CASE("report: a held payout names its transfer, its sanctioned party, its dispute") {
    const std::string html = golden_report("statuses");
    // K5's transfer T2 comes from C9, who does not hold it: the finding and the row.
    CHECK(html.find("<td>held_review</td><td class=\"num\">6</td><td>C5</td><td>BTC</td>"
                    "<td class=\"num\">0.10000000</td><td class=\"num\">1</td><td><a "
                    "href=\"#claim=K5\" class=\"claim-link\" data-claim=\"K5\">K5</a>: from_id "
                    "C9 is not the holder C5 [transfer T2 from C9 to C10, effective 2026-05-01, "
                    "transfers.csv line 3]</td>") != std::string::npos);
    CHECK(html.find("sanctioned</td></tr>") != std::string::npos);
}

TEST_CASE("report: prices with their source, fund parameters, creditors of the tutorial") {
    const std::filesystem::path folder = source_tree() / "samples/tutorial";
    kanzai::claims::Diagnostics diagnostics;
    const std::optional<kanzai::tools::ComputedRun> computed =
        kanzai::tools::compute_run(folder.string(), diagnostics);
    REQUIRE(computed);
    RunRecord run = kanzai::tools::record_of(*computed);
    run.number = 1;
    const std::string html = kanzai::tools::render_report_html(&computed->loaded, run);
    CHECK(html.find("<tr data-asset=\"BTC\"><td>BTC</td><td>8</td><td>10000000</td>"
                    "<td>illustrative round price</td><td>9000000</td><td></td>"
                    "<td>0.00000000</td><td>kind</td><td></td></tr>") != std::string::npos);
    CHECK(html.find("<tr data-fund=\"reserve\"><td>reserve</td><td>reserve</td><td>1</td>"
                    "<td>5594000</td><td>200000</td><td>4000000</td><td>every asset</td>"
                    "<td>estate</td><td>0</td><td>5594000</td><td>5594000</td><td>0</td></tr>") !=
          std::string::npos);
    CHECK(html.find("<tr data-creditor=\"VENDOR\"><td>VENDOR</td><td>general</td>"
                    "<td class=\"num\">1000000</td><td>data-centre landlord</td>"
                    "<td class=\"num\">250000</td><td>#30 250000 JPY (payable, tranche 2)</td>"
                    "</tr>") != std::string::npos);
    CHECK(html.find("id=\"record-only\"") == std::string::npos);
    // Without the run's inputs: no price, no rule, only the record's figures.
    const std::string alone =
        kanzai::tools::render_report_html(nullptr, run, "case.toml (changed)");
    CHECK(alone.find("id=\"prices\"") == std::string::npos);
    CHECK(alone.find("Reported from the run's record alone: case.toml (changed).") !=
          std::string::npos);
    CHECK(alone.find("<tr data-fund=\"reserve\"><td>reserve</td><td>reserve</td><td>1</td>"
                     "<td>5594000</td><td>?</td><td>?</td><td>?</td>") != std::string::npos);
    CHECK(alone.find("<tr data-creditor=\"VENDOR\"><td>VENDOR</td><td>general</td>"
                     "<td class=\"num\">?</td>") != std::string::npos);
}

TEST_CASE("report: the folder's inputs are the run's only when every name and hash is") {
    kanzai::claims::Case loaded;
    loaded.inputs = {{"case.toml", "aa"}, {"claims.csv", "bb"}};
    RunRecord run;
    run.inputs = {{"case.toml", "aa"}, {"claims.csv", "bb"}};
    CHECK(kanzai::tools::inputs_mismatch(loaded, run).empty());
    run.inputs = {{"case.toml", "ab"}, {"claims.csv", "bb"}, {"transfers.csv", "cc"}};
    loaded.inputs.push_back({"elections.csv", "dd"});
    std::sort(loaded.inputs.begin(), loaded.inputs.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    CHECK(kanzai::tools::inputs_mismatch(loaded, run) ==
          "the case folder's inputs are no longer this run's: case.toml (changed), "
          "elections.csv (added), transfers.csv (removed)");
}

TEST_CASE("report: claims are chunked in claim order, each chunk self-contained") {
    const RunRecord run = tiny_run();
    std::vector<std::pair<std::size_t, std::string>> chunks;
    kanzai::tools::for_each_claims_chunk(run, 2, [&](std::size_t, std::size_t first,
                                                     std::string json) {
        chunks.emplace_back(first, std::move(json));
    });
    REQUIRE(chunks.size() == 2);
    CHECK(chunks[0].first == 0);
    CHECK(chunks[1].first == 2);
    CHECK(count_of(chunks[0].second, "\"C1\":[[") == 1);  // C1's payouts, once for K1 and K2
    CHECK(chunks[1].second == "{\"rows\":[\n[\"K3\",\"C2\",\"C2\",\"C2\",\"BTC\","
                              "\"0.50000000\",\"0.00000000\",\"0.00000000\",\"0.00000000\","
                              "\"\",\"R-NO-BALANCE\",\"no balance\",\"0\"]],\n\"alloc\":{},\n"
                              "\"pay\":{},\n\"setoff\":{}}");
    CHECK(kanzai::tools::base64_encode("Man") == "TWFu");
    CHECK(kanzai::tools::base64_encode("Ma") == "TWE=");
    CHECK(kanzai::tools::base64_encode("M") == "TQ==");
    CHECK(kanzai::tools::base64_encode("") == "");
}
