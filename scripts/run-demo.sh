#!/usr/bin/env bash
# Installs what is missing, builds, and launches chainscope on its bundled demo mesh. Incremental on re-runs.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
export CCACHE_BASEDIR="$top"
bash scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc)" --target chainscope
exec build/dev/app/chainscope "$@"
