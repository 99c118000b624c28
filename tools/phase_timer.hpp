// Opt-in phase timings for `kanzai run` (issue #7): with KANZAI_TIMINGS=1 in the environment,
// each mark() prints "kanzai-timing: <phase> <milliseconds>" to stderr, the time since the
// previous mark. Off by default so that normal output stays byte-identical. Clocks live here,
// in tools/, never in engine/ or claims/ (runs must be deterministic).
#pragma once

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

namespace kanzai::tools {

class PhaseTimer {
public:
    PhaseTimer()
        : enabled_(std::getenv("KANZAI_TIMINGS") != nullptr &&
                   std::strcmp(std::getenv("KANZAI_TIMINGS"), "1") == 0),
          since_(std::chrono::steady_clock::now()) {}

    void mark(std::string_view phase) {
        if (!enabled_) {
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(now - since_).count();
        fmt::print(stderr, "kanzai-timing: {} {}.{:03}\n", phase, micros / 1000, micros % 1000);
        since_ = now;
    }

private:
    bool enabled_;
    std::chrono::steady_clock::time_point since_;
};

}  // namespace kanzai::tools
