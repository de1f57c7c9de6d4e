#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""fleet.sh's driver: with node_exporter (textfile collector on TEXTDIR)
and a Prometheus server scraping it every second already running, provoke
each state the alerting rules of contrib/prometheus/memdiag.rules.yml watch
for, one after the other, while memdiagctl metrics -o rewrites the textfile
twice a second (as the timer does each minute); answer README's queries
and a few more through Prometheus's HTTP API and check them against what
was provoked; then capture the scraped series (query_range, one sample per
second) and write them as a `promtool test rules` file in which each
captured second is one minute (the timer's period): at chosen evaluation
times, ALERTS{alertstate="firing"} must be exactly the alerts the phases
provoked. Time in that file is the sample index, never the guest's clock.

  fleet_check.py CTL TEXTDIR PROM_URL RULES OUTDIR

Needs the helper module (debugfs memdiag_test), root, cgroup v2, zram.
"""
import ctypes
import json
import mmap
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

CTL, TEXTDIR, PROM, RULES, OUT = sys.argv[1:6]
HELPER = "/sys/kernel/debug/memdiag_test"
PROM_FILE = os.path.join(TEXTDIR, "memdiag.prom")
CG = "/sys/fs/cgroup/memdiag-fleet"
ZRAM = "/dev/zram0"
INSTANCE = {"instance": os.environ.get("FLEET_NODE_EXPORTER", "127.0.0.1:9100"),
            "job": "node"}

n_test = 0
failed = False


def check(ok, name, why=""):
    global n_test, failed
    n_test += 1
    print("%s %d %s" % ("ok" if ok else "not ok", n_test, name))
    if not ok:
        failed = True
        if why != "":
            print("# %s" % (why,))
    sys.stdout.flush()
    return ok


def write(path, val, create=False):
    """Write @val to @path in one write(2). Control files (/proc, /sys,
    debugfs) are opened without O_CREAT: one that is missing then says
    ENOENT, where open(path, "w") on debugfs says EACCES (its directories
    have no ->create), as with a helper built before it had that file."""
    fd = os.open(path, os.O_WRONLY | (os.O_CREAT | os.O_TRUNC if create else 0), 0o644)
    try:
        os.write(fd, str(val).encode())
    finally:
        os.close(fd)


def read(path):
    with open(path) as f:
        return f.read()


def meminfo(key):
    for line in read("/proc/meminfo").splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def helper(name, cmd, answer=True):
    write(os.path.join(HELPER, name), cmd)
    return read(os.path.join(HELPER, name)) if answer else None


Z3 = 'memdiag_zone_watermark_ok{order="3",gfp_class="atomic",watermark="min"}'


def try3():
    return helper("zones", "try 3").split("\n")[-2].split()[-1]


def file_atomic3():
    """From the textfile just written: does every zone say an order-3
    GFP_ATOMIC request fails its min watermark check?"""
    v = [line.rsplit(" ", 1)[1].strip() for line in read(PROM_FILE).splitlines()
         if line.startswith("memdiag_zone_watermark_ok{") and 'order="3"' in line
         and 'gfp_class="atomic"' in line and 'watermark="min"' in line]
    return bool(v) and all(x == "0" for x in v)


def query(expr, t=None):
    args = {"query": expr}
    if t is not None:
        args["time"] = "%.3f" % t
    url = PROM + "/api/v1/query?" + urllib.parse.urlencode(args)
    with urllib.request.urlopen(url, timeout=30) as r:
        d = json.load(r)
    assert d["status"] == "success", d
    return d["data"]["result"]


def qvalue(expr, t=None):
    """The single sample's value of @expr, or None."""
    r = query(expr, t)
    return float(r[0]["value"][1]) if len(r) == 1 else None


def qrange(expr, t0, t1):
    """[(time, value)] of @expr's single series, one sample a second from
    @t0 to @t1 (none where the scrape had a hole)."""
    args = urllib.parse.urlencode({"query": expr, "start": "%.3f" % t0, "end": "%.3f" % t1,
                                   "step": "1"})
    with urllib.request.urlopen(PROM + "/api/v1/query_range?" + args, timeout=30) as r:
        d = json.load(r)
    assert d["status"] == "success", d
    res = d["data"]["result"]
    return [(float(t), float(v)) for t, v in res[0]["values"]] if len(res) == 1 else []


def wait_value(expr, ok, timeout=15):
    """@expr's single value once ok(value) holds (a write and a scrape
    later), or the last one seen after @timeout seconds."""
    end = time.time() + timeout
    while True:
        v = qvalue(expr)
        if (v is not None and ok(v)) or time.time() > end:
            return v
        time.sleep(0.5)


def spawn(cmd):
    """Run @cmd (stderr to /dev/null) as posix_spawn() does, and wait: the
    child shares this process's memory until its exec (glibc's
    CLONE_VM | CLONE_VFORK), so that starting it commits nothing, as when
    systemd starts the unit. subprocess forks on Python 3.9 (bullseye):
    in overcommit mode 2 with this process's ballast committed, that fork
    is refused (ENOMEM) and would itself be counted as a commit rejection."""
    pid = os.posix_spawnp(cmd[0], cmd, os.environ, file_actions=[
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
    return os.waitpid(pid, 0)[1]


# ---- the textfile writer: memdiagctl metrics -o, twice a second ----------

class Writer(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.as_nobody = False
        self.paused = threading.Event()
        self.stopped = threading.Event()
        self.lock = threading.Lock()

    def run(self):
        failed = 0
        while not self.stopped.is_set():
            with self.lock:
                cmd = [CTL, "metrics", "-o", PROM_FILE]
                if self.as_nobody:
                    cmd = ["setpriv", "--reuid=65534", "--regid=65534",
                           "--clear-groups", "--inh-caps=-all"] + cmd
                try:
                    spawn(cmd)
                except OSError as e:
                    # As the timer's next run would: try again. A writer
                    # that keeps failing leaves the file stale, which the
                    # captured series then show (MemdiagTextfileStale).
                    failed += 1
                    if failed == 1:
                        print("# the writer could not start memdiagctl: %s" % e)
                        sys.stdout.flush()
            time.sleep(0.5)


# ---- phases ----------------------------------------------------------------

marks = {}


def mark(name):
    marks[name] = time.time()
    print("# %6.1f s: %s" % (marks[name] - marks.get("t0", marks[name]), name))
    sys.stdout.flush()


def hold(seconds):
    time.sleep(seconds)


class Storm(threading.Thread):
    """NOWARN order-9 failures until stopped: the helper's storm (failures
    that hold no memory, from every CPU) for one second in two, so that
    every scrape sees more and the guest's other tasks still run; first is
    set once the first second is over."""
    def __init__(self):
        super().__init__(daemon=True)
        self.stopped = threading.Event()
        self.first = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            helper("storm", "9 1", answer=False)
            self.first.set()
            time.sleep(1)


def set_overcommit(mode, ratio=None, kbytes=None):
    if kbytes is not None:
        write("/proc/sys/vm/overcommit_kbytes", kbytes)
    if ratio is not None:
        write("/proc/sys/vm/overcommit_ratio", ratio)
    write("/proc/sys/vm/overcommit_memory", mode)


def headroom_window(seconds, stop):
    """Mode 2 with CommitLimit kept 3.5 % above Committed_AS for @seconds."""
    end = time.time() + seconds
    while time.time() < end and not stop.is_set():
        swap = meminfo("SwapTotal")
        write("/proc/sys/vm/overcommit_kbytes",
              max(int(meminfo("Committed_AS") / 0.965) - swap, 1))
        time.sleep(0.2)


def main():
    libc = ctypes.CDLL(None, use_errno=True)
    om = read("/proc/sys/vm/overcommit_memory").strip()
    ratio = read("/proc/sys/vm/overcommit_ratio").strip()
    writer = Writer()
    storm = Storm()
    provoked = {}
    pids = [int(p) for p in os.environ.get("FLEET_PIDS", "").split()]
    try:
        # Mode 0 with a CommitLimit far above Committed_AS: headroom is not
        # low by chance outside its phase.
        set_overcommit(0, ratio=400)
        subprocess.run([CTL, "reset"], check=True)
        # As contrib/systemd/memdiag-metrics.service runs it: root with
        # CAP_NET_ADMIN alone (no CAP_DAC_OVERRIDE: the directory is root's
        # 0755), no_new_privs.
        r = subprocess.run(["setpriv", "--bounding-set=-all,+net_admin", "--no-new-privs",
                            CTL, "metrics", "-o", PROM_FILE], stderr=subprocess.PIPE,
                           universal_newlines=True)
        coll = [line for line in read(PROM_FILE).splitlines()
                if line.startswith("memdiag_collector_success{")]
        check(r.returncode == 0 and len(coll) >= 5 and all(c.endswith(" 1") for c in coll),
              "as the unit runs it (root, CAP_NET_ADMIN alone, no_new_privs): the file "
              "written, every collector answered", (r.returncode, r.stderr, coll))
        # Wait for the first scrape of memdiag_up.
        for _ in range(120):
            if qvalue('memdiag_up{job="node"}') == 1:
                break
            time.sleep(0.5)
        check(qvalue('memdiag_up{job="node"}') == 1,
              "Prometheus scraped memdiag_up 1 from node_exporter's textfile collector")
        rules = json.load(urllib.request.urlopen(PROM + "/api/v1/rules", timeout=30))
        loaded = [r for g in rules["data"]["groups"] for r in g["rules"]]
        check(len(loaded) >= 18 and all(r.get("health", "ok") != "err" for r in loaded),
              "the server loaded the %d rules, none failing" % len(loaded),
              [(r["name"], r.get("lastError")) for r in loaded if r.get("health") == "err"])
        writer.start()
        mark("t0")
        hold(12)

        # Memory fragmented by the helper (no free order-3 block): memdiag
        # says whether an order-3 GFP_ATOMIC request would pass on each
        # zone; README query 3 from the scrape must say what the file said.
        # (Blocks form again as soon as memory is freed, and GET_ZONES
        # walks every free list, slow under TCG with memory in pieces: the
        # file's verdict and the helper's attempt are a moment apart, and
        # may differ; zones.sh checks verdicts against attempts.)
        mark("atomic")
        with writer.lock:
            helper("zones", "fragment 3")
            subprocess.run([CTL, "metrics", "-o", PROM_FILE], stderr=subprocess.DEVNULL)
            tried = try3()
            said = file_atomic3()
            some = any(line.startswith("memdiag_zone_watermark_ok{") and 'order="3"' in line
                       and 'gfp_class="atomic"' in line and 'watermark="min"' in line
                       and line.endswith(" 0") for line in read(PROM_FILE).splitlines())
            # The writer waits until this file was scraped.
            q3 = wait_value('count(min by (instance) (%s) == 0) or vector(0)' % Z3,
                            lambda v: v == int(some))
            qmax = qvalue('max by (instance) (%s)' % Z3)
        helper("zones", "release")
        mark("atomic_end")
        print("# fragmented: every zone would fail %s, some zone %s; the helper's "
              "order-3 atomic attempt then: %s" % (said, some, tried))
        check(q3 == int(some) and qmax is not None and (qmax == 0) == said,
              "README query 3 answered from the scrape as memdiagctl wrote it "
              "(some zone fails: %s; every zone: %s)" % (some, said), (q3, qmax))
        hold(3)

        # One order-3 failure without __GFP_NOWARN.
        st = helper("warn", "fragment 3").split()
        mark("warned")
        provoked["warned"] = st[:3] == ["warn", "3", "fail"]
        check(provoked["warned"], "the helper's order-3 attempt without NOWARN failed", st)
        hold(3)

        # A NOWARN order-9 storm, its records suppressed (rate_limit 1),
        # for 28 s.
        subprocess.run([CTL, "config", "--rate-limit", "1"], check=True)
        base9 = sum(int(x) for x in read(HELPER + "/failed").split())
        storm.start()
        storm.first.wait(120)
        mark("storm")
        hold(3)

        # Meanwhile, commit headroom under 5 % in mode 2, and a refused
        # mmap. Committed_AS is first raised by 2.4 GiB of private mappings
        # never touched (in mode 0, each under RAM + swap), so that 3.5 % of
        # CommitLimit leaves the running programs room to grow.
        ballast = [mmap.mmap(-1, 800 << 20, flags=mmap.MAP_PRIVATE) for _ in range(3)]
        mark("headroom")
        stop = threading.Event()
        go = threading.Event()
        # Started before mode 2: a thread's stack is committed memory.
        hw = threading.Thread(target=lambda: go.wait() and headroom_window(14, stop))
        hw.start()
        write("/proc/sys/vm/overcommit_kbytes",
              max(int(meminfo("Committed_AS") / 0.965) - meminfo("SwapTotal"), 1))
        # The last value scraped (a scrape that failed leaves no sample, and
        # its staleness marker would hide the counter from an instant query).
        rej0 = qvalue("max_over_time(memdiag_commit_rejections_total[5m])")
        set_overcommit(2)
        t_mode2 = time.time()
        try:
            go.set()
            refused = False
            try:
                mmap.mmap(-1, 1 << 30, flags=mmap.MAP_PRIVATE)
            except OSError:
                refused = True
            time.sleep(9)
            # Every scrape since mode 2 (and headroom_window's first write)
            # took hold, and at least one: a loaded emulated guest's scrape
            # can time out for many seconds (seen on arm64 6.12).
            headroom_q = ('(node_memory_CommitLimit_bytes - node_memory_Committed_AS_bytes)'
                          ' / node_memory_CommitLimit_bytes')
            while not qrange(headroom_q, t_mode2 + 2, time.time()) and hw.is_alive():
                time.sleep(0.5)
            now = 1 - meminfo("Committed_AS") / meminfo("CommitLimit")
            seen = qrange(headroom_q, t_mode2 + 2, time.time())
            live = seen[-1][1] if seen else None
            modes = {v for _, v in qrange("node_sysctl_vm_overcommit_memory", t_mode2 + 2, time.time())}
            hw.join()
        finally:
            stop.set()
            set_overcommit(0, ratio=400)
        mark("headroom_end")
        for m in ballast:
            m.close()
        check(refused, "overcommit mode 2: a 1 GiB mmap is refused")
        provoked["headroom"] = bool(seen) and all(0 <= v < 0.05 for _, v in seen) and \
            abs(live - now) < 0.02
        check(provoked["headroom"],
              "commit headroom from node_exporter's meminfo under 5 %% in every scrape of "
              "mode 2 (%d scrapes, the last %s; /proc/meminfo %.4f; "
              "node_sysctl_vm_overcommit_memory %s)" % (len(seen), live, now, sorted(modes)))

        while time.time() < marks["storm"] + 28:
            time.sleep(0.5)
        storm.stopped.set()
        storm.join()
        mark("storm_end")
        n9 = sum(int(x) for x in read(HELPER + "/failed").split()) - base9
        # The kernel's own order-9 attempts (THP) may fail too.
        # warn_alloc() calls the kprobe missed (nested in a storm) are
        # memdiag_kprobe_missed_total.
        got9 = wait_value('sum(memdiag_allocation_failures_total{kind="page",order="9"})'
                          ' + sum(memdiag_kprobe_missed_total)', lambda v: v >= n9)
        rate9 = query('sum by (instance) (rate(memdiag_allocation_failures_total'
                      '{kind="page",order="9"}[5m]))')
        check(got9 is not None and got9 >= n9 > 0 and len(rate9) == 1 and
              float(rate9[0]["value"][1]) > 0,
              "README query 1: order-9 failures rising; Prometheus has the helper's %d "
              "(%s with those the kprobe missed)" % (n9, got9), (got9, rate9))
        supp = qvalue('sum(memdiag_allocation_failure_records_total{outcome="suppressed"})')
        check(supp is not None and supp > 0,
              "over rate_limit 1/s, failure records suppressed (%s)" % supp)
        subprocess.run([CTL, "config", "--rate-limit", "1000"], check=True)
        warned = query('sum by (instance, kind, order) (increase(memdiag_allocation_failures_total'
                       '{nowarn="false"}[10m])) > 0')
        check([(w["metric"].get("kind"), w["metric"].get("order")) for w in warned]
              == [("page", "3")],
              "README query 2: the warned failure is page order 3", warned)

        # swapoff refused by the commit check (mode 2, ratio 0: CommitLimit
        # is the area itself), then one that succeeds. Everything else is
        # stopped meanwhile: nothing else can commit memory then.
        subprocess.run(["modprobe", "zram", "num_devices=1"], check=True)
        write("/sys/block/zram0/reset", 1)
        write("/sys/block/zram0/disksize", "32M")
        subprocess.run(["mkswap", ZRAM], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["swapon", ZRAM], check=True)
        with writer.lock:
            for p in pids:
                os.kill(p, 19)      # SIGSTOP
            try:
                set_overcommit(2, ratio=0)
                r1 = libc.swapoff(ZRAM.encode())
                e1 = ctypes.get_errno()
            finally:
                set_overcommit(0, ratio=400)
                for p in pids:
                    os.kill(p, 18)  # SIGCONT
        mark("swapoff_failed")
        r2 = libc.swapoff(ZRAM.encode())
        check(r1 == -1 and e1 == 12 and r2 == 0,
              "swapoff fails with ENOMEM in mode 2, then succeeds", (r1, e1, r2))
        write("/sys/block/zram0/reset", 1)
        wait_value('count(memdiag_swapoff_recent_attempts{device="%s"})' % ZRAM,
                   lambda v: v == 2)
        sw = {(s["metric"]["cause"], s["metric"]["result"]): float(s["value"][1])
              for s in query('memdiag_swapoff_recent_attempts{device="%s"}' % ZRAM)}
        check(sw == {("commit", "ENOMEM"): 1, ("success", "0"): 1},
              "swapoff attempts: one commit/ENOMEM, one success", sw)

        # An OOM kill in a memory cgroup.
        write("/sys/fs/cgroup/cgroup.subtree_control", "+memory")
        os.makedirs(CG, exist_ok=True)
        write(CG + "/memory.max", 48 << 20)
        hog = subprocess.Popen(["sh", "-c", "echo $$ > %s/cgroup.procs && exec python3 -c '"
                                "b = bytearray(200 << 20)\nfor i in range(0, len(b), 4096): b[i] = 1'"
                                % CG])
        rc = hog.wait()
        mark("oom")
        events = dict(l.split() for l in read(CG + "/memory.events").splitlines())
        oom = wait_value("memdiag_oom_kills_total", lambda v: v >= 1)
        check(rc != 0 and int(events["oom_kill"]) == 1 and oom == 1,
              "one OOM kill: memory.events says %s, Prometheus %s" % (events["oom_kill"], oom), rc)
        os.rmdir(CG)
        # The module's own count, now that nothing can be refused (mode 0,
        # ratio 400): the test's mmap and swapoff, and any other mapping
        # refused in mode 2 (a starved guest's headroom phase lasts until
        # a scrape lands, and other programs may map meanwhile).
        r = subprocess.run([CTL, "metrics"], stdout=subprocess.PIPE, universal_newlines=True)
        counted = [float(line.split()[-1]) for line in r.stdout.splitlines()
                   if line.split("{")[0].split(" ")[0] == "memdiag_commit_rejections_total"]
        counted = sum(counted) if r.returncode == 0 and counted else None
        rej = wait_value("sum(memdiag_commit_rejections_total)", lambda v: v == counted)
        check(rej0 == 0 and counted is not None and counted >= 2 and rej == counted,
              "commit rejections: the refused mmap and the refused swapoff, and Prometheus "
              "has the module's count (%s; module %s; before them %s)" % (rej, counted, rej0))
        hold(3)

        # An unreadable textfile beside memdiag.prom for a while.
        write(os.path.join(TEXTDIR, "bad.prom"), "this is { not the format\n", create=True)
        mark("bad")
        hold(13)
        os.unlink(os.path.join(TEXTDIR, "bad.prom"))
        mark("bad_end")
        hold(2)

        # memdiagctl without CAP_NET_ADMIN: the swapoff and swap collectors
        # fail (nobody may replace root's file: a directory without the
        # sticky bit).
        os.chmod(TEXTDIR, 0o777)
        writer.as_nobody = True
        mark("nobody")
        hold(22)

        # The module unloaded: memdiag_up 0.
        with writer.lock:
            writer.as_nobody = False
            subprocess.run(["rmmod", "memdiag_test_helper"])
            r = subprocess.run(["rmmod", "memdiag"])
            mark("down")
        check(r.returncode == 0, "rmmod memdiag")
        hold(8)

        # The writer stops: the file goes stale; then it is removed.
        writer.stopped.set()
        writer.join()
        mark("stale")
        hold(17)
        os.unlink(PROM_FILE)
        mark("missing")
        hold(16)
        mark("end")
    finally:
        storm.stopped.set()
        writer.stopped.set()
        set_overcommit(om, ratio=ratio)
        try:
            helper("zones", "release")
        except OSError:
            pass

    capture(provoked)


# ---- the capture, as a promtool test ---------------------------------------

# Families the rules read (the zone families but watermark_ok are left out:
# hundreds of series no rule reads).
CAPTURE = ('{__name__=~"memdiag_zone_watermark_ok|memdiag_.*|node_textfile_.*|node_memory_CommitLimit_bytes'
           '|node_memory_Committed_AS_bytes|node_sysctl_vm_overcommit_memory",'
           '__name__!~"memdiag_zone_[a-vx-z].*|memdiag_zone_watermark_b.*|memdiag_swap_.*|memdiag_config_.*|memdiag_info'
           '|memdiag_feature_state|memdiag_module_memory_bytes"}')


def labels_str(m):
    name = m.get("__name__", "")
    rest = ",".join('%s=%s' % (k, json.dumps(v)) for k, v in sorted(m.items())
                    if k != "__name__")
    return "%s{%s}" % (name, rest)


def values_str(vals, n):
    """promtool's notation for samples 0..n-1: runs "VxN" and "_xN"."""
    out, i = [], 0
    while i < n:
        v = vals.get(i)
        j = i
        while j + 1 < n and vals.get(j + 1) == v:
            j += 1
        run = j - i + 1
        if v is None and i > 0 and (run > 2 or j == n - 1):
            # Gone after being there: Prometheus's staleness marker. Not
            # for a scrape or two that failed under TCG (left out: the last
            # value stays, as with the timer's minute between scrapes).
            out.append("stale" if run == 1 else "stale _x%d" % (run - 1))
        elif v is None:
            out.append("_x%d" % run)
        elif run == 1:
            out.append(v)
        else:
            out.append("%sx%d" % (v, run - 1))
        i = j + 1
    return " ".join(out)


def nowarn_runs(series, n):
    """Runs [first, last] of samples where the scraped high-order NOWARN
    failure rate over the 5 samples up to it is above the rule's 0.1/s
    (in promtool's minutes: the counters' sum grew by more than 30 between
    the first and last sample present in the window). A scrape that failed
    or sat on an unchanged file leaves holes the alert's 15 minutes must
    start again from (seen on bullseye's 5.10: 4 samples missing, after two
    equal ones, in the middle of the storm)."""
    total = {}
    for s in series:
        m = s["metric"]
        if m.get("__name__") != "memdiag_allocation_failures_total" or \
           m.get("nowarn") != "true" or m.get("order", "0") in ("0", "1", "2", "3"):
            continue
        for t, v in s["values"]:
            i = int(round((float(t) - marks["t0"]) / 1.0))
            total[i] = total.get(i, 0.0) + float(v)
    runs, first = [], None
    for i in range(n + 1):
        win = [total[j] for j in range(i - 5, i + 1) if j in total]
        if len(win) >= 2 and win[-1] - win[0] > 30:
            first = i if first is None else first
        elif first is not None:
            runs.append((first, i - 1))
            first = None
    return runs


def scrape_holes(series, n, end):
    """Runs [first, last] of 3 samples and more, between memdiag_up's first
    sample and @end, where the scrape has none: node_exporter was not
    scraped (seen under a loaded host: 339 s on bookworm's 6.1), and
    promtool sees the staleness marker there (values_str)."""
    have = set()
    for s in series:
        if s["metric"].get("__name__") == "memdiag_up":
            have |= {int(round((float(t) - marks["t0"]) / 1.0)) for t, _ in s["values"]}
    runs, first = [], None
    for i in range(min(have) if have else end, min(end, n)):
        if i not in have:
            first = i if first is None else first
        elif first is not None:
            if i - first > 2:
                runs.append((first, i - 1))
            first = None
    if first is not None and min(end, n) - first > 2:
        runs.append((first, min(end, n) - 1))
    return runs


LOOKBACK = 15   # samples: the rules' longest range (increase15m) or "for"


def expected_intervals(idx, atomic_runs, dropped, stale_file, storm_runs):
    """Each alert's firing interval [a, b) in sample indices (one sample a
    minute in the test), from when its phase started and ended and the
    rule's windows; the labels it fires with."""
    base = dict(INSTANCE)
    iv = []
    # The NOWARN storm: fires 15 samples into a run of the scraped rate
    # above 0.1/s, while the run lasts (a run too short to tell leaves
    # only a window where it may go either way).
    for first, last in storm_runs:
        if last + 1 > first + 15:
            iv.append(("MemdiagHighOrderNowarnFailuresSustained", dict(base, severity="info"),
                       first + 15, last + 1))
    # The order-3 verdicts change as memory is freed and taken again: the
    # alert's windows come from the scraped verdicts (runs of samples where
    # every zone said 0, each [first, last]); held for 5 minutes it fires.
    for first, last in atomic_runs:
        if last - first >= 5:
            iv.append(("MemdiagAtomicAllocationWouldFail",
                       dict(base, order="3", severity="warning"), first + 5, last + 1))
    # Records dropped: whenever the scraped counters grew, not only in the
    # storm (with memory in pieces the kernel's own order-3 attempts, as
    # skb page frags, may fail over rate_limit 1000/s).
    for labels, first, last in dropped:
        iv.append(("MemdiagRecordsDropped", dict(base, severity="info", **labels),
                   first, last + 15))
    iv += [
        ("MemdiagAllocationFailureWarned", dict(base, kind="page", order="3", severity="warning"),
         idx["warned"] + 1, idx["warned"] + 10),
        ("MemdiagCommitHeadroomLow", dict(base, severity="warning"),
         idx["headroom"] + 6, idx["headroom_end"] + 1),
        ("MemdiagSwapoffFailed", dict(base, device=ZRAM, result="ENOMEM", cause="commit",
                                      severity="warning"),
         idx["swapoff_failed"] + 1, idx["swapoff_failed"] + 15),
        ("MemdiagOOMKill", dict(base, severity="warning"), idx["oom"] + 1, idx["oom"] + 10),
        ("MemdiagCollectorFailing", dict(base, collector="swapoff", severity="warning"),
         idx["nobody"] + 11, idx["down"] + 1),
        ("MemdiagCollectorFailing", dict(base, collector="swap", severity="warning"),
         idx["nobody"] + 11, idx["down"] + 1),
        ("MemdiagTextfileScrapeError", dict(base, severity="warning"),
         idx["bad"] + 6, idx["bad_end"] + 1),
        ("MemdiagDown", dict(base, severity="warning"), idx["down"] + 6, idx["missing"] + 1),
        ("MemdiagTextfileStale", dict(base, file=stale_file, severity="warning"),
         idx["stale"] + 11, idx["missing"] + 1),
        ("MemdiagMetricsMissing", dict(base, severity="warning"), idx["missing"] + 11, 1 << 30),
    ]
    return iv


MARGIN = 2      # samples either side of a window's ends where it may go either way


def capture(provoked):
    t0, t1 = marks["t0"], marks["end"]
    step = 1.0
    args = urllib.parse.urlencode({"query": CAPTURE, "start": "%.3f" % t0,
                                   "end": "%.3f" % t1, "step": "%g" % step})
    with urllib.request.urlopen(PROM + "/api/v1/query_range?" + args, timeout=120) as r:
        d = json.load(r)
    series = d["data"]["result"]
    n = int((t1 - t0) / step) + 1
    idx = {k: int((v - t0) / step) + 1 for k, v in marks.items() if k != "t0"}
    print("# captured %d series of %d samples; phases at %s" % (len(series), n, idx))
    inputs = []
    stale_file = None
    for s in series:
        vals = {int(round((float(t) - t0) / step)): v for t, v in s["values"]}
        inputs.append({"series": labels_str(s["metric"]), "values": values_str(vals, n)})
        if s["metric"].get("__name__") == "node_textfile_mtime_seconds" and \
           s["metric"].get("file", "").endswith("memdiag.prom"):
            stale_file = s["metric"]["file"]
    check(stale_file is not None, "node_textfile_mtime_seconds of memdiag.prom scraped")
    zmax = {}
    for s in series:
        m = s["metric"]
        if m.get("__name__") == "memdiag_zone_watermark_ok" and m.get("order") == "3" and \
           m.get("gfp_class") == "atomic" and m.get("watermark") == "min":
            for t, v in s["values"]:
                i = int(round((float(t) - t0) / step))
                zmax[i] = max(zmax.get(i, 0), float(v))
    runs, first = [], None
    for i in range(n + 1):
        if zmax.get(i, 1) == 0:
            first = i if first is None else first
        elif first is not None:
            runs.append((first, i - 1))
            first = None
    print("# every zone 0 for order-3 atomic at samples %s" % runs)
    # When the module went down and the file went missing, as the scrape
    # saw it (what promtool evaluates), not as the test's clock says: under
    # TCG a scrape or the writer's last run can lag the phase by many
    # seconds (seen: MemdiagDown 16 samples late on bookworm's 6.12).
    up = {}
    for s in series:
        if s["metric"].get("__name__") == "memdiag_up":
            for t, v in s["values"]:
                up[int(round((float(t) - t0) / step))] = float(v)
    if up:
        zeros = [i for i, v in up.items() if v == 0 and i >= idx["down"]]
        if zeros:
            idx["down"] = min(zeros)
        idx["missing"] = max(idx["missing"], max(up) + 1)
        print("# scraped: down at %d, missing from %d" % (idx["down"], idx["missing"]))
    # Likewise when the admin-only collectors began to fail: the writer's
    # first run as nobody, as scraped (seen 4 samples after the mark on
    # bullseye's 5.10, which left MemdiagCollectorFailing's 10 minutes
    # unfinished at the time the mark promised).
    failing = {}
    for s in series:
        m = s["metric"]
        if m.get("__name__") == "memdiag_collector_success" and \
           m.get("collector") in ("swap", "swapoff"):
            for t, v in s["values"]:
                i = int(round((float(t) - t0) / step))
                if float(v) == 0 and i >= idx["nobody"]:
                    failing[m["collector"]] = min(failing.get(m["collector"], n), i)
    if failing:
        idx["nobody"] = max(failing.values())
        print("# scraped: the collectors failing from %d" % idx["nobody"])
    # Records dropped, by source and outcome: runs of samples where a
    # counter grew, each [first, last] (one increase15m window apart).
    sources = {"memdiag_allocation_failure_records_total": "allocation",
               "memdiag_commit_rejection_records_total": "commit",
               "memdiag_oom_kill_records_total": "oom"}
    dropped = []
    for s in series:
        m = s["metric"]
        if m.get("__name__") not in sources or m.get("outcome") not in ("suppressed", "lost"):
            continue
        grew, prev = [], None
        for t, v in s["values"]:
            if prev is not None and float(v) > prev:
                grew.append(int(round((float(t) - t0) / step)))
            prev = float(v)
        labels = dict(source=sources[m["__name__"]], outcome=m["outcome"])
        for i in grew:
            if dropped and dropped[-1][0] == labels and i - dropped[-1][2] < 15:
                dropped[-1][2] = i
            else:
                dropped.append([labels, i, i])
    print("# records dropped at samples %s" % [(l["source"], l["outcome"], a, b)
                                                for l, a, b in dropped])
    check(any(l == dict(source="allocation", outcome="suppressed") and
              a <= idx["storm_end"] and b >= idx["storm"] for l, a, b in dropped),
          "the scrape saw the storm's records suppressed", dropped)
    storm_runs = nowarn_runs(series, n)
    print("# high-order NOWARN rate above 0.1/s at samples %s" % storm_runs)
    check(any(a <= idx["storm_end"] and b >= idx["storm"] for a, b in storm_runs),
          "the scrape saw the storm's high-order NOWARN failures", storm_runs)
    if not any(b + 1 - (a + 15) > 2 * MARGIN and a <= idx["storm_end"] and b >= idx["storm"]
               for a, b in storm_runs):
        print("# the storm as scraped held no run of 15 samples and more: "
              "MemdiagHighOrderNowarnFailuresSustained expected from none")
    iv = expected_intervals(idx, runs, dropped, stale_file, storm_runs)
    # An alert whose window or range met a hole in the scrape may fire or
    # not, whatever the phase did: it is left out of the questions there
    # (state()), and it need not have a time where it surely fires.
    holes = scrape_holes(series, n, idx["missing"])
    unsure = [(nm, l, a, b) for nm, l, a, b in iv
              if any(h0 < b and h1 >= a - LOOKBACK for h0, h1 in holes)]
    if holes:
        print("# scrape holes at samples %s: not asked about %s"
              % (holes, sorted({nm for nm, _, _, _ in unsure}) or "any alert"))
    iv = [x for x in iv if x not in unsure]
    check(len(iv) > len(unsure), "most alerts are asked about (%d; %d met a scrape hole)"
          % (len(iv), len(unsure)), holes)
    check(provoked.get("headroom") and provoked.get("warned"),
          "every phase provoked what it should", provoked)

    def state(e, edges_out=False):
        """(the alerts certainly firing at index @e, the names left out of
        the question there), or None if one asked about is within MARGIN
        of its window's ends. An alert that met a scrape hole is left out
        from its window's start to LOOKBACK after its end (the hole may
        have restarted its "for"). With @edges_out, one within MARGIN of
        its window's ends is left out of the question at @e instead (it
        may go either way there), unless an alert of the same name surely
        fires then (ALERTS is asked about by name)."""
        out = {nm for nm, _, a, b in unsure if a - MARGIN <= e < b + LOOKBACK + MARGIN}
        firing, edge = [], set()
        for name, labels, a, b in iv:
            if name in out:
                continue
            if a + MARGIN <= e < b - MARGIN:
                firing.append((name, labels))
            elif not (e < a - MARGIN or e >= b + MARGIN):
                if not edges_out:
                    return None
                edge.add(name)
        if edge & {nm for nm, _ in firing}:
            return None
        return [x for x in firing if x[0] not in edge], out | edge

    def alert_key(nm, l):
        return nm, json.dumps(l, sort_keys=True)

    def key(st):
        return tuple(sorted(alert_key(nm, l) for nm, l in st[0])), tuple(sorted(st[1]))

    # For each alert a time where it certainly fires and every other one
    # asked about certainly fires or not; plus the quiet start.
    points = {}
    for e in [idx["storm"] - 2] + [x for _, _, a, b in iv for x in range(a, min(b, n))]:
        if e in points or e >= n:
            continue
        st = state(e)
        if st is None or key(st) in [key(v) for v in points.values()]:
            continue
        points[e] = st
    covered = {alert_key(nm, l) for st in points.values() for nm, l in st[0]}
    # An alert whose every time is near another's window ends (two phases
    # a few samples apart, as when a scrape hole shortened the storm's run
    # to end where swapoff's began): a time where it surely fires, the
    # other one left out of the question there.
    for nm, l, a, b in iv:
        for e in range(a + MARGIN, min(b - MARGIN, n)):
            if alert_key(nm, l) in covered or e in points:
                continue
            st = state(e, edges_out=True)
            if st is not None and (nm, l) in st[0]:
                points[e] = st
                covered |= {alert_key(x, y) for x, y in st[0]}
    # Windows within the margins have no time where the alert surely fires.
    missing = [nm for nm, l, a, b in iv if b - a > 2 * MARGIN and
               alert_key(nm, l) not in covered]
    check(not missing, "every provoked alert has an evaluation time where it fires: %d times"
          % len(points), missing)

    tests = []
    for e, (st, out) in sorted(points.items()):
        sel = 'alertstate="firing"' + (',alertname!~"%s"' % "|".join(sorted(out)) if out else "")
        tests.append({
            "expr": "ALERTS{%s}" % sel,
            "eval_time": "%dm" % e,
            "exp_samples": [{"labels": labels_str(dict(l, __name__="ALERTS", alertname=nm,
                                                       alertstate="firing")),
                             "value": 1} for nm, l in st],
        })
        print("# at %dm: %s%s" % (e, ", ".join(sorted(nm for nm, _ in st)) or "none",
                                  " (not asked: %s)" % ", ".join(sorted(out)) if out else ""))
    doc = {
        "rule_files": [os.path.abspath(RULES)],
        "evaluation_interval": "1m",
        "tests": [{"interval": "1m", "input_series": inputs, "promql_expr_test": tests}],
    }
    path = os.path.join(OUT, "fleet.test.yml")
    with open(path, "w") as f:
        f.write("# Series captured by fleet.sh from a real scrape (one sample a second,\n"
                "# here one a minute); ALERTS at each time: what the phases provoked.\n")
        json.dump(doc, f, indent=1)     # JSON is YAML
    r = subprocess.run(["promtool", "test", "rules", path], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    check(r.returncode == 0, "promtool test rules on the captured series: each provoked "
          "alert fires when expected, no other one does", "\n# ".join(r.stdout.splitlines()[-60:]))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:     # a phase that broke: say where, fail
        import traceback
        traceback.print_exc(file=sys.stdout)
        check(False, "the phases ran to the end", e)
    print("1..%d" % n_test)
    sys.exit(1 if failed else 0)
