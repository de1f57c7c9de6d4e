#!/bin/bash
# The demo's guest side (tools/demo.sh boots the guest): load memdiag,
# provoke real allocation failures from user space, show memdiagctl's
# answers next to what the kernel itself says.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
ctl=$top/ctl/memdiagctl
rel=$(uname -r)
say() { printf '\n\033[1m==== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

say "memdiag on $rel: load the module"
run insmod "build/krel/$rel/kmod/memdiag.ko" || exit 1
run "$ctl" status

say "watch the live event stream in the background"
"$ctl" watch > build/demo-watch.log 2>&1 &
watch=$!
sleep 1

say "scenario 1: transparent huge pages fall back silently"
echo always > /sys/kernel/mm/transparent_hugepage/enabled
echo never > /sys/kernel/mm/transparent_hugepage/defrag
# Keep kcompactd from quietly undoing the fragmentation.
echo 0 > /proc/sys/vm/compaction_proactiveness
free_mib=$(awk '/MemFree/ { print int($2 / 1024) }' /proc/meminfo)
frag=$((free_mib - 48))
fallback0=$(awk '/^thp_fault_fallback / { print $2 }' /proc/vmstat)
dmesg0=$(dmesg | grep -c 'page allocation failure')
rm -f /tmp/demo-frag.log
python3 tools/provoke.py fragment $frag > /tmp/demo-frag.log &
frag_pid=$!
echo "fragmenting $frag MiB of free memory (every other 4 KiB page)..."
for _ in $(seq 1 600); do
	grep -q fragmented /tmp/demo-frag.log && break
	sleep 0.5
done
cat /tmp/demo-frag.log
grep DMA32 /proc/buddyinfo | sed "s/^/buddyinfo: /"
# Before the THP process: which orders can be allocated now, and why not.
run "$ctl" zones --order 9
run python3 tools/provoke.py thp 192
fallback1=$(awk '/^thp_fault_fallback / { print $2 }' /proc/vmstat)
dmesg1=$(dmesg | grep -c 'page allocation failure')
echo "kernel says: thp_fault_fallback +$((fallback1 - fallback0)) in /proc/vmstat," \
     "'page allocation failure' lines in dmesg +$((dmesg1 - dmesg0))"
run "$ctl" failures
run "$ctl" events -n 2 --details
kill $frag_pid
wait $frag_pid 2>/dev/null

say "scenario 2: a vmalloc larger than RAM"
run python3 tools/provoke.py vmalloc
run "$ctl" events -n 1

say "scenario 3: swapoff says 'Cannot allocate memory' while RAM is free"
modprobe zram num_devices=1
echo 512M > /sys/block/zram0/disksize
mkswap /dev/zram0 >/dev/null && swapon /dev/zram0
cg=/sys/fs/cgroup/demo-service
echo +memory > /sys/fs/cgroup/cgroup.subtree_control
mkdir -p $cg
echo 64M > $cg/memory.max
echo "a service in $cg (memory.max=64M) touches 160 MiB: most of it goes to swap"
# A grandchild, so that the shell does not announce its OOM kill.
(bash -c "echo \$\$ > $cg/cgroup.procs; exec python3 -c '
import time
b = bytearray(160 << 20)
for i in range(0, len(b), 4096):
    b[i] = 1
print(\"ready\", flush=True)
time.sleep(600)'" > /tmp/demo-hog.log &)
for _ in $(seq 1 600); do
	grep -q ready /tmp/demo-hog.log && break
	sleep 0.5
done
run free -m
run cat /proc/swaps
run "$ctl" swap
echo "before anyone runs swapoff:"
run "$ctl" swap check /dev/zram0
echo "(exit status $?)"
run swapoff /dev/zram0
run "$ctl" swapoff-log
echo "kernel says: $(grep -h oom_kill $cg/memory.events | tr '\n' ' ')in $cg/memory.events"
pkill -f 'bytearray\(160' 2>/dev/null		# if the OOM killer spared it
echo "the OOM killer stopped the service; now:"
run swapoff /dev/zram0
run "$ctl" swapoff-log -o SEQ,DEVICE,RESULT,CAUSE,DURATION
rmdir $cg 2>/dev/null

run "$ctl" oom -o PID,COMM,CONSTRAINT,MEMCG,ANON,SWAP,TRIGGER

say "scenario 4: malloc returns NULL under strict overcommit"
run sysctl -q vm.overcommit_memory=2 vm.overcommit_ratio=50
grep -E 'CommitLimit|Committed_AS' /proc/meminfo
run python3 -c 'import mmap
try:
    mmap.mmap(-1, 1 << 30)
except OSError as e:
    print("mmap of 1 GiB:", e.strerror)'
run "$ctl" commit

say "one screen: is this machine in memory trouble, and why?"
run "$ctl" summary
sysctl -q vm.overcommit_memory=0 vm.overcommit_ratio=50

say "after the fact: the kernel's own reports in its log, explained (no module needed)"
dmesg > build/demo-kernel.log
run "$ctl" explain --table build/demo-kernel.log
# The OOM kill of scenario 3, in full (the last block and the summary line).
"$ctl" explain build/demo-kernel.log | awk '/^[^ ].*: oom-kill: /{b=""} {b=b $0 "\n"} END{printf "%s", b}'

say "what watch saw"
sleep 2
kill -INT $watch
wait $watch
echo "watch printed $(grep -c '^ *[0-9]' build/demo-watch.log) event lines; the last three:"
tail -n 3 build/demo-watch.log

say "counters as JSON (for scripts)"
run "$ctl" failures --json | head -n 30

rmmod memdiag
