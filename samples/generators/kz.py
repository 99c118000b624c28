"""Shared helpers for the sample generators: a portable PRNG, exact integer splits and
CSV writers. No floating point touches an amount: every figure is an integer count of
minor units, split with the same largest-remainder rule as SPEC.md.

Every generator is deterministic per seed (same bytes on every machine): the PRNG is
splitmix64 on Python integers, and heavy tails come from integer roots, not libm."""

import csv
import io
import math
import os

MASK64 = (1 << 64) - 1


class SplitMix64:
    """splitmix64 (Steele, Lea, Flood 2014): tiny, portable, and the same in synth (C++)."""

    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, bound):
        """Uniform in [0, bound) (bound small compared to 2^64; the bias is negligible)."""
        return self.next() % bound

    def chance(self, per_mille):
        return self.below(1000) < per_mille

    def heavy_weight(self):
        """A Pareto-like weight (tail index about 4/3): 2^40 / u^(3/4), u uniform in
        [1, 2^24]; three in ten are scaled down to dust or small accounts."""
        u = 1 + self.below(1 << 24)
        weight = (1 << 40) // max(1, math.isqrt(math.isqrt(u * u * u)))
        if self.below(100) < 30:
            # Dust and small accounts: 0.1% to 10% of a typical weight.
            weight = 1 + weight * (1 + self.below(100)) // 1000
        return weight


def split_largest_remainder(total, weights):
    """SPEC "Largest-remainder rule": floor(P * w_i / W), leftovers one each to the largest
    remainders, ties to the earlier index. Parts sum to `total` exactly."""
    weight_sum = sum(weights)
    if weight_sum <= total:
        return list(weights)
    parts = [total * w // weight_sum for w in weights]
    remainders = [(total * w) % weight_sum for w in weights]
    leftover = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[:leftover]:
        parts[i] += 1
    return parts


def heavy_split(rng, total, count, grain=1):
    """Split `total` units over `count` holders, heavy-tailed, each a positive multiple of
    `grain`; `total` must be a multiple of `grain` and at least count * grain."""
    assert total % grain == 0 and total // grain >= count
    grains = total // grain - count
    weights = [rng.heavy_weight() for _ in range(count)]
    # With W > P the split is pro-rata; W <= P would give each its weight, so scale up.
    weight_sum = sum(weights)
    if weight_sum <= grains:
        weights = [w * (grains // weight_sum + 1) for w in weights]
    parts = split_largest_remainder(grains, weights)
    return [(1 + p) * grain for p in parts]


def split_accounts(rng, units, grain=1):
    """One to three accounts for a balance: most customers have one, some several."""
    roll = rng.below(100)
    accounts = 1 if roll < 70 else (2 if roll < 92 else 3)
    if accounts == 1 or units < accounts * grain:
        return [units]
    cuts = heavy_split(rng, units, accounts, grain)
    return cuts


def fmt_units(count, decimals):
    """Exactly `decimals` fractional digits, as SPEC writes amounts."""
    sign = "-" if count < 0 else ""
    count = abs(count)
    if decimals == 0:
        return f"{sign}{count}"
    text = str(count).rjust(decimals + 1, "0")
    return f"{sign}{text[:-decimals]}.{text[-decimals:]}"


def write_csv(folder, name, header, rows):
    """RFC 4180 with LF line ends, quoting only when needed, like Kanzai's own outputs."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as out:
        out.write(buffer.getvalue())


def write_text(folder, name, text):
    with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as out:
        out.write(text)


def sample_dir(name):
    """samples/<name>, next to this generators/ folder."""
    here = os.path.dirname(os.path.abspath(__file__))
    folder = os.path.join(os.path.dirname(here), name)
    os.makedirs(folder, exist_ok=True)
    return folder


COUNTRIES = ["JP"] * 80 + ["US"] * 5 + ["KR"] * 4 + ["CN"] * 4 + ["SG"] * 3 + ["GB"] * 2 + \
    ["DE"] * 2


class Population:
    """Customers, their accounts and identity keys, built customer by customer.

    Each customer gets a kind, a KYC state and a country; one to three accounts per asset
    held; a few customers share an identity key (an email) with an earlier customer, which
    makes them one claimant (SPEC "Claimants")."""

    def __init__(self, rng, prefix="C", kyc_pending_per_mille=40, link_per_mille=30,
                 corporate_per_mille=20, countries=None):
        self.rng = rng
        self.prefix = prefix
        self.kyc_pending = kyc_pending_per_mille
        self.link = link_per_mille
        self.corporate = corporate_per_mille
        self.countries = countries or COUNTRIES
        self.customers = []   # rows of customers.csv
        self.ledger = []      # rows of ledger.csv
        self.identities = []  # rows of identities.csv
        self.account_count = 0

    def customer_id(self, index):
        return f"{self.prefix}{index + 1:06d}"

    def add_customer(self, index, kind=None):
        rng = self.rng
        customer_id = self.customer_id(index)
        if kind is None:
            kind = "corporate" if rng.chance(self.corporate) else "retail"
        kyc = "pending" if rng.chance(self.kyc_pending) else "verified"
        country = self.countries[rng.below(len(self.countries))]
        name = f"{'Company' if kind == 'corporate' else 'Holder'} {index + 1}"
        self.customers.append([customer_id, name, kind, kyc, "false", country])
        email = f"{customer_id.lower()}@example.jp"
        if index > 0 and rng.chance(self.link):
            # A second registration of an earlier customer: same email, one claimant.
            email = f"{self.customer_id(rng.below(index)).lower()}@example.jp"
        self.identities.append([customer_id, "email", email])
        return customer_id

    def add_balance(self, customer_id, asset, units, grain=1):
        for part in split_accounts(self.rng, units, grain):
            self.account_count += 1
            self.ledger.append([f"A{self.account_count:07d}", customer_id, asset, part])

    def write(self, folder, decimals):
        write_csv(folder, "customers.csv",
                  ["customer_id", "name", "kind", "kyc", "sanctioned", "country"],
                  self.customers)
        write_csv(folder, "ledger.csv", ["account_id", "customer_id", "asset", "balance"],
                  [[a, c, s, fmt_units(u, decimals[s])] for a, c, s, u in self.ledger])
        write_csv(folder, "identities.csv", ["customer_id", "key_type", "key"],
                  self.identities)


def filed_claims(rng, entitlements, decimals, filed_on_choices, file_per_mille=850,
                 prefix="K"):
    """Claims filed exactly at the ledger entitlement (A-MATCHES-LEDGER) by most customers;
    the rest file nothing and get a deemed claim (D-DEEMED, SPEC "Deemed claims").
    `entitlements` is a list of (customer_id, asset, units) in a fixed order."""
    rows = []
    for customer_id, asset, units in entitlements:
        if not rng.chance(file_per_mille):
            continue
        filed_on = filed_on_choices[rng.below(len(filed_on_choices))]
        rows.append([f"{prefix}{len(rows) + 1:06d}", customer_id, asset,
                     fmt_units(units, decimals[asset]), filed_on, ""])
    return rows


def write_claims(folder, rows):
    write_csv(folder, "claims.csv",
              ["claim_id", "customer_id", "asset", "amount", "filed_on", "amends"], rows)

