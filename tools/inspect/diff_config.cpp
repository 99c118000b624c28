// case.toml key by key, from the parsed configurations (claims/load/case_config.hpp): the
// loader owns every byte of case.toml, so two texts compare by what they mean, not by how
// they are written.
#include "tools/inspect/diff_config.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

#include "claims/diagnostics.hpp"
#include "claims/load/case_config.hpp"
#include "claims/load/sha256.hpp"
#include "engine/decimal.hpp"

namespace kanzai::tools {

namespace {

using claims::Asset;
using claims::CaseConfig;
using claims::Fund;

constexpr std::string_view none = "none";

std::string_view rule_text(claims::UnfiledRule rule) {
    return rule == claims::UnfiledRule::admit ? "admit" : "ignore";
}
std::string_view rule_text(claims::ExcessRule rule) {
    return rule == claims::ExcessRule::dispute ? "dispute" : "reject";
}
std::string_view rule_text(claims::LateRule rule) {
    switch (rule) {
        case claims::LateRule::admit:
            return "admit";
        case claims::LateRule::subordinate:
            return "subordinate";
        case claims::LateRule::bar:
            return "bar";
    }
    return "";
}
std::string_view rule_text(claims::InsidersRule rule) {
    return rule == claims::InsidersRule::admit ? "admit" : "subordinate";
}
std::string_view rule_text(claims::SetOffRule rule) {
    return rule == claims::SetOffRule::proportional ? "proportional" : "none";
}
std::string_view rule_text(engine::Rounding rule) {
    return rule == engine::Rounding::down ? "down" : "half-even";
}

// Collects "key: before -> after" in the order the comparisons are made.
struct Changes {
    std::vector<ConfigChange> list;

    void compare(std::string key, std::string before, std::string after) {
        if (before != after) {
            list.push_back({.key = std::move(key), .before = std::move(before),
                            .after = std::move(after)});
        }
    }
};

std::string currency_text(const CaseConfig& config, engine::Int128 count) {
    return engine::format_units(count, config.currency().decimals);
}

std::string optional_value(const CaseConfig& config, const std::optional<engine::Value>& v) {
    return v ? currency_text(config, v->count) : std::string(none);
}

std::string assets_of(const CaseConfig& config, const Fund& fund) {
    if (!fund.asset_indexes) {
        return "all";
    }
    std::vector<std::string> ids;
    for (const std::uint32_t a : *fund.asset_indexes) {
        ids.push_back(config.assets[a].id);
    }
    return fmt::format("[{}]", fmt::join(ids, ", "));
}

void compare_case(Changes& c, const CaseConfig& a, const CaseConfig& b) {
    c.compare("case.name", a.name, b.name);
    c.compare("case.court", a.court, b.court);
    c.compare("case.case_number", a.case_number, b.case_number);
    c.compare("case.administrator", a.administrator, b.administrator);
    c.compare("case.currency", a.currency().id, b.currency().id);
    c.compare("case.cutoff", a.cutoff, b.cutoff);
    c.compare("case.bar_date", a.bar_date.text(), b.bar_date.text());
    c.compare("case.record_date", a.record_date ? a.record_date->text() : std::string(none),
              b.record_date ? b.record_date->text() : std::string(none));
}

const Asset* find_asset(const CaseConfig& config, std::string_view id) {
    const std::uint32_t index = config.find_asset(id);
    return index == claims::no_index ? nullptr : &config.assets[index];
}

std::string optional_price(const std::optional<engine::Price>& price) {
    return price ? engine::format_price(*price) : std::string(none);
}

void compare_asset(Changes& c, const std::string& id, const Asset& a, const Asset& b) {
    const std::string key = "assets." + id;
    c.compare(key + ".decimals", std::to_string(a.decimals), std::to_string(b.decimals));
    c.compare(key + ".price", engine::format_price(a.price), engine::format_price(b.price));
    c.compare(key + ".estate_price", engine::format_price(a.estate_price),
              engine::format_price(b.estate_price));
    c.compare(key + ".price_source", a.price_source, b.price_source);
    c.compare(key + ".distribution_price", optional_price(a.distribution_price),
              optional_price(b.distribution_price));
    c.compare(key + ".pool_cost", engine::format_units(a.pool_cost.count, a.decimals),
              engine::format_units(b.pool_cost.count, b.decimals));
    c.compare(key + ".paid_in", std::string(claims::text_of(a.paid_in)),
              std::string(claims::text_of(b.paid_in)));
}

void compare_assets(Changes& c, const CaseConfig& a, const CaseConfig& b) {
    std::map<std::string, std::pair<const Asset*, const Asset*>> by_id;
    for (const Asset& asset : a.assets) {
        by_id[asset.id].first = &asset;
    }
    for (const Asset& asset : b.assets) {
        by_id[asset.id].second = &asset;
    }
    for (const auto& [id, pair] : by_id) {
        if (pair.first == nullptr || pair.second == nullptr) {
            c.compare("assets." + id, pair.first ? "present" : "none",
                      pair.second ? "present" : "none");
            continue;
        }
        compare_asset(c, id, *pair.first, *pair.second);
    }
}

std::string min_payout_of(const CaseConfig& config, std::string_view id) {
    const Asset* asset = find_asset(config, id);
    return asset == nullptr || !asset->min_payout
               ? std::string(none)
               : engine::format_units(asset->min_payout->count, asset->decimals);
}

void compare_rules(Changes& c, const CaseConfig& a, const CaseConfig& b) {
    const claims::Rules& x = a.rules;
    const claims::Rules& y = b.rules;
    c.compare("rules.unfiled", std::string(rule_text(x.unfiled)),
              std::string(rule_text(y.unfiled)));
    c.compare("rules.excess", std::string(rule_text(x.excess)), std::string(rule_text(y.excess)));
    c.compare("rules.late", std::string(rule_text(x.late)), std::string(rule_text(y.late)));
    c.compare("rules.insiders", std::string(rule_text(x.insiders)),
              std::string(rule_text(y.insiders)));
    c.compare("rules.set_off", std::string(rule_text(x.set_off)),
              std::string(rule_text(y.set_off)));
    c.compare("rules.valuation_rounding", std::string(rule_text(x.valuation_rounding)),
              std::string(rule_text(y.valuation_rounding)));
    std::map<std::string, int> ids;
    for (const Asset& asset : a.assets) {
        ids[asset.id] = 0;
    }
    for (const Asset& asset : b.assets) {
        ids[asset.id] = 0;
    }
    for (const auto& [id, unused] : ids) {
        c.compare("rules.min_payout." + id, min_payout_of(a, id), min_payout_of(b, id));
    }
}

void compare_fund(Changes& c, const CaseConfig& ca, const Fund& a, const CaseConfig& cb,
                  const Fund& b, std::size_t ia, std::size_t ib) {
    const std::string key = "fund." + a.id;
    c.compare(key + " (order)", std::to_string(ia + 1), std::to_string(ib + 1));
    c.compare(key + ".kind", std::string(claims::text_of(a.kind)),
              std::string(claims::text_of(b.kind)));
    c.compare(key + ".insurer", a.insurer, b.insurer);
    c.compare(key + ".amount", currency_text(ca, a.amount.count),
              currency_text(cb, b.amount.count));
    c.compare(key + ".tranche", std::to_string(a.tranche), std::to_string(b.tranche));
    c.compare(key + ".floor", optional_value(ca, a.floor), optional_value(cb, b.floor));
    c.compare(key + ".cap", optional_value(ca, a.cap), optional_value(cb, b.cap));
    c.compare(key + ".assets", assets_of(ca, a), assets_of(cb, b));
    c.compare(key + ".leftover", std::string(claims::text_of(a.leftover)),
              std::string(claims::text_of(b.leftover)));
}

void compare_funds(Changes& c, const CaseConfig& a, const CaseConfig& b) {
    std::map<std::string, std::pair<std::size_t, std::size_t>> by_id;
    constexpr std::size_t absent = static_cast<std::size_t>(-1);
    for (std::size_t f = 0; f < a.funds.size(); ++f) {
        by_id.emplace(a.funds[f].id, std::make_pair(f, absent));
    }
    for (std::size_t f = 0; f < b.funds.size(); ++f) {
        by_id.emplace(b.funds[f].id, std::make_pair(absent, absent)).first->second.second = f;
    }
    for (const auto& [id, pair] : by_id) {
        if (pair.first == absent || pair.second == absent) {
            c.compare("fund." + id, pair.first != absent ? "present" : "none",
                      pair.second != absent ? "present" : "none");
            continue;
        }
        compare_fund(c, a, a.funds[pair.first], b, b.funds[pair.second], pair.first,
                     pair.second);
    }
}

void compare_rest(Changes& c, const CaseConfig& a, const CaseConfig& b) {
    c.compare("estate.cash", currency_text(a, a.estate_cash.count),
              currency_text(b, b.estate_cash.count));
    c.compare("estate.tranche", std::to_string(a.estate_tranche),
              std::to_string(b.estate_tranche));
    if (!a.convenience || !b.convenience) {
        c.compare("convenience", a.convenience ? "present" : "none",
                  b.convenience ? "present" : "none");
    } else {
        const claims::ConvenienceRule& x = *a.convenience;
        const claims::ConvenienceRule& y = *b.convenience;
        c.compare("convenience.threshold", currency_text(a, x.threshold.count),
                  currency_text(b, y.threshold.count));
        c.compare("convenience.rate", engine::format_price(x.rate), engine::format_price(y.rate));
        c.compare("convenience.tranche", std::to_string(x.tranche), std::to_string(y.tranche));
        c.compare("convenience.elective", x.elective ? "true" : "false",
                  y.elective ? "true" : "false");
    }
    const auto convert_to = [](const CaseConfig& config) {
        return config.convert_to == claims::no_index ? config.currency().id
                                                     : config.assets[config.convert_to].id;
    };
    c.compare("payouts.convert_to", convert_to(a), convert_to(b));
}

std::string json_text(const nlohmann::json& object, std::string_view key) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>()
                                                       : std::string(none);
}

}  // namespace

std::vector<ConfigChange> config_changes(const CaseConfig& before, const CaseConfig& after) {
    Changes changes;
    compare_case(changes, before, after);
    compare_assets(changes, before, after);
    compare_rules(changes, before, after);
    compare_funds(changes, before, after);
    compare_rest(changes, before, after);
    return changes.list;
}

std::vector<ConfigChange> summary_config_changes(const std::string& before_json,
                                                 const std::string& after_json) {
    const auto a = nlohmann::json::parse(before_json, nullptr, false);
    const auto b = nlohmann::json::parse(after_json, nullptr, false);
    Changes changes;
    if (!a.is_object() || !b.is_object()) {
        return {};
    }
    const auto object = [](const nlohmann::json& summary, std::string_view key) {
        const auto found = summary.find(key);
        return found != summary.end() && found->is_object() ? *found : nlohmann::json::object();
    };
    const nlohmann::json funds_a = object(a, "funds");
    const nlohmann::json funds_b = object(b, "funds");
    std::map<std::string, int> ids;
    for (const auto& [id, fund] : funds_a.items()) {
        ids[id] = 0;
    }
    for (const auto& [id, fund] : funds_b.items()) {
        ids[id] = 0;
    }
    for (const auto& [id, unused] : ids) {
        const bool in_a = funds_a.contains(id);
        const bool in_b = funds_b.contains(id);
        if (!in_a || !in_b) {
            changes.compare("fund." + id, in_a ? "present" : "none", in_b ? "present" : "none");
            continue;
        }
        changes.compare("fund." + id + ".amount", json_text(funds_a[id], "amount"),
                        json_text(funds_b[id], "amount"));
        changes.compare("fund." + id + ".tranche", funds_a[id].value("tranche", nlohmann::json())
                                                       .dump(),
                        funds_b[id].value("tranche", nlohmann::json()).dump());
    }
    changes.compare("estate.cash", json_text(object(a, "estate"), "cash"),
                    json_text(object(b, "estate"), "cash"));
    return changes.list;
}

std::optional<CaseConfig> recorded_config(const claims::RunRecord& run, const std::string& path,
                                          std::string& note) {
    const auto recorded = std::find_if(run.inputs.begin(), run.inputs.end(),
                                       [](const claims::FileHash& f) {
                                           return f.name == "case.toml";
                                       });
    if (recorded == run.inputs.end()) {
        note = fmt::format("run {} recorded no case.toml", run.number);
        return std::nullopt;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        note = fmt::format("{} cannot be read", path);
        return std::nullopt;
    }
    std::ostringstream text;
    text << file.rdbuf();
    if (claims::sha256_hex(text.str()) != recorded->sha256) {
        note = fmt::format("{} is not the case.toml run {} read (its SHA-256 differs)", path,
                           run.number);
        return std::nullopt;
    }
    claims::Diagnostics diagnostics;
    claims::CaseConfigLoad load = claims::load_case_config(text.str(), diagnostics);
    if (!diagnostics.empty()) {
        note = fmt::format("{} does not load now; see kanzai check", path);
        return std::nullopt;
    }
    return std::move(load.config);
}

}  // namespace kanzai::tools
