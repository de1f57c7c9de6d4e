#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A real scrape: Debian's prometheus-node-exporter serving a textfile
# directory that memdiagctl metrics -o rewrites twice a second, and a
# Prometheus server (oom_score_adj -1000, so that the OOM kill provoked
# here spares it) scraping it every second on the loopback with the rules of
# contrib/prometheus/memdiag.rules.yml loaded. fleet_check.py provokes, one
# after the other, each state an alert watches for (NOWARN storm and
# suppressed records, an order-3 atomic request failing on every zone, a
# warned failure, low commit headroom in mode 2 and a refused mmap, a swapoff
# refused by the commit check, a memory cgroup OOM kill, an unreadable
# textfile, memdiagctl without CAP_NET_ADMIN, the module unloaded, the file
# left stale then removed), checks README's queries and others through the
# HTTP API against what it provoked, then turns the scraped series into a
# promtool test (one captured second = one minute) whose alerts must be
# exactly the provoked ones; the test file is kept beside the logs.
. "$(dirname "$0")/lib.sh"
memdiag_require
helper_require
ctl_require
for b in prometheus prometheus-node-exporter promtool setpriv mkswap swapon; do
	command -v $b >/dev/null || {
		echo "SKIP: $b missing (Debian packages prometheus, prometheus-node-exporter, util-linux)"
		exit $ksft_skip
	}
done
rules=$here/memdiag.rules.yml
[ -f "$rules" ] || rules=$here/../../contrib/prometheus/memdiag.rules.yml
[ -f "$rules" ] || { echo "SKIP: no memdiag.rules.yml"; exit $ksft_skip; }
rules=$(cd "$(dirname "$rules")" && pwd)/$(basename "$rules")

ne_addr=127.0.0.1:19100
prom_addr=127.0.0.1:19090
wdir=$(mktemp -d) || exit $ksft_fail
chmod 755 "$wdir"
textdir=$wdir/node-exporter
mkdir -m 755 "$textdir"
out=${_logdir:-$wdir}
pids=()
cleanup()
{
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	rmmod memdiag_test_helper 2>/dev/null
	memdiag_unload
	zram_release
	rmdir /sys/fs/cgroup/memdiag-fleet 2>/dev/null
	rm -rf "$wdir"
}
trap cleanup EXIT

memdiag_unload
# The refused mmap and swapoff are counted (memdiag_commit_rejections_total,
# the swapoff's cause "commit") on every kernel, 5.10 included.
memdiag_load_commit_records || exit $ksft_fail
insmod "$HELPER_KO" || exit $ksft_fail
# A helper built before it had the files used here (a stale per-kernel
# build) would fail half-way with a puzzling error: say so at once.
for f in zones warn storm failed; do
	[ -e /sys/kernel/debug/memdiag_test/$f ] || {
		echo "not ok 1 the helper module has debugfs memdiag_test/$f ($HELPER_KO: rebuild it)"
		exit $ksft_fail
	}
done

# node_exporter: the textfile collector, meminfo (commit headroom) and,
# where it has one (1.8 and later), the sysctl collector for
# vm.overcommit_memory; nothing else where it can say so.
help=$(prometheus-node-exporter --help 2>&1)
ne_args=(--web.listen-address="$ne_addr" --collector.textfile.directory="$textdir")
grep -q -- --collector.disable-defaults <<<"$help" &&
	ne_args+=(--collector.disable-defaults --collector.textfile --collector.meminfo)
grep -q -- --collector.sysctl.include <<<"$help" &&
	ne_args+=(--collector.sysctl --collector.sysctl.include=vm.overcommit_memory)
(echo -1000 >/proc/self/oom_score_adj && exec prometheus-node-exporter "${ne_args[@]}") \
	>"$wdir/node-exporter.log" 2>&1 &
pids+=($!)
cat >"$wdir/prometheus.yml" <<EOT
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - $rules
scrape_configs:
  - job_name: node
    static_configs:
      - targets: ['$ne_addr']
EOT
(echo -1000 >/proc/self/oom_score_adj && exec prometheus --config.file="$wdir/prometheus.yml" \
	--storage.tsdb.path="$wdir/tsdb" --web.listen-address=$prom_addr --log.level=warn) \
	>"$wdir/prometheus.log" 2>&1 &
pids+=($!)
echo "# $(prometheus --version 2>&1 | head -n1); node_exporter: ${ne_args[*]}"

python3 - "http://$prom_addr" <<'EOT'
import sys, time, urllib.request
for _ in range(240):
    try:
        if urllib.request.urlopen(sys.argv[1] + "/-/ready", timeout=5).status == 200:
            sys.exit(0)
    except OSError:
        pass
    time.sleep(0.5)
sys.exit(1)
EOT
if [ $? -ne 0 ]; then
	echo "not ok 1 Prometheus ready"
	tail -n 20 "$wdir/prometheus.log" "$wdir/node-exporter.log" | sed 's/^/# /'
	exit $ksft_fail
fi

FLEET_PIDS="${pids[*]}" FLEET_NODE_EXPORTER=$ne_addr \
	python3 "$here/fleet_check.py" "$ctl" "$textdir" "http://$prom_addr" "$rules" "$out"
rc=$?
for p in "${pids[@]}"; do
	kill -0 "$p" 2>/dev/null || { echo "# process $p (node_exporter or Prometheus) died"; rc=1; }
done
[ $rc -eq 0 ] || tail -n 20 "$wdir/prometheus.log" "$wdir/node-exporter.log" | sed 's/^/# /'
exit $rc
