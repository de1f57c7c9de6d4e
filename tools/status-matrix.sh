#!/bin/bash
# What `memdiagctl status` says on every kernel of the matrix: each kernel
# booted with its release's root (after tools/release-build.sh RELEASE),
# memdiag.ko loaded, its features and their states printed. README's table
# of supported kernels is this output.
#   tools/status-matrix.sh [RELEASE...]
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
while read -r rel krel name suite; do
	[ -n "$rel" ] || continue
	copy=$top/build/rel/$rel
	echo "== $name ($krel, Debian $rel)"
	"$top/tools/vm-run" -r "$rel" -k "$krel" -w "$copy" -t 300 -- \
		"insmod build/krel/$krel/kmod/memdiag.ko && ctl/memdiagctl status; rc=\$?; rmmod memdiag; exit \$rc" ||
		echo "status-matrix: $name: failed (status $?)"
done < <("$top/tools/matrix.sh" "$@")
