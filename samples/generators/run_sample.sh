# Sourced by every samples/*/expect.sh, called as `bash expect.sh KANZAI_BINARY SAMPLE_DIR`:
# runs the sample into a fresh temporary folder (removed on exit) and leaves its path in $out
# and the sample's absolute path in $sample, for the checks that follow.
set -euo pipefail
kanzai=$1
sample=$(cd "$2" && pwd)
out=$(mktemp -d)/run
trap 'rm -rf "$(dirname "$out")"' EXIT
"$kanzai" run "$sample" --out "$out" --no-db > /dev/null
