#include "claims/distribute/payouts.hpp"

#include <map>
#include <tuple>

#include "claims/determine/determine.hpp"
#include "claims/distribute/distribution.hpp"
#include "tests/support/case_builder.hpp"

using namespace kanzai;
using claims::PayoutStatus;

namespace {

struct Ran {
    claims::Determination determination;
    claims::Distribution distribution;
    claims::PayoutSchedule schedule;
};

Ran run(const claims::Case& loaded) {
    claims::Diagnostics diagnostics;
    Ran ran;
    ran.determination = claims::determine_claims(loaded, diagnostics);
    REQUIRE(diagnostics.empty());
    ran.distribution = claims::distribute(loaded, ran.determination);
    ran.schedule = claims::schedule_payouts(loaded, ran.determination, ran.distribution);
    return ran;
}

void hold(claims::Case& loaded, std::string_view asset, std::string_view amount) {
    claims::Holding holding;
    holding.id = "H" + std::to_string(loaded.holdings.size() + 1);
    holding.asset_index = loaded.config.find_asset(asset);
    holding.amount = {engine::parse_amount(amount, loaded.config.assets[holding.asset_index]
                                                        .decimals).count};
    holding.segregated = true;
    loaded.holdings.push_back(holding);
}

void verify_all(claims::Case& loaded) {
    for (claims::Customer& customer : loaded.customers) {
        customer.kyc = claims::Kyc::verified;
    }
}

// The payouts of one payee, as "asset tranche status amount" lines.
std::vector<std::string> payouts_of(const claims::Case& loaded,
                                    const claims::PayoutSchedule& schedule,
                                    std::string_view payee) {
    std::vector<std::string> lines;
    for (const claims::Payout& payout : schedule.payouts) {
        if (payout.payee_id == payee) {
            const claims::Asset& asset = loaded.config.assets[payout.asset_index];
            lines.push_back(asset.id + " " + std::to_string(payout.tranche) + " " +
                            std::string(claims::text_of(payout.status)) + " " +
                            engine::format_units(payout.amount, asset.decimals));
        }
    }
    return lines;
}

}  // namespace

TEST_CASE("payouts: a transfer finding holds for review before anything else") {
    // K1's customer is sanctioned and its transfer is broken: review comes first.
    claims::Case loaded = testing::CaseBuilder()
                              .asset("BTC", 8, "9000000")
                              .customer("C1")
                              .customer("C2")
                              .ledger("A1", "C1", "BTC", "1")
                              .claim("K1", "C1", "BTC", "1", "2026-04-01")
                              .transfer("T1", "K1", "C2", "C1", "2026-05-01")
                              .build();
    verify_all(loaded);
    loaded.customers[0].sanctioned = true;
    hold(loaded, "BTC", "1");
    const Ran ran = run(loaded);
    CHECK(payouts_of(loaded, ran.schedule, "C1") ==
          std::vector<std::string>{"BTC 1 held_review 1.00000000"});
}

TEST_CASE("payouts: selling a sanctioned customer's claim does not unfreeze it") {
    claims::Case loaded = testing::CaseBuilder()
                              .asset("BTC", 8, "9000000")
                              .customer("C1")
                              .customer("C2")
                              .ledger("A1", "C1", "BTC", "1")
                              .claim("K1", "C1", "BTC", "1", "2026-04-01")
                              .transfer("T1", "K1", "C1", "C2", "2026-05-01")
                              .build();
    verify_all(loaded);
    loaded.customers[0].sanctioned = true;  // the seller, not the buyer
    hold(loaded, "BTC", "1");
    const Ran ran = run(loaded);
    CHECK(payouts_of(loaded, ran.schedule, "C2") ==
          std::vector<std::string>{"BTC 1 frozen_sanctions 1.00000000"});
    CHECK(payouts_of(loaded, ran.schedule, "C1").empty());
}

TEST_CASE("payouts: a disputed part is held even when KYC is missing; KYC holds the rest") {
    claims::Case loaded = testing::CaseBuilder()
                              .asset("BTC", 8, "9000000")
                              .customer("C1")
                              .ledger("A1", "C1", "BTC", "1")
                              .claim("K1", "C1", "BTC", "1.25", "2026-04-01")
                              .build();
    hold(loaded, "BTC", "2");  // C1's KYC stays pending (the default)
    const Ran ran = run(loaded);
    CHECK(payouts_of(loaded, ran.schedule, "C1") ==
          std::vector<std::string>{"BTC 1 held_disputed 0.25000000",
                                   "BTC 1 held_kyc 1.00000000"});
}

TEST_CASE("payouts: earlier payments are caught up earliest tranche first") {
    // C1 gets 0.6 BTC in kind (tranche 1) and, from the estate, yen in tranche 2; a payment
    // of 0.5 BTC leaves 0.1 BTC; yen payments reduce the yen.
    claims::Case loaded = testing::CaseBuilder()
                              .asset("BTC", 8, "1000000")
                              .customer("C1")
                              .ledger("A1", "C1", "BTC", "1")
                              .claim("K1", "C1", "BTC", "1", "2026-04-01")
                              .build();
    verify_all(loaded);
    hold(loaded, "BTC", "0.6");
    loaded.config.estate_cash = {300'000};
    loaded.config.estate_tranche = 2;
    const std::uint32_t btc = loaded.config.find_asset("BTC");
    const std::uint32_t jpy = loaded.config.find_asset("JPY");
    loaded.payments.push_back({.payee_id = "C1", .asset_index = btc, .amount = {50'000'000},
                               .tranche = 1, .paid_on = "", .line = 2});
    loaded.payments.push_back({.payee_id = "C1", .asset_index = jpy, .amount = {100'000},
                               .tranche = 1, .paid_on = "", .line = 3});
    const Ran ran = run(loaded);
    // Shortfall 0.4 BTC at 1,000,000 = 400,000 JPY; the estate pays its 300,000.
    CHECK(payouts_of(loaded, ran.schedule, "C1") ==
          std::vector<std::string>{"BTC 1 payable 0.10000000", "JPY 2 payable 200000"});
    CHECK(ran.schedule.overpayments.empty());
}

TEST_CASE("payouts: payees in byte order of ids, customers and creditors merged") {
    // customers.csv is not in id order ("b2" before "a1"), and the creditor payees sort
    // between the customers ("a1" < "creditor:..." < "d3"). Payments to a creditor and to
    // a customer exceed what they are owed: the excess is an overpayment.
    claims::Case loaded = testing::CaseBuilder()
                              .asset("BTC", 8, "1000000")
                              .customer("b2")
                              .customer("d3")
                              .customer("a1")
                              .ledger("A1", "a1", "BTC", "1")
                              .ledger("A2", "b2", "BTC", "2")
                              .ledger("A3", "d3", "BTC", "3")
                              .claim("K1", "a1", "BTC", "1", "2026-04-01")
                              .claim("K2", "b2", "BTC", "2", "2026-04-01")
                              .claim("K3", "d3", "BTC", "3", "2026-04-01")
                              .build();
    verify_all(loaded);
    hold(loaded, "BTC", "6");
    loaded.config.estate_cash = {1'000};
    loaded.creditors.push_back({.id = "tax", .creditor_class = claims::CreditorClass::admin,
                                .amount = {300}, .description = "", .line = 2});
    loaded.creditors.push_back({.id = "law", .creditor_class = claims::CreditorClass::admin,
                                .amount = {200}, .description = "", .line = 3});
    const std::uint32_t btc = loaded.config.find_asset("BTC");
    const std::uint32_t jpy = loaded.config.find_asset("JPY");
    loaded.payments.push_back({.payee_id = "creditor:tax", .asset_index = jpy,
                               .amount = {350}, .tranche = 1, .paid_on = "", .line = 2});
    loaded.payments.push_back({.payee_id = "d3", .asset_index = btc, .amount = {1},
                               .tranche = 1, .paid_on = "", .line = 3});
    loaded.payments.push_back({.payee_id = "d3", .asset_index = jpy, .amount = {7},
                               .tranche = 1, .paid_on = "", .line = 4});
    const Ran ran = run(loaded);
    std::vector<std::string> payees;
    for (const claims::Payout& payout : ran.schedule.payouts) {
        payees.push_back(std::string(payout.payee_id) + " " +
                         loaded.config.assets[payout.asset_index].id + " " +
                         engine::format_units(payout.amount,
                                              loaded.config.assets[payout.asset_index].decimals));
    }
    // The estate pays both creditors in full (1,000 >= 500); tax was paid 350 of its 300.
    CHECK(payees == std::vector<std::string>{"a1 BTC 1.00000000", "b2 BTC 2.00000000",
                                             "creditor:law JPY 200", "d3 BTC 2.99999999"});
    REQUIRE(ran.schedule.overpayments.size() == 2);
    CHECK(ran.schedule.overpayments[0].payee_id == "creditor:tax");
    CHECK(ran.schedule.overpayments[0].asset_index == jpy);
    CHECK(ran.schedule.overpayments[0].amount == 50);
    CHECK(ran.schedule.overpayments[1].payee_id == "d3");
    CHECK(ran.schedule.overpayments[1].asset_index == jpy);
    CHECK(ran.schedule.overpayments[1].amount == 7);
}

TEST_CASE("payouts: catch-up property: paid + payable = cumulative entitlement") {
    const unsigned long long seed = testing::seed_or(4242);
    testing::Random random(seed);
    for (int round = 0; round < 300; ++round) {
        CAPTURE(seed);
        CAPTURE(round);
        testing::CaseBuilder builder;
        builder.asset("BTC", 8, "9000000");
        const int customers = 2 + static_cast<int>(random.below(6));
        for (int c = 0; c < customers; ++c) {
            const std::string id = "C" + std::to_string(c);
            builder.customer(id);
            const auto units = 1 + random.below(300'000'000);
            builder.ledger("A" + std::to_string(c), id, "BTC",
                           engine::format_units(static_cast<engine::Int128>(units), 8));
            const auto filed = units + (random.below(3) == 0 ? random.below(50'000'000) : 0);
            builder.claim("K" + std::to_string(c), id, "BTC",
                          engine::format_units(static_cast<engine::Int128>(filed), 8),
                          "2026-04-01");
        }
        claims::Case loaded = builder.build();
        for (claims::Customer& customer : loaded.customers) {
            customer.kyc = random.below(4) == 0 ? claims::Kyc::pending : claims::Kyc::verified;
        }
        const auto pool_units = static_cast<engine::Int128>(random.below(1'000'000'000));
        hold(loaded, "BTC", engine::format_units(pool_units, 8));
        loaded.config.estate_cash = {static_cast<engine::Int128>(random.below(5'000'000))};
        if (random.below(2) == 0) {
            loaded.config.assets[loaded.config.find_asset("BTC")].min_payout =
                engine::Units{1'000'000};
        }
        const Ran first = run(loaded);

        // Pay a random part of every payable payout, then run again.
        std::map<std::tuple<std::string, std::uint32_t, int>, engine::Int128> paid;
        for (const claims::Payout& payout : first.schedule.payouts) {
            if (payout.status == PayoutStatus::payable) {
                const engine::Int128 part =
                    random.below(2) == 0 ? payout.amount : payout.amount / 2;
                if (part > 0) {
                    loaded.payments.push_back({.payee_id = std::string(payout.payee_id),
                                               .asset_index = payout.asset_index,
                                               .amount = {part},
                                               .tranche = payout.tranche,
                                               .paid_on = "",
                                               .line = 0});
                    paid[{std::string(payout.payee_id), payout.asset_index, payout.tranche}] = part;
                }
            }
        }
        const Ran second = run(loaded);
        CHECK(second.schedule.overpayments.empty());
        // Every held payout is unchanged; every eligible one is what is left after paying.
        std::map<std::tuple<std::string, std::uint32_t, int, bool>, engine::Int128> before;
        std::map<std::tuple<std::string, std::uint32_t, int, bool>, engine::Int128> after;
        const auto is_eligible = [](PayoutStatus status) {
            return status == PayoutStatus::payable || status == PayoutStatus::below_minimum;
        };
        for (const claims::Payout& payout : first.schedule.payouts) {
            const auto key = std::make_tuple(std::string(payout.payee_id), payout.asset_index,
                                             payout.tranche, is_eligible(payout.status));
            engine::Int128 amount = payout.amount;
            if (payout.status == PayoutStatus::payable) {
                amount -= paid[{std::string(payout.payee_id), payout.asset_index, payout.tranche}];
            }
            if (amount > 0) {
                before[key] += amount;
            }
        }
        for (const claims::Payout& payout : second.schedule.payouts) {
            after[std::make_tuple(std::string(payout.payee_id), payout.asset_index, payout.tranche,
                                  is_eligible(payout.status))] += payout.amount;
        }
        CHECK(before == after);
    }
}
