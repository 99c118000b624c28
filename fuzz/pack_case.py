#!/usr/bin/env python3
"""Packs case folders into seeds for fuzz_case and fuzz_case_db (fuzz/case_folder.hpp).

Usage: pack_case.py OUT_FILE CASE_FOLDER   -- one `--- NAME` line before each file's bytes.
"""
import pathlib
import sys

NAMES = ["case.toml", "customers.csv", "creditors.csv", "ledger.csv", "claims.csv",
         "holdings.csv", "identities.csv", "transfers.csv", "determinations.csv",
         "payments.csv", "elections.csv"]

out, folder = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
packed = b""
for name in NAMES:
    path = folder / name
    if path.is_file():
        data = path.read_bytes()
        packed += b"--- " + name.encode() + b"\n" + data + (b"" if data.endswith(b"\n") else b"\n")
out.write_bytes(packed)
