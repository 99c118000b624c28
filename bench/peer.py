#!/usr/bin/env python3
"""The SQL peer: what an analyst would do without Kanzai.

Loads the case's ledger, claims and holdings, and the determined lines (Kanzai's
decisions.csv: the determination rules -- amendments, set-off, transfers -- are not the
peer's job), into SQLite, then computes with SQL window functions:
  1. entitlements E(c,a) (GROUP BY over the ledger),
  2. the in-kind pool allocation (SPEC "Largest-remainder rule", tie order = line order),
  3. the first fund step, pro-rata over each claimant's capped shortfall value WITHOUT the
     floor (a simplification: the result is timed but not compared when the fund has a floor),
and checks the pool allocations equal Kanzai's allocations.csv rows with source pool:*.

SQLite integers are 64-bit, and amounts do not fit them (1 ETH = 10^18 units; P * w needs
up to 256 bits), so amounts are stored as decimal integer TEXT and the arithmetic goes
through small Python functions registered in SQLite (bigsum as a window aggregate, share,
rem, bigsub, bigmin, value_of): exact integer arithmetic, as the SPEC requires. The ranking
and partitioning are SQL window functions.

usage: peer.py CASE RUN_DIR  -> prints "peer-timing: <phase> <ms>" lines and "peer: ok|MISMATCH"
"""
import csv
import sqlite3
import sys
import time
import tomllib
from fractions import Fraction

csv.field_size_limit(1 << 30)


def units(text, decimals):
    """A decimal string as an integer count of minor units (exact)."""
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    whole, _, frac = text.partition(".")
    value = int(whole) * 10 ** decimals + (int(frac.ljust(decimals, "0")) if frac else 0)
    return -value if negative else value


def lr_sql(source, partition, order):
    """SQL splitting each partition's P over its weights w by the largest-remainder rule.

    (SQL names are case-insensitive: the sum of the weights is w_total, not W.)

    `source` has columns P, w, the partition columns and the order columns."""
    return f"""
    WITH s AS (SELECT *, bigsum(w) OVER (PARTITION BY {partition}) AS w_total FROM {source}),
    b AS (SELECT *, share(P, w, w_total) AS q, rem(P, w, w_total) AS r FROM s),
    k AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY {partition} ORDER BY r DESC, {order}) AS rk,
                    leftover(P, w_total, bigsum(q) OVER (PARTITION BY {partition})) AS leftover
               FROM b)
    SELECT *, bigsub(q, -(rk <= leftover)) AS part FROM k"""


class BigSum:
    """SUM over decimal-integer TEXT, exact; usable as a window aggregate."""

    def __init__(self):
        self.total = 0

    def step(self, value):
        self.total += int(value)

    def inverse(self, value):
        self.total -= int(value)

    def value(self):
        return str(self.total)

    def finalize(self):
        return str(self.total)


def share(p, w, total):
    """floor(P * w / W), or w when W <= P (SPEC largest-remainder rule)."""
    p, w, total = int(p), int(w), int(total)
    return str(w if total <= p else p * w // total)


def leftover(p, total, shares):
    """The units left for the largest remainders: P - sum of shares, or 0 when W <= P."""
    p, total, shares = int(p), int(total), int(shares)
    return 0 if total <= p else p - shares


def rem(p, w, total):
    """(P * w) mod W, zero-padded so that text order is numeric order."""
    p, w, total = int(p), int(w), int(total)
    return f"{0 if total <= p else p * w % total:080d}"


def main():
    case, run = sys.argv[1], sys.argv[2]
    timings = []
    started = time.perf_counter()
    mark = [started]

    def phase(name):
        now = time.perf_counter()
        timings.append((name, now - mark[0]))
        mark[0] = now

    with open(f"{case}/case.toml", "rb") as f:
        config = tomllib.load(f)
    assets = config["assets"]
    decimals = {a: int(v["decimals"]) for a, v in assets.items()}
    prices = {a: Fraction(v["price"]) for a, v in assets.items()}
    currency = config["case"]["currency"]
    rounding = config.get("rules", {}).get("valuation_rounding", "down")

    def value_of(u, asset):
        exact = Fraction(u) / 10 ** decimals[asset] * prices[asset] * 10 ** decimals[currency]
        return int(exact) if rounding == "down" else round(exact)  # round(): ties to even

    sqlite3.enable_callback_tracebacks(True)
    db = sqlite3.connect(":memory:")
    db.create_window_function("bigsum", 1, BigSum)
    db.create_function("share", 3, share, deterministic=True)
    db.create_function("rem", 3, rem, deterministic=True)
    db.create_function("leftover", 3, leftover, deterministic=True)
    db.create_function("bigsub", 2, lambda a, b: str(int(a) - int(b)), deterministic=True)
    db.create_function("bigmin", 2, lambda a, b: str(min(int(a), int(b))), deterministic=True)
    db.create_function("value_of", 2, lambda u, a: str(value_of(int(u), a)),
                       deterministic=True)

    def rows(name):
        with open(f"{case}/{name}" if "/" not in name else name, newline="") as f:
            reader = csv.DictReader(f)
            yield from reader

    db.execute("CREATE TABLE ledger(account_id, customer_id, asset, balance TEXT)")
    db.executemany("INSERT INTO ledger VALUES (?,?,?,?)",
                   ((r["account_id"], r["customer_id"], r["asset"],
                     str(units(r["balance"], decimals[r["asset"]]))) for r in rows("ledger.csv")))
    db.execute("CREATE TABLE claims(claim_id, customer_id, asset, amount TEXT, filed_on)")
    db.executemany("INSERT INTO claims VALUES (?,?,?,?,?)",
                   ((r["claim_id"], r["customer_id"], r["asset"], r["amount"], r["filed_on"])
                    for r in rows("claims.csv")))
    db.execute("CREATE TABLE holdings(asset, amount TEXT, segregated, status)")
    db.executemany("INSERT INTO holdings VALUES (?,?,?,?)",
                   ((r["asset"], str(units(r["amount"], decimals[r["asset"]])), r["segregated"],
                     r["status"]) for r in rows("holdings.csv")))
    db.execute("CREATE TABLE line(claim_id, portion, claimant_id, asset, amount TEXT)")
    lines = []
    for r in rows(f"{run}/decisions.csv"):
        if r["class"] != "customer":
            continue
        for portion in ("admitted", "disputed"):
            amount = units(r[portion], decimals[r["asset"]])
            if amount > 0:
                lines.append((r["claim_id"], portion, r["claimant_id"], r["asset"], str(amount)))
    db.executemany("INSERT INTO line VALUES (?,?,?,?,?)", lines)
    db.commit()
    phase("load")

    db.execute("""CREATE TABLE entitlement AS SELECT customer_id, asset, bigsum(balance) AS e
                  FROM ledger GROUP BY customer_id, asset""")
    phase("entitlements")

    db.execute("""CREATE TABLE pool AS SELECT asset, bigsum(amount) AS P FROM holdings
                  WHERE status = 'held' AND segregated = 'true' GROUP BY asset""")
    db.execute("""CREATE TEMP VIEW pool_input AS
                  SELECT l.*, l.amount AS w, COALESCE(p.P, '0') AS P
                  FROM line l LEFT JOIN pool p USING (asset)""")
    db.execute("CREATE TABLE pool_alloc AS SELECT claim_id, portion, asset, part FROM ("
               + lr_sql("pool_input", "asset", "claim_id, portion") + ")")
    phase("pool_allocation")

    fund = (config.get("fund") or [None])[0]
    fund_rows = 0
    if fund is not None:
        fund_assets = fund.get("assets", list(assets))
        cap = units(fund["cap"], decimals[currency]) if "cap" in fund else None
        db.execute("CREATE TEMP TABLE fund_assets(asset)")
        db.executemany("INSERT INTO fund_assets VALUES (?)", ((a,) for a in fund_assets))
        db.execute("""CREATE TABLE shortfall AS
                      SELECT l.claim_id, l.portion, l.claimant_id, l.asset,
                             value_of(bigsub(l.amount, COALESCE(a.part, '0')), l.asset) AS v
                      FROM line l LEFT JOIN pool_alloc a USING (claim_id, portion)
                      WHERE l.asset IN (SELECT asset FROM fund_assets)""")
        cap_sql = "bigmin(bigsum(v), ?)" if cap is not None else "bigsum(v)"
        params = (str(units(fund["amount"], decimals[currency])),) + ((str(cap),) if cap else ())
        db.execute(f"""CREATE TEMP TABLE claimant_input AS
                       SELECT 0 AS grp, claimant_id, ? AS P, {cap_sql} AS w
                       FROM shortfall GROUP BY claimant_id""", params)
        db.execute("CREATE TABLE award AS SELECT claimant_id, part FROM ("
                   + lr_sql("claimant_input", "grp", "claimant_id") + ")")
        db.execute("""CREATE TEMP VIEW line_input AS
                      SELECT s.claimant_id, s.claim_id, s.portion, s.v AS w, a.part AS P
                      FROM shortfall s JOIN award a USING (claimant_id)""")
        db.execute("CREATE TABLE fund_alloc AS SELECT claim_id, portion, part FROM ("
                   + lr_sql("line_input", "claimant_id", "claim_id, portion")
                   + ") WHERE part != '0'")
        fund_rows = db.execute("SELECT COUNT(*) FROM fund_alloc").fetchone()[0]
    phase("fund_step")
    total = time.perf_counter() - started

    # The check (not timed): pool allocations equal Kanzai's, row for row.
    ours = {(c, p, a): int(n) for c, p, a, n in
            db.execute("SELECT claim_id, portion, asset, part FROM pool_alloc WHERE part != '0'")}
    theirs = {}
    for r in rows(f"{run}/allocations.csv"):
        if r["source"].startswith("pool:"):
            theirs[(r["claim_id"], r["portion"], r["asset"])] = units(r["amount"],
                                                                      decimals[r["asset"]])
    for name, seconds in timings:
        print(f"peer-timing: {name} {seconds * 1000:.3f}")
    print(f"peer-timing: total {total * 1000:.3f}")
    print(f"peer: {len(ours)} pool allocations, {fund_rows} fund allocations (no floor)")
    if ours == theirs:
        print("peer: ok (pool allocations equal Kanzai's)")
        return 0
    diff = set(ours.items()) ^ set(theirs.items())
    print(f"peer: MISMATCH in {len(diff)} pool rows, e.g. {sorted(diff)[:3]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
