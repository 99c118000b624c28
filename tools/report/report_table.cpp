// The claims table's data (see report_html.hpp), in chunks of consecutive claims. Written by
// hand rather than through a JSON library: it is the largest part of the page (millions of
// rows at 1M customers), and every string must also be script-safe (json_script_string).
#include <string_view>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "tools/report/report_escape.hpp"
#include "tools/report/report_html.hpp"

namespace kanzai::tools {
namespace {

using Range = std::pair<std::size_t, std::size_t>;  // [begin, end) of rows with one key
using RangeIndex = std::unordered_map<std::string_view, Range>;

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

// Allocations come sorted by claim_id (allocations.csv order), payouts by payee_id
// (payouts.csv order), set-offs by customer: each key's rows are contiguous.
template <typename Row, typename Key>
RangeIndex index_of(const std::vector<Row>& rows, Key key) {
    RangeIndex index;
    index.reserve(rows.size());
    for (std::size_t at = 0; at < rows.size(); ++at) {
        auto [found, is_new] = index.try_emplace(key(rows[at]), Range{at, at + 1});
        if (!is_new) {
            found->second.second = at + 1;
        }
    }
    return index;
}

struct Indexes {
    RangeIndex allocations;
    RangeIndex payouts;
    RangeIndex set_offs;
};

Indexes indexes_of(const claims::RunRecord& run) {
    return {index_of(run.allocations, [](const auto& a) { return std::string_view(a.claim_id); }),
            index_of(run.payouts, [](const auto& p) { return std::string_view(p.payee_id); }),
            index_of(run.set_offs, [](const auto& s) { return std::string_view(s.customer_id); })};
}

// `"key":[...rows...]` for each key once (keys of consecutive claims repeat: a customer's
// claims, a payee's claims), in first-seen order.
template <typename Write>
void append_keyed(std::string& out, const char* name, const std::vector<std::string_view>& keys,
                  const RangeIndex& index, Write write) {
    out += fmt::format(",\n\"{}\":{{", name);
    bool is_first = true;
    std::unordered_map<std::string_view, bool> seen;
    for (const std::string_view key : keys) {
        const auto found = index.find(key);
        if (found == index.end() || !seen.try_emplace(key, true).second) {
            continue;
        }
        out += is_first ? "\n" : ",\n";
        out += json_script_string(key) + ":";
        write(out, found->second);
        is_first = false;
    }
    out += "}";
}

std::string chunk_json(const claims::RunRecord& run, const Indexes& indexes, std::size_t begin,
                       std::size_t end) {
    std::string out = "{\"rows\":[";
    std::vector<std::string_view> claims, payees, customers;
    for (std::size_t at = begin; at < end; ++at) {
        const claims::DecisionRecord& d = run.decisions[at];
        out += at == begin ? "\n" : ",\n";
        append_array(out, {&d.claim_id, &d.customer_id, &d.claimant_id, &d.payee_id, &d.asset,
                           &d.filed, &d.ledger, &d.admitted, &d.disputed, &d.claim_class,
                           &d.code, &d.reason, &d.value});
        claims.emplace_back(d.claim_id);
        payees.emplace_back(d.payee_id);
        customers.emplace_back(d.customer_id);
    }
    out += "]";
    append_keyed(out, "alloc", claims, indexes.allocations, [&](std::string& o, Range range) {
        o += '[';
        for (std::size_t at = range.first; at < range.second; ++at) {
            const claims::AllocationRecord& a = run.allocations[at];
            const std::string tranche = std::to_string(a.tranche);
            o += at == range.first ? "" : ",";
            append_array(o, {&a.portion, &a.source, &a.asset, &a.amount, &tranche, &a.weight});
        }
        o += ']';
    });
    append_keyed(out, "pay", payees, indexes.payouts, [&](std::string& o, Range range) {
        o += '[';
        for (std::size_t at = range.first; at < range.second; ++at) {
            const claims::PayoutRecord& p = run.payouts[at];
            const std::string id = std::to_string(p.payout_id);
            const std::string tranche = std::to_string(p.tranche);
            o += at == range.first ? "" : ",";
            append_array(o, {&id, &p.asset, &p.amount, &tranche, &p.status});
        }
        o += ']';
    });
    // Set-offs (SPEC "Set-off"): debt D, positive value V, receivable D - V.
    append_keyed(out, "setoff", customers, indexes.set_offs, [&](std::string& o, Range range) {
        const claims::SetOffRecord& s = run.set_offs[range.first];
        append_array(o, {&s.debt, &s.positive_value, &s.receivable});
    });
    return out + "}";
}

}  // namespace

void for_each_claims_chunk(const claims::RunRecord& run, std::size_t chunk_claims,
                           const ClaimsChunkHandler& on_chunk) {
    const Indexes indexes = indexes_of(run);
    const std::size_t total = run.decisions.size();
    for (std::size_t begin = 0, number = 0; begin < total || number == 0; ++number) {
        const std::size_t end = std::min(total, begin + chunk_claims);
        on_chunk(number, begin, chunk_json(run, indexes, begin, end));
        begin = end;
        if (total == 0) {
            break;
        }
    }
}

std::string render_claims_data(const claims::RunRecord& run) {
    std::string all;
    for_each_claims_chunk(run, run.decisions.size() + 1,
                          [&](std::size_t, std::size_t, std::string json) {
                              all = std::move(json);
                          });
    return all;
}

}  // namespace kanzai::tools
