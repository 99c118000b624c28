// The Zengin (全銀協) 総合振込 transfer file of `kanzai export`: fixed-width records of 120
// bytes in JIS X 0201 (half-width katakana and ASCII, Shift_JIS compatible), each ended by
// CR LF: one header record (1), one data record (2) per transfer, a trailer (8), an end
// record (9). Field layout in docs/export.md.
#pragma once

#include <string>
#include <vector>

#include "claims/load/bank_accounts.hpp"
#include "tools/export/export_rows.hpp"

namespace kanzai::tools {

struct ZenginFile {
    std::string bytes;                 // the file; empty when no row has a bank account
    std::vector<std::string> missing;  // references of yen rows whose payee has none
    std::vector<std::string> too_large;  // references above the 10-digit amount field
    std::size_t transfers_count = 0;
    bool is_total_too_large = false;  // above the trailer's 12 digits (or 999,999 records)
};

// The transfers of the `JPY` rows (amounts in whole yen) whose payee has a bank account, in
// row order; `transfer_date` is "YYYY-MM-DD" (the file carries MMDD). Each data record's
// EDI field (識別表示 "Y") carries the row's reference, so the bank statement names it.
[[nodiscard]] ZenginFile render_zengin(const std::vector<ExportRow>& rows,
                                       const claims::BankDetails& details,
                                       const std::string& transfer_date);

}  // namespace kanzai::tools
