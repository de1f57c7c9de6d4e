#!/bin/bash
# Run a command inside a release root (tools/release-root.sh) as a user of
# that release would: its compiler, its libraries, its kernel headers. The
# work tree (or -w DIR) is bind-mounted at the same path, /proc, /dev and
# /sys are mounted (objtool reads /proc), and every mount is private to the
# command, gone when it ends. -b DIR bind-mounts DIR read-only at the same
# path too (an arm64 root as the sysroot of a cross build).
#   tools/in-root.sh [-w DIR] [-b DIR] RELEASE|ROOTDIR -- COMMAND...
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
work=$top
extra=
while getopts "w:b:h" opt; do
	case $opt in
	w) work=$(cd "$OPTARG" && pwd) ;;
	b) extra=$(cd "$OPTARG" && pwd) ;;
	h) sed -n '2,9p' "$0"; exit 0 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-w DIR] [-b DIR] RELEASE|ROOTDIR -- COMMAND..." >&2; exit 2; }
root=$1
shift
[ "${1:-}" = -- ] && shift
[ $# -ge 1 ] || { echo "in-root: no command" >&2; exit 2; }
case $root in
*/*) ;;
*) root=$("$top/tools/release-root.sh" --path "$root") ;;
esac
[ -e "$root/.memdiag-root" ] || {
	echo "in-root: $root is not a finished release root; run tools/release-root.sh" >&2
	exit 1
}

# $work may be anywhere (a fresh clone in /tmp): make its mount point.
exec unshare -m --propagation private /bin/bash -c '
	set -e
	root=$1 work=$2 home=$3 extra=$4
	shift 4
	mount -t proc proc "$root/proc"
	mount --bind /dev "$root/dev"
	mount -t sysfs sysfs "$root/sys"
	mount -t tmpfs tmpfs "$root/tmp"
	mkdir -p "$root$work"
	mount --bind "$work" "$root$work"
	if [ -n "$extra" ]; then
		mkdir -p "$root$extra"
		mount --bind -o ro "$extra" "$root$extra"
	fi
	cmd="cd \"$work\" && $*"
	exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/tmp LC_ALL=C.UTF-8 TERM=dumb MAKEFLAGS="${MAKEFLAGS:-}" \
		/bin/bash -c "$cmd"' sh "$root" "$work" "$HOME" "$extra" "$*"
