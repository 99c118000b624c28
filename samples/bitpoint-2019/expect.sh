#!/usr/bin/env bash
# Runs the case and asserts Bitpoint's published outcome exactly: every customer is restored
# 1:1 in the same coin (each pool is whole again), and the stolen units per coin are reported
# as lost: BTC 1,225; BCH 1,985; ETH 11,169; LTC 5,108; XRP 28,106,343.
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" "$sample" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from expect_lib import Inputs, Run, check_per_claim_rules, units

run = Run(sys.argv[1])
inputs = Inputs(sys.argv[3])
check_per_claim_rules(run, inputs)
stolen = {"BTC": "1225.00000000", "BCH": "1985.00000000",
          "ETH": "11169.000000000000000000", "LTC": "5108.00000000",
          "XRP": "28106343.000000"}
for asset, lost in stolen.items():
    figures = run.summary["assets"][asset]
    run.equal(figures["coverage"], "1.000000", f"{asset} coverage")
    run.equal(figures["pool"], figures["claims"], f"{asset} pool = claims")
    run.equal(figures["allocated"], figures["claims"], f"{asset} allocated = claims")
    run.equal(units(figures["surplus"]), 0, f"{asset} surplus")
    run.equal(run.summary["holdings_not_distributed"]["lost"][asset], lost, f"{asset} lost")
pool = run.allocations_by("pool:")
others = [a for a in run.allocations if not a["source"].startswith("pool:")]
run.equal(len(others), 0, "allocations from funds or the estate")
lines = 0
for d in run.decisions:
    if d["class"] == "customer":
        lines += 1
        run.equal(pool.get(d["claim_id"], 0), units(d["admitted"]),
                  f"{d['claim_id']} restored 1:1 in {d['asset']}")
run.check(lines > 2000, f"customer claims: {lines}")
for p in ("p10", "p50", "p90"):
    run.equal(run.summary["recovery_rate_percentiles"][p], "1.000000", f"recovery {p}")
sys.exit(run.finish("bitpoint-2019"))
PY
