#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""swapoff attempts as GET_SWAPOFF records them, against what the kernel
itself says: a zram device as the only swap; a successful swapoff; one
refused by the commit accounting check (overcommit mode 2); one that fails
because a memory cgroup cannot take its pages back (the OOM victim and
memory.events must match). KTAP lines on stdout; exit 0 if all passed."""
import os
import struct
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # the work tree is shared with the host
import memdiag_genl  # noqa: E402
from memdiag_genl import A, E, Genl, check, nla_parse, meminfo, sh, write  # noqa: E402

DEV = "/dev/zram0"
CTL = sys.argv[1] if len(sys.argv) > 1 else None
CG = "/sys/fs/cgroup/mdswap"


def swaps():
    """{path: (size_kb, used_kb)} from /proc/swaps."""
    out = {}
    for line in open("/proc/swaps").read().splitlines()[1:]:
        f = line.split()
        out[f[0]] = (int(f[2]), int(f[3]))
    return out


def records(nl):
    u32 = lambda p: struct.unpack("=I", p)[0]  # noqa: E731
    out = []
    for msg in nl.request(nl.family, E["MEMDIAG_CMD_GET_SWAPOFF"], dump=True):
        r = {"victims": []}
        for t, p in nla_parse(msg):
            name = next((k[len("MEMDIAG_A_SWAPOFF_"):].lower() for k, v in E.items()
                         if v == t and k.startswith("MEMDIAG_A_SWAPOFF_")
                         and "VICTIM_" not in k
                         and k != "MEMDIAG_A_SWAPOFF_MAX"), None)
            if t == A("SWAPOFF_VICTIM"):
                v = {}
                for vt, vp in nla_parse(p):
                    if vt == A("SWAPOFF_VICTIM_PID"):
                        v["pid"] = u32(vp)
                    elif vt == A("SWAPOFF_VICTIM_COMM"):
                        v["comm"] = vp.rstrip(b"\0").decode()
                r["victims"].append(v)
            elif t in (A("SWAPOFF_PATH"), A("SWAPOFF_COMM"), A("SWAPOFF_MEMCG_PATH")):
                r[name] = p.rstrip(b"\0").decode()
            elif t in (A("SWAPOFF_RESULT"), A("SWAPOFF_COMMIT_RESULT")):
                r[name] = struct.unpack("=i", p)[0]
            elif len(p) == 8:
                r[name] = struct.unpack("=Q", p)[0]
            elif len(p) == 4:
                r[name] = u32(p)
        out.append(r)
    return out


def last_record(nl, before):
    recs = [r for r in records(nl) if r["seq"] > before]
    return recs[-1] if len(recs) == 1 else None, recs


def predict(tag, want_ok, want_text):
    """memdiagctl swap check, asked before the attempt."""
    if not CTL:
        return
    r = sh(CTL, "swap", "check", DEV, ok=False)
    verdict = r.stdout.strip().splitlines()[-1] if r.stdout.strip() else ""
    check(r.returncode == (0 if want_ok else 1) and want_text in r.stdout,
          "%s: swap check predicted it (exit %d, '%s')"
          % (tag, 0 if want_ok else 1, want_text),
          (r.returncode, r.stdout[-500:], r.stderr))
    print("# " + verdict)


def cause(name):
    return E["MEMDIAG_SWAPOFF_CAUSE_" + name]


def swapon(size="256M"):
    sh("swapoff", DEV, ok=False)
    write("/sys/block/zram0/reset", 1)
    write("/sys/block/zram0/disksize", size)
    sh("mkswap", DEV)
    sh("swapon", DEV)


def seq_now(nl):
    recs = records(nl)
    return recs[-1]["seq"] if recs else 0


def test_success(nl):
    swapon()
    size_kb = swaps()[DEV][0]
    predict("success", True, "would succeed")
    s0 = seq_now(nl)
    r = sh("swapoff", DEV, ok=False)
    rec, recs = last_record(nl, s0)
    check(r.returncode == 0 and rec is not None,
          "a successful swapoff leaves one record", (r.returncode, recs))
    if not rec:
        return
    check(rec["cause"] == cause("SUCCESS") and rec["result"] == 0 and
          rec["path"] == DEV and rec["comm"] == "swapoff",
          "success: cause, result, path and comm", rec)
    check(rec.get("area_pages", 0) * 4 == size_kb and rec.get("commit_result") == 0,
          "success: the commit check asked for the area's size (/proc/swaps)",
          (rec.get("area_pages"), size_kb))
    check(rec["end_ns"] >= rec["start_ns"], "success: end after start", rec)


def test_commit(nl):
    swapon()
    size_kb = swaps()[DEV][0]
    mode = open("/proc/sys/vm/overcommit_memory").read().strip()
    ratio = open("/proc/sys/vm/overcommit_ratio").read().strip()
    s0 = seq_now(nl)
    try:
        # Ratio 0: CommitLimit is the swap alone, so it cannot be removed.
        write("/proc/sys/vm/overcommit_ratio", 0)
        write("/proc/sys/vm/overcommit_memory", 2)
        limit_kb = meminfo("CommitLimit")
        predict("commit", False, "commit")
        r = sh("swapoff", DEV, ok=False)
    finally:
        write("/proc/sys/vm/overcommit_memory", mode)
        write("/proc/sys/vm/overcommit_ratio", ratio)
    committed_kb = meminfo("Committed_AS")
    rec, recs = last_record(nl, s0)
    check(r.returncode != 0 and "Cannot allocate memory" in r.stderr and rec,
          "overcommit mode 2: swapoff fails with ENOMEM and leaves one record",
          (r.returncode, r.stderr, recs))
    if not rec:
        return
    check(rec["cause"] == cause("COMMIT") and rec["result"] == -12 and
          rec.get("commit_result") == -12,
          "commit: cause commit, result and check result -ENOMEM", rec)
    check(rec.get("area_pages", 0) * 4 == size_kb,
          "commit: the check asked for the area's size (/proc/swaps)",
          (rec.get("area_pages"), size_kb))
    got = rec.get("committed_pages", 0) * 4
    check(abs(got - committed_kb) <= max(committed_kb // 10, 4096),
          "commit: Committed_AS recorded agrees with /proc/meminfo",
          (got, committed_kb))
    # No check that Committed_AS + the area reaches CommitLimit: with
    # overcommit_ratio=0 CommitLimit is the area itself, so that holds for
    # any Committed_AS and could not fail.
    print("# CommitLimit %d kB (the area alone), area %d kB, Committed_AS "
          "recorded %d kB" % (limit_kb, size_kb, got))
    check(DEV in swaps(), "commit: the area is still active", swaps())


HOG = r"""
import os, sys, time
b = bytearray(%d << 20)
for i in range(0, len(b), 4096):
    b[i] = 1
print("ready", flush=True)
time.sleep(600)
"""


def test_memcg(nl):
    swapon("512M")
    if not os.path.exists(CG):
        os.mkdir(CG)
    ctl = open("/sys/fs/cgroup/cgroup.subtree_control").read()
    if "memory" not in ctl:
        write("/sys/fs/cgroup/cgroup.subtree_control", "+memory")
    write(CG + "/memory.max", 64 << 20)
    hog = subprocess.Popen(["python3", "-c", HOG % 160], stdout=subprocess.PIPE,
                           text=True, preexec_fn=lambda: write(CG + "/cgroup.procs", os.getpid()))
    try:
        line = hog.stdout.readline()
        check(line.strip() == "ready", "memcg: a 160 MiB process runs under memory.max=64M",
              line)
        # 16 MiB of room: swapoff brings some pages back (charged) before
        # one is refused. At the limit, even the first could be refused.
        write(CG + "/memory.max", 80 << 20)
        used_kb = swaps()[DEV][1]
        swap_cur = int(open(CG + "/memory.swap.current").read())
        kills0 = dict(l.split() for l in open(CG + "/memory.events"))["oom_kill"]
        predict("memcg", False, "cgroup /mdswap")
        s0 = seq_now(nl)
        r = sh("swapoff", DEV, ok=False)
        rec, recs = last_record(nl, s0)
        kills1 = dict(l.split() for l in open(CG + "/memory.events"))["oom_kill"]
    finally:
        hog.kill()
        hog.wait()
    print("# swap used %d kB, memory.swap.current %d; swapoff: %d %s" %
          (used_kb, swap_cur, r.returncode, r.stderr.strip()))
    check(r.returncode != 0 and "Cannot allocate memory" in r.stderr and rec,
          "memcg: swapoff fails with ENOMEM and leaves one record",
          (r.returncode, r.stderr, recs))
    if not rec:
        return
    check(rec["cause"] == cause("MEMCG") and rec["result"] == -12 and
          rec.get("commit_result") == 0,
          "memcg: cause memcg, the commit check passed", rec)
    check(rec.get("memcg_path") == "/mdswap" and rec.get("memcg_max") == 20480,
          "memcg: names the cgroup and its memory.max (80 MiB = 20480 pages)", rec)
    if " mem_cgroup_swapin_charge_folio\n" not in open("/proc/kallsyms").read():
        # 5.10 charges swap-ins through mem_cgroup_charge(), every page
        # charge: no failure-only hook, the swapoff feature is degraded.
        memdiag_genl.n_test += 1
        print("ok %d memcg: swap-ins charged, then one refused # SKIP no "
              "mem_cgroup_swapin_charge_folio in this kernel: swap-in charges are not seen" %
              memdiag_genl.n_test)
    else:
        check(rec.get("charge_failures", 0) >= 1 and rec.get("swapped_in", 0) >= 1 and
              rec["swapped_in"] <= rec["area_pages"] - rec["swap_free_start"],
              "memcg: swap-ins charged (no more than were in use), then one refused", rec)
    pids = [v["pid"] for v in rec["victims"]]
    chosen = len(pids) + rec.get("victims_dropped", 0)
    # Every victim oom_kill_process() is handed is in the record (up to 4,
    # then counted in victims-dropped); memory.events counts only those it
    # then kills: one already exiting (task_will_free_mem()) is reaped, not
    # killed again. So at least one kill, and no more than were chosen.
    check(hog.pid in pids and 1 <= int(kills1) - int(kills0) <= chosen,
          "memcg: the OOM victims are the hog, no fewer than memory.events oom_kill counted",
          (pids, hog.pid, kills0, kills1, rec.get("victims_dropped")))
    r = sh("swapoff", DEV, ok=False)
    check(r.returncode == 0, "memcg: with the hog gone swapoff succeeds", r.stderr)


def test_ctl(nl, ctl):
    """memdiagctl swapoff-log shows the records; only to admins."""
    import json
    recs = records(nl)
    r = sh(ctl, "swapoff-log", "--json", ok=False)
    ok = r.returncode == 0
    if ok:
        d = json.loads(r.stdout)["swapoff"]
        names = {cause(n): n.lower().replace("_", "-")
                 for n in ("SUCCESS", "REFUSED", "COMMIT", "MEMCG",
                           "NOMEM_OTHER", "SIGNAL", "OOM_VICTIM")}
        ok = [(x["seq"], x["cause"], x["device"]) for x in d] == \
            [(x["seq"], names[x["cause"]], x["path"]) for x in recs]
        memcg = [x for x in d if x["cause"] == "memcg"]
        ok = ok and memcg and memcg[-1]["memcg"] == "/mdswap" and \
            "/mdswap" in memcg[-1]["why"] and memcg[-1]["victims"]
    check(ok, "memdiagctl swapoff-log --json lists every record with its cause",
          (r.returncode, r.stdout[:400], r.stderr))
    r = sh(ctl, "swapoff-log", ok=False)
    check(r.returncode == 0 and "commit accounting" in r.stdout and
          "memory cgroup /mdswap" in r.stdout,
          "memdiagctl swapoff-log explains the causes in words", r.stdout[-600:])
    r = sh("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
           "--inh-caps=-all", ctl, "swapoff-log", ok=False)
    check(r.returncode == 4, "memdiagctl swapoff-log as nobody: permission denied (exit 4)",
          (r.returncode, r.stderr))


def test_ntf(nl, listener, first_seq):
    """Every attempt made since first_seq came to the events group too."""
    ntf = [dict(nla_parse(p)) for cmd, p in listener.notifications()
           if cmd == E["MEMDIAG_CMD_SWAPOFF_NTF"]]
    got = [struct.unpack("=Q", n[A("SWAPOFF_SEQ")])[0] for n in ntf]
    want = [r["seq"] for r in records(nl) if r["seq"] > first_seq]
    check(got == want and want,
          "the events group carried every attempt (SWAPOFF_NTF)",
          (got, want, "overruns", listener.overruns))


def main():
    print("TAP version 13")
    nl = Genl()
    listener = Genl()
    listener.join("events")
    first_seq = seq_now(nl)
    try:
        test_success(nl)
        test_commit(nl)
        test_memcg(nl)
        test_ntf(nl, listener, first_seq)
        if len(sys.argv) > 1:
            test_ctl(nl, sys.argv[1])
    finally:
        sh("swapoff", DEV, ok=False)
        if os.path.exists(CG):
            for _ in range(50):
                try:
                    os.rmdir(CG)
                    break
                except OSError:
                    time.sleep(0.1)
    print("1..%d" % memdiag_genl.n_test)
    sys.exit(1 if memdiag_genl.failed else 0)


if __name__ == "__main__":
    main()
