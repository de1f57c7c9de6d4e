#!/bin/bash
# PID 1 inside a tools/vm-run guest, exec'd by the initramfs after switch_root
# into the host root (read-only 9p). It finishes the mounts, runs the command
# vm-run left in the control share (/run/vm-run), hands back its exit status
# and the full kernel log through that share, and powers the guest off.
#
# Control share protocol (vm-run writes the first three, we write the rest):
#   config   bash assignments: VMRUN_WORKDIR, VMRUN_HOSTNAME, VMRUN_NDISKS, VMRUN_VERBOSE
#   env      exported variables passed through from the host (declare -x lines)
#   cmd      the command string, run with bash -c in VMRUN_WORKDIR
#   stdout, stderr   the command's output (vm-run streams them to its own)
#   started  guest uptime when the command started (boot time for -v)
#   dmesg    full kernel log after the command
#   status   the command's exit status; written last, so its presence means
#            everything above is complete
CTL=/run/vm-run
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp TERM=dumb LANG=C.UTF-8

msg() { echo "vm-run guest: $*" >/dev/console; }
poweroff_now() {
	sync
	echo o >/proc/sysrq-trigger
	# PID 1 must not exit (the kernel would panic): wait for the power-off.
	while :; do sleep 1; done
}
die() { # infrastructure failure: no status file, vm-run reports exit 126
	msg "$*"
	echo "VMRUN-INIT-FAILED" >/dev/console
	poweroff_now
}

# shellcheck source=/dev/null
. "$CTL/config" || die "cannot read $CTL/config"

# Every exec of a dynamically linked binary costs a lot under TCG with the
# root on 9p (ld.so, libraries): use static busybox and bash builtins until
# the command runs.
BB=/bin/busybox
mnt() { $BB mount "$@" || die "mount $* failed"; }
mnt -t tmpfs -o mode=1777,nosuid,nodev tmpfs /tmp
mnt -t tmpfs -o mode=1777,nosuid,nodev tmpfs /var/tmp
$BB mkdir -p /dev/pts /dev/shm
mnt -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mnt -t tmpfs -o mode=1777,nosuid,nodev tmpfs /dev/shm
mnt -t cgroup2 -o nsdelegate cgroup2 /sys/fs/cgroup
mnt -t debugfs debugfs /sys/kernel/debug
mnt -t tracefs tracefs /sys/kernel/tracing
# The work tree, writable, at the same absolute path as on the host (mkdir for
# work dirs below /tmp or /run, which are fresh tmpfs here).
$BB mkdir -p "$VMRUN_WORKDIR" || die "cannot create mount point $VMRUN_WORKDIR"
mnt -t 9p -o trans=virtio,version=9p2000.L,msize=131072 work "$VMRUN_WORKDIR"

echo "$VMRUN_HOSTNAME" >/proc/sys/kernel/hostname
$BB ip link set lo up 2>/dev/null || true
# Keep kernel chatter off the console unless -v: vm-run scans the full dmesg
# afterwards anyway, and panics (KERN_EMERG) still get through.
[ "${VMRUN_VERBOSE:-0}" = 1 ] || echo 1 >/proc/sys/kernel/printk

if [ "${VMRUN_NDISKS:-0}" -gt 0 ]; then
	modprobe virtio_blk || die "modprobe virtio_blk failed"
	# devtmpfs creates the nodes; the probe is synchronous, but be patient.
	letters=abcdefghijklmnopqrstuvwxyz
	last=/dev/vd${letters:VMRUN_NDISKS-1:1}
	for _ in $(seq 50); do [ -b "$last" ] && break; sleep 0.1; done
	[ -b "$last" ] || die "$last did not appear"
fi

# shellcheck source=/dev/null
[ -r "$CTL/env" ] && . "$CTL/env"
cd "$VMRUN_WORKDIR" || die "cannot cd to $VMRUN_WORKDIR"

read -r up _ </proc/uptime
echo "$up" >"$CTL/started"
bash -c "$(<"$CTL/cmd")" </dev/null >"$CTL/stdout" 2>"$CTL/stderr"
rc=$?
read -r up _ </proc/uptime
echo "$up" >"$CTL/finished"

cd /
dmesg >"$CTL/dmesg" 2>&1
sync
echo "$rc" >"$CTL/status"
# Also on the console, for anyone reading the raw log.
echo "VMRUN-EXIT-STATUS=$rc" >/dev/console
poweroff_now
