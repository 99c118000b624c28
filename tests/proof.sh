#!/usr/bin/env bash
# `kanzai proof` and `kanzai verify` (SPEC "Command line", "Proof file") on the golden proof
# case (tests/golden/proof, salted): the root recomputed with Python's hashlib and hmac from
# payouts.csv and proof.key; every payee's proof as Python reads the file and as `verify`
# judges it; the worked example of docs/proof.md; and every refusal, with its exit code and
# its exact message.
# Usage: proof.sh KANZAI SOURCE_DIR
set -uo pipefail
kanzai=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE STDERR COMMAND...: the exit code and the whole stderr, exactly.
expect() {
    local code=$1 stderr=$2
    shift 2
    "$@" >"$work/out" 2>"$work/err"
    local got=$?
    [ "$got" = "$code" ] || fail "$*: exit $got, expected $code ($(cat "$work/err"))"
    [ "$(cat "$work/err")" = "$stderr" ] ||
        fail "$*: stderr $(cat "$work/err"), expected $stderr"
}

cp -R "$source_dir/tests/golden/proof/case" case
"$kanzai" run case >/dev/null || { echo "FAIL: kanzai run"; exit 1; }
root=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["proof"]["root"])' \
    case/out/run-0001/summary.json)

# The root and every payee's proof, independently: hashlib and hmac over the file's bytes.
for payee in $(python3 -c 'import csv,sys
print(" ".join(sorted({r["payee_id"] for r in csv.DictReader(open(sys.argv[1]))})))' \
    case/out/run-0001/payouts.csv); do
    "$kanzai" proof case "$payee" --out "proof-$payee.json" >/dev/null ||
        fail "kanzai proof case $payee"
    "$kanzai" verify "proof-$payee.json" --root "$root" >/dev/null ||
        fail "kanzai verify proof-$payee.json --root"
done
python3 - case "$root" proof-*.json <<'PY' || fail "the proofs as Python reads them"
import hashlib, hmac, json, sys
case, root, proofs = sys.argv[1], sys.argv[2], sys.argv[3:]
key = open(f"{case}/proof.key", "rb").read()
text = open(f"{case}/out/run-0001/payouts.csv", "rb").read()
assert text.endswith(b"\n")
records = text[:-1].split(b"\n")[1:]  # no quoted LF in this case
payees = [r.split(b",")[1].decode() for r in records]
salt = lambda p: hmac.new(key, p.encode(), hashlib.sha256).digest()
level = [hashlib.sha256(b"\0" + salt(p) + r).digest() for p, r in zip(payees, records)]
levels = [level]
while len(level) > 1:
    up = [hashlib.sha256(b"\1" + level[i] + level[i + 1]).digest()
          for i in range(0, len(level) - 1, 2)]
    level = up + ([level[-1]] if len(level) % 2 else [])
    levels.append(level)
assert level[0].hex() == root, f"root {level[0].hex()}, summary.json {root}"
for name in proofs:
    proof = json.load(open(name))
    assert list(proof) == ["case", "run", "root", "salted", "leaves", "payee_id", "salt",
                           "payouts"], list(proof)
    p = proof["payee_id"]
    assert proof["case"] == "Golden proof" and proof["run"] == 1 and proof["root"] == root
    assert proof["salted"] is True and proof["leaves"] == len(records)
    assert proof["salt"] == salt(p).hex()
    assert [e["index"] for e in proof["payouts"]] == [i for i, q in enumerate(payees) if q == p]
    for entry in proof["payouts"]:
        i = entry["index"]
        assert entry["row"].encode() == records[i]
        want = []
        for nodes in levels[:-1]:
            if i % 2:
                want.append({"side": "left", "hash": nodes[i - 1].hex()})
            elif i + 1 < len(nodes):
                want.append({"side": "right", "hash": nodes[i + 1].hex()})
            i //= 2
        assert entry["path"] == want, (name, entry["index"])
print(f"ok: root and {len(proofs)} proofs as hashlib and hmac compute them")
PY

# stdout without --out is the file; --out says where it went.
"$kanzai" proof case C4 >stdout.json || fail "kanzai proof case C4"
cmp -s stdout.json proof-C4.json || fail "stdout differs from the --out file"
[ "$("$kanzai" proof case C4 --run 1 --out c4.json)" = \
  "proof of C4: 2 of the 8 payouts of run 1 -> c4.json" ] || fail "the --out message"
[ "$(stat -c %a c4.json)" = 600 ] || fail "c4.json has mode $(stat -c %a c4.json), not 600"
expect 0 "" "$kanzai" verify c4.json
[ "$(cat "$work/out")" = "c4.json: holds: the 2 payouts of C4 are in run 1 of \"Golden proof\" \
(8 payouts) under root $root; compare it with the published root (or give it with --root)" ] ||
    fail "verify's line: $(cat "$work/out")"
expect 0 "" "$kanzai" verify c4.json --root "${root^^}"
[ "$(cat "$work/out")" = "c4.json: holds: the 2 payouts of C4 are in run 1 of \"Golden proof\" \
(8 payouts) under root $root, the published root" ] || fail "verify --root's line"

# The worked example of docs/proof.md: its proof file, verify's line and the Python climb.
cp c4.json C4-proof.json
"$kanzai" verify C4-proof.json --root "$root" >verify.txt || fail "verify C4-proof.json"
python3 - "$source_dir/docs/proof.md" C4-proof.json verify.txt <<'PY' ||
import re, subprocess, sys
doc = open(sys.argv[1], encoding="utf-8").read()
proof, line = open(sys.argv[2]).read(), open(sys.argv[3]).read()
block = re.search(r"<!-- proof C4 -->\n```json\n(.*?)```", doc, re.S)
assert block and block.group(1) == proof, "the proof file in docs/proof.md is not kanzai's"
assert "\n```\n" + line + "```\n" in doc, f"docs/proof.md does not show verify's line {line!r}"
climb = re.search(r"<!-- climb -->\n```python\n(.*?)```", doc, re.S).group(1)
out = subprocess.run([sys.executable, "-c", climb, sys.argv[2]], capture_output=True,
                     text=True, check=True).stdout
assert out == "3 included\n4 included\n", f"the climb of docs/proof.md prints {out!r}"
PY
    fail "docs/proof.md's worked example"

# Refusals of `proof`: exit 2, and nothing to prove from.
expect 2 "kanzai proof: payee NOPE has no payouts in run 1: there is no row to prove" \
    "$kanzai" proof case NOPE
expect 2 "kanzai proof: case.db records no run 7 (recorded: 1)" "$kanzai" proof case C4 --run 7
expect 2 "kanzai proof: missing: no such case folder" "$kanzai" proof missing C4
cp -R "$source_dir/tests/golden/proof/case" nodb
"$kanzai" run nodb --no-db >/dev/null
expect 2 "kanzai proof: nodb/case.db: no case database; \`kanzai run nodb\` records one" \
    "$kanzai" proof nodb C4
cp case/proof.key saved.key
printf 'another key of at least thirty-two bytes' >case/proof.key
other=$(python3 - case <<'PY'
import hashlib, hmac, sys
key = open(f"{sys.argv[1]}/proof.key", "rb").read()
records = open(f"{sys.argv[1]}/out/run-0001/payouts.csv", "rb").read()[:-1].split(b"\n")[1:]
level = [hashlib.sha256(b"\0" + hmac.new(key, r.split(b",")[1], hashlib.sha256).digest() + r)
         .digest() for r in records]
while len(level) > 1:
    level = [hashlib.sha256(b"\1" + level[i] + level[i + 1]).digest()
             for i in range(0, len(level) - 1, 2)] + ([level[-1]] if len(level) % 2 else [])
print(level[0].hex())
PY
)
expect 2 "kanzai proof: case/proof.key no longer gives run 1's root $root (it gives $other): \
restore the key the run was made with" "$kanzai" proof case C4
printf 'short' >case/proof.key
expect 2 "kanzai proof: proof.key:1: the key has 5 bytes; at least 32 are required" \
    "$kanzai" proof case C4
rm case/proof.key
expect 2 "kanzai proof: run 1 was salted by case/proof.key, which is not there now: restore \
the key the run was made with" "$kanzai" proof case C4
cp saved.key case/proof.key
cp case/out/run-0001/payouts.csv saved.csv
sed -i 's/^5,C4,BTC,0.20000000/5,C4,BTC,2.00000000/' case/out/run-0001/payouts.csv
recorded=$(sha256sum <saved.csv | cut -c1-64)
changed=$(sha256sum <case/out/run-0001/payouts.csv | cut -c1-64)
expect 2 "kanzai proof: case/out/run-0001/payouts.csv has changed since run 1 was recorded \
(SHA-256 $changed, recorded $recorded): a proof from it would not be the run's" \
    "$kanzai" proof case C4
rm case/out/run-0001/payouts.csv
expect 2 "kanzai proof: case/out/run-0001/payouts.csv is not there: the proof needs run 1's \
payouts.csv as written" "$kanzai" proof case C4
cp saved.csv case/out/run-0001/payouts.csv
"$kanzai" proof case C4 --out no/such/folder/c4.json 2>"$work/err"
code=$?
[ "$code" = 4 ] || fail "--out into a missing folder: exit $code, expected 4"
grep -qx 'kanzai: cannot create no/such/folder/c4.json.tmp-[0-9]*: No such file or directory' \
    "$work/err" || fail "--out into a missing folder: $(cat "$work/err")"

# An unsalted run needs no key, even once the case has one.
cp -R "$source_dir/tests/golden/proof/case" plain
rm plain/proof.key
"$kanzai" run plain >/dev/null
cp saved.key plain/proof.key
"$kanzai" proof plain C4 --out plain.json >/dev/null || fail "the proof of an unsalted run"
python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))
assert p["salted"] is False and p["salt"] == "", p' plain.json || fail "unsalted proof's salt"
expect 0 "" "$kanzai" verify plain.json

# Refusals of `verify`: exit 2 and why; a malformed --root is a usage error (exit 1).
expect 2 "nope.json: no such proof file" "$kanzai" verify nope.json
echo '{"case":' >bad.json
expect 2 "bad.json: not a proof file: not JSON (or not UTF-8)" "$kanzai" verify bad.json
python3 -c 'import json; p=json.load(open("c4.json")); del p["salt"]; json.dump(p, open("nosalt.json", "w"))'
expect 2 "nosalt.json: not a proof file: the proof has no key \"salt\"" "$kanzai" verify nosalt.json
python3 - <<'PY'
import json
proof = json.load(open("c4.json"))
def save(name, change):
    p = json.loads(json.dumps(proof))
    change(p)
    json.dump(p, open(name, "w"), indent=2)
save("row.json", lambda p: p["payouts"][1].update(row=p["payouts"][1]["row"].replace("0.20", "2.00")))
save("path.json", lambda p: p["payouts"][1]["path"][2].update(
    hash="0" + p["payouts"][1]["path"][2]["hash"][1:]))
save("payee.json", lambda p: p["payouts"][0].update(row=p["payouts"][0]["row"].replace(",C4,", ",C5,")))
save("sides.json", lambda p: p["payouts"][0]["path"].pop())
PY
expect 2 "row.json: payouts[1] (index 4): it breaks below level 2: its node there is not the one \
payouts[0] (index 3) has (its row, salt or path below level 2 is not the committed one)
row.json: does not hold" "$kanzai" verify row.json
expect 2 "path.json: payouts[1] (index 4): it breaks at level 2: path[2] is not the one \
payouts[0] (index 3) has there
path.json: does not hold" "$kanzai" verify path.json
"$kanzai" verify payee.json 2>"$work/err" && fail "verify payee.json held"
[ "$(head -1 "$work/err")" = "payee.json: payouts[0] (index 3): the row's payee_id is \"C5\", \
not the proof's \"C4\"" ] || fail "payee.json: $(head -1 "$work/err")"
expect 2 "sides.json: payouts[0] (index 3): the path has 2 entries; index 3 of 8 leaves has 3
sides.json: does not hold" "$kanzai" verify sides.json
wrong=$(printf '%064d' 0)
expect 2 "c4.json: the proof's root $root is not the published root $wrong
c4.json: does not hold" "$kanzai" verify c4.json --root "$wrong"
expect 1 "kanzai verify: --root must be 64 hex digits; see kanzai verify --help" \
    "$kanzai" verify c4.json --root 12ab

if [ "$failures" -gt 0 ]; then
    echo "proof: $failures failure(s)"
    exit 1
fi
echo "proof: every check passed"
