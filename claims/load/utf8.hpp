// UTF-8 validation of input files (SPEC "Conventions": all text files are UTF-8).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace kanzai::claims {

// The byte offset of the first byte that does not start or continue a well-formed UTF-8
// sequence (overlong forms, surrogates and code points above U+10FFFF are ill-formed);
// nullopt when all of `text` is well-formed.
[[nodiscard]] std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace kanzai::claims
