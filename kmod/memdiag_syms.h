/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - the kernel's private data memdiag reads. Every symbol that is
 * not exported is resolved in memdiag_syms.c and nowhere else; only data is
 * resolved, never a function to call (see docs/design/swap.md, section 0).
 */
#ifndef _MEMDIAG_SYMS_H
#define _MEMDIAG_SYMS_H

#include <linux/mm_types.h>
#include <linux/percpu_counter.h>
#include <linux/spinlock.h>
#include <linux/swap.h>
#include <linux/types.h>

/*
 * A copy of mm/swap_cgroup.c's private struct swap_cgroup_ctrl: the same
 * in 6.1 and 6.12 (a page array of unsigned short memcg ids, one per
 * slot). memdiag_syms.c checks its size against the areas it describes.
 */
struct memdiag_swap_cgroup_ctrl {
	struct page **map;
	unsigned long length;
	spinlock_t lock;		/* theirs; never taken here */
};

#define MEMDIAG_SC_PER_PAGE	(PAGE_SIZE / sizeof(unsigned short))

/*
 * Slots per swap cluster: SWAPFILE_CLUSTER, private to mm/swapfile.c
 * (5.10, 6.1, 6.12) and mm/swap.h (7.2), the same definition in all four.
 * 7.2: checked at load through the size of struct swap_table in BTF.
 * swap_map kernels: no structure carries it; memdiag_swap_map.c checks
 * what each cluster says against it during the scan (a count above it, or
 * a full cluster whose count is not it, makes the scan walk every slot).
 */
#ifdef CONFIG_THP_SWAP
#define MEMDIAG_SWAPFILE_CLUSTER	HPAGE_PMD_NR
#else
#define MEMDIAG_SWAPFILE_CLUSTER	256
#endif

#ifdef MEMDIAG_HAVE_SWAP_TABLE
/*
 * A copy of the swap table's private layout, read in linux-source-7.2
 * (7.2.13): mm/swap.h (struct swap_cluster_info, SWAPFILE_CLUSTER,
 * SWAP_CACHE_PFN_BITS, SWAP_TABLE_HAS_ZEROFLAG) and mm/swap_table.h (the
 * entry bits). The headers package ships neither, so memdiag_syms.c checks
 * the structure sizes and the offsets of the fields read here against the
 * running kernel's BTF at load.
 */

#if defined(MAX_POSSIBLE_PHYSMEM_BITS)
#define MEMDIAG_SWAP_PFN_BITS	(MAX_POSSIBLE_PHYSMEM_BITS - PAGE_SHIFT)
#elif defined(MAX_PHYSMEM_BITS)
#define MEMDIAG_SWAP_PFN_BITS	(MAX_PHYSMEM_BITS - PAGE_SHIFT)
#else
#define MEMDIAG_SWAP_PFN_BITS	(BITS_PER_LONG - PAGE_SHIFT)
#endif
#define MEMDIAG_SWAP_PFN_MARK_BITS	2
#define MEMDIAG_SWAP_COUNT_MIN_BITS	2
#define MEMDIAG_SWAP_TABLE_HAS_ZEROFLAG \
	((BITS_PER_LONG - MEMDIAG_SWAP_PFN_MARK_BITS - MEMDIAG_SWAP_PFN_BITS) > \
	 MEMDIAG_SWAP_COUNT_MIN_BITS)

/* Entry layout (mm/swap_table.h): NULL free, ...1 shadow, ..10 PFN. */
#define MEMDIAG_SWP_TB_PFN_MARK		0x2UL
#define MEMDIAG_SWP_TB_PFN_MARK_MASK	0x3UL
#define MEMDIAG_SWP_TB_SHADOW_MARK	0x1UL
#define MEMDIAG_SWP_TB_BAD		((~0UL) << 3)
#define MEMDIAG_SWP_TB_FLAGS_BITS \
	min(5, BITS_PER_LONG - (MEMDIAG_SWAP_PFN_BITS + MEMDIAG_SWAP_PFN_MARK_BITS))
#define MEMDIAG_SWP_TB_COUNT_BITS \
	(MEMDIAG_SWP_TB_FLAGS_BITS - MEMDIAG_SWAP_TABLE_HAS_ZEROFLAG)
#define MEMDIAG_SWP_TB_COUNT_SHIFT	(BITS_PER_LONG - MEMDIAG_SWP_TB_COUNT_BITS)
#define MEMDIAG_SWP_TB_COUNT_MAX	((1 << MEMDIAG_SWP_TB_COUNT_BITS) - 1)

/* mm/swap.h: struct swap_cluster_info */
struct memdiag_swap_cluster_info {
	spinlock_t lock;		/* taken around every read of the tables */
	u16 count;			/* slots in use (bad ones included) */
	u8 flags;
	u8 order;
	atomic_long_t __rcu *table;	/* MEMDIAG_SWAPFILE_CLUSTER entries */
	unsigned int *extend_table;	/* counts from SWP_TB_COUNT_MAX on */
#ifdef CONFIG_MEMCG
	unsigned short *memcg_table;	/* struct swap_memcg_table: the owners */
#endif
#if !MEMDIAG_SWAP_TABLE_HAS_ZEROFLAG
	unsigned long *zero_bitmap;
#endif
	struct list_head list;
};
#endif /* MEMDIAG_HAVE_SWAP_TABLE */

/* NULL members were not found; each user degrades on its own. */
struct memdiag_syms {
	/* mm/swapfile.c: struct swap_info_struct *swap_info[MAX_SWAPFILES] */
	struct swap_info_struct **swap_info;
	/* mm/swap_cgroup.c: struct swap_cgroup_ctrl swap_cgroup_ctrl[MAX_SWAPFILES] */
	struct memdiag_swap_cgroup_ctrl *swap_cgroup_ctrl;
	/* mm/page_alloc.c: read by gfp_migratetype(), never exported */
	int *page_group_by_mobility_disabled;
	/* mm/util.c, mm/swapfile.c: what CommitLimit is computed from */
	int *overcommit_memory;		/* sysctl_overcommit_memory */
	int *overcommit_ratio;		/* sysctl_overcommit_ratio */
	unsigned long *overcommit_kbytes;	/* sysctl_overcommit_kbytes */
	long *total_swap_pages;		/* total_swap_pages */
	struct percpu_counter *vm_committed_as;	/* Committed_AS */
	/* mm/util.c: vm.max_map_count (private to mm/ from 7.x on) */
	int *max_map_count;
};

extern struct memdiag_syms memdiag_syms;

/* Resolve what the features need; each one reports what it misses. */
void memdiag_syms_init(void);
/*
 * Why data symbols could not be located ("" when they were, or when
 * kallsyms gave them), for the features' reasons.
 */
const char *memdiag_syms_why(void);
/* "System.map" when the data addresses came from it, else "kallsyms". */
const char *memdiag_syms_source(void);

/*
 * memdiag_sysmap.c, for memdiag_syms.c only: the running kernel's
 * System.map, checked against it (0, or -errno with the reason in @why);
 * the address of data symbol @name in it (NULL if absent or outside the
 * image's data and bss); the file used; freeing it.
 */
int memdiag_sysmap_open(char *why, size_t len);
void *memdiag_sysmap_data(const char *name);
const char *memdiag_sysmap_path(void);
void memdiag_sysmap_close(void);
/* How many of the commit symbols were resolved, of MEMDIAG_SYMS_NR. */
unsigned int memdiag_syms_found(void);
#define MEMDIAG_SYMS_NR	5

/*
 * Committed_AS in pages as __vm_enough_memory() compares it
 * (percpu_counter_read_positive(), approximate): lock-free, for probe
 * handlers, where vm_memory_committed() and its counter lock may not be
 * taken. 0 if vm_committed_as was not found.
 */
unsigned long memdiag_committed_pages(void);

/*
 * gfp_migratetype() without its non-exported page_group_by_mobility_disabled
 * (a module using it fails modpost where CONFIG_CMA is on): the kernel's
 * value when it was found, else grouping on (the kernel turns it off only
 * with less than pageblock_nr_pages * MIGRATE_TYPES pages of RAM).
 */
int memdiag_gfp_migratetype(gfp_t gfp);

#endif /* _MEMDIAG_SYMS_H */
