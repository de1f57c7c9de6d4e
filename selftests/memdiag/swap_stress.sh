#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Swap under stress: ownership reports (GET_SWAP through memdiagctl swap)
# in a loop while processes in a small memory cgroup fork, touch memory
# (swapping out), read it back (swapping in) and exit; swapoff and swapon
# of one area in a loop while the other is being reported on; then a
# swapoff interrupted by a signal, recorded with that cause. Nothing may
# crash, hang or splat, every report must be whole and consistent.
. "$(dirname "$0")/lib.sh"
memdiag_require
ctl_require
[ -z "$(tail -n +2 /proc/swaps)" ] || { echo "SKIP: swap is already in use here"; exit $ksft_skip; }
modprobe zram num_devices=2 2>/dev/null || { echo "SKIP: no zram module"; exit $ksft_skip; }
secs=${MEMDIAG_STRESS_SECONDS:-20}
cg=/sys/fs/cgroup/memdiag-swap-stress
wdir=$(mktemp -d) || exit $ksft_fail
pids=()
cleanup()
{
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	pkill -f memdiag-swap-churn 2>/dev/null
	swapoff /dev/zram0 2>/dev/null
	swapoff /dev/zram1 2>/dev/null
	rmdir $cg 2>/dev/null
	zram_release
	memdiag_unload
	rm -rf "$wdir"
}
trap cleanup EXIT

memdiag_unload
memdiag_load || exit $ksft_fail
mem0=$(memdiag_mem)
for z in 0 1; do
	echo 256M > /sys/block/zram$z/disksize
	mkswap /dev/zram$z >/dev/null || exit $ksft_fail
done
# zram1 is the area swapped off and on while the churn runs. From 5.14 a
# swap-in fault holds the area it reads from against swapoff
# (get_swap_device() in do_swap_page(): upstream 2799e77529c2 "swap: fix
# do_swap_page() race with swapoff", on 63d8620ecf93). Before, the path
# that skips the swap cache on a SWP_SYNCHRONOUS_IO area (zram) reads the
# area's swap cgroup record, swap cache and extents while a swapoff frees
# them, and the faulting child oopses (5.10.0-46 with a fault held 3 s
# inside the window: NULL dereference in lookup_swap_cgroup_id() or
# get_shadow_from_swap_cache(); by the code, BUG() in
# offset_to_swap_extent() after them). 5.10.50 took the fix, 5.10.53
# reverted it: 5.10 has the race. There zram1 goes below zram0, which
# this load never fills, so no child's page is on the area being swapped
# off: memdiag's reports still race the swapoffs, the children's faults
# do not. Elsewhere both are equal.
prio1=5
kv=$(uname -r | awk -F'[.-]' '{ print $1 * 1000 + $2 }')
[ "$kv" -ge 5014 ] || prio1=1
swapon -p 5 /dev/zram0 && swapon -p $prio1 /dev/zram1 || exit $ksft_fail
echo +memory > /sys/fs/cgroup/cgroup.subtree_control
mkdir -p $cg
echo 48M > $cg/memory.max
echo "1..8"
[ $prio1 = 5 ] || echo "# $(uname -r): zram1 at priority $prio1, below zram0: before 5.14 a fault races swapoff (see above)"

# The churn: a parent forks children that dirty 24 MiB each (out to swap
# past memory.max), read it back (in again) and exit, 3 at a time. Each
# child's end is told apart: read back right (exit 0), read back wrong
# data (exit 1, the first wrong page in churn.log), failed (exit 2, an
# exception such as MemoryError, in churn.log) or killed by a signal (a
# memcg OOM kill is a SIGKILL; the signal in churn.log); then the counts.
# The churn's exit: 3 if any read back wrong data, else 4 if any failed or
# was killed.
cat > "$wdir/churn.py" <<'PY'
import os, signal, sys, time
end = time.time() + float(sys.argv[1])
log = os.open(sys.argv[2], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
def say(s):
    os.write(log, (s + "\n").encode())
kids = []
right = wrong = failed = killed = 0
def reap(pid, st):
    global right, wrong, failed, killed
    if os.WIFSIGNALED(st):
        killed += 1
        say("child %d killed by %s" % (pid, signal.Signals(os.WTERMSIG(st)).name))
    elif os.WEXITSTATUS(st) == 1:
        wrong += 1
    elif os.WEXITSTATUS(st):
        failed += 1
    else:
        right += 1
while time.time() < end:
    if len(kids) < 3:
        pid = os.fork()
        if pid == 0:
            try:
                b = bytearray(24 << 20)
                for i in range(0, len(b), 4096):
                    b[i] = 1
                bad = [i for i in range(0, len(b), 4096) if b[i] != 1]
            except BaseException as e:
                say("child %d failed: %r" % (os.getpid(), e))
                os._exit(2)
            if bad:
                say("child %d read back wrong data: %d of %d pages, the first at offset %d reads %d" %
                    (os.getpid(), len(bad), len(b) // 4096, bad[0], b[bad[0]]))
            os._exit(1 if bad else 0)
        kids.append(pid)
    else:
        pid, st = os.wait()
        kids.remove(pid)
        reap(pid, st)
for k in kids:
    reap(*os.waitpid(k, 0))
say("children: %d read back right, %d wrong, %d failed, %d killed" %
    (right, wrong, failed, killed))
sys.exit(3 if wrong else 4 if failed or killed else 0)
PY
vmstat_swap() { awk '$1 == "pswpin" || $1 == "pswpout" { printf "%s ", $2 }' /proc/vmstat; }
read -r pin0 pout0 <<<"$(vmstat_swap)"
bash -c "echo \$\$ > $cg/cgroup.procs && exec -a memdiag-swap-churn python3 $wdir/churn.py $secs $wdir/churn.log" &
churn=$!
pids+=($churn)

# Area 1 comes and goes while both are reported on.
(
	end=$((SECONDS + secs))
	cycles=0
	# Two cycles at least, however slow the machine (the check asks two).
	while [ $SECONDS -lt $end ] || [ $cycles -lt 2 ]; do
		cycles=$((cycles + 1))
		swapoff /dev/zram1 2>>"$wdir/swapoff.err" || echo fail >> "$wdir/swapoff.failed"
		swapon -p $prio1 /dev/zram1 || echo fail >> "$wdir/swapon.failed"
		echo x >> "$wdir/cycles"
	done
) &
cycler=$!
pids+=($cycler)

reports=0
bad=0
end=$((SECONDS + secs))
# Two reports at least, however slow the machine (the check asks two).
tries=0
while [ $SECONDS -lt $end ] || [ $reports -lt 2 -a $tries -lt 100 ]; do
	tries=$((tries + 1))
	if "$ctl" swap --json > "$wdir/swap.json" 2> "$wdir/swap.err"; then
		python3 - "$wdir/swap.json" <<'PY' || bad=$((bad + 1))
import json, sys
d = json.load(open(sys.argv[1]))
for a in d["areas"]:
    assert a["device"].startswith("/dev/zram"), a
    assert a["used"] <= a["size"] + a["bad"], a
    # Without a shmem marker (7.2) shmem slots are in anon.
    assert a["anon"] + a.get("shmem", 0) + a["cache-only"] <= a["used"], a
    assert ("shmem" in a) == a["shmem-available"], a
    assert a["anon-refs"] >= a["anon"], a
PY
		reports=$((reports + 1))
	else
		# An area can go away between the dump and pagemap: say so, never crash.
		grep -q . "$wdir/swap.err" || bad=$((bad + 1))
	fi
done
wait $churn
crc=$?
wait $cycler
cycles=$(wc -l < "$wdir/cycles" 2>/dev/null || echo 0)
echo "# ${secs}s: $reports ownership reports, $cycles swapoff/swapon cycles of zram1, churn exit $crc"
sed 's/^/# /' "$wdir/churn.log"
read -r pin1 pout1 <<<"$(vmstat_swap)"
echo "# swapped out $((pout1 - pout0)) pages, in $((pin1 - pin0)) (/proc/vmstat)"
grep '^oom' $cg/memory.events | tr '\n' ' ' | sed 's/^/# memory.events: /; s/ $/\n/'
# What the kernel said of a killed child: an OOM kill ("Killed process
# PID", with a SIGKILL) or an oops in it ("PID: PID Comm:", the oops
# header before it).
for p in $(sed -n 's/^child \([0-9]*\) killed by.*/\1/p' "$wdir/churn.log"); do
	{
		dmesg | grep -E "Killed process $p |oom-kill:.*,pid=$p,"
		dmesg | grep -E -B 5 -A 2 "PID: $p Comm:" | grep -E "BUG|Oops|PID: $p Comm:|RIP: 0010"
	} | sed 's/^/# /'
done
# "children: R read back right, W wrong, F failed, K killed", its last line
read -r right wrong failed killed <<<"$(sed -n 's/^children: \([0-9]*\) read back right, \([0-9]*\) wrong, \([0-9]*\) failed, \([0-9]*\) killed$/\1 \2 \3 \4/p' "$wdir/churn.log")"
check "the churn's children, swapping out and in, read back what they wrote (${right:-?} right, ${wrong:-?} wrong)" \
	[ "${right:-0}" -ge 3 -a "${wrong:-1}" = 0 -a $((pout1 - pout0)) -gt 0 -a $((pin1 - pin0)) -gt 0 ]
check "no child of the churn killed or failed (${killed:-?} killed, ${failed:-?} failed, memory.max $(cat $cg/memory.max))" \
	[ "$crc" = 0 -a "${killed:-1}" = 0 -a "${failed:-1}" = 0 ]
check "every ownership report whole and consistent ($reports, $bad bad)" [ $bad = 0 -a $reports -ge 2 ]
check "swapoff/swapon of one area while the other is reported on ($cycles cycles)" \
	[ "$cycles" -ge 2 -a ! -e "$wdir/swapon.failed" ]
# GET_SWAP dumps held open after their first message (a reader that
# stops reading): each holds its buffers, counted in GET_STATUS, until its
# socket goes; a fifth at once is refused (EBUSY).
memheld=$(python3 - "$here" "$ctl" <<'PY'
import json, struct, subprocess, sys
sys.path.insert(0, sys.argv[1])
from memdiag_genl import E, Genl

def mem():
    out = subprocess.run([sys.argv[2], "status", "--json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)["status"]["memory"]

def start_dump(answer):
    g = Genl()
    g.send(g.family, E["MEMDIAG_CMD_GET_SWAP"], dump=True)
    # The first part of the answer is queued now; reading it would let
    # the dump go on (and end), so only the refused one is read.
    if not answer:
        return g, 0
    data = g.sk.recv(1 << 16)
    mtype = struct.unpack_from("=H", data, 4)[0]
    # NLMSG_ERROR (2) or NLMSG_DONE (3) carry the error; data means none.
    return g, struct.unpack_from("=i", data, 16)[0] if mtype in (2, 3) else 0

held, counts = [], []
for i in range(4):
    g, err = start_dump(False)
    held.append(g)
    counts.append(mem())
g5, err5 = start_dump(True)
print(" ".join(str(c) for c in counts), err5)
PY
)
# Their buffers go back when the sockets are gone (maybe a moment later).
for _ in $(seq 1 20); do
	mem1=$(memdiag_mem)
	[ "$mem1" = "$mem0" ] && break
	sleep 0.5
done
read -r h1 h2 h3 h4 e5 <<<"$memheld"
echo "# module memory: $mem0 bytes at load; with 1-4 GET_SWAP dumps held: $h1 $h2 $h3 $h4; a fifth: $e5; after: $mem1"
per=$(( (${h4:-0} - mem0) / 4 ))
check "module memory within bounds: each GET_SWAP dump held adds the same, at most 400 KiB; a fifth refused; none left after" \
	[ "${h1:-0}" -gt "$mem0" -a "$per" -le 409600 -a \
	  "${h2:-0}" = $((mem0 + 2 * per)) -a "${h3:-0}" = $((mem0 + 3 * per)) -a \
	  "${h4:-0}" = $((mem0 + 4 * per)) -a "$e5" = -16 -a "$mem1" = "$mem0" ]

# A swapoff interrupted by a signal: try_to_unuse() looks for one between
# two processes' page tables, so 40 processes hold swap on the areas.
echo max > $cg/memory.max
echo 16M > $cg/memory.max
bash -c "echo \$\$ > $cg/cgroup.procs && exec -a memdiag-swap-churn python3 -c '
import os, time
for k in range(40):
    if os.fork() == 0:
        b = bytearray(5 << 20)
        for i in range(0, len(b), 4096): b[i] = 1
        time.sleep(300)
        os._exit(0)
time.sleep(20)
open(\"$wdir/hog.ready\", \"w\").close()
time.sleep(300)'" &
pids+=($!)
for _ in $(seq 1 600); do [ -e "$wdir/hog.ready" ] && break; sleep 0.5; done
grep -h . /proc/swaps | sed 's/^/# /'
echo max > $cg/memory.max	# room to swap it all in: only a signal stops it
# swapoff(2) under a 1 ms interval timer (swapoff_sig): SIGALRM is pending
# again within a millisecond of any moment, and try_to_unuse() checks
# signal_pending() before every page table, so a swap-in of more than a
# millisecond is cut short. What the kernel guarantees then, by the code
# it returns (-EINTR on 6.1 and 7.2, -ERESTARTSYS from 6.12.118 on, both
# accepted) and the signal's disposition:
#   eintr   (handler, no SA_RESTART): the caller gets EINTR either way
#   fatal   (SIG_DFL, terminates): the caller is killed by SIGALRM
#   restart (handler with SA_RESTART): -EINTR: the caller gets EINTR;
#           -ERESTARTSYS: the kernel restarts the call, each restart a
#           record naming the one before (restart-of), until the timer
#           stops (3 deliveries) and the last one removes the area
# A call that was done before the first tick proves nothing: zram0 is put
# back, the pages pushed out to it again, and the mode tried again.
sig=$here/swapoff_sig
[ -x "$sig" ] || { echo "# swapoff_sig not built (make -C selftests/memdiag)"; exit $ksft_fail; }
cat > "$wdir/sigcheck.py" <<'PY'
import json, sys
mode, status, out, log = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
before = int(sys.argv[5])
lines = dict(l.split(" ", 1) for l in out.splitlines() if " " in l)
pid = int(lines["pid"])
got = next((l for l in out.splitlines() if " " not in l), None)
recs = [r for r in json.load(open(log))["swapoff"]
        if r["seq"] > before and r["pid"] == pid]
def say(*a):
    print("#", *a)
for r in recs:
    say(r["seq"], r["device"], r["result"], r["code"], r["cause"],
        r["outcome"], r["restart-of"])
say("caller: status", status, "printed", got)
SIGNAL_CODES = (-4, -512)
if not recs and mode == "fatal" and status == 142:
    # The first tick came between setitimer() and swapoff(): killed in
    # user space, no call to record.
    say("killed before it called swapoff")
    print("retry")
    sys.exit(0)
if len(recs) == 1 and recs[0]["cause"] == "success" and got == "success":
    print("retry")      # done before the first tick
    sys.exit(0)
first = recs[0] if recs else None
ok = bool(first) and first["device"] == "/dev/zram0" and \
    first["cause"] == "signal" and first["code"] in SIGNAL_CODES and \
    first["restart-of"] is None
if mode == "eintr":
    ok = ok and len(recs) == 1 and first["outcome"] == "EINTR" and \
        status == 0 and got == "EINTR"
elif mode == "fatal":
    # 128 + SIGALRM (14): killed by the signal, nothing printed after pid
    ok = ok and len(recs) == 1 and first["outcome"] == "killed" and \
        status == 142 and got is None
elif first and first["code"] == -4:
    ok = ok and len(recs) == 1 and first["outcome"] == "EINTR" and \
        status == 0 and got == "EINTR"
else:
    # A chain: each restarted record is followed by its restart, the
    # last one ends the call (here: removes the area).
    for a, b in zip(recs, recs[1:]):
        ok = ok and a["outcome"] == "restarted" and \
            b["restart-of"] == a["seq"] and b["device"] == "/dev/zram0"
    last = recs[-1] if recs else None
    ok = ok and len(recs) >= 2 and last["cause"] == "success" and \
        last["outcome"] is None and status == 0 and got == "success"
print("ok" if ok else "bad")
PY
push_again()
{
	grep -q '^/dev/zram0 ' /proc/swaps || swapon -p 5 /dev/zram0
	echo 16M > $cg/memory.max
	echo max > $cg/memory.max
}
sigtest()	# sigtest MODE: ok, or bad (with the records shown)
{
	local mode=$1 before out status verdict
	for _ in 1 2 3 4 5; do
		before=$("$ctl" swapoff-log --json | json 'max([r["seq"] for r in d["swapoff"]] or [0])')
		out=$("$sig" "$mode" /dev/zram0)
		status=$?
		"$ctl" swapoff-log --json > "$wdir/swapoff.json"
		verdict=$(python3 "$wdir/sigcheck.py" "$mode" "$status" "$out" \
			"$wdir/swapoff.json" "$before")
		echo "$verdict" | grep '^#' >&2
		verdict=$(echo "$verdict" | tail -n 1)
		[ "$verdict" = retry ] || break
		push_again
	done
	push_again
	[ "$verdict" = ok ]
}
check "swapoff with a signal handler without SA_RESTART: EINTR for the caller, recorded as signal (kernel's code -EINTR or -ERESTARTSYS) with outcome EINTR" \
	sigtest eintr
check "swapoff under a fatal signal: recorded as signal with outcome killed, the caller killed by it" \
	sigtest fatal
check "swapoff with an SA_RESTART handler: -ERESTARTSYS restarted until it removes the area (each restart naming the call before), -EINTR returned as EINTR" \
	sigtest restart
exit $fail
