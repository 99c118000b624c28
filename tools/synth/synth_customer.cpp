// The rows of one synthetic customer. Proportions (per 10,000 unless said): kinds, KYC,
// sanctions, heavy-tailed balances in one or two accounts, about one filed claim per
// customer with every decision of SPEC "Determination of claims" represented, linked
// identities, transfers (a tenth of them bad), determinations and earlier payments.
#include "tools/synth/synth_customer.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "engine/decimal.hpp"
#include "tools/synth/synth_random.hpp"

namespace kanzai::tools {
namespace {

using engine::Int128;

constexpr std::array<std::string_view, 8> timely_dates = {"2026-03-20", "2026-04-01", "2026-04-15",
                                                          "2026-05-01", "2026-05-20", "2026-06-01",
                                                          "2026-06-15", "2026-06-30"};
constexpr std::array<std::string_view, 3> late_dates = {"2026-07-03", "2026-08-01", "2026-09-15"};
constexpr std::array<std::string_view, 10> countries = {"JP", "JP", "JP", "JP", "JP",
                                                        "JP", "US", "KR", "SG", "GB"};

enum class Kind { retail, corporate, insider, affiliate, assignee };

struct Profile {
    Kind kind = Kind::retail;
    std::string_view kyc = "verified";
    bool is_sanctioned = false;
};

std::string_view kind_name(Kind kind) {
    switch (kind) {
        case Kind::corporate:
            return "corporate";
        case Kind::insider:
            return "insider";
        case Kind::affiliate:
            return "affiliate";
        case Kind::assignee:
            return "assignee";
        case Kind::retail:
            break;
    }
    return "retail";
}

Profile draw_profile(SplitMix64& rng) {
    Profile profile;
    const std::uint64_t kind_roll = rng.below(10'000);
    profile.kind = kind_roll < 100   ? Kind::corporate
                   : kind_roll < 120 ? Kind::insider
                   : kind_roll < 130 ? Kind::affiliate
                   : kind_roll < 160 ? Kind::assignee
                                     : Kind::retail;
    const std::uint64_t kyc_roll = rng.below(10'000);
    profile.kyc = kyc_roll < 500 ? "pending" : kyc_roll < 530 ? "failed" : "verified";
    profile.is_sanctioned = rng.chance(5);
    return profile;
}

// A heavy-tailed yen value: a quarter are dust below ¥10,000; the rest Pareto-like (tail
// index 4/3) from about ¥65,000 to ¥2bn, by integer roots only.
std::uint64_t draw_yen(SplitMix64& rng) {
    if (rng.chance(2'500)) {
        return 1 + rng.below(9'999);
    }
    const std::uint64_t u = 1 + rng.below(std::uint64_t{1} << 20U);
    const std::uint64_t root = std::max<std::uint64_t>(1, isqrt(isqrt(u * u * u)));
    return ((std::uint64_t{1} << 40U) / root) >> 9U;
}

Int128 units_for_yen(std::uint64_t yen, const SynthAsset& asset) {
    const Int128 units =
        static_cast<Int128>(yen) * engine::pow10(asset.decimals) * 1000 / asset.price_milli_yen;
    return std::max<Int128>(units, 1);
}

struct CustomerWriter {
    SynthFiles& files;
    const SynthPlan& plan;
    std::uint64_t index;
    SplitMix64 rng;
    int claims_count = 0;

    std::string next_claim_id() { return fmt::format("K{:09}-{}", index, ++claims_count); }

    void claim(std::string_view claim_id, std::string_view asset, Int128 amount, int decimals,
               std::string_view filed_on, std::string_view amends = {}) {
        files.claims.row("{},C{:09},{},{},{},{}", claim_id, index, asset,
                         engine::format_units(amount, decimals), filed_on, amends);
    }

    std::string_view timely() { return timely_dates[rng.below(timely_dates.size())]; }
    std::string_view late() { return late_dates[rng.below(late_dates.size())]; }

    void identities() {
        files.identities.row("C{:09},email,c{}@example.com", index, index);
        if (index > 0 && rng.chance(200)) {
            // A second registration of a recent customer: shared key, one claimant.
            const std::uint64_t other = index - 1 - rng.below(std::min<std::uint64_t>(index, 50));
            files.identities.row("C{:09},email,c{}@example.com", index, other);
        }
        if (rng.chance(3'000)) {
            files.identities.row("C{:09},phone,+81-90-{:08}", index, index % 100'000'000);
        }
    }

    Int128 balance(const SynthAsset& asset, bool is_currency) {
        Int128 units = units_for_yen(draw_yen(rng), asset);
        if (is_currency && rng.chance(30)) {
            units = -units;  // a margin debt: set off against the other assets
        }
        if (rng.chance(2'000) && units > 1) {
            const Int128 first = units * static_cast<Int128>(1 + rng.below(99)) / 100;
            ledger_row(1, asset, first);
            ledger_row(2, asset, units - first);
        } else {
            ledger_row(1, asset, units);
        }
        return units;
    }

    void ledger_row(int account, const SynthAsset& asset, Int128 units) {
        files.ledger.row("A{:09}-{},C{:09},{},{}", index, account, index, asset.id,
                         engine::format_units(units, asset.decimals));
    }

    void file_claims(const SynthAsset& asset, Int128 entitlement);
    void transfer(std::string_view claim_id);
    void oddities();
};

void CustomerWriter::file_claims(const SynthAsset& asset, Int128 entitlement) {
    const int d = asset.decimals;
    if (entitlement <= 0) {
        if (rng.chance(5'000)) {  // R-NO-BALANCE
            claim(next_claim_id(), asset.id, units_for_yen(10'000, asset), d, timely());
        }
        return;
    }
    if (!rng.chance(5'000)) {
        return;  // not filed: a deemed claim (D-DEEMED)
    }
    const std::string id = next_claim_id();
    const std::uint64_t roll = rng.below(1'000);
    if (roll < 40) {  // P-EXCESS-DISPUTED, sometimes settled by the administrator
        const Int128 filed = entitlement + entitlement / 10 + 1;
        claim(id, asset.id, filed, d, timely());
        if (rng.chance(1'000)) {
            files.determinations.row(
                "{},admit,{},statements prove the excess,administrator,"
                "2026-08-20",
                id, engine::format_units(filed, d));
        }
    } else if (roll < 70) {  // late: subordinated, or admitted by determination
        claim(id, asset.id, entitlement, d, late());
        if (rng.chance(500)) {
            files.determinations.row(
                "{},admit,{},late filing excused (hospitalised),"
                "administrator,2026-09-30",
                id, engine::format_units(entitlement, d));
        }
    } else if (roll < 90) {  // R-DUPLICATE: filed twice
        claim(id, asset.id, entitlement, d, "2026-04-01");
        claim(next_claim_id(), asset.id, entitlement, d, "2026-05-01");
    } else if (roll < 110) {  // R-AMENDED: a first filing, then its amendment
        claim(id, asset.id, entitlement / 2 + 1, d, "2026-04-01");
        claim(next_claim_id(), asset.id, entitlement, d, "2026-07-15", id);
    } else if (roll < 120) {  // filed below the ledger: admitted as filed
        claim(id, asset.id, entitlement / 2 + 1, d, timely());
    } else {  // A-MATCHES-LEDGER
        claim(id, asset.id, entitlement, d, timely());
        if (rng.chance(10)) {
            files.determinations.row(
                "{},dispute,{},ledger entry under investigation,"
                "administrator,2026-08-01",
                id, engine::format_units(entitlement, d));
        } else if (plan.customers_count > 1 && rng.chance(60)) {
            transfer(id);
        }
    }
}

void CustomerWriter::transfer(std::string_view claim_id) {
    const std::uint64_t span = std::min<std::uint64_t>(plan.customers_count - 1, 1'000);
    const std::uint64_t to = (index + 1 + rng.below(span)) % plan.customers_count;
    // A fifth of transfers are bad (from_id equals to_id): a finding, held for review.
    const std::uint64_t from = rng.chance(2'000) ? to : index;
    files.transfers.row("T{:09}-{},{},C{:09},C{:09},2026-05-10", index, claims_count, claim_id,
                        from, to);
}

void CustomerWriter::oddities() {
    if (rng.chance(10)) {  // a claim by someone who is not a customer: R-UNKNOWN-CUSTOMER
        files.claims.row("{},X{:09},JPY,5000,{},", next_claim_id(), index, timely());
    }
    if (rng.chance(5)) {  // a coin the exchange never listed: R-UNKNOWN-ASSET
        files.claims.row("{},C{:09},MONA,100,{},", next_claim_id(), index, timely());
    }
}

}  // namespace

SynthFiles::SynthFiles(const std::filesystem::path& folder, const SynthPlan& plan)
    : customers(folder / "customers.csv", "customer_id,name,kind,kyc,sanctioned,country"),
      ledger(folder / "ledger.csv", "account_id,customer_id,asset,balance"),
      claims(folder / "claims.csv", "claim_id,customer_id,asset,amount,filed_on,amends"),
      identities(folder / "identities.csv", "customer_id,key_type,key"),
      transfers(folder / "transfers.csv", "transfer_id,claim_id,from_id,to_id,effective_on"),
      determinations(folder / "determinations.csv",
                     "claim_id,decision,amount,reason,decided_by,decided_on"),
      payments(folder / "payments.csv",
               plan.v3_rules ? "payee_id,asset,amount,tranche,paid_on,status"
                             : "payee_id,asset,amount,tranche,paid_on") {}

void SynthFiles::close() {
    for (CsvFile* file :
         {&customers, &ledger, &claims, &identities, &transfers, &determinations, &payments}) {
        file->close();
    }
}

void write_customer(SynthFiles& files, SynthTotals& totals, const SynthPlan& plan,
                    std::uint64_t index) {
    CustomerWriter writer{
        .files = files, .plan = plan, .index = index, .rng = customer_stream(plan.seed, index)};
    const Profile profile = draw_profile(writer.rng);
    files.customers.row("C{:09},Customer {},{},{},{},{}", index, index + 1, kind_name(profile.kind),
                        profile.kyc, profile.is_sanctioned ? "true" : "false",
                        countries[writer.rng.below(countries.size())]);
    writer.identities();
    if (profile.kind != Kind::assignee) {  // claim buyers hold nothing of their own
        const auto& assets = synth_assets();
        for (std::size_t a = 0; a < static_cast<std::size_t>(plan.assets_count); ++a) {
            if (!writer.rng.chance(assets[a].holders_per_10000)) {
                continue;
            }
            const Int128 entitlement = writer.balance(assets[a], a == 0);
            totals.liability_units[a] += std::max<Int128>(entitlement, 0);
            writer.file_claims(assets[a], entitlement);
            if (a == 0 && entitlement > 100'000 && writer.rng.chance(150)) {
                // With v3 rules one payment in five failed: payable again.
                const char* status = !plan.v3_rules           ? ""
                                     : writer.rng.chance(2000) ? ",failed"
                                                               : ",paid";
                files.payments.row("C{:09},JPY,{},1,2026-04-15{}", index,
                                   engine::format_units(entitlement / 10, 0), status);
            }
        }
    }
    writer.oddities();
}

}  // namespace kanzai::tools
