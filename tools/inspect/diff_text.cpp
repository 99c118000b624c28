// `kanzai diff` text. Reasons are inferred from the records only: which input files' hashes
// and case.toml keys changed, how a decision's code, amounts or payee moved, which shared
// sources, conversions and payments moved. Each table of the two runs is walked once in its
// sorted order (a merge), and every lookup is a hash map: linear in the rows.
#include "tools/inspect/diff_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kanzai::tools {

namespace {

using claims::AllocationRecord;
using claims::DecisionRecord;
using claims::FileHash;
using claims::PayoutRecord;
using claims::RunRecord;
using claims::SourceRecord;

constexpr std::string_view determination_code = "O-DETERMINATION";
constexpr std::size_t ids_shown = 5;  // ids listed in one reason before "and N more"

// "determinations.csv added", "ledger.csv changed", by file name.
std::vector<std::string> input_changes(const RunRecord& before, const RunRecord& after) {
    std::map<std::string, std::pair<std::string, std::string>> by_name;
    for (const FileHash& file : before.inputs) {
        by_name[file.name].first = file.sha256;
    }
    for (const FileHash& file : after.inputs) {
        by_name[file.name].second = file.sha256;
    }
    std::vector<std::string> changes;
    for (const auto& [name, hashes] : by_name) {
        if (hashes.first.empty()) {
            changes.push_back(name + " added");
        } else if (hashes.second.empty()) {
            changes.push_back(name + " removed");
        } else if (hashes.first != hashes.second) {
            changes.push_back(name + " changed");
        }
    }
    return changes;
}

bool file_changed(const std::vector<std::string>& inputs, std::string_view name) {
    return std::any_of(inputs.begin(), inputs.end(), [name](const std::string& change) {
        return change.starts_with(name) && change.size() > name.size() &&
               change[name.size()] == ' ';
    });
}

std::string key_text(const ConfigChange& change) {
    return fmt::format("{} {} -> {}", change.key, change.before, change.after);
}

// "K1, K2, K3 and 4 more".
std::string some_ids(const std::vector<std::string_view>& ids) {
    std::vector<std::string_view> shown(ids.begin(), ids.end());
    shown.resize(std::min(ids.size(), ids_shown));
    std::string text = fmt::format("{}", fmt::join(shown, ", "));
    if (ids.size() > ids_shown) {
        text += fmt::format(" and {} more", ids.size() - ids_shown);
    }
    return text;
}

struct Context {
    const RunRecord& before;
    const RunRecord& after;
    std::vector<std::string> inputs;
    const CaseTomlChanges& toml;
    std::vector<ConfigChange> summary_keys;  // the keys summary.json echoes
    std::string inputs_text;  // "inputs: ledger.csv changed, ..." or "no input changed"
};

// The case.toml keys among `keys` ("assets.BTC.price"), as "key old -> new"; when the keys
// are not known and case.toml changed, names them as candidates.
std::string toml_reason(const Context& c, const std::vector<std::string>& keys) {
    if (!file_changed(c.inputs, "case.toml")) {
        return "";
    }
    std::vector<std::string> found;
    const std::vector<ConfigChange>& known = c.toml.known ? c.toml.keys : c.summary_keys;
    for (const ConfigChange& change : known) {
        if (std::find(keys.begin(), keys.end(), change.key) != keys.end()) {
            found.push_back(key_text(change));
        }
    }
    if (!found.empty()) {
        return fmt::format("case.toml {}", fmt::join(found, ", "));
    }
    if (c.toml.known) {
        return "";
    }
    return fmt::format("case.toml changed: its {} (old values not at hand)",
                       fmt::join(keys, " or "));
}

std::string asset_amount(std::string_view amount, std::string_view asset) {
    return fmt::format("{} {}", amount, asset);
}

// What moved in a decision, each "field old -> new".
std::vector<std::string> decision_changes(const DecisionRecord& a, const DecisionRecord& b) {
    std::vector<std::string> changes;
    const auto compare = [&changes](std::string_view field, const std::string& old_text,
                                    const std::string& new_text) {
        if (old_text != new_text) {
            changes.push_back(fmt::format("{} {} -> {}", field,
                                          old_text.empty() ? "none" : old_text,
                                          new_text.empty() ? "none" : new_text));
        }
    };
    compare("admitted", a.admitted, b.admitted);
    compare("disputed", a.disputed, b.disputed);
    compare("class", a.claim_class, b.claim_class);
    compare("code", a.code, b.code);
    compare("payee", a.payee_id, b.payee_id);
    compare("value", a.value, b.value);
    return changes;
}

// Why a decision moved, as far as the two records show it.
std::vector<std::string> decision_reasons(const Context& c, const DecisionRecord& a,
                                          const DecisionRecord& b) {
    std::vector<std::string> reasons;
    const bool was_determined = std::string_view(a.code).starts_with(determination_code);
    const bool is_determined = std::string_view(b.code).starts_with(determination_code);
    if (!was_determined && is_determined) {
        reasons.push_back(fmt::format("a determination was added: code {} -> {} (\"{}\")", a.code,
                                      b.code, b.reason));
    } else if (was_determined && !is_determined) {
        reasons.push_back(fmt::format("its determination was removed: code {} -> {}", a.code,
                                      b.code));
    } else if (was_determined && (a.reason != b.reason || a.admitted != b.admitted ||
                                  a.disputed != b.disputed)) {
        reasons.push_back(fmt::format("its determination changed (\"{}\")", b.reason));
    } else if (a.code != b.code) {
        reasons.push_back(fmt::format("its determination code changed: {} (\"{}\")", b.code,
                                      b.reason));
    }
    if (a.filed != b.filed) {
        reasons.push_back(fmt::format("its claims.csv row changed: filed {} -> {}",
                                      a.filed.empty() ? "none" : a.filed,
                                      b.filed.empty() ? "none" : b.filed));
    }
    if (a.ledger != b.ledger) {
        reasons.push_back(fmt::format(
            "its ledger.csv rows changed: the ledger entitlement after set-off {} -> {}",
            a.ledger, b.ledger));
    }
    if (a.payee_id != b.payee_id) {
        reasons.push_back(fmt::format("its transfers.csv rows changed: payee {} -> {}",
                                      a.payee_id, b.payee_id));
    }
    if (a.value != b.value && a.admitted == b.admitted) {
        const std::string asset = b.asset;
        std::string why = toml_reason(c, {"assets." + asset + ".price",
                                          "rules.valuation_rounding"});
        if (why.empty()) {
            why = c.inputs_text;
        }
        reasons.push_back(fmt::format("its value at the case price moved at the same admitted "
                                      "amount: {}",
                                      why));
    }
    return reasons;
}

// Rows of a table in its sorted order: the record's own order when it is sorted (the CSV
// outputs are), else sorted here.
template <typename Row, typename Less>
std::vector<const Row*> in_order(const std::vector<Row>& rows, Less less) {
    std::vector<const Row*> order;
    order.reserve(rows.size());
    for (const Row& row : rows) {
        order.push_back(&row);
    }
    const auto by_key = [&less](const Row* x, const Row* y) { return less(*x, *y); };
    if (!std::is_sorted(order.begin(), order.end(), by_key)) {
        std::stable_sort(order.begin(), order.end(), by_key);
    }
    return order;
}

// Walks both tables in key order, calling visit(a, b) with nullptr for a side without the
// key. Rows with equal keys in one table pair up in turn.
template <typename Row, typename Less, typename Visit>
void merge(const std::vector<Row>& a_rows, const std::vector<Row>& b_rows, Less less,
           Visit visit) {
    const std::vector<const Row*> a = in_order(a_rows, less);
    const std::vector<const Row*> b = in_order(b_rows, less);
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && less(*a[i], *b[j]))) {
            visit(a[i++], nullptr);
        } else if (i == a.size() || less(*b[j], *a[i])) {
            visit(nullptr, b[j++]);
        } else {
            visit(a[i++], b[j++]);
        }
    }
}

bool decision_less(const DecisionRecord& x, const DecisionRecord& y) {
    return x.claim_id < y.claim_id;
}

bool allocation_less(const AllocationRecord& x, const AllocationRecord& y) {
    return std::tie(x.claim_id, x.portion, x.source) < std::tie(y.claim_id, y.portion, y.source);
}

bool payout_less(const PayoutRecord& x, const PayoutRecord& y) {
    return std::tie(x.payee_id, x.asset, x.tranche, x.status) <
           std::tie(y.payee_id, y.asset, y.tranche, y.status);
}

std::string source_text(const SourceRecord& s) {
    return fmt::format("available {}, weights {}, allocated {}, left {}, tranche {}",
                       s.available, s.weights, s.allocated, s.left, s.tranche);
}

// The sources whose figures moved, with both sets of figures.
std::unordered_set<std::string> append_sources(std::string& out, const Context& c) {
    std::map<std::string, std::pair<const SourceRecord*, const SourceRecord*>> by_name;
    for (const SourceRecord& s : c.before.sources) {
        by_name[s.source].first = &s;
    }
    for (const SourceRecord& s : c.after.sources) {
        by_name[s.source].second = &s;
    }
    std::unordered_set<std::string> moved;
    out += "\nSources that changed:\n";
    for (const auto& [name, pair] : by_name) {
        const std::string a = pair.first ? source_text(*pair.first) : std::string("none");
        const std::string b = pair.second ? source_text(*pair.second) : std::string("none");
        if (a != b) {
            fmt::format_to(std::back_inserter(out), "  {}: {} -> {}\n", name, a, b);
            moved.insert(name);
        }
    }
    if (moved.empty()) {
        out += "  none\n";
    }
    return moved;
}

// summary.json's "conversions" and "payments_not_completed", flattened to "what: amount".
std::map<std::string, std::string> v3_figures(const std::string& summary_json) {
    std::map<std::string, std::string> figures;
    const auto summary = nlohmann::json::parse(summary_json, nullptr, false);
    if (!summary.is_object()) {
        return figures;
    }
    const auto conversions = summary.find("conversions");
    if (conversions != summary.end() && conversions->is_array()) {
        for (const auto& row : *conversions) {
            if (row.is_object()) {
                figures[fmt::format("conversion {} -> {}", row.value("from_asset", ""),
                                    row.value("to_asset", ""))] =
                    fmt::format("{} {} to {} {}", row.value("from_amount", ""),
                                row.value("from_asset", ""), row.value("to_amount", ""),
                                row.value("to_asset", ""));
            }
        }
    }
    const auto payments = summary.find("payments_not_completed");
    if (payments != summary.end() && payments->is_object()) {
        for (const auto& [status, by_asset] : payments->items()) {
            if (!by_asset.is_object()) {
                continue;
            }
            for (const auto& [asset, amount] : by_asset.items()) {
                figures[fmt::format("payments {} in {}", status, asset)] =
                    amount.is_string() ? amount.get<std::string>() : amount.dump();
            }
        }
    }
    return figures;
}

// Conversions and payments not completed that moved (SPEC v3, summary.json); returns them.
std::vector<std::string> append_v3(std::string& out, const Context& c) {
    const std::map<std::string, std::string> a = v3_figures(c.before.summary_json);
    const std::map<std::string, std::string> b = v3_figures(c.after.summary_json);
    std::map<std::string, std::pair<std::string, std::string>> both;
    for (const auto& [what, text] : a) {
        both[what].first = text;
    }
    for (const auto& [what, text] : b) {
        both[what].second = text;
    }
    std::vector<std::string> moved;
    for (const auto& [what, texts] : both) {
        if (texts.first != texts.second) {
            moved.push_back(fmt::format("{}: {} -> {}", what,
                                        texts.first.empty() ? "none" : texts.first,
                                        texts.second.empty() ? "none" : texts.second));
        }
    }
    if (!moved.empty()) {
        out += "\nConversions and payments not completed that changed (summary.json):\n";
        for (const std::string& line : moved) {
            fmt::format_to(std::back_inserter(out), "  {}\n", line);
        }
    }
    return moved;
}

struct ClaimCounts {
    std::unordered_set<std::string_view> changed;
    int only_before = 0;
    int only_after = 0;
};

void append_one_sided(std::string& out, const Context& c, const DecisionRecord& d, bool gone) {
    const bool is_deemed = std::string_view(d.claim_id).starts_with("deemed:");
    fmt::format_to(std::back_inserter(out),
                   "  {} (customer {}, {}): only in run {}: code {}, admitted {}\n", d.claim_id,
                   d.customer_id, d.asset, gone ? c.before.number : c.after.number, d.code,
                   asset_amount(d.admitted, d.asset));
    fmt::format_to(std::back_inserter(out), "    why: {}; {}\n",
                   is_deemed ? (gone ? "the deemed claim is no longer deemed"
                                     : "a deemed claim appeared")
                             : (gone ? "the claim is no longer in claims.csv"
                                     : "a new claim in claims.csv"),
                   c.inputs_text);
}

ClaimCounts append_claims(std::string& out, const Context& c) {
    ClaimCounts counts;
    out += "\nClaims whose decision changed:\n";
    merge(c.before.decisions, c.after.decisions, decision_less,
          [&](const DecisionRecord* a, const DecisionRecord* b) {
              if (a == nullptr || b == nullptr) {
                  const bool gone = b == nullptr;
                  append_one_sided(out, c, gone ? *a : *b, gone);
                  (gone ? counts.only_before : counts.only_after) += 1;
                  counts.changed.insert((gone ? a : b)->claim_id);
                  return;
              }
              const std::vector<std::string> changes = decision_changes(*a, *b);
              if (changes.empty()) {
                  return;
              }
              counts.changed.insert(b->claim_id);
              std::vector<std::string> reasons = decision_reasons(c, *a, *b);
              if (reasons.empty()) {
                  reasons.push_back(c.inputs_text);
              }
              fmt::format_to(std::back_inserter(out), "  {} (customer {}, {}): {}\n",
                             b->claim_id, b->customer_id, b->asset, fmt::join(changes, "; "));
              fmt::format_to(std::back_inserter(out), "    why: {}\n", fmt::join(reasons, "; "));
          });
    if (counts.changed.empty()) {
        out += "  none\n";
    }
    return counts;
}

std::string allocation_text(const AllocationRecord* a) {
    return a == nullptr ? std::string("none")
                        : fmt::format("{} (tranche {}, weight {})", a->amount, a->tranche,
                                      a->weight);
}

// Why an allocation line moved: its claim's decision, else its source, else its weight.
std::string allocation_reason(const Context& c, const AllocationRecord* a,
                              const AllocationRecord* b, const ClaimCounts& claims,
                              const std::unordered_set<std::string>& moved_sources) {
    const AllocationRecord& line = b != nullptr ? *b : *a;
    if (claims.changed.contains(line.claim_id)) {
        return "its claim's decision changed (above)";
    }
    if (a != nullptr && b != nullptr && a->weight != b->weight) {
        return fmt::format("its weight moved {} -> {} (for a fund or the estate: the line's "
                           "remaining shortfall or claim value)",
                           a->weight, b->weight);
    }
    if (moved_sources.contains(line.source)) {
        return fmt::format("{} was split differently (above)", line.source);
    }
    if (file_changed(c.inputs, "elections.csv")) {
        return "elections.csv changed (the convenience class or a payment asset)";
    }
    return c.inputs_text;
}

// Lines whose amount, tranche or weight moved; returns the claim_ids they belong to.
std::unordered_set<std::string_view> append_allocations(
    std::string& out, const Context& c, const ClaimCounts& claims,
    const std::unordered_set<std::string>& moved_sources, int& count) {
    std::unordered_set<std::string_view> claim_ids;
    out += "\nAllocations that changed:\n";
    merge(c.before.allocations, c.after.allocations, allocation_less,
          [&](const AllocationRecord* a, const AllocationRecord* b) {
              const std::string old_text = allocation_text(a);
              const std::string new_text = allocation_text(b);
              if (old_text == new_text) {
                  return;
              }
              const AllocationRecord& line = b != nullptr ? *b : *a;
              fmt::format_to(std::back_inserter(out), "  {} {} from {} ({}): {} -> {}\n",
                             line.claim_id, line.portion, line.source, line.asset, old_text,
                             new_text);
              fmt::format_to(std::back_inserter(out), "    why: {}\n",
                             allocation_reason(c, a, b, claims, moved_sources));
              claim_ids.insert(line.claim_id);
              ++count;
          });
    if (count == 0) {
        out += "  none\n";
    }
    return claim_ids;
}

// Per payee, the claims it holds in either run (a creditor's lines carry its payee id).
using PayeeClaims = std::unordered_map<std::string_view, std::vector<std::string_view>>;

PayeeClaims claims_by_payee(const Context& c) {
    PayeeClaims by_payee;
    for (const RunRecord* run : {&c.before, &c.after}) {
        for (const DecisionRecord& d : run->decisions) {
            by_payee[d.payee_id].push_back(d.claim_id);  // both runs: duplicates, removed later
        }
    }
    return by_payee;
}

std::string payout_reason(const Context& c, const PayoutRecord& payout,
                          const PayeeClaims& by_payee, const ClaimCounts& claims,
                          const std::unordered_set<std::string_view>& moved_lines) {
    std::vector<std::string_view> held;
    const auto found = by_payee.find(payout.payee_id);
    if (found != by_payee.end()) {
        held = found->second;
    }
    std::sort(held.begin(), held.end());
    held.erase(std::unique(held.begin(), held.end()), held.end());
    std::vector<std::string_view> decided;
    std::vector<std::string_view> allocated;
    for (const std::string_view id : held) {
        if (claims.changed.contains(id)) {
            decided.push_back(id);
        } else if (moved_lines.contains(id)) {
            allocated.push_back(id);
        }
    }
    if (!decided.empty()) {
        return fmt::format("claims it holds changed: {}", some_ids(decided));
    }
    if (moved_lines.contains(payout.payee_id)) {
        return "its creditor allocations changed";
    }
    if (!allocated.empty()) {
        return fmt::format("allocations of claims it holds changed: {}", some_ids(allocated));
    }
    // Same allocations, other payouts: the asset paid, the catch-up or the status moved.
    std::vector<std::string> why;
    if (file_changed(c.inputs, "elections.csv")) {
        why.emplace_back("elections.csv changed (its election of kind, cash or convert)");
    }
    if (file_changed(c.inputs, "payments.csv")) {
        why.emplace_back("payments.csv changed (catch-up counts paid payments only; failed and "
                         "returned ones are payable again)");
    }
    const std::string keys = toml_reason(c, {"payouts.convert_to", "assets." + payout.asset +
                                                                       ".paid_in",
                                             "assets." + payout.asset + ".distribution_price",
                                             "assets." + payout.asset + ".estate_price",
                                             "rules.min_payout." + payout.asset});
    if (!keys.empty()) {
        why.push_back(keys);
    }
    if (file_changed(c.inputs, "customers.csv")) {
        why.emplace_back("customers.csv changed (kyc or sanctioned)");
    }
    if (why.empty()) {
        why.push_back(c.inputs_text);
    }
    return fmt::format("its allocations did not change: {}", fmt::join(why, "; "));
}

int append_payouts(std::string& out, const Context& c, const ClaimCounts& claims,
                   const std::unordered_set<std::string_view>& moved_lines,
                   std::unordered_set<std::string_view>& payees) {
    const PayeeClaims by_payee = claims_by_payee(c);
    int count = 0;
    out += "\nPayouts that changed:\n";
    merge(c.before.payouts, c.after.payouts, payout_less,
          [&](const PayoutRecord* a, const PayoutRecord* b) {
              const std::string old_amount = a == nullptr ? "none" : a->amount;
              const std::string new_amount = b == nullptr ? "none" : b->amount;
              if (old_amount == new_amount) {
                  return;
              }
              const PayoutRecord& p = b != nullptr ? *b : *a;
              fmt::format_to(std::back_inserter(out), "  {} {} tranche {} {}: {} -> {}\n",
                             p.payee_id, p.asset, p.tranche, p.status, old_amount, new_amount);
              fmt::format_to(std::back_inserter(out), "    why: {}\n",
                             payout_reason(c, p, by_payee, claims, moved_lines));
              payees.insert(p.payee_id);
              ++count;
          });
    if (count == 0) {
        out += "  none\n";
    }
    return count;
}

// The "case.toml: ..." line: the keys that changed, or what summary.json shows of them.
void append_toml(std::string& out, const Context& c) {
    if (!file_changed(c.inputs, "case.toml")) {
        return;
    }
    std::vector<std::string> keys;
    for (const ConfigChange& change : c.toml.known ? c.toml.keys : c.summary_keys) {
        keys.push_back(key_text(change));
    }
    if (c.toml.known) {
        fmt::format_to(std::back_inserter(out), "case.toml: {}\n",
                       keys.empty() ? std::string("no key changed (only its text)")
                                    : fmt::format("{}", fmt::join(keys, "; ")));
        return;
    }
    fmt::format_to(std::back_inserter(out), "case.toml: changed; {}other keys not compared ({})\n",
                   keys.empty() ? std::string()
                                : fmt::format("from summary.json: {}; ", fmt::join(keys, "; ")),
                   c.toml.note.empty() ? std::string("the old case.toml is not at hand")
                                       : c.toml.note);
}

}  // namespace

std::string diff_text(const RunRecord& before, const RunRecord& after,
                      const CaseTomlChanges& toml) {
    Context c{.before = before,
              .after = after,
              .inputs = input_changes(before, after),
              .toml = toml,
              .summary_keys = summary_config_changes(before.summary_json, after.summary_json),
              .inputs_text = ""};
    c.inputs_text = c.inputs.empty() ? std::string("no input changed")
                                     : fmt::format("inputs: {}", fmt::join(c.inputs, ", "));
    if (c.inputs.empty() && before.engine != after.engine) {
        c.inputs_text += fmt::format("; engine {} -> {}", before.engine, after.engine);
    }
    std::string out = fmt::format("Run {} -> run {} of case \"{}\"\nInputs: {}\n", before.number,
                                  after.number, after.case_name,
                                  c.inputs.empty() ? std::string("none changed")
                                                   : fmt::format("{}", fmt::join(c.inputs, ", ")));
    append_toml(out, c);
    const std::unordered_set<std::string> moved_sources = append_sources(out, c);
    append_v3(out, c);
    const ClaimCounts claims = append_claims(out, c);
    int allocations = 0;
    const std::unordered_set<std::string_view> moved_lines =
        append_allocations(out, c, claims, moved_sources, allocations);
    std::unordered_set<std::string_view> payees;
    const int payouts = append_payouts(out, c, claims, moved_lines, payees);
    fmt::format_to(std::back_inserter(out),
                   "\nTotal: {} claims changed ({} only in run {}, {} only in run {}); {} "
                   "allocations changed; {} payouts changed for {} payees\n",
                   claims.changed.size(), claims.only_before, before.number, claims.only_after,
                   after.number, allocations, payouts, payees.size());
    return out;
}

}  // namespace kanzai::tools
