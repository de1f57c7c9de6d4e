#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# memdiagctl summary, commit and oom against states built to trigger each
# finding (overcommit mode 2 near its limit, a refused mmap, a memory
# cgroup OOM kill, a zram swap area with and without room for its
# swapoff, an order-3 failure in memory the helper module fragmented).
. "$(dirname "$0")/lib.sh"
memdiag_require
helper_require
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit $ksft_skip; }
ctl_require
cleanup()
{
	rmmod memdiag_test_helper 2>/dev/null
	memdiag_unload
}
trap cleanup EXIT
memdiag_unload
# Rejections recorded on every kernel, 5.10 included.
memdiag_load_commit_records || exit $ksft_fail
insmod "$HELPER_KO" || exit $ksft_fail
python3 "$here/summary_check.py" "$ctl"
