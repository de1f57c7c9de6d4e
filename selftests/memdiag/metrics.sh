#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# memdiagctl metrics against the real module: promtool accepts the output,
# and its numbers are GET_COUNTERS' (memdiagctl failures), the helper's
# provoked failures and /proc/zoneinfo's; --output writes a file the
# textfile collector can read; without root the admin-only source is left
# out; without the module it says memdiag_up 0.
. "$(dirname "$0")/lib.sh"
memdiag_require
helper_require

ctl_require
promtool=$(command -v promtool) || {
	echo "SKIP: promtool missing (Debian package prometheus)"
	exit $ksft_skip
}
wdir=$(mktemp -d) || exit $ksft_fail
chmod 755 "$wdir"
# Sum of the samples of metric $1 whose labels contain every $2... ("k=\"v\"").
msum()
{
	python3 -c '
import re, sys
name, want = sys.argv[2], sys.argv[3:]
tot = 0
for line in open(sys.argv[1]):
    m = re.match(r"^([a-z_]+)(\{(.*)\})? (\S+)$", line.rstrip("\n"))
    if not m or m.group(1) != name:
        continue
    labels = (m.group(3) or "").split(",")
    if all(w in labels for w in want):
        tot += float(m.group(4))
print(int(tot) if tot == int(tot) else tot)
' "$wdir/m.prom" "$@"
}

cleanup()
{
	rmmod memdiag_test_helper 2>/dev/null
	memdiag_unload
	rm -rf "$wdir"
}
trap cleanup EXIT

memdiag_unload
echo "1..15"
"$ctl" metrics >"$wdir/m.prom" 2>/dev/null
check "metrics without the module: exit 3, memdiag_up 0" \
	[ $? -eq 3 -a "$(msum memdiag_up)" = 0 ]

insmod "$MEMDIAG_KO" || exit $ksft_fail
insmod "$HELPER_KO" || exit $ksft_fail
"$ctl" reset
echo "9 4" > /sys/kernel/debug/memdiag_test/process
echo 1 > /sys/kernel/debug/memdiag_test/vmalloc

"$ctl" metrics >"$wdir/m.prom"
check "metrics exits 0 as root" [ $? -eq 0 ]
cp "$wdir/m.prom" "${MEMDIAG_METRICS_SAMPLE:-/dev/null}" 2>/dev/null
"$promtool" check metrics <"$wdir/m.prom"
check "promtool check metrics accepts it" [ $? -eq 0 ]
f=$("$ctl" failures --json)
check "4 order-9 page failures, as the helper made" \
	[ "$(msum memdiag_allocation_failures_total 'kind="page"' 'order="9"')" = 4 ]
check "all classes add up to GET_COUNTERS' total" \
	[ "$(msum memdiag_allocation_failures_total)" = "$(echo "$f" | json 'd["totals"]["total"]')" ]
check "nowarn order-9 failures are failures' NOWARN column" \
	[ "$(msum memdiag_allocation_failures_total 'kind="page"' 'order="9"' 'nowarn="true"')" = \
	  "$(echo "$f" | json 'sum(r["nowarn"] for r in d["failures"] if r["kind"] == "page" and r["order"] == 9)')" ]
check "recorded + suppressed + lost is the total" \
	[ "$(msum memdiag_allocation_failure_records_total)" = "$(echo "$f" | json 'd["totals"]["total"]')" ]
check "every collector answered" \
	[ "$(msum memdiag_collector_success)" = "$(grep -c '^memdiag_collector_success{' "$wdir/m.prom")" ]

# Zones: managed memory and the min watermark are /proc/zoneinfo's (pages
# times the page size); retried, as a watermark boost may come and go.
page=$(getconf PAGESIZE)
zones_match()
{
	local node zone managed min ok=0 zones=0
	"$ctl" metrics >"$wdir/m.prom" || return 1
	while read -r node zone managed min; do
		zones=$((zones + 1))
		[ "$(msum memdiag_zone_managed_bytes "node=\"$node\"" "zone=\"$zone\"")" = $((managed * page)) ] || ok=1
		[ "$(msum memdiag_zone_watermark_bytes "node=\"$node\"" "zone=\"$zone\"" 'watermark="min"')" = $((min * page)) ] || ok=1
	done < <(awk '/^Node/ { node = $2; sub(",", "", node); zone = $4 }
		$1 == "managed" { managed = $2 }
		$1 == "min" { min = $2 }
		$1 == "pagesets" && managed > 0 { print node, zone, managed, min; managed = 0 }' /proc/zoneinfo)
	echo "# $zones zones compared"
	[ $zones -gt 0 ] && return $ok
}
ok=1
for _ in 1 2 3; do
	zones_match && { ok=0; break; }
done
check "zone managed bytes and min watermarks are /proc/zoneinfo's" [ $ok -eq 0 ]

# Swap areas (GET_SWAP): a zram area, a cgroup's memory pushed to it.
if [ -z "$(tail -n +2 /proc/swaps)" ] && modprobe zram num_devices=1 2>/dev/null; then
	echo 64M > /sys/block/zram0/disksize
	mkswap /dev/zram0 >/dev/null && swapon /dev/zram0
	echo +memory > /sys/fs/cgroup/cgroup.subtree_control
	cg=/sys/fs/cgroup/memdiag-metrics
	mkdir -p $cg
	echo 4M > $cg/memory.max
	# 12 MiB touched under memory.max=4M: the rest goes to swap.
	bash -c "echo \$\$ > $cg/cgroup.procs && exec python3 -c '
import time
b = bytearray(12 << 20)
for i in range(0, len(b), 4096): b[i] = 1
open(\"$wdir/hog.ready\", \"w\").close()
time.sleep(120)'" &
	hog=$!
	for _ in $(seq 1 240); do [ -e "$wdir/hog.ready" ] && break; sleep 0.5; done
	# The hog stopped, nothing should move its pages; still, the kernel's
	# numbers are read before and after memdiag's, and compared only when
	# they did not change in between (reclaim may yet move a page).
	kill -STOP $hog
	swapnow() { awk 'NR == 2 { printf "%d %d ", $3 * 1024, $4 * 1024 }' /proc/swaps; cat $cg/memory.swap.current; }
	for _ in $(seq 1 10); do
		before=$(swapnow)
		"$ctl" metrics >"$wdir/m.prom"
		[ "$(swapnow)" = "$before" ] && break
	done
	read -r size used cgswap <<<"$before"
	kill -KILL $hog; wait $hog 2>/dev/null
	echo "# swap: size $size used $used, memory.swap.current $cgswap"
	check "swap area size and used, a cgroup's swap: /proc/swaps and memory.swap.current" \
		both [ "$(msum memdiag_swap_area_size_bytes)" = "$size" -a \
		  "$(msum memdiag_swap_area_used_bytes)" = "$used" -a \
		  "$(msum memdiag_swap_cgroup_bytes 'cgroup="/memdiag-metrics"')" = "$cgswap" -a \
		  "$cgswap" -gt 0 ] -- "$promtool" check metrics <"$wdir/m.prom"
	check "every slot in use is in a cgroup's series or the unlisted sum (0 here: one cgroup)" \
		[ $(($(msum memdiag_swap_cgroup_bytes) + $(msum memdiag_swap_cgroup_unlisted_bytes))) = \
		  "$(msum memdiag_swap_area_used_bytes)" -a \
		  "$(grep -c '^memdiag_swap_cgroup_unlisted_bytes{device="/dev/zram0"} 0$' "$wdir/m.prom")" = 1 ]
	rmdir $cg
	zram_release
else
	check "swap areas # SKIP no zram or swap already in use" true
	check "swap cgroups # SKIP no zram or swap already in use" true
fi

# Commit rejections (GET_MM_COUNTERS): one mmap refused in mode 2.
om=$(cat /proc/sys/vm/overcommit_memory)
or=$(cat /proc/sys/vm/overcommit_ratio)
sysctl -q vm.overcommit_memory=2 vm.overcommit_ratio=10
python3 -c 'import mmap
try: mmap.mmap(-1, 1 << 30)
except OSError: pass'
sysctl -q vm.overcommit_memory=$om vm.overcommit_ratio=$or
"$ctl" metrics >"$wdir/m.prom"
if why=$(feature_unavailable commit); then
	check "one commit rejection: counted, its record counted once # SKIP commit: $why" true
else
	check "one commit rejection: counted, its record counted once" \
		both [ "$(msum memdiag_commit_rejections_total)" = 1 -a \
		  "$(msum memdiag_commit_rejection_records_total)" = 1 -a \
		  "$(msum memdiag_oom_kills_total)" = 0 ] -- "$promtool" check metrics <"$wdir/m.prom"
fi

# --output: written atomically, readable by node_exporter's user.
"$ctl" metrics --output "$wdir/memdiag.prom"
check "--output writes a 0644 file promtool accepts, no temporary left" \
	both [ $? -eq 0 -a "$(stat -c %a "$wdir/memdiag.prom")" = 644 -a \
	  "$(ls -A "$wdir" | grep -c '^\.memdiag\.prom')" = 0 ] -- \
	"$promtool" check metrics <"$wdir/memdiag.prom"

# Without CAP_NET_ADMIN: GET_SWAPOFF is left out, the rest is there.
nobody "$ctl" metrics >"$wdir/m.prom" 2>"$wdir/err"
check "as nobody: exit 0, swapoff left out with a warning" \
	both [ $? -eq 0 -a "$(msum memdiag_collector_success 'collector="swapoff"')" = 0 -a \
	  "$(msum memdiag_collector_success 'collector="counters"')" = 1 ] -- \
	grep -q 'swapoff metrics left out' "$wdir/err"

rmmod memdiag_test_helper
memdiag_unload
"$ctl" metrics --output "$wdir/memdiag.prom" 2>/dev/null
check "after rmmod: exit 3 and the file says memdiag_up 0" \
	both [ $? -eq 3 ] -- grep -qx 'memdiag_up 0' "$wdir/memdiag.prom"
exit $fail
