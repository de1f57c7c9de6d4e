#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Documentation/netlink/specs/memdiag.yaml against the live module, through
# the kernel's own ynl library: every command's replies and a notification
# must decode with the spec, with no attribute the spec does not list.
# The ynl library: $MEMDIAG_YNL (its tools/net/ynl directory), or the one
# tools/ksrc.sh extracts from linux-source-6.12.
. "$(dirname "$0")/lib.sh"
memdiag_require
helper_require

spec=${MEMDIAG_SPEC:-$here/../../Documentation/netlink/specs/memdiag.yaml}
[ -f "$spec" ] || spec=$here/memdiag.yaml
ynl=${MEMDIAG_YNL:-}
if [ -z "$ynl" ]; then
	for d in "$here"/../../build/cache/linux-source-*/tools/net/ynl; do
		[ -d "$d/lib" ] && ynl=$d
	done
fi
[ -n "$ynl" ] && [ -f "$ynl/lib/ynl.py" ] || {
	echo "SKIP: the kernel's ynl library not found (set MEMDIAG_YNL=<linux>/tools/net/ynl)"
	exit $ksft_skip
}

cleanup()
{
	rmmod memdiag_test_helper 2>/dev/null
	memdiag_unload
}
trap cleanup EXIT
memdiag_unload
insmod "$MEMDIAG_KO" || exit $ksft_fail
insmod "$HELPER_KO" || exit $ksft_fail
echo "9 2" > /sys/kernel/debug/memdiag_test/process
echo 1 > /sys/kernel/debug/memdiag_test/vmalloc
schema=$ynl/../../../Documentation/netlink/genetlink.yaml
[ -f "$schema" ] || schema=
python3 "$here/ynl_check.py" "$ynl" "$spec" "$schema"
