/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - the failure record and the ring that holds them.
 */
#ifndef _MEMDIAG_RING_H
#define _MEMDIAG_RING_H

#include <linux/types.h>
#include <linux/sched.h>
#include "compat.h"
#include "memdiag.h"

/* Frames of the probe itself (handler, kprobe code, trampoline) at most. */
#define MEMDIAG_STACK_PROBE_FRAMES	4

struct memdiag_zone_snap {
	u16 node;
	u8 zone;
	unsigned long free, min, low, high, boost, managed, highatomic;
	unsigned long free_cma;		/* part of free; movable (ALLOC_CMA) only */
	unsigned long free_blocks[MEMDIAG_NR_ORDERS];
	long lowmem_reserve[MAX_NR_ZONES];
};

struct memdiag_record {
	u64 seq;
	u64 boot_ns;
	u64 real_ns;
	u64 size;
	u64 cgroup_id;
	gfp_t gfp;
	u32 pid, tgid;
	u16 preferred_node;
	u8 kind, order, vmalloc_step, class, context, high_zone;
	u8 has_nodemask;
	u8 nr_zones, zones_truncated, nr_stack;
	char comm[TASK_COMM_LEN];
	nodemask_t nodemask;
	/* Room for the probe's own frames, which are cut when read. */
	unsigned long stack[MEMDIAG_STACK_DEPTH_MAX + MEMDIAG_STACK_PROBE_FRAMES];
	/* In the ring: memdiag_ring_zones() of them (copies have them all). */
	struct memdiag_zone_snap zones[MEMDIAG_SNAP_ZONES];
};

/*
 * A slot's state is the sequence number of the record it holds, or
 * MEMDIAG_SLOT_BUSY while a writer fills it. Readers copy the record and
 * check the state again afterwards (a seqcount, one writer per slot).
 */
#define MEMDIAG_SLOT_BUSY	U64_MAX

struct memdiag_slot {
	atomic64_t state;
	struct memdiag_record rec;
};

/* @zones: the zone snapshots a record holds (1 to MEMDIAG_SNAP_ZONES). */
int memdiag_ring_init(u32 size, u32 zones);
u32 memdiag_ring_zones(void);
void memdiag_ring_exit(void);
/*
 * Claim the slot for a new record; NULL if another writer still holds it.
 * *overwrote tells whether a record nobody had reset away was pushed out.
 */
struct memdiag_record *memdiag_ring_claim(u64 *seq, bool *overwrote);
void memdiag_ring_commit(struct memdiag_record *rec, u64 seq);
/* Copy record @seq; 0, -EAGAIN (not yet written) or -ENOENT (overwritten). */
int memdiag_ring_read(u64 seq, struct memdiag_record *out);
u64 memdiag_ring_next_seq(void);
u64 memdiag_ring_first_seq(void);
/* Forget what the ring holds: readers start at the next record. */
void memdiag_ring_reset(void);

#endif /* _MEMDIAG_RING_H */
