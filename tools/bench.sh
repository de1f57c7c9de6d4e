#!/bin/bash
# make bench: memdiag's cost, measured in one guest boot with loaded and
# unloaded phases interleaved; prints ratios (see tools/bench-guest.sh).
#   MEMDIAG_BENCH_RELEASE=bookworm MEMDIAG_BENCH_KERNEL=6.1 tools/bench.sh
# (default: trixie's 6.12). MEMDIAG_BENCH_ROUNDS, _ALLOC_N, _FAIL_N,
# _MMAP_N, _MMAP_ONLY, _ZONES_N reach the guest.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tools/setup.sh"
release=${MEMDIAG_BENCH_RELEASE:-trixie}
"$top/tools/release-root.sh" "$release" >/dev/null
copy=$("$top/tools/release-build.sh" --quick "$release" "${MEMDIAG_BENCH_KERNEL:-}")
rel=$(cat "$copy/build/krel.txt")
"$top/tools/in-root.sh" -w "$top" "$release" -- \
	"gcc -O2 -Wall -Wextra -o '$copy/build/bench-mmap' '$copy/tools/bench-mmap.c'"
exec "$top/tools/vm-run" -r "$release" -k "$rel" -w "$copy" -- tools/bench-guest.sh
