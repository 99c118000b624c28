#!/usr/bin/env bash
# `kanzai audit` catches a forged record and `notices` and `report` refuse it; a damaged
# case.db is exit 4 for every reader, never an invariant violation (docs/reliability.md).
#   1. two runs: audit holds (exit 0);
#   2. a payout of run 1 forged in case.db (its guard trigger dropped): audit exits 2 naming
#      payouts.csv of run 1 only; notices and report refuse run 1 (exit 4) and still serve
#      run 2; explain shows nothing of run 1's rows that do not add up (below);
#   3. an allocation of run 1 forged so that its source no longer adds up: explain exits 4
#      ("is damaged"), not 3;
#   4. a run folder's file edited, one removed, one added: audit names each.
# Usage: audit.sh KANZAI_BINARY
set -uo pipefail
kanzai=$1
rows="python3 $(cd "$(dirname "$0")/../support" && pwd)/case_db_rows.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "audit: $*"; exit 1; }
case_folder=$work/case
"$kanzai" synth "$case_folder" --customers 60 --seed 4 > /dev/null || fail "synth failed"
"$kanzai" run "$case_folder" > /dev/null && "$kanzai" run "$case_folder" > /dev/null ||
    fail "the runs failed"
db=$case_folder/case.db

"$kanzai" audit "$case_folder" > "$work/out" 2>&1 || fail "audit of clean runs: $(cat "$work/out")"
grep -qx "run 1: ok: .*" "$work/out" && grep -qx "audit: 2 runs hold" "$work/out" ||
    fail "audit output: $(cat "$work/out")"

# 2. A forged payout.
$rows append "$db" 1 payouts 0 amount 1 || fail "forging failed"
"$kanzai" audit "$case_folder" > "$work/out" 2>&1
code=$?
[ "$code" = 2 ] || fail "audit of a forged payout exited $code: $(cat "$work/out")"
grep -q "^run 1: payouts.csv: the rows in case.db render to [0-9a-f]\{64\}; case.db records" \
    "$work/out" || fail "audit does not name the forged payouts.csv: $(cat "$work/out")"
grep -qx "run 2: ok: .*" "$work/out" || fail "run 2 should hold: $(cat "$work/out")"
grep -qx "audit: 1 of 2 runs do not hold" "$work/out" || fail "total: $(cat "$work/out")"
"$kanzai" audit "$case_folder" --run 2 > /dev/null 2>&1 || fail "audit --run 2 failed"
for command in "notices $case_folder --out $work/notices-1 --run 1" \
    "report $case_folder --run 1 --html $work/report-1.html"; do
    # shellcheck disable=SC2086
    "$kanzai" $command > /dev/null 2> "$work/err"
    code=$?
    [ "$code" = 4 ] || fail "$command exited $code, not 4: $(cat "$work/err")"
    grep -q "case.db run 1 does not hold (payouts.csv: the rows in case.db render to" \
        "$work/err" || fail "$command: $(cat "$work/err")"
done
[ ! -e "$work/notices-1" ] && [ ! -e "$work/report-1.html" ] || fail "a refused run was written"
"$kanzai" notices "$case_folder" --out "$work/notices-2" --run 2 > /dev/null ||
    fail "notices of run 2 failed"

# 3. An allocation that no longer sums to its source: a damaged case.db, exit 4.
$rows append "$db" 1 allocations 0 amount 0 || fail "forging failed"
customer=$($rows get "$db" 1 decisions 0 customer_id)
"$kanzai" explain "$case_folder" "$customer" --run 1 > /dev/null 2> "$work/err"
code=$?
[ "$code" = 4 ] || fail "explain of a damaged run exited $code, not 4: $(cat "$work/err")"
grep -q "case.db run 1 is damaged: its rows do not add up" "$work/err" ||
    fail "explain: $(cat "$work/err")"
"$kanzai" audit "$case_folder" --run 1 > "$work/out" 2>&1
[ $? = 2 ] && grep -q "^run 1: its rows do not add up" "$work/out" ||
    fail "audit of a damaged run: $(cat "$work/out")"

# 4. The run folder of run 2: a file edited, one removed, one added.
folder=$case_folder/out/run-0002
echo "x" >> "$folder/decisions.csv"
rm "$folder/summary.json"
echo "note" > "$folder/extra.txt"
"$kanzai" audit "$case_folder" --run 2 > "$work/out" 2>&1
[ $? = 2 ] || fail "audit of an edited folder passed: $(cat "$work/out")"
grep -q "^run 2: $folder/decisions.csv hashes to" "$work/out" &&
    grep -qx "run 2: $folder/summary.json is missing" "$work/out" &&
    grep -qx "run 2: $folder/extra.txt is not an output of the run" "$work/out" ||
    fail "audit of an edited folder: $(cat "$work/out")"
echo "audit: forged rows, damaged sums and edited folders are caught"
