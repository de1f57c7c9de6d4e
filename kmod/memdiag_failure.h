/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MEMDIAG_FAILURE_H
#define _MEMDIAG_FAILURE_H

#include <linux/types.h>
#include <uapi/linux/memdiag.h>

#define MEMDIAG_NR_KINDS	(MEMDIAG_FAILURE_KIND_OTHER + 1)
#define MEMDIAG_NR_CLASSES	4	/* nowarn x atomic */

/* Counter sums across CPUs, minus the baseline of the last RESET. */
struct memdiag_fail_sums {
	u64 total, recorded, suppressed, lost, overwritten, missed;
	u64 bucket[MEMDIAG_NR_KINDS][MEMDIAG_NR_BUCKETS][MEMDIAG_NR_CLASSES];
	u64 last_boot_ns[MEMDIAG_NR_KINDS][MEMDIAG_NR_BUCKETS];
	u64 last_real_ns[MEMDIAG_NR_KINDS][MEMDIAG_NR_BUCKETS];
	u64 reset_ns;
	unsigned int nr_nodes;
	u64 node[];
};

/*
 * Load: init (counters, ring) before the netlink family, start (the probe)
 * after it. Unload: stop, then the family, then exit frees what init made.
 */
int memdiag_failure_init(void);
void memdiag_failure_start(void);
void memdiag_failure_stop(void);
void memdiag_failure_exit(void);
/* Allocates the sums (GFP_KERNEL); free with kvfree(). */
struct memdiag_fail_sums *memdiag_failure_read(void);
void memdiag_failure_reset(void);

/* Multicast of new records (memdiag_failure_nl.c). */
void memdiag_failure_notify_init(void);
void memdiag_failure_notify_kick(void);
void memdiag_failure_notify_exit(void);

#endif /* _MEMDIAG_FAILURE_H */
