#!/bin/bash
# List the installed kernel releases memdiag supports (Debian 6.1 and 6.12,
# image and headers both present), or resolve a shorthand:
#   tools/kernels.sh            all supported installed releases, one a line
#   tools/kernels.sh 6.12       the newest installed release of that series
#   tools/kernels.sh 6.12-rt    the newest installed PREEMPT_RT 6.12 release
#   tools/kernels.sh 6.1.0-56-amd64   itself, if installed
set -euo pipefail

series_re='^6\.(1|12)\.'

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
	# Debian's PREEMPT_RT build of 6.12 is supported too (6.12-rt).
	installed | grep -E "$series_re" | grep -Ev -- '-rt-' || true
	installed | grep -E '^6\.12\..*-rt-' | tail -n1 || true
	exit 0
fi
want=$1
# 6.12-rt: the newest installed PREEMPT_RT release of 6.12.
if [ "$want" = 6.12-rt ]; then
	match=$(installed | grep -E '^6\.12\..*-rt-' | tail -n1 || true)
	[ -n "$match" ] || { echo "kernels: no 6.12 PREEMPT_RT kernel installed; run tools/setup.sh" >&2; exit 1; }
	echo "$match"
	exit 0
fi

if installed | grep -xF -- "$want" >/dev/null; then
	echo "$want"
	exit 0
fi
# A series shorthand such as 6.1 or 6.12 (not 6.1 matching 6.12).
match=$(installed | grep -v -- '-rt-' | grep -E "^${want//./\\.}[.-]" | tail -n1 || true)
if [ -z "$match" ]; then
	echo "kernels: no installed kernel matches '$want'; installed: $(installed | tr '\n' ' ')" >&2
	echo "kernels: run tools/setup.sh to install Debian's 6.1 and 6.12 kernels" >&2
	exit 1
fi
echo "$match"
