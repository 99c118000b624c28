// The static sections of the review report (see report_sections.hpp). Figures are the exact
// decimal strings of summary.json and the run's CSV rows; nothing is recomputed here except
// the recovery histogram (report_recovery.cpp) and bar widths.
#include "tools/report/report_sections.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tools/report/report_escape.hpp"
#include "tools/report/report_recovery.hpp"

namespace kanzai::tools {
namespace {

using nlohmann::json;

std::string text_of_json(const json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.is_null() ? "" : value.dump();
}

std::string text_at(const json& object, const char* key) {
    const auto found = object.find(key);
    return found == object.end() ? "" : text_of_json(*found);
}

// A reference (not a copy): callers iterate `object_at(...).items()` in range-for loops,
// where a temporary would be destroyed before the loop body runs.
const json& object_at(const json& object, const char* key) {
    static const json empty = json::object();
    const auto found = object.find(key);
    return found != object.end() && found->is_object() ? *found : empty;
}

// One table row of cells; `numeric` cells are right-aligned amounts.
std::string row(std::initializer_list<std::string> cells, std::size_t numeric_from) {
    std::string html = "<tr>";
    std::size_t index = 0;
    for (const std::string& cell : cells) {
        html += index >= numeric_from ? "<td class=\"num\">" : "<td>";
        html += html_escape(cell);
        html += "</td>";
        ++index;
    }
    return html + "</tr>\n";
}

}  // namespace

std::string percent_width(const std::string& ratio) {
    // "0.800000" -> 8000 hundredths of a percent; a whole part above 0 caps at 100%.
    const std::size_t dot = ratio.find('.');
    const std::string whole = ratio.substr(0, dot);
    if (whole.find_first_not_of('0') != std::string::npos) {
        return "100.00%";
    }
    std::string fraction = dot == std::string::npos ? "" : ratio.substr(dot + 1);
    fraction.resize(4, '0');
    int hundredths = 0;
    for (const char digit : fraction) {
        hundredths = hundredths * 10 + (digit >= '0' && digit <= '9' ? digit - '0' : 0);
    }
    return fmt::format("{}.{:02}%", hundredths / 100, hundredths % 100);
}

std::string render_header_section(const ReportContext& context) {
    const claims::CaseConfig* config = context.inputs ? &context.inputs->config : nullptr;
    std::string html = fmt::format("<header><h1>{}</h1>\n<dl class=\"meta\">",
                                   html_escape(config ? config->name : context.run.case_name));
    const auto item = [&](const char* term, const std::string& value) {
        if (!value.empty()) {
            html += fmt::format("<dt>{}</dt><dd>{}</dd>", term, html_escape(value));
        }
    };
    if (config != nullptr) {
        item("Court", config->court);
        item("Case number", config->case_number);
        item("Administrator", config->administrator);
        item("Cutoff", config->cutoff);
        item("Bar date", config->bar_date.text());
    }
    item("Currency", text_at(object_at(context.summary, "case"), "currency"));
    html += fmt::format("<dt>Run</dt><dd id=\"run-number\">{}</dd>", context.run.number);
    item("Engine", context.run.engine);
    html += "</dl>\n<details class=\"hashes\"><summary>Input files (SHA-256)</summary><table>";
    for (const claims::FileHash& hash : context.run.inputs) {
        html += fmt::format("<tr><td>{}</td><td class=\"hash\">{}</td></tr>",
                            html_escape(hash.name), html_escape(hash.sha256));
    }
    html += "</table></details>\n";
    if (config == nullptr) {
        html += fmt::format("<p class=\"warning\" id=\"record-only\">Reported from the run's "
                            "record alone: {}.</p>\n",
                            html_escape(context.inputs_note));
    }
    return html + "</header>\n";
}

std::string render_coverage_section(const ReportContext& context) {
    std::string html =
        "<section id=\"coverage\"><h2>Coverage per asset</h2>\n<table class=\"data\">"
        "<thead><tr><th>Asset</th><th>Claims</th><th>Pool</th><th>Coverage</th>"
        "<th>Cost</th><th class=\"barcol\">Pool vs claims</th></tr></thead><tbody>\n";
    for (const auto& [asset, figures] : object_at(context.summary, "assets").items()) {
        const std::string coverage = text_at(figures, "coverage");
        const std::string cost = text_at(figures, "cost");
        const std::string width = coverage.empty() ? "0%" : percent_width(coverage);
        html += fmt::format(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
            "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"barcol\">"
            "<div class=\"bar\"><div class=\"fill\" style=\"width:{}\"></div></div></td></tr>\n",
            html_escape(asset), html_escape(text_at(figures, "claims")),
            html_escape(text_at(figures, "pool")),
            coverage.empty() ? "&ndash;" : html_escape(width),
            cost.empty() ? "&ndash;" : html_escape(cost), width);
    }
    return html + "</tbody></table>\n<p class=\"note\">Coverage is (pool &minus; cost) / claims: "
                  "a pool's cost (<code>pool_cost</code>) is withdrawn before its split.</p>"
                  "</section>\n";
}

std::string render_sources_section(const ReportContext& context) {
    std::string html =
        "<section id=\"sources\"><h2>Sources</h2>\n<table class=\"data\" id=\"sources-table\">"
        "<thead><tr><th>Source</th><th>Paid in</th><th>Tranche</th><th>Available</th>"
        "<th>Claims on it</th><th>Allocated</th><th>Left</th></tr></thead><tbody>\n";
    for (const claims::SourceRecord& source : context.run.sources) {
        html += fmt::format("<tr data-source=\"{}\">", html_escape(source.source));
        html += row({source.source, source.asset, std::to_string(source.tranche),
                     source.available, source.weights, source.allocated, source.left},
                    2).substr(4);
    }
    const json& estate = object_at(context.summary, "estate");
    html += fmt::format("</tbody></table>\n<p class=\"note\">Estate value {} (cash {}, "
                        "non-segregated holdings {}, pool surpluses and fund leftovers {}); "
                        "allocated {}; equity residue {}.</p>\n",
                        html_escape(text_at(estate, "available")),
                        html_escape(text_at(estate, "cash")),
                        html_escape(text_at(estate, "non_segregated")),
                        html_escape(text_at(estate, "from_pools_and_funds")),
                        html_escape(text_at(estate, "allocated")),
                        html_escape(text_at(estate, "residue")));
    return html + "<p class=\"note\">Pools pay in kind; funds and the estate pay in the case "
                  "currency. <em>Claims on it</em> is what the split weighed: a pool's "
                  "customer-class lines, a fund's eligible shortfall value, an estate class's "
                  "claims. An estate class is offered what the classes before it left; a pool's "
                  "<em>left</em> is its surplus, which goes to the estate.</p></section>\n";
}

std::string render_payments_section(const ReportContext& context) {
    const json& summary = context.summary;
    std::string body;
    if (summary.contains("convenience") && summary["convenience"].is_object()) {
        const json& convenience = summary["convenience"];
        body += "<h3>Convenience class</h3>\n<table class=\"data\" id=\"convenience\"><thead>"
                "<tr><th>Claimants</th><th>By election</th><th>Claims in the class</th>"
                "<th>Allocated</th></tr></thead><tbody>\n";
        body += row({text_at(convenience, "claimants"), text_at(convenience, "elected"),
                     text_at(convenience, "claims"), text_at(convenience, "allocated")},
                    0);
        body += "</tbody></table>\n<p class=\"note\">A claimant worth at most the threshold "
                "(or, when elective, one that elected the class, waiving the excess) is paid "
                "only in the estate's convenience class, on its claim <em>k</em> = rate &times; "
                "its value; its lines take no part in pools and funds.</p>\n";
    }
    const auto conversions = summary.find("conversions");
    if (conversions != summary.end() && conversions->is_array() && !conversions->empty()) {
        body += "<h3>Conversions</h3>\n<table class=\"data\" id=\"conversions\"><thead><tr>"
                "<th>From</th><th>To</th><th>Amount converted</th><th>Paid as</th>"
                "<th>At</th></tr>"
                "</thead><tbody>\n";
        for (const json& conversion : *conversions) {
            const std::string from = text_at(conversion, "from_asset");
            const std::string to = text_at(conversion, "to_asset");
            std::string cells = row({from, to, text_at(conversion, "from_amount"),
                                     text_at(conversion, "to_amount")},
                                    2);
            cells.insert(cells.size() - 6,
                         "<td>" + html_escape(conversion_price(context, from, to)) + "</td>");
            body += cells;
        }
        body += "</tbody></table>\n<p class=\"note\">Each allocation is paid in one asset: an "
                "in-kind allocation paid in cash is sold at the asset's "
                "<code>estate_price</code>; money paid in an asset is converted at that asset's "
                "<code>distribution_price</code>, one allocation at a time, before catch-up."
                "</p>\n";
    }
    const json& not_completed = object_at(summary, "payments_not_completed");
    if (!not_completed.empty()) {
        body += "<h3>Payments not completed</h3>\n<table class=\"data\" "
                "id=\"payments-not-completed\"><thead><tr><th>Status</th><th>Asset</th>"
                "<th>Amount</th></tr></thead><tbody>\n";
        for (const auto& [status, amounts] : not_completed.items()) {
            for (const auto& [asset, amount] : amounts.items()) {
                body += row({status, asset, text_of_json(amount)}, 2);
            }
        }
        body += "</tbody></table>\n<p class=\"note\">A failed or returned payment was not "
                "received: it does not count in catch-up and its amount is payable again.</p>\n";
    }
    const auto after = summary.find("transfers_after_record_date");
    if (after != summary.end() && after->is_number_integer() && after->get<long long>() > 0) {
        body += fmt::format("<p id=\"after-record-date\">{} transfer(s) effective after the "
                            "record date {}: not applied, without a finding.</p>\n",
                            after->get<long long>(),
                            context.inputs && context.inputs->config.record_date
                                ? html_escape(context.inputs->config.record_date->text())
                                : std::string("(not in the record)"));
    }
    if (body.empty()) {
        return "";
    }
    return "<section id=\"payments\"><h2>Convenience class, conversions and payments</h2>\n" +
           body + "</section>\n";
}

std::string render_recovery_section(const ReportContext& context) {
    if (context.inputs == nullptr) {
        // The histogram values allocations at the run's prices, which only its case.toml has:
        // the record's own percentiles instead.
        std::string html = "<section id=\"recovery\"><h2>Recovery rate per claim</h2>\n"
                           "<p class=\"note\">Percentiles from the run's summary.json (the "
                           "histogram needs the run's prices).</p><table class=\"data\">"
                           "<thead><tr><th>Percentile</th><th>Recovery</th></tr></thead>"
                           "<tbody>\n";
        for (const auto& [name, rate] :
             object_at(context.summary, "recovery_rate_percentiles").items()) {
            html += row({name, text_of_json(rate)}, 1);
        }
        return html + "</tbody></table></section>\n";
    }
    const RecoveryHistogram histogram = recovery_histogram(context.inputs->config, context.run);
    const std::uint64_t most = std::max<std::uint64_t>(
        1, *std::max_element(histogram.buckets.begin(), histogram.buckets.end()));
    std::string html = fmt::format(
        "<section id=\"recovery\"><h2>Recovery rate per claimant</h2>\n"
        "<p>{} claimants with claims worth more than 0. Recovery = value at price of in-kind "
        "allocations plus fund and estate allocations, over the value of the claims.</p>\n"
        "<div class=\"histogram\">",
        histogram.claimants_count);
    for (std::size_t index = 0; index < histogram.buckets.size(); ++index) {
        const std::uint64_t count = histogram.buckets[index];
        const std::string label =
            index == 10 ? "100%" : fmt::format("{}&ndash;{}%", index * 10, index * 10 + 9);
        html += fmt::format(
            "<div class=\"hcol\"><div class=\"hcount\">{}</div><div class=\"hbar\" "
            "style=\"height:{}%\"></div><div class=\"hlabel\">{}</div></div>",
            count, count * 100 / most, label);
    }
    return html + "</div></section>\n";
}

std::string render_decisions_section(const ReportContext& context) {
    std::string html = "<section id=\"decisions\"><h2>Decisions and payouts</h2>\n"
                       "<div class=\"cols\"><table class=\"data\"><thead><tr><th>Decision "
                       "code</th><th>Claims</th></tr></thead><tbody>\n";
    for (const auto& [code, count] : object_at(context.summary, "decision_codes").items()) {
        html += row({code, text_of_json(count)}, 1);
    }
    html += "</tbody></table><table class=\"data\"><thead><tr><th>Payout status</th>"
            "<th>Payouts</th></tr></thead><tbody>\n";
    for (const auto& [status, count] : object_at(context.summary, "payout_statuses").items()) {
        html += row({status, text_of_json(count)}, 1);
    }
    return html + "</tbody></table></div></section>\n";
}

}  // namespace kanzai::tools
