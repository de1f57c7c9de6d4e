#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Swap slot ownership as memdiagctl swap owners --json reports it (GET_SWAP
plus /proc/PID/pagemap), against the kernel's own counters in a still
system:
  * each process's entries summed over the areas == VmSwap;
  * each memory cgroup's slots summed over the areas and its descendants
    == memory.swap.current;
  * each area's unique slots in use == Used of /proc/swaps;
  * the references the slot maps count == the swap entries all processes
    map, and the slots they map == the anon slots (fork sharing seen as
    two references to one slot);
  * the tmpfs file's slots are shmem slots of its cgroup (on a kernel whose
    slot layout has no shmem marker, 7.2's swap table: the slots with a
    reference no page table holds, and swap-owners must say degraded);
  * an unprivileged caller gets EPERM, a type filter naming no area ENODEV.
KTAP lines on stdout; exit 0 if all passed."""
import json
import os
import signal
import struct
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # the work tree is shared with the host
import memdiag_genl  # noqa: E402
from memdiag_genl import A, E, Genl, check, nla, sh, write  # noqa: E402

DEVS = ["/dev/zram0", "/dev/zram1"]
CG = "/sys/fs/cgroup/mdown"
TMPFS = "/run/mdown-tmpfs"
PAGE = os.sysconf("SC_PAGE_SIZE")


def read(path):
    with open(path) as f:
        return f.read()


def cleanup():
    for pidfile in ("/run/mdown-pids",):
        try:
            for p in read(pidfile).split():
                try:
                    os.kill(int(p), signal.SIGKILL)
                except ProcessLookupError:
                    pass
            os.unlink(pidfile)
        except OSError:
            pass
    subprocess.run(["umount", TMPFS], capture_output=True)
    time.sleep(0.5)
    for d in ("a/b", "a", "shm", "many", ""):
        try:
            os.rmdir(os.path.join(CG, d) if d else CG)
        except OSError:
            pass


# ---- ground truth ----------------------------------------------------------

def swaps_used():
    """{path: used pages} from /proc/swaps (KiB there)."""
    out = {}
    for line in read("/proc/swaps").splitlines()[1:]:
        f = line.split()
        out[f[0]] = int(f[3]) * 1024 // PAGE
    return out


def swaps_size():
    """{path: size in pages} from /proc/swaps (KiB there): usable slots."""
    return {f[0]: int(f[2]) * 1024 // PAGE for f in
            (line.split() for line in read("/proc/swaps").splitlines()[1:])}


def dev_pages(dev):
    """The block device's size in pages (mkswap's last_page + 1: the
    area's slot map, header included)."""
    return int(read("/sys/block/%s/size" % os.path.basename(dev))) * 512 // PAGE


def vmswap():
    """{pid: (VmSwap pages, Threads, smaps_rollup Swap pages)} of every
    process that has an mm."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            st = dict(line.split(":", 1) for line in
                      read("/proc/%s/status" % d).splitlines() if ":" in line)
            if "VmSwap" not in st:
                continue
            roll = dict(line.split(":", 1) for line in
                        read("/proc/%s/smaps_rollup" % d).splitlines()[1:])
            out[int(d)] = (int(st["VmSwap"].split()[0]) * 1024 // PAGE,
                           int(st["Threads"]),
                           int(roll["Swap"].split()[0]) * 1024 // PAGE)
        except (OSError, KeyError, ValueError):
            pass
    return out


# Before 6.2 (SPLIT_RSS_COUNTING) a task keeps up to TASK_RSS_EVENTS_THRESH + 1
# (64) counter events of its own faults, a swap-in among them, before they
# reach the mm: VmSwap can exceed the swap entries by that much per thread.
# Page tables (smaps_rollup's Swap) are exact on every kernel.
SPLIT_RSS = tuple(map(int, os.uname().release.split(".")[:2])) < (6, 2)


def vmswap_ok(entries, v):
    pages, threads, rollup = v
    if entries != rollup:
        return False
    if SPLIT_RSS:
        return 0 <= pages - entries <= 65 * threads
    return pages == entries


def cgroups_swap():
    """{path below the cgroup2 root: memory.swap.current pages}."""
    out = {}
    for root, dirs, files in os.walk("/sys/fs/cgroup"):
        if "memory.swap.current" in files:
            rel = root[len("/sys/fs/cgroup"):] or "/"
            try:
                out[rel] = int(read(root + "/memory.swap.current")) // PAGE
            except OSError:
                pass
    return out


def truth():
    return swaps_used(), vmswap(), cgroups_swap()


# ---- the still system ------------------------------------------------------

HOG = r"""
import os, sys, time
mb = int(sys.argv[1])
buf = bytearray(os.urandom(1 << 20) * mb)   # incompressible enough for zram
for i in range(0, len(buf), 4096):
    buf[i] = (buf[i] + 1) & 255
time.sleep(3)                               # let reclaim push it out
pid = os.fork()                             # the child shares the slots
sys.stdout.write("%d %d\n" % (os.getpid(), pid) if pid else "")
sys.stdout.flush()
time.sleep(3600)
"""

# Pushed to swap, then 70 children that stop at once (touching nothing):
# more references per slot than the slot map's byte holds (62).
MANY = r"""
import os, signal, sys, time
buf = bytearray(os.urandom(1 << 20) * 12)
for i in range(0, len(buf), 4096):
    buf[i] = (buf[i] + 1) & 255
time.sleep(3)
kids = []
for i in range(70):
    pid = os.fork()
    if not pid:
        os.kill(os.getpid(), signal.SIGSTOP)
        time.sleep(3600)
    kids.append(pid)
sys.stdout.write(" ".join(map(str, [os.getpid()] + kids)) + "\n")
sys.stdout.flush()
time.sleep(3600)
"""


def setup():
    for i, dev in enumerate(DEVS):
        write("/sys/block/zram%d/disksize" % i, "96M")
        sh("mkswap", dev)
        sh("swapon", "-p", "5", dev)   # same priority: slots alternate
    os.makedirs(CG, exist_ok=True)
    write("/sys/fs/cgroup/cgroup.subtree_control", "+memory")
    write(CG + "/cgroup.subtree_control", "+memory")
    os.makedirs(CG + "/a", exist_ok=True)
    write(CG + "/a/cgroup.subtree_control", "+memory")
    os.makedirs(CG + "/a/b", exist_ok=True)
    os.makedirs(CG + "/shm", exist_ok=True)
    os.makedirs(CG + "/many", exist_ok=True)
    write(CG + "/many/memory.max", 16 << 20)
    write(CG + "/a/b/memory.max", 24 << 20)
    write(CG + "/shm/memory.max", 8 << 20)

    # The process (in a/b) is pushed to swap, then forks.
    hog = subprocess.Popen(
        ["sh", "-c", 'echo $$ > %s/a/b/cgroup.procs && exec python3 -c "$0" 48'
         % CG, HOG], stdout=subprocess.PIPE, text=True)
    parent, child = map(int, hog.stdout.readline().split())
    many = subprocess.Popen(
        ["sh", "-c", 'echo $$ > %s/many/cgroup.procs && exec python3 -c "$0"'
         % CG, MANY], stdout=subprocess.PIPE, text=True)
    many_pids = many.stdout.readline().split()
    write("/run/mdown-pids", " ".join([str(parent), str(child)] + many_pids))

    # A tmpfs file written from shm: its pages go to swap as shmem.
    os.makedirs(TMPFS, exist_ok=True)
    sh("mount", "-t", "tmpfs", "-o", "size=64M", "mdown", TMPFS)
    sh("sh", "-c", "echo $$ > %s/shm/cgroup.procs && exec dd if=/dev/urandom "
       "of=%s/file bs=1M count=32 status=none" % (CG, TMPFS))
    return parent, child


def owners(ctl):
    r = sh(ctl, "--json", "swap", "owners")
    return json.loads(r.stdout)


def still_snapshot(ctl, tries=8):
    """A memdiagctl answer with the same ground truth before and after."""
    last = None
    for _ in range(tries):
        before = truth()
        doc = owners(ctl)
        after = truth()
        if before == after:
            return doc, before, True
        last = (doc, after)
        time.sleep(2)
    return last[0], last[1], False


def main(ctl):
    parent, child = setup()
    time.sleep(2)
    doc, (used, vms, cgs), still = still_snapshot(ctl)
    check(still, "the system is still (ground truth unchanged across a dump)")
    areas = {a["device"]: a for a in doc["areas"]}
    sizes = swaps_size()

    # Areas: unique slots == Used of /proc/swaps.
    check(sorted(areas) == sorted(used), "every active area is reported",
          "%s vs /proc/swaps %s" % (sorted(areas), sorted(used)))
    for dev, a in sorted(areas.items()):
        check(a["used"] == used.get(dev) and a["inuse"] == used.get(dev)
              and not a["partial"] and a["scanned"] == a["map-slots"],
              "%s: unique slots in use == Used in /proc/swaps" % dev,
              "used %d inuse %d /proc/swaps %s (pages)"
              % (a["used"], a["inuse"], used.get(dev)))
        # memdiag's bad is map-slots - size, both from swap_info_struct:
        # each is checked against the kernel's own numbers instead.
        check(a["size"] == sizes.get(dev) and
              a["map-slots"] == dev_pages(dev) and
              a["bad"] == a["map-slots"] - a["size"] >= 1,
              "%s: size as /proc/swaps, slot map as the device, bad slots "
              "(the header at least)" % dev,
              "%s; /proc/swaps size %s, device %d pages"
              % (a, sizes.get(dev), dev_pages(dev)))
    check(sorted(areas) == sorted(DEVS) and
          all(a["used"] > 0 for a in areas.values()),
          "both areas hold slots", {d: a["used"] for d, a in areas.items()})

    # Processes: entries over the areas == VmSwap.
    per_pid = {}
    for p in doc["processes"]:
        per_pid[p["pid"]] = per_pid.get(p["pid"], 0) + p["entries"]
    bad = {pid: (per_pid.get(pid, 0), v) for pid, v in vms.items()
           if not vmswap_ok(per_pid.get(pid, 0), v)}
    check(not bad, "each process's entries == VmSwap%s (%d processes)"
          % (" (within split RSS counting)" if SPLIT_RSS else "", len(vms)),
          "pid: (memdiag, (VmSwap, Threads, smaps_rollup Swap) pages) %s" % bad)
    check(vms.get(parent, (0,))[0] > 0 and vms.get(child, (0,))[0] > 0,
          "the forked pair is in swap", (vms.get(parent), vms.get(child)))
    devs_of = {p["device"] for p in doc["processes"] if p["pid"] == parent}
    check(devs_of == set(DEVS), "the parent's entries are on both areas", devs_of)
    shared = {p["pid"]: 0 for p in doc["processes"]}
    for p in doc["processes"]:
        shared[p["pid"]] += p["shared"]
    check(shared.get(parent, 0) > 0 and shared.get(child, 0) > 0,
          "parent and child share slots after fork",
          (shared.get(parent), shared.get(child)))

    # Unique vs references: the slot maps against pagemap. Without a shmem
    # marker the tmpfs file's slots (one reference each, none in a page
    # table) are in anon and anon-refs: what no page table explains.
    no_marker = [d for d, a in areas.items() if not a["shmem-available"]]
    refs = sum(a["anon-refs"] for a in areas.values())
    mrefs = sum(a["mapped-refs"] for a in areas.values())
    anon = sum(a["anon"] for a in areas.values())
    mapped = sum(a["mapped"] for a in areas.values())
    rollup = sum(v[2] for v in vms.values())
    if no_marker:
        check(sorted(no_marker) == sorted(areas), "no area or every area has "
              "a shmem marker (one slot layout per kernel)", no_marker)
        st = sh(ctl, "status").stdout
        line = [ln for ln in st.splitlines() if "swap-owners" in ln]
        check(len(line) == 1 and "degraded" in line[0] and "shmem" in line[0],
              "without a shmem marker swap-owners is degraded, saying why",
              st)
        # Each unmarked shmem slot is one slot and one reference more than
        # the page tables show: refs - mrefs == anon - mapped, checked below.
        shmem = anon - mapped
    else:
        shmem = sum(a["shmem"] for a in areas.values())
        check(all("shmem" in a for a in areas.values()),
              "every area has a shmem count")
    # The references no page table holds: the unmarked shmem slots, or none.
    extra = shmem if no_marker else 0
    check(refs - extra == mrefs and refs - extra == rollup,
          "references in the slot maps == entries in page tables (pagemap, smaps_rollup)"
          + (" + the unmarked shmem slots" if no_marker else ""),
          "anon-refs %d (unmarked shmem %d), pagemap %d, smaps_rollup %d"
          % (refs, extra, mrefs, rollup))
    check(any(a["continued"] > 0 for a in areas.values()),
          "slots with more references than the slot map holds "
          "(continuation pages, extended counts) are seen",
          {d: a["continued"] for d, a in areas.items()})
    if no_marker:
        # anon - mapped is what shmem was taken to be: only the bound holds.
        check(0 < mapped <= anon and refs > anon,
              "processes map some of the anon slots, fewer than references",
              "anon %d mapped %d refs %d" % (anon, mapped, refs))
    else:
        check(anon == mapped and refs > anon,
              "unique anon slots == slots processes map, fewer than references",
              "anon %d mapped %d refs %d" % (anon, mapped, refs))

    # Memory cgroups: slots of the cgroup and its descendants == swap.current.
    cg_slots = {}
    avail = all(a["cgroups-available"] for a in areas.values())
    check(avail, "per-cgroup counts available on every area")
    for c in doc["cgroups"]:
        if c["path"] is not None:
            cg_slots[c["path"]] = cg_slots.get(c["path"], 0) + c["slots"]
    bad = {}
    for path, cur in cgs.items():
        mine = sum(n for p, n in cg_slots.items()
                   if p == path or p.startswith(path.rstrip("/") + "/"))
        if mine != cur:
            bad[path] = (mine, cur)
    check(not bad and cgs.get("/mdown/a/b", 0) > 0,
          "each cgroup's slots (with descendants) == memory.swap.current (%d cgroups)"
          % len(cgs), "path: (memdiag, memory.swap.current pages) %s" % bad)
    check(cg_slots.get("/mdown", 0) == 0 and cgs.get("/mdown", 0) > 0,
          "a parent's memory.swap.current is its descendants' slots",
          (cg_slots.get("/mdown"), cgs.get("/mdown")))

    # tmpfs: shmem slots, owned by the cgroup that wrote the file.
    # 32 MiB written under an 8 MiB memory.max: at least 24 MiB of the file
    # is in swap, as shmem slots charged to /mdown/shm (which may also hold
    # a few slots of its short-lived processes).
    least = (32 - 8) * (1 << 20) // PAGE
    check(least <= shmem <= cgs.get("/mdown/shm", -1),
          "the tmpfs file's swapped pages are shmem slots of its cgroup",
          "shmem slots %d (at least %d), /mdown/shm swap %s"
          % (shmem, least, cgs.get("/mdown/shm")))
    unmapped = sum(a["used"] - a["mapped"] for a in areas.values())
    check(unmapped == shmem + sum(a["cache-only"] for a in areas.values()),
          "slots no process maps == shmem + swap cache only",
          "unmapped %d" % unmapped)

    # One area only.
    r = sh(ctl, "--json", "swap", DEVS[1])
    one = json.loads(r.stdout)
    # Not empty: the parent's entries are on both areas (checked above).
    check([a["device"] for a in one["areas"]] == [DEVS[1]]
          and one["processes"]
          and all(p["device"] == DEVS[1] for p in one["processes"]),
          "swap DEVICE reports that area alone",
          ([a["device"] for a in one["areas"]],
           sorted({p["device"] for p in one["processes"]})))
    r = sh(ctl, "swap", "/dev/nonexistent", ok=False)
    check(r.returncode == 5 and "not an active swap area" in r.stderr,
          "an inactive device is refused with a message", (r.returncode, r.stderr))
    r = sh(ctl, "swap", ok=False)
    print("# " + r.stdout.rstrip("\n").replace("\n", "\n# "))
    check(r.returncode == 0 and "CGROUP" in r.stdout and "/mdown/a/b" in r.stdout,
          "text output has the three tables", r.stdout[-2000:] + r.stderr)

    # Privileges and the request's validation.
    r = sh("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
           ctl, "swap", ok=False)
    check(r.returncode == 4, "an unprivileged caller gets EPERM (exit 4)",
          (r.returncode, r.stderr))
    # MAX_SWAPFILES is 32 less the special types (device 0-4, migration 3,
    # hwpoison 1, pte marker 1): at least 23 on every config (7.2 with
    # DEVICE_PRIVATE: 24, so 25 is out of range there), never above 32.
    for typ, err in ((22, 19), (200, 34)):
        try:
            nl_dump_err(typ)
            got = 0
        except OSError as e:
            got = e.errno
        check(got == err, "a type filter of %d is refused (errno %d)" % (typ, err),
              "errno %s" % got)
    nl = Genl()
    msgs = nl.request(nl.family, E["MEMDIAG_CMD_GET_SWAP"],
                      nla(A("SWAP_TYPE"), struct.pack("=I", 1)), dump=True)
    check(len(msgs) >= 1, "a type filter of an active area answers", len(msgs))


def nl_dump_err(typ):
    """A GET_SWAP dump with a type filter on a socket of its own; OSError
    with the error the dump ends with."""
    nl = Genl()
    body = struct.pack("=BBH", E["MEMDIAG_CMD_GET_SWAP"], 1, 0) + \
        nla(A("SWAP_TYPE"), struct.pack("=I", typ))
    nl.sk.send(struct.pack("=IHHII", 16 + len(body), nl.family, 0x301,
                           1, 0) + body)   # NLM_F_REQUEST | NLM_F_DUMP
    while True:
        data = nl.sk.recv(1 << 20)
        off = 0
        while off + 16 <= len(data):
            mlen, mtype = struct.unpack_from("=IH", data, off)
            if mtype in (2, 3):   # NLMSG_ERROR, NLMSG_DONE: both carry an int
                err = struct.unpack_from("=i", data, off + 16)[0]
                if err:
                    raise OSError(-err, os.strerror(-err))
                return
            off += (mlen + 3) & ~3


if __name__ == "__main__":
    if sys.argv[1:] == ["--cleanup"]:
        cleanup()
        sys.exit(0)
    print("TAP version 13")
    try:
        main(sys.argv[1])
    except Exception as e:  # noqa: BLE001
        check(False, "the test ran to the end", repr(e))
    finally:
        cleanup()
    print("1..%d" % memdiag_genl.n_test)
    sys.exit(1 if memdiag_genl.failed else 0)
