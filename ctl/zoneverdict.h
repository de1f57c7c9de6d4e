/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - why a page allocation failed, from the zones at that moment
 * (zoneverdict.c). The one place that decides it, for a live record's zone
 * snapshot ('events --details', 'summary') and for a Mem-Info read back from
 * a log ('explain'), so that the two cannot disagree.
 */
#ifndef MEMDIAGCTL_ZONEVERDICT_H
#define MEMDIAGCTL_ZONEVERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gfp.h"
#include "proto.h"

enum md_zv_kind {
	MD_ZV_UNKNOWN,		/* a number it needs was not read */
	MD_ZV_SHORTAGE,		/* every usable zone below its watermark */
	MD_ZV_FRAGMENTATION,	/* enough free pages, no free block of the order */
	MD_ZV_NOWAIT,		/* could not reclaim or compact (atomic/NOWAIT) */
	MD_ZV_RESTRICTED,	/* zone modifier/nodemask/cpuset left memory out */
	MD_ZV_COSTLY,		/* costly order or NORETRY: given up early */
	MD_ZV_PASSES,		/* the zones would pass it now: freed since, or raced */
};

/* The request that failed. */
struct md_zv_req {
	unsigned int order;
	const struct md_gfp *gfp;	/* decoded mask (gfp.h) */
	int high_zone;			/* zone index if known (live), else -1 */
	const char *nodemask;		/* as printed, or NULL */
	const char *mems_allowed;	/* cpuset's, as printed, or NULL */
};

/* Per zone: what the verdict used (for the text and the JSON). */
struct md_zv_zone {
	const struct md_zone_snap *z;
	bool usable;		/* within the request's zones and nodes */
	int mark;		/* 0 min, 1 low, 2 high: the watermark checked */
	long long need;		/* watermark + lowmem_reserve for this request, -1 unknown */
	int largest_order;	/* largest order with a free block, -1 none, -2 unknown */
	bool passes;		/* free - blocks below the order >= need */
};

struct md_zv {
	enum md_zv_kind kind;
	const char *name;	/* "shortage", "fragmentation", "could not wait",
				 * "restricted", "costly order given up",
				 * "zones would pass", "unknown" */
	char *why;		/* the reason, with the numbers */
	char *advice;		/* what helps, and what does not */
	struct md_zv_zone *zones;
	size_t nr_zones;
};

/*
 * Decide from @zones (@n of them, in the kernel's zone order, node by node)
 * why @req failed. 0 or -ENOMEM; @out always says what was missing.
 */
int md_zone_verdict(const struct md_zv_req *req,
		    const struct md_zone_snap *zones, size_t n,
		    struct md_zv *out);
void md_zv_free(struct md_zv *v);

#endif /* MEMDIAGCTL_ZONEVERDICT_H */
