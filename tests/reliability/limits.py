#!/usr/bin/env python3
"""Valid cases at the SPEC's 2^127-1 limit pass `check` and `run`; one minor unit past it,
both exit 2 with the one expected `file:line[:col]: message` and write nothing. Never exit 3.
Each scenario is a small case written here whose figure (a sum the engine forms over lines,
creditors or assets) is exactly 2^127-1 at the bound:
  class-general        a general creditor plus a customer line (the general class's claims)
  class-subordinated   a subordinated creditor plus an insider's line
  set-off-debt         negative entitlements in two assets (the set-off's D)
  set-off-value        positive entitlements in two assets (the set-off's V)
  pool-claims          a deemed claim (ledger) plus a determination in one asset (the pool's W)
  line-value           a determination whose admitted amount is worth 2^127-1 at price
  determination-sum    two determinations in one asset (determinations.csv's per-asset sum)
  estate-money         [estate] cash plus non-segregated holdings (the estate's value)
`write_case(scenario, past, folder)` also builds the tests/invalid/ folders of the past cases.
Usage: limits.py KANZAI_BINARY SCENARIO
"""
import pathlib
import subprocess
import sys
import tempfile

MAX = 2**127 - 1

TOML = """[case]
name = "Limits K.K."
currency = "JPY"
cutoff = 2026-03-01T00:00:00+09:00
bar_date = 2026-06-30

[assets.JPY]
decimals = 0
price = "1"

[assets.A]
decimals = 0
price = "1"

[assets.B]
decimals = 0
price = "1"

[assets.BTC]
decimals = 0
price = "9000000"

[assets.DUST]
decimals = 0
price = "0.000000000000000001"
{extra}"""

CUSTOMERS = "customer_id,name,kind,kyc\nC1,Alice,{kind},verified\nC2,Bob,retail,verified\n"
LEDGER = "account_id,customer_id,asset,balance\n"
CLAIMS = "claim_id,customer_id,asset,amount,filed_on,amends\n"
HOLDINGS = "holding_id,asset,amount,custody,segregated,status\n"
CREDITORS = "creditor_id,class,amount,description\n"
DETERMINATIONS = "claim_id,decision,amount,reason\n"


def files_of(scenario: str, past: bool) -> tuple[dict[str, str], str]:
    """The case's files and the expected stderr when one past the bound."""
    k = 1 if past else 0
    files = {"case.toml": TOML.format(extra=""), "customers.csv": CUSTOMERS.format(kind="retail"),
             "ledger.csv": LEDGER, "claims.csv": CLAIMS, "holdings.csv": HOLDINGS}
    general = ("the claims of the estate's general class (general creditors, and every "
               "customer-class line at its value at price)")
    if scenario == "class-general":
        files["ledger.csv"] += "L1,C1,JPY,1\n"
        files["creditors.csv"] = CREDITORS + f"G1,general,{MAX - 1 + k},Bond holders\n"
        expected = f'creditors.csv:2:3: creditor "G1": {general} pass 2^127-1 minor units of JPY here'
    elif scenario == "class-subordinated":
        files["customers.csv"] = CUSTOMERS.format(kind="insider")
        files["ledger.csv"] += "L1,C1,JPY,1\n"
        files["creditors.csv"] = CREDITORS + f"S1,subordinated,{MAX - 1 + k},Shareholder loan\n"
        expected = ('creditors.csv:2:3: creditor "S1": the claims of the estate\'s subordinated '
                    "class (subordinated creditors, and every subordinated line at its value at "
                    "price) pass 2^127-1 minor units of JPY here")
    elif scenario in ("set-off-debt", "set-off-value"):
        sign = "-" if scenario == "set-off-debt" else ""
        other = "" if sign else "-"
        files["ledger.csv"] += (f"L1,C1,A,{sign}{MAX - 1 + k}\nL1,C1,B,{sign}1\n"
                                f"L1,C1,JPY,{other}1\n")
        which = ("negative", "D") if sign else ("positive", "V")
        expected = (f'customers.csv:2:1: customer "C1": the values at price of its {which[0]} '
                    f"entitlements (the set-off's {which[1]}) total more than 2^127-1 minor "
                    "units of JPY")
    elif scenario == "pool-claims":
        files["ledger.csv"] += f"L1,C1,DUST,{MAX}\n"
        files["claims.csv"] += "x2,C2,DUST,1,2026-04-01,\n"
        # At the bound x2 is rejected (W = 2^127-1); past it, admitted at 1.
        decision = "admit,1" if past else "reject,"
        files["determinations.csv"] = DETERMINATIONS + f"x2,{decision},Agreed\n"
        expected = ('determinations.csv:2:3: claim "x2": the customer-class claims in DUST '
                    "(admitted and disputed units, the pool's W) pass 2^127-1 minor units here")
    elif scenario == "line-value":
        units = MAX // 9000000 + k
        files["claims.csv"] += "K1,C1,BTC,1,2026-04-01,\n"
        files["determinations.csv"] = DETERMINATIONS + f"K1,admit,{units},Agreed\n"
        expected = (f'determinations.csv:2:3: claim "K1": its admitted amount {units} BTC is '
                    'worth more than 2^127-1 minor units of JPY at its price "9000000"')
    elif scenario == "determination-sum":
        files["claims.csv"] += "K1,C1,DUST,1,2026-04-01,\nK2,C2,DUST,1,2026-04-01,\n"
        files["determinations.csv"] = (DETERMINATIONS + f"K1,admit,{MAX - 1},Agreed\n"
                                       f"K2,dispute,{1 + k},Open\n")
        expected = ("determinations.csv:3:3: the sum of the amounts in DUST in "
                    "determinations.csv passes 2^127-1 minor units here")
    elif scenario == "estate-money":
        files["case.toml"] = TOML.format(extra=f'\n[estate]\ncash = "{MAX - 2}"\n')
        files["holdings.csv"] += f"H1,JPY,1,cold,false,held\nH2,A,{1 + k},cold,true,held\n"
        expected = ("case.toml:7: asset JPY: the estate's money ([estate] cash, the fund amounts, "
                    "and each asset's held non-segregated holdings and pool surplus at "
                    "estate_price) passes 2^127-1 minor units of JPY here")
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    return files, expected + "\n"


def write_case(scenario: str, past: bool, folder: pathlib.Path) -> str:
    folder.mkdir(parents=True)
    files, expected = files_of(scenario, past)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return expected


def listing(folder: pathlib.Path) -> list[tuple[str, bytes]]:
    return sorted((str(p.relative_to(folder)), p.read_bytes() if p.is_file() else b"")
                  for p in folder.rglob("*"))


def main() -> int:
    kanzai, scenario = str(pathlib.Path(sys.argv[1]).resolve()), sys.argv[2]
    failures = 0
    for past in (False, True):
        with tempfile.TemporaryDirectory() as work:
            case = pathlib.Path(work) / "case"
            expected = write_case(scenario, past, case)
            before = listing(case)
            for command in ("check", "run"):
                result = subprocess.run([kanzai, command, "case"], cwd=work, capture_output=True,
                                        text=True, timeout=120, check=False)
                label = f"{scenario} {'past' if past else 'at'} the bound: kanzai {command}"
                if not past:
                    if result.returncode != 0:
                        print(f"{label}: exit {result.returncode}, expected 0\n{result.stderr}")
                        failures += 1
                    continue
                if result.returncode != 2 or result.stderr != expected:
                    print(f"{label}: exit {result.returncode}, expected 2\n"
                          f"stderr:   {result.stderr!r}\nexpected: {expected!r}")
                    failures += 1
                if listing(case) != before:
                    print(f"{label}: the case folder changed")
                    failures += 1
            print(f"{scenario} {'past' if past else 'at'} the bound: done")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
