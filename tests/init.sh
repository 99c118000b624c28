#!/usr/bin/env bash
# `kanzai init DIR` makes a case folder that `kanzai check` accepts and `kanzai run` runs,
# with every file of SPEC "The case folder"; it refuses a non-empty DIR and writes nothing.
set -euo pipefail
kanzai=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$kanzai" init "$work/case" > /dev/null
for f in case.toml customers.csv ledger.csv claims.csv holdings.csv identities.csv \
         transfers.csv creditors.csv determinations.csv payments.csv elections.csv README.md; do
    [ -f "$work/case/$f" ] || { echo "init: $f missing"; exit 1; }
done
"$kanzai" check "$work/case" > /dev/null
"$kanzai" run "$work/case" --out "$work/run" --no-db > /dev/null
[ -s "$work/run/payouts.csv" ] || { echo "init: the run wrote no payouts"; exit 1; }
# Every commented key of the template is valid as written once uncommented.
cp -r "$work/case" "$work/v3"
sed -i -E 's/^# (record_date|paid_in|distribution_price|pool_cost|threshold|rate|tranche|elective|convert_to) /\1 /; s/^# \[(convenience|payouts)\]/[\1]/' "$work/v3/case.toml"
for key in record_date paid_in distribution_price pool_cost threshold rate elective convert_to; do
    grep -q "^$key = " "$work/v3/case.toml" || { echo "init: no template line for $key"; exit 1; }
done
"$kanzai" check "$work/v3" > /dev/null || { echo "init: the v3 keys uncommented do not check"; exit 1; }
"$kanzai" run "$work/v3" --out "$work/v3-run" --no-db > /dev/null
grep -q '"convenience": {' "$work/v3-run/summary.json" || { echo "init: no convenience"; exit 1; }
before=$(ls -la "$work/case" | sha256sum)
if "$kanzai" init "$work/case" 2> "$work/stderr"; then
    echo "init: a non-empty folder was accepted"; exit 1
fi
grep -q "exists and is not empty" "$work/stderr" || { echo "init: unclear message"; exit 1; }
[ "$(ls -la "$work/case" | sha256sum)" = "$before" ] || { echo "init: folder changed"; exit 1; }
echo "init: ok"
