/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - the swap slot scanner behind GET_SWAP. One implementation per
 * slot layout, chosen by Kbuild from the kernel's own headers:
 *   memdiag_swap_map.c    si->swap_map, one byte per slot, and the
 *                         swap_cgroup record (6.1, 6.12)
 *   memdiag_swap_table.c  the per-cluster swap table and memcg table
 *                         (7.2: mm/swap_table.h)
 * The report (memdiag_swap.c) sees only what is declared here.
 */
#ifndef _MEMDIAG_SWAP_SCAN_H
#define _MEMDIAG_SWAP_SCAN_H

#include <linux/limits.h>
#include <linux/swap.h>
#include <linux/types.h>

/* One count per possible memcg id the slots can record (unsigned short). */
#define MEMDIAG_SWAP_IDS	(USHRT_MAX + 1)

struct memdiag_swap_area {
	u32 type;
	s32 prio;
	u64 map_slots, pages, inuse;
	u64 scanned, used, anon, refs, continued, shmem, cache_only, cached;
	u64 bad, memcg_none, memcg_other_slots;
	u32 memcgs, memcgs_other;
	bool partial, memcg_ok;
	/* false: shmem slots cannot be told apart and are in anon/refs */
	bool shmem_ok;
	char path[256];
};

/*
 * Count the slots of @si into @a (scanned, used, anon, refs, continued,
 * shmem, cache_only, cached, bad, memcg_none, partial, memcg_ok, shmem_ok)
 * and the slots per memcg id into @ids (MEMDIAG_SWAP_IDS). The caller holds
 * a reference on si->users, runs in process context and may sleep; the scan
 * stops early (partial) on a fatal signal.
 */
void memdiag_swap_scan(struct swap_info_struct *si, struct memdiag_swap_area *a,
		       u32 *ids);

/* The kernel's own count of slots in use (si->inuse_pages). */
unsigned long memdiag_swap_inuse(struct swap_info_struct *si);

#endif /* _MEMDIAG_SWAP_SCAN_H */
