#!/usr/bin/env python3
"""Exits 1 unless two summary.json files are equal except for the hashes under `inputs`
(which must name the same files). Prints the first difference.
Usage: compare_summaries.py A B
"""
import json
import sys


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as a_file, \
            open(sys.argv[2], encoding="utf-8") as b_file:
        a, b = json.load(a_file), json.load(b_file)
    if sorted(a.get("inputs", {})) != sorted(b.get("inputs", {})):
        print(f"inputs name different files: {sorted(a['inputs'])} vs {sorted(b['inputs'])}")
        return 1
    a.pop("inputs", None)
    b.pop("inputs", None)
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            print(f"summary.json differs in {key!r}: {a.get(key)!r} vs {b.get(key)!r}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
