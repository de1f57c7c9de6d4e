#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# memdiagctl limits against processes grown to 95 % of RLIMIT_AS (ulimit -v),
# of RLIMIT_DATA (ulimit -d) and of vm.max_map_count (lowered for the test,
# then restored): each is named with the limit, with the numbers of
# /proc/PID/limits, status, maps and the sysctl, before its next mmap;
# then that mmap fails with ENOMEM. memdiagctl limits reads /proc only:
# the module is not needed.
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: must be run as root (vm.max_map_count)"
	exit $ksft_skip
fi
command -v python3 >/dev/null || { echo "SKIP: python3 not found"; exit $ksft_skip; }
ctl_require

tmp=$(mktemp -d) || exit $ksft_fail
old_max_maps=$(cat /proc/sys/vm/max_map_count)
cleanup()
{
	[ -n "$hpid" ] && kill "$hpid" 2>/dev/null
	echo "$old_max_maps" >/proc/sys/vm/max_map_count
	rm -rf "$tmp"
}
trap cleanup EXIT

# limits_ok LIMIT: memdiagctl limits PID exits 1, names the helper and
# LIMIT in NEAR, with the numbers /proc gives.
limits_ok()
{
	local rc

	"$ctl" limits --json --bytes "$hpid" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc = 1 ] || { echo "# limits exit $rc, want 1: $(cat "$tmp/err")"; return 1; }
	python3 - "$tmp/out" "$hpid" "$1" <<'EOF'
import json, sys
out, pid, want = sys.argv[1], int(sys.argv[2]), sys.argv[3]
[r] = json.load(open(out))["limits"]
lim = {}
for line in open("/proc/%d/limits" % pid):
    for name, key in (("Max address space", "as"), ("Max data size", "data")):
        if line.startswith(name + " "):
            lim[key] = line[len(name):].split()[:2]
st = dict(l.split(":", 1) for l in open("/proc/%d/status" % pid))
kb = lambda k: str(int(st[k].split()[0]) * 1024)
maps = sum(1 for l in open("/proc/%d/maps" % pid)
           if not l.rstrip().endswith("[vsyscall]"))
max_maps = int(open("/proc/sys/vm/max_map_count").read())
print("# %s" % r)
ok = r["pid"] == pid and r["comm"].startswith("python3")
ok &= want in (r["near"] or "").split(",")
ok &= r["as-limit"] == lim["as"][0] and r["data-limit"] == lim["data"][0]
ok &= r["vmsize"] == kb("VmSize") and r["vmdata"] == kb("VmData")
ok &= r["maps"] == maps and r["max-maps"] == max_maps
if want == "AS":
    ok &= int(r["vmsize"]) * 10 >= int(lim["as"][0]) * 9
elif want == "DATA":
    ok &= int(r["vmdata"]) * 10 >= int(lim["data"][0]) * 9
else:
    ok &= maps * 10 >= max_maps * 9
sys.exit(0 if ok else 1)
EOF
	[ $? = 0 ] || return 1
	# The table names it too.
	"$ctl" limits -rn -o PID,NEAR "$hpid" >"$tmp/out" 2>"$tmp/err"
	grep -Eq "^$hpid ([A-Z]+,)*$1(,|$)" "$tmp/out"
}

echo "1..10"

# RLIMIT_AS: 300000 KiB.
limits_start as -v 300000
check "AS: the helper grew to 95 % of ulimit -v 300000" [ $? = 0 ]
check "AS: memdiagctl limits names it near AS, as /proc/PID/limits and status say" limits_ok AS
check "AS: its next mmap fails with ENOMEM" limits_finish

# RLIMIT_DATA: 200000 KiB.
limits_start data -d 200000
check "DATA: the helper grew to 95 % of ulimit -d 200000" [ $? = 0 ]
check "DATA: memdiagctl limits names it near DATA, as /proc/PID/limits and status say" limits_ok DATA
check "DATA: its next mmap fails with ENOMEM" limits_finish

# vm.max_map_count, lowered: what python3 starts with plus room to grow.
echo 2000 >/proc/sys/vm/max_map_count
limits_start maps
check "MAPS: the helper grew to 95 % of vm.max_map_count 2000" [ $? = 0 ]
check "MAPS: memdiagctl limits names it near MAPS, as its maps and the sysctl say" limits_ok MAPS
check "MAPS: its mmaps fail with ENOMEM at vm.max_map_count" \
	eval 'limits_finish && [ "$(cut -d" " -f3 <<<"$result")" -ge 1999 ]'
echo "$old_max_maps" >/proc/sys/vm/max_map_count
check "vm.max_map_count restored" [ "$(cat /proc/sys/vm/max_map_count)" = "$old_max_maps" ]

exit $fail
