#!/bin/bash
# make demo: build memdiag for the newest installed supported kernel, boot
# it in a QEMU guest, provoke real allocation failures there and show what
# memdiagctl reports. MEMDIAG_DEMO_KERNEL=6.1 picks another kernel.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
"$top/tools/setup.sh"
rel=$("$top/tools/kernels.sh" "${MEMDIAG_DEMO_KERNEL:-6.12}")
echo "demo: building memdiag.ko for $rel and memdiagctl"
"$top/tools/build-module.sh" "$rel" >/dev/null
make -s -C ctl >/dev/null
echo "demo: booting $rel in a guest (TCG: about 15 s)"
exec "$top/tools/vm-run" -k "$rel" -m 1024 -- tools/demo-guest.sh
