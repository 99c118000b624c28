// Always-on invariant checks (STYLE.md §5). A failed KANZAI_ASSERT throws InvariantViolation,
// which `main` maps to exit code 3: a wrong payout schedule is worse than none.
#pragma once

#include <string>

namespace kanzai {

// Deliberately not derived from std::exception, so that no `catch (const std::exception&)`
// can swallow it on the way to `main`.
struct InvariantViolation {
    std::string expression;
    std::string file;
    int line = 0;

    [[nodiscard]] std::string what() const;
};

[[noreturn]] void fail_invariant(const char* expression, const char* file, int line);

}  // namespace kanzai

#define KANZAI_ASSERT(condition)                                          \
    do {                                                                  \
        if (!(condition)) [[unlikely]] {                                  \
            ::kanzai::fail_invariant(#condition, __FILE__, __LINE__);     \
        }                                                                 \
    } while (false)

// Documents a condition that may go either way; checks nothing (STYLE.md §5).
#define KANZAI_MAYBE(condition) static_cast<void>(sizeof(condition))
