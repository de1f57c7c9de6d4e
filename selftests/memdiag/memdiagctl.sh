#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# memdiagctl end to end against the real module: its answers must match
# modinfo, uname, the helper's provoked failures and a tracefs counter; its
# exit codes must say "not loaded" and "permission denied".
. "$(dirname "$0")/lib.sh"
memdiag_require
helper_require

ctl_require
tr=/sys/kernel/tracing
# Scratch files in /tmp: the test directory may be shared by concurrent runs.
wdir=$(mktemp -d) || exit $ksft_fail

cleanup()
{
	kill "$watch" 2>/dev/null
	echo 0 > $tr/events/kprobes/memdiag_wa/enable 2>/dev/null
	echo '-:memdiag_wa' >> $tr/kprobe_events 2>/dev/null
	rmmod memdiag_test_helper 2>/dev/null
	memdiag_unload
}
trap cleanup EXIT
watch=

memdiag_unload
echo "1..16"
"$ctl" status >/dev/null 2>&1
check "status exits 3 when the module is not loaded" [ $? -eq 3 ]

insmod "$MEMDIAG_KO" || exit $ksft_fail
insmod "$HELPER_KO" || exit $ksft_fail
echo 'p:memdiag_wa warn_alloc' >> $tr/kprobe_events
echo 1 > $tr/events/kprobes/memdiag_wa/enable
hits() { awk '$1 == "memdiag_wa" { print $2 }' $tr/kprobe_profile; }

st=$("$ctl" status --json)
check "status --json version is modinfo's" \
	[ "$(echo "$st" | json 'd["status"]["version"]')" = "$(modinfo -F version "$MEMDIAG_KO")" ]
check "status --json kernel is uname -r" \
	[ "$(echo "$st" | json 'd["status"]["kernel"]')" = "$(uname -r)" ]

"$ctl" config --rate-limit 500 >/dev/null
check "config sets the rate limit" [ "$(cat /sys/module/memdiag/parameters/rate_limit)" = 500 ]
nobody "$ctl" config --rate-limit 5 >/dev/null 2>&1
check "config as nobody exits 4" [ $? -eq 4 ]
nobody "$ctl" events >/dev/null 2>&1
check "events as nobody exits 4" [ $? -eq 4 ]
nobody "$ctl" failures >/dev/null 2>&1
check "failures as nobody works" [ $? -eq 0 ]

"$ctl" reset
h0=$(hits)
"$ctl" watch --json > "$wdir/watch.out" 2>&1 &
watch=$!
# watch joins the events group some time after it starts (it does not say
# when): a vmalloc failure at a time until watch shows one, then the test's.
for _ in $(seq 1 60); do
	echo 1 > /sys/kernel/debug/memdiag_test/vmalloc
	for _ in 1 2 3 4; do grep -q '"seq"' "$wdir/watch.out" && break 2; sleep 0.5; done
done
n0=$("$ctl" events --json | json 'len(d["events"])')
echo "9 4" > /sys/kernel/debug/memdiag_test/process
echo 1 > /sys/kernel/debug/memdiag_test/vmalloc
f=$("$ctl" failures --json)
check "failures --json: 4 order-9 page failures" \
	[ "$(echo "$f" | json 'sum(r["count"] for r in d["failures"] if r["kind"] == "page" and r["order"] == 9)')" = 4 ]
check "failures --json total equals the tracefs count" \
	[ "$(echo "$f" | json 'd["totals"]["total"]')" = $(($(hits) - h0)) ]
e=$("$ctl" events --json --details)
echo "$e" > "$wdir/events.json"
check "events --json: 5 more records, the stack names the helper" \
	[ "$(echo "$e" | json 'len(d["events"])')" = $((n0 + 5)) -a \
	  "$(echo "$e" | json 'sum(1 for x in d["events"][-5:] if any("memdiag_test_fail_once" in f for f in x["stack"]))')" = 4 ]
# The record's stack from the probed function on (x86_64 unwinds from the
# probe's registers, arm64 has the probe's own frames cut by the module):
# warn_alloc() first, at most stack_depth frames, then its callers.
check "events --json: the test's 4 page records' stacks start at warn_alloc, at most stack_depth frames" \
	python3 -c '
import json, sys
ev = json.load(open(sys.argv[1]))["events"][-5:]
depth = int(sys.argv[2])
st = [x["stack"] for x in ev if x["kind"] == "page"]
bad = [s for s in st if not s or not s[0].startswith("warn_alloc+") or len(s) > depth]
sys.exit("page records %d, wrong stacks: %s" % (len(st), bad) if bad or len(st) != 4 else 0)
' "$wdir/events.json" "$(cat /sys/module/memdiag/parameters/stack_depth)"
last=$(echo "$e" | json 'd["events"][-1]["seq"]')
for _ in $(seq 1 20); do
	grep -q "\"seq\": *$last\b" "$wdir/watch.out" && break
	sleep 0.5
done
kill -INT "$watch"
wait "$watch"
rc=$?
check "watch exits 0 on SIGINT" [ $rc -eq 0 ]
# From the first one it showed (it had joined then), every event once.
check "watch saw every event from its first one on, the test's 5 included, once each" \
	python3 -c '
import json, sys
w = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
w = [x["seq"] for x in w if x.get("type", "failure") == "failure"]   # not OOM, commit
e = [x["seq"] for x in json.load(open(sys.argv[2]))["events"]]
sys.exit(not (w and w == [s for s in e if s >= w[0]] and set(e[-5:]) <= set(w)))
' "$wdir/watch.out" "$wdir/events.json"

# watch survives a module reload: it says so and picks the stream up again.
"$ctl" watch --json > "$wdir/watch.out" 2> "$wdir/watch.err" &
watch=$!
sleep 1
rmmod memdiag
sleep 2
insmod "$MEMDIAG_KO"
# Generous waits: under TCG on a busy host a reconnect can take seconds.
for _ in $(seq 1 120); do
	grep -q "loaded again" "$wdir/watch.err" && break
	sleep 0.5
done
sleep 1
echo "9 2" > /sys/kernel/debug/memdiag_test/process
for _ in $(seq 1 120); do
	[ "$(grep -c '"seq"' "$wdir/watch.out")" -ge 2 ] && break
	sleep 0.5
done
kill -INT "$watch"
wait "$watch"
check "watch reports the unload and the reload" \
	both grep -q "module unloaded" "$wdir/watch.err" -- \
	grep -q "loaded again" "$wdir/watch.err"
check "watch receives events after the reload" \
	[ "$(grep -c '"seq"' "$wdir/watch.out")" = 2 ]
cat "$wdir/watch.err" | sed 's/^/# watch: /'

# A record names the memory cgroup that charges the task: its own cgroup
# when it has the memory controller, else the nearest ancestor that does.
cg=/sys/fs/cgroup/memdiag-ctl-test
echo +memory > /sys/fs/cgroup/cgroup.subtree_control
mkdir -p $cg/inner
fail_in()	# fail_in CGROUP-DIR: one order-9 failure from a task in it
{
	bash -c "echo \$\$ > $1/cgroup.procs && echo '9 1' > /sys/kernel/debug/memdiag_test/process"
}
last_cgroup() { "$ctl" events --json -n 1 | json '"%s %s" % (d["events"][-1]["cgroup-id"], d["events"][-1]["cgroup-path"])'; }
fail_in $cg
check "a record names the task's memory cgroup" \
	[ "$(last_cgroup)" = "$(stat -c %i $cg) /memdiag-ctl-test" ]
fail_in $cg/inner
check "a cgroup without the memory controller: its memory cgroup's ancestor" \
	[ "$(last_cgroup)" = "$(stat -c %i $cg) /memdiag-ctl-test" ]
rmdir $cg/inner $cg
rm -rf "$wdir"
exit $fail
