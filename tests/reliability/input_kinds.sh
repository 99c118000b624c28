#!/usr/bin/env bash
# A folder, a named pipe (FIFO), a symbolic link loop or a link to nothing in place of an
# input file is invalid input (SPEC "Command line": exit 2, `file:line: message`, nothing
# written), never an I/O error, and a FIFO never blocks the command. Required and optional
# files, case.toml included, for `check` and `run`.
# Usage: input_kinds.sh KANZAI_BINARY
set -uo pipefail
kanzai=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "input_kinds: $*"; exit 1; }
"$kanzai" synth "$work/template" --customers 20 --seed 2 > /dev/null || fail "synth failed"
listing() { (cd "$1" && find . -mindepth 1 -print | sort); }

for name in customers.csv transfers.csv case.toml; do
    for kind in folder fifo loop dangling; do
        rm -rf "$work/case" && cp -r "$work/template" "$work/case"
        rm -f "$work/case/$name"
        case $kind in
        folder) mkdir "$work/case/$name" && touch "$work/case/$name/inside" ;;
        fifo) mkfifo "$work/case/$name" ;;
        loop) ln -s "$name.b" "$work/case/$name" && ln -s "$name" "$work/case/$name.b" ;;
        dangling) ln -s "no-such-file" "$work/case/$name" ;;
        esac
        case $kind in
        folder) expected="is a folder, not a file" ;;
        fifo) expected="is a named pipe (FIFO), not a regular file; it was not read" ;;
        loop) expected="is a symbolic link loop, not a file" ;;
        dangling) expected="is a symbolic link to nothing (its target does not exist)" ;;
        esac
        before=$(listing "$work/case")
        for command in check run; do
            timeout 20 "$kanzai" "$command" "$work/case" > /dev/null 2> "$work/err"
            code=$?
            [ "$code" = 2 ] ||
                fail "$command with $name a $kind: exit $code, not 2: $(cat "$work/err")"
            grep -qxF "$name:1: $name $expected" "$work/err" ||
                fail "$command with $name a $kind: stderr $(cat "$work/err")"
            [ "$(listing "$work/case")" = "$before" ] || fail "$command with $name a $kind wrote"
        done
        echo "$name as a $kind: exit 2: $name:1: $name $expected"
    done
done
