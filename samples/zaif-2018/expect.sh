#!/usr/bin/env bash
# Runs the case and asserts Zaif's published outcome per holder: BTC and BCH restored 1:1
# in kind; every MONA holder gets 60.3% of its MONA back in MONA (the pool's largest-remainder
# split, recomputed here line by line) and the rest in yen at 144.548 JPY/MONA, valued
# half-even, with at least one tie rounded up and one rounded down.
# Usage: bash expect.sh KANZAI_BINARY SAMPLE_DIR
source "$(dirname "$0")/../generators/run_sample.sh"  # runs the sample into $out
python3 - "$out" "$sample/../generators" "$sample" <<'PY'
import sys
sys.path.insert(0, sys.argv[2])
from expect_lib import (Inputs, Run, by_line, check_per_claim_rules, check_unfiled_admitted,
                        customer_lines, pro_rata, round_ratio, units)

run = Run(sys.argv[1])
inputs = Inputs(sys.argv[3])
check_per_claim_rules(run, inputs)
check_unfiled_admitted(run, inputs)
assets = run.summary["assets"]
for asset, claims in (("BTC", "272.34000000"), ("BCH", "4036.00000000")):
    run.equal(assets[asset]["claims"], claims, f"{asset} claims (1:10 of the customers')")
    run.equal(assets[asset]["coverage"], "1.000000", f"{asset} restored in kind")
mona = assets["MONA"]
run.equal(mona["claims"], "591185.93000000", "MONA claims (1:10 of 5,911,859.3)")
run.equal(units(mona["pool"]) * 1000, units(mona["claims"]) * 603, "MONA pool = 60.3%")
run.equal(mona["coverage"], "0.603000", "MONA coverage in kind")
lines = customer_lines(run)
pool = by_line(run, "pool:")
fund = by_line(run, "fund:successor-mona-yen")
mona_lines = [k for k, (asset, _) in lines.items() if asset == "MONA"]
shares = pro_rata(units(mona["pool"]), [lines[k][1] for k in mona_lines])
ties = {"up": 0, "down": 0}
for k, share in zip(mona_lines, shares):
    amount = lines[k][1]
    run.equal(pool.get(k, 0), share, f"{k[0]}: 60.3% of its MONA in kind")
    rest = amount - share
    run.check(abs(rest * 1000 - amount * 397) < 1000, f"{k[0]}: 39.7% left in yen")
    yen = round_ratio(rest * 144_548, 10**11, "half-even")
    run.equal(fund.get(k, 0), yen, f"{k[0]}: {rest} MONA units at 144.548 JPY, half-even")
    if rest * 144_548 % 10**11 == 10**11 // 2:
        ties["up" if yen * 10**11 > rest * 144_548 else "down"] += 1
run.check(len(mona_lines) > 1400, f"MONA holders: {len(mona_lines)}")
run.check(ties["up"] > 0 and ties["down"] > 0, f"half-yen ties rounded to even: {ties}")
for k, (asset, amount) in lines.items():
    if asset != "MONA":
        run.equal((pool.get(k, 0), fund.get(k, 0)), (amount, 0), f"{k[0]}: 1:1 in {asset}")
run.equal(run.summary["funds"]["successor-mona-yen"]["leftover"], "0", "fund leftover")
run.equal(sum(fund.values()), units(run.summary["funds"]["successor-mona-yen"]["available"]),
          "fund paid out")
run.equal([a for a in run.allocations if a["source"].startswith("estate:")], [],
          "nothing from an estate")
sys.exit(run.finish("zaif-2018"))
PY
