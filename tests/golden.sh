#!/usr/bin/env bash
# Golden whole runs (STYLE.md §8): `golden.sh KANZAI DIR` runs `kanzai run DIR/case` and
# compares decisions.csv, allocations.csv, payouts.csv and summary.json with DIR/expected/
# byte for byte, and the exit code with DIR/expected/exit_code (default 0).
# Then it shuffles the data rows of every input CSV (seeded) and requires byte-identical CSV
# outputs and a summary.json that differs at most in the input hashes (SPEC "Outputs").
# KANZAI_UPDATE_GOLDEN=1 rewrites DIR/expected from this run; the reviewer reads the diff.
set -uo pipefail
kanzai=$1
dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$dir/case" "$work/case"
rm -rf "$work/case/out" "$work/case/case.db"

"$kanzai" run "$work/case" --out "$work/run" --no-db > "$work/stdout" 2> "$work/stderr"
code=$?
expected_code=$(cat "$dir/expected/exit_code" 2>/dev/null || echo 0)
outputs="decisions.csv allocations.csv payouts.csv summary.json"

if [ "${KANZAI_UPDATE_GOLDEN:-0}" = 1 ]; then
    mkdir -p "$dir/expected"
    echo "$code" > "$dir/expected/exit_code"
    for f in $outputs; do [ -f "$work/run/$f" ] && cp "$work/run/$f" "$dir/expected/$f"; done
    cp "$work/stderr" "$dir/expected/stderr"
    echo "golden: updated $dir/expected"
    exit 0
fi

status=0
if [ "$code" != "$expected_code" ]; then
    echo "golden: exit code $code, expected $expected_code"; cat "$work/stderr"; exit 1
fi
if [ -f "$dir/expected/stderr" ] && ! diff -u "$dir/expected/stderr" "$work/stderr"; then
    status=1
fi
[ "$code" = 0 ] || exit $status
for f in $outputs; do
    if ! diff -u "$dir/expected/$f" "$work/run/$f"; then
        echo "golden: $f differs from $dir/expected/$f"; status=1
    fi
done

# Permutation invariance: shuffled input rows, same outputs.
python3 - "$work/case" "$work/shuffled" <<'PY'
import csv, io, os, random, shutil, sys
source, target = sys.argv[1], sys.argv[2]
shutil.copytree(source, target)
rng = random.Random(20261122)
for name in sorted(os.listdir(target)):
    if not name.endswith(".csv"):
        continue
    path = os.path.join(target, name)
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.reader(f) if r]
    if len(rows) < 3:
        continue
    header, body = rows[0], rows[1:]
    rng.shuffle(body)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(body)
    with open(path, "w", newline="", encoding="utf-8") as f:
        f.write(out.getvalue())
PY
"$kanzai" run "$work/shuffled" --out "$work/run-shuffled" --no-db > /dev/null 2>&1 || {
    echo "golden: the shuffled case failed"; exit 1; }
for f in decisions.csv allocations.csv payouts.csv; do
    if ! cmp -s "$work/run/$f" "$work/run-shuffled/$f"; then
        echo "golden: $f changes when input rows are shuffled"; status=1
    fi
done
strip_inputs() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.pop("inputs"); print(json.dumps(d))' "$1"; }
if [ "$(strip_inputs "$work/run/summary.json")" != "$(strip_inputs "$work/run-shuffled/summary.json")" ]; then
    echo "golden: summary.json changes beyond input hashes when rows are shuffled"; status=1
fi
exit $status
