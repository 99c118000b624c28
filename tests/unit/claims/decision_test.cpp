#include "claims/decision.hpp"

#include "tests/support/printing.hpp"

using namespace kanzai::claims;

TEST_CASE("decision: codes and classes keep SPEC's spelling") {
    CHECK(text_of(DecisionCode::r_unknown_customer) == "R-UNKNOWN-CUSTOMER");
    CHECK(text_of(DecisionCode::r_unknown_asset) == "R-UNKNOWN-ASSET");
    CHECK(text_of(DecisionCode::r_late_barred) == "R-LATE-BARRED");
    CHECK(text_of(DecisionCode::r_no_balance) == "R-NO-BALANCE");
    CHECK(text_of(DecisionCode::r_amended) == "R-AMENDED");
    CHECK(text_of(DecisionCode::r_duplicate) == "R-DUPLICATE");
    CHECK(text_of(DecisionCode::a_matches_ledger) == "A-MATCHES-LEDGER");
    CHECK(text_of(DecisionCode::p_excess_disputed) == "P-EXCESS-DISPUTED");
    CHECK(text_of(DecisionCode::p_excess_rejected) == "P-EXCESS-REJECTED");
    CHECK(text_of(DecisionCode::d_deemed) == "D-DEEMED");
    CHECK(text_of(DecisionCode::o_determination) == "O-DETERMINATION");
    CHECK(text_of(ClaimClass::none) == "");
    CHECK(text_of(ClaimClass::customer) == "customer");
    CHECK(text_of(ClaimClass::subordinated) == "subordinated");
}

TEST_CASE("decision: suffixes only on a subordinated claim, +LATE before +INSIDER") {
    Decision decision;
    decision.code = DecisionCode::p_excess_disputed;
    decision.claim_class = ClaimClass::subordinated;
    decision.late_suffix = true;
    decision.insider_suffix = true;
    CHECK(decision.full_code() == "P-EXCESS-DISPUTED+LATE+INSIDER");
    decision.late_suffix = false;
    CHECK(decision.full_code() == "P-EXCESS-DISPUTED+INSIDER");
    decision.late_suffix = true;
    decision.insider_suffix = false;
    CHECK(decision.full_code() == "P-EXCESS-DISPUTED+LATE");
    decision.claim_class = ClaimClass::customer;
    CHECK(decision.full_code() == "P-EXCESS-DISPUTED");
    decision.claim_class = ClaimClass::none;
    CHECK(decision.full_code() == "P-EXCESS-DISPUTED");
}

TEST_CASE("decision: find_decision searches claim ids by bytes") {
    std::vector<Decision> decisions(3);
    decisions[0].claim_id = "K1";
    decisions[1].claim_id = "K10";
    decisions[2].claim_id = "deemed:C1:BTC";
    CHECK(find_decision(decisions, "K1") == 0);
    CHECK(find_decision(decisions, "K10") == 1);
    CHECK(find_decision(decisions, "deemed:C1:BTC") == 2);
    CHECK(find_decision(decisions, "K2") == no_index);
    CHECK(find_decision(decisions, "") == no_index);
}

TEST_CASE("decision: stays small (two million of them at 1M customers)") {
    // Ids are views or indexes into the Case and reasons are rendered when printed
    // (claims/reasons.hpp); a std::string field would add 32 bytes and a heap block.
    CHECK(sizeof(Decision) <= 144);
}
