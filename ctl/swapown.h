/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl swap owners - the pure parts, unit-tested without a kernel:
 * decoding GET_SWAP replies (metrics decodes them here too), decoding
 * /proc/PID/pagemap entries, parsing the Swap: lines of /proc/PID/smaps
 * and the VmSwap: line of /proc/PID/status, and who maps each swap slot.
 */
#ifndef MEMDIAGCTL_SWAPOWN_H
#define MEMDIAGCTL_SWAPOWN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#include "output.h"

/*
 * Who maps each slot of one area, over every process read: 0 nobody yet,
 * ROW + 1 the process row (cmd_swap_owners.c) of its only reference so
 * far, MD_SLOT_SHARED two references or more. 4 bytes per slot of the
 * area's map (GET_SWAP's map-slots), whatever the number of entries;
 * calloc() leaves the pages of slots nobody maps untouched.
 */
#define MD_SLOT_SHARED	UINT32_MAX
struct md_slotown {
	uint64_t n;		/* slots covered */
	uint32_t *v;
};

/* What md_slotown_add() found before this reference. */
enum { MD_SLOT_NEW, MD_SLOT_SECOND, MD_SLOT_MORE };

int md_slotown_init(struct md_slotown *m, uint64_t slots);
int md_slotown_add(struct md_slotown *m, uint64_t offset, uint32_t row,
		   uint32_t *first);
void md_slotown_free(struct md_slotown *m);

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
	struct md_slotown owners;
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
/* VmSwap of a /proc/PID/status text, in kB; -1 if it has none (no mm). */
long long md_status_vmswap(const char *status);


/* cmd_swap_owners.c: 'swap owners', and the columns -o picks from. */
#define MD_SWAP_OWN_NCOLS 14
extern const struct md_col md_swap_own_cols[MD_SWAP_OWN_NCOLS];
int md_swap_owners_run(const struct md_opts *o, const char *device);

#endif /* MEMDIAGCTL_SWAPOWN_H */
