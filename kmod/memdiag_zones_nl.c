// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - GET_ZONES: every populated zone now, one dump message each.
 *
 * The numbers are those of /proc/zoneinfo, /proc/buddyinfo,
 * /proc/pagetypeinfo and /sys/kernel/debug/extfrag/{unusable,extfrag}_index,
 * computed the same way, plus the verdict of the page allocator's watermark
 * check (__zone_watermark_ok() in mm/page_alloc.c) for each order and a few
 * gfp classes.
 *
 * Free blocks per migratetype are counted by walking the free lists under
 * zone->lock, one order and migratetype at a time with interrupts off, and
 * at most MEMDIAG_ZONE_LIST_WALK_MAX entries per list (as pagetypeinfo).
 * Everything else is read without the lock, as /proc/zoneinfo reads it.
 *
 * Every zone is read in .start, before netlink allocates the first dump
 * buffer: that buffer (MEMDIAG_ZONE_MSG_SIZE) is an order-2 or order-3 page
 * allocation, which kernels without high-order per-cpu lists (before 5.13)
 * take from the very free lists being counted. Read then, the dump would
 * report one block fewer than the zone has once it is done.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/overflow.h>
#include <linux/page-isolation.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <net/genetlink.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_nl.h"
#include "memdiag_syms.h"
#include "memdiag_zones.h"

/* A zone with 11 orders, 6 migratetypes and 3 classes needs about 6 KiB. */
#define MEMDIAG_ZONE_MSG_SIZE	16384

/*
 * The alloc_flags bits of mm/internal.h that __zone_watermark_ok() reads
 * (private to mm/, so modelled here under our own names).
 */
#define MD_ALLOC_MIN_RESERVE	BIT(0)	/* __GFP_HIGH */
#define MD_ALLOC_NON_BLOCK	BIT(1)	/* no direct reclaim, no NOMEMALLOC */
#define MD_ALLOC_HIGHATOMIC	BIT(2)	/* may use MIGRATE_HIGHATOMIC */
#define MD_ALLOC_CMA		BIT(3)	/* may use MIGRATE_CMA */
#define MD_ALLOC_RESERVES	(MD_ALLOC_MIN_RESERVE | MD_ALLOC_NON_BLOCK | \
				 MD_ALLOC_HIGHATOMIC)

static const gfp_t memdiag_class_gfp[] = {
	[MEMDIAG_GFP_CLASS_KERNEL] = GFP_KERNEL,
	[MEMDIAG_GFP_CLASS_ATOMIC] = GFP_ATOMIC,
	[MEMDIAG_GFP_CLASS_HIGHUSER_MOVABLE] = GFP_HIGHUSER_MOVABLE,
};

/* What gfp_to_alloc_flags() gives @gfp (neither rt task nor OOM victim). */
static unsigned int memdiag_alloc_flags(gfp_t gfp, unsigned int order)
{
	unsigned int flags = 0;

	if (gfp & __GFP_HIGH)
		flags |= MD_ALLOC_MIN_RESERVE;
	if (!(gfp & __GFP_DIRECT_RECLAIM) && !(gfp & __GFP_NOMEMALLOC)) {
		flags |= MD_ALLOC_NON_BLOCK;
		if (order > 0 && (flags & MD_ALLOC_MIN_RESERVE))
			flags |= MD_ALLOC_HIGHATOMIC;
	}
	/* gfp_to_alloc_flags_cma() */
	if (IS_ENABLED(CONFIG_CMA) && memdiag_gfp_migratetype(gfp) == MIGRATE_MOVABLE)
		flags |= MD_ALLOC_CMA;
	return flags;
}

/* As /proc/pagetypeinfo names them (migratetype_names[] is not exported). */
static const char *memdiag_migratetype_name(int mt)
{
	static const char * const pcp[MIGRATE_PCPTYPES] = {
		[MIGRATE_UNMOVABLE] = "Unmovable",
		[MIGRATE_MOVABLE] = "Movable",
		[MIGRATE_RECLAIMABLE] = "Reclaimable",
	};

	if (mt >= 0 && mt < MIGRATE_PCPTYPES)
		return pcp[mt];
	if (mt == MIGRATE_HIGHATOMIC)
		return "HighAtomic";
	if (is_migrate_cma(mt))
		return "CMA";
	if (is_migrate_isolate(mt))
		return "Isolate";
	return "?";
}

/* One zone, read once, so that every derived number uses the same values. */
struct memdiag_zone_now {
	struct memdiag_zone_snap snap;	/* what a failure record holds */
	const char *name;
	unsigned long spanned, present;
	unsigned long wmark[NR_WMARK];	/* including the boost */
	unsigned long highatomic_unusable;
	unsigned long free_cma;
	u32 type_free[MEMDIAG_NR_ORDERS][MIGRATE_TYPES];
	unsigned long type_truncated[BITS_TO_LONGS(MEMDIAG_NR_ORDERS * MIGRATE_TYPES)];
};

static void memdiag_zone_read(struct zone *z, int nid, int zidx,
			      struct memdiag_zone_now *s)
{
	unsigned int o;
	int mt, i;

	memdiag_zone_snap(&s->snap, z, nid, zidx);
	s->name = z->name;
	s->spanned = READ_ONCE(z->spanned_pages);
	s->present = READ_ONCE(z->present_pages);
	for (i = 0; i < NR_WMARK; i++)
		s->wmark[i] = READ_ONCE(z->_watermark[i]) + s->snap.boost;
	s->highatomic_unusable = memdiag_zone_highatomic_unusable(z);
	s->free_cma = zone_page_state(z, NR_FREE_CMA_PAGES);

	/* As pagetypeinfo_showfree_print(), but one list per lock hold. */
	bitmap_zero(s->type_truncated, MEMDIAG_NR_ORDERS * MIGRATE_TYPES);
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		for (o = 0; o < MEMDIAG_NR_ORDERS; o++) {
			struct list_head *head = &z->free_area[o].free_list[mt];
			struct list_head *curr;
			unsigned long flags;
			u32 count = 0;

			spin_lock_irqsave(&z->lock, flags);
			list_for_each(curr, head) {
				if (++count >= MEMDIAG_ZONE_LIST_WALK_MAX) {
					__set_bit(o * MIGRATE_TYPES + mt,
						  s->type_truncated);
					break;
				}
			}
			spin_unlock_irqrestore(&z->lock, flags);
			s->type_free[o][mt] = count;
			cond_resched();
		}
	}
}

/* __zone_watermark_ok() on the values read, for one order and mark. */
static enum memdiag_wmark_verdict
memdiag_wmark_check(const struct memdiag_zone_now *s, unsigned int order,
		    unsigned long mark, int highest_zoneidx, unsigned int flags)
{
	long free_pages = s->snap.free;
	long min = mark;
	unsigned int o;
	int mt;

	/* __zone_watermark_unusable_free() */
	free_pages -= (1L << order) - 1;
	if (!(flags & MD_ALLOC_RESERVES))
		free_pages -= s->highatomic_unusable;
	if (IS_ENABLED(CONFIG_CMA) && !(flags & MD_ALLOC_CMA))
		free_pages -= s->free_cma;

	if (flags & MD_ALLOC_MIN_RESERVE) {
		min -= min / 2;
		if (flags & MD_ALLOC_NON_BLOCK)
			min -= min / 4;
	}
	if (free_pages <= min + s->snap.lowmem_reserve[highest_zoneidx])
		return MEMDIAG_WMARK_VERDICT_BELOW;
	if (!order)
		return MEMDIAG_WMARK_VERDICT_OK;

	for (o = order; o < MEMDIAG_NR_ORDERS; o++) {
		if (!s->snap.free_blocks[o])
			continue;
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			if (!s->type_free[o][mt])
				continue;
			if (mt < MIGRATE_PCPTYPES ||
			    (is_migrate_cma(mt) && (flags & MD_ALLOC_CMA)) ||
			    (mt == MIGRATE_HIGHATOMIC &&
			     (flags & MD_ALLOC_HIGHATOMIC)))
				return MEMDIAG_WMARK_VERDICT_OK;
		}
	}
	return MEMDIAG_WMARK_VERDICT_NO_BLOCK;
}

/* fill_contig_page_info() of mm/vmstat.c. */
static void memdiag_contig_info(const struct memdiag_zone_now *s,
				unsigned int suitable_order, u64 *free_pages,
				u64 *blocks_total, u64 *blocks_suitable)
{
	unsigned int o;

	*free_pages = 0;
	*blocks_total = 0;
	*blocks_suitable = 0;
	for (o = 0; o < MEMDIAG_NR_ORDERS; o++) {
		u64 blocks = s->snap.free_blocks[o];

		*blocks_total += blocks;
		*free_pages += blocks << o;
		if (o >= suitable_order)
			*blocks_suitable += blocks << (o - suitable_order);
	}
}

/* unusable_free_index() of mm/vmstat.c. */
static u32 memdiag_unusable_index(const struct memdiag_zone_now *s,
				  unsigned int order)
{
	u64 free_pages, total, suitable;

	memdiag_contig_info(s, order, &free_pages, &total, &suitable);
	if (!free_pages)
		return 1000;
	return div_u64((free_pages - (suitable << order)) * 1000ULL, free_pages);
}

/* __fragmentation_index() of mm/vmstat.c. */
static s32 memdiag_extfrag_index(const struct memdiag_zone_now *s,
				 unsigned int order)
{
	u64 free_pages, total, suitable;
	unsigned long requested = 1UL << order;

	memdiag_contig_info(s, order, &free_pages, &total, &suitable);
	if (!total)
		return 0;
	if (suitable)
		return -1000;
	return 1000 - div_u64(1000 + div_u64(free_pages * 1000ULL, requested),
			      total);
}

static int memdiag_put_checks(struct sk_buff *skb,
			      const struct memdiag_zone_now *s, int zidx,
			      unsigned int order)
{
	static const int marks[] = {
		[MEMDIAG_A_ZONE_CHECK_MIN] = WMARK_MIN,
		[MEMDIAG_A_ZONE_CHECK_LOW] = WMARK_LOW,
		[MEMDIAG_A_ZONE_CHECK_HIGH] = WMARK_HIGH,
	};
	unsigned int c;
	int a;

	for (c = 0; c < ARRAY_SIZE(memdiag_class_gfp); c++) {
		gfp_t gfp = memdiag_class_gfp[c];
		int highest = gfp_zone(gfp);
		unsigned int flags = memdiag_alloc_flags(gfp, order);
		struct nlattr *nest;

		/* The class never allocates from zones above its highest. */
		if (zidx > highest)
			continue;
		nest = nla_nest_start(skb, MEMDIAG_A_ZONE_ORDER_CHECK);
		if (!nest || nla_put_u32(skb, MEMDIAG_A_ZONE_CHECK_CLASS, c))
			return -EMSGSIZE;
		for (a = MEMDIAG_A_ZONE_CHECK_MIN; a <= MEMDIAG_A_ZONE_CHECK_HIGH; a++)
			if (nla_put_u32(skb, a,
					memdiag_wmark_check(s, order,
							    s->wmark[marks[a]],
							    highest, flags)))
				return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int memdiag_put_order(struct sk_buff *skb,
			     const struct memdiag_zone_now *s, int zidx,
			     unsigned int order)
{
	const int pad = MEMDIAG_A_ZONE_ORDER_PAD;
	struct nlattr *nest;
	int mt;

	nest = nla_nest_start(skb, MEMDIAG_A_ZONE_ORDER);
	if (!nest ||
	    nla_put_u32(skb, MEMDIAG_A_ZONE_ORDER_ORDER, order) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_ORDER_FREE_BLOCKS,
			      s->snap.free_blocks[order], pad))
		return -EMSGSIZE;
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		struct nlattr *t = nla_nest_start(skb, MEMDIAG_A_ZONE_ORDER_TYPE_FREE);

		if (!t ||
		    nla_put_u32(skb, MEMDIAG_A_ZONE_TYPE_FREE_MIGRATETYPE, mt) ||
		    nla_put_string(skb, MEMDIAG_A_ZONE_TYPE_FREE_NAME,
				   memdiag_migratetype_name(mt)) ||
		    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_TYPE_FREE_COUNT,
				      s->type_free[order][mt],
				      MEMDIAG_A_ZONE_TYPE_FREE_PAD) ||
		    (test_bit(order * MIGRATE_TYPES + mt, s->type_truncated) &&
		     nla_put_flag(skb, MEMDIAG_A_ZONE_TYPE_FREE_TRUNCATED)))
			return -EMSGSIZE;
		nla_nest_end(skb, t);
	}
	if (nla_put_u32(skb, MEMDIAG_A_ZONE_ORDER_UNUSABLE_INDEX,
			memdiag_unusable_index(s, order)) ||
	    nla_put_s32(skb, MEMDIAG_A_ZONE_ORDER_EXTFRAG_INDEX,
			memdiag_extfrag_index(s, order)) ||
	    memdiag_put_checks(skb, s, zidx, order))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int memdiag_put_zone(struct sk_buff *skb,
			    const struct memdiag_zone_now *s)
{
	const int pad = MEMDIAG_A_ZONE_PAD;
	int zidx = s->snap.zone;
	unsigned int o;
	int i;

	if (nla_put_u32(skb, MEMDIAG_A_ZONE_NODE, s->snap.node) ||
	    nla_put_u32(skb, MEMDIAG_A_ZONE_ZONE, zidx) ||
	    nla_put_string(skb, MEMDIAG_A_ZONE_NAME, s->name) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_SPANNED, s->spanned, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_PRESENT, s->present, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_MANAGED,
			      s->snap.managed, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_FREE, s->snap.free, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_MIN, s->wmark[WMARK_MIN], pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_LOW, s->wmark[WMARK_LOW], pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_HIGH, s->wmark[WMARK_HIGH], pad) ||
	    memdiag_put_wmark_promo(skb, MEMDIAG_A_ZONE_PROMO, s->wmark, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_BOOST, s->snap.boost, pad))
		return -EMSGSIZE;
	for (i = 0; i < MAX_NR_ZONES; i++)
		if (nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_LOWMEM_RESERVE,
				      s->snap.lowmem_reserve[i], pad))
			return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_HIGHATOMIC, s->snap.highatomic, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_ZONE_FREE_CMA, s->free_cma, pad))
		return -EMSGSIZE;
	for (o = 0; o < MEMDIAG_NR_ORDERS; o++)
		if (memdiag_put_order(skb, s, zidx, o))
			return -EMSGSIZE;
	return 0;
}

/* Every zone a GET_ZONES dump sends, read once in .start. */
struct memdiag_zones_dump {
	unsigned int nr;		/* zones read */
	unsigned int next;		/* the next one to send */
	bool bad_node;			/* the node filter names no online node */
	struct memdiag_zone_now zones[];
};

static bool memdiag_zone_wanted(int nid, int zidx, long only)
{
	return node_online(nid) && (only < 0 || nid == only) &&
	       populated_zone(&NODE_DATA(nid)->node_zones[zidx]);
}

/*
 * Parses the request and reads every wanted zone. An unknown node is
 * reported by the first dump call: 6.1 drops the extack messages of start.
 */
int memdiag_nl_zones_start(struct netlink_callback *cb)
{
	struct nlattr *attrs[MEMDIAG_A_ZONE_MAX + 1];
	struct memdiag_zones_dump *d;
	unsigned int n = 0;
	long only = -1;
	int nid, zidx, ret;

	ret = genlmsg_parse(cb->nlh, &memdiag_family, attrs, MEMDIAG_A_ZONE_MAX,
			    memdiag_get_zones_policy, cb->extack);
	if (ret)
		return ret;
	if (attrs[MEMDIAG_A_ZONE_NODE])
		only = nla_get_u32(attrs[MEMDIAG_A_ZONE_NODE]);
	if (only >= MAX_NUMNODES || (only >= 0 && !node_online(only)))
		only = -2;	/* matches no node */

	for_each_online_node(nid)
		for (zidx = 0; zidx < MAX_NR_ZONES; zidx++)
			n += memdiag_zone_wanted(nid, zidx, only);
	d = kvzalloc(struct_size(d, zones, n), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->bad_node = only == -2;
	/* A zone onlined since the count waits for the next dump. */
	for_each_online_node(nid)
		for (zidx = 0; zidx < MAX_NR_ZONES && d->nr < n; zidx++)
			if (memdiag_zone_wanted(nid, zidx, only))
				memdiag_zone_read(&NODE_DATA(nid)->node_zones[zidx],
						  nid, zidx, &d->zones[d->nr++]);
	cb->args[0] = (long)d;
	cb->min_dump_alloc = MEMDIAG_ZONE_MSG_SIZE;
	return 0;
}

int memdiag_nl_zones_done(struct netlink_callback *cb)
{
	kvfree((void *)cb->args[0]);
	return 0;
}

int memdiag_nl_zones_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct memdiag_zones_dump *d = (struct memdiag_zones_dump *)cb->args[0];
	unsigned int first = d->next;

	if (d->bad_node) {
		NL_SET_ERR_MSG_MOD(cb->extack, "no such online node");
		return -ENODEV;
	}

	for (; d->next < d->nr; d->next++) {
		void *hdr;

		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &memdiag_family,
				  NLM_F_MULTI, MEMDIAG_CMD_GET_ZONES);
		if (!hdr)
			break;
		if (memdiag_put_zone(skb, &d->zones[d->next])) {
			genlmsg_cancel(skb, hdr);
			if (d->next == first) {
				NL_SET_ERR_MSG_MOD(cb->extack,
						   "zone does not fit in a dump message");
				return -EMSGSIZE;
			}
			break;
		}
		genlmsg_end(skb, hdr);
	}
	return skb->len;
}
