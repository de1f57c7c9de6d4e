#!/bin/bash
# The supported kernels, as the release roots hold them now: one line per
# kernel, "RELEASE KREL NAME SUITE":
#   RELEASE  the Debian release whose root (tools/release-root.sh) holds it
#   KREL     its release string, resolved from the root (never written down)
#   NAME     the line and flavour: 5.10, 6.1, 6.12, 6.12-rt, 6.12-cloud, 7.2...
#            (6.1-arm64, 6.12-arm64, 7.2-arm64 in the arm64 roots)
#   SUITE    full (every selftest: the generic kernels) or subset (the rt
#            and cloud flavours: the named subset of tools/check.sh)
#   tools/matrix.sh [RELEASE...]   (default: every amd64 release;
#                                   --arm64: every arm64 root)
# A release whose root is not made yet is skipped with a message on stderr.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --arm64 ]; then
	set -- $("$top/tools/release-root.sh" --list-arm64)
elif [ $# -eq 0 ]; then
	set -- $("$top/tools/release-root.sh" --list)
fi

# The kernel lines each release serves (what release-root.sh installs).
lines_of()
{
	case $1 in
	bullseye) echo 5.10 ;;
	bookworm) echo 6.1 6.12 ;;
	bookworm-arm64) echo 6.1 ;;
	trixie | trixie-arm64) echo 6.12 ;;
	sid | sid-arm64) echo 7.2 ;;
	esac
}

for rel in "$@"; do
	root=$("$top/tools/release-root.sh" --path "$rel")
	if [ ! -e "$root/.memdiag-root" ]; then
		echo "matrix: no $rel root yet (tools/release-root.sh $rel)" >&2
		continue
	fi
	for line in $(lines_of "$rel"); do
		for flavour in "" rt cloud; do
			# The newest installed release of that line and flavour.
			krel=$(for f in "$root"/boot/vmlinuz-"$line".*; do
				[ -e "$f" ] || continue
				k=${f##*/vmlinuz-}
				# build is an absolute link, into the root's /usr/src
				[ -e "$root/usr/src/linux-headers-$k/Makefile" ] || continue
				case $k in
				*-rt-amd64 | *-rt-arm64) f=rt ;;
				*-cloud-amd64 | *-cloud-arm64) f=cloud ;;
				*-arm64-16k) f=16k ;;
				*) f= ;;
				esac
				if [ "$f" = "$flavour" ]; then echo "$k"; fi
			done | sort -V | tail -n1)
			[ -n "$krel" ] || continue
			name=$line
			case $rel in *-arm64) name=$line-arm64 ;; esac
			if [ -z "$flavour" ]; then
				echo "$rel $krel $name full"
			else
				echo "$rel $krel $name-$flavour subset"
			fi
		done
	done
done
