# The options every single-command benchmark takes, sourced after `set -euo pipefail` with
# bench_name and a default work folder set:
#   bench_name=report; work=/tmp/kanzai-bench-report; source "$(dirname "$0")/options.sh"
# Reads the caller's arguments (--customers N, --build DIR, --work DIR, and whatever the
# caller's bench_option function takes: it is given an option and its value and returns 0
# when it used them; bench_usage names them) and sets repo, customers, build, work, kanzai.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
customers=1000000
build=$repo/build-release
while [[ $# -gt 0 ]]; do
    case $1 in
        --customers) customers=$2; shift 2 ;;
        --build) build=$(cd "$2" && pwd); shift 2 ;;
        --work) work=$2; shift 2 ;;
        *)
            if declare -F bench_option > /dev/null && bench_option "$1" "${2-}"; then
                shift 2
            else
                echo "usage: bench/$bench_name.sh [--customers N] [--build DIR] [--work DIR]" \
                     "${bench_usage-}" >&2
                exit 2
            fi ;;
    esac
done
kanzai=$build/kanzai
if [[ ! -x $kanzai ]]; then
    echo "bench/$bench_name: no $kanzai; build it first (bench/run.sh builds Release)" >&2
    exit 2
fi
