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

