// `kanzai run`: not built yet. It says so and exits 1 rather than pretend.
#include <fmt/format.h>

#include "tools/commands.hpp"

namespace kanzai::tools {

int run_run(const RunOptions& /*options*/) {
    fmt::print(stderr, "kanzai run: not built yet\n");
    return exit_usage;
}

}  // namespace kanzai::tools
