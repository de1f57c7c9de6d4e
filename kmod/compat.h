/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - the differences between the kernels memdiag supports (6.1 on),
 * in one place. Feature-detect where a macro tells; fall back to the
 * version only where nothing else can.
 */
#ifndef _MEMDIAG_COMPAT_H
#define _MEMDIAG_COMPAT_H

#include <linux/memcontrol.h>
#include <linux/mmzone.h>
#include <linux/sched/task.h>
#include <linux/spinlock.h>
#include <net/genetlink.h>

/*
 * Number of page orders: 6.1's MAX_ORDER is exclusive (11), 6.4 made it
 * inclusive and 6.8 renamed it MAX_PAGE_ORDER and added NR_PAGE_ORDERS.
 * The free_area array is sized by it on every kernel: ask the array.
 */
#define MEMDIAG_NR_ORDERS \
	(sizeof_field(struct zone, free_area) / sizeof(struct free_area))

/*
 * Restricting a multicast group to CAP_NET_ADMIN came in 6.7 and was
 * backported to the 6.1 stable series (Debian has it). Without it the group
 * would be open to all; refuse to offer it rather than leak records.
 */
#ifdef GENL_MCAST_CAP_NET_ADMIN
#define MEMDIAG_HAVE_MCAST_CAP	1
#else
#define MEMDIAG_HAVE_MCAST_CAP	0
#define GENL_MCAST_CAP_NET_ADMIN 0
#endif

/*
 * Highatomic pages a request without reserve rights may not count as free
 * (__zone_watermark_unusable_free()): Debian's 6.12 counts only the free
 * ones (zone->nr_free_highatomic), 6.1 the whole reservation. No macro
 * tells, so Kbuild greps the kernel's mmzone.h for the field and defines
 * MEMDIAG_HAVE_NR_FREE_HIGHATOMIC.
 */
#ifdef MEMDIAG_HAVE_NR_FREE_HIGHATOMIC
#define memdiag_zone_highatomic_unusable(z) READ_ONCE((z)->nr_free_highatomic)
#else
#define memdiag_zone_highatomic_unusable(z) READ_ONCE((z)->nr_reserved_highatomic)
#endif

/*
 * task_lock() for a probe handler. PREEMPT_RT makes it a sleeping lock,
 * which a handler (preemption, maybe interrupts, off) may not wait for:
 * there it is only tried. Unlock with task_unlock().
 */
static inline bool memdiag_task_lock_in_probe(struct task_struct *t)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		return spin_trylock(&t->alloc_lock);
	task_lock(t);
	return true;
}

/*
 * The memcg id a swap slot records as its owner (swap_cgroup on 6.1/6.12,
 * the cluster's memcg_table on 7.2). 7.2 renamed it the private id and made
 * mem_cgroup_id() the 64-bit cgroup id; Kbuild greps memcontrol.h for
 * mem_cgroup_private_id and defines MEMDIAG_HAVE_MEMCG_PRIVATE_ID.
 */
#ifdef MEMDIAG_HAVE_MEMCG_PRIVATE_ID
#define memdiag_memcg_swap_id(memcg) mem_cgroup_private_id(memcg)
#else
#define memdiag_memcg_swap_id(memcg) mem_cgroup_id(memcg)
#endif

#endif /* _MEMDIAG_COMPAT_H */
