// Loading a case folder: reads every file of SPEC "The case folder" in dependency order,
// hashes it, and collects every input error. Also bounds the values the engine will form,
// so that a valid case can never overflow inside engine/ (STYLE.md §3).
#include "claims/load/load_case.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <memory>

#include <fmt/format.h>

#include "claims/load/case_config.hpp"
#include "claims/io_error.hpp"
#include "claims/load/load_files.hpp"
#include "claims/load/sha256.hpp"
#include "claims/load/utf8.hpp"
#include "engine/decimal.hpp"

namespace kanzai::claims {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view proof_key_file = "proof.key";
constexpr std::size_t proof_key_size_min = 32;  // SPEC "The case folder"

using FileLoader = CsvReadResult (*)(std::string&, LoadContext&);

struct CsvFileSpec {
    std::string_view name;
    bool is_required = false;
    FileLoader load = nullptr;
};

// SPEC "The case folder", in the order they must be read: customers and creditors before
// the files that name them.
constexpr std::array<CsvFileSpec, 10> csv_files = {{
    {"customers.csv", true, load_customers},
    {"creditors.csv", false, load_creditors},
    {"ledger.csv", true, load_ledger},
    {"claims.csv", true, load_claims},
    {"holdings.csv", true, load_holdings},
    {"identities.csv", false, load_identities},
    {"transfers.csv", false, load_transfers},
    {"determinations.csv", false, load_determinations},
    {"payments.csv", false, load_payments},
    {"elections.csv", false, load_elections},
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

// What stands at an input file's name when it is not a readable regular file.
struct ReadBytes {
    std::optional<std::string> bytes;  // nullopt: no such file, or `problem`
    std::string problem;               // non-empty: not a file (a user's error, exit 2)
};

std::string describe_non_file(mode_t mode) {
    if (S_ISDIR(mode)) {
        return "is a folder, not a file";
    }
    if (S_ISFIFO(mode)) {
        return "is a named pipe (FIFO), not a regular file; it was not read";
    }
    if (S_ISSOCK(mode)) {
        return "is a socket, not a regular file";
    }
    if (S_ISCHR(mode) || S_ISBLK(mode)) {
        return "is a device, not a regular file";
    }
    return "is not a regular file";
}

// The bytes of a file. A name that is no regular file (a folder, a FIFO, a device, a
// symbolic link loop or one to nothing) is the user's input error, reported in `problem`;
// the file is opened O_NONBLOCK and checked with fstat before any read, so a FIFO never
// blocks. Any other failure (permission denied, a read error) is an I/O error.
// Sized once from fstat, so that the bytes are touched once (a string grown 64 KiB at a time
// copied a large file about twice); a file that grows meanwhile is read to its end.
ReadBytes read_bytes(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        struct stat link {};
        if (error == ELOOP) {
            return {.bytes = std::nullopt, .problem = "is a symbolic link loop, not a file"};
        }
        if (error == ENOENT && ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
            return {.bytes = std::nullopt,
                    .problem = "is a symbolic link to nothing (its target does not exist)"};
        }
        if (error == ENOENT) {
            return {};
        }
        throw IoError(fmt::format("{}: cannot open for reading: {}", path.string(),
                                  std::strerror(error)));
    }
    const std::unique_ptr<std::FILE, decltype(&std::fclose)> file(::fdopen(fd, "rb"),
                                                                   &std::fclose);
    if (!file) {
        ::close(fd);
        throw IoError(fmt::format("{}: cannot open for reading", path.string()));
    }
    struct stat status {};
    if (::fstat(fd, &status) != 0) {
        throw IoError(fmt::format("{}: cannot stat: {}", path.string(), std::strerror(errno)));
    }
    if (!S_ISREG(status.st_mode)) {
        return {.bytes = std::nullopt, .problem = describe_non_file(status.st_mode)};
    }
    // A regular file never blocks; reads go back to blocking mode for plain stdio.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    std::string bytes(static_cast<std::size_t>(status.st_size), '\0');
    bytes.resize(std::fread(bytes.data(), 1, bytes.size(), file.get()));
    char buffer[1 << 16];
    while (std::ferror(file.get()) == 0) {
        const std::size_t read = std::fread(buffer, 1, sizeof buffer, file.get());
        if (read == 0) {
            break;
        }
        bytes.append(buffer, read);
    }
    if (std::ferror(file.get()) != 0) {
        throw IoError(fmt::format("{}: read error", path.string()));
    }
    return {.bytes = std::move(bytes), .problem = {}};
}

// One input file read, hashed and (for .csv) checked for UTF-8: the work that needs no other
// file, done on a second thread while the file before it is parsed.
struct ReadFile {
    std::string name;
    std::optional<std::string> bytes;     // nullopt: no such file (or `problem`)
    std::string problem;                  // not a regular file: an input error at line 1
    std::string sha256;
    std::optional<std::size_t> bad_byte;  // the first byte that is not UTF-8
};

ReadFile read_file(const fs::path& folder, std::string_view name) {
    ReadBytes read = read_bytes(folder / name);
    ReadFile file{.name = std::string(name), .bytes = std::move(read.bytes),
                  .problem = std::move(read.problem), .sha256 = {}, .bad_byte = std::nullopt};
    if (file.bytes) {
        file.sha256 = sha256_hex(*file.bytes);
        if (name.ends_with(".csv")) {
            file.bad_byte = first_invalid_utf8(*file.bytes);
        }
    }
    return file;
}

// Takes a file read by read_file: records its hash, reports a missing required file.
std::optional<std::string> accept_input(ReadFile file, bool is_required, Case& loaded,
                                        Diagnostics& diagnostics) {
    if (!file.problem.empty()) {
        diagnostics.error({.file = file.name, .line = 1, .column = 0},
                          fmt::format("{} {}", file.name, file.problem));
        return std::nullopt;
    }
    if (!file.bytes) {
        if (is_required) {
            diagnostics.error({.file = file.name, .line = 1, .column = 0},
                              "the required file is missing from the case folder");
        }
        return std::nullopt;
    }
    loaded.inputs.push_back({.name = file.name, .sha256 = std::move(file.sha256)});
    // SPEC "Conventions": all text files are UTF-8. A file that is not is not read further
    // (as after a CSV syntax error); toml++ checks case.toml itself.
    if (const std::optional<std::size_t> bad = file.bad_byte) {
        const std::string_view before = std::string_view(*file.bytes).substr(0, *bad);
        const auto line =
            static_cast<std::uint32_t>(1 + std::count(before.begin(), before.end(), '\n'));
        const std::size_t line_start = before.rfind('\n');
        const std::size_t byte_in_line =
            *bad - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
        diagnostics.error({.file = file.name, .line = line, .column = 0},
                          fmt::format("byte {} of the line (0x{:02X}) is not valid UTF-8; "
                                      "the file is not read further",
                                      byte_in_line,
                                      static_cast<unsigned char>((*file.bytes)[*bad])));
        return std::nullopt;
    }
    return std::move(file.bytes);
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

// proof.key is read as raw bytes, nothing stripped: a key written with a trailing line feed
// keeps it, so that the same file always gives the same salts.
std::optional<std::string> load_proof_key(const std::string& folder, Diagnostics& diagnostics) {
    ReadBytes read = read_bytes(fs::path(folder) / proof_key_file);
    if (!read.problem.empty()) {
        diagnostics.error({.file = std::string(proof_key_file), .line = 1, .column = 0},
                          fmt::format("{} {}", proof_key_file, read.problem));
        return std::nullopt;
    }
    std::optional<std::string> key = std::move(read.bytes);
    if (key && key->size() < proof_key_size_min) {
        diagnostics.error({.file = std::string(proof_key_file), .line = 1, .column = 0},
                          fmt::format("the key has {} bytes; at least {} are required",
                                      key->size(), proof_key_size_min));
        return std::nullopt;
    }
    return key;
}

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
            accept_input(read_file(path, "case.toml"), true, loaded, diagnostics)) {
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
    // Each file is read while the one before it is parsed; if parsing throws, the future's
    // destructor waits for the read in flight.
    std::future<ReadFile> next =
        std::async(std::launch::async, read_file, path, csv_files.front().name);
    for (std::size_t at = 0; at < csv_files.size(); ++at) {
        const CsvFileSpec& spec = csv_files[at];
        ReadFile file = next.get();
        const bool is_absent = !file.bytes && file.problem.empty();
        if (at + 1 < csv_files.size()) {
            next = std::async(std::launch::async, read_file, path, csv_files[at + 1].name);
        }
        std::optional<std::string> text =
            accept_input(std::move(file), spec.is_required, loaded, diagnostics);
        if (text) {
            loaded.csv_headers.emplace(std::string(spec.name), header_names(*text));
            spec.load(*text, context);
        } else if (spec.name == "creditors.csv" && is_absent) {
            context.are_creditors_checked = true;  // no file: there are no creditors
        }
    }
    loaded.proof_key = load_proof_key(folder, diagnostics);
    if (is_config_valid) {
        check_value_bounds(loaded.config, context.totals, diagnostics);
    }
    std::sort(loaded.inputs.begin(), loaded.inputs.end(),
              [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
    return loaded;
}

}  // namespace kanzai::claims
