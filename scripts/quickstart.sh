#!/usr/bin/env bash
# From a fresh Debian 12 machine to a real distribution: installs what is missing, builds
# kanzai, checks and runs the tutorial case into a fresh folder, and prints its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j "$(nproc)" --target kanzai
case_folder=${1:-samples/tutorial}
out=$(mktemp -d)/run
./build/kanzai check "$case_folder"
./build/kanzai run "$case_folder" --out "$out" --no-db
echo
echo "== $out"
ls -l "$out"
echo
head -n 20 "$out/payouts.csv"
echo
cat "$out/summary.json"
