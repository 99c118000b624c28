#!/usr/bin/env bash
# `kanzai init DIR` makes a case folder that `kanzai check` accepts and `kanzai run` runs,
# with every file of SPEC "The case folder"; it refuses a non-empty DIR and writes nothing.
set -euo pipefail
kanzai=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$kanzai" init "$work/case" > /dev/null
for f in case.toml customers.csv ledger.csv claims.csv holdings.csv identities.csv \
         transfers.csv creditors.csv determinations.csv payments.csv README.md; do
    [ -f "$work/case/$f" ] || { echo "init: $f missing"; exit 1; }
done
"$kanzai" check "$work/case" > /dev/null
"$kanzai" run "$work/case" --out "$work/run" --no-db > /dev/null
[ -s "$work/run/payouts.csv" ] || { echo "init: the run wrote no payouts"; exit 1; }
before=$(ls -la "$work/case" | sha256sum)
if "$kanzai" init "$work/case" 2> "$work/stderr"; then
    echo "init: a non-empty folder was accepted"; exit 1
fi
grep -q "exists and is not empty" "$work/stderr" || { echo "init: unclear message"; exit 1; }
[ "$(ls -la "$work/case" | sha256sum)" = "$before" ] || { echo "init: folder changed"; exit 1; }
echo "init: ok"
