#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run COMMAND, then fail if kmemleak (debug kernels) finds objects leaked
# while it ran: what the kernel leaked before COMMAND is cleared first, so
# only new leaks count. Without kmemleak it only runs COMMAND.
#   tools/kmemleak-run.sh COMMAND...
km=/sys/kernel/debug/kmemleak
if [ ! -w $km ]; then
	echo "# kmemleak-run: no $km (kernel without CONFIG_DEBUG_KMEMLEAK)"
	"$@"
	exit $?
fi
echo scan > $km
echo clear > $km
"$@"
rc=$?
# Two scans: an object is reported only once it looked unreferenced twice.
echo scan > $km
sleep 5
echo scan > $km
if grep -q unreferenced $km; then
	echo "not ok 1 - kmemleak: $(grep -c unreferenced $km) objects leaked"
	sed 's/^/# /' $km | head -n 200
	exit 1
fi
echo "ok 1 - kmemleak: no leaks"
exit $rc
