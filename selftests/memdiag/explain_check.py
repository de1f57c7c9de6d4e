#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""memdiagctl explain on this kernel's own log, against memdiag's own
records of the same events: the same event seen two ways.

  explain_check.py alloc HOW K CTL
                                 the helper takes the blocks of order >= K
                                 (HOW: "fragment" keeps a page of each and
                                 frees the rest, "exhaust" keeps them all)
                                 and makes ONE order-K attempt without
                                 __GFP_NOWARN; the kernel must print its
                                 report (warn_alloc, one per 10 s: the test
                                 waits for its rate limit and checks the
                                 report is there), then explain's
                                 alloc-failure event must agree with the
                                 newest record of "CTL events"
  explain_check.py oom CTL       a memory cgroup v2 OOM kill; explain's
                                 oom-kill event must agree with the record
                                 of "CTL oom"

explain is run twice, on the saved output of dmesg and with no file (the
running log). Exact: order, gfp mask, pid, comm, min/low/high per zone (the
printed ones include the watermark boost, the record's do not), lowmem
reserves, victim identity, constraint, memory cgroup and its limit. Within
what can change between the record (taken first) and the printed report:
free pages, free blocks, the victim's sizes. Extra keys are ignored; on a
mismatch both sides are printed.
KTAP lines on stdout; exit 0 if all passed.
"""
import json
import os
import re
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # the work tree is shared with the host
import memdiag_genl  # noqa: E402
from memdiag_genl import check, write  # noqa: E402
from commit_oom_check import HOG, zone_slack_pages  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
HELPER = "/sys/kernel/debug/memdiag_test/warn"
CG = "/sys/fs/cgroup/mdexplain"
CG_MAX = 48 << 20
# warn_alloc()'s nopage_rs: one report per 10 s (10*HZ, burst 1, in 5.10,
# 6.1, 6.12 and 7.2 alike); a second more for the clocks.
RATELIMIT_S = 11.0
# Lines of every warn_alloc() report (and its "callbacks suppressed" line):
# each one printed opens or is inside a rate-limit window.
WARN_RE = re.compile(r"^\[\s*(\d+\.\d+)\] (?:\S.*: )?(?:page allocation failure:|"
                     r"page allocation stalls for|vmalloc error:|"
                     r"vmalloc: allocation failure|vmemmap alloc failure|"
                     r"warn_alloc: \d+ callbacks suppressed)")
TS_RE = re.compile(r"^\[\s*(\d+\.\d+)\] ")


def dmesg():
    return subprocess.run(["dmesg"], capture_output=True, text=True,
                          check=True).stdout


def mark(text):
    """A line of our own in the kernel log; its printk time, from the log."""
    tag = "memdiag explain_check: %s %d.%d" % (text, os.getpid(), time.monotonic_ns())
    with open("/dev/kmsg", "w") as f:
        f.write(tag + "\n")
    for line in reversed(dmesg().splitlines()):
        if line.endswith(tag):
            m = TS_RE.match(line)
            return tag, float(m.group(1)) if m else None
    return tag, None


def after(log, tag):
    """The lines of @log after our line @tag ([] if it is not there)."""
    lines = log.splitlines()
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].endswith(tag):
            return lines[i + 1:]
    return []


def wait_ratelimit():
    """Sleep until warn_alloc() may print again: more than 10 s after its
    last report in this log (a window begins at a printed report)."""
    last = None
    for line in dmesg().splitlines():
        m = WARN_RE.match(line)
        if m:
            last = float(m.group(1))
    _, now = mark("rate-limit check")
    if last is not None and now is not None and now - last < RATELIMIT_S:
        print("# last warn_alloc report at %.1f s, now %.1f s: waiting %.1f s"
              % (last, now, RATELIMIT_S - (now - last)))
        time.sleep(RATELIMIT_S - (now - last))


def ctl_json(ctl, *args):
    r = subprocess.run([ctl] + list(args), capture_output=True, text=True)
    if r.returncode != 0:
        return None, "%s %s: exit %d: %s" % (ctl, " ".join(args), r.returncode,
                                              r.stderr.strip()[-2000:])
    try:
        return json.loads(r.stdout), None
    except ValueError as e:
        return None, "%s %s: bad JSON (%s): %s" % (ctl, " ".join(args), e,
                                                   r.stdout[:2000])


def explain_runs(ctl, logfile):
    """explain --json on the saved log, then on the running log: [(what,
    document or None, error)]."""
    out = []
    for what, args in (("dmesg file", ["explain", "--json", logfile]),
                       ("running log", ["explain", "--json"])):
        d, err = ctl_json(ctl, *args)
        if d is not None and not isinstance(d.get("events"), list):
            d, err = None, "no events list: %s" % str(d)[:2000]
        out.append((what, d, err))
    return out


def names(v):
    """gfp names, whether a string "A|B" or a list: a set."""
    if v is None:
        return None
    if isinstance(v, str):
        return set(x for x in v.split("|") if x)
    return set(v)


def show(a, b):
    return "explain: %s\nrecord:  %s" % (json.dumps(a, sort_keys=True),
                                         json.dumps(b, sort_keys=True))


def ok_line(text):
    memdiag_genl.n_test += 1
    print("ok %d %s" % (memdiag_genl.n_test, text))


# ---- a page allocation failure ---------------------------------------------

def provoke(how, order):
    """The helper's order-K failure without __GFP_NOWARN, until the kernel
    printed its report for it (at most 3 tries, each after the rate limit).
    Returns the report's lines (from its first line) or None."""
    pid = os.getpid()
    head = re.compile(r"^\[\s*[\d.]+\] (\S+): page allocation failure: "
                      r"order:(\d+), mode:0x([0-9a-f]+)")
    cpu = re.compile(r"\bPID: (\d+) (?:Comm|comm): (\S+)")
    for attempt in range(3):
        wait_ratelimit()
        tag, _ = mark("warn %s %d try %d" % (how, order, attempt + 1))
        try:
            write(HELPER, "%s %d" % (how, order))
        except OSError as e:
            check(False, "%s: the helper takes the blocks of order %d" % (how, order), e)
            return None
        state = open(HELPER).read().split()
        print("# helper: %s" % " ".join(state))
        if state[:3] != ["warn", str(order), "fail"] or int(state[3]) != pid:
            check(False, "%s: the helper's order-%d attempt failed" % (how, order),
                  state)
            return None
        lines = after(dmesg(), tag)
        for i, line in enumerate(lines):
            m = head.match(line)
            if not m or int(m.group(2)) != order:
                continue
            c = [cpu.search(x) for x in lines[i + 1:i + 4]]
            c = [x for x in c if x]
            if c and int(c[0].group(1)) == pid:
                return lines[i:]
        print("# try %d: the kernel printed no report of ours (rate-limited "
              "by another report?): %s" % (attempt + 1, lines[:5]))
    return None


def zone_key(z):
    """(node, zone name) of an explain zone or a record's zone."""
    name = z.get("name", z.get("zone"))
    return (z.get("node"), name)


def compare_zone(e, r, drift, high_zone):
    """One zone: explain's @e against the record's @r. Returns a list of
    what disagreed (empty: all agree)."""
    bad = []
    for f in ("free", "min", "low", "high", "managed"):
        if not isinstance(e.get(f), int):
            bad.append("%s not read" % f)
    if bad:
        return bad
    # The printed watermarks are _watermark + watermark_boost at print time:
    # one boost b for all three; the printed one where the kernel prints it
    # ("boost:"; 5.10 prints none), else the record's or any value a boost can take
    # (0 .. max(pageblock, high * watermark_boost_factor / 10000)).
    b = {e[f] - r[f] for f in ("min", "low", "high")}
    if len(b) != 1:
        bad.append("min/low/high differ from the record's by different amounts %s" % b)
    else:
        b = b.pop()
        if isinstance(e.get("boost"), int):
            if b != e["boost"]:
                bad.append("printed min/low/high - record = %d, printed boost %d"
                           % (b, e["boost"]))
        elif b != r.get("boost"):
            factor = int(open("/proc/sys/vm/watermark_boost_factor").read())
            if not 0 <= b <= max(512, r["high"] * factor // 10000):
                bad.append("printed min/low/high - record = %d: not a boost" % b)
    if e["managed"] != r["managed"]:
        bad.append("managed %d != %d" % (e["managed"], r["managed"]))
    # The whole lowmem_reserve[] line, or the one for this request's zone.
    er, rr = e.get("lowmem-reserve"), r.get("lowmem-reserve")
    if er != (rr if isinstance(er, list) else zone_reserve(r, high_zone)):
        bad.append("lowmem-reserve %s != %s (for zone %d: %d)" %
                   (er, rr, high_zone, zone_reserve(r, high_zone)))
    if abs(e["free"] - r["free"]) > drift:
        bad.append("free %d vs %d: more than %d apart" % (e["free"], r["free"], drift))
    # Mem-Info's free_cma (0kB without CMA) against the record's.
    ec, rc = e.get("free-cma"), r.get("free-cma")
    if not isinstance(ec, int) or not isinstance(rc, int):
        bad.append("free-cma %s vs %s: not read" % (ec, rc))
    elif abs(ec - rc) > drift:
        bad.append("free-cma %d vs %d: more than %d apart" % (ec, rc, drift))
    eb, rb = e.get("free-blocks"), r.get("free-blocks")
    if not isinstance(eb, list) or len(eb) != len(rb):
        bad.append("free-blocks %s vs %s: not the same orders" % (eb, rb))
    else:
        moved = sum(abs(x - y) << o for o, (x, y) in enumerate(zip(eb, rb)))
        if moved > 2 * drift:
            bad.append("free blocks moved %d pages: more than %d" % (moved, 2 * drift))
        total = sum(x << o for o, x in enumerate(eb))
        # The buddy line's own total is read under zone->lock; free is the
        # zone counter: they differ only by per-CPU counter drift.
        if abs(total - e["free"]) > drift:
            bad.append("free blocks add up to %d pages, free says %d" % (total, e["free"]))
    return bad


def zone_reserve(z, high_zone):
    reserve = z.get("lowmem-reserve") or []
    return (reserve[high_zone] if high_zone < len(reserve) else 0)


def test_alloc(how, order, ctl):
    pid = os.getpid()
    comm = open("/proc/self/comm").read().strip()
    if not os.path.exists(HELPER):
        check(False, "%s: the helper has its warn file" % how, HELPER)
        return
    report = provoke(how, order)
    check(report is not None,
          "%s: the kernel printed 'page allocation failure: order:%d' for "
          "the helper's attempt (pid %d)" % (how, order, pid))
    if report is None:
        return
    print("# report: %s" % "\n# ".join(report[:3]))
    ev, err = ctl_json(ctl, "events", "--json", "--details")
    recs = [r for r in (ev or {}).get("events", [])
            if r.get("kind") == "page" and r.get("order") == order and
            r.get("pid") == pid and "nowarn" not in (r.get("class") or [])]
    check(recs, "%s: memdiag recorded the failure (order %d, pid %d, no "
          "__GFP_NOWARN)" % (how, order, pid),
          err or (ev or {}).get("events", [])[-3:])
    if not recs:
        return
    r = recs[-1]
    print("# record: %s" % json.dumps(r, sort_keys=True))
    logfile = "/tmp/memdiag-explain-dmesg.txt"
    with open(logfile, "w") as f:
        f.write(dmesg())
    high_zone = r["high-zone"]
    rzones = {zone_key(z): z for z in r["zones"] if z["zone"] <= high_zone}

    # What the helper did, from the record alone. In every usable zone
    # above its watermark (free beyond min + boost + the lowmem reserve,
    # even before __GFP_HIGH's discount) no free block of order >= K is
    # left that the attempt could take: else it would not have failed.
    # The helper's requests are not movable: free CMA pages (arm64: a
    # 64 MiB area) do not count toward its watermark, and the blocks it
    # cannot take may all be CMA ones when the free CMA pages could hold
    # them all (the kernel's rule; with no CMA, when there are none).
    def cma(z):
        return z.get("free-cma") or 0

    def above(z, mark, with_cma=False, cut=False):
        m = z[mark] + z["boost"]
        if cut:
            # The lowest any kernel cuts it to for this __GFP_HIGH,
            # non-blocking request: a half, then a quarter of the rest.
            m -= m // 2
            m -= m // 4
        return (z["free"] - (0 if with_cma else cma(z)) - (1 << order) + 1 >
                m + zone_reserve(z, high_zone))

    def big_pages(z):
        return sum(n << o for o, n in enumerate(z["free-blocks"]) if o >= order)
    left = {str(k): (z["free-blocks"][order:], cma(z)) for k, z in rzones.items()
            if above(z, "min") and big_pages(z) > cma(z)}
    check(rzones and not left,
          "%s: the record shows order %d taken: no free block of order >= %d "
          "(beyond what free CMA pages could be) in a usable zone above its "
          "watermark" % (how, order, order), left)
    plenty = [str(k) for k, z in rzones.items() if above(z, "high")]
    some = [str(k) for k, z in rzones.items() if above(z, "min", cut=True)]
    if how == "fragment":
        # What the helper left free, CMA pages included (it cannot take them).
        check([k for k, z in rzones.items() if above(z, "high", True)],
              "%s: plenty stays free: a usable zone above its high "
              "watermark and lowmem reserve" % how, r["zones"])
    # The verdict the zones call for: a zone above high + reserve with no
    # block of the order is fragmentation; every zone below even the
    # lowest cut min + reserve a shortage; in between, __GFP_HIGH's
    # discounted min decides: either (a zone below the uncut min may still
    # be above the cut one: exhaust left DMA32 at free 7445, min 15688
    # cut to 5883 on 6.12).
    # A request that cannot reclaim may be called "could not wait" instead.
    if plenty:
        want = {"fragmentation", "could not wait"}
    elif some:
        want = {"fragmentation", "shortage", "could not wait"}
    else:
        want = {"shortage", "could not wait"}

    # Per-CPU vmstat deltas (at most 125 pages a CPU, twice: both reads)
    # and what other CPUs did between the record and the printed lines.
    drift = 2 * 125 * os.cpu_count() + 2048
    for what, d, err in explain_runs(ctl, logfile):
        what = "%s, %s" % (how, what)
        if d is None:
            check(False, "%s: explain --json runs" % what, err)
            continue
        evs = [e for e in d["events"] if e.get("kind") == "alloc-failure" and
               e.get("pid") == pid and e.get("order") == order]
        check(evs, "%s: explain reads the failure (pid %d, order %d)"
              % (what, pid, order),
              [(e.get("kind"), e.get("pid"), e.get("order")) for e in d["events"]])
        if not evs:
            continue
        e = evs[-1]
        check((e.get("order"), e.get("gfp-mask"), e.get("pid"), e.get("comm")) ==
              (r["order"], r["gfp"], r["pid"], r["comm"]) and e.get("comm") == comm,
              "%s: order, gfp mask, pid and comm equal the record's" % what,
              show({k: e.get(k) for k in ("order", "gfp-mask", "pid", "comm")},
                   {k: r.get(k) for k in ("order", "gfp", "pid", "comm")}))
        check(names(e.get("gfp-names")) == names(r["gfp-names"]) and
              "__GFP_NOWARN" not in names(r["gfp-names"]) and
              e.get("size-bytes") == PAGE << order,
              "%s: gfp names as the kernel printed them (no __GFP_NOWARN), "
              "size %d bytes" % (what, PAGE << order),
              show({k: e.get(k) for k in ("gfp-names", "size-bytes")}, r["gfp-names"]))
        check(str(e.get("caller") or "").startswith("memdiag_test_warn_once"),
              "%s: the caller is the helper's memdiag_test_warn_once" % what,
              e.get("caller"))
        check(not e.get("unread"), "%s: nothing left unread in a whole report"
              % what, e.get("unread"))
        ezones = {zone_key(z): z for z in e.get("zones") or []}
        bad = {}
        for k, rz in rzones.items():
            if k not in ezones:
                bad[str(k)] = "not in explain's zones %s" % list(ezones)
                continue
            b = compare_zone(ezones[k], rz, drift, high_zone)
            if b:
                bad[str(k)] = b
        check(rzones and not bad,
              "%s: every usable zone: min/low/high (boost aside), managed and "
              "lowmem reserves equal the record's; free pages, free CMA pages "
              "and free blocks within %d pages" % (what, drift),
              "%s\n%s" % (bad, show(e.get("zones"), r["zones"])))
        check(e.get("verdict") in want,
              "%s: the verdict (%s) is one of %s (usable zones above high: %s, "
              "above the cut min: %s)" % (what, e.get("verdict"), sorted(want),
                                  plenty or "none", some or "none"),
              "why: %s" % e.get("why"))


# ---- a memory cgroup OOM kill ----------------------------------------------

OOM_COLS = "seq,pid,comm,uid,constraint,memcg,anon,file,shmem,swap,pgtables,adj,trigger,order,gfp"


def run_hog():
    def pre():
        write(CG + "/cgroup.procs", os.getpid())
        write("/proc/self/oom_score_adj", 300)
    hog = subprocess.Popen([sys.executable, "-c", HOG % 8], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, text=True, preexec_fn=pre)
    line = hog.stdout.readline()
    check(line.strip() == "ready", "oom: the hog runs", line)
    hog.stdin.write("go\n")
    hog.stdin.flush()
    return hog, hog.wait(timeout=600)


def test_oom(ctl):
    if not os.path.exists(CG):
        os.mkdir(CG)
    if "memory" not in open("/sys/fs/cgroup/cgroup.subtree_control").read():
        write("/sys/fs/cgroup/cgroup.subtree_control", "+memory")
    write(CG + "/memory.max", CG_MAX)
    if os.path.exists(CG + "/memory.swap.max"):
        write(CG + "/memory.swap.max", 0)
    try:
        hog, rc = run_hog()
        # Paths are resolved when read: read while the cgroup exists.
        d, err = ctl_json(ctl, "oom", "--json", "--bytes", "-o", OOM_COLS)
    finally:
        for _ in range(50):
            try:
                os.rmdir(CG)
                break
            except OSError:
                time.sleep(0.1)
    check(rc == -9, "oom: the hog (pid %d) is killed (SIGKILL)" % hog.pid, rc)
    recs = [x for x in (d or {}).get("oom", []) if x.get("pid") == hog.pid]
    check(len(recs) == 1, "oom: memdiag recorded the kill of pid %d" % hog.pid,
          err or d)
    if len(recs) != 1:
        return
    r = recs[0]
    print("# record: %s" % json.dumps(r, sort_keys=True))
    check(r["constraint"] == "memcg" and r["memcg"] == "/mdexplain",
          "oom: the record says constraint memcg, /mdexplain", r)
    logfile = "/tmp/memdiag-explain-dmesg.txt"
    with open(logfile, "w") as f:
        f.write(dmesg())
    # As commit_oom_check.check_victim(): what the victim can still get
    # between the two reads (at most the cgroup's limit), per-CPU RSS
    # counter jitter, one more 8 MiB chunk mapped.
    slack = min(zone_slack_pages(), CG_MAX // PAGE)
    jitter = 2 * 64 * os.cpu_count()
    chunk = (8 << 20) // PAGE
    for what, doc, err in explain_runs(ctl, logfile):
        if doc is None:
            check(False, "oom, %s: explain --json runs" % what, err)
            continue
        evs = [e for e in doc["events"] if e.get("kind") == "oom-kill" and
               (e.get("victim") or {}).get("pid") == hog.pid]
        check(len(evs) == 1, "oom, %s: explain reads one oom-kill of victim %d"
              % (what, hog.pid),
              [(e.get("kind"), (e.get("victim") or {}).get("pid"))
               for e in doc["events"]])
        if len(evs) != 1:
            continue
        e = evs[0]
        v = e["victim"]
        t = e.get("trigger") or {}
        mc = e.get("memcg") or {}
        tpid, tcomm = r["trigger"].split(":", 1)
        check((v.get("pid"), v.get("comm"), v.get("uid"), v.get("oom-score-adj")) ==
              (r["pid"], r["comm"], r["uid"], r["adj"]) and r["adj"] == 300,
              "oom, %s: victim pid, comm, uid and oom_score_adj equal the record's"
              % what, show(v, r))
        check((t.get("pid"), t.get("comm"), names(t.get("gfp-names")), t.get("order")) ==
              (int(tpid), tcomm, names(r["gfp"]), r["order"]),
              "oom, %s: the trigger (pid, comm, gfp, order) equals the record's" % what,
              show(t, r))
        check("memcg" in str(e.get("constraint")).lower() and
              mc.get("path") == r["memcg"] and mc.get("task-memcg") == r["memcg"],
              "oom, %s: constraint memcg, the memory cgroup %s" % (what, r["memcg"]),
              show({"constraint": e.get("constraint"), "memcg": mc}, r))
        usage = mc.get("usage-kb")
        check(mc.get("limit-kb") == CG_MAX >> 10 and isinstance(usage, int) and
              CG_MAX // 2 >> 10 <= usage <= CG_MAX >> 10,
              "oom, %s: the cgroup's limit is its memory.max (%d kB), usage up to it"
              % (what, CG_MAX >> 10), mc)
        check(e.get("predicted-victim-pid") == hog.pid and e.get("victim-matches") is True,
              "oom, %s: the task table predicts the kernel's victim" % what,
              {k: e.get(k) for k in ("predicted-victim-pid", "victim-matches", "tasks")})
        try:
            d_anon = v["anon-rss-kb"] * 1024 // PAGE - int(r["anon"]) // PAGE
            d_file = v["file-rss-kb"] * 1024 // PAGE - int(r["file"]) // PAGE
            d_shmem = v["shmem-rss-kb"] * 1024 // PAGE - int(r["shmem"]) // PAGE
            d_pgt = v["pgtables-kb"] * 1024 - int(r["pgtables"])
        except (KeyError, TypeError, ValueError) as x:
            check(False, "oom, %s: victim sizes read" % what, "%s\n%s" % (x, show(v, r)))
            continue
        grow = slack + jitter
        pgt_max = ((slack + chunk) // 512 + 3) * PAGE
        print("# oom, %s: explain - record (pages): anon %d, file %d, shmem %d; "
              "pgtables %d bytes; slack %d, jitter %d" %
              (what, d_anon, d_file, d_shmem, d_pgt, slack, jitter))
        check(-jitter <= d_anon <= grow and v["file-rss-kb"] >= 0 and
              d_file <= grow and -jitter <= d_shmem <= grow and 0 <= d_pgt <= pgt_max,
              "oom, %s: anon, file, shmem RSS and page tables within what can "
              "change between the two reads" % what, show(v, r))


def main():
    print("TAP version 13")
    if sys.argv[1] == "alloc":
        test_alloc(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        test_oom(sys.argv[2])
    print("1..%d" % memdiag_genl.n_test)
    sys.exit(1 if memdiag_genl.failed else 0)


if __name__ == "__main__":
    main()
