// The synthetic case's randomness: splitmix64, portable and exact, so one seed gives the
// same bytes on every machine (std distributions differ between standard libraries). Each
// customer draws from its own stream derived from (seed, index), so anything that must agree
// across files is a function of the customer index and the seed alone.
#pragma once

#include <cstdint>

namespace kanzai::tools {

class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

    [[nodiscard]] std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31U);
    }
    // Uniform in [0, bound) for 0 < bound << 2^64 (the modulo bias is negligible here).
    [[nodiscard]] std::uint64_t below(std::uint64_t bound) { return next() % bound; }
    // True with probability per_10000 / 10000.
    [[nodiscard]] bool chance(std::uint64_t per_10000) { return below(10'000) < per_10000; }

private:
    std::uint64_t state_;
};

// The stream of customer `index`: the seed's stream, skipped ahead by a hash of the index.
[[nodiscard]] inline SplitMix64 customer_stream(std::uint64_t seed, std::uint64_t index) {
    SplitMix64 mixer(seed ^ (index * 0xD1B54A32D192ED03ULL));
    return SplitMix64(mixer.next() ^ index);
}

// floor(sqrt(x)) by integer Newton steps: heavy tails without floating point.
[[nodiscard]] inline std::uint64_t isqrt(std::uint64_t x) {
    if (x < 2) {
        return x;
    }
    std::uint64_t r = x;
    std::uint64_t y = (r + 1) / 2;
    while (y < r) {
        r = y;
        y = (r + x / r) / 2;
    }
    return r;
}

}  // namespace kanzai::tools
