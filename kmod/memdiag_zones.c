// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - reading zone state.
 *
 * Runs inside the allocator's failure path, so it takes no lock: every
 * field is read once with READ_ONCE() (or is an atomic counter), exactly as
 * /proc/zoneinfo would show it a moment later without zone->lock. The
 * numbers are a consistent-enough picture, not an atomic one.
 */
#include <linux/mm.h>
#include <linux/vmstat.h>

#include "memdiag_zones.h"

void memdiag_zone_snap(struct memdiag_zone_snap *s, struct zone *z, int nid,
		       int idx)
{
	int i;

	s->node = nid;
	s->zone = idx;
	s->free = zone_page_state(z, NR_FREE_PAGES);
	s->min = READ_ONCE(z->_watermark[WMARK_MIN]);
	s->low = READ_ONCE(z->_watermark[WMARK_LOW]);
	s->high = READ_ONCE(z->_watermark[WMARK_HIGH]);
	s->boost = READ_ONCE(z->watermark_boost);
	s->managed = zone_managed_pages(z);
	s->highatomic = READ_ONCE(z->nr_reserved_highatomic);
	/*
	 * Free CMA pages count in NR_FREE_PAGES but serve only movable
	 * requests (ALLOC_CMA): __zone_watermark_ok() subtracts them for any
	 * other request and skips the MIGRATE_CMA free lists in its high-order
	 * check. The counter exists without CONFIG_CMA and stays 0 there.
	 * How many of the free blocks of each order are CMA cannot be told
	 * here: counting the per-migratetype free lists needs zone->lock,
	 * which the failing allocator may hold (GET_ZONES counts them under
	 * it, from process context).
	 */
	s->free_cma = zone_page_state(z, NR_FREE_CMA_PAGES);
	for (i = 0; i < MEMDIAG_NR_ORDERS; i++)
		s->free_blocks[i] = READ_ONCE(z->free_area[i].nr_free);
	for (i = 0; i < MAX_NR_ZONES; i++)
		s->lowmem_reserve[i] = READ_ONCE(z->lowmem_reserve[i]);
}

void memdiag_zones_snap_usable(struct memdiag_record *rec, gfp_t gfp,
			       const nodemask_t *nodemask)
{
	int high = gfp_zone(gfp);
	int nid, idx;

	rec->high_zone = high;
	rec->nr_zones = 0;
	rec->zones_truncated = 0;
	/* for_each_online_node() would scan all MAX_NUMNODES bits (1 024 on x86). */
	for (nid = find_first_bit(node_states[N_ONLINE].bits, nr_node_ids);
	     nid < nr_node_ids;
	     nid = find_next_bit(node_states[N_ONLINE].bits, nr_node_ids, nid + 1)) {
		pg_data_t *pgdat = NODE_DATA(nid);

		if (nodemask && !node_isset(nid, *nodemask))
			continue;
		for (idx = 0; idx <= high && idx < MAX_NR_ZONES; idx++) {
			struct zone *z = &pgdat->node_zones[idx];

			if (!populated_zone(z))
				continue;
			if (rec->nr_zones == memdiag_ring_zones()) {
				rec->zones_truncated++;
				continue;
			}
			memdiag_zone_snap(&rec->zones[rec->nr_zones++], z, nid, idx);
		}
	}
}

/* Zones with pages now: what a record's snapshot is sized for at load. */
unsigned int memdiag_zones_populated(void)
{
	unsigned int n = 0;
	int nid, idx;

	/* for_each_populated_zone() needs helpers modules cannot call. */
	for_each_online_node(nid)
		for (idx = 0; idx < MAX_NR_ZONES; idx++)
			n += populated_zone(&NODE_DATA(nid)->node_zones[idx]);
	return n;
}

const char *memdiag_zone_name(int node, int zone)
{
	if (node < 0 || node >= MAX_NUMNODES || !node_online(node) ||
	    zone < 0 || zone >= MAX_NR_ZONES)
		return "?";
	return NODE_DATA(node)->node_zones[zone].name;
}
