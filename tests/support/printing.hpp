// doctest prints __int128 as {?}; these make failures show exact decimals instead.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "engine/decimal.hpp"
#include "engine/money.hpp"

namespace doctest {
template <>
struct StringMaker<kanzai::engine::Units> {
    static String convert(const kanzai::engine::Units& units) {
        return String(("Units{" + kanzai::engine::format_int128(units.count) + "}").c_str());
    }
};
template <>
struct StringMaker<kanzai::engine::Value> {
    static String convert(const kanzai::engine::Value& value) {
        return String(("Value{" + kanzai::engine::format_int128(value.count) + "}").c_str());
    }
};
template <>
struct StringMaker<kanzai::engine::Int128> {
    static String convert(const kanzai::engine::Int128& count) {
        return String(kanzai::engine::format_int128(count).c_str());
    }
};
}  // namespace doctest

namespace kanzai::testing {

// The seed of a property test: KANZAI_SEED=<n> replays one; otherwise `fallback`.
[[nodiscard]] inline unsigned long long seed_or(unsigned long long fallback) {
    const char* text = std::getenv("KANZAI_SEED");
    return text != nullptr ? std::stoull(text) : fallback;
}

// A small, fast, portable generator (splitmix64): the same seed gives the same numbers on
// every platform, unlike std::uniform_int_distribution.
class Random {
public:
    explicit Random(unsigned long long seed) : state_(seed) {}
    unsigned long long next() {
        unsigned long long z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, bound) for bound > 0 (tiny modulo bias is irrelevant for tests).
    unsigned long long below(unsigned long long bound) { return next() % bound; }

private:
    unsigned long long state_;
};

}  // namespace kanzai::testing
