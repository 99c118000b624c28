// Loading a case folder: every file of SPEC "The case folder", all errors collected.
#pragma once

#include <string>

#include "claims/case.hpp"
#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// Reads and validates every file of the case folder. Each input error is added to
// `diagnostics` (the loader goes on after an error, so one pass reports everything); the
// returned Case is meaningful only when `diagnostics` stayed empty. A missing folder or
// required file is an input error too. Never throws on bad input.
[[nodiscard]] Case load_case(const std::string& folder, Diagnostics& diagnostics);

}  // namespace kanzai::claims
