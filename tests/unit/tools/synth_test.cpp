// `kanzai synth`: deterministic bytes per seed, sane proportions, amounts in SPEC grammar,
// atomic refusal of an occupied folder.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "claims/determine/determine.hpp"
#include "claims/load/load_case.hpp"
#include "engine/decimal.hpp"
#include "tests/support/printing.hpp"
#include "tests/support/temp_folder.hpp"
#include "tools/commands.hpp"
#include "tools/synth/synth_case.hpp"

namespace fs = std::filesystem;
using kanzai::tools::SynthPlan;
using kanzai::tools::write_synth_case;

namespace {

const std::vector<std::string> case_files = {
    "case.toml",      "customers.csv", "ledger.csv",    "claims.csv",         "holdings.csv",
    "identities.csv", "transfers.csv", "creditors.csv", "determinations.csv", "payments.csv"};

using TempDir = kanzai::testing::TempFolder;

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Synth never quotes a cell, so a plain split on commas reads its rows.
std::vector<std::vector<std::string>> read_rows(const fs::path& path) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(read_file(path));
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        std::istringstream fields(line);
        while (std::getline(fields, cell, ',')) {
            cells.push_back(cell);
        }
        if (!line.empty() && line.back() == ',') {
            cells.emplace_back();
        }
        rows.push_back(cells);
    }
    return rows;
}

}  // namespace

TEST_CASE("synth: the same seed writes the same bytes and another seed differs") {
    const unsigned long long seed = kanzai::testing::seed_or(20260301);
    INFO("seed ", seed);
    TempDir a;
    TempDir b;
    TempDir c;
    const SynthPlan plan{.customers_count = 3'000, .assets_count = 7, .seed = seed};
    const auto counts_a = write_synth_case(a.path, plan);
    const auto counts_b = write_synth_case(b.path, plan);
    (void)write_synth_case(c.path, {.customers_count = 3'000, .assets_count = 7, .seed = seed + 1});
    CHECK(counts_a.ledger == counts_b.ledger);
    for (const std::string& name : case_files) {
        INFO(name);
        REQUIRE(fs::exists(a.path / name));
        CHECK(read_file(a.path / name) == read_file(b.path / name));
    }
    CHECK(read_file(a.path / "ledger.csv") != read_file(c.path / "ledger.csv"));
    CHECK(read_file(a.path / "claims.csv") != read_file(c.path / "claims.csv"));
}

TEST_CASE("synth: realistic proportions of ledger rows, claims and findings") {
    TempDir dir;
    const std::uint64_t n = 20'000;
    const auto counts = write_synth_case(dir.path, {.customers_count = n, .seed = 11});
    CHECK(counts.customers == n);
    CHECK(counts.ledger >= 2 * n);  // about 2.4 rows per customer
    CHECK(counts.ledger <= 3 * n);
    CHECK(counts.claims >= n * 8 / 10);  // about one claim per customer
    CHECK(counts.claims <= n * 13 / 10);
    CHECK(counts.identities > n);  // linked identities and phone keys
    CHECK(counts.transfers >= 20);
    CHECK(counts.determinations >= 20);
    CHECK(counts.payments >= 10);
    CHECK(counts.creditors == 6 + 2);

    int pending = 0;
    int sanctioned = 0;
    int insiders = 0;
    for (const auto& row : read_rows(dir.path / "customers.csv")) {
        REQUIRE(row.size() == 6);
        pending += row[3] == "pending" ? 1 : 0;
        sanctioned += row[4] == "true" ? 1 : 0;
        insiders += row[2] == "insider" || row[2] == "affiliate" ? 1 : 0;
    }
    CHECK(pending > 700);  // 5%
    CHECK(pending < 1300);
    CHECK(sanctioned >= 1);
    CHECK(sanctioned < 40);
    CHECK(insiders > 20);

    int late = 0;
    int amending = 0;
    int unknown_asset = 0;
    int unknown_customer = 0;
    for (const auto& row : read_rows(dir.path / "claims.csv")) {
        REQUIRE(row.size() == 6);
        late += row[4] > "2026-06-30" && row[5].empty() ? 1 : 0;
        amending += row[5].empty() ? 0 : 1;
        unknown_asset += row[2] == "MONA" ? 1 : 0;
        unknown_customer += row[1][0] == 'X' ? 1 : 0;
    }
    CHECK(late > 100);
    CHECK(amending > 50);
    CHECK(unknown_asset >= 1);
    CHECK(unknown_customer >= 5);
}

TEST_CASE("synth: every amount follows the grammar of its asset and some balances are negative") {
    TempDir dir;
    (void)write_synth_case(dir.path, {.customers_count = 5'000, .assets_count = 10, .seed = 3});
    std::map<std::string, int> decimals;
    for (const auto& asset : kanzai::tools::synth_assets()) {
        decimals[std::string(asset.id)] = asset.decimals;
    }
    int negative = 0;
    for (const auto& row : read_rows(dir.path / "ledger.csv")) {
        REQUIRE(row.size() == 4);
        const auto parsed = kanzai::engine::parse_amount(row[3], decimals.at(row[2]));
        INFO(row[0], " ", row[2], " ", row[3]);
        CHECK(parsed.ok());
        CHECK(parsed.fraction_digits == decimals.at(row[2]));
        negative += parsed.count < 0 ? 1 : 0;
    }
    CHECK(negative > 0);
    for (const auto& row : read_rows(dir.path / "claims.csv")) {
        if (row[2] == "MONA") {
            continue;
        }
        const auto parsed = kanzai::engine::parse_amount(row[3], decimals.at(row[2]));
        INFO(row[0], " ", row[3]);
        CHECK(parsed.ok());
        CHECK(parsed.count > 0);
    }
}

TEST_CASE("synth: an occupied folder is refused with exit 4 and left untouched") {
    TempDir dir;
    const fs::path keep = dir.path / "keep.txt";
    std::ofstream(keep) << "mine";
    const int code = kanzai::tools::run_synth({.folder = dir.path.string(), .customers = 10});
    CHECK(code == kanzai::tools::exit_io);
    CHECK(read_file(keep) == "mine");
    CHECK(!fs::exists(dir.path / "case.toml"));
    CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);

    const fs::path fresh = dir.path / "nested" / "case";
    CHECK(kanzai::tools::run_synth({.folder = fresh.string(), .customers = 10}) ==
          kanzai::tools::exit_done);
    CHECK(fs::exists(fresh / "payments.csv"));
    CHECK(kanzai::tools::run_synth({.folder = (dir.path / "x").string(), .customers = 0}) ==
          kanzai::tools::exit_usage);
}

TEST_CASE("synth: the case passes kanzai check (loads and determines without an error)") {
    // Several seeds and asset counts, so every generated shape meets the real loader.
    const std::pair<int, std::uint64_t> plans[] = {{1, 5}, {5, 6}, {10, 7}};
    for (const auto& [assets, seed] : plans) {
        CAPTURE(assets);
        CAPTURE(seed);
        TempDir dir;
        (void)write_synth_case(dir.path, {.customers_count = 2'000,
                                          .assets_count = assets,
                                          .seed = seed});
        kanzai::claims::Diagnostics diagnostics;
        const kanzai::claims::Case loaded = kanzai::claims::load_case(dir.path, diagnostics);
        for (const auto& diagnostic : diagnostics.sorted()) {
            FAIL_CHECK(diagnostic.text());
        }
        REQUIRE(diagnostics.empty());
        const kanzai::claims::Determination determination =
            kanzai::claims::determine_claims(loaded, diagnostics);
        for (const auto& diagnostic : diagnostics.sorted()) {
            FAIL_CHECK(diagnostic.text());
        }
        CHECK(diagnostics.empty());
        CHECK(loaded.customers.size() == 2'000);
        CHECK(determination.decisions.size() >= loaded.claims.size());
    }
}
