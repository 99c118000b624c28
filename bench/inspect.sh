#!/usr/bin/env bash
# `kanzai diff` and `kanzai explain` at scale (docs/performance.md "diff and explain"): a
# synthetic case recorded twice, the second time after a BTC price change, then
# `diff CASE 1 2 --toml-a` (the first run's case.toml) and `explain` of one claim, each under
# /usr/bin/time -v (wall clock, user and system CPU, peak memory). Targets: diff at most 10 s,
# explain of one claim under 1 s at 1M customers.
#   bench/inspect.sh [--customers N] [--build DIR] [--work DIR] [--claim ID]
set -euo pipefail
bench_name=inspect
work=/tmp/inspect-bench
claim=K000000002-2
bench_usage="[--claim ID]"
bench_option() {
    [[ $1 == --claim ]] || return 1
    claim=$2
}
source "$(dirname "$0")/options.sh"
folder=$work/case-$customers
mkdir -p "$work"
if [[ ! -f $folder/case.db ]]; then
    rm -rf "$folder"
    "$kanzai" synth "$folder" --customers "$customers" --assets 5 --seed 7 > /dev/null
    "$kanzai" run "$folder" > /dev/null
    cp "$folder/case.toml" "$work/case-$customers-run1.toml"
    # The second run after a price change: every BTC claim's value moves.
    sed -i 's/^price = "9000000"$/price = "9500000"/' "$folder/case.toml"
    "$kanzai" run "$folder" > /dev/null
fi
measure() {
    local name=$1; shift
    /usr/bin/time -v "$@" > "$work/$name.out" 2> "$work/$name.time"
    awk -v name="$name" -F': ' '
        /Elapsed \(wall clock\)/ { wall = $2 }
        /User time/ { user = $2 }
        /System time/ { sys = $2 }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%s: wall %s, user %s s, sys %s s, peak %.0f MB\n", name, wall, user,
              sys, rss / 1024 }' "$work/$name.time"
}
echo "bench/inspect: $customers customers, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
measure diff "$kanzai" diff "$folder" 1 2 --toml-a "$work/case-$customers-run1.toml"
echo "  $(tail -1 "$work/diff.out")"
measure explain "$kanzai" explain "$folder" "$claim" --run 2
echo "  $(wc -l < "$work/explain.out") lines explained for $claim"
