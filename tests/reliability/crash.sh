#!/usr/bin/env bash
# Crash safety (SPEC "Outputs of a run": atomically; "case.db": one transaction): SIGKILLs
# `kanzai run` KILLS times at increasing delays over a synthetic case whose run takes about a
# second, and after every kill checks the case: case.db (when there is one) passes
# `PRAGMA integrity_check` and holds only complete runs, and out/ holds only complete run
# folders (every run-NNNN has its 4 files, hashed as summary.json's `outputs` says; other
# entries may only be staging folders `.run-NNNN.staging-PID`). Then a final run succeeds.
# Usage: crash.sh KANZAI_BINARY [KILLS] [CUSTOMERS]
set -euo pipefail
kanzai=$1
kills=${2:-50}
customers=${3:-20000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case_folder=$work/case
"$kanzai" synth "$case_folder" --customers "$customers" --seed 11 > /dev/null

# With case.db by default; KANZAI_CRASH_NO_DB=1 checks the out folders alone.
db_flag=
if [ "${KANZAI_CRASH_NO_DB:-0}" = 1 ]; then
    db_flag=--no-db
fi
# Time one full run to spread the kills over it (and a little past its end).
start=$(date +%s%N)
"$kanzai" run "$case_folder" $db_flag > /dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
python3 "$here/check_case_state.py" "$case_folder" || { echo "after the timed run"; exit 1; }

# Kill at 1/(KILLS+2) .. KILLS/(KILLS+2) of the measured time, again from the start while
# fewer than KILLS runs died mid-way (under load a run is slower or faster than measured).
killed=0
attempts=0
while [ "$killed" -lt "$kills" ] && [ "$attempts" -lt $((3 * kills)) ]; do
    attempts=$((attempts + 1))
    delay_ms=$(( full_ms * ((attempts - 1) % kills + 1) / (kills + 2) ))
    "$kanzai" run "$case_folder" $db_flag > /dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    if kill -KILL "$pid" 2> /dev/null; then
        killed=$((killed + 1))
    fi
    wait "$pid" 2> /dev/null || true
    python3 "$here/check_case_state.py" "$case_folder" ||
        { echo "after attempt $attempts (kill at ${delay_ms} ms of ${full_ms} ms)"; exit 1; }
done
"$kanzai" run "$case_folder" $db_flag > "$work/final.txt" ||
    { echo "the run after the kills failed"; exit 1; }
python3 "$here/check_case_state.py" "$case_folder" || { echo "after the final run"; exit 1; }
echo "$killed runs killed mid-way in $attempts attempts (full run ${full_ms} ms);" \
    "$(cat "$work/final.txt")"
[ "$killed" -ge "$kills" ] || { echo "only $killed of $kills kills hit a running kanzai"; exit 1; }
