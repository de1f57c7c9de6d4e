#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Commit-accounting rejections (overcommit modes 2 and 0) and a memory
# cgroup OOM kill, each checked against /proc and the kernel log.
. "$(dirname "$0")/lib.sh"
memdiag_require
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit $ksft_skip; }
trap memdiag_unload EXIT
memdiag_unload
memdiag_load || exit $ksft_fail
rc=0
python3 "$here/commit_oom_check.py" commit || rc=1
python3 "$here/commit_oom_check.py" memcg || rc=1
# Again with the opt-in probe that records the pages asked for.
memdiag_unload
memdiag_load commit_pages=1 || exit $ksft_fail
python3 "$here/commit_oom_check.py" commit || rc=1
exit $rc
