#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Command-line tests of memdiagctl: options, usage errors, exit codes,
# messages. They need no kernel module: everything that reaches netlink
# points MEMDIAG_FAMILY at a family that does not exist, so it must stop
# with exit code 3. The JSON samples come from the unit test binary.
# If the real memdiag family is registered (say, under tools/vm-run), a few
# smoke tests run too; otherwise they are left out, not skipped, since
# tools/check.sh counts a SKIP as a failure.
#
# Usage: tests/cli.sh [path/to/memdiagctl [path/to/unit]]
# Output: "ok N - name" / "not ok N - name", then "1..N".

CTL=${1:-./memdiagctl}
UNIT=${2:-./tests/unit}
ABSENT=memdiag_absent_$$
n=0
failed=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

result() {	# name, ok?
	n=$((n + 1))
	if [ "$2" = 0 ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		failed=$((failed + 1))
		sed 's/^/#   stdout: /' "$tmp/out"
		sed 's/^/#   stderr: /' "$tmp/err"
	fi
}

# expect NAME CODE STDERR -- ARGS...: exit code CODE, stderr matching the
# extended regex STDERR (a fixed string if it starts with '='), or empty
# stderr if STDERR is "".
expect() {
	local name=$1 code=$2 re=$3 rc ok=0
	shift 4
	MEMDIAG_FAMILY=$ABSENT "$CTL" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$code" ]; then
		echo "#   exit code $rc, want $code"
		ok=1
	fi
	if [ -z "$re" ]; then
		[ -s "$tmp/err" ] && ok=1
	elif [ "${re#=}" != "$re" ]; then
		if ! grep -Fq -- "${re#=}" "$tmp/err"; then
			echo "#   stderr does not contain '${re#=}'"
			ok=1
		fi
	elif ! grep -Eq -- "$re" "$tmp/err"; then
		echo "#   stderr does not match /$re/"
		ok=1
	fi
	result "$name" $ok
}

NOMOD="^memdiagctl: the memdiag module is not loaded; load it with 'modprobe memdiag' or 'insmod kmod/memdiag\.ko'$"
USAGE="memdiagctl --help"

# --help, --version
"$CTL" --help >"$tmp/out" 2>"$tmp/err"
rc=$?
grep -q '^Exit status:' "$tmp/out" && grep -q -- '--rate-limit <n>' "$tmp/out" &&
	grep -q ' 3  the memdiag module is not loaded' "$tmp/out" && [ $rc = 0 ]
result "--help prints usage, columns and exit codes" $?
grep -q '^ failures  ' "$tmp/out" &&
	grep -Fq ' events [--since <seq>] [-n <n>] [--details]' "$tmp/out" &&
	grep -Fq ' watch [--details]' "$tmp/out" && grep -q '^ reset  ' "$tmp/out" &&
	grep -Fq "Options of 'events':" "$tmp/out" &&
	grep -Fq ' -n, --last <n>' "$tmp/out" &&
	grep -Fq ' failures, the failures table:' "$tmp/out" &&
	grep -Fq ' events, watch, the record lines:' "$tmp/out" &&
	grep -Eq '^ +COSTLY  ' "$tmp/out" && grep -Eq '^ +CGROUP  ' "$tmp/out" &&
	grep -q 'JSON$' "$tmp/out" && grep -q '^Lines' "$tmp/out" &&
	grep -q 'events, watch and reset need' "$tmp/out"
result "--help documents failures, events, watch, reset" $?
"$CTL" status -h >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q '^Usage:' "$tmp/out"
result "-h after the command" $?
"$CTL" -V >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -Eq '^memdiagctl [0-9]+\.[0-9]+\.[0-9]+ \(netlink family memdiag version [0-9]+\)$' "$tmp/out"
result "-V prints the version" $?

# The family is absent: exit 3, the right message, nothing on stdout.
expect "status without the module: exit 3" 3 "$NOMOD" -- status
[ ! -s "$tmp/out" ]
result "status without the module: nothing on stdout" $?
expect "no command means status" 3 "$NOMOD" --
expect "commit without the module: exit 3" 3 "$NOMOD" -- commit
expect "oom without the module: exit 3" 3 "$NOMOD" -- oom --json
expect "oom: an unknown column" 2 "unknown column 'NOPE'" -- oom -o NOPE
expect "global options before the command" 3 "$NOMOD" -- -J -b status
expect "global options after the command" 3 "$NOMOD" -- status --json -n -b -o +id
expect "options after the command (raw, columns)" 3 "$NOMOD" -- status -rn -o id,FEATURE
expect "config shows" 3 "$NOMOD" -- config
expect "config sets (largest values)" 3 "$NOMOD" -- config --rate-limit 1000000 --stack-depth=32
expect "config sets (zero)" 3 "$NOMOD" -- config --stack-depth 0 -J
expect "config -o" 3 "$NOMOD" -- -o ring-size,Rate-Limit config
expect "MEMDIAG_FAMILY is named" 3 "as MEMDIAG_FAMILY says" -- status
expect "'--' ends the options" 3 "$NOMOD" -- -J -- status
expect "failures" 3 "$NOMOD" -- failures
expect "failures -o, --raw" 3 "$NOMOD" -- failures -r -o kind,Order,LAST,nowarn-atomic,last-time
expect "failures -o +" 3 "$NOMOD" -- -J failures -o +NOWARN-ATOMIC
expect "events" 3 "$NOMOD" -- events
expect "events with every option" 3 "$NOMOD" -- events --since 1 -n 5 --details -J
expect "events --since the largest" 3 "$NOMOD" -- events --since 18446744073709551615
expect "events -n 0, --last=" 3 "$NOMOD" -- events -n 0 --last=4294967295
expect "events -n attached" 3 "$NOMOD" -- events -n7
expect "-n before events is --noheadings" 3 "$NOMOD" -- -n events
expect "--noheadings after events" 3 "$NOMOD" -- events --noheadings -n 3
expect "events -o" 3 "$NOMOD" -- events -o seq,comm,TGID,boot-ns
expect "watch" 3 "$NOMOD" -- watch
expect "watch --details --json -o" 3 "$NOMOD" -- watch --details --json -o +gfp-mask
expect "watch -n is --noheadings" 3 "$NOMOD" -- watch -n
expect "reset" 3 "$NOMOD" -- reset
expect "swap (owners by default)" 3 "$NOMOD" -- swap
expect "swap owners DEVICE -o" 3 "$NOMOD" -- swap owners /dev/zram0 -o device,used,refs,mapped
expect "swap DEVICE --json" 3 "$NOMOD" -- -J swap /dev/zram0

# metrics: without the module, "memdiag_up 0" (so that a textfile collector
# stops serving old numbers), exit 3.
expect "metrics without the module: exit 3" 3 "$NOMOD" -- metrics
grep -qx 'memdiag_up 0' "$tmp/out" && grep -qx '# TYPE memdiag_up gauge' "$tmp/out"
result "metrics without the module: memdiag_up 0" $?
expect "metrics --output without the module: exit 3" 3 "$NOMOD" -- metrics --output "$tmp/m.prom"
[ ! -s "$tmp/out" ] && grep -qx 'memdiag_up 0' "$tmp/m.prom" &&
	[ "$(ls -A "$tmp" | grep -c '^\.m\.prom')" = 0 ]
result "metrics --output: the file written, no temporary file left" $?
expect "metrics -o before the command" 3 "$NOMOD" -- -o "$tmp/m2.prom" metrics
grep -qx 'memdiag_up 0' "$tmp/m2.prom"
result "metrics -o before the command names the file too" $?
expect "metrics --output into a missing directory" 3 \
	"cannot create a temporary file in $tmp/nodir for $tmp/nodir/m.prom: No such file or directory" \
	-- metrics --output "$tmp/nodir/m.prom"
expect "metrics --output without its argument" 2 "missing argument to option '--output'" -- metrics --output
expect "metrics takes no argument" 2 "unexpected argument 'now' after 'metrics'" -- metrics now
expect "metrics --json is refused" 2 "=--json" -- metrics --json

# Usage errors: exit 2 and a message saying what to do.
expect "unknown command" 2 "unknown command 'stats'; the commands are: status summary config failures zones swapoff-log swap commit oom limits explain metrics events watch reset \(see '$USAGE'\)" -- stats
expect "swap: unknown action" 2 "swap: unknown action 'foo'; use 'swap \\[owners\\] \\[DEVICE\\]' or 'swap check \\[DEVICE\\]'" -- swap foo
expect "swap: two devices" 2 "swap: one device at most \\('/b' after '/a'\\)" -- swap owners /a /b
expect "swap: unknown column" 2 "unknown column 'BOGUS'" -- swap -o BOGUS
expect "zones --order: not a number" 2 "=invalid value 'x' for --order: expected a whole number, one of the running kernel's orders" -- zones --order x
# A number is checked against the kernel's orders, which needs the module.
expect "zones --order 99: the range is the kernel's" 3 "=the memdiag module is not loaded" -- zones --order 99
# swap check reads only /proc and /sys: a device no area is on fails as
# swapoff(2) would (EINVAL); with no area at all, swapoff -a succeeds.
expect "swap check: a device that is not an active area" 1 "" -- swap check /nonexistent/swap
grep -q "would fail with EINVAL: not an active swap area" "$tmp/out" ||
	result "swap check: says EINVAL for a device that is not an active area" 1
if [ "$(wc -l </proc/swaps)" -le 1 ]; then
	expect "swap check: no active area: nothing to swap off (exit 0)" 0 "" -- swap check
	grep -q "would succeed: there is no active swap area" "$tmp/out" ||
		result "swap check: says there is nothing to swap off" 1
fi
expect "extra argument" 2 "unexpected argument 'now' after 'status'" -- status now
expect "unknown long option" 2 "unrecognized option '--bogus'; see '$USAGE'" -- --bogus status
expect "unknown short option" 2 "unrecognized option '-x' for 'status'" -- status -x
expect "unknown option in a cluster" 2 "unrecognized option '-x'" -- --json -Jx
expect "option of another command" 2 "unrecognized option '--rate-limit' for 'status'" -- status --rate-limit 5
expect "command option before the command" 2 "options of a command go after the command" -- --rate-limit 5 config
expect "option with an argument it does not take" 2 "unrecognized option '--json'" -- --json=yes status
expect "-o without its argument" 2 "missing argument to option '-o'" -- status -o
expect "--output without its argument" 2 "missing argument to option '--output'" -- status --output
expect "--rate-limit without its argument" 2 "missing argument to option '--rate-limit'" -- config --rate-limit
expect "unknown column names the valid ones" 2 "unknown column 'SIZE' for status; valid columns: ID, FEATURE, STATE, MESSAGE" -- status -o FEATURE,SIZE
expect "unknown config column" 2 "unknown column 'id' for config; valid columns: RATE-LIMIT, STACK-DEPTH, RING-SIZE" -- config -o id
expect "empty column list" 2 "empty column name" -- status -o ''
expect "--json with --raw" 2 "mutually exclusive" -- -J -r status
for bad in '' 12x -1 +1 ' 1' 0x10 1000001 4294967296 99999999999999999999999; do
	expect "--rate-limit '$bad' rejected" 2 \
		"=invalid value '$bad' for --rate-limit: expected a whole number from 0 to 1000000" \
		-- config --rate-limit "$bad"
done
expect "--stack-depth 33 rejected" 2 "from 0 to 32" -- config --stack-depth 33
expect "usage errors come before netlink" 2 "invalid value" -- config --stack-depth 1 --rate-limit x
for bad in '' x 0 -1 +1 ' 1' 1.5 0x10 18446744073709551616 99999999999999999999999; do
	expect "--since '$bad' rejected" 2 \
		"=invalid value '$bad' for --since: expected a whole number from 1 to 18446744073709551615" \
		-- events --since "$bad"
done
for bad in '' x -1 +1 1k 4294967296; do
	expect "-n '$bad' rejected" 2 \
		"=invalid value '$bad' for -n: expected a whole number from 0 to 4294967295" \
		-- events -n "$bad"
done
expect "--last rejected" 2 "=invalid value '-5' for --last: expected a whole number from 0 to 4294967295" -- events --last=-5
expect "-n without its argument" 2 "missing argument to option '-n'" -- events -n
expect "-rn after events wants a number" 2 "missing argument to option '-n'" -- events -rn
expect "--since without its argument" 2 "missing argument to option '--since'" -- events --since
expect "--since before events" 2 "options of a command go after the command" -- --since 1 events
expect "--since is not watch's" 2 "unrecognized option '--since' for 'watch'" -- watch --since 1
expect "--details is not failures'" 2 "unrecognized option '--details' for 'failures'" -- failures --details
expect "--last is not status'" 2 "unrecognized option '--last' for 'status'" -- status --last 1
expect "--details takes no value" 2 "unrecognized option '--details'" -- events --details=yes
expect "unknown failures column" 2 "unknown column 'SIZE' for failures; valid columns: KIND, ORDER, COUNT, NOWARN, WARN, ATOMIC, RECLAIM, COSTLY, LAST, NOWARN-ATOMIC, LAST-TIME" -- failures -o KIND,SIZE
expect "unknown events column" 2 "unknown column 'zone' for events; valid columns: SEQ, TIME, KIND, ORDER, GFP, CLASS, CONTEXT, PID, COMM, CGROUP, TGID, GFP-MASK, NODEMASK, PREF-NODE, HIGH-ZONE, CGROUP-ID, BOOT-NS" -- events -o seq,zone
expect "unknown watch column" 2 "unknown column 'x' for watch" -- watch -o +x
expect "reset has no columns" 2 "'reset' has no columns to choose with -o" -- reset -o kind
expect "reset takes no argument" 2 "unexpected argument 'now' after 'reset'" -- reset now
expect "events --json --raw" 2 "mutually exclusive" -- events -J -r

# JSON samples rendered by the unit binary from handcrafted replies.
if command -v python3 >/dev/null; then
	for s in status-json status-json-nasty config-json failures-json \
		 events-json events-details-json; do
		"$UNIT" --print $s >"$tmp/out" 2>"$tmp/err" &&
			python3 -m json.tool "$tmp/out" >/dev/null 2>>"$tmp/err"
		result "$s sample is valid JSON (python3 -m json.tool)" $?
	done
	# watch --json: JSON Lines, each line a document of its own.
	"$UNIT" --print watch-json >"$tmp/lines" 2>"$tmp/err"
	ok=$?
	n_lines=0
	while [ $ok = 0 ] && IFS= read -r line; do
		n_lines=$((n_lines + 1))
		printf '%s\n' "$line" | python3 -m json.tool >/dev/null 2>>"$tmp/err" || ok=1
	done <"$tmp/lines"
	[ $ok = 0 ] && [ $n_lines = 3 ]
	result "watch-json sample is JSON Lines (python3 -m json.tool per line)" $?
	"$UNIT" --print failures-json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert list(d) == ["failures", "nodes", "totals"], d.keys()
f = d["failures"]
assert [(r["kind"], r["order"]) for r in f] == [("page", 0), ("page", 4), ("vmalloc", 19)]
assert f[1] == {"kind": "page", "order": 4, "count": 8, "nowarn": 1, "warn": 7,
		"atomic": 2, "reclaim": 6, "costly": True,
		"last": "2024-05-01T11:59:58.123+00:00", "last-boot-ns": 75000000000}, f[1]
assert f[0]["costly"] is False and f[2]["costly"] is None
assert d["nodes"] == [{"node": 0, "count": 15}, {"node": 1, "count": 6}]
t = d["totals"]
assert t["total"] == t["recorded"] + t["suppressed"] + t["lost"] == 21
assert t["first-seq"] == 3 and t["next-seq"] == 19 and t["reset-ago-ns"] == 75900000000
' >"$tmp/out" 2>"$tmp/err"
	result "failures JSON has the documented shape" $?
	"$UNIT" --print events-json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert list(d) == ["events", "missed"] and d["missed"] == 4, d.keys()
e = d["events"]
assert [x["seq"] for x in e] == [5, 6, 9]
keys = ["seq", "missed-before", "time", "real-ns", "boot-ns", "kind", "order",
	"size", "vmalloc-step", "gfp", "gfp-names", "class", "nodemask",
	"preferred-node", "high-zone", "pid", "tgid", "comm", "cgroup-id",
	"cgroup-path", "context", "stack", "zones", "zones-truncated", "verdict"]
assert all(list(x) == keys for x in e), list(e[0])
assert list(e[0]["verdict"]) == ["name", "why", "advice"], e[0]["verdict"]
assert e[0]["verdict"]["name"] == "unknown" and e[1]["verdict"] is None
p, v = e[0], e[1]
assert p["missed-before"] == 2 and p["class"] == ["nowarn", "atomic"]
assert p["context"] == "softirq" and p["time"] == "2024-05-01T12:00:00.123+00:00"
assert p["stack"][0] == "memdiag_test_fail_once+0x12/0x40 [memdiag_test_helper]"
z = p["zones"][1]
assert z["name"] == "Normal" and z["zone"] == 2 and len(z["free-blocks"]) == 11
assert z["lowmem-reserve"] == [0, 0, 0, 1000, 2000]
assert z["free-cma"] == 0 and z["highatomic"] == 0
assert v["kind"] == "vmalloc" and v["size"] == 2 << 30 and v["vmalloc-step"] == "size"
assert v["class"] == [] and v["cgroup-path"] is None and v["zones"] == []
assert e[2]["comm"] == "esc\x1b[31m\"q\"\t\ufffd"
' >"$tmp/out" 2>"$tmp/err"
	result "events JSON has the documented shape" $?
	"$UNIT" --print status-json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert set(d) == {"status", "features"}, d.keys()
assert d["status"]["memory"] == 1572864 and d["status"]["family-version"] == 1
assert d["features"][1] == {"feature": "alloc-failure", "state": "failed",
			    "message": "register_kprobe(warn_alloc): -2"}
' >"$tmp/out" 2>"$tmp/err"
	result "status JSON has the documented shape" $?
else
	# tools/check.sh counts a SKIP as a failure: say it in a comment.
	echo "# python3 missing: JSON samples not checked with json.tool"
fi

# The metrics of every handcrafted reply: what Prometheus' own tool accepts.
"$UNIT" --print metrics >"$tmp/metrics" 2>"$tmp/err"
ok=$?
if command -v promtool >/dev/null; then
	promtool check metrics <"$tmp/metrics" >"$tmp/out" 2>>"$tmp/err" && [ $ok = 0 ]
	result "metrics sample passes promtool check metrics" $?
else
	echo "# promtool missing (Debian package prometheus): metrics not linted"
fi
# No series twice (promtool does not check this).
[ $ok = 0 ] && [ -z "$(grep -v '^#' "$tmp/metrics" | sed 's/ [^ ]*$//' | sort | uniq -d)" ] &&
	[ "$(grep -c '^# TYPE ' "$tmp/metrics")" = "$(grep -c '^# HELP ' "$tmp/metrics")" ] &&
	[ "$(grep '^# TYPE ' "$tmp/metrics" | sort | uniq -d)" = "" ]
result "metrics sample: every series once, every family once with HELP and TYPE" $?

# With the real module loaded (a VM, say): smoke tests.
if "$CTL" status >/dev/null 2>&1; then
	"$CTL" status >"$tmp/out" 2>"$tmp/err"
	[ $? = 0 ] && grep -q '^version' "$tmp/out"
	result "module: status" $?
	"$CTL" status --json >"$tmp/out" 2>"$tmp/err" &&
		python3 -m json.tool "$tmp/out" >/dev/null
	result "module: status --json is valid JSON" $?
	"$CTL" config -rn >"$tmp/out" 2>"$tmp/err"
	result "module: config" $?
	"$CTL" failures --json >"$tmp/out" 2>"$tmp/err" &&
		python3 -m json.tool "$tmp/out" >/dev/null
	result "module: failures --json is valid JSON" $?
	if [ "$(id -u)" = 0 ]; then
		"$CTL" events --details --json >"$tmp/out" 2>"$tmp/err" &&
			python3 -m json.tool "$tmp/out" >/dev/null
		result "module: events --details --json is valid JSON" $?
	else
		"$CTL" events >"$tmp/out" 2>"$tmp/err"
		[ $? = 4 ] && grep -q 'permission denied: get-events needs CAP_NET_ADMIN' "$tmp/err"
		result "module: events needs CAP_NET_ADMIN" $?
	fi
else
	echo "# the memdiag module is not loaded: module smoke tests not run"
fi

# limits reads /proc only: real child processes under ulimit -v and -d.
expect "limits: a PID that is not a number" 2 "=limits: 'abc' is not a PID (a positive number); see '$USAGE'" -- limits abc
expect "limits: PID 0" 2 "=limits: '0' is not a PID" -- limits 0
expect "limits: a PID that does not exist (exit 5)" 5 "=limits: no process 2147483647" -- limits 2147483647
expect "limits: unknown column" 2 "unknown column 'BOGUS' for limits" -- limits -o BOGUS
"$CTL" --help >"$tmp/out" 2>"$tmp/err"
grep -Fq ' limits [PID...]' "$tmp/out" && grep -Fq ' limits, the processes:' "$tmp/out" &&
	grep -Eq '^ +AS-LIMIT  ' "$tmp/out"
result "--help documents limits and its columns" $?
kids=()
trap 'kill "${kids[@]}" 2>/dev/null; rm -rf "$tmp"' EXIT
# start_sleeper ULIMIT-OPTIONS: a sleep under those limits, its pid in $kid.
start_sleeper() {
	LC_ALL=C bash -c "ulimit $1 && exec sleep 60" &
	kid=$!
	kids+=("$kid")
	# Until the exec is done (comm is sleep) and its mappings are in place.
	for _ in $(seq 100); do
		[ "$(cat /proc/$kid/comm 2>/dev/null)" = sleep ] &&
			grep -q '^VmSize' /proc/$kid/status && break
		sleep 0.05
	done
	sleep 0.1
}
# limits_json PID: 'limits --json --bytes PID' checked against /proc/PID/*.
limits_json() {
	python3 -c 'import json, sys
pid = int(sys.argv[2])
d = json.load(open(sys.argv[1]))
[r] = d["limits"]
lim = {}
for line in open("/proc/%d/limits" % pid):
	for name in ("Max address space", "Max data size"):
		if line.startswith(name + " "):
			lim[name] = line[len(name):].split()[:2]
st = dict(l.split(":", 1) for l in open("/proc/%d/status" % pid))
maps = [l for l in open("/proc/%d/maps" % pid) if not l.rstrip().endswith("[vsyscall]")]
kb = lambda k: str(int(st[k].split()[0]) * 1024)
assert r["pid"] == pid and r["comm"] == "sleep", r
assert r["as-limit"] == lim["Max address space"][0], (r, lim)
assert r["as-hard"] == lim["Max address space"][1], (r, lim)
assert r["data-limit"] == lim["Max data size"][0], (r, lim)
assert r["vmsize"] == kb("VmSize") and r["vmdata"] == kb("VmData"), (r, st)
assert r["maps"] == len(maps), (r, len(maps))
assert r["max-maps"] == int(open("/proc/sys/vm/max_map_count").read()), r
assert 0 < int(r["commit"]) <= int(r["vmsize"]), r
assert r["error"] in (None, ""), r
near = r["near"] or ""
assert near == sys.argv[3], (near, sys.argv[3])' "$tmp/out" "$1" "$2"
}
start_sleeper "-v 200000"
expect "limits: a process under ulimit -v 200000: not near (exit 0)" 0 "" -- limits --json --bytes -o +AS-HARD "$kid"
limits_json "$kid" ""
result "limits --json --bytes: RLIMIT_AS 204800000 as /proc/PID/limits, VmSize, VmData and maps as /proc says" $?
grep -Eq '"as-limit": ?"204800000"' "$tmp/out"
result "limits --json --bytes: RLIMIT_AS of ulimit -v 200000 is 204800000 bytes" $?
# Just above its VmSize: within 10 % of RLIMIT_AS (5 % above leaves room
# for exec). Under a tight limit a sleep may map less than under a loose
# one (seen on sid's arm64 7.2: 2 184 KiB against 2 899 KiB): start it
# again at 5 % above what it mapped until it maps what the limit was made for.
vmsize=$(awk '/^VmSize/ { print $2 }' /proc/$kid/status)
for _ in 1 2 3; do
	start_sleeper "-v $((vmsize + vmsize / 20))"
	now=$(awk '/^VmSize/ { print $2 }' /proc/$kid/status)
	[ $((now * 10)) -ge $(((vmsize + vmsize / 20) * 9)) ] && break
	vmsize=$now
done
expect "limits: a process with ulimit -v just above its VmSize is near (exit 1)" 1 "" -- limits --json --bytes -o +AS-HARD "$kid"
limits_json "$kid" "AS"
result "limits --json: NEAR says AS, the numbers as /proc says" $?
expect "limits: text, -o PID,COMM,NEAR --raw --noheadings" 1 "" -- limits -rn -o PID,COMM,NEAR "$kid"
[ "$(cat "$tmp/out")" = "$kid sleep AS" ]
result "limits: the row of a process near RLIMIT_AS" $?
start_sleeper "-d 100000"
expect "limits: ulimit -d 100000: RLIMIT_DATA in bytes (exit 0)" 0 "" -- limits --json --bytes -o +AS-HARD "$kid"
limits_json "$kid" "" && grep -Eq '"data-limit": ?"102400000"' "$tmp/out"
result "limits --json: RLIMIT_DATA of ulimit -d 100000 is 102400000 bytes" $?
# Named PIDs: those that exist are printed, one that does not is an error.
expect "limits: an existing and a missing PID (exit 5, the existing one printed)" 5 "=limits: no process 2147483647" -- limits -rn -o PID "$kid" 2147483647
[ "$(cat "$tmp/out")" = "$kid" ]
result "limits: the existing PID is still printed" $?
# Every process: this shell among them; none silently dropped. Exit 0
# or 1, whatever the host's processes are near.
"$CTL" limits --json >"$tmp/out" 2>"$tmp/err"
[ $? -le 1 ] && [ ! -s "$tmp/err" ] && python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
pids = [r["pid"] for r in d["limits"]]
assert int(sys.argv[2]) in pids and int(sys.argv[3]) in pids, pids
assert pids == sorted(pids), pids
assert all(r["error"] or r["maps"] is not None for r in d["limits"])' "$tmp/out" $$ "$kid"
result "limits --json: every process, sorted by pid, this shell and the sleeper in it" $?
# Another user's process: listed, with why its smaps could not be read.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$(readlink -f "$CTL")" limits --json "$kid" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 0 ] && [ ! -s "$tmp/err" ] && python3 -c 'import json, sys
[r] = json.load(open(sys.argv[1]))["limits"]
assert r["pid"] == int(sys.argv[2]) and r["vmsize"] and r["as-limit"], r
assert r["maps"] is None and not r["commit"], r
assert r["error"] == "smaps: EACCES (Permission denied)", r' "$tmp/out" "$kid"
	result "limits: another user's process is listed with smaps: EACCES" $?
fi
kill "${kids[@]}" 2>/dev/null
wait 2>/dev/null

# summary works without the module: the state now, as a finding says.
"$CTL" summary --json >"$tmp/out" 2>"$tmp/err" &&
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
ids = [f["id"] for f in d["findings"]]
assert d["verdict"] in ("trouble", "no trouble")
assert {"commit", "oom", "limits", "swap", "sysctls"} <= set(ids), ids
assert all(f["severity"] in ("ok", "info", "warning", "problem") for f in d["findings"])' "$tmp/out" &&
	[ ! -s "$tmp/err" ]
result "summary --json: valid, the findings it always has, nothing on stderr" $?
"$CTL" summary >"$tmp/out" 2>"$tmp/err" &&
	grep -qE '^(MEMORY TROUBLE|no memory trouble): ' "$tmp/out" &&
	grep -q '^\[info\] vm sysctls: overcommit_memory=' "$tmp/out"
result "summary: a verdict line, then findings" $?

# explain: a log from a file, stdin or the kernel; no module, no root.
CORPUS=$(dirname "$0")/corpus
expect "explain: a file that does not exist: exit 5, named" 5 "=$tmp/none.log: No such file or directory" -- explain "$tmp/none.log"
expect "explain: --kernel that is not a version" 2 "=--kernel: 'x.y' is not a kernel version" -- explain --kernel x.y "$CORPUS/08-oom-memcg-v1-ubuntu-3.13-cadvisor.log"
expect "explain: an unknown column" 2 "unknown column 'NOPE'" -- explain -o NOPE "$CORPUS/08-oom-memcg-v1-ubuntu-3.13-cadvisor.log"
"$CTL" explain - <"$CORPUS/10-oom-memcg-v1-gentoo-4.8-docker-twice.log" >"$tmp/out" 2>"$tmp/err" &&
	grep -q '^-:15 oom-kill: memcg OOM killed gunpowder-memho (pid 1381' "$tmp/out" &&
	grep -q '^  verdict: memcg limit: ' "$tmp/out" &&
	grep -q '^-: 2 memory events (2 oom-kill), kernel 4.8.0-gentoo #2$' "$tmp/out" && [ ! -s "$tmp/err" ]
result "explain -: two memcg OOM kills from stdin, a block each and the summary line" $?
"$CTL" explain -o LINE,KIND,VERDICT --raw --noheadings "$CORPUS/15-alloc-atomic-2.5.13-alpha-syslog-repeated.log" \
	"$CORPUS/12-commit-vm-enough-memory-6.10-virtio-net-corruption.log" >"$tmp/out" 2>"$tmp/err" &&
	[ "$(wc -l <"$tmp/out")" = 7 ] && [ "$(tail -n 1 "$tmp/out")" = "1 commit-refusal implausible\\x20size" ] &&
	[ "$(head -n 1 "$tmp/out")" = "2 alloc-failure unknown" ]
result "explain -o --raw --noheadings: one line per event of two files" $?
"$CTL" explain --json "$CORPUS/26-oom-global-rhel9.7-5.14-openstack-french-dmesg-T.log" >"$tmp/out" 2>"$tmp/err" &&
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
e, = d["events"]
assert e["kind"] == "oom-kill" and e["time"].startswith("mer. déc. 17 11:32:14"), e["time"]
assert e["victim"]["pid"] == 1040 and e["victim"]["comm"] == "mariadbd"
assert d["logs"][0]["kinds"] == {"oom-kill": 1}' "$tmp/out"
result "explain --json: the event and the log's summary (dmesg -T in French)" $?
printf 'hello\nworld\n' >"$tmp/plain.log"
"$CTL" explain "$tmp/plain.log" >"$tmp/out" 2>"$tmp/err" &&
	grep -q 'plain.log: no memory events in 2 kernel log lines$' "$tmp/out"
result "explain: a log without memory events says so (exit 0)" $?

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
