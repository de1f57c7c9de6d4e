#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Unload and reload memdiag while the helper provokes failures from every
# CPU in process and softirq context: nothing may crash, hang or splat (the
# guest runner fails the run on any kernel log report). Between reloads the
# module must still account exactly: total = recorded + suppressed + lost.
. "$(dirname "$0")/lib.sh"
memdiag_require
helper_require

tr=/sys/kernel/tracing
storm=
cleanup()
{
	# Not a bare wait: it would also wait for lib.sh's logging tee.
	[ -n "$storm" ] && wait "$storm" 2>/dev/null
	echo 0 > $tr/events/kprobes/memdiag_wa/enable 2>/dev/null
	echo '-:memdiag_wa' >> $tr/kprobe_events 2>/dev/null
	rmmod memdiag_test_helper 2>/dev/null
	memdiag_unload
}
trap cleanup EXIT

memdiag_unload
insmod "$HELPER_KO" || exit $ksft_fail
insmod "$MEMDIAG_KO" ring_size=64 || exit $ksft_fail

seconds=${STORM_SECONDS:-8}
echo "10 $seconds" > /sys/kernel/debug/memdiag_test/storm &
storm=$!
fail=0
cycles=0
end=$((SECONDS + seconds))
while [ $SECONDS -lt $end ]; do
	sleep 0.5
	rmmod memdiag || { echo "# rmmod failed during the storm"; fail=1; break; }
	insmod "$MEMDIAG_KO" ring_size=64 || { echo "# insmod failed during the storm"; fail=1; break; }
	cycles=$((cycles + 1))
done
wait $storm || { echo "# helper storm failed"; fail=1; }
storm=
echo "# $cycles unload/reload cycles during a ${seconds}s storm; helper made: $(cat /sys/kernel/debug/memdiag_test/failed)"
[ $cycles -ge 2 ] || { echo "# too few reload cycles"; fail=1; }
# The post-storm check counts against an independent tracefs probe.
echo 'p:memdiag_wa warn_alloc' >> $tr/kprobe_events || exit $ksft_fail
echo 1 > $tr/events/kprobes/memdiag_wa/enable
"$here/failures_test" -r fail.counters_exact_per_order_and_class >/dev/null ||
	{ echo "# module not consistent after the storm"; fail=1; }
exit $fail
