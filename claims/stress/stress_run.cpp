// A scenario's case, its determination and full distribution, and the stress figures.
#include "claims/stress/stress_run.hpp"

#include <fmt/format.h>

#include "claims/determine/bounds.hpp"
#include "claims/determine/determine.hpp"
#include "claims/distribute/distribution.hpp"
#include "engine/assert.hpp"
#include "engine/wide.hpp"

namespace kanzai::claims {
namespace {

// SPEC: `lost` takes floor(P_a * f) units of the pool, `lost_units` at most the pool; both
// before the pool's cost, which the waterfall then takes from what is left.
void take_losses(const Scenario& scenario, engine::WaterfallInput& input) {
    for (const ScenarioLoss& loss : scenario.losses) {
        Units& pool = input.assets[loss.asset_index].pool;
        const Int128 lost =
            loss.is_fraction
                ? engine::mul_div(pool.count, loss.amount, engine::pow10(engine::price_decimals))
                      .quotient
                : std::min(loss.amount, pool.count);
        KANZAI_ASSERT(lost >= 0);
        KANZAI_ASSERT(lost <= pool.count);
        pool = engine::sub(pool, Units{lost});
    }
}

// Per claimant, over its customer-class lines (convenience ones included): their value, what
// their allocations recover, and whether one still has value left after the funds / after
// the estate. A convenience line's claim is its share of k_g, paid only by the estate.
StressFigures claimant_figures(const Case& loaded, const Distribution& distribution) {
    const engine::WaterfallInput& input = distribution.input;
    const engine::WaterfallResult& result = distribution.result;
    std::vector<Int128> estate_paid(input.lines.size(), 0);
    std::vector<Int128> recovered(input.claimants_count, 0);
    for (const engine::Allocation& allocation : result.allocations) {
        if (allocation.is_creditor) {
            continue;
        }
        const engine::WaterfallLine& line = input.lines[allocation.recipient_index];
        if (line.line_class == engine::LineClass::subordinated) {
            continue;
        }
        if (allocation.source_kind == engine::SourceKind::estate) {
            estate_paid[allocation.recipient_index] =
                engine::checked_add(estate_paid[allocation.recipient_index], allocation.amount);
        }
        recovered[line.claimant_index] = engine::checked_add(
            recovered[line.claimant_index],
            recovered_value_of(allocation, line, result.lines[allocation.recipient_index],
                               loaded.config.valuation(allocation.asset_index)));
    }
    std::vector<Int128> value(input.claimants_count, 0);
    std::vector<bool> is_short_after_funds(input.claimants_count, false);
    std::vector<bool> is_short(input.claimants_count, false);
    for (std::size_t i = 0; i < input.lines.size(); ++i) {
        const engine::WaterfallLine& line = input.lines[i];
        const std::uint32_t g = line.claimant_index;
        if (line.line_class == engine::LineClass::subordinated) {
            continue;
        }
        value[g] = engine::checked_add(value[g], result.lines[i].line_value.count);
        const Int128 claim_after_funds = line.line_class == engine::LineClass::convenience
                                             ? input.convenience->line_claims[i]
                                             : result.lines[i].shortfall_remaining.count;
        is_short_after_funds[g] = is_short_after_funds[g] || claim_after_funds > 0;
        is_short[g] = is_short[g] || claim_after_funds > estate_paid[i];
        KANZAI_ASSERT(estate_paid[i] <= claim_after_funds);
    }
    StressFigures figures;
    for (std::uint32_t g = 0; g < input.claimants_count; ++g) {
        if (value[g] == 0) {
            continue;
        }
        ++figures.claimants;
        figures.claims_value = engine::add(figures.claims_value, Value{value[g]});
        figures.recovered_value = engine::add(figures.recovered_value, Value{recovered[g]});
        figures.whole_after_funds += is_short_after_funds[g] ? 0U : 1U;
        figures.whole += is_short[g] ? 0U : 1U;
    }
    return figures;
}

std::vector<StressFundFigures> fund_figures(const Case& loaded, const Distribution& distribution) {
    std::vector<StressFundFigures> funds;
    const engine::WaterfallResult& result = distribution.result;
    KANZAI_ASSERT(result.fund_claimants.size() == result.funds.size());
    for (std::size_t f = 0; f < result.funds.size(); ++f) {
        const engine::FundResult& fund = result.funds[f];
        const engine::FundClaimants& claimants = result.fund_claimants[f];
        funds.push_back({.available = fund.available,
                         .allocated = fund.allocated,
                         .leftover = fund.leftover,
                         .eligible = fund.eligible,
                         .floors = engine::compute_fund_floors(
                             {.available = fund.available,
                              .eligible = claimants.eligible,
                              .awarded = claimants.awarded,
                              .floor = loaded.config.funds[f].floor})});
    }
    return funds;
}

// Moves the scenario's errors to the scenario file, keeping where in the case they arise.
void report_at_scenario(const Diagnostics& found, const Scenario& scenario,
                        const std::string& scenario_file, Diagnostics& diagnostics) {
    for (const Diagnostic& diagnostic : found.sorted()) {
        diagnostics.error({.file = scenario_file, .line = scenario.line, .column = 1},
                          fmt::format("scenario \"{}\" makes the case invalid: {}", scenario.id,
                                      diagnostic.text()));
    }
}

// Distributes the case as loaded.config now stands. Its claims are determined again only
// when the scenario replaces a price: nothing else in the determination reads a price, fund
// amount or cash, except the bounds on the estate's money, which are checked again here.
std::optional<StressFigures> figures_of(const Case& loaded, const Determination& base,
                                        const Scenario& scenario, Diagnostics& found) {
    std::optional<Determination> own;
    if (scenario.prices.empty()) {
        check_distribution_bounds(loaded, base.decisions, found);
    } else {
        own = determine_claims(loaded, found);
    }
    if (!found.empty()) {
        return std::nullopt;
    }
    const Determination& determination = own ? *own : base;
    Distribution distribution;
    distribution.input = build_waterfall_input(loaded, determination);
    take_losses(scenario, distribution.input);
    distribution.input.keeps_fund_claimants = true;
    if (std::optional<Diagnostic> error =
            apply_convenience_class(loaded, determination, distribution.input)) {
        found.error(error->loc, error->message);
        return std::nullopt;
    }
    distribution.result = engine::run_waterfall(distribution.input);
    StressFigures figures = claimant_figures(loaded, distribution);
    figures.percentiles = recovery_rate_percentiles(loaded, distribution);
    figures.funds = fund_figures(loaded, distribution);
    return figures;
}

// `config` (a copy of the case's) with the scenario's prices, estate prices, fund amounts
// and cash in place. A price replaces estate_price too unless estate_prices names the asset.
void apply_scenario(const Scenario& scenario, CaseConfig& config) {
    for (const ScenarioPrice& price : scenario.prices) {
        config.assets[price.asset_index].price = price.price;
        config.assets[price.asset_index].estate_price = price.price;
    }
    for (const ScenarioPrice& price : scenario.estate_prices) {
        config.assets[price.asset_index].estate_price = price.price;
    }
    for (const ScenarioFundAmount& fund : scenario.fund_amounts) {
        config.funds[fund.fund_index].amount = fund.amount;
    }
    if (scenario.cash) {
        config.estate_cash = *scenario.cash;
    }
}

}  // namespace

std::optional<StressFigures> run_scenario(Case& loaded, const CaseConfig& base,
                                          const Determination& base_determination,
                                          const Scenario& scenario,
                                          const std::string& scenario_file,
                                          Diagnostics& diagnostics) {
    loaded.config = base;
    apply_scenario(scenario, loaded.config);
    Diagnostics found;
    std::optional<StressFigures> figures =
        figures_of(loaded, base_determination, scenario, found);
    loaded.config = base;
    if (!found.empty()) {
        report_at_scenario(found, scenario, scenario_file, diagnostics);
        return std::nullopt;
    }
    return figures;
}

}  // namespace kanzai::claims
