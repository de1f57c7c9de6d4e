#!/bin/bash
# Swap ownership at scale (issue 16, part 3): memdiag's GET_SWAP and
# `memdiagctl swap` against the scan a user would write (every VmSwap,
# every memory.swap.current), at several sizes N:S (N processes holding
# S GiB of swap on zram), in one guest boot per run; see
# tools/bench-swap.py for what is timed and checked.
#   tools/bench-swap.sh [N:S ...]          default 100:1 1000:1
#   MEMDIAG_BENCH_RELEASE=trixie MEMDIAG_BENCH_KERNEL=6.12 (the default)
#   MEMDIAG_BENCH_MEM=MiB (guest memory, default 3072),
#   MEMDIAG_BENCH_TIMEOUT=SECS (default 3000), MEMDIAG_BENCH_ROUNDS,
#   MEMDIAG_BENCH_CGROUPS, MEMDIAG_BENCH_DISK_GIB reach the guest.
# The guest runs under `nice -n 19`: the machine is shared.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
release=${MEMDIAG_BENCH_RELEASE:-trixie}
"$top/tools/release-root.sh" "$release" >/dev/null
copy=$("$top/tools/release-build.sh" --quick "$release" "${MEMDIAG_BENCH_KERNEL:-}")
rel=$(cat "$copy/build/krel.txt")
exec nice -n 19 "$top/tools/vm-run" -r "$release" -k "$rel" -w "$copy" \
	-m "${MEMDIAG_BENCH_MEM:-3072}" -t "${MEMDIAG_BENCH_TIMEOUT:-3000}" -- \
	python3 tools/bench-swap.py ctl/memdiagctl "build/krel/$rel/kmod/memdiag.ko" "$@"
