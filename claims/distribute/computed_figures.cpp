#include "claims/distribute/computed_figures.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include <fmt/format.h>
#include <utility>

#include "claims/distribute/distribution.hpp"
#include "claims/distribute/payouts.hpp"

namespace kanzai::claims {
namespace {

// rate * threshold fits: no convenience claim k_g = rate * min(c_g, threshold) can pass it.
bool is_convenience_bounded(const CaseConfig& config) {
    if (!config.convenience) {
        return true;
    }
    const ConvenienceRule& rule = *config.convenience;
    const engine::Valuation at_rate{.asset_decimals = 0,
                                    .currency_decimals = 0,
                                    .price = rule.rate,
                                    .rounding = engine::Rounding::down};
    // threshold "units" at the rate's "price" with no decimals: threshold * rate, rounded
    // down (half-even adds at most one, which the strict bound below leaves room for).
    const std::optional<Value> most = engine::try_value_of(Units{rule.threshold.count}, at_rate);
    return most && most->count < engine::int128_max;
}

// Every amount an allocation could have, converted into every asset it could be paid in,
// fits: fund and estate allocations are at most the funds plus the estate's cash and every
// held holding at estate_price; a pool allocation at most the asset's held units.
bool are_conversions_bounded(const Case& loaded) {
    const CaseConfig& config = loaded.config;
    std::vector<engine::UInt128> held(config.assets.size(), 0);
    for (const Holding& holding : loaded.holdings) {
        if (holding.status == HoldingStatus::held) {
            held[holding.asset_index] += static_cast<engine::UInt128>(holding.amount.count);
        }
    }
    // Each term is below 2^127, so the unsigned sum cannot wrap before it is found too large.
    engine::UInt128 most = static_cast<engine::UInt128>(config.estate_cash.count);
    const auto add = [&most](Int128 amount) {
        most = std::min(most + static_cast<engine::UInt128>(amount),
                        static_cast<engine::UInt128>(engine::int128_max) + 1);
    };
    for (const Fund& fund : config.funds) {
        add(fund.amount.count);
    }
    for (std::uint32_t a = 0; a < config.assets.size(); ++a) {
        if (held[a] > static_cast<engine::UInt128>(engine::int128_max)) {
            return false;
        }
        const std::optional<Value> value = engine::try_value_of(
            Units{static_cast<Int128>(held[a])}, config.estate_valuation(a));
        if (!value) {
            return false;
        }
        add(value->count);
    }
    if (most > static_cast<engine::UInt128>(engine::int128_max)) {
        return false;
    }
    std::vector<bool> is_target(config.assets.size(), false);
    if (config.convert_to != no_index) {
        is_target[config.convert_to] = true;
    }
    for (const Election& election : loaded.elections) {
        if (election.kind == ElectionKind::convert) {
            is_target[election.asset_index] = true;
        }
    }
    for (std::uint32_t b = 0; b < config.assets.size(); ++b) {
        if (!is_target[b] || b == config.currency_index) {
            continue;
        }
        engine::Valuation at_distribution_price = config.valuation(b);
        at_distribution_price.price = *config.assets[b].distribution_price;
        if (!engine::try_units_of(Value{static_cast<Int128>(most)}, at_distribution_price)) {
            return false;
        }
    }
    return true;
}

}  // namespace

void check_computed_figures(const Case& loaded, const Determination& determination,
                            Diagnostics& diagnostics) {
    const CaseConfig& config = loaded.config;
    // With a rate of at most 1 the class's claims are at most the customer lines' values,
    // which determination bounds; above 1 their sum is computed.
    const Price one{engine::pow10(engine::price_decimals)};
    const bool is_convenience_exact =
        config.convenience && (!is_convenience_bounded(config) || config.convenience->rate > one);
    const bool is_conversion_exact = !are_conversions_bounded(loaded);
    if (!is_convenience_exact && !is_conversion_exact) {
        return;
    }
    engine::WaterfallInput input = build_waterfall_input(loaded, determination);
    if (std::optional<Diagnostic> error = apply_convenience_class(loaded, determination, input)) {
        diagnostics.error(std::move(error->loc), std::move(error->message));
        return;
    }
    if (input.convenience) {
        engine::UInt128 claims = 0;
        for (const Int128 claim : input.convenience->line_claims) {
            claims = std::min(claims + static_cast<engine::UInt128>(claim),
                              static_cast<engine::UInt128>(engine::int128_max) + 1);
        }
        if (claims > static_cast<engine::UInt128>(engine::int128_max)) {
            const ConvenienceRule& rule = *config.convenience;
            diagnostics.error({.file = "case.toml", .line = rule.rate_line,
                               .column = rule.rate_column},
                              fmt::format("convenience.rate makes the convenience class's "
                                          "claims pass 2^127-1 minor units of {}",
                                          config.currency().id));
            return;
        }
    }
    if (!is_conversion_exact) {
        return;
    }
    Distribution distribution;
    distribution.input = std::move(input);
    distribution.result = engine::run_waterfall(distribution.input);
    PayoutSchedule schedule = schedule_payouts(loaded, determination, distribution);
    for (Diagnostic& error : schedule.conversion_errors) {
        diagnostics.error(std::move(error.loc), std::move(error.message));
    }
}

}  // namespace kanzai::claims
