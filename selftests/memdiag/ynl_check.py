#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The YAML spec against the live module, through the kernel's own ynl
library (tools/net/ynl/lib): every reply of every command must decode with
the spec (ynl refuses an attribute the spec lacks, a scalar of the wrong
size, an enum value it does not list), carry only the attributes the spec
lists for that reply, and a notification of the events group must decode
too. Prints KTAP lines; exit 0 if all pass.

Usage: ynl_check.py YNL_DIR SPEC [SCHEMA]   (SCHEMA '': not validated)
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, sys.argv[1])
from lib import YnlFamily, NlError  # noqa: E402
import yaml  # noqa: E402

spec_path = sys.argv[2]
spec = yaml.safe_load(open(spec_path))
ops = {o["name"]: o for o in spec["operations"]["list"]}
schema = sys.argv[3] if len(sys.argv) > 3 else ""
ynl = YnlFamily(spec_path, schema)
# Notifications on a socket of their own, subscribed before any request
# binds it.
ntf = YnlFamily(spec_path, schema)
ntf.ntf_subscribe("events")

n = 0
failed = 0


def check(name, cond, diag=""):
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} {name}")
    else:
        failed += 1
        print(f"not ok {n} {name}")
        if diag:
            print(f"# {diag}")


def reply_attrs(op):
    o = ops[op]
    kind = "do" if "do" in o else "dump"
    return set(o[kind].get("reply", {}).get("attributes", []))


def run(op, vals=None, dump=False):
    try:
        if dump:
            return ynl.dump(op, vals or {}), None
        return ynl.do(op, vals or {}), None
    except Exception as e:  # decoding errors are the point
        return None, e


print("1..14")
st, err = run("get-status")
check("get-status decodes with the spec", err is None, repr(err))
if st is not None:
    check("get-status sends only its reply attributes",
          set(st) <= reply_attrs("get-status"), set(st) - reply_attrs("get-status"))
    check("get-status: features decoded with their enums",
          all(isinstance(f.get("state"), str) for f in st.get("feature", [])),
          st.get("feature"))

c, err = run("get-counters")
check("get-counters decodes with the spec", err is None, repr(err))
if c is not None:
    check("get-counters sends only its reply attributes, total = recorded + suppressed + lost",
          set(c) <= reply_attrs("get-counters") and
          c["total"] == c["recorded"] + c["suppressed"] + c["lost"] and
          c["total"] > 0, c)

ev, err = run("get-events", {}, dump=True)
check("get-events decodes every record with the spec", err is None and len(ev) > 0,
      repr(err))
if ev:
    extra = set().union(*(set(e) for e in ev)) - reply_attrs("get-events")
    check("get-events sends only its reply attributes", not extra, extra)

z, err = run("get-zones", {}, dump=True)
check("get-zones decodes every zone with the spec", err is None and len(z) > 0,
      repr(err))
if z:
    extra = set().union(*(set(x) for x in z)) - reply_attrs("get-zones")
    check("get-zones sends only its reply attributes", not extra, extra)

# A refused swapoff (not a swap area) leaves a record, and a notification.
subprocess.run(["swapoff", "/dev/null"], stderr=subprocess.DEVNULL)
so, err = run("get-swapoff", {}, dump=True)
check("get-swapoff decodes every record with the spec",
      err is None and len(so) > 0 and so[-1].get("cause") == "refused",
      repr(err or so))
if so:
    extra = set().union(*(set(x) for x in so)) - reply_attrs("get-swapoff")
    check("get-swapoff sends only its reply attributes", not extra, extra)

cfg, err = run("set-config", {"config": {"rate-limit": 999}})
check("set-config: the spec encodes the request, the reply decodes",
      err is None and cfg.get("config", {}).get("rate-limit") == 999, repr(err or cfg))

# A notification of the events group, as the spec describes it.
with open("/sys/kernel/debug/memdiag_test/process", "w") as f:
    f.write("9 1\n")
ntfs = []
for _ in range(20):
    ntf.check_ntf()
    while ntf.async_msg_queue:
        ntfs.append(ntf.async_msg_queue.pop(0))
    names = {m.get("name") for m in ntfs}
    if {"failure-ntf", "swapoff-ntf"} <= names:
        break
    time.sleep(0.2)
check("failure-ntf from the events group decodes with the spec",
      any(m.get("name") == "failure-ntf" and m["msg"].get("kind") == "page"
          for m in ntfs), ntfs[:1])
check("swapoff-ntf from the events group decodes with the spec",
      any(m.get("name") == "swapoff-ntf" and m["msg"].get("cause") == "refused"
          for m in ntfs), [m.get("name") for m in ntfs])
sys.exit(1 if failed else 0)
