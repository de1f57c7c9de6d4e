#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A global OOM kill, checked against the kernel log. Needs a small guest
# without swap (tools/vm-run -m 256 -- selftests/memdiag/oom_global.sh);
# skips elsewhere rather than take a real machine to its knees.
. "$(dirname "$0")/lib.sh"
memdiag_require
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit $ksft_skip; }
total=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
swap=$(awk '/^SwapTotal:/ {print $2}' /proc/meminfo)
if [ "$total" -gt 655360 ] || [ "$swap" -ne 0 ]; then
	echo "SKIP: global OOM test needs a guest of at most 640 MiB without swap"
	exit $ksft_skip
fi
trap memdiag_unload EXIT
memdiag_unload
memdiag_load || exit $ksft_fail
python3 "$here/commit_oom_check.py" global
