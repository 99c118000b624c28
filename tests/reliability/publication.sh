#!/usr/bin/env bash
# The publication of a run (docs/case-db.md "Publishing a run"; docs/reliability.md), one
# scenario per call, each on small synthetic cases (a run takes a few tens of ms):
#   nothing-written  an invariant violation (exit 3, raised by the test hook at the step after
#                    the waterfall) writes nothing: no out/, no case.db, no -wal; on a case
#                    with a recorded run, case.db stays byte for byte as it was
#   not-a-database   a 0-byte case.db, a text file and an SQLite file without kanzai's schema
#                    are refused (exit 4) and left untouched; nothing else is written
#   kill-steps       SIGKILL (test hook) at every step of the publication order, on a first
#                    run (no case.db yet) and on a second one: only documented states are
#                    seen, and the next run cleans up, sets an unrecorded folder aside as
#                    `run-NNNN.unrecorded` with a message, and takes the next number
#   concurrent       two `kanzai run` of one case at once both succeed, as runs 1 and 2
#   readers          explain, diff, report and notices leave the case folder as it was (no
#                    -wal, no -shm) and work on a read-only case folder
#   modes            under umask 000 every output is owner-only: out/, run folders and the
#                    notices folder 0700; their files, case.db and the report 0600
# Usage: publication.sh KANZAI_BINARY SCENARIO
set -uo pipefail
kanzai=$1
scenario=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "publication/$scenario: $*"; exit 1; }
"$kanzai" synth "$work/template" --customers 60 --seed 5 > /dev/null || fail "synth failed"

# A fresh copy of the template case at $work/$1.
fresh() { rm -rf "${work:?}/$1"; cp -r "$work/template" "$work/$1"; }
listing() { (cd "$1" && find . -mindepth 1 -print | sort); }
hashes() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
runs_recorded() { sqlite3 "$1/case.db" 'SELECT group_concat(number) FROM runs'; }

case $scenario in
nothing-written)
    fresh a
    before=$(hashes "$work/a")
    KANZAI_TEST_ASSERT_AT=distributed "$kanzai" run "$work/a" > /dev/null 2> "$work/err"
    code=$?
    [ "$code" = 3 ] || fail "exit $code, not 3: $(cat "$work/err")"
    grep -q "nothing was written" "$work/err" || fail "message: $(cat "$work/err")"
    [ "$(listing "$work/a")" = "$(listing "$work/template")" ] ||
        fail "exit 3 left: $(diff <(listing "$work/template") <(listing "$work/a"))"
    [ "$(hashes "$work/a")" = "$before" ] || fail "exit 3 changed the inputs"
    "$kanzai" run "$work/a" > /dev/null || fail "the first real run failed"
    before=$(listing "$work/a")
    db=$(sha256sum < "$work/a/case.db")
    KANZAI_TEST_ASSERT_AT=distributed "$kanzai" run "$work/a" > /dev/null 2> "$work/err"
    [ $? = 3 ] || fail "the second violation did not exit 3"
    [ "$(listing "$work/a")" = "$before" ] ||
        fail "exit 3 left: $(diff <(echo "$before") <(listing "$work/a"))"
    [ "$(sha256sum < "$work/a/case.db")" = "$db" ] || fail "exit 3 changed case.db"
    # --no-db and --out: the same.
    KANZAI_TEST_ASSERT_AT=distributed "$kanzai" run "$work/a" --out "$work/x/y/run" \
        > /dev/null 2>&1
    [ $? = 3 ] && [ ! -e "$work/x" ] || fail "exit 3 with --out left $work/x"
    ;;
not-a-database)
    for kind in empty text foreign; do
        fresh "$kind"
        case $kind in
        empty) : > "$work/$kind/case.db" ;;
        text) echo "notes of the administrator" > "$work/$kind/case.db" ;;
        foreign) sqlite3 "$work/$kind/case.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1)' ;;
        esac
        before=$(hashes "$work/$kind")
        listed=$(listing "$work/$kind")
        "$kanzai" run "$work/$kind" > /dev/null 2> "$work/err"
        code=$?
        [ "$code" = 4 ] || fail "$kind case.db: exit $code, not 4: $(cat "$work/err")"
        grep -q "case.db" "$work/err" || fail "$kind case.db: message $(cat "$work/err")"
        [ "$(hashes "$work/$kind")" = "$before" ] || fail "$kind case.db: a file changed"
        [ "$(listing "$work/$kind")" = "$listed" ] ||
            fail "$kind case.db: left $(diff <(echo "$listed") <(listing "$work/$kind"))"
        # The readers refuse it the same way, and write nothing either.
        "$kanzai" explain "$work/$kind" C000001 > /dev/null 2> "$work/err"
        code=$?
        [ "$code" = 4 ] || fail "$kind case.db: explain exit $code: $(cat "$work/err")"
        [ "$(listing "$work/$kind")" = "$listed" ] || fail "$kind case.db: explain wrote"
        echo "$kind case.db: $(head -1 "$work/err")"
    done
    ;;
kill-steps)
    steps="distributed staged finished marked renamed committed db-published unmarked"
    for first in yes no; do
        for step in $steps; do
            fresh k
            if [ "$first" = no ]; then
                "$kanzai" run "$work/k" > /dev/null || fail "run 1 failed"
            fi
            (KANZAI_TEST_KILL_AT=$step exec "$kanzai" run "$work/k" > /dev/null 2>&1)
            code=$?
            [ "$code" = 137 ] || fail "$step: the hook did not kill (exit $code)"
            python3 "$here/check_case_state.py" "$work/k" || fail "after a kill at $step"
            "$kanzai" run "$work/k" > "$work/out" 2> "$work/err" ||
                fail "$step: the next run failed: $(cat "$work/err")"
            python3 "$here/check_case_state.py" "$work/k" || fail "after the run after $step"
            n=$([ "$first" = yes ] && echo 1 || echo 2)  # the killed run's number
            # What the killed run left, and what the next one made of it.
            case $step in
            distributed|staged|finished|marked) expect_recorded=$n; set_aside=no ;;
            renamed) set_aside=yes ;;
            committed) [ "$first" = yes ] && set_aside=yes || set_aside=no ;;
            db-published|unmarked) set_aside=no ;;
            esac
            folder=$(printf 'run-%04d' "$n")
            if [ "$set_aside" = yes ]; then
                [ -d "$work/k/out/$folder.unrecorded" ] ||
                    fail "$step (first=$first): $folder not set aside: $(ls -A "$work/k/out")"
                grep -q "killed before case.db recorded it" "$work/err" ||
                    fail "$step: the set-aside folder was not reported: $(cat "$work/err")"
                next=$((n + 1))
            elif [ "$step" = committed ] || [ "$step" = db-published ] ||
                [ "$step" = unmarked ]; then
                next=$((n + 1))  # the killed run was recorded
                [ -d "$work/k/out/$folder" ] || fail "$step: the recorded $folder is missing"
            else
                next=$n  # nothing of the killed run is left: its number is free again
            fi
            grep -q "^run $next:" "$work/out" || fail "$step (first=$first): the next run " \
                "is not run $next: $(cat "$work/out")"
            [ -z "$(find "$work/k" -name '.*staging*' -o -name '.*.publishing' \
                -o -name '.case.db.new-*')" ] || fail "$step: debris left: $(ls -A "$work/k" \
                "$work/k/out")"
            recorded=$(runs_recorded "$work/k")
            echo "kill at $step (first run: $first): next run $next, recorded $recorded"
        done
    done
    ;;
concurrent)
    "$kanzai" synth "$work/c" --customers 3000 --seed 8 > /dev/null
    "$kanzai" run "$work/c" > "$work/out1" 2> "$work/err1" &
    first=$!
    "$kanzai" run "$work/c" > "$work/out2" 2> "$work/err2" &
    second=$!
    wait "$first" || fail "the first run failed: $(cat "$work/err1")"
    wait "$second" || fail "the second run failed: $(cat "$work/err2")"
    [ "$(runs_recorded "$work/c")" = "1,2" ] || fail "recorded: $(runs_recorded "$work/c")"
    [ -d "$work/c/out/run-0001" ] && [ -d "$work/c/out/run-0002" ] || fail "folders missing"
    python3 "$here/check_case_state.py" "$work/c" || fail "state after two concurrent runs"
    cat "$work/out1" "$work/out2" "$work/err1" "$work/err2"
    ;;
modes)
    fresh m
    (umask 000 && "$kanzai" run "$work/m" > /dev/null && "$kanzai" run "$work/m" --out \
        "$work/m-out/deep/run" > /dev/null && "$kanzai" report "$work/m" --html \
        "$work/m.html" > /dev/null && "$kanzai" notices "$work/m" --out "$work/m-notices" \
        > /dev/null) || fail "a command failed under umask 000"
    for path in "$work/m/out" "$work/m/out/run-0001" "$work/m-out" "$work/m-out/deep" \
        "$work/m-out/deep/run" "$work/m-notices"; do
        [ "$(stat -c %a "$path")" = 700 ] || fail "$path has mode $(stat -c %a "$path")"
    done
    for path in "$work/m/case.db" "$work/m.html" "$work/m/out/run-0001/"* \
        "$work/m-out/deep/run/"* "$work/m-notices/"*; do
        [ "$(stat -c %a "$path")" = 600 ] || fail "$path has mode $(stat -c %a "$path")"
    done
    echo "modes: owner-only under umask 000"
    ;;
readers)
    fresh r
    "$kanzai" run "$work/r" > /dev/null && "$kanzai" run "$work/r" > /dev/null ||
        fail "the runs failed"
    read_all() {  # as the caller's user; OUT is a writable folder for the report and notices
        local out=$1
        "$kanzai" explain "$work/r" C000000001 > /dev/null &&
            "$kanzai" explain "$work/r" C000000001 --run 1 --json > /dev/null &&
            "$kanzai" diff "$work/r" 1 2 > /dev/null &&
            "$kanzai" report "$work/r" --run 1 --html "$out/report.html" > /dev/null &&
            "$kanzai" notices "$work/r" --out "$out/notices" > /dev/null
    }
    before=$(listing "$work/r")
    hashed=$(hashes "$work/r")
    mkdir "$work/read-1"
    read_all "$work/read-1" || fail "a reader failed"
    [ "$(listing "$work/r")" = "$before" ] ||
        fail "readers wrote: $(diff <(echo "$before") <(listing "$work/r"))"
    [ "$(hashes "$work/r")" = "$hashed" ] || fail "readers changed a file"
    # A read-only case folder (root ignores modes: the readers run as uid 65534).
    chmod 0755 "$work"
    chmod -R a+rX,a-w "$work/r"
    mkdir "$work/read-2" && chmod 0777 "$work/read-2"
    if [ "$(id -u)" = 0 ]; then
        command -v setpriv > /dev/null || { echo "root without setpriv: skipped"; exit 77; }
        export -f read_all
        export kanzai work
        setpriv --reuid=65534 --regid=65534 --clear-groups bash -c "read_all $work/read-2" ||
            fail "a reader failed on a read-only case folder"
    else
        read_all "$work/read-2" || fail "a reader failed on a read-only case folder"
    fi
    chmod -R u+w "$work/r"
    [ "$(listing "$work/r")" = "$before" ] ||
        fail "readers wrote: $(diff <(echo "$before") <(listing "$work/r"))"
    echo "readers: explain, diff, report and notices wrote nothing into the case folder"
    ;;
*)
    fail "unknown scenario" ;;
esac
