#!/usr/bin/env bash
# `kanzai synth --v3` writes a case that uses every SPEC v3 rule and that `check` accepts:
# the run has a convenience class (some members by election), conversions both ways, failed
# payments, and a pool cost; without --v3 the case has none of them.
set -euo pipefail
kanzai=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$kanzai" synth "$work/v3" --customers 3000 --seed 5 --v3 > /dev/null
"$kanzai" synth "$work/v2" --customers 3000 --seed 5 > /dev/null
"$kanzai" check "$work/v3" > /dev/null
for f in v3 v2; do "$kanzai" run "$work/$f" --no-db --out "$work/$f-run" > /dev/null; done
python3 - "$work/v3-run/summary.json" "$work/v2-run/summary.json" <<'PY'
import json, sys
v3, v2 = (json.load(open(p)) for p in sys.argv[1:3])
assert v3["convenience"]["claimants"] > 0 and v3["convenience"]["elected"] > 0, v3["convenience"]
pairs = {(c["from_asset"], c["to_asset"]) for c in v3["conversions"]}
assert ("ETH", "JPY") in pairs and ("JPY", "BTC") in pairs, pairs
assert "failed" in v3["payments_not_completed"], v3["payments_not_completed"]
assert v3["assets"]["BTC"]["cost"] != "0.00000000", v3["assets"]["BTC"]
assert "convenience" not in v2 and v2["conversions"] == [] and v2["payments_not_completed"] == {}
print("synth v3: ok")
PY
