#!/usr/bin/env bash
# Browser test of `kanzai report`: runs the tutorial case, renders the report in
# headless Chromium (no network), and checks that the rendered page shows exactly the
# figures of the run's outputs: every row of the sources table against case.db, and
# the first page of the claims table (rendered by the page's script) against decisions.csv
# and case.db, and one claim's derivation against allocations.csv and payouts.csv.
# Usage: report_test.sh KANZAI SOURCE_DIR [SCREENSHOT.png]
set -euo pipefail
kanzai=$1
source_dir=$2
screenshot=${3:-}
source "$(dirname "$0")/chromium.sh"
export KANZAI_TEST_SUPPORT=$source_dir/tests/support
cp -r "$source_dir/samples/tutorial" "$work/case"
"$kanzai" run "$work/case" >/dev/null
"$kanzai" report "$work/case" --html "$work/report.html" >/dev/null
browser --dump-dom "file://$work/report.html" >"$work/dom.html"
python3 - "$work/dom.html" "$work/case/out/run-0001" <<'PY'
import csv, html.parser, json, sys

dom_path, run_folder = sys.argv[1], sys.argv[2]

class Rows(html.parser.HTMLParser):
    """Collects the cells of <tr data-source> and <tr data-claim> rows."""
    def __init__(self):
        super().__init__()
        self.sources, self.claims, self.row, self.cell = [], [], None, None
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and ("data-source" in attrs or "data-claim" in attrs):
            self.row = {"kind": "source" if "data-source" in attrs else "claim", "cells": []}
        elif tag == "td" and self.row is not None:
            self.cell = {"col": attrs.get("data-col"), "text": ""}
    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data
    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.row["cells"].append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            (self.sources if self.row["kind"] == "source" else self.claims).append(self.row)
            self.row = None

parser = Rows()
parser.feed(open(dom_path, encoding="utf-8").read())
summary = json.load(open(f"{run_folder}/summary.json", encoding="utf-8"))
failures = []

def expect(what, got, want):
    if got != want:
        failures.append(f"{what}: page shows {got!r}, the run has {want!r}")

# Sources table: source, paid in, tranche, available, claims on it, allocated, left, as
# case.db records them; for a run without case.db, as summary.json gives them (each estate
# class is offered what the classes before it left; a fund's weights are not in the folder).
import os, sqlite3
sys.path.insert(0, os.environ["KANZAI_TEST_SUPPORT"])
import case_db_rows  # tests/support: the rows of a run in case.db, chunked or not
db_path = os.path.normpath(run_folder + "/../../case.db")
db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) if os.path.exists(db_path) else None
def minus(a, b):
    """a - b for decimal strings with the same number of fraction digits, exactly."""
    digits = len(a.split(".")[1]) if "." in a else 0
    value = int(a.replace(".", "")) - int(b.replace(".", ""))
    text = str(abs(value)).rjust(digits + 1, "0")
    text = text[:-digits] + "." + text[-digits:] if digits else text
    return ("-" if value < 0 else "") + text
if db is not None:
    expected = [[str(v) for v in row] for row in db.execute(
        "SELECT source, asset, tranche, available, weights, allocated, left FROM sources "
        "WHERE run = 1 ORDER BY row")]
else:
    expected = []
    for asset, f in summary["assets"].items():
        expected.append([f"pool:{asset}", asset, "1", f["pool"], f["claims"], f["allocated"],
                         f["surplus"]])
    currency = summary["case"]["currency"]
    for fund_id, f in summary["funds"].items():
        expected.append([f"fund:{fund_id}", currency, str(f["tranche"]), f["available"], "",
                         f["allocated"], f["leftover"]])
    estate = summary["estate"]
    remaining = estate["available"]
    for name in ["admin", "priority", "general", "subordinated"]:
        c = estate["classes"][name]
        after = minus(remaining, c["allocated"])
        expected.append([f"estate:{name}", currency, str(estate["tranche"]), remaining,
                         c["claims"], c["allocated"], after])
        remaining = after
    expect("equity residue", remaining, estate["residue"])
got = [[cell["text"] for cell in row["cells"]] for row in parser.sources]
expect("sources table", got, expected)

# Claims table, first page (script-rendered): every shown column against decisions.csv.
with open(f"{run_folder}/decisions.csv", newline="", encoding="utf-8") as f:
    decisions = list(csv.DictReader(f))
if db is not None:
    db_decisions = [[d[c] for c in ["claim_id", "payee_id", "asset", "ledger", "admitted",
                                    "disputed", "value", "code", "reason"]]
                    for d in case_db_rows.rows(db, 1, "decisions")]
    csv_decisions = [[d[c] for c in ["claim_id", "payee_id", "asset", "ledger", "admitted",
                                     "disputed", "value", "code", "reason"]] for d in decisions]
    expect("decisions in case.db and decisions.csv", db_decisions, csv_decisions)
with open(f"{run_folder}/payouts.csv", newline="", encoding="utf-8") as f:
    payouts = list(csv.DictReader(f))
expect("claims rows on page 1", len(parser.claims), min(100, len(decisions)))
for row, decision in zip(parser.claims, decisions):
    for cell in row["cells"]:
        column = cell["col"]
        if column == "payouts":
            want = str(sum(1 for p in payouts if p["payee_id"] == decision["payee_id"]))
        else:
            want = decision[column]
        expect(f"claim {decision['claim_id']} {column}", cell["text"], want)
if not parser.claims:
    failures.append("the claims table has no rows: did the page's script run?")
for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print(f"ok: {len(parser.sources)} source rows, {len(parser.claims)} claim rows match the run")
PY
# A claim's derivation (opened through report.html#claim=ID): its allocations and its
# payee's payouts, cell for cell, against allocations.csv and payouts.csv.
browser --dump-dom "file://$work/report.html#claim=K04" >"$work/dom-k04.html"
python3 - "$work/dom-k04.html" "$work/case/out/run-0001" K04 <<'PY'
import csv, html.parser, sys

dom_path, run_folder, claim_id = sys.argv[1:4]

class Tables(html.parser.HTMLParser):
    """Collects the data rows of <table class="alloc-table"> and <table class="payout-table">."""
    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("class") in ("alloc-table", "payout-table"):
            self.current = self.tables.setdefault(attrs["class"], [])
        elif tag == "tr" and self.current is not None:
            self.row = []
        elif tag == "td" and self.row is not None:
            self.cell = ""
    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row:
                self.current.append(self.row)
            self.row = None
        elif tag == "table":
            self.current = None

parser = Tables()
parser.feed(open(dom_path, encoding="utf-8").read())
with open(f"{run_folder}/allocations.csv", newline="", encoding="utf-8") as f:
    allocations = [a for a in csv.DictReader(f) if a["claim_id"] == claim_id]
with open(f"{run_folder}/decisions.csv", newline="", encoding="utf-8") as f:
    payee = next(d["payee_id"] for d in csv.DictReader(f) if d["claim_id"] == claim_id)
with open(f"{run_folder}/payouts.csv", newline="", encoding="utf-8") as f:
    payouts = [p for p in csv.DictReader(f) if p["payee_id"] == payee]
import os, sqlite3
sys.path.insert(0, os.environ["KANZAI_TEST_SUPPORT"])
import case_db_rows  # tests/support: the rows of a run in case.db, chunked or not
db_path = os.path.normpath(run_folder + "/../../case.db")
if os.path.exists(db_path):
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    weights = [a["weight"] for a in case_db_rows.rows(db, 1, "allocations")
               if a["claim_id"] == claim_id]
else:
    weights = [""] * len(allocations)  # the run folder has no weights
want_allocations = [[a["portion"], a["source"], a["amount"], a["asset"], a["tranche"], w]
                    for a, w in zip(allocations, weights)]
if len(weights) != len(allocations):
    print(f"FAIL: case.db has {len(weights)} allocations of {claim_id}, the CSV {len(allocations)}")
    sys.exit(1)
want_payouts = [[p["payout_id"], p["amount"], p["asset"], p["tranche"], p["status"]]
                for p in payouts]
ok = True
for name, want in (("alloc-table", want_allocations), ("payout-table", want_payouts)):
    got = parser.tables.get(name, [])
    if got != want or not want:
        print(f"FAIL: derivation of {claim_id}, {name}: page shows {got}, the run has {want}")
        ok = False
if not ok:
    sys.exit(1)
print(f"ok: derivation of {claim_id}: {len(want_allocations)} allocations, "
      f"{len(want_payouts)} payouts match the run")
PY
# What a lawyer checks first: the prices with their price_source (against case.toml), the
# creditors (against creditors.csv and payouts.csv) and every payout that is held, with why
# (against payouts.csv).
python3 - "$work/dom.html" "$work/case" <<'PY'
import csv, html.parser, sys, tomllib

dom_path, case = sys.argv[1:3]

class Tables(html.parser.HTMLParser):
    """Collects the body rows (lists of cell texts) of every <table id=...>."""
    def __init__(self):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "id" in attrs:
            self.current = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self.current is not None:
            self.row = []
        elif tag == "td" and self.row is not None:
            self.cell = ""
    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.row.append(self.cell)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row:
                self.current.append(self.row)
            self.row = None
        elif tag == "table":
            self.current = None

parser = Tables()
parser.feed(open(dom_path, encoding="utf-8").read())
failures = []
def expect(what, got, want):
    if got != want:
        failures.append(f"{what}: page shows {got!r}, the run has {want!r}")

toml = tomllib.load(open(f"{case}/case.toml", "rb"))
want = []
for asset_id in sorted(toml["assets"]):
    a = toml["assets"][asset_id]
    want.append([asset_id, str(a["decimals"]), a["price"], a.get("price_source", "(not given)"),
                 a.get("estate_price", a["price"])])
expect("prices", [row[:5] for row in parser.tables.get("prices", [])], want)
fund = toml["fund"][0]
got = parser.tables.get("fund-parameters", [[]])[0]
expect("fund parameters", got[:6], [fund["id"], fund["kind"], str(fund["tranche"]),
                                    fund["amount"], fund["floor"], fund["cap"]])
expect("fund assets and leftover", got[6:8], ["every asset", "estate"])
rules = dict(row for row in parser.tables.get("rules", []))
for key in ["unfiled", "excess", "late", "insiders", "set_off", "valuation_rounding"]:
    expect(f"rule {key}", rules.get(key), toml["rules"][key])

with open(f"{case}/out/run-0001/payouts.csv", newline="", encoding="utf-8") as f:
    payouts = list(csv.DictReader(f))
with open(f"{case}/creditors.csv", newline="", encoding="utf-8") as f:
    creditors = sorted(csv.DictReader(f), key=lambda c: c["creditor_id"])
want = []
for c in creditors:
    paid = [p for p in payouts if p["payee_id"] == "creditor:" + c["creditor_id"]]
    want.append([c["creditor_id"], c["class"], c["amount"], c["description"],
                 str(sum(int(p["amount"]) for p in paid)),
                 "; ".join(f"#{p['payout_id']} {p['amount']} {p['asset']} ({p['status']}, "
                           f"tranche {p['tranche']})" for p in paid)])
expect("creditors", parser.tables.get("creditors"), want)

held = [p for p in payouts if p["status"] != "payable"]
want = [[p["status"], p["payout_id"], p["payee_id"], p["asset"], p["amount"], p["tranche"]]
        for p in sorted(held, key=lambda p: (p["status"], int(p["payout_id"])))]
holds = parser.tables.get("holds", [])
expect("held payouts", [row[:6] for row in holds], want)
why = {row[1]: row[6] for row in holds}
# C04's K04 is disputed, C03 is not KYC-verified, C10 (Jun Jo) is sanctioned.
expect("why payout 10 is held", why.get("10"),
       "K04: 5.000000000000000000 ETH disputed (P-EXCESS-DISPUTED)")
expect("why payout 7 is held", why.get("7"), "payee's KYC: pending (customers.csv line 4)")
expect("why payout 25 is frozen", why.get("25"),
       "deemed:C10:ETH: C10 (payee, customers.csv line 11) sanctioned")
for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print(f"ok: prices, rules, fund, {len(creditors)} creditors and {len(held)} held payouts "
      "match the run")
PY
# A deep link scrolls to its claim and highlights it, and the page loads nothing: a probe
# (appended to a copy of the page, not part of the report) records where the linked row is
# in the viewport and which resources the page fetched.
probe='<script>
const probe = setInterval(() => {
  const row = document.querySelector("tr.claim-row.highlight");
  if (!row) return;
  clearInterval(probe);
  const top = row.getBoundingClientRect().top;
  document.body.setAttribute("data-probe", JSON.stringify({claim: row.dataset.claim,
    top: top, height: innerHeight, scrolled: scrollY,
    resources: performance.getEntriesByType("resource").map(r => r.name)}));
}, 20);
</script>'
sed "s#</body>#${probe//$'\n'/ }</body>#" "$work/report.html" >"$work/probe.html"
browser --window-size=1280,900 --dump-dom "file://$work/probe.html#claim=deemed:C07:BTC" \
    >"$work/dom-probe.html"
python3 - "$work/dom-probe.html" "$work/report.html" <<'PY'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
found = re.search(r'data-probe="([^"]*)"', dom)
if not found:
    print("FAIL: the deep link highlighted no claim row")
    sys.exit(1)
probe = json.loads(html.unescape(found.group(1)))
failures = []
if probe["claim"] != "deemed:C07:BTC":
    failures.append(f"the highlighted row is {probe['claim']}")
if not (probe["scrolled"] > 0 and 0 <= probe["top"] < probe["height"]):
    failures.append(f"the linked row is not in view: {probe}")
if probe["resources"]:
    failures.append(f"the page fetched {probe['resources']}")
page = open(sys.argv[2], encoding="utf-8").read()
if re.search(r'(src|href)\s*=\s*"(?!#)|https?:|url\(', page):
    failures.append("the page refers to something outside itself")
for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print(f"ok: #claim=deemed:C07:BTC scrolled to its row (top {probe['top']:.0f} of "
      f"{probe['height']}), highlighted; no resource fetched")
PY
# A recorded run is reported from its record alone: after case.toml changes, the report
# shows none of today's prices and says why; the claims still equal the run's.
sed -i 's/^price = "10000000"$/price = "99999999"/' "$work/case/case.toml"
"$kanzai" report "$work/case" --html "$work/changed.html" >/dev/null
browser --dump-dom "file://$work/changed.html" >"$work/dom-changed.html"
python3 - "$work/dom-changed.html" "$work/case/out/run-0001/decisions.csv" <<'PY'
import csv, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
failures = []
if "99999999" in dom:
    failures.append("the report shows today's BTC price for an earlier run")
if 'id="record-only"' not in dom or "case.toml (changed)" not in dom:
    failures.append("the report does not say that case.toml is no longer the run's")
with open(sys.argv[2], newline="", encoding="utf-8") as f:
    values = [d["value"] for d in csv.DictReader(f)]
shown = re.findall(r'<td class="num" data-col="value">([^<]*)</td>', dom)
if shown != values:
    failures.append(f"values {shown} differ from decisions.csv {values}")
for failure in failures:
    print("FAIL:", failure)
if failures:
    sys.exit(1)
print("ok: after case.toml changed, the run is reported from its record alone")
PY
if [[ -n $screenshot ]]; then
    browser --screenshot="$screenshot" --window-size=1280,2200 --hide-scrollbars \
        "file://$work/report.html" >/dev/null
    echo "screenshot: $screenshot"
fi
