#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Swap ownership at scale (issue 16, part 3), the guest side of
tools/bench-swap.sh: memdiag's answer against the scan a user would write.

For each size N:S (N processes holding S GiB of swap between them, on one
zram area: same-filled pages, which zram stores in its table alone):
  * N small C processes (compiled here with the root's gcc), spread over
    G memory cgroups, each maps S/N of anonymous memory, fills it with a
    same-filled pattern and sleeps; each cgroup's memory.max squeezes the
    pages out to swap as they are touched, memory.reclaim pushes the rest;
  * the answers are checked against the kernel's own counters first
    (GET_SWAP's used == /proc/swaps Used; its per-cgroup slots == each
    cgroup's memory.swap.current; memdiagctl's per-process entries ==
    VmSwap), so that every figure is the time of a correct answer;
  * then R interleaved rounds (the order rotates) time
      scan   the user's scan: every /proc/PID/status VmSwap and every
             memory.swap.current, in this Python process (no start-up);
      get    GET_SWAP (per area and per cgroup) from this Python process
             through the same netlink client the selftests use;
      ctl    `memdiagctl swap` as a process (per area, per cgroup and per
             process: GET_SWAP + /proc/PID/smaps + /proc/PID/pagemap);
      smaps  / pagemap: the kernel reads memdiagctl's split makes, done
             from Python (every smaps, then pagemap of the swapped VMAs),
             to say where memdiagctl's time goes;
    and print per-round ratios as the median with a distribution-free
    95 % interval (order statistics of the per-round ratios), n;
  * GET_SWAP's memory: the module's own account (GET_STATUS memory)
    sampled from a second socket while a dump runs, and the peak
    VmallocUsed/Slab meanwhile; memdiagctl's peak RSS (wait4).
Usage: bench-swap.py CTL KO [N:S ...]   (default 100:1 1000:1)
Environment: MEMDIAG_BENCH_ROUNDS (11), MEMDIAG_BENCH_CGROUPS (10),
MEMDIAG_BENCH_DISK_GIB (zram size; default 1.25 S + 0.25)."""
import ctypes
import errno
import fcntl
import json
import math
import os
import signal
import struct
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # the work tree is shared with the host
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../selftests/memdiag"))
from memdiag_genl import A, E, Genl, nla_parse  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
CG = "/sys/fs/cgroup/mdbench"
DEV = "/dev/zram0"
ROUNDS = int(os.environ.get("MEMDIAG_BENCH_ROUNDS", "11"))
NCG = int(os.environ.get("MEMDIAG_BENCH_CGROUPS", "10"))

HOG_C = r"""
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
/* hog N CGDIR NCG PAGES: N children, child i in CGDIR/gI%NCG, each maps
 * PAGES pages, fills them with one byte value (zram: same-filled) and
 * sleeps; at most 2 fill at once. Prints the children's pids, exits. */
int main(int argc, char **argv)
{
	int n = atoi(argv[1]), ncg = atoi(argv[3]), fd[2], i, busy = 0;
	long pages = atol(argv[4]);
	char c;

	if (pipe(fd))
		return 1;
	for (i = 0; i < n; i++) {
		pid_t pid;

		if (busy == 2 && read(fd[0], &c, 1) == 1)
			busy--;
		pid = fork();
		if (pid < 0)
			return 1;
		if (!pid) {
			char path[512];
			int null = open("/dev/null", O_RDWR);

			/* The caller reads our parent's stdout to its end. */
			dup2(null, 1);
			dup2(null, 2);
			int cg;
			char *p;
			long j;

			snprintf(path, sizeof(path), "%s/g%d/cgroup.procs", argv[2], i % ncg);
			cg = open(path, O_WRONLY);
			if (cg < 0 || write(cg, "0", 1) != 1)
				_exit(1);
			close(cg);
			p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				_exit(1);
			for (j = 0; j < pages; j++)
				memset(p + j * 4096, 1 + (i + j) % 251, 4096);
			if (write(fd[1], "x", 1) != 1)
				_exit(1);
			for (;;)
				pause();
		}
		printf("%d\n", pid);
		busy++;
	}
	while (busy && read(fd[0], &c, 1) == 1)
		busy--;
	fflush(stdout);
	return 0;
}
"""


def read(path):
    with open(path) as f:
        return f.read()


def write(path, val):
    with open(path, "w") as f:
        f.write(str(val))


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def meminfo():
    return {ln.split(":")[0]: int(ln.split()[1])
            for ln in read("/proc/meminfo").splitlines()}


# ---- statistics ------------------------------------------------------------

def median(v):
    s = sorted(v)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def med_ci(v):
    """Median and the distribution-free 95 % interval for it: the order
    statistics x_(k), x_(n+1-k) with the largest k such that
    P(Binomial(n, 1/2) <= k - 1) <= 0.025; None if n is too small."""
    s = sorted(v)
    n = len(s)
    k, cdf = 0, 0.0
    for j in range(n):
        cdf += math.comb(n, j) / 2 ** n
        if cdf > 0.025:
            break
        k = j + 1
    ci = (s[k - 1], s[n - k], 1 - 2 * sum(math.comb(n, j) for j in range(k))
          / 2 ** n) if k else None
    return median(s), ci


def fmt_ratio(v):
    m, ci = med_ci(v)
    if not ci:
        return "%.2f (n=%d, too few rounds for a 95 %% interval)" % (m, len(v))
    return "%.2f [%.2f, %.2f] (%.1f %% interval, n=%d)" % (m, ci[0], ci[1],
                                                          100 * ci[2], len(v))


# ---- the system --------------------------------------------------------------

def comm(pid):
    try:
        return read("/proc/%d/comm" % pid).strip()
    except OSError:
        return "?"


def sh(*cmd, check=True):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if check and r.returncode:
        raise RuntimeError("%s: exit %d: %s" % (cmd, r.returncode, r.stderr))
    return r


def zram_setup(disk_gib):
    if not os.path.exists(DEV):
        sh("modprobe", "zram", "num_devices=1")
    write("/sys/block/zram0/disksize", "%dM" % int(disk_gib * 1024))
    sh("mkswap", DEV)
    sh("swapon", DEV)


def zram_release():
    sh("swapoff", DEV, check=False)
    write("/sys/block/zram0/reset", 1)


def cg_setup():
    write("/sys/fs/cgroup/cgroup.subtree_control", "+memory")
    os.makedirs(CG, exist_ok=True)
    write(CG + "/cgroup.subtree_control", "+memory")
    for g in range(NCG):
        os.makedirs("%s/g%d" % (CG, g), exist_ok=True)


def cg_kill():
    for g in range(NCG):
        d = "%s/g%d" % (CG, g)
        if os.path.exists(d + "/cgroup.kill"):
            write(d + "/cgroup.kill", 1)
    for _ in range(600):
        if all(not read("%s/g%d/cgroup.procs" % (CG, g)).strip()
               for g in range(NCG) if os.path.exists("%s/g%d" % (CG, g))):
            break
        time.sleep(0.1)


def fill(hog, n, gib):
    """n processes with gib GiB between them, pushed to swap."""
    pages = int(gib * (1 << 30) / PAGE / n)
    # Each process's kernel stack and page tables are charged too.
    per_cg = (16 << 20) + (n + NCG - 1) // NCG * (128 << 10)
    for g in range(NCG):
        write("%s/g%d/memory.max" % (CG, g), per_cg)
    t = time.monotonic()
    r = sh(hog, str(n), CG, str(NCG), str(pages))
    pids = [int(p) for p in r.stdout.split()]
    t_fill = time.monotonic() - t
    for g in range(NCG):
        try:
            write("%s/g%d/memory.reclaim" % (CG, g), "1G")
        except OSError:
            pass    # EAGAIN: less than asked could be reclaimed
    return pids, pages, t_fill


# ---- the user's scan and the kernel's truth -----------------------------------

def scan():
    """What a user writes: VmSwap of every process, memory.swap.current of
    every cgroup. Returns ({pid: kB}, {cgroup dir: bytes})."""
    procs = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/status" % d, "rb") as f:
                data = f.read()
        except OSError:
            continue
        i = data.find(b"VmSwap:")
        if i >= 0:
            procs[int(d)] = int(data[i + 7:data.index(b"kB", i)])
    cgs = {}
    for root, dirs, files in os.walk("/sys/fs/cgroup"):
        if "memory.swap.current" in files:
            with open(root + "/memory.swap.current", "rb") as f:
                cgs[root] = int(f.read())
    return procs, cgs


def swaps_used():
    for line in read("/proc/swaps").splitlines()[1:]:
        f = line.split()
        if f[0] == DEV:
            return int(f[3]) * 1024 // PAGE
    return None


# ---- GET_SWAP and GET_STATUS ---------------------------------------------------

def get_swap(nl):
    """[(area attrs dict, [cgroup nest dicts])] from one GET_SWAP dump."""
    areas, cur = {}, None
    for msg in nl.request(nl.family, E["MEMDIAG_CMD_GET_SWAP"], dump=True):
        attrs = nla_parse(msg)
        d = dict(attrs)
        t = struct.unpack("=I", d[A("SWAP_TYPE")])[0]
        cur = areas.setdefault(t, [{}, []])
        for at, p in attrs:
            if at == A("SWAP_MEMCG"):
                cur[1].append(dict(nla_parse(p)))
            elif at != A("SWAP_TYPE") or not cur[0]:
                cur[0][at] = p
    return areas


def u64(b):
    return struct.unpack("=Q", b[:8])[0] if len(b) >= 8 else \
        struct.unpack("=I", b[:4])[0]


def module_mem(nl):
    for t, p in nla_parse(nl.request(nl.family, E["MEMDIAG_CMD_GET_STATUS"])[0]):
        if t == A("STATUS_MEM_BYTES"):
            return u64(p)
    return None


def get_swap_memory(nl):
    """Peak of the module's own memory account (GET_STATUS, a second
    socket) and of VmallocUsed + Slab while one GET_SWAP dump runs."""
    base, mi0 = module_mem(nl), meminfo()
    peak = {"mod": base, "vm": 0, "slab": 0}
    stop = threading.Event()

    def sampler():
        nl2 = Genl()
        while not stop.is_set():
            peak["mod"] = max(peak["mod"], module_mem(nl2))
            mi = meminfo()
            peak["vm"] = max(peak["vm"], mi["VmallocUsed"] - mi0["VmallocUsed"])
            peak["slab"] = max(peak["slab"], mi["Slab"] - mi0["Slab"])
    th = threading.Thread(target=sampler, daemon=True)
    th.start()
    time.sleep(0.05)
    t = time.perf_counter()
    get_swap(nl)
    dt = time.perf_counter() - t
    stop.set()
    th.join()
    return base, peak, dt


# ---- memdiagctl ----------------------------------------------------------------

def run_ctl(ctl, *args):
    """(seconds, stdout, peak RSS in kB) of one memdiagctl run."""
    with open("/tmp/md-ctl.err", "w+b") as err:
        t = time.perf_counter()
        p = subprocess.Popen([ctl] + list(args), stdout=subprocess.PIPE,
                             stderr=err)
        out = p.stdout.read()
        _, status, ru = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        p.stdout.close()
        if p.returncode:
            err.seek(0)
            raise RuntimeError("memdiagctl %s: exit %d: %s"
                               % (args, p.returncode, err.read().decode()))
    return dt, out, ru.ru_maxrss


PAGEMAP_SCAN = 0xC0606610     # _IOWR('f', 16, struct pm_scan_arg)
PAGE_IS_SWAPPED = 1 << 4
USER_END = (1 << 47) - PAGE


def scan_swapped(fd, vec, nvec):
    """[(start, end)] of the swapped pages of the process whose pagemap is
    @fd, from the PAGEMAP_SCAN ioctl (6.7+): the kernel walks the page
    tables once and returns only the ranges of swap entries."""
    out, start = [], 0
    while start < USER_END:
        arg = bytearray(struct.pack("=12Q", 96, 0, start, USER_END, 0,
                                    ctypes.addressof(vec), nvec, 0, 0,
                                    PAGE_IS_SWAPPED, 0, PAGE_IS_SWAPPED))
        n = fcntl.ioctl(fd, PAGEMAP_SCAN, arg, True)
        walk_end = struct.unpack_from("=Q", arg, 32)[0]
        for i in range(n):
            out.append((vec[3 * i], vec[3 * i + 1]))
        if n < nvec or walk_end >= USER_END:
            break
        start = walk_end
    return out


def split_scan_ioctl(pids):
    """The same split another way: VmSwap first (a process without swap
    is skipped), PAGEMAP_SCAN for the swapped ranges, pagemap over those
    only. Returns (seconds, pagemap entries read)."""
    nvec = 1024
    vec = (ctypes.c_uint64 * (3 * nvec))()
    entries = 0
    t = time.perf_counter()
    for pid in pids:
        try:
            with open("/proc/%d/status" % pid, "rb") as f:
                data = f.read()
            i = data.find(b"VmSwap:")
            if i < 0 or not int(data[i + 7:data.index(b"kB", i)]):
                continue
            fd = os.open("/proc/%d/pagemap" % pid, os.O_RDONLY)
        except OSError:
            continue
        try:
            entries += pagemap_read(fd, scan_swapped(fd, vec, nvec))
        except OSError as e:
            if e.errno != errno.ENOTTY:
                raise
            return math.nan, 0      # before 6.7: no PAGEMAP_SCAN
        finally:
            os.close(fd)
    return time.perf_counter() - t, entries


def pagemap_read(fd, ranges):
    """Read the pagemap entries of [a, b) ranges from @fd, 8192 at a
    time; returns how many were read."""
    entries = 0
    for a, b in ranges:
        va = a
        while va < b:
            n = min((b - va) // PAGE, 8192)
            entries += len(os.pread(fd, n * 8, va // PAGE * 8)) // 8
            va += n * PAGE
    return entries


def split_kernel_reads(pids, slowest=None):
    """The kernel work of memdiagctl's split, from Python: each process's
    smaps, then pagemap over the VMAs smaps says hold swap. Returns
    (smaps seconds, pagemap seconds, pagemap entries read)."""
    t_sm = t_pm = 0.0
    entries = 0
    for pid in pids:
        t = time.perf_counter()
        try:
            # One read() as large as the file: the kernel's work, not
            # Python's (the parsing below is not timed).
            with open("/proc/%d/smaps" % pid, "rb", buffering=0) as f:
                data = b""
                while True:
                    chunk = f.read(1 << 20)
                    if not chunk:
                        break
                    data += chunk
        except OSError:
            continue
        dt = time.perf_counter() - t
        t_sm += dt
        if slowest is not None:
            slowest.append((dt, pid, data.count(b"\nSwap:")))
        ranges, cur = [], None
        for line in data.split(b"\n"):
            if line[:1] in b"0123456789abcdef" and b"-" in line[:20] and line:
                a, b = line.split(b" ", 1)[0].split(b"-")
                cur = (int(a, 16), int(b, 16))
            elif line.startswith(b"Swap:") and cur and int(line.split()[1]):
                ranges.append(cur)
                cur = None
        t = time.perf_counter()
        try:
            fd = os.open("/proc/%d/pagemap" % pid, os.O_RDONLY)
        except OSError:
            continue    # a kernel thread, or gone
        try:
            entries += pagemap_read(fd, ranges)
        finally:
            os.close(fd)
        t_pm += time.perf_counter() - t
    return t_sm, t_pm, entries


# ---- one size ------------------------------------------------------------------

def check_truth(nl, ctl, pids):
    """memdiag's numbers against the kernel's, in the still system."""
    areas = get_swap(nl)
    used = swaps_used()
    procs, cgs = scan()
    (t, (area, memcgs)), = [(t, a) for t, a in areas.items()]
    m_used = u64(area[A("SWAP_SLOTS_USED")])
    problems = []
    if m_used != used:
        problems.append("GET_SWAP used %d != /proc/swaps Used %d" % (m_used, used))
    by_path = {}
    for m in memcgs:
        path = m.get(A("SWAP_CGROUP_PATH"), b"").rstrip(b"\0").decode()
        by_path[path] = u64(m[A("SWAP_CGROUP_SLOTS")])
    for g in range(NCG):
        want = cgs["%s/g%d" % (CG, g)] // PAGE
        got = by_path.get("/mdbench/g%d" % g, 0)
        if want != got:
            problems.append("g%d: GET_SWAP %d slots, memory.swap.current %d"
                            % (g, got, want))
    doc = json.loads(run_ctl(ctl, "--json", "swap")[1])
    per_pid = {}
    for p in doc["processes"]:
        per_pid[p["pid"]] = per_pid.get(p["pid"], 0) + p["entries"]
    bad = [(pid, per_pid.get(pid, 0), kb * 1024 // PAGE)
           for pid, kb in procs.items() if per_pid.get(pid, 0) != kb * 1024 // PAGE]
    if bad:
        problems.append("memdiagctl entries != VmSwap for %d processes: %s"
                        % (len(bad), bad[:5]))
    vm_sum = sum(kb for kb in procs.values()) * 1024 // PAGE
    ours = sum(procs.get(p, 0) for p in pids) * 1024 // PAGE
    ok = not problems
    log("check: /proc/swaps Used %d slots, GET_SWAP used %d, sum VmSwap %d "
        "(our %d processes %d), memdiagctl entries %d, cgroups %s: %s"
        % (used, m_used, vm_sum, len(pids), ours, sum(per_pid.values()),
           len(by_path), "ok" if ok else "; ".join(problems)))
    return ok, used, area


def bench_size(hog, ctl, nl, n, gib):
    disk = float(os.environ.get("MEMDIAG_BENCH_DISK_GIB", "0")) or 1.25 * gib + 0.25
    zram_setup(disk)
    pids, pages, t_fill = fill(hog, n, gib)
    time.sleep(1)
    ok, used, area = check_truth(nl, ctl, pids)
    map_slots = u64(area[A("SWAP_MAP_SLOTS")])
    nprocs = sum(1 for d in os.listdir("/proc") if d.isdigit())
    log("size %d:%g: %d processes of %d pages each filled in %.1f s; %d slots "
        "used of %d; %d processes in /proc"
        % (n, gib, len(pids), pages, t_fill, used, map_slots, nprocs))

    base, peak, t_mem = get_swap_memory(nl)
    # The floor of a netlink request from Python: GET_STATUS's round trip.
    floor = []
    for _ in range(11):
        s = time.perf_counter()
        module_mem(nl)
        floor.append(time.perf_counter() - s)
    t = {"scan": [], "get": [], "ctl": [], "smaps": [], "pagemap": [], "ioctl": []}
    rss = 0
    allpids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    for r in range(ROUNDS):
        order = ["scan", "get", "ctl", "split", "ioctl"]
        order = order[r % 5:] + order[:r % 5]
        for what in order:
            if what == "scan":
                s = time.perf_counter()
                scan()
                t["scan"].append(time.perf_counter() - s)
            elif what == "get":
                s = time.perf_counter()
                get_swap(nl)
                t["get"].append(time.perf_counter() - s)
            elif what == "ctl":
                dt, _, rss = run_ctl(ctl, "swap")
                t["ctl"].append(dt)
            elif what == "ioctl":
                dt, ent = split_scan_ioctl(allpids)
                t["ioctl"].append(dt)
            else:
                slow = [] if r == 0 else None
                sm, pm, ent = split_kernel_reads(allpids, slow)
                t["smaps"].append(sm)
                t["pagemap"].append(pm)
                if slow:
                    slow.sort(reverse=True)
                    log("slowest smaps: " + ", ".join(
                        "%d (%s, %d VMAs) %.1f ms" % (p, comm(p), nv, 1e3 * dt)
                        for dt, p, nv in slow[:6]) + "; median %.2f ms"
                        % (1e3 * median([x[0] for x in slow])))
        log("round %d: scan %.4f s, GET_SWAP %.4f s, memdiagctl swap %.4f s, "
            "smaps %.4f s, pagemap %.4f s, VmSwap+PAGEMAP_SCAN+pagemap %.4f s"
            % (r + 1, t["scan"][-1], t["get"][-1], t["ctl"][-1], t["smaps"][-1],
               t["pagemap"][-1], t["ioctl"][-1]))
    after_ok = swaps_used() == used
    cg_kill()
    zram_release()
    return {"n": n, "gib": gib, "used": used, "map": map_slots, "nprocs": nprocs,
            "ok": ok and after_ok, "t": t, "mem": (base, peak, t_mem), "rss": rss,
            "fill": t_fill, "floor": median(floor)}


def report(res):
    t, n, used = res["t"], res["n"], res["used"]
    med = {k: median(v) for k, v in t.items()}
    ratio = lambda a, b: [x / y for x, y in zip(t[a], t[b])]  # noqa: E731
    base, peak, t_mem = res["mem"]
    print("N=%d processes, %g GiB asked, %d slots used (%.2f GiB) of %d in the "
          "map; %d processes in /proc; answers %s"
          % (n, res["gib"], used, used * PAGE / (1 << 30), res["map"],
             res["nprocs"], "agree with the kernel's" if res["ok"] else
             "DO NOT agree with the kernel's (see above)"))
    print("  medians: scan %.1f ms, GET_SWAP %.1f ms, memdiagctl swap %.1f ms "
          "(of which, read from Python: smaps %.1f ms, pagemap %.1f ms)"
          % tuple(1e3 * med[k] for k in ("scan", "get", "ctl", "smaps", "pagemap")))
    print("  a GET_STATUS round trip from Python (the floor of any request): %.2f ms"
          % (1e3 * res["floor"]))
    print("  scan / GET_SWAP (per area + per cgroup):     %s" % fmt_ratio(ratio("scan", "get")))
    print("  memdiagctl swap (per process too) / scan:    %s" % fmt_ratio(ratio("ctl", "scan")))
    print("  the split done another way (VmSwap, PAGEMAP_SCAN, pagemap of the "
          "swapped ranges; Python) / scan: %s"
          % ("no PAGEMAP_SCAN before 6.7" if any(map(math.isnan, t["ioctl"]))
             else fmt_ratio(ratio("ioctl", "scan"))))
    print("  GET_SWAP: %.1f ns per map slot, %.1f ns per used slot (all of its time "
          "divided by each)" % (1e9 * med["get"] / res["map"], 1e9 * med["get"] / max(used, 1)))
    print("  memdiagctl swap: %.1f us per process, %.1f ns per used slot; "
          "smaps %.1f us per process, pagemap %.1f ns per slot"
          % (1e6 * med["ctl"] / res["nprocs"], 1e9 * med["ctl"] / max(used, 1),
             1e6 * med["smaps"] / res["nprocs"], 1e9 * med["pagemap"] / max(used, 1)))
    print("  memory: module %d B before, %d B at peak during a dump (+%d B); "
          "VmallocUsed +%d kB, Slab +%d kB at peak; memdiagctl peak RSS %d kB"
          % (base, peak["mod"], peak["mod"] - base, peak["vm"], peak["slab"],
             res["rss"]))
    sys.stdout.flush()


def main():
    ctl, ko = sys.argv[1], sys.argv[2]
    sizes = [tuple(map(float, s.split(":"))) for s in sys.argv[3:]] or \
        [(100, 1), (1000, 1)]
    hog = "/tmp/md-hog"
    with open("/tmp/md-hog.c", "w") as f:
        f.write(HOG_C)
    sh("gcc", "-O2", "-o", hog, "/tmp/md-hog.c")
    if not os.path.exists("/sys/module/memdiag"):
        sh("insmod", ko)
    cg_setup()
    nl = Genl()
    print("memdiag swap ownership benchmark on %s, %d vCPUs, %d MiB RAM; "
          "%d interleaved rounds; %d memory cgroups"
          % (os.uname().release, os.cpu_count(), meminfo()["MemTotal"] // 1024,
             ROUNDS, NCG))
    sys.stdout.flush()
    allok = True
    for n, gib in sizes:
        try:
            res = bench_size(hog, ctl, nl, int(n), gib)
        except Exception as e:  # noqa: BLE001: say so, go on to the next
            log("size %d:%g failed: %r" % (n, gib, e))
            print("N=%d, %g GiB: not measured (%s)" % (n, gib, e))
            allok = False
            try:
                cg_kill()
                zram_release()
            except OSError:
                pass
            continue
        report(res)
        allok = allok and res["ok"]
    return 0 if allok else 1


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
