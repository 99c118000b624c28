// Loading a case folder: every file of SPEC "The case folder", all errors collected.
#pragma once

#include <optional>
#include <string>

#include "claims/case.hpp"
#include "claims/diagnostics.hpp"

namespace kanzai::claims {

// Reads and validates every file of the case folder. Each input error is added to
// `diagnostics` (the loader goes on after an error, so one pass reports everything); the
// returned Case is meaningful only when `diagnostics` stayed empty. A missing folder or
// required file is an input error too. Never throws on bad input.
[[nodiscard]] Case load_case(const std::string& folder, Diagnostics& diagnostics);

// FOLDER/proof.key alone (SPEC "The case folder"), as load_case reads it, for commands that
// need the key and not the case: its raw bytes, nullopt when there is none; a key under 32
// bytes is an input error in `diagnostics` (and nullopt). Throws IoError when it cannot be
// read.
[[nodiscard]] std::optional<std::string> load_proof_key(const std::string& folder,
                                                        Diagnostics& diagnostics);

}  // namespace kanzai::claims
