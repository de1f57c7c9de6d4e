#!/bin/bash
# Build everything one release's guests run, in that release's own root
# (tools/release-root.sh), as a user of that release would: memdiagctl
# against its libnl and libsmartcols (and its unit tests), memdiag.ko for
# each of its kernels with W=1 and sparse (and, in an amd64 root, a cross
# build for each of the release's arm64 kernels), the selftests and their
# kselftest layout, DKMS and make install. The sources are copied to
# build/rel/RELEASE/ first, so the releases never share an object file.
# Prints a KTAP line per step (tools/check.sh counts them); logs in
# build/check-logs/RELEASE-*.log.
#   tools/release-build.sh RELEASE
#   tools/release-build.sh --quick RELEASE [LINE]   only memdiagctl and the
#       module for one kernel (LINE: 6.12, 6.12-rt...; default the release's
#       first generic kernel), for make demo and make bench: prints the
#       copy's path, the kernel's release in COPY/build/krel.txt
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
quick=0
[ "${1:-}" = --quick ] && { quick=1; shift; }
rel=${1:?usage: tools/release-build.sh [--quick] RELEASE [LINE]}
copy=$top/build/rel/$rel
logs=${MEMDIAG_CHECK_LOGS:-$top/build/check-logs}
mkdir -p "$logs" "$copy"
n=0
fails=0

step()		# step NAME COMMAND...: one KTAP line, output in a log
{
	local name=$1 log
	shift
	n=$((n + 1))
	log=$logs/$rel-$(echo "$name" | tr -c 'A-Za-z0-9.\n-' '_').log
	if "$@" >"$log" 2>&1; then
		echo "ok $n - $rel: $name"
	else
		fails=$((fails + 1))
		echo "not ok $n - $rel: $name"
		tail -n 30 "$log" | sed 's/^/#   /'
	fi
}
in_root() { "$top/tools/in-root.sh" -w "$top" "$rel" -- "cd '$copy' && $*"; }

ksrc=$("$top/tools/ksrc.sh") || exit 1
# Only the sources: builds of other releases, caches and what the host
# built in the tree (.gitignore) stay out.
rsync -a --delete --exclude=/build --exclude=/.git --filter=":- .gitignore" "$top/" "$copy/" || exit 1
mkdir -p "$copy/build"
rsync -a --delete "$ksrc/tools/net/ynl/" "$copy/build/ynl/" || exit 1
kernels=$("$top/tools/matrix.sh" "$rel" | awk '{ print $2 }')
[ -n "$kernels" ] || { echo "not ok 1 - $rel: no kernels in its root"; exit 1; }

if [ $quick = 1 ]; then
	k=$("$top/tools/matrix.sh" "$rel" | awk -v l="${2:-}" 'l == "" || $3 == l { print $2; exit }')
	[ -n "$k" ] || { echo "release-build: no kernel ${2:-} in the $rel root" >&2; exit 1; }
	in_root "make -s -C ctl && tools/build-module.sh $k" >&2 || exit 1
	echo "$k" >"$copy/build/krel.txt"
	echo "$copy"
	exit 0
fi

# The selftests' build and kselftest layout; MAKEVARS (CC=...) for a cross build.
selftests()	# selftests [MAKEVARS]: the command, for in_root or in_cross
{
	echo "make -C selftests/memdiag KSFT_DIR=$ksrc/tools/testing/selftests ${1:-} &&
		rm -rf build/kselftest &&
		make -C selftests/memdiag install INSTALL_PATH=$copy/build/kselftest \\
			KSFT_DIR=$ksrc/tools/testing/selftests &&
		diff <(build/kselftest/run_kselftest.sh -l) \\
			<(make -s --no-print-directory -C selftests/memdiag \\
				KSFT_DIR=$ksrc/tools/testing/selftests COLLECTION=memdiag emit_tests)"
}

# An amd64 root: everything built with the release's own tools, and the
# release's arm64 kernels cross-built (tools/cross-headers.sh fetches their
# headers into it).
amd64_build()
{
	step "memdiagctl builds (libnl $(in_root "pkg-config --modversion libnl-3.0" 2>/dev/null))" \
		in_root "make -C ctl clean >/dev/null && make -C ctl"
	step "memdiagctl unit and command-line tests" in_root "make -s -C ctl test"
	for k in $kernels; do
		step "memdiag.ko builds for $k with W=1 and sparse, no warnings" \
			in_root "tools/build-module.sh --strict $k"
	done
	if cross=$("$top/tools/cross-headers.sh" "$rel" 2>"$logs/$rel-cross-headers.log"); then
		for k in $(echo "$cross" | awk '{ print $2 }'); do
			step "memdiag.ko builds for $k (arm64, cross) with W=1 and sparse, no warnings" \
				in_root "tools/build-module.sh --strict --arch arm64 $k"
		done
	else
		step "arm64 kernel headers for the cross builds (tools/cross-headers.sh $rel)" \
			sh -c "cat '$logs/$rel-cross-headers.log'; false"
	fi
	step "selftests build and install (run_kselftest.sh lists every test)" in_root "$(selftests)"
}

# An arm64 root (RELEASE-arm64) runs through qemu-user here, 20 to 40 times
# slower than the host: its compiles took 2 to 3 hours a root. So what is
# compiled is compiled by the release's amd64 root, with its arm64 cross
# compiler against this root's headers and libraries (--sysroot), and only
# what runs runs here: memdiagctl's unit tests (not the sanitizers nor the
# command-line tests, which qemu-user cannot run: ctl/Makefile; the guests
# run the command-line tests) and DKMS, the one native build of the module.
# make install is left to the amd64 roots: it installs the same files, and
# its module build is the native build DKMS makes here.
arm64_build()
{
	local suite=${rel%-arm64} a64 xcc xpc k
	a64=$("$top/tools/release-root.sh" --path "$rel")
	xcc="aarch64-linux-gnu-gcc --sysroot=$a64"
	xpc="env PKG_CONFIG_SYSROOT_DIR=$a64 PKG_CONFIG_LIBDIR=$a64/usr/lib/aarch64-linux-gnu/pkgconfig:$a64/usr/share/pkgconfig pkg-config"
	in_cross() { "$top/tools/in-root.sh" -w "$top" -b "$a64" "$suite" -- "cd '$copy' && $*"; }
	step "memdiagctl and its tests cross-build in $suite against $rel (libnl $(in_cross "$xpc --modversion libnl-3.0" 2>/dev/null))" \
		in_cross "make -C ctl clean >/dev/null && make -C ctl CC='$xcc' PKG_CONFIG='$xpc' FUZZ_SAN=0 test-build"
	step "memdiagctl unit tests (run in $rel)" in_root "make -s -C ctl test-run FUZZ_SAN=0 CLI_TESTS=0"
	if "$top/tools/cross-headers.sh" "$suite" >"$logs/$rel-cross-headers.log" 2>&1; then
		for k in $kernels; do
			step "memdiag.ko cross-builds in $suite for $k with W=1 and sparse, no warnings" \
				in_cross "tools/build-module.sh --strict --arch arm64 $k"
		done
	else
		step "arm64 kernel headers for the cross builds (tools/cross-headers.sh $suite)" \
			sh -c "cat '$logs/$rel-cross-headers.log'; false"
	fi
	step "selftests cross-build in $suite and install (run_kselftest.sh lists every test)" \
		in_cross "$(selftests "CC='$xcc'")"
}

case $rel in
*-arm64)
	arm64_build
	;;
*)
	amd64_build
	;;
esac
step "DKMS: add, autoinstall (build, sign, install) for $(echo $kernels)" \
	in_root "tools/dkms-check.sh $(echo $kernels)"
case $rel in
*-arm64) ;;	# arm64_build: left to the amd64 roots
*)
	step "make install: files, man pages, bash completion" \
		in_root "tools/install-check.sh $(echo "$kernels" | head -n1)"
	;;
esac
[ $fails -eq 0 ]
