#!/usr/bin/env bash
# Runs the case and asserts the FTX Recovery Trust's published treatment per claimant:
# claimants worth at most $50,000 (class 7) get exactly 120% of their claim, in the
# convenience class only; every other line (class 5A) gets exactly 78% cumulative, and each
# payee's payout in this third distribution is 78% less the 72% already paid (catch-up);
# claims sold before the record date are paid to the buyer, sales after it are not applied.
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" "$sample" <<'PY'
import sys
from collections import defaultdict
sys.path.insert(0, sys.argv[2])
from expect_lib import Inputs, Run, by_line, check_per_claim_rules, check_unfiled_admitted, units

run = Run(sys.argv[1])
inputs = Inputs(sys.argv[3])
check_per_claim_rules(run, inputs)
check_unfiled_admitted(run, inputs)
value = {d["claim_id"]: units(d["value"]) for d in run.decisions}
claimant_value = defaultdict(int)
for d in run.decisions:
    claimant_value[d["claimant_id"]] += value[d["claim_id"]]
convenience = by_line(run, "estate:convenience")
general = by_line(run, "estate:general")
payee_due = defaultdict(int)   # payee -> this distribution's 6% on its class 5A lines
for d in run.decisions:
    k, v = (d["claim_id"], "admitted"), value[d["claim_id"]]
    if claimant_value[d["claimant_id"]] <= 5_000_000:
        run.equal((convenience.get(k, 0), general.get(k, 0)), (v * 12 // 10, 0),
                  f"{d['claim_id']}: class 7 at 120%")
        run.equal(v * 12 % 10, 0, f"{d['claim_id']}: 120% in whole cents")
    else:
        run.equal((general.get(k, 0), convenience.get(k, 0)), (v * 78 // 100, 0),
                  f"{d['claim_id']}: class 5A at 78% cumulative")
        run.equal(v * 78 % 100, 0, f"{d['claim_id']}: 78% in whole cents")
        payee_due[d["payee_id"]] += v * 78 // 100 - v * 72 // 100
classes = run.summary["estate"]["classes"]
run.check(run.summary["convenience"]["claimants"] > 1000, "class 7 claimants")
run.equal(units(classes["general"]["allocated"]) * 100, units(classes["general"]["claims"]) * 78,
          "class 5A: 78% of its claims")
run.equal(run.summary["estate"]["residue"], "0.00", "residue")
kyc = {c: r["kyc"] for c, r in inputs.customers.items()}
third = {p["payee_id"]: units(p["amount"]) for p in run.payouts
         if p["tranche"] == "3" and p["status"] == "payable"}
for payee, due in payee_due.items():
    if kyc[payee] == "verified":
        run.equal(third.get(payee, 0), due, f"{payee}: 78% less the 72% already paid")
run.equal(sorted(set(third) - set(payee_due)), [], "payable now only to class 5A payees")
run.equal([p for p in run.payouts if p["tranche"] == "1" and p["status"] == "payable"], [],
          "class 7 was paid in full at the initial distribution")
# Claims trading: sales on or before the record date move the payee; later ones do not.
payee_of = {d["claim_id"]: d["payee_id"] for d in run.decisions}
record_date = str(inputs.toml["case"]["record_date"])
transfers = inputs.csv("transfers.csv")
for t in transfers:
    expected = t["to_id"] if t["effective_on"] <= record_date else t["from_id"]
    run.equal(payee_of[t["claim_id"]], expected, f"{t['transfer_id']}: payee at the record date")
late = sum(1 for t in transfers if t["effective_on"] > record_date)
run.check(late > 0, "sales after the record date")
run.equal(run.summary["transfers_after_record_date"], late, "transfers after the record date")
# DOMAIN S7's worked examples: 5 BTC = $84,355 -> 78% = $65,796.90, of which $5,061.30 now;
# 2 BTC + 10 ETH = $46,322 -> class 7, 120% = $55,586.40.
run.equal(general.get(("deemed:C000001:BTC", "admitted")), 6_579_690, "5 BTC at 78%")
run.equal(third.get("C000001"), 506_130, "5 BTC: the third distribution's 6%")
run.equal(sum(convenience.get((f"deemed:C000002:{a}", "admitted"), 0) for a in ("BTC", "ETH")),
          5_558_640, "2 BTC + 10 ETH at 120%")
sys.exit(run.finish("ftx-2025"))
PY
