#!/usr/bin/env bash
# SPEC v3's rules at scale (docs/performance.md "v3 rules"): `kanzai run --no-db` on the same
# synthetic case with and without `synth --v3` (record date, pool cost, distribution price,
# paid_in cash, a convenience class with electors, elections, failed payments), side by side,
# best of three each. The target: the v3 case within 10% of the v2 one.
#   bench/v3.sh [--customers N] [--build DIR] [--work DIR]
set -euo pipefail
bench_name=v3
work=/tmp/kanzai-bench-v3
source "$(dirname "$0")/options.sh"
mkdir -p "$work"
for rules in v2 v3; do
    folder=$work/$rules-$customers
    if [[ ! -d $folder ]]; then
        flag=; [[ $rules == v3 ]] && flag=--v3
        "$kanzai" synth "$folder" --customers "$customers" --seed 7 $flag > /dev/null
    fi
done
best() {
    local folder=$1 best_ms=
    for _ in 1 2 3; do
        rm -rf "$work/out"
        local start; start=$(date +%s%N)
        "$kanzai" run "$folder" --no-db --out "$work/out" > /dev/null
        local ms=$(( ($(date +%s%N) - start) / 1000000 ))
        [[ -z $best_ms || $ms -lt $best_ms ]] && best_ms=$ms
    done
    echo "$best_ms"
}
v2_ms=$(best "$work/v2-$customers")
v3_ms=$(best "$work/v3-$customers")
rm -rf "$work/out"
echo "customers $customers: run --no-db v2 rules ${v2_ms} ms, v3 rules ${v3_ms} ms" \
     "($(( (v3_ms - v2_ms) * 100 / v2_ms ))% more; target at most 10%)"
