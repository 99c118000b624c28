#!/usr/bin/env bash
# Installs the Debian 12 packages Kanzai needs to build, test and run. Idempotent: packages
# already present are not touched, and apt is not called at all when nothing is missing.
# Run as root (or with sudo available). Nothing is downloaded from outside Debian's archive.
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config
    libboost-dev libboost-graph-dev
    libsqlitecpp-dev libsqlite3-dev sqlite3
    libfmt-dev libtomlplusplus-dev doctest-dev
    libcli11-dev nlohmann-json3-dev libssl-dev zlib1g-dev
    python3 chromium time
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
