// SPDX-License-Identifier: GPL-2.0
/*
 * Why a page allocation failed, from the zones at that moment: see
 * zoneverdict.h. The rules, from mm/page_alloc.c (2.6.x to 7.2):
 *
 * Which zones. The zonelist walk (for_next_zone_zonelist_nodemask) takes
 * the zones at or below the request's highest zone (gfp_zone(); a live
 * record's high_zone, an index; else the decoded mask's zone, compared by
 * name: DMA < DMA32 < Normal < HighMem < Movable; Device zones never), on
 * the nodes of its nodemask (NULL or "(null)": all), of its cpuset's
 * mems_allowed unless ALLOC_CPUSET is dropped (non-blocking __GFP_HIGH on
 * 6.3+, __GFP_ATOMIC on 4.4-6.2, !__GFP_WAIT before) and, for
 * __GFP_THISNODE, on the preferred node only. Without __GFP_HARDWALL the
 * cpuset is a soft wall (an ancestor's nodes may do): such a node is
 * "maybe".
 *
 * The check, per zone, is __zone_watermark_ok() with the min watermark:
 * the failure is reported at the end of __alloc_pages_slowpath(), whose
 * last attempts use ALLOC_WMARK_MIN (gfp_to_alloc_flags()).
 *   mark = min; __GFP_HIGH (ALLOC_HIGH / ALLOC_MIN_RESERVE): mark -= mark/2;
 *   then "harder" (ALLOC_HARDER before 6.3, ALLOC_NON_BLOCK with
 *   ALLOC_MIN_RESERVE since): mark -= mark/4. Harder is: before 4.4 any
 *   !__GFP_WAIT request, 4.4-6.2 __GFP_ATOMIC, 6.3+ __GFP_HIGH without
 *   __GFP_DIRECT_RECLAIM; never with __GFP_NOMEMALLOC. (Real-time tasks
 *   and OOM victims get more: a record cannot tell, so not applied.)
 *   avail = free - (2^order - 1)
 *           - the highatomic reserve, unless the request may use it
 *             (4.4-6.2: harder; 6.3+: ALLOC_RESERVES, i.e. __GFP_HIGH or
 *             non-blocking without __GFP_NOMEMALLOC); when the record
 *             lacks it, nothing is subtracted and the text says so
 *           - the free CMA pages for a non-movable request (no ALLOC_CMA)
 *   need = mark + lowmem_reserve[the request's highest zone]
 *   watermark met: avail > need.
 *   Since 4.4 an order > 0 request also needs one free block of order >=
 *   its order in a type it may take: U, M, E (and R before 4.4), C only if
 *   movable (ALLOC_CMA), H only with ALLOC_HIGHATOMIC (6.3+: order > 0,
 *   __GFP_HIGH, non-blocking; before: harder). Where Mem-Info printed the
 *   letters, only those count. Where not (a live record: the module cannot
 *   count the free lists per migratetype without zone->lock), the blocks
 *   of order >= N may all be CMA for a non-movable request when the free
 *   CMA pages could hold them all (free_cma >= the sum of blocks(o) << o,
 *   o >= N: a free CMA block of order o is 2^o free CMA pages): then it is
 *   taken as no usable block ("fragmentation", naming CMA), else at least
 *   one is not CMA. ALLOC_CMA is gfp_migratetype() == MIGRATE_MOVABLE
 *   (gfp_to_alloc_flags_cma(), 4.x to 7.2), __GFP_MOVABLE here; a kernel
 *   with page_group_by_mobility_disabled (tiny memory) never sets it,
 *   which a record cannot tell. Before 4.4 instead: for each order o below
 *   the request's, avail -= blocks(o) << o, mark >>= 1, fail if avail <=
 *   mark.
 * lowmem_reserve: a live record gives the zone indices, so the entry at
 * the request's highest zone index is taken. From names only (Mem-Info),
 * the entry is found from the values: a zone's lowmem_reserve[] rises once
 * for each populated zone above it (empty zones add nothing), so against a
 * request whose highest populated usable zone on that node is k zones
 * above this one, the reserve is the k-th distinct value; if the rises do
 * not match the zones printed above it, the reserve is unknown.
 *
 * When the kernel version is not known (kver 0), every generation's rules
 * are tried, and so is each value of a gfp bit that was not decoded
 * (MD_UNSURE): a zone whose result differs between them "depends", and a
 * verdict that needs it is "unknown". So is one that needs a number that
 * was not read (its present bit clear).
 *
 * The verdict, first that holds:
 *   the order, the mask or every zone not read: unknown;
 *   a usable zone passes as printed: could not wait (no direct reclaim:
 *     the memory came back, through kswapd, after it gave up), costly
 *     order given up (order > 3 or __GFP_NORETRY), else zones would pass
 *     (freed between the failure and the print, or the per-cpu lists and
 *     the highatomic reserve that the counts do not show);
 *   a zone whose use or result is not known: unknown;
 *   no usable zone, or a zone it may not use would have passed: restricted;
 *   every usable zone at or below its watermark: could not wait if it
 *     could not reclaim (atomic/NOWAIT: vm.min_free_kbytes helps), else
 *     shortage;
 *   else (a zone had the pages, not the block): fragmentation (naming
 *     CMA when the blocks left are, or may all be, CMA ones).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "zoneverdict.h"

#define ZS_HAS(z, a) MD_HAS((z)->present, MEMDIAG_A_ZONE_SNAP_##a)
#define COSTLY_ORDER 3		/* PAGE_ALLOC_COSTLY_ORDER */
#define ZV_BIG (LLONG_MAX / 8)	/* numbers saturate here */
#define ZV_NODES 1024		/* nodes a mask may name */

/* The kernel generations whose rules differ. */
enum { GEN_OLD, GEN_MID, GEN_NEW, NR_GEN };	/* < 4.4, 4.4-6.2, 6.3+ */
static const char *const gen_names[NR_GEN] = { "before 4.4", "4.4-6.2", "6.3 and later" };

/* One reading of the request: a generation and each gfp bit decided. */
struct zv_flags {
	int gen;
	bool high, dr, nomemalloc, movable, atomic, hardwall, thisnode;
};

/* The gfp bits the rules consult, in zv_flags order. */
enum { TB_HIGH, TB_DR, TB_NOMEMALLOC, TB_MOVABLE, TB_ATOMIC, TB_HARDWALL,
	TB_THISNODE, NR_TB };
static const char *const tb_names[NR_TB] = {
	"__GFP_HIGH", "__GFP_DIRECT_RECLAIM", "__GFP_NOMEMALLOC",
	"__GFP_MOVABLE", "__GFP_ATOMIC", "__GFP_HARDWALL", "__GFP_THISNODE",
};

static enum md_tri zv_tb(const struct md_gfp *g, int i)
{
	if (!g)
		return MD_UNSURE;
	switch (i) {
	case TB_HIGH:		return g->high;
	case TB_DR:		return g->direct_reclaim;
	case TB_NOMEMALLOC:	return g->nomemalloc;
	case TB_MOVABLE:	return g->movable;
	case TB_ATOMIC:		return g->atomic;
	case TB_HARDWALL:	return g->hardwall;
	default:		return g->thisnode;
	}
}

static long long zv_ll(uint64_t v)
{
	return v > (uint64_t)ZV_BIG ? ZV_BIG : (long long)v;
}

/* ---- which zones ------------------------------------------------------- */

/* A zone name's rank (DMA 0 .. Movable 4); -2 Device; -1 unknown. */
static int zv_name_rank(const char *name)
{
	static const char *const names[] = {
		"DMA", "DMA32", "Normal", "HighMem", "Movable",
	};
	size_t i;

	if (!name)
		return -1;
	if (!strcmp(name, "Device"))
		return -2;
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

static int zv_gfp_rank(const struct md_gfp *g)
{
	if (!g)
		return -1;
	switch (g->zone) {
	case MD_GZ_DMA:		return 0;
	case MD_GZ_DMA32:	return 1;
	case MD_GZ_NORMAL:	return 2;
	case MD_GZ_HIGHMEM:	return 3;
	case MD_GZ_MOVABLE:	return 4;
	default:		return -1;
	}
}

/*
 * A node list as the kernel prints it ("0-1,3"; %*pbl): 1 and @set filled,
 * 0 for all nodes (NULL, "", "(null)"), -1 if it cannot be read.
 */
static int zv_nodes_parse(const char *s, unsigned char *set)
{
	const char *p = s;

	memset(set, 0, ZV_NODES / 8);
	if (!s || !*s || !strcmp(s, "(null)"))
		return 0;
	while (*p) {
		char *end;
		unsigned long a, b;

		if (*p < '0' || *p > '9')
			return -1;
		a = strtoul(p, &end, 10);
		b = a;
		if (*end == '-') {
			p = end + 1;
			if (*p < '0' || *p > '9')
				return -1;
			b = strtoul(p, &end, 10);
		}
		if (a > b || b >= ZV_NODES)
			return -1;
		for (; a <= b; a++)
			set[a / 8] |= 1u << (a % 8);
		p = end;
		if (*p == ',')
			p++;
		else if (*p)
			return -1;
	}
	return 1;
}

static bool zv_node_in(const unsigned char *set, uint32_t node)
{
	return node < ZV_NODES && (set[node / 8] & (1u << (node % 8)));
}

/* What the verdict knows of the request, worked out once. */
struct zv_ctx {
	const struct md_zv_req *req;
	const struct md_zone_snap *zones;
	size_t n;
	int req_rank;		/* gfp zone rank, -1 unknown */
	bool live;		/* zone indices: high_zone >= 0 */
	int nm_kind, ma_kind;	/* zv_nodes_parse() results */
	unsigned char nm[ZV_NODES / 8], ma[ZV_NODES / 8];
	bool one_node;		/* every zone on the same node (or none said) */
};

/* Whether zone @z is within the request's zone limit (no flags matter). */
static enum md_tri zv_zone_limit(const struct zv_ctx *c,
				 const struct md_zone_snap *z)
{
	int rank = zv_name_rank(z->name);

	if (rank == -2)
		return MD_NO;
	if (c->live && ZS_HAS(z, ZONE))
		return (int)z->zone <= c->req->high_zone ? MD_YES : MD_NO;
	if (rank < 0 || c->req_rank < 0)
		return MD_UNSURE;
	return rank <= c->req_rank ? MD_YES : MD_NO;
}

static enum md_tri zv_and(enum md_tri a, enum md_tri b)
{
	if (a == MD_NO || b == MD_NO)
		return MD_NO;
	if (a == MD_UNSURE || b == MD_UNSURE)
		return MD_UNSURE;
	return MD_YES;
}

/* Whether the request, read as @f, may use zone @z. */
static enum md_tri zv_use(const struct zv_ctx *c, const struct md_zone_snap *z,
			  const struct zv_flags *f)
{
	enum md_tri use = zv_zone_limit(c, z);
	bool has_node = ZS_HAS(z, NODE);
	bool cpuset;

	if (c->nm_kind < 0)
		use = zv_and(use, MD_UNSURE);
	else if (c->nm_kind > 0)
		use = zv_and(use, !has_node ? MD_UNSURE :
			     zv_node_in(c->nm, z->node) ? MD_YES : MD_NO);
	if (f->thisnode && !c->one_node)
		use = zv_and(use, !has_node || c->req->preferred_node < 0 ?
			     MD_UNSURE : (int)z->node == c->req->preferred_node ?
			     MD_YES : MD_NO);
	/* ALLOC_CPUSET, dropped by the generation's atomic rule. */
	switch (f->gen) {
	case GEN_NEW:
		cpuset = !(f->high && !f->dr);
		break;
	case GEN_MID:
		cpuset = !f->atomic;
		break;
	default:
		cpuset = f->dr;
	}
	if (cpuset && c->ma_kind < 0)
		use = zv_and(use, MD_UNSURE);
	else if (cpuset && c->ma_kind > 0)
		use = zv_and(use, !has_node ? MD_UNSURE :
			     zv_node_in(c->ma, z->node) ? MD_YES :
			     f->hardwall ? MD_NO : MD_UNSURE);
	return use;
}

/*
 * Whether an array of @z was read whole: its present bit, but a live
 * record (high_zone >= 0, the module's) sets none for its arrays: there,
 * any entries (the module sends them all or none).
 */
static bool zv_have_array(const struct zv_ctx *c, const struct md_zone_snap *z,
			  int attr, size_t nr)
{
	return nr && (MD_HAS(z->present, attr) || c->live);
}

/* ---- lowmem_reserve ------------------------------------------------------ */

static bool zv_same_node(const struct md_zone_snap *a,
			 const struct md_zone_snap *b)
{
	bool ha = ZS_HAS(a, NODE), hb = ZS_HAS(b, NODE);

	return ha == hb && (!ha || a->node == b->node);
}

/*
 * What zone @i keeps back from this request: lowmem_reserve[] at the
 * request's highest zone (see the top of this file). -1 if unknown.
 */
static long long zv_reserve(const struct zv_ctx *c, size_t i)
{
	const struct md_zone_snap *z = &c->zones[i];
	bool have = zv_have_array(c, z, MEMDIAG_A_ZONE_SNAP_LOWMEM_RESERVE,
				  z->nr_lowmem_reserve);
	int rank = zv_name_rank(z->name), k = 0, m = 0, steps = 0;
	size_t at = 0;
	uint64_t prev = 0;
	size_t j;

	if (c->live && ZS_HAS(z, ZONE)) {
		if ((int)z->zone >= c->req->high_zone)
			return 0;
		if (!have || (size_t)c->req->high_zone >= z->nr_lowmem_reserve)
			return -1;
		return zv_ll(z->lowmem_reserve[c->req->high_zone]);
	}
	if (rank < 0 || c->req_rank < 0)
		return -1;
	/* The highest usable zone printed on this node, and those above. */
	for (j = 0; j < c->n; j++) {
		int r = zv_name_rank(c->zones[j].name);

		if (!zv_same_node(z, &c->zones[j]) || r <= rank)
			continue;
		m++;
		if (r <= c->req_rank)
			k++;
	}
	if (!k)
		return 0;
	if (!have)
		return -1;
	for (j = 0; j < z->nr_lowmem_reserve; j++) {
		if (z->lowmem_reserve[j] > prev) {
			steps++;
			if (steps == k)
				at = j;		/* where the k-th rise is */
		} else if (z->lowmem_reserve[j] < prev) {
			return -1;		/* not the kernel's shape */
		}
		prev = z->lowmem_reserve[j];
	}
	if (steps != m)
		return -1;
	return zv_ll(z->lowmem_reserve[at]);
}

/* ---- the check ------------------------------------------------------------ */

/* A free block's migratetype letter the request may take, under @f. */
static bool zv_letter_ok(char l, const struct zv_flags *f, unsigned int order)
{
	bool harder;

	switch (l) {
	case 'U': case 'M': case 'E':
		return true;
	case 'R':
		return f->gen == GEN_OLD;	/* MIGRATE_RESERVE */
	case 'C':
		return f->movable;
	case 'H':
		if (f->gen == GEN_NEW)
			return order > 0 && f->high && !f->dr &&
			       !f->nomemalloc;
		harder = (f->gen == GEN_MID ? f->atomic : !f->dr) &&
			 !f->nomemalloc;
		return harder;
	default:
		return false;		/* I(solate) and what is not known */
	}
}

struct zv_res {
	enum md_zv_check check;
	long long wmark, avail;
	const char *missing;
	bool cma_blocks;	/* BLOCK: the blocks may all be CMA */
	bool cma_known;		/* BLOCK: the letters say C, which it may not take */
};

/* Zone @i's free CMA pages: the snapshot's, else Mem-Info's; -1 unknown. */
static long long zv_free_cma(const struct zv_ctx *c, size_t i)
{
	const struct md_zone_snap *z = &c->zones[i];
	const struct md_sm_zone *zx = c->req->zx ? &c->req->zx[i] : NULL;

	if (ZS_HAS(z, FREE_CMA))
		return zv_ll(z->free_cma);
	return zx && zx->free_cma >= 0 ? zx->free_cma : -1;
}

static void zv_check(const struct zv_ctx *c, size_t i, long long reserve,
		     const struct zv_flags *f, struct zv_res *r)
{
	const struct md_zone_snap *z = &c->zones[i];
	const struct md_sm_zone *zx = c->req->zx ? &c->req->zx[i] : NULL;
	unsigned int order = c->req->order, o;
	long long mark, avail, cma = zv_free_cma(c, i), unlettered = 0;
	bool harder, reserves, block = false, block_maybe = false, c_seen = false;

	memset(r, 0, sizeof(*r));
	r->wmark = r->avail = -1;
	r->check = MD_ZVC_MISSING;
	if (!ZS_HAS(z, FREE)) {
		r->missing = "free";
		return;
	}
	if (!ZS_HAS(z, MIN)) {
		r->missing = "min";
		return;
	}
	if (reserve < 0) {
		r->missing = "lowmem_reserve";
		return;
	}
	if (order && !zv_have_array(c, z, MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS,
				    z->nr_free_blocks)) {
		r->missing = "the free blocks per order";
		return;
	}
	if (order >= 31) {	/* no kernel has such an order */
		r->check = MD_ZVC_BLOCK;
		return;
	}

	switch (f->gen) {
	case GEN_NEW:
		harder = f->high && !f->dr && !f->nomemalloc;
		reserves = f->high || (!f->dr && !f->nomemalloc);
		break;
	case GEN_MID:
		harder = f->atomic && !f->nomemalloc;
		reserves = harder;
		break;
	default:
		harder = !f->dr && !f->nomemalloc;
		reserves = true;	/* no highatomic reserve yet */
	}
	mark = zv_ll(z->min);
	if (f->high)
		mark -= mark / 2;
	if (harder)
		mark -= mark / 4;
	avail = zv_ll(z->free) - ((1LL << order) - 1);
	if (!reserves && ZS_HAS(z, HIGHATOMIC))
		avail -= zv_ll(z->highatomic);
	if (!f->movable && cma > 0)
		avail -= cma;
	r->wmark = mark;
	r->avail = avail;
	if (avail <= mark + reserve) {
		r->check = MD_ZVC_WMARK;
		return;
	}
	if (!order) {
		r->check = MD_ZVC_PASS;
		return;
	}
	if (f->gen == GEN_OLD) {
		for (o = 0; o < order; o++) {
			if (o < z->nr_free_blocks) {
				uint64_t b = z->free_blocks[o];

				avail -= b > (uint64_t)(ZV_BIG >> o) ?
					 ZV_BIG : (long long)(b << o);
			}
			mark >>= 1;
			if (avail <= mark) {
				r->check = MD_ZVC_BLOCK;
				return;
			}
		}
		r->check = MD_ZVC_PASS;
		return;
	}
	for (o = order; o < z->nr_free_blocks && !block; o++) {
		const char *l = zx && o < MD_SM_ORDERS && zx->types[o][0] ?
				zx->types[o] : NULL;
		size_t k;

		if (!z->free_blocks[o])
			continue;
		if (!l) {
			uint64_t b = z->free_blocks[o];

			/* Not told: they could be CMA blocks it may not take. */
			if (f->movable || cma <= 0) {
				block = true;
				continue;
			}
			block_maybe = true;
			unlettered += b > (uint64_t)(ZV_BIG >> o) ?
				      ZV_BIG : (long long)(b << o);
			if (unlettered > ZV_BIG)
				unlettered = ZV_BIG;
			continue;
		}
		for (k = 0; k < sizeof(zx->types[o]) && l[k]; k++) {
			if (zv_letter_ok(l[k], f, order))
				block = true;
			else if (l[k] == 'C')
				c_seen = true;
		}
	}
	/*
	 * More pages in those blocks than free CMA pages: one at least is not
	 * CMA. Else they may all be (lettered C blocks would only leave less
	 * CMA to them; Mem-Info prints letters for every order or for none).
	 */
	if (block_maybe && !block && unlettered > cma)
		block = true;
	if (block) {
		r->check = MD_ZVC_PASS;
	} else {
		r->check = MD_ZVC_BLOCK;
		r->cma_blocks = block_maybe || c_seen;
		r->cma_known = c_seen && !block_maybe;
	}
}

/* ---- the readings ---------------------------------------------------------- */

/*
 * Every reading of the request that the unknowns allow; the first is the
 * likeliest (the kernel's own generation, or the newest; unsure bits off).
 */
static size_t zv_readings(const struct md_zv_req *req, struct zv_flags *fl,
			  size_t max, bool *gen_known)
{
	enum md_tri t[NR_TB];
	int gens[NR_GEN], ng = 0, g, b;
	unsigned int combo, unsure = 0, ncombo;
	size_t n = 0;

	for (b = 0; b < NR_TB; b++) {
		t[b] = zv_tb(req->gfp, b);
		if (t[b] == MD_UNSURE)
			unsure |= 1u << b;
	}
	*gen_known = req->kver != 0;
	if (!req->kver) {
		gens[ng++] = GEN_NEW;
		gens[ng++] = GEN_MID;
		gens[ng++] = GEN_OLD;
	} else {
		gens[ng++] = req->kver >= md_kver(6, 3, 0) ? GEN_NEW :
			     req->kver >= md_kver(4, 4, 0) ? GEN_MID : GEN_OLD;
	}
	ncombo = 1u << NR_TB;
	for (g = 0; g < ng; g++) {
		for (combo = 0; combo < ncombo && n < max; combo++) {
			bool v[NR_TB];

			if (combo & ~unsure)
				continue;
			for (b = 0; b < NR_TB; b++)
				v[b] = t[b] == MD_UNSURE ? !!(combo & (1u << b)) :
				       t[b] == MD_YES;
			fl[n++] = (struct zv_flags){
				.gen = gens[g], .high = v[TB_HIGH],
				.dr = v[TB_DR], .nomemalloc = v[TB_NOMEMALLOC],
				.movable = v[TB_MOVABLE], .atomic = v[TB_ATOMIC],
				.hardwall = v[TB_HARDWALL],
				.thisnode = v[TB_THISNODE],
			};
		}
	}
	return n;
}

static bool zv_same_bits(const struct zv_flags *a, const struct zv_flags *b)
{
	return a->high == b->high && a->dr == b->dr &&
	       a->nomemalloc == b->nomemalloc && a->movable == b->movable &&
	       a->atomic == b->atomic && a->hardwall == b->hardwall &&
	       a->thisnode == b->thisnode;
}

/* After "gfp bits that were not decoded" or "the kernel version": which. */
static void zv_unsure_text(FILE *f, const struct md_zv_req *req)
{
	const char *sep = " (";
	int b, g;

	for (b = 0; b < NR_TB; b++) {
		if (zv_tb(req->gfp, b) != MD_UNSURE)
			continue;
		fprintf(f, "%s%s", sep, tb_names[b]);
		sep = ", ";
	}
	if (!req->kver) {
		fprintf(f, "%sthe rules of %s", sep, gen_names[0]);
		for (g = 1; g < NR_GEN; g++)
			fprintf(f, "%s%s", g + 1 < NR_GEN ? ", " : " and ",
				gen_names[g]);
		fputs(" differ", f);
		sep = ", ";
	}
	if (*sep == ',')
		fputc(')', f);
}

/* ---- the text ---------------------------------------------------------------- */

static void zv_label(FILE *f, const struct md_zone_snap *z)
{
	if (ZS_HAS(z, NODE))
		fprintf(f, "Node %u ", z->node);
	if (z->name)
		fputs(z->name, f);
	else if (ZS_HAS(z, ZONE))
		fprintf(f, "zone %u", z->zone);
	else
		fputs("zone ?", f);
}

static int zv_largest(const struct zv_ctx *c, const struct md_zone_snap *z)
{
	int o;

	if (!zv_have_array(c, z, MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS,
			   z->nr_free_blocks))
		return -2;
	for (o = (int)z->nr_free_blocks - 1; o >= 0; o--)
		if (z->free_blocks[o])
			return o;
	return -1;
}

/* "Node 0 Normal: free 300 <= need 512 (min 512 + lowmem_reserve 0)" */
static void zv_zone_text(FILE *f, const struct md_zv_zone *v,
			 unsigned int order, bool cmp)
{
	const struct md_zone_snap *z = v->z;
	long long below = order < 31 ? (1LL << order) - 1 : 0;

	zv_label(f, z);
	fprintf(f, ": free %lld", zv_ll(z->free));
	if (v->avail > -1 - below && v->avail != zv_ll(z->free) - below)
		fprintf(f, " (%lld it may count)", v->avail + below);
	if (v->need >= 0) {
		fputs(!cmp ? "," : v->check == MD_ZVC_WMARK ? " <=" : " >", f);
		fprintf(f, " need %lld (min %lld", v->need, zv_ll(z->min));
		if (v->wmark >= 0 && v->wmark != zv_ll(z->min))
			fprintf(f, " cut to %lld", v->wmark);
		fprintf(f, " + lowmem_reserve %lld)", v->reserve);
	}
	if (ZS_HAS(z, LOW) && ZS_HAS(z, HIGH))
		fprintf(f, ", low %lld high %lld", zv_ll(z->low), zv_ll(z->high));
	if (v->free_cma > 0)
		fprintf(f, ", free CMA %lld", v->free_cma);
	if (order && v->largest_order >= 0)
		fprintf(f, ", largest free block order %d", v->largest_order);
	else if (order && v->largest_order == -1)
		fputs(", no free block", f);
}

static void zv_zone_list(FILE *f, const struct md_zv *out, enum md_tri use,
			 int check, unsigned int order, bool cmp)
{
	const char *sep = "";
	size_t i;

	for (i = 0; i < out->nr_zones; i++) {
		const struct md_zv_zone *v = &out->zones[i];

		if (v->use != use || (check >= 0 && (int)v->check != check))
			continue;
		fputs(sep, f);
		zv_zone_text(f, v, order, cmp);
		sep = "; ";
	}
}

static const char *const advice_frag =
	"compaction helps: 'echo 1 > /proc/sys/vm/compact_memory' now, vm.compaction_proactiveness (5.9 and later) to keep memory compacted, a lower vm.extfrag_threshold to compact rather than reclaim; so do fewer high-order requests (driver options: smaller ring buffers or MTU; for huge pages the THP defrag setting, /sys/kernel/mm/transparent_hugepage/defrag). drop_caches and vm.swappiness cure none of this";
static const char *const advice_cma =
	"free CMA pages serve only movable allocations: where no device needs that much contiguous memory, a smaller CMA area (cma= on the kernel command line; CONFIG_CMA_SIZE_MBYTES sets the default) leaves it to every request; ";
static const char *const advice_nowait =
	"vm.min_free_kbytes (and vm.watermark_scale_factor) leave requests that cannot wait more headroom above the min watermark: raise it; or the caller allocates where it may sleep. drop_caches and vm.swappiness cure none of this";
static const char *const advice_short =
	"a real shortage: find the consumer ('memdiagctl summary', 'memdiagctl oom', slabtop for kernel memory), then add RAM or swap, or limit it (memory cgroups). drop_caches only drops what reclaim would have freed anyway; vm.swappiness cures none of it";
static const char *const advice_restr =
	"the memory it may use is what counts: a zone modifier (GFP_DMA or GFP_DMA32 where that zone is small or absent: the driver's DMA mask, coherent_pool=, or a driver fix), or its nodes (mempolicy: numactl, set_mempolicy; cpuset.mems). Free memory elsewhere does not help it; drop_caches and vm.swappiness cure none of this";
static const char *const advice_costly =
	"order > 3 (PAGE_ALLOC_COSTLY_ORDER) and __GFP_NORETRY requests give up early by design and are expected to fail sometimes: the caller has a fallback. drop_caches and vm.swappiness cure none of this";
static const char *const advice_pass =
	"the zones as printed would satisfy it: memory was freed between the failure and the report, or sat on the per-cpu lists or in the highatomic reserve that the counts do not show apart. If it repeats, watch the zones' free pages over time (memdiagctl watch --details)";
static const char *const advice_unknown =
	"the report lacks what the decision needs (see why); a live record ('memdiagctl events --details') has every number";

const char *md_zv_kind_name(enum md_zv_kind kind)
{
	switch (kind) {
	case MD_ZV_SHORTAGE:		return "shortage";
	case MD_ZV_FRAGMENTATION:	return "fragmentation";
	case MD_ZV_NOWAIT:		return "could not wait";
	case MD_ZV_RESTRICTED:		return "restricted";
	case MD_ZV_COSTLY:		return "costly order given up";
	case MD_ZV_PASSES:		return "zones would pass";
	default:			return "unknown";
	}
}

/* ---- the verdict -------------------------------------------------------------- */

#define ZV_MAX_READINGS (NR_GEN << NR_TB)

int md_zone_verdict(const struct md_zv_req *req,
		    const struct md_zone_snap *zones, size_t n,
		    struct md_zv *out)
{
	struct zv_flags fl[ZV_MAX_READINGS];
	struct zv_ctx c = { .req = req, .zones = zones, .n = n };
	const struct md_gfp *g = req->gfp;
	enum md_tri dr = g ? g->direct_reclaim : MD_UNSURE;
	enum md_tri noretry = g ? g->noretry : MD_UNSURE;
	enum md_tri nowarn = g ? g->nowarn : MD_UNSURE;
	size_t nf, i, k, n_use = 0, n_maybe = 0, n_pass = 0, n_wm = 0;
	size_t n_other_pass = 0, n_open = 0;
	bool gen_known, costly, cut, hint_ha = false, hint_cma = false;
	bool any_cma_blocks = false, all_cma_known = true;
	char *why = NULL, *adv = NULL;
	size_t why_len = 0, adv_len = 0;
	const char *open_what = NULL;
	FILE *w, *a;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	out->kind = MD_ZV_UNKNOWN;
	c.req_rank = zv_gfp_rank(g);
	c.live = req->high_zone >= 0;
	c.nm_kind = zv_nodes_parse(req->nodemask, c.nm);
	c.ma_kind = zv_nodes_parse(req->mems_allowed, c.ma);
	c.one_node = true;
	for (i = 1; i < n; i++)
		if (!zv_same_node(&zones[0], &zones[i]))
			c.one_node = false;
	nf = zv_readings(req, fl, ZV_MAX_READINGS, &gen_known);

	if (n) {
		out->zones = calloc(n, sizeof(*out->zones));
		if (!out->zones)
			return -ENOMEM;
		out->nr_zones = n;
	}
	for (i = 0; i < n; i++) {
		struct md_zv_zone *v = &out->zones[i];
		struct zv_res r0 = { .check = MD_ZVC_MISSING }, r;
		enum md_tri use0 = MD_NO;
		bool gen_differs = false;

		v->z = &zones[i];
		v->largest_order = zv_largest(&c, &zones[i]);
		for (k = 0; k < nf; k++) {
			enum md_tri use = zv_use(&c, &zones[i], &fl[k]);

			if (!k)
				use0 = use;
			else if (use != use0)
				use0 = MD_UNSURE;
		}
		v->use = use0;
		v->usable = use0 == MD_YES;
		/* A zone it may not use: would it have passed, were it allowed? */
		v->reserve = use0 == MD_NO ? 0 : zv_reserve(&c, i);
		for (k = 0; k < nf; k++) {
			zv_check(&c, i, v->reserve, &fl[k], k ? &r : &r0);
			if (k && (r.check != r0.check ||
				  (r.check == MD_ZVC_MISSING &&
				   r.missing != r0.missing))) {
				if (fl[k].gen != fl[0].gen &&
				    zv_same_bits(&fl[k], &fl[0]))
					gen_differs = true;
				r0.check = MD_ZVC_DEPENDS;
			}
		}
		v->check = r0.check;
		v->missing = r0.missing;
		if (v->check == MD_ZVC_DEPENDS)
			v->missing = gen_differs && !gen_known ?
				     "the kernel version" :
				     "gfp bits that were not decoded";
		v->wmark = r0.wmark;
		v->avail = r0.avail;
		v->free_cma = zv_free_cma(&c, i);
		v->cma_blocks = r0.check == MD_ZVC_BLOCK && r0.cma_blocks;
		v->cma_known = v->cma_blocks && r0.cma_known;
		v->need = r0.wmark >= 0 && v->reserve >= 0 ?
			  r0.wmark + v->reserve : -1;
		v->mark = 0;
		v->passes = v->check == MD_ZVC_PASS;
		if (!ZS_HAS(&zones[i], HIGHATOMIC))
			hint_ha = true;
		if (v->free_cma < 0 && (!g || g->movable != MD_YES))
			hint_cma = true;

		if (use0 == MD_YES) {
			n_use++;
			if (v->check == MD_ZVC_PASS) {
				n_pass++;
			} else if (v->check == MD_ZVC_WMARK) {
				n_wm++;
			} else if (v->check == MD_ZVC_BLOCK) {
				if (v->cma_blocks)
					any_cma_blocks = true;
				if (v->cma_blocks && !v->cma_known)
					all_cma_known = false;
			} else {
				if (!open_what)
					open_what = v->missing;
				n_open++;
			}
		} else if (use0 == MD_UNSURE) {
			n_maybe++;
		} else if (v->check == MD_ZVC_PASS) {
			n_other_pass++;
		}
	}

	w = open_memstream(&why, &why_len);
	a = open_memstream(&adv, &adv_len);
	if (!w || !a) {
		if (w)
			fclose(w);
		if (a)
			fclose(a);
		free(why);
		free(adv);
		md_zv_free(out);
		return -ENOMEM;
	}
	costly = !req->no_order &&
		 (req->order > COSTLY_ORDER || noretry == MD_YES);

	if (req->no_order) {
		fputs("the order of the request was not read", w);
	} else if (!n) {
		fputs("no zone of the report was read", w);
	} else if (n_pass) {
		if (dr == MD_NO) {
			out->kind = MD_ZV_NOWAIT;
			fputs("a zone it may use passes as printed, so the memory came back (kswapd) after the request, which may not reclaim or sleep, had given up: ", w);
		} else if (dr == MD_YES && costly) {
			out->kind = MD_ZV_COSTLY;
			fprintf(w, "order %u%s gives up early by design, and a zone it may use passes as printed (freed since): ",
				req->order, noretry == MD_YES ?
				" with __GFP_NORETRY" : " > 3 (costly)");
		} else if (dr == MD_YES && (noretry != MD_UNSURE ||
					    req->order > COSTLY_ORDER)) {
			out->kind = MD_ZV_PASSES;
			fputs("a zone it may use passes as printed: the memory was freed between the failure and the report, or the counts include pages it could not take: ", w);
		} else {
			fputs("a zone it may use passes as printed, but whether the request could reclaim (__GFP_DIRECT_RECLAIM, __GFP_NORETRY) was not decoded: ", w);
		}
		zv_zone_list(w, out, MD_YES, MD_ZVC_PASS, req->order, true);
		if (out->kind != MD_ZV_UNKNOWN && (hint_ha || hint_cma))
			fprintf(w, " (not subtracted, not being in the %s:%s%s)",
				req->zx ? "report" : "record",
				hint_ha ? " the highatomic reserve" : "",
				hint_cma ? (hint_ha ? ", free CMA pages" :
					    " free CMA pages") : "");
	} else if (n_open || n_maybe) {
		if (n_open) {
			fprintf(w, "cannot decide: not known: %s", open_what);
			if (strstr(open_what, "decoded") ||
			    strstr(open_what, "version"))
				zv_unsure_text(w, req);
			fputs(", for ", w);
			for (i = k = 0; i < n; i++) {
				struct md_zv_zone *v = &out->zones[i];

				if (v->use != MD_YES || v->check == MD_ZVC_PASS ||
				    v->check == MD_ZVC_WMARK ||
				    v->check == MD_ZVC_BLOCK)
					continue;
				fputs(k++ ? ", " : "", w);
				zv_label(w, v->z);
			}
		}
		if (n_maybe) {
			fputs(n_open ? "; " : "cannot decide: ", w);
			fputs("whether it may use ", w);
			for (i = k = 0; i < n; i++) {
				if (out->zones[i].use != MD_UNSURE)
					continue;
				fputs(k++ ? ", " : "", w);
				zv_label(w, out->zones[i].z);
			}
			fputs(c.req_rank < 0 && !c.live ?
			      " (its highest zone was not decoded)" :
			      " (its nodes, cpuset or gfp bits were not read)", w);
		}
	} else if (!n_use) {
		out->kind = MD_ZV_RESTRICTED;
		fputs("no zone it may use is in the report", w);
		if (c.req_rank >= 0 && g)
			fprintf(w, " (its highest zone: %s)",
				md_gfp_zone_name(g->zone));
		else if (c.live)
			fprintf(w, " (its highest zone index: %d)",
				req->high_zone);
		fputs("; the zones there: ", w);
		zv_zone_list(w, out, MD_NO, -1, req->order, false);
	} else if (n_other_pass) {
		out->kind = MD_ZV_RESTRICTED;
		fputs("the zones it may use could not give it: ", w);
		zv_zone_list(w, out, MD_YES, -1, req->order, true);
		fputs("; while zones outside its zone limit or nodes would have: ", w);
		zv_zone_list(w, out, MD_NO, MD_ZVC_PASS, req->order, true);
	} else if (n_wm == n_use) {
		if (dr == MD_NO) {
			out->kind = MD_ZV_NOWAIT;
			fputs("every zone it may use was at or below its watermark, and the request may not reclaim or sleep (atomic or NOWAIT), so it failed where reclaim would have freed pages (pages): ", w);
		} else if (dr == MD_YES) {
			out->kind = MD_ZV_SHORTAGE;
			fputs("every zone it may use was at or below its watermark after reclaim (pages): ", w);
		} else {
			fputs("every zone it may use was at or below its watermark, but whether it could reclaim (__GFP_DIRECT_RECLAIM) was not decoded: ", w);
		}
		zv_zone_list(w, out, MD_YES, -1, req->order, true);
	} else {
		out->kind = MD_ZV_FRAGMENTATION;
		fprintf(w, "enough free pages, but no free block of order >= %u it may take%s (pages): ",
			req->order, !any_cma_blocks ? "" : all_cma_known ?
			": the free high-order blocks are CMA ones, which only movable allocations can use" :
			": the free high-order blocks may all be CMA, which only movable allocations can use");
		zv_zone_list(w, out, MD_YES, MD_ZVC_BLOCK, req->order, true);
		if (n_wm) {
			fputs("; below the watermark besides: ", w);
			zv_zone_list(w, out, MD_YES, MD_ZVC_WMARK, req->order,
				     true);
		}
		if (dr == MD_NO)
			fputs("; it could not compact either (no direct reclaim)", w);
	}
	/* A zone not recorded may be one it could use: only a pass stands. */
	cut = req->zones_cut && n && !n_pass && out->kind != MD_ZV_UNKNOWN;
	if (cut)
		out->kind = MD_ZV_UNKNOWN;
	if (out->kind != MD_ZV_UNKNOWN && out->kind != MD_ZV_COSTLY && costly)
		fprintf(w, "; order %u%s: the kernel gives up on it early",
			req->order, noretry == MD_YES ? " with __GFP_NORETRY" :
			" > 3 is costly");

	switch (out->kind) {
	case MD_ZV_FRAGMENTATION:
		if (any_cma_blocks)
			fputs(advice_cma, a);
		fputs(advice_frag, a);
		break;
	case MD_ZV_NOWAIT:
		fputs(advice_nowait, a);
		break;
	case MD_ZV_SHORTAGE:
		fputs(advice_short, a);
		break;
	case MD_ZV_RESTRICTED:
		fputs(advice_restr, a);
		break;
	case MD_ZV_COSTLY:
		fputs(advice_costly, a);
		break;
	case MD_ZV_PASSES:
		fputs(advice_pass, a);
		break;
	default:
		fputs(advice_unknown, a);
	}
	if (out->kind != MD_ZV_UNKNOWN && out->kind != MD_ZV_COSTLY && costly)
		fprintf(a, ". Order %u%s is expected to fail sometimes: the caller has a fallback",
			req->order, noretry == MD_YES ? " with __GFP_NORETRY" : "");
	if (out->kind != MD_ZV_UNKNOWN && costly && nowarn == MD_NO)
		fputs("; without __GFP_NOWARN it did not expect to: a driver asking for too much contiguous memory (look at its options)", a);
	if (fclose(w))
		ret = -ENOMEM;
	if (fclose(a))
		ret = -ENOMEM;
	if (!ret && cut && why) {
		char *t = why;

		if (asprintf(&why, "cannot decide: not every zone was recorded, and one not recorded may have been usable; of those recorded: %s",
			     t) < 0)
			why = NULL;
		free(t);
	}
	out->why = why;
	out->advice = adv;
	out->name = md_zv_kind_name(out->kind);
	if (ret || !why || !adv) {
		md_zv_free(out);
		return -ENOMEM;
	}
	return 0;
}

void md_zv_free(struct md_zv *v)
{
	free(v->why);
	free(v->advice);
	free(v->zones);
	v->why = v->advice = NULL;
	v->zones = NULL;
	v->nr_zones = 0;
}

/* The running kernel's version (the record is its own), 0 if unknown. */
static unsigned int zv_running_kver(void)
{
	static unsigned int kver;
	struct utsname u;

	if (kver || uname(&u))
		return kver;
	kver = md_kver_parse(u.release);
	return kver;
}

void md_zv_req_from_event(struct md_zv_req *req, const struct md_event *ev,
			  const struct md_gfp *g)
{
	memset(req, 0, sizeof(*req));
	req->order = ev->order;
	req->no_order = !MD_HAS(ev->present, MEMDIAG_A_EVENT_ORDER);
	req->gfp = g;
	req->high_zone = MD_HAS(ev->present, MEMDIAG_A_EVENT_HIGH_ZONE) &&
			 ev->high_zone <= INT_MAX ? (int)ev->high_zone : -1;
	req->nodemask = ev->nodemask;
	req->zones_cut = MD_HAS(ev->present, MEMDIAG_A_EVENT_ZONES_TRUNCATED) &&
			 ev->zones_truncated;
	req->preferred_node =
		MD_HAS(ev->present, MEMDIAG_A_EVENT_PREFERRED_NODE) &&
		ev->preferred_node <= INT_MAX ? (int)ev->preferred_node : -1;
	/* The record comes from the running kernel: its rules. */
	req->kver = zv_running_kver();
}

int md_zv_event(const struct md_event *ev, struct md_zv *v)
{
	struct md_zv_req req;
	struct md_gfp g;
	int ret;

	memset(v, 0, sizeof(*v));
	if (!MD_HAS(ev->present, MEMDIAG_A_EVENT_KIND) ||
	    ev->kind != MEMDIAG_FAILURE_KIND_PAGE)
		return 1;
	ret = md_gfp_decode(&g, ev->gfp_names, ev->gfp,
			    MD_HAS(ev->present, MEMDIAG_A_EVENT_GFP), 0);
	if (ret)
		return ret;
	md_zv_req_from_event(&req, ev, &g);
	ret = md_zone_verdict(&req, ev->zones, ev->nr_zones, v);
	md_gfp_free(&g);
	return ret;
}
