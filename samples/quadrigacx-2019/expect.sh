#!/usr/bin/env bash
# Runs the case and asserts QuadrigaCX's published interim dividend exactly: 13.094156% of
# every proven claim's CAD value, through the general class of the estate (CAD 3,960,982.19
# on a scaled general class of CAD 30,250,000.00), after the administration reserve.
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" "$sample" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from expect_lib import Inputs, Run, check_per_claim_rules, units

run = Run(sys.argv[1])
inputs = Inputs(sys.argv[3])
check_per_claim_rules(run, inputs)
estate = run.summary["estate"]
general = estate["classes"]["general"]
run.equal(general["claims"], "30250000.00", "general class claims")
run.equal(general["allocated"], "3960982.19", "interim dividend paid in the general class")
run.equal(units(general["allocated"]) * 10**8, units(general["claims"]) * 13_094_156,
          "dividend = 13.094156% exactly")
run.equal(estate["classes"]["admin"]["allocated"], "591871.02", "administration reserve")
run.equal(estate["residue"], "0.00", "residue")
estate_alloc = run.allocations_by("estate:general")
price_cents = {"CAD": (100, 100), "BTC": (673_908, 10**8), "ETH": (22_345, 10**18)}
lines = 0
for d in run.decisions:
    if d["class"] != "customer":
        continue
    numerator, scale = price_cents[d["asset"]]
    due = sum(units(d[portion]) * numerator // scale * 13_094_156 // 10**8
              for portion in ("admitted", "disputed"))
    got = estate_alloc.get(d["claim_id"], 0)
    lines += 1
    run.check(due <= got <= due + 2, f"{d['claim_id']}: dividend {got}, expected {due}")
run.check(lines > 2700, f"customer claims: {lines}")
# DOMAIN S9: 1 BTC is CAD 6,739.08 and its dividend CAD 882.4298..., shown there as 882.43.
run.equal((6_739_08 * 13_094_156 + 5 * 10**7) // 10**8, 88_243, "1 BTC dividend in cents")
held = {p["status"] for p in run.payouts if p["status"] == "held_disputed"}
run.equal(held, {"held_disputed"}, "disputed claims are held")
run.equal(sum(1 for d in run.decisions if d["claim_id"].startswith("deemed:")), 0,
          "unfiled balances are ignored")
sys.exit(run.finish("quadrigacx-2019"))
PY
