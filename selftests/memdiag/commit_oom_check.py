#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Commit-accounting rejections and OOM kills as memdiag records them,
against what the kernel itself says (/proc/meminfo, the sysctls, the
"Killed process" line of the kernel log, memory.events).
  commit_oom_check.py commit   an mmap refused under overcommit_memory=2,
                               one refused in mode 0 (larger than RAM + swap);
                               pages checked if loaded with commit_pages=1
  commit_oom_check.py memcg [MEMDIAGCTL]
                               a memory cgroup OOM kill (and, with
                               MEMDIAGCTL built, its `oom` table)
  commit_oom_check.py global   a global OOM kill (small guests only)
KTAP lines on stdout; exit 0 if all passed, 4 if skipped."""
import json
import mmap
import os
import re
import struct
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # the work tree is shared with the host
import memdiag_genl  # noqa: E402
from memdiag_genl import A, E, Genl, check, nla_parse, meminfo, sh, write  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
# Loaded with commit_pages=1: records carry the pages asked for.
PAGES = open("/sys/module/memdiag/parameters/commit_pages").read().strip() == "Y"
# Why the commit feature is unavailable (GET_STATUS), if it is: its checks SKIP.
COMMIT_SKIP = ""
CG = "/sys/fs/cgroup/mdoom"
STRINGS = {"comm", "cgroup_path", "memcg_path", "trigger_comm", "gfp_names",
           "path"}
SIGNED = {"oom_score_adj": "=i", "order": "=i", "points": "=q"}


def read(path):
    with open(path) as f:
        return f.read().strip()


def decode(prefix, msg):
    names = {v: k[len(prefix):].lower() for k, v in E.items()
             if k.startswith(prefix) and not k.endswith("_MAX")}
    r = {}
    for t, p in nla_parse(msg):
        name = names.get(t)
        if name is None or name == "pad":
            continue
        if name in STRINGS:
            r[name] = p.rstrip(b"\0").decode()
        elif name in SIGNED:
            r[name] = struct.unpack(SIGNED[name], p)[0]
        elif len(p) == 0:
            r[name] = True
        elif len(p) == 4:
            r[name] = struct.unpack("=I", p)[0]
        elif len(p) == 8:
            r[name] = struct.unpack("=Q", p)[0]
        else:
            r[name] = p     # a nest (swapoff's victims): not decoded here
    return r


def records(nl, what):
    cmd = E["MEMDIAG_CMD_GET_" + what.upper()]
    return [decode("MEMDIAG_A_%s_" % what.upper(), m)
            for m in nl.request(nl.family, cmd, dump=True)]


def counters(nl):
    msg = nl.request(nl.family, E["MEMDIAG_CMD_GET_MM_COUNTERS"])[0]
    return decode("MEMDIAG_A_MM_COUNTERS_", msg)


def counters_add_up(nl, what):
    c = counters(nl)
    t = [c[what + "_" + k] for k in ("total", "recorded", "suppressed", "lost")]
    check(t[0] == t[1] + t[2] + t[3] and t[0] >= 1,
          "%s counters add up: total = recorded + suppressed + lost" % what, c)


def kmsg():
    return subprocess.run(["dmesg"], capture_output=True, text=True).stdout


def ntf_seqs(listener, cmd, attr):
    return [struct.unpack("=Q", dict(nla_parse(p))[A(attr)])[0]
            for c, p in listener.notifications(timeout=2.0)
            if c == E[cmd]]


# ---- commit rejections -----------------------------------------------------

def try_mmap(size):
    """mmap(MAP_PRIVATE|MAP_ANONYMOUS) of @size bytes: True if refused."""
    try:
        m = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    except OSError as e:
        return e.errno == 12
    m.close()
    return False


def test_commit(nl, listener):
    old = {k: read("/proc/sys/vm/" + k) for k in
           ("overcommit_memory", "overcommit_ratio", "overcommit_kbytes")}
    before = {r["seq"] for r in records(nl, "commit")}
    committed = meminfo("Committed_AS")
    kbytes = committed + (256 << 10)     # 256 MiB of headroom
    try:
        write("/proc/sys/vm/overcommit_kbytes", kbytes)
        write("/proc/sys/vm/overcommit_memory", 2)
        limit_kb = meminfo("CommitLimit")
        committed_kb = meminfo("Committed_AS")
        size = (limit_kb - committed_kb + (64 << 10)) << 10   # 64 MiB too many
        refused = try_mmap(size)
        ok_small = not try_mmap(16 << 20)
    finally:
        write("/proc/sys/vm/overcommit_memory", old["overcommit_memory"])
        if int(old["overcommit_kbytes"]):
            write("/proc/sys/vm/overcommit_kbytes", old["overcommit_kbytes"])
        else:
            write("/proc/sys/vm/overcommit_ratio", old["overcommit_ratio"])
    print("# mode 2: CommitLimit %d kB, Committed_AS %d kB, mmap of %d kB" %
          (limit_kb, committed_kb, size >> 10))
    check(refused and ok_small,
          "mode 2: an mmap beyond CommitLimit is refused, a small one is not")
    if COMMIT_SKIP:
        print("ok %d mode 2: records # SKIP %s" % (memdiag_genl.n_test + 1, COMMIT_SKIP))
        memdiag_genl.n_test += 1
        return
    new = [r for r in records(nl, "commit") if r["seq"] not in before]
    check(len(new) == 1, "mode 2: one record for one refusal", new)
    if not new:
        return
    r = new[-1]
    print("# record: %s" % r)
    check(r["pid"] == os.getpid() and r["comm"] == read("/proc/self/comm"),
          "mode 2: the record names this process", r)
    if PAGES:
        check(r.get("pages") == size // PAGE,
              "mode 2: pages asked for = the mmap's size (%d)" % (size // PAGE), r)
    else:
        check("pages" not in r, "mode 2: no pages without commit_pages=1", r)
    check(r.get("mode") == E["MEMDIAG_OVERCOMMIT_MODE_NEVER"] and
          r.get("kbytes") == kbytes,
          "mode 2: overcommit mode 2 and overcommit_kbytes as set", r)
    check(r.get("commit_limit") == limit_kb * 1024 // PAGE,
          "mode 2: CommitLimit as /proc/meminfo says (%d kB)" % limit_kb, r)
    # Committed_AS moves a little while we look; the request is in it.
    was = r["committed"] - size // PAGE
    check(abs(was - committed_kb * 1024 // PAGE) < 8192 and
          r["committed"] >= r.get("commit_limit", 0),
          "mode 2: Committed_AS at the failure (request included) reaches the "
          "limit, and without the request matches /proc/meminfo (+-32 MiB)",
          (r, committed_kb))
    log = kmsg()
    m = re.findall(r"__vm_enough_memory: pid: (\d+), comm: (\S+),(?: bytes: (\d+))?",
                   log)
    if tuple(map(int, os.uname().release.split(".")[:2])) < (6, 0):
        print("ok %d mode 2: the kernel log's __vm_enough_memory line agrees "
              "# SKIP __vm_enough_memory() prints no warning before 6.0" %
              (memdiag_genl.n_test + 1))
        memdiag_genl.n_test += 1
    else:
        check(m and int(m[-1][0]) == os.getpid() and
              (not m[-1][2] or int(m[-1][2]) == size),
              "mode 2: the kernel log's __vm_enough_memory line agrees", m[-1:])
    seqs = ntf_seqs(listener, "MEMDIAG_CMD_COMMIT_NTF", "COMMIT_SEQ")
    check(r["seq"] in seqs, "mode 2: the record went to the events group",
          (seqs, "overruns", listener.overruns))

    # Mode 0 refuses only what exceeds RAM + swap.
    before = {r["seq"] for r in records(nl, "commit")}
    swap_kb = meminfo("SwapTotal")
    size = (meminfo("MemTotal") + swap_kb + (1 << 20)) << 10
    write("/proc/sys/vm/overcommit_memory", 0)
    refused = try_mmap(size)
    write("/proc/sys/vm/overcommit_memory", old["overcommit_memory"])
    new = [r for r in records(nl, "commit") if r["seq"] not in before]
    check(refused and len(new) == 1 and
          new[-1].get("mode") == E["MEMDIAG_OVERCOMMIT_MODE_GUESS"] and
          new[-1].get("pages") == (size // PAGE if PAGES else None) and
          new[-1]["committed"] >= size // PAGE,
          "mode 0: an mmap larger than RAM + swap is refused and recorded", new)
    counters_add_up(nl, "commit")


# ---- OOM kills -------------------------------------------------------------

HOG = r"""
import os, sys
sys.stdout.write("ready\n"); sys.stdout.flush()
sys.stdin.readline()
chunks = []
while True:
    chunks.append(b"\1" * (%d << 20))
"""


def killed_line(log, pid):
    # A comm may hold spaces ("Thread-1 (_read": a Python thread's): up to 15 characters.
    pat = (r"(.*): Killed process %d \((.{1,15}?)\) total-vm:(\d+)kB, anon-rss:(\d+)kB, "
           r"file-rss:(\d+)kB, shmem-rss:(\d+)kB, UID:(\d+) pgtables:(\d+)kB "
           r"oom_score_adj:(-?\d+)" % pid)
    m = re.findall(pat, log)
    return m[-1] if m else None


def run_hog(chunk_mb, adj, cgroup=None):
    def pre():
        if cgroup:
            write(cgroup + "/cgroup.procs", os.getpid())
        write("/proc/self/oom_score_adj", adj)
    hog = subprocess.Popen([sys.executable, "-c", HOG % chunk_mb],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           text=True, preexec_fn=pre)
    line = hog.stdout.readline()
    check(line.strip() == "ready", "the hog runs", line)
    hog.stdin.write("go\n")
    hog.stdin.flush()
    rc = hog.wait(timeout=600)
    return hog, rc


def zone_slack_pages():
    """Pages an allocation could still get after an OOM began: before it
    calls the OOM killer, __alloc_pages_may_oom() tries once more at the
    high watermark, so every zone then had at most its high watermark (with
    any watermark boost, at most watermark_boost_factor of it more) plus
    its lowmem reserve free."""
    high, prot, total = {}, {}, 0
    zone = None
    for line in open("/proc/zoneinfo"):
        f = line.split()
        if line.startswith("Node"):
            zone = " ".join(f[:4])
        elif f and f[0] == "high" and zone:
            high[zone] = int(f[1])
        elif f and f[0] == "protection:" and zone:
            prot[zone] = max(int(x) for x in re.findall(r"\d+", line))
    boost = int(read("/proc/sys/vm/watermark_boost_factor") or 0)
    for z, h in high.items():
        total += h + h * boost // 10000 + prot.get(z, 0)
    return total


def check_victim(r, hog, log, message, what, chunk_mb, limit_pages=None):
    k = killed_line(log, hog.pid)
    # The kill's own "invoked oom-killer" line is the last one before it
    # (dump_header() prints it in the same oom_kill_process() call).
    before = log[:log.rfind("Killed process %d " % hog.pid)] if k else log
    # The comm starts the message (after dmesg's time stamp) and may hold spaces.
    inv = re.findall(r"^(?:\[[^\]]*\] ?)?(.{1,15}?) invoked oom-killer: gfp_mask=0x([0-9a-f]+)"
                     r"\(([^)]*)\), order=(-?\d+), oom_score_adj=(-?\d+)", before, re.M)
    check(inv and (inv[-1][0], int(inv[-1][1], 16), inv[-1][2], int(inv[-1][3])) ==
          (r["trigger_comm"], r["gfp"], r["gfp_names"], r["order"]),
          "%s: trigger, gfp mask and order match the 'invoked oom-killer' line" % what,
          (inv[-1:], r))
    check(k is not None and message in k[0],
          "%s: the kernel log has '%s: Killed process %d'" % (what, message, hog.pid),
          log[-1500:])
    if not k:
        return
    _, comm, total_vm, anon, filer, shmem, uid, pgt, adj = k
    kb = PAGE // 1024
    # pid (the line is found by it), comm, uid and oom_score_adj cannot
    # change between the two reads: equal.
    check((r["comm"], r["uid"], r["oom_score_adj"]) == (comm, int(uid), int(adj)),
          "%s: comm, uid and oom_score_adj match the kernel log" % what,
          (r, k))
    # The sizes are read as oom_kill_process() starts, the kernel's line
    # after dump_header() (slow: a serial console) and the SIGKILL; the
    # victim may run meanwhile on another CPU. What can change:
    #  - it can only get pages the allocator still had (slack, see
    #    zone_slack_pages(); other tasks free nothing here) and maps at
    #    most one more chunk of chunk_mb (mmap needs no memory);
    #  - no swap and a hog that never frees: anon, shmem, total_vm and
    #    page tables do not shrink; file pages can be reclaimed (>= 0);
    #  - the RSS counters are read approximately both times (6.2+: a
    #    percpu_counter, off by up to 32 pages a CPU; 6.1: up to 64
    #    unsynced events of the one thread): 64 pages a CPU each read.
    slack = zone_slack_pages()
    if limit_pages is not None:
        # In a memory cgroup the victim cannot be charged past memory.max.
        slack = min(slack, limit_pages)
    jitter = 2 * 64 * os.cpu_count()
    chunk = (chunk_mb << 20) // PAGE
    grow = slack + jitter
    d_vm = int(total_vm) // kb - r["total_vm"]
    d_anon = int(anon) // kb - r["anon_rss"]
    d_file = int(filer) // kb - r["file_rss"]
    d_shmem = int(shmem) // kb - r["shmem_rss"]
    # One page of PTEs maps 512 pages; an upper-level table or two more.
    d_pgt = (int(pgt) << 10) - r["pgtables_bytes"]
    pgt_max = ((slack + chunk) // 512 + 3) * PAGE
    print("# %s: kernel line - record (pages): total_vm %d, anon %d, file %d, "
          "shmem %d; pgtables %d bytes; slack %d, jitter %d, chunk %d" %
          (what, d_vm, d_anon, d_file, d_shmem, d_pgt, slack, jitter, chunk))
    ok = (0 <= d_vm <= slack + chunk and -jitter <= d_anon <= grow and
          int(filer) >= 0 and d_file <= grow and -jitter <= d_shmem <= grow and
          0 <= d_pgt <= pgt_max)
    check(ok, "%s: sizes and pgtables agree with the kernel log within what can "
          "change between the two reads" % what, (r, k))


def test_memcg(nl, listener):
    if not os.path.exists(CG):
        os.mkdir(CG)
    if "memory" not in read("/sys/fs/cgroup/cgroup.subtree_control"):
        write("/sys/fs/cgroup/cgroup.subtree_control", "+memory")
    write(CG + "/memory.max", 48 << 20)
    if os.path.exists(CG + "/memory.swap.max"):
        write(CG + "/memory.swap.max", 0)
    before = {r["seq"] for r in records(nl, "oom")}
    kills0 = int(dict(l.split() for l in open(CG + "/memory.events"))["oom_kill"])
    try:
        hog, rc = run_hog(8, 300, CG)
        kills1 = int(dict(l.split() for l in open(CG + "/memory.events"))["oom_kill"])
        # Paths are resolved when read: read while the cgroup exists.
        new = [r for r in records(nl, "oom") if r["seq"] not in before]
    finally:
        for _ in range(50):
            try:
                os.rmdir(CG)
                break
            except OSError:
                time.sleep(0.1)
    check(rc == -9 and kills1 - kills0 == 1,
          "memcg: the hog is killed (SIGKILL) and memory.events counts one oom_kill",
          (rc, kills0, kills1))
    check(len(new) == 1 and new[0]["pid"] == hog.pid,
          "memcg: one record, the victim is the hog (pid %d)" % hog.pid, new)
    if not new:
        return
    r = new[0]
    print("# record: %s" % r)
    check(r["constraint"] == E["MEMDIAG_OOM_CONSTRAINT_MEMCG"] and
          r.get("memcg_path") == "/mdoom" and r.get("cgroup_path") == "/mdoom",
          "memcg: constraint memcg, the cgroup out of memory is /mdoom", r)
    check(r["trigger_pid"] == hog.pid and r["order"] == 0 and r["points"] > 0 and
          "GFP_" in r["gfp_names"],
          "memcg: the hog's own order-0 allocation triggered it, points > 0", r)
    check_victim(r, hog, kmsg(), "Memory cgroup out of memory", "memcg", 8,
                 (48 << 20) // PAGE)
    seqs = ntf_seqs(listener, "MEMDIAG_CMD_OOM_NTF", "OOM_SEQ")
    check(r["seq"] in seqs, "memcg: the record went to the events group",
          (seqs, "overruns", listener.overruns))
    # Read again with the group removed: the module still sends its id.
    # Its path is resolved when read, and a removed group may still be
    # found while it is dying (kernels whose kernfs finds a removed node
    # by id until it is freed, 5.10): memdiagctl, asked after the module,
    # names it as the module did or says "(gone)", never leaves it blank.
    again = [x for x in records(nl, "oom") if x["seq"] == r["seq"]]
    path = again[0].get("memcg_path", "none") if again else "?"
    check(not os.path.exists(CG) and len(again) == 1 and
          again[0].get("memcg_id") == r.get("memcg_id") and path in ("/mdoom", "none"),
          "memcg: read after rmdir, the record keeps the group's id (path %s)" % path, again)
    ctl = sys.argv[2] if len(sys.argv) > 2 else ""
    if again and os.access(ctl, os.X_OK):
        out = sh(ctl, "oom", "--json", "-o", "SEQ,MEMCG,CGROUP", ok=False)
        rows = [x for x in json.loads(out.stdout or "{}").get("oom", [])
                if x.get("seq") == r["seq"]] if out.returncode == 0 else None
        allowed = {"(gone)"} | ({"/mdoom"} if "memcg_path" in again[0] else set())
        check(rows is not None and len(rows) == 1 and rows[0].get("memcg") in allowed and
              rows[0].get("cgroup") in allowed,
              "memcg: memdiagctl oom then names the removed group as %s" % sorted(allowed),
              (out.returncode, rows))
    counters_add_up(nl, "oom")


def test_global(nl, listener):
    total_kb = meminfo("MemTotal")
    if total_kb > (640 << 10) or meminfo("SwapTotal"):
        print("# SKIP global OOM needs a small guest without swap (MemTotal %d kB)"
              % total_kb)
        sys.exit(4)
    before = {r["seq"] for r in records(nl, "oom")}
    hog, rc = run_hog(4, 1000)
    check(rc == -9, "global: the hog is killed (SIGKILL)", rc)
    new = [r for r in records(nl, "oom") if r["seq"] not in before]
    mine = [r for r in new if r["pid"] == hog.pid]
    check(len(mine) == 1, "global: one record names the hog (pid %d)" % hog.pid, new)
    if not mine:
        return
    r = mine[0]
    print("# record: %s" % r)
    check(r["constraint"] == E["MEMDIAG_OOM_CONSTRAINT_NONE"] and
          "memcg_id" not in r,
          "global: constraint none, no memory cgroup", r)
    # Unconstrained, constrained_alloc() sets totalpages to
    # totalram_pages() + total_swap_pages: MemTotal + SwapTotal exactly.
    ram = (meminfo("MemTotal") + meminfo("SwapTotal")) * 1024 // PAGE
    check(r["oom_score_adj"] == 1000 and r["points"] > 0 and
          r["totalpages"] == ram,
          "global: oom_score_adj 1000, points > 0, totalpages = RAM + swap "
          "(%d pages)" % ram, r)
    check_victim(r, hog, kmsg(), "Out of memory", "global", 4)
    seqs = ntf_seqs(listener, "MEMDIAG_CMD_OOM_NTF", "OOM_SEQ")
    check(r["seq"] in seqs, "global: the record went to the events group",
          (seqs, "overruns", listener.overruns))
    counters_add_up(nl, "oom")


SWAP_HOG = r"""
import os, sys
b = bytearray(%d << 20)
one = b"\1" * (1 << 20)
for i in range(0, len(b), 1 << 20):
    b[i:i + (1 << 20)] = one    # pages of one repeated byte: zram keeps no data
sys.stdout.write("ready\n"); sys.stdout.flush()
sys.stdin.readline()
"""


def test_swapoff_victim(nl):
    """A swapoff that runs out of memory swapping back in more than RAM
    holds: it runs as oom_origin (set_current_oom_origin()), so the global
    OOM killer chooses swapoff itself (oom_evaluate_task(): oom_task_origin()
    before any badness). Its record says cause oom-victim, outcome killed,
    and names it among the victims, as the kernel log's "Killed process"
    line does. The pages are of one repeated byte, which zram stores as a
    mark only: RAM + the swapped-out pages exceed RAM, however little zram
    uses."""
    sh("modprobe", "zram", "num_devices=1", ok=False)
    if not os.path.exists("/sys/block/zram0"):
        print("# SKIP swapoff as OOM victim: no zram")
        return
    size_mb = meminfo("MemTotal") // 1024 + 64
    cg = CG + "-swap"
    hog = None
    try:
        write("/sys/block/zram0/disksize", "%dM" % (2 * size_mb))
        sh("mkswap", "/dev/zram0")
        sh("swapon", "/dev/zram0")
        if "memory" not in read("/sys/fs/cgroup/cgroup.subtree_control"):
            write("/sys/fs/cgroup/cgroup.subtree_control", "+memory")
        os.makedirs(cg, exist_ok=True)
        write(cg + "/memory.max", 32 << 20)
        hog = subprocess.Popen(
            [sys.executable, "-c", SWAP_HOG % size_mb], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True,
            preexec_fn=lambda: write(cg + "/cgroup.procs", os.getpid()))
        line = hog.stdout.readline()
        check(line.strip() == "ready",
              "swapoff victim: a process of MemTotal + 64 MiB is out on zram0", line)
        write(cg + "/memory.max", "max")   # only RAM limits the swap-ins
        before = max([r["seq"] for r in records(nl, "swapoff")] or [0])
        so = subprocess.Popen(["swapoff", "/dev/zram0"])
        rc = so.wait(timeout=600)
        check(rc == -9, "swapoff victim: swapoff is killed (SIGKILL)", rc)
        new = [r for r in records(nl, "swapoff")
               if r["seq"] > before and r["pid"] == so.pid]
        r = new[0] if len(new) == 1 else {}
        print("# record: %s" % r)
        check(r.get("cause") == E["MEMDIAG_SWAPOFF_CAUSE_OOM_VICTIM"] and
              r.get("outcome") == E["MEMDIAG_SWAPOFF_OUTCOME_KILLED"] and
              r.get("path") == "/dev/zram0",
              "swapoff victim: one record, cause oom-victim, outcome killed", new)
        k = killed_line(kmsg(), so.pid)
        check(k is not None and "Out of memory" in k[0] and k[1] == "swapoff",
              "swapoff victim: the kernel log has 'Out of memory: Killed process "
              "%d (swapoff)'" % so.pid, k)
    finally:
        if hog:
            hog.kill()
            hog.wait()
        sh("swapoff", "/dev/zram0", ok=False)
        for _ in range(50):
            try:
                os.rmdir(cg)
                break
            except OSError:
                time.sleep(0.1)
        write("/sys/block/zram0/reset", 1)
        sh("rmmod", "zram", ok=False)


def test_features(nl):
    """GET_STATUS: the commit and oom features initialised, and say whether
    the pages asked for are recorded."""
    feats = {}
    for t, p in nla_parse(nl.request(nl.family, E["MEMDIAG_CMD_GET_STATUS"])[0]):
        if t != A("STATUS_FEATURE"):
            continue
        f = dict(nla_parse(p))
        feats[f[A("FEATURE_NAME")].rstrip(b"\0").decode()] = (
            struct.unpack("=I", f[A("FEATURE_STATE")])[0],
            f.get(A("FEATURE_MESSAGE"), b"").rstrip(b"\0").decode())
    ok = E["MEMDIAG_FEATURE_STATE_OK"]
    commit = feats.get("commit", (None, ""))
    if commit[0] == E["MEMDIAG_FEATURE_STATE_UNAVAILABLE"] and not PAGES:
        # 5.10: no failure-only hook without commit_pages=1 (the module's reason).
        global COMMIT_SKIP
        COMMIT_SKIP = commit[1]
        check(feats.get("oom", (None,))[0] == ok,
              "feature oom initialised ok", feats)
        print("ok %d features commit: unavailable # SKIP %s" %
              (memdiag_genl.n_test + 1, COMMIT_SKIP))
        memdiag_genl.n_test += 1
        return
    # 5.10 has no swap-in charge hook (mem_cgroup_swapin_charge_folio):
    # swapoff is degraded there, with that reason, and only for it.
    swapoff = feats.get("swapoff", (None, ""))
    swapoff_ok = swapoff[0] == ok or (
        swapoff[0] == E["MEMDIAG_FEATURE_STATE_DEGRADED"] and
        "mem_cgroup_swapin_charge_folio" in swapoff[1] and
        " mem_cgroup_swapin_charge_folio\n" not in open("/proc/kallsyms").read())
    check(commit[0] == ok and feats.get("oom", (None,))[0] == ok and swapoff_ok,
          "features commit, oom and swapoff initialised ok", feats)
    check(("commit_pages=0" in commit[1]) != PAGES,
          "the commit feature says whether pages are recorded", feats)


def main():
    what = sys.argv[1]
    nl = Genl()
    listener = Genl()
    listener.join("events")
    print("TAP version 13")
    if what == "commit":
        test_features(nl)
    {"commit": test_commit, "memcg": test_memcg, "global": test_global}[what](
        nl, listener)
    if what == "global":
        test_swapoff_victim(nl)
    print("1..%d" % memdiag_genl.n_test)
    sys.exit(1 if memdiag_genl.failed else 0)


if __name__ == "__main__":
    main()
