#include "claims/determine/claim_class.hpp"

#include "claims/determine/reasons.hpp"
#include "tests/support/case_builder.hpp"

using namespace kanzai::claims;
using kanzai::engine::Units;
using kanzai::testing::CaseBuilder;

TEST_CASE("class: nothing admitted or disputed has no class and no suffix") {
    const Case loaded = CaseBuilder()
                            .asset("BTC", 8, "9000000")
                            .customer("I1", CustomerKind::insider)
                            .ledger("A1", "I1", "BTC", "2")
                            .claim("K1", "I1", "BTC", "1", "2026-07-01")
                            .determination("K1", DeterminationDecision::admit, "1", "r")
                            .build();
    std::vector<Decision> decisions(3);
    for (Decision& decision : decisions) {
        decision.claim_id = "K1";
        decision.claim_index = 0;
        decision.customer_index = 0;
        decision.asset_index = loaded.config.find_asset("BTC");
        decision.ledger = Units{200'000'000};
        decision.ledger_before = Units{200'000'000};
        decision.has_entitlement = true;
        decision.is_late = true;
        decision.code = DecisionCode::a_matches_ledger;
    }
    decisions[1].disputed = Units{1};
    decisions[2].admitted = Units{1};
    decisions[2].code = DecisionCode::o_determination;
    decisions[2].reason_ref = 0;  // the row of determinations.csv
    classify_claims(loaded, decisions);
    CHECK(decisions[0].claim_class == ClaimClass::none);
    CHECK(decisions[0].full_code() == "A-MATCHES-LEDGER");
    CHECK(reason_of(loaded, decisions[0]) ==
          "filed 1.00000000 BTC; ledger 2.00000000 BTC; admitted as filed");
    CHECK(decisions[1].claim_class == ClaimClass::subordinated);  // a disputed part counts
    CHECK(decisions[1].full_code() == "A-MATCHES-LEDGER+LATE+INSIDER");
    CHECK(reason_of(loaded, decisions[1]) ==
          "filed 1.00000000 BTC; ledger 2.00000000 BTC; admitted as filed; subordinated: "
          "filed after the bar date, and the customer is an insider or affiliate");
    CHECK(decisions[2].full_code() == "O-DETERMINATION+LATE+INSIDER");
    CHECK(reason_of(loaded, decisions[2]) == "r");  // a determination's reason is verbatim
}

TEST_CASE("class: late = bar never subordinates; kinds other than insider/affiliate rank") {
    CaseBuilder builder;
    builder.customer("R1", CustomerKind::corporate).customer("A1", CustomerKind::assignee);
    builder.rules().late = LateRule::bar;
    const Case loaded = builder.build();
    std::vector<Decision> decisions(2);
    decisions[0].customer_index = 0;
    decisions[1].customer_index = 1;
    for (Decision& decision : decisions) {
        decision.is_late = true;
        decision.admitted = Units{5};
    }
    classify_claims(loaded, decisions);
    CHECK(decisions[0].claim_class == ClaimClass::customer);
    CHECK(decisions[1].claim_class == ClaimClass::customer);
}
