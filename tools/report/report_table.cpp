// The claims table's data block (see report_html.hpp). Written by hand rather than through a
// JSON library: it is the largest part of the page (100k+ rows), and every string must also
// be script-safe (json_script_string).
#include <fmt/format.h>

#include "tools/report/report_escape.hpp"
#include "tools/report/report_html.hpp"

namespace kanzai::tools {
namespace {

void append_array(std::string& out, std::initializer_list<const std::string*> cells) {
    out += '[';
    bool is_first = true;
    for (const std::string* cell : cells) {
        if (!is_first) {
            out += ',';
        }
        out += json_script_string(*cell);
        is_first = false;
    }
    out += ']';
}

void append_rows(std::string& out, const claims::RunRecord& run) {
    out += "\"rows\":[";
    for (std::size_t index = 0; index < run.decisions.size(); ++index) {
        const claims::DecisionRecord& d = run.decisions[index];
        out += index == 0 ? "\n" : ",\n";
        append_array(out, {&d.claim_id, &d.customer_id, &d.claimant_id, &d.payee_id, &d.asset,
                           &d.filed, &d.ledger, &d.admitted, &d.disputed, &d.claim_class,
                           &d.code, &d.reason, &d.value});
    }
    out += "]";
}

// Allocations come sorted by claim_id (allocations.csv order), so each claim's lines are
// contiguous and each key is written once.
void append_allocations(std::string& out, const claims::RunRecord& run) {
    out += ",\n\"alloc\":{";
    const std::string* current = nullptr;
    for (const claims::AllocationRecord& a : run.allocations) {
        if (current == nullptr || *current != a.claim_id) {
            out += current == nullptr ? "\n" : "],\n";
            out += json_script_string(a.claim_id) + ":[";
            current = &a.claim_id;
        } else {
            out += ',';
        }
        const std::string tranche = std::to_string(a.tranche);
        append_array(out, {&a.portion, &a.source, &a.asset, &a.amount, &tranche, &a.weight});
    }
    out += current == nullptr ? "}" : "]}";
}

// Payouts come sorted by payee_id (payouts.csv order).
void append_payouts(std::string& out, const claims::RunRecord& run) {
    out += ",\n\"pay\":{";
    const std::string* current = nullptr;
    for (const claims::PayoutRecord& p : run.payouts) {
        if (current == nullptr || *current != p.payee_id) {
            out += current == nullptr ? "\n" : "],\n";
            out += json_script_string(p.payee_id) + ":[";
            current = &p.payee_id;
        } else {
            out += ',';
        }
        const std::string id = std::to_string(p.payout_id);
        const std::string tranche = std::to_string(p.tranche);
        append_array(out, {&id, &p.asset, &p.amount, &tranche, &p.status});
    }
    out += current == nullptr ? "}" : "]}";
}

// Set-offs by customer (SPEC "Set-off"): debt D, positive value V, receivable D - V.
void append_set_offs(std::string& out, const claims::RunRecord& run) {
    out += ",\n\"setoff\":{";
    for (std::size_t index = 0; index < run.set_offs.size(); ++index) {
        const claims::SetOffRecord& s = run.set_offs[index];
        out += index == 0 ? "\n" : ",\n";
        out += json_script_string(s.customer_id) + ":";
        append_array(out, {&s.debt, &s.positive_value, &s.receivable});
    }
    out += "}";
}

}  // namespace

std::string render_claims_data(const claims::RunRecord& run) {
    std::string out = "{";
    out.reserve(run.decisions.size() * 200 + run.allocations.size() * 80);
    append_rows(out, run);
    append_allocations(out, run);
    append_payouts(out, run);
    append_set_offs(out, run);
    out += "}";
    return out;
}

}  // namespace kanzai::tools
