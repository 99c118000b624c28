#!/usr/bin/env bash
# The commands agree (SPEC "Command line"): a run that no record holds is invalid input
# (exit 2) in every command that takes one; `--run 0` and negative runs are usage errors
# (exit 1); a `--no-db` run announces no run number; synth refuses what it cannot write.
# Usage: consistency.sh KANZAI SOURCE_DIR
set -uo pipefail
kanzai=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "consistency: $*"; failures=$((failures + 1)); }

# expect CODE COMMAND...: the exit code, and nothing written in the case folder.
expect() {
    local code=$1
    shift
    local before after
    before=$(cd "$work" && find case -printf '%p %s\n' | sort | sha256sum)
    "$kanzai" "$@" > "$work/stdout" 2> "$work/stderr"
    local got=$?
    after=$(cd "$work" && find case -printf '%p %s\n' | sort | sha256sum)
    [ "$got" = "$code" ] || fail "$* exited $got, not $code: $(head -c 300 "$work/stderr")"
    [ "$before" = "$after" ] || fail "$* changed the case folder"
}

cp -r "$source_dir/samples/tutorial" "$work/case"
rm -f "$work/case/expect.sh"
"$kanzai" run "$work/case" > /dev/null || { echo "consistency: run failed"; exit 1; }

# A run that is not recorded: exit 2, with case.db and with only run folders.
for db in with-db without-db; do
    [ "$db" = without-db ] && rm -f "$work/case/case.db"
    expect 2 explain "$work/case" C01 --run 7
    expect 2 diff "$work/case" 1 7
    expect 2 report "$work/case" --run 7 --html "$work/report.html"
    expect 2 notices "$work/case" --run 7 --out "$work/notices"
    [ -e "$work/report.html" ] && fail "report of no run wrote a file ($db)"
    [ -e "$work/notices" ] && fail "notices of no run wrote a folder ($db)"
done
"$kanzai" run "$work/case" > /dev/null 2>&1 || true  # case.db again, as run 2
[ -f "$work/case/case.db" ] || fail "the second run recorded nothing"
expect 2 audit "$work/case" --run 7
expect 2 proof "$work/case" C03 --run 7

# Run numbers are positive: 0 and negative numbers are usage errors.
for number in 0 -1; do
    expect 1 explain "$work/case" C01 --run "$number"
    expect 1 report "$work/case" --run "$number" --html "$work/report.html"
    expect 1 notices "$work/case" --run "$number" --out "$work/notices"
    expect 1 audit "$work/case" --run "$number"
    expect 1 proof "$work/case" C03 --run "$number"
    expect 1 diff "$work/case" "$number" 1
    expect 1 diff "$work/case" 1 "$number"
done

# A --no-db run is not recorded, so it announces no run number.
"$kanzai" run "$work/case" --no-db > "$work/stdout" 2>&1 || fail "run --no-db failed"
grep -q '^run [0-9]' "$work/stdout" && fail "run --no-db announced: $(cat "$work/stdout")"
grep -q '^not recorded (--no-db): ' "$work/stdout" || fail "run --no-db said: $(cat "$work/stdout")"
"$kanzai" run "$work/case" > "$work/stdout" 2>&1 || fail "run failed"
grep -q '^run [0-9]\+: ' "$work/stdout" || fail "a recorded run said: $(cat "$work/stdout")"

# synth: the limits its help states are the ones it enforces (a negative count used to wrap
# to 2^64 - 5 customers and fill the disk).
for arguments in "--customers 0" "--customers -5" "--customers 100000001" \
                 "--customers 10 --assets 0" "--customers 10 --assets 11"; do
    # shellcheck disable=SC2086
    timeout 20 "$kanzai" synth "$work/synth" $arguments > /dev/null 2>&1
    code=$?
    [ "$code" = 1 ] || fail "synth $arguments exited $code, not 1"
    [ -e "$work/synth" ] && fail "synth $arguments wrote a folder" && rm -rf "$work/synth"
done
"$kanzai" synth --help | grep -q 'Number of customers (1..100000000)' ||
    fail "synth --help does not state the customers limit"
"$kanzai" synth --help | grep -q 'assets (1..10)' ||
    fail "synth --help does not state the assets limit"
"$kanzai" synth "$work/s1" --customers 300 --assets 10 --seed 7 > /dev/null &&
    "$kanzai" synth "$work/s2" --customers 300 --assets 10 --seed 7 > /dev/null ||
    fail "synth at its assets limit failed"
diff -r "$work/s1" "$work/s2" > /dev/null || fail "synth with one seed gave different files"

[ "$failures" = 0 ] || { echo "consistency: $failures failure(s)"; exit 1; }
echo "consistency: ok"
