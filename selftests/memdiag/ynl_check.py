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

sys.dont_write_bytecode = True  # the work tree is shared with the host
sys.path.insert(0, sys.argv[1])
from lib import YnlFamily, NlError  # noqa: E402
import yaml  # noqa: E402
import memdiag_genl  # noqa: E402  (beside us: the shared check())
from memdiag_genl import check  # noqa: E402

spec_path = sys.argv[2]
spec = yaml.safe_load(open(spec_path))
ops = {o["name"]: o for o in spec["operations"]["list"]}
schema = sys.argv[3] if len(sys.argv) > 3 else ""
ynl = YnlFamily(spec_path, schema)
# Notifications on a socket of their own, subscribed before any request
# binds it.
ntf = YnlFamily(spec_path, schema)
ntf.ntf_subscribe("events")


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
check(err is None, "get-status decodes with the spec", repr(err))
if st is not None:
    check(set(st) <= reply_attrs("get-status"),
          "get-status sends only its reply attributes",
          set(st) - reply_attrs("get-status"))
    # Not empty: the module always lists its features (commit, oom, ...).
    check(st.get("feature") and
          all(isinstance(f.get("state"), str) for f in st["feature"]),
          "get-status: features decoded with their enums", st.get("feature"))

c, err = run("get-counters")
check(err is None, "get-counters decodes with the spec", repr(err))
if c is not None:
    check(set(c) <= reply_attrs("get-counters") and
          c["total"] == c["recorded"] + c["suppressed"] + c["lost"] and
          c["total"] > 0,
          "get-counters sends only its reply attributes, total = recorded + suppressed + lost",
          c)

ev, err = run("get-events", {}, dump=True)
check(err is None and len(ev) > 0, "get-events decodes every record with the spec",
      repr(err))
if ev:
    extra = set().union(*(set(e) for e in ev)) - reply_attrs("get-events")
    check(not extra, "get-events sends only its reply attributes", extra)

z, err = run("get-zones", {}, dump=True)
check(err is None and len(z) > 0, "get-zones decodes every zone with the spec",
      repr(err))
if z:
    extra = set().union(*(set(x) for x in z)) - reply_attrs("get-zones")
    check(not extra, "get-zones sends only its reply attributes", extra)

# A refused swapoff (not a swap area) leaves a record, and a notification.
subprocess.run(["swapoff", "/dev/null"], stderr=subprocess.DEVNULL)
so, err = run("get-swapoff", {}, dump=True)
check(err is None and len(so) > 0 and so[-1].get("cause") == "refused",
      "get-swapoff decodes every record with the spec", repr(err or so))
if so:
    extra = set().union(*(set(x) for x in so)) - reply_attrs("get-swapoff")
    check(not extra, "get-swapoff sends only its reply attributes", extra)

cfg, err = run("set-config", {"config": {"rate-limit": 999}})
check(err is None and cfg.get("config", {}).get("rate-limit") == 999,
      "set-config: the spec encodes the request, the reply decodes", repr(err or cfg))

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
check(any(m.get("name") == "failure-ntf" and m["msg"].get("kind") == "page"
          for m in ntfs),
      "failure-ntf from the events group decodes with the spec", ntfs[:1])
check(any(m.get("name") == "swapoff-ntf" and m["msg"].get("cause") == "refused"
          for m in ntfs),
      "swapoff-ntf from the events group decodes with the spec",
      [m.get("name") for m in ntfs])
sys.exit(1 if memdiag_genl.failed else 0)
