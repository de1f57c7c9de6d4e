#!/bin/bash
# List the installed kernel releases memdiag supports (Debian 5.10, 6.1, 6.12
# and 7.2, generic, rt and cloud; image and headers both present) of this
# system (in a release root: that root's), or resolve a shorthand:
#   tools/kernels.sh            all supported installed releases, one a line
#   tools/kernels.sh 6.12       the newest installed release of that series
#   tools/kernels.sh 6.12-rt    the newest installed PREEMPT_RT 6.12 release
#   tools/kernels.sh 6.1.0-56-amd64   itself, if installed
set -euo pipefail

series_re='^(5\.10|6\.1|6\.12|7\.2)\.'

installed()
{
	local d rel
	for d in /lib/modules/*/; do
		rel=$(basename "$d")
		[ -e "/boot/vmlinuz-$rel" ] && [ -e "/lib/modules/$rel/build/Makefile" ] &&
			echo "$rel"
	done | sort -V
}

if [ $# -eq 0 ]; then
	installed | grep -E "$series_re" || true
	exit 0
fi
want=$1
# 6.12-rt, 7.2-cloud: the newest installed release of that line and flavour.
case $want in
*-rt | *-cloud)
	line=${want%-*} flavour=${want##*-}
	match=$(installed | grep -E "^${line//./\\.}\\..*-$flavour-" | tail -n1 || true)
	[ -n "$match" ] || { echo "kernels: no $want kernel installed here" >&2; exit 1; }
	echo "$match"
	exit 0 ;;
esac

if installed | grep -xF -- "$want" >/dev/null; then
	echo "$want"
	exit 0
fi
# A series shorthand such as 6.1 or 6.12 (not 6.1 matching 6.12).
match=$(installed | grep -Ev -- '-(rt|cloud)-' | grep -E "^${want//./\\.}[.-]" | tail -n1 || true)
if [ -z "$match" ]; then
	echo "kernels: no installed kernel matches '$want'; installed: $(installed | tr '\n' ' ')" >&2
	echo "kernels: the kernels are in the release roots: tools/release-root.sh, tools/matrix.sh" >&2
	exit 1
fi
echo "$match"
