#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# swapoff attempts: a success, a commit-accounting ENOMEM and a memory
# cgroup ENOMEM, each recorded with its cause and the kernel's numbers
# (/proc/swaps, /proc/meminfo, memory.events). A zram device is the swap.
. "$(dirname "$0")/lib.sh"
memdiag_require
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit $ksft_skip; }
command -v mkswap >/dev/null || { echo "SKIP: mkswap not found"; exit $ksft_skip; }
[ -z "$(tail -n +2 /proc/swaps)" ] || { echo "SKIP: swap is already in use here"; exit $ksft_skip; }
modprobe zram num_devices=1 2>/dev/null || { echo "SKIP: no zram module"; exit $ksft_skip; }

cleanup()
{
	swapoff /dev/zram0 2>/dev/null
	zram_release
	memdiag_unload
}
trap cleanup EXIT
memdiag_unload
# The commit check's size and result need the opt-in probe on it.
memdiag_load commit_pages=1 || exit $ksft_fail
ctl_require
python3 "$here/swapoff_check.py" "$ctl"
