#!/usr/bin/env bash
# Runs the case and asserts Coincheck's published figures exactly: every XEM holder is
# compensated at 88.549 JPY/XEM from the company's funds, ¥46,311,127,000 in total.
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" "$sample" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from expect_lib import Inputs, Run, check_per_claim_rules, units

run = Run(sys.argv[1])
inputs = Inputs(sys.argv[3])
check_per_claim_rules(run, inputs)
total_jpy = 46_311_127_000
fund = run.summary["funds"]["coincheck-own-funds"]
run.equal(fund["allocated"], str(total_jpy), "fund allocated (523,000,000 XEM x 88.549)")
run.equal(fund["leftover"], "0", "fund leftover")
run.equal(run.summary["assets"]["XEM"]["claims"], "523000000.000000", "XEM claims")
run.equal(run.summary["assets"]["XEM"]["pool"], "0.000000", "XEM pool (all stolen)")
run.equal(run.summary["holdings_not_distributed"]["lost"]["XEM"], "523000000.000000",
          "XEM lost")
fund_alloc = run.allocations_by("fund:")
run.equal(sum(fund_alloc.values()), total_jpy, "sum of fund allocations")
# Each holder gets exactly 88.549 JPY per XEM: value = units * 88549 / 10^9, a whole yen.
claims = [d for d in run.decisions if d["asset"] == "XEM"]
run.equal(len(claims), 2600, "XEM claims (one per holder)")
for d in claims:
    admitted = units(d["admitted"])
    run.equal(admitted * 88549 % 10**9, 0, f"{d['claim_id']} value is whole yen")
    run.equal(fund_alloc.get(d["claim_id"], 0), admitted * 88549 // 10**9,
              f"{d['claim_id']} compensation")
    run.equal(d["code"], "D-DEEMED", f"{d['claim_id']} code")
paid = sum(units(p["amount"]) for p in run.payouts if p["asset"] == "JPY")
run.equal(paid, total_jpy, "JPY payouts of every status")
statuses = {p["status"] for p in run.payouts}
run.check(statuses <= {"payable", "held_kyc"}, f"statuses {sorted(statuses)}")
sys.exit(run.finish("coincheck-2018"))
PY
