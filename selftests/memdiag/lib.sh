#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the memdiag shell selftests.

# kselftest exit codes
ksft_pass=0
ksft_fail=1
ksft_skip=4

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Keep each test's output in the tree too (the kselftest runner's copy can
# get lost): MEMDIAG_TEST_LOGDIR, default build/selftest-logs/RELEASE/.
if [ -z "${MEMDIAG_TEST_LOGGING:-}" ]; then
	export MEMDIAG_TEST_LOGGING=1
	# Installed (make install INSTALL_PATH=DIR): beside the tests.
	if [ -d "$here/../../kmod" ]; then
		_logdir=$here/../../build/selftest-logs/$(uname -r)
	else
		_logdir=$here/logs/$(uname -r)
	fi
	_logdir=${MEMDIAG_TEST_LOGDIR:-$_logdir}
	if mkdir -p "$_logdir" 2>/dev/null; then
		exec > >(tee "$_logdir/$(basename "$0").log") 2>&1
	fi
fi

# Find memdiag.ko for the running kernel: $MEMDIAG_KO, the tree's per-kernel
# build, the in-tree build if its vermagic matches, or an installed module.
memdiag_find_ko()
{
	local rel cand
	rel=$(uname -r)
	for cand in "${MEMDIAG_KO:-}" \
		"$here/../../build/krel/$rel/kmod/memdiag.ko" \
		"$here/../../kmod/memdiag.ko" "$here/krel/$rel/memdiag.ko" \
		"$here/memdiag.ko"; do
		[ -n "$cand" ] && [ -f "$cand" ] || continue
		if modinfo -F vermagic "$cand" 2>/dev/null | grep -q "^$rel "; then
			echo "$cand"
			return 0
		fi
	done
	modinfo -n memdiag 2>/dev/null && return 0
	return 1
}

# Installed, memdiagctl is beside the tests (tests use $MEMDIAGCTL).
if [ -z "${MEMDIAGCTL:-}" ] && [ ! -x "$here/../../ctl/memdiagctl" ] &&
	[ -x "$here/memdiagctl" ]; then
	export MEMDIAGCTL=$here/memdiagctl
fi

# memdiagctl as the tests run it: $MEMDIAGCTL or the tree's build, in $ctl
# (ctl_find for a test that checks it only where it is built).
ctl_find() { ctl=${MEMDIAGCTL:-$here/../../ctl/memdiagctl}; }
ctl_require()
{
	ctl_find
	[ -x "$ctl" ] || { echo "SKIP: memdiagctl not built ($ctl)"; exit $ksft_skip; }
}

# The module's own memory as GET_STATUS reports it, in bytes (needs $ctl).
memdiag_mem() { "$ctl" status --json | json 'd["status"]["memory"]'; }

# One numbered KTAP line per check; a test ends with "exit $fail".
n=0
fail=0
check()	# check NAME CONDITION-COMMAND...
{
	local name=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		fail=1
	fi
}

# feature_state NAME: "STATE MESSAGE" of feature NAME as memdiagctl status
# (needs $ctl, the module loaded) reports it; nothing if it has no such one.
feature_state()
{
	"$ctl" status --json | python3 -c 'import json, sys
for f in json.load(sys.stdin)["features"]:
	if f["feature"] == sys.argv[1]:
		print(f["state"], f.get("message") or "")' "$1"
}

# feature_unavailable NAME: true, the module's reason on stdout, when
# feature NAME is unavailable on this kernel. Checks of what it records
# then SKIP with it.
feature_unavailable()
{
	local s
	s=$(feature_state "$1")
	[ "${s%% *}" = unavailable ] || return 1
	echo "${s#unavailable }"
}

# json EXPR: EXPR of the JSON document d read from stdin.
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# Run a command as nobody, without capabilities.
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$@"; }

memdiag_require()
{
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: must be run as root"
		exit $ksft_skip
	fi
	MEMDIAG_KO=$(memdiag_find_ko) || {
		echo "SKIP: no memdiag.ko built for $(uname -r) (set MEMDIAG_KO)"
		exit $ksft_skip
	}
}

# The selftests' helper module, built beside memdiag.ko.
helper_require()
{
	local rel cand
	rel=$(uname -r)
	HELPER_KO=
	for cand in "${MEMDIAG_HELPER_KO:-}" \
		"$here/../../build/krel/$rel/helper/memdiag_test_helper.ko" \
		"$here/krel/$rel/memdiag_test_helper.ko" \
		"$here/memdiag_test_helper.ko"; do
		[ -n "$cand" ] && [ -f "$cand" ] || continue
		if modinfo -F vermagic "$cand" 2>/dev/null | grep -q "^$rel "; then
			HELPER_KO=$cand
			return 0
		fi
	done
	echo "SKIP: no memdiag_test_helper.ko built for $rel"
	exit $ksft_skip
}

memdiag_loaded()
{
	[ -d /sys/module/memdiag ]
}

memdiag_load()
{
	memdiag_loaded && return 0
	insmod "$MEMDIAG_KO" "$@"
}

# memdiag_load with commit refusals recorded: where the failure-only hook
# sees none (5.10: __vm_enough_memory() warns from 6.0 on), with the opt-in
# probe commit_pages=1.
memdiag_load_commit_records()
{
	local why
	memdiag_load "$@" || return
	why=$(feature_unavailable commit) || return 0
	echo "# commit: $why; loading with commit_pages=1"
	memdiag_unload && memdiag_load commit_pages=1 "$@"
}

memdiag_unload()
{
	memdiag_loaded || return 0
	rmmod memdiag
}

# Give back every zram device: swapoff, reset (so the next test can size it
# again even where zram is built in and cannot be unloaded), then unload.
zram_release()
{
	local z
	for z in /sys/block/zram*; do
		[ -e "$z/reset" ] || continue
		swapoff "/dev/${z##*/}" 2>/dev/null
		echo 1 > "$z/reset" 2>/dev/null
	done
	rmmod zram 2>/dev/null
	return 0
}

# both CMD1... -- CMD2...: true if both succeed. For check conditions made
# of two commands: "check NAME [ ... ] && cmd" would leave cmd out of it.
both()
{
	local first=()

	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		first+=("$1")
		shift
	done
	shift
	"${first[@]}" && "$@"
}

# limits_start MODE [ULIMIT-OPTION VALUE]: limits_helper.py MODE under that limit,
# in $hpid once it has grown to 95 % of it (limits.sh, limits_records.sh).
hpid=
limits_start()
{
	local mode=$1 line
	shift
	coproc HELPER { [ $# = 0 ] || ulimit "$@" || exit 1
			exec python3 "$here/limits_helper.py" "$mode"; }
	hpid=$HELPER_PID
	exec {hin}>&"${HELPER[1]}" {hout}<&"${HELPER[0]}"
	read -r -t 120 line <&$hout
	echo "# $mode helper $hpid: ${line:-no answer}"
	[ "$line" = ready ]
}

# limits_finish: let the helper map past its limit; true if that mmap failed with
# ENOMEM. Its last line is in $result.
limits_finish()
{
	echo go >&$hin
	read -r -t 120 result <&$hout
	exec {hin}>&- {hout}<&-
	wait "$hpid" 2>/dev/null
	hpid=
	echo "# its next mmap: ${result:-no answer}"
	[ "${result%% *}" = failed ] && [ "$(cut -d' ' -f2 <<<"$result")" = ENOMEM ]
}
