#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Guest side of make bench: the cost of one GET_ZONES dump against reading
/proc/zoneinfo + /proc/buddyinfo + /proc/pagetypeinfo, which together hold
the same information (memdiag adds the verdicts and indices). Both sides
only fetch the bytes, in this one process, over the same number of rounds;
prints medians and the median of the per-round ratios with its 95 %
interval (tools/bench_stats.py). Needs memdiag loaded and root (pagetypeinfo
is root-only)."""
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


def dump_bytes(nl):
    """One GET_ZONES dump, raw: bytes received until NLMSG_DONE."""
    nl.seq += 1
    body = struct.pack("=BBH", zones_check.E["MEMDIAG_CMD_GET_ZONES"], 1, 0)
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


def files_bytes():
    total = 0
    for path in FILES:
        with open(path, "rb", buffering=0) as f:
            while True:
                b = f.read(1 << 20)
                if not b:
                    break
                total += len(b)
    return total


def per_call_us(fn):
    t = time.perf_counter()
    for _ in range(N):
        size = fn()
    return (time.perf_counter() - t) / N * 1e6, size


def main():
    nl = zones_check.Genl()
    g, p = [], []
    for _ in range(ROUNDS):  # interleaved, so drift hits both alike
        us, gsize = per_call_us(lambda: dump_bytes(nl))
        g.append(us)
        us, psize = per_call_us(files_bytes)
        p.append(us)
    gm, pm = statistics.median(g), statistics.median(p)
    print("  GET_ZONES dump: %.0f us, %d bytes; zoneinfo+buddyinfo+pagetypeinfo:"
          " %.0f us, %d bytes" % (gm, gsize, pm, psize))
    bench_stats.line("(c) GET_ZONES cost / reading the three files:",
                     [a / b for a, b in zip(g, p)], "%.3f",
                     note="%d calls a round" % N)


if __name__ == "__main__":
    main()
