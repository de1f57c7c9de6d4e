#!/bin/bash
# make bench: memdiag's cost, measured in one guest boot with loaded and
# unloaded phases interleaved; prints ratios (see tools/bench-guest.sh).
#   MEMDIAG_BENCH_KERNEL=6.1 tools/bench.sh
# MEMDIAG_BENCH_ROUNDS, _ALLOC_N, _FAIL_N, _MMAP_N, _MMAP_ONLY, _ZONES_N reach the guest.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tools/setup.sh"
rel=$("$top/tools/kernels.sh" "${MEMDIAG_BENCH_KERNEL:-6.12}")
"$top/tools/build-module.sh" "$rel" >/dev/null
mkdir -p "$top/build"
gcc -O2 -Wall -Wextra -o "$top/build/bench-mmap" "$top/tools/bench-mmap.c"
exec "$top/tools/vm-run" -k "$rel" -- tools/bench-guest.sh
