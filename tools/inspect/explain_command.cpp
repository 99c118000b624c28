// `kanzai explain CASE ID [--run N] [--json]` (SPEC "Command line"): the derivation of a
// claim or customer, read from case.db. Exit 2 when the database, the run or the id is not
// there: each is a wrong input from the user, like a missing case file.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <tuple>

#include "claims/diagnostics.hpp"
#include "claims/determine/transfers.hpp"
#include "claims/distribute/payouts.hpp"
#include "claims/load/load_case.hpp"
#include "engine/convenience.hpp"
#include "engine/decimal.hpp"
#include "tools/run/run_pipeline.hpp"
#include "tools/commands.hpp"
#include "tools/inspect/explain_funds.hpp"
#include "tools/inspect/explain_run.hpp"
#include "tools/inspect/explain_text.hpp"

namespace kanzai::tools {

namespace {

const claims::FileHash* find_file(const std::vector<claims::FileHash>& files,
                                  std::string_view name) {
    const auto found = std::find_if(files.begin(), files.end(), [&](const claims::FileHash& f) {
        return f.name == name;
    });
    return found == files.end() ? nullptr : &*found;
}

// The ledger rows of `customer_ids`, if ledger.csv is byte for byte the one the run read
// (same SHA-256): otherwise today's rows would not explain that run's figures.
LedgerView load_ledger(const std::string& case_folder, const claims::RunRecord& run,
                       const std::set<std::string>& customer_ids) {
    const claims::FileHash* recorded = find_file(run.inputs, "ledger.csv");
    if (recorded == nullptr) {
        return {.shown = false, .note = "the run recorded no ledger.csv", .rows = {}};
    }
    claims::Diagnostics diagnostics;
    const claims::Case loaded = claims::load_case(case_folder, diagnostics);
    if (!diagnostics.empty()) {
        return {.shown = false,
                .note = "the case folder does not load now; see kanzai check",
                .rows = {}};
    }
    const auto current = std::find_if(loaded.inputs.begin(), loaded.inputs.end(),
                                      [](const claims::InputFile& f) {
                                          return f.name == "ledger.csv";
                                      });
    if (current == loaded.inputs.end() || current->sha256 != recorded->sha256) {
        return {.shown = false,
                .note = fmt::format("ledger.csv has changed since run {}", run.number),
                .rows = {}};
    }
    LedgerView view{.shown = true, .note = "", .rows = {}};
    for (const claims::LedgerRow& row : loaded.ledger) {
        const claims::Customer& customer = loaded.customers[row.customer_index];
        if (!customer_ids.contains(customer.id)) {
            continue;
        }
        const claims::Asset& asset = loaded.config.assets[row.asset_index];
        view.rows.push_back({.customer_id = customer.id,
                             .account_id = row.account_id,
                             .asset = asset.id,
                             .balance = engine::format_units(row.balance.count, asset.decimals)});
    }
    std::sort(view.rows.begin(), view.rows.end(), [](const LedgerLine& a, const LedgerLine& b) {
        return std::tie(a.customer_id, a.asset, a.account_id) <
               std::tie(b.customer_id, b.asset, b.account_id);
    });
    return view;
}

std::string units_of(const claims::Case& loaded, std::uint32_t asset, engine::Int128 count) {
    return engine::format_units(count, loaded.config.assets[asset].decimals);
}

std::string value_of(const claims::Case& loaded, engine::Int128 count) {
    return units_of(loaded, loaded.config.currency_index, count);
}

void add_convenience(const ComputedRun& computed, const std::set<std::uint32_t>& claimants,
                     RecomputedView& view) {
    const claims::Case& loaded = computed.loaded;
    const engine::WaterfallInput& input = computed.distribution.input;
    if (!input.convenience) {
        return;
    }
    view.threshold = value_of(loaded, input.convenience->threshold.count);
    for (const std::uint32_t g : claimants) {
        const engine::ConvenienceClaimant claimant = engine::convenience_claimant(input, g);
        ConvenienceView entry{
            .claimant_id = std::string(computed.determination.claimant_ids[g]),
            .value = claimant.value ? value_of(loaded, *claimant.value) : std::string(),
            .in_class = claimant.in_class,
            .by_election = claimant.by_election,
            .above_threshold =
                !claimant.value || *claimant.value > input.convenience->threshold.count,
            .claim = value_of(loaded, claimant.claim),
            .lines = {}};
        for (std::uint32_t i = 0; i < input.lines.size(); ++i) {
            const engine::WaterfallLine& line = input.lines[i];
            if (line.claimant_index == g && line.line_class == engine::LineClass::convenience) {
                entry.lines.push_back(
                    {.claim_id = std::string(
                         computed.determination.decisions[line.decision_index].claim_id),
                     .portion = line.portion == engine::Portion::admitted ? "admitted"
                                                                           : "disputed",
                     .claim = value_of(loaded, input.convenience->line_claims[i])});
            }
        }
        view.convenience.push_back(std::move(entry));
    }
}

void add_paid(const ComputedRun& computed, const std::set<std::string, std::less<>>& claim_ids,
              RecomputedView& view) {
    const claims::Case& loaded = computed.loaded;
    const claims::Distribution& distribution = computed.distribution;
    const std::vector<std::optional<claims::AssetPaid>> paid =
        claims::assets_paid(loaded, computed.determination, distribution);
    for (std::size_t k = 0; k < paid.size(); ++k) {
        const engine::Allocation& allocation = distribution.result.allocations[k];
        const std::string claim_id =
            claims::claim_id_of(loaded, computed.determination, distribution, allocation);
        const std::string portion = claims::portion_of(distribution, allocation);
        if (!claim_ids.contains(claim_id) || !paid[k]) {
            continue;
        }
        const claims::AssetPaid& as_paid = *paid[k];
        PaidView entry{.claim_id = claim_id,
                       .portion = portion,
                       .source = claims::source_name(loaded, allocation),
                       .asset = loaded.config.assets[as_paid.asset_index].id,
                       .amount = units_of(loaded, as_paid.asset_index, as_paid.amount),
                       .converted = as_paid.is_converted,
                       .price_name = "",
                       .price_asset = "",
                       .price = ""};
        if (as_paid.is_converted) {
            // A sale of a pool's asset at its estate_price, or money converted into the
            // asset paid at that asset's distribution_price.
            const bool is_sale = allocation.source_kind == engine::SourceKind::pool;
            entry.price_name = is_sale ? "estate_price" : "distribution_price";
            entry.price_asset = loaded.config.assets[is_sale ? allocation.asset_index
                                                              : as_paid.asset_index]
                                    .id;
            entry.price = engine::format_price(as_paid.price);
        }
        view.paid.push_back(std::move(entry));
    }
}

// SPEC "Payouts": held_review is a transfer finding on the claim; frozen_sanctions its payee
// or its original customer sanctioned. Says which, for every selected claim.
void add_holds(const ComputedRun& computed, const ExplainSelection& selection,
               RecomputedView& view) {
    const claims::Case& loaded = computed.loaded;
    const auto sanctioned = [&loaded](std::string_view customer_id) {
        const std::uint32_t k = loaded.find_customer(customer_id);
        return k != claims::no_index && loaded.customers[k].sanctioned;
    };
    for (const claims::DecisionRecord* d : selection.claims) {
        for (const claims::TransferFinding& finding : computed.determination.transfer_findings) {
            if (finding.claim_id != d->claim_id) {
                continue;
            }
            std::string detail = fmt::format("transfer {}", finding.transfer_id);
            for (const claims::Transfer& t : loaded.transfers) {
                if (t.id == finding.transfer_id) {
                    detail += fmt::format(" ({} to {}, effective {})", t.from_id, t.to_id,
                                          t.effective_on.text());
                    break;
                }
            }
            view.holds.push_back({.claim_id = d->claim_id,
                                  .status = "held_review",
                                  .detail = fmt::format("{} cannot be applied: {}", detail,
                                                        finding.message)});
        }
        std::vector<std::string> who;
        if (sanctioned(d->customer_id)) {
            who.push_back(fmt::format("its original customer {}", d->customer_id));
        }
        if (d->payee_id != d->customer_id && sanctioned(d->payee_id)) {
            who.push_back(fmt::format("its payee {}", d->payee_id));
        }
        if (!who.empty()) {
            view.holds.push_back(
                {.claim_id = d->claim_id,
                 .status = "frozen_sanctions",
                 .detail = fmt::format("{} {} sanctioned in customers.csv",
                                       fmt::join(who, " and "), who.size() == 1 ? "is" : "are")});
        }
    }
}

RecomputedView not_shown(std::string note) {
    RecomputedView view;
    view.note = std::move(note);
    return view;
}

// The v3 figures of the selection, recomputed from the case folder (see RecomputedView).
RecomputedView recompute(const std::string& case_folder, const claims::RunRecord& run,
                         const std::string& id, const ExplainSelection& selection) {
    std::string reason;
    std::optional<ComputedRun> computed = determine_recorded_run(case_folder, run, reason);
    if (!computed) {
        return not_shown(reason);
    }
    RecomputedView view;
    add_holds(*computed, selection, view);
    if (!needs_recomputation(run)) {
        return view;  // only the holds: the determination says all there is to say
    }
    distribute_run(*computed);
    const claims::Case& loaded = computed->loaded;
    view.shown = true;
    if (loaded.config.record_date) {
        view.record_date = loaded.config.record_date->text();
    }
    std::set<std::string, std::less<>> claim_ids;
    std::set<std::uint32_t> claimants;
    for (const claims::DecisionRecord* d : selection.claims) {
        claim_ids.insert(d->claim_id);
        const std::uint32_t k = claims::find_decision(computed->determination.decisions,
                                                      d->claim_id);
        if (k != claims::no_index &&
            computed->determination.decisions[k].claimant_index != claims::no_index) {
            claimants.insert(computed->determination.decisions[k].claimant_index);
        }
    }
    if (!selection.creditor_allocations.empty()) {
        claim_ids.insert(id);
    }
    add_convenience(*computed, claimants, view);
    add_paid(*computed, claim_ids, view);
    for (const claims::Payment& payment : loaded.payments) {
        if (selection.payee_ids.contains(payment.payee_id) &&
            payment.asset_index != claims::no_index) {
            view.payments.push_back(
                {.payee_id = payment.payee_id,
                 .asset = loaded.config.assets[payment.asset_index].id,
                 .amount = units_of(loaded, payment.asset_index, payment.amount.count),
                 .paid_on = payment.paid_on,
                 .status = std::string(claims::text_of(payment.status))});
        }
    }
    for (const claims::Transfer& transfer : loaded.transfers) {
        if (claim_ids.contains(transfer.claim_id) &&
            claims::is_after_record_date(loaded.config, transfer)) {
            view.after_record_date.push_back({.transfer_id = transfer.id,
                                              .claim_id = transfer.claim_id,
                                              .from_id = transfer.from_id,
                                              .to_id = transfer.to_id,
                                              .effective_on = transfer.effective_on.text()});
        }
    }
    return view;
}

}  // namespace

int explain_case(const ExplainOptions& options, std::string& out, std::string& err) {
    const std::optional<claims::CaseDb> db = open_recorded_case(options.case_folder, err);
    if (!db) {
        return exit_invalid_input;
    }
    const std::optional<claims::RunRecord> run = read_recorded_run(*db, options.run, err);
    if (!run) {
        return exit_invalid_input;
    }
    std::string id = options.id;
    ExplainSelection selection = select_for_explain(*run, id);
    // A creditor may be named without its "creditor:" prefix when no claim, customer or
    // payee has that id; when one has, it is explained and the creditor is pointed to.
    std::string also;
    if (!std::string_view(id).starts_with("creditor:")) {
        const std::string creditor_id = "creditor:" + id;
        ExplainSelection creditor = select_for_explain(*run, creditor_id);
        if (!creditor.empty() && selection.empty()) {
            id = creditor_id;
            selection = std::move(creditor);
        } else if (!creditor.empty()) {
            also = creditor_id;
        }
    }
    if (selection.empty()) {
        err += fmt::format("run {} has no claim, customer, creditor or payee \"{}\"\n",
                           run->number, options.id);
        return exit_invalid_input;
    }
    const LedgerView ledger = selection.customer_ids.empty()
                                  ? LedgerView{}
                                  : load_ledger(options.case_folder, *run, selection.customer_ids);
    RecomputedView recomputed = needs_recomputation(*run) || has_holds(*run, selection)
                                    ? recompute(options.case_folder, *run, id, selection)
                                    : RecomputedView{};
    recomputed.fund_stages = fund_stages(options.case_folder, *run, selection,
                                         recomputed.fund_note);
    out += options.json ? explain_json(*run, id, selection, ledger, recomputed)
                        : explain_text(*run, id, selection, ledger, recomputed);
    if (!also.empty() && !options.json) {
        fmt::format_to(std::back_inserter(out),
                       "\n{} is also the id of creditor {}: `kanzai explain CASE {}` explains "
                       "it.\n",
                       options.id, also, also);
    }
    return exit_done;
}

int run_explain(const ExplainOptions& options) {
    std::string out;
    std::string err;
    const int code = explain_case(options, out, err);
    fmt::print("{}", out);
    fmt::print(stderr, "{}", err);
    return code;
}

}  // namespace kanzai::tools
