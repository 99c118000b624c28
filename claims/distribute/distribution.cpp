// Builds the waterfall input from a determined case and runs it.
#include "claims/distribute/distribution.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "engine/assert.hpp"

namespace kanzai::claims {
namespace {

engine::EstateClass estate_class_of(CreditorClass creditor_class) {
    switch (creditor_class) {
        case CreditorClass::admin:
            return engine::EstateClass::admin;
        case CreditorClass::priority:
            return engine::EstateClass::priority;
        case CreditorClass::general:
            return engine::EstateClass::general;
        case CreditorClass::subordinated:
            return engine::EstateClass::subordinated;
    }
    KANZAI_ASSERT(false);
    return engine::EstateClass::general;
}

std::vector<engine::WaterfallAsset> waterfall_assets(const Case& loaded) {
    const CaseConfig& config = loaded.config;
    std::vector<engine::WaterfallAsset> assets(config.assets.size());
    for (std::uint32_t a = 0; a < assets.size(); ++a) {
        assets[a].valuation = config.valuation(a);
        assets[a].estate_price = config.assets[a].estate_price;
        assets[a].cost = config.assets[a].pool_cost;
    }
    // SPEC: only `held` rows distribute; segregated ones (guarantee included) form the pool,
    // the others belong to the estate.
    for (const Holding& holding : loaded.holdings) {
        if (holding.status != HoldingStatus::held) {
            continue;
        }
        engine::WaterfallAsset& asset = assets[holding.asset_index];
        Units& target = holding.segregated ? asset.pool : asset.non_segregated;
        target = engine::add(target, holding.amount);
    }
    return assets;
}

void add_lines(const Determination& determination, engine::WaterfallInput& input) {
    // At most two lines per decision: reserved (address space; pages are touched as lines
    // are written), so millions of lines never regrow and copy themselves.
    input.lines.reserve(input.lines.size() + 2 * determination.decisions.size());
    for (std::uint32_t d = 0; d < determination.decisions.size(); ++d) {
        const Decision& decision = determination.decisions[d];
        if (decision.claim_class == ClaimClass::none) {
            continue;
        }
        KANZAI_ASSERT(decision.asset_index != no_index);
        KANZAI_ASSERT(decision.claimant_index != no_index);
        const engine::LineClass line_class = decision.claim_class == ClaimClass::customer
                                                 ? engine::LineClass::customer
                                                 : engine::LineClass::subordinated;
        const std::pair<engine::Portion, Units> portions[] = {
            {engine::Portion::admitted, decision.admitted},
            {engine::Portion::disputed, decision.disputed}};
        for (const auto& [portion, units] : portions) {
            if (units.count > 0) {
                input.lines.push_back({.decision_index = d,
                                       .portion = portion,
                                       .line_class = line_class,
                                       .asset_index = decision.asset_index,
                                       .claimant_index = decision.claimant_index,
                                       .units = units});
            }
        }
    }
}

// SPEC [convenience] for the engine; a claimant has elected the class when one of its own
// customers has a convenience election.
engine::WaterfallConvenience convenience_of(const Case& loaded,
                                            const Determination& determination) {
    const ConvenienceRule& rule = *loaded.config.convenience;
    engine::WaterfallConvenience convenience{
        .threshold = rule.threshold,
        .rate = rule.rate,
        .rounding = loaded.config.rules.valuation_rounding,
        .tranche = rule.tranche,
        .elective = rule.elective,
        .elected = std::vector<bool>(determination.claimant_ids.size(), false),
        .line_claims = {}};
    for (const Election& election : loaded.elections) {
        if (election.kind == ElectionKind::convenience) {
            const std::uint32_t claimant =
                determination.claimant_of_customer[election.customer_index];
            if (claimant != no_index) {
                convenience.elected[claimant] = true;
            }
        }
    }
    return convenience;
}

}  // namespace

engine::WaterfallInput build_waterfall_input(const Case& loaded,
                                             const Determination& determination) {
    const CaseConfig& config = loaded.config;
    engine::WaterfallInput input;
    input.currency_index = config.currency_index;
    input.assets = waterfall_assets(loaded);
    input.claimants_count = static_cast<std::uint32_t>(determination.claimant_ids.size());
    // Decisions are sorted by claim_id, so lines come out in SPEC line order.
    KANZAI_ASSERT(std::is_sorted(
        determination.decisions.begin(), determination.decisions.end(),
        [](const Decision& a, const Decision& b) { return a.claim_id < b.claim_id; }));
    add_lines(determination, input);
    for (const Fund& fund : config.funds) {
        engine::WaterfallFund spec{.amount = fund.amount,
                                   .tranche = fund.tranche,
                                   .floor = fund.floor,
                                   .cap = fund.cap,
                                   .covers_asset = std::vector<bool>(config.assets.size(),
                                                                     !fund.asset_indexes),
                                   .leftover_to_next = fund.leftover == Leftover::next};
        if (fund.asset_indexes) {
            for (const std::uint32_t a : *fund.asset_indexes) {
                spec.covers_asset[a] = true;
            }
        }
        input.funds.push_back(std::move(spec));
    }
    std::vector<std::uint32_t> creditor_order(loaded.creditors.size());
    for (std::uint32_t i = 0; i < creditor_order.size(); ++i) {
        creditor_order[i] = i;
    }
    std::sort(creditor_order.begin(), creditor_order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return loaded.creditors[a].id < loaded.creditors[b].id;
    });
    for (const std::uint32_t c : creditor_order) {
        const Creditor& creditor = loaded.creditors[c];
        input.creditors.push_back({.creditor_index = c,
                                   .estate_class = estate_class_of(creditor.creditor_class),
                                   .amount = creditor.amount});
    }
    input.estate_cash = config.estate_cash;
    input.estate_tranche = config.estate_tranche;
    if (config.convenience) {
        input.convenience = convenience_of(loaded, determination);
    }
    return input;
}

std::optional<Diagnostic> apply_convenience_class(const Case& loaded,
                                                  const Determination& determination,
                                                  engine::WaterfallInput& input) {
    const std::optional<std::uint32_t> claimant = engine::apply_convenience_class(input);
    if (!claimant) {
        return std::nullopt;
    }
    const ConvenienceRule& rule = *loaded.config.convenience;
    return Diagnostic{
        .loc = {.file = "case.toml", .line = rule.rate_line, .column = rule.rate_column},
        .message = fmt::format("convenience.rate gives claimant \"{}\" a convenience claim above "
                               "2^127-1 minor units of {}",
                               determination.claimant_ids[*claimant],
                               loaded.config.currency().id)};
}

Distribution distribute(const Case& loaded, const Determination& determination) {
    Distribution distribution;
    distribution.input = build_waterfall_input(loaded, determination);
    // check_computed_figures found every convenience claim above 2^127 - 1 before this.
    KANZAI_ASSERT(!apply_convenience_class(loaded, determination, distribution.input));
    distribution.result = engine::run_waterfall(distribution.input);
    return distribution;
}

std::string source_name(const Case& loaded, const engine::Allocation& allocation) {
    switch (allocation.source_kind) {
        case engine::SourceKind::pool:
            return "pool:" + loaded.config.assets[allocation.source_index].id;
        case engine::SourceKind::fund:
            return "fund:" + loaded.config.funds[allocation.source_index].id;
        case engine::SourceKind::estate:
            KANZAI_ASSERT(allocation.source_index < engine::estate_classes_count);
            return std::string("estate:") +
                   engine::text_of(static_cast<engine::EstateClass>(allocation.source_index));
    }
    KANZAI_ASSERT(false);
    return {};
}

}  // namespace kanzai::claims
