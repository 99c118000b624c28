#!/usr/bin/env bash
# Runs the case and asserts FTX Japan's published outcome exactly: segregated holdings at
# least equal the customers' balances in every asset, so every customer gets 100% in kind
# and the parent's estate takes nothing from the pools.
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" "$sample" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from expect_lib import Inputs, Run, check_per_claim_rules, check_unfiled_admitted, units

run = Run(sys.argv[1])
inputs = Inputs(sys.argv[3])
check_per_claim_rules(run, inputs)
for asset in ("JPY", "BTC", "ETH", "XRP", "SOL"):
    figures = run.summary["assets"][asset]
    run.check(units(figures["pool"]) >= units(figures["claims"]), f"{asset} pool >= claims")
    run.check(units(figures["coverage"]) >= 1_000_000,
              f"{asset} coverage {figures['coverage']}")
    run.equal(figures["allocated"], figures["claims"], f"{asset} allocated = claims")
    run.equal(units(figures["surplus"]), units(figures["pool"]) - units(figures["claims"]),
              f"{asset} surplus to the estate")
pool = run.allocations_by("pool:")
others = [a for a in run.allocations if not a["source"].startswith("pool:")]
run.equal(len(others), 0, "allocations from funds or the estate")
lines = 0
for d in run.decisions:
    if d["class"] == "customer":
        lines += 1
        run.equal(pool.get(d["claim_id"], 0), units(d["admitted"]),
                  f"{d['claim_id']} paid 100% in {d['asset']}")
check_unfiled_admitted(run, inputs)
run.check(lines > 2000, f"customer claims: {lines}")
for p in ("p10", "p25", "p50", "p75", "p90"):
    run.equal(run.summary["recovery_rate_percentiles"][p], "1.000000", f"recovery {p}")
sys.exit(run.finish("ftx-japan-2022"))
PY
