/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - the kernel's show_mem() report ("Mem-Info:" and what follows)
 * read back from a log (showmem.c), for every layout since 2.5: the global
 * counters, each zone's line (free, min, low, high, managed, ...), its
 * lowmem_reserve[], its buddy line (free blocks per order and migratetype
 * letters), hugepages, swap, "N pages RAM", "Unreclaimable slab info". Page
 * allocation failures and OOM reports both carry one.
 *
 * Every value is -1 when it was not read (absent, cut off, garbled): nothing
 * downstream may make a verdict from it.
 */
#ifndef MEMDIAGCTL_SHOWMEM_H
#define MEMDIAGCTL_SHOWMEM_H

#include <stdbool.h>
#include <stddef.h>

#include "klog.h"
#include "proto.h"

#define MD_SM_ORDERS 16		/* buddy orders kept (MAX_PAGE_ORDER < 16) */

/* What a zone's lines say beyond md_showmem.zones[] (same index). */
struct md_sm_zone {
	long long present_pages;	/* "present:" in kB / page size, -1 */
	long long free_cma;		/* the zone's "free_cma:", pages, -1 */
	char types[MD_SM_ORDERS][8];	/* migratetype letters per order ("UME") */
	bool have_buddy;		/* the buddy line was read whole ("empty" too) */
};

struct md_slab_top {
	char *name;
	long long used_kb, total_kb;
};

struct md_showmem {
	size_t first, last;		/* klog line indices read */
	/*
	 * Page size in kB: the first block size of a buddy line ("4kB",
	 * "16kB", "64kB"), else global free (pages) against the zones' free
	 * kB, else 4 (said in problems).
	 */
	long long page_kb;
	/* The global summary line(s), in pages. */
	long long active_anon, inactive_anon, isolated_anon;
	long long active_file, inactive_file, isolated_file;
	long long unevictable, dirty, writeback, shmem, mapped;
	long long slab_reclaimable, slab_unreclaimable, pagetables;
	long long slab;			/* old kernels' total "slab:" */
	long long free, free_pcp, free_cma, bounce, sec_pagetables;
	/* The end of the report. */
	long long pagecache_pages;	/* "N total pagecache pages" */
	long long swapcache_pages;	/* "N pages in swap cache" */
	long long swap_free_kb, swap_total_kb;	/* "Free swap  = NkB" */
	long long ram_pages, reserved_pages, highmem_pages, cma_reserved_pages;
	/* summed over nodes, for the size with the largest total (the first on ties) */
	long long hugepages_total, hugepages_free, hugepage_kb;
	/*
	 * Each zone's name, node, free, min, low, high, managed, free_cma
	 * (also in zx), lowmem_reserve and free_blocks in pages, in the same form as a live
	 * record's zone snapshot, with the present bits (MEMDIAG_A_ZONE_SNAP_*)
	 * of what was read, so that one verdict function reads both
	 * (zoneverdict.h). The kernel prints kB: divided by page_kb.
	 * zone is the zone's rank among its node's printed zones (the kernel's
	 * index is not printed; MEMDIAG_A_ZONE_SNAP_ZONE stays clear); node is
	 * 0 when no "Node N" was printed. free_blocks holds the orders read
	 * even when the line was cut (FREE_BLOCKS bit clear then); a count
	 * that wrapped below zero is UINT64_MAX with the bit clear.
	 */
	struct md_zone_snap *zones;
	struct md_sm_zone *zx;		/* the rest, same index */
	size_t nr_zones;
	struct md_slab_top *slabs;	/* "Unreclaimable slab info", largest used first, <= 64 */
	size_t nr_slabs;
	/*
	 * What could not be read or was implausible, sentences joined by
	 * "; " ("buddy line of Normal (node 0) cut off after order 5"),
	 * NULL if nothing.
	 */
	char *problems;
};

/*
 * Read the show_mem() report that starts at line @i (the "Mem-Info:" line,
 * or the first line of one without it, as 2.6.10's), following
 * md_klog_next() from @i, until its end or a line that cannot belong to it.
 * 0 (and @m filled) or -ENOENT if @i does not start one, or -ENOMEM.
 */
int md_showmem_parse(const struct md_klog *log, size_t i,
		     struct md_showmem *m);
void md_showmem_free(struct md_showmem *m);

#endif /* MEMDIAGCTL_SHOWMEM_H */
