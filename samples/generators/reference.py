"""A slow, obvious model of SPEC.md's rules, written to check the samples' expected figures
before the engine existed, and to cross-check the engine after. Not the engine: no input
validation, no case.db; of SPEC v3: pool_cost, the convenience class (without elections),
catch-up (payments.csv) and the record date, not elections or conversions. Usage:
    python3 reference.py run CASE --out DIR
writes decisions.csv, allocations.csv, payouts.csv and a summary.json with the fields the
samples' expect.sh read. Exact arithmetic: integers and Fractions only."""

import csv
import json
import math
import os
import sys
import tomllib
from collections import defaultdict
from fractions import Fraction


def read_csv(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def to_units(text, decimals):
    negative = text.startswith("-")
    text = text.lstrip("-")
    whole, _, frac = text.partition(".")
    count = int(whole) * 10**decimals + (int(frac.ljust(decimals, "0")) if frac else 0)
    return -count if negative else count


def fmt(count, decimals):
    sign = "-" if count < 0 else ""
    text = str(abs(count)).rjust(decimals + 1, "0")
    return sign + (text if decimals == 0 else f"{text[:-decimals]}.{text[-decimals:]}")


def split(total, weights):
    """SPEC "Largest-remainder rule"."""
    weight_sum = sum(weights)
    if weight_sum <= total:
        return list(weights)
    parts = [total * w // weight_sum for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-((total * weights[i]) % weight_sum), i))
    for i in order[:total - sum(parts)]:
        parts[i] += 1
    return parts


def ratio6(numerator, denominator):
    scaled = numerator * 10**6 // denominator
    return f"{scaled // 10**6}.{scaled % 10**6:06d}"


class Case:
    def __init__(self, folder):
        with open(os.path.join(folder, "case.toml"), "rb") as f:
            self.toml = tomllib.load(f)
        self.currency = self.toml["case"]["currency"]
        self.assets = self.toml["assets"]
        self.dec = {a: v["decimals"] for a, v in self.assets.items()}
        self.price = {a: Fraction(v["price"]) for a, v in self.assets.items()}
        self.estate_price = {a: Fraction(v.get("estate_price", v["price"]))
                             for a, v in self.assets.items()}
        self.rules = {"unfiled": "admit", "excess": "dispute", "late": "subordinate",
                      "insiders": "subordinate", "set_off": "proportional",
                      "valuation_rounding": "down"} | {
            k: v for k, v in self.toml.get("rules", {}).items() if k != "min_payout"}
        self.min_payout = {a: to_units(v, self.dec[a])
                           for a, v in self.toml.get("rules", {}).get("min_payout", {}).items()}
        self.customers = {r["customer_id"]: r for r in read_csv(folder, "customers.csv")}
        self.ledger = read_csv(folder, "ledger.csv")
        self.claims = read_csv(folder, "claims.csv")
        self.holdings = read_csv(folder, "holdings.csv")
        self.identities = read_csv(folder, "identities.csv")
        self.transfers = read_csv(folder, "transfers.csv")
        self.creditors = read_csv(folder, "creditors.csv")
        self.determinations = {r["claim_id"]: r for r in read_csv(folder, "determinations.csv")}
        self.payments = read_csv(folder, "payments.csv")
        self.record_date = str(self.toml["case"].get("record_date", ""))

    def value(self, asset, units, price=None):
        p = self.price[asset] if price is None else price
        exact = Fraction(units) * p * 10**self.dec[self.currency] / 10**self.dec[asset]
        if self.rules["valuation_rounding"] == "down":
            return math.floor(exact) if exact >= 0 else -math.floor(-exact)
        return round(exact)  # Python rounds half to even

    def rounded(self, exact):
        """A non-negative Fraction rounded per valuation_rounding."""
        return math.floor(exact) if self.rules["valuation_rounding"] == "down" else round(exact)


def entitlements(case):
    e = defaultdict(int)
    for r in case.ledger:
        e[(r["customer_id"], r["asset"])] += to_units(r["balance"], case.dec[r["asset"]])
    if case.rules["set_off"] != "proportional":
        return {k: max(v, 0) for k, v in e.items()}
    by_customer = defaultdict(list)
    for (c, a), v in e.items():
        by_customer[c].append(a)
    out = {}
    for c, assets in by_customer.items():
        d = sum(case.value(a, -e[(c, a)]) for a in assets if e[(c, a)] < 0)
        v = sum(case.value(a, e[(c, a)]) for a in assets if e[(c, a)] > 0)
        for a in assets:
            x = max(e[(c, a)], 0)
            if d > 0 and x > 0:
                x = 0 if d >= v else x * (v - d) // v
            out[(c, a)] = x
    return out


def determine(case):
    ent = entitlements(case)
    claims = {r["claim_id"]: r for r in case.claims}
    amended = {r["amends"]: r["claim_id"] for r in case.claims if r["amends"]}
    first_filed = {}
    for cid in claims:
        root = cid
        while claims[root]["amends"]:
            root = claims[root]["amends"]
        first_filed[cid] = claims[root]["filed_on"]
    decisions = {}
    groups = defaultdict(list)
    for cid, r in claims.items():
        if cid in amended:
            decisions[cid] = dict(code="R-AMENDED", admitted=0, disputed=0)
        else:
            groups[(r["customer_id"], r["asset"])].append(cid)
    bar = str(case.toml["case"]["bar_date"])
    standing = {}
    for key, ids in groups.items():
        ids.sort(key=lambda i: (first_filed[i], i))
        for other in ids[1:]:
            decisions[other] = dict(code="R-DUPLICATE", admitted=0, disputed=0)
        cid = ids[0]
        r = claims[cid]
        late = first_filed[cid] > bar
        known_c, known_a = r["customer_id"] in case.customers, r["asset"] in case.dec
        e = ent.get(key, 0) if known_c and known_a else 0
        f = to_units(r["amount"], case.dec[r["asset"]]) if known_a else 0
        if not known_c:
            d = dict(code="R-UNKNOWN-CUSTOMER", admitted=0, disputed=0)
        elif not known_a:
            d = dict(code="R-UNKNOWN-ASSET", admitted=0, disputed=0)
        elif late and case.rules["late"] == "bar":
            d = dict(code="R-LATE-BARRED", admitted=0, disputed=0)
        elif e == 0:
            d = dict(code="R-NO-BALANCE", admitted=0, disputed=0)
        elif f <= e:
            d = dict(code="A-MATCHES-LEDGER", admitted=f, disputed=0)
        elif case.rules["excess"] == "dispute":
            d = dict(code="P-EXCESS-DISPUTED", admitted=e, disputed=f - e)
        else:
            d = dict(code="P-EXCESS-REJECTED", admitted=e, disputed=0)
        d["late"] = late
        decisions[cid] = d
        standing[key] = cid
    for cid in claims:
        decisions[cid].setdefault("late", first_filed[cid] > bar)
        decisions[cid].update(customer=claims[cid]["customer_id"], asset=claims[cid]["asset"],
                              filed=claims[cid]["amount"])
    if case.rules["unfiled"] == "admit":
        for (c, a), e in ent.items():
            s = standing.get((c, a))
            if e > 0 and (s is None or (decisions[s]["code"] == "R-LATE-BARRED"
                                        and s not in case.determinations)):
                decisions[f"deemed:{c}:{a}"] = dict(code="D-DEEMED", admitted=e, disputed=0,
                                                    late=False, customer=c, asset=a, filed="")
    for cid, row in case.determinations.items():
        d = decisions[cid]
        amount = to_units(row["amount"], case.dec[d["asset"]]) if row["amount"] else 0
        d.update(code="O-DETERMINATION", admitted=amount if row["decision"] == "admit" else 0,
                 disputed=amount if row["decision"] == "dispute" else 0)
    for cid, d in decisions.items():
        d["ledger"] = ent.get((d["customer"], d["asset"]), 0)
        d["class"] = ""
        if d["admitted"] or d["disputed"]:
            kind = case.customers.get(d["customer"], {}).get("kind", "retail")
            suffix = ""
            if d["late"] and case.rules["late"] == "subordinate":
                suffix += "+LATE"
            if kind in ("insider", "affiliate") and case.rules["insiders"] == "subordinate":
                suffix += "+INSIDER"
            d["class"] = "subordinated" if suffix else "customer"
            d["code"] += suffix
    return decisions


def claimants(case):
    parent = {c: c for c in case.customers}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    first = {}
    for r in case.identities:
        key = (r["key_type"], r["key"])
        if key in first:
            a, b = find(first[key]), find(r["customer_id"])
            parent[max(a, b)] = min(a, b)
        else:
            first[key] = r["customer_id"]
    return {c: find(c) for c in case.customers}


def payees(case, decisions):
    by_claim = defaultdict(list)
    for t in case.transfers:
        by_claim[t["claim_id"]].append(t)
    payee, finding = {}, {}
    case.after_record_date = 0
    for cid, d in decisions.items():
        holder = d["customer"]
        for t in sorted(by_claim[cid], key=lambda t: (t["effective_on"], t["transfer_id"])):
            if case.record_date and t["effective_on"] > case.record_date:
                case.after_record_date += 1
                continue
            if t["from_id"] != holder or t["to_id"] not in case.customers or \
                    t["from_id"] == t["to_id"]:
                finding[cid] = True
                continue
            holder = t["to_id"]
        payee[cid] = holder
    return payee, finding


def waterfall(case, decisions, claimant_of):
    lines = []  # (claim_id, portion, asset, units, class)
    for cid in sorted(decisions):
        d = decisions[cid]
        for portion in ("admitted", "disputed"):
            if d["class"] and d[portion] > 0:
                lines.append((cid, portion, d["asset"], d[portion], d["class"]))
    alloc = []  # (claim_id, portion, source, asset, units, tranche)
    lines, convenience_k, convenience_summary = convenience(case, lines, claimant_of)
    summary_assets, pool_surplus = {}, {}
    paid_units = defaultdict(int)
    for asset in sorted(case.dec):
        pool = sum(to_units(h["amount"], case.dec[asset]) for h in case.holdings
                   if h["asset"] == asset and h["status"] == "held"
                   and h["segregated"] == "true")
        cost = min(to_units(case.assets[asset].get("pool_cost", "0"), case.dec[asset]), pool)
        cl = [l for l in lines if l[2] == asset and l[4] == "customer"]
        parts = split(pool - cost, [l[3] for l in cl])
        for l, p in zip(cl, parts):
            if p:
                alloc.append((l[0], l[1], f"pool:{asset}", asset, p, 1))
            paid_units[(l[0], l[1])] = p
        w = sum(l[3] for l in cl)
        pool_surplus[asset] = max(pool - cost - w, 0)
        summary_assets[asset] = {
            "claims": fmt(w, case.dec[asset]), "pool": fmt(pool, case.dec[asset]),
            "allocated": fmt(sum(parts), case.dec[asset]),
            "surplus": fmt(pool_surplus[asset], case.dec[asset]),
            "cost": fmt(cost, case.dec[asset])}
        if w:
            summary_assets[asset]["coverage"] = ratio6(pool - cost, w)
    shortfall = {(l[0], l[1]): case.value(l[2], l[3] - paid_units[(l[0], l[1])])
                 for l in lines if l[4] == "customer"}
    line_asset = {(l[0], l[1]): l[2] for l in lines}
    funds_summary, carried, leftovers = {}, 0, 0
    cur = case.currency
    for fund in case.toml.get("fund", []):
        available = to_units(fund["amount"], case.dec[cur]) + carried
        eligible_assets = fund.get("assets", list(case.dec))
        by_claimant = defaultdict(list)
        for key in shortfall:
            if line_asset[key] in eligible_assets and shortfall[key] > 0:
                by_claimant[claimant_of(key[0])].append(key)
        order = sorted(by_claimant)
        cap = to_units(fund["cap"], case.dec[cur]) if "cap" in fund else None
        e = [sum(shortfall[k] for k in by_claimant[g]) for g in order]
        e = [min(x, cap) if cap is not None else x for x in e]
        if "floor" in fund:
            fl = to_units(fund["floor"], case.dec[cur])
            floors = split(available, [min(x, fl) for x in e])
            rest = split(available - sum(floors), [x - min(x, fl) for x in e])
            awards = [a + b for a, b in zip(floors, rest)]
        else:
            awards = split(available, e)
        for g, award in zip(order, awards):
            keys = by_claimant[g]
            for k, p in zip(keys, split(award, [shortfall[k] for k in keys])):
                if p:
                    alloc.append((k[0], k[1], f"fund:{fund['id']}", cur, p,
                                  fund.get("tranche", 1)))
                shortfall[k] -= p
        leftover = available - sum(awards)
        nxt = fund.get("leftover", "estate") == "next"
        carried = leftover if nxt else 0
        leftovers += 0 if nxt else leftover
        funds_summary[fund["id"]] = {"allocated": fmt(sum(awards), case.dec[cur]),
                                     "leftover": fmt(leftover, case.dec[cur]),
                                     "available": fmt(available, case.dec[cur])}
    leftovers += carried
    estate = case.toml.get("estate", {})
    cash = to_units(estate.get("cash", "0"), case.dec[cur])
    non_seg = sum(case.value(h["asset"], to_units(h["amount"], case.dec[h["asset"]]),
                             case.estate_price[h["asset"]]) for h in case.holdings
                  if h["status"] == "held" and h["segregated"] == "false")
    surplus_value = sum(case.value(a, u, case.estate_price[a]) for a, u in pool_surplus.items())
    available = cash + non_seg + surplus_value + leftovers
    tranche = estate.get("tranche", 1)
    classes = {}
    remaining = available
    for cls in ("admin", "priority", "convenience", "general", "subordinated"):
        if cls == "convenience" and "convenience" not in case.toml:
            continue
        members = []
        if cls == "convenience":
            members += [(k, convenience_k[k]) for k in sorted(convenience_k)]
        if cls == "general":
            members += [(k, shortfall[k]) for k in sorted(shortfall)]
        if cls == "subordinated":
            members += [((l[0], l[1]), case.value(l[2], l[3])) for l in lines
                        if l[4] == "subordinated"]
        members += [((f"creditor:{c['creditor_id']}", "admitted"),
                     to_units(c["amount"], case.dec[cur]))
                    for c in sorted(case.creditors, key=lambda c: c["creditor_id"])
                    if c["class"] == cls]
        parts = split(remaining, [w for _, w in members])
        for (k, _), p in zip(members, parts):
            if p:
                alloc.append((k[0], k[1], f"estate:{cls}", cur, p,
                              case.toml["convenience"].get("tranche", 1)
                              if cls == "convenience" else tranche))
        remaining -= sum(parts)
        classes[cls] = {"claims": fmt(sum(w for _, w in members), case.dec[cur]),
                        "allocated": fmt(sum(parts), case.dec[cur])}
    estate_summary = {"available": fmt(available, case.dec[cur]),
                      "allocated": fmt(available - remaining, case.dec[cur]),
                      "residue": fmt(remaining, case.dec[cur]), "classes": classes}
    if convenience_summary:
        convenience_summary["allocated"] = classes["convenience"]["allocated"]
        estate_summary["convenience"] = convenience_summary
    return lines, alloc, summary_assets, funds_summary, estate_summary


def convenience(case, lines, claimant_of):
    """SPEC waterfall step 0 (elections not modelled): a claimant whose customer-class lines
    are worth at most the threshold moves them all to the convenience class, with a claim
    k_g = rate * c_g split over them in proportion to their values."""
    if "convenience" not in case.toml:
        return lines, {}, None
    conf = case.toml["convenience"]
    threshold = to_units(conf["threshold"], case.dec[case.currency])
    rate = Fraction(conf["rate"])
    by_claimant = defaultdict(list)
    for l in lines:
        if l[4] == "customer":
            by_claimant[claimant_of(l[0])].append(l)
    members, k_of = set(), {}
    for g, ls in by_claimant.items():
        values = [case.value(l[2], l[3]) for l in ls]
        c = sum(values)
        if 0 < c <= threshold:
            k = case.rounded(rate * min(c, threshold))
            parts = [k * v // c for v in values]
            order = sorted(range(len(ls)), key=lambda i: (-((k * values[i]) % c), i))
            for i in order[:k - sum(parts)]:
                parts[i] += 1
            for l, p in zip(ls, parts):
                k_of[(l[0], l[1])] = p
                members.add((l[0], l[1]))
    moved = [l[:4] + ("convenience",) if (l[0], l[1]) in members else l for l in lines]
    claims = sum(k_of.values())
    return moved, k_of, {"claimants": sum(1 for g, ls in by_claimant.items()
                                          if (ls[0][0], ls[0][1]) in members),
                         "claims": fmt(claims, case.dec[case.currency])}


def payouts(case, decisions, alloc, payee, finding):
    sums = defaultdict(int)
    for cid, portion, source, asset, units, tranche in alloc:
        if cid.startswith("creditor:"):
            status, who = "eligible", cid
        else:
            d = decisions[cid]
            who = payee[cid]
            c = case.customers.get(who, {})
            original = case.customers.get(d["customer"], {})
            if finding.get(cid):
                status = "held_review"
            elif c.get("sanctioned") == "true" or original.get("sanctioned") == "true":
                status = "frozen_sanctions"
            elif portion == "disputed":
                status = "held_disputed"
            elif c.get("kyc", "pending") != "verified":
                status = "held_kyc"
            else:
                status = "eligible"
        sums[(who, asset, tranche, status)] += units
    paid = defaultdict(int)
    for p in case.payments:
        if p.get("status", "paid") in ("", "paid"):
            paid[(p["payee_id"], p["asset"])] += to_units(p["amount"], case.dec[p["asset"]])
    for key in sorted((k for k in sums if k[3] == "eligible"), key=lambda k: k[2]):
        taken = min(sums[key], paid[key[:2]])
        sums[key] -= taken
        paid[key[:2]] -= taken
    rows = []
    for (who, asset, tranche, status), units in sums.items():
        if status == "eligible":
            minimum = case.min_payout.get(asset, 0)
            status = "below_minimum" if units < minimum else "payable"
        if units:
            rows.append((who, asset, tranche, status, units))
    rows.sort(key=lambda r: (r[0].encode(), r[1].encode(), r[2], r[3].encode()))
    return rows


def run(case_folder, out):
    case = Case(case_folder)
    decisions = determine(case)
    claimant_map = claimants(case)
    payee, finding = payees(case, decisions)

    def claimant_of(cid):
        return claimant_map.get(decisions[cid]["customer"], decisions[cid]["customer"])
    lines, alloc, assets, funds, estate = waterfall(case, decisions, claimant_of)
    if "convenience" in estate:
        convenience_summary = estate.pop("convenience")
    os.makedirs(out)
    with open(os.path.join(out, "decisions.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["claim_id", "customer_id", "claimant_id", "payee_id", "asset", "filed",
                    "ledger", "admitted", "disputed", "class", "code", "reason", "value"])
        for cid in sorted(decisions):
            d = decisions[cid]
            dec = case.dec.get(d["asset"], 0)
            known = d["asset"] in case.dec
            w.writerow([cid, d["customer"], claimant_of(cid), payee[cid], d["asset"], d["filed"],
                        fmt(d["ledger"], dec), fmt(d["admitted"], dec), fmt(d["disputed"], dec),
                        d["class"], d["code"], "reference model",
                        fmt(case.value(d["asset"], d["admitted"]) if known else 0,
                            case.dec[case.currency])])
    with open(os.path.join(out, "allocations.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["claim_id", "portion", "source", "asset", "amount", "tranche"])
        for a in sorted(alloc, key=lambda a: (a[0], a[1], a[2])):
            w.writerow([a[0], a[1], a[2], a[3], fmt(a[4], case.dec[a[3]]), a[5]])
    rows = payouts(case, decisions, alloc, payee, finding)
    with open(os.path.join(out, "payouts.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["payout_id", "payee_id", "asset", "amount", "tranche", "status"])
        for i, (who, asset, tranche, status, units) in enumerate(rows, 1):
            w.writerow([i, who, asset, fmt(units, case.dec[asset]), tranche, status])
    lost = defaultdict(int)
    for h in case.holdings:
        if h["status"] == "lost":
            lost[h["asset"]] += to_units(h["amount"], case.dec[h["asset"]])
    recovery = recovery_rates(case, decisions, lines, alloc)
    summary = {"assets": assets, "funds": funds, "estate": estate,
               "transfers_after_record_date": case.after_record_date,
               "holdings_not_distributed": {"lost": {a: fmt(u, case.dec[a])
                                                     for a, u in sorted(lost.items())}},
               "recovery_rate_percentiles": recovery}
    if "convenience" in case.toml:
        summary["convenience"] = convenience_summary
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)


def recovery_rates(case, decisions, lines, alloc):
    worth = defaultdict(int)
    for cid, _, asset, units, _ in lines:
        worth[cid] += case.value(asset, units)
    got_kind, got_cash = defaultdict(lambda: defaultdict(int)), defaultdict(int)
    for cid, _, source, asset, units, _ in alloc:
        if source.startswith("pool:"):
            got_kind[cid][asset] += units
        elif not cid.startswith("creditor:"):
            got_cash[cid] += units
    rates = sorted(Fraction(sum(case.value(a, u) for a, u in got_kind[c].items())
                            + got_cash[c], w) for c, w in worth.items() if w > 0)
    if not rates:
        return {}
    out = {}
    for p in (10, 25, 50, 75, 90):
        r = rates[math.ceil(p * len(rates) / 100) - 1]
        out[f"p{p}"] = ratio6(r.numerator, r.denominator)
    return out


if __name__ == "__main__":
    if len(sys.argv) < 5 or sys.argv[1] != "run" or sys.argv[3] != "--out":
        sys.exit("usage: reference.py run CASE --out DIR [--no-db]")
    run(sys.argv[2], sys.argv[4])
