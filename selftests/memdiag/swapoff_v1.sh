#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# swapoff with the memory controller on cgroup v1 (Debian's 5.10 and 6.1;
# 6.12 and later are built without CONFIG_MEMCG_V1: there it SKIPs, and
# tools/check.sh runs it, in a fresh guest of its own, only on the kernels
# whose config has v1). Memory mounted as v1 beside cgroup2, a zram swap:
#   a group over memory.limit_in_bytes: memdiagctl swap check predicts the
#   failure with the v1 files' names; the swapoff record names the group by
#   its v1 path, with memory.limit_in_bytes and memory.usage_in_bytes;
#   the limit on a parent of the group with the swap;
#   a group at memory.memsw.limit_in_bytes (with swap accounting);
#   oom_kill_disable=1: swapoff gets ENOMEM and nobody is killed.
. "$(dirname "$0")/lib.sh"

V1=/tmp/memdiag-memv1
CG2=/sys/fs/cgroup

skip()	# skip REASON: a KTAP SKIP of the whole test
{
	echo "TAP version 13"
	echo "1..1"
	echo "ok 1 swapoff_v1 # SKIP $1"
	exit $ksft_skip
}

memdiag_require
command -v python3 >/dev/null || skip "python3 not found"
command -v mkswap >/dev/null || skip "mkswap not found"
[ -z "$(tail -n +2 /proc/swaps)" ] || skip "swap is already in use here"

# The kernel's own word on v1: CONFIG_MEMCG_V1 (6.11 and later) not set.
config=/boot/config-$(uname -r)
if [ -r "$config" ] && grep -q '^# CONFIG_MEMCG_V1 is not set' "$config"; then
	skip "no cgroup v1 memory controller in this kernel (CONFIG_MEMCG_V1 is not set)"
fi
awk '$1 == "memory" && $4 == 1 { found = 1 } END { exit !found }' /proc/cgroups ||
	skip "no memory controller in /proc/cgroups"

mounted=0
cleanup()
{
	local d
	# Whatever a check left behind: its processes, then its groups.
	if [ $mounted = 1 ]; then
		for d in $(find "$V1" -mindepth 1 -type d); do
			echo 0 > "$d/memory.oom_control" 2>/dev/null
			xargs -r kill -9 < "$d/cgroup.procs" 2>/dev/null
		done
		sleep 0.5
	fi
	swapoff /dev/zram0 2>/dev/null
	if [ $mounted = 1 ]; then
		for d in $(find "$V1" -mindepth 1 -depth -type d); do
			for _ in $(seq 50); do rmdir "$d" 2>/dev/null && break; sleep 0.1; done
		done
		umount "$V1"
	fi
	rmdir "$V1" 2>/dev/null
	zram_release
	memdiag_unload
}
trap cleanup EXIT

# memory must not be enabled on cgroup2 for it to be mounted as v1. Other
# tests enable it in /sys/fs/cgroup and remove their groups, so it can be
# taken back; but charges made under v2 do not survive the move (6.1 warns
# of page_counter underflows when they are uncharged under v1), so this
# test wants a fresh boot (tools/check.sh runs it in a guest of its own).
# A dying group still holding charges keeps it busy for a while: drop the
# caches and retry.
if grep -qw memory "$CG2/cgroup.subtree_control" 2>/dev/null; then
	echo "# memory was enabled on cgroup2 in this boot: its charges may make the kernel warn under v1"
	echo -memory > "$CG2/cgroup.subtree_control" 2>/dev/null ||
		skip "cgroup2 has enabled memory in $CG2/cgroup.subtree_control and it cannot be disabled (a group below enables it too)"
fi
mkdir -p "$V1"
for i in $(seq 20); do
	err=$(mount -t cgroup -o memory none "$V1" 2>&1) && { mounted=1; break; }
	# 6.12 without CONFIG_MEMCG_V1: "Unknown subsys name 'memory'" (EINVAL);
	# cgroup_no_v1=memory: "Disabled controller 'memory'".
	case $err in
	*"Unknown subsys"* | *"No such file"* | *"Invalid argument"*)
		skip "no cgroup v1 memory controller in this kernel (mount -t cgroup -o memory: ${err%%$'\n'*})" ;;
	*"Disabled controller"*)
		skip "the cgroup v1 memory controller is disabled (cgroup_no_v1=): ${err%%$'\n'*}" ;;
	esac
	echo 3 > /proc/sys/vm/drop_caches
	sleep 1
done
[ $mounted = 1 ] || skip "mount -t cgroup -o memory: $err (after 20 s)"
echo "# memory controller mounted as v1 at $V1: $(grep -w memory /proc/cgroups)"

modprobe zram num_devices=1 2>/dev/null || skip "no zram module"
memdiag_unload
memdiag_load || exit $ksft_fail
ctl_require
python3 "$here/swapoff_v1_check.py" "$ctl" "$V1"
