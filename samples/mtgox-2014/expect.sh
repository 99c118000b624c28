#!/usr/bin/env bash
# Runs the case and asserts Mt. Gox's published rules and range: every claimant gets its
# base repayment of up to ¥200,000 first (in full: small claims are paid off), then the rest
# pro rata; the final rate on the balances after base falls within the trustee's 6%-23.6%
# estimate for this case's disputed-claims outcome (¥50bn held back in full): 16.84%.
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" "$sample" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from expect_lib import (Inputs, Run, by_line, check_per_claim_rules, customer_lines,
                        fund_shares, pro_rata, units)

from collections import defaultdict
from expect_lib import ratio6

run = Run(sys.argv[1])
inputs = Inputs(sys.argv[3])
check_per_claim_rules(run, inputs)
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
# Per line: the trustee's cash, base first per claimant then pro rata to the claimants' yen
# values, split over each claimant's lines; then the estate's general class pro rata to what
# each line still lacks. Recomputed here line by line.
lines = customer_lines(run)
claimant_line = {k: claimant_of[k[0]] for k in lines}
short = {k: inputs.value(asset, u) for k, (asset, u) in lines.items()}
shares = fund_shares(cash, short, claimant_line, floor=200_000)
got = by_line(run, "fund:trustee-cash")
run.equal([k for k in short if got.get(k, 0) != shares.get(k, 0)][:3], [],
          "lines whose trustee-cash share is not base-then-pro-rata")
short = {k: v - shares.get(k, 0) for k, v in short.items()}
general = run.summary["estate"]["classes"]["general"]
run.equal(units(general["claims"]), sum(short.values()), "general class: what lines lack")
keys = sorted(short)
parts = pro_rata(units(general["allocated"]), [short[k] for k in keys])
got = by_line(run, "estate:general")
run.equal([k for k, part in zip(keys, parts) if got.get(k, 0) != part][:3], [],
          "lines whose estate dividend is not pro rata")
for p in run.payouts:
    if p["payee_id"] == "COINLAB":
        run.equal(p["status"], "held_disputed", "the disputed claim is held")
sys.exit(run.finish("mtgox-2014"))
PY
