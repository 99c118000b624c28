// Zengin records (see zengin.hpp). Every field is padded to its width: numbers with zeros
// on the left, text with spaces on the right; the loader has already checked the widths.
#include "tools/export/zengin.hpp"

#include <algorithm>

#include "engine/assert.hpp"

namespace kanzai::tools {
namespace {

constexpr std::size_t record_bytes = 120;
constexpr std::size_t amount_digits_max = 10;

std::string text_field(const std::string& text, std::size_t width) {
    KANZAI_ASSERT(text.size() <= width);
    return text + std::string(width - text.size(), ' ');
}

std::string number_field(const std::string& digits, std::size_t width) {
    KANZAI_ASSERT(digits.size() <= width);
    return std::string(width - digits.size(), '0') + digits;
}

void end_record(std::string& out, const std::string& record) {
    KANZAI_ASSERT(record.size() == record_bytes);
    out += record;
    out += "\r\n";
}

std::string header_record(const claims::BankRemitter& remitter, const std::string& date) {
    const claims::BankAccount& a = remitter.account;
    std::string r = "1";
    r += "21";  // 種別コード: 総合振込
    r += "0";   // コード区分: JIS
    r += number_field(remitter.requester_code, 10);
    r += text_field(remitter.requester_name, 40);
    r += date.substr(5, 2) + date.substr(8, 2);  // 取組日 MMDD
    r += number_field(a.bank_code, 4) + text_field(a.bank_name, 15);
    r += number_field(a.branch_code, 3) + text_field(a.branch_name, 15);
    r += a.account_type;
    r += number_field(a.account_number, 7);
    return r + std::string(17, ' ');
}

std::string data_record(const claims::PayeeBankAccount& payee, const ExportRow& row) {
    const claims::BankAccount& a = payee.account;
    std::string r = "2";
    r += number_field(a.bank_code, 4) + text_field(a.bank_name, 15);
    r += number_field(a.branch_code, 3) + text_field(a.branch_name, 15);
    r += std::string(4, ' ');  // 手形交換所番号: unused
    r += a.account_type;
    r += number_field(a.account_number, 7);
    r += text_field(payee.holder_name, 30);
    r += number_field(row.amount, 10);
    r += "0";                             // 新規コード
    r += text_field(row.reference, 20);   // EDI情報 (顧客コード1 and 2)
    r += "7";                             // 振込指定区分: 電信
    r += "Y";                             // 識別表示: the 20 bytes before are EDI
    return r + std::string(7, ' ');
}

const claims::PayeeBankAccount* account_of(const claims::BankDetails& details,
                                           const std::string& payee_id) {
    const auto found = std::lower_bound(
        details.accounts.begin(), details.accounts.end(), payee_id,
        [](const claims::PayeeBankAccount& a, const std::string& id) { return a.payee_id < id; });
    return found != details.accounts.end() && found->payee_id == payee_id ? &*found : nullptr;
}

}  // namespace

ZenginFile render_zengin(const std::vector<ExportRow>& rows, const claims::BankDetails& details,
                         const std::string& transfer_date) {
    KANZAI_ASSERT(details.remitter.has_value());
    KANZAI_ASSERT(transfer_date.size() == 10);
    ZenginFile file;
    std::string data;
    unsigned long long total_yen = 0;  // at most 999,999 transfers of 10 digits: fits
    for (const ExportRow& row : rows) {
        if (row.asset != "JPY") {
            continue;
        }
        const claims::PayeeBankAccount* account = account_of(details, row.payee_id);
        if (account == nullptr) {
            file.missing.push_back(row.reference);
            continue;
        }
        if (row.amount.size() > amount_digits_max ||
            row.amount.find('.') != std::string::npos) {
            file.too_large.push_back(row.reference);
            continue;
        }
        end_record(data, data_record(*account, row));
        total_yen += std::stoull(row.amount);
        ++file.transfers_count;
    }
    if (file.transfers_count == 0) {
        return file;
    }
    if (file.transfers_count > 999999 || total_yen > 999999999999ULL) {
        file.is_total_too_large = true;
        file.bytes.clear();
        return file;
    }
    end_record(file.bytes, header_record(*details.remitter, transfer_date));
    file.bytes += data;
    end_record(file.bytes, "8" + number_field(std::to_string(file.transfers_count), 6) +
                               number_field(std::to_string(total_yen), 12) +
                               std::string(101, ' '));
    end_record(file.bytes, "9" + std::string(119, ' '));
    return file;
}

}  // namespace kanzai::tools
