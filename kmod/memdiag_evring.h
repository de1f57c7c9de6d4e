/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - a small ring of fixed-size records for rare events (commit
 * rejections, OOM kills). Writers never wait: one that finds the ring busy
 * drops its record and counts it as lost.
 */
#ifndef _MEMDIAG_EVRING_H
#define _MEMDIAG_EVRING_H

#include <linux/spinlock.h>
#include <linux/types.h>

struct memdiag_evring {
	/* Raw: taken (tried) in probe handlers, also on PREEMPT_RT. */
	raw_spinlock_t lock;	/* held to copy one record in or out */
	u64 next;		/* next sequence number, from 1 */
	u32 slots;
	size_t rec_size;	/* every record starts with its u64 seq */
	void *buf;		/* slots * rec_size, preallocated */
};

void memdiag_evring_init(struct memdiag_evring *r, void *buf, u32 slots,
			 size_t rec_size);

/* Copy @rec in and give it the next sequence number; 0 if the ring was busy. */
u64 memdiag_evring_push(struct memdiag_evring *r, void *rec);
/* Copy out the record @seq or the next one kept; false if none. */
bool memdiag_evring_get(struct memdiag_evring *r, u64 seq, void *out);
u64 memdiag_evring_next_seq(struct memdiag_evring *r);

#endif /* _MEMDIAG_EVRING_H */
