#!/usr/bin/env python3
"""A wrong engine on purpose: samples/generators/reference.py (an independent, slow model of
SPEC.md written in Python, no Kanzai code) with one rule broken, chosen by the environment
variable KANZAI_PLANTED_BUG (empty: the model as written). It takes the command line of
`kanzai run CASE --out DIR [--no-db]`, so a sample's expect.sh can run it in place of kanzai.
Each bug is a small, obvious change named by the rule it breaks; planted_bugs.py proves that
every sample's checks reject every bug that changes that sample's outputs."""

import copy
import math
import os
import sys
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "samples", "generators"))
import reference as ref  # noqa: E402

original_init = ref.Case.__init__
original_split = ref.split


def patch_case(change):
    """Runs `change(case)` after every case is read."""
    def init(self, folder):
        original_init(self, folder)
        change(self)
    ref.Case.__init__ = init


def first_come_first_served(total, weights):
    """Each line in turn (claim order) takes all it is owed until the total runs out."""
    parts, left = [], total
    for w in weights:
        parts.append(min(w, left))
        left -= parts[-1]
    return parts


def floor_only(total, weights):
    """Pro rata rounded down, the leftover units never handed out."""
    weight_sum = sum(weights)
    if weight_sum <= total:
        return list(weights)
    return [total * w // weight_sum for w in weights]


def rounding(rule, wrong):
    """Values are rounded `wrong` ("up", "half-up" or "down") in cases whose
    valuation_rounding is `rule`; other cases are valued correctly."""
    correct = ref.Case.value

    def value(self, asset, units, price=None):
        if self.rules["valuation_rounding"] != rule or units < 0:
            return correct(self, asset, units, price)
        p = self.price[asset] if price is None else price
        exact = Fraction(units) * p * 10**self.dec[self.currency] / 10**self.dec[asset]
        if wrong == "up":
            return math.ceil(exact)
        if wrong == "half-up":
            return math.floor(exact + Fraction(1, 2))
        return math.floor(exact)
    return value


def set_rule(name, value):
    def change(case):
        case.rules[name] = value
    return change


def set_customers(field, value):
    def change(case):
        for customer in case.customers.values():
            customer[field] = value
    return change


def drop_fund_key(key):
    def change(case):
        for fund in case.toml.get("fund", []):
            fund.pop(key, None)
    return change


def drop_pool_costs(case):
    for asset in case.assets.values():
        asset.pop("pool_cost", None)


def drop_table(name):
    def change(case):
        case.toml.pop(name, None)
    return change


def convenience_at_par(case):
    if "convenience" in case.toml:
        case.toml["convenience"]["rate"] = "1"


def no_catch_up(case):
    case.payments = []


def failed_counted_as_paid(case):
    for p in case.payments:
        p["status"] = "paid"


def record_date_ignored(case):
    case.record_date = ""


def drop_min_payout(case):
    case.min_payout = {}


def excess_admitted():
    determine = ref.determine

    def wrong(case):
        decisions = determine(case)
        for d in decisions.values():
            if d["code"].startswith("P-EXCESS"):
                d["admitted"] += d["disputed"]
                d["disputed"] = 0
        return decisions
    ref.determine = wrong


def holds_paid():
    """Disputed portions are paid out as if admitted instead of held."""
    payouts = ref.payouts

    def wrong(case, decisions, alloc, payee, finding):
        alloc = [(a[0], "admitted") + tuple(a[2:]) for a in alloc]
        return payouts(case, decisions, alloc, payee, finding)
    ref.payouts = wrong


def disputed_not_reserved():
    """Disputed portions get no reserve: the admitted lines share everything."""
    waterfall = ref.waterfall

    def wrong(case, decisions, claimant_of):
        decisions = copy.deepcopy(decisions)
        for d in decisions.values():
            d["disputed"] = 0
        return waterfall(case, decisions, claimant_of)
    ref.waterfall = wrong


def identities_not_linked():
    ref.claimants = lambda case: {c: c for c in case.customers}


def pools_not_segregated(case):
    """Segregated holdings treated as the estate's own."""
    for h in case.holdings:
        h["segregated"] = "false"


def replace_split(rule):
    def apply():
        ref.split = rule
    return apply


# name (the rule it breaks) -> how to plant it
BUGS = {
    "pro rata -> first come first served": replace_split(first_come_first_served),
    "largest remainder -> leftover units kept": replace_split(floor_only),
    "unfiled balances dropped": lambda: patch_case(set_rule("unfiled", "ignore")),
    "KYC ignored": lambda: patch_case(set_customers("kyc", "verified")),
    "sanctions ignored": lambda: patch_case(set_customers("sanctioned", "false")),
    "holds paid": holds_paid,
    "disputed amounts not reserved": disputed_not_reserved,
    "excess over the ledger admitted": excess_admitted,
    "late claims not subordinated": lambda: patch_case(set_rule("late", "admit")),
    "insiders not subordinated": lambda: patch_case(set_rule("insiders", "admit")),
    "rounding up instead of down": lambda: setattr(ref.Case, "value", rounding("down", "up")),
    "half-even ties rounded up": lambda: setattr(ref.Case, "value",
                                                rounding("half-even", "half-up")),
    "half-even ignored (always down)": lambda: setattr(ref.Case, "value",
                                                     rounding("half-even", "down")),
    "floor not paid": lambda: patch_case(drop_fund_key("floor")),
    "cap not applied": lambda: patch_case(drop_fund_key("cap")),
    "fund restriction to assets ignored": lambda: patch_case(drop_fund_key("assets")),
    "minimum payout ignored": lambda: patch_case(drop_min_payout),
    "pool costs ignored": lambda: patch_case(drop_pool_costs),
    "convenience class ignored": lambda: patch_case(drop_table("convenience")),
    "convenience rate ignored (paid at 100%)": lambda: patch_case(convenience_at_par),
    "catch-up ignored (earlier payments not deducted)": lambda: patch_case(no_catch_up),
    "failed payments counted as paid": lambda: patch_case(failed_counted_as_paid),
    "record date ignored (later sales applied)": lambda: patch_case(record_date_ignored),
    "identities not linked (per customer, not per claimant)": identities_not_linked,
    "pools not segregated (holdings to the estate)": lambda: patch_case(pools_not_segregated),
}


def main():
    bug = os.environ.get("KANZAI_PLANTED_BUG", "")
    if bug:
        BUGS[bug]()
    if len(sys.argv) < 5 or sys.argv[1] != "run" or sys.argv[3] != "--out":
        sys.exit("usage: planted_engine.py run CASE --out DIR [--no-db]")
    ref.run(sys.argv[2], sys.argv[4])


if __name__ == "__main__":
    main()
