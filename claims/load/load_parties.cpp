// customers.csv, creditors.csv and identities.csv (SPEC "CSV files"), and the look-ups of
// customers and assets shared by every loader.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "claims/load/load_files.hpp"

namespace kanzai::claims {

void report_twice(RowChecker& row, std::size_t column, std::string_view what,
                  std::string_view id, std::uint32_t first_line) {
    row.error(column,
              fmt::format("{} {} appears twice; first on line {}", what, quoted(id), first_line));
}

std::size_t rows_count_max(std::string_view text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

bool UniqueIds::insert(std::string_view id, RowChecker& row, std::size_t column,
                       std::string_view what) {
    const auto next = static_cast<std::uint32_t>(ids_.size());
    ids_.push_back(id);
    lines_.push_back(row.line());
    const std::uint32_t first = index_.insert(
        id, next, [this](std::uint32_t index) { return ids_[index]; });
    if (first == IdIndex::none) {
        return true;
    }
    ids_.pop_back();
    lines_.pop_back();
    report_twice(row, column, what, id, lines_[first]);
    return false;
}

std::uint32_t find_customer_cell(RowChecker& row, std::size_t column, LoadContext& context,
                                 bool is_required_known) {
    const std::string_view id = row.identifier(column);
    if (id.empty()) {
        return no_index;
    }
    const std::vector<Customer>& customers = context.loaded.customers;
    const std::uint32_t last = context.last_customer_index;
    if (last != no_index && id == context.last_customer_id) {
        return last;
    }
    // Files exported customer by customer list them in customers.csv's order: the next
    // customer is the likely one, found without hashing. Ids in `customers` are
    // unique (load_customers drops a repeated one), so a match is the one find_customer
    // would return.
    const std::uint32_t index =
        last != no_index && last + 1 < customers.size() && customers[last + 1].id == id
            ? last + 1
            : context.loaded.find_customer(id);
    if (index != no_index) {
        context.last_customer_id = context.loaded.customers[index].id;
        context.last_customer_index = index;
    }
    if (index == no_index && is_required_known && context.are_customers_checked) {
        row.error(column, fmt::format("customer_id {} is not in customers.csv", quoted(id)));
    }
    return index;
}

AssetLookup find_asset_cell(RowChecker& row, std::size_t column, LoadContext& context,
                            bool is_required_known) {
    const std::string_view id = row.identifier(column);
    AssetLookup asset = context.assets.find(id);
    if (id.empty()) {
        asset.state = AssetLookup::State::unchecked;
    } else if (asset.state == AssetLookup::State::unknown && is_required_known) {
        row.error(column, fmt::format("asset {} is not in case.toml [assets]", quoted(id)));
    }
    return asset;
}

namespace {

enum CustomerColumn : std::size_t { c_customer_id, c_name, c_kind, c_kyc, c_sanctioned, c_country };
constexpr std::array<CsvColumn, 6> customer_columns = {{{"customer_id", true},
                                                        {"name", false},
                                                        {"kind", false},
                                                        {"kyc", false},
                                                        {"sanctioned", false},
                                                        {"country", false}}};
constexpr std::array<CustomerKind, 5> kinds = {CustomerKind::retail, CustomerKind::corporate,
                                               CustomerKind::insider, CustomerKind::affiliate,
                                               CustomerKind::assignee};
constexpr std::array<Kyc, 3> kycs = {Kyc::verified, Kyc::pending, Kyc::failed};

enum CreditorColumn : std::size_t { r_creditor_id, r_class, r_amount, r_description };
constexpr std::array<CsvColumn, 4> creditor_columns = {
    {{"creditor_id", true}, {"class", true}, {"amount", true}, {"description", false}}};
constexpr std::array<CreditorClass, 4> creditor_classes = {
    CreditorClass::admin, CreditorClass::priority, CreditorClass::general,
    CreditorClass::subordinated};

enum IdentityColumn : std::size_t { i_customer_id, i_key_type, i_key };
constexpr std::array<CsvColumn, 3> identity_columns = {
    {{"customer_id", true}, {"key_type", true}, {"key", true}}};

}  // namespace

CsvReadResult load_customers(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "customers.csv";
    Case& loaded = context.loaded;
    const std::size_t rows_max = rows_count_max(text);
    loaded.customers.reserve(rows_max);
    loaded.customer_index_by_id.reserve(rows_max);
    const CsvReadResult result = read_csv(
        file, text, customer_columns, context.diagnostics, [&](const CsvRecord& record) {
            RowChecker row(file, customer_columns, record, context.diagnostics);
            Customer customer;
            customer.id = std::string(row.identifier(c_customer_id));
            customer.name = std::string(row.cell(c_name));
            customer.kind = row.choice<CustomerKind>(c_kind, kinds, CustomerKind::retail);
            customer.kyc = row.choice<Kyc>(c_kyc, kycs, Kyc::pending);
            customer.sanctioned = row.flag(c_sanctioned, false);
            customer.country = std::string(row.cell(c_country));
            customer.line = row.line();
            // A customer with a bad cell is still registered, so that the files naming it
            // do not report it unknown on top of the real error.
            if (customer.id.empty()) {
                return;
            }
            const auto index = static_cast<std::uint32_t>(loaded.customers.size());
            loaded.customers.push_back(std::move(customer));
            const std::uint32_t first = loaded.index_customer(index);
            if (first != no_index) {
                loaded.customers.pop_back();
                report_twice(row, c_customer_id, "customer_id", row.cell(c_customer_id),
                             loaded.customers[first].line);
            }
        });
    context.are_customers_checked = result.is_complete;
    return result;
}

CsvReadResult load_creditors(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "creditors.csv";
    FileTotals& totals = context.totals_of(file);
    const AssetLookup currency = context.assets.currency();
    UniqueIds ids(rows_count_max(text));
    const CsvReadResult result = read_csv(
        file, text, creditor_columns, context.diagnostics, [&](const CsvRecord& record) {
            RowChecker row(file, creditor_columns, record, context.diagnostics);
            Creditor creditor;
            creditor.id = std::string(row.identifier(r_creditor_id));
            creditor.creditor_class = row.choice<CreditorClass>(r_class, creditor_classes,
                                                                CreditorClass::general);
            const Units units = row.amount(r_amount, currency, Sign::non_negative);
            row.count(totals, currency, units, r_amount);
            creditor.amount = Value{units.count};
            creditor.description = std::string(row.cell(r_description));
            creditor.line = row.line();
            if (creditor.id.empty() ||
                !ids.insert(row.cell(r_creditor_id), row, r_creditor_id, "creditor_id")) {
                return;
            }
            context.creditor_line_by_id.emplace(creditor.id, creditor.line);
            context.loaded.creditors.push_back(std::move(creditor));
        });
    context.are_creditors_checked = result.is_complete;
    return result;
}

CsvReadResult load_identities(std::string& text, LoadContext& context) {
    constexpr std::string_view file = "identities.csv";
    context.loaded.identities.reserve(rows_count_max(text));
    return read_csv(
        file, text, identity_columns, context.diagnostics, [&](const CsvRecord& record) {
            RowChecker row(file, identity_columns, record, context.diagnostics);
            Identity identity;
            identity.customer_index = find_customer_cell(row, i_customer_id, context, true);
            identity.key_type = std::string(row.required(i_key_type));
            identity.key = std::string(row.required(i_key));
            identity.line = row.line();
            if (row.ok()) {
                context.loaded.identities.push_back(std::move(identity));
            }
        });
}

}  // namespace kanzai::claims
