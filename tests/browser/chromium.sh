# Sourced by the browser tests: skips the test (exit 77) without Chromium, makes the test's
# scratch folder $work (removed on exit), and defines `browser ARGS...`: headless Chromium
# with its own network features off (the pages have no external reference anyway), a fresh
# profile under $work, and a virtual time budget so that a page's asynchronous work (Web
# Crypto hashing, decompression) finishes before the DOM is dumped or the screenshot taken.
chromium_bin=/usr/bin/chromium
if [[ ! -x $chromium_bin ]]; then
    echo "SKIP: $chromium_bin is absent (apt-get install chromium; CI: scripts/install-deps.sh)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
browser() {
    timeout 120 "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --virtual-time-budget=10000 \
        --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>/dev/null
}
