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
	systemd	# systemd-analyze verify (tools/fleet-check.sh)
)

# tools/setup.sh --debug: also what building the debug kernel needs.
# tools/setup.sh --arm64: also the arm64 guests (make check-arm64): QEMU's
# aarch64 system emulator, and qemu-user-static through binfmt_misc so the
# arm64 roots' binaries run here (debootstrap, their compilers).
arm64=0
case ${1:-} in
--debug)
	PKGS+=(flex bison libelf-dev libssl-dev bc dkms)
	shift ;;
--arm64)
	PKGS+=(qemu-system-arm qemu-user-static binfmt-support)
	arm64=1
	shift ;;
esac

# The arm64 interpreter registered with binfmt_misc ("F": opened now, so
# it also serves chroots); qemu-user-static's postinst does it where
# binfmt_misc is mounted.
binfmt_ok() { [ $arm64 = 0 ] || [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; }
binfmt_enable()
{
	binfmt_ok && return 0
	[ -e /proc/sys/fs/binfmt_misc/register ] ||
		mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || true
	update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
	binfmt_ok || {
		echo "setup: arm64 binaries cannot run here: qemu-aarch64 is not registered in binfmt_misc" >&2
		echo "setup: (is /proc/sys/fs/binfmt_misc mounted? try: update-binfmts --enable qemu-aarch64)" >&2
		exit 1
	}
}

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
	binfmt_enable
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
binfmt_enable
echo "setup: done"
