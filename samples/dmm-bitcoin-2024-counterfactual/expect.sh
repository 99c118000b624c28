#!/usr/bin/env bash
# Runs the counterfactual and asserts its figures exactly: the BTC pool is shared in kind
# (coverage 7,497.1 / 12,000), the ¥40bn reserve and the ¥5bn policy are paid out in full,
# and the reserve alone covers 83.0% of the yen value of the 4,502.9 BTC stolen
# (40 / 48.2 = 83.0%, DOMAIN S4).
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" "$sample" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from expect_lib import (Inputs, Run, by_line, check_per_claim_rules, customer_lines,
                        fund_shares, pro_rata, units)

run = Run(sys.argv[1])
inputs = Inputs(sys.argv[3])
check_per_claim_rules(run, inputs)
btc = run.summary["assets"]["BTC"]
run.equal(btc["claims"], "12000.00000000", "BTC claims")
run.equal(btc["pool"], "7497.10000000", "BTC pool after the theft of 4,502.9 BTC")
run.equal(btc["coverage"], "0.624758", "BTC coverage in kind")
run.equal(run.summary["holdings_not_distributed"]["lost"]["BTC"], "4502.90000000", "lost")
funds = run.summary["funds"]
run.equal(funds["liability-reserve"]["allocated"], "40000000000", "reserve paid in full")
run.equal(funds["policy-illustrative"]["allocated"], "5000000000", "policy paid in full")
pool = run.allocations_by("pool:")
fund = run.allocations_by("fund:")
shortfall_total = 0
for d in run.decisions:
    if d["class"] != "customer":
        continue
    unpaid = units(d["admitted"]) - pool.get(d["claim_id"], 0)
    shortfall = unpaid * 1070421284 // (10**8 * 100)  # SPEC "Valuing", rounded down
    shortfall_total += shortfall
    run.check(fund.get(d["claim_id"], 0) <= shortfall, f"{d['claim_id']} fund <= shortfall")
# The yen value of the stolen 4,502.9 BTC, line by line rounded down: about 48.2bn.
run.check(48_199_990_000 < shortfall_total <= 48_199_999_997,
          f"shortfall value {shortfall_total}")
reserve_per_mille = (40_000_000_000 * 2000 + shortfall_total) // (2 * shortfall_total)
run.equal(reserve_per_mille, 830, "reserve coverage of the shortfall, in 0.1%")
run.equal(sum(fund.values()), 45_000_000_000, "fund allocations")
# Per line: the BTC pool pro rata in kind, then each fund pro rata to the claimants' yen
# shortfalls (linked identities summed), recomputed here line by line.
lines = customer_lines(run)
pool_parts = pro_rata(units(btc["pool"]), [u for _, u in lines.values()])
got_pool = by_line(run, "pool:BTC")
wrong = [k for k, part in zip(lines, pool_parts) if got_pool.get(k, 0) != part]
run.equal(wrong[:3], [], "lines whose BTC share is not pro rata")
claimant_of = {d["claim_id"]: d["claimant_id"] for d in run.decisions}
short = {k: inputs.value("BTC", u - part) for (k, (_, u)), part in zip(lines.items(), pool_parts)}
for fund_id, amount in (("liability-reserve", 40_000_000_000),
                        ("policy-illustrative", 5_000_000_000)):
    shares = fund_shares(amount, short, {k: claimant_of[k[0]] for k in short})
    got = by_line(run, f"fund:{fund_id}")
    wrong = [k for k in short if got.get(k, 0) != shares.get(k, 0)]
    run.equal(wrong[:3], [], f"lines whose {fund_id} share is not pro rata per claimant")
    short = {k: v - shares.get(k, 0) for k, v in short.items()}
sys.exit(run.finish("dmm-bitcoin-2024-counterfactual"))
PY
