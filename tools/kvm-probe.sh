#!/bin/bash
# Does KVM really run a guest here? /dev/kvm existing and KVM_CREATE_VM
# succeeding is not enough: under some nested virtualisation guests die on
# "KVM internal error ... emulation failure" (QEMU then hangs, so we kill it).
# Boots the vm-run initramfs in probe mode (it prints a marker right after
# loading its modules) under KVM and checks the marker arrives.
#
# usage: tools/kvm-probe.sh [-q] [-f] [KREL]
#   exit 0 if KVM works, 1 if not. The answer is cached per host boot in
#   build/cache/kvm-probe (-f probes again); -q prints nothing.
set -uo pipefail

TOOLS=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
REPO=$(dirname "$TOOLS")
CACHE=$REPO/build/cache/kvm-probe
PROBE_TIMEOUT=20

quiet=0 force=0
while getopts "qf" opt; do
	case $opt in
	q) quiet=1 ;;
	f) force=1 ;;
	*) echo "usage: tools/kvm-probe.sh [-q] [-f] [KREL]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
say() { [ "$quiet" = 1 ] || echo "kvm-probe: $*"; }

# A new boot (or another machine) may differ: key the cache on the boot id.
boot_id=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo unknown)
if [ "$force" = 0 ] && read -r id result <"$CACHE" 2>/dev/null && [ "$id" = "$boot_id" ]; then
	say "KVM $([ "$result" = 1 ] && echo works || echo does not work) (cached)"
	[ "$result" = 1 ]
	exit
fi

probe() {
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then say "no usable /dev/kvm"; return 1; fi
	local krel=${1:-} initrd tmp pid i ok=1
	if [ -z "$krel" ]; then
		krel=$(find /lib/modules -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n1)
	fi
	[ -r "/boot/vmlinuz-$krel" ] || { say "no kernel to probe with"; return 1; }
	initrd=$("$TOOLS/mkinitramfs.sh" "$krel") || return 1
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/kvm-probe.XXXXXX") || return 1
	timeout -k 2 "$PROBE_TIMEOUT" qemu-system-x86_64 -nodefaults -no-user-config -nographic \
		-serial stdio -monitor none -no-reboot -accel kvm -cpu host -smp 1 -m 256 \
		-kernel "/boot/vmlinuz-$krel" -initrd "$initrd" \
		-append "console=ttyS0 panic=-1 quiet memdiag.probe=1" \
		</dev/null >"$tmp/out" 2>&1 &
	pid=$!
	# Poll instead of waiting out the timeout: a failing KVM says so at once.
	for ((i = 0; i < PROBE_TIMEOUT * 10; i++)); do
		if grep -aq MEMDIAG-PROBE-OK "$tmp/out"; then ok=0; break; fi
		if grep -aqiE 'KVM internal error|emulation failure|failed to initialize kvm' "$tmp/out"; then break; fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	grep -aq MEMDIAG-PROBE-OK "$tmp/out" && ok=0
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ $ok = 0 ] || say "KVM failed: $(grep -aiE -m1 'error|failure' "$tmp/out" || echo 'no marker from the guest')"
	rm -rf "$tmp"
	return $ok
}

mkdir -p "$(dirname "$CACHE")"
exec 9>"$CACHE.lock"
flock 9 # concurrent vm-runs probe once
if [ "$force" = 0 ] && read -r id result <"$CACHE" 2>/dev/null && [ "$id" = "$boot_id" ]; then
	[ "$result" = 1 ]
	exit
fi
if probe "${1:-}"; then result=1; say "KVM works"; else result=0; say "KVM does not work; use TCG"; fi
echo "$boot_id $result" >"$CACHE.tmp" && mv -f "$CACHE.tmp" "$CACHE"
[ "$result" = 1 ]
