// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - the ring of rare-event records (see memdiag_evring.h).
 *
 * The lock is the ring's own and is held only to copy one record; probe
 * handlers only try it, so a handler that interrupts a reader on the same
 * CPU (or any other holder) loses its record instead of deadlocking.
 */
#include <linux/minmax.h>
#include <linux/string.h>

#include "memdiag_evring.h"

static void *slot(struct memdiag_evring *r, u64 seq)
{
	return r->buf + (seq % r->slots) * r->rec_size;
}

void memdiag_evring_init(struct memdiag_evring *r, void *buf, u32 slots,
			 size_t rec_size)
{
	raw_spin_lock_init(&r->lock);
	r->next = 1;
	r->slots = slots;
	r->rec_size = rec_size;
	r->buf = buf;
}

u64 memdiag_evring_push(struct memdiag_evring *r, void *rec)
{
	unsigned long flags;
	u64 seq;

	if (!raw_spin_trylock_irqsave(&r->lock, flags))
		return 0;
	seq = r->next++;
	*(u64 *)rec = seq;
	memcpy(slot(r, seq), rec, r->rec_size);
	raw_spin_unlock_irqrestore(&r->lock, flags);
	return seq;
}

bool memdiag_evring_get(struct memdiag_evring *r, u64 seq, void *out)
{
	unsigned long flags;
	bool found = false;
	u64 first;

	raw_spin_lock_irqsave(&r->lock, flags);
	first = r->next > r->slots ? r->next - r->slots : 1;
	seq = max(seq, first);
	if (seq < r->next) {
		memcpy(out, slot(r, seq), r->rec_size);
		found = true;
	}
	raw_spin_unlock_irqrestore(&r->lock, flags);
	return found;
}

u64 memdiag_evring_next_seq(struct memdiag_evring *r)
{
	unsigned long flags;
	u64 next;

	raw_spin_lock_irqsave(&r->lock, flags);
	next = r->next;
	raw_spin_unlock_irqrestore(&r->lock, flags);
	return next;
}
