// The review report page (see report_html.hpp): static sections rendered here, the claims
// table rendered by the inline script from the embedded data block.
#include "tools/report/report_html.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "claims/io_error.hpp"
#include "tools/report/report_assets.hpp"
#include "tools/report/report_escape.hpp"
#include "tools/report/report_sections.hpp"

namespace kanzai::tools {
namespace {

constexpr const char* claims_table_head =
    "<section id=\"claims\"><h2>Claims</h2>\n"
    "<div class=\"controls\"><input id=\"claims-search\" type=\"search\" "
    "placeholder=\"Search claim, customer, payee, code, reason\" aria-label=\"Search\">"
    "<button id=\"page-prev\" type=\"button\">&larr; Previous</button>"
    "<button id=\"page-next\" type=\"button\">Next &rarr;</button>"
    "<span id=\"page-info\"></span></div>\n"
    "<p class=\"note no-print\">Click a column to sort; click a claim to see its derivation "
    "(the facts <code>kanzai explain</code> prints).</p>\n"
    "<div class=\"scroll\"><table class=\"data\" id=\"claims-table\"><thead><tr>"
    "<th data-col=\"0\">Claim</th><th data-col=\"3\">Payee</th><th data-col=\"4\">Asset</th>"
    "<th data-col=\"6\">Ledger</th><th data-col=\"7\">Admitted</th>"
    "<th data-col=\"8\">Disputed</th><th data-col=\"12\">Value</th>"
    "<th data-col=\"10\">Decision</th><th data-col=\"11\">Reason</th><th>Payouts</th>"
    "</tr></thead><tbody id=\"claims-body\"></tbody></table></div>\n"
    "<noscript><p>The claims table needs JavaScript; decisions.csv has every row.</p>"
    "</noscript></section>\n";

}  // namespace

std::string render_report_html(const claims::CaseConfig& config, const claims::RunRecord& run) {
    const nlohmann::json summary = nlohmann::json::parse(run.summary_json, nullptr, false);
    if (summary.is_discarded() || !summary.is_object()) {
        throw claims::IoError("the run's summary.json is not a JSON object");
    }
    const ReportContext context{config, run, summary};
    std::string html = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{} &ndash; review report, run {}</title>\n<style>{}</style></head><body>\n",
        html_escape(config.name), run.number, report_css());
    html += render_header_section(context);
    html += "<main>\n";
    html += render_coverage_section(context);
    html += render_sources_section(context);
    html += render_payments_section(context);
    html += render_recovery_section(context);
    html += render_decisions_section(context);
    html += render_findings_section(context);
    html += claims_table_head;
    html += "</main>\n<script type=\"application/json\" id=\"claims-data\">";
    html += render_claims_data(run);
    html += "</script>\n<script>";
    html += report_script();
    html += "</script>\n</body></html>\n";
    return html;
}

}  // namespace kanzai::tools
