#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Hostile netlink input: nl_fuzz sends MEMDIAG_FUZZ_MESSAGES (default
# 100000) random and malformed requests as root from 4 processes with 4
# sockets each, then a fifth of that as nobody; failures keep firing
# meanwhile. The module must answer every one as documented, survive, and
# hold the memory it held before.
. "$(dirname "$0")/lib.sh"
memdiag_require
ctl_require

n=${MEMDIAG_FUZZ_MESSAGES:-100000}
seed=${MEMDIAG_FUZZ_SEED:-$(date +%s)}
helper_require
memdiag_unload
insmod "$MEMDIAG_KO" ring_size=64 || exit $ksft_fail
insmod "$HELPER_KO" || exit $ksft_fail
trap 'rmmod memdiag_test_helper; memdiag_unload' EXIT
mem0=$(memdiag_mem)
# Records keep coming while the dumps run.
echo "10 ${MEMDIAG_FUZZ_STORM_SECONDS:-15}" > /sys/kernel/debug/memdiag_test/storm &
storm=$!
fail=0
"$here/nl_fuzz" -n "$n" -p 4 -s "$seed" || fail=1
"$here/nl_fuzz" -n $((n / 5)) -p 2 -s "$((seed + 1))" -u || fail=1
wait $storm
# Dumps abandoned half-way give their memory back when their socket goes.
for _ in $(seq 1 20); do
	mem1=$(memdiag_mem)
	[ "$mem1" = "$mem0" ] && break
	sleep 0.5
done
echo "# module memory: $mem0 bytes before the fuzzing, $mem1 after"
[ "$mem1" = "$mem0" ] || { echo "# module memory changed by the fuzzing"; fail=1; }
# A fuzzed SET_CONFIG may have changed the settings: unload must still work.
memdiag_unload || { echo "# rmmod failed after fuzzing"; fail=1; }
exit $fail
