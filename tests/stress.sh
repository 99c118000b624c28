#!/usr/bin/env bash
# Stress scenarios (SPEC "Stress scenarios"): `stress.sh KANZAI DIR` runs
# `kanzai stress CASE --scenarios DIR/scenarios.toml --out OUT`, CASE being DIR/case or else
# tests/stress/hand/case, and compares the exit code with DIR/expected/exit_code (default 0),
# stderr with DIR/expected/stderr (when present) and, on exit 0, stress.csv and
# stress_funds.csv with DIR/expected/ byte for byte. With a file DIR/occupied, OUT already
# holds a file and must be left as it was. Nothing may be written into the case folder, and
# a second run must give the same bytes (stress.html included). DIR/options, when present,
# holds more arguments for `kanzai stress` (one line, e.g. --skip-absent).
set -uo pipefail
kanzai=$1
dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case_dir="$dir/case"
[ -d "$case_dir" ] || case_dir="$(dirname "$dir")/hand/case"
cp -r "$case_dir" "$work/case"
before=$(cd "$work/case" && find . | sort)
# Messages name the scenario file as given: run from $work so it reads scenarios.toml.
cp "$dir/scenarios.toml" "$work/scenarios.toml"
options=()
[ -f "$dir/options" ] && read -r -a options < "$dir/options"
if [ -f "$dir/occupied" ]; then
    mkdir -p "$work/out" && echo keep > "$work/out/keep.txt"
fi
(cd "$work" && "$kanzai" stress case --scenarios scenarios.toml --out out "${options[@]}" \
    > "$work/stdout" 2> "$work/stderr")
code=$?
expected_code=$(cat "$dir/expected/exit_code" 2>/dev/null || echo 0)
status=0
if [ "$code" != "$expected_code" ]; then
    echo "stress: exit code $code, expected $expected_code"; cat "$work/stderr"; exit 1
fi
if [ -f "$dir/expected/stderr" ] && ! diff -u "$dir/expected/stderr" "$work/stderr"; then
    status=1
fi
after=$(cd "$work/case" && find . | sort)
if [ "$before" != "$after" ]; then
    echo "stress: the case folder changed"; status=1
fi
if [ "$code" != 0 ]; then
    if [ -f "$dir/occupied" ]; then
        [ "$(ls "$work/out")" = keep.txt ] || { echo "stress: out was written"; status=1; }
    elif [ -e "$work/out" ]; then
        echo "stress: out exists after exit $code"; status=1
    fi
    ls -a "$work" | grep -q staging && { echo "stress: a staging folder was left"; status=1; }
    exit $status
fi
for f in stress.csv stress_funds.csv; do
    if ! diff -u "$dir/expected/$f" "$work/out/$f"; then
        echo "stress: $f differs from $dir/expected/$f"; status=1
    fi
done
if [ "$(wc -l < "$work/out/stress.csv")" -gt 1 ] && ! grep -q "<svg" "$work/out/stress.html"; then
    echo "stress: stress.html has no chart"; status=1
fi
if grep -Eiq "(src|href)=\"(https?:)?//" "$work/out/stress.html"; then
    echo "stress: stress.html refers to the network"; status=1
fi
# With DIR/compare_run, the first scenario has no replacement: its figures are those of
# `kanzai run`'s summary.json (percentiles, each fund's available, allocated, leftover).
if [ -f "$dir/compare_run" ]; then
    "$kanzai" run "$work/case" --out "$work/run" --no-db > /dev/null 2>&1 || status=1
    python3 - "$work/run/summary.json" "$work/out/stress.csv" "$work/out/stress_funds.csv" <<'PY' || status=1
import csv, json, sys
summary = json.load(open(sys.argv[1]))
first = next(csv.DictReader(open(sys.argv[2])))
rates = summary["recovery_rate_percentiles"]
bad = [p for p in ("p10", "p50", "p90") if rates.get(p, "") != first[p]]
for row in csv.DictReader(open(sys.argv[3])):
    if row["scenario"] != first["scenario"]:
        continue
    fund = summary["funds"][row["fund"]]
    bad += [row["fund"] + "." + k for k in ("available", "allocated", "leftover")
            if fund[k] != row[k]]
if bad:
    print("stress: the first scenario differs from kanzai run's summary in", ", ".join(bad))
    sys.exit(1)
PY
    rm -rf "$work/case/out" "$work/case/case.db"
fi
(cd "$work" && "$kanzai" stress case --scenarios scenarios.toml --out again "${options[@]}" \
    > /dev/null 2>&1)
for f in stress.csv stress_funds.csv stress.html; do
    cmp -s "$work/out/$f" "$work/again/$f" || { echo "stress: $f differs between runs"; status=1; }
done
exit $status
