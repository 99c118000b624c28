// Loading a case folder: reads every file of SPEC "The case folder" in dependency order,
// hashes it, and collects every input error. Also bounds the values the engine will form,
// so that a valid case can never overflow inside engine/ (STYLE.md §3).
#include "claims/load_case.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "claims/case_config.hpp"
#include "claims/io_error.hpp"
#include "claims/load_files.hpp"
#include "claims/sha256.hpp"
#include "claims/utf8.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {
namespace {

namespace fs = std::filesystem;

using FileLoader = CsvReadResult (*)(std::string&, LoadContext&);

struct CsvFileSpec {
    std::string_view name;
    bool is_required = false;
    FileLoader load = nullptr;
};

// SPEC "The case folder", in the order they must be read: customers and creditors before
// the files that name them.
constexpr std::array<CsvFileSpec, 9> csv_files = {{
    {"customers.csv", true, load_customers},
    {"creditors.csv", false, load_creditors},
    {"ledger.csv", true, load_ledger},
    {"claims.csv", true, load_claims},
    {"holdings.csv", true, load_holdings},
    {"identities.csv", false, load_identities},
    {"transfers.csv", false, load_transfers},
    {"determinations.csv", false, load_determinations},
    {"payments.csv", false, load_payments},
}};

// The column names of a CSV file's header row, as written, for Case::column_of (which
// determination uses to place its errors). Header names are plain identifiers, so the first
// line split at commas is enough; a quoted name loses its quotes.
std::vector<std::string> header_names(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    text = text.substr(0, text.find('\n'));
    if (!text.empty() && text.back() == '\r') {
        text.remove_suffix(1);
    }
    std::vector<std::string> names;
    while (true) {
        const std::size_t comma = text.find(',');
        std::string_view name = text.substr(0, comma);
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
            name = name.substr(1, name.size() - 2);
        }
        names.emplace_back(name);
        if (comma == std::string_view::npos) {
            return names;
        }
        text.remove_prefix(comma + 1);
    }
}

// The bytes of a file; nullopt when it does not exist. Any other failure is an I/O error.
std::optional<std::string> read_bytes(const fs::path& path) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (!fs::exists(status)) {
        return std::nullopt;
    }
    if (!fs::is_regular_file(status)) {
        throw IoError(fmt::format("{}: not a regular file", path.string()));
    }
    const std::unique_ptr<std::FILE, decltype(&std::fclose)> file(
        std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) {
        throw IoError(fmt::format("{}: cannot open for reading", path.string()));
    }
    std::string bytes;
    char buffer[1 << 16];
    for (;;) {
        const std::size_t read = std::fread(buffer, 1, sizeof buffer, file.get());
        bytes.append(buffer, read);
        if (read < sizeof buffer) {
            break;
        }
    }
    if (std::ferror(file.get()) != 0) {
        throw IoError(fmt::format("{}: read error", path.string()));
    }
    return bytes;
}

// Reads one file of the folder, records its hash; reports a missing required file.
std::optional<std::string> read_input(const fs::path& folder, std::string_view name,
                                      bool is_required, Case& loaded, Diagnostics& diagnostics) {
    std::optional<std::string> bytes = read_bytes(folder / name);
    if (!bytes) {
        if (is_required) {
            diagnostics.error({.file = std::string(name), .line = 1, .column = 0},
                              "the required file is missing from the case folder");
        }
        return std::nullopt;
    }
    loaded.inputs.push_back({.name = std::string(name), .sha256 = sha256_hex(*bytes)});
    // SPEC "Conventions": all text files are UTF-8. A file that is not is not read further
    // (as after a CSV syntax error); toml++ checks case.toml itself.
    if (name.ends_with(".csv")) {
        if (const std::optional<std::size_t> bad = first_invalid_utf8(*bytes)) {
            const std::string_view before = std::string_view(*bytes).substr(0, *bad);
            const auto line = static_cast<std::uint32_t>(
                1 + std::count(before.begin(), before.end(), '\n'));
            const std::size_t line_start = before.rfind('\n');
            const std::size_t byte_in_line =
                *bad - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
            diagnostics.error({.file = std::string(name), .line = line, .column = 0},
                              fmt::format("byte {} of the line (0x{:02X}) is not valid UTF-8; "
                                          "the file is not read further",
                                          byte_in_line,
                                          static_cast<unsigned char>((*bytes)[*bad])));
            return std::nullopt;
        }
    }
    return bytes;
}

// True when `total` units of the asset are worth more than 2^127 - 1 currency minor units
// at `price` (SPEC "Valuing", with the case's rounding), valued exactly as the engine will.
bool is_value_too_large(engine::UInt128 total, const engine::Valuation& valuation) {
    return !engine::try_value_of(Units{static_cast<Int128>(total)}, valuation).has_value();
}

// The engine values per-file totals of an asset (pools, shortfalls, estate) at price and
// estate_price: each must fit, or the asset's entry in case.toml is reported.
void check_value_bounds(const CaseConfig& config, const std::vector<FileTotals>& totals,
                        Diagnostics& diagnostics) {
    for (std::uint32_t asset = 0; asset < config.assets.size(); ++asset) {
        for (const FileTotals& file : totals) {
            const engine::UInt128 total = file.units_by_asset[asset];
            if (file.overflowed_by_asset[asset] || total == 0) {
                continue;
            }
            const bool at_price = is_value_too_large(total, config.valuation(asset));
            const bool at_estate_price =
                is_value_too_large(total, config.estate_valuation(asset));
            if (!at_price && !at_estate_price) {
                continue;
            }
            const Asset& a = config.assets[asset];
            diagnostics.error(
                {.file = "case.toml", .line = a.line, .column = 0},
                fmt::format("asset {}: the absolute amounts in {} total {} {}, worth more than "
                            "2^127-1 minor units of {} at its {} \"{}\"",
                            a.id, file.file,
                            engine::format_units(static_cast<Int128>(total), a.decimals), a.id,
                            config.currency().id, at_price ? "price" : "estate_price",
                            engine::format_price(at_price ? a.price : a.estate_price)));
            break;  // one message per asset
        }
    }
}

}  // namespace

Case load_case(const std::string& folder, Diagnostics& diagnostics) {
    Case loaded;
    loaded.folder = folder;
    std::error_code error;
    if (!fs::is_directory(folder, error)) {
        diagnostics.error({.file = folder, .line = 1, .column = 0},
                          fs::exists(folder, error) ? "the case folder is not a folder"
                                                    : "the case folder does not exist");
        return loaded;
    }
    const fs::path path(folder);
    CaseConfigLoad config_load;
    bool is_config_valid = false;
    if (const std::optional<std::string> text =
            read_input(path, "case.toml", true, loaded, diagnostics)) {
        const std::size_t errors_before = diagnostics.size();
        config_load = load_case_config(*text, diagnostics);
        is_config_valid = diagnostics.size() == errors_before;
    }
    loaded.config = std::move(config_load.config);
    LoadContext context{.diagnostics = diagnostics,
                        .assets = {.config = &loaded.config,
                                   .is_checked = config_load.are_assets_checked,
                                   .invalid_ids = std::move(config_load.invalid_asset_ids)},
                        .loaded = loaded,
                        .are_customers_checked = false,
                        .are_creditors_checked = false,
                        .creditor_line_by_id = {},
                        .totals = {},
                        .last_customer_id = {},
                        .last_customer_index = no_index};
    for (const CsvFileSpec& spec : csv_files) {
        std::optional<std::string> text =
            read_input(path, spec.name, spec.is_required, loaded, diagnostics);
        if (text) {
            loaded.csv_headers.emplace(std::string(spec.name), header_names(*text));
            spec.load(*text, context);
        } else if (spec.name == "creditors.csv" && !fs::exists(path / spec.name)) {
            context.are_creditors_checked = true;  // no file: there are no creditors
        }
    }
    if (is_config_valid) {
        check_value_bounds(loaded.config, context.totals, diagnostics);
    }
    std::sort(loaded.inputs.begin(), loaded.inputs.end(),
              [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
    return loaded;
}

}  // namespace kanzai::claims
