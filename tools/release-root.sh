#!/bin/bash
# Make (or reuse) the Debian root of one release: its compiler, libnl,
# libsmartcols, json-c, python3 and the kernel images and headers of every
# kernel line memdiag supports on it. memdiag.ko, memdiagctl and the
# selftests of that release's kernels are built in it (tools/in-root.sh) and
# its guests boot with it as their root file system (tools/vm-run -r), as a
# user of that release would run them.
#
#   tools/release-root.sh RELEASE     make or refresh it, print its path
#   tools/release-root.sh --list      the releases, one a line
#   tools/release-root.sh --list-arm64   the arm64 roots (make check-arm64)
#   tools/release-root.sh --path RELEASE   its path, made or not
#
# RELEASE-arm64 (bookworm-arm64, trixie-arm64, sid-arm64) is that release's
# arm64 userland with its arm64 kernels: debootstrap runs its arm64
# binaries through qemu-user-static (binfmt_misc), and its guests boot
# under qemu-system-aarch64. The amd64 roots also hold the arm64 cross
# compiler, for the arm64 module builds of make check (tools/cross-headers.sh).
#
# Roots are cached outside the repository, in $MEMDIAG_ROOTS (default
# /var/cache/memdiag/roots). A cached root is brought up to date with the
# archive (security suites included) when it was last refreshed more than
# MEMDIAG_ROOT_MAX_AGE seconds ago (default 12 hours): the archive moves, and
# the newest release of each kernel line is what is tested. No ABI number is
# written anywhere: the meta packages name each line.
set -euo pipefail

ROOTS=${MEMDIAG_ROOTS:-/var/cache/memdiag/roots}
MIRROR=${MEMDIAG_MIRROR:-http://deb.debian.org/debian}
SECURITY=${MEMDIAG_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
MAX_AGE=${MEMDIAG_ROOT_MAX_AGE:-43200}

RELEASES=(bullseye bookworm trixie sid)
ARM64_RELEASES=(bookworm-arm64 trixie-arm64 sid-arm64)

# What every root holds besides its kernels: what building and running the
# module, memdiagctl and the selftests needs.
BASE=(gcc make pkg-config libc6-dev libnl-3-dev libnl-genl-3-dev libnl-route-3-dev
	libsmartcols-dev libjson-c-dev kmod xz-utils zstd python3 python3-yaml procps util-linux
	mount iproute2 libcap2-bin sparse perl ca-certificates e2fsprogs
	dkms man-db groff-base bash-completion rsync libnl-utils prometheus
	prometheus-node-exporter)
# The amd64 roots cross-build the module for the release's arm64 kernels;
# the arm64 roots give their guests' initramfs its busybox.
BASE_AMD64=(gcc-aarch64-linux-gnu)
BASE_ARM64=(busybox-static)

kernels_of()	# the meta packages of the kernel lines a release serves
{
	case $1 in
	bookworm-arm64 | trixie-arm64 | sid-arm64)
		echo linux-image-arm64 linux-headers-arm64 ;;
	bullseye) echo linux-image-amd64 linux-headers-amd64 ;;
	bookworm) echo linux-image-amd64 linux-headers-amd64 \
		linux-image-6.12-amd64 linux-headers-6.12-amd64 ;;
	trixie | sid) echo linux-image-amd64 linux-headers-amd64 \
		linux-image-rt-amd64 linux-headers-rt-amd64 \
		linux-image-cloud-amd64 linux-headers-cloud-amd64 ;;
	esac
}

sources_of()	# the apt sources of a release, security and updates included
{
	case ${1%-arm64} in
	sid) echo "deb $MIRROR sid main" ;;
	*)
		echo "deb $MIRROR ${1%-arm64} main"
		echo "deb $MIRROR ${1%-arm64}-updates main"
		echo "deb $SECURITY ${1%-arm64}-security main"
		;;
	esac
}

die() { echo "release-root: $*" >&2; exit 1; }

case ${1:-} in
--list) printf '%s\n' "${RELEASES[@]}"; exit 0 ;;
--list-arm64) printf '%s\n' "${ARM64_RELEASES[@]}"; exit 0 ;;
--path) echo "$ROOTS/${2:?--path needs a release}"; exit 0 ;;
"" | -*) echo "usage: $0 RELEASE | --list | --path RELEASE" >&2; exit 2 ;;
esac
rel=$1
printf '%s\n' "${RELEASES[@]}" "${ARM64_RELEASES[@]}" | grep -qx -- "$rel" ||
	die "unknown release '$rel'; known: ${RELEASES[*]} ${ARM64_RELEASES[*]}"
[ "$(id -u)" -eq 0 ] || die "making a release root needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || die "no debootstrap; run tools/setup.sh"
arch=amd64
suite=$rel
case $rel in
*-arm64)
	arch=arm64
	suite=${rel%-arm64}
	BASE+=("${BASE_ARM64[@]}")
	# Its binaries run on this amd64 host through qemu-user-static.
	[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] ||
		die "arm64 binaries cannot run here: no qemu-aarch64 in binfmt_misc (install qemu-user-static and binfmt-support: tools/setup.sh --arm64)"
	;;
*) BASE+=("${BASE_AMD64[@]}") ;;
esac

root=$ROOTS/$rel
mkdir -p "$ROOTS"
# One maker at a time per release: parallel set-ups wait for each other.
exec 9>"$ROOTS/.$rel.lock"
flock 9

want="${BASE[*]} $(kernels_of "$rel")"
stamp=$root/.memdiag-root

in_root()	# in_root CMD...: in the root, /proc mounted, mounts private
{
	unshare -m --propagation private sh -c '
		r=$1; shift
		mount -t proc proc "$r/proc" && mount --bind /dev "$r/dev" &&
			mount -t devpts -o newinstance,ptmxmode=666 devpts "$r/dev/pts" &&
			exec chroot "$r" "$@"' sh "$root" "$@"
}

# INITRD=No: the kernels' postinst hooks (initramfs-tools, dracut) skip
# making an initramfs, which the guests do not use (tools/mkinitramfs.sh).
apt_in_root()
{
	in_root env DEBIAN_FRONTEND=noninteractive LC_ALL=C INITRD=No apt-get \
		-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
		-o APT::Install-Recommends=false -o Acquire::Check-Valid-Until=false \
		-q -y "$@"
}

refresh()
{
	sources_of "$rel" >"$root/etc/apt/sources.list"
	apt_in_root update >/dev/null
	# shellcheck disable=SC2086 # a list of packages
	apt_in_root install $want >/dev/null
	apt_in_root dist-upgrade >/dev/null
	apt_in_root autoremove --purge >/dev/null
	apt_in_root clean
	echo "$want" >"$stamp"
}

# Debian's arm64 5.10 and 6.1 kernels are built without
# CONFIG_KALLSYMS_ALL: memdiag.ko then finds the kernel data it reads in the
# kernel's System.map, and the one in /boot is a placeholder; the real map
# is in linux-image-RELEASE-dbg, where memdiag.ko looks too
# (/usr/lib/debug/boot). Only the map is kept (the package is ~800 MB).
system_maps()
{
	local cfg k map
	for cfg in "$root"/boot/config-*; do
		[ -e "$cfg" ] || continue
		grep -q '^CONFIG_KALLSYMS_ALL=y' "$cfg" && continue
		k=${cfg##*/config-}
		map=$root/usr/lib/debug/boot/System.map-$k
		[ "$(wc -c <"$map" 2>/dev/null || echo 0)" -gt 4096 ] && continue
		echo "release-root: $k has no CONFIG_KALLSYMS_ALL: taking its System.map from linux-image-$k-dbg" >&2
		in_root sh -c "cd /tmp && rm -f linux-image-$k-dbg_*.deb &&
			apt-get download -q linux-image-$k-dbg >/dev/null &&
			dpkg-deb --fsys-tarfile linux-image-$k-dbg_*.deb |
				tar -x -C / ./usr/lib/debug/boot/System.map-$k;
			rc=\$?; rm -f linux-image-$k-dbg_*.deb; exit \$rc" ||
			die "could not get the System.map of $k (linux-image-$k-dbg)"
	done
}

if [ -e "$stamp" ]; then
	age=$(($(date +%s) - $(stat -c %Y "$stamp")))
	if [ "$(cat "$stamp")" != "$want" ] || [ "$age" -gt "$MAX_AGE" ]; then
		echo "release-root: bringing $rel up to date with the archive" >&2
		refresh || die "could not update $root (apt failed; see above)"
	fi
	[ "$arch" = arm64 ] && system_maps
	echo "$root"
	exit 0
fi

echo "release-root: making the $rel root in $root (a few minutes)" >&2
rm -rf "$root.new"
include=$(echo "${BASE[@]}" | tr ' ' ,)
if ! debootstrap --arch="$arch" --variant=minbase --include="$include" "$suite" "$root.new" "$MIRROR" \
	>"$ROOTS/$rel.debootstrap.log" 2>&1; then
	tail -n 20 "$ROOTS/$rel.debootstrap.log" >&2
	die "debootstrap of $rel failed (log: $ROOTS/$rel.debootstrap.log)"
fi
rm -rf "$root"
mv "$root.new" "$root"
echo "$arch" >"$root/.memdiag-arch"
# Kernel images run update-initramfs: harmless, and the guests do not use it.
refresh || { mv "$root" "$root.failed"; die "installing $rel's kernels failed"; }
[ "$arch" = arm64 ] && system_maps
echo "$root"
