#!/usr/bin/env bash
# Browser test of the offline verifier page (tools/proof/verify.html): headless Chromium (no
# network) opens the page with a proof of the golden proof case inside and must say
# "Included" for the valid proof, under its own root and under the published root given in
# the address (#root=HEX), and "Not included", with exactly the reasons `kanzai verify` gives,
# for a tampered row, a tampered path entry, a row of another payee, a missing path entry and
# a wrong published root; "Not a proof file" for a malformed one. `kanzai proof --html` must
# write the repository's page byte for byte, with only the proof added.
# Usage: verify_test.sh KANZAI SOURCE_DIR
set -euo pipefail
kanzai=$1
source_dir=$2
source "$(dirname "$0")/chromium.sh"
cp -R "$source_dir/tests/golden/proof/case" "$work/case"
"$kanzai" run "$work/case" >/dev/null
"$kanzai" proof "$work/case" C4 --out "$work/c4.json" --html "$work/c4.html" >/dev/null
root=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["proof"]["root"])' \
    "$work/case/out/run-0001/summary.json")

# The pages: the one kanzai wrote, and tampered proofs embedded the way kanzai embeds one.
python3 - "$source_dir/tools/proof/verify.html" "$work" <<'PY'
import json, sys
page_path, work = sys.argv[1], sys.argv[2]
page = open(page_path, encoding="utf-8").read()
block = '<script type="application/json" id="embedded-proof"></script>'
assert page.count(block) == 1
written = open(f"{work}/c4.html", encoding="utf-8").read()
proof_text = open(f"{work}/c4.json", encoding="utf-8").read()
embedded = proof_text.replace("<", "\\u003c")
if written != page.replace(block, block.replace("></", ">" + embedded + "</")):
    sys.exit("FAIL: kanzai proof --html is not tools/proof/verify.html with the proof inside")
assert "http:" not in page and "https:" not in page, "the page names a network address"
proof = json.loads(proof_text)
def write(name, change):
    p = json.loads(json.dumps(proof))
    change(p)
    text = json.dumps(p, indent=2, ensure_ascii=False) + "\n"
    open(f"{work}/{name}.json", "w", encoding="utf-8").write(text)
    open(f"{work}/{name}.html", "w", encoding="utf-8").write(
        page.replace(block, block.replace("></", ">" + text.replace("<", "\\u003c") + "</")))
def row(p):
    p["payouts"][1]["row"] = p["payouts"][1]["row"].replace("0.20000000", "2.00000000")
def path(p):
    entry = p["payouts"][1]["path"][2]
    entry["hash"] = ("1" if entry["hash"][0] == "0" else "0") + entry["hash"][1:]
def payee(p):
    p["payouts"][0]["row"] = p["payouts"][0]["row"].replace(",C4,", ",C5,")
def short(p):
    p["payouts"][0]["path"].pop()
def malformed(p):
    del p["salt"]
write("row", row)
write("path", path)
write("payee", payee)
write("short", short)
write("malformed", malformed)
PY


failures=0
# check NAME PAGE_URL VERDICT [VERIFY_ARGS...]: the page's verdict, and its reasons against
# `kanzai verify`'s (stderr without the file name and the closing "does not hold").
check() {
    local name=$1 url=$2 verdict=$3
    shift 3
    browser --dump-dom "$url" >"$work/$name.dom"
    "$kanzai" verify "$@" 2>"$work/$name.err" >/dev/null || true
    if ! python3 - "$work/$name.dom" "$work/$name.err" "$verdict" "$name" <<'PY'; then
import html.parser, sys
dom_path, err_path, want_verdict, name = sys.argv[1:5]
class Result(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.verdict, self.message, self.problems, self.rows = None, "", [], []
        self.field, self.row = None, None
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and attrs.get("id") == "result":
            self.verdict = attrs.get("data-verdict")
        elif tag == "p" and attrs.get("id") == "verdict":
            self.field = "message"
        elif tag == "li" and self.verdict is not None:
            self.problems.append("")
            self.field = "problem"
        elif tag == "tr" and "data-index" in attrs:
            self.row = []
        elif tag == "td" and self.row is not None:
            self.row.append("")
            self.field = "cell"
    def handle_data(self, data):
        if self.field == "message":
            self.message += data
        elif self.field == "problem":
            self.problems[-1] += data
        elif self.field == "cell":
            self.row[-1] += data
    def handle_endtag(self, tag):
        if tag in ("p", "li", "td"):
            self.field = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None
page = Result()
page.feed(open(dom_path, encoding="utf-8").read())
err = open(err_path, encoding="utf-8").read().splitlines()
want = [line.split(": ", 1)[1] for line in err if not line.endswith(": does not hold")]
if want and want[0].startswith("not a proof file: "):
    want = [want[0][len("not a proof file: "):]]
failures = []
if page.verdict != want_verdict:
    failures.append(f"verdict {page.verdict!r} ({page.message!r}), expected {want_verdict!r}")
if page.problems != want:
    failures.append(f"the page says {page.problems}, kanzai verify says {want}")
if want_verdict == "included" and page.rows != [["4", "BTC", "0.05000000", "1", "held_disputed"],
                                                ["5", "BTC", "0.20000000", "1", "payable"]]:
    failures.append(f"the page shows the rows {page.rows}")
for failure in failures:
    print(f"FAIL ({name}): {failure}")
if failures:
    sys.exit(1)
print(f"ok ({name}): {page.message}" + (f": {page.problems[0]}" if page.problems else ""))
PY
        failures=$((failures + 1))
    fi
}

wrong=$(printf '%064d' 0)
check valid "file://$work/c4.html" included "$work/c4.json"
check published "file://$work/c4.html#root=$root" included "$work/c4.json" --root "$root"
check wrong-root "file://$work/c4.html#root=$wrong" not-included "$work/c4.json" --root "$wrong"
check row "file://$work/row.html" not-included "$work/row.json"
check path "file://$work/path.html" not-included "$work/path.json"
check payee "file://$work/payee.html" not-included "$work/payee.json"
check short "file://$work/short.html" not-included "$work/short.json"
check malformed "file://$work/malformed.html" malformed "$work/malformed.json"
grep -q '>Included<' "$work/published.dom" || { echo "FAIL: no plain Included"; failures=$((failures + 1)); }
[ "$failures" = 0 ] || exit 1
