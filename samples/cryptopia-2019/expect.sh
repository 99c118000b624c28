#!/usr/bin/env bash
# Runs the case and asserts Cryptopia's published rule exactly: a separate trust per coin,
# each charged its own costs first, then shared pro rata, in kind, by that coin's holders
# only (the largest-remainder split of trust - costs recomputed here line by line), with the
# BTC trust at 91% of the BTC claims after 9% of the BTC was stolen.
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" "$sample" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from expect_lib import Inputs, Run, check_per_claim_rules, decimal_units, units

from expect_lib import ratio6

def split_largest_remainder(total, weights):
    weight_sum = sum(weights)
    if weight_sum <= total:
        return list(weights)
    parts = [total * w // weight_sum for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-((total * weights[i]) % weight_sum), i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts

run = Run(sys.argv[1])
inputs = Inputs(sys.argv[3])
check_per_claim_rules(run, inputs)
# Trust after the hack, in % of the coin's claims; then each trust's costs (case.toml).
after_hack = {"BTC": 91, "DOGE": 88, "ETH": 89, "LTC": 86}
pool_alloc = run.allocations_by("pool:")
for asset, percent in after_hack.items():
    figures = run.summary["assets"][asset]
    trust, claims = units(figures["pool"]), units(figures["claims"])
    run.equal(trust * 100, claims * percent, f"{asset} trust = {percent}% of its claims")
    cost = decimal_units(inputs.toml["assets"][asset]["pool_cost"], inputs.decimals[asset])
    run.check(cost > 0, f"{asset} trust charged its costs")
    run.equal(units(figures["cost"]), cost, f"{asset} costs withdrawn first")
    run.equal(units(figures["allocated"]), trust - cost, f"{asset} trust less costs shared")
    run.equal(units(figures["surplus"]), 0, f"{asset} surplus")
    run.equal(figures["coverage"], ratio6(trust - cost, claims), f"{asset} coverage")
    lines = sorted((d["claim_id"], units(d["admitted"])) for d in run.decisions
                   if d["asset"] == asset and d["class"] == "customer")
    run.check(len(lines) > 1000, f"{asset} lines: {len(lines)}")
    parts = split_largest_remainder(trust - cost, [w for _, w in lines])
    mismatches = [c for (c, _), part in zip(lines, parts) if pool_alloc.get(c, 0) != part]
    run.equal(mismatches[:3], [], f"{asset}: claims whose share is not pro rata")
    source_assets = {a["asset"] for a in run.allocations if a["source"] == f"pool:{asset}"}
    run.equal(source_assets, {asset}, f"the {asset} trust pays only {asset}")
run.equal([a for a in run.allocations if not a["source"].startswith("pool:")], [],
          "nothing but the coin trusts distributes")
statuses = {p["status"] for p in run.payouts}
run.check({"payable", "held_kyc", "below_minimum"} <= statuses, f"statuses {sorted(statuses)}")
sys.exit(run.finish("cryptopia-2019"))
PY
