/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - the detailed records' rate limit: a one-second window shared by
 * all CPUs, one per feature that records (failures, commit refusals).
 * Probe context: atomics only. A new limit (memdiagctl config, sysfs)
 * starts the window afresh, so that events counted against the old one do
 * not use up the new one.
 */
#ifndef _MEMDIAG_RATE_H
#define _MEMDIAG_RATE_H

#include <linux/atomic.h>
#include <linux/math64.h>
#include <linux/time64.h>

struct memdiag_rate {
	atomic64_t window;	/* the second it counts, of the caller's clock */
	atomic_t count;		/* records asked for in it */
	atomic_t limit;		/* the limit it counts against */
};

/* True if the record must be suppressed; @now_ns: any monotonic clock. */
static inline bool memdiag_rate_limited(struct memdiag_rate *rl, u32 limit,
					u64 now_ns)
{
	s64 now = div_u64(now_ns, NSEC_PER_SEC);
	s64 win = atomic64_read(&rl->window);

	if ((u32)atomic_read(&rl->limit) != limit &&
	    (u32)atomic_xchg(&rl->limit, limit) != limit)
		atomic_set(&rl->count, 0);
	if (win != now && atomic64_cmpxchg(&rl->window, win, now) == win)
		atomic_set(&rl->count, 0);
	/*
	 * Past the limit, only read: in a storm every CPU would otherwise
	 * write the same line for each suppressed event.
	 */
	if ((u32)atomic_read(&rl->count) >= limit)
		return true;
	return (u32)atomic_inc_return(&rl->count) > limit;
}

#endif /* _MEMDIAG_RATE_H */
