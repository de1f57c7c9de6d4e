// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - the swap slot scanner for kernels with si->swap_map (5.10,
 * 6.1, 6.12): one byte per slot (count, SWAP_HAS_CACHE, SWAP_MAP_BAD,
 * SWAP_MAP_SHMEM, COUNT_CONTINUED) and the owner's memcg id in the
 * swap_cgroup record (mm/swap_cgroup.c). The map is read without locks, as
 * find_next_to_unuse() does, a cluster (or MEMDIAG_SWAP_SCAN_CHUNK slots)
 * at a time, with cond_resched() every MEMDIAG_SWAP_SCAN_CHUNK slots; the
 * clusters with no slot in use are skipped (memdiag_swap_scan()). The
 * caller's reference on si->users keeps swapoff from freeing the map and
 * the record under us.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <linux/swap.h>
#include <linux/vmalloc.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_swap_scan.h"
#include "memdiag_syms.h"

/* The swap_cgroup record of @si, if it is there and looks right. */
static struct memdiag_swap_cgroup_ctrl *memdiag_swap_ctrl(struct swap_info_struct *si)
{
	struct memdiag_swap_cgroup_ctrl *ctrl;

	if (!memdiag_syms.swap_cgroup_ctrl || mem_cgroup_disabled())
		return NULL;
	ctrl = &memdiag_syms.swap_cgroup_ctrl[si->type];
	if (!READ_ONCE(ctrl->map) ||
	    READ_ONCE(ctrl->length) != DIV_ROUND_UP(si->max, MEMDIAG_SC_PER_PAGE))
		return NULL;
	return ctrl;
}

static unsigned short memdiag_swap_slot_id(struct memdiag_swap_cgroup_ctrl *ctrl,
					   unsigned long off)
{
	unsigned short *ids = page_address(ctrl->map[off / MEMDIAG_SC_PER_PAGE]);

	return READ_ONCE(ids[off % MEMDIAG_SC_PER_PAGE]);
}

/*
 * The reference count of a slot whose count goes on in continuation pages,
 * read as swp_swapcount() does but without its lock: those pages are only
 * added (list_add_tail under si->cont_lock) and are freed at swapoff, which
 * the caller's reference on the area holds off. The walk stops at the list
 * head and after MEMDIAG_SWAP_CONT_PAGES pages whatever it reads.
 */
#define MEMDIAG_SWAP_CONT_PAGES	8

static u64 memdiag_swap_cont_count(struct swap_info_struct *si,
				   unsigned long off, unsigned char count)
{
	struct page *head = vmalloc_to_page(si->swap_map + off), *page = head;
	unsigned long in_page = off & ~PAGE_MASK;
	u64 total = count & ~COUNT_CONTINUED, n = SWAP_MAP_MAX + 1;
	unsigned int i;

	if (!head || page_private(head) != SWP_CONTINUED)
		return total;
	for (i = 0; i < MEMDIAG_SWAP_CONT_PAGES; i++) {
		unsigned char c;

		page = list_entry(READ_ONCE(page->lru.next), struct page, lru);
		if (page == head)
			break;
		c = READ_ONCE(((unsigned char *)page_address(page))[in_page]);
		total += (c & ~COUNT_CONTINUED) * n;
		if (!(c & COUNT_CONTINUED))
			break;
		n *= SWAP_CONT_MAX + 1;
	}
	return total;
}

/* Count slots [@from, @to); false if the area is going (partial). */
static bool memdiag_swap_slots(struct swap_info_struct *si,
			       struct memdiag_swap_cgroup_ctrl *ctrl,
			       unsigned long from, unsigned long to,
			       struct memdiag_swap_area *a, u32 *ids)
{
	unsigned char *map = si->swap_map;
	unsigned long i;

	for (i = from; i < to; i++) {
		unsigned char c = READ_ONCE(map[i]);
		unsigned char count = c & ~SWAP_HAS_CACHE;
		unsigned short id;

		if (!c)
			continue;
		if (count == SWAP_MAP_BAD) {
			a->bad++;
			continue;
		}
		a->used++;
		if (c == SWAP_HAS_CACHE)
			a->cache_only++;
		else if (c & SWAP_HAS_CACHE)
			a->cached++;
		if (count == SWAP_MAP_SHMEM) {
			a->shmem++;
		} else if (count) {
			a->anon++;
			if (count & COUNT_CONTINUED) {
				/* The area is going: stop here. */
				if (!memdiag_swap_cont_begin(si)) {
					a->scanned = i;
					a->partial = true;
					return false;
				}
				a->continued++;
				a->refs += memdiag_swap_cont_count(si, i, count);
				memdiag_swap_cont_end(si);
			} else {
				a->refs += count;
			}
		}
		if (!ctrl)
			continue;
		id = memdiag_swap_slot_id(ctrl, i);
		if (id)
			ids[id]++;
		else
			a->memcg_none++;
	}
	return true;
}

/*
 * Whether cluster @idx of @si had no slot in use, read under its lock. A
 * count the cluster size cannot hold means MEMDIAG_SWAPFILE_CLUSTER is not
 * the kernel's: *trust goes false and the caller walks every slot.
 */
static bool memdiag_swap_cluster_empty(struct swap_info_struct *si,
				       struct swap_cluster_info *ci,
				       unsigned long idx, bool *trust)
{
	unsigned int used;
	bool full;

	spin_lock(&ci->lock);
	used = memdiag_swap_cluster_used(ci, &full);
	spin_unlock(&ci->lock);
	if (used > MEMDIAG_SWAPFILE_CLUSTER ||
	    (full && used != MEMDIAG_SWAPFILE_CLUSTER)) {
		pr_warn_once("swap area %u: cluster %lu counts %u slots of %u: scanning every slot\n",
			     si->type, idx, used, MEMDIAG_SWAPFILE_CLUSTER);
		*trust = false;
		return false;
	}
	return !used;
}

/*
 * Clustered areas (si->cluster_info: SSD-like devices, zram) skip the
 * clusters without a slot in use. Their count is read under ci->lock, so a
 * skipped cluster had no slot in use at that moment: the guarantee of the
 * lockless walk, which reads each slot once, at some moment of the scan.
 * The reference on si->users (5.10: SWP_SCANNING) keeps swapoff from
 * freeing si->cluster_info, as it does the map. Other areas (cluster_info
 * NULL: rotating disks and files on them) are walked slot by slot. One
 * answer differs from the walk's: a cluster waiting for its discard
 * (swapon --discard) has its bytes set to SWAP_MAP_BAD and a count of 0;
 * the walk counted those slots as bad, they are skipped (free) here.
 */
void memdiag_swap_scan(struct swap_info_struct *si, struct memdiag_swap_area *a,
		       u32 *ids)
{
	struct memdiag_swap_cgroup_ctrl *ctrl = memdiag_swap_ctrl(si);
	struct swap_cluster_info *clusters = si->cluster_info;
	unsigned long max = si->max, off, end;
	bool trust = true;

	a->memcg_ok = ctrl;
	a->shmem_ok = true;
	for (off = 0; off < max; off = end) {
		if (clusters && trust) {
			unsigned long idx = off / MEMDIAG_SWAPFILE_CLUSTER;

			end = min((idx + 1) * MEMDIAG_SWAPFILE_CLUSTER, max);
			if (memdiag_swap_cluster_empty(si, &clusters[idx], idx, &trust))
				goto next;
		} else {
			end = min(round_down(off, MEMDIAG_SWAP_SCAN_CHUNK) +
				  MEMDIAG_SWAP_SCAN_CHUNK, max);
		}
		if (!memdiag_swap_slots(si, ctrl, off, end, a, ids))
			return;
next:
		a->scanned = end;
		if (end % MEMDIAG_SWAP_SCAN_CHUNK && end < max)
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
	return READ_ONCE(si->inuse_pages);
}
