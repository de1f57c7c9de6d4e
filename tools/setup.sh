#!/bin/bash
# Install every Debian package memdiag needs to build, test and demo.
# Idempotent: when everything is present it returns in well under a second.
set -euo pipefail

# The host's own part: memdiagctl's host-side tests, checkpatch and the spec
# (linux-source-6.12 holds checkpatch, the kselftest runner and ynl), QEMU
# and the guests' initramfs, and debootstrap for the release roots. The
# kernels, and everything built for them, live in those roots
# (tools/release-root.sh), each release with its own userland.
PKGS=(
	gcc make pkg-config libc6-dev
	libnl-3-dev libnl-genl-3-dev libnl-utils libsmartcols-dev libjson-c-dev
	qemu-system-x86 busybox-static cpio xz-utils zstd kmod
	debootstrap e2fsprogs rsync util-linux
	linux-source-6.12
	sparse python3 python3-yaml python3-jsonschema libcap2-bin
	prometheus bash-completion man-db groff-base
)

# tools/setup.sh --debug: also what building the debug kernel needs.
if [ "${1:-}" = --debug ]; then
	PKGS+=(flex bison libelf-dev libssl-dev bc dkms)
	shift
fi

# One dpkg-query for all packages keeps the "all present" case fast.
# dpkg-query fails for packages it has never heard of: that is "missing".
installed=$({ dpkg-query -W -f='${Package} ${Status}\n' "${PKGS[@]}" 2>/dev/null || true; } |
	awk '$NF == "installed" { print $1 }')
missing=()
for p in "${PKGS[@]}"; do
	grep -qx -- "$p" <<<"$installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
	[ "${1:-}" = "-v" ] && echo "setup: all packages present"
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "setup: missing packages: ${missing[*]}" >&2
	echo "setup: run 'sudo tools/setup.sh' to install them" >&2
	exit 1
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
