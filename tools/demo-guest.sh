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

say "what watch saw"
sleep 2
kill -INT $watch
wait $watch
echo "watch printed $(grep -c '^ *[0-9]' build/demo-watch.log) event lines; the last three:"
tail -n 3 build/demo-watch.log

say "counters as JSON (for scripts)"
run "$ctl" failures --json | head -n 30

rmmod memdiag
