#!/usr/bin/env bash
# The worked guide of docs/stress.md ("Sizing a liability reserve with Kanzai") against the
# program: runs its command on samples/dmm-bitcoin-2024-counterfactual with
# samples/stress/reserve-sizing.toml, and checks that the CSV blocks marked
# `<!-- guide: FILE -->` are the files byte for byte, and that every yen amount (¥N) and every
# 6-digit rate in the guide's text is a figure Kanzai wrote: a field of the two CSV files,
# a row's claims_value - recovered_value, or the case's BTC price.
set -uo pipefail
kanzai=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$source_dir/samples/dmm-bitcoin-2024-counterfactual" "$work/case"
rm -rf "$work/case/out" "$work/case/case.db"
"$kanzai" stress "$work/case" --scenarios "$source_dir/samples/stress/reserve-sizing.toml" \
    --out "$work/out" > /dev/null 2> "$work/stderr" || { cat "$work/stderr"; exit 1; }
python3 - "$source_dir/docs/stress.md" "$work/out" "$work/case/case.toml" <<'PY'
import csv, os, re, sys
doc, out, case_toml = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(doc, encoding="utf-8").read()
start = text.index("## Sizing a liability reserve with Kanzai")
end = text.index("\n## ", start + 1)
guide = text[start:end]
failures = []
for name in ("stress.csv", "stress_funds.csv"):
    match = re.search(r"<!-- guide: %s -->\n```text\n(.*?)```" % re.escape(name), guide, re.S)
    got = open(os.path.join(out, name), encoding="utf-8").read()
    if match is None:
        failures.append("no block for " + name)
    elif match.group(1) != got:
        failures.append("the block of %s is not the file:\n%s" % (name, got))
rows = list(csv.DictReader(open(os.path.join(out, "stress.csv"))))
fields = set()
for name in ("stress.csv", "stress_funds.csv"):
    for row in csv.reader(open(os.path.join(out, name))):
        fields.update(row)
fields.update(str(int(r["claims_value"]) - int(r["recovered_value"])) for r in rows)
price = re.search(r'\[assets\.BTC\][^\[]*?price = "([0-9.]+)"', open(case_toml).read(), re.S)
fields.add(price.group(1))
prose = re.sub(r"```.*?```", "", guide, flags=re.S)
yen = re.findall(r"¥([0-9][0-9,]*(?:\.[0-9]+)?)(?!\.?[0-9a-z])", prose)
rates = re.findall(r"(?<![0-9.])([01]\.[0-9]{6})(?![0-9])", prose)
for figure in yen + rates:
    if figure.replace(",", "") not in fields:
        failures.append("the guide says %s; Kanzai wrote no such figure" % figure)
if len(yen) < 10 or len(rates) < 5:
    failures.append("the guide quotes too few figures (%d yen, %d rates)" % (len(yen), len(rates)))
for f in failures:
    print("stress_guide:", f)
print("stress_guide: %d yen amounts and %d rates checked" % (len(yen), len(rates)))
sys.exit(1 if failures else 0)
PY
