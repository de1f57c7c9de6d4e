#!/bin/bash
# PID 1 inside a tools/vm-run guest, exec'd by the initramfs (see
# tools/mkinitramfs.sh) after it mounted everything and did switch_root into
# the host root. Runs the command vm-run left in the control share
# (/run/vm-run), hands back its exit status and the full kernel log through
# that share, and powers the guest off.
#
# Under TCG every exec of a dynamically linked binary from the 9p root costs
# a few hundred ms, so until the command runs this uses bash builtins only.
#
# Control share protocol (vm-run writes the first ones, we write the rest):
#   guest-init.sh  a copy of this script (the repo may be below the host's
#            /tmp, which the guest covers with a tmpfs)
#   init, workdir  read by the initramfs: this script's path, the work tree
#   config   bash assignments: VMRUN_WORKDIR, VMRUN_HOSTNAME, VMRUN_NDISKS,
#            VMRUN_MODDIR (host path mounted on /lib/modules, or empty)
#   env      exported variables passed through from the host
#   cmd      the command string, run with bash -c in VMRUN_WORKDIR
#   stdout, stderr   the command's output (vm-run streams them to its own)
#   started, finished  guest uptime around the command (timings for -v)
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
die() { # infrastructure failure: no status file, so vm-run exits 126
	msg "$*"
	echo "VMRUN-INIT-FAILED" >/dev/console
	poweroff_now
}

# shellcheck source=/dev/null
. "$CTL/config" || die "cannot read $CTL/config"

echo "$VMRUN_HOSTNAME" >/proc/sys/kernel/hostname

# What udev or systemd would have made: bash's <(...) and >(...) need /dev/fd.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
for i in 0:stdin 1:stdout 2:stderr; do
	[ -e "/dev/${i#*:}" ] || ln -s "/proc/self/fd/${i%%:*}" "/dev/${i#*:}"
done

# A kernel built outside Debian (vm-run -K) brings its own /lib/modules.
if [ -n "${VMRUN_MODDIR:-}" ]; then
	mount --bind "$VMRUN_MODDIR" /lib/modules || die "cannot mount $VMRUN_MODDIR on /lib/modules"
fi

if [ "${VMRUN_NDISKS:-0}" -gt 0 ]; then
	modprobe virtio_blk || die "modprobe virtio_blk failed"
	# devtmpfs creates the nodes; the probe is synchronous, but be patient.
	letters=abcdefghijklmnopqrstuvwxyz
	last=/dev/vd${letters:VMRUN_NDISKS-1:1}
	for ((i = 0; i < 50; i++)); do
		[ -b "$last" ] && break
		sleep 0.1
	done
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

cd / || :
# Writes to the control share go straight to the host (no cache), so no
# sync is needed before the status file; poweroff_now syncs the rest.
dmesg >"$CTL/dmesg" 2>&1
echo "$rc" >"$CTL/status"
# Also on the console, for anyone reading the raw log.
echo "VMRUN-EXIT-STATUS=$rc" >/dev/console
poweroff_now
