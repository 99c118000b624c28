#!/usr/bin/env bash
# Every example that `kanzai --help` and `kanzai COMMAND --help` print runs as written, in a
# folder holding samples/tutorial, in the order a new user meets them: each must exit 0.
# What an example takes from the user is made first: a second run for `diff 1 2`, the
# published root for `verify`, a scenario file for `stress`.
# Usage: help_examples.sh KANZAI SOURCE_DIR
set -uo pipefail
kanzai=$(realpath "$1")
source_dir=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/samples" "$work/tmp"
ln -s "$kanzai" "$work/bin/kanzai"
cp -r "$source_dir/samples/tutorial" "$work/samples/tutorial"
export PATH="$work/bin:$PATH"
cd "$work" || exit 1
failures=0
ran=0

example_of() { "$kanzai" "$@" --help | sed -n 's/^Example: //p' | head -1; }

run_example() {
    local line=$1
    if [ -z "$line" ]; then
        echo "help examples: no example in kanzai $2 --help"
        failures=$((failures + 1))
        return
    fi
    # /tmp/X becomes a folder of this test's own, so that parallel runs never collide.
    line=${line//\/tmp\//$work/tmp/}
    if ! bash -c "$line" > "$work/stdout" 2> "$work/stderr"; then
        echo "help examples: failed: $line"
        head -5 "$work/stderr"
        failures=$((failures + 1))
    fi
    ran=$((ran + 1))
}

for command in init check run explain diff report notices audit proof verify stress synth; do
    case $command in
        diff) kanzai run samples/tutorial > /dev/null ;;  # `diff 1 2` compares two runs
        verify)
            python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["proof"]["root"])' \
                samples/tutorial/out/run-0002/summary.json > published-root.txt ;;
        stress) printf '[[scenario]]\nid = "as-is"\n' > scenarios.toml ;;
    esac
    run_example "$(example_of "$command")" "$command"
done
# The top-level example, on a fresh copy.
rm -rf samples/tutorial && cp -r "$source_dir/samples/tutorial" samples/tutorial
run_example "$("$kanzai" --help | sed -n 's/^Example: //p' | head -1)" ""

if [ "$ran" != 13 ]; then
    echo "help examples: ran $ran examples, expected 13"
    failures=$((failures + 1))
fi
[ "$failures" = 0 ] || { echo "help examples: $failures failure(s)"; exit 1; }
echo "help examples: $ran ran"
