#!/bin/bash
# Build (once per machine) a Linux 6.12 debug kernel from Debian's
# linux-source-6.12 for `make check-debug`: KASAN, lockdep, PROVE_RCU,
# DEBUG_ATOMIC_SLEEP, kmemleak, UBSAN, DEBUG_LIST, with everything a guest run
# needs built in (virtio, 9p, zram, tracefs kprobes), so it boots without
# modules. The tree is kept outside the repository, in
# $MEMDIAG_DEBUG_KERNEL_DIR (default /var/cache/memdiag/debug-kernel), and
# rebuilt only when this script's configuration or the source changes.
# The first build took 76 minutes here, on 2 cores shared with running QEMU
# guests; it writes its own time to build.log. Prints the tree's path.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
base=${MEMDIAG_DEBUG_KERNEL_DIR:-/var/cache/memdiag/debug-kernel}
tarball=$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n1 || true)
[ -n "$tarball" ] || { "$top/tools/setup.sh" --debug >&2; tarball=$(ls /usr/src/linux-source-6.12.tar.* | head -n1); }
name=$(basename "$tarball"); name=${name%.tar.*}
tree=$base/$name

# Everything that decides the result: a change rebuilds.
key=$( { stat -c '%s %Y' "$tarball"; sed -n '/^OPTS=(/,/^)/p' "$0"; } | sha256sum | cut -c1-16)
if [ -e "$tree/.memdiag-built" ] && [ "$(cat "$tree/.memdiag-built")" = "$key" ]; then
	echo "$tree"
	exit 0
fi

OPTS=(
	-e KASAN -e KASAN_GENERIC -e KASAN_INLINE
	-e PROVE_LOCKING -e PROVE_RCU -e DEBUG_ATOMIC_SLEEP -e DEBUG_LIST
	-e DEBUG_KMEMLEAK -d DEBUG_KMEMLEAK_DEFAULT_OFF -e DEBUG_KMEMLEAK_AUTO_SCAN
	-e UBSAN -e UBSAN_BOUNDS -e UBSAN_SHIFT
	-e KPROBES -e KRETPROBES -e KPROBE_EVENTS -e FTRACE -e FUNCTION_TRACER
	-e DYNAMIC_FTRACE -e KALLSYMS -e KALLSYMS_ALL -e DEBUG_FS
	-e MODULES -e MODULE_UNLOAD -d MODULE_SIG -d MODULE_SIG_FORCE
	-e MEMCG -e SWAP -e ZSWAP -e COMPACTION -e TRANSPARENT_HUGEPAGE
	-e CGROUPS -e CGROUP_SCHED -e BPF_SYSCALL -e TMPFS -e DEVTMPFS
	-e NET_9P -e NET_9P_VIRTIO -e 9P_FS -e 9P_FS_POSIX_ACL
	-e VIRTIO -e VIRTIO_PCI -e VIRTIO_BLK -e VIRTIO_CONSOLE
	-e ZRAM -e CRYPTO_LZO -e CRYPTO_LZ4 -e CRYPTO_ZSTD
	-e BLK_DEV_LOOP -e SERIAL_8250 -e SERIAL_8250_CONSOLE -e MAGIC_SYSRQ
	-e PVH -e NUMA
	-e DEBUG_INFO_NONE -d DEBUG_INFO_BTF -d WERROR
	--set-str LOCALVERSION -memdiag-debug -d LOCALVERSION_AUTO
)

echo "debug-kernel: building $name with KASAN, lockdep, kmemleak, UBSAN in $tree (76 min here on 2 busy cores)" >&2
mkdir -p "$base"
rm -rf "$tree"
tar -C "$base" -xf "$tarball"
cd "$tree"
make -s x86_64_defconfig >/dev/null
make -s kvm_guest.config >/dev/null
scripts/config "${OPTS[@]}"
make -s olddefconfig
log=$base/build.log
start=$SECONDS
# modules_install gives the guest a /lib/modules/RELEASE (modules.builtin:
# modprobe of a built-in driver succeeds), which tools/vm-run -K mounts.
if ! { make -j"$(nproc)" bzImage modules &&
	make -s INSTALL_MOD_PATH="$tree/_modinst" modules_install; } >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	echo "debug-kernel: build failed; full log in $log" >&2
	exit 1
fi
took="debug-kernel: built in $(((SECONDS - start + 59) / 60)) min on $(nproc) cores"
echo "$took" | tee -a "$log" >&2
echo "$key" >.memdiag-built
echo "$tree"
