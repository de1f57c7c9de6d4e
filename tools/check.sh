#!/bin/bash
# make check: every memdiag test, on every kernel of the matrix (tools/matrix.sh:
# Debian 5.10 on bullseye, 6.1 and 6.12 on bookworm, 6.12 generic/rt/cloud on
# trixie, 7.2 generic/rt/cloud on sid), in order:
#   1. memdiagctl host-side unit tests (no kernel needed)
#   2. kernel coding style (checkpatch) and the spec/uapi agreement
#   3. each release's root made or brought up to date with the archive
#      (tools/release-root.sh), and in it (tools/release-build.sh):
#      memdiagctl and its tests against that release's libraries, the module
#      for each of its kernels (W=1 + sparse), the selftests, DKMS, install
#   4. the selftests in a QEMU guest of each kernel booted with its release's
#      root, through the kernel's run_kselftest.sh as "make install" lays them
#      out: every selftest on the generic kernels, SUBSET (below) on the rt
#      and cloud flavours; --all (make check-all): every test everywhere
#   5. the global OOM test, in a 256 MiB guest of each generic kernel
#      (--all: of every kernel)
#   6. the cgroup v1 swapoff test (swapoff_v1.sh), in a guest of its own of
#      each generic kernel (--all: every kernel) whose config has the v1
#      memory controller (has_memcg_v1: 5.10 and 6.1; 6.12 and later are
#      built without CONFIG_MEMCG_V1, and there it is not run at all rather
#      than run to SKIP). Not in the full run's guest: it moves the memory
#      controller from cgroup2 to a v1 hierarchy, and charges the earlier
#      tests made under v2 do not survive that (6.1 warns of page_counter
#      underflows); a fresh guest is what a v1 host is.
# With --arm64 (make check-arm64) the same on the arm64 roots
# (tools/release-root.sh --list-arm64: Debian 6.1 on bookworm, 6.12 on
# trixie, 7.2 on sid, each in its release's arm64 userland: compiled by the
# release's amd64 root with its cross compiler against the arm64 root, the
# unit tests and DKMS run there through qemu-user-static) with every selftest in a
# qemu-system-aarch64 guest of each kernel, steps 3 to 6; steps 1 and 2 are
# make check's (they do not depend on the architecture), and so are the
# arm64 cross builds of the module (in each amd64 root's release-build).
# With --debug (make check-debug) it runs the selftests, and the global OOM
# test of step 5, on the debug kernel of tools/debug-kernel.sh instead, each
# guest ending with a kmemleak scan.
# Prints a KTAP-style line per test and ends with "N passed, N failed".
# Logs of every step are kept in build/check-logs/.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
logs=$top/build/check-logs
rm -rf "$logs"
mkdir -p "$logs"
passed=0
failed=0
n=0

result()	# result STATUS NAME [LOG]
{
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
		if [ -n "${3:-}" ] && [ -s "$3" ]; then
			tail -n 40 "$3" | sed 's/^/#   /'
		fi
	fi
}

step()		# step NAME COMMAND... : one test, its output in a log
{
	local name=$1 log
	shift
	log=$logs/$(echo "$name" | tr -c 'A-Za-z0-9.\n-' '_').log
	"$@" >"$log" 2>&1
	result $? "$name" "$log"
}

# Count each "ok"/"not ok" line of a KTAP stream as one test.
count_ktap()	# count_ktap PREFIX LOG [TESTLOGDIR]
{
	local prefix=$1 log=$2 tlogs=${3:-/nonexistent} line status tlog t
	while IFS= read -r line; do
		case $line in
		"ok "*) status=0 ;;
		"not ok "*) status=1 ;;
		*) continue ;;
		esac
		# A skip in our own guest means a broken set-up: count it failed.
		case $line in *"# SKIP"*) status=1 ;; esac
		# A failing selftest's own output, as lib.sh kept it.
		tlog=$log
		t=${line%% # *}
		t=${t##*: }
		[ $status = 1 ] && [ -s "$tlogs/$t.log" ] && tlog=$tlogs/$t.log
		result $status "$prefix: ${line#*ok [0-9]* }" "$tlog"
	done < <(grep -E '^(not )?ok [0-9]+' "$log")
}

# The result of a test run alone in a guest of its own (steps 5 and 6):
# its KTAP lines, then the guest's status from LOG.rc.
own_guest_result()	# own_guest_result NAME LOG WHAT
{
	local rc
	rc=$(cat "$2.rc" 2>/dev/null || echo 126)
	count_ktap "$1" "$2"
	case $rc in
	0) result 0 "$1: $3 passed, kernel log clean" ;;
	125) result 1 "$1: kernel log shows problems" "$2" ;;
	*) result 1 "$1: $3 failed (status $rc)" "$2" ;;
	esac
}

# Does the kernel of this config have the cgroup v1 memory controller?
# (CONFIG_MEMCG_V1 exists from 6.11; before, v1 comes with CONFIG_MEMCG.)
has_memcg_v1()	# has_memcg_v1 KERNEL-CONFIG-FILE
{
	grep -q '^CONFIG_MEMCG=y' "$1" 2>/dev/null &&
		! grep -q '^# CONFIG_MEMCG_V1 is not set' "$1"
}

all=0
arm64=0
[ "${1:-}" = --all ] && { all=1; shift; }
[ "${1:-}" = --arm64 ] && arm64=1
tools/setup.sh ${1:-} || { echo "check: set-up failed"; exit 1; }
# Guest time limits: arm64 guests are emulated instruction by instruction
# too, but their kernels boot and run more slowly under TCG here.
tmo=1
[ $arm64 = 1 ] && tmo=2

# make check-debug: the selftests on the debug kernel (KASAN, lockdep,
# kmemleak, UBSAN, atomic-sleep checks), built once per machine.
if [ "${1:-}" = --debug ]; then
	step "memdiagctl builds" make -C ctl
	dlog=$logs/debug-kernel.log
	if tree=$(tools/debug-kernel.sh 2>"$dlog"); then
		result 0 "debug kernel built ($tree)"
		rel=$(cat "$tree/include/config/kernel.release")
		step "memdiag.ko builds for $rel" tools/build-module.sh --kdir "$tree"
		step "selftests build" make -C selftests/memdiag
		log=$logs/guest-$rel.log
		rm -rf "build/selftest-logs/$rel"
		# KASAN and lockdep under TCG: everything is about 10 times slower.
		tools/vm-run -K "$tree" -t 5400 -a zram.num_devices=4 -- tools/kmemleak-run.sh \
			make -s -C selftests/memdiag run_tests >"$log" 2>&1
		rc=$?
		count_ktap "debug guest $rel" "$log" "build/selftest-logs/$rel"
		case $rc in
		0) result 0 "debug guest $rel: run completed, kernel log clean" ;;
		125) result 1 "debug guest $rel: kernel log shows problems" "$log" ;;
		124) result 1 "debug guest $rel: timed out" "$log" ;;
		*) result 1 "debug guest $rel: run failed (status $rc)" "$log" ;;
		esac
		# The global OOM test in a small guest of its own, as in step 5;
		# KASAN's shadow takes an eighth of the memory, hence 320 MiB.
		log=$logs/guest-oom-$rel.log
		tools/vm-run -K "$tree" -m 320 -t 1800 -- tools/kmemleak-run.sh \
			selftests/memdiag/oom_global.sh >"$log" 2>&1
		echo $? >"$log.rc"
		own_guest_result "debug guest $rel (320 MiB)" "$log" "global OOM test"
		# The cgroup v1 test in a fresh guest of its own, as in step 6.
		if has_memcg_v1 "$tree/.config"; then
			log=$logs/guest-v1-$rel.log
			tools/vm-run -K "$tree" -t 3600 -- tools/kmemleak-run.sh \
				selftests/memdiag/swapoff_v1.sh >"$log" 2>&1
			echo $? >"$log.rc"
			own_guest_result "debug guest $rel (cgroup v1)" "$log" "cgroup v1 swapoff test"
		fi
	else
		result 1 "debug kernel built" "$dlog"
	fi
	echo "$passed passed, $failed failed"
	[ $failed -eq 0 ]
	exit
fi

# 1. memdiagctl host-side unit tests
log=$logs/ctl-unit.log
if [ $arm64 = 1 ]; then
	:	# make check's
elif make -C ctl >"$logs/ctl-build.log" 2>&1; then
	result 0 "memdiagctl builds"
	make -s -C ctl test >"$log" 2>&1
	rc=$?
	count_ktap "memdiagctl unit" "$log"
	[ $rc -eq 0 ] || result 1 "memdiagctl unit tests exit status" "$log"
else
	result 1 "memdiagctl builds" "$logs/ctl-build.log"
fi

# 2. style and ABI description
if [ $arm64 = 0 ]; then
	step "checkpatch clean" tools/checkpatch.sh
	step "YAML spec validates and matches the uapi header" tools/spec-check.sh
fi

# 3. the release roots, and everything built in each. Roots are made in
# parallel (the archive is the bottleneck), builds as many at once as CPUs.
# The arm64 roots' code is compiled by their release's amd64 root
# (tools/release-build.sh): make those ready too.
if [ $arm64 = 1 ]; then
	releases=$(tools/release-root.sh --list-arm64)
	roots="$releases $(printf '%s\n' $releases | sed 's/-arm64$//')"
else
	releases=$(tools/release-root.sh --list)
	roots=$releases
fi
for r in $roots; do
	tools/release-root.sh "$r" >"$logs/root-$r.log" 2>&1 &
done
wait
for r in $roots; do
	grep -q "^/" "$logs/root-$r.log"
	result $? "release root $r ready ($(tools/release-root.sh --path "$r"))" "$logs/root-$r.log"
done
# The fleet files (systemd units, Prometheus rules and their unit tests),
# checked with the host's tools and each root's systemd and promtool.
if [ $arm64 = 0 ]; then
	tools/fleet-check.sh >"$logs/fleet-check.log" 2>&1 ||
		grep -q '^not ok' "$logs/fleet-check.log" ||
		result 1 "fleet: tools/fleet-check.sh" "$logs/fleet-check.log"
	count_ktap "fleet" "$logs/fleet-check.log"
fi
matrix=$(tools/matrix.sh $releases 2>"$logs/matrix.log")
echo "$matrix" >"$logs/matrix.txt"
want=$(printf '%s\n' $releases | wc -l)
got=$(awk '{ print $1 }' <<<"$matrix" | sort -u | wc -l)
[ "$got" -eq "$want" ]
result $? "kernel matrix: $(awk '{ printf "%s%s (%s)", (NR > 1 ? ", " : ""), $3, $2 }' <<<"$matrix")" "$logs/matrix.log"
for r in $releases; do
	tools/release-build.sh "$r" >"$logs/build-$r.ktap" 2>&1 &
	while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n; done
done
wait
for r in $releases; do
	count_ktap "build" "$logs/build-$r.ktap"
done

# 4. selftests in a guest of each kernel, with its own release's root. A TCG
# guest keeps one host CPU busy: as many guests at once as there are CPUs,
# the longest first, reported in order.
# The rt and cloud flavours run this subset: every feature once (load and
# unload, failures and their records, zones, swap owners, swapoff, commit
# and OOM records, limits records, explain against the records); the generic
# kernel of the same line runs the rest.
SUBSET="load_unload.sh nl_failures.sh zones.sh swap_owners.sh swapoff.sh commit_oom.sh limits_records.sh explain.sh"
guest_run()	# guest_run RELEASE KREL SUITE: log in $logs/guest-KREL.log(.rc)
{
	local rel=$1 krel=$2 suite=$3 log=$logs/guest-$2.log copy=$top/build/rel/$1 sel= cli=
	if [ "$suite" = subset ] && [ $all = 0 ]; then
		for t in $SUBSET; do sel="$sel -t memdiag:$t"; done
	fi
	# memdiagctl's command-line tests, which qemu-user cannot run in the
	# arm64 roots (ctl/Makefile, CLI_TESTS): first, before memdiag loads.
	[ $arm64 = 1 ] && [ "$suite" = full ] &&
		cli="$copy/ctl/tests/cli.sh $copy/ctl/memdiagctl $copy/ctl/tests/unit; "
	rm -rf "$copy/build/selftest-logs/$krel"
	# Through a pipe: the runner also writes to a reopened /dev/stdout,
	# which on a plain file would write over the test results.
	MEMDIAG_TEST_LOGDIR=$copy/build/selftest-logs/$krel \
	MEMDIAG_YNL=$copy/build/ynl \
		tools/vm-run -r "$rel" -k "$krel" -w "$copy" -t $((1800 * tmo)) \
		-o "build/selftest-logs/$krel" -- \
		"${cli}set -o pipefail; $copy/build/kselftest/run_kselftest.sh$sel | cat" >"$log" 2>&1
	echo $? >"$log.rc"
}
# 5. a global OOM kill needs a small guest of its own
oom_run()	# oom_run RELEASE KREL: its log in $logs/guest-oom-KREL.log(.rc)
{
	local log=$logs/guest-oom-$2.log copy=$top/build/rel/$1
	tools/vm-run -r "$1" -k "$2" -w "$copy" -m 256 -t $((900 * tmo)) -- \
		"$copy/build/kselftest/memdiag/oom_global.sh" >"$log" 2>&1
	echo $? >"$log.rc"
}
# 6. the cgroup v1 swapoff test needs a fresh guest of a kernel with v1
v1_run()	# v1_run RELEASE KREL: its log in $logs/guest-v1-KREL.log(.rc)
{
	local log=$logs/guest-v1-$2.log copy=$top/build/rel/$1
	tools/vm-run -r "$1" -k "$2" -w "$copy" -t $((900 * tmo)) -- \
		"$copy/build/kselftest/memdiag/swapoff_v1.sh" >"$log" 2>&1
	echo $? >"$log.rc"
}
v1_kernel()	# v1_kernel RELEASE KREL: does check run swapoff_v1.sh on it?
{
	has_memcg_v1 "$(tools/release-root.sh --path "$1")/boot/config-$2"
}
built()		# built RELEASE: did its selftests build and install?
{
	[ -x "$top/build/rel/$1/build/kselftest/run_kselftest.sh" ] &&
		! grep -q "^not ok.*memdiag.ko builds for $2 " "$logs/build-$1.ktap"
}
# Longest first: full runs, then subsets, then the short OOM guests.
jobs_list=$(while read -r rel krel name suite; do
	[ -n "$rel" ] || continue
	echo "$([ "$suite" = full ] && echo 1 || echo 2) guest_run $rel $krel $suite"
	if [ "$suite" = full ] || [ $all = 1 ]; then
		echo "3 oom_run $rel $krel -"
		if v1_kernel "$rel" "$krel"; then echo "3 v1_run $rel $krel -"; fi
	fi
done <<<"$matrix" | sort -s -n -k1,1 | cut -d' ' -f2-)
while read -r fn rel krel suite; do
	[ -n "$fn" ] || continue
	if ! built "$rel" "$krel"; then
		log=$logs/guest-$(case $fn in oom_run) echo oom- ;; v1_run) echo v1- ;; esac)$krel.log
		echo "check: not run: memdiag.ko or the selftests did not build for $krel (see build-$rel.ktap)" >"$log"
		echo 126 >"$log.rc"
		continue
	fi
	while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n; done
	"$fn" "$rel" "$krel" "$suite" &
done <<<"$jobs_list"
wait
while read -r rel krel name suite; do
	[ -n "$rel" ] || continue
	log=$logs/guest-$krel.log
	rc=$(cat "$log.rc" 2>/dev/null || echo 126)
	g="guest $name ($krel, $rel$([ "$suite" = subset ] && [ $all = 0 ] && echo ", subset"))"
	count_ktap "$g" "$log" "build/rel/$rel/build/selftest-logs/$krel"
	case $rc in
	0) result 0 "$g: run completed, kernel log clean" ;;
	125) result 1 "$g: kernel log shows problems" "$log" ;;
	124) result 1 "$g: timed out" "$log" ;;
	*) result 1 "$g: run failed (status $rc)" "$log" ;;
	esac
done <<<"$matrix"
while read -r rel krel name suite; do
	[ -n "$rel" ] || continue
	[ "$suite" = full ] || [ $all = 1 ] || continue
	own_guest_result "guest $name ($krel, $rel, 256 MiB)" \
		"$logs/guest-oom-$krel.log" "global OOM test"
	v1_kernel "$rel" "$krel" || continue
	own_guest_result "guest $name ($krel, $rel, cgroup v1)" \
		"$logs/guest-v1-$krel.log" "cgroup v1 swapoff test"
done <<<"$matrix"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
