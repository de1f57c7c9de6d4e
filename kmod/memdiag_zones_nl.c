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
 * zone->lock with interrupts off, at most MEMDIAG_ZONE_LIST_WALK_MAX entries
 * per list (as pagetypeinfo) and never more than that many in one lock hold:
 * a hold is as short as one capped walk of pagetypeinfo's, so that other
 * CPUs' allocations and this CPU's interrupts wait no longer than there.
 * One hold counts an order's lists together while they are short (the
 * movable one is what remains of the order's nr_free, see
 * memdiag_zone_count_order()), longer lists get a hold each.
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
	/* Migratetypes with a free block at this order or above (BIT(mt)). */
	u32 types_from[MEMDIAG_NR_ORDERS];
};

/* Entries on @head, at most @max. */
static u32 memdiag_list_count(const struct list_head *head, u32 max)
{
	const struct list_head *curr;
	u32 n = 0;

	list_for_each(curr, head)
		if (++n >= max)
			break;
	return n;
}

/* As pagetypeinfo prints it: a count of the cap or more is cut to it. */
static void memdiag_type_free_set(struct memdiag_zone_now *s, unsigned int o,
				  int mt, unsigned long count)
{
	if (count >= MEMDIAG_ZONE_LIST_WALK_MAX) {
		count = MEMDIAG_ZONE_LIST_WALK_MAX;
		__set_bit(o * MIGRATE_TYPES + mt, s->type_truncated);
	}
	s->type_free[o][mt] = count;
}

/*
 * Free blocks of order @o per migratetype, the numbers of
 * pagetypeinfo_showfree_print(). Under zone->lock an order's nr_free is the
 * length of its lists together: every block put on or taken off a free
 * list moves nr_free with it, a block moved between lists does not (5.10
 * to 7.2, mm/page_alloc.c). So one hold walks the other lists, usually
 * short or empty, and the movable list, usually the longest, is what
 * remains of nr_free: the count a walk in that hold would have found.
 * Should the other lists hold MEMDIAG_ZONE_LIST_WALK_MAX entries or more,
 * that hold ends where the cap is reached, and the list it stopped in, the
 * lists after it and the movable list are walked one per hold.
 */
static void memdiag_zone_count_order(struct zone *z, unsigned int o,
				     struct memdiag_zone_now *s)
{
	struct free_area *area = &z->free_area[o];
	unsigned long flags, nr_free, todo = 0;	/* lists left to walk */
	u32 walked = 0;
	int mt;

	spin_lock_irqsave(&z->lock, flags);
	nr_free = area->nr_free;
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		u32 n;

		if (mt == MIGRATE_MOVABLE)
			continue;
		n = memdiag_list_count(&area->free_list[mt],
				       MEMDIAG_ZONE_LIST_WALK_MAX - walked);
		if (walked + n >= MEMDIAG_ZONE_LIST_WALK_MAX) {
			todo = GENMASK(MIGRATE_TYPES - 1, mt);
			break;
		}
		walked += n;
		s->type_free[o][mt] = n;
	}
	/* (nr_free < walked: not the kernel described above; walk it.) */
	if (!todo && nr_free >= walked)
		memdiag_type_free_set(s, o, MIGRATE_MOVABLE, nr_free - walked);
	else
		todo |= BIT(MIGRATE_MOVABLE);
	spin_unlock_irqrestore(&z->lock, flags);

	for_each_set_bit(mt, &todo, MIGRATE_TYPES) {
		cond_resched();
		spin_lock_irqsave(&z->lock, flags);
		memdiag_type_free_set(s, o, mt,
				      memdiag_list_count(&area->free_list[mt],
							 MEMDIAG_ZONE_LIST_WALK_MAX));
		spin_unlock_irqrestore(&z->lock, flags);
	}
}

static void memdiag_zone_read(struct zone *z, int nid, int zidx,
			      struct memdiag_zone_now *s)
{
	unsigned int o;
	int mt, i;
	u32 from = 0;

	memdiag_zone_snap(&s->snap, z, nid, zidx);
	s->name = z->name;
	s->spanned = READ_ONCE(z->spanned_pages);
	s->present = READ_ONCE(z->present_pages);
	for (i = 0; i < NR_WMARK; i++)
		s->wmark[i] = READ_ONCE(z->_watermark[i]) + s->snap.boost;
	s->highatomic_unusable = memdiag_zone_highatomic_unusable(z);
	s->free_cma = zone_page_state(z, NR_FREE_CMA_PAGES);

	bitmap_zero(s->type_truncated, MEMDIAG_NR_ORDERS * MIGRATE_TYPES);
	for (o = 0; o < MEMDIAG_NR_ORDERS; o++) {
		memdiag_zone_count_order(z, o, s);
		cond_resched();
	}

	/*
	 * For the watermark checks: the orders whose nr_free (read without
	 * the lock) is 0 offer no block, whatever their lists held a moment
	 * later, as in __zone_watermark_ok().
	 */
	for (o = MEMDIAG_NR_ORDERS; o-- > 0;) {
		for (mt = 0; mt < MIGRATE_TYPES && s->snap.free_blocks[o]; mt++)
			if (s->type_free[o][mt])
				from |= BIT(mt);
		s->types_from[o] = from;
	}
}

/* The migratetypes whose blocks a request with alloc flags @flags may take. */
static u32 memdiag_usable_types(unsigned int flags)
{
	u32 types = 0;
	int mt;

	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		if (mt < MIGRATE_PCPTYPES ||
		    (is_migrate_cma(mt) && (flags & MD_ALLOC_CMA)) ||
		    (mt == MIGRATE_HIGHATOMIC && (flags & MD_ALLOC_HIGHATOMIC)))
			types |= BIT(mt);
	return types;
}

/*
 * __zone_watermark_ok() for one gfp class on the values read, the part
 * that does not depend on the order (nor do the flags, above order 0).
 */
struct memdiag_class_check {
	bool skip;		/* the class never allocates from this zone */
	long free;		/* free pages it may use, before the order's */
	long need[3];		/* min, low, high: the mark and lowmem_reserve */
	u32 usable;		/* the migratetypes whose blocks it may take */
};

static void memdiag_class_check_init(struct memdiag_class_check *cc,
				     const struct memdiag_zone_now *s,
				     gfp_t gfp, unsigned int order)
{
	static const int marks[] = { WMARK_MIN, WMARK_LOW, WMARK_HIGH };
	unsigned int flags = memdiag_alloc_flags(gfp, order);
	int highest = gfp_zone(gfp), i;

	/* The class never allocates from zones above its highest. */
	cc->skip = s->snap.zone > highest;
	if (cc->skip)
		return;

	/* __zone_watermark_unusable_free(), but for the order's own pages */
	cc->free = s->snap.free;
	if (!(flags & MD_ALLOC_RESERVES))
		cc->free -= s->highatomic_unusable;
	if (IS_ENABLED(CONFIG_CMA) && !(flags & MD_ALLOC_CMA))
		cc->free -= s->free_cma;

	for (i = 0; i < ARRAY_SIZE(marks); i++) {
		long min = s->wmark[marks[i]];

		if (flags & MD_ALLOC_MIN_RESERVE) {
			min -= min / 2;
			if (flags & MD_ALLOC_NON_BLOCK)
				min -= min / 4;
		}
		cc->need[i] = min + s->snap.lowmem_reserve[highest];
	}
	cc->usable = memdiag_usable_types(flags);
}

/* The rest of __zone_watermark_ok(): one order, one mark (0 min ... 2 high). */
static enum memdiag_wmark_verdict
memdiag_wmark_check(const struct memdiag_zone_now *s,
		    const struct memdiag_class_check *cc, unsigned int order,
		    int mark)
{
	if (cc->free - ((1L << order) - 1) <= cc->need[mark])
		return MEMDIAG_WMARK_VERDICT_BELOW;
	if (!order)
		return MEMDIAG_WMARK_VERDICT_OK;

	/* A free block of this order or above on a list the request may use. */
	if (s->types_from[order] & cc->usable)
		return MEMDIAG_WMARK_VERDICT_OK;
	return MEMDIAG_WMARK_VERDICT_NO_BLOCK;
}

/* fill_contig_page_info() of mm/vmstat.c. */
struct memdiag_contig_info {
	u64 free_pages, blocks_total, blocks_suitable;
};

static void memdiag_contig_info(const struct memdiag_zone_now *s,
				unsigned int suitable_order,
				struct memdiag_contig_info *info)
{
	unsigned int o;

	info->free_pages = 0;
	info->blocks_total = 0;
	info->blocks_suitable = 0;
	for (o = 0; o < MEMDIAG_NR_ORDERS; o++) {
		u64 blocks = s->snap.free_blocks[o];

		info->blocks_total += blocks;
		info->free_pages += blocks << o;
		if (o >= suitable_order)
			info->blocks_suitable += blocks << (o - suitable_order);
	}
}

/* unusable_free_index() of mm/vmstat.c. */
static u32 memdiag_unusable_index(const struct memdiag_contig_info *info,
				  unsigned int order)
{
	u64 free_pages = info->free_pages, suitable = info->blocks_suitable;

	if (!free_pages)
		return 1000;
	return div_u64((free_pages - (suitable << order)) * 1000ULL, free_pages);
}

/* __fragmentation_index() of mm/vmstat.c. */
static s32 memdiag_extfrag_index(const struct memdiag_contig_info *info,
				 unsigned int order)
{
	u64 free_pages = info->free_pages, total = info->blocks_total;
	u64 suitable = info->blocks_suitable;
	unsigned long requested = 1UL << order;

	if (!total)
		return 0;
	if (suitable)
		return -1000;
	return 1000 - div_u64(1000 + div_u64(free_pages * 1000ULL, requested),
			      total);
}

/*
 * An order's attributes (about 45: two thirds of a zone's message) are
 * written straight into the message once its room is checked, not one
 * nla_put() at a time, each checking the room and finding the tail again:
 * the same bytes, padding included, in a fraction of the time (under
 * emulation the nla_put() calls were most of a dump's time in the kernel).
 */
static void *memdiag_attr_hdr(void *p, int type, int len)
{
	struct nlattr *nla = p;

	nla->nla_type = type;
	nla->nla_len = nla_attr_size(len);
	return p;
}

static void *memdiag_attr(void *p, int type, const void *data, int len)
{
	struct nlattr *nla = memdiag_attr_hdr(p, type, len);

	memcpy(nla_data(nla), data, len);
	memset((char *)nla_data(nla) + len, 0, nla_padlen(len));
	return (char *)p + nla_total_size(len);
}

static void *memdiag_attr_flag(void *p, int type)
{
	return (char *)memdiag_attr_hdr(p, type, 0) + nla_total_size(0);
}

static void *memdiag_attr_u32(void *p, int type, u32 value)
{
	return memdiag_attr(p, type, &value, sizeof(value));
}

/*
 * A name of at most 15 characters from a NUL-padded 16-byte buffer: copied
 * in one of four fixed sizes, the padding with it, since a copy of a length
 * known only at run time is a "rep movsb" that TCG runs a byte at a time.
 */
static void *memdiag_attr_name(void *p, int type, const char (*name)[16],
			       int len)
{
	void *data = nla_data(memdiag_attr_hdr(p, type, len));

	switch (NLA_ALIGN(len)) {
	case 4:
		memcpy(data, name, 4);
		break;
	case 8:
		memcpy(data, name, 8);
		break;
	case 12:
		memcpy(data, name, 12);
		break;
	default:
		memcpy(data, name, 16);
		break;
	}
	return (char *)p + nla_total_size(len);
}

/* nla_put_u64_64bit(): where unaligned access is slow, the u64 aligned. */
static void *memdiag_attr_u64(void *p, int type, u64 value, int pad)
{
	if (!IS_ENABLED(CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS) &&
	    IS_ALIGNED((unsigned long)p, 8))
		p = memdiag_attr_flag(p, pad);
	return memdiag_attr(p, type, &value, sizeof(value));
}

/* nla_nest_start(): the nest's length is set by memdiag_attr_nest_end(). */
static void *memdiag_attr_nest(void *p, int type)
{
	return memdiag_attr_hdr(p, type | NLA_F_NESTED, 0);
}

static void *memdiag_attr_nest_end(void *nest, void *end)
{
	((struct nlattr *)nest)->nla_len = (char *)end - (char *)nest;
	return end;
}

/* The most an order's attributes take (names of 16 bytes at most). */
static int memdiag_order_room(void)
{
	int u32_sz = nla_total_size(sizeof(u32));
	int u64_sz = nla_total_size_64bit(sizeof(u64));
	int type = nla_total_size(0) + u32_sz + nla_total_size(16) + u64_sz +
		   nla_total_size(0);
	int check = nla_total_size(0) + 4 * u32_sz;

	return nla_total_size(0) + u32_sz + u64_sz + MIGRATE_TYPES * type +
	       2 * u32_sz + ARRAY_SIZE(memdiag_class_gfp) * check;
}

/* What the orders of one zone's message share, worked out once. */
struct memdiag_zone_put {
	const struct memdiag_zone_now *s;
	/* Per gfp class: for order 0, for the orders above. */
	struct memdiag_class_check cc[ARRAY_SIZE(memdiag_class_gfp)][2];
	char type_name[MIGRATE_TYPES][16];	/* NUL-padded */
	int type_name_len[MIGRATE_TYPES];	/* with the NUL */
};

static void memdiag_zone_put_init(struct memdiag_zone_put *zp,
				  const struct memdiag_zone_now *s)
{
	unsigned int c;
	int mt;

	zp->s = s;
	for (c = 0; c < ARRAY_SIZE(memdiag_class_gfp); c++) {
		memdiag_class_check_init(&zp->cc[c][0], s, memdiag_class_gfp[c], 0);
		memdiag_class_check_init(&zp->cc[c][1], s, memdiag_class_gfp[c], 1);
	}
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		zp->type_name_len[mt] = strscpy_pad(zp->type_name[mt],
						    memdiag_migratetype_name(mt),
						    sizeof(zp->type_name[mt])) + 1;
}

static void *memdiag_put_checks(void *p, const struct memdiag_zone_put *zp,
				unsigned int order)
{
	unsigned int c;
	int a;

	for (c = 0; c < ARRAY_SIZE(memdiag_class_gfp); c++) {
		const struct memdiag_class_check *cc = &zp->cc[c][order > 0];
		void *nest;

		if (cc->skip)
			continue;
		nest = memdiag_attr_nest(p, MEMDIAG_A_ZONE_ORDER_CHECK);
		p = memdiag_attr_u32(nla_data(nest), MEMDIAG_A_ZONE_CHECK_CLASS, c);
		for (a = MEMDIAG_A_ZONE_CHECK_MIN; a <= MEMDIAG_A_ZONE_CHECK_HIGH; a++)
			p = memdiag_attr_u32(p, a,
					     memdiag_wmark_check(zp->s, cc, order,
								 a - MEMDIAG_A_ZONE_CHECK_MIN));
		p = memdiag_attr_nest_end(nest, p);
	}
	return p;
}

static int memdiag_put_order(struct sk_buff *skb,
			     const struct memdiag_zone_put *zp,
			     unsigned int order)
{
	const struct memdiag_zone_now *s = zp->s;
	struct memdiag_contig_info info;
	void *nest, *p;
	int mt;

	if (skb_tailroom(skb) < memdiag_order_room())
		return -EMSGSIZE;
	nest = memdiag_attr_nest(skb_tail_pointer(skb), MEMDIAG_A_ZONE_ORDER);
	p = memdiag_attr_u32(nla_data(nest), MEMDIAG_A_ZONE_ORDER_ORDER, order);
	p = memdiag_attr_u64(p, MEMDIAG_A_ZONE_ORDER_FREE_BLOCKS,
			     s->snap.free_blocks[order], MEMDIAG_A_ZONE_ORDER_PAD);
	for (mt = 0; mt < MIGRATE_TYPES; mt++) {
		void *t = memdiag_attr_nest(p, MEMDIAG_A_ZONE_ORDER_TYPE_FREE);

		p = memdiag_attr_u32(nla_data(t),
				     MEMDIAG_A_ZONE_TYPE_FREE_MIGRATETYPE, mt);
		p = memdiag_attr_name(p, MEMDIAG_A_ZONE_TYPE_FREE_NAME,
				      &zp->type_name[mt], zp->type_name_len[mt]);
		p = memdiag_attr_u64(p, MEMDIAG_A_ZONE_TYPE_FREE_COUNT,
				     s->type_free[order][mt],
				     MEMDIAG_A_ZONE_TYPE_FREE_PAD);
		if (test_bit(order * MIGRATE_TYPES + mt, s->type_truncated))
			p = memdiag_attr_flag(p, MEMDIAG_A_ZONE_TYPE_FREE_TRUNCATED);
		p = memdiag_attr_nest_end(t, p);
	}
	memdiag_contig_info(s, order, &info);
	p = memdiag_attr_u32(p, MEMDIAG_A_ZONE_ORDER_UNUSABLE_INDEX,
			     memdiag_unusable_index(&info, order));
	p = memdiag_attr_u32(p, MEMDIAG_A_ZONE_ORDER_EXTFRAG_INDEX,
			     memdiag_extfrag_index(&info, order));
	p = memdiag_put_checks(p, zp, order);
	__skb_put(skb, (char *)memdiag_attr_nest_end(nest, p) -
		  (char *)skb_tail_pointer(skb));
	return 0;
}

static int memdiag_put_zone(struct sk_buff *skb,
			    const struct memdiag_zone_now *s)
{
	const int pad = MEMDIAG_A_ZONE_PAD;
	struct memdiag_zone_put zp;
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
	memdiag_zone_put_init(&zp, s);
	for (o = 0; o < MEMDIAG_NR_ORDERS; o++)
		if (memdiag_put_order(skb, &zp, o))
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
	/*
	 * All sent: 0 lets netlink_dump() put NLMSG_DONE in this same
	 * message, which saves the reader a recv() and the kernel a dump call.
	 */
	return d->next < d->nr ? skb->len : 0;
}
