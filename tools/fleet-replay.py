#!/usr/bin/env python3
"""Replay a fleet.sh run's captured series through fleet_check's
expectations, without a guest: the fleet.test.yml and fleet.sh.log a run
left in build/selftest-logs/ are fed back through capture() (the series as
Prometheus would answer the query_range, the phases from the log) and the
promtool test it writes is run again. For changing fleet_check.py's
expectations against captures of real runs (holes in the scrape, late
phases) in seconds.
  tools/fleet-replay.py [--root RELEASE] DIR
DIR holds fleet.test.yml and fleet.sh.log; promtool is taken from PATH, or
from the release root RELEASE (tools/in-root.sh) with --root. This tree's
contrib/prometheus/memdiag.rules.yml and the new fleet.test.yml are written
to DIR/replay/."""
import argparse
import ast
import io
import json
import os
import re
import sys
import tempfile

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
ap.add_argument("--root", help="run promtool in this release root")
ap.add_argument("dir")
a = ap.parse_args()
out = os.path.join(os.path.abspath(a.dir), "replay")
os.makedirs(out, exist_ok=True)
if a.root:
    shim = tempfile.mkdtemp()
    with open(os.path.join(shim, "promtool"), "w") as f:
        f.write('#!/bin/sh\nexec "%s/tools/in-root.sh" -w "%s" "%s" -- promtool "$@"\n'
                % (top, os.path.abspath(a.dir), a.root))
    os.chmod(os.path.join(shim, "promtool"), 0o755)
    os.environ["PATH"] = shim + ":" + os.environ["PATH"]

doc = json.loads("".join(l for l in open(os.path.join(a.dir, "fleet.test.yml"))
                         if not l.startswith("#")))
log = open(os.path.join(a.dir, "fleet.sh.log")).read()
idx = ast.literal_eval(re.search(r"phases at (\{.*\})", log).group(1))
series, instance = [], None
for s in doc["tests"][0]["input_series"]:
    m = re.match(r"([^{]*)\{(.*)\}$", s["series"])
    metric = {k: json.loads(v) for k, v in re.findall(r'(\w+)=("(?:[^"\\]|\\.)*")', m.group(2))}
    metric["__name__"] = m.group(1)
    instance = metric.get("instance", instance)
    vals, i = [], 0
    for tok in s["values"].split():     # promtool's "VxN", "_xN", "stale"
        if tok == "stale":
            i += 1
            continue
        v, _, rep = tok.partition("x")
        rep = int(rep) + (0 if v == "_" else 1) if rep else 1
        for _ in range(rep):
            if v != "_":
                vals.append([float(i), v])
            i += 1
    series.append({"metric": metric, "values": vals})

# This tree's rules, beside the test (a release root sees only DIR).
rules = os.path.join(out, "memdiag.rules.yml")
with open(os.path.join(top, "contrib/prometheus/memdiag.rules.yml")) as src, open(rules, "w") as dst:
    dst.write(src.read())
sys.argv = ["fleet_check.py", "memdiagctl", out, "http://replay", rules, out]
sys.path.insert(0, os.path.join(top, "selftests/memdiag"))
import fleet_check  # noqa: E402

fleet_check.INSTANCE.update(instance=instance)
fleet_check.marks["t0"] = 0.0
for k, v in idx.items():
    fleet_check.marks[k] = float(v - 1)


class Answer(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


fleet_check.urllib.request.urlopen = lambda url, timeout=0: Answer(
    json.dumps({"status": "success", "data": {"result": series}}).encode())
fleet_check.capture({"headroom": True, "warned": True})
