#!/bin/bash
# make check: every memdiag test, in order:
#   1. memdiagctl host-side unit tests (no kernel needed)
#   2. the module built for every installed supported kernel, W=1 + sparse
#   3. kernel coding style (checkpatch) and the spec/uapi agreement
#   4. the selftests, in a QEMU guest of each kernel (6.1, 6.12, 6.12-rt),
#      through the kernel's run_kselftest.sh as "make install" lays them out
# With --debug (make check-debug) it runs the selftests, and the global OOM
# test of step 5, on the debug kernel of tools/debug-kernel.sh instead, each
# guest ending with a kmemleak scan.
#   5. the global OOM test, in a 256 MiB guest of each kernel
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

tools/setup.sh ${1:-} || { echo "check: set-up failed"; exit 1; }

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
		rc=$?
		count_ktap "debug guest $rel (320 MiB)" "$log"
		case $rc in
		0) result 0 "debug guest $rel (320 MiB): global OOM test passed, kernel log clean" ;;
		125) result 1 "debug guest $rel (320 MiB): kernel log shows problems" "$log" ;;
		*) result 1 "debug guest $rel (320 MiB): global OOM test failed (status $rc)" "$log" ;;
		esac
	else
		result 1 "debug kernel built" "$dlog"
	fi
	echo "$passed passed, $failed failed"
	[ $failed -eq 0 ]
	exit
fi

# 1. memdiagctl host-side unit tests
log=$logs/ctl-unit.log
if make -C ctl >"$logs/ctl-build.log" 2>&1; then
	result 0 "memdiagctl builds"
	make -s -C ctl test >"$log" 2>&1
	rc=$?
	count_ktap "memdiagctl unit" "$log"
	[ $rc -eq 0 ] || result 1 "memdiagctl unit tests exit status" "$log"
else
	result 1 "memdiagctl builds" "$logs/ctl-build.log"
fi

# 2. module build for each installed supported kernel
kernels=$(tools/kernels.sh)
[ -n "$kernels" ]
result $? "supported kernels installed: $(echo $kernels)"
for rel in $kernels; do
	step "memdiag.ko builds for $rel with W=1 and sparse, no warnings" \
		tools/build-module.sh --strict "$rel"
done

# 3. style and ABI description
step "checkpatch clean" tools/checkpatch.sh
step "YAML spec validates and matches the uapi header" tools/spec-check.sh
step "selftests build" make -C selftests/memdiag
# What the guests run: the kselftest layout (run_kselftest.sh,
# kselftest-list.txt, memdiag/), as make install lays it out.
ksft=$top/build/kselftest
rm -rf "$ksft"
ksft_install()
{
	make -C selftests/memdiag install INSTALL_PATH="$ksft" &&
		[ -x "$ksft/run_kselftest.sh" ] &&
		diff <("$ksft/run_kselftest.sh" -l) \
			<(make -s --no-print-directory -C selftests/memdiag \
				COLLECTION=memdiag emit_tests)
}
step "selftests install: run_kselftest.sh lists every test" ksft_install
step "DKMS: add, autoinstall (build, sign, install) for $(echo $kernels), in scratch trees" \
	tools/dkms-check.sh $kernels
step "make install: files, man pages (every command, option, column), bash completion" \
	tools/install-check.sh

# 4. selftests in a guest of each kernel. A TCG guest keeps one host CPU
# busy: run as many guests at once as there are CPUs, report in order.
guest_run()	# guest_run RELEASE: its log in $logs/guest-RELEASE.log(.rc)
{
	local rel=$1 log=$logs/guest-$1.log
	rm -rf "build/selftest-logs/$rel"
	# Through a pipe: the runner also writes to a reopened /dev/stdout,
	# which on a plain file would write over the test results.
	MEMDIAG_TEST_LOGDIR=$top/build/selftest-logs/$rel \
	MEMDIAG_YNL=$ynl \
		tools/vm-run -k "$rel" -t 1500 -- \
		"set -o pipefail; $ksft/run_kselftest.sh | cat" >"$log" 2>&1
	echo $? >"$log.rc"
}
# 5. a global OOM kill needs a small guest of its own
oom_run()	# oom_run RELEASE: its log in $logs/guest-oom-RELEASE.log(.rc)
{
	local log=$logs/guest-oom-$1.log
	tools/vm-run -k "$1" -m 256 -t 900 -- selftests/memdiag/oom_global.sh >"$log" 2>&1
	echo $? >"$log.rc"
}
ynl=$(tools/ksrc.sh)/tools/net/ynl
for job in $(for rel in $kernels; do echo "guest_run:$rel oom_run:$rel"; done); do
	while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n; done
	"${job%%:*}" "${job#*:}" &
done
wait
for rel in $kernels; do
	log=$logs/guest-$rel.log
	rc=$(cat "$log.rc" 2>/dev/null || echo 126)
	count_ktap "guest $rel" "$log" "build/selftest-logs/$rel"
	case $rc in
	0) result 0 "guest $rel: run completed, kernel log clean" ;;
	125) result 1 "guest $rel: kernel log shows problems" "$log" ;;
	124) result 1 "guest $rel: timed out" "$log" ;;
	*) result 1 "guest $rel: run failed (status $rc)" "$log" ;;
	esac
done
for rel in $kernels; do
	log=$logs/guest-oom-$rel.log
	rc=$(cat "$log.rc" 2>/dev/null || echo 126)
	count_ktap "guest $rel (256 MiB)" "$log"
	case $rc in
	0) result 0 "guest $rel (256 MiB): global OOM test passed, kernel log clean" ;;
	125) result 1 "guest $rel (256 MiB): kernel log shows problems" "$log" ;;
	*) result 1 "guest $rel (256 MiB): global OOM test failed (status $rc)" "$log" ;;
	esac
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
