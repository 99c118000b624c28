#!/usr/bin/env python3
"""Shuffles the records of every CSV file of a case folder in place, keeping the header.

Used by determinism.sh (SPEC "Outputs of a run": the same inputs in any row order give
byte-identical CSV outputs). Records are parsed with the csv module so that quoted cells
with embedded newlines move as one record; cell values are written back unchanged.
Usage: shuffle_csv.py CASE_FOLDER SEED
"""
import csv
import pathlib
import random
import sys


def shuffle_file(path: pathlib.Path, rng: random.Random) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if len(rows) < 3:
        return
    header, records = rows[0], rows[1:]
    rng.shuffle(records)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(records)


def main() -> int:
    folder, seed = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    for path in sorted(folder.glob("*.csv")):
        shuffle_file(path, rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
