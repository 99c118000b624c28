// SHA-256 of input and output files, as recorded with every run (SPEC "Outputs of a run").
#pragma once

#include <string>
#include <string_view>

namespace kanzai::claims {

// The SHA-256 digest of `bytes` as 64 lower-case hex digits.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace kanzai::claims
