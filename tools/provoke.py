#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Provoke real allocation failures from user space, for the demo.

  provoke.py fragment MiB   take MiB of anonymous memory in 4 KiB pages, give
                            back every other page, hold the rest until
                            killed: free memory is then all holes
  provoke.py thp MiB        fault in MiB with transparent huge pages; each
                            huge page the kernel cannot find falls back to
                            4 KiB pages after a silent (NOWARN) order-9
                            allocation failure
  provoke.py vmalloc        ask the kernel (bpf array map) for more vmalloc
                            space than the machine has RAM
"""
import ctypes
import mmap
import os
import signal
import sys

PAGE = mmap.PAGESIZE
MB = 1 << 20


def fragment(mib):
    size = mib * MB
    m = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    m.madvise(mmap.MADV_NOHUGEPAGE)
    for off in range(0, size, PAGE):
        m[off] = 1
    for off in range(0, size, 2 * PAGE):
        m.madvise(mmap.MADV_DONTNEED, off, PAGE)
    print(f"fragmented {mib} MiB: every other 4 KiB page given back", flush=True)
    signal.pause()


def thp(mib):
    size = mib * MB
    m = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    m.madvise(mmap.MADV_HUGEPAGE)
    for off in range(0, size, PAGE):
        m[off] = 1
    print(f"touched {mib} MiB with MADV_HUGEPAGE", flush=True)


def bpf_vmalloc():
    # union bpf_attr for BPF_MAP_CREATE: map_type, key_size, value_size,
    # max_entries, then zeros. An array map of 4 KiB values, 1 Mi entries:
    # 4 GiB, more than the guest's RAM: vmalloc refuses it.
    libc = ctypes.CDLL(None, use_errno=True)
    attr = (ctypes.c_uint32 * 32)()
    attr[0] = 2            # BPF_MAP_TYPE_ARRAY
    attr[1] = 4            # key_size
    attr[2] = 4096         # value_size
    attr[3] = 1 << 20      # max_entries
    fd = libc.syscall(321, 0, ctypes.byref(attr), ctypes.sizeof(attr))
    err = ctypes.get_errno()
    if fd >= 0:
        os.close(fd)
        print("bpf map creation unexpectedly succeeded")
    else:
        print(f"bpf(BPF_MAP_CREATE, 4 GiB array) failed: {os.strerror(err)}")


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "fragment":
        fragment(int(sys.argv[2]))
    elif what == "thp":
        thp(int(sys.argv[2]))
    elif what == "vmalloc":
        bpf_vmalloc()
    else:
        sys.exit(__doc__)
