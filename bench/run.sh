#!/usr/bin/env bash
# The benchmark, in one command (see docs/performance.md):
#   bench/run.sh [--sizes 100000,1000000[,10000000]] [--work /tmp/kanzai-bench] [--seed 7]
#                [--build DIR]   (an existing build folder to use instead of build-release/)
#                [--peer-max N]  (skip the SQL peer above N customers; default 1000000)
# Builds Release into build-release/ if needed (warnings not errors there: g++ 12 at -O3
# reports a false -Wrestrict in std::string code), generates (and caches) synthetic cases with
# `kanzai synth`, then measures `kanzai check`, `kanzai run` (per phase, KANZAI_TIMINGS=1),
# the floor (bench/floor.cpp), the SQL peer (bench/peer.py), the proof root alone
# (bench/proof_root.cpp) and `kanzai proof` for one payee, for each size, and prints a table.
# Each case gets a proof.key, as a real case has, so the root is salted.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
sizes=100000,1000000
work=/tmp/kanzai-bench
seed=7
build=$repo/build-release
peer_max=1000000
while [[ $# -gt 0 ]]; do
    case $1 in
        --sizes) sizes=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --build) build=$(cd "$2" && pwd); shift 2 ;;
        --peer-max) peer_max=$2; shift 2 ;;
        *) echo "usage: bench/run.sh [--sizes N,N,...] [--work DIR] [--seed S] [--build DIR] [--peer-max N]" >&2; exit 2 ;;
    esac
done
[[ -x /usr/bin/time ]] || { echo "bench: needs /usr/bin/time (Debian package time)" >&2; exit 2; }

if [[ ! -f $build/build.ninja ]]; then
    cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKANZAI_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j2 --target kanzai kanzai_floor kanzai_proof_root >/dev/null
kanzai=$build/kanzai
floor=$build/bench/kanzai_floor
proof_root=$build/bench/kanzai_proof_root
mkdir -p "$work"

# measure LABEL LOG CMD...: runs CMD under /usr/bin/time -v (stdout+stderr to LOG) and prints
# "wall_s cpu_s rss_mb" of it.
measure() {
    local log=$2; shift 2
    local stats=$log.time
    if ! /usr/bin/time -v -o "$stats" "$@" >"$log" 2>&1; then
        echo "bench: failed: $* (see $log)" >&2; exit 1
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
        /User time/ { u = $2 } /System time/ { s = $2 }
        /Maximum resident set size/ { r = $2 }
        END { printf "%.2f %.2f %.0f\n", w, u + s, r / 1024 }' "$stats"
}

rows_of() {  # data rows of every CSV file of a case or run folder
    local total=0 f n
    for f in "$1"/*.csv; do n=$(($(wc -l <"$f") - 1)); total=$((total + n)); done
    echo $total
}

printf '%s\n' "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
IFS=, read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do
    case_dir=$work/case-$n-s$seed
    if [[ ! -d $case_dir ]]; then
        echo "== generating $n customers into $case_dir"
        "$kanzai" synth "$case_dir" --customers "$n" --seed "$seed" >/dev/null
    fi
    [[ -f $case_dir/proof.key ]] || printf 'bench: a proof key of at least 32 bytes' >"$case_dir/proof.key"
    rm -rf "$case_dir/case.db" "$case_dir"/case.db-* "$case_dir/out" "$work/run-$n" "$work/floor-$n"
    in_rows=$(rows_of "$case_dir")
    in_mb=$(du -sm --apparent-size "$case_dir" | cut -f1)

    read -r c_wall c_cpu c_rss < <(measure check "$work/check-$n.log" "$kanzai" check "$case_dir")
    read -r r_wall r_cpu r_rss < <(KANZAI_TIMINGS=1 measure run "$work/run-$n.log" \
        "$kanzai" run "$case_dir" --out "$work/run-$n")
    # A dry run: the same without case.db (what an administrator repeats while sizing).
    rm -rf "$work/run-nodb-$n"
    read -r d_wall d_cpu d_rss < <(measure run-no-db "$work/run-nodb-$n.log" \
        "$kanzai" run "$case_dir" --out "$work/run-nodb-$n" --no-db)
    rm -rf "$work/run-nodb-$n"
    # The proof of distribution: the root alone, as `run` computes it while payouts.csv is
    # written, and `kanzai proof` for the first payee of the run just recorded in case.db.
    "$proof_root" "$work/run-$n/payouts.csv" >"$work/proof-root-$n.log"
    payee=$(sed -n '2p' "$work/run-$n/payouts.csv" | cut -d, -f2)
    read -r q_wall q_cpu q_rss < <(measure proof "$work/proof-$n.log" \
        "$kanzai" proof "$case_dir" "$payee" --out "$work/proof-$n.json")
    # One claim read back from case.db: explain of the first claim, diff of the run with
    # itself, the report of the run; then what one recorded run adds to case.db against its
    # own output files (issue #17: at most their bytes).
    claim=$(sed -n '2p' "$work/run-$n/decisions.csv" | cut -d, -f1)
    read -r e_wall e_cpu e_rss < <(measure explain "$work/explain-$n.log" \
        "$kanzai" explain "$case_dir" "$claim")
    read -r x_wall x_cpu x_rss < <(measure diff "$work/diff-$n.log" "$kanzai" diff "$case_dir" 1 1)
    rm -f "$work/report-$n.html"
    read -r h_wall h_cpu h_rss < <(measure report "$work/report-$n.log" \
        "$kanzai" report "$case_dir" --html "$work/report-$n.html")
    csv_bytes=$(cat "$work/run-$n"/*.csv "$work/run-$n"/summary.json | wc -c)
    out_rows=$(rows_of "$work/run-$n")
    sizes_out=$(stat -c %s "$work/run-$n"/* | tr '\n' ' ')
    db_bytes=$(stat -c %s "$case_dir/case.db" 2>/dev/null || echo 0)
    # shellcheck disable=SC2086
    read -r f_wall f_cpu f_rss < <(measure floor "$work/floor-$n.log" "$floor" "$case_dir" \
        "$work/floor-$n" $sizes_out $db_bytes)
    # The peer (Python + SQLite) needs ~2.7 GB and ~2.5 min per million customers: above
    # --peer-max customers it is skipped (10M would not fit in memory).
    if (( n <= peer_max )); then
        read -r p_wall p_cpu p_rss < <(measure peer "$work/peer-$n.log" \
            python3 "$repo/bench/peer.py" "$case_dir" "$work/run-$n")
    else
        p_wall=0 p_cpu=0 p_rss=0
        echo "peer: skipped above --peer-max $peer_max customers" >"$work/peer-$n.log"
    fi

    echo
    echo "== $n customers: $in_rows input rows (${in_mb} MB), $out_rows output rows"
    printf '%-14s %9s %9s %9s %12s\n' step wall_s cpu_s rss_MB rows/s
    for s in "check $c_wall $c_cpu $c_rss" "run $r_wall $r_cpu $r_rss" \
             "run-no-db $d_wall $d_cpu $d_rss" \
             "floor $f_wall $f_cpu $f_rss" "sql-peer $p_wall $p_cpu $p_rss" \
             "proof $q_wall $q_cpu $q_rss" "explain $e_wall $e_cpu $e_rss" \
             "diff $x_wall $x_cpu $x_rss" "report $h_wall $h_cpu $h_rss"; do
        read -r name w c r <<<"$s"
        printf '%-14s %9s %9s %9s %12s\n' "$name" "$w" "$c" "$r" \
            "$(awk -v n="$in_rows" -v w="$w" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')"
    done
    echo "kanzai run phases (ms):"
    sed -n 's/^kanzai-timing: /  /p' "$work/run-$n.log"
    echo "proof of distribution (ms; proof: one payee, from case.db and payouts.csv):"
    sed -n 's/^proof-timing: /  /p' "$work/proof-root-$n.log"
    awk -v d="$d_wall" '/^proof-timing: root_salted / {
        printf "  root_salted / run-no-db: %.1f%%\n", $3 / 10 / (d > 0 ? d : 0.01) }' \
        "$work/proof-root-$n.log"
    echo "sql peer phases (ms):"
    sed -n 's/^peer-timing: /  /p' "$work/peer-$n.log"
    grep '^peer: ' "$work/peer-$n.log" | sed 's/^/  /'
    # The peer does only the pool and first fund step; Kanzai's comparable time is its
    # load + determine + allocate phases.
    k_alloc=$(awk '/^kanzai-timing: (load|determine|allocate) / { s += $3 } END { print s }' \
        "$work/run-$n.log")
    p_total=$(awk '/^peer-timing: total / { print $3 }' "$work/peer-$n.log")
    awk -v k="$k_alloc" -v p="$p_total" -v r="$r_wall" -v f="$f_wall" -v pw="$p_wall" \
        -v d="$d_wall" 'BEGIN {
        if (p > 0)
            printf "ratios: peer/kanzai (load..allocate, in-process) %.1fx; peer/kanzai (whole process wall) %.1fx; ",
                p / (k > 0 ? k : 1), pw / (r > 0 ? r : 0.01)
        else
            printf "ratios: peer skipped; "
        printf "kanzai/floor %.1fx with case.db, %.1fx without\n", r / (f > 0 ? f : 0.01),
            d / (f > 0 ? f : 0.01) }'
    echo "case.db: $db_bytes bytes after one run; the run's output files $csv_bytes bytes" \
        "($(awk -v a="$db_bytes" -v b="$csv_bytes" 'BEGIN { printf "%.2f", a / b }')x)"
    # Every target of issue #17 (and the proof's of #15) at this size: value, target, ratio.
    targets=()
    if (( n == 1000000 )); then
        targets=("run-with-case.db_s $r_wall 10" "run_peak_rss_MB $r_rss 2048"
                 "run-no-db_s $d_wall 5" "check_s $c_wall 2.5"
                 "case.db/outputs $(awk -v a="$db_bytes" -v b="$csv_bytes" 'BEGIN { printf "%.3f", a / b }') 1"
                 "explain_one_claim_s $e_wall 1" "diff_s $x_wall 1" "report_s $h_wall 1"
                 "proof_s $q_wall 2"
                 "run/floor $(awk -v r="$r_wall" -v f="$f_wall" 'BEGIN { printf "%.2f", r / f }') 3"
                 "run-no-db/floor $(awk -v r="$d_wall" -v f="$f_wall" 'BEGIN { printf "%.2f", r / f }') 3")
        if (( p_total > 0 )); then
            targets+=("kanzai/peer(same_work) $(awk -v k="$k_alloc" -v p="$p_total" 'BEGIN { printf "%.4f", k / p }') 0.05")
        fi
    elif (( n == 10000000 )); then
        targets=("run-with-case.db_s $r_wall 120" "run_peak_rss_MB $r_rss 16384"
                 "run-no-db_s $d_wall 60")
    fi
    if (( ${#targets[@]} > 0 )); then
        echo "targets (value / target; at most 1.00 meets it):"
        for t in "${targets[@]}"; do
            read -r name value target <<<"$t"
            awk -v n="$name" -v v="$value" -v t="$target" 'BEGIN {
                printf "  %-26s %12s  target %8s  %6.2f  %s\n", n, v, t, v / t,
                    (v <= t ? "met" : "MISSED") }'
        done
    fi
done
