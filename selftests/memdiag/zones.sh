#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# GET_ZONES: every number equals the kernel's own files read around it
# (fresh, and with every block of the largest order fragmented by the
# helper), its watermark verdicts agree with real allocations, and
# memdiagctl zones answers unprivileged users.
. "$(dirname "$0")/lib.sh"
memdiag_require
helper_require
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit $ksft_skip; }
[ -r /sys/kernel/debug/extfrag/unusable_index ] ||
	{ echo "SKIP: debugfs extfrag files not readable"; exit $ksft_skip; }
ctl_require

cleanup()
{
	rmmod memdiag_test_helper 2>/dev/null
	memdiag_unload
}
trap cleanup EXIT
memdiag_unload
insmod "$HELPER_KO" || exit $ksft_fail
memdiag_load || exit $ksft_fail

# The largest order on both kernels (6.1: MAX_ORDER 11 exclusive; 6.12:
# MAX_PAGE_ORDER 10): a fresh guest has many free blocks of it.
order=$(($(head -1 /proc/buddyinfo | wc -w) - 5))
python3 "$here/zones_check.py" run "$order" "$ctl"
