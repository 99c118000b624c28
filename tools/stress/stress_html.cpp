// stress.html: one self-contained page (inline CSS and SVG, no script, no network) of the
// figures of stress.csv and stress_funds.csv. Bar lengths are integers computed exactly, so
// the page's bytes are deterministic.
#include <algorithm>

#include <fmt/format.h>

#include "engine/decimal.hpp"
#include "engine/wide.hpp"
#include "tools/report/report_escape.hpp"
#include "tools/stress/stress_output.hpp"

namespace kanzai::tools {
namespace {

constexpr claims::Int128 bar_width_max = 200;  // pixels for the largest figure of a chart

std::string value_text(const claims::CaseConfig& config, claims::Value value) {
    return engine::format_units(value.count, config.currency().decimals);
}

// floor(part / whole * bar_width_max); 0 when whole is 0.
claims::Int128 bar_width(claims::Int128 part, claims::Int128 whole) {
    return whole <= 0 ? 0 : engine::mul_div(part, bar_width_max, whole).quotient;
}

// One horizontal bar with its label, as an inline SVG.
std::string bar(claims::Int128 width, std::string_view color, std::string_view label) {
    return fmt::format(
        "<svg width=\"{}\" height=\"14\" role=\"img\" aria-label=\"{}\"><rect width=\"{}\" "
        "height=\"14\" fill=\"#eee\"/><rect width=\"{}\" height=\"14\" fill=\"{}\"/></svg> {}",
        bar_width_max, html_escape(label), bar_width_max, engine::format_int128(width), color,
        html_escape(label));
}

void append_scenarios(std::string& out, const claims::CaseConfig& config,
                      const std::vector<StressedScenario>& scenarios) {
    out += "<h2>Recovery and claimants made whole</h2>\n<table>\n<tr><th>scenario</th>"
           "<th>description</th><th>claimants</th><th>claims value</th><th>recovered value</th>"
           "<th>recovery</th><th>whole after funds</th><th>whole</th><th>p10</th><th>p50</th>"
           "<th>p90</th></tr>\n";
    for (const StressedScenario& stressed : scenarios) {
        const claims::StressFigures& figures = stressed.figures;
        const claims::Int128 claims_value = figures.claims_value.count;
        const std::string recovery =
            claims_value > 0 ? engine::format_ratio(figures.recovered_value.count, claims_value)
                             : std::string();
        // data-col names the stress.csv column a cell shows (tests/browser/stress_test.sh).
        out += fmt::format(
            "<tr data-scenario><td data-col=\"scenario\">{}</td><td>{}</td>"
            "<td data-col=\"claimants\">{}</td><td data-col=\"claims_value\">{}</td>"
            "<td data-col=\"recovered_value\">{}</td><td data-col=\"recovery\">{}</td>"
            "<td data-col=\"whole_after_funds\">{}</td><td data-col=\"whole\">{}</td>",
            html_escape(stressed.scenario->id), html_escape(stressed.scenario->description),
            figures.claimants, value_text(config, figures.claims_value),
            value_text(config, figures.recovered_value),
            bar(bar_width(figures.recovered_value.count, claims_value), "#2a6", recovery),
            bar(bar_width(figures.whole_after_funds, figures.claimants), "#27c",
                fmt::format("{} of {}", figures.whole_after_funds, figures.claimants)),
            bar(bar_width(figures.whole, figures.claimants), "#27c",
                fmt::format("{} of {}", figures.whole, figures.claimants)));
        for (const int p : {10, 50, 90}) {
            out += fmt::format("<td data-col=\"p{}\">", p);
            for (const claims::RecoveryPercentile& percentile : figures.percentiles) {
                out += percentile.p == p ? engine::format_units(percentile.rate, 6) : "";
            }
            out += "</td>";
        }
        out += "</tr>\n";
    }
    out += "</table>\n";
}

void append_fund(std::string& out, const claims::CaseConfig& config,
                 const std::vector<StressedScenario>& scenarios, std::size_t f) {
    out += fmt::format("<h2>Fund {}</h2>\n<table>\n<tr><th>scenario</th><th>figure</th>"
                       "<th>amount</th></tr>\n",
                       html_escape(config.funds[f].id));
    for (const StressedScenario& stressed : scenarios) {
        const claims::StressFundFigures& fund = stressed.figures.funds[f];
        const claims::Int128 scale =
            std::max({fund.available.count, fund.eligible.count, fund.floors.floors.count,
                      fund.floors.max_floor.count});
        const std::pair<std::string_view, claims::Value> rows[] = {
            {"available", fund.available},
            {"eligible", fund.eligible},
            {"floors", fund.floors.floors},
            {"max_floor", fund.floors.max_floor}};
        for (const auto& [name, value] : rows) {
            out += fmt::format("<tr data-fund=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                               html_escape(config.funds[f].id),
                               html_escape(stressed.scenario->id), name,
                               bar(bar_width(value.count, scale),
                                   name == "available" ? "#888" : "#c72",
                                   value_text(config, value)));
        }
        out += fmt::format("<tr data-fund=\"{}\"><td>{}</td><td>claimants whole (of eligible)"
                           "</td><td>{} of {}</td></tr>\n",
                           html_escape(config.funds[f].id), html_escape(stressed.scenario->id),
                           fund.floors.claimants_whole,
                           fund.floors.claimants_eligible);
    }
    out += "</table>\n";
}

}  // namespace

std::string render_stress_html(const claims::CaseConfig& config,
                               const std::vector<StressedScenario>& scenarios) {
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>Stress scenarios: {}</title>\n<style>\nbody{{font-family:sans-serif;"
        "margin:2em}}\ntable{{border-collapse:collapse;margin-bottom:2em}}\n"
        "td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left;white-space:nowrap}}\n"
        "svg{{vertical-align:middle}}\n</style>\n</head>\n<body>\n"
        "<h1>Stress scenarios: {}</h1>\n<p>Amounts in {}. Each scenario is the case "
        "determined and distributed in full with its replacements; stress.csv and "
        "stress_funds.csv hold the same figures.</p>\n",
        html_escape(config.name), html_escape(config.name), html_escape(config.currency().id));
    append_scenarios(out, config, scenarios);
    for (std::size_t f = 0; f < config.funds.size(); ++f) {
        append_fund(out, config, scenarios, f);
    }
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace kanzai::tools
