#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# N processes holding S GiB of swap (tools/bench-swap.py's fill);
# the old and the new memdiagctl swap on it, each under busybox time -v (its
# own peak RSS: a child of Python inherits Python's maxrss through vfork),
# outputs compared.
# JSON is compared without processes-vanished, printed apart: the old split
# counted kernel threads there where pagemap refuses them (docs/bench-swap.md).
# Usage (in a guest, from a release build copy): python3 tools/swap-owners-compare-big.py OLD-MEMDIAGCTL NEW-MEMDIAGCTL MEMDIAG.KO N GIB
import importlib.util
import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, os.path.join(top, path))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


bs = load("bs", "tools/bench-swap.py")
norm = load("cmp", "tools/swap-owners-compare.py").norm    # JSON without processes-vanished
old, new, ko, n, gib = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
if not os.path.exists("/sys/module/memdiag"):
    subprocess.run(["insmod", ko], check=True)
with open("/tmp/md-hog.c", "w") as f:
    f.write(bs.HOG_C)
subprocess.run(["gcc", "-O2", "-o", "/tmp/md-hog", "/tmp/md-hog.c"], check=True)
bs.cg_setup()
bs.zram_setup(1.25 * gib + 0.25)
pids, pages, t_fill = bs.fill("/tmp/md-hog", n, gib)
time.sleep(1)


def run(ctl, *a):
    t = time.perf_counter()
    r = subprocess.run(["busybox", "time", "-v", ctl] + list(a), capture_output=True, text=True)
    dt = time.perf_counter() - t
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    return r.returncode, r.stdout, int(m.group(1)) if m else -1, dt


ok = True
res = {"old": [], "new": []}
for args in (["--json", "swap"], ["swap"]):
    for attempt in range(3):
        a = run(old, *args); b = run(new, *args); c = run(old, *args); d = run(new, *args)
        res["old"] += [(a[2], a[3]), (c[2], c[3])]
        res["new"] += [(b[2], b[3]), (d[2], d[3])]
        if a[0] == c[0] and norm(a[1]) == norm(c[1]):
            break
    same = a[0] == b[0] and norm(a[1])[0] == norm(b[1])[0] == norm(d[1])[0]
    if norm(a[1])[1] is not None:
        print("  processes-vanished: old %s, new %s" % (norm(a[1])[1], norm(b[1])[1]))
    ok = ok and same and a[0] == 0
    print("%s %s: exit old %d new %d, %d bytes of output" % ("SAME" if same else "DIFFERENT",
          " ".join(args), a[0], b[0], len(a[1])))
    if args == ["--json", "swap"]:
        j = json.loads(b[1])
        print("  %d process rows, %d entries, %d shared; areas %s" % (
            len(j["processes"]), sum(p["entries"] for p in j["processes"]),
            sum(p["shared"] for p in j["processes"]),
            [(x["device"], x["used"], x["map-slots"], x["mapped"], x["mapped-refs"]) for x in j["areas"]]))
for k in ("old", "new"):
    print("%s: peak RSS kB %s; seconds %s" % (k, [r for r, _ in res[k]], ["%.3f" % t for _, t in res[k]]))
bs.cg_kill()
bs.zram_release()
print("BIG COMPARE", "OK" if ok else "FAILED")
sys.exit(0 if ok else 1)
