#!/usr/bin/env bash
# I/O failures give exit 4, a clear message, and leave earlier state intact (SPEC "Command
# line": 4 I/O error; "Outputs of a run"). One scenario per call:
#   read-only  --out under a read-only folder, and the case's out/ read-only
#   non-empty  --out naming a non-empty folder; out/ being a file
#   locked     case.db held by another process's exclusive transaction
# Root ignores folder modes, so as root the read-only runs drop to uid 65534 with setpriv.
# Exit 77 (CTest: skipped) when a scenario cannot be set up here.
# Usage: io_failures.sh KANZAI_BINARY SCENARIO
set -uo pipefail
kanzai=$1
scenario=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2> /dev/null; rm -rf "$work"' EXIT
chmod 0755 "$work"
case_folder=$work/case
"$kanzai" synth "$case_folder" --customers 50 --seed 3 > /dev/null || exit 1
"$kanzai" run "$case_folder" > /dev/null || { echo "the first run failed"; exit 1; }

fail() { echo "io_failures/$scenario: $*"; exit 1; }

# Every path under the work folder with the SHA-256 of each file and the mode of each entry.
snapshot() {
    (cd "$work" && find . -path ./stdout -prune -o -path ./stderr -prune -o -print0 |
        sort -z | xargs -0 stat -c '%n %a %s' &&
        find . -type f ! -name stdout ! -name stderr -print0 | sort -z | xargs -0 sha256sum)
}

# Runs kanzai with ARGS (as uid 65534 when AS_OTHER=1 and we are root), expects exit 4, a
# stderr matching PATTERN, and an unchanged work folder.
expect_io_error() {
    local pattern=$1
    shift
    local before after code
    before=$(snapshot)
    if [ "${AS_OTHER:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups "$kanzai" "$@" \
            > "$work/stdout" 2> "$work/stderr"
    else
        "$kanzai" "$@" > "$work/stdout" 2> "$work/stderr"
    fi
    code=$?
    after=$(snapshot)
    [ "$code" = 4 ] || fail "kanzai $* exited $code, not 4: $(cat "$work/stderr")"
    grep -Eq "$pattern" "$work/stderr" ||
        fail "kanzai $*: stderr does not match /$pattern/: $(cat "$work/stderr")"
    [ "$before" = "$after" ] || fail "kanzai $* changed the folder: $(diff <(echo "$before") \
        <(echo "$after"))"
    echo "kanzai $*: exit 4: $(head -1 "$work/stderr")"
}

case $scenario in
read-only)
    if [ "$(id -u)" = 0 ]; then
        command -v setpriv > /dev/null || { echo "root without setpriv: skipped"; exit 77; }
        chmod -R a+rX "$work"
        [ -x "$kanzai" ] && setpriv --reuid=65534 --regid=65534 --clear-groups \
            "$kanzai" --help > /dev/null 2>&1 || { echo "uid 65534 cannot run kanzai"; exit 77; }
    fi
    mkdir "$work/read-only" && chmod 0555 "$work/read-only"
    AS_OTHER=1 expect_io_error "Permission denied" run "$case_folder" --no-db \
        --out "$work/read-only/run"
    chmod 0555 "$case_folder/out"
    AS_OTHER=1 expect_io_error "Permission denied" run "$case_folder" --no-db
    ;;
non-empty)
    mkdir "$work/full" && echo keep > "$work/full/note.txt"
    expect_io_error "exists and is not empty; nothing was written" run "$case_folder" \
        --out "$work/full"
    expect_io_error "exists and is not empty; nothing was written" run "$case_folder" \
        --out "$case_folder/out/run-0001"
    rm -rf "$case_folder/out" && echo "not a folder" > "$case_folder/out"
    expect_io_error "Not a directory" run "$case_folder"
    ;;
locked)
    [ -f "$case_folder/case.db" ] || { echo "kanzai run writes no case.db yet: skipped"; exit 77; }
    python3 - "$case_folder/case.db" "$work/locked" <<'PY' &
import sqlite3, sys, time, pathlib
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
pathlib.Path(sys.argv[2]).touch()
time.sleep(30)
PY
    holder=$!
    for _ in $(seq 100); do [ -f "$work/locked" ] && break; sleep 0.1; done
    rm -f "$work/locked"
    expect_io_error "(case.db|case database).*locked" run "$case_folder"
    kill "$holder"
    wait "$holder" 2> /dev/null
    python3 "$here/check_case_state.py" "$case_folder" || exit 1
    "$kanzai" run "$case_folder" > /dev/null || fail "the run after the lock failed"
    ;;
*)
    echo "unknown scenario $scenario"; exit 1 ;;
esac
