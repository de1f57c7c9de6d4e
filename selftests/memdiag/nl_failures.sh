#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Provoked allocation failures against memdiag's counters, records and
# events, with a tracefs kprobe on warn_alloc as the independent counter.
. "$(dirname "$0")/lib.sh"
memdiag_require
helper_require

tr=/sys/kernel/tracing
cleanup()
{
	echo 0 > $tr/events/kprobes/memdiag_wa/enable 2>/dev/null
	echo '-:memdiag_wa' >> $tr/kprobe_events 2>/dev/null
	rmmod memdiag_test_helper 2>/dev/null
	memdiag_unload
}
trap cleanup EXIT

memdiag_unload
insmod "$MEMDIAG_KO" ring_size=16 || exit $ksft_fail
insmod "$HELPER_KO" || exit $ksft_fail
echo 'p:memdiag_wa warn_alloc' >> $tr/kprobe_events || exit $ksft_fail
echo 1 > $tr/events/kprobes/memdiag_wa/enable
"$here/failures_test"
