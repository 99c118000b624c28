// One test per row of SPEC's decision table and per option value that changes it.
#include "claims/determine/standing_claim.hpp"

#include "claims/determine/determine.hpp"
#include "tests/support/case_builder.hpp"

using namespace kanzai::claims;
using kanzai::engine::Units;
using kanzai::engine::Value;
using kanzai::testing::CaseBuilder;
using kanzai::testing::decision_of;
using kanzai::testing::Determined;

namespace {

// C1 holds 2 BTC (price 9,000,000 JPY); unfiled balances are ignored so that only the
// filed claims decide.
CaseBuilder two_btc() {
    CaseBuilder builder;
    builder.asset("BTC", 8, "9000000").customer("C1").ledger("A1", "C1", "BTC", "2");
    builder.rules().unfiled = UnfiledRule::ignore;
    return builder;
}

Determined determine(const CaseBuilder& builder) {
    Diagnostics diagnostics;
    Determined result(builder.build(), diagnostics);
    CHECK(diagnostics.empty());
    return result;
}

}  // namespace

TEST_CASE("decision table: an unknown customer is rejected first") {
    CaseBuilder builder = two_btc();
    builder.claim("K1", "C9", "BTC", "1.5", "2026-04-01")
        .claim("K2", "C9", "DOGE", "7", "2026-04-01");
    const Determined result = determine(builder);
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.code == DecisionCode::r_unknown_customer);
    CHECK(k1.admitted == Units{0});
    CHECK(k1.disputed == Units{0});
    CHECK(k1.ledger == Units{0});
    CHECK(k1.filed(result.loaded) == Units{150'000'000});
    CHECK(k1.claim_class == ClaimClass::none);
    CHECK(result.text(k1).reason ==
          "customer \"C9\" is not in customers.csv; claim of 1.5 BTC rejected");
    CHECK(result.text(k1).claimant_id == "C9");
    CHECK(result.text(k1).payee_id == "C9");
    CHECK(k1.claimant_index == no_index);
    CHECK(k1.payee_index == no_index);
    CHECK(decision_of(result, "K2").code == DecisionCode::r_unknown_customer);
}

TEST_CASE("decision table: an unknown asset is rejected, its amount kept as written") {
    const Determined result =
        determine(two_btc().claim("K1", "C1", "DOGE", "100.123", "2026-04-01"));
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.code == DecisionCode::r_unknown_asset);
    CHECK(result.text(k1).filed_text == "100.123");
    CHECK(k1.filed(result.loaded) == Units{0});
    CHECK(k1.ledger == Units{0});
    CHECK(k1.admitted == Units{0});
    CHECK(k1.value == Value{0});
    CHECK(result.text(k1).reason ==
          "asset \"DOGE\" is not in case.toml; claim of 100.123 DOGE rejected");
}

TEST_CASE("decision table: late = bar rejects a late claim, even without a balance") {
    CaseBuilder builder = two_btc();
    builder.rules().late = LateRule::bar;
    builder.customer("C2")
        .claim("K1", "C1", "BTC", "1", "2026-07-01")
        .claim("K2", "C2", "BTC", "1", "2026-07-01")
        .claim("K3", "C1", "DOGE", "1", "2026-07-01")
        .claim("K4", "C2", "BTC", "1", "2026-06-30", "K2");  // not late: the bar day itself
    const Determined result = determine(builder);
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.code == DecisionCode::r_late_barred);
    CHECK(k1.is_late);
    CHECK(k1.admitted == Units{0});
    CHECK(k1.disputed == Units{0});
    CHECK(k1.ledger == Units{200'000'000});
    CHECK(result.text(k1).reason ==
          "filed 2026-07-01, after the bar date 2026-06-30; late claims are barred");
    CHECK(decision_of(result, "K3").code == DecisionCode::r_unknown_asset);
    // K4 amends K2 and relates back... to K2's own date, 2026-07-01: still late.
    CHECK(decision_of(result, "K4").code == DecisionCode::r_late_barred);
}

TEST_CASE("decision table: no balance, including a debt") {
    CaseBuilder builder = two_btc();
    builder.rules().set_off = SetOffRule::none;
    builder.customer("C2")
        .ledger("A2", "C2", "BTC", "-0.5")
        .claim("K1", "C1", "JPY", "1000", "2026-04-01")
        .claim("K2", "C2", "BTC", "1", "2026-04-01");
    const Determined result = determine(builder);
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.code == DecisionCode::r_no_balance);
    CHECK(k1.admitted == Units{0});
    CHECK(k1.claim_class == ClaimClass::none);
    CHECK(result.text(k1).reason == "filed 1000 JPY; ledger 0 JPY; nothing to admit");
    const Decision& k2 = decision_of(result, "K2");
    CHECK(k2.code == DecisionCode::r_no_balance);
    CHECK(k2.ledger == Units{0});
    CHECK(result.text(k2).reason ==
          "filed 1.00000000 BTC; ledger -0.50000000 BTC, a debt that counts as 0; "
          "nothing to admit");
}

TEST_CASE("decision table: a claim up to the ledger is admitted as filed") {
    CaseBuilder builder = two_btc();
    builder.customer("C2")
        .ledger("A2", "C2", "BTC", "1")
        .claim("K1", "C1", "BTC", "1.5", "2026-04-01")
        .claim("K2", "C2", "BTC", "1", "2026-04-01");
    const Determined result = determine(builder);
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.code == DecisionCode::a_matches_ledger);
    CHECK(k1.admitted == Units{150'000'000});
    CHECK(k1.disputed == Units{0});
    CHECK(k1.claim_class == ClaimClass::customer);
    CHECK(k1.value == Value{13'500'000});
    CHECK(k1.full_code() == "A-MATCHES-LEDGER");
    CHECK(result.text(k1).reason ==
          "filed 1.50000000 BTC; ledger 2.00000000 BTC; admitted as filed");
    CHECK(decision_of(result, "K2").admitted == Units{100'000'000});  // F = E
}

TEST_CASE("decision table: excess = dispute admits the ledger and disputes the rest") {
    const Determined result = determine(two_btc().claim("K1", "C1", "BTC", "3", "2026-04-01"));
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.code == DecisionCode::p_excess_disputed);
    CHECK(k1.admitted == Units{200'000'000});
    CHECK(k1.disputed == Units{100'000'000});
    CHECK(k1.claim_class == ClaimClass::customer);
    CHECK(k1.value == Value{18'000'000});
    CHECK(result.text(k1).reason ==
          "filed 3.00000000 BTC; ledger 2.00000000 BTC; 2.00000000 BTC admitted, "
          "excess 1.00000000 BTC disputed");
}

TEST_CASE("decision table: excess = reject admits the ledger and rejects the rest") {
    CaseBuilder builder = two_btc();
    builder.rules().excess = ExcessRule::reject;
    const Determined result = determine(builder.claim("K1", "C1", "BTC", "3", "2026-04-01"));
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.code == DecisionCode::p_excess_rejected);
    CHECK(k1.admitted == Units{200'000'000});
    CHECK(k1.disputed == Units{0});
    CHECK(result.text(k1).reason ==
          "filed 3.00000000 BTC; ledger 2.00000000 BTC; 2.00000000 BTC admitted, "
          "excess 1.00000000 BTC rejected");
}

TEST_CASE("late = subordinate: a late claim is decided, then subordinated (+LATE)") {
    const Determined result = determine(two_btc().claim("K1", "C1", "BTC", "3", "2026-07-01"));
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.admitted == Units{200'000'000});
    CHECK(k1.disputed == Units{100'000'000});
    CHECK(k1.claim_class == ClaimClass::subordinated);
    CHECK(k1.full_code() == "P-EXCESS-DISPUTED+LATE");
    CHECK(result.text(k1).reason ==
          "filed 3.00000000 BTC; ledger 2.00000000 BTC; 2.00000000 BTC admitted, "
          "excess 1.00000000 BTC disputed; subordinated: filed after the bar date");
}

TEST_CASE("late = admit: a late claim ranks as a customer claim") {
    CaseBuilder builder = two_btc();
    builder.rules().late = LateRule::admit;
    const Determined result = determine(builder.claim("K1", "C1", "BTC", "1", "2026-07-01"));
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.is_late);
    CHECK(k1.claim_class == ClaimClass::customer);
    CHECK(k1.full_code() == "A-MATCHES-LEDGER");
}

TEST_CASE("insiders: subordinate (+INSIDER, with +LATE when both) or admit") {
    CaseBuilder builder = two_btc();
    builder.customer("I1", CustomerKind::insider)
        .customer("F1", CustomerKind::affiliate)
        .ledger("A2", "I1", "BTC", "1")
        .ledger("A3", "F1", "BTC", "1")
        .claim("K1", "I1", "BTC", "1", "2026-04-01")
        .claim("K2", "F1", "BTC", "1", "2026-07-01");
    Determined result = determine(builder);
    CHECK(decision_of(result, "K1").full_code() == "A-MATCHES-LEDGER+INSIDER");
    CHECK(decision_of(result, "K1").claim_class == ClaimClass::subordinated);
    CHECK(result.text("K1").reason ==
          "filed 1.00000000 BTC; ledger 1.00000000 BTC; admitted as filed; subordinated: the "
          "customer is an insider or affiliate");
    CHECK(decision_of(result, "K2").full_code() == "A-MATCHES-LEDGER+LATE+INSIDER");

    builder.rules().insiders = InsidersRule::admit;
    result = determine(builder);
    CHECK(decision_of(result, "K1").full_code() == "A-MATCHES-LEDGER");
    CHECK(decision_of(result, "K1").claim_class == ClaimClass::customer);
    CHECK(decision_of(result, "K2").full_code() == "A-MATCHES-LEDGER+LATE");
}

TEST_CASE("duplicates: the earliest filing stands, then the smallest claim_id") {
    CaseBuilder builder = two_btc();
    builder.claim("K3", "C1", "BTC", "1", "2026-04-02")
        .claim("K2", "C1", "BTC", "0.5", "2026-04-01")
        .claim("K1", "C1", "BTC", "0.7", "2026-04-01")
        .claim("K4", "C1", "JPY", "10", "2026-04-03");  // another asset: its own standing
    const Determined result = determine(builder);
    CHECK(decision_of(result, "K1").code == DecisionCode::a_matches_ledger);
    CHECK(decision_of(result, "K1").admitted == Units{70'000'000});
    for (const char* duplicate : {"K2", "K3"}) {
        const Decision& decision = decision_of(result, duplicate);
        CHECK(decision.code == DecisionCode::r_duplicate);
        CHECK(decision.admitted == Units{0});
        CHECK(decision.ledger == Units{200'000'000});  // SPEC: duplicates show the ledger too
        CHECK(result.text(decision).reason ==
              "duplicate of standing claim \"K1\" of the same customer and "
              "asset, filed 2026-04-01");
    }
    CHECK(decision_of(result, "K4").code == DecisionCode::r_no_balance);
}

TEST_CASE("duplicates: claims of an unknown customer group by the id as written") {
    const Determined result = determine(two_btc()
                                               .claim("K1", "C9", "BTC", "1", "2026-04-02")
                                               .claim("K2", "C9", "BTC", "1", "2026-04-01"));
    CHECK(decision_of(result, "K2").code == DecisionCode::r_unknown_customer);
    CHECK(decision_of(result, "K1").code == DecisionCode::r_duplicate);
}

TEST_CASE("valuation_rounding: value rounds down or half-even") {
    CaseBuilder builder;
    builder.asset("XEM", 6, "88.549")
        .customer("C1")
        .ledger("A1", "C1", "XEM", "5")
        .claim("K1", "C1", "XEM", "1.000001", "2026-04-01");
    // 1.000001 XEM * 88.549 = 88.549088549 JPY.
    CHECK(decision_of(determine(builder), "K1").value == Value{88});
    builder.rules().valuation_rounding = kanzai::engine::Rounding::half_even;
    CHECK(decision_of(determine(builder), "K1").value == Value{89});
}
