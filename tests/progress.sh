#!/usr/bin/env bash
# `kanzai run` shows progress on stderr only when stderr is a terminal: under a pseudo-terminal
# (util-linux `script`) a case large enough for 0.2 s phases (250,000 customers: loading
# alone takes about 0.5 s since the performance work made 60,000 too fast) prints "kanzai: <phase> done"
# lines; with stderr redirected it prints nothing. Exit 77 (skipped) without `script`.
set -uo pipefail
kanzai=$1
command -v script > /dev/null || { echo "progress: no script(1)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$kanzai" synth "$work/case" --customers 250000 --seed 2 > /dev/null || exit 1
script -qec "$kanzai run $work/case --out $work/run-tty --no-db" /dev/null > "$work/tty" ||
    { echo "progress: the run under a terminal failed"; exit 1; }
grep -qE '^kanzai: [a-z_]+ done \([0-9]+\.[0-9] s\)' "$work/tty" ||
    { echo "progress: no progress line under a terminal:"; cat "$work/tty"; exit 1; }
"$kanzai" run "$work/case" --out "$work/run-quiet" --no-db > /dev/null 2> "$work/stderr" ||
    { echo "progress: the quiet run failed"; exit 1; }
[ ! -s "$work/stderr" ] || { echo "progress: stderr not quiet:"; cat "$work/stderr"; exit 1; }
cmp -s "$work/run-tty/payouts.csv" "$work/run-quiet/payouts.csv" ||
    { echo "progress: outputs differ with a terminal"; exit 1; }
echo "progress: ok"
