// Loading whole case folders: the valid fixtures load to exact values, and errors in one
// file do not flood the files that refer to it.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "claims/load/load_case.hpp"
#include "claims/load/sha256.hpp"
#include "tests/support/printing.hpp"

namespace {

using namespace kanzai::claims;
namespace fs = std::filesystem;
using kanzai::engine::pow10;

// tests/data/<name>: from KANZAI_SOURCE_DIR when set, else beside this source file.
std::string data_folder(const std::string& name) {
    const char* root = std::getenv("KANZAI_SOURCE_DIR");
    const fs::path data = root != nullptr
                              ? fs::path(root) / "tests" / "data"
                              : fs::path(__FILE__).parent_path().parent_path().parent_path() /
                                    "data";
    return (data / name).string();
}

std::vector<std::string> texts(const Diagnostics& diagnostics) {
    std::vector<std::string> result;
    for (const Diagnostic& diagnostic : diagnostics.sorted()) {
        result.push_back(diagnostic.text());
    }
    return result;
}

// A scratch copy of tests/data/minimal that a test may change.
struct ScratchCase {
    fs::path folder;
    explicit ScratchCase(const std::string& name) {
        folder = fs::temp_directory_path() /
                 ("kanzai-load-test-" + std::to_string(::getpid()) + "-" + name);
        fs::remove_all(folder);
        fs::copy(data_folder("minimal"), folder);
    }
    ~ScratchCase() { fs::remove_all(folder); }
    void write(const std::string& file, const std::string& text) const {
        std::ofstream(folder / file, std::ios::binary) << text;
    }
    [[nodiscard]] std::vector<std::string> errors() const {
        Diagnostics diagnostics;
        static_cast<void>(load_case(folder.string(), diagnostics));
        return texts(diagnostics);
    }
};

}  // namespace

TEST_CASE("sha256: the FIPS 180-2 test vector") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("load_case: the minimal case loads to exact values") {
    Diagnostics diagnostics;
    const Case loaded = load_case(data_folder("minimal"), diagnostics);
    REQUIRE(texts(diagnostics).empty());
    const CaseConfig& config = loaded.config;
    CHECK(config.name == "Minimal Exchange K.K.");
    CHECK(config.cutoff == "2026-03-01T00:00:00+09:00");
    CHECK(config.bar_date == Date{20260630});
    REQUIRE(config.assets.size() == 2);
    CHECK(config.assets[0].id == "BTC");  // sorted by bytes, not as written
    CHECK(config.assets[1].id == "JPY");
    CHECK(config.currency_index == 1);
    CHECK(config.assets[0].decimals == 8);
    CHECK(config.assets[0].price.scaled == 9'000'000 * pow10(18));
    CHECK(config.assets[0].estate_price.scaled == 8'500'000 * pow10(18));
    CHECK(config.assets[0].min_payout == Units{10'000});
    CHECK(config.assets[1].min_payout == Units{1000});
    CHECK(config.assets[0].line == 14);
    REQUIRE(config.funds.size() == 2);
    CHECK(config.funds[0].id == "reserve");
    CHECK(config.funds[0].amount == Value{2'000'000});
    CHECK(config.funds[0].floor == Value{200'000});
    CHECK(config.funds[0].cap == Value{1'000'000});
    CHECK(config.funds[0].asset_indexes == std::vector<std::uint32_t>{0});
    CHECK(config.funds[0].leftover == Leftover::next);
    CHECK(config.funds[1].kind == FundKind::insurance);
    CHECK(config.funds[1].insurer == "Insurer K.K.");
    CHECK_FALSE(config.funds[1].asset_indexes.has_value());
    CHECK_FALSE(config.funds[1].floor.has_value());
    CHECK(config.estate_cash == Value{350'000});
    CHECK(config.estate_tranche == 2);

    REQUIRE(loaded.customers.size() == 4);
    CHECK(loaded.customers[2].kind == CustomerKind::insider);
    CHECK(loaded.customers[1].kyc == Kyc::pending);
    CHECK(loaded.find_customer("C4") == 3);
    REQUIRE(loaded.ledger.size() == 5);
    CHECK(loaded.ledger[0].balance == Units{150'000'000});
    CHECK(loaded.ledger[3].balance == Units{-1000});
    CHECK(loaded.ledger[3].asset_index == 1);
    REQUIRE(loaded.claims.size() == 5);
    CHECK(loaded.claims[2].amends == "K2");
    CHECK(loaded.claims[3].customer_index == no_index);  // C9: rejected later, not an error
    CHECK(loaded.claims[4].asset_index == no_index);     // DOGE
    CHECK(loaded.claims[4].amount == Units{0});
    CHECK(loaded.claims[4].amount_text == "100");
    CHECK(loaded.claims[1].filed_on == Date{20260402});
    REQUIRE(loaded.holdings.size() == 4);
    CHECK(loaded.holdings[1].custody == Custody::guarantee);
    CHECK(loaded.holdings[3].status == HoldingStatus::lost);
    CHECK(loaded.holdings[2].segregated == false);
    CHECK(loaded.identities.size() == 2);
    REQUIRE(loaded.transfers.size() == 2);
    CHECK(loaded.transfers[1].claim_id == "deemed:C1:JPY");
    CHECK(loaded.creditors[0].creditor_class == CreditorClass::admin);
    REQUIRE(loaded.determinations.size() == 2);
    CHECK(loaded.determinations[0].amount_text == "0.3");
    CHECK_FALSE(loaded.determinations[1].amount_text.has_value());
    REQUIRE(loaded.payments.size() == 2);
    CHECK(loaded.payments[0].tranche == 1);
    CHECK_FALSE(loaded.payments[1].tranche.has_value());
    CHECK(loaded.payments[1].payee_id == "creditor:tax");
    REQUIRE(loaded.inputs.size() == 10);
    CHECK(loaded.inputs.front().name == "case.toml");
    CHECK(loaded.inputs.back().name == "transfers.csv");
    CHECK(loaded.inputs[0].sha256.size() == 64);
}

TEST_CASE("load_case: BOM, CRLF, quoted newlines and reordered columns load exactly") {
    Diagnostics diagnostics;
    const Case loaded = load_case(data_folder("tricky"), diagnostics);
    REQUIRE(texts(diagnostics).empty());
    const CaseConfig& config = loaded.config;
    CHECK(config.name == "Tricky \"Quoted\" K.K.");
    CHECK(config.cutoff == "2026-03-01T09:30:00.5-05:00");
    CHECK(config.bar_date == Date{20240229});
    REQUIRE(config.assets.size() == 3);
    CHECK(config.assets[0].id == "AAA");
    CHECK(config.assets[0].price.scaled == 1'234'000'000'000);
    CHECK(config.assets[0].estate_price.scaled == 0);
    CHECK(config.assets[1].price.scaled == 2500 * pow10(18) + 1);
    CHECK(config.assets[1].min_payout == Units{1});
    CHECK(config.currency().id == "USD");
    CHECK(config.funds[0].asset_indexes == std::vector<std::uint32_t>{});  // [] = none
    CHECK(config.estate_cash == Value{1});
    REQUIRE(loaded.customers.size() == 2);
    CHECK(loaded.customers[0].name == "Zed, \"the\" trader");
    CHECK(loaded.customers[0].sanctioned);
    CHECK(loaded.customers[1].name == "two\r\nlines");  // CRLF inside quotes is kept
    CHECK(loaded.customers[1].country.empty());
    CHECK(loaded.customers[1].line == 3);
    REQUIRE(loaded.ledger.size() == 3);
    CHECK(loaded.ledger[0].account_id == "acc 1");
    CHECK(loaded.ledger[0].balance == Units{0});
    CHECK(loaded.ledger[1].balance == Units{-(pow10(18) + 1)});
    CHECK(loaded.ledger[2].balance == Units{10});
    CHECK(loaded.ledger[2].line == 5);  // the empty line 4 is skipped but counted
    REQUIRE(loaded.claims.size() == 2);
    CHECK(loaded.claims[0].amount == Units{7});
    CHECK(loaded.claims[1].amount == Units{0});
    CHECK(loaded.claims[1].customer_index == no_index);
    CHECK(loaded.holdings[0].amount == Units{1});
    CHECK(loaded.determinations[0].reason == "Settled, per order \"7\"");
    CHECK(loaded.determinations[0].decision == DeterminationDecision::dispute);
    CHECK(loaded.payments[0].amount == Units{0});
    CHECK(loaded.inputs.size() == 7);
}

TEST_CASE("load_case: a customers.csv that is not read completely does not flood others") {
    const ScratchCase scratch("customers-syntax");
    scratch.write("customers.csv", "customer_id,name\nC1,\"Alice\n");
    CHECK(scratch.errors() ==
          std::vector<std::string>{"customers.csv:2:2: CSV syntax error: a quoted cell is not "
                                   "closed before the end of the file; the rest of the file is "
                                   "not read"});
}

TEST_CASE("load_case: a case.toml syntax error leaves asset references unchecked") {
    const ScratchCase scratch("toml-syntax");
    scratch.write("case.toml", "[case\n");
    const std::vector<std::string> errors = scratch.errors();
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].starts_with("case.toml:1:6: TOML syntax error: "));
}

TEST_CASE("load_case: an invalid asset entry leaves only that asset's cells unchecked") {
    const ScratchCase scratch("bad-asset");
    std::ifstream in(scratch.folder / "case.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    text.replace(text.find("decimals = 8"), 12, "decimals = -1");
    scratch.write("case.toml", text);
    scratch.write("holdings.csv",
                  "holding_id,asset,amount,custody,segregated,status\n"
                  "H1,BTC,0.123456789123,cold,true,held\nH2,JPY,1.5,cold,true,held\n");
    CHECK(scratch.errors() ==
          std::vector<std::string>{
              "case.toml:15:12: assets.BTC.decimals is -1; expected an integer from 0 to 18",
              "holdings.csv:3:3: amount \"1.5\" has 1 fractional digit; JPY allows at most 0"});
}

TEST_CASE("load_case: without creditors.csv a creditor payee is an error") {
    const ScratchCase scratch("no-creditors");
    fs::remove(scratch.folder / "creditors.csv");
    CHECK(scratch.errors() == std::vector<std::string>{
                                  "payments.csv:3:1: payee_id \"creditor:tax\" names no creditor "
                                  "of creditors.csv"});
}

TEST_CASE("load_case: the sum of absolute amounts may reach 2^127-1 exactly") {
    const ScratchCase scratch("sum-limit");
    scratch.write("holdings.csv",
                  "holding_id,asset,amount,custody,segregated,status\n"
                  "H1,JPY,170141183460469231731687303715884105726,cold,false,frozen\n"
                  "H2,JPY,1,cold,true,held\n");
    CHECK(scratch.errors().empty());
    scratch.write("holdings.csv",
                  "holding_id,asset,amount,custody,segregated,status\n"
                  "H1,JPY,170141183460469231731687303715884105726,cold,false,frozen\n"
                  "H2,JPY,2,cold,true,held\n");
    CHECK(scratch.errors() ==
          std::vector<std::string>{"holdings.csv:3:3: the sum of the absolute amounts in JPY "
                                   "in holdings.csv passes 2^127-1 minor units here"});
}
