#!/usr/bin/env bash
# Browser test of stress.html: headless Chromium (its network features off; the page has no
# script and no external reference) renders the page of two stress runs, the guide's
# (samples/dmm-bitcoin-2024-counterfactual with samples/stress/reserve-sizing.toml: two funds,
# no floor) and the hand case's (tests/stress/hand: a floor), and every figure the rendered
# page shows must equal stress.csv and stress_funds.csv: per scenario, the row's columns; per
# fund and scenario, available, eligible, floors, max_floor and claimants whole of eligible.
# A screenshot must be a non-empty PNG (the page was painted).
# Usage: stress_test.sh KANZAI SOURCE_DIR
set -euo pipefail
kanzai=$1
source_dir=$2
source "$(dirname "$0")/chromium.sh"
check() {
    local name=$1 case_dir=$2 scenarios=$3
    cp -r "$case_dir" "$work/$name-case"
    "$kanzai" stress "$work/$name-case" --scenarios "$scenarios" --out "$work/$name" >/dev/null
    if grep -Eiq "(src|href)=\"(https?:)?//|<script" "$work/$name/stress.html"; then
        echo "FAIL: $name: stress.html refers to the network or has a script"; exit 1
    fi
    browser --dump-dom "file://$work/$name/stress.html" >"$work/$name-dom.html"
    browser --screenshot="$work/$name.png" --window-size=1280,1600 \
        "file://$work/$name/stress.html" >/dev/null
    python3 - "$work/$name-dom.html" "$work/$name" "$work/$name.png" "$name" <<'PY'
import csv, html.parser, os, sys
dom_path, out, png, name = sys.argv[1:5]

class Rows(html.parser.HTMLParser):
    """The cells of <tr data-scenario> (by data-col) and <tr data-fund> rows."""
    def __init__(self):
        super().__init__()
        self.scenarios, self.funds, self.row, self.cell = [], [], None, None
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-scenario" in attrs:
            self.row = ("scenario", {})
        elif tag == "tr" and "data-fund" in attrs:
            self.row = ("fund", [attrs["data-fund"]])
        elif tag == "td" and self.row is not None:
            self.cell = [attrs.get("data-col"), ""]
    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data
    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            kind, cells = self.row
            if kind == "scenario" and self.cell[0]:
                cells[self.cell[0]] = self.cell[1].strip()
            elif kind == "fund":
                cells.append(self.cell[1].strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            (self.scenarios if self.row[0] == "scenario" else self.funds).append(self.row[1])
            self.row = None

parser = Rows()
parser.feed(open(dom_path, encoding="utf-8").read())
rows = list(csv.DictReader(open(os.path.join(out, "stress.csv"))))
fund_rows = list(csv.DictReader(open(os.path.join(out, "stress_funds.csv"))))
failures = []
want = []
for r in rows:
    row = dict(r)
    for k in ("whole_after_funds", "whole"):
        row[k] = "%s of %s" % (r[k], r["claimants"])
    want.append(row)
if parser.scenarios != want:
    failures.append("scenario rows: page %r, CSV %r" % (parser.scenarios, want))
want_funds = []
for fund in dict.fromkeys(r["fund"] for r in fund_rows):
    for r in (r for r in fund_rows if r["fund"] == fund):
        for figure in ("available", "eligible", "floors", "max_floor"):
            want_funds.append([fund, r["scenario"], figure, r[figure]])
        want_funds.append([fund, r["scenario"], "claimants whole (of eligible)",
                           "%s of %s" % (r["claimants_whole"], r["claimants_eligible"])])
if parser.funds != want_funds:
    failures.append("fund rows: page %r, CSV %r" % (parser.funds, want_funds))
if not rows:
    failures.append("no scenario")
with open(png, "rb") as f:
    head = f.read(8)
if head != b"\x89PNG\r\n\x1a\n" or os.path.getsize(png) < 5000:
    failures.append("the screenshot is not a painted PNG")
for f in failures:
    print("FAIL: %s: %s" % (name, f))
if failures:
    sys.exit(1)
print("ok: %s: %d scenario rows, %d fund rows match the CSVs" % (name, len(rows), len(want_funds)))
PY
}
check guide "$source_dir/samples/dmm-bitcoin-2024-counterfactual" \
    "$source_dir/samples/stress/reserve-sizing.toml"
check hand "$source_dir/tests/stress/hand/case" "$source_dir/tests/stress/hand/scenarios.toml"
