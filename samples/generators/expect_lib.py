"""Helpers for the samples' expect.sh: read a run folder's outputs (SPEC "Outputs of a run")
and check published figures exactly. Amounts are read as integers of minor units (SPEC
writes every amount with exactly the asset's decimals), so no floating point is involved."""

import csv
import json
import os
import sys
from collections import defaultdict


def units(text):
    """"1.50000000" -> 150000000: the output always has the asset's exact decimals."""
    negative = text.startswith("-")
    digits = text.lstrip("-").replace(".", "")
    return -int(digits) if negative else int(digits)


class Run:
    def __init__(self, folder):
        self.folder = folder
        self.decisions = self._csv("decisions.csv")
        self.allocations = self._csv("allocations.csv")
        self.payouts = self._csv("payouts.csv")
        with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
            self.summary = json.load(f)
        self.failures = []
        self.checks = 0

    def _csv(self, name):
        with open(os.path.join(self.folder, name), encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def check(self, condition, message):
        self.checks += 1
        if not condition:
            self.failures.append(message)
            print(f"FAIL: {message}", file=sys.stderr)

    def equal(self, actual, expected, what):
        self.check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")

    def allocations_by(self, source_prefix):
        """claim_id -> summed units of allocations whose source starts with the prefix."""
        sums = defaultdict(int)
        for row in self.allocations:
            if row["source"].startswith(source_prefix):
                sums[row["claim_id"]] += units(row["amount"])
        return sums

    def finish(self, name):
        if self.failures:
            print(f"{name}: {len(self.failures)} of {self.checks} checks failed",
                  file=sys.stderr)
            return 1
        print(f"{name}: all {self.checks} checks passed")
        return 0


def ratio6(numerator, denominator):
    """A ratio with exactly 6 fractional digits, rounded down (as summary.json writes)."""
    scaled = numerator * 10**6 // denominator
    return f"{scaled // 10**6}.{scaled % 10**6:06d}"



def decimal_units(text, decimals):
    """"88.549" with 3 decimals -> 88549: an input figure as an exact integer."""
    whole, _, frac = text.strip().partition(".")
    return int(whole or "0") * 10**decimals + int(frac.ljust(decimals, "0") or "0")


class Inputs:
    """The sample folder's own inputs, read independently of any engine, so that the checks
    recompute each published rule per claim from the case rather than trusting the run."""

    def __init__(self, folder):
        import tomllib
        with open(os.path.join(folder, "case.toml"), "rb") as f:
            self.toml = tomllib.load(f)
        self.folder = folder
        self.currency = self.toml["case"]["currency"]
        self.decimals = {a: v["decimals"] for a, v in self.toml["assets"].items()}
        self.rounding = self.toml.get("rules", {}).get("valuation_rounding", "down")
        self.customers = {r["customer_id"]: r for r in self.csv("customers.csv")}
        self.identities = self.csv("identities.csv")
        self.ledger = self.csv("ledger.csv")
        self.min_payout = {a: decimal_units(v, self.decimals[a]) for a, v in
                           self.toml.get("rules", {}).get("min_payout", {}).items()}

    def csv(self, name):
        path = os.path.join(self.folder, name)
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))

    def value(self, asset, amount, price_key="price"):
        """SPEC "Valuing": units of `asset` in currency minor units, rounded per the case."""
        price_text = self.toml["assets"][asset].get(price_key) or \
            self.toml["assets"][asset]["price"]
        frac = len(price_text.partition(".")[2])
        numerator = amount * decimal_units(price_text, frac) * 10**self.decimals[self.currency]
        denominator = 10**(self.decimals[asset] + frac)
        return round_ratio(numerator, denominator, self.rounding)

    def claimant_ids(self):
        """Customers sharing any identity key form one claimant, named by its smallest id."""
        parent = {c: c for c in self.customers}

        def root(c):
            while parent[c] != c:
                c = parent[c]
            return c
        first = {}
        for r in self.identities:
            key = (r["key_type"], r["key"])
            if key in first:
                a, b = sorted((root(first[key]), root(r["customer_id"])))
                parent[b] = a
            else:
                first[key] = r["customer_id"]
        return {c: root(c) for c in self.customers}

    def balances(self):
        """(customer, asset) -> net ledger balance in units."""
        sums = defaultdict(int)
        for r in self.ledger:
            sums[(r["customer_id"], r["asset"])] += decimal_units(
                r["balance"].lstrip("-"), self.decimals[r["asset"]]) * \
                (-1 if r["balance"].startswith("-") else 1)
        return sums


def round_ratio(numerator, denominator, rounding):
    """numerator / denominator (both >= 0) rounded down or half to even."""
    q, r = divmod(numerator, denominator)
    if rounding == "half-even" and (2 * r > denominator or (2 * r == denominator and q % 2)):
        q += 1
    return q


def pro_rata(total, weights):
    """SPEC "Largest-remainder rule", written again here: floor(P * w_i / W), the leftover
    units one each to the largest remainders, ties to the earlier line."""
    weight_sum = sum(weights)
    if weight_sum <= total:
        return list(weights)
    parts = [total * w // weight_sum for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-((total * weights[i]) % weight_sum), i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


def check_per_claim_rules(run, inputs):
    """The rules every sample shares, per claim and per payee: each line's claimant is its
    identity component, each line's value is its admitted amount valued per the case's
    rounding, and each payout's status and amount follow from the payee's KYC and sanctions,
    the disputed portions and min_payout."""
    claimant = inputs.claimant_ids()
    for d in run.decisions:
        run.equal(d["claimant_id"], claimant.get(d["customer_id"], d["customer_id"]),
                  f"{d['claim_id']} claimant (linked identities)")
        run.equal(units(d["value"]), inputs.value(d["asset"], units(d["admitted"])),
                  f"{d['claim_id']} value at price ({inputs.rounding})")
        if d["class"]:
            run.check(units(d["admitted"]) <= units(d["ledger"]),
                      f"{d['claim_id']} admits no more than the ledger")
    by_claim = {d["claim_id"]: d for d in run.decisions}
    due = defaultdict(int)
    for a in run.allocations:
        if a["claim_id"].startswith("creditor:"):
            payee, status = a["claim_id"], "eligible"
        else:
            d = by_claim[a["claim_id"]]
            payee = d["payee_id"]
            c, original = inputs.customers[payee], inputs.customers[d["customer_id"]]
            if "true" in (c["sanctioned"], original["sanctioned"]):
                status = "frozen_sanctions"
            elif a["portion"] == "disputed":
                status = "held_disputed"
            elif c["kyc"] != "verified":
                status = "held_kyc"
            else:
                status = "eligible"
        due[(payee, a["asset"], a["tranche"], status)] += units(a["amount"])
    # Catch-up (payments.csv): what was paid to a payee in an asset (status paid only)
    # reduces its eligible amounts in that asset, earliest tranche first.
    paid = defaultdict(int)
    for p in inputs.csv("payments.csv"):
        if p.get("status", "paid") in ("", "paid"):
            paid[(p["payee_id"], p["asset"])] += decimal_units(p["amount"],
                                                               inputs.decimals[p["asset"]])
    for key in sorted((k for k in due if k[3] == "eligible"), key=lambda k: int(k[2])):
        taken = min(due[key], paid[key[:2]])
        due[key] -= taken
        paid[key[:2]] -= taken
    expected = {}
    for (payee, asset, tranche, status), amount in due.items():
        if status == "eligible":
            low = amount < inputs.min_payout.get(asset, 0)
            status = "below_minimum" if low else "payable"
        if amount:
            expected[(payee, asset, tranche, status)] = amount
    actual = {(p["payee_id"], p["asset"], p["tranche"], p["status"]): units(p["amount"])
              for p in run.payouts}
    wrong = sorted(k for k in set(expected) | set(actual) if expected.get(k) != actual.get(k))
    run.equal(wrong[:3], [], "payouts whose amount or status does not follow the payee")


def check_unfiled_admitted(run, inputs):
    """unfiled = "admit": every positive balance is a line, filed or deemed."""
    lines = {(d["customer_id"], d["asset"]) for d in run.decisions if d["class"]}
    missing = sorted(k for k, v in inputs.balances().items() if v > 0 and k not in lines)
    run.equal(missing[:3], [], "positive balances with no admitted line")


def fund_shares(available, shortfall, claimant_of, floor=0):
    """SPEC waterfall step 2 written again: claimants (in id order) share `available` in
    proportion to their summed line shortfalls, each first up to `floor` when there is one;
    a claimant's award is then split over its lines in proportion to their shortfalls.
    `shortfall`: line -> currency units; returns line -> units awarded."""
    lines_of = defaultdict(list)
    for line in sorted(shortfall):
        if shortfall[line] > 0:
            lines_of[claimant_of[line]].append(line)
    order = sorted(lines_of)
    owed = [sum(shortfall[line] for line in lines_of[g]) for g in order]
    floors = pro_rata(available, [min(e, floor) for e in owed])
    rest = pro_rata(available - sum(floors), [e - min(e, floor) for e in owed])
    awards = {}
    for g, award in zip(order, (a + b for a, b in zip(floors, rest))):
        lines = lines_of[g]
        for line, part in zip(lines, pro_rata(award, [shortfall[line] for line in lines])):
            awards[line] = part
    return awards


def by_line(run, source_prefix):
    """(claim_id, portion) -> units allocated from sources starting with the prefix."""
    sums = defaultdict(int)
    for row in run.allocations:
        if row["source"].startswith(source_prefix):
            sums[(row["claim_id"], row["portion"])] += units(row["amount"])
    return sums


def customer_lines(run):
    """(claim_id, portion) -> (asset, units) of every customer-class line, in claim order."""
    lines = {}
    for d in sorted(run.decisions, key=lambda d: d["claim_id"]):
        for portion in ("admitted", "disputed"):
            if d["class"] == "customer" and units(d[portion]) > 0:
                lines[(d["claim_id"], portion)] = (d["asset"], units(d[portion]))
    return lines
