#!/usr/bin/env bash
# Runs the tutorial and checks every payout and decision against the hand calculation in
# README.md: payouts.csv byte for byte, the decisions' amounts and codes, the pools, the
# fund and the estate classes.
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" "$sample" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from expect_lib import Run, units

run = Run(sys.argv[1])
expected_payouts = """\
payout_id,payee_id,asset,amount,tranche,status
1,C01,BTC,1.60000000,1,payable
2,C01,JPY,1987568,1,payable
3,C01,JPY,628108,2,payable
4,C02,ETH,7.500000000000000000,1,payable
5,C02,JPY,546154,1,payable
6,C02,JPY,175961,2,payable
7,C03,BTC,0.40000000,1,held_kyc
8,C03,JPY,520000,1,held_kyc
9,C03,JPY,120000,2,held_kyc
10,C04,ETH,3.750000000000000000,1,held_disputed
11,C04,ETH,15.000000000000000000,1,payable
12,C04,JPY,274000,1,held_disputed
13,C04,JPY,1096000,1,payable
14,C04,JPY,87750,2,held_disputed
15,C04,JPY,351000,2,payable
16,C07,BTC,0.22400000,1,payable
17,C07,JPY,344000,1,payable
18,C07,JPY,54000,2,payable
19,C08,ETH,3.750000000000000000,1,payable
20,C08,JPY,232432,1,payable
21,C08,JPY,98142,2,payable
22,C09,BTC,0.80000000,1,payable
23,C09,JPY,873846,1,payable
24,C09,JPY,281539,2,payable
25,C10,ETH,1.500000000000000000,1,frozen_sanctions
26,C10,JPY,220000,1,frozen_sanctions
27,C10,JPY,7500,2,frozen_sanctions
28,creditor:ADMIN-TRUSTEE,JPY,500000,2,payable
29,creditor:PRIORITY-TAX,JPY,300000,2,payable
30,creditor:VENDOR,JPY,250000,2,payable
"""
with open(run.folder + "/payouts.csv", encoding="utf-8", newline="") as f:
    actual = f.read()
run.equal(actual, expected_payouts, "payouts.csv")

# claim_id: (claimant, payee, ledger, admitted, disputed, class, code)
expected_decisions = {
    "K01": ("C01", "C01", "2.00000000", "2.00000000", "0.00000000", "customer",
            "A-MATCHES-LEDGER"),
    "K02": ("C02", "C09", "1.00000000", "1.00000000", "0.00000000", "customer",
            "A-MATCHES-LEDGER"),
    "K03": ("C02", "C02", "10.000000000000000000", "10.000000000000000000",
            "0.000000000000000000", "customer", "A-MATCHES-LEDGER"),
    "K04": ("C04", "C04", "20.000000000000000000", "20.000000000000000000",
            "5.000000000000000000", "customer", "P-EXCESS-DISPUTED"),
    "K05": ("C05", "C05", "0.50000000", "0.50000000", "0.00000000", "subordinated",
            "A-MATCHES-LEDGER+LATE"),
    "K06": ("C01", "C08", "5.000000000000000000", "5.000000000000000000",
            "0.000000000000000000", "customer", "A-MATCHES-LEDGER"),
    "deemed:C01:JPY": ("C01", "C01", "500000", "500000", "0", "customer", "D-DEEMED"),
    "deemed:C03:BTC": ("C03", "C03", "0.50000000", "0.50000000", "0.00000000", "customer",
                       "D-DEEMED"),
    "deemed:C06:BTC": ("C06", "C06", "1.00000000", "1.00000000", "0.00000000",
                       "subordinated", "D-DEEMED+INSIDER"),
    "deemed:C07:BTC": ("C07", "C07", "0.28000000", "0.28000000", "0.00000000", "customer",
                       "D-DEEMED"),
    "deemed:C10:ETH": ("C10", "C10", "2.000000000000000000", "2.000000000000000000",
                       "0.000000000000000000", "customer", "D-DEEMED"),
}
actual_decisions = {d["claim_id"]: (d["claimant_id"], d["payee_id"], d["ledger"],
                                    d["admitted"], d["disputed"], d["class"], d["code"])
                    for d in run.decisions}
run.equal(actual_decisions, expected_decisions, "decisions")

assets = run.summary["assets"]
run.equal(assets["BTC"]["coverage"], "0.800000", "BTC coverage")
run.equal(assets["ETH"]["coverage"], "0.750000", "ETH coverage")
run.equal(assets["JPY"]["coverage"], "1.000000", "JPY coverage")
reserve = run.summary["funds"]["reserve"]
run.equal((reserve["allocated"], reserve["leftover"]), ("5594000", "0"), "reserve")
estate = run.summary["estate"]
run.equal((estate["available"], estate["allocated"], estate["residue"]),
          ("2854000", "2854000", "0"), "estate")
classes = estate["classes"]
run.equal(classes["general"]["claims"], "8216000", "general class claims")
run.equal(classes["general"]["allocated"], "2054000", "general class allocated (25%)")
run.equal(classes["subordinated"]["claims"], "15000000", "subordinated claims")
run.equal(classes["subordinated"]["allocated"], "0", "subordinated allocated")
sys.exit(run.finish("tutorial"))
PY
