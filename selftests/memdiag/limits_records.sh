#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The limits feature (module parameter limit_probes=1): an mmap refused by
# RLIMIT_AS (ulimit -v), by RLIMIT_DATA (ulimit -d) and by a lowered
# vm.max_map_count each leaves a record in the commit ring naming that
# cause, the refused call, the limit as /proc/PID/limits or the sysctl
# says, and numbers that satisfy the kernel's own test (may_expand_vm(),
# do_mmap()). Without the parameter the feature says disabled and records
# nothing.
. "$(dirname "$0")/lib.sh"
memdiag_require
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit $ksft_skip; }
ctl_require

tmp=$(mktemp -d) || exit $ksft_fail
old_max_maps=$(cat /proc/sys/vm/max_map_count)
cleanup()
{
	[ -n "$hpid" ] && kill "$hpid" 2>/dev/null
	echo "$old_max_maps" >/proc/sys/vm/max_map_count
	rm -rf "$tmp"
	memdiag_unload
}
trap cleanup EXIT

# record_ok PID CAUSE LIMIT: the first commit record of PID (the refused
# mmap; whatever the helper does after it may be refused too) names CAUSE,
# the call mmap and LIMIT (bytes, or the map count), and its numbers meet
# the kernel's test for that cause.
record_ok()
{
	"$ctl" commit --json --bytes -o SEQ,PID,CAUSE,CALL,ASKED,HIT,MAPS,WHY \
		>"$tmp/commit" 2>"$tmp/err" ||
		{ echo "# commit: $(cat "$tmp/err")"; return 1; }
	python3 - "$tmp/commit" "$@" <<'EOF'
import json, sys
path, pid, cause, limit = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
mine = [r for r in json.load(open(path))["commit"] if r["pid"] == pid]
if not mine:
    sys.exit("# no record for pid %d" % pid)
r = mine[0]
print("# %s" % r)
ok = r["cause"] == cause and r["call"] == "mmap" and int(r["hit"]) == limit
if cause == "map-count":
    # do_mmap(): refused once map_count > vm.max_map_count.
    ok &= int(r["maps"]) > limit
else:
    ok &= int(r["asked"]) > 0
sys.exit(0 if ok else 1)
EOF
}

echo "1..9"
memdiag_unload
memdiag_load || exit $ksft_fail
state=$(feature_state limits)
echo "# without limit_probes: $state"
check "without limit_probes=1 the limits feature is disabled, saying how to turn it on" \
	eval '[ "${state%% *}" = disabled ] && grep -q "limit_probes=1" <<<"$state"'
limits_start as -v 300000 && limits_finish
before=$("$ctl" commit --json | python3 -c 'import json,sys; print(sum(1 for r in json.load(sys.stdin)["commit"] if r.get("cause") != "commit"))')
check "without limit_probes=1 an RLIMIT_AS refusal leaves no record" [ "$before" = 0 ]
memdiag_unload

memdiag_load limit_probes=1 || exit $ksft_fail
state=$(feature_state limits)
echo "# with limit_probes=1: $state"
check "with limit_probes=1 the limits feature is ok" [ "${state%% *}" = ok ]

limits_start as -v 300000
pid=$hpid
check "AS: the helper's mmap past ulimit -v 300000 fails with ENOMEM" limits_finish
check "AS: recorded as rlimit-as, mmap, RLIMIT_AS 300000 KiB" \
	record_ok "$pid" rlimit-as $((300000 * 1024))

limits_start data -d 200000
pid=$hpid
check "DATA: the helper's mmap past ulimit -d 200000 fails with ENOMEM" limits_finish
check "DATA: recorded as rlimit-data, mmap, RLIMIT_DATA 200000 KiB" \
	record_ok "$pid" rlimit-data $((200000 * 1024))

echo 2000 >/proc/sys/vm/max_map_count
limits_start maps
pid=$hpid
check "MAPS: the helper's mmaps fail with ENOMEM at vm.max_map_count 2000" limits_finish
check "MAPS: recorded as map-count, mmap, vm.max_map_count 2000, more mappings than that" \
	record_ok "$pid" map-count 2000
echo "$old_max_maps" >/proc/sys/vm/max_map_count

exit $fail
