#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""swapoff with the memory controller on a cgroup v1 hierarchy (mounted by
swapoff_v1.sh at argv[2]), against what the v1 files say:
  limit   a group under memory.limit_in_bytes 64M holding ~120 MiB, most
          of it on a zram swap: memdiagctl swap check predicts ENOMEM and
          names the group and memory.limit_in_bytes; swapoff fails with
          ENOMEM; the record (memdiagctl swapoff-log --json) names the group
          by its v1 path, with the limit and usage the files gave, and the
          OOM victim; swapoff-log and oom say memory.limit_in_bytes;
  nested  the limit on a parent, the swap in its child: the parent named;
  memsw   (with swap accounting) a group at memory.memsw.limit_in_bytes:
          the check names memsw; the record says what swapoff did (the
          kernel does not promise ENOMEM there, see test_memsw);
  nokill  memory.oom_control oom_kill_disable=1: the check says nobody is
          killed; swapoff fails with ENOMEM and the process lives on.
KTAP lines on stdout; exit 0 if all passed."""
import json
import os
import re
import signal
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # the work tree is shared with the host
import memdiag_genl  # noqa: E402
from memdiag_genl import check, sh, write  # noqa: E402
from swapoff_check import DEV, HOG, swapon  # noqa: E402  (v2's swapoff test)

CTL = sys.argv[1]
V1 = sys.argv[2]
PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1 << 20


def read(path):
    with open(path) as f:
        return f.read()


def num(group, name):
    return int(read("%s/%s/%s" % (V1, group, name)).split()[0])


def kv(group, name):
    """memory.stat or memory.oom_control as {key: int}."""
    return {k: int(v) for k, v in (l.split() for l in read("%s/%s/%s" % (V1, group, name))
                                   .splitlines())}


def group(name, limit):
    path = "%s/%s" % (V1, name)
    os.mkdir(path)
    write(path + "/memory.limit_in_bytes", limit)
    return path


def hog(path, mib=120):
    """A process holding @mib MiB in the group at @path, most of it swapped."""
    p = subprocess.Popen(["python3", "-c", HOG % mib], stdout=subprocess.PIPE, text=True,
                         preexec_fn=lambda: write(path + "/cgroup.procs", os.getpid()))
    line = p.stdout.readline()
    # Let it get into its sleep: the interpreter's own pages went to swap
    # too, and coming back from the print faults some of them in.
    time.sleep(2)
    return p, line.strip() == "ready" and p.poll() is None


def stop(p, path):
    if os.path.exists(path + "/memory.oom_control"):
        write(path + "/memory.oom_control", 0)
    if p.poll() is None:
        p.kill()
        p.wait()
    for _ in range(50):
        try:
            os.rmdir(path)
            return
        except OSError:
            time.sleep(0.1)


def predict(name, want):
    """memdiagctl swap check DEV: exit 1, the group's row FAIL and saying
    each of @want; returns that row's details."""
    r = sh(CTL, "swap", "check", DEV, ok=False)
    j = sh(CTL, "swap", "check", DEV, "--json", ok=False)
    row = None
    try:
        d = json.loads(j.stdout)
        row = next((c for c in d["checks"] if c["check"] == "cgroup /" + name), None)
    except (ValueError, KeyError):
        d = None
    ok = (r.returncode == 1 and j.returncode == 1 and d and d["would-succeed"] is False and
          row is not None and row["ok"] is False and
          all(w in row["details"] for w in want) and
          "memory.max" not in r.stdout and "cgroup /" + name in r.stdout.splitlines()[-1])
    check(ok, "%s: swap check predicts ENOMEM for cgroup /%s naming %s"
          % (name, name, ", ".join(want)), (r.returncode, r.stdout, r.stderr, j.stdout))
    print("# " + (r.stdout.strip().splitlines() or [""])[-1])
    return row["details"] if row else ""


def swapoff_records():
    r = sh(CTL, "swapoff-log", "--json", ok=False)
    return json.loads(r.stdout)["swapoff"] if r.returncode == 0 else []


def attempt(name):
    """swapoff DEV; the one record it left (or None) and swapoff's result."""
    before = {x["seq"] for x in swapoff_records()}
    r = sh("swapoff", DEV, ok=False)
    new = [x for x in swapoff_records() if x["seq"] not in before]
    check(r.returncode != 0 and "Cannot allocate memory" in r.stderr and len(new) == 1,
          "%s: swapoff fails with ENOMEM and leaves one record" % name,
          (r.returncode, r.stderr, new))
    return new[-1] if len(new) == 1 else None


def test_limit():
    name = "mdv1"
    path = group(name, 64 * MIB)
    p, ready = hog(path)
    try:
        check(ready, "limit: a 120 MiB process runs under memory.limit_in_bytes=64M")
        limit = num(name, "memory.limit_in_bytes")
        stat = kv(name, "memory.stat")
        oom0 = kv(name, "memory.oom_control").get("oom_kill")
        print("# memory.limit_in_bytes %d, memory.usage_in_bytes %d, memory.stat swap %s, "
              "total_swap %s, memory.failcnt %d" %
              (limit, num(name, "memory.usage_in_bytes"), stat.get("swap"),
               stat.get("total_swap"), num(name, "memory.failcnt")))
        details = predict(name, ["memory.limit_in_bytes 64M", "memory.usage_in_bytes",
                                 "memory.stat swap"])
        check("oom_kill_disable 0" in details,
              "limit: the check says the group's OOM killer may kill in it", details)
        usage = num(name, "memory.usage_in_bytes")
        rec = attempt("limit")
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        oom1 = kv(name, "memory.oom_control").get("oom_kill")
        # While the group is there: the module names a record's group
        # when asked, and a removed one only while it is dying (its swap
        # charges still held), which reclaim may end at any time.
        ooms = sh(CTL, "oom", "--json", ok=False)
    finally:
        stop(p, path)
    if not rec:
        return
    print("# record: %s" % rec["why"])
    check(rec["cause"] == "memcg" and rec["memcg"] == "/" + name,
          "limit: the record's cause is memcg, the group named by its v1 path",
          rec)
    got_max, got_use = rec["memcg-max-pages"] * PAGE, rec["memcg-usage-pages"] * PAGE
    # The limit is as written; the usage read before swapoff differs from
    # the one at the failure by what swapoff brought back and reclaim took
    # out, never past the limit.
    check(got_max == limit and got_use <= limit and abs(got_use - usage) <= 8 * MIB,
          "limit: the record's limit and usage are memory.limit_in_bytes and "
          "memory.usage_in_bytes (within 8 MiB)",
          (got_max, limit, got_use, usage))
    pids = [v["pid"] for v in rec["victims"]]
    check(p.pid in pids and p.returncode == -signal.SIGKILL and
          (oom0 is None or oom1 > oom0),
          "limit: the OOM victim is the process, killed (memory.oom_control oom_kill %s -> %s)"
          % (oom0, oom1), (pids, p.pid, p.returncode))
    check("at memory.limit_in_bytes 64M" in rec["why"] and "memory.max" not in rec["why"],
          "limit: swapoff-log says memory.limit_in_bytes, not memory.max", rec["why"])
    oom = [x for x in json.loads(ooms.stdout)["oom"] if x["pid"] == p.pid] \
        if ooms.returncode == 0 else []
    check(oom and oom[-1]["memcg"] == "/" + name and
          "reached memory.limit_in_bytes" in oom[-1]["why"] and
          "memory.max" not in oom[-1]["why"],
          "limit: memdiagctl oom names the group and memory.limit_in_bytes",
          (ooms.returncode, ooms.stdout[-800:], ooms.stderr))
    r = sh("swapoff", DEV, ok=False)
    check(r.returncode == 0, "limit: with the process gone swapoff succeeds", r.stderr)


def test_nested():
    """The limit on a parent, the swap in its child (use_hierarchy=1,
    which 5.10 leaves off unless asked): the parent takes it back."""
    name = "mdv1nest"
    swapon("512M")
    path = group(name, 64 * MIB)
    write(path + "/memory.use_hierarchy", 1)   # before it has children
    os.mkdir(path + "/svc")
    p, ready = hog(path + "/svc")
    try:
        check(ready, "nested: a 120 MiB process in a child of a group under "
              "memory.limit_in_bytes=64M")
        predict(name, ["memory.stat swap, with its descendants'", "memory.limit_in_bytes 64M"])
        rec = attempt("nested")
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    finally:
        stop(p, path + "/svc")
        stop(p, path)
    if rec:
        print("# record: %s" % rec["why"])
        check(rec["cause"] == "memcg" and rec["memcg"] == "/" + name and
              p.pid in [v["pid"] for v in rec["victims"]],
              "nested: the record names the parent at its limit, the victim in the child", rec)
    sh("swapoff", DEV, ok=False)


def test_memsw():
    name = "mdv1sw"
    if not os.path.exists(V1 + "/memory.memsw.limit_in_bytes"):
        print("# memsw: no memory.memsw.* files: swap accounting is off, not tested")
        return
    swapon("512M")
    path = group(name, 64 * MIB)
    p, ready = hog(path)
    try:
        check(ready, "memsw: a 120 MiB process runs under memory.limit_in_bytes=64M")
        # memsw at its usage, and the memory limit as high as v1 allows
        # (no higher than memsw's): then the swapped pages fit under the
        # memory limit, and memsw alone refuses them.
        for _ in range(10):
            use = num(name, "memory.memsw.usage_in_bytes")
            try:
                write(path + "/memory.memsw.limit_in_bytes", use)
                write(path + "/memory.limit_in_bytes", use)
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(0.5)
        lim = num(name, "memory.memsw.limit_in_bytes")
        use = num(name, "memory.memsw.usage_in_bytes")
        print("# memory.memsw.limit_in_bytes %d, memory.memsw.usage_in_bytes %d, "
              "memory.limit_in_bytes %d, memory.usage_in_bytes %d, memory.stat swap %d" %
              (lim, use, num(name, "memory.limit_in_bytes"),
               num(name, "memory.usage_in_bytes"), kv(name, "memory.stat")["swap"]))
        check(lim - use < PAGE and p.poll() is None,
              "memsw: memory.memsw.limit_in_bytes set to its usage, the process alive",
              (lim, use, p.poll(), kv(name, "memory.oom_control")))
        # By the time the check reads them, memsw's usage may have dropped
        # under the limit (a per-cpu charge batch returned, page cache
        # reclaimed: seen on bullseye's 5.10), and memory.usage_in_bytes may
        # have grown into the room the swapped pages need. One answer, in
        # bytes, judged by the numbers it read itself: FAIL exactly when it
        # read memsw at its limit or less room than swap, naming memsw.
        j = sh(CTL, "swap", "check", DEV, "--json", "--bytes", ok=False)
        try:
            doc = json.loads(j.stdout)
            row = next((c for c in doc["checks"] if c["check"] == "cgroup /" + name), None)
        except (ValueError, KeyError):
            doc, row = None, None
        det = row["details"] if row else ""
        amount = re.search(r"up to (\d+) swapped", det)
        room = re.search(r"(\d+) of room under memory.limit_in_bytes", det)
        memsw_at = re.search(r"memory.memsw.usage_in_bytes \d+ is at memory.memsw.limit_in_bytes", det)
        memsw_under = re.search(r"memory.memsw.usage_in_bytes \d+ under memory.memsw.limit_in_bytes", det)
        want_fail = bool(memsw_at) or (amount and room and int(amount.group(1)) > int(room.group(1)))
        check(row is not None and amount and room and bool(memsw_at) != bool(memsw_under) and
              row["ok"] is (not want_fail) and (j.returncode == 1 or not want_fail),
              "%s: swap check names memory.memsw.usage_in_bytes, and ENOMEM exactly when at "
              "memory.memsw.limit_in_bytes or short of memory.limit_in_bytes room" % name,
              (j.returncode, j.stdout))
        print("# " + det)
        # Each swap-in charges memsw a page and then uncharges the swap
        # entry's: once one page of room exists (page cache reclaimed, a
        # per-cpu charge batch left over) the rest follow. Whether the
        # first finds one is not the kernel's promise (6.1 refused, 5.10
        # once went through): the record must say what happened.
        before = {x["seq"] for x in swapoff_records()}
        r = sh("swapoff", DEV, ok=False)
        new = [x for x in swapoff_records() if x["seq"] not in before]
        failed = r.returncode != 0
        print("# memsw: swapoff %s" % ("failed: " + r.stderr.strip() if failed else "succeeded"))
        check(len(new) == 1 and (not failed or "Cannot allocate memory" in r.stderr),
              "memsw: swapoff leaves one record (ENOMEM if it failed)", (r.returncode, r.stderr, new))
        rec = new[-1] if len(new) == 1 else None
    finally:
        stop(p, path)
    if rec:
        print("# record: %s" % rec["why"])
        if failed:
            check(rec["cause"] == "memcg" and rec["memcg"] == "/" + name and
                  "memory.memsw.limit_in_bytes" in rec["why"],
                  "memsw: the record names the group, swapoff-log its memsw limit", rec)
        else:
            check(rec["cause"] == "success",
                  "memsw: the record says the area was removed, as it was", rec)
    sh("swapoff", DEV, ok=False)


def test_nokill():
    name = "mdv1nk"
    swapon("512M")
    path = group(name, 64 * MIB)
    p, ready = hog(path)
    try:
        check(ready, "oom_kill_disable: a 120 MiB process runs under memory.limit_in_bytes=64M")
        write(path + "/memory.oom_control", 1)
        oom0 = kv(name, "memory.oom_control")
        details = predict(name, ["memory.limit_in_bytes",
                                 "oom_kill_disable 1: swapoff gets ENOMEM and nobody is killed"])
        check("oom_kill_disable 1" in details and oom0["oom_kill_disable"] == 1,
              "oom_kill_disable: the check says nobody will be killed", details)
        rec = attempt("oom_kill_disable")
        time.sleep(1)
        alive = p.poll() is None
        oom1 = kv(name, "memory.oom_control")
    finally:
        stop(p, path)
    check(alive and oom1.get("oom_kill") == oom0.get("oom_kill"),
          "oom_kill_disable: the process is still alive, nobody killed (memory.oom_control %s)"
          % oom1, (alive, oom0, oom1))
    if rec and " mem_cgroup_swapin_charge_folio\n" not in read("/proc/kallsyms"):
        # 5.10 charges swap-ins through mem_cgroup_charge(): no failure-only
        # hook, so without an OOM the module cannot tell a memcg did it.
        print("# record: %s" % rec["why"])
        print("# no mem_cgroup_swapin_charge_folio in this kernel: swap-in charge "
              "failures are not seen, the cause is nomem-other")
        check(rec["cause"] == "nomem-other" and not rec["victims"],
              "oom_kill_disable: the record has ENOMEM (nomem-other on this kernel) "
              "and no victim", rec)
    elif rec:
        # The module learns the group from its OOM (mem_cgroup_out_of_memory),
        # which oom_kill_disable=1 skips: the record cannot name it.
        print("# record: %s" % rec["why"])
        check(rec["cause"] == "memcg" and not rec["victims"] and
              rec["charge-failures"] >= 1 and "oom_kill_disable 1" in rec["why"] and
              "(gone)" not in rec["why"],
              "oom_kill_disable: the record has the refused charges and no victim, "
              "swapoff-log says why no group is named", rec)
    r = sh("swapoff", DEV, ok=False)
    check(r.returncode == 0, "oom_kill_disable: with the process gone swapoff succeeds",
          r.stderr)


def main():
    print("TAP version 13")
    try:
        swapon("512M")
        test_limit()
        test_nested()
        test_memsw()
        test_nokill()
    finally:
        sh("swapoff", DEV, ok=False)
    print("1..%d" % memdiag_genl.n_test)
    sys.exit(1 if memdiag_genl.failed else 0)


if __name__ == "__main__":
    main()
