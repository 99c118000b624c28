// The out-of-line half of KANZAI_ASSERT: builds and throws the violation.
#include "engine/assert.hpp"

#include <fmt/format.h>

namespace kanzai {

std::string InvariantViolation::what() const {
    return fmt::format("invariant violated: {} ({}:{})", expression, file, line);
}

void fail_invariant(const char* expression, const char* file, int line) {
    throw InvariantViolation{.expression = expression, .file = file, .line = line};
}

}  // namespace kanzai
