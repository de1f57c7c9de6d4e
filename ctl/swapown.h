/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl swap owners - the pure parts, unit-tested without a kernel:
 * decoding GET_SWAP replies (metrics decodes them here too), decoding
 * /proc/PID/pagemap entries, parsing the Swap: lines of /proc/PID/smaps,
 * and a count per swap slot.
 */
#ifndef MEMDIAGCTL_SWAPOWN_H
#define MEMDIAGCTL_SWAPOWN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "output.h"

/* One memory cgroup's slots on one area (GET_SWAP memcg nest). */
struct md_swap_cg {
	uint32_t id;
	uint64_t cgroup_id;
	uint64_t slots;
	bool online;
	char *path;		/* malloc'ed; NULL if the kernel sent none */
};

/* One area as GET_SWAP reports it, plus what pagemap showed of it. */
struct md_swap_area {
	uint32_t type;
	int32_t prio;
	char path[256];
	uint64_t map_slots, pages, bad, inuse, scanned;
	uint64_t used, anon, refs, continued, shmem, cache_only, cached;
	uint64_t slots_bad, memcg_none, memcg_other_slots;
	uint32_t memcgs, memcgs_other;
	bool partial, memcg_unavailable;
	bool shmem_unavailable;	/* no shmem marker (7.2): shmem is in anon */
	uint32_t present;	/* MEMDIAG_A_SWAP_* bits sent: MD_HAS() */
	size_t ncgs, cgcap;
	struct md_swap_cg *cgs;
	/* From /proc/PID/pagemap (memdiagctl, not the kernel). */
	uint64_t proc_slots, proc_refs;
};

struct md_swap_areas {
	size_t n, cap;
	struct md_swap_area *v;
};

/* A GET_SWAP reply message into @as; 0 or a negative errno. */
int md_swap_reply_parse(struct nlmsghdr *nlh, struct md_swap_areas *as);
void md_swap_areas_free(struct md_swap_areas *as);
void md_swap_area_free(struct md_swap_area *a);
struct md_swap_area *md_swap_area_find(struct md_swap_areas *as, uint32_t type);

/* pagemap: bit 63 present, 62 swapped; frame bits 0-54 = type | offset << 5. */
#define MD_PM_PRESENT	(1ULL << 63)
#define MD_PM_SWAP	(1ULL << 62)
#define MD_PM_FRAME	((1ULL << 55) - 1)
#define MD_PM_TYPE_BITS	5
bool md_pagemap_swap(uint64_t e, uint32_t *type, uint64_t *offset);

/* "Swap:   123 kB" of an smaps line: kB, or -1 if not such a line. */
long long md_smaps_swap_kb(const char *line);
/* "start-end perms ..." of an smaps line: 0 if it is a VMA's first line. */
int md_smaps_range(const char *line, uint64_t *start, uint64_t *end);

/* References per slot, over every process read (open addressing). */
struct md_slotmap {
	size_t cap, n;		/* cap a power of 2; n keys in use */
	uint64_t *keys;		/* 0 = empty; else (type << 50 | offset) + 1 */
	uint32_t *counts;
};

int md_slotmap_add(struct md_slotmap *m, uint32_t type, uint64_t offset);
uint32_t md_slotmap_get(const struct md_slotmap *m, uint32_t type, uint64_t offset);
void md_slotmap_free(struct md_slotmap *m);

/* cmd_swap_owners.c: 'swap owners', and the columns -o picks from. */
#define MD_SWAP_OWN_NCOLS 14
extern const struct md_col md_swap_own_cols[MD_SWAP_OWN_NCOLS];
int md_swap_owners_run(const struct md_opts *o, const char *device);

#endif /* MEMDIAGCTL_SWAPOWN_H */
