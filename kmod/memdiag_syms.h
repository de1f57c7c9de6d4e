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

/* NULL members were not found; each user degrades on its own. */
struct memdiag_syms {
	/* mm/swapfile.c: struct swap_info_struct *swap_info[MAX_SWAPFILES] */
	struct swap_info_struct **swap_info;
	/* mm/swap_cgroup.c: struct swap_cgroup_ctrl swap_cgroup_ctrl[MAX_SWAPFILES] */
	struct memdiag_swap_cgroup_ctrl *swap_cgroup_ctrl;
	/* mm/util.c, mm/swapfile.c: what CommitLimit is computed from */
	int *overcommit_memory;		/* sysctl_overcommit_memory */
	int *overcommit_ratio;		/* sysctl_overcommit_ratio */
	unsigned long *overcommit_kbytes;	/* sysctl_overcommit_kbytes */
	long *total_swap_pages;		/* total_swap_pages */
	struct percpu_counter *vm_committed_as;	/* Committed_AS */
};

extern struct memdiag_syms memdiag_syms;

/* Resolve what the features need; each one reports what it misses. */
void memdiag_syms_init(void);
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

#endif /* _MEMDIAG_SYMS_H */
