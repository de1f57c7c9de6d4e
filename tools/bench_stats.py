#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench's statistics and report (runs in the guest, tools/bench-guest.sh).

Every figure is the median of per-round values (a ratio or a difference
taken within one round, so that the emulator's slow drift cancels), with a
distribution-free 95 % confidence interval of that median: with n rounds
sorted, [r_(k), r_(n+1-k)] for the largest k with P(Bin(n, 1/2) < k) <= 0.025
(n = 11: k = 2; n = 21: k = 6). It holds whatever the distribution of the
rounds, as long as they are independent and alike. Fewer than 6 rounds give
no interval.

  bench_stats.py report [--clock wall|instructions] [--alloc ALLOC_TSV]
                        KERNEL FAIL_TSV MMAP_TSV [ZONES_TEXT]
FAIL_TSV: per round "none btc btk mdc mdr mdr0 alloc_unloaded alloc_loaded"
(ns per failure or per alloc+free; "nan" where not measured), MMAP_TSV:
"unloaded loaded pages limits" (ns per mmap+munmap pair), ALLOC_TSV:
"alloc_unloaded alloc_loaded" from rounds of (a) alone; any may be empty.
--clock instructions: the guest ran under QEMU -icount shift=0, where a
guest nanosecond is one executed instruction (tools/bench.sh's second
guest): the figures are then instruction counts, which the host's load
does not change.
"""
import math
import statistics
import sys


def ci_rank(n, alpha=0.05):
    """The largest k with P(Bin(n, 1/2) < k) <= alpha / 2, and the interval's
    coverage 1 - 2 P(Bin(n, 1/2) < k); k = 0 if there is none."""
    k, below = 0, 0.0
    while k < n:
        p = below + math.comb(n, k) / 2 ** n     # P(Bin < k + 1)
        if p > alpha / 2:
            break
        below, k = p, k + 1
    return k, 1 - 2 * below


def median_ci(values):
    """(median, low, high, n) of the finite values; low/high None if n < 6."""
    v = sorted(x for x in values if not math.isnan(x))
    n = len(v)
    if not n:
        return None
    k, _ = ci_rank(n)
    if k == 0:
        return statistics.median(v), None, None, n
    return statistics.median(v), v[k - 1], v[n - k], n


def fmt_ci(values, fmt="%.4f", unit=""):
    """'MEDIAN  [LOW, HIGH] n=N' (the interval of the median, 95 %)."""
    m = median_ci(values)
    if m is None:
        return "not measured"
    med, lo, hi, n = m
    s = (fmt % med) + unit
    if lo is None:
        # Too few rounds for a 95 % interval: the rounds' range, so named.
        v = [x for x in values if not math.isnan(x)]
        return s + "  (range " + fmt % min(v) + ".." + fmt % max(v) + ") n=%d" % n
    return s + "  [" + fmt % lo + ", " + fmt % hi + "] n=%d" % n


def ratio(a, b):
    return a / b if b else math.nan


def read_tsv(path, ncols):
    rows = []
    with open(path) as f:
        for line in f:
            p = line.split()
            if len(p) == ncols:
                rows.append([float(x) for x in p])
    return rows


def line(label, values, fmt="%.4f", unit="", note=""):
    """One figure: its label, the median, its interval and n, a note."""
    print("  %-50s %s%s" % (label, fmt_ci(values, fmt, unit),
                           "  (" + note + ")" if note else ""))


def report(kernel, fail_path, mmap_path, zones_text="", clock="wall",
           alloc_path=None):
    fail = read_tsv(fail_path, 8)
    mmap = read_tsv(mmap_path, 4)
    alloc = read_tsv(alloc_path, 2) if alloc_path else []
    nr = max(len(fail), len(mmap), len(alloc))
    k, cover = ci_rank(nr)
    icount = clock == "instructions"
    ns = " insn" if icount else " ns"
    unit = "instructions" if icount else "ns"
    print("memdiag benchmark on %s (QEMU TCG guest%s, one boot, %d interleaved rounds)"
          % (kernel, ", -icount shift=0: 1 ns = 1 instruction" if icount else "", nr))
    print("  Each figure is the median of its per-round values (ratios and differences")
    print("  are taken within a round), then [its 95 % interval] and the rounds n:")
    if k:
        print("  the sorted rounds' r_(%d)..r_(%d), binomial, distribution-free"
              " (coverage %.1f %%)." % (k, nr + 1 - k, cover * 100))
    else:
        print("  fewer than 6 rounds give no interval: the rounds' range instead.")
    med = lambda x: statistics.median([v for v in x if not math.isnan(v)] or [math.nan])  # noqa: E731
    if fail:
        none, btc, btk, mdc, mdr, mdr0, aun, ald = ([r[i] for r in fail] for i in range(8))
        if not alloc:   # else (a) from its own rounds, below
            print("  order-0 alloc+free, fast path: unloaded %.1f %s, loaded %.1f %s"
                  % (med(aun), unit, med(ald), unit))
            line("(a) fast-path throughput loaded / unloaded:",
                 [ratio(u, a) for u, a in zip(aun, ald)],
                 note="goal >= 0.998, interval above 0.99; nothing of memdiag runs on this path")
        print("  (b) an order-9 failure (the helper's \"fail N 9\": one warn_alloc()"
              " call each), per failure:")
        line("  nothing attached:", none, "%.0f", ns)
        extra = lambda x: [a - b for a, b in zip(x, none)]   # noqa: E731
        for label, x in (
                ("  + bpftrace kprobe @[arg3] = count():", btc),
                ("  + bpftrace kprobe @[kstack(16)] = count():", btk),
                ("  + memdiag counting only (rate_limit=0):", mdc),
                ("  + memdiag recording every failure:", mdr),
                ("  + memdiag recording, stack_depth=0:", mdr0)):
            line(label, extra(x), "%+.0f", ns)
        line("  memdiag counting / bpftrace count (extra):",
             [ratio(a, b) for a, b in zip(extra(mdc), extra(btc))], "%.2f",
             note="keep < 1")
        line("  memdiag record / bpftrace kstack(16) (extra):",
             [ratio(a, b) for a, b in zip(extra(mdr), extra(btk))], "%.2f",
             note="goal <= 1")
        line("  recorded failure / bare failure:",
             [ratio(a, b) for a, b in zip(mdr, none)], "x%.2f")
        line("  counted-only failure / bare failure:",
             [ratio(a, b) for a, b in zip(mdc, none)], "x%.2f")
        line("  a record's 16-frame stack (depth 16 - 0):",
             [a - b for a, b in zip(mdr, mdr0)], "%+.0f", ns)
        line("  the rest of a record (depth 0 - counting):",
             [a - b for a, b in zip(mdr0, mdc)], "%+.0f", ns)
    if alloc:
        aun, ald = ([r[i] for r in alloc] for i in range(2))
        print("  order-0 alloc+free, fast path: unloaded %.1f %s, loaded %.1f %s"
              % (med(aun), unit, med(ald), unit))
        line("(a) fast-path throughput loaded / unloaded:",
             [ratio(u, a) for u, a in zip(aun, ald)],
             note="goal >= 0.998, interval above 0.99; nothing of memdiag runs on this path")
    if mmap:
        un, ld, pg, lp = ([r[i] for r in mmap] for i in range(4))
        print("  mmap+munmap of 1 MiB (commit accounting success path): unloaded %.0f %s,"
              " loaded %.0f, commit_pages=1 %.0f, limit_probes=1 %.0f"
              % (med(un), unit, med(ld), med(pg), med(lp)))
        line("(d) mmap/munmap throughput loaded / unloaded:",
             [ratio(u, a) for u, a in zip(un, ld)],
             note="goal >= 0.998, interval above 0.99")
        line("    the same with commit_pages=1:",
             [ratio(u, a) for u, a in zip(un, pg)],
             note="the opt-in probe on every commit check")
        line("(e) the same with limit_probes=1:",
             [ratio(u, a) for u, a in zip(un, lp)],
             note="kretprobes on mmap and munmap")
    if zones_text:
        print(zones_text.rstrip("\n"))


def main():
    args = sys.argv[1:]
    if not args or args[0] != "report":
        print(__doc__, file=sys.stderr)
        return 2
    args = args[1:]
    opts = {"--clock": "wall", "--alloc": None}
    while args and args[0] in opts:
        if len(args) < 2:
            print("bench_stats: %s needs a value" % args[0], file=sys.stderr)
            return 2
        opts[args[0]] = args[1]
        args = args[2:]
    if opts["--clock"] not in ("wall", "instructions") or len(args) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    report(args[0], args[1], args[2], args[3] if len(args) > 3 else "",
           opts["--clock"], opts["--alloc"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
