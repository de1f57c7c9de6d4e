/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MEMDIAG_ZONES_H
#define _MEMDIAG_ZONES_H

#include <linux/gfp.h>
#include <linux/nodemask.h>
#include "memdiag_ring.h"

/* Read one zone's counters without its lock (failure records, GET_ZONES). */
void memdiag_zone_snap(struct memdiag_zone_snap *s, struct zone *z, int nid,
		       int idx);
/* Snapshot the zones a request with @gfp and @nodemask could use. */
void memdiag_zones_snap_usable(struct memdiag_record *rec, gfp_t gfp,
			       const nodemask_t *nodemask);
unsigned int memdiag_zones_populated(void);
const char *memdiag_zone_name(int node, int zone);

#endif /* _MEMDIAG_ZONES_H */
