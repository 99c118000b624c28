// Renders the CSV outputs of a run (SPEC "Outputs of a run"): UTF-8 without BOM, LF line
// ends, the header exactly as listed, a field quoted only when it contains , " CR or LF.
// Rows are appended to a caller's buffer, so that a run of millions of rows is written as it
// is produced (tools/output_file.hpp) without a string per field.
#pragma once

#include <string>
#include <string_view>

#include "claims/record/run_record.hpp"

namespace kanzai::tools {

inline constexpr std::string_view decisions_csv_header =
    "claim_id,customer_id,claimant_id,payee_id,asset,filed,ledger,admitted,disputed,class,"
    "code,reason,value\n";
inline constexpr std::string_view allocations_csv_header =
    "claim_id,portion,source,asset,amount,tranche\n";
inline constexpr std::string_view payouts_csv_header =
    "payout_id,payee_id,asset,amount,tranche,status\n";

void append_csv_row(std::string& out, const claims::DecisionRecord& d);
void append_csv_row(std::string& out, const claims::AllocationRecord& a);
void append_csv_row(std::string& out, const claims::PayoutRecord& p);

// Appends one CSV field, quoted only when needed.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace kanzai::tools
