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
# memdiagctl, where built, names the memcg OOM's group once removed.
ctl_find
python3 "$here/commit_oom_check.py" memcg "$ctl" || rc=1
# Again with the opt-in probe that records the pages asked for.
memdiag_unload
memdiag_load commit_pages=1 || exit $ksft_fail
python3 "$here/commit_oom_check.py" commit || rc=1

# Unload while rejections fire: a loop of mmaps larger than RAM + swap
# (refused in mode 0, nothing allocated) across load/unload cycles, with and
# without the entry probe. The kernel log must stay clean (vm-run checks it).
memdiag_unload
python3 -c '
import mmap, sys
size = 1 << 46
while True:
    try:
        mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS).close()
    except OSError:
        continue
    sys.exit("storm: an mmap of 64 TiB was not refused")
' &
storm=$!
for i in 1 2 3 4 5 6; do
	if [ $((i % 2)) = 0 ]; then memdiag_load commit_pages=1; else memdiag_load; fi ||
		{ echo "# storm: load $i failed"; rc=1; break; }
	sleep 0.5
	memdiag_unload || { echo "# storm: unload $i failed"; rc=1; break; }
done
# Still refusing until now: only our SIGTERM (143) may have ended it.
kill "$storm"
wait "$storm" 2>/dev/null
src=$?
[ $src = 143 ] || { echo "# storm: the rejection loop ended early (status $src)"; rc=1; }
echo "# storm: 6 load/unload cycles under a stream of commit rejections"
exit $rc
