#!/bin/bash
# Kernel coding style for the module and the selftests, with the kernel's
# own checkpatch.pl (from linux-source-6.12).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
ksrc=$("$top/tools/ksrc.sh")
cd "$top"
cp="perl $ksrc/scripts/checkpatch.pl --no-tree --quiet --terse --show-types"
kfiles=$(ls kmod/*.[ch] | grep -v '\.mod\.c$')
ufiles=$(ls selftests/memdiag/*.[ch] ctl/*.[ch] 2>/dev/null || true)
# Module code: --strict. Userspace (selftests, ctl) uses stdint types as the
# kernel's own selftests do, so only the default checks apply there.
$cp --strict -f $kfiles
[ -z "$ufiles" ] || $cp --ignore NEW_TYPEDEFS,PREFER_DEFINED_ATTRIBUTE_MACRO -f $ufiles
echo "checkpatch: clean ($(echo $kfiles $ufiles | wc -w) files)"
