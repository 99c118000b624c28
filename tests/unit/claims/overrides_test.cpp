#include "claims/determine/overrides.hpp"

#include "claims/determine/determine.hpp"
#include "tests/support/case_builder.hpp"

using namespace kanzai::claims;
using kanzai::engine::Units;
using kanzai::engine::Value;
using kanzai::testing::CaseBuilder;
using kanzai::testing::decision_of;
using kanzai::testing::Determined;

namespace {

using Decide = DeterminationDecision;

// One claim of each kind for C1 (2 BTC): K1 matches, K2 (excess) is superseded by K3 of
// C2, K4 duplicates K1, and C3's balance is deemed.
CaseBuilder every_kind() {
    CaseBuilder builder;
    builder.asset("BTC", 8, "9000000")
        .customer("C1")
        .customer("C2")
        .customer("C3")
        .ledger("A1", "C1", "BTC", "2")
        .ledger("A2", "C2", "BTC", "1")
        .ledger("A3", "C3", "BTC", "0.3")
        .claim("K1", "C1", "BTC", "1", "2026-04-01")
        .claim("K2", "C2", "BTC", "3", "2026-04-01")
        .claim("K3", "C2", "BTC", "2", "2026-04-02", "K2")
        .claim("K4", "C1", "BTC", "2", "2026-04-02")
        .claim("K5", "C9", "BTC", "2", "2026-04-02")
        .claim("K6", "C1", "DOGE", "2", "2026-04-02");
    return builder;
}

Determined determine(const CaseBuilder& builder, std::vector<std::string>* errors = nullptr) {
    Diagnostics diagnostics;
    Determined result(builder.build(), diagnostics);
    if (errors != nullptr) {
        for (const Diagnostic& diagnostic : diagnostics.sorted()) {
            errors->push_back(diagnostic.text());
        }
    } else {
        CHECK(diagnostics.empty());
    }
    return result;
}

}  // namespace

TEST_CASE("determinations: without rows every kind decides automatically") {
    const Determined result = determine(every_kind());
    CHECK(decision_of(result, "K1").code == DecisionCode::a_matches_ledger);
    CHECK(decision_of(result, "K2").code == DecisionCode::r_amended);
    CHECK(decision_of(result, "K3").code == DecisionCode::p_excess_disputed);
    CHECK(decision_of(result, "K4").code == DecisionCode::r_duplicate);
    CHECK(decision_of(result, "deemed:C3:BTC").admitted == Units{30'000'000});
}

TEST_CASE("determinations: admit, reject and dispute replace amounts, code and reason") {
    CaseBuilder builder = every_kind();
    builder.determination("K1", Decide::reject, std::nullopt, "account closed before cutoff")
        .determination("K3", Decide::admit, "1.5", "cold wallet records, exhibit 12")
        .determination("K2", Decide::dispute, "0.25", "original filing kept under review")
        .determination("K4", Decide::admit, "0.1", "second account, see note 3")
        .determination("deemed:C3:BTC", Decide::dispute, "0.3", "balance under investigation")
        .determination("K5", Decide::reject, "7", "unknown customer, confirmed");
    const Determined result = determine(builder);
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.code == DecisionCode::o_determination);
    CHECK(k1.admitted == Units{0});
    CHECK(k1.disputed == Units{0});
    CHECK(k1.claim_class == ClaimClass::none);
    CHECK(k1.value == Value{0});
    CHECK(k1.ledger == Units{200'000'000});
    CHECK(result.text(k1).reason == "account closed before cutoff");
    const Decision& k3 = decision_of(result, "K3");  // excess, admitted above the ledger
    CHECK(k3.admitted == Units{150'000'000});
    CHECK(k3.disputed == Units{0});
    CHECK(k3.value == Value{13'500'000});
    CHECK(k3.full_code() == "O-DETERMINATION");
    CHECK(k3.claim_class == ClaimClass::customer);
    const Decision& k2 = decision_of(result, "K2");  // superseded
    CHECK(k2.admitted == Units{0});
    CHECK(k2.disputed == Units{25'000'000});
    CHECK(k2.claim_class == ClaimClass::customer);
    CHECK(result.text(k2).reason == "original filing kept under review");
    CHECK(decision_of(result, "K4").admitted == Units{10'000'000});  // duplicate
    const Decision& deemed = decision_of(result, "deemed:C3:BTC");
    CHECK(deemed.admitted == Units{0});
    CHECK(deemed.disputed == Units{30'000'000});
    CHECK(deemed.code == DecisionCode::o_determination);
    CHECK(decision_of(result, "K5").code == DecisionCode::o_determination);
    CHECK(decision_of(result, "K5").admitted == Units{0});
}

TEST_CASE("determinations: classes apply to overridden claims, reasons stay verbatim") {
    CaseBuilder builder = every_kind();
    builder.customer("I1", CustomerKind::insider)
        .claim("K7", "I1", "BTC", "1", "2026-07-01")
        .determination("K7", Decide::admit, "0.5", "ledger error corrected");
    const Determined result = determine(builder);
    const Decision& k7 = decision_of(result, "K7");
    CHECK(k7.admitted == Units{50'000'000});
    CHECK(k7.full_code() == "O-DETERMINATION+LATE+INSIDER");
    CHECK(result.text(k7).reason == "ledger error corrected");
}

TEST_CASE("determinations: a claim_id naming no claim is an error") {
    CaseBuilder builder = every_kind();
    builder.rules().unfiled = UnfiledRule::ignore;
    builder.determination("K99", Decide::reject, std::nullopt, "x")
        .determination("deemed:C3:BTC", Decide::admit, "0.3", "no deemed claim with ignore")
        .determination("deemed:C1:BTC", Decide::reject, std::nullopt, "C1 filed K1");
    std::vector<std::string> errors;
    static_cast<void>(determine(builder, &errors));
    CHECK(errors ==
          std::vector<std::string>{
              "determinations.csv:2:1: claim_id \"K99\" names no claim of claims.csv and no "
              "deemed claim",
              "determinations.csv:3:1: claim_id \"deemed:C3:BTC\" names no claim of claims.csv "
              "and no deemed claim",
              "determinations.csv:4:1: claim_id \"deemed:C1:BTC\" names no claim of claims.csv "
              "and no deemed claim"});
}

TEST_CASE("determinations: admit or dispute of an unknown customer or asset is an error") {
    CaseBuilder builder = every_kind();
    builder.determination("K5", Decide::admit, "1", "x")
        .determination("K6", Decide::dispute, "1", "y");
    std::vector<std::string> errors;
    const Determined result = determine(builder, &errors);
    CHECK(errors == std::vector<std::string>{
                        "determinations.csv:2:2: admit of claim \"K5\", whose customer \"C9\" is "
                        "not in customers.csv; only reject is possible",
                        "determinations.csv:3:2: dispute of claim \"K6\", whose asset \"DOGE\" is "
                        "not in case.toml; only reject is possible"});
    CHECK(decision_of(result, "K5").code == DecisionCode::r_unknown_customer);
}

TEST_CASE("determinations: amounts are checked against the claim's asset") {
    CaseBuilder builder = every_kind();
    builder.determination("K1", Decide::admit, "1.123456789", "a")
        .determination("K3", Decide::dispute, "-1", "b")
        .determination("K4", Decide::admit, std::nullopt, "c")
        .determination("deemed:C3:BTC", Decide::admit, "1e5", "d")
        .determination("K2", Decide::admit, "-0", "e");
    std::vector<std::string> errors;
    const Determined result = determine(builder, &errors);
    CHECK(errors ==
          std::vector<std::string>{
              "determinations.csv:2:3: amount \"1.123456789\" has 9 fractional digits; at most "
              "8 are allowed (claim \"K1\" is in BTC)",
              "determinations.csv:3:3: amount \"-1\" is negative; it must be >= 0 (claim \"K3\" "
              "is in BTC)",
              "determinations.csv:4:3: amount is required for admit",
              "determinations.csv:5:3: amount \"1e5\" is not a plain decimal number: unexpected "
              "'e' at character 2 (claim \"deemed:C3:BTC\" is in BTC)"});
    CHECK(decision_of(result, "K2").code == DecisionCode::o_determination);  // -0 is 0
    CHECK(decision_of(result, "K2").admitted == Units{0});
}

TEST_CASE("determinations: a claim is determined once; the first line applies") {
    CaseBuilder builder = every_kind();
    builder.determination("K1", Decide::admit, "0.5", "first")
        .determination("K1", Decide::reject, std::nullopt, "second");
    std::vector<std::string> errors;
    const Determined result = determine(builder, &errors);
    CHECK(errors == std::vector<std::string>{"determinations.csv:3:1: claim \"K1\" is already "
                                             "determined on line 2; a claim is determined once"});
    CHECK(result.text("K1").reason == "first");
}

TEST_CASE("determinations: determined_claim_ids lists every row's claim") {
    CaseBuilder builder = every_kind();
    builder.determination("K1", Decide::reject, std::nullopt, "a")
        .determination("K9", Decide::reject, std::nullopt, "b");
    const Case loaded = builder.build();
    const auto ids = determined_claim_ids(loaded);
    CHECK(ids.size() == 2);
    CHECK(ids.contains("K1"));
    CHECK(ids.contains("K9"));
}
