#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A failure storm from every CPU (process and softirq context) for
# MEMDIAG_STRESS_SECONDS (default 20; again until two dumps were read
# during it, at most 6 times) while readers dump events in a loop,
# watch the multicast group and read counters; then, with the storm over:
#   - the counters are exact against an independent tracefs kprobe count,
#   - total = recorded + suppressed + lost,
#   - no record read during the storm is torn: each is checked field by
#     field against what the storm provoked (kind, order, gfp class,
#     context, comm, the helper in its stack) and sequence numbers rise,
#   - each dump ends: it returns the ring as it was when asked for,
#   - the module's own memory is what GET_STATUS said at load (bounded).
# A second phase resets the counters and reloads the module in a loop while
# the storm and the watcher go on. Nothing may crash, hang or splat.
. "$(dirname "$0")/lib.sh"
memdiag_require
helper_require

ctl_require
tr=/sys/kernel/tracing
secs=${MEMDIAG_STRESS_SECONDS:-20}
wdir=$(mktemp -d) || exit $ksft_fail
pids=()
cleanup()
{
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	echo 0 > $tr/events/kprobes/memdiag_stress/enable 2>/dev/null
	echo '-:memdiag_stress' >> $tr/kprobe_events 2>/dev/null
	rmmod memdiag_test_helper 2>/dev/null
	memdiag_unload
	rm -rf "$wdir"
}
trap cleanup EXIT

memdiag_unload
insmod "$HELPER_KO" || exit $ksft_fail
# A small ring, so readers race writers lapping it.
insmod "$MEMDIAG_KO" ring_size=128 rate_limit=20000 || exit $ksft_fail
echo 'p:memdiag_stress warn_alloc' >> $tr/kprobe_events || exit $ksft_fail
echo 1 > $tr/events/kprobes/memdiag_stress/enable
hits() { awk '$1 == "memdiag_stress" { print $2 }' $tr/kprobe_profile; }
mem0=$("$ctl" status --json | json 'd["status"]["memory"]')
echo "1..9"

h0=$(hits)
storm_order=10
"$ctl" watch --json > "$wdir/watch.json" 2> "$wdir/watch.err" &
pids+=($!)
# Storms of $secs seconds until the readers made two dumps or more during
# them (at most 6): how many dumps fit in one depends on the machine (3 to
# 5 in an emulated arm64 guest, 1 with the host busy).
dumps=0 storms=0 storm_rc=0
while [ $storms -lt 6 ] && { [ $storms = 0 ] || [ $dumps -lt 2 ]; }; do
	echo "$storm_order $secs" > /sys/kernel/debug/memdiag_test/storm &
	storm=$!
	pids+=($storm)
	end=$((SECONDS + secs))
	while [ $SECONDS -lt $end ]; do
		"$ctl" events --json > "$wdir/events.$dumps.json" 2>/dev/null && dumps=$((dumps + 1))
		"$ctl" failures --json > /dev/null || fail=1
		"$ctl" status > /dev/null || fail=1
	done
	wait $storm || storm_rc=1
	storms=$((storms + 1))
done
check "the storm ran" [ $storm_rc -eq 0 ]
sleep 2		# the last multicasts leave through a work item
h1=$(hits)
f=$("$ctl" failures --json)
tot=$(echo "$f" | json 'd["totals"]["total"]')
sum=$(echo "$f" | json 'd["totals"]["recorded"] + d["totals"]["suppressed"] + d["totals"]["lost"]')
echo "# $storms storm(s) of ${secs}s: $((h1 - h0)) warn_alloc calls (tracefs), memdiag total $tot; $dumps event dumps read meanwhile"
check "counters exact against the tracefs count" [ "$tot" = $((h1 - h0)) ]
check "total = recorded + suppressed + lost" [ "$tot" = "$sum" ]
check "enough failures to mean something" [ "$tot" -ge 1000 ]

# Every record the readers saw: whole, and what the storm made.
python3 - "$storm_order" "$wdir"/events.*.json > "$wdir/records.txt" <<'PY'
import json, sys
order = int(sys.argv[1])
bad = seen = most = 0
for path in sys.argv[2:]:
    try:
        evs = json.load(open(path))["events"]
    except Exception as e:
        print("unreadable dump %s: %s" % (path, e)); bad += 1; continue
    most = max(most, len(evs))
    last = 0
    for e in evs:
        seen += 1
        why = []
        if e["seq"] <= last: why.append("sequence not rising")
        last = e["seq"]
        if e["kind"] != "page": why.append("kind " + str(e["kind"]))
        if e["order"] != order: why.append("order %s" % e["order"])
        if sorted(e["class"]) != ["atomic", "nowarn"]: why.append("class %s" % e["class"])
        if e["context"] not in ("process", "softirq"): why.append("context " + str(e["context"]))
        if not any("memdiag_test_fail_once" in f for f in e["stack"] or []):
            why.append("helper not in stack")
        if why:
            bad += 1
            if bad <= 10: print("seq %s: %s" % (e["seq"], ", ".join(why)))
print("checked %d records, %d bad" % (seen, bad))
print("most records in one dump: %d" % most)
sys.exit(1 if bad or not seen else 0)
PY
rc=$?
sed 's/^/# /' "$wdir/records.txt"
check "no torn record in $dumps dumps" [ $rc = 0 ]
# A dump is of the ring as it was when asked for: one chasing the writers
# would return more records than the ring holds, and end only with the storm.
most=$(awk '/^most records in one dump:/ { print $NF }' "$wdir/records.txt")
check "each dump is a snapshot: at most the ring's 128 records, several dumps" \
	[ "${most:-999}" -le 128 -a $dumps -ge 2 ]
wrec=$(grep -c '"seq"' "$wdir/watch.json")
check "watch received records during the storm" [ "$wrec" -ge 100 ]
mem1=$("$ctl" status --json | json 'd["status"]["memory"]')
check "module memory unchanged by the storm ($mem0 bytes)" [ "$mem0" = "$mem1" ]

# Phase 2: reset and reload in a loop while the storm and the watcher go on.
echo "$storm_order $secs" > /sys/kernel/debug/memdiag_test/storm &
storm=$!
pids+=($storm)
cycles=0
end=$((SECONDS + secs))
while [ $SECONDS -lt $end ]; do
	"$ctl" reset || fail=1
	"$ctl" events > /dev/null 2>&1
	rmmod memdiag || { echo "# rmmod failed"; fail=1; break; }
	insmod "$MEMDIAG_KO" ring_size=128 rate_limit=20000 || { echo "# insmod failed"; fail=1; break; }
	cycles=$((cycles + 1))
done
wait $storm
echo "# $cycles reset+reload cycles under the storm"
check "reset and reload under the storm ($cycles cycles)" [ $fail = 0 -a $cycles -ge 1 ]
exit $fail
