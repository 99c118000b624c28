// The out-of-line half of KANZAI_ASSERT: builds and throws the violation.
#include "engine/assert.hpp"

#include <fmt/format.h>

namespace kanzai {

// The message names the source file without its folder: an exit-3 message goes to users and
// must not show where Kanzai was built.
std::string InvariantViolation::what() const {
    const std::size_t slash = file.rfind('/');
    const std::string name = slash == std::string::npos ? file : file.substr(slash + 1);
    return fmt::format("invariant violated: {} ({}:{})", expression, name, line);
}

void fail_invariant(const char* expression, const char* file, int line) {
    throw InvariantViolation{.expression = expression, .file = file, .line = line};
}

}  // namespace kanzai
