// KANZAI_ASSERT (engine/assert.hpp): always on, and its message, which users see with exit 3,
// names the expression and the source file without the folder it was built in.
#include "engine/assert.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("assert: a violation names the expression and the file, never a source path") {
    const kanzai::InvariantViolation violation{
        .expression = "sum == pool", .file = "/home/builder/kanzai/engine/pools.cpp", .line = 42};
    CHECK(violation.what() == "invariant violated: sum == pool (pools.cpp:42)");
    const kanzai::InvariantViolation relative{
        .expression = "x", .file = "../claims/record/run_check.cpp", .line = 7};
    CHECK(relative.what() == "invariant violated: x (run_check.cpp:7)");
    std::string message;
    try {
        KANZAI_ASSERT(1 + 1 == 3);
    } catch (const kanzai::InvariantViolation& caught) {
        message = caught.what();
    }
    CHECK(message == "invariant violated: 1 + 1 == 3 (assert_test.cpp:18)");
}
