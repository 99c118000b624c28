// The review report page (see report_html.hpp): static sections rendered here, the claims
// table rendered by the inline script from the embedded data block.
#include "tools/report/report_html.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "claims/io_error.hpp"
#include "tools/report/report_assets.hpp"
#include "tools/report/report_escape.hpp"
#include "tools/report/report_pack.hpp"
#include "tools/report/report_sections.hpp"

namespace kanzai::tools {
namespace {

constexpr const char* claims_table_head =
    "<section id=\"claims\"><h2>Claims</h2>\n"
    "<div class=\"controls\"><input id=\"claims-search\" type=\"search\" "
    "placeholder=\"Search claim, customer, payee, code, reason\" aria-label=\"Search\">"
    "<button id=\"page-prev\" type=\"button\">&larr; Previous</button>"
    "<button id=\"page-next\" type=\"button\">Next &rarr;</button>"
    "<span id=\"page-info\"></span><span id=\"claims-status\" class=\"note\"></span></div>\n"
    "<p class=\"note no-print\">Click a column to sort (a search result, or every claim of a "
    "case up to 200,000 claims); click a claim to see its derivation (the facts "
    "<code>kanzai explain</code> prints). <code>#claim=ID</code> at the end of the address "
    "opens a claim.</p>\n"
    "<div class=\"scroll\"><table class=\"data\" id=\"claims-table\"><thead><tr>"
    "<th data-col=\"0\">Claim</th><th data-col=\"3\">Payee</th><th data-col=\"4\">Asset</th>"
    "<th data-col=\"6\">Ledger</th><th data-col=\"7\">Admitted</th>"
    "<th data-col=\"8\">Disputed</th><th data-col=\"12\">Value</th>"
    "<th data-col=\"10\">Decision</th><th data-col=\"11\">Reason</th><th>Payouts</th>"
    "</tr></thead><tbody id=\"claims-body\"></tbody></table></div>\n"
    "<noscript><p>The claims table needs JavaScript; decisions.csv has every row.</p>"
    "</noscript></section>\n";

// The index of the chunks and the chunks themselves, compressed (report_pack.hpp).
void append_claims_data(std::string& html, const claims::RunRecord& run) {
    std::string chunks, first_ids;
    std::size_t count = 0;
    for_each_claims_chunk(run, claims_per_chunk,
                          [&](std::size_t number, std::size_t first_row, std::string json) {
        first_ids += number == 0 ? "" : ",";
        first_ids += first_row < run.decisions.size()
                         ? json_script_string(run.decisions[first_row].claim_id)
                         : "\"\"";
        chunks += fmt::format("<script type=\"application/octet-stream\" id=\"chunk-{}\">{}"
                              "</script>\n",
                              number, base64_encode(zlib_compress(json)));
        count = number + 1;
    });
    html += fmt::format("<script type=\"application/json\" id=\"claims-index\">{{\"total\":{},"
                        "\"per_chunk\":{},\"chunks\":{},\"first\":[{}]}}</script>\n",
                        run.decisions.size(), claims_per_chunk, count, first_ids);
    html += chunks;
}

}  // namespace

std::string render_report_html(const claims::Case* inputs, const claims::RunRecord& run,
                               const std::string& inputs_note) {
    const nlohmann::json summary = nlohmann::json::parse(run.summary_json, nullptr, false);
    if (summary.is_discarded() || !summary.is_object()) {
        throw claims::IoError("the run's summary.json is not a JSON object");
    }
    const ReportContext context{inputs, run, summary, inputs_note};
    std::string html = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{} &ndash; review report, run {}</title>\n<style>{}</style></head><body>\n",
        html_escape(inputs ? inputs->config.name : run.case_name), run.number, report_css());
    html += render_header_section(context);
    html += "<main>\n";
    html += render_coverage_section(context);
    html += render_parameters_section(context);
    html += render_sources_section(context);
    html += render_payments_section(context);
    html += render_recovery_section(context);
    html += render_decisions_section(context);
    html += render_findings_section(context);
    html += render_parties_section(context);
    html += claims_table_head;
    html += "</main>\n";
    append_claims_data(html, run);
    html += "<script>";
    html += report_script();
    html += "</script>\n</body></html>\n";
    return html;
}

}  // namespace kanzai::tools
