// The "needs attention" section of the review report: what a reviewing lawyer must look at
// before the schedule is executed (disputes, transfer findings, receivables, overpayments,
// undistributed holdings, held payouts). Long lists are cut; the claims table has them all.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tools/report/report_escape.hpp"
#include "tools/report/report_sections.hpp"

namespace kanzai::tools {
namespace {

using nlohmann::json;

constexpr std::size_t list_items_max = 50;

bool is_nonzero_amount(const std::string& amount) {
    return amount.find_first_of("123456789") != std::string::npos;
}

// A reference (not a copy): callers iterate `object_at(...).items()` in range-for loops,
// where a temporary would be destroyed before the loop body runs.
const json& object_at(const json& object, const char* key) {
    static const json empty = json::object();
    const auto found = object.find(key);
    return found != object.end() && found->is_object() ? *found : empty;
}

std::string text_of_json(const json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// A <ul> of `items` (already HTML), at most list_items_max of them, under a heading.
std::string list_block(const std::string& heading, const std::vector<std::string>& items) {
    std::string html = fmt::format("<h3>{} <span class=\"count\">({})</span></h3>", heading,
                                   items.size());
    if (items.empty()) {
        return html + "<p class=\"none\">None.</p>\n";
    }
    html += "<ul>";
    for (std::size_t index = 0; index < items.size() && index < list_items_max; ++index) {
        html += "<li>" + items[index] + "</li>";
    }
    if (items.size() > list_items_max) {
        html += fmt::format("<li>&hellip; and {} more: search the claims table.</li>",
                            items.size() - list_items_max);
    }
    return html + "</ul>\n";
}

std::string claim_link(const std::string& claim_id) {
    return fmt::format("<a href=\"#claim={0}\" class=\"claim-link\" data-claim=\"{0}\">{0}</a>",
                       html_escape(claim_id));
}

std::vector<std::string> disputed_items(const claims::RunRecord& run) {
    std::vector<std::string> items;
    for (const claims::DecisionRecord& decision : run.decisions) {
        if (is_nonzero_amount(decision.disputed)) {
            items.push_back(fmt::format("{}: {} {} disputed ({})", claim_link(decision.claim_id),
                                        html_escape(decision.disputed),
                                        html_escape(decision.asset),
                                        html_escape(decision.code)));
        }
    }
    return items;
}

std::vector<std::string> pair_items(const json& object, bool is_claim) {
    std::vector<std::string> items;
    for (const auto& [key, value] : object.items()) {
        items.push_back(fmt::format("{}: {}", is_claim ? claim_link(key) : html_escape(key),
                                    html_escape(text_of_json(value))));
    }
    return items;
}

std::vector<std::string> overpayment_items(const json& summary) {
    std::vector<std::string> items;
    const auto found = summary.find("overpayments");
    if (found == summary.end() || !found->is_array()) {
        return items;
    }
    for (const json& entry : *found) {
        items.push_back(html_escape(fmt::format(
            "{}: {} {} paid in excess", text_of_json(entry.value("payee_id", json())),
            text_of_json(entry.value("amount", json())),
            text_of_json(entry.value("asset", json())))));
    }
    return items;
}

std::vector<std::string> holding_items(const json& summary) {
    std::vector<std::string> items;
    for (const auto& [status, assets] : object_at(summary, "holdings_not_distributed").items()) {
        for (const auto& [asset, amount] : assets.items()) {
            items.push_back(html_escape(
                fmt::format("{} {} {}", text_of_json(amount), asset, status)));
        }
    }
    return items;
}

}  // namespace

std::string render_findings_section(const ReportContext& context) {
    std::string html = "<section id=\"findings\"><h2>Needs attention</h2>\n";
    html += list_block("Disputed claims", disputed_items(context.run));
    html += list_block("Transfer findings (payouts held for review)",
                       pair_items(object_at(context.summary, "transfer_findings"), true));
    html += list_block("Receivables of the estate (set-off debts above the claims)",
                       pair_items(object_at(context.summary, "receivables"), false));
    html += list_block("Overpayments in earlier tranches", overpayment_items(context.summary));
    html += list_block("Holdings not distributed", holding_items(context.summary));
    html += "<h3>Held payouts by status</h3><table class=\"data\"><thead><tr><th>Status</th>"
            "<th>Payouts</th></tr></thead><tbody>";
    for (const auto& [status, count] : object_at(context.summary, "payout_statuses").items()) {
        if (status != "payable") {
            html += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                                html_escape(status), html_escape(text_of_json(count)));
        }
    }
    return html + "</tbody></table></section>\n";
}

}  // namespace kanzai::tools
