#!/usr/bin/env bash
# Security basics: outputs are owner-only whatever the umask (run folders 0700,
# files 0600, case.db 0600), and ids that look like paths (`../x`, `/abs/path`) in every
# input file cannot make kanzai write outside the case folder or --out.
# Usage: security.sh KANZAI_BINARY
set -euo pipefail
kanzai=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
escape=$work/escape-target  # what an absolute id points at; must never appear
trap 'rm -rf "$work"' EXIT
fail() { echo "security: $*"; exit 1; }

"$kanzai" synth "$work/case" --customers 300 --seed 5 > /dev/null
# Customer ids become `../../../escape/C…`, claim ids `<work>/escape-target/K…`, account ids
# `../A…`, holding ids `/H…`: every reference changes with its id, so the case stays valid.
python3 - "$work/case" "$escape" <<'PY'
import pathlib, sys
folder, escape = pathlib.Path(sys.argv[1]), sys.argv[2]
for path in folder.glob("*.csv"):
    text = path.read_text(encoding="utf-8")
    text = (text.replace("C0", "../../../escape/C0").replace("K0", escape + "/K0")
            .replace("A0", "../A0").replace("H-", "/H-").replace("T0", "../T0"))
    path.write_text(text, encoding="utf-8")
PY
grep -q '\.\./\.\./\.\./escape/C0' "$work/case/customers.csv" || fail "ids were not rewritten"

listing() { (cd "$work" && find . -path ./case -prune -o -path ./given -prune -o -path ./run.txt -prune -o -print | sort); }
before=$(listing)
(umask 000 && "$kanzai" run "$work/case" > "$work/run.txt") ||
    fail "run with path-like ids failed: $(cat "$work/run.txt")"
(umask 000 && "$kanzai" run "$work/case" --no-db --out "$work/given/run" > /dev/null) ||
    fail "run --out with path-like ids failed"
after=$(listing)
[ "$before" = "$after" ] || fail "files appeared outside the case folder and --out:
$(diff <(echo "$before") <(echo "$after"))"
[ ! -e "$escape" ] || fail "$escape was created"
[ ! -e "$work/escape" ] && [ ! -e "$work/../escape" ] || fail "an escape folder was created"
grep -q '\.\./\.\./\.\./escape/C0' "$work/case/out/run-0001/decisions.csv" ||
    fail "decisions.csv does not carry the path-like ids"

# Owner-only modes under umask 000 (check_case_state.py checks every run folder and file).
python3 "$here/check_case_state.py" "$work/case"
expected=$(printf 'given/run 700\n'; for f in allocations.csv decisions.csv payouts.csv \
    summary.json; do printf 'given/run/%s 600\n' "$f"; done)
actual=$(cd "$work" && find given/run -print0 | sort -z | xargs -0 stat -c '%n %a')
[ "$actual" = "$expected" ] || fail "--out modes are not owner-only: $actual"
for db in "$work"/case/case.db*; do
    [ -e "$db" ] || continue
    [ "$(stat -c %a "$db")" = 600 ] || fail "$db has mode $(stat -c %a "$db"), not 600"
done
echo "path-like ids stayed data; outputs owner-only: $(cat "$work/run.txt")"
