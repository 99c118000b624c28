#!/usr/bin/env bash
# Determinism (SPEC "Outputs of a run"): for a synthetic case of CUSTOMERS customers and each
# SEED, (1) two runs of the same input give identical output hashes, and (2) shuffling the
# records of every input CSV (tests/reliability/shuffle_csv.py, seeded) gives byte-identical
# decisions/allocations/payouts CSVs and a summary.json that differs only in `inputs`.
# The shuffle must change at least one input file, else the test would prove nothing.
# The case has a proof.key, so the proof root compared is salted (SPEC "Proof of
# distribution": it follows payouts.csv, whatever the order of the input rows).
# Usage: determinism.sh KANZAI_BINARY CUSTOMERS SEED...
set -euo pipefail
kanzai=$1
customers=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "determinism ($customers customers, seed $seed): $*"; exit 1; }

for seed in "$@"; do
    rm -rf "$work"/*
    "$kanzai" synth "$work/case" --customers "$customers" --seed "$seed" > /dev/null
    printf 'determinism: a proof key of 32 bytes or more' > "$work/case/proof.key"
    "$kanzai" run "$work/case" --out "$work/a" --no-db > /dev/null
    "$kanzai" run "$work/case" --out "$work/b" --no-db > /dev/null
    for file in decisions.csv allocations.csv payouts.csv summary.json; do
        cmp -s "$work/a/$file" "$work/b/$file" || fail "two runs of one input differ in $file"
    done

    cp -R "$work/case" "$work/shuffled"
    rm -rf "$work/shuffled/out"
    python3 "$here/shuffle_csv.py" "$work/shuffled" "$seed"
    changed=0
    for input in "$work"/case/*.csv; do
        cmp -s "$input" "$work/shuffled/$(basename "$input")" || changed=$((changed + 1))
    done
    [ "$changed" -gt 0 ] || fail "the shuffle changed no input file"
    "$kanzai" run "$work/shuffled" --out "$work/c" --no-db > /dev/null
    for file in decisions.csv allocations.csv payouts.csv; do
        cmp -s "$work/a/$file" "$work/c/$file" ||
            fail "shuffled input rows change $file: $(diff "$work/a/$file" "$work/c/$file" |
                head -5)"
    done
    python3 "$here/compare_summaries.py" "$work/a/summary.json" "$work/c/summary.json" ||
        fail "shuffled input rows change summary.json beyond its input hashes"
    root_of() {
        python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["proof"]
assert p["salted"] is True and p["leaves"] > 0, p
print(p["root"])' "$1"
    }
    root_a=$(root_of "$work/a/summary.json") || fail "run a has no salted proof root"
    root_c=$(root_of "$work/c/summary.json") || fail "the shuffled run has no salted proof root"
    [ "$root_a" = "$root_c" ] || fail "shuffled input rows change the proof root"
    cmp -s "$work/a/summary.json" "$work/c/summary.json" &&
        fail "summary.json kept the input hashes of the unshuffled files"
    echo "seed $seed: $changed input files shuffled, outputs identical"
done
