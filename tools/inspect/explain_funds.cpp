// Fund stages for explain. The per-claimant sums come from the record (each fund line's
// weight is its remaining shortfall value before the fund, its amount what the fund paid
// it); the floors' total is the engine's own (engine/fund_floors.hpp).
#include "tools/inspect/explain_funds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "engine/decimal.hpp"
#include "engine/fund_floors.hpp"
#include "tools/inspect/diff_config.hpp"

namespace kanzai::tools {

namespace {

using claims::AllocationRecord;
using engine::Int128;

struct Sums {
    Int128 shortfall = 0;  // sum of weights
    Int128 awarded = 0;    // sum of amounts
};

Int128 units(std::string_view text, int decimals) {
    const engine::DecimalParse parse = engine::parse_amount(text, decimals);
    return parse.ok() ? parse.count : 0;
}

const claims::SourceRecord* find_source(const claims::RunRecord& run, std::string_view name) {
    for (const claims::SourceRecord& source : run.sources) {
        if (source.source == name) {
            return &source;
        }
    }
    return nullptr;
}

// The stages of every selected line of one fund.
void add_fund(const claims::RunRecord& run, const claims::CaseConfig& config,
              const claims::Fund& fund, const std::vector<const AllocationRecord*>& lines,
              const std::unordered_map<std::string_view, std::string_view>& claimant_of,
              std::vector<FundStageView>& views) {
    const int decimals = config.currency().decimals;
    const claims::SourceRecord* source = find_source(run, lines.front()->source);
    if (source == nullptr) {
        return;
    }
    std::unordered_map<std::string_view, std::size_t> index_of;
    std::vector<Sums> sums;
    for (const AllocationRecord& line : run.allocations) {
        if (line.source != source->source) {
            continue;
        }
        const auto claimant = claimant_of.find(line.claim_id);
        if (claimant == claimant_of.end()) {
            continue;
        }
        const auto [at, is_new] = index_of.emplace(claimant->second, sums.size());
        if (is_new) {
            sums.emplace_back();
        }
        Sums& s = sums[at->second];
        s.shortfall = engine::checked_add(s.shortfall, units(line.weight, decimals));
        s.awarded = engine::checked_add(s.awarded, units(line.amount, decimals));
    }
    std::vector<Int128> eligible;
    std::vector<Int128> awarded;
    for (const Sums& s : sums) {
        eligible.push_back(fund.cap ? std::min(s.shortfall, fund.cap->count) : s.shortfall);
        awarded.push_back(std::min(s.awarded, eligible.back()));
    }
    const engine::Value available{units(source->available, decimals)};
    const engine::FundFloors floors = engine::compute_fund_floors(
        {.available = available, .eligible = eligible, .awarded = awarded, .floor = fund.floor});
    const bool in_full = !fund.floor || floors.floors.count <= available.count;
    const auto text = [decimals](Int128 count) { return engine::format_units(count, decimals); };
    for (const AllocationRecord* line : lines) {
        const auto claimant = claimant_of.find(line->claim_id);
        if (claimant == claimant_of.end()) {
            continue;
        }
        const std::size_t g = index_of.at(claimant->second);
        const Int128 floor_part =
            !fund.floor ? 0 : (in_full ? std::min(eligible[g], fund.floor->count) : awarded[g]);
        views.push_back({.claim_id = line->claim_id,
                         .portion = line->portion,
                         .source = line->source,
                         .claimant_id = std::string(claimant->second),
                         .floor = fund.floor ? text(fund.floor->count) : std::string(),
                         .cap = fund.cap ? text(fund.cap->count) : std::string(),
                         .shortfall = text(sums[g].shortfall),
                         .eligible = text(eligible[g]),
                         .floors = text(floors.floors.count),
                         .available = source->available,
                         .floors_in_full = in_full,
                         .floor_part = text(floor_part),
                         .rest_part = text(engine::checked_sub(awarded[g], floor_part)),
                         .awarded = text(awarded[g])});
    }
}

}  // namespace

std::vector<FundStageView> fund_stages(const std::string& case_folder,
                                       const claims::RunRecord& run,
                                       const ExplainSelection& selection, std::string& note) {
    std::unordered_set<std::string_view> claim_ids;
    for (const claims::DecisionRecord* d : selection.claims) {
        claim_ids.insert(d->claim_id);
    }
    std::vector<const AllocationRecord*> lines;
    for (const AllocationRecord& line : run.allocations) {
        if (line.source.starts_with("fund:") && claim_ids.contains(line.claim_id)) {
            lines.push_back(&line);
        }
    }
    if (lines.empty()) {
        return {};
    }
    const std::string path = (std::filesystem::path(case_folder) / "case.toml").string();
    std::string why;
    const std::optional<claims::CaseConfig> config = recorded_config(run, path, why);
    if (!config) {
        note = fmt::format("the funds' floor and cap stages are not shown: {}", why);
        return {};
    }
    std::unordered_map<std::string_view, std::string_view> claimant_of;
    std::vector<FundStageView> views;
    for (const claims::Fund& fund : config->funds) {
        if (!fund.floor && !fund.cap) {
            continue;
        }
        std::vector<const AllocationRecord*> of_fund;
        for (const AllocationRecord* line : lines) {
            if (line->source == "fund:" + fund.id) {
                of_fund.push_back(line);
            }
        }
        if (of_fund.empty()) {
            continue;
        }
        if (claimant_of.empty()) {
            for (const claims::DecisionRecord& d : run.decisions) {
                claimant_of.emplace(d.claim_id, d.claimant_id);
            }
        }
        add_fund(run, *config, fund, of_fund, claimant_of, views);
    }
    return views;
}

}  // namespace kanzai::tools
