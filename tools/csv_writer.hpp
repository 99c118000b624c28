// Renders the CSV outputs of a run (SPEC "Outputs of a run"): UTF-8 without BOM, LF line
// ends, the header exactly as listed, a field quoted only when it contains , " CR or LF.
#pragma once

#include <string>
#include <vector>

#include "claims/run_record.hpp"

namespace kanzai::tools {

[[nodiscard]] std::string render_decisions_csv(
    const std::vector<claims::DecisionRecord>& decisions);
[[nodiscard]] std::string render_allocations_csv(
    const std::vector<claims::AllocationRecord>& allocations);
[[nodiscard]] std::string render_payouts_csv(
    const std::vector<claims::PayoutRecord>& payouts);

// Appends one CSV field, quoted only when needed.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace kanzai::tools
