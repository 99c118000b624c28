#!/usr/bin/env bash
# Property (SPEC "Stress scenarios"): a scenario with no replacement gives what `kanzai run`
# gives, for every golden and sample case that runs: summary.json's p10, p50 and p90, and
# each fund's available, allocated and leftover; its funds in case.toml order.
set -uo pipefail
kanzai=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[[scenario]]\nid = "as-is"\n' > "$work/scenarios.toml"
status=0
count=0
for case_dir in "$source_dir"/tests/golden/*/case "$source_dir"/samples/*; do
    [ -f "$case_dir/case.toml" ] || continue
    name=$(echo "$case_dir" | tr '/' '_')
    rm -rf "$work/case"
    cp -r "$case_dir" "$work/case"
    rm -rf "$work/case/out" "$work/case/case.db"
    "$kanzai" run "$work/case" --out "$work/run-$name" --no-db > /dev/null 2>&1 || continue
    if ! "$kanzai" stress "$work/case" --scenarios "$work/scenarios.toml" \
            --out "$work/stress-$name" > /dev/null 2> "$work/stderr"; then
        echo "stress_run: $case_dir: kanzai stress failed"; cat "$work/stderr"; status=1
        continue
    fi
    count=$((count + 1))
    python3 - "$work/run-$name/summary.json" "$work/stress-$name" "$case_dir" <<'PY' || status=1
import csv, json, os, sys
summary = json.load(open(sys.argv[1]))
first = next(csv.DictReader(open(os.path.join(sys.argv[2], "stress.csv"))))
rates = summary["recovery_rate_percentiles"]
bad = [p for p in ("p10", "p50", "p90") if rates.get(p, "") != first[p]]
funds = list(csv.DictReader(open(os.path.join(sys.argv[2], "stress_funds.csv"))))
if [row["fund"] for row in funds] != list(summary["funds"].keys()):
    bad.append("the funds")
for row in funds:
    fund = summary["funds"][row["fund"]]
    bad += [row["fund"] + "." + k for k in ("available", "allocated", "leftover")
            if fund[k] != row[k]]
    if int(row["claimants_whole"]) > int(row["claimants_eligible"]):
        bad.append(row["fund"] + ".claimants_whole")
if bad:
    print("stress_run: %s: differs from kanzai run in %s" % (sys.argv[3], ", ".join(bad)))
    sys.exit(1)
PY
done
[ "$count" -gt 0 ] || { echo "stress_run: no case ran"; status=1; }
echo "stress_run: $count cases"
exit $status
