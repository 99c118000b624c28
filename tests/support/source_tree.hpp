// The source tree, for tests that read files of the repository (samples, tests/data): CTest
// sets KANZAI_SOURCE_DIR; without it, the tree this header is in. __FILE__ alone is not
// enough: with CCACHE_BASEDIR, ccache hands the compiler a relative path, which the test
// would then resolve against its own working folder.
#pragma once

#include <cstdlib>
#include <filesystem>

namespace kanzai::testing {

inline std::filesystem::path source_tree() {
    const char* root = std::getenv("KANZAI_SOURCE_DIR");
    return root != nullptr ? std::filesystem::path(root)
                           : std::filesystem::path(__FILE__).parent_path() / ".." / "..";
}

}  // namespace kanzai::testing
