// Phase timings and progress for `kanzai run`. With KANZAI_TIMINGS=1 in the environment each
// mark() prints "kanzai-timing: <phase> <milliseconds> ms rss <MB> MB peak <MB> MB" to stderr:
// the time since the previous mark and the process's resident and peak resident memory then
//. Otherwise, when stderr is a terminal, a phase that took 0.2 s or more prints
// "kanzai: <phase> done (<seconds> s)" so a long run shows progress; when stderr is
// not a terminal (scripts, CI, files) nothing is printed. Clocks live here, in tools/, never in
// engine/ or claims/ (runs must be deterministic).
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace kanzai::tools {

class PhaseTimer {
public:
    PhaseTimer()
        : timings_(std::getenv("KANZAI_TIMINGS") != nullptr &&
                   std::strcmp(std::getenv("KANZAI_TIMINGS"), "1") == 0),
          progress_(::isatty(STDERR_FILENO) == 1),
          since_(std::chrono::steady_clock::now()) {}

    void mark(std::string_view phase) {
        if (!timings_ && !progress_) {
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(now - since_).count();
        since_ = now;
        if (timings_) {
            fmt::print(stderr, "kanzai-timing: {} {}.{:03} ms rss {} MB peak {} MB\n", phase,
                       micros / 1000, micros % 1000, status_mb("VmRSS:"), status_mb("VmHWM:"));
        } else if (micros >= 200'000) {
            fmt::print(stderr, "kanzai: {} done ({}.{} s)\n", phase, micros / 1'000'000,
                       micros / 100'000 % 10);
        }
    }

private:
    // A "VmRSS:"-like field of /proc/self/status in MB; 0 where there is none.
    static long status_mb(std::string_view field) {
        std::ifstream status("/proc/self/status");
        std::string line;
        while (std::getline(status, line)) {
            if (line.starts_with(field)) {
                return std::strtol(line.c_str() + field.size(), nullptr, 10) / 1024;  // kB
            }
        }
        return 0;
    }

    bool timings_;
    bool progress_;
    std::chrono::steady_clock::time_point since_;
};

}  // namespace kanzai::tools
