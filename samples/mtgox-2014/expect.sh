#!/usr/bin/env bash
# Runs the case and asserts Mt. Gox's published rules and range: every claimant gets its
# base repayment of up to ¥200,000 first (in full: small claims are paid off), then the rest
# pro rata; the final rate on the balances after base falls within the trustee's 6%-23.6%
# estimate for this case's disputed-claims outcome (¥50bn held back in full): 16.84%.
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from expect_lib import Run, units

from collections import defaultdict
from expect_lib import ratio6

run = Run(sys.argv[1])
cash = 6_955_308_652
fund = run.summary["funds"]["trustee-cash"]
run.equal(fund["allocated"], str(cash), "the trustee's cash is paid out")
run.equal(fund["leftover"], "0", "fund leftover")
price = {"JPY": (1, 1), "BTC": (74_931_883, 10**10), "USD": (11_143, 10**4)}
eligible = defaultdict(int)
claimant_of = {}
for d in run.decisions:
    if d["class"] != "customer":
        continue
    numerator, scale = price[d["asset"]]
    for portion in ("admitted", "disputed"):
        eligible[d["claimant_id"]] += units(d[portion]) * numerator // scale
    claimant_of[d["claim_id"]] = d["claimant_id"]
from_fund = defaultdict(int)
from_estate = defaultdict(int)
for a in run.allocations:
    target = from_fund if a["source"].startswith("fund:") else from_estate
    run.check(a["source"] != "estate:subordinated", "no subordinated allocations")
    target[claimant_of[a["claim_id"]]] += units(a["amount"])
base_total = 0
for claimant, e in eligible.items():
    base = min(e, 200_000)
    base_total += base
    run.check(from_fund[claimant] >= base, f"{claimant}: base {base}, got {from_fund[claimant]}")
    if e <= 200_000:
        run.equal(from_fund[claimant] + from_estate[claimant], e, f"{claimant} paid in full")
small = sum(1 for e in eligible.values() if e <= 200_000)
run.check(small > 50, f"claimants paid off by the base repayment: {small}")
paid_total = sum(from_fund.values()) + sum(from_estate.values())
rate = ratio6(paid_total - base_total, sum(eligible.values()) - base_total)
run.check("0.060000" <= rate <= "0.236000", f"final rate {rate} within 6%-23.6%")
run.equal(rate, "0.168457", "final rate on the balances after base")
for p in run.payouts:
    if p["payee_id"] == "COINLAB":
        run.equal(p["status"], "held_disputed", "the disputed claim is held")
sys.exit(run.finish("mtgox-2014"))
PY
