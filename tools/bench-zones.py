#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Guest side of make bench: the cost of one GET_ZONES dump against reading
/proc/zoneinfo + /proc/buddyinfo + /proc/pagetypeinfo, which together hold
the same information (memdiag adds the verdicts and indices). Both sides
only fetch the bytes, in this one process, over the same number of rounds;
prints medians and their ratio (the median of the rounds' own ratios, each
round timing both sides back to back, with its 95 % interval:
tools/bench_stats.py). Needs memdiag loaded and root
(pagetypeinfo is root-only).

Where the time goes, from the same rounds: the floor of each side, what a
reader pays for nothing (a GET_ZONES request for a node that does not
exist: the request, .start, one dump call and the reply, but no zone read;
/proc/loadavg: an open, two reads and a close of a file whose content costs
next to nothing) and each file alone. A side's time less its floor is the
work the kernel does for its content."""
import os
import statistics
import struct
import sys
import time

sys.dont_write_bytecode = True  # the work tree is shared with the host
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "../selftests/memdiag"))
import zones_check  # noqa: E402  (the netlink client of the selftest)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_stats  # noqa: E402  (the median and its interval)

N = int(os.environ.get("MEMDIAG_BENCH_ZONES_N", "200"))
ROUNDS = int(os.environ.get("MEMDIAG_BENCH_ROUNDS", "11"))
FILES = ("/proc/zoneinfo", "/proc/buddyinfo", "/proc/pagetypeinfo")


def request(nl, attrs=b""):
    """One GET_ZONES dump, raw: bytes received until NLMSG_DONE."""
    nl.seq += 1
    body = struct.pack("=BBH", zones_check.E["MEMDIAG_CMD_GET_ZONES"], 1, 0)
    body += attrs
    nl.sk.send(struct.pack("=IHHII", 16 + len(body), nl.family,
                           zones_check.NLM_F_REQUEST | zones_check.NLM_F_DUMP,
                           nl.seq, 0) + body)
    total = 0
    while True:
        data = nl.sk.recv(1 << 20)
        total += len(data)
        off = 0
        while off + 16 <= len(data):
            mlen, mtype = struct.unpack_from("=IH", data, off)
            if mtype in (zones_check.NLMSG_DONE, zones_check.NLMSG_ERROR):
                return total
            off += (mlen + 3) & ~3


def dump_bytes(nl):
    return request(nl)


# A node no machine has: the dump ends with ENODEV before any zone is read.
NO_NODE = struct.pack("=HHI", 8, zones_check.A("ZONE_NODE"), 1 << 30)


def empty_bytes(nl):
    return request(nl, NO_NODE)


def file_bytes(path):
    total = 0
    with open(path, "rb", buffering=0) as f:
        while True:
            b = f.read(1 << 20)
            if not b:
                break
            total += len(b)
    return total


def files_bytes():
    return sum(file_bytes(path) for path in FILES)


def per_call_us(fn):
    t = time.perf_counter()
    for _ in range(N):
        size = fn()
    return (time.perf_counter() - t) / N * 1e6, size


def main():
    nl = zones_check.Genl()
    phases = [("dump", lambda: dump_bytes(nl)), ("files", files_bytes),
              ("empty", lambda: empty_bytes(nl)),
              ("loadavg", lambda: file_bytes("/proc/loadavg"))]
    phases += [(f, lambda f=f: file_bytes(f)) for f in FILES]
    t = {}
    for _ in range(ROUNDS):  # interleaved, so drift hits both alike
        for name, fn in phases:
            us, size = per_call_us(fn)
            t.setdefault(name, []).append(us)
            t.setdefault(name + " size", []).append(size)
        t.setdefault("ratio", []).append(t["dump"][-1] / t["files"][-1])
    m = {k: statistics.median(v) for k, v in t.items()}
    print("  GET_ZONES dump: %.0f us, %d bytes; zoneinfo+buddyinfo+pagetypeinfo:"
          " %.0f us, %d bytes" % (m["dump"], t["dump size"][-1], m["files"],
                                  t["files size"][-1]))
    bench_stats.line("(c) GET_ZONES cost / reading the three files:",
                     t["ratio"], "%.3f", note="%d calls a round" % N)
    lo = {k: min(v) for k, v in t.items()}
    print("      fastest rounds (other work on the host only ever adds time):"
          " GET_ZONES %.0f us, the three files %.0f us: %.3f" %
          (lo["dump"], lo["files"], lo["dump"] / lo["files"]))
    print("      floors: an empty GET_ZONES request %.0f us, a /proc file of"
          " nothing (loadavg) %.0f us; each file: %s" %
          (m["empty"], m["loadavg"],
           ", ".join("%s %.0f us" % (os.path.basename(f), m[f])
                     for f in FILES)))
    print("      above the floors: GET_ZONES %.0f us, the three files %.0f us"
          " (%.1fx); the floors alone: %.0f against %.0f us (%.1fx)" %
          (m["dump"] - m["empty"], m["files"] - 3 * m["loadavg"],
           (m["files"] - 3 * m["loadavg"]) / max(m["dump"] - m["empty"], 1),
           m["empty"], 3 * m["loadavg"], 3 * m["loadavg"] / m["empty"]))
    print("      fastest rounds above the floors: GET_ZONES %.0f us, the three"
          " files %.0f us; floors %.0f and %.0f us" %
          (lo["dump"] - lo["empty"], lo["files"] - 3 * lo["loadavg"],
           lo["empty"], 3 * lo["loadavg"]))


if __name__ == "__main__":
    main()
