#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A process that grows to just under one of its address-space limits,
waits, then maps on until the kernel refuses (limits.sh).
  limits_helper.py as|data|maps
  as    PROT_NONE mappings until VmSize is 95 % of RLIMIT_AS (ulimit -v)
  data  private writable MAP_NORESERVE mappings until VmData is 95 % of
        RLIMIT_DATA (ulimit -d); never touched, so they cost no memory
  maps  one-page mappings, their protections alternating so that no two
        neighbours merge, until the mappings are 95 % of vm.max_map_count
Prints "ready", waits for a line on stdin, then maps (the rest of the
headroom and one page more; or page after page) until a mmap fails and
prints "failed ERRNO-NAME MAPPINGS", or "mapped" if none did."""
import ctypes
import errno
import os
import resource
import sys

PAGE = os.sysconf("SC_PAGE_SIZE")
# asm-generic values: the same on x86_64 and arm64
PROT_NONE, PROT_READ, PROT_WRITE = 0, 1, 2
MAP_PRIVATE, MAP_ANONYMOUS, MAP_NORESERVE = 0x02, 0x20, 0x4000
MAP_FAILED = ctypes.c_void_p(-1).value

libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int,
                      ctypes.c_int, ctypes.c_int, ctypes.c_long]
libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]


def mmap(size, prot, flags=0):
    """0 or the errno of mmap(NULL, size, prot, private anonymous | flags)."""
    p = libc.mmap(None, size, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0)
    return ctypes.get_errno() if p in (None, MAP_FAILED) else 0


def status_kb(key):
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def mappings():
    """map_count: the VMAs of /proc/self/maps but the [vsyscall] gate."""
    return sum(1 for line in open("/proc/self/maps")
               if not line.rstrip().endswith("[vsyscall]"))


def grow(key, limit, prot, flags):
    """Map until status field key (kB) is 95 % of limit (bytes)."""
    want = limit // 1024 * 95 // 100
    have = status_kb(key)
    if have >= want:
        sys.exit("%s %d kB is already above 95 %% of %d kB" % (key, have, limit // 1024))
    e = mmap((want - have) * 1024 // PAGE * PAGE, prot, flags)
    if e:
        sys.exit("mmap of %d kB: %s" % (want - have, errno.errorcode[e]))


def main():
    mode = sys.argv[1]
    if mode == "as":
        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
        grow("VmSize", limit, PROT_NONE, 0)
    elif mode == "data":
        limit = resource.getrlimit(resource.RLIMIT_DATA)[0]
        grow("VmData", limit, PROT_READ | PROT_WRITE, MAP_NORESERVE)
    else:
        limit = int(open("/proc/sys/vm/max_map_count").read())
        prot, want = PROT_READ, limit * 95 // 100
        # Counted again after each batch: one that merged anyway is redone.
        for _ in range(10):
            have = mappings()
            if have >= want:
                break
            for _ in range(want - have):
                e = mmap(PAGE, prot)
                if e:
                    sys.exit("mmap at %d mappings: %s" % (mappings(), errno.errorcode[e]))
                prot ^= PROT_READ
    print("ready", flush=True)
    sys.stdin.readline()

    if mode in ("as", "data"):
        key = "VmSize" if mode == "as" else "VmData"
        rest = limit - status_kb(key) * 1024
        prot = PROT_NONE if mode == "as" else PROT_READ | PROT_WRITE
        e = mmap((rest // PAGE + 1) * PAGE, prot, MAP_NORESERVE if mode == "data" else 0)
    else:
        # At vm.max_map_count Python itself cannot map a new arena: keep
        # the last pages mapped, and unmap them before printing (each is a
        # mapping of its own), then count them back in.
        keep = (ctypes.c_void_p * 16)()
        prot, e, n = PROT_READ, 0, 0
        for _ in range(2 * limit):
            p = libc.mmap(None, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            if p in (None, MAP_FAILED):
                e = ctypes.get_errno()
                break
            keep[n % len(keep)] = p
            n += 1
            prot ^= PROT_READ
        freed = 0
        for i in range(min(n, len(keep))):
            freed += libc.munmap(ctypes.c_void_p(keep[i]), PAGE) == 0
        if e:
            print("failed %s %d" % (errno.errorcode[e], mappings() + freed),
                  flush=True)
        else:
            print("mapped", flush=True)
        return
    if e:
        print("failed %s %d" % (errno.errorcode[e], mappings()), flush=True)
    else:
        print("mapped", flush=True)


main()
