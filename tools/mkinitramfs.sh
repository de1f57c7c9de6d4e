#!/bin/bash
# Build the small busybox initramfs that tools/vm-run boots a Debian kernel with.
#
# The image does only what the host root filesystem cannot do for itself: load
# the virtio/9p modules (they live on the host root we are about to mount),
# mount the host root read-only over 9p, vm-run's per-run control share on
# /run/vm-run, the work tree and the usual pseudo file systems, and
# switch_root into the host root, exec'ing the guest-side init script that
# vm-run named in the control share (normally tools/guest-init.sh).
#
# The result is cached: an existing OUT is reused when its key (a hash of this
# script, busybox, the kernel's modules.dep and the module files) still matches.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(dirname "$(dirname "$SELF")")
BUSYBOX=${BUSYBOX:-/bin/busybox}

# Needed to mount a 9p share over virtio-pci; dependencies come from modules.dep.
# Modules that are built in (virtio_pci on 6.12) are skipped.
WANT=(virtio_pci 9pnet_virtio 9p)

usage() {
	cat <<EOF
usage: tools/mkinitramfs.sh [-f] [-o OUT] [-R ROOT] [-D] KREL
       tools/mkinitramfs.sh [-f] [-o OUT] -N
Build (or reuse) the vm-run initramfs for kernel release KREL and print its path.
  -o OUT  output file (default: build/cache/initramfs-KREL.cpio.gz in the repo)
  -R ROOT the root file system whose /lib/modules/KREL the modules come from
          (a release root of tools/release-root.sh; default /)
  -D      for a kernel without 9p: the root and the work tree come from
          virtio disks (vm-run passes memdiag.root=disk), so load the
          virtio-blk and ext4 modules instead of 9p's
  -f      rebuild even if the cached image is up to date
  -N      no modules: for a kernel with virtio-pci and 9p built in (the
          debug kernel of tools/debug-kernel.sh)
EOF
}

force=0
out=
nomods=0
modroot=/
while getopts "fo:R:DNh" opt; do
	case $opt in
	R) modroot=$OPTARG ;;
	D) WANT=(virtio_pci virtio_blk ext4) ;;
	f) force=1 ;;
	o) out=$OPTARG ;;
	N) nomods=1 ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $nomods = 1 ]; then
	[ $# -eq 0 ] || { usage >&2; exit 2; }
	krel=nomods
	moddir=$(mktemp -d "${TMPDIR:-/tmp}/mkinitramfs-nomods.XXXXXX")
	trap 'rm -rf "$moddir"' EXIT
	: >"$moddir/modules.dep"
	WANT=()
else
	[ $# -eq 1 ] || { usage >&2; exit 2; }
	krel=$1
	moddir=${modroot%/}/lib/modules/$krel
fi
out=${out:-$REPO/build/cache/initramfs-$krel.cpio.gz}

die() { echo "mkinitramfs: $*" >&2; exit 1; }
[ -r "$moddir/modules.dep" ] || die "no $moddir/modules.dep (is linux-image-$krel installed?)"
[ -x "$BUSYBOX" ] || die "no $BUSYBOX (install busybox-static)"
# A dynamic busybox would need its libraries in the image: insist on the static one.
if ldd "$BUSYBOX" >/dev/null 2>&1; then
	die "$BUSYBOX is dynamically linked (install busybox-static)"
fi

# --- resolve the module load order from modules.dep --------------------------
declare -A path_of=() deps_of=() done_=()
while IFS= read -r line; do
	mod=${line%%:*}
	name=${mod##*/}
	name=${name%%.ko*}
	name=${name//-/_}
	path_of[$name]=$mod
	deps_of[$mod]=${line#*:}
done <"$moddir/modules.dep"

order=()
visit() { # depth first: dependencies before the module itself
	local m=$1 d
	[ -n "${done_[$m]:-}" ] && return
	done_[$m]=1
	for d in ${deps_of[$m]}; do visit "$d"; done
	order+=("$m")
}
for w in ${WANT[@]+"${WANT[@]}"}; do
	if [ -n "${path_of[$w]:-}" ]; then
		visit "${path_of[$w]}"
	elif ! grep -Eq "/${w}\.ko" "$moddir/modules.builtin" 2>/dev/null; then
		[ "$w" = ext4 ] && grep -Eq "/ext4\.ko" "$moddir/modules.builtin" 2>/dev/null && continue
		die "module $w is neither in modules.dep nor built into $krel"
	fi
done

# --- cache check ----------------------------------------------------------------
key=$( {
	echo "$krel ${WANT[*]}"
	sha256sum "$SELF" "$BUSYBOX" "$moddir/modules.dep"
	for m in ${order[@]+"${order[@]}"}; do sha256sum "$moddir/$m"; done
} | sha256sum | cut -d' ' -f1)
if [ "$force" = 0 ] && [ -s "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ]; then
	echo "$out"
	exit 0
fi

# --- build ----------------------------------------------------------------------
stage=$(mktemp -d "${TMPDIR:-/tmp}/mkinitramfs.XXXXXX")
trap 'rm -rf "$stage"; [ $nomods = 1 ] && rm -rf "$moddir"' EXIT
mkdir -p "$stage"/{bin,dev,proc,sys,newroot,mods}
cp "$BUSYBOX" "$stage/bin/busybox"
for a in $("$BUSYBOX" --list); do
	[ "$a" = busybox ] || ln -s busybox "$stage/bin/$a"
done
# The kernel's built-in initramfs normally provides /dev/console; add one anyway
# when we may (root), so init has a console even if that ever changes.
mknod "$stage/dev/console" c 5 1 2>/dev/null || true

: >"$stage/modules.order"
for m in ${order[@]+"${order[@]}"}; do
	base=${m##*/}
	base=${base%%.ko*}.ko
	# busybox insmod cannot read compressed modules (6.12 ships .ko.xz).
	case $m in
	*.ko.xz) xz -dc "$moddir/$m" >"$stage/mods/$base" ;;
	*.ko.zst) zstd -qdc "$moddir/$m" >"$stage/mods/$base" ;;
	*.ko.gz) gzip -dc "$moddir/$m" >"$stage/mods/$base" ;;
	*) cp "$moddir/$m" "$stage/mods/$base" ;;
	esac
	echo "$base" >>"$stage/modules.order"
done

cat >"$stage/init" <<'EOF'
#!/bin/sh
# PID 1 of the vm-run initramfs (generated by tools/mkinitramfs.sh).
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1

fail() { # PID 1 must never exit (that panics); report and power off instead
	echo "vm-run-initramfs: $*"
	echo "VMRUN-INIT-FAILED"
	echo o >/proc/sysrq-trigger || echo o >/newroot/proc/sysrq-trigger
	while :; do sleep 1; done
}

while read -r m; do
	insmod "/mods/$m" || fail "insmod $m failed"
done </modules.order

# kvm-probe.sh boots just this far to see whether the accelerator runs a guest.
case " $(cat /proc/cmdline) " in
*" memdiag.probe=1 "*)
	echo "MEMDIAG-PROBE-OK"
	echo o >/proc/sysrq-trigger
	while :; do sleep 1; done ;;
esac

mnt() { mount "$@" || fail "mount $* failed"; }
case " $(cat /proc/cmdline) " in
*" memdiag.root=disk "*)
	# No 9p in this kernel: the root and the work tree are disks, told
	# apart by the serial numbers vm-run gave them.
	i=0
	while :; do
		rootdev= workdev=
		for b in /sys/block/vd*; do
			case $(cat "$b/serial" 2>/dev/null) in
			memdiag-root) rootdev=/dev/${b##*/} ;;
			memdiag-work) workdev=/dev/${b##*/} ;;
			esac
		done
		[ -n "$rootdev" ] && [ -n "$workdev" ] && [ -b "$rootdev" ] && [ -b "$workdev" ] && break
		i=$((i + 1))
		[ $i -ge 100 ] && fail "the root and work disks did not appear"
		sleep 0.1
	done
	mnt -t ext4 "$rootdev" /newroot
	mkdir -p /work
	mnt -t ext2 "$workdev" /work
	read -r init </work/.vmctl/init || fail "no init named on the work disk"
	read -r workdir </work/.vmctl/workdir || fail "no work dir named on the work disk"
	mnt -t tmpfs -o mode=0755,nosuid,nodev tmpfs /newroot/run
	mkdir -p /newroot/run/vm-run
	mount --bind /work/.vmctl /newroot/run/vm-run || fail "cannot bind the control files"
	diskroot=1
	;;
*) diskroot=0 ;;
esac

opts=trans=virtio,version=9p2000.L,msize=131072
# The host root is read-only and changes rarely during a run: cache=loose lets
# the guest keep binaries and libraries in its page cache. The writable
# shares stay uncached so both sides see each other's writes at once.
# The virtio device is probed when 9pnet_virtio loads; retry briefly anyway.
i=0
[ $diskroot = 1 ] || until mount -t 9p -o "ro,cache=loose,$opts" hostroot /newroot; do
	i=$((i + 1))
	[ $i -ge 50 ] && fail "cannot mount the host root (9p tag hostroot)"
	sleep 0.1
done
if [ $diskroot = 0 ]; then
	mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs /newroot/run || fail "cannot mount /run"
	mkdir -p /newroot/run/vm-run
	mount -t 9p -o "$opts" vmctl /newroot/run/vm-run || fail "cannot mount the control share (9p tag vmctl)"
	read -r init </newroot/run/vm-run/init || fail "no init named in the control share"
	read -r workdir </newroot/run/vm-run/workdir || fail "no work dir named in the control share"
fi
[ -r "/newroot$init" ] || fail "guest init $init not readable on the host root"

# The rest of the guest's mounts are done here rather than in guest-init.sh:
# busybox is already in memory, while every exec from the 9p root (mount and
# its libraries) costs a few hundred ms under TCG.
mount --move /proc /newroot/proc
mount --move /sys /newroot/sys
mount --move /dev /newroot/dev
mnt -t tmpfs -o mode=1777,nosuid,nodev tmpfs /newroot/tmp
mnt -t tmpfs -o mode=1777,nosuid,nodev tmpfs /newroot/var/tmp
mkdir -p /newroot/dev/pts /newroot/dev/shm
mnt -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /newroot/dev/pts
mnt -t tmpfs -o mode=1777,nosuid,nodev tmpfs /newroot/dev/shm
mnt -t cgroup2 -o nsdelegate cgroup2 /newroot/sys/fs/cgroup
mnt -t debugfs debugfs /newroot/sys/kernel/debug
mnt -t tracefs tracefs /newroot/sys/kernel/tracing
# The work tree, writable, at the same absolute path as on the host, after
# the tmpfs mounts above (a work dir below /tmp or /run is under one).
mkdir -p "/newroot$workdir" || fail "cannot create mount point $workdir"
if [ $diskroot = 0 ]; then
	# cache=mmap: still uncached reads and writes, but MAP_SHARED writable mmap
	# works (plain cache=none refuses it with EINVAL).
	mnt -t 9p -o "cache=mmap,$opts" work "/newroot$workdir"
else
	mount --bind "/work$workdir" "/newroot$workdir" || fail "cannot bind the work tree"
fi
ip link set lo up 2>/dev/null

exec switch_root /newroot /bin/bash "$init"
fail "switch_root failed"
EOF
chmod 755 "$stage/init"

mkdir -p "$(dirname "$out")"
tmp=$(mktemp "$out.tmp.XXXXXX")
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$tmp"
# rename() is atomic, so concurrent vm-runs never see a half-written image.
echo "$key" >"$tmp.key"
chmod 644 "$tmp"
mv -f "$tmp" "$out"
mv -f "$tmp.key" "$out.key"
echo "$out"
