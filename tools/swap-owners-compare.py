#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
# The old and the new memdiagctl swap on the same still system
# (swap_owners_check.py's setup: two zram areas, fork sharing, 70 children
# sharing, a tmpfs file in swap); their outputs must be identical.
# JSON is compared without processes-vanished, printed apart: the old split
# counted kernel threads there where pagemap refuses them (docs/bench-swap.md).
# Usage (in a guest, from a release build copy): python3 tools/swap-owners-compare.py OLD-MEMDIAGCTL NEW-MEMDIAGCTL MEMDIAG.KO
import difflib
import json
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(top, "selftests/memdiag"))


def norm(out):
    """JSON output without processes-vanished, and that count apart."""
    try:
        d = json.loads(out)
    except ValueError:
        return out, None
    v = d.pop("processes-vanished", None)
    return json.dumps(d, sort_keys=True), v


def run(ctl, *a):
    t = time.perf_counter()
    r = subprocess.run([ctl] + list(a), capture_output=True, text=True)
    return r.returncode, r.stdout, r.stderr, time.perf_counter() - t


def main():
    old, new, ko = sys.argv[1:4]
    if not os.path.exists("/sys/module/memdiag"):
        subprocess.run(["insmod", ko], check=True)
    subprocess.run(["modprobe", "zram", "num_devices=2"], check=True)
    import swap_owners_check as so
    so.setup()
    time.sleep(3)
    ok = True
    for args in (["--json", "swap"], ["swap"], ["--json", "swap", "/dev/zram1"],
                 ["swap", "owners", "/dev/zram0", "-o", "device,used,refs,mapped,unmapped"],
                 ["--bytes", "swap"]):
        for attempt in range(4):
            a = run(old, *args); b = run(new, *args); c = run(old, *args)
            if norm(a[1]) == norm(c[1]) and a[0] == c[0]:
                break
        same = norm(a[1])[0] == norm(b[1])[0] and a[0] == b[0] and a[2] == b[2]
        if norm(a[1])[1] is not None:
            print("  processes-vanished: old %s, new %s" % (norm(a[1])[1], norm(b[1])[1]))
        ok = ok and same
        print("%s %s: old exit %d, new exit %d, %d bytes of output; old %.3f s new %.3f s"
              % ("SAME" if same else "DIFFERENT", " ".join(args), a[0], b[0], len(a[1]), a[3], b[3]))
        if args == ["--json", "swap"]:
            d = json.loads(b[1])
            print("  processes %d (with shared entries %d), areas %s"
                  % (len(d["processes"]), sum(1 for p in d["processes"] if p["shared"]),
                     [(x["device"], x["used"], x["mapped"], x["mapped-refs"]) for x in d["areas"]]))
        if not same:
            sys.stdout.writelines(list(difflib.unified_diff(a[1].splitlines(True), b[1].splitlines(True)))[:40])
            print(a[2], b[2])
    so.cleanup()
    for d in so.DEVS:
        subprocess.run(["swapoff", d])
    print("COMPARE", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
