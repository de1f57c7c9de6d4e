/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - the kernel's private data memdiag reads (never calls), resolved
 * in one place (memdiag_syms.c).
 */
#ifndef _MEMDIAG_SYMS_H
#define _MEMDIAG_SYMS_H

#include <linux/types.h>

struct memdiag_syms {
	int *overcommit_memory;		/* sysctl_overcommit_memory */
	int *overcommit_ratio;		/* sysctl_overcommit_ratio */
	unsigned long *overcommit_kbytes;	/* sysctl_overcommit_kbytes */
	long *total_swap_pages;		/* total_swap_pages */
};

/* NULL members were not found; each user degrades on its own. */
extern struct memdiag_syms memdiag_syms;

void memdiag_syms_init(void);
/* How many of the symbols above were resolved, and how many were asked. */
unsigned int memdiag_syms_found(void);
#define MEMDIAG_SYMS_NR	4

#endif /* _MEMDIAG_SYMS_H */
