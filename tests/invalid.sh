#!/usr/bin/env bash
# One invalid-input test (STYLE.md §8): tests/invalid/<name>/ holds `case/` (a case folder
# with one defect; absent for the missing-folder test) and `expected.txt` (the exact stderr
# of `kanzai check`). Runs `kanzai check` on a copy: exit 2, stderr byte-equal, nothing
# written. Then `kanzai run` the same way, unless it reports that it is not built yet.
# Usage: tests/invalid.sh KANZAI_BINARY DIR
set -u
kanzai=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$2
name=$(basename "$dir")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -d "$dir/case" ]; then
    cp -R "$dir/case" "$work/case"
fi

fail() { echo "invalid/$name: $*"; exit 1; }

# A listing with hashes of everything under the case folder (or a marker if absent).
snapshot() {
    if [ -d "$work/case" ]; then
        (cd "$work/case" && find . -print0 | sort -z | xargs -0 -I{} sh -c \
            'if [ -f "{}" ]; then echo "{} $(sha256sum < "{}" | cut -c1-64)"; else echo "{}/"; fi')
    else
        echo "no case folder"
    fi
}

# Runs `kanzai ARGS` from the work folder so that messages name the folder `case`.
check_command() {
    local label=$1
    shift
    local before after code
    before=$(snapshot)
    (cd "$work" && "$kanzai" "$@" case > "$work/stdout" 2> "$work/stderr")
    code=$?
    after=$(snapshot)
    if [ "$label" = run ] && grep -q "not built yet" "$work/stderr"; then
        return 0
    fi
    [ "$code" -eq 2 ] || { cat "$work/stderr"; fail "kanzai $label: exit $code, expected 2"; }
    if ! cmp -s "$work/stderr" "$dir/expected.txt"; then
        diff "$dir/expected.txt" "$work/stderr"
        fail "kanzai $label: stderr differs from expected.txt"
    fi
    [ "$before" = "$after" ] || fail "kanzai $label: the case folder changed"
    [ ! -e "$work/out" ] && [ ! -e "$work/case.db" ] || fail "kanzai $label: wrote outside"
}

check_command check check
check_command run run
echo "invalid/$name: ok"
