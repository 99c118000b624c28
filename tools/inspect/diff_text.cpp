// `kanzai diff` text. Reasons are inferred from the records only: which input files' hashes
// changed, how a decision's code, amounts or payee moved, which shared sources moved.
#include "tools/inspect/diff_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
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

std::string asset_amount(std::string_view amount, std::string_view asset) {
    return fmt::format("{} {}", amount, asset);
}

// What moved in a decision, each "field old -> new".
std::vector<std::string> decision_changes(const DecisionRecord& a, const DecisionRecord& b) {
    std::vector<std::string> changes;
    const auto compare = [&](std::string_view field, const std::string& old_text,
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
    return changes;
}

// Why a decision moved, as far as the two records show it.
std::vector<std::string> decision_reasons(const DecisionRecord& a, const DecisionRecord& b) {
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
    }
    if (a.filed != b.filed) {
        reasons.push_back(fmt::format("the filed amount changed: {} -> {}", a.filed, b.filed));
    }
    if (a.ledger != b.ledger) {
        reasons.push_back(fmt::format("the ledger entitlement after set-off changed: {} -> {}",
                                      a.ledger, b.ledger));
    }
    if (a.payee_id != b.payee_id) {
        reasons.push_back("its transfers changed");
    }
    return reasons;
}

struct Context {
    const RunRecord& before;
    const RunRecord& after;
    std::string inputs_text;  // "ledger.csv changed, ..." or "no input changed"
};

std::map<std::string, const DecisionRecord*> by_claim(const RunRecord& run) {
    std::map<std::string, const DecisionRecord*> claims;
    for (const DecisionRecord& d : run.decisions) {
        claims.emplace(d.claim_id, &d);
    }
    return claims;
}

// Appends the changed claims; returns their ids and counts the one-sided ones.
std::set<std::string> append_claims(std::string& out, const Context& c, int& only_before,
                                    int& only_after) {
    const auto before = by_claim(c.before);
    const auto after = by_claim(c.after);
    std::set<std::string> ids;
    for (const auto& [id, d] : before) {
        ids.insert(id);
    }
    for (const auto& [id, d] : after) {
        ids.insert(id);
    }
    std::set<std::string> changed;
    out += "\nClaims whose decision changed:\n";
    for (const std::string& id : ids) {
        const auto a = before.find(id);
        const auto b = after.find(id);
        const bool is_deemed = std::string_view(id).starts_with("deemed:");
        if (b == after.end() || a == before.end()) {
            const DecisionRecord& d = b == after.end() ? *a->second : *b->second;
            const bool gone = b == after.end();
            (gone ? only_before : only_after) += 1;
            fmt::format_to(std::back_inserter(out),
                           "  {} (customer {}, {}): only in run {}: code {}, admitted {}\n", id,
                           d.customer_id, d.asset, gone ? c.before.number : c.after.number,
                           d.code, asset_amount(d.admitted, d.asset));
            fmt::format_to(std::back_inserter(out), "    why: {}; {}\n",
                           is_deemed ? (gone ? "the deemed claim is no longer deemed"
                                             : "a deemed claim appeared")
                                     : (gone ? "the claim is no longer in claims.csv"
                                             : "a new claim in claims.csv"),
                           c.inputs_text);
            changed.insert(id);
            continue;
        }
        const std::vector<std::string> changes = decision_changes(*a->second, *b->second);
        if (changes.empty()) {
            continue;
        }
        changed.insert(id);
        std::vector<std::string> reasons = decision_reasons(*a->second, *b->second);
        if (reasons.empty()) {
            reasons.push_back(c.inputs_text);
        }
        fmt::format_to(std::back_inserter(out), "  {} (customer {}, {}): {}\n", id,
                       b->second->customer_id, b->second->asset, fmt::join(changes, "; "));
        fmt::format_to(std::back_inserter(out), "    why: {}\n", fmt::join(reasons, "; "));
    }
    if (changed.empty()) {
        out += "  none\n";
    }
    return changed;
}

using PayoutKey = std::tuple<std::string, std::string, int, std::string>;

std::map<PayoutKey, std::string> payouts_by_key(const RunRecord& run) {
    std::map<PayoutKey, std::string> amounts;
    for (const PayoutRecord& p : run.payouts) {
        amounts[{p.payee_id, p.asset, p.tranche, p.status}] = p.amount;
    }
    return amounts;
}

// The claims (in either run) a payee holds, and the sources its lines were paid from.
void payee_claims_and_sources(const RunRecord& run, const std::string& payee_id,
                              std::set<std::string>& claim_ids, std::set<std::string>& sources) {
    std::set<std::string> own;
    for (const DecisionRecord& d : run.decisions) {
        if (d.payee_id == payee_id) {
            own.insert(d.claim_id);
        }
    }
    own.insert(payee_id);  // a creditor's lines carry its payee id as claim_id
    for (const AllocationRecord& a : run.allocations) {
        if (own.contains(a.claim_id)) {
            sources.insert(a.source);
        }
    }
    own.erase(payee_id);
    claim_ids.insert(own.begin(), own.end());
}

std::set<std::string> changed_sources(const RunRecord& before, const RunRecord& after) {
    std::map<std::string, std::string> figures;
    const auto text = [](const SourceRecord& s) {
        return fmt::format("{} {} {} {} {}", s.available, s.weights, s.allocated, s.left,
                           s.tranche);
    };
    for (const SourceRecord& s : before.sources) {
        figures[s.source] = text(s);
    }
    std::set<std::string> changed;
    for (const SourceRecord& s : after.sources) {
        const auto found = figures.find(s.source);
        if (found == figures.end() || found->second != text(s)) {
            changed.insert(s.source);
        }
        figures.erase(s.source);
    }
    for (const auto& [source, text_before] : figures) {
        changed.insert(source);
    }
    return changed;
}

std::string payout_reason(const Context& c, const std::string& payee_id,
                          const std::set<std::string>& changed_claims,
                          const std::set<std::string>& moved_sources) {
    std::set<std::string> claim_ids;
    std::set<std::string> sources;
    payee_claims_and_sources(c.before, payee_id, claim_ids, sources);
    payee_claims_and_sources(c.after, payee_id, claim_ids, sources);
    std::vector<std::string> claims_changed;
    for (const std::string& id : claim_ids) {
        if (changed_claims.contains(id)) {
            claims_changed.push_back(id);
        }
    }
    if (!claims_changed.empty()) {
        return fmt::format("claims it holds changed: {}", fmt::join(claims_changed, ", "));
    }
    std::vector<std::string> sources_moved;
    for (const std::string& source : sources) {
        if (moved_sources.contains(source)) {
            sources_moved.push_back(source);
        }
    }
    if (!sources_moved.empty()) {
        return fmt::format("the sources it is paid from were split differently: {}",
                           fmt::join(sources_moved, ", "));
    }
    return c.inputs_text;
}

int append_payouts(std::string& out, const Context& c, const std::set<std::string>& changed,
                   std::set<std::string>& payees) {
    const auto before = payouts_by_key(c.before);
    const auto after = payouts_by_key(c.after);
    std::set<PayoutKey> keys;
    for (const auto& [key, amount] : before) {
        keys.insert(key);
    }
    for (const auto& [key, amount] : after) {
        keys.insert(key);
    }
    const std::set<std::string> moved_sources = changed_sources(c.before, c.after);
    int payouts_changed = 0;
    out += "\nPayouts that changed:\n";
    for (const PayoutKey& key : keys) {
        const auto a = before.find(key);
        const auto b = after.find(key);
        const std::string old_amount = a == before.end() ? "none" : a->second;
        const std::string new_amount = b == after.end() ? "none" : b->second;
        if (old_amount == new_amount) {
            continue;
        }
        const auto& [payee_id, asset, tranche, status] = key;
        fmt::format_to(std::back_inserter(out), "  {} {} tranche {} {}: {} -> {}\n", payee_id,
                       asset, tranche, status, old_amount, new_amount);
        fmt::format_to(std::back_inserter(out), "    why: {}\n",
                       payout_reason(c, payee_id, changed, moved_sources));
        payees.insert(payee_id);
        ++payouts_changed;
    }
    if (payouts_changed == 0) {
        out += "  none\n";
    }
    return payouts_changed;
}

}  // namespace

std::string diff_text(const RunRecord& before, const RunRecord& after) {
    const std::vector<std::string> inputs = input_changes(before, after);
    std::string inputs_text =
        inputs.empty() ? std::string("no input changed")
                       : fmt::format("inputs: {}", fmt::join(inputs, ", "));
    if (inputs.empty() && before.engine != after.engine) {
        inputs_text += fmt::format("; engine {} -> {}", before.engine, after.engine);
    }
    const Context context{.before = before, .after = after, .inputs_text = inputs_text};
    std::string out = fmt::format("Run {} -> run {} of case \"{}\"\nInputs: {}\n",
                                  before.number, after.number, after.case_name,
                                  inputs.empty() ? std::string("none changed")
                                                 : fmt::format("{}", fmt::join(inputs, ", ")));
    int only_before = 0;
    int only_after = 0;
    const std::set<std::string> changed = append_claims(out, context, only_before, only_after);
    std::set<std::string> payees;
    const int payouts_changed = append_payouts(out, context, changed, payees);
    fmt::format_to(std::back_inserter(out),
                   "\nTotal: {} claims changed ({} only in run {}, {} only in run {}); {} payouts "
                   "changed for {} payees\n",
                   changed.size(), only_before, before.number, only_after, after.number,
                   payouts_changed, payees.size());
    return out;
}

}  // namespace kanzai::tools
