// Reading bank_accounts.csv and bank_remitter.csv (see bank_accounts.hpp). The limits are
// the widths of the Zengin fields they fill, so a file that loads always fits the format.
#include "claims/load/bank_accounts.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include <fmt/format.h>

#include "claims/io_error.hpp"
#include "claims/load/csv_reader.hpp"
#include "claims/load/load_support.hpp"

namespace kanzai::claims {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view accounts_file = "bank_accounts.csv";
constexpr std::string_view remitter_file = "bank_remitter.csv";

std::optional<std::string> read_text(const fs::path& path) {
    std::error_code error;
    if (!fs::exists(path, error)) {
        return std::nullopt;
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw IoError(fmt::format("cannot read {}", path.string()));
    }
    std::string text{std::istreambuf_iterator<char>(file), {}};
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
        text.erase(0, 3);  // SPEC "Conventions": a leading BOM is ignored
    }
    return text;
}

bool is_digits(std::string_view text, std::size_t size) {
    return text.size() == size &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string digits(RowChecker& row, std::size_t column, std::string_view name,
                   std::size_t size) {
    const std::string_view text = row.required(column);
    if (!text.empty() && !is_digits(text, size)) {
        row.error(column, fmt::format("{} {} must be exactly {} digits", name, claims::quoted(text),
                                      size));
    }
    return std::string(text);
}

std::optional<std::string> zengin_bytes(std::string_view text);

std::string name_bytes(RowChecker& row, std::size_t column, std::string_view name,
                       std::size_t width) {
    const std::string_view text = row.required(column);
    if (text.empty()) {
        return "";
    }
    const std::optional<std::string> bytes = zengin_bytes(text);
    if (!bytes) {
        row.error(column, fmt::format("{} {} has a character the Zengin format cannot carry; "
                                      "expected half-width katakana, A-Z, 0-9, space or "
                                      "( ) - . / ,",
                                      name, claims::quoted(text)));
        return "";
    }
    if (bytes->size() > width) {
        row.error(column, fmt::format("{} {} has {} characters; the Zengin field holds {}",
                                      name, claims::quoted(text), bytes->size(), width));
    }
    return *bytes;
}

char account_type(RowChecker& row, std::size_t column) {
    const std::string_view text = row.required(column);
    if (text == "ordinary" || text == "current" || text == "savings") {
        return text == "ordinary" ? '1' : text == "current" ? '2' : '4';
    }
    if (!text.empty()) {
        row.error(column, fmt::format("account_type {} is not ordinary, current or savings",
                                      claims::quoted(text)));
    }
    return '1';
}

// The account columns, in the order both files list them after their own first columns.
BankAccount read_account(RowChecker& row, std::size_t first) {
    BankAccount account;
    account.bank_code = digits(row, first, "bank_code", 4);
    account.bank_name = name_bytes(row, first + 1, "bank_name", 15);
    account.branch_code = digits(row, first + 2, "branch_code", 3);
    account.branch_name = name_bytes(row, first + 3, "branch_name", 15);
    account.account_type = account_type(row, first + 4);
    account.account_number = digits(row, first + 5, "account_number", 7);
    return account;
}

constexpr std::array<CsvColumn, 8> account_columns{{
    {"payee_id", true}, {"bank_code", true}, {"bank_name", true}, {"branch_code", true},
    {"branch_name", true}, {"account_type", true}, {"account_number", true},
    {"account_holder", true},
}};

constexpr std::array<CsvColumn, 8> remitter_columns{{
    {"requester_code", true}, {"requester_name", true}, {"bank_code", true},
    {"bank_name", true}, {"branch_code", true}, {"branch_name", true}, {"account_type", true},
    {"account_number", true},
}};

void load_accounts(std::string& text, Diagnostics& diagnostics,
                   const std::function<bool(std::string_view)>& is_payee, BankDetails& details) {
    std::map<std::string, std::uint32_t, std::less<>> line_of_payee;
    (void)read_csv(accounts_file, text, account_columns, diagnostics, [&](const CsvRecord& r) {
        RowChecker row(accounts_file, account_columns, r, diagnostics);
        PayeeBankAccount entry;
        entry.payee_id = std::string(row.required(0));
        entry.line = row.line();
        if (!entry.payee_id.empty() && !is_payee(entry.payee_id)) {
            row.error(0, fmt::format("payee_id {} is not a customer of customers.csv or a "
                                     "creditor:<creditor_id> of creditors.csv",
                                     claims::quoted(entry.payee_id)));
        }
        const auto [first, is_new] = line_of_payee.emplace(entry.payee_id, entry.line);
        if (!is_new && !entry.payee_id.empty()) {
            row.error(0, fmt::format("payee_id {} appears twice; first on line {}",
                                     claims::quoted(entry.payee_id), first->second));
        }
        entry.account = read_account(row, 1);
        entry.holder_name = name_bytes(row, 7, "account_holder", 30);
        details.accounts.push_back(std::move(entry));
    });
    std::sort(details.accounts.begin(), details.accounts.end(),
              [](const PayeeBankAccount& a, const PayeeBankAccount& b) {
                  return a.payee_id < b.payee_id;
              });
}

void load_remitter(std::string& text, Diagnostics& diagnostics, BankDetails& details) {
    std::uint32_t rows_count = 0;
    const CsvReadResult result =
        read_csv(remitter_file, text, remitter_columns, diagnostics, [&](const CsvRecord& r) {
            RowChecker row(remitter_file, remitter_columns, r, diagnostics);
            if (++rows_count > 1) {
                row.error(0, "bank_remitter.csv has one row, the account transfers are made "
                             "from; this is a second");
                return;
            }
            BankRemitter remitter;
            remitter.requester_code = digits(row, 0, "requester_code", 10);
            remitter.requester_name = name_bytes(row, 1, "requester_name", 40);
            remitter.account = read_account(row, 2);
            details.remitter = std::move(remitter);
        });
    if (result.has_header && rows_count == 0) {
        diagnostics.error({std::string(remitter_file), 1, 0},
                          "bank_remitter.csv has no row; expected the account transfers are "
                          "made from");
    }
}

}  // namespace

bool has_bank_details(const std::string& case_folder) {
    std::error_code error;
    return fs::exists(fs::path(case_folder) / accounts_file, error);
}

BankDetails load_bank_details(const std::string& case_folder, Diagnostics& diagnostics,
                              const std::function<bool(std::string_view)>& is_payee) {
    BankDetails details;
    std::optional<std::string> accounts = read_text(fs::path(case_folder) / accounts_file);
    if (!accounts) {
        return details;
    }
    load_accounts(*accounts, diagnostics, is_payee, details);
    std::optional<std::string> remitter = read_text(fs::path(case_folder) / remitter_file);
    if (!remitter) {
        diagnostics.error({std::string(remitter_file), 1, 0},
                          "bank_remitter.csv is missing; bank_accounts.csv needs the account "
                          "the transfers are made from");
        return details;
    }
    load_remitter(*remitter, diagnostics, details);
    return details;
}

namespace {

// UTF-8 text as JIS X 0201 bytes: digits, A-Z, space, ( ) - . / , and the half-width
// katakana U+FF61..U+FF9F (0xA1..0xDF). nullopt when another character appears.
std::optional<std::string> zengin_bytes(std::string_view text) {
    std::string bytes;
    for (std::size_t at = 0; at < text.size();) {
        const auto c = static_cast<unsigned char>(text[at]);
        const bool is_ascii = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == ' ' ||
                              c == '(' || c == ')' || c == '-' || c == '.' || c == '/' ||
                              c == ',';
        if (is_ascii) {
            bytes += static_cast<char>(c);
            ++at;
            continue;
        }
        // U+FF61..U+FF9F is EF BD A1..EF BD BF and EF BE 80..EF BE 9F in UTF-8.
        if (c != 0xEF || at + 2 >= text.size()) {
            return std::nullopt;
        }
        const auto second = static_cast<unsigned char>(text[at + 1]);
        const auto third = static_cast<unsigned char>(text[at + 2]);
        if (second == 0xBD && third >= 0xA1 && third <= 0xBF) {
            bytes += static_cast<char>(third);  // 0xA1..0xBF
        } else if (second == 0xBE && third >= 0x80 && third <= 0x9F) {
            bytes += static_cast<char>(third + 0x40);  // 0xC0..0xDF
        } else {
            return std::nullopt;
        }
        at += 3;
    }
    return bytes;
}

}  // namespace

}  // namespace kanzai::claims
