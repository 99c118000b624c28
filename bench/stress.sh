#!/usr/bin/env bash
# `kanzai stress` at scale (docs/stress.md "Speed", docs/performance.md "Stress"): 20
# scenarios on 1M synthetic customers, against the target of at most 60 s and 2.5 GB.
# 18 scenarios change no price (pool losses, fund amounts, estate cash): only the waterfall
# runs again; 2 change prices and determine the case again. Prints wall and CPU time and
# the peak memory of the whole command, and of one `kanzai run --no-db` for scale.
#   bench/stress.sh [--customers N] [--build DIR] [--work DIR]
# The build defaults to WORKTREE/build-release (Release; bench/run.sh makes it).
set -euo pipefail
bench_name=stress
work=/tmp/stress-bench
source "$(dirname "$0")/options.sh"
[[ -x /usr/bin/time ]] || { echo "bench/stress: needs /usr/bin/time (package time)" >&2; exit 2; }
mkdir -p "$work"
folder=$work/synth-$customers
[[ -d $folder ]] || "$kanzai" synth "$folder" --customers "$customers" --assets 5 --seed 7 \
    > /dev/null
scenarios=$work/scenarios.toml
{
    echo '[[scenario]]'; echo 'id = "as-is"'
    for f in 1 2 3 4 5 6 7 8 9; do
        printf '\n[[scenario]]\nid = "btc-lost-0.%s"\nlost = { BTC = "0.%s" }\n' "$f" "$f"
    done
    for f in 2 5 8; do
        printf '\n[[scenario]]\nid = "eth-xrp-lost-0.%s"\n' "$f"
        printf 'lost = { ETH = "0.%s", XRP = "0.%s" }\n' "$f" "$f"
    done
    for amount in 0 2000000000 40000000000; do
        printf '\n[[scenario]]\nid = "reserve-%s"\nlost = { BTC = "0.5" }\n' "$amount"
        printf 'funds = { reserve = "%s" }\n' "$amount"
    done
    printf '\n[[scenario]]\nid = "no-cash"\nlost = { BTC = "0.5" }\ncash = "0"\n'
    printf '\n[[scenario]]\nid = "cash-up"\nlost = { BTC = "0.5" }\ncash = "10000000000"\n'
    printf '\n[[scenario]]\nid = "btc-price-down"\nprices = { BTC = "4500000" }\n'
    printf '\n[[scenario]]\nid = "estate-price-down"\nestate_prices = { ETH = "200000" }\n'
    printf 'lost = { ETH = "0.5" }\n'
} > "$scenarios"
count=$(grep -c '^\[\[scenario\]\]' "$scenarios")
# measure LOG CMD...: prints "wall_s cpu_s rss_mb" of CMD under /usr/bin/time -v.
measure() {
    local log=$1; shift
    /usr/bin/time -v -o "$log.time" "$@" > "$log" 2>&1 ||
        { echo "bench/stress: failed: $* (see $log)" >&2; exit 1; }
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
        /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 / 1024 }
        END { printf "%.1f %.1f %.0f\n", w, u + s, m }' "$log.time"
}
rm -rf "$work/run" "$work/stress"
read -r run_wall run_cpu run_mb < <(measure "$work/run.log" \
    "$kanzai" run "$folder" --no-db --out "$work/run")
read -r wall cpu mb < <(KANZAI_TIMINGS=1 measure "$work/stress.log" \
    "$kanzai" stress "$folder" --scenarios "$scenarios" --out "$work/stress")
[[ $(($(wc -l < "$work/stress/stress.csv") - 1)) == "$count" ]] ||
    { echo "bench/stress: stress.csv does not have $count rows" >&2; exit 1; }
printf '%-36s %8s %8s %8s\n' "command ($customers customers)" "wall s" "cpu s" "peak MB"
printf '%-36s %8s %8s %8s\n' "kanzai run --no-db" "$run_wall" "$run_cpu" "$run_mb"
printf '%-36s %8s %8s %8s\n' "kanzai stress, $count scenarios" "$wall" "$cpu" "$mb"
echo "target: stress at most 60 s and 2500 MB"
