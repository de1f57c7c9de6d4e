#!/bin/bash
# make bench: memdiag's cost, measured in one guest boot with loaded and
# unloaded phases interleaved; prints ratios (see tools/bench-guest.sh).
#   MEMDIAG_BENCH_RELEASE=bookworm MEMDIAG_BENCH_KERNEL=6.1 tools/bench.sh
# (default: trixie's 6.12). MEMDIAG_BENCH_ROUNDS, _ALLOC_N, _FAIL_N,
# _MMAP_N, _MMAP_ONLY, _ZONES_N, _BPFTRACE reach the guest; _WALL=0 skips
# the wall-clock guest;
# MEMDIAG_BENCH_TIMEOUT (seconds, default 3600) bounds the guest's run.
# The failure phases compare memdiag with bpftrace, the tool a user would
# reach for instead: it is installed from the release's archive into the
# release root (the guests' userland) here, only for the bench (not in
# tools/release-root.sh's package list: that would change every root).
# MEMDIAG_BENCH_BPFTRACE=0 skips it.
# A second guest then runs every phase again with QEMU's -icount shift=0:
# its clocks count executed instructions, so its ratios do not move with
# the host's load (a success-path ratio below 1 there is memdiag's, and the
# failure phases compare instruction counts); tools/vm-run's
# MEMDIAG_TCG_ICOUNT; MEMDIAG_BENCH_ICOUNT=0 skips it, =OPTS gives QEMU
# other -icount options. Then tools/bench-swap.sh at MEMDIAG_BENCH_SWAP
# (N:S sizes, default 1000:1; 0 skips it). Every figure of the three is a
# ratio from this one run.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/tools/setup.sh"
release=${MEMDIAG_BENCH_RELEASE:-trixie}
root=$("$top/tools/release-root.sh" "$release")
if [ "${MEMDIAG_BENCH_BPFTRACE:-1}" = 1 ] && [ ! -x "$root/usr/bin/bpftrace" ]; then
	echo "bench: installing bpftrace into the $release root (for the comparison)" >&2
	log=$top/build/bench-bpftrace-install.log
	mkdir -p "$top/build"
	# Under release-root.sh's lock: no refresh of that root meanwhile.
	if ! flock "$(dirname "$root")/.$release.lock" "$top/tools/in-root.sh" "$release" -- \
		"export DEBIAN_FRONTEND=noninteractive; apt-get install -q -y --no-install-recommends bpftrace ||
		 { apt-get update -q && apt-get install -q -y --no-install-recommends bpftrace; }" >"$log" 2>&1; then
		tail -n 20 "$log" >&2
		echo "bench: could not install bpftrace into $root (log: $log); MEMDIAG_BENCH_BPFTRACE=0 skips it" >&2
		exit 1
	fi
fi
copy=$("$top/tools/release-build.sh" --quick "$release" "${MEMDIAG_BENCH_KERNEL:-}")
rel=$(cat "$copy/build/krel.txt")
"$top/tools/in-root.sh" -w "$top" "$release" -- \
	"gcc -O2 -Wall -Wextra -o '$copy/build/bench-mmap' '$copy/tools/bench-mmap.c'"
# MEMDIAG_BENCH_WALL=0: no wall-clock guest (the instruction counts only).
if [ "${MEMDIAG_BENCH_WALL:-1}" != 0 ]; then
	"$top/tools/vm-run" -r "$release" -k "$rel" -w "$copy" -t "${MEMDIAG_BENCH_TIMEOUT:-3600}" \
		-- tools/bench-guest.sh
fi
icount=${MEMDIAG_BENCH_ICOUNT:-shift=0,sleep=off}
if [ "$icount" != 0 ]; then
	echo
	# One vCPU: with two, the other one's instructions (kworkers, RCU)
	# count in the guest's clock too (TCG runs the vCPUs in turn), and
	# 6.1 does not boot with two under -icount here.
	# Counts repeat to 0.1-0.3 % a round: 6 rounds (the fewest that give
	# a 95 % interval) of smaller phases are enough, and TCG is slower
	# with -icount. MEMDIAG_BENCH_ICOUNT_{ROUNDS,FAIL_N,ALLOC_N,MMAP_N,
	# ZONES_N} change them.
	MEMDIAG_TCG_ICOUNT=$icount \
	MEMDIAG_BENCH_ROUNDS=${MEMDIAG_BENCH_ICOUNT_ROUNDS:-6} \
	MEMDIAG_BENCH_FAIL_N=${MEMDIAG_BENCH_ICOUNT_FAIL_N:-5000} \
	MEMDIAG_BENCH_ALLOC_N=${MEMDIAG_BENCH_ICOUNT_ALLOC_N:-50000} \
	MEMDIAG_BENCH_MMAP_N=${MEMDIAG_BENCH_ICOUNT_MMAP_N:-2000} \
	MEMDIAG_BENCH_ZONES_N=${MEMDIAG_BENCH_ICOUNT_ZONES_N:-50} \
		"$top/tools/vm-run" -r "$release" -k "$rel" -w "$copy" -c 1 \
		-t "${MEMDIAG_BENCH_TIMEOUT:-5400}" -- tools/bench-guest.sh
fi
# Swap ownership at scale (tools/bench-swap.sh, docs/bench-swap.md): N:S
# sizes, N processes holding S GiB of swap; MEMDIAG_BENCH_SWAP=0 skips it.
swap=${MEMDIAG_BENCH_SWAP:-1000:1}
[ "$swap" != 0 ] || exit 0
echo
# shellcheck disable=SC2086 # one argument per size
exec "$top/tools/bench-swap.sh" $swap
