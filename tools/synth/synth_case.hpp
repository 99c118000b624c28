// `kanzai synth`: a realistic synthetic case folder of any size, streamed customer by
// customer (SPEC "The case folder"). Deterministic per seed: the same plan gives the same
// bytes. Only per-asset totals are kept in memory, so 10,000,000 customers fit easily.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "engine/money.hpp"

namespace kanzai::tools {

inline constexpr int synth_assets_max = 10;

struct SynthPlan {
    std::uint64_t customers_count = 0;  // >= 1
    int assets_count = 5;               // 1..synth_assets_max, the case currency JPY included
    std::uint64_t seed = 1;
    // SPEC v3's rules too: a record date, a pool cost, a distribution price and paid_in, a
    // convenience class, elections and failed payments.
    bool v3_rules = false;
};

// One asset of the synthetic case: its SPEC parameters and how the population holds it.
struct SynthAsset {
    std::string_view id;
    int decimals = 0;
    std::string_view price;
    engine::Int128 price_milli_yen = 0;  // the price in thousandths of a yen, for sizing
    std::uint64_t holders_per_10000 = 0;
    std::uint64_t pool_per_1000 = 0;  // segregated pool / liabilities (1000 = whole)
};

[[nodiscard]] const std::array<SynthAsset, synth_assets_max>& synth_assets();

// What was written, for the command's summary and the tests.
struct SynthCounts {
    std::uint64_t customers = 0;
    std::uint64_t ledger = 0;
    std::uint64_t claims = 0;
    std::uint64_t identities = 0;
    std::uint64_t transfers = 0;
    std::uint64_t determinations = 0;
    std::uint64_t payments = 0;
    std::uint64_t holdings = 0;
    std::uint64_t creditors = 0;
    std::uint64_t elections = 0;
};

// Writes every file of a case folder into `folder` (which must exist and be empty).
// Throws claims::IoError when a file cannot be written.
[[nodiscard]] SynthCounts write_synth_case(const std::filesystem::path& folder,
                                           const SynthPlan& plan);

}  // namespace kanzai::tools
