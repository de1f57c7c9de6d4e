#!/bin/bash
# Build memdiag.ko for one installed kernel into build/krel/RELEASE/kmod/, from
# a shadow copy of the sources so builds for several kernels never share
# object files. With --strict, the build runs with W=1 and sparse (C=1) and
# fails on any warning.
#   tools/build-module.sh [--strict] RELEASE|SERIES
#   tools/build-module.sh [--strict] --kdir TREE   (any built kernel tree)
#   tools/build-module.sh [--strict] --arch arm64 KREL
#       a cross build (ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-, the
#       headers' own compiler version) for an arm64 kernel whose headers
#       tools/cross-headers.sh unpacked: run it in that amd64 release root
#       (tools/in-root.sh), where the headers are.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
strict=0
kdir=
arch=
while [ $# -gt 0 ]; do
	case $1 in
	--strict) strict=1; shift ;;
	--kdir) kdir=${2:?--kdir needs a kernel build tree}; shift 2 ;;
	--arch) arch=${2:?--arch needs an architecture}; shift 2 ;;
	*) break ;;
	esac
done
cross=()
if [ -n "$arch" ]; then
	[ "$arch" = arm64 ] || { echo "build-module: no cross builds for '$arch' (arm64 only)" >&2; exit 2; }
	if [ -n "$kdir" ] || [ $# -ne 1 ]; then
		echo "usage: $0 [--strict] --arch arm64 KREL" >&2
		exit 2
	fi
	rel=$1
	kdir=$("$top/tools/cross-headers.sh" --kdir - "$rel")
	[ -e "$kdir/Makefile" ] || {
		echo "build-module: no arm64 headers for $rel in $kdir (tools/cross-headers.sh RELEASE, then build in that root)" >&2
		exit 1
	}
	cross=(ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-)
elif [ -n "$kdir" ]; then
	# Any built kernel tree (the debug kernel): its own release names the output.
	[ $# -eq 0 ] || { echo "usage: $0 [--strict] --kdir TREE" >&2; exit 2; }
	rel=$(cat "$kdir/include/config/kernel.release") || exit 1
else
	[ $# -eq 1 ] || { echo "usage: $0 [--strict] RELEASE|6.1|6.12" >&2; exit 2; }
	rel=$("$top/tools/kernels.sh" "$1")
	kdir=/lib/modules/$rel/build
fi
out=$top/build/krel/$rel

mkdir -p "$out"
# Copy what differs (by content, not date: an older file may still be the
# newer version), so that kbuild recompiles exactly what changed.
copy_changed()	# copy_changed FILE... DIR
{
	local dir=${*: -1} f
	for f in "${@:1:$#-1}"; do
		cmp -s "$f" "$dir/$(basename "$f")" || cp "$f" "$dir/"
	done
}
# The selftests' helper module is built beside memdiag.ko (never installed).
mkdir -p "$out/helper"
copy_changed "$top"/selftests/memdiag/helper/*.c "$top/selftests/memdiag/helper/Kbuild" "$out/helper"

# Mirror the sources (only what kbuild reads); keep objects of earlier builds.
printf 'obj-m += kmod/ helper/\n' > "$out/Kbuild.new"
cmp -s "$out/Kbuild.new" "$out/Kbuild" 2>/dev/null && rm "$out/Kbuild.new" || mv "$out/Kbuild.new" "$out/Kbuild"
mkdir -p "$out/kmod" "$out/include/uapi/linux"
copy_changed "$top"/kmod/*.[ch] "$top/kmod/Kbuild" "$out/kmod"
copy_changed "$top/include/uapi/linux/memdiag.h" "$out/include/uapi/linux"
# Drop sources that were removed from the tree.
for f in "$out"/kmod/*.[ch]; do
	case $f in *.mod.c) continue ;; esac
	[ -e "$top/kmod/$(basename "$f")" ] || rm -f "$f"
done

flags=()
log=$out/build.log
if [ $strict -eq 1 ]; then
	# Warnings only show when a file is compiled: start clean.
	make -C "$kdir" M="$out" "${cross[@]}" clean >/dev/null 2>&1 || true
	flags=(W=1 C=1)
	# 7.2's Makefile validates sparse with scripts/checker-valid.sh,
	# which Debian's linux-kbuild-7.2 does not ship: there C=1 is
	# dropped with a mere make warning and sparse never runs. Given
	# on the command line, KBUILD_CHECKSRC=1 overrides that fallback.
	if [ ! -e "$kdir/scripts/checker-valid.sh" ]; then
		command -v sparse >/dev/null ||
			{ echo "build-module: no sparse for --strict" >&2; exit 1; }
		flags+=(KBUILD_CHECKSRC=1)
	fi
fi
if ! make -C "$kdir" M="$out" "${cross[@]}" "${flags[@]}" modules >"$log" 2>&1; then
	cat "$log" >&2
	echo "build-module: build for $rel failed" >&2
	exit 1
fi
# sparse and gcc both say "warning:"; "Skipping BTF" is informational.
if [ $strict -eq 1 ] && grep -iE "warning:|error:" "$log" >&2; then
	echo "build-module: warnings building for $rel (W=1 C=1)" >&2
	exit 1
fi
if [ $strict -eq 1 ] && ! grep -q "^  CHECK " "$log"; then
	cat "$log" >&2
	echo "build-module: sparse did not run building for $rel (C=1)" >&2
	exit 1
fi
echo "$out/kmod/memdiag.ko"
