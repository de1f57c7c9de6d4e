#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""memdiagctl summary against states built to trigger each finding: its
verdicts and evidence are compared with /proc and with what memdiag
recorded. Also memdiagctl commit and oom (--json) against the records.
  summary_check.py MEMDIAGCTL
KTAP lines on stdout; exit 0 if all passed."""
import json
import mmap
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # the work tree is shared with the host
from commit_oom_check import meminfo, read, records, run_hog, write  # noqa: E402
import commit_oom_check as coc  # noqa: E402
import memdiag_genl  # noqa: E402
from memdiag_genl import Genl, check  # noqa: E402

CTL = sys.argv[1]
CG = "/sys/fs/cgroup/mdsum"


def summary():
    r = subprocess.run([CTL, "summary", "--json"], capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError("summary: exit %d: %s" % (r.returncode, r.stderr))
    return json.loads(r.stdout)


def finding(s, fid, zone=None):
    for f in s["findings"]:
        if f["id"] == fid and (zone is None or f["evidence"].get("zone") == zone):
            return f
    return None


def test_baseline():
    s = summary()
    f = finding(s, "sysctls")
    want = {k: int(read("/proc/sys/vm/" + k)) for k in
            ("overcommit_memory", "overcommit_ratio", "overcommit_kbytes",
             "min_free_kbytes", "watermark_scale_factor", "swappiness", "page-cluster")}
    check(f and all(f["evidence"][k] == v for k, v in want.items()),
          "sysctls: every value as /proc/sys/vm says", (f, want))
    f = finding(s, "commit")
    check(f and f["severity"] == "ok" and
          abs(f["evidence"]["commit-limit-kb"] - meminfo("CommitLimit")) == 0 and
          abs(f["evidence"]["committed-as-kb"] - meminfo("Committed_AS")) < 16384,
          "commit: ok in mode 0, CommitLimit and Committed_AS as /proc/meminfo", f)
    f = finding(s, "swap")
    check(f and (f["evidence"]["swap-total-kb"] == meminfo("SwapTotal")),
          "swap: SwapTotal as /proc/meminfo", f)
    zones = [f for f in s["findings"] if f["id"] == "zone"]
    zi = {}
    managed = {}
    node = None
    for line in open("/proc/zoneinfo"):
        w = line.split()
        if line.startswith("Node"):
            node = "%s/%s" % (w[1].rstrip(","), w[3])
        elif w[:2] == ["pages", "free"]:
            zi[node] = int(w[2])
        elif len(w) == 2 and w[0] == "managed":
            managed[node] = int(w[1])
    # A finding for each zone with managed pages, and for no other.
    want = sorted(z for z, n in managed.items() if n)
    check(want and sorted(z["evidence"]["zone"] for z in zones) == want and
          all(abs(z["evidence"]["free-pages"] - zi[z["evidence"]["zone"]]) < 4096
              for z in zones),
          "zones: one finding per zone with managed pages, free pages as "
          "/proc/zoneinfo", (want, zones))
    check(s["verdict"] == "no trouble" and
          not [f for f in s["findings"] if f["severity"] in ("warning", "problem")],
          "a fresh guest: no trouble", s["verdict"])


def test_commit(nl):
    old = {k: read("/proc/sys/vm/" + k) for k in ("overcommit_memory", "overcommit_ratio")}
    committed = meminfo("Committed_AS")
    try:
        write("/proc/sys/vm/overcommit_kbytes", committed + (16 << 10))
        write("/proc/sys/vm/overcommit_memory", 2)
        s = summary()
        watch = subprocess.Popen([CTL, "watch", "--json"], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        time.sleep(1)   # joined the group
        refused = coc.try_mmap(64 << 20)
        s2 = summary()
        time.sleep(1)
        watch.terminate()
        wout, werr = watch.communicate(timeout=10)
    finally:
        write("/proc/sys/vm/overcommit_memory", old["overcommit_memory"])
        write("/proc/sys/vm/overcommit_ratio", old["overcommit_ratio"])
    f = finding(s, "commit")
    check(f and f["severity"] == "problem" and s["verdict"] == "trouble" and
          f["evidence"]["overcommit-memory"] == 2 and
          f["evidence"]["headroom-kb"] < 16 << 10 and "mode 2" in f["why"],
          "mode 2 with 16 MiB of headroom: commit is a problem, the verdict trouble", f)
    f = finding(s2, "commit")
    check(refused and f and f["evidence"]["rejections"] >= 1 and
          "python3 (pid %d) was refused" % os.getpid() in f["why"] and
          "vm.overcommit_memory=2" in f["why"],
          "after a refused mmap: the latest rejection is named and explained", f)
    lines = [json.loads(x) for x in wout.splitlines() if x.startswith("{")]
    mine = [x for x in lines if x.get("type") == "commit-rejection" and
            x.get("pid") == os.getpid()]
    check(len(mine) == 1 and "vm.overcommit_memory=2" in mine[0]["why"],
          "memdiagctl watch --json shows the rejection as it happens", (wout, werr))
    r = subprocess.run([CTL, "commit", "--json", "--bytes"], capture_output=True, text=True)
    recs = records(nl, "commit")
    ok = r.returncode == 0
    if ok:
        d = json.loads(r.stdout)["commit"]
        ok = [(x["seq"], x["pid"], x["asked"] or None) for x in d] == \
            [(x["seq"], x["pid"], str(x["pages"] * coc.PAGE) if "pages" in x else None)
             for x in recs]
    check(ok and recs, "memdiagctl commit --json lists every record", (r.stdout[-500:], recs))


def test_oom(nl):
    if not os.path.exists(CG):
        os.mkdir(CG)
    if "memory" not in read("/sys/fs/cgroup/cgroup.subtree_control"):
        write("/sys/fs/cgroup/cgroup.subtree_control", "+memory")
    write(CG + "/memory.max", 32 << 20)
    if os.path.exists(CG + "/memory.swap.max"):
        write(CG + "/memory.swap.max", 0)
    try:
        hog, rc = run_hog(4, 0, CG)
        s = summary()
        r = subprocess.run([CTL, "oom", "--json"], capture_output=True, text=True)
        recs = records(nl, "oom")
    finally:
        for _ in range(50):
            try:
                os.rmdir(CG)
                break
            except OSError:
                time.sleep(0.1)
    f = finding(s, "oom")
    check(rc == -9 and f and f["severity"] == "problem" and
          f["evidence"]["oom-kills"] >= 1 and
          f["evidence"].get("recent-victims", "").endswith(
              "%d:python3 (memcg /mdsum)" % hog.pid) and
          "memory cgroup /mdsum reached memory.max" in f["why"],
          "after a memcg OOM kill: oom is a problem naming the victim and the cgroup", f)
    ok = r.returncode == 0
    if ok:
        d = json.loads(r.stdout)["oom"]
        ok = [(x["seq"], x["pid"], x["memcg"]) for x in d] == \
            [(x["seq"], x["pid"], x.get("memcg_path", "")) for x in recs]
    check(ok and recs, "memdiagctl oom --json lists every record", (r.stdout[-500:], recs))


def test_fragmentation():
    zones = "/sys/kernel/debug/memdiag_test/zones"
    if not os.path.exists(zones):
        # summary.sh loads the helper: its file missing is a failure.
        check(False, "fragmentation: the helper's %s exists" % zones,
              "helper not loaded: no provoked failure")
        return
    try:
        # Memory freed meanwhile can form an order-3 block again: fragment
        # (the helper tops up) and try until one attempt fails.
        for _ in range(5):
            write(zones, "fragment 3")
            write(zones, "try 3")
            tried = read(zones)
            if "try 3 fail" in tried:
                break
        s = summary()
    finally:
        write(zones, "release")
    f = finding(s, "alloc-failures")
    ev = f["evidence"] if f else {}
    print("# helper: %s" % tried.replace("\n", ", "))
    # The helper's requests are not movable: free CMA blocks (arm64's
    # 64 MiB CMA area) stay free beside them, of any order. Then the
    # verdict must say the blocks left may all be CMA.
    cma_kb = ev.get("last-free-cma-kb", 0)
    cma_named = f and ("may all be CMA" in f["why"] or
                       "are CMA ones" in f["why"])
    check("try 3 fail" in tried and f and f["severity"] == "warning" and
          ev.get("page", 0) >= 1 and ev.get("last-order") == 3 and
          (ev.get("last-largest-free-order", 99) < 3 or
           (cma_kb > 0 and cma_named)),
          "after an order-3 failure in fragmented memory: named, no free "
          "block of order >= 3 (or, with %d kB of free CMA, the verdict "
          "names CMA)" % cma_kb, f)
    # The verdict comes from the one function explain uses too
    # (ctl/zoneverdict.c): fragmentation, with the free pages it saw.
    check(f and ev.get("last-free-kb", 0) - cma_kb >= 64 << 10 and
          ev.get("last-verdict") == "fragmentation" and
          "): fragmentation: " in f["why"],
          "with %s kB free (%s kB CMA) it is called fragmentation (verdict %s)" %
          (ev.get("last-free-kb"), cma_kb, ev.get("last-verdict")), f)
    check(s["verdict"] == "trouble", "a failure makes the verdict trouble", s["verdict"])
    text = subprocess.run([CTL, "summary"], capture_output=True, text=True).stdout
    print("".join("# " + line + "\n" for line in text.splitlines()), end="")


def test_swap():
    """A zram swap area: swapoff would succeed; in overcommit mode 2 with
    overcommit_ratio=0 (CommitLimit = the swap itself) it would fail."""
    if meminfo("SwapTotal") or subprocess.run(["modprobe", "zram", "num_devices=1"]).returncode:
        # Not silently: its two results, as skipped.
        for what in ("a 256 MiB swap area, mode 0", "mode 2 with CommitLimit = the swap"):
            check(True, "%s # SKIP swap in use already, or no zram" % what)
        return
    old = {k: read("/proc/sys/vm/" + k) for k in ("overcommit_memory", "overcommit_ratio")}
    try:
        write("/sys/block/zram0/disksize", 256 << 20)
        subprocess.run(["mkswap", "/dev/zram0"], capture_output=True, check=True)
        subprocess.run(["swapon", "/dev/zram0"], check=True)
        s1 = summary()
        swap_kb = meminfo("SwapTotal")
        write("/proc/sys/vm/overcommit_ratio", 0)
        write("/proc/sys/vm/overcommit_memory", 2)
        s2 = summary()
    finally:
        write("/proc/sys/vm/overcommit_memory", old["overcommit_memory"])
        write("/proc/sys/vm/overcommit_ratio", old["overcommit_ratio"])
        subprocess.run(["swapoff", "/dev/zram0"])
        # Reset first: where zram is built in, rmmod cannot free it.
        write("/sys/block/zram0/reset", 1)
        subprocess.run(["rmmod", "zram"], stderr=subprocess.DEVNULL)
    f = finding(s1, "swap")
    check(f and f["severity"] == "ok" and "would succeed" in f["title"] and
          f["evidence"]["swap-total-kb"] == swap_kb > 250 << 10,
          "a 256 MiB swap area, mode 0: swapoff would succeed", f)
    f = finding(s2, "swap")
    check(f and f["severity"] == "warning" and "would fail" in f["title"] and
          "overcommit mode 2" in f["why"],
          "mode 2 with CommitLimit = the swap: swapoff would fail, the commit check says why", f)


def main():
    nl = Genl()
    print("TAP version 13")
    test_baseline()
    test_commit(nl)
    test_oom(nl)
    test_swap()
    test_fragmentation()
    print("1..%d" % memdiag_genl.n_test)
    sys.exit(1 if memdiag_genl.failed else 0)


if __name__ == "__main__":
    main()
