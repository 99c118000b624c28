#include "claims/claim_class.hpp"

#include "tests/support/case_builder.hpp"

using namespace kanzai::claims;
using kanzai::engine::Units;
using kanzai::testing::CaseBuilder;

TEST_CASE("class: nothing admitted or disputed has no class and no suffix") {
    const Case loaded = CaseBuilder().customer("I1", CustomerKind::insider).build();
    std::vector<Decision> decisions(3);
    for (Decision& decision : decisions) {
        decision.customer_index = 0;
        decision.is_late = true;
        decision.code = DecisionCode::a_matches_ledger;
        decision.reason = "r";
    }
    decisions[1].disputed = Units{1};
    decisions[2].admitted = Units{1};
    decisions[2].code = DecisionCode::o_determination;
    classify_claims(loaded, decisions);
    CHECK(decisions[0].claim_class == ClaimClass::none);
    CHECK(decisions[0].full_code() == "A-MATCHES-LEDGER");
    CHECK(decisions[0].reason == "r");
    CHECK(decisions[1].claim_class == ClaimClass::subordinated);  // a disputed part counts
    CHECK(decisions[1].full_code() == "A-MATCHES-LEDGER+LATE+INSIDER");
    CHECK(decisions[1].reason == "r; subordinated: filed after the bar date, and the customer "
                                 "is an insider or affiliate");
    CHECK(decisions[2].full_code() == "O-DETERMINATION+LATE+INSIDER");
    CHECK(decisions[2].reason == "r");  // a determination's reason is verbatim
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
