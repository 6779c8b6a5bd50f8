#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through ctest: the CI build (warnings are errors),
# the same suite again under ASan+UBSan, and a short libFuzzer run of each parser. Incremental on re-runs.
# Set CHAINSCOPE_SKIP_ASAN=1 / CHAINSCOPE_SKIP_FUZZ=1 to skip those stages locally.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
bash scripts/install-deps.sh
CHAINSCOPE_CONSUL=$(bash scripts/fetch-consul.sh) || { echo "test.sh: could not fetch consul 1.8.7" >&2; exit 1; }
export CHAINSCOPE_CONSUL
jobs=$(nproc)
# ccache (see CMakePresets.json): hash paths relative to the checkout so clones share the cache.
export CCACHE_BASEDIR="$top"

status=0
echo "== build (preset ci: warnings are errors)"
cmake --preset ci >/dev/null
cmake --build --preset ci -j "$jobs"
echo "== test (preset ci)"
ctest --preset ci -j "$jobs" || status=1

if [ "${CHAINSCOPE_SKIP_ASAN:-0}" != 1 ]; then
  echo "== build (preset asan: ASan + UBSan)"
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j "$jobs"
  echo "== test (preset asan)"
  LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0" ctest --preset asan -j "$jobs" || status=1
fi

if [ "${CHAINSCOPE_SKIP_FUZZ:-0}" != 1 ] && [ -f tests/fuzz/CMakeLists.txt ]; then
  echo "== fuzz (short libFuzzer run per parser)"
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j "$jobs" --target chainscope_fuzzers
  ctest --test-dir build/fuzz -L fuzz --output-on-failure -j "$jobs" || status=1
fi
exit $status
