#!/usr/bin/env bash
# Builds and runs the whole test suite: installs what is missing, then a release build
# with every test, then the fast suite again under AddressSanitizer + UndefinedBehavior-
# Sanitizer. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)

echo "== build and test (RelWithDebInfo)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKANZAI_TESTS=ON > /dev/null
cmake --build build -j "$jobs"
(cd build && ctest -j "$jobs" --output-on-failure)

echo "== build and test the fast suite under -fsanitize=address,undefined"
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKANZAI_SANITIZE=ON -DKANZAI_TESTS=ON > /dev/null
cmake --build build-sanitize -j "$jobs"
(cd build-sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest -j "$jobs" -L fast --output-on-failure)
