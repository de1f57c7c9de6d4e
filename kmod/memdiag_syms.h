/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - the kernel's private data memdiag reads. Every symbol that is
 * not exported is resolved in memdiag_syms.c and nowhere else; only data is
 * resolved, never a function to call (see docs/design/swap.md, section 0).
 */
#ifndef _MEMDIAG_SYMS_H
#define _MEMDIAG_SYMS_H

#include <linux/mm_types.h>
#include <linux/spinlock.h>
#include <linux/swap.h>

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

struct memdiag_syms {
	/* mm/swapfile.c: struct swap_info_struct *swap_info[MAX_SWAPFILES] */
	struct swap_info_struct **swap_info;
	/* mm/swap_cgroup.c: struct swap_cgroup_ctrl swap_cgroup_ctrl[MAX_SWAPFILES] */
	struct memdiag_swap_cgroup_ctrl *swap_cgroup_ctrl;
};

extern struct memdiag_syms memdiag_syms;

/* Resolve what the features need; each one reports what it misses. */
void memdiag_syms_init(void);

#endif /* _MEMDIAG_SYMS_H */
