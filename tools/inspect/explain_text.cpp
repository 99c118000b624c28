// `kanzai explain` text and JSON, from a run record. Every figure printed is a figure of the
// record (never recomputed here: tools/ implements no rule of the SPEC, STYLE.md §1).
#include "tools/inspect/explain_text.hpp"
#include "tools/human_amount.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>

namespace kanzai::tools {

namespace {

using claims::AllocationRecord;
using claims::DecisionRecord;
using claims::PayoutRecord;
using claims::RunRecord;
using claims::SetOffRecord;
using claims::SourceRecord;
using nlohmann::ordered_json;

// The case currency as summary.json names it ("case": {"currency": ...}); "" when absent.
std::string currency_of(const RunRecord& run) {
    const auto summary = ordered_json::parse(run.summary_json, nullptr, false);
    if (summary.is_discarded() || !summary.contains("case") || !summary["case"].is_object()) {
        return "";
    }
    const auto& case_object = summary["case"];
    const auto found = case_object.find("currency");
    return found != case_object.end() && found->is_string() ? found->get<std::string>() : "";
}

// A pool's units and cost as summary.json records them ("assets": {"BTC": {"pool", "cost"}});
// empty when the summary has no cost for the asset (runs before pool costs).
struct PoolCost {
    std::string pool;
    std::string cost;
};

PoolCost pool_cost_of(const ordered_json& summary, const std::string& asset) {
    if (!summary.is_object() || !summary.contains("assets") || !summary["assets"].is_object()) {
        return {};
    }
    const auto found = summary["assets"].find(asset);
    if (found == summary["assets"].end() || !found->is_object() || !found->contains("cost") ||
        !(*found)["cost"].is_string() || !(*found)["pool"].is_string()) {
        return {};
    }
    return {.pool = (*found)["pool"].get<std::string>(),
            .cost = (*found)["cost"].get<std::string>()};
}

// "0.00000000", "0": no cost to speak of.
bool is_zero(std::string_view amount) {
    return amount.find_first_not_of("0.") == std::string_view::npos;
}

// What the text and JSON read besides the record's tables: the parsed summary and the
// recomputed view.
struct Context {
    const RunRecord& run;
    std::string currency;
    ordered_json summary;
    const RecomputedView& recomputed;
};

const PaidView* find_paid(const RecomputedView& view, const AllocationRecord& line) {
    for (const PaidView& paid : view.paid) {
        if (paid.claim_id == line.claim_id && paid.portion == line.portion &&
            paid.source == line.source) {
            return &paid;
        }
    }
    return nullptr;
}

// "1,200.30000000 BTC": thousands separators for the reader; the asset is left out when
// unknown. (The JSON form keeps the plain amounts.)
std::string money(std::string_view amount, std::string_view asset) {
    const std::string grouped = group_thousands(amount);
    return asset.empty() ? grouped : fmt::format("{} {}", grouped, asset);
}

const SourceRecord* find_source(const RunRecord& run, std::string_view name) {
    for (const SourceRecord& source : run.sources) {
        if (source.source == name) {
            return &source;
        }
    }
    return nullptr;
}

// How a source split itself, in words that depend on its kind (SPEC "The distribution
// waterfall": pools weigh units of the asset, funds remaining shortfall values, estate
// classes claims in the class).
std::string split_sentence(const SourceRecord& source, const AllocationRecord& line,
                           const PoolCost& cost) {
    const std::string_view name = source.source;
    const std::string& asset = source.asset;
    std::string_view over = "weights of";
    std::string_view weight_is = "its weight";
    std::string_view left = "was left";
    if (name.starts_with("pool:")) {
        over = "claims of";
        weight_is = "its amount";
        left = "of surplus went to the estate";
    } else if (name.starts_with("fund:")) {
        over = "remaining shortfalls worth";
        // The fund's floor and cap act per claimant before this pro-rata view, so say so.
        weight_is = "its remaining shortfall value; floors and caps per claimant apply first";
        left = "was left over";
    } else if (name.starts_with("estate:")) {
        over = "claims in the class worth";
        weight_is = "its claim in the class";
        left = "was left after this class";
    }
    std::string split = money(source.available, asset);
    if (!cost.cost.empty() && !is_zero(cost.cost)) {
        split += fmt::format(" (its {} less a cost of {})", money(cost.pool, asset),
                             money(cost.cost, asset));
    }
    return fmt::format("{} split {} over {} {}; this line weighed {} ({}) and got {}; {} {}.",
                       name, split, over, money(source.weights, asset), money(line.weight, asset),
                       weight_is, money(line.amount, line.asset), money(source.left, asset),
                       left);
}

// SPEC "Asset paid": how the allocation is paid, and a conversion's price.
std::string paid_sentence(const PaidView& paid, const AllocationRecord& line,
                          const std::string& currency) {
    if (!paid.converted) {
        return fmt::format("Paid in {} as allocated.", paid.asset);
    }
    const std::string_view how = paid.price_name == "estate_price" ? "sold" : "converted";
    return fmt::format("Paid as {}: {} at {}'s {} of {} ({} to {}).",
                       money(paid.amount, paid.asset), how, paid.price_asset, paid.price_name,
                       money(paid.price, currency), money(line.amount, line.asset),
                       money(paid.amount, paid.asset));
}

const FundStageView* find_stage(const RecomputedView& view, const AllocationRecord& line) {
    for (const FundStageView& stage : view.fund_stages) {
        if (stage.claim_id == line.claim_id && stage.portion == line.portion &&
            stage.source == line.source) {
            return &stage;
        }
    }
    return nullptr;
}

// SPEC step 3 for the line's claimant: the cap, then the floor stage, then the rest.
std::string stage_sentence(const FundStageView& s, const std::string& currency) {
    std::string text = fmt::format("Per claimant first: claimant {} has {} of remaining shortfall "
                                   "on the lines this fund paid",
                                   s.claimant_id, money(s.shortfall, currency));
    if (!s.cap.empty()) {
        text += s.shortfall == s.eligible
                    ? fmt::format(", within the cap of {}", money(s.cap, currency))
                    : fmt::format(", capped at {}", money(s.cap, currency));
    }
    text += fmt::format(": e_g = {}. ", money(s.eligible, currency));
    if (s.floor.empty()) {
        text += "No floor: the fund went pro rata over every claimant's e_g";
    } else if (s.floors_in_full) {
        text += fmt::format("Floor stage: min(e_g, floor {}) = {}, paid in full (the floors of "
                            "all claimants, {}, fit in the {} available); then the rest pro "
                            "rata over e_g - min(e_g, floor): {}",
                            money(s.floor, currency), money(s.floor_part, currency),
                            money(s.floors, currency), money(s.available, currency),
                            money(s.rest_part, currency));
    } else {
        text += fmt::format("Floor stage: the floors of all claimants, {}, exceed the {} "
                            "available, so the fund went pro rata over min(e_g, floor {}) and "
                            "paid {}; nothing was left for the rest",
                            money(s.floors, currency), money(s.available, currency),
                            money(s.floor, currency), money(s.floor_part, currency));
    }
    return text + fmt::format("; its award of {} is split over its lines by their remaining "
                              "shortfall.",
                              money(s.awarded, currency));
}

void append_allocations(std::string& out, const Context& context,
                        const std::vector<const AllocationRecord*>& lines) {
    const RunRecord& run = context.run;
    if (lines.empty()) {
        out += "  Allocations: none.\n";
        return;
    }
    out += "  Allocations:\n";
    for (const AllocationRecord* line : lines) {
        fmt::format_to(std::back_inserter(out), "    {} portion from {} (tranche {}): {}\n",
                       line->portion, line->source, line->tranche,
                       money(line->amount, line->asset));
        if (const SourceRecord* source = find_source(run, line->source)) {
            const PoolCost cost = line->source.starts_with("pool:")
                                      ? pool_cost_of(context.summary, source->asset)
                                      : PoolCost{};
            fmt::format_to(std::back_inserter(out), "      {}\n",
                           split_sentence(*source, *line, cost));
        }
        if (const FundStageView* stage = find_stage(context.recomputed, *line)) {
            fmt::format_to(std::back_inserter(out), "      {}\n",
                           stage_sentence(*stage, context.currency));
        }
        if (const PaidView* paid = find_paid(context.recomputed, *line)) {
            fmt::format_to(std::back_inserter(out), "      {}\n",
                           paid_sentence(*paid, *line, context.currency));
        }
    }
}

// A claim's allocations in the order a reader follows the waterfall: by portion, then by
// source in run.sources order (pools, funds as written, estate classes), not by name.
std::vector<const AllocationRecord*> allocations_of(const RunRecord& run,
                                                    std::string_view claim_id) {
    std::vector<const AllocationRecord*> lines;
    for (const AllocationRecord& line : run.allocations) {
        if (line.claim_id == claim_id) {
            lines.push_back(&line);
        }
    }
    const auto step_of = [&run](const AllocationRecord* line) {
        for (std::size_t i = 0; i < run.sources.size(); ++i) {
            if (run.sources[i].source == line->source) {
                return i;
            }
        }
        return run.sources.size();
    };
    std::stable_sort(lines.begin(), lines.end(),
                     [&step_of](const AllocationRecord* a, const AllocationRecord* b) {
                         return std::make_pair(a->portion, step_of(a)) <
                                std::make_pair(b->portion, step_of(b));
                     });
    return lines;
}

const ConvenienceView* find_convenience(const RecomputedView& view,
                                        std::string_view claimant_id) {
    for (const ConvenienceView& entry : view.convenience) {
        if (entry.claimant_id == claimant_id) {
            return &entry;
        }
    }
    return nullptr;
}

// SPEC step 0 for the claimant of claim `claim_id`.
void append_convenience(std::string& out, const ConvenienceView& c, std::string_view claim_id,
                        const std::string& threshold, const std::string& currency) {
    const std::string worth = c.value.empty() ? std::string("more than 2^127-1 minor units")
                                              : money(c.value, currency);
    fmt::format_to(std::back_inserter(out),
                   "  Convenience class: claimant {} is worth {} (c_g, its customer-class lines "
                   "at the case price); ",
                   c.claimant_id, worth);
    if (!c.in_class) {
        fmt::format_to(std::back_inserter(out), "{}: not in the class.\n",
                       c.above_threshold
                           ? fmt::format("above the threshold of {} and no election",
                                         money(threshold, currency))
                           : std::string("nothing to count"));
        return;
    }
    fmt::format_to(std::back_inserter(out), "{}; its claim in the class (k_g) is {}.\n",
                   c.by_election
                       ? fmt::format("above the threshold of {}, in the class by its election "
                                     "(the excess waived)",
                                     money(threshold, currency))
                       : fmt::format("at most the threshold of {}, so in the class",
                                     money(threshold, currency)),
                   money(c.claim, currency));
    for (const ConvenienceShare& share : c.lines) {
        if (share.claim_id == claim_id) {
            fmt::format_to(std::back_inserter(out),
                           "  This claim's {} line is paid {} of it in the estate's convenience "
                           "class, and takes no part in pools and funds.\n",
                           share.portion, money(share.claim, currency));
        }
    }
}

void append_claim(std::string& out, const Context& context, const DecisionRecord& d) {
    const std::string& currency = context.currency;
    const std::string asset = d.asset;
    fmt::format_to(std::back_inserter(out), "Claim {} (customer {}, asset {})\n", d.claim_id,
                   d.customer_id, d.asset);
    fmt::format_to(std::back_inserter(out), "  Decision: {}: {}\n", d.code, d.reason);
    const std::string filed =
        d.filed.empty() ? std::string("nothing (a deemed claim)") : money(d.filed, asset);
    fmt::format_to(std::back_inserter(out), "  Filed {}; ledger {}; admitted {}; disputed {}\n",
                   filed, money(d.ledger, asset), money(d.admitted, asset),
                   money(d.disputed, asset));
    fmt::format_to(std::back_inserter(out),
                   "  Class {}; the admitted amount is worth {} at the case price\n",
                   d.claim_class.empty() ? std::string("none (nothing admitted or disputed)")
                                         : d.claim_class,
                   money(d.value, currency));
    fmt::format_to(std::back_inserter(out), "  Claimant {}; payee {}{}\n", d.claimant_id,
                   d.payee_id, d.payee_id == d.customer_id ? "" : " (after transfers)");
    const RecomputedView& recomputed = context.recomputed;
    for (const HoldView& hold : recomputed.holds) {
        if (hold.claim_id == d.claim_id) {
            fmt::format_to(std::back_inserter(out), "  Payouts of this claim are {}: {}.\n",
                           hold.status, hold.detail);
        }
    }
    for (const TransferView& t : recomputed.after_record_date) {
        if (t.claim_id == d.claim_id) {
            fmt::format_to(std::back_inserter(out),
                           "  Transfer {} ({} to {}, effective {}) is after the record date {}: "
                           "not applied (counted in transfers_after_record_date).\n",
                           t.transfer_id, t.from_id, t.to_id, t.effective_on,
                           recomputed.record_date);
        }
    }
    if (const ConvenienceView* c = find_convenience(recomputed, d.claimant_id)) {
        append_convenience(out, *c, d.claim_id, recomputed.threshold, currency);
    }
    append_allocations(out, context, allocations_of(context.run, d.claim_id));
}

void append_set_off(std::string& out, const SetOffRecord& s, const std::string& currency) {
    // SPEC "Set-off": positive entitlements become floor(E * (V - D) / V), or 0 when D >= V;
    // D - V is then a receivable. The record's receivable is "0" (or "", in older records)
    // when D < V: the customer keeps part of every balance and is paid on it.
    if (!s.receivable.empty() && !is_zero(s.receivable)) {
        fmt::format_to(std::back_inserter(out),
                       "Set-off of customer {}: debts worth {} exceed positive balances worth "
                       "{}; every positive balance counts as 0 and {} is a receivable of the "
                       "estate.\n",
                       s.customer_id, money(s.debt, currency), money(s.positive_value, currency),
                       money(s.receivable, currency));
        return;
    }
    if (s.debt == s.positive_value) {
        fmt::format_to(std::back_inserter(out),
                       "Set-off of customer {}: debts worth {} equal its positive balances; "
                       "every positive balance counts as 0 and nothing is left as a "
                       "receivable.\n",
                       s.customer_id, money(s.debt, currency));
        return;
    }
    fmt::format_to(std::back_inserter(out),
                   "Set-off of customer {0}: debts worth {1} set off against positive balances "
                   "worth {2}; each positive balance keeps ({3} - {4}) / {3} of its units, "
                   "rounded down; no receivable is left.\n",
                   s.customer_id, money(s.debt, currency), money(s.positive_value, currency),
                   s.positive_value, s.debt);
}

void append_ledger(std::string& out, const LedgerView& ledger) {
    if (!ledger.shown) {
        fmt::format_to(std::back_inserter(out), "Ledger rows: not shown ({}).\n", ledger.note);
        return;
    }
    out += "Ledger rows (ledger.csv, unchanged since this run):\n";
    if (ledger.rows.empty()) {
        out += "  none\n";
    }
    for (const LedgerLine& row : ledger.rows) {
        fmt::format_to(std::back_inserter(out), "  customer {}, account {}: {}\n",
                       row.customer_id, row.account_id, money(row.balance, row.asset));
    }
}

void append_payouts(std::string& out, const RunRecord& run, const std::string& payee_id) {
    fmt::format_to(std::back_inserter(out),
                   "Payouts to {} (all claims it holds, by asset, tranche and status):\n",
                   payee_id);
    bool any = false;
    for (const PayoutRecord& p : run.payouts) {
        if (p.payee_id == payee_id) {
            fmt::format_to(std::back_inserter(out), "  #{}: {}, tranche {}, {}\n", p.payout_id,
                           money(p.amount, p.asset), p.tranche, p.status);
            any = true;
        }
    }
    if (!any) {
        out += "  none\n";
    }
}

// payments.csv's rows of the payee (SPEC "Payouts": only `paid` counts in catch-up).
void append_payments(std::string& out, const RecomputedView& recomputed,
                     const std::string& payee_id) {
    bool any = false;
    for (const PaymentView& p : recomputed.payments) {
        if (p.payee_id != payee_id) {
            continue;
        }
        if (!any) {
            out += "  Earlier payments (payments.csv):\n";
            any = true;
        }
        fmt::format_to(std::back_inserter(out), "    {} on {}, {}: {}\n",
                       money(p.amount, p.asset), p.paid_on, p.status,
                       p.status == "paid" ? "received, counted in catch-up"
                                          : "not received, so payable again");
    }
}

}  // namespace

ExplainSelection select_for_explain(const RunRecord& run, const std::string& id) {
    ExplainSelection selection;
    for (const DecisionRecord& d : run.decisions) {
        if (d.claim_id == id || d.customer_id == id || d.payee_id == id) {
            selection.claims.push_back(&d);
            selection.customer_ids.insert(d.customer_id);
            selection.payee_ids.insert(d.payee_id);
        }
    }
    if (std::string_view(id).starts_with("creditor:")) {
        selection.creditor_allocations = allocations_of(run, id);
    }
    for (const PayoutRecord& p : run.payouts) {
        if (p.payee_id == id) {
            selection.payee_ids.insert(id);
            break;
        }
    }
    for (const SetOffRecord& s : run.set_offs) {
        if (s.customer_id == id) {
            selection.customer_ids.insert(id);
        }
    }
    return selection;
}

bool has_holds(const RunRecord& run, const ExplainSelection& selection) {
    return std::any_of(run.payouts.begin(), run.payouts.end(), [&selection](const auto& p) {
        return (p.status == "held_review" || p.status == "frozen_sanctions") &&
               selection.payee_ids.contains(p.payee_id);
    });
}

bool needs_recomputation(const RunRecord& run) {
    const auto summary = ordered_json::parse(run.summary_json, nullptr, false);
    if (summary.is_discarded() || !summary.is_object()) {
        return false;
    }
    const auto non_empty = [&summary](const char* key) {
        const auto found = summary.find(key);
        return found != summary.end() && (found->is_array() || found->is_object()) &&
               !found->empty();
    };
    const auto after = summary.find("transfers_after_record_date");
    return summary.contains("convenience") || non_empty("conversions") ||
           non_empty("payments_not_completed") ||
           (after != summary.end() && after->is_number_integer() && after->get<long long>() > 0);
}

std::string explain_text(const RunRecord& run, const std::string& id,
                         const ExplainSelection& selection, const LedgerView& ledger,
                         const RecomputedView& recomputed) {
    const Context context{.run = run,
                          .currency = currency_of(run),
                          .summary = ordered_json::parse(run.summary_json, nullptr, false),
                          .recomputed = recomputed};
    const std::string& currency = context.currency;
    std::string out = fmt::format("Run {} of case \"{}\", recorded {} by {}\nExplaining {}\n",
                                  run.number, run.case_name, run.created_at, run.engine, id);
    if (!recomputed.note.empty()) {
        fmt::format_to(std::back_inserter(out),
                       "\nConvenience class, asset paid, payments, transfers after the record "
                       "date and the reasons of holds: not shown ({}).\n",
                       recomputed.note);
    }
    if (!recomputed.fund_note.empty()) {
        fmt::format_to(std::back_inserter(out), "\nNote: {}.\n", recomputed.fund_note);
    }
    for (const SetOffRecord& s : run.set_offs) {
        if (selection.customer_ids.contains(s.customer_id)) {
            out += "\n";
            append_set_off(out, s, currency);
        }
    }
    if (!selection.customer_ids.empty()) {
        out += "\n";
        append_ledger(out, ledger);
    }
    for (const DecisionRecord* d : selection.claims) {
        out += "\n";
        append_claim(out, context, *d);
    }
    if (!selection.creditor_allocations.empty()) {
        fmt::format_to(std::back_inserter(out), "\nCreditor {}\n", id);
        append_allocations(out, context, selection.creditor_allocations);
    }
    for (const std::string& payee_id : selection.payee_ids) {
        out += "\n";
        append_payouts(out, run, payee_id);
        append_payments(out, recomputed, payee_id);
    }
    return out;
}

namespace {

ordered_json allocation_json(const Context& context, const AllocationRecord& a) {
    const RunRecord& run = context.run;
    ordered_json line = {{"claim_id", a.claim_id}, {"portion", a.portion},
                         {"source", a.source},     {"asset", a.asset},
                         {"amount", a.amount},     {"tranche", a.tranche},
                         {"weight", a.weight}};
    if (const SourceRecord* s = find_source(run, a.source)) {
        line["source_totals"] = {{"asset", s->asset},         {"available", s->available},
                                 {"weights", s->weights},     {"allocated", s->allocated},
                                 {"left", s->left},           {"tranche", s->tranche}};
        if (a.source.starts_with("pool:")) {
            const PoolCost cost = pool_cost_of(context.summary, s->asset);
            if (!cost.cost.empty()) {
                line["source_totals"]["pool"] = cost.pool;
                line["source_totals"]["cost"] = cost.cost;
            }
        }
    }
    if (const FundStageView* s = find_stage(context.recomputed, a)) {
        line["fund_stages"] = {{"claimant_id", s->claimant_id}, {"floor", s->floor},
                               {"cap", s->cap},           {"shortfall", s->shortfall},
                               {"eligible", s->eligible}, {"floors", s->floors},
                               {"available", s->available},
                               {"floors_in_full", s->floors_in_full},
                               {"floor_part", s->floor_part}, {"rest_part", s->rest_part},
                               {"awarded", s->awarded}};
    }
    if (const PaidView* paid = find_paid(context.recomputed, a)) {
        line["paid"] = {{"asset", paid->asset}, {"amount", paid->amount},
                        {"converted", paid->converted}};
        if (paid->converted) {
            line["paid"]["price_name"] = paid->price_name;
            line["paid"]["price_asset"] = paid->price_asset;
            line["paid"]["price"] = paid->price;
        }
    }
    return line;
}

ordered_json claim_json(const Context& context, const DecisionRecord& d) {
    const RunRecord& run = context.run;
    ordered_json claim = {{"claim_id", d.claim_id},     {"customer_id", d.customer_id},
                          {"claimant_id", d.claimant_id}, {"payee_id", d.payee_id},
                          {"asset", d.asset},           {"filed", d.filed},
                          {"ledger", d.ledger},         {"admitted", d.admitted},
                          {"disputed", d.disputed},     {"class", d.claim_class},
                          {"code", d.code},             {"reason", d.reason},
                          {"value", d.value}};
    const RecomputedView& recomputed = context.recomputed;
    if (const ConvenienceView* c = find_convenience(recomputed, d.claimant_id)) {
        ordered_json lines = ordered_json::array();
        for (const ConvenienceShare& share : c->lines) {
            if (share.claim_id == d.claim_id) {
                lines.push_back({{"portion", share.portion}, {"claim", share.claim}});
            }
        }
        claim["convenience"] = {{"claimant_id", c->claimant_id},
                                {"value", c->value},
                                {"threshold", recomputed.threshold},
                                {"in_class", c->in_class},
                                {"by_election", c->by_election},
                                {"claim", c->claim},
                                {"lines", lines}};
    }
    ordered_json holds = ordered_json::array();
    for (const HoldView& hold : recomputed.holds) {
        if (hold.claim_id == d.claim_id) {
            holds.push_back({{"status", hold.status}, {"detail", hold.detail}});
        }
    }
    if (!holds.empty()) {
        claim["holds"] = holds;
    }
    if (recomputed.shown) {
        ordered_json after = ordered_json::array();
        for (const TransferView& t : recomputed.after_record_date) {
            if (t.claim_id == d.claim_id) {
                after.push_back({{"transfer_id", t.transfer_id}, {"from_id", t.from_id},
                                 {"to_id", t.to_id}, {"effective_on", t.effective_on}});
            }
        }
        claim["transfers_after_record_date"] = after;
    }
    claim["allocations"] = ordered_json::array();
    for (const AllocationRecord* a : allocations_of(run, d.claim_id)) {
        claim["allocations"].push_back(allocation_json(context, *a));
    }
    return claim;
}

}  // namespace

std::string explain_json(const RunRecord& run, const std::string& id,
                         const ExplainSelection& selection, const LedgerView& ledger,
                         const RecomputedView& recomputed) {
    const Context context{.run = run,
                          .currency = currency_of(run),
                          .summary = ordered_json::parse(run.summary_json, nullptr, false),
                          .recomputed = recomputed};
    ordered_json out = {{"run", run.number},        {"case", run.case_name},
                        {"engine", run.engine},     {"created_at", run.created_at},
                        {"currency", context.currency}, {"id", id}};
    if (recomputed.shown || !recomputed.note.empty()) {
        out["recomputed"] = {{"shown", recomputed.shown}, {"note", recomputed.note}};
    }
    if (!recomputed.fund_note.empty()) {
        out["fund_note"] = recomputed.fund_note;
    }
    out["set_offs"] = ordered_json::array();
    for (const SetOffRecord& s : run.set_offs) {
        if (selection.customer_ids.contains(s.customer_id)) {
            out["set_offs"].push_back({{"customer_id", s.customer_id}, {"debt", s.debt},
                                       {"positive_value", s.positive_value},
                                       {"receivable", s.receivable}});
        }
    }
    ordered_json rows = ordered_json::array();
    for (const LedgerLine& row : ledger.rows) {
        rows.push_back({{"customer_id", row.customer_id}, {"account_id", row.account_id},
                        {"asset", row.asset}, {"balance", row.balance}});
    }
    out["ledger"] = {{"shown", ledger.shown}, {"note", ledger.note}, {"rows", rows}};
    out["claims"] = ordered_json::array();
    for (const DecisionRecord* d : selection.claims) {
        out["claims"].push_back(claim_json(context, *d));
    }
    out["creditor_allocations"] = ordered_json::array();
    for (const AllocationRecord* a : selection.creditor_allocations) {
        out["creditor_allocations"].push_back(allocation_json(context, *a));
    }
    out["payouts"] = ordered_json::array();
    for (const PayoutRecord& p : run.payouts) {
        if (selection.payee_ids.contains(p.payee_id)) {
            out["payouts"].push_back({{"payout_id", p.payout_id}, {"payee_id", p.payee_id},
                                      {"asset", p.asset}, {"amount", p.amount},
                                      {"tranche", p.tranche}, {"status", p.status}});
        }
    }
    if (recomputed.shown) {
        out["payments"] = ordered_json::array();
        for (const PaymentView& p : recomputed.payments) {
            out["payments"].push_back({{"payee_id", p.payee_id}, {"asset", p.asset},
                                       {"amount", p.amount}, {"paid_on", p.paid_on},
                                       {"status", p.status},
                                       {"received", p.status == "paid"}});
        }
    }
    return out.dump(2) + "\n";
}

}  // namespace kanzai::tools
