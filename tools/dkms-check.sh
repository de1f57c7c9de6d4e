#!/bin/bash
# DKMS, as a Debian machine runs it, in scratch trees (nothing goes to
# /usr/src, /var/lib/dkms or /lib/modules): make install-dkms-source, dkms
# add, then for every installed supported kernel what the kernel package's
# hook (/etc/kernel/postinst.d/dkms) runs when that kernel is installed or
# upgraded: dkms autoinstall -k RELEASE, which builds and installs. Each
# must give memdiag.ko for that kernel in updates/dkms/, of the version
# dkms.conf says, signed with the MOK key DKMS makes (as Debian's DKMS signs
# for Secure Boot).
# Usage: tools/dkms-check.sh [KERNEL-RELEASE...]
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kernels=${*:-$("$top/tools/kernels.sh")}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
bad() { echo "dkms-check: $*" >&2; fail=1; }
command -v dkms >/dev/null || { echo "dkms-check: dkms missing (tools/setup.sh)" >&2; exit 1; }

ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
kver=$(sed -n 's/^#define MEMDIAG_VERSION "\(.*\)"/\1/p' "$top/kmod/memdiag.h")
[ -n "$ver" ] && [ "$ver" = "$kver" ] ||
	bad "dkms.conf's PACKAGE_VERSION '$ver' is not kmod/memdiag.h's MEMDIAG_VERSION '$kver'"
grep -qx 'AUTOINSTALL="yes"' "$top/dkms.conf" ||
	bad "dkms.conf does not rebuild for new kernels (AUTOINSTALL)"

make -s -C "$top" install-dkms-source DESTDIR="$t" || exit 1
src=$t/usr/src/memdiag-$ver
extra=$(cd "$src" && find . -name '*.o' -o -name '*.ko' -o -name '*.mod*' -o -name '.*.cmd')
[ -z "$extra" ] || bad "build products in the DKMS sources: $extra"

# Signing key and certificate in the scratch tree too (DKMS would make
# /var/lib/dkms/mok.key otherwise); the environment overrides its defaults.
export mok_signing_key=$t/mok.key mok_certificate=$t/mok.pub
trees=(--sourcetree "$t/usr/src" --dkmstree "$t/dkms" --installtree "$t/inst")
mkdir -p "$t/dkms" "$t/inst"
dkms add -m memdiag -v "$ver" "${trees[@]}" >"$t/add.log" 2>&1 ||
	{ cat "$t/add.log"; bad "dkms add failed"; exit 1; }
for rel in $kernels; do
	mkdir -p "$t/inst/$rel"
	# dkms 3 looks for the headers below the install tree too.
	ln -sfn "/lib/modules/$rel/build" "$t/inst/$rel/build"
	if ! dkms autoinstall -k "$rel" --no-depmod "${trees[@]}" >"$t/build-$rel.log" 2>&1; then
		cat "$t/build-$rel.log" "$t/dkms/memdiag/$ver/build/make.log" 2>/dev/null | tail -n 30
		bad "dkms autoinstall for $rel failed"
		continue
	fi
	ko=$(ls "$t/inst/$rel/updates/dkms/memdiag.ko"* 2>/dev/null | head -n1)
	if [ -z "$ko" ]; then
		tail -n 30 "$t/build-$rel.log"
		bad "dkms autoinstall for $rel installed no memdiag.ko in updates/dkms"
		continue
	fi
	[ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$rel" ] ||
		bad "$ko is not built for $rel"
	[ "$(modinfo -F version "$ko")" = "$ver" ] || bad "$ko is not version $ver"
	[ "$(modinfo -F signer "$ko")" = "DKMS module signing key" ] ||
		bad "$ko is not signed with the DKMS MOK key"
	echo "dkms-check: built, signed and installed for $rel: ${ko#$t/}"
done
dkms status -m memdiag "${trees[@]}" 2>/dev/null
dkms remove -m memdiag -v "$ver" --all --no-depmod "${trees[@]}" >/dev/null 2>&1
exit $fail
