// The optional bank details of a case folder, read only by `kanzai export` for the
// Zengin (全銀協 総合振込) transfer file: `bank_accounts.csv` (one row per payee paid by
// bank transfer) and `bank_remitter.csv` (the one account the transfers are made from).
// Neither is a file of SPEC's case folder: `check` and `run` never read them, so they
// change no case's meaning (docs/export.md). Names are converted here to the half-width
// bytes the format carries.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// A bank account in the fields of a Zengin record. Codes are digits; names are JIS X 0201
// bytes (ASCII and half-width katakana 0xA1..0xDF), at most the field's width.
struct BankAccount {
    std::string bank_code;       // 4 digits
    std::string bank_name;       // <= 15 bytes
    std::string branch_code;     // 3 digits
    std::string branch_name;     // <= 15 bytes
    char account_type = '1';     // Zengin 預金種目: '1' ordinary, '2' current, '4' savings
    std::string account_number;  // 7 digits
};

struct PayeeBankAccount {
    std::string payee_id;  // a customer id or "creditor:<creditor_id>"
    BankAccount account;
    std::string holder_name;  // 受取人名, <= 30 bytes
    std::uint32_t line = 0;
};

struct BankRemitter {
    std::string requester_code;  // 振込依頼人コード, 10 digits
    std::string requester_name;  // 振込依頼人名, <= 40 bytes
    BankAccount account;
};

struct BankDetails {
    std::vector<PayeeBankAccount> accounts;  // sorted by payee_id
    std::optional<BankRemitter> remitter;
};

// Whether the case folder has bank details (bank_accounts.csv exists).
[[nodiscard]] bool has_bank_details(const std::string& case_folder);

// Reads both files; every problem is collected as `file:line:col: message` (a payee that
// `is_payee` rejects, a bad code or name, a payee twice, a missing remitter). Throws
// IoError when a file exists but cannot be read.
[[nodiscard]] BankDetails load_bank_details(
    const std::string& case_folder, Diagnostics& diagnostics,
    const std::function<bool(std::string_view)>& is_payee);

}  // namespace kanzai::claims
