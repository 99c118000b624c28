"""The rows of a run recorded in case.db, for tests (docs/case-db.md, "Schema").

A run recorded by schema version 2 keeps its decisions, allocations and payouts in
`row_chunks`: each chunk is CSV text (one record per row, no header) in the SQLite archive
encoding (a zlib stream, or the text itself when length(data) = bytes). A run recorded by
version 1 keeps them in the tables of the same names, one row per row.

As a command, for shell tests:
  case_db_rows.py get DB RUN TABLE ROW COLUMN           prints one cell
  case_db_rows.py append DB RUN TABLE ROW COLUMN TEXT   forges a cell: appends TEXT to it,
                                                        dropping the guard trigger it needs
"""
import csv
import io
import sqlite3
import sys
import zlib

COLUMNS = {
    "decisions": ["claim_id", "customer_id", "claimant_id", "payee_id", "asset", "filed",
                  "ledger", "admitted", "disputed", "class", "code", "reason", "value"],
    "allocations": ["claim_id", "portion", "source", "asset", "amount", "tranche", "weight"],
    "payouts": ["payout_id", "payee_id", "asset", "amount", "tranche", "status"],
}


def _text(data, size):
    return (bytes(data) if len(data) == size else zlib.decompress(data)).decode("utf-8")


def _records(text):
    return list(csv.reader(io.StringIO(text, newline="")))


def _has_chunks(connection):
    return connection.execute("SELECT 1 FROM sqlite_schema WHERE name = 'row_chunks'") \
        .fetchone() is not None


def rows(connection, run, table):
    """The rows of `table` of run `run`, in output order, as dicts of text."""
    found = []
    if _has_chunks(connection):
        for size, data in connection.execute(
                "SELECT bytes, data FROM row_chunks WHERE run = ? AND tbl = ? ORDER BY first_row",
                (run, table)):
            found += [dict(zip(COLUMNS[table], record)) for record in _records(_text(data, size))]
    columns = ", ".join('"' + c + '"' for c in COLUMNS[table])
    for record in connection.execute(
            f"SELECT {columns} FROM {table} WHERE run = ? ORDER BY row", (run,)):
        found.append(dict(zip(COLUMNS[table], [str(v) for v in record])))
    return found


def _write_record(record):
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow(record)
    return out.getvalue()


def append_to_cell(connection, run, table, row, column, suffix):
    """Forges one cell of a chunked run (what someone editing case.db by hand could do)."""
    index = COLUMNS[table].index(column)
    for first_row, size, data in connection.execute(
            "SELECT first_row, bytes, data FROM row_chunks WHERE run = ? AND tbl = ? "
            "ORDER BY first_row", (run, table)).fetchall():
        records = _records(_text(data, size))
        if first_row <= row < first_row + len(records):
            records[row - first_row][index] += suffix
            text = "".join(_write_record(r) for r in records).encode("utf-8")
            connection.execute("DROP TRIGGER IF EXISTS row_chunks_no_update")
            connection.execute(
                "UPDATE row_chunks SET bytes = ?, data = ? WHERE run = ? AND tbl = ? AND "
                "first_row = ?", (len(text), zlib.compress(text), run, table, first_row))
            connection.commit()
            return
    raise SystemExit(f"run {run} has no row {row} in {table}")


def main(argv):
    command, db, run, table, row, column = argv[1:7]
    connection = sqlite3.connect(db)
    if command == "get":
        print(rows(connection, int(run), table)[int(row)][column])
    elif command == "append":
        append_to_cell(connection, int(run), table, int(row), column, argv[7])
    else:
        raise SystemExit(f"unknown command {command}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
