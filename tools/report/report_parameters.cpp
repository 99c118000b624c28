// What the run was computed with (see report_sections.hpp): prices with their source, rules,
// fund parameters, the convenience class and payment conversions. They come from the run's
// own case.toml only (report_inputs.hpp); without it each table says so rather than showing
// today's file, and only what the record holds (summary.json) is shown.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "engine/decimal.hpp"
#include "tools/report/report_escape.hpp"
#include "tools/report/report_sections.hpp"

namespace kanzai::tools {
namespace {

using nlohmann::json;

std::string cells(std::initializer_list<std::string> texts, std::size_t numeric_from) {
    std::string html = "<tr>";
    std::size_t index = 0;
    for (const std::string& text : texts) {
        html += index >= numeric_from ? "<td class=\"num\">" : "<td>";
        html += html_escape(text) + "</td>";
        ++index;
    }
    return html + "</tr>\n";
}

std::string table_head(const char* id, std::initializer_list<const char*> headers) {
    std::string html = fmt::format("<table class=\"data\" id=\"{}\"><thead><tr>", id);
    for (const char* header : headers) {
        html += fmt::format("<th>{}</th>", header);
    }
    return html + "</tr></thead><tbody>\n";
}

const json& object_at(const json& object, const char* key) {
    static const json empty = json::object();
    const auto found = object.find(key);
    return found != object.end() && found->is_object() ? *found : empty;
}

std::string text_at(const json& object, const char* key) {
    const auto found = object.find(key);
    if (found == object.end() || found->is_null()) {
        return "";
    }
    return found->is_string() ? found->get<std::string>() : found->dump();
}

std::string units_text(const engine::Units& units, int decimals) {
    return engine::format_units(units.count, decimals);
}

const char* rounding_text(engine::Rounding rounding) {
    return rounding == engine::Rounding::down ? "down" : "half_even";
}

// SPEC spellings of the [rules] keys (claims/ has none: it only parses them).
const char* rule_text(claims::UnfiledRule rule) {
    return rule == claims::UnfiledRule::admit ? "admit" : "ignore";
}
const char* rule_text(claims::ExcessRule rule) {
    return rule == claims::ExcessRule::dispute ? "dispute" : "reject";
}
const char* rule_text(claims::LateRule rule) {
    switch (rule) {
    case claims::LateRule::admit: return "admit";
    case claims::LateRule::subordinate: return "subordinate";
    case claims::LateRule::bar: return "bar";
    }
    return "";
}
const char* rule_text(claims::InsidersRule rule) {
    return rule == claims::InsidersRule::admit ? "admit" : "subordinate";
}
const char* rule_text(claims::SetOffRule rule) {
    return rule == claims::SetOffRule::proportional ? "proportional" : "none";
}

std::string fund_assets(const claims::CaseConfig& config, const claims::Fund& fund) {
    if (!fund.asset_indexes) {
        return "every asset";
    }
    std::string text;
    for (const std::uint32_t index : *fund.asset_indexes) {
        text += (text.empty() ? "" : ", ") + config.assets[index].id;
    }
    return text.empty() ? "none" : text;
}

std::string prices_table(const claims::CaseConfig& config) {
    std::string html = table_head("prices", {"Asset", "Decimals", "Price", "Price source",
                                             "Estate price", "Distribution price", "Pool cost",
                                             "Paid in", "Minimum payout"});
    for (const claims::Asset& asset : config.assets) {
        html += "<tr data-asset=\"" + html_escape(asset.id) + "\">" +
                cells({asset.id, std::to_string(asset.decimals), engine::format_price(asset.price),
                       asset.price_source.empty() ? "(not given)" : asset.price_source,
                       engine::format_price(asset.estate_price),
                       asset.distribution_price ? engine::format_price(*asset.distribution_price)
                                                : "",
                       units_text(asset.pool_cost, asset.decimals),
                       std::string(claims::text_of(asset.paid_in)),
                       asset.min_payout ? units_text(*asset.min_payout, asset.decimals) : ""},
                      99)
                    .substr(4);
    }
    return html + "</tbody></table>\n";
}

std::string rules_table(const claims::CaseConfig& config) {
    const claims::Rules& rules = config.rules;
    std::string html = table_head("rules", {"Rule", "Value"});
    html += cells({"unfiled", rule_text(rules.unfiled)}, 9);
    html += cells({"excess", rule_text(rules.excess)}, 9);
    html += cells({"late", rule_text(rules.late)}, 9);
    html += cells({"insiders", rule_text(rules.insiders)}, 9);
    html += cells({"set_off", rule_text(rules.set_off)}, 9);
    html += cells({"valuation_rounding", rounding_text(rules.valuation_rounding)}, 9);
    html += cells({"record_date", config.record_date ? config.record_date->text() : "(none)"}, 9);
    html += cells({"payouts.convert_to", config.convert_to == claims::no_index
                                             ? config.currency().id + " (the currency)"
                                             : config.assets[config.convert_to].id},
                  9);
    return html + "</tbody></table>\n";
}

std::string funds_table(const claims::CaseConfig* config, const json& summary) {
    std::string html = table_head("fund-parameters",
                                  {"Fund", "Kind", "Tranche", "Amount", "Floor", "Cap", "Assets",
                                   "Leftover to", "Carried in", "Available", "Allocated",
                                   "Leftover"});
    for (const auto& [id, figures] : object_at(summary, "funds").items()) {
        std::string floor = "?", cap = "?", assets = "?";
        if (config != nullptr) {
            for (const claims::Fund& fund : config->funds) {
                if (fund.id == id) {
                    const int decimals = config->currency().decimals;
                    floor = fund.floor ? engine::format_units(fund.floor->count, decimals) : "none";
                    cap = fund.cap ? engine::format_units(fund.cap->count, decimals) : "none";
                    assets = fund_assets(*config, fund);
                }
            }
        }
        html += "<tr data-fund=\"" + html_escape(id) + "\">" +
                cells({id, text_at(figures, "kind"), text_at(figures, "tranche"),
                       text_at(figures, "amount"), floor, cap, assets,
                       text_at(figures, "leftover_to"), text_at(figures, "carried_in"),
                       text_at(figures, "available"), text_at(figures, "allocated"),
                       text_at(figures, "leftover")},
                      99)
                    .substr(4);
    }
    return html + "</tbody></table>\n";
}

std::string convenience_rule(const claims::CaseConfig& config) {
    if (!config.convenience) {
        return "<p id=\"convenience-rule\">No convenience class ([convenience] not set).</p>\n";
    }
    const claims::ConvenienceRule& rule = *config.convenience;
    return fmt::format(
        "<p id=\"convenience-rule\">Convenience class: claimants worth at most {} {} are paid "
        "{} of their value in tranche {}; {}.</p>\n",
        html_escape(engine::format_units(rule.threshold.count, config.currency().decimals)),
        html_escape(config.currency().id), html_escape(engine::format_price(rule.rate)),
        rule.tranche,
        rule.elective ? "elective (a claimant above the threshold may elect it)" : "not elective");
}

}  // namespace

std::string render_parameters_section(const ReportContext& context) {
    std::string html = "<section id=\"parameters\"><h2>Prices, rules and funds of the run</h2>\n";
    const claims::CaseConfig* config = context.inputs ? &context.inputs->config : nullptr;
    if (config == nullptr) {
        html += fmt::format("<p class=\"warning\" id=\"not-the-run-inputs\">Prices, rules and "
                            "fund parameters are not shown: {}. The run's record keeps their "
                            "SHA-256 only, and the report never shows today's values for an "
                            "earlier run.</p>\n",
                            html_escape(context.inputs_note));
    } else {
        html += "<h3>Prices</h3>\n" + prices_table(*config);
        html += "<h3>Rules</h3>\n" + rules_table(*config) + convenience_rule(*config);
    }
    html += "<h3>Funds</h3>\n" + funds_table(config, context.summary);
    return html + "<p class=\"note\">Values are in the case currency at <code>price</code>; "
                  "an in-kind allocation paid in cash is sold at <code>estate_price</code>, money "
                  "paid in an asset is bought at its <code>distribution_price</code>. A fund "
                  "pays shortfalls of the listed assets, each at least the floor and at most "
                  "the cap.</p></section>\n";
}

std::string conversion_price(const ReportContext& context, const std::string& from,
                             const std::string& to) {
    if (context.inputs == nullptr) {
        return "?";
    }
    const claims::CaseConfig& config = context.inputs->config;
    const std::uint32_t from_index = config.find_asset(from);
    const std::uint32_t to_index = config.find_asset(to);
    if (to_index == config.currency_index && from_index != claims::no_index) {
        return "estate_price " + engine::format_price(config.assets[from_index].estate_price);
    }
    if (to_index != claims::no_index && config.assets[to_index].distribution_price) {
        return "distribution_price " +
               engine::format_price(*config.assets[to_index].distribution_price);
    }
    return "";
}

}  // namespace kanzai::tools
