// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - the ring of failure records.
 *
 * Preallocated at load (ring_size slots) because records are made inside the
 * allocator's failure path, where nothing may be allocated. Writers from any
 * context claim a sequence number with one atomic increment and own the slot
 * seq % size; a writer that finds the slot still busy (a writer one full lap
 * behind, possible only in storms on tiny rings) drops its record and the
 * caller counts it as lost. No locks: a reader copies a slot and keeps the
 * copy only if the slot's sequence number did not change meanwhile.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/math64.h>
#include <linux/vmalloc.h>

#include "memdiag_ring.h"

/*
 * The slots, ring_stride bytes apart: a slot holds as many zone snapshots
 * as the machine had populated zones at load (ring_zones, at most
 * MEMDIAG_SNAP_ZONES), not room for MEMDIAG_SNAP_ZONES everywhere: most
 * of a record is its zones, and most machines have three or four.
 */
static void *ring;
static size_t ring_stride;
static u32 ring_zones;
static u32 ring_slots;
/* Next sequence number to hand out; sequence numbers start at 1. */
static atomic64_t ring_next = ATOMIC64_INIT(1);
/* Records before this one were dropped by RESET. */
static atomic64_t ring_base = ATOMIC64_INIT(1);

static struct memdiag_slot *slot_at(u32 i)
{
	return ring + (size_t)i * ring_stride;
}

int memdiag_ring_init(u32 size, u32 zones)
{
	size_t bytes;
	u32 i;

	/* README and load_unload.sh: a record takes at most 4 KiB. */
	BUILD_BUG_ON(sizeof(struct memdiag_slot) > 4096);
	ring_zones = clamp_t(u32, zones, 1, MEMDIAG_SNAP_ZONES);
	ring_stride = ALIGN(offsetof(struct memdiag_slot, rec.zones) +
			    ring_zones * sizeof(struct memdiag_zone_snap),
			    __alignof__(struct memdiag_slot));
	bytes = array_size(size, ring_stride);
	ring = vzalloc(bytes);
	if (!ring)
		return -ENOMEM;
	ring_slots = size;
	for (i = 0; i < size; i++)
		atomic64_set(&slot_at(i)->state, 0);
	atomic_long_add(bytes, &memdiag_mem_bytes);
	return 0;
}

u32 memdiag_ring_zones(void)
{
	return ring_zones;
}

void memdiag_ring_exit(void)
{
	if (!ring)
		return;
	atomic_long_sub(array_size(ring_slots, ring_stride), &memdiag_mem_bytes);
	vfree(ring);
	ring = NULL;
}

static struct memdiag_slot *slot_of(u64 seq)
{
	u32 rem;

	div_u64_rem(seq, ring_slots, &rem);
	return slot_at(rem);
}

struct memdiag_record *memdiag_ring_claim(u64 *seq, bool *overwrote)
{
	struct memdiag_slot *slot;
	u64 old;

	*overwrote = false;
	*seq = atomic64_fetch_inc(&ring_next);
	slot = slot_of(*seq);
	old = atomic64_read(&slot->state);
	if (old == MEMDIAG_SLOT_BUSY ||
	    atomic64_cmpxchg(&slot->state, old, MEMDIAG_SLOT_BUSY) != old)
		return NULL;
	*overwrote = old && old >= (u64)atomic64_read(&ring_base);
	/* Order the BUSY mark before the writes into the record. */
	smp_wmb();
	return &slot->rec;
}

void memdiag_ring_commit(struct memdiag_record *rec, u64 seq)
{
	struct memdiag_slot *slot = container_of(rec, struct memdiag_slot, rec);

	rec->seq = seq;
	atomic64_set_release(&slot->state, seq);
}

int memdiag_ring_read(u64 seq, struct memdiag_record *out)
{
	struct memdiag_slot *slot = slot_of(seq);
	u64 state;

	if (seq < (u64)atomic64_read(&ring_base))
		return -ENOENT;
	state = atomic64_read_acquire(&slot->state);
	if (state == MEMDIAG_SLOT_BUSY || state < seq) {
		/* Not written yet, or being (over)written right now. */
		if (seq + ring_slots <= (u64)atomic64_read(&ring_next) - 1)
			return -ENOENT;
		return -EAGAIN;
	}
	if (state > seq)
		return -ENOENT;
	/* The record as the slot holds it: its first ring_zones zones. */
	memcpy(out, &slot->rec, min(ring_stride - offsetof(struct memdiag_slot, rec),
				    sizeof(*out)));
	/* The copy is good only if no writer took the slot meanwhile. */
	smp_rmb();
	if ((u64)atomic64_read(&slot->state) != seq)
		return -ENOENT;
	return 0;
}

u64 memdiag_ring_next_seq(void)
{
	return atomic64_read(&ring_next);
}

u64 memdiag_ring_first_seq(void)
{
	u64 next = atomic64_read(&ring_next);
	u64 base = atomic64_read(&ring_base);
	u64 first = next > ring_slots ? next - ring_slots : 1;

	return max(first, base);
}

void memdiag_ring_reset(void)
{
	atomic64_set(&ring_base, atomic64_read(&ring_next));
}
