// `kanzai synth` case folder: case.toml, the streamed customer files, then the files sized
// from the totals (holdings, creditors). Pools are short in some assets and whole in others;
// a reserve with floor and cap, an insurance policy and an estate with creditors of every
// class complete the waterfall (SPEC "The distribution waterfall").
#include "tools/synth/synth_case.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "claims/io_error.hpp"
#include "engine/assert.hpp"
#include "engine/decimal.hpp"
#include "tools/synth/synth_csv.hpp"
#include "tools/synth/synth_customer.hpp"

namespace kanzai::tools {
namespace {

using engine::Int128;

void write_text(const std::filesystem::path& path, const std::string& text) {
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr) {
        throw claims::IoError(fmt::format("cannot create {}", path.string()));
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    if (std::fclose(file) != 0 || !written) {
        throw claims::IoError(fmt::format("cannot write {}", path.string()));
    }
}

std::string case_toml(const SynthPlan& plan) {
    const auto n = plan.customers_count;
    std::string toml = fmt::format(
        "# A synthetic case written by `kanzai synth` (seed {}, {} customers, {} assets).\n"
        "[case]\nname = \"Synthetic Exchange K.K. (seed {})\"\n"
        "court = \"Tokyo District Court\"\ncase_number = \"2026 (fu) {}\"\n"
        "administrator = \"Attorney Synth\"\ncurrency = \"JPY\"\n"
        "cutoff = 2026-03-01T00:00:00+09:00\nbar_date = 2026-06-30\n",
        plan.seed, n, plan.assets_count, plan.seed, plan.seed % 10'000);
    if (plan.v3_rules) {
        toml += "record_date = 2026-09-30\n";
    }
    for (int a = 0; a < plan.assets_count; ++a) {
        const SynthAsset& asset = synth_assets()[static_cast<std::size_t>(a)];
        fmt::format_to(std::back_inserter(toml), "\n[assets.{}]\ndecimals = {}\nprice = \"{}\"\n",
                       asset.id, asset.decimals, asset.price);
        // v3: BTC costs a little and can be paid in; ETH's in-kind shares are paid in cash.
        if (plan.v3_rules && asset.id == "BTC") {
            toml += "pool_cost = \"0.01\"\ndistribution_price = \"9500000\"\n";
        } else if (plan.v3_rules && asset.id == "ETH") {
            toml += "paid_in = \"cash\"\nestate_price = \"430000\"\n";
        }
    }
    fmt::format_to(std::back_inserter(toml),
                   "\n[rules]\nunfiled = \"admit\"\nexcess = \"dispute\"\nlate = \"subordinate\"\n"
                   "insiders = \"subordinate\"\nset_off = \"proportional\"\n"
                   "valuation_rounding = \"down\"\n\n[rules.min_payout]\nJPY = \"1000\"\n");
    if (plan.assets_count > 1) {
        toml += "BTC = \"0.0001\"\n";
    }
    fmt::format_to(std::back_inserter(toml),
                   "\n[[fund]]\nid = \"reserve\"\nkind = \"reserve\"\namount = \"{}\"\n"
                   "tranche = 1\nfloor = \"200000\"\ncap = \"10000000\"\nleftover = \"next\"\n"
                   "\n[[fund]]\nid = \"policy-1\"\nkind = \"insurance\"\n"
                   "insurer = \"Synthetic Insurer K.K.\"\namount = \"{}\"\ntranche = 1\n"
                   "\n[estate]\ncash = \"{}\"\ntranche = 2\n",
                   n * 8'000, n * 2'000, n * 2'000);
    if (plan.v3_rules) {
        toml += "\n[convenience]\nthreshold = \"50000\"\nrate = \"1.2\"\ntranche = 1\n"
                "elective = true\n";
    }
    return toml;
}

// Per asset: a cold + hot + guarantee pool at pool_per_1000 of the liabilities, what is
// missing recorded as lost, and the exchange's own coins (non-segregated: the estate's).
std::uint64_t write_holdings(const std::filesystem::path& folder, const SynthPlan& plan,
                             const SynthTotals& totals) {
    CsvFile holdings(folder / "holdings.csv", "holding_id,asset,amount,custody,segregated,status");
    for (int a = 0; a < plan.assets_count; ++a) {
        const SynthAsset& asset = synth_assets()[static_cast<std::size_t>(a)];
        const Int128 liability = totals.liability_units[static_cast<std::size_t>(a)];
        const Int128 pool = liability * static_cast<Int128>(asset.pool_per_1000) / 1000;
        const auto cell = [&](Int128 units) { return engine::format_units(units, asset.decimals); };
        if (a == 0) {
            holdings.row("H-JPY-TRUST,JPY,{},trust_bank,true,held", cell(pool));
        } else {
            const Int128 hot = pool * 4 / 100;
            holdings.row("H-{}-COLD,{},{},cold,true,held", asset.id, asset.id,
                         cell(pool - 2 * hot));
            holdings.row("H-{}-HOT,{},{},hot,true,held", asset.id, asset.id, cell(hot));
            holdings.row("H-{}-GUARANTEE,{},{},guarantee,true,held", asset.id, asset.id, cell(hot));
        }
        if (liability > pool) {
            holdings.row("H-{}-LOST,{},{},hot,true,lost", asset.id, asset.id,
                         cell(liability - pool));
        }
        holdings.row("H-{}-OWN,{},{},other,false,held", asset.id, asset.id, cell(liability / 50));
    }
    holdings.close();
    return holdings.rows_count();
}

// v3: every 20th customer is paid fund and estate money in BTC, every 30th takes its ETH
// in kind, every 50th elects the convenience class.
std::uint64_t write_elections(const std::filesystem::path& folder, const SynthPlan& plan) {
    CsvFile elections(folder / "elections.csv", "customer_id,election,asset");
    for (std::uint64_t index = 0; index < plan.customers_count; ++index) {
        if (plan.assets_count > 1 && index % 20 == 7) {
            elections.row("C{:09},convert,BTC", index);
        }
        if (plan.assets_count > 2 && index % 30 == 11) {
            elections.row("C{:09},kind,ETH", index);
        }
        if (index % 50 == 13) {
            elections.row("C{:09},convenience,", index);
        }
    }
    elections.close();
    return elections.rows_count();
}

std::uint64_t write_creditors(const std::filesystem::path& folder, const SynthPlan& plan) {
    const auto n = plan.customers_count;
    CsvFile creditors(folder / "creditors.csv", "creditor_id,class,amount,description");
    creditors.row("ADMIN-TRUSTEE,admin,{},trustee fees and administration costs", n * 300);
    creditors.row("PRIORITY-TAX,priority,{},national tax due within one year", n * 150);
    creditors.row("PRIORITY-WAGES,priority,{},employees' wages for the last 3 months", n * 60);
    const std::uint64_t vendors = 2 + std::min<std::uint64_t>(n / 10'000, 98);
    for (std::uint64_t v = 0; v < vendors; ++v) {
        creditors.row("VENDOR-{:03},general,{},trade creditor", v + 1, n * (40 + v % 7 * 10));
    }
    creditors.row("PARENT-LOAN,subordinated,{},contractually subordinated parent loan", n * 500);
    creditors.close();
    return creditors.rows_count();
}

}  // namespace

const std::array<SynthAsset, synth_assets_max>& synth_assets() {
    // Pools: short in BTC, XRP, XEM, BCH, ADA; whole (with a surplus) in the others.
    static const std::array<SynthAsset, synth_assets_max> assets = {{
        {"JPY", 0, "1", 1'000, 7'500, 1'000},
        {"BTC", 8, "9000000", 9'000'000'000, 6'000, 820},
        {"ETH", 18, "450000", 450'000'000, 3'500, 1'003},
        {"XRP", 6, "85.5", 85'500, 1'500, 950},
        {"XEM", 6, "5.25", 5'250, 1'200, 600},
        {"LTC", 8, "12000", 12'000'000, 1'000, 1'000},
        {"BCH", 8, "60000", 60'000'000, 800, 900},
        {"DOGE", 8, "20.1", 20'100, 1'000, 1'010},
        {"SOL", 9, "21000", 21'000'000, 800, 1'000},
        {"ADA", 6, "55.3", 55'300, 800, 970},
    }};
    return assets;
}

SynthCounts write_synth_case(const std::filesystem::path& folder, const SynthPlan& plan) {
    KANZAI_ASSERT(plan.customers_count >= 1);
    KANZAI_ASSERT(plan.assets_count >= 1);
    KANZAI_ASSERT(plan.assets_count <= synth_assets_max);
    write_text(folder / "case.toml", case_toml(plan));
    SynthFiles files(folder, plan);
    SynthTotals totals;
    for (std::uint64_t index = 0; index < plan.customers_count; ++index) {
        write_customer(files, totals, plan, index);
    }
    files.close();
    SynthCounts counts{
        .customers = files.customers.rows_count(),
        .ledger = files.ledger.rows_count(),
        .claims = files.claims.rows_count(),
        .identities = files.identities.rows_count(),
        .transfers = files.transfers.rows_count(),
        .determinations = files.determinations.rows_count(),
        .payments = files.payments.rows_count(),
    };
    counts.holdings = write_holdings(folder, plan, totals);
    counts.creditors = write_creditors(folder, plan);
    if (plan.v3_rules) {
        counts.elections = write_elections(folder, plan);
    }
    return counts;
}

}  // namespace kanzai::tools
