#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# memdiagctl explain on this kernel's own log agrees with memdiag's own
# records of the same events: a page allocation failure that the helper
# makes with __GFP_NOWARN cleared (the kernel must print its report: the
# test waits out warn_alloc()'s rate limit), and a memory cgroup OOM kill.
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
rmmod memdiag_test_helper 2>/dev/null
insmod "$HELPER_KO" || exit $ksft_fail
memdiag_load || exit $ksft_fail

# The largest order (as zones.sh). Twice: the blocks of that order taken
# whole (in a fresh guest most free memory is in such blocks: free pages
# may end below the watermarks), then taken one page each (plenty stays
# free: fragmentation; not first, as the pages it frees wait on per-CPU
# lists and no block of the order forms again for a while); the verdict
# must follow what the zones say either way.
order=$(($(head -1 /proc/buddyinfo | wc -w) - 5))
rc=0
python3 "$here/explain_check.py" alloc exhaust "$order" "$ctl" || rc=1
python3 "$here/explain_check.py" alloc fragment "$order" "$ctl" || rc=1
python3 "$here/explain_check.py" oom "$ctl" || rc=1
exit $rc
