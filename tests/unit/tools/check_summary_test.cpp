// The summary of `kanzai check`: exact text and JSON for a hand-made summary.
#include <doctest/doctest.h>

#include <string>

#include "tools/check_summary.hpp"

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
          "receivables: 1\n  C3: 1000 JPY\n"
          "assets: ledger total / segregated holdings held\n"
          "  BTC: 1.85000000 / 1.25000000\n");
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
