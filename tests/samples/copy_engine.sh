#!/usr/bin/env bash
# Stands in for `kanzai run CASE --out DIR --no-db` in a sample's expect.sh: copies outputs
# computed beforehand (by planted_engine.py) from $KANZAI_PLANTED_OUTPUTS into DIR.
set -euo pipefail
cp -r "$KANZAI_PLANTED_OUTPUTS" "$4"
