// `kanzai synth`: not built yet. It says so and exits 1 rather than pretend.
#include <fmt/format.h>

#include "tools/commands.hpp"

namespace kanzai::tools {

int run_synth(const SynthOptions& /*options*/) {
    fmt::print(stderr, "kanzai synth: not built yet\n");
    return exit_usage;
}

}  // namespace kanzai::tools
