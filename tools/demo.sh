#!/bin/bash
# make demo: build memdiag in a Debian release's own root (default trixie,
# Debian 13, kernel 6.12; MEMDIAG_DEMO_RELEASE=sid for 7.2, bookworm for
# 6.1...), boot that release's kernel in a QEMU guest with that root, provoke
# real allocation failures there and show what memdiagctl reports.
# MEMDIAG_DEMO_KERNEL picks a line or flavour of that release (6.1, 6.12-rt).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
"$top/tools/setup.sh"
release=${MEMDIAG_DEMO_RELEASE:-trixie}
"$top/tools/release-root.sh" "$release" >/dev/null
copy=$("$top/tools/release-build.sh" --quick "$release" "${MEMDIAG_DEMO_KERNEL:-}")
rel=$(cat "$copy/build/krel.txt")
echo "demo: booting $rel ($release) in a guest (TCG: about 15 s)"
exec "$top/tools/vm-run" -r "$release" -k "$rel" -w "$copy" -m 1024 -- tools/demo-guest.sh
