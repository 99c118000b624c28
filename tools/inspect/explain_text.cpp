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
std::string split_sentence(const SourceRecord& source, const AllocationRecord& line) {
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
    return fmt::format("{} split {} over {} {}; this line weighed {} ({}) and got {}; {} {}.",
                       name, money(source.available, asset), over, money(source.weights, asset),
                       money(line.weight, asset), weight_is, money(line.amount, line.asset),
                       money(source.left, asset), left);
}

void append_allocations(std::string& out, const RunRecord& run,
                        const std::vector<const AllocationRecord*>& lines) {
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
            fmt::format_to(std::back_inserter(out), "      {}\n", split_sentence(*source, *line));
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

void append_claim(std::string& out, const RunRecord& run, const DecisionRecord& d,
                  const std::string& currency) {
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
    append_allocations(out, run, allocations_of(run, d.claim_id));
}

void append_set_off(std::string& out, const SetOffRecord& s, const std::string& currency) {
    // SPEC "Set-off": positive entitlements become floor(E * (V - D) / V), or 0 when D >= V.
    if (!s.receivable.empty()) {
        fmt::format_to(std::back_inserter(out),
                       "Set-off of customer {}: debts worth {} exceed positive balances worth "
                       "{}; every positive balance counts as 0 and {} is a receivable of the "
                       "estate.\n",
                       s.customer_id, money(s.debt, currency), money(s.positive_value, currency),
                       money(s.receivable, currency));
        return;
    }
    fmt::format_to(std::back_inserter(out),
                   "Set-off of customer {0}: debts worth {1} set off against positive balances "
                   "worth {2}; each positive balance keeps ({3} - {4}) / {3} of its units, "
                   "rounded down.\n",
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

std::string explain_text(const RunRecord& run, const std::string& id,
                         const ExplainSelection& selection, const LedgerView& ledger) {
    const std::string currency = currency_of(run);
    std::string out = fmt::format("Run {} of case \"{}\", recorded {} by {}\nExplaining {}\n",
                                  run.number, run.case_name, run.created_at, run.engine, id);
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
        append_claim(out, run, *d, currency);
    }
    if (!selection.creditor_allocations.empty()) {
        fmt::format_to(std::back_inserter(out), "\nCreditor {}\n", id);
        append_allocations(out, run, selection.creditor_allocations);
    }
    for (const std::string& payee_id : selection.payee_ids) {
        out += "\n";
        append_payouts(out, run, payee_id);
    }
    return out;
}

namespace {

ordered_json allocation_json(const RunRecord& run, const AllocationRecord& a) {
    ordered_json line = {{"claim_id", a.claim_id}, {"portion", a.portion},
                         {"source", a.source},     {"asset", a.asset},
                         {"amount", a.amount},     {"tranche", a.tranche},
                         {"weight", a.weight}};
    if (const SourceRecord* s = find_source(run, a.source)) {
        line["source_totals"] = {{"asset", s->asset},         {"available", s->available},
                                 {"weights", s->weights},     {"allocated", s->allocated},
                                 {"left", s->left},           {"tranche", s->tranche}};
    }
    return line;
}

ordered_json claim_json(const RunRecord& run, const DecisionRecord& d) {
    ordered_json claim = {{"claim_id", d.claim_id},     {"customer_id", d.customer_id},
                          {"claimant_id", d.claimant_id}, {"payee_id", d.payee_id},
                          {"asset", d.asset},           {"filed", d.filed},
                          {"ledger", d.ledger},         {"admitted", d.admitted},
                          {"disputed", d.disputed},     {"class", d.claim_class},
                          {"code", d.code},             {"reason", d.reason},
                          {"value", d.value}};
    claim["allocations"] = ordered_json::array();
    for (const AllocationRecord* a : allocations_of(run, d.claim_id)) {
        claim["allocations"].push_back(allocation_json(run, *a));
    }
    return claim;
}

}  // namespace

std::string explain_json(const RunRecord& run, const std::string& id,
                         const ExplainSelection& selection, const LedgerView& ledger) {
    ordered_json out = {{"run", run.number},        {"case", run.case_name},
                        {"engine", run.engine},     {"created_at", run.created_at},
                        {"currency", currency_of(run)}, {"id", id}};
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
        out["claims"].push_back(claim_json(run, *d));
    }
    out["creditor_allocations"] = ordered_json::array();
    for (const AllocationRecord* a : selection.creditor_allocations) {
        out["creditor_allocations"].push_back(allocation_json(run, *a));
    }
    out["payouts"] = ordered_json::array();
    for (const PayoutRecord& p : run.payouts) {
        if (selection.payee_ids.contains(p.payee_id)) {
            out["payouts"].push_back({{"payout_id", p.payout_id}, {"payee_id", p.payee_id},
                                      {"asset", p.asset}, {"amount", p.amount},
                                      {"tranche", p.tranche}, {"status", p.status}});
        }
    }
    return out.dump(2) + "\n";
}

}  // namespace kanzai::tools
