#include "claims/determine/claimants.hpp"

#include "claims/determine/determine.hpp"
#include "tests/support/case_builder.hpp"

using namespace kanzai::claims;
using kanzai::testing::CaseBuilder;
using kanzai::testing::decision_of;
using kanzai::testing::Determined;

TEST_CASE("claimants: a-b-c linked through different key types are one claimant") {
    const Case loaded = CaseBuilder()
                            .customer("c")
                            .customer("b")
                            .customer("d")
                            .customer("a")
                            .customer("e")
                            .identity("a", "email", "x@example.jp")
                            .identity("b", "email", "x@example.jp")
                            .identity("b", "phone", "+81-3-0000")
                            .identity("c", "phone", "+81-3-0000")
                            .identity("d", "email", "X@example.jp")  // other bytes: no link
                            .identity("e", "phone", "x@example.jp")  // other key type
                            .identity("e", "passport", "TK123")
                            .ledger("A1", "c", "JPY", "100")
                            .claim("K1", "c", "JPY", "100", "2026-04-01")
                            .build();
    const Claimants claimants = find_claimants(loaded);
    CHECK(claimants.ids == std::vector<std::string_view>{"a", "d", "e"});
    const auto claimant_of = [&](std::string_view customer) {
        return claimants.ids[claimants.of_customer[loaded.find_customer(customer)]];
    };
    CHECK(claimant_of("a") == "a");
    CHECK(claimant_of("b") == "a");
    CHECK(claimant_of("c") == "a");
    CHECK(claimant_of("d") == "d");
    CHECK(claimant_of("e") == "e");

    Diagnostics diagnostics;
    const Determined result(loaded, diagnostics);
    CHECK(result.claimant_ids == claimants.ids);
    CHECK(result.claimant_of_customer == claimants.of_customer);
    CHECK(result.text("K1").claimant_id == "a");
    CHECK(decision_of(result, "K1").claimant_index == 0);
}

TEST_CASE("claimants: every customer is in exactly one, alone without identities") {
    const Case loaded = CaseBuilder().customer("C2").customer("C1").build();
    const Claimants claimants = find_claimants(loaded);
    CHECK(claimants.ids == std::vector<std::string_view>{"C1", "C2"});
    CHECK(claimants.of_customer == std::vector<std::uint32_t>{1, 0});
    CHECK(find_claimants(CaseBuilder().build()).ids.empty());
}
