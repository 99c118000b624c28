// One customer of `kanzai synth` and every row that hangs off it (accounts, claims,
// identities, transfers, determinations, payments). Internal to synth_case.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>

#include "engine/money.hpp"
#include "tools/synth/synth_case.hpp"
#include "tools/synth/synth_csv.hpp"

namespace kanzai::tools {

struct SynthFiles {
    SynthFiles(const std::filesystem::path& folder, const SynthPlan& plan);
    void close();

    CsvFile customers;
    CsvFile ledger;
    CsvFile claims;
    CsvFile identities;
    CsvFile transfers;
    CsvFile determinations;
    CsvFile payments;
};

// Sums over customers: what the holdings and funds are sized from.
struct SynthTotals {
    std::array<engine::Int128, synth_assets_max> liability_units{};  // positive entitlements
};

// Writes customer `index` (0-based) and its rows; adds its positive entitlements to totals.
void write_customer(SynthFiles& files, SynthTotals& totals, const SynthPlan& plan,
                    std::uint64_t index);

}  // namespace kanzai::tools
