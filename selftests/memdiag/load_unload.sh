#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Load and unload memdiag repeatedly; the family must appear and disappear
# with it. Its own memory must be within the documented bounds. Bad
# parameter values must be refused at load with a clear message.
. "$(dirname "$0")/lib.sh"
memdiag_require
ctl_require

fail=0
err() { echo "# FAIL: $*"; fail=1; }

# The kernel's own list of families (nlctrl), through libnl's tool.
command -v genl-ctrl-list >/dev/null ||
	{ echo "SKIP: genl-ctrl-list not found (Debian package libnl-utils)"; exit $ksft_skip; }
family_present() { genl-ctrl-list 2>/dev/null | grep -qw memdiag; }

memdiag_unload || { echo "# cannot unload a memdiag loaded before the test"; exit $ksft_fail; }

for i in $(seq 1 20); do
	insmod "$MEMDIAG_KO" || { err "load $i failed"; break; }
	family_present || err "load $i: family memdiag not registered"
	rmmod memdiag || { err "unload $i failed"; break; }
	family_present && err "unload $i: family memdiag still registered"
	memdiag_loaded && err "unload $i: /sys/module/memdiag still present"
done
echo "# 20 load/unload cycles done"

# Good values land in sysfs.
if insmod "$MEMDIAG_KO" rate_limit=5 stack_depth=0 ring_size=16; then
	p=/sys/module/memdiag/parameters
	[ "$(cat $p/rate_limit)" = 5 ] || err "rate_limit=5 not applied"
	[ "$(cat $p/stack_depth)" = 0 ] || err "stack_depth=0 not applied"
	[ "$(cat $p/ring_size)" = 16 ] || err "ring_size=16 not applied"
	# ring_size is load-time only: read-only in sysfs.
	(echo 1 > $p/ring_size) 2>/dev/null && err "ring_size writable at runtime"
	rmmod memdiag || err "unload after good params failed"
else
	err "valid parameters refused"
fi

# Its own memory (GET_STATUS) is what README documents: ring_size records
# of at most 4 KiB each, and at most 64 KiB + 16 KiB per possible CPU for
# the counters and the rest. Nothing else may depend on the ring's size.
mem_at() { insmod "$MEMDIAG_KO" ring_size="$1" && memdiag_mem && rmmod memdiag; }
m16=$(mem_at 16)
m17=$(mem_at 17)
m1024=$(mem_at 1024)
if [ -n "$m16" ] && [ -n "$m17" ] && [ -n "$m1024" ]; then
	rec=$((m17 - m16))
	fixed=$((m16 - 16 * rec))
	cpus=$(($(cut -d- -f2 /sys/devices/system/cpu/possible) + 1))
	echo "# memory: $rec bytes a record, $fixed bytes besides ($cpus possible CPUs)"
	[ $rec -gt 0 ] && [ $rec -le 4096 ] ||
		err "a ring record takes $rec bytes (documented: at most 4096)"
	[ "$m1024" = $((m16 + 1008 * rec)) ] ||
		err "memory not linear in ring_size: $m1024 bytes with 1024 records"
	[ $fixed -le $((65536 + 16384 * cpus)) ] ||
		err "$fixed bytes besides the ring (documented: at most 64 KiB + 16 KiB a CPU)"
else
	err "no memory figure from GET_STATUS"
fi

# Bad values: refused, module not loaded, the log says which and why.
for arg in rate_limit=1000001 rate_limit=-1 rate_limit=abc stack_depth=33 \
	   ring_size=15 ring_size=65537 ring_size=1x; do
	name=${arg%%=*}
	dmesg -C 2>/dev/null
	if insmod "$MEMDIAG_KO" "$arg" 2>/dev/null; then
		err "$arg accepted"
		rmmod memdiag
		continue
	fi
	memdiag_loaded && err "$arg: module loaded anyway"
	dmesg | grep -q "memdiag: $arg refused: must be an integer from" ||
		err "$arg: no clear message in the kernel log: $(dmesg | tail -n 3)"
	echo "# $arg refused: $(dmesg | grep "memdiag: $name" | head -n 1)"
done

[ $fail -eq 0 ] && exit $ksft_pass || exit $ksft_fail
