#include "claims/determine/deemed_claims.hpp"

#include "claims/determine/determine.hpp"
#include "tests/support/case_builder.hpp"

using namespace kanzai::claims;
using kanzai::engine::Units;
using kanzai::engine::Value;
using kanzai::testing::CaseBuilder;
using kanzai::testing::decision_of;
using kanzai::testing::Determined;

namespace {

CaseBuilder two_customers() {
    CaseBuilder builder;
    builder.asset("BTC", 8, "9000000")
        .customer("C1")
        .customer("C2")
        .ledger("A1", "C1", "BTC", "2")
        .ledger("A2", "C2", "BTC", "1")
        .ledger("A2", "C2", "JPY", "0")
        .claim("K2", "C2", "BTC", "1", "2026-04-01");
    return builder;
}

Determined determine(const CaseBuilder& builder) {
    Diagnostics diagnostics;
    Determined result(builder.build(), diagnostics);
    CHECK(diagnostics.empty());
    return result;
}

}  // namespace

TEST_CASE("deemed claims: unfiled = admit admits an unfiled positive balance at E") {
    const Determined result = determine(two_customers());
    REQUIRE(result.decisions.size() == 2);
    const Decision& deemed = decision_of(result, "deemed:C1:BTC");
    CHECK(deemed.is_deemed);
    CHECK(result.text(deemed).customer_id == "C1");
    CHECK(result.text(deemed).asset == "BTC");
    CHECK(result.text(deemed).filed_text.empty());
    CHECK(deemed.filed(result.loaded) == Units{0});
    CHECK(deemed.ledger == Units{200'000'000});
    CHECK(deemed.admitted == Units{200'000'000});
    CHECK(deemed.disputed == Units{0});
    CHECK(deemed.code == DecisionCode::d_deemed);
    CHECK_FALSE(deemed.is_late);
    CHECK(deemed.claim_class == ClaimClass::customer);
    CHECK(deemed.value == Value{18'000'000});
    CHECK(result.text(deemed).payee_id == "C1");
    CHECK(result.text(deemed).reason ==
          "no claim filed; ledger 2.00000000 BTC; admitted as a deemed claim");
    // Sorted by claim_id bytes: "K2" < "deemed:..." ('K' is 0x4B, 'd' 0x64).
    CHECK(result.decisions[0].claim_id == "K2");
}

TEST_CASE("deemed claims: unfiled = ignore deems nothing") {
    CaseBuilder builder = two_customers();
    builder.rules().unfiled = UnfiledRule::ignore;
    const Determined result = determine(builder);
    REQUIRE(result.decisions.size() == 1);
    CHECK(result.decisions[0].claim_id == "K2");
}

TEST_CASE("deemed claims: a standing claim that is not barred blocks the deemed claim") {
    CaseBuilder builder = two_customers();
    builder.claim("K1", "C1", "BTC", "5", "2026-07-09");  // late, subordinated: stands
    const Determined result = determine(builder);
    CHECK(find_decision(result.decisions, "deemed:C1:BTC") == no_index);
    CHECK(decision_of(result, "K1").full_code() == "P-EXCESS-DISPUTED+LATE");
}

TEST_CASE("deemed claims: a barred standing claim without a determination is deemed") {
    CaseBuilder builder = two_customers();
    builder.rules().late = LateRule::bar;
    builder.claim("K1", "C1", "BTC", "5", "2026-07-09");
    const Determined result = determine(builder);
    CHECK(decision_of(result, "K1").code == DecisionCode::r_late_barred);
    const Decision& deemed = decision_of(result, "deemed:C1:BTC");
    CHECK(deemed.admitted == Units{200'000'000});
    CHECK_FALSE(deemed.is_late);
    CHECK(deemed.full_code() == "D-DEEMED");
    CHECK(result.text(deemed).reason ==
          "standing claim \"K1\" is barred as late; ledger 2.00000000 BTC; "
          "admitted as a deemed claim");
}

TEST_CASE("deemed claims: a barred standing claim with a determination is not deemed") {
    CaseBuilder builder = two_customers();
    builder.rules().late = LateRule::bar;
    builder.claim("K1", "C1", "BTC", "5", "2026-07-09")
        .claim("K3", "C2", "BTC", "1", "2026-07-09")
        .determination("K1", DeterminationDecision::reject, std::nullopt, "late without cause")
        .determination("K3", DeterminationDecision::admit, "0.5", "late with cause");
    const Determined result = determine(builder);
    CHECK(find_decision(result.decisions, "deemed:C1:BTC") == no_index);
    CHECK(decision_of(result, "K1").code == DecisionCode::o_determination);
    CHECK(decision_of(result, "K1").admitted == Units{0});
    CHECK(result.text("K1").reason == "late without cause");
    // K3 is a duplicate of K2 (not barred): its determination stands beside K2.
    CHECK(decision_of(result, "K3").admitted == Units{50'000'000});
    CHECK(decision_of(result, "K2").admitted == Units{100'000'000});
}

TEST_CASE("deemed claims: nothing after set-off, nothing deemed; insiders subordinated") {
    CaseBuilder builder = two_customers();
    builder.customer("I1", CustomerKind::insider)
        .ledger("A3", "I1", "BTC", "0.5")
        .ledger("A1", "C1", "JPY", "-20000000");  // C1's debt exceeds its 2 BTC
    const Determined result = determine(builder);
    CHECK(find_decision(result.decisions, "deemed:C1:BTC") == no_index);
    CHECK(decision_of(result, "deemed:I1:BTC").full_code() == "D-DEEMED+INSIDER");
    CHECK(result.text("deemed:I1:BTC").reason ==
          "no claim filed; ledger 0.50000000 BTC; admitted as a deemed claim; subordinated: the "
          "customer is an insider or affiliate");
    CHECK(find_decision(result.decisions, "deemed:C2:JPY") == no_index);  // E = 0
}
