#!/usr/bin/env bash
# Disk full gives exit 4, a clear message, and leaves nothing half-written (SPEC "Command
# line": 4 I/O error; "Outputs of a run": atomically). A small tmpfs plays the full disk:
#   1. --out on a full disk: exit 4, and the disk holds nothing afterwards (no staging left);
#   2. the whole case folder on a disk with room for the inputs only: exit 4 and nothing
#      written (no out/, no case.db, no -wal); after the disk grows the same run succeeds as
#      run 1;
#   3. that disk full again: exit 4, case.db byte for byte as it was, no -wal, no folder.
# Needs mount rights (root in the sandbox); exit 77 (CTest: skipped) without them.
# Usage: disk_full.sh KANZAI_BINARY
set -uo pipefail
kanzai=$1
work=$(mktemp -d)
full=$work/full
mkdir -p "$full"
cleanup() { umount "$full" 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "disk_full: $*"; exit 1; }
mount -t tmpfs -o size=64k tmpfs "$full" 2> /dev/null || { echo "disk_full: cannot mount"; exit 77; }

# 1. The outputs of 2,000 customers are far larger than 64 KiB.
"$kanzai" synth "$work/case" --customers 2000 --seed 11 > /dev/null || fail "synth failed"
"$kanzai" run "$work/case" --out "$full/run" --no-db > /dev/null 2> "$work/stderr"
code=$?
[ "$code" = 4 ] || fail "--out on a full disk exited $code, expected 4"
grep -q "No space left on device" "$work/stderr" || fail "unclear message: $(cat "$work/stderr")"
[ -z "$(ls -A "$full")" ] || fail "the full disk still holds: $(ls -A "$full")"

# 2. The case on the small disk: inputs fit, outputs do not.
umount "$full"
inputs_kib=$(du -sk "$work/case" | cut -f1)
mount -t tmpfs -o size=$((inputs_kib + 48))k tmpfs "$full" || fail "cannot mount again"
cp -r "$work/case/." "$full/"
before=$(cd "$full" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
"$kanzai" run "$full" > /dev/null 2> "$work/stderr"
code=$?
[ "$code" = 4 ] || fail "a run on a full case disk exited $code, expected 4"
# Nothing at all was written: no out/, no case.db (not even its schema), no -wal or -shm.
after=$(cd "$full" && find . -mindepth 1 -print | sort)
inputs=$(cd "$work/case" && find . -mindepth 1 -print | sort)
[ "$after" = "$inputs" ] || fail "the failed run left files: $(diff <(echo "$inputs") \
    <(echo "$after"))"
after=$(cd "$full" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
[ "$before" = "$after" ] || fail "input files changed"

# The disk grows; the same run now succeeds and is run 1.
mount -o remount,size=64m "$full" || fail "cannot grow the disk"
"$kanzai" run "$full" > "$work/stdout" 2> "$work/stderr" || fail "the run after growing failed: $(cat "$work/stderr")"
[ -d "$full/out/run-0001" ] || fail "the successful run is not run 1: $(cat "$work/stdout")"

# 3. The disk fills up again under a case.db with one run: the next run fails with exit 4
#    and leaves case.db as it was, with no -wal or -shm and no new folder.
db_before=$(sha256sum < "$full/case.db")
listing_before=$(cd "$full" && find . -mindepth 1 -print | sort)
head -c $((64 * 1024 * 1024)) /dev/zero > "$full/filler" 2> /dev/null
"$kanzai" run "$full" > /dev/null 2> "$work/stderr"
code=$?
[ "$code" = 4 ] || fail "a run on a full disk with case.db exited $code, expected 4"
rm -f "$full/filler"
[ "$(cd "$full" && find . -mindepth 1 -print | sort)" = "$listing_before" ] ||
    fail "the failed run left files: $(diff <(echo "$listing_before") \
        <(cd "$full" && find . -mindepth 1 -print | sort))"
[ "$(sha256sum < "$full/case.db")" = "$db_before" ] || fail "the failed run changed case.db"
"$kanzai" run "$full" > /dev/null 2> "$work/stderr" || fail "run 2 failed: $(cat "$work/stderr")"
[ -d "$full/out/run-0002" ] || fail "the run after freeing the disk is not run 2"
echo "disk_full: ok"
