/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - gfp masks as the kernel printed them (gfp.c and the bit
 * tables of ctl/gfp/, one file per kernel generation, each naming the
 * versions it covers): from the names the kernel printed when it printed
 * them (%pGg, since 4.10), else from the bit table of the log's kernel
 * version; when no table is certain, every possible reading. Then what the
 * mask allows the allocator to do.
 */
#ifndef MEMDIAGCTL_GFP_H
#define MEMDIAGCTL_GFP_H

#include <stdbool.h>
#include <stdint.h>

/* A kernel version as a number: 5.10.0 is md_kver(5, 10, 0). */
#define md_kver(a, b, c) (((a) << 16) | ((b) << 8) | ((c) > 255 ? 255 : (c)))
/*
 * The version at the start of @s ("5.10.0-46-amd64", "2.6.32-754.el6",
 * "4.4.114+"), or 0 if there is none.
 */
unsigned int md_kver_parse(const char *s);

/*
 * A kernel generation's gfp names in %pGg's order (composites first, then
 * the single flags), as in that kernel's include/trace/events/mmflags.h
 * (gfpflags.h before 4.6); for kernels older than %pGg, the same shape
 * written from that kernel's gfp.h. { 0, NULL } ends it.
 */
struct md_gfp_name {
	uint32_t mask;
	const char *name;
};

struct md_gfp_table {
	const char *versions;	/* "4.10-4.12", as said in `table` */
	unsigned int lo, hi;	/* the md_kver() range it covers */
	const char *source;	/* the header(s) it was written from */
	uint32_t unknown_from;	/* bits >= this are not known (0: all are) */
	const struct md_gfp_name *names;
};

/* The tables of ctl/gfp/, oldest first, NULL-terminated. */
extern const struct md_gfp_table *const md_gfp_tables[];
extern const struct md_gfp_table md_gfp_t2_5, md_gfp_t2_6_0, md_gfp_t2_6_23,
	md_gfp_t2_6_31, md_gfp_t4_4, md_gfp_t4_5, md_gfp_t4_10, md_gfp_t4_13,
	md_gfp_t4_18, md_gfp_t5_3, md_gfp_t5_14, md_gfp_t6_3, md_gfp_t6_8,
	md_gfp_t7_2;

enum md_gfp_source {
	MD_GFP_UNKNOWN,		/* neither names nor a usable table */
	MD_GFP_PRINTED,		/* the names the kernel printed */
	MD_GFP_TABLE,		/* the bit table of the kernel's version */
	MD_GFP_AMBIGUOUS,	/* hex only, several tables fit: see readings */
};

/* The highest zone a mask may use (gfp_zone()). */
enum md_gfp_zone {
	MD_GZ_UNKNOWN,
	MD_GZ_DMA,
	MD_GZ_DMA32,
	MD_GZ_NORMAL,
	MD_GZ_HIGHMEM,
	MD_GZ_MOVABLE,
};

/* Tri-state: what is not known is said as such, never guessed. */
enum md_tri { MD_NO = 0, MD_YES = 1, MD_UNSURE = -1 };

struct md_gfp {
	uint32_t mask;
	bool have_mask;
	enum md_gfp_source source;
	char *names;		/* "GFP_KERNEL|__GFP_COMP", or NULL */
	const char *table;	/* the table that decoded it: "4.14-4.19" */
	char *readings;		/* AMBIGUOUS: each reading and its versions */
	enum md_gfp_zone zone;	/* highest zone allowed */
	/* What the allocator may do for this request. */
	enum md_tri direct_reclaim;	/* may sleep, reclaim, compact */
	enum md_tri kswapd_reclaim;	/* wakes kswapd */
	enum md_tri io, fs;
	enum md_tri high;		/* __GFP_HIGH: below min (reserves) */
	enum md_tri atomic;		/* GFP_ATOMIC-like: no sleep, reserves */
	enum md_tri memalloc, nomemalloc;
	enum md_tri nowarn, noretry, retry_mayfail, nofail;
	bool retry_is_repeat;	/* it was __GFP_REPEAT (before 4.13) */
	enum md_tri comp, movable, reclaimable, thisnode, hardwall;
	enum md_tri account;		/* charged to the memory cgroup */
	char *unknown;		/* printed names no table knows, or NULL */
	const char *unsure_why;	/* why some tri-states are MD_UNSURE */
};

/*
 * Decode a mask. @printed: the names between the parentheses of
 * "mode:0x...(NAMES)" or NULL; @mask/@have_mask: the hex; @kver: the
 * log's kernel version (md_kver_parse()) or 0. 0 or -ENOMEM.
 */
int md_gfp_decode(struct md_gfp *g, const char *printed, uint32_t mask,
		  bool have_mask, unsigned int kver);
void md_gfp_free(struct md_gfp *g);

/*
 * One line: what the mask allows ("may sleep: direct reclaim and compaction;
 * zones up to Normal; no access to reserves; ..."), what is MD_UNSURE said
 * "unknown (unsure_why)"; malloc'ed, or NULL.
 */
char *md_gfp_allows_str(const struct md_gfp *g);

/* The name of a zone limit ("DMA32"). */
const char *md_gfp_zone_name(enum md_gfp_zone z);

#endif /* MEMDIAGCTL_GFP_H */
