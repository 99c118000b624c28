#include "claims/determine/set_off.hpp"

#include "claims/determine/determine.hpp"
#include "tests/support/case_builder.hpp"

using namespace kanzai::claims;
using kanzai::engine::Units;
using kanzai::engine::Value;
using kanzai::testing::CaseBuilder;
using kanzai::testing::decision_of;
using kanzai::testing::Determined;

namespace {

// C1: 1 BTC (9,000,000 JPY) and 7 ETH (2,100,000 JPY) against a JPY debt of 3,000,000.
// C2: 0.1 BTC (900,000 JPY) against a debt of 1,000,000: the debt is larger.
CaseBuilder set_off_case() {
    CaseBuilder builder;
    builder.asset("BTC", 8, "9000000")
        .asset("ETH", 8, "300000")
        .customer("C2")
        .customer("C1")
        .ledger("A1", "C1", "BTC", "1")
        .ledger("A1", "C1", "ETH", "7")
        .ledger("A1", "C1", "JPY", "-3000000")
        .ledger("A2", "C2", "BTC", "0.1")
        .ledger("A2", "C2", "JPY", "-1000000")
        .claim("K1", "C1", "BTC", "1", "2026-04-01");
    return builder;
}

// apply_set_off of a case whose set-off values fit: no error.
std::vector<SetOff> set_off_of(std::vector<Entitlement>& entitlements, const Case& loaded) {
    Diagnostics diagnostics;
    std::vector<SetOff> result = apply_set_off(entitlements, loaded, diagnostics);
    CHECK(diagnostics.empty());
    return result;
}

}  // namespace

TEST_CASE("set-off: positive entitlements shrink by (V - D) / V, rounded down in units") {
    const Case loaded = set_off_case().build();
    std::vector<Entitlement> entitlements = sum_entitlements(loaded.ledger);
    const std::vector<SetOff> set_offs = set_off_of(entitlements, loaded);
    // D = 3,000,000, V = 11,100,000: BTC floor(10^8 * 8.1 / 11.1) = 72,972,972 units,
    // ETH floor(7 * 10^8 * 8.1 / 11.1) = 510,810,810 units.
    const std::uint32_t c1 = loaded.find_customer("C1");
    const std::uint32_t c2 = loaded.find_customer("C2");
    const auto after = [&](std::uint32_t customer, std::string_view asset) {
        const Entitlement* entry =
            find_entitlement(entitlements, customer, loaded.config.find_asset(asset));
        REQUIRE(entry != nullptr);
        return entry->after_set_off;
    };
    CHECK(after(c1, "BTC") == Units{72'972'972});
    CHECK(after(c1, "ETH") == Units{510'810'810});
    CHECK(after(c1, "JPY") == Units{0});
    // C2's debt is larger than its assets: nothing remains, 100,000 JPY is receivable.
    CHECK(after(c2, "BTC") == Units{0});
    REQUIRE(set_offs.size() == 2);
    CHECK(loaded.customers[set_offs[0].customer_index].id == "C1");  // by customer id
    CHECK(set_offs[0].debt == Value{3'000'000});
    CHECK(set_offs[0].positive_value == Value{11'100'000});
    CHECK(set_offs[0].receivable == Value{0});
    CHECK(loaded.customers[set_offs[1].customer_index].id == "C2");
    CHECK(set_offs[1].debt == Value{1'000'000});
    CHECK(set_offs[1].positive_value == Value{900'000});
    CHECK(set_offs[1].receivable == Value{100'000});
}

TEST_CASE("set-off: the decision's ledger column and reason show the entitlement after it") {
    Diagnostics diagnostics;
    const Determined result(set_off_case().build(), diagnostics);
    CHECK(diagnostics.empty());
    const Decision& k1 = decision_of(result, "K1");
    CHECK(k1.ledger == Units{72'972'972});
    CHECK(k1.admitted == Units{72'972'972});
    CHECK(k1.disputed == Units{27'027'028});
    CHECK(result.text(k1).reason == "filed 1.00000000 BTC; ledger 0.72972972 BTC after set-off "
                       "(1.00000000 BTC before); 0.72972972 BTC admitted, excess 0.27027028 "
                       "BTC disputed");
    CHECK(decision_of(result, "deemed:C1:ETH").admitted == Units{510'810'810});
    CHECK(find_decision(result.decisions, "deemed:C2:BTC") == no_index);
    REQUIRE(result.set_offs.size() == 2);
}

TEST_CASE("set-off: none leaves positive entitlements whole and reports nothing") {
    CaseBuilder builder = set_off_case();
    builder.rules().set_off = SetOffRule::none;
    Diagnostics diagnostics;
    const Determined result(builder.build(), diagnostics);
    CHECK(result.set_offs.empty());
    CHECK(decision_of(result, "K1").admitted == Units{100'000'000});
    CHECK(decision_of(result, "K1").code == DecisionCode::a_matches_ledger);
    CHECK(decision_of(result, "deemed:C2:BTC").admitted == Units{10'000'000});
    CHECK(find_decision(result.decisions, "deemed:C1:JPY") == no_index);
}

TEST_CASE("set-off: a debt worth 0 at price sets nothing off") {
    const Case loaded = CaseBuilder()
                            .asset("BTC", 8, "9000000")
                            .customer("C1")
                            .ledger("A1", "C1", "BTC", "-0.00000001")  // 0.09 JPY: down to 0
                            .ledger("A1", "C1", "JPY", "500")
                            .build();
    std::vector<Entitlement> entitlements = sum_entitlements(loaded.ledger);
    CHECK(set_off_of(entitlements, loaded).empty());
    CHECK(find_entitlement(entitlements, 0, loaded.config.find_asset("JPY"))->after_set_off ==
          Units{500});
}

TEST_CASE("set-off: debts and assets of equal value leave nothing and no receivable") {
    const Case loaded = CaseBuilder()
                            .asset("BTC", 8, "9000000")
                            .customer("C1")
                            .ledger("A1", "C1", "BTC", "1")
                            .ledger("A1", "C1", "JPY", "-9000000")
                            .build();
    std::vector<Entitlement> entitlements = sum_entitlements(loaded.ledger);
    const std::vector<SetOff> set_offs = set_off_of(entitlements, loaded);
    REQUIRE(set_offs.size() == 1);
    CHECK(set_offs[0].receivable == Value{0});
    CHECK(find_entitlement(entitlements, 0, loaded.config.find_asset("BTC"))->after_set_off ==
          Units{0});
}
