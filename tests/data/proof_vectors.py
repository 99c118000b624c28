#!/usr/bin/env python3
"""Test vectors for the proof of distribution (SPEC "Proof of distribution"), computed with
Python's hashlib and hmac only, independently of Kanzai's C++: for the first 0, 1, 2, 3, 5
and 7 of the rows below, unsalted and salted, every leaf, the root and every leaf's path.
Another implementation can check itself against proof_vectors.json.

Usage: proof_vectors.py           prints the JSON
       proof_vectors.py --check   exits 1 unless proof_vectors.json beside it is that JSON
"""
import hashlib
import hmac
import json
import os
import sys

# payouts.csv records as written (quotes included, no final LF) and their payee ids.
ROWS = [
    ("C1", "1,C1,BTC,0.50000000,1,payable"),
    ("C1", "2,C1,JPY,1000,2,payable"),
    ("C2", "3,C2,BTC,0.25000000,1,below_minimum"),
    ('"a,b"', '4,"""a,b""",JPY,7,1,payable'),
    ("C3", "5,C3,JPY,12,2,held"),
    ("顧客-6", "6,顧客-6,JPY,100,1,payable"),
    ('x"y', '7,"x""y",JPY,5,1,held_kyc'),
]
KEY = b"kkkkkkkkkkkkkkkk0123456789abcdef"  # proof.key's bytes (32 here; any length >= 32)
COUNTS = [0, 1, 2, 3, 5, 7]


def sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def salt(key, payee_id: str) -> bytes:
    return hmac.new(key, payee_id.encode("utf-8"), hashlib.sha256).digest() if key else b""


def levels_of(leaves):
    levels = [leaves]
    while len(levels[-1]) > 1:
        below = levels[-1]
        above = [sha256(b"\x01" + below[i] + below[i + 1]) for i in range(0, len(below) - 1, 2)]
        if len(below) % 2 == 1:
            above.append(below[-1])  # an unpaired last node moves up unchanged
        levels.append(above)
    return levels


def path_of(levels, index):
    path = []
    for nodes in levels[:-1]:
        if index % 2 == 1:
            path.append({"side": "left", "hash": nodes[index - 1].hex()})
        elif index + 1 < len(nodes):
            path.append({"side": "right", "hash": nodes[index + 1].hex()})
        index //= 2
    return path


def case_of(count, key):
    leaves = [sha256(b"\x00" + salt(key, payee) + row.encode("utf-8"))
              for payee, row in ROWS[:count]]
    levels = levels_of(leaves)
    root = levels[-1][0] if leaves else sha256(b"")
    return {
        "payouts": count,
        "salted": key is not None,
        "root": root.hex(),
        "leaves": [leaf.hex() for leaf in leaves],
        "paths": [path_of(levels, index) for index in range(count)],
    }


def vectors():
    return {
        "about": "SPEC 'Proof of distribution': leaf = SHA-256(0x00 || salt || row), node = "
                 "SHA-256(0x01 || left || right), an unpaired last node moves up unchanged, "
                 "no payouts: SHA-256 of no bytes; salt = HMAC-SHA256(key, UTF-8 payee id) "
                 "when salted, else empty. Each case uses the first `payouts` rows. A path "
                 "goes from the leaf up; `side` is the sibling's side.",
        "key_hex": KEY.hex(),
        "rows": [{"payee_id": payee, "row": row} for payee, row in ROWS],
        "salts": {payee: salt(KEY, payee).hex() for payee, _ in ROWS},
        "cases": [case_of(count, key) for key in (None, KEY) for count in COUNTS],
    }


def main():
    text = json.dumps(vectors(), indent=2, ensure_ascii=False) + "\n"
    if sys.argv[1:] == ["--check"]:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "proof_vectors.json")
        with open(path, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{path} is not what proof_vectors.py computes; regenerate it")
                return 1
        print("proof_vectors.json: as computed by hashlib and hmac")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
