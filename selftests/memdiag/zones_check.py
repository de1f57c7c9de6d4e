#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""GET_ZONES against the kernel's own files, and its verdicts against real
allocations.

  zones_check.py compare TAG   every number of every zone equals
                               /proc/zoneinfo, /proc/buddyinfo,
                               /proc/pagetypeinfo and debugfs extfrag/*
  zones_check.py verdict K     does "any zone passes the GFP_ATOMIC min check
                               at order K" match the helper's order-K
                               GFP_ATOMIC-like attempt? (prints the verdict)
  zones_check.py run K CTL     both, fresh, after the helper fragmented
                               every block of order >= K, and released;
                               then memdiagctl CTL's zones command

GET_ZONES is asked over a raw generic netlink socket from this process, so
that nothing is forked between reading the kernel's files and the dump: the
memory then holds still often enough to read the same numbers twice. The
attribute numbers come from the uapi header, never from a copy.
KTAP lines on stdout; exit 0 if all passed.
"""
import os
import re
import struct
import sys

sys.dont_write_bytecode = True  # the work tree is shared with the host
import memdiag_genl  # noqa: E402
from memdiag_genl import (A, E, Genl as _Genl, NLM_F_DUMP,  # noqa: E402,F401
                          NLM_F_REQUEST, NLMSG_DONE, NLMSG_ERROR, check,
                          nla_parse)

HELPER = "/sys/kernel/debug/memdiag_test/zones"


class Genl(_Genl):
    def zones(self):
        """GET_ZONES as {(node, name): {...}}."""
        out = {}
        for msg in self.request(self.family, E["MEMDIAG_CMD_GET_ZONES"],
                                dump=True):
            z = {"reserve": [], "orders": {}}
            for t, p in nla_parse(msg):
                if t == A("ZONE_NAME"):
                    z["name"] = p.rstrip(b"\0").decode()
                elif t == A("ZONE_LOWMEM_RESERVE"):
                    z["reserve"].append(struct.unpack("=Q", p)[0])
                elif t == A("ZONE_ORDER"):
                    o = parse_order(p)
                    z["orders"][o["order"]] = o
                elif t in (A("ZONE_NODE"), A("ZONE_ZONE")):
                    z[t] = struct.unpack("=I", p)[0]
                elif len(p) == 8:
                    z[t] = struct.unpack("=Q", p)[0]
            out[(z[A("ZONE_NODE")], z["name"])] = z
        return out


def parse_order(buf):
    o = {"types": {}, "truncated": set(), "checks": {}}
    for t, p in nla_parse(buf):
        if t == A("ZONE_ORDER_ORDER"):
            o["order"] = struct.unpack("=I", p)[0]
        elif t == A("ZONE_ORDER_FREE_BLOCKS"):
            o["blocks"] = struct.unpack("=Q", p)[0]
        elif t == A("ZONE_ORDER_UNUSABLE_INDEX"):
            o["unusable"] = struct.unpack("=I", p)[0]
        elif t == A("ZONE_ORDER_EXTFRAG_INDEX"):
            o["extfrag"] = struct.unpack("=i", p)[0]
        elif t == A("ZONE_ORDER_TYPE_FREE"):
            ta = nla_parse(p)
            d = dict(ta)
            name = d[A("ZONE_TYPE_FREE_NAME")].rstrip(b"\0").decode()
            o["types"][name] = struct.unpack("=Q", d[A("ZONE_TYPE_FREE_COUNT")])[0]
            if A("ZONE_TYPE_FREE_TRUNCATED") in d:
                o["truncated"].add(name)
        elif t == A("ZONE_ORDER_CHECK"):
            d = {k: struct.unpack("=I", v)[0] for k, v in nla_parse(p)}
            o["checks"][d[A("ZONE_CHECK_CLASS")]] = (
                d[A("ZONE_CHECK_MIN")], d[A("ZONE_CHECK_LOW")],
                d[A("ZONE_CHECK_HIGH")])
    return o


# ---- the kernel's own files ------------------------------------------------

def read_kernel():
    """Every number the comparison needs, keyed like Genl.zones()."""
    k = {}
    cur = None
    for line in open("/proc/zoneinfo"):
        m = re.match(r"Node (\d+), zone\s+(\S+)", line)
        if m:
            cur = k.setdefault((int(m.group(1)), m.group(2)), {})
            continue
        if cur is None:
            continue
        f = line.split()
        if f[:2] == ["pages", "free"]:
            cur["free"] = int(f[2])
        elif len(f) == 2 and f[0] in ("min", "low", "high", "promo", "boost",
                                      "spanned", "present", "managed",
                                      "nr_free_cma"):
            cur[f[0]] = int(f[1])
        elif f and f[0] == "protection:":
            cur["protection"] = [int(x) for x in re.findall(r"\d+", line)]
    for line in open("/proc/buddyinfo"):
        m = re.match(r"Node (\d+), zone\s+(\S+)\s+(.*)", line)
        k[(int(m.group(1)), m.group(2))]["buddy"] = \
            [int(x) for x in m.group(3).split()]
    per_block = 0
    for line in open("/proc/pagetypeinfo"):
        m = re.match(r"Pages per block:\s+(\d+)", line)
        if m:
            per_block = int(m.group(1))
        m = re.match(r"Node\s+(\d+), zone\s+(\S+), type\s+(\S+)\s+(.*)", line)
        if m:
            z = k[(int(m.group(1)), m.group(2))]
            z.setdefault("types", {})[m.group(3)] = m.group(4).split()
        m = re.match(r"Node (\d+), zone\s+(\S+)\s+([\d\s]+)$", line)
        if m and "types" in k.get((int(m.group(1)), m.group(2)), {}):
            k[(int(m.group(1)), m.group(2))]["blocks_by_type"] = \
                [int(x) for x in m.group(3).split()]
        m = re.match(r"Number of blocks type\s+(.*)", line)
        if m:
            block_types = m.group(1).split()
    for z in k.values():
        if "blocks_by_type" in z:
            z["highatomic_pages"] = per_block * \
                z["blocks_by_type"][block_types.index("HighAtomic")]
    for name in ("unusable_index", "extfrag_index"):
        for line in open("/sys/kernel/debug/extfrag/" + name):
            m = re.match(r"Node (\d+), zone\s+(\S+)\s+(.*)", line)
            k[(int(m.group(1)), m.group(2))][name] = \
                [round(float(x) * 1000) for x in m.group(3).split()]
    return k


# ---- checks ----------------------------------------------------------------

def compare(tag):
    """Retried while the kernel's own files change around the dump, and
    while a dump disagrees with them: a page freed and taken again between
    the reads leaves the files equal but the dump different. A real
    disagreement shows in every one of the attempts."""
    nl = Genl()
    results = None
    for attempt in range(1, 51):
        before = read_kernel()
        md = nl.zones()
        after = read_kernel()
        if before != after:
            continue
        results = []
        _compare(tag, before, md, results)
        bad = [r for r in results if not r[0]]
        if not bad:
            break
        print("# %s: attempt %d disagreed, reading again: %s"
              % (tag, attempt, bad[0][2]))
    if results is None:
        check(False, tag + ": memory held still for one read",
              "the kernel's files changed across every one of 50 reads")
        return
    print("# %s: the kernel's files read the same around the dump "
          "(attempt %d)" % (tag, attempt))
    for ok, name, why in results:
        check(ok, name, why)


def _compare(tag, before, md, lines):
    def chk(ok, name, why=""):
        lines.append((ok, name, why))

    populated = sorted(z for z in before if before[z].get("present")
                       and "buddy" in before[z])
    chk(sorted(md) == populated, tag + ": one message per populated zone",
        "memdiag %s, kernel %s" % (sorted(md), populated))
    for key in populated:
        if key not in md:
            continue
        z, k = md[key], before[key]
        name = "%s: node %d zone %s" % (tag, key[0], key[1])
        bad = []
        for attr, field in (("FREE", "free"), ("MIN", "min"), ("LOW", "low"),
                            ("HIGH", "high"), ("BOOST", "boost"),
                            ("SPANNED", "spanned"), ("PRESENT", "present"),
                            ("MANAGED", "managed"), ("PROMO", "promo"),
                            ("FREE_CMA", "nr_free_cma")):
            if field not in k:
                # 6.1's zoneinfo has no promo line, 5.10's no boost line;
                # every other field is there for a populated zone:
                # missing, the parse failed.
                if field not in ("promo", "boost"):
                    bad.append("%s: not found in /proc/zoneinfo" % field)
                continue
            if z.get(A("ZONE_" + attr)) != k[field]:
                bad.append("%s %s != %s" % (field, z.get(A("ZONE_" + attr)),
                                            k[field]))
        if z["reserve"] != k["protection"]:
            bad.append("lowmem-reserve %s != protection %s"
                       % (z["reserve"], k["protection"]))
        if z.get(A("ZONE_HIGHATOMIC")) != k["highatomic_pages"]:
            bad.append("highatomic %s != %s (HighAtomic pageblocks)"
                       % (z.get(A("ZONE_HIGHATOMIC")), k["highatomic_pages"]))
        chk(not bad, name + ": sizes and watermarks equal /proc/zoneinfo",
            "; ".join(bad))
        orders = [z["orders"][o]["blocks"] for o in sorted(z["orders"])]
        chk(orders == k["buddy"], name + ": free blocks equal /proc/buddyinfo",
            "%s != %s" % (orders, k["buddy"]))
        bad = []
        for t, counts in k["types"].items():
            for o, c in enumerate(counts):
                mo = z["orders"][o]
                want = (int(c.lstrip(">")), c.startswith(">"))
                got = (mo["types"].get(t), t in mo["truncated"])
                if got != want:
                    bad.append("%s order %d: %s != %s" % (t, o, got, want))
        chk(not bad and all(set(z["orders"][o]["types"]) == set(k["types"])
                            for o in z["orders"]),
            name + ": free blocks per migratetype equal /proc/pagetypeinfo",
            "; ".join(bad[:5]))
        for attr, field in (("unusable", "unusable_index"),
                            ("extfrag", "extfrag_index")):
            got = [z["orders"][o][attr] for o in sorted(z["orders"])]
            chk(got == k[field], "%s: %s equals debugfs extfrag/%s"
                % (name, field, field), "%s != %s" % (got, k[field]))


def helper(cmd):
    with open(HELPER, "w") as f:
        f.write(cmd)
    return open(HELPER).read()


def atomic_verdicts(zones, order):
    """Each zone's GFP_ATOMIC verdict at the min watermark for @order, and
    whether any zone passes."""
    atomic = E["MEMDIAG_GFP_CLASS_ATOMIC"]
    said = {key: z["orders"][order]["checks"][atomic][0]
            for key, z in zones.items()
            if atomic in z["orders"][order]["checks"]}
    return said, any(v == E["MEMDIAG_WMARK_VERDICT_OK"] for v in said.values())


def verdict(order):
    """Print "ok" or "fail": any zone passing the atomic min check, and
    check the helper's attempt agrees."""
    zones = Genl().zones()
    said, predicted = atomic_verdicts(zones, order)
    got = helper("try %d" % order).split("\n")[-2].split()[-1]
    names = {E[n]: n[len("MEMDIAG_WMARK_VERDICT_"):].lower() for n in E
             if n.startswith("MEMDIAG_WMARK_VERDICT_")}
    check(("ok" if predicted else "fail") == got,
          "order %d: GET_ZONES predicts %s, the allocation says %s"
          % (order, "ok" if predicted else "fail", got),
          "verdicts at min: %s" % {"%d/%s" % k: names.get(v, v)
                                   for k, v in said.items()})
    print("# order %d verdicts at min (atomic): %s" % (
        order, ", ".join("%s %s" % (k[1], names.get(v, v))
                         for k, v in sorted(said.items()))))
    return predicted, said, zones


def run(k):
    """The whole test: fresh, fragmented at order @k, released."""
    compare("fresh")
    verdict(k)
    held = helper("fragment %d" % k)
    print("# helper: fragment %d: %s" % (k, held.split("\n")[0]))
    try:
        # Memory freed since (a process of an earlier test still exiting)
        # can form a block of order K again: take it too, a few times.
        for _ in range(5):
            if not atomic_verdicts(Genl().zones(), k)[1]:
                break
            held = helper("fragment %d" % k)
            print("# helper: a block of order %d formed again: %s"
                  % (k, held.split("\n")[0]))
        compare("fragmented")
        # No zone may pass at K now, and one must say "no block" with free
        # pages above its min watermark: fragmentation, not a shortage.
        predicted, said, zones = verdict(k)
        nb = E["MEMDIAG_WMARK_VERDICT_NO_BLOCK"]
        check(not predicted and any(
            v == nb and zones[key][A("ZONE_FREE")] > zones[key][A("ZONE_MIN")]
            for key, v in said.items()),
            "order %d after fragmenting: no block, with free pages above min" % k,
            "verdicts %s" % said)
        verdict(k - 1)
    finally:
        helper("release")


def ctl_checks(ctl, k):
    """memdiagctl zones: open to all, narrows, says what is wrong."""
    import json
    import subprocess
    nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
              "--inh-caps=-all"]
    r = subprocess.run(nobody + [ctl, "zones", "--json", "--order", str(k),
                                 "--gfp", "kernel"],
                       capture_output=True, text=True)
    why = "exit %d: %s" % (r.returncode, r.stderr.strip())
    ok = r.returncode == 0
    if ok:
        d = json.loads(r.stdout)
        nzones = len(open("/proc/buddyinfo").read().splitlines())
        # GFP_KERNEL allocates from ZONE_NORMAL down: a kernel verdict for
        # those zones, none for Movable and Device (x86_64 has no HighMem).
        ok = len(d["zones"]) == nzones and all(
            [o["order"] for o in z["orders"]] == [k] and
            set(o["checks"]) == ({"kernel"} if z["name"] in
                                 ("DMA", "DMA32", "Normal") else set())
            for z in d["zones"] for o in z["orders"] or [{"order": k, "checks": {}}])
        why = "zones %d (kernel %d): %s" % (len(d["zones"]), nzones, r.stdout[:300])
    check(ok, "memdiagctl zones --json works unprivileged and narrows to "
          "--order and --gfp", why)
    r = subprocess.run([ctl, "zones", "--order", "99"], capture_output=True,
                       text=True)
    last = len(open("/proc/buddyinfo").readline().split()) - 5
    check(r.returncode == 2 and "--order" in r.stderr and
          ("orders are 0 to %d" % last) in r.stderr,
          "memdiagctl zones --order 99 is a usage error (exit 2) naming "
          "this kernel's orders (0 to %d, as /proc/buddyinfo)" % last,
          "exit %d: %s" % (r.returncode, r.stderr.strip()))
    r = subprocess.run([ctl, "zones", "--node", "4096"], capture_output=True,
                       text=True)
    check(r.returncode != 0 and "no such online node" in r.stderr,
          "memdiagctl zones --node 4096 fails with the kernel's extack message",
          "exit %d: %s" % (r.returncode, r.stderr.strip()))
    r = subprocess.run([ctl, "zones", "--gfp", "dma"], capture_output=True,
                       text=True)
    check(r.returncode == 2 and "kernel, atomic or highuser-movable" in r.stderr,
          "memdiagctl zones --gfp dma is a usage error naming the classes",
          "exit %d: %s" % (r.returncode, r.stderr.strip()))


def main():
    print("TAP version 13")
    if len(sys.argv) == 3 and sys.argv[1] == "compare":
        compare(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "verdict":
        verdict(int(sys.argv[2]))
    elif len(sys.argv) == 4 and sys.argv[1] == "run":
        run(int(sys.argv[2]))
        ctl_checks(sys.argv[3], int(sys.argv[2]))
    else:
        sys.exit("usage: zones_check.py compare TAG | verdict K | run K MEMDIAGCTL")
    print("1..%d" % memdiag_genl.n_test)
    sys.exit(1 if memdiag_genl.failed else 0)


if __name__ == "__main__":
    main()
