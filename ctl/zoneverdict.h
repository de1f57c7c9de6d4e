/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - why a page allocation failed, from the zones at that moment
 * (zoneverdict.c). The one place that decides it, for a live record's zone
 * snapshot ('events --details', 'summary') and for a Mem-Info read back from
 * a log ('explain'), so that the two cannot disagree.
 *
 * The rules are the allocator's (mm/page_alloc.c: gfp_to_alloc_flags(),
 * __zone_watermark_ok(), __alloc_pages_slowpath()), for the kernel named in
 * md_zv_req.kver, or for every generation that could have printed the
 * report when it is 0: a verdict that would differ between them is
 * "unknown", saying why. zoneverdict.c says which rule it applies where.
 *
 * What it reads of a zone (struct md_zone_snap): node, zone (the index, live
 * records), name, free, min, low, high, highatomic, free_cma by their
 * present bits (free_cma else from zx, for a Mem-Info);
 * free_blocks[] and lowmem_reserve[] by their present bits too, but for
 * a live record (high_zone >= 0), which sets none for its arrays, when
 * their nr_ is > 0.
 */
#ifndef MEMDIAGCTL_ZONEVERDICT_H
#define MEMDIAGCTL_ZONEVERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gfp.h"
#include "proto.h"
#include "showmem.h"

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
	bool no_order;			/* the order was not read: unknown */
	const struct md_gfp *gfp;	/* decoded mask (gfp.h); NULL: unknown */
	int high_zone;			/* zone index if known (live), else -1 */
	const char *nodemask;		/* as printed, or NULL */
	const char *mems_allowed;	/* cpuset's, as printed, or NULL */
	int preferred_node;		/* for __GFP_THISNODE; -1 unknown */
	/* Some zones were not recorded or read: only a zone that passes decides. */
	bool zones_cut;
	/*
	 * The kernel that failed it, md_kver(); 0 if not known: then the
	 * rules of every generation are tried (see zoneverdict.c).
	 */
	unsigned int kver;
	/*
	 * What Mem-Info adds per zone (showmem.h), same index as the zones,
	 * or NULL (live records): free_cma (CMA pages a non-movable request
	 * may not count) and the migratetype letters of each order's blocks.
	 */
	const struct md_sm_zone *zx;
};

/* What a zone's check came to for this request. */
enum md_zv_check {
	MD_ZVC_MISSING,		/* a number it needs was not read */
	MD_ZVC_PASS,		/* watermark met and a usable block free */
	MD_ZVC_WMARK,		/* free at or below the watermark */
	MD_ZVC_BLOCK,		/* above the watermark, no usable free block */
	MD_ZVC_DEPENDS,		/* differs between kernels or unsure gfp bits */
};

/* Per zone: what the verdict used (for the text and the JSON). */
struct md_zv_zone {
	const struct md_zone_snap *z;
	bool usable;		/* within the request's zones and nodes */
	enum md_tri use;	/* the same, MD_UNSURE if it could not be told */
	int mark;		/* 0 min, 1 low, 2 high: the watermark checked */
	long long need;		/* watermark + lowmem_reserve for this request, -1 unknown */
	long long wmark;	/* the watermark after __GFP_HIGH/atomic cuts, -1 unknown */
	long long reserve;	/* lowmem_reserve against this request, -1 unknown */
	/* Free less what it may not count (highatomic, CMA), -1 unknown. */
	long long avail;
	int largest_order;	/* largest order with a free block, -1 none, -2 unknown */
	long long free_cma;	/* free CMA pages, -1 unknown */
	/*
	 * BLOCK because the free blocks of the order may all be CMA ones,
	 * which this (non-movable) request may not take: the free CMA pages
	 * could hold them all, and their migratetypes were not read; or
	 * (cma_known) Mem-Info's letters showed them CMA.
	 */
	bool cma_blocks, cma_known;
	bool passes;		/* free - blocks below the order >= need */
	enum md_zv_check check;
	const char *missing;	/* MISSING/DEPENDS: what, static text */
};

struct md_zv {
	enum md_zv_kind kind;
	/*
	 * "shortage", "fragmentation", "could not wait", "restricted",
	 * "costly order given up", "zones would pass", "unknown"
	 * (md_zv_kind_name()).
	 */
	const char *name;
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

/* The name of @kind ("fragmentation"), as md_zv.name. */
const char *md_zv_kind_name(enum md_zv_kind kind);

/*
 * A live record's request (its order, decoded mask, highest zone,
 * nodemask, preferred node), for md_zone_verdict() on its zones. @g must
 * be decoded from @ev already (md_gfp_decode(g, ev->gfp_names, ev->gfp,
 * has-gfp, 0)) and outlive @req.
 */
void md_zv_req_from_event(struct md_zv_req *req, const struct md_event *ev,
			  const struct md_gfp *g);

/*
 * The verdict on a live page-allocation record (its mask decoded with
 * md_gfp_decode(), its zones): 0 and @v filled (md_zv_free() it), 1 if the
 * record is not a page allocation's (@v empty), or -ENOMEM.
 */
int md_zv_event(const struct md_event *ev, struct md_zv *v);

#endif /* MEMDIAGCTL_ZONEVERDICT_H */
