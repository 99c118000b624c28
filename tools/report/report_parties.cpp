// Who is paid and who is held (see report_sections.hpp): the creditors with their claims and
// recoveries, every payout not payable with the reason it is held (the transfer, the
// sanctioned party, the disputed claim, the KYC status, the minimum), and the elections.
// Rows come from the run's record; the input rows that name a reason (transfers.csv,
// customers.csv, creditors.csv, elections.csv) only when they are the run's own.
#include <map>
#include <string_view>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/decimal.hpp"
#include "tools/report/report_escape.hpp"
#include "tools/report/report_sections.hpp"

namespace kanzai::tools {
namespace {

using nlohmann::json;

// Held payouts listed per status at most; payouts.csv has them all.
constexpr std::size_t held_rows_max = 500;
constexpr std::size_t election_rows_max = 500;
constexpr std::string_view creditor_prefix = "creditor:";

std::string td(const std::string& text, bool is_number = false) {
    return (is_number ? "<td class=\"num\">" : "<td>") + html_escape(text) + "</td>";
}

std::string claim_link(const std::string& claim_id) {
    return fmt::format("<a href=\"#claim={0}\" class=\"claim-link\" data-claim=\"{0}\">{0}</a>",
                       html_escape(claim_id));
}

std::string finding_text(const json& finding) {
    return finding.is_string() ? finding.get<std::string>() : finding.dump();
}

int decimals_of(const std::string& amount) {
    const std::size_t dot = amount.find('.');
    return dot == std::string::npos ? 0 : static_cast<int>(amount.size() - dot - 1);
}

// The creditors: each `creditor:<id>` payee's allocations (class from the estate source)
// and payouts, from the record; claim amount and description from creditors.csv.
std::string creditors_block(const ReportContext& context) {
    struct Row {
        std::string estate_class;
        engine::Int128 allocated = 0;
        int decimals = 0;
        std::string payouts;
    };
    std::map<std::string, Row> rows;
    for (const claims::AllocationRecord& a : context.run.allocations) {
        if (a.claim_id.rfind(creditor_prefix, 0) == 0) {
            Row& row = rows[a.claim_id.substr(creditor_prefix.size())];
            row.estate_class = a.source.substr(a.source.find(':') + 1);
            row.decimals = decimals_of(a.amount);
            row.allocated += engine::parse_amount(a.amount, row.decimals).count;
        }
    }
    for (const claims::PayoutRecord& p : context.run.payouts) {
        if (p.payee_id.rfind(creditor_prefix, 0) == 0) {
            std::string& text = rows[p.payee_id.substr(creditor_prefix.size())].payouts;
            text += fmt::format("{}#{} {} {} ({}, tranche {})", text.empty() ? "" : "; ",
                                p.payout_id, p.amount, p.asset, p.status, p.tranche);
        }
    }
    if (context.inputs != nullptr) {
        for (const claims::Creditor& creditor : context.inputs->creditors) {
            rows.try_emplace(creditor.id);
        }
    }
    std::string html = fmt::format("<h3>Creditors <span class=\"count\">({})</span></h3>\n"
                                   "<table class=\"data\" id=\"creditors\"><thead><tr>"
                                   "<th>Creditor</th><th>Class</th><th>Claim</th>"
                                   "<th>Description</th><th>Allocated</th><th>Payouts</th>"
                                   "</tr></thead><tbody>\n",
                                   rows.size());
    const int currency_decimals =
        context.inputs != nullptr ? context.inputs->config.currency().decimals : 0;
    std::map<std::string_view, const claims::Creditor*> listed;
    if (context.inputs != nullptr) {
        for (const claims::Creditor& creditor : context.inputs->creditors) {
            listed.emplace(creditor.id, &creditor);
        }
    }
    for (const auto& [id, row] : rows) {
        std::string estate_class = row.estate_class, amount = "?", description = "?";
        const auto found = listed.find(id);
        if (found != listed.end()) {
            estate_class = std::string(claims::text_of(found->second->creditor_class));
            amount = engine::format_units(found->second->amount.count, currency_decimals);
            description = found->second->description;
        }
        const int decimals = row.payouts.empty() && row.allocated == 0 ? currency_decimals
                                                                        : row.decimals;
        html += fmt::format("<tr data-creditor=\"{}\">{}{}{}{}{}{}</tr>\n", html_escape(id),
                            td(id), td(estate_class), td(amount, true), td(description),
                            td(engine::format_units(row.allocated, decimals), true),
                            td(row.payouts.empty() ? "none" : row.payouts));
    }
    return html + "</tbody></table>\n";
}

// Why the payouts of one payee with `status` are held, naming the claims and input rows.
class HoldReasons {
public:
    explicit HoldReasons(const ReportContext& context) : context_(context) {
        // Only the payees with a held payout: a handful of a million.
        for (const claims::PayoutRecord& p : context.run.payouts) {
            if (p.status != "payable") {
                claims_of_payee_.try_emplace(p.payee_id);
            }
        }
        for (std::size_t index = 0; index < context.run.decisions.size(); ++index) {
            const auto found = claims_of_payee_.find(context.run.decisions[index].payee_id);
            if (found != claims_of_payee_.end()) {
                found->second.push_back(index);
            }
        }
        const auto found = context.summary.find("transfer_findings");
        findings_ = found != context.summary.end() && found->is_object() ? &*found : nullptr;
    }

    [[nodiscard]] std::string reason(const claims::PayoutRecord& payout) const {
        const std::string& status = payout.status;
        std::string text;
        const auto add = [&](const std::string& part) {
            text += (text.empty() ? "" : "; ") + part;
        };
        if (status == "below_minimum") {
            return "below the minimum payout of " + payout.asset + min_payout(payout.asset);
        }
        const auto claims = claims_of_payee_.find(payout.payee_id);
        if (claims == claims_of_payee_.end()) {
            return "";
        }
        for (const std::size_t index : claims->second) {
            const claims::DecisionRecord& d = context_.run.decisions[index];
            const bool has_finding = findings_ != nullptr && findings_->contains(d.claim_id);
            if (status == "held_review" && has_finding) {
                add(claim_link(d.claim_id) + ": " +
                    html_escape(finding_text(findings_->at(d.claim_id))) +
                    transfers_of(d.claim_id));
            } else if (status == "frozen_sanctions") {
                const std::string who = sanctioned(d);
                if (!who.empty()) {
                    add(claim_link(d.claim_id) + ": " + who);
                }
            } else if (status == "held_disputed" &&
                       d.disputed.find_first_of("123456789") != std::string::npos) {
                add(claim_link(d.claim_id) + ": " + html_escape(d.disputed + " " + d.asset) +
                    " disputed (" + html_escape(d.code) + ")");
            }
        }
        if (status == "held_kyc") {
            add("payee's KYC: " + kyc_of(payout.payee_id));
        }
        return text;
    }

private:
    [[nodiscard]] const claims::Customer* customer(const std::string& id) const {
        if (context_.inputs == nullptr) {
            return nullptr;
        }
        const std::uint32_t index = context_.inputs->find_customer(id);
        return index == claims::no_index ? nullptr : &context_.inputs->customers[index];
    }
    [[nodiscard]] std::string sanctioned(const claims::DecisionRecord& d) const {
        if (context_.inputs == nullptr) {
            return "sanctioned party (customers.csv of the run needed to name it)";
        }
        std::string who;
        for (const std::string* id : {&d.payee_id, &d.customer_id}) {
            const claims::Customer* c = customer(*id);
            if (c != nullptr && c->sanctioned && who.find(*id) == std::string::npos) {
                who += (who.empty() ? "" : ", ") +
                       html_escape(fmt::format("{} ({}, customers.csv line {}) sanctioned", *id,
                                               id == &d.payee_id ? "payee" : "original customer",
                                               c->line));
            }
        }
        return who;
    }
    [[nodiscard]] std::string kyc_of(const std::string& payee) const {
        const claims::Customer* c = customer(payee);
        return c == nullptr ? "not verified"
                            : html_escape(fmt::format("{} (customers.csv line {})",
                                                      claims::text_of(c->kyc), c->line));
    }
    [[nodiscard]] std::string transfers_of(const std::string& claim_id) const {
        if (context_.inputs == nullptr) {
            return "";
        }
        std::string text;
        for (const claims::Transfer& t : context_.inputs->transfers) {
            if (t.claim_id == claim_id) {
                text += html_escape(fmt::format(" [transfer {} from {} to {}, effective {}, "
                                                "transfers.csv line {}]",
                                                t.id, t.from_id, t.to_id, t.effective_on.text(),
                                                t.line));
            }
        }
        return text;
    }
    [[nodiscard]] std::string min_payout(const std::string& asset) const {
        if (context_.inputs == nullptr) {
            return "";
        }
        const claims::CaseConfig& config = context_.inputs->config;
        const std::uint32_t index = config.find_asset(asset);
        if (index == claims::no_index || !config.assets[index].min_payout) {
            return "";
        }
        return " (" + html_escape(engine::format_units(config.assets[index].min_payout->count,
                                                       config.assets[index].decimals)) +
               "); carried to a later tranche, if there is one";
    }

    const ReportContext& context_;
    std::unordered_map<std::string, std::vector<std::size_t>> claims_of_payee_;
    const json* findings_ = nullptr;
};

std::string holds_block(const ReportContext& context) {
    const HoldReasons reasons(context);
    std::map<std::string, std::vector<const claims::PayoutRecord*>> by_status;
    for (const claims::PayoutRecord& p : context.run.payouts) {
        if (p.status != "payable") {
            by_status[p.status].push_back(&p);
        }
    }
    std::string html = "<h3>What is held and why</h3>\n<table class=\"data\" id=\"holds\">"
                       "<thead><tr><th>Status</th><th>Payout</th><th>Payee</th><th>Asset</th>"
                       "<th>Amount</th><th>Tranche</th><th>Why</th></tr></thead><tbody>\n";
    std::string cut;
    for (const auto& [status, payouts] : by_status) {
        for (std::size_t i = 0; i < payouts.size() && i < held_rows_max; ++i) {
            const claims::PayoutRecord& p = *payouts[i];
            html += fmt::format("<tr data-payout=\"{}\">{}{}{}{}{}{}<td>{}</td></tr>\n",
                                p.payout_id, td(p.status), td(std::to_string(p.payout_id), true),
                                td(p.payee_id), td(p.asset), td(p.amount, true),
                                td(std::to_string(p.tranche), true), reasons.reason(p));
        }
        if (payouts.size() > held_rows_max) {
            cut += fmt::format("{} {} payouts; ", payouts.size(), status);
        }
    }
    html += "</tbody></table>\n";
    if (by_status.empty()) {
        html += "<p class=\"none\">No payout is held.</p>\n";
    }
    if (!cut.empty()) {
        html += fmt::format("<p class=\"note\">Only the first {} of each status are listed "
                            "({}payouts.csv has every one).</p>\n",
                            held_rows_max, html_escape(cut));
    }
    return html;
}

std::string elections_block(const ReportContext& context) {
    if (context.inputs == nullptr) {
        return "<h3>Elections</h3>\n<p class=\"none\">elections.csv of the run is not "
               "available (see above).</p>\n";
    }
    const claims::Case& loaded = *context.inputs;
    std::string html = fmt::format("<h3>Elections <span class=\"count\">({})</span></h3>\n",
                                   loaded.elections.size());
    if (loaded.elections.empty()) {
        return html + "<p class=\"none\">None: every claimant is paid by the default rules."
                      "</p>\n";
    }
    html += "<table class=\"data\" id=\"elections\"><thead><tr><th>Customer</th>"
            "<th>Election</th><th>Asset</th><th>elections.csv line</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < loaded.elections.size() && i < election_rows_max; ++i) {
        const claims::Election& e = loaded.elections[i];
        html += fmt::format("<tr>{}{}{}{}</tr>\n", td(loaded.customers[e.customer_index].id),
                            td(std::string(claims::text_of(e.kind))),
                            td(e.asset_index == claims::no_index
                                   ? ""
                                   : loaded.config.assets[e.asset_index].id),
                            td(std::to_string(e.line), true));
    }
    html += "</tbody></table>\n";
    if (loaded.elections.size() > election_rows_max) {
        html += fmt::format("<p class=\"note\">The first {} of {} elections; elections.csv has "
                            "them all.</p>\n",
                            election_rows_max, loaded.elections.size());
    }
    return html;
}

}  // namespace

std::string render_parties_section(const ReportContext& context) {
    return "<section id=\"parties\"><h2>Creditors, holds and elections</h2>\n" +
           creditors_block(context) + holds_block(context) + elections_block(context) +
           "</section>\n";
}

}  // namespace kanzai::tools
