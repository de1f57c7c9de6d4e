#!/bin/bash
# make install into a scratch DESTDIR, then check what it installed: the
# files and their modes, the module for the kernel asked for, the man pages
# (groff/man warnings; every command, option and column memdiagctl --help
# lists is in memdiagctl(8)), and the bash completion (it loads, and offers
# the commands, options and columns --help lists).
# Usage: tools/install-check.sh [KERNEL-RELEASE]
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
rel=${1:-$("$top/tools/kernels.sh" | head -n1)}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
fail=0
bad() { echo "install-check: $*" >&2; fail=1; }

make -s -C "$top" install DESTDIR="$dest" PREFIX=/usr KVER="$rel" >/dev/null ||
	{ echo "install-check: make install failed" >&2; exit 1; }

for f in usr/sbin/memdiagctl:755 usr/share/man/man8/memdiagctl.8:644 \
	 usr/share/man/man4/memdiag.4:644 \
	 usr/share/bash-completion/completions/memdiagctl:644 \
	 usr/include/linux/memdiag.h:644; do
	[ "$(stat -c %a "$dest/${f%:*}" 2>/dev/null)" = "${f#*:}" ] ||
		bad "${f%:*} missing or not mode ${f#*:}"
done
ko=$(find "$dest/lib/modules/$rel" -name 'memdiag.ko*' 2>/dev/null | head -n1)
[ -n "$ko" ] && [ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$rel" ] ||
	bad "memdiag.ko for $rel not installed under /lib/modules/$rel"
cmp -s "$dest/usr/include/linux/memdiag.h" "$top/include/uapi/linux/memdiag.h" ||
	bad "the installed header is not include/uapi/linux/memdiag.h"

# Man pages: no warnings from groff or man.
for m in man8/memdiagctl.8 man4/memdiag.4; do
	out=$(groff -man -ww -z "$dest/usr/share/man/$m" 2>&1)
	[ -z "$out" ] || bad "groff warns about $m: $out"
	out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$dest/usr/share/man/$m" 2>&1 >/dev/null)
	[ -z "$out" ] || bad "man warns about $m: $out"
done

# memdiagctl(8) documents everything --help lists.
ctl=$dest/usr/sbin/memdiagctl
. "$dest/usr/share/bash-completion/completions/memdiagctl" 2>/dev/null ||
	bad "the bash completion does not load"
# Entries are indented by the page's default indent, which differs between
# groff releases (7 columns up to 1.22, 5 in sid's 1.23): any indent will do.
page=$(LC_ALL=C.UTF-8 MANWIDTH=200 man -l "$dest/usr/share/man/man8/memdiagctl.8" 2>/dev/null | col -b)
# Not "sed | grep -q" under pipefail: grep quitting early fails the pipe.
colpage=$(sed -n '/^COLUMNS/,/^JSON/p' <<<"$page")
exitpage=$(sed -n '/^EXIT STATUS/,/^ENVIRONMENT/p' <<<"$page")
cmds=$(_memdiagctl_help "$ctl" commands)
[ -n "$cmds" ] || bad "the completion finds no commands in --help"
for c in $cmds; do
	grep -Eq "^ +$c([[:space:]]|$)" <<<"$page" || bad "memdiagctl(8) has no entry for the command $c"
	for o in $(_memdiagctl_help "$ctl" options "$c"); do
		grep -q -- "$o" <<<"$page" || bad "memdiagctl(8) does not mention $c's option $o"
	done
	for col in $(_memdiagctl_help "$ctl" columns "$c"); do
		grep -Eq "^ +([A-Z-]+, )*$col(,|[[:space:]]|$)" <<<"$colpage" ||
			bad "memdiagctl(8) does not list $c's column $col"
	done
done
for o in $(_memdiagctl_help "$ctl" options); do
	grep -q -- "$o" <<<"$page" || bad "memdiagctl(8) does not mention the option $o"
done
for code in 0 1 2 3 4 5; do
	grep -Eq "^ +$code([[:space:]]|$)" <<<"$exitpage" ||
		bad "memdiagctl(8) does not document exit status $code"
done

# The completion itself, as bash runs it.
comp=$(PATH=$(dirname "$ctl"):$PATH bash -c '
	. /usr/share/bash-completion/bash_completion
	. "$1"
	complete_line() {
		COMP_LINE=$1 COMP_POINT=${#1}
		read -ra COMP_WORDS <<<"$1"
		[[ $1 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		_memdiagctl "$2" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
		echo "${COMPREPLY[*]}"
	}
	complete_line "memdiagctl " "$2"
	complete_line "memdiagctl events --" "$2"
	complete_line "memdiagctl failures -o kind,co" "$2"
	complete_line "memdiagctl zones --gfp " "$2"
	complete_line "memdiagctl swap " "$2"
' _ "$dest/usr/share/bash-completion/completions/memdiagctl" "$ctl")
{ read -r l1; read -r l2; read -r l3; read -r l4; read -r l5; } <<<"$comp"
[ "$l1" = "$(echo $cmds)" ] || bad "completion of commands: '$l1'"
[[ " $l2 " == *" --since "*" --details "* ]] || bad "completion of events' options: '$l2'"
[ "$l3" = "kind,COUNT kind,COSTLY" ] || bad "completion of columns: '$l3'"
[ "$l4" = "kernel atomic highuser-movable" ] || bad "completion of --gfp: '$l4'"
[ "$l5" = "check" ] || bad "completion after swap: '$l5'"

# The systemd units: in systemd's unit directory (the Makefile's choice),
# ExecStart the installed memdiagctl, and, where this release has
# systemd-analyze, verified (ExecStart pointed into DESTDIR for that).
unitdir=$(pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null || echo /lib/systemd/system)
for u in memdiag-metrics.service memdiag-metrics.timer; do
	[ "$(stat -c %a "$dest$unitdir/$u" 2>/dev/null)" = 644 ] ||
		bad "$unitdir/$u missing or not mode 644"
done
svc=$dest$unitdir/memdiag-metrics.service
grep -qx 'ExecStart=/usr/sbin/memdiagctl metrics -o /var/lib/prometheus/node-exporter/memdiag.prom' "$svc" 2>/dev/null ||
	bad "memdiag-metrics.service's ExecStart is not /usr/sbin/memdiagctl metrics -o ...: $(grep '^ExecStart=' "$svc" 2>/dev/null)"
! grep -q '@[A-Z]*@' "$svc" 2>/dev/null || bad "memdiag-metrics.service has an unsubstituted @VARIABLE@"
if command -v systemd-analyze >/dev/null; then
	vdir=$dest/verify-units
	mkdir -p "$vdir"
	sed "s|^ExecStart=/usr/sbin/|ExecStart=$dest/usr/sbin/|" "$svc" >"$vdir/memdiag-metrics.service"
	cp "$dest$unitdir/memdiag-metrics.timer" "$vdir/"
	out=$(SYSTEMD_LOG_COLOR=0 systemd-analyze verify --man=no "$vdir"/memdiag-metrics.* 2>&1) && [ -z "$out" ] ||
		bad "systemd-analyze verify: $out"
	rm -rf "$vdir"
fi

[ $fail = 0 ] && echo "install-check: $(cd "$dest" && find . -type f | wc -l) files installed and checked ($rel)"
exit $fail
