#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS (default 60) from its seed corpus (fuzz/corpus/<t>/).
# Configures and builds build-fuzz/ with clang-14 (-DKANZAI_FUZZ=ON -DKANZAI_SANITIZE=ON)
# first. New interesting inputs go to build-fuzz/fuzz-corpus/<target>/ (the checked-in seed
# corpus is read only); a crash, leak, sanitizer report, failed property or timeout leaves
# build-fuzz/fuzz-artifacts/<target>-crash-* and makes this script exit 1. To replay one:
# build-fuzz/fuzz/fuzz_<target> FILE. Needs clang-14 and libclang-rt-14-dev.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
#   (targets: csv_reader decimal case_config case case_db)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv_reader decimal case_config case case_db)
build=build-fuzz
jobs=${KANZAI_FUZZ_JOBS:-2}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-14 -DKANZAI_SANITIZE=ON -DKANZAI_FUZZ=ON > /dev/null
cmake --build "$build" -j "$jobs" $(printf -- '--target fuzz_%s ' "${targets[@]}")

status=0
for target in "${targets[@]}"; do
    corpus=$build/fuzz-corpus/$target
    artifacts=$build/fuzz-artifacts
    mkdir -p "$corpus" "$artifacts"
    echo "== fuzz $target for ${seconds}s"
    if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$artifacts/$target-" "$corpus" "fuzz/corpus/$target" \
        > "$build/fuzz-$target.log" 2>&1; then
        echo "fuzz $target FAILED; see $build/fuzz-$target.log and $artifacts/"
        tail -40 "$build/fuzz-$target.log"
        status=1
    else
        grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/fuzz-$target.log" || true
    fi
done
exit $status
