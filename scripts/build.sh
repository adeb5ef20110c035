#!/usr/bin/env bash
# Builds everything: installs missing Debian packages, compiles the C++ server and unit
# tests (Release, ccache, ninja -j2), installs the web app's npm packages and builds it
# into web/dist. Safe to run again: each step only redoes what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
source scripts/node-env.sh

echo "== building the server"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
ninja -C build -j2

echo "== building the web app"
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund)
fi
(cd web && npm run build --silent)
