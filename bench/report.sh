#!/usr/bin/env bash
# `kanzai report` at scale (docs/report.md "At 1M customers"): generation time and memory,
# file size, and the time headless Chromium takes to open the report and render its first
# page of claims, and to open a deep link to the last claim (which decompresses the chunks
# the binary search reads).
#   bench/report.sh [--customers N] [--build DIR] [--work DIR]
# The case is `kanzai synth DIR --customers N --assets 5 --seed 7`, run once and cached.
set -euo pipefail
bench_name=report
work=/tmp/kanzai-bench-report
source "$(dirname "$0")/options.sh"
[[ -x /usr/bin/time ]] || { echo "bench/report: needs /usr/bin/time" >&2; exit 2; }
[[ -x /usr/bin/chromium ]] || { echo "bench/report: needs /usr/bin/chromium" >&2; exit 2; }
case_folder=$work/case-$customers
mkdir -p "$work"
if [[ ! -f $case_folder/case.db ]]; then
    rm -rf "$case_folder"
    "$kanzai" synth "$case_folder" --customers "$customers" --assets 5 --seed 7 >/dev/null
    "$kanzai" run "$case_folder" >/dev/null
fi
html=$work/report-$customers.html
echo "kanzai report, $customers customers ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
/usr/bin/time -o "$work/time.txt" \
    -f "  generate: %e s wall, %U s user, %S s sys, %M KB max RSS" \
    "$kanzai" report "$case_folder" --html "$html" >/dev/null
cat "$work/time.txt"
echo "  file: $(( $(stat -c %s "$html") / 1000000 )) MB"
last_claim=$(tail -n 1 "$case_folder/out/run-0001/decisions.csv" | cut -d, -f1)
# Chromium's wall time from start to the dumped DOM, which is written once the page's work
# is done (virtual time lets nothing idle count): an upper bound of the time to render.
render() {
    local what=$1 url=$2 dom=$work/dom.html profile
    profile=$(mktemp -d -p "$work")
    # /usr/bin/time writes to a file: Chromium's own stderr is discarded. A timeout (300 s)
    # is reported, not fatal.
    /usr/bin/time -o "$work/time.txt" \
        -f "  $what: %e s wall, %U s user, %S s sys (Chromium, all processes)" \
        timeout 300 /usr/bin/chromium --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --virtual-time-budget=60000 --user-data-dir="$profile" --dump-dom "$url" \
        2>/dev/null >"$dom" || echo "  $what: Chromium did not finish within 300 s"
    grep -v "non-zero status" "$work/time.txt"
    rm -rf "$profile"
    echo "    rendered claim rows: $(grep -o 'class="claim-row' "$dom" | wc -l)," \
         "highlighted: $(grep -o 'claim-row highlight" data-claim="[^"]*"' "$dom" | cut -d'"' -f4)"
}
render "open, first page" "file://$html"
render "deep link to $last_claim" "file://$html#claim=$last_claim"
