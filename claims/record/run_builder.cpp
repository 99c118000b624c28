// The output rows of a run, as exact text.
#include "claims/record/run_builder.hpp"

#include <algorithm>
#include <tuple>

#include "claims/determine/reasons.hpp"
#include "engine/assert.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {
namespace {

// An amount written into a reused string (its capacity stays: no allocation per row).
void assign_units(std::string& out, const Case& loaded, std::uint32_t asset_index,
                  Int128 count) {
    out.clear();
    if (asset_index == no_index) {
        out += '0';  // SPEC: amounts of an unknown asset print as 0
        return;
    }
    engine::append_units(out, count, loaded.config.assets[asset_index].decimals);
}

void assign_value(std::string& out, const Case& loaded, Int128 count) {
    out.clear();
    engine::append_units(out, count, loaded.config.currency().decimals);
}

std::string units_text(const Case& loaded, std::uint32_t asset_index, Int128 count) {
    std::string text;
    assign_units(text, loaded, asset_index, count);
    return text;
}

std::string value_text(const Case& loaded, Int128 count) {
    std::string text;
    assign_value(text, loaded, count);
    return text;
}

// SPEC `filed`: the claim's amount with the asset's decimals; empty for deemed claims; as
// written for an unknown asset.
void assign_filed(std::string& out, const Case& loaded, const Decision& decision) {
    if (decision.is_deemed) {
        out.clear();
    } else if (decision.asset_index == no_index) {
        out.assign(decision.filed_text(loaded));
    } else {
        assign_units(out, loaded, decision.asset_index, decision.filed(loaded).count);
    }
}

// The names of every source ("pool:BTC", "fund:reserve", "estate:general") and their rank
// in byte order, so that allocations sort by source without building a string per row.
class SourceNames {
public:
    explicit SourceNames(const Case& loaded) {
        const std::size_t assets = loaded.config.assets.size();
        const std::size_t funds = loaded.config.funds.size();
        for (std::uint32_t a = 0; a < assets; ++a) {
            add(engine::SourceKind::pool, a, loaded);
        }
        for (std::uint32_t f = 0; f < funds; ++f) {
            add(engine::SourceKind::fund, f, loaded);
        }
        for (std::uint32_t c = 0; c < engine::estate_classes_count; ++c) {
            add(engine::SourceKind::estate, c, loaded);
        }
        std::vector<std::uint32_t> order(names_.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        std::sort(order.begin(), order.end(),
                  [this](std::uint32_t x, std::uint32_t y) { return names_[x] < names_[y]; });
        rank_.resize(names_.size());
        for (std::uint32_t r = 0; r < order.size(); ++r) {
            rank_[order[r]] = r;
        }
        fund_base_ = static_cast<std::uint32_t>(assets);
        estate_base_ = static_cast<std::uint32_t>(assets + funds);
    }

    [[nodiscard]] const std::string& name(const engine::Allocation& a) const {
        return names_[slot(a)];
    }
    [[nodiscard]] std::uint32_t rank(const engine::Allocation& a) const {
        return rank_[slot(a)];
    }

private:
    void add(engine::SourceKind kind, std::uint32_t index, const Case& loaded) {
        engine::Allocation probe;
        probe.source_kind = kind;
        probe.source_index = index;
        names_.push_back(source_name(loaded, probe));
    }
    [[nodiscard]] std::uint32_t slot(const engine::Allocation& a) const {
        switch (a.source_kind) {
            case engine::SourceKind::pool:
                return a.source_index;
            case engine::SourceKind::fund:
                return fund_base_ + a.source_index;
            case engine::SourceKind::estate:
                return estate_base_ + a.source_index;
        }
        KANZAI_ASSERT(false);
        return 0;
    }

    std::vector<std::string> names_;
    std::vector<std::uint32_t> rank_;
    std::uint32_t fund_base_ = 0;
    std::uint32_t estate_base_ = 0;
};

// allocations.csv order (SPEC: claim_id, portion, source; creditor lines carry
// "creditor:<id>" as claim id) as a permutation of the engine's allocations, computed from
// indices: decisions are sorted by claim_id, so a claim line ranks 2*d+1 by its decision d
// and a creditor line 2*p, where p is the first decision not below its id (2*p+1 when equal).
// Strings are compared only between creditor lines of one rank.
std::vector<std::uint32_t> allocation_order(const Case& loaded,
                                            const Determination& determination,
                                            const Distribution& distribution,
                                            const SourceNames& sources) {
    const std::vector<engine::Allocation>& allocations = distribution.result.allocations;
    const std::vector<Decision>& decisions = determination.decisions;
    std::vector<std::uint32_t> rank(allocations.size());
    std::vector<std::string> creditor_ids(distribution.input.creditors.size());
    for (std::size_t c = 0; c < creditor_ids.size(); ++c) {
        creditor_ids[c] =
            "creditor:" + loaded.creditors[distribution.input.creditors[c].creditor_index].id;
    }
    std::vector<std::uint32_t> creditor_rank(creditor_ids.size());
    for (std::size_t c = 0; c < creditor_ids.size(); ++c) {
        const std::string& id = creditor_ids[c];
        const auto found = std::lower_bound(
            decisions.begin(), decisions.end(), id,
            [](const Decision& decision, std::string_view key) {
                return decision.claim_id < key;
            });
        const auto p = static_cast<std::uint32_t>(found - decisions.begin());
        creditor_rank[c] = found != decisions.end() && found->claim_id == id ? 2 * p + 1 : 2 * p;
    }
    // Within a claim: portion ("admitted" < "disputed" in bytes too), then source name.
    std::vector<std::uint8_t> portion(allocations.size(), 0);
    for (std::size_t i = 0; i < allocations.size(); ++i) {
        const engine::Allocation& allocation = allocations[i];
        if (allocation.is_creditor) {
            rank[i] = creditor_rank[allocation.recipient_index];
            continue;
        }
        const engine::WaterfallLine& line = distribution.input.lines[allocation.recipient_index];
        rank[i] = 2 * line.decision_index + 1;
        portion[i] = line.portion == engine::Portion::admitted ? 0 : 1;
    }
    std::vector<std::uint32_t> order(allocations.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        if (rank[a] != rank[b]) {
            return rank[a] < rank[b];
        }
        const engine::Allocation& x = allocations[a];
        const engine::Allocation& y = allocations[b];
        if (x.is_creditor && y.is_creditor && x.recipient_index != y.recipient_index) {
            return creditor_ids[x.recipient_index] < creditor_ids[y.recipient_index];
        }
        if (portion[a] != portion[b]) {
            return portion[a] < portion[b];
        }
        return sources.rank(x) < sources.rank(y);
    });
    return order;
}

}  // namespace

void for_each_decision_record(const Case& loaded, const Determination& determination,
                              const std::function<void(const DecisionRecord&)>& on_row) {
    DecisionRecord record;
    for (const Decision& d : determination.decisions) {
        record.claim_id.assign(d.claim_id);
        record.customer_id.assign(d.customer_id(loaded));
        record.claimant_id.assign(determination.claimant_id(loaded, d));
        record.payee_id.assign(d.payee_id(loaded));
        record.asset.assign(d.asset(loaded));
        assign_filed(record.filed, loaded, d);
        assign_units(record.ledger, loaded, d.asset_index, d.ledger.count);
        assign_units(record.admitted, loaded, d.asset_index, d.admitted.count);
        assign_units(record.disputed, loaded, d.asset_index, d.disputed.count);
        record.claim_class.assign(text_of(d.claim_class));
        record.code = d.full_code();
        record.reason.clear();
        append_reason(record.reason, loaded, d);  // rendered here, never stored
        assign_value(record.value, loaded, d.value.count);
        on_row(record);
    }
}

void for_each_allocation_record(const Case& loaded, const Determination& determination,
                                const Distribution& distribution,
                                const std::function<void(const AllocationRecord&)>& on_row) {
    const SourceNames sources(loaded);
    const std::vector<engine::Allocation>& allocations = distribution.result.allocations;
    AllocationRecord record;
    for (const std::uint32_t i : allocation_order(loaded, determination, distribution, sources)) {
        const engine::Allocation& allocation = allocations[i];
        if (allocation.is_creditor) {
            const auto& creditor = distribution.input.creditors[allocation.recipient_index];
            record.claim_id.assign("creditor:");
            record.claim_id += loaded.creditors[creditor.creditor_index].id;
            record.portion.assign("admitted");
        } else {
            const auto& line = distribution.input.lines[allocation.recipient_index];
            record.claim_id.assign(determination.decisions[line.decision_index].claim_id);
            record.portion.assign(line.portion == engine::Portion::admitted ? "admitted"
                                                                            : "disputed");
        }
        record.source.assign(sources.name(allocation));
        record.asset.assign(loaded.config.assets[allocation.asset_index].id);
        assign_units(record.amount, loaded, allocation.asset_index, allocation.amount);
        record.tranche = allocation.tranche;
        // The pool split weighs lines by their units of the pool's asset; funds and the
        // estate by value, in the currency they pay in.
        const std::uint32_t weight_asset = allocation.source_kind == engine::SourceKind::pool
                                               ? allocation.source_index
                                               : allocation.asset_index;
        assign_units(record.weight, loaded, weight_asset, allocation.weight);
        on_row(record);
    }
}

void for_each_payout_record(const Case& loaded, const PayoutSchedule& schedule,
                            const std::function<void(const PayoutRecord&)>& on_row) {
    PayoutRecord record;
    int number = 0;
    for (const Payout& payout : schedule.payouts) {
        record.payout_id = ++number;
        record.payee_id.assign(payout.payee_id);
        record.asset.assign(loaded.config.assets[payout.asset_index].id);
        assign_units(record.amount, loaded, payout.asset_index, payout.amount);
        record.tranche = payout.tranche;
        record.status.assign(text_of(payout.status));
        on_row(record);
    }
}

namespace {

std::vector<SourceRecord> source_records(const Case& loaded, const Distribution& distribution) {
    const CaseConfig& config = loaded.config;
    const engine::WaterfallResult& result = distribution.result;
    const std::string& currency = config.currency().id;
    std::vector<SourceRecord> records;
    for (std::uint32_t a = 0; a < result.pools.size(); ++a) {
        const engine::PoolResult& pool = result.pools[a];
        records.push_back({.source = "pool:" + config.assets[a].id,
                           .asset = config.assets[a].id,
                           // What was split: the pool less its cost.
                           .available = units_text(loaded, a, pool.pool.count - pool.cost.count),
                           .weights = units_text(loaded, a, pool.claims.count),
                           .allocated = units_text(loaded, a, pool.allocated.count),
                           .left = units_text(loaded, a, pool.surplus.count),
                           .tranche = 1});
    }
    for (std::size_t f = 0; f < result.funds.size(); ++f) {
        const engine::FundResult& fund = result.funds[f];
        records.push_back({.source = "fund:" + config.funds[f].id,
                           .asset = currency,
                           .available = value_text(loaded, fund.available.count),
                           .weights = value_text(loaded, fund.eligible.count),
                           .allocated = value_text(loaded, fund.allocated.count),
                           .left = value_text(loaded, fund.leftover.count),
                           .tranche = config.funds[f].tranche});
    }
    Int128 remaining = result.estate.available.count;
    for (std::size_t c = 0; c < engine::estate_classes_count; ++c) {
        const auto class_id = static_cast<engine::EstateClass>(c);
        const bool is_convenience = class_id == engine::EstateClass::convenience;
        if (is_convenience && !config.convenience) {
            continue;  // a v2 case keeps its record
        }
        const engine::EstateClassResult& estate_class = result.estate.classes[c];
        const Int128 after = remaining - estate_class.allocated.count;
        records.push_back({.source = std::string("estate:") + engine::text_of(class_id),
                           .asset = currency,
                           .available = value_text(loaded, remaining),
                           .weights = value_text(loaded, estate_class.claims.count),
                           .allocated = value_text(loaded, estate_class.allocated.count),
                           .left = value_text(loaded, after),
                           .tranche = is_convenience ? config.convenience->tranche
                                                     : result.estate.tranche});
        remaining = after;
    }
    KANZAI_ASSERT(remaining == result.estate.residue.count);
    return records;
}

}  // namespace

RunRecord build_run_header(const Case& loaded, const Determination& determination,
                           const Distribution& distribution) {
    RunRecord record;
    record.engine = std::string("kanzai ") + KANZAI_VERSION;
    record.case_name = loaded.config.name;
    for (const InputFile& input : loaded.inputs) {
        record.inputs.push_back({.name = input.name, .sha256 = input.sha256});
    }
    record.sources = source_records(loaded, distribution);
    for (const SetOff& set_off : determination.set_offs) {
        record.set_offs.push_back(
            {.customer_id = loaded.customers[set_off.customer_index].id,
             .debt = value_text(loaded, set_off.debt.count),
             .positive_value = value_text(loaded, set_off.positive_value.count),
             .receivable = value_text(loaded, set_off.receivable.count)});
    }
    return record;
}

}  // namespace kanzai::claims
