#!/usr/bin/env python3
"""Checks that a case folder holds only complete runs (see crash.sh). Exits 1 on the first
violation, printing it.
- out/: every run-NNNN folder has exactly decisions.csv, allocations.csv, payouts.csv and
  summary.json, whose SHA-256 match summary.json's `outputs` (so does a folder set aside as
  `run-NNNN.unrecorded`); any other entry is a staging folder named `.run-NNNN.staging-PID`. Files are 0600, folders 0700.
- case.db (if present): `PRAGMA integrity_check` is ok, and for every recorded run whose out
  folder exists, its decision/allocation/payout row counts match the CSV files there and its
  recorded output hashes match the files (docs/case-db.md: a folder may lack its run after a
  crash between rename and commit; a run never lacks or disagrees with its folder).
Usage: check_case_state.py CASE_FOLDER
"""
import csv
import hashlib
import json
import os
import pathlib
import re
import sqlite3
import stat
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "support"))
import case_db_rows  # noqa: E402  (tests/support: the rows of a run, chunked or not)

OUTPUTS = ("allocations.csv", "decisions.csv", "payouts.csv", "summary.json")


def fail(message: str) -> None:
    print(f"check_case_state: {message}")
    sys.exit(1)


def csv_records(path: pathlib.Path) -> int:
    with path.open(newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


def check_run_folder(folder: pathlib.Path) -> None:
    names = sorted(entry.name for entry in folder.iterdir())
    if names != sorted(OUTPUTS):
        fail(f"{folder} holds {names}, not the 4 outputs")
    if stat.S_IMODE(folder.stat().st_mode) != 0o700:
        fail(f"{folder} has mode {oct(folder.stat().st_mode)}, not 0700")
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    for name in OUTPUTS:
        path = folder / name
        if stat.S_IMODE(path.stat().st_mode) != 0o600:
            fail(f"{path} has mode {oct(path.stat().st_mode)}, not 0600")
        if name == "summary.json":
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if summary["outputs"].get(name) != digest:
            fail(f"{path} hashes to {digest}, summary.json says {summary['outputs'].get(name)}")


def check_out(case: pathlib.Path) -> None:
    out = case / "out"
    if not out.exists():
        return
    for entry in sorted(out.iterdir()):
        if re.fullmatch(r"run-[0-9]{4,}(\.unrecorded)?", entry.name):
            check_run_folder(entry)
        elif not re.fullmatch(r"\.run-[0-9]{4,}\.staging-[0-9]+", entry.name):
            fail(f"out/ holds {entry.name!r}, neither a run folder nor a staging folder")


def check_db(case: pathlib.Path) -> None:
    db = case / "case.db"
    if not db.exists():
        return
    result = subprocess.run(["sqlite3", str(db), "PRAGMA integrity_check"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or result.stdout.strip() != "ok":
        fail(f"integrity_check: {result.stdout.strip()} {result.stderr.strip()}")
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tables = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "runs" not in tables:
        return
    for number, out_folder in connection.execute("SELECT number, out_folder FROM runs"):
        folder = pathlib.Path(out_folder)
        if not folder.is_absolute() or not folder.is_dir():
            folder = case / "out" / f"run-{number:04}"
        if not folder.is_dir():
            continue
        for table, name in (("decisions", "decisions.csv"), ("allocations", "allocations.csv"),
                            ("payouts", "payouts.csv")):
            rows = len(case_db_rows.rows(connection, number, table))
            if rows != csv_records(folder / name):
                fail(f"run {number}: {table} holds {rows} rows, {name} has "
                     f"{csv_records(folder / name)} records")
        for name, digest in connection.execute(
                "SELECT name, sha256 FROM run_files WHERE run = ? AND kind = 'output'",
                (number,)):
            actual = hashlib.sha256((folder / name).read_bytes()).hexdigest()
            if actual != digest:
                fail(f"run {number}: case.db records {name} as {digest}, the file is {actual}")
    connection.close()


def main() -> int:
    case = pathlib.Path(sys.argv[1])
    check_out(case)
    check_db(case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
