#!/bin/bash
# The fleet files, checked on the host (make check, step 2): the systemd
# units as "make install" lays them out (systemd-analyze verify, by the
# host's systemd and by that of every release root that has one: newer
# systemd versions warn about settings older ones accept; no systemd needs
# to run as PID 1 for verify), the Prometheus rules (promtool check rules)
# and their unit tests (promtool test rules), by the host's promtool and
# that of every release root (2.24 on bullseye to 3.x on sid).
# One KTAP line per check; exit status 0 if all passed.
#   tools/fleet-check.sh [--no-roots]
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
roots=1
[ "${1:-}" = --no-roots ] && roots=0
work=$top/build/fleet-check
rm -rf "$work"
mkdir -p "$work"
n=0
fail=0

check()		# check NAME COMMAND...: ok if it exits 0 and prints nothing
{		# but what GOOD (a regex) allows
	local name=$1 out rc
	shift
	n=$((n + 1))
	out=$("$@" 2>&1)
	rc=$?
	out=$(grep -Ev "${GOOD:-^$}" <<<"$out")
	if [ $rc -eq 0 ] && [ -z "$out" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		sed 's/^/#   /' <<<"$out"
		fail=1
	fi
}

# The units as install-ctl writes them (the Makefile's sed), with SBINDIR
# a directory of $work (verify checks that ExecStart's program is
# executable).
mkdir -p "$work/units"
sed "s|@SBINDIR@|$work/sbin|g" "$top/contrib/systemd/memdiag-metrics.service.in" \
	>"$work/units/memdiag-metrics.service"
cp "$top/contrib/systemd/memdiag-metrics.timer" "$work/units/"
mkdir -p "$work/sbin"
printf '#!/bin/sh\nexit 0\n' >"$work/sbin/memdiagctl"
chmod 755 "$work/sbin/memdiagctl"
units=("$work/units/memdiag-metrics.service" "$work/units/memdiag-metrics.timer")

verify()	# verify [RELEASE]
{
	if [ -z "${1:-}" ]; then
		SYSTEMD_LOG_COLOR=0 systemd-analyze verify --man=no "${units[@]}"
	else
		"$top/tools/in-root.sh" -w "$top" "$1" -- \
			"SYSTEMD_LOG_COLOR=0 systemd-analyze verify --man=no ${units[*]}"
	fi
}
promtool_in()	# promtool_in [RELEASE] ARGS... (run in contrib/prometheus/tests)
{
	local rel=$1
	shift
	if [ -z "$rel" ]; then
		(cd "$top/contrib/prometheus/tests" && promtool "$@")
	else
		"$top/tools/in-root.sh" -w "$top" "$rel" -- \
			"cd '$top/contrib/prometheus/tests' && promtool $*"
	fi
}

command -v systemd-analyze >/dev/null ||
	{ echo "fleet-check: systemd-analyze missing (Debian package systemd; tools/setup.sh)" >&2; exit 1; }
command -v promtool >/dev/null ||
	{ echo "fleet-check: promtool missing (Debian package prometheus; tools/setup.sh)" >&2; exit 1; }

rels=
if [ $roots = 1 ]; then
	for r in $("$top/tools/release-root.sh" --list 2>/dev/null); do
		[ -d "/var/cache/memdiag/roots/$r" ] && rels="$rels $r"
	done
fi

echo "TAP version 13"
check "systemd units: systemd-analyze verify (host systemd $(systemd-analyze --version | awk 'NR == 1 { print $2 }'))" verify
for r in $rels; do
	[ -x "/var/cache/memdiag/roots/$r/usr/bin/systemd-analyze" ] || continue
	check "systemd units: systemd-analyze verify ($r)" verify "$r"
done
GOOD='^(Checking |  SUCCESS: [0-9]+ rules found|$)' \
	check "rules: promtool check rules (host)" promtool_in "" check rules ../memdiag.rules.yml
GOOD='^(Unit Testing: |  SUCCESS|$)' \
	check "rules: promtool test rules (host)" promtool_in "" test rules memdiag.rules.test.yml
for r in $rels; do
	[ -x "/var/cache/memdiag/roots/$r/usr/bin/promtool" ] || continue
	GOOD='^(Checking |  SUCCESS: [0-9]+ rules found|$)' \
		check "rules: promtool check rules ($r)" promtool_in "$r" check rules ../memdiag.rules.yml
	GOOD='^(Unit Testing: |  SUCCESS|$)' \
		check "rules: promtool test rules ($r)" promtool_in "$r" test rules memdiag.rules.test.yml
done
echo "1..$n"
exit $fail
