#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Load memdiag and run the netlink GET_STATUS / SET_CONFIG tests against it.
. "$(dirname "$0")/lib.sh"
memdiag_require

was_loaded=0
memdiag_loaded && was_loaded=1
memdiag_load || { echo "FAIL: cannot load $MEMDIAG_KO"; exit $ksft_fail; }
"$here/nl_status_test"
ret=$?
[ $was_loaded -eq 1 ] || memdiag_unload || ret=$ksft_fail
exit $ret
