// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - the swap slot scanner for kernels with the swap table (7.2:
 * mm/swap_table.h). Each cluster of MEMDIAG_SWAPFILE_CLUSTER slots has a
 * table of entries (NULL free; a shadow: swapped out, the reference count
 * in the top bits; a PFN: in the swap cache, the count likewise; the bad
 * marker), an extend_table for counts from SWP_TB_COUNT_MAX on and, with
 * memory cgroups, a memcg_table holding the owner's private memcg id per
 * slot. The id inside a shadow is the workingset's, not the owner: unused.
 *
 * The tables are allocated and freed, and the memcg ids set and cleared,
 * under ci->lock (swap_cluster_free_table() from __free_cluster() and
 * swapoff; __swap_cgroup_set()/__swap_cgroup_clear() assert it): a cluster
 * is read under its lock, as swp_swapcount() does, one cluster at a time.
 * ci->lock is a spinlock_t taken in process context by the swap code; the
 * scan runs in a netlink dump (process context, no lock of ours held), so
 * taking it here is what the kernel's own readers do. ci->count, changed
 * under the same lock with the entries, counts the slots in use (bad ones
 * included): a cluster whose count is 0 has no entry to read and is
 * skipped, like one without a table (free clusters have none; one waiting
 * for its discard or taken by the allocator may). The caller's reference
 * on si->users keeps swapoff from freeing si->cluster_info.
 *
 * Shmem slots carry no marker (shmem_writeout() takes its slot with
 * folio_dup_swap(folio, NULL), count 1, like a page table reference): they
 * are counted as anon and the area says shmem_ok = false.
 */
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>
#include <linux/swap.h>

#include "memdiag.h"
#include "memdiag_swap_scan.h"
#include "memdiag_syms.h"

/* Count the first @nr slots of the cluster @ci, which the caller locked. */
static void memdiag_swap_cluster(struct memdiag_swap_cluster_info *ci,
				 unsigned int nr, struct memdiag_swap_area *a,
				 u32 *ids, bool memcg)
{
	atomic_long_t *table = rcu_dereference_protected(ci->table,
							 lockdep_is_held(&ci->lock));
	unsigned short *owners = NULL;
	unsigned int i;

	/* No slot in use (count 0), whatever the cluster still holds. */
	if (!table || !ci->count)
		return;
#ifdef CONFIG_MEMCG
	owners = memcg ? ci->memcg_table : NULL;
#endif
	for (i = 0; i < nr; i++) {
		unsigned long tb = atomic_long_read(&table[i]);
		unsigned long count;
		unsigned short id;

		if (!tb)
			continue;
		if (tb == MEMDIAG_SWP_TB_BAD) {
			a->bad++;
			continue;
		}
		a->used++;
		count = tb >> MEMDIAG_SWP_TB_COUNT_SHIFT;
		if ((tb & MEMDIAG_SWP_TB_PFN_MARK_MASK) == MEMDIAG_SWP_TB_PFN_MARK) {
			if (count)
				a->cached++;
			else
				a->cache_only++;
		} else if (!(tb & MEMDIAG_SWP_TB_SHADOW_MARK)) {
			/* The reserved pointer kind: not in use by 7.2. */
			continue;
		}
		if (count) {
			a->anon++;
			if (count == MEMDIAG_SWP_TB_COUNT_MAX && ci->extend_table) {
				a->continued++;
				count = ci->extend_table[i];
			}
			a->refs += count;
		}
		if (!memcg)
			continue;
		id = owners ? owners[i] : 0;
		if (id)
			ids[id]++;
		else
			a->memcg_none++;
	}
}

void memdiag_swap_scan(struct swap_info_struct *si, struct memdiag_swap_area *a,
		       u32 *ids)
{
	struct memdiag_swap_cluster_info *clusters = (void *)si->cluster_info;
	unsigned long max = si->max, off = 0;
	bool memcg = IS_ENABLED(CONFIG_MEMCG) && !mem_cgroup_disabled();

	a->memcg_ok = memcg;
	a->shmem_ok = false;
	if (!clusters)
		return;
	while (off < max) {
		struct memdiag_swap_cluster_info *ci =
			&clusters[off / MEMDIAG_SWAPFILE_CLUSTER];
		unsigned long end = min(off + MEMDIAG_SWAPFILE_CLUSTER, max);

		spin_lock(&ci->lock);
		memdiag_swap_cluster(ci, end - off, a, ids, memcg);
		spin_unlock(&ci->lock);
		off = end;
		a->scanned = off;
		if (off % MEMDIAG_SWAP_SCAN_CHUNK && off < max)
			continue;
		if (fatal_signal_pending(current)) {
			a->partial = true;
			break;
		}
		cond_resched();
	}
}

unsigned long memdiag_swap_inuse(struct swap_info_struct *si)
{
	return atomic_long_read(&si->inuse_pages);
}
