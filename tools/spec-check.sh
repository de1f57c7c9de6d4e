#!/bin/bash
# The uapi header must be exactly what the kernel's own generator
# (tools/net/ynl/ynl-gen-c.py from linux-source-6.12) makes of the YAML spec,
# and the spec must validate against the kernel's genetlink schema.
#   tools/spec-check.sh               fail (and show the diff) if they differ
#   tools/spec-check.sh --regenerate  rewrite the header from the spec
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
ksrc=$("$top/tools/ksrc.sh")
spec=$top/Documentation/netlink/specs/memdiag.yaml
hdr=$top/include/uapi/linux/memdiag.h

# ynl-gen-c validates against ../genetlink.yaml next to the specs directory
# and names the spec relative to the tree holding MAINTAINERS: give it a
# scratch tree shaped like the kernel's.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Documentation/netlink/specs"
cp "$ksrc/Documentation/netlink/genetlink.yaml" "$work/Documentation/netlink/"
cp "$spec" "$work/Documentation/netlink/specs/"
touch "$work/MAINTAINERS"

timeout 60 python3 "$ksrc/tools/net/ynl/ynl-gen-c.py" --mode uapi --header \
	--spec "$work/Documentation/netlink/specs/memdiag.yaml" -o "$work/memdiag.h"

if [ "${1:-}" = "--regenerate" ]; then
	cp "$work/memdiag.h" "$hdr"
	echo "spec-check: regenerated include/uapi/linux/memdiag.h"
	exit 0
fi
if ! diff -u "$hdr" "$work/memdiag.h"; then
	echo "spec-check: include/uapi/linux/memdiag.h disagrees with the spec;" >&2
	echo "spec-check: fix the spec, then run 'make uapi' to regenerate the header" >&2
	exit 1
fi
echo "spec-check: spec validates and matches include/uapi/linux/memdiag.h"
