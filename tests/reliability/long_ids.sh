#!/usr/bin/env bash
# Identifiers are data of any length (SPEC "Conventions"): a customer id of 300 bytes, and a
# creditor id of 400, pass `run`, `explain` and `notices`; each notice's file name fits the
# file system's 255 bytes (the id's first 200 bytes and 16 hex digits of its SHA-256) and
# the notice holds the whole id.
# Usage: long_ids.sh KANZAI_BINARY SOURCE_DIR
set -uo pipefail
kanzai=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "long_ids: $*"; exit 1; }
cp -r "$source_dir/tests/data/minimal" "$work/case"
customer="C1$(printf 'x%.0s' $(seq 300))"
creditor="tax$(printf 'y%.0s' $(seq 400))"
python3 - "$work/case" "$customer" "$creditor" <<'PY'
import pathlib, re, sys
case, customer, creditor = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
for path in case.glob("*.csv"):
    text = re.sub(r"\bC1\b", customer, path.read_text())
    path.write_text(re.sub(r"\btax\b", creditor, text))
PY
"$kanzai" run "$work/case" > /dev/null 2> "$work/err" || fail "run: $(cat "$work/err")"
"$kanzai" explain "$work/case" "$customer" > /dev/null 2> "$work/err" ||
    fail "explain: $(cat "$work/err")"
"$kanzai" notices "$work/case" --out "$work/notices" > /dev/null 2> "$work/err" ||
    fail "notices: $(cat "$work/err")"
for id in "$customer" "creditor:$creditor"; do
    file=$(grep -lF -- "$id" "$work/notices"/* | head -1)
    [ -n "$file" ] || fail "no notice holds the id ${id:0:20}..."
    name=$(basename "$file")
    [ "${#name}" -le 255 ] || fail "the file name has ${#name} bytes"
    hash=$(printf '%s' "$id" | sha256sum | cut -c1-16)
    case $name in *"-$hash.txt") ;; *) fail "$name does not end in the id's hash $hash" ;; esac
    echo "${id:0:12}... (${#id} bytes): $name (${#name} bytes)"
done
