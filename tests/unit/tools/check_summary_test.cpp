// The summary of `kanzai check`: exact text and JSON for a hand-made summary.
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "tools/run/check_summary.hpp"

namespace {

kanzai::tools::CheckSummary sample() {
    kanzai::tools::CheckSummary summary;
    summary.name = "Example K.K.";
    summary.currency = "JPY";
    summary.customers_count = 4;
    summary.claimants_count = 3;
    summary.accounts_count = 3;
    summary.claims_count = 5;
    summary.decisions_count = 7;
    summary.decision_codes = {{"A-MATCHES-LEDGER", 2}, {"D-DEEMED", 5}};
    summary.transfer_findings = {{.claim_id = "K1", .transfer_id = "T9",
                                  .message = "to_id X is not a customer"}};
    summary.receivables = {{"C3", kanzai::engine::Value{1000}}};
    summary.assets = {{.asset = "BTC", .decimals = 8, .ledger = {185'000'000},
                       .segregated_held = {125'000'000}}};
    return summary;
}

}  // namespace

TEST_CASE("check summary: text") {
    CHECK(kanzai::tools::format_check_text(sample()) ==
          "Example K.K.: the inputs are valid\n"
          "customers: 4\nclaimants: 3\naccounts: 3\n"
          "claims: 5 filed, 7 decisions\n"
          "  A-MATCHES-LEDGER: 2\n  D-DEEMED: 5\n"
          "transfer findings: 1\n  claim K1, transfer T9: to_id X is not a customer\n"
          "receivables: 1\n  C3: 1,000 JPY\n"
          "assets: ledger total / segregated holdings held\n"
          "  BTC: 1.85000000 / 1.25000000 BTC\n");
}

TEST_CASE("check summary: JSON keeps amounts as exact decimal strings") {
    const std::string json = kanzai::tools::format_check_json(sample());
    CHECK(json.find("\"receivables\": {\n    \"C3\": \"1000\"\n  }") != std::string::npos);
    CHECK(json.find("\"BTC\": {\n      \"ledger\": \"1.85000000\",\n"
                    "      \"segregated_held\": \"1.25000000\"\n    }") != std::string::npos);
    CHECK(json.find("\"D-DEEMED\": 5") != std::string::npos);
    CHECK(json.starts_with("{\n  \"case\": {\n    \"name\": \"Example K.K.\",\n"
                           "    \"currency\": \"JPY\"\n  },\n  \"valid\": true,"));
}

namespace {

// Runs `kanzai ARGS` and returns its stdout; `exit_code` gets its exit status.
std::string run_kanzai(const std::string& arguments, int& exit_code) {
    const std::string command = std::string(KANZAI_BINARY) + " " + arguments + " 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[4096];
    std::size_t read = 0;
    while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        output.append(buffer, read);
    }
    const int status = pclose(pipe);
    exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return output;
}

std::string source_dir() {
    const std::filesystem::path here(__FILE__);
    return here.parent_path().parent_path().parent_path().parent_path().string();
}

}  // namespace

TEST_CASE("kanzai check: the minimal case is valid and summarised; exit 0") {
    int exit_code = -1;
    const std::string output =
        run_kanzai("check " + source_dir() + "/tests/data/minimal", exit_code);
    CHECK(exit_code == 0);
    // Worked by hand: C1 and C3 share a passport (3 claimants); K2 is admitted by
    // determination although K3 amends it; deemed:C1:JPY is deemed; deemed:C3:BTC (after
    // C3's set-off, D = 1000 < V = 900000) is rejected by determination.
    CHECK(output ==
          "Minimal Exchange K.K.: the inputs are valid\n"
          "customers: 4\nclaimants: 3\naccounts: 3\n"
          "claims: 5 filed, 7 decisions\n"
          "  A-MATCHES-LEDGER: 2\n  D-DEEMED: 1\n  O-DETERMINATION: 2\n"
          "  R-UNKNOWN-ASSET: 1\n  R-UNKNOWN-CUSTOMER: 1\n"
          "transfer findings: 0\nreceivables: 0\n"
          "assets: ledger total / segregated holdings held\n"
          "  BTC: 1.85000000 / 1.25000000\n  JPY: 249000 / 0\n");
}

TEST_CASE("kanzai check: a missing case folder is exit 2 with nothing on stdout") {
    int exit_code = -1;
    const std::string output = run_kanzai("check /nonexistent/kanzai-case", exit_code);
    CHECK(exit_code == 2);
    CHECK(output.empty());
}
