#include "claims/determine/amendments.hpp"

#include "claims/determine/determine.hpp"
#include "tests/support/case_builder.hpp"

using namespace kanzai::claims;
using kanzai::engine::Units;
using kanzai::testing::CaseBuilder;
using kanzai::testing::decision_of;
using kanzai::testing::Determined;

namespace {

CaseBuilder c1_with_btc() {
    CaseBuilder builder;
    builder.asset("BTC", 8, "9000000")
        .customer("C1")
        .customer("C2")
        .ledger("A1", "C1", "BTC", "2");
    builder.rules().unfiled = UnfiledRule::ignore;
    return builder;
}

std::vector<std::string> errors_of(const CaseBuilder& builder) {
    Diagnostics diagnostics;
    const Case loaded = builder.build();
    static_cast<void>(resolve_amendments(loaded, diagnostics));
    std::vector<std::string> result;
    for (const Diagnostic& diagnostic : diagnostics.sorted()) {
        result.push_back(diagnostic.text());
    }
    return result;
}

}  // namespace

TEST_CASE("amendments: a chain relates back to its first filing, making a late one timely") {
    CaseBuilder builder = c1_with_btc();
    builder.rules().late = LateRule::bar;
    builder.claim("K3", "C1", "BTC", "1.2", "2026-08-01", "K2")
        .claim("K1", "C1", "BTC", "1", "2026-06-01")
        .claim("K2", "C1", "BTC", "1.1", "2026-07-01", "K1");
    const Case loaded = builder.build();
    Diagnostics diagnostics;
    const Amendments amendments = resolve_amendments(loaded, diagnostics);
    CHECK(diagnostics.empty());
    CHECK(amendments.amends[0] == 2);      // K3 amends K2
    CHECK(amendments.amended_by[1] == 2);  // K1 is amended by K2
    CHECK(amendments.amended_by[0] == no_index);
    for (const Date filed_on : amendments.filed_on) {
        CHECK(filed_on.text() == "2026-06-01");
    }

    const Determined result(loaded, diagnostics);
    CHECK(diagnostics.empty());
    const Decision& k3 = decision_of(result, "K3");
    CHECK_FALSE(k3.is_late);
    CHECK(k3.code == DecisionCode::a_matches_ledger);
    CHECK(k3.admitted == Units{120'000'000});
    CHECK(result.text(k3).reason ==
          "filed 1.20000000 BTC; ledger 2.00000000 BTC; admitted as filed; amends "
          "\"K2\", related back to the original filing on 2026-06-01");
    CHECK(decision_of(result, "K1").code == DecisionCode::r_amended);
    CHECK(result.text("K1").reason == "superseded by amendment \"K2\"");
    CHECK(decision_of(result, "K1").ledger == Units{200'000'000});
    CHECK(decision_of(result, "K2").code == DecisionCode::r_amended);
    CHECK(result.text("K2").reason == "superseded by amendment \"K3\"");
    CHECK(decision_of(result, "K2").admitted == Units{0});
}

TEST_CASE("amendments: the related-back date decides which claim stands") {
    const Determined result = [] {
        Diagnostics diagnostics;
        return Determined(c1_with_btc()
                                    .claim("K1", "C1", "BTC", "1", "2026-05-01")
                                    .claim("K2", "C1", "BTC", "0.5", "2026-06-01")
                                    .claim("K3", "C1", "BTC", "0.9", "2026-09-01", "K1")
                                    .build(),
                                diagnostics);
    }();
    CHECK(decision_of(result, "K3").code == DecisionCode::a_matches_ledger);
    CHECK(decision_of(result, "K3").admitted == Units{90'000'000});
    CHECK(decision_of(result, "K2").code == DecisionCode::r_duplicate);
    CHECK(result.text("K2").reason == "duplicate of standing claim \"K3\" of the same "
                                              "customer and asset, filed 2026-05-01");
}

TEST_CASE("amendments: naming no claim is an error at the amends column") {
    CHECK(errors_of(c1_with_btc().claim("K1", "C1", "BTC", "1", "2026-05-01", "K9")) ==
          std::vector<std::string>{
              "claims.csv:2:6: amends \"K9\", which is no claim of claims.csv"});
}

TEST_CASE("amendments: amending itself is an error") {
    CHECK(errors_of(c1_with_btc().claim("K1", "C1", "BTC", "1", "2026-05-01", "K1")) ==
          std::vector<std::string>{"claims.csv:2:6: claim \"K1\" amends itself"});
}

TEST_CASE("amendments: another customer or asset is an error") {
    CHECK(errors_of(c1_with_btc()
                        .claim("K1", "C1", "BTC", "1", "2026-05-01")
                        .claim("K2", "C2", "BTC", "1", "2026-05-02", "K1")
                        .claim("K3", "C1", "JPY", "1", "2026-05-02", "K1")) ==
          std::vector<std::string>{
              "claims.csv:3:6: amends \"K1\", a claim of customer \"C1\" in BTC; an amendment "
              "must be of the same customer and asset (\"C2\" in BTC)",
              "claims.csv:4:6: amends \"K1\", a claim of customer \"C1\" in BTC; an amendment "
              "must be of the same customer and asset (\"C1\" in JPY)"});
}

TEST_CASE("amendments: two claims amending the same claim: the later line is the error") {
    CaseBuilder builder = c1_with_btc();
    builder.claim("K1", "C1", "BTC", "1", "2026-05-01")
        .claim("K2", "C1", "BTC", "1", "2026-05-02", "K1")
        .claim("K3", "C1", "BTC", "1", "2026-05-03", "K1");
    CHECK(errors_of(builder) ==
          std::vector<std::string>{"claims.csv:4:6: amends \"K1\", which claim \"K2\" (line 3) "
                                   "already amends; a claim is amended once"});
}

TEST_CASE("amendments: every claim of a cycle is an error, and the cycle amends nothing") {
    CaseBuilder builder = c1_with_btc();
    builder.claim("K1", "C1", "BTC", "1", "2026-05-01", "K3")
        .claim("K2", "C1", "BTC", "1", "2026-05-02", "K1")
        .claim("K3", "C1", "BTC", "1", "2026-05-03", "K2")
        .claim("K4", "C1", "BTC", "1", "2026-05-03");
    CHECK(errors_of(builder) ==
          std::vector<std::string>{
              "claims.csv:2:6: claim \"K1\" amends \"K3\" and is part of an amendment cycle",
              "claims.csv:3:6: claim \"K2\" amends \"K1\" and is part of an amendment cycle",
              "claims.csv:4:6: claim \"K3\" amends \"K2\" and is part of an amendment cycle"});
    Diagnostics diagnostics;
    const Amendments amendments = resolve_amendments(builder.build(), diagnostics);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(amendments.amends[i] == no_index);
        CHECK(amendments.amended_by[i] == no_index);
    }
}
