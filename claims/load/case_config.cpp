// Reading case.toml with toml++: a syntax error stops; the parsed document is walked fully
// and every semantic error is collected with toml++'s line and column (STYLE.md §4).
#include "claims/load/case_config.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "claims/load/load_support.hpp"
#include "claims/load/toml_type.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {
namespace {

constexpr std::string_view toml_file = "case.toml";

SourceLoc loc_of(const toml::source_region& region) {
    return {.file = std::string(toml_file), .line = region.begin.line,
            .column = region.begin.column};
}

// One TOML table: checks its keys against the allowed ones and reads typed values, each
// error reported at the value (or, for a missing key, at the table's header).
class TableReader {
public:
    TableReader(const toml::table& table, std::string path, Diagnostics& diagnostics)
        : table_(table), path_(std::move(path)), diagnostics_(diagnostics) {}

    void allow_only(std::span<const std::string_view> keys) {
        for (auto&& [key, node] : table_) {
            static_cast<void>(node);
            if (std::find(keys.begin(), keys.end(), key.str()) == keys.end()) {
                diagnostics_.error(loc_of(key.source()),
                                   fmt::format("unknown key {} in {}; expected one of {}",
                                               quoted(key.str()), label(), one_of(keys)));
            }
        }
    }

    const toml::node* find(std::string_view key, bool is_required) {
        const toml::node* node = table_.get(key);
        if (node == nullptr && is_required) {
            missing(key);
        }
        return node;
    }

    void missing(std::string_view key) {
        diagnostics_.error(loc_of(table_.source()),
                           fmt::format("{} is missing the required key \"{}\"", label(), key));
    }

    void wrong_type(std::string_view key, const toml::node& node, std::string_view expected) {
        diagnostics_.error(loc_of(node.source()), fmt::format("{}.{} must be {}, not {}", path_,
                                                              key, expected, toml_type_name(node)));
    }

    void error(const toml::node& node, std::string message) {
        diagnostics_.error(loc_of(node.source()), std::move(message));
    }

    std::optional<std::string> string(std::string_view key, bool is_required) {
        const toml::node* node = find(key, is_required);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_string()) {
            wrong_type(key, *node, "a string");
            return std::nullopt;
        }
        return node->as_string()->get();
    }

    // An integer in [low, high].
    std::optional<int> integer(std::string_view key, bool is_required, int low, int high,
                               std::string_view range_text) {
        const toml::node* node = find(key, is_required);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_integer()) {
            wrong_type(key, *node, "an integer");
            return std::nullopt;
        }
        const std::int64_t value = node->as_integer()->get();
        if (value < low || value > high) {
            error(*node, fmt::format("{}.{} is {}; expected an integer {}", path_, key, value,
                                     range_text));
            return std::nullopt;
        }
        return static_cast<int>(value);
    }

    // A string naming one of `choices` (as text_of spells them).
    template <typename Enum>
    std::optional<Enum> choice(std::string_view key, bool is_required,
                               std::span<const Enum> choices,
                               std::span<const std::string_view> names) {
        const std::optional<std::string> text = string(key, is_required);
        if (!text) {
            return std::nullopt;
        }
        for (std::size_t i = 0; i < choices.size(); ++i) {
            if (names[i] == *text) {
                return choices[i];
            }
        }
        error(*table_.get(key), fmt::format("{}.{} {} is not one of {}", path_, key,
                                            quoted(*text), one_of(names)));
        return std::nullopt;
    }

    // A price string (SPEC "Prices").
    std::optional<Price> price(std::string_view key, bool is_required) {
        const std::optional<std::string> text = string(key, is_required);
        if (!text) {
            return std::nullopt;
        }
        const engine::DecimalParse parse = engine::parse_price(*text);
        if (!parse.ok()) {
            const std::string_view reason =
                parse.issue == engine::DecimalIssue::too_large
                    ? std::string_view("is too large; a price must be below 10^20")
                    : std::string_view();
            error(*table_.get(key),
                  fmt::format("{}.{} {} {}", path_, key, quoted(*text),
                              reason.empty() ? describe_decimal(parse, *text, "a price", 18)
                                             : std::string(reason)));
            return std::nullopt;
        }
        return Price{parse.count};
    }

    // An amount string of an asset with `decimals` (nullopt decimals: the asset is not
    // known, so only the grammar and the sign are checked and the result is 0).
    std::optional<Units> amount(std::string_view key, bool is_required,
                                std::optional<int> decimals, std::string_view asset_id) {
        const std::optional<std::string> text = string(key, is_required);
        if (!text) {
            return std::nullopt;
        }
        const engine::DecimalParse parse =
            engine::parse_amount(*text, decimals.value_or(engine::decimals_max));
        const bool is_grammar_ok = parse.ok() ||
                                   parse.issue == engine::DecimalIssue::too_many_fraction_digits ||
                                   parse.issue == engine::DecimalIssue::too_large;
        if (!is_grammar_ok || (decimals && !parse.ok())) {
            error(*table_.get(key),
                  fmt::format("{}.{} {} {}", path_, key, quoted(*text),
                              describe_decimal(parse, *text, asset_id, decimals.value_or(0))));
            return std::nullopt;
        }
        if (sign_of_decimal(*text) < 0) {
            error(*table_.get(key), fmt::format("{}.{} {} is negative; it must be >= 0", path_,
                                                key, quoted(*text)));
            return std::nullopt;
        }
        return decimals ? Units{parse.count} : Units{};
    }

    [[nodiscard]] const toml::table& table() const { return table_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    // How a message names the table: "[case]", or "[[fund]] #2" for the second fund.
    [[nodiscard]] std::string label() const {
        return path_.starts_with("fund #") ? "[[fund]] #" + path_.substr(6) : "[" + path_ + "]";
    }

private:
    const toml::table& table_;
    std::string path_;
    Diagnostics& diagnostics_;
};

constexpr std::array<std::string_view, 7> root_keys = {"case", "assets", "rules", "fund",
                                                        "estate", "convenience", "payouts"};
constexpr std::array<std::string_view, 8> case_keys = {
    "name", "court", "case_number", "administrator", "currency", "cutoff", "bar_date",
    "record_date"};
constexpr std::array<std::string_view, 7> asset_keys = {
    "decimals", "price", "price_source", "estate_price", "paid_in", "distribution_price",
    "pool_cost"};
constexpr std::array<std::string_view, 7> rules_keys = {
    "unfiled", "excess", "late", "insiders", "set_off", "valuation_rounding", "min_payout"};
constexpr std::array<std::string_view, 9> fund_keys = {
    "id", "kind", "insurer", "amount", "tranche", "floor", "cap", "assets", "leftover"};
constexpr std::array<std::string_view, 2> estate_keys = {"cash", "tranche"};
constexpr std::array<std::string_view, 4> convenience_keys = {"threshold", "rate", "tranche",
                                                              "elective"};
constexpr std::array<std::string_view, 1> payouts_keys = {"convert_to"};
constexpr std::array<PaidIn, 2> paid_in_values = {PaidIn::kind, PaidIn::cash};
constexpr std::array<std::string_view, 2> paid_in_names = {"kind", "cash"};

constexpr int tranche_max = std::numeric_limits<int>::max();

// What the walk keeps beside the config: positions for later checks.
struct AssetEntry {
    Asset asset;
    const toml::node* price_node = nullptr;
    const toml::node* estate_price_node = nullptr;
    const toml::node* pool_cost_node = nullptr;
    const toml::node* paid_in_node = nullptr;
    const toml::node* distribution_price_node = nullptr;
};

class ConfigWalker {
public:
    ConfigWalker(std::string_view text, Diagnostics& diagnostics)
        : text_(text), diagnostics_(diagnostics) {}

    CaseConfigLoad walk(const toml::table& root);

private:
    const toml::table* sub_table(TableReader& parent, std::string_view key, bool is_required);
    void read_assets(const toml::table& root);
    void read_asset(const toml::key& key, const toml::node& node);
    void read_case(const toml::table& root);
    void check_currency_prices(const toml::node& currency_node);
    void read_rules(const toml::table& root);
    void read_min_payout(const toml::table& table);
    void read_funds(const toml::table& root);
    void read_fund(const toml::table& table, std::size_t number);
    void read_fund_assets(TableReader& reader, Fund& fund);
    void read_estate(const toml::table& root);
    void read_convenience(const toml::table& root);
    void read_payouts(const toml::table& root);
    void count_currency(const toml::node& node, Value value);
    [[nodiscard]] bool is_convert_target(std::uint32_t index) const {
        const CaseConfig& config = result_.config;
        if (is_currency_known_ && index == config.currency_index) {
            return true;
        }
        const std::optional<Price>& price = config.assets[index].distribution_price;
        return price && price->scaled > 0;
    }
    std::string text_of_node(const toml::node& node) const;

    [[nodiscard]] std::optional<int> currency_decimals() const {
        if (!is_currency_known_) {
            return std::nullopt;
        }
        return result_.config.currency().decimals;
    }
    [[nodiscard]] std::string currency_id() const {
        return is_currency_known_ ? result_.config.currency().id : std::string("the currency");
    }
    std::optional<Value> money(TableReader& reader, std::string_view key, bool is_required) {
        const std::optional<Units> units =
            reader.amount(key, is_required, currency_decimals(), currency_id());
        if (!units) {
            return std::nullopt;
        }
        return Value{units->count};
    }

    std::string_view text_;
    Diagnostics& diagnostics_;
    CaseConfigLoad result_;
    std::vector<AssetEntry> entries_;
    bool is_currency_known_ = false;
    engine::UInt128 currency_total_ = 0;
    bool is_currency_total_reported_ = false;
};

const toml::table* ConfigWalker::sub_table(TableReader& parent, std::string_view key,
                                           bool is_required) {
    const toml::node* node = parent.find(key, false);
    if (node == nullptr) {
        if (is_required) {
            diagnostics_.error({.file = std::string(toml_file), .line = 1, .column = 0},
                               fmt::format("missing required table [{}]", key));
        }
        return nullptr;
    }
    if (!node->is_table()) {
        parent.error(*node, fmt::format("{} must be a table, not {}", key, toml_type_name(*node)));
        return nullptr;
    }
    return node->as_table();
}

CaseConfigLoad ConfigWalker::walk(const toml::table& root) {
    TableReader reader(root, "", diagnostics_);
    for (auto&& [key, node] : root) {
        static_cast<void>(node);
        if (std::find(root_keys.begin(), root_keys.end(), key.str()) == root_keys.end()) {
            diagnostics_.error(loc_of(key.source()),
                               fmt::format("unknown key {}; expected one of {}",
                                           quoted(key.str()), one_of(root_keys)));
        }
    }
    read_assets(root);
    read_case(root);
    read_rules(root);
    read_funds(root);
    read_estate(root);
    read_convenience(root);
    read_payouts(root);
    return std::move(result_);
}

void ConfigWalker::read_assets(const toml::table& root) {
    TableReader reader(root, "", diagnostics_);
    const toml::table* assets = sub_table(reader, "assets", true);
    if (assets == nullptr) {
        return;
    }
    result_.are_assets_checked = true;
    for (auto&& [key, node] : *assets) {
        read_asset(key, node);
    }
    // SPEC "Conventions": identifiers are sorted by their UTF-8 bytes.
    std::sort(entries_.begin(), entries_.end(), [](const AssetEntry& a, const AssetEntry& b) {
        return a.asset.id < b.asset.id;
    });
    for (const AssetEntry& entry : entries_) {
        result_.config.assets.push_back(entry.asset);
    }
}

void ConfigWalker::read_asset(const toml::key& key, const toml::node& node) {
    const std::string id(key.str());
    const std::string path = "assets." + id;
    bool is_valid = true;
    const auto fail = [&](const toml::source_region& where, std::string message) {
        diagnostics_.error(loc_of(where), std::move(message));
        is_valid = false;
    };
    if (id.empty()) {
        fail(key.source(), "an asset id is empty");
    } else if (const std::string_view prefix = reserved_prefix_of(id); !prefix.empty()) {
        fail(key.source(), fmt::format("asset id {} begins with \"{}\", a prefix reserved for "
                                       "Kanzai",
                                       quoted(id), prefix));
    }
    if (!node.is_table()) {
        fail(node.source(), fmt::format("{} must be a table, not {}", path, toml_type_name(node)));
        result_.invalid_asset_ids.push_back(id);
        return;
    }
    const std::size_t errors_before = diagnostics_.size();
    TableReader reader(*node.as_table(), path, diagnostics_);
    reader.allow_only(asset_keys);
    AssetEntry entry;
    entry.asset.id = id;
    entry.asset.line = node.source().begin.line;
    const std::optional<int> decimals =
        reader.integer("decimals", true, 0, engine::decimals_max, "from 0 to 18");
    const std::optional<Price> price = reader.price("price", true);
    entry.price_node = reader.find("price", false);
    entry.estate_price_node = reader.find("estate_price", false);
    const std::optional<Price> estate_price = reader.price("estate_price", false);
    const std::optional<std::string> source = reader.string("price_source", false);
    // pool_cost is an amount of this asset (SPEC: units withdrawn from the pool before its
    // split); without valid decimals only its grammar and sign can be checked.
    entry.pool_cost_node = reader.find("pool_cost", false);
    const std::optional<Units> pool_cost = reader.amount("pool_cost", false, decimals, id);
    entry.paid_in_node = reader.find("paid_in", false);
    const std::optional<PaidIn> paid_in =
        reader.choice<PaidIn>("paid_in", false, paid_in_values, paid_in_names);
    entry.distribution_price_node = reader.find("distribution_price", false);
    const std::optional<Price> distribution_price = reader.price("distribution_price", false);
    if (!is_valid || diagnostics_.size() != errors_before || !decimals || !price) {
        result_.invalid_asset_ids.push_back(id);
        return;
    }
    entry.asset.decimals = *decimals;
    entry.asset.price = *price;
    entry.asset.estate_price = estate_price.value_or(*price);
    entry.asset.price_source = source.value_or("");
    entry.asset.pool_cost = pool_cost.value_or(Units{});
    entry.asset.paid_in = paid_in.value_or(PaidIn::kind);
    entry.asset.distribution_price = distribution_price;
    if (entry.distribution_price_node != nullptr) {
        entry.asset.distribution_price_line = entry.distribution_price_node->source().begin.line;
        entry.asset.distribution_price_column =
            entry.distribution_price_node->source().begin.column;
    }
    entries_.push_back(entry);
}

void ConfigWalker::read_case(const toml::table& root) {
    TableReader parent(root, "", diagnostics_);
    const toml::table* table = sub_table(parent, "case", true);
    if (table == nullptr) {
        return;
    }
    TableReader reader(*table, "case", diagnostics_);
    reader.allow_only(case_keys);
    CaseConfig& config = result_.config;
    config.name = reader.string("name", true).value_or("");
    config.court = reader.string("court", false).value_or("");
    config.case_number = reader.string("case_number", false).value_or("");
    config.administrator = reader.string("administrator", false).value_or("");
    if (const std::optional<std::string> currency = reader.string("currency", true)) {
        const toml::node& node = *table->get("currency");
        const std::uint32_t index = config.find_asset(*currency);
        const bool is_invalid = std::find(result_.invalid_asset_ids.begin(),
                                          result_.invalid_asset_ids.end(),
                                          *currency) != result_.invalid_asset_ids.end();
        if (index != no_index) {
            config.currency_index = index;
            is_currency_known_ = true;
            check_currency_prices(node);
        } else if (!is_invalid && result_.are_assets_checked) {
            reader.error(node, fmt::format("case.currency {} is not one of [assets]",
                                           quoted(*currency)));
        }
    }
    if (const toml::node* cutoff = reader.find("cutoff", true)) {
        if (cutoff->is_date_time() && !cutoff->as_date_time()->get().offset) {
            reader.error(*cutoff, "case.cutoff must be an offset date-time such as "
                                  "2026-03-01T00:00:00+09:00, not a local date-time");
        } else if (!cutoff->is_date_time()) {
            reader.wrong_type("cutoff", *cutoff,
                              "an offset date-time such as 2026-03-01T00:00:00+09:00");
        } else {
            config.cutoff = text_of_node(*cutoff);
        }
    }
    const auto read_date = [&](std::string_view key, bool is_required) -> std::optional<Date> {
        const toml::node* node = reader.find(key, is_required);
        if (node == nullptr) {
            return std::nullopt;
        }
        if (!node->is_date()) {
            reader.wrong_type(key, *node, "a local date such as 2026-06-30");
            return std::nullopt;
        }
        const toml::date date = node->as_date()->get();
        return Date{static_cast<std::int32_t>(date.year) * 10000 + date.month * 100 + date.day};
    };
    if (const std::optional<Date> bar_date = read_date("bar_date", true)) {
        config.bar_date = *bar_date;
    }
    config.record_date = read_date("record_date", false);
}

// SPEC "Prices": the case currency's price (and estate_price) must equal 1.
void ConfigWalker::check_currency_prices(const toml::node& currency_node) {
    static_cast<void>(currency_node);
    const Price one{engine::pow10(engine::price_decimals)};
    for (const AssetEntry& entry : entries_) {
        if (entry.asset.id != result_.config.currency().id) {
            continue;
        }
        if (entry.asset.price != one) {
            diagnostics_.error(loc_of(entry.price_node->source()),
                               fmt::format("assets.{}.price is \"{}\"; the case currency's "
                                           "price must be \"1\"",
                                           entry.asset.id,
                                           engine::format_price(entry.asset.price)));
        }
        // SPEC: paid_in, pool_cost and distribution_price are not allowed on the currency.
        const std::pair<const toml::node*, std::string_view> not_on_currency[] = {
            {entry.paid_in_node, "paid_in"},
            {entry.distribution_price_node, "distribution_price"},
            {entry.pool_cost_node, "pool_cost"}};
        for (const auto& [node, key] : not_on_currency) {
            if (node != nullptr) {
                diagnostics_.error(loc_of(node->source()),
                                   fmt::format("assets.{}.{} is not allowed on the case "
                                               "currency",
                                               entry.asset.id, key));
            }
        }
        if (entry.estate_price_node != nullptr && entry.asset.estate_price != one) {
            diagnostics_.error(loc_of(entry.estate_price_node->source()),
                               fmt::format("assets.{}.estate_price is \"{}\"; the case "
                                           "currency's estate_price must be \"1\"",
                                           entry.asset.id,
                                           engine::format_price(entry.asset.estate_price)));
        }
    }
}

// The value of a date-time as written (toml++ keeps no text, so it is cut from the source:
// toml++ counts columns in code points).
std::string ConfigWalker::text_of_node(const toml::node& node) const {
    const toml::source_region& region = node.source();
    std::size_t at = 0;
    for (std::uint32_t line = 1; line < region.begin.line && at < text_.size(); ++line) {
        const std::size_t newline = text_.find('\n', at);
        at = newline == std::string_view::npos ? text_.size() : newline + 1;
    }
    const auto advance = [&](std::size_t from, std::uint32_t code_points) {
        while (code_points > 0 && from < text_.size()) {
            ++from;
            while (from < text_.size() &&
                   (static_cast<unsigned char>(text_[from]) & 0xC0) == 0x80) {
                ++from;
            }
            --code_points;
        }
        return from;
    };
    const std::size_t begin = advance(at, region.begin.column - 1);
    if (region.end.line != region.begin.line || region.end.column <= region.begin.column) {
        return "";
    }
    const std::size_t end = advance(begin, region.end.column - region.begin.column);
    return std::string(text_.substr(begin, end - begin));
}

constexpr std::array<UnfiledRule, 2> unfiled_values = {UnfiledRule::admit, UnfiledRule::ignore};
constexpr std::array<std::string_view, 2> unfiled_names = {"admit", "ignore"};
constexpr std::array<ExcessRule, 2> excess_values = {ExcessRule::dispute, ExcessRule::reject};
constexpr std::array<std::string_view, 2> excess_names = {"dispute", "reject"};
constexpr std::array<LateRule, 3> late_values = {LateRule::admit, LateRule::subordinate,
                                                 LateRule::bar};
constexpr std::array<std::string_view, 3> late_names = {"admit", "subordinate", "bar"};
constexpr std::array<InsidersRule, 2> insiders_values = {InsidersRule::admit,
                                                         InsidersRule::subordinate};
constexpr std::array<std::string_view, 2> insiders_names = {"admit", "subordinate"};
constexpr std::array<SetOffRule, 2> set_off_values = {SetOffRule::proportional, SetOffRule::none};
constexpr std::array<std::string_view, 2> set_off_names = {"proportional", "none"};
constexpr std::array<engine::Rounding, 2> rounding_values = {engine::Rounding::down,
                                                             engine::Rounding::half_even};
constexpr std::array<std::string_view, 2> rounding_names = {"down", "half-even"};
constexpr std::array<FundKind, 2> kind_values = {FundKind::reserve, FundKind::insurance};
constexpr std::array<std::string_view, 2> kind_names = {"reserve", "insurance"};
constexpr std::array<Leftover, 2> leftover_values = {Leftover::estate, Leftover::next};
constexpr std::array<std::string_view, 2> leftover_names = {"estate", "next"};

void ConfigWalker::read_rules(const toml::table& root) {
    TableReader parent(root, "", diagnostics_);
    const toml::table* table = sub_table(parent, "rules", false);
    if (table == nullptr) {
        return;
    }
    TableReader reader(*table, "rules", diagnostics_);
    reader.allow_only(rules_keys);
    Rules& rules = result_.config.rules;
    rules.unfiled = reader.choice<UnfiledRule>("unfiled", false, unfiled_values, unfiled_names)
                        .value_or(rules.unfiled);
    rules.excess = reader.choice<ExcessRule>("excess", false, excess_values, excess_names)
                       .value_or(rules.excess);
    rules.late = reader.choice<LateRule>("late", false, late_values, late_names)
                     .value_or(rules.late);
    rules.insiders =
        reader.choice<InsidersRule>("insiders", false, insiders_values, insiders_names)
            .value_or(rules.insiders);
    rules.set_off = reader.choice<SetOffRule>("set_off", false, set_off_values, set_off_names)
                        .value_or(rules.set_off);
    rules.valuation_rounding =
        reader.choice<engine::Rounding>("valuation_rounding", false, rounding_values,
                                        rounding_names)
            .value_or(rules.valuation_rounding);
    if (const toml::table* min_payout = sub_table(reader, "min_payout", false)) {
        read_min_payout(*min_payout);
    }
}

// SPEC [rules.min_payout]: per asset, in whole units of that asset.
void ConfigWalker::read_min_payout(const toml::table& table) {
    TableReader reader(table, "rules.min_payout", diagnostics_);
    CaseConfig& config = result_.config;
    for (auto&& [key, node] : table) {
        const std::string id(key.str());
        const std::uint32_t index = config.find_asset(id);
        const bool is_invalid = std::find(result_.invalid_asset_ids.begin(),
                                          result_.invalid_asset_ids.end(),
                                          id) != result_.invalid_asset_ids.end();
        if (index == no_index && !is_invalid) {
            diagnostics_.error(loc_of(key.source()),
                               fmt::format("rules.min_payout names the asset {}, which is not "
                                           "in [assets]",
                                           quoted(id)));
            continue;
        }
        std::optional<int> decimals;
        if (index != no_index) {
            decimals = config.assets[index].decimals;
        }
        const std::optional<Units> units = reader.amount(id, true, decimals, id);
        static_cast<void>(node);
        if (units && index != no_index) {
            config.assets[index].min_payout = *units;
        }
    }
}

void ConfigWalker::read_funds(const toml::table& root) {
    const toml::node* node = root.get("fund");
    if (node == nullptr) {
        return;
    }
    if (!node->is_array_of_tables()) {
        diagnostics_.error(loc_of(node->source()),
                           fmt::format("fund must be an array of tables ([[fund]]), not {}",
                                       toml_type_name(*node)));
        return;
    }
    std::size_t number = 0;
    for (const toml::node& element : *node->as_array()) {
        read_fund(*element.as_table(), ++number);
    }
}

void ConfigWalker::read_fund(const toml::table& table, std::size_t number) {
    TableReader reader(table, fmt::format("fund #{}", number), diagnostics_);
    reader.allow_only(fund_keys);
    Fund fund;
    fund.line = table.source().begin.line;
    if (const std::optional<std::string> id = reader.string("id", true)) {
        const toml::node& node = *table.get("id");
        fund.id = *id;
        const std::string_view prefix = reserved_prefix_of(*id);
        const auto first = std::find_if(result_.config.funds.begin(), result_.config.funds.end(),
                                        [&](const Fund& f) { return f.id == *id; });
        if (id->empty()) {
            reader.error(node, "fund id is empty; a value is required");
        } else if (!prefix.empty()) {
            reader.error(node, fmt::format("fund id {} begins with \"{}\", a prefix reserved "
                                           "for Kanzai",
                                           quoted(*id), prefix));
        } else if (first != result_.config.funds.end()) {
            reader.error(node, fmt::format("fund id {} is used twice; first by the [[fund]] on "
                                           "line {}",
                                           quoted(*id), first->line));
        }
    }
    fund.kind = reader.choice<FundKind>("kind", true, kind_values, kind_names)
                    .value_or(FundKind::reserve);
    fund.insurer = reader.string("insurer", false).value_or("");
    if (const std::optional<Value> amount = money(reader, "amount", true)) {
        fund.amount = *amount;
        count_currency(*table.get("amount"), *amount);
    }
    fund.tranche = reader.integer("tranche", false, 1, tranche_max, ">= 1").value_or(1);
    fund.floor = money(reader, "floor", false);
    fund.cap = money(reader, "cap", false);
    read_fund_assets(reader, fund);
    fund.leftover = reader.choice<Leftover>("leftover", false, leftover_values, leftover_names)
                        .value_or(Leftover::estate);
    result_.config.funds.push_back(std::move(fund));
}

// A fund's `assets`: every one must be in [assets]; missing means all, [] means none.
void ConfigWalker::read_fund_assets(TableReader& reader, Fund& fund) {
    const toml::node* node = reader.find("assets", false);
    if (node == nullptr) {
        return;
    }
    if (!node->is_array()) {
        reader.wrong_type("assets", *node, "an array of asset ids");
        return;
    }
    std::vector<std::uint32_t> indexes;
    for (const toml::node& element : *node->as_array()) {
        if (!element.is_string()) {
            reader.error(element, fmt::format("{}.assets must hold asset ids as strings, not {}",
                                              reader.path(), toml_type_name(element)));
            continue;
        }
        const std::string& id = element.as_string()->get();
        const std::uint32_t index = result_.config.find_asset(id);
        const bool is_invalid = std::find(result_.invalid_asset_ids.begin(),
                                          result_.invalid_asset_ids.end(),
                                          id) != result_.invalid_asset_ids.end();
        if (index == no_index) {
            if (!is_invalid) {
                reader.error(element, fmt::format("{}.assets names the asset {}, which is not "
                                                  "in [assets]",
                                                  reader.path(), quoted(id)));
            }
            continue;
        }
        if (std::find(indexes.begin(), indexes.end(), index) == indexes.end()) {
            indexes.push_back(index);
        }
    }
    std::sort(indexes.begin(), indexes.end());
    fund.asset_indexes = std::move(indexes);
}

void ConfigWalker::read_estate(const toml::table& root) {
    TableReader parent(root, "", diagnostics_);
    const toml::table* table = sub_table(parent, "estate", false);
    if (table == nullptr) {
        return;
    }
    TableReader reader(*table, "estate", diagnostics_);
    reader.allow_only(estate_keys);
    if (const std::optional<Value> cash = money(reader, "cash", false)) {
        result_.config.estate_cash = *cash;
        count_currency(*table->get("cash"), *cash);
    }
    result_.config.estate_tranche =
        reader.integer("tranche", false, 1, tranche_max, ">= 1").value_or(1);
}

// SPEC [convenience]: threshold (> 0, currency) and rate (> 0, at most 100) required.
void ConfigWalker::read_convenience(const toml::table& root) {
    TableReader parent(root, "", diagnostics_);
    const toml::table* table = sub_table(parent, "convenience", false);
    if (table == nullptr) {
        return;
    }
    TableReader reader(*table, "convenience", diagnostics_);
    reader.allow_only(convenience_keys);
    ConvenienceRule rule;
    rule.line = table->source().begin.line;
    bool is_valid = true;
    const std::optional<Value> threshold = money(reader, "threshold", true);
    if (threshold) {
        count_currency(*table->get("threshold"), *threshold);
        if (threshold->count == 0) {
            reader.error(*table->get("threshold"), "convenience.threshold must be > 0");
            is_valid = false;
        }
    }
    const std::optional<Price> rate = reader.price("rate", true);
    if (rate) {
        const toml::node& node = *table->get("rate");
        rule.rate_line = node.source().begin.line;
        rule.rate_column = node.source().begin.column;
        const Price hundred{100 * engine::pow10(engine::price_decimals)};
        if (rate->scaled == 0 || *rate > hundred) {
            reader.error(node, fmt::format("convenience.rate \"{}\" must be > 0 and at most "
                                           "100",
                                           engine::format_price(*rate)));
            is_valid = false;
        }
    }
    rule.tranche = reader.integer("tranche", false, 1, tranche_max, ">= 1").value_or(1);
    if (const toml::node* elective = reader.find("elective", false)) {
        if (elective->is_boolean()) {
            rule.elective = elective->as_boolean()->get();
        } else {
            reader.wrong_type("elective", *elective, "a boolean");
        }
    }
    if (threshold && rate && is_valid) {
        rule.threshold = *threshold;
        rule.rate = *rate;
        result_.config.convenience = rule;
    }
}

// SPEC [payouts] convert_to: the currency, or an asset with a distribution_price above 0.
void ConfigWalker::read_payouts(const toml::table& root) {
    TableReader parent(root, "", diagnostics_);
    const toml::table* table = sub_table(parent, "payouts", false);
    if (table == nullptr) {
        return;
    }
    TableReader reader(*table, "payouts", diagnostics_);
    reader.allow_only(payouts_keys);
    const std::optional<std::string> target = reader.string("convert_to", false);
    if (!target) {
        return;
    }
    const toml::node& node = *table->get("convert_to");
    const CaseConfig& config = result_.config;
    const std::uint32_t index = config.find_asset(*target);
    const bool is_invalid = std::find(result_.invalid_asset_ids.begin(),
                                      result_.invalid_asset_ids.end(),
                                      *target) != result_.invalid_asset_ids.end();
    if (index == no_index) {
        if (!is_invalid && result_.are_assets_checked) {
            reader.error(node, fmt::format("payouts.convert_to names the asset {}, which is not "
                                           "in [assets]",
                                           quoted(*target)));
        }
        return;
    }
    if (!is_convert_target(index)) {
        reader.error(node, fmt::format("payouts.convert_to {} is neither the currency nor an "
                                       "asset with a distribution_price above 0",
                                       quoted(*target)));
        return;
    }
    result_.config.convert_to = index;
}

// SPEC "Conventions": per file and asset, the sum of the absolute amounts must stay within
// 2^127 - 1 minor units; in case.toml the currency amounts are the funds' and the estate's.
void ConfigWalker::count_currency(const toml::node& node, Value value) {
    if (is_currency_total_reported_) {
        return;
    }
    currency_total_ += static_cast<engine::UInt128>(value.count);
    if (currency_total_ > static_cast<engine::UInt128>(engine::units_total_max)) {
        is_currency_total_reported_ = true;
        diagnostics_.error(loc_of(node.source()),
                           fmt::format("the sum of the fund amounts and the estate cash in "
                                       "case.toml passes 2^127-1 minor units of {} here",
                                       currency_id()));
    }
}

}  // namespace

CaseConfigLoad load_case_config(std::string_view text, Diagnostics& diagnostics) {
    if (text.starts_with("\xEF\xBB\xBF")) {
        text.remove_prefix(3);  // SPEC "Conventions": a leading BOM is ignored
    }
    toml::table root;
    try {
        root = toml::parse(text, toml_file);
    } catch (const toml::parse_error& error) {
        diagnostics.error(loc_of(error.source()),
                          fmt::format("TOML syntax error: {}; the rest of case.toml is not read",
                                      error.description()));
        return {};
    }
    ConfigWalker walker(text, diagnostics);
    return walker.walk(root);
}

}  // namespace kanzai::claims
