#include "claims/determine/entitlement.hpp"

#include "tests/support/case_builder.hpp"

using namespace kanzai::claims;
using kanzai::engine::Units;
using kanzai::testing::CaseBuilder;

TEST_CASE("entitlement: E(c,a) sums every account of the customer in the asset") {
    const Case loaded = CaseBuilder()
                            .asset("BTC", 8, "9000000")
                            .customer("C1")
                            .customer("C2")
                            .ledger("A2", "C1", "BTC", "1.5")
                            .ledger("A1", "C1", "BTC", "-0.25")
                            .ledger("A1", "C1", "JPY", "100")
                            .ledger("A3", "C2", "BTC", "-0.00000001")
                            .build();
    const std::vector<Entitlement> entitlements = sum_entitlements(loaded.ledger);
    REQUIRE(entitlements.size() == 3);
    const std::uint32_t btc = loaded.config.find_asset("BTC");
    const std::uint32_t jpy = loaded.config.find_asset("JPY");
    const Entitlement* c1_btc = find_entitlement(entitlements, 0, btc);
    REQUIRE(c1_btc != nullptr);
    CHECK(c1_btc->ledger == Units{125'000'000});
    CHECK(c1_btc->after_set_off == Units{125'000'000});
    REQUIRE(find_entitlement(entitlements, 0, jpy) != nullptr);
    CHECK(find_entitlement(entitlements, 0, jpy)->ledger == Units{100});
    const Entitlement* c2_btc = find_entitlement(entitlements, 1, btc);
    REQUIRE(c2_btc != nullptr);
    CHECK(c2_btc->ledger == Units{-1});
    CHECK(c2_btc->after_set_off == Units{0});  // a negative entitlement counts as 0
    CHECK(find_entitlement(entitlements, 1, jpy) == nullptr);
}
