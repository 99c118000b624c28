// `kanzai init`: not built yet. It says so and exits 1 rather than pretend.
#include <fmt/format.h>

#include "tools/commands.hpp"

namespace kanzai::tools {

int run_init(const InitOptions& /*options*/) {
    fmt::print(stderr, "kanzai init: not built yet\n");
    return exit_usage;
}

}  // namespace kanzai::tools
