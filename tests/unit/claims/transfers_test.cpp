#include "claims/determine/transfers.hpp"

#include "claims/determine/determine.hpp"
#include "tests/support/case_builder.hpp"

using namespace kanzai::claims;
using kanzai::testing::CaseBuilder;
using kanzai::testing::decision_of;
using kanzai::testing::Determined;

namespace {

CaseBuilder three_customers() {
    CaseBuilder builder;
    builder.customer("C1")
        .customer("C2")
        .customer("C3")
        .ledger("A1", "C1", "JPY", "1000")
        .claim("K1", "C1", "JPY", "1000", "2026-04-01");
    return builder;
}

struct Outcome {
    Determined result;
    std::vector<std::string> errors;
};

Outcome determine(const CaseBuilder& builder) {
    Diagnostics diagnostics;
    Outcome outcome{Determined(builder.build(), diagnostics), {}};
    for (const Diagnostic& diagnostic : diagnostics.sorted()) {
        outcome.errors.push_back(diagnostic.text());
    }
    return outcome;
}

}  // namespace

TEST_CASE("transfers: a chain in effective_on order makes the last holder the payee") {
    CaseBuilder builder = three_customers();
    // T1 has the smaller id but takes effect later: C1 -> C2 (T2) happens first.
    builder.transfer("T1", "K1", "C2", "C3", "2026-05-02")
        .transfer("T2", "K1", "C1", "C2", "2026-05-01");
    const Outcome outcome = determine(builder);
    CHECK(outcome.errors.empty());
    const Decision& k1 = decision_of(outcome.result, "K1");
    CHECK(outcome.result.text(k1).payee_id == "C3");
    CHECK(k1.payee_index == 2);
    CHECK(outcome.result.text(k1).claimant_id ==
          "C1");  // the claimant stays the original customer's
    CHECK_FALSE(k1.has_transfer_finding);
    CHECK(outcome.result.transfer_findings.empty());
}

TEST_CASE("transfers: on the same day transfer_id decides the order") {
    CaseBuilder builder = three_customers();
    builder.transfer("T2", "K1", "C2", "C3", "2026-05-01")
        .transfer("T1", "K1", "C1", "C2", "2026-05-01");
    CHECK(determine(builder).result.text("K1").payee_id == "C3");
}

TEST_CASE("transfers: wrong holder, self-transfer and unknown party are findings") {
    CaseBuilder builder = three_customers();
    builder.claim("K2", "C2", "JPY", "5", "2026-04-01")
        .claim("K3", "C3", "JPY", "5", "2026-04-01")
        .transfer("T1", "K1", "C2", "C3", "2026-05-01")
        .transfer("T2", "K1", "C1", "C2", "2026-05-02")
        .transfer("T3", "K2", "C2", "C2", "2026-05-01")
        .transfer("T4", "K3", "C3", "X9", "2026-05-01");
    const Outcome outcome = determine(builder);
    CHECK(outcome.errors.empty());
    const Decision& k1 = decision_of(outcome.result, "K1");
    CHECK(k1.has_transfer_finding);
    CHECK(outcome.result.text(k1).payee_id == "C2");  // T2 still applies after T1 failed
    CHECK(outcome.result.text("K2").payee_id == "C2");
    CHECK(outcome.result.text("K3").payee_id == "C3");
    CHECK(decision_of(outcome.result, "K3").has_transfer_finding);
    const std::vector<TransferFinding>& findings = outcome.result.transfer_findings;
    REQUIRE(findings.size() == 3);
    CHECK(findings[0].claim_id == "K1");
    CHECK(findings[0].transfer_id == "T1");
    CHECK(findings[0].message == "from_id C2 is not the holder C1");
    CHECK(findings[1].claim_id == "K2");
    CHECK(findings[1].message == "from_id and to_id are both C2");
    CHECK(findings[2].claim_id == "K3");
    CHECK(findings[2].message == "to_id X9 is not a customer");
}

TEST_CASE("transfers: a claim sold back to an earlier holder is applied, no finding") {
    CaseBuilder builder = three_customers();
    builder.transfer("T1", "K1", "C1", "C2", "2026-05-01")
        .transfer("T2", "K1", "C2", "C1", "2026-05-02");
    const Outcome outcome = determine(builder);
    CHECK(outcome.result.text("K1").payee_id == "C1");
    CHECK_FALSE(decision_of(outcome.result, "K1").has_transfer_finding);
    CHECK(outcome.result.transfer_findings.empty());
}

TEST_CASE("transfers: a deemed claim can be transferred; naming no claim is an error") {
    CaseBuilder builder = three_customers();
    builder.ledger("A2", "C2", "JPY", "300")
        .transfer("T1", "deemed:C2:JPY", "C2", "C3", "2026-05-01")
        .transfer("T2", "K9", "C1", "C2", "2026-05-01")
        .transfer("T3", "deemed:C1:JPY", "C1", "C2", "2026-05-01");
    const Outcome outcome = determine(builder);
    CHECK(outcome.result.text("deemed:C2:JPY").payee_id == "C3");
    CHECK(outcome.errors ==
          std::vector<std::string>{
              "transfers.csv:3:2: claim_id \"K9\" names no claim of claims.csv and no deemed "
              "claim",
              "transfers.csv:4:2: claim_id \"deemed:C1:JPY\" names no claim of claims.csv and "
              "no deemed claim"});
}

TEST_CASE("transfers: a claim of an unknown customer keeps that id as payee") {
    CaseBuilder builder = three_customers();
    builder.claim("K2", "X1", "JPY", "5", "2026-04-01")
        .transfer("T1", "K2", "X1", "C2", "2026-05-01");
    const Outcome outcome = determine(builder);
    CHECK(outcome.result.text("K2").payee_id == "X1");
    CHECK(decision_of(outcome.result, "K2").payee_index == no_index);
    CHECK(outcome.result.transfer_findings.empty());
}
