// CSV rendering of decisions, allocations and payouts.
#include "tools/csv_writer.hpp"

#include <initializer_list>

namespace kanzai::tools {
namespace {

void append_row(std::string& out, std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (const std::string_view field : fields) {
        if (!first) {
            out += ',';
        }
        first = false;
        append_csv_field(out, field);
    }
    out += '\n';
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    for (const char c : field) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
}

std::string render_decisions_csv(const std::vector<claims::DecisionRecord>& decisions) {
    std::string out =
        "claim_id,customer_id,claimant_id,payee_id,asset,filed,ledger,admitted,disputed,class,"
        "code,reason,value\n";
    out.reserve(decisions.size() * 160);
    for (const claims::DecisionRecord& d : decisions) {
        append_row(out, {d.claim_id, d.customer_id, d.claimant_id, d.payee_id, d.asset, d.filed,
                         d.ledger, d.admitted, d.disputed, d.claim_class, d.code, d.reason,
                         d.value});
    }
    return out;
}

std::string render_allocations_csv(
    const std::vector<claims::AllocationRecord>& allocations) {
    std::string out = "claim_id,portion,source,asset,amount,tranche\n";
    out.reserve(allocations.size() * 64);
    for (const claims::AllocationRecord& a : allocations) {
        const std::string tranche = std::to_string(a.tranche);
        append_row(out, {a.claim_id, a.portion, a.source, a.asset, a.amount, tranche});
    }
    return out;
}

std::string render_payouts_csv(const std::vector<claims::PayoutRecord>& payouts) {
    std::string out = "payout_id,payee_id,asset,amount,tranche,status\n";
    out.reserve(payouts.size() * 56);
    for (const claims::PayoutRecord& p : payouts) {
        const std::string id = std::to_string(p.payout_id);
        const std::string tranche = std::to_string(p.tranche);
        append_row(out, {id, p.payee_id, p.asset, p.amount, tranche, p.status});
    }
    return out;
}

}  // namespace kanzai::tools
