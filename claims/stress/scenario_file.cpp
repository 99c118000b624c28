// Reading the scenario file with toml++: a syntax error stops; the parsed document is walked
// fully and every semantic error is collected at toml++'s line and column (STYLE.md §4).
#include "claims/stress/scenario_file.hpp"

#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "claims/load/load_support.hpp"
#include "claims/load/toml_type.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {
namespace {

constexpr std::array<std::string_view, 8> scenario_keys = {
    "id", "description", "lost", "lost_units", "prices", "estate_prices", "funds", "cash"};

bool is_valid_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
}

class ScenarioWalker {
public:
    ScenarioWalker(const std::string& file, const CaseConfig& config, Diagnostics& diagnostics,
                   Diagnostics* absent)
        : file_(file), config_(config), diagnostics_(diagnostics), absent_(absent) {}

    std::vector<Scenario> walk(const toml::table& root);

private:
    void error(const toml::source_region& region, std::string message) {
        diagnostics_.error({.file = file_, .line = region.begin.line,
                            .column = region.begin.column},
                           std::move(message));
    }
    // An entry naming an asset or fund the case lacks: an error, or a note with --skip-absent.
    void absent_name(const toml::source_region& region, std::string message) {
        if (absent_ == nullptr) {
            error(region, std::move(message));
            return;
        }
        absent_->error({.file = file_, .line = region.begin.line, .column = region.begin.column},
                       message + "; skipped (--skip-absent)");
    }
    void read_scenario(const toml::table& table, std::size_t number);
    // The string at `node` (`name` in messages), or nullopt after reporting its type.
    std::optional<std::string> string_at(const toml::node& node, const std::string& name);
    // A table of strings keyed by asset id: each key resolved to an asset index.
    std::vector<std::pair<std::uint32_t, const toml::node*>> assets_of(const toml::table& table,
                                                                      std::string_view key);
    std::optional<Int128> fraction(const toml::node& node, const std::string& name);
    std::optional<Int128> amount(const toml::node& node, const std::string& name, int decimals,
                                 std::string_view asset_id);
    std::optional<Price> price(const toml::node& node, const std::string& name,
                               std::uint32_t asset_index);
    void read_losses(const toml::table& table, Scenario& scenario);
    void read_prices(const toml::table& table, std::string_view key,
                     std::vector<ScenarioPrice>& prices);
    void read_funds(const toml::table& table, Scenario& scenario);
    void check_currency_total(const toml::table& table, std::size_t number,
                              const Scenario& scenario);

    const std::string& file_;
    const CaseConfig& config_;
    Diagnostics& diagnostics_;
    Diagnostics* absent_;
    std::vector<Scenario> scenarios_;
    std::map<std::string, std::size_t, std::less<>> ids_;  // id -> scenario number
};

std::vector<Scenario> ScenarioWalker::walk(const toml::table& root) {
    for (auto&& [key, node] : root) {
        static_cast<void>(node);
        if (key.str() != "scenario") {
            error(key.source(), fmt::format("unknown key {} in the scenario file; expected only "
                                            "[[scenario]] tables",
                                            quoted(key.str())));
        }
    }
    const toml::node* list = root.get("scenario");
    if (list == nullptr) {
        return scenarios_;
    }
    const toml::array* array = list->as_array();
    if (array == nullptr || !array->is_array_of_tables()) {
        error(list->source(), fmt::format("scenario must be an array of tables ([[scenario]]), "
                                          "not {}",
                                          toml_type_name(*list)));
        return scenarios_;
    }
    for (std::size_t k = 0; k < array->size(); ++k) {
        read_scenario(*array->get(k)->as_table(), k + 1);
    }
    return scenarios_;
}

void ScenarioWalker::read_scenario(const toml::table& table, std::size_t number) {
    const std::string label = fmt::format("[[scenario]] #{}", number);
    for (auto&& [key, node] : table) {
        static_cast<void>(node);
        if (std::find(scenario_keys.begin(), scenario_keys.end(), key.str()) ==
            scenario_keys.end()) {
            error(key.source(), fmt::format("unknown key {} in {}; expected one of {}",
                                            quoted(key.str()), label, one_of(scenario_keys)));
        }
    }
    Scenario scenario;
    scenario.line = table.source().begin.line;
    if (const toml::node* id = table.get("id"); id == nullptr) {
        error(table.source(), fmt::format("{} is missing the required key \"id\"", label));
    } else if (const std::optional<std::string> text = string_at(*id, "scenario.id")) {
        scenario.id = *text;
        if (!is_valid_id(*text)) {
            error(id->source(), fmt::format("scenario.id {} must be one or more of A-Z a-z 0-9 "
                                            ". _ -",
                                            quoted(*text)));
        } else if (const auto earlier = ids_.find(*text); earlier != ids_.end()) {
            error(id->source(), fmt::format("scenario.id {} is also the id of [[scenario]] #{}",
                                            quoted(*text), earlier->second));
        } else {
            ids_.emplace(*text, number);
        }
    }
    if (const toml::node* description = table.get("description")) {
        scenario.description = string_at(*description, "scenario.description").value_or("");
    }
    read_losses(table, scenario);
    read_prices(table, "prices", scenario.prices);
    read_prices(table, "estate_prices", scenario.estate_prices);
    read_funds(table, scenario);
    if (const toml::node* cash = table.get("cash")) {
        const Asset& currency = config_.currency();
        if (const std::optional<Int128> units =
                amount(*cash, "scenario.cash", currency.decimals, currency.id)) {
            scenario.cash = Value{*units};
        }
    }
    check_currency_total(table, number, scenario);
    scenarios_.push_back(std::move(scenario));
}

std::optional<std::string> ScenarioWalker::string_at(const toml::node& node,
                                                     const std::string& name) {
    if (!node.is_string()) {
        error(node.source(),
              fmt::format("{} must be a string, not {}", name, toml_type_name(node)));
        return std::nullopt;
    }
    return node.as_string()->get();
}

std::vector<std::pair<std::uint32_t, const toml::node*>> ScenarioWalker::assets_of(
    const toml::table& table, std::string_view key) {
    std::vector<std::pair<std::uint32_t, const toml::node*>> assets;
    const toml::node* node = table.get(key);
    if (node == nullptr) {
        return assets;
    }
    if (!node->is_table()) {
        error(node->source(), fmt::format("scenario.{} must be a table, not {}", key,
                                          toml_type_name(*node)));
        return assets;
    }
    for (auto&& [asset_key, value] : *node->as_table()) {
        const std::uint32_t index = config_.find_asset(asset_key.str());
        if (index == no_index) {
            absent_name(asset_key.source(),
                        fmt::format("scenario.{} names {}, which is not an asset of case.toml",
                                    key, quoted(asset_key.str())));
            continue;
        }
        assets.emplace_back(index, &value);
    }
    return assets;
}

std::optional<Int128> ScenarioWalker::fraction(const toml::node& node, const std::string& name) {
    const std::optional<std::string> text = string_at(node, name);
    if (!text) {
        return std::nullopt;
    }
    const engine::DecimalParse parse = engine::parse_price(*text);
    if (!parse.ok()) {
        error(node.source(),
              fmt::format("{} {} {}", name, quoted(*text),
                          parse.issue == engine::DecimalIssue::too_large
                              ? std::string("is above 1; a fraction is between 0 and 1")
                              : describe_decimal(parse, *text, "a fraction", 18)));
        return std::nullopt;
    }
    if (parse.count > engine::pow10(engine::price_decimals)) {
        error(node.source(), fmt::format("{} {} is above 1; a fraction is between 0 and 1",
                                         name, quoted(*text)));
        return std::nullopt;
    }
    return parse.count;
}

std::optional<Int128> ScenarioWalker::amount(const toml::node& node, const std::string& name,
                                             int decimals, std::string_view asset_id) {
    const std::optional<std::string> text = string_at(node, name);
    if (!text) {
        return std::nullopt;
    }
    const engine::DecimalParse parse = engine::parse_amount(*text, decimals);
    if (!parse.ok()) {
        error(node.source(), fmt::format("{} {} {}", name, quoted(*text),
                                         describe_decimal(parse, *text, asset_id, decimals)));
        return std::nullopt;
    }
    if (sign_of_decimal(*text) < 0) {
        error(node.source(),
              fmt::format("{} {} is negative; it must be >= 0", name, quoted(*text)));
        return std::nullopt;
    }
    return parse.count;
}

std::optional<Price> ScenarioWalker::price(const toml::node& node, const std::string& name,
                                           std::uint32_t asset_index) {
    const std::optional<std::string> text = string_at(node, name);
    if (!text) {
        return std::nullopt;
    }
    const engine::DecimalParse parse = engine::parse_price(*text);
    if (!parse.ok()) {
        error(node.source(),
              fmt::format("{} {} {}", name, quoted(*text),
                          parse.issue == engine::DecimalIssue::too_large
                              ? std::string("is too large; a price must be below 10^20")
                              : describe_decimal(parse, *text, "a price", 18)));
        return std::nullopt;
    }
    const Price found{parse.count};
    if (asset_index == config_.currency_index &&
        found != Price{engine::pow10(engine::price_decimals)}) {
        error(node.source(), fmt::format("{} is {}; the case currency's price must be \"1\"",
                                         name, quoted(*text)));
        return std::nullopt;
    }
    return found;
}

void ScenarioWalker::read_losses(const toml::table& table, Scenario& scenario) {
    const auto fractions = assets_of(table, "lost");
    for (const auto& [index, node] : fractions) {
        const std::string& id = config_.assets[index].id;
        if (const std::optional<Int128> f = fraction(*node, "scenario.lost." + id)) {
            scenario.losses.push_back({.asset_index = index, .is_fraction = true, .amount = *f});
        }
    }
    for (const auto& [index, node] : assets_of(table, "lost_units")) {
        const Asset& asset = config_.assets[index];
        const std::string name = "scenario.lost_units." + asset.id;
        // A copy, not the binding: clang 14 (the fuzz build) cannot capture a binding.
        const auto asset_index = index;
        if (std::any_of(fractions.begin(), fractions.end(),
                        [asset_index](const auto& entry) { return entry.first == asset_index; })) {
            error(node->source(), fmt::format("{}: {} is in scenario.lost too; a pool's loss "
                                              "is a fraction or units, not both",
                                              name, asset.id));
            continue;
        }
        if (const std::optional<Int128> units = amount(*node, name, asset.decimals, asset.id)) {
            scenario.losses.push_back(
                {.asset_index = index, .is_fraction = false, .amount = *units});
        }
    }
    std::sort(scenario.losses.begin(), scenario.losses.end(),
              [](const ScenarioLoss& a, const ScenarioLoss& b) {
                  return a.asset_index < b.asset_index;
              });
}

void ScenarioWalker::read_prices(const toml::table& table, std::string_view key,
                                 std::vector<ScenarioPrice>& prices) {
    for (const auto& [index, node] : assets_of(table, key)) {
        const std::string name = fmt::format("scenario.{}.{}", key, config_.assets[index].id);
        if (const std::optional<Price> found = price(*node, name, index)) {
            prices.push_back({.asset_index = index, .price = *found});
        }
    }
    std::sort(prices.begin(), prices.end(), [](const ScenarioPrice& a, const ScenarioPrice& b) {
        return a.asset_index < b.asset_index;
    });
}

void ScenarioWalker::read_funds(const toml::table& table, Scenario& scenario) {
    const toml::node* node = table.get("funds");
    if (node == nullptr) {
        return;
    }
    if (!node->is_table()) {
        error(node->source(),
              fmt::format("scenario.funds must be a table, not {}", toml_type_name(*node)));
        return;
    }
    for (auto&& [fund_key, value] : *node->as_table()) {
        const std::string_view fund_id = fund_key.str();  // a lambda cannot capture a binding
        const auto found =
            std::find_if(config_.funds.begin(), config_.funds.end(),
                         [fund_id](const Fund& fund) { return fund.id == fund_id; });
        if (found == config_.funds.end()) {
            absent_name(fund_key.source(),
                        fmt::format("scenario.funds names {}, which is not a fund of case.toml",
                                    quoted(fund_key.str())));
            continue;
        }
        const std::string name = "scenario.funds." + found->id;
        if (const std::optional<Int128> units =
                amount(value, name, config_.currency().decimals, config_.currency().id)) {
            scenario.fund_amounts.push_back(
                {.fund_index = static_cast<std::uint32_t>(found - config_.funds.begin()),
                 .amount = Value{*units}});
        }
    }
    std::sort(scenario.fund_amounts.begin(), scenario.fund_amounts.end(),
              [](const ScenarioFundAmount& a, const ScenarioFundAmount& b) {
                  return a.fund_index < b.fund_index;
              });
}

// As in case.toml: the funds and the estate cash together stay within 2^127 - 1 minor
// units, so the estate's sums cannot overflow.
void ScenarioWalker::check_currency_total(const toml::table& table, std::size_t number,
                                          const Scenario& scenario) {
    engine::UInt128 total = static_cast<engine::UInt128>(
        scenario.cash.value_or(config_.estate_cash).count);
    for (std::uint32_t f = 0; f < config_.funds.size(); ++f) {
        Value amount = config_.funds[f].amount;
        for (const ScenarioFundAmount& replaced : scenario.fund_amounts) {
            amount = replaced.fund_index == f ? replaced.amount : amount;
        }
        total += static_cast<engine::UInt128>(amount.count);
        if (total > static_cast<engine::UInt128>(engine::units_total_max)) {
            error(table.source(), fmt::format("[[scenario]] #{}: the sum of the fund amounts and "
                                              "the estate cash passes 2^127-1 minor units of {}",
                                              number, config_.currency().id));
            return;
        }
    }
}

}  // namespace

std::vector<Scenario> load_scenarios(std::string_view text, const std::string& file_name,
                                     const CaseConfig& config, Diagnostics& diagnostics,
                                     Diagnostics* absent) {
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);  // SPEC "Conventions": a leading BOM is ignored
    }
    toml::table root;
    try {
        root = toml::parse(text, file_name);
    } catch (const toml::parse_error& error) {
        diagnostics.error({.file = file_name, .line = error.source().begin.line,
                           .column = error.source().begin.column},
                          fmt::format("TOML syntax error: {}; the rest of {} is not read",
                                      error.description(), file_name));
        return {};
    }
    ScenarioWalker walker(file_name, config, diagnostics, absent);
    return walker.walk(root);
}

}  // namespace kanzai::claims
