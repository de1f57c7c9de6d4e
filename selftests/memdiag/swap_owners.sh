#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Swap slot ownership (GET_SWAP, memdiagctl swap owners) against what the
# kernel itself says in a still system: two zram swap areas, a memory
# cgroup whose process is pushed to swap and then forks (shared slots), a
# tmpfs file pushed to swap from another cgroup. Each process's total must
# equal its VmSwap, each cgroup's its memory.swap.current, each area's
# unique slots its Used in /proc/swaps. Unprivileged callers get EPERM.
. "$(dirname "$0")/lib.sh"
memdiag_require
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit $ksft_skip; }
command -v mkswap >/dev/null || { echo "SKIP: mkswap not found"; exit $ksft_skip; }
[ -z "$(tail -n +2 /proc/swaps)" ] || { echo "SKIP: swap is already in use here"; exit $ksft_skip; }
grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null ||
	{ echo "SKIP: no cgroup2 memory controller"; exit $ksft_skip; }
modprobe zram num_devices=2 2>/dev/null || { echo "SKIP: no zram module"; exit $ksft_skip; }
[ -b /dev/zram1 ] || { echo "SKIP: zram has fewer than 2 devices (loaded before?)"; exit $ksft_skip; }

cleanup()
{
	python3 "$here/swap_owners_check.py" --cleanup 2>/dev/null
	swapoff /dev/zram0 2>/dev/null
	swapoff /dev/zram1 2>/dev/null
	zram_release
	memdiag_unload
}
trap cleanup EXIT
memdiag_unload
memdiag_load || exit $ksft_fail
ctl_require
python3 "$here/swap_owners_check.py" "$ctl"
