// SPDX-License-Identifier: GPL-2.0
/*
 * Zone verdicts (zoneverdict.c): hand-written zone sets, most with the
 * numbers of a real report of the corpus (INDEX.md), each asserting the
 * verdict and the numbers its reason gives; then every number and gfp bit
 * the decision needs, missing, gives "unknown".
 */
#include <linux/memdiag.h>

#include "harness.h"
#include "xu.h"
#include "zoneverdict.h"

#define ZB(a) (1u << MEMDIAG_A_ZONE_SNAP_##a)
#define Z_ALL (ZB(FREE) | ZB(MIN) | ZB(LOW) | ZB(HIGH) | ZB(NAME) | \
	       ZB(FREE_BLOCKS) | ZB(LOWMEM_RESERVE))
#define NB 11

/* A zone as Mem-Info gives it (names, no index, no highatomic), in pages. */
struct tz {
	int node;		/* -1: no "Node N" */
	const char *name;
	uint64_t free, min, low, high;
	uint64_t blocks[NB];
	uint64_t reserve[5];
	size_t nr_reserve;
	const char *types[NB];	/* letters per order, NULL: not printed */
	long long free_cma;	/* -1: not printed */
};

static struct md_zone_snap zs[8];
static struct md_sm_zone zx[8];

static void mkzones(const struct tz *t, size_t n)
{
	size_t i, o;

	memset(zs, 0, sizeof(zs));
	memset(zx, 0, sizeof(zx));
	for (i = 0; i < n; i++) {
		struct md_zone_snap *z = &zs[i];

		z->present = Z_ALL;
		if (t[i].node >= 0) {
			z->node = t[i].node;
			z->present |= ZB(NODE);
		}
		z->name = (char *)t[i].name;
		z->free = t[i].free;
		z->min = t[i].min;
		z->low = t[i].low;
		z->high = t[i].high;
		z->free_blocks = (uint64_t *)t[i].blocks;
		z->nr_free_blocks = NB;
		z->lowmem_reserve = (uint64_t *)t[i].reserve;
		z->nr_lowmem_reserve = t[i].nr_reserve;
		zx[i].free_cma = t[i].free_cma;
		for (o = 0; o < NB; o++)
			if (t[i].types[o])
				snprintf(zx[i].types[o], sizeof(zx[i].types[o]),
					 "%s", t[i].types[o]);
	}
}

/* A decoded mask, by hand (gfp.c is another part's). */
static struct md_gfp mkgfp(enum md_gfp_zone zone, bool dr, bool high,
			   bool atomic)
{
	struct md_gfp g = {
		.zone = zone, .direct_reclaim = dr, .kswapd_reclaim = MD_YES,
		.io = dr, .fs = dr, .high = high, .atomic = atomic,
	};

	return g;
}

static struct md_zv v;

static void verdict(struct md_zv_req *r, size_t n, bool with_zx)
{
	md_zv_free(&v);
	r->zx = with_zx ? zx : NULL;
	if (md_zone_verdict(r, zs, n, &v))
		abort();
	if (getenv("XU_VERBOSE"))
		printf("# %s: %s\n#   advice: %s\n", v.name, v.why, v.advice);
}

/*
 * Corpus 22 (4.14, arm32): order-1 GFP_KERNEL_ACCOUNT|__GFP_ZERO; DMA
 * free:17960kB min:16384kB low:25664kB high:29760kB, lowmem_reserve[]: 0 0
 * 579 579; HighMem free:553472kB min:512kB, all of it CMA. The DMA zone
 * passes as printed (Hocko: "the information is dumped after the last
 * watermark check so the situation might have changed").
 */
static const struct tz c22[] = {
	{ -1, "DMA", 4490, 4096, 6416, 7440,
	  { 71, 113, 207, 103, 70, 27, 5, 1 }, { 0, 0, 579, 579 }, 4,
	  { "EH", "UH", "UMH", "UMH", "UMH", "UMH", "UMH", "H" }, 0 },
	{ -1, "HighMem", 138368, 128, 8506, 12202,
	  { 8121, 7772, 4391, 2354, 1335, 514, 162, 76, 27, 12, 2 },
	  { 0, 0, 0, 0 }, 4,
	  { "C", "C", "C", "C", "C", "C", "C", "C", "C", "C", "C" }, 138397 },
};

static void t_c22_passes(void)
{
	struct md_gfp g = mkgfp(MD_GZ_NORMAL, MD_YES, MD_NO, MD_NO);
	struct md_zv_req r = { .order = 1, .gfp = &g, .high_zone = -1,
			       .kver = md_kver(4, 14, 65) };
	struct tz t[2];

	mkzones(c22, 2);
	verdict(&r, 2, true);
	CHECK(v.kind == MD_ZV_PASSES);
	CHECK_STR(v.name, "zones would pass");
	CHECK_HAS(v.why, "DMA: free 4490 > need 4096 (min 4096 + lowmem_reserve 0), low 6416 high 7440");
	CHECK_HAS(v.why, "the highatomic reserve");
	CHECK(!strstr(v.why, "HighMem"));
	CHECK(v.nr_zones == 2 && v.zones[0].usable && !v.zones[1].usable);
	CHECK(v.zones[0].need == 4096 && v.zones[0].reserve == 0);
	CHECK(v.zones[1].use == MD_NO);

	/* Below min: DMA short, HighMem all CMA, no help: a shortage. */
	memcpy(t, c22, sizeof(t));
	t[0].free = 4000;
	mkzones(t, 2);
	verdict(&r, 2, true);
	CHECK(v.kind == MD_ZV_SHORTAGE);
	CHECK_HAS(v.why, "DMA: free 4000 <= need 4096 (min 4096 + lowmem_reserve 0)");
	CHECK_HAS(v.advice, "drop_caches");
	CHECK_HAS(v.advice, "find the consumer");

	/* The same HighMem without CMA would have done: restricted. */
	t[1].free_cma = 0;
	t[1].types[0] = t[1].types[1] = "M";
	mkzones(t, 2);
	verdict(&r, 2, true);
	CHECK(v.kind == MD_ZV_RESTRICTED);
	CHECK_HAS(v.why, "HighMem: free 138368 > need 128");
	CHECK_HAS(v.advice, "zone modifier");

	/* A movable request may take the CMA blocks. */
	g.movable = MD_YES;
	g.zone = MD_GZ_MOVABLE;
	mkzones(c22, 2);
	zs[0].free = 4000;
	verdict(&r, 2, true);
	CHECK(v.kind == MD_ZV_PASSES);
	CHECK_HAS(v.why, "HighMem: free 138368 > need 128");
	md_zv_free(&v);
}

/*
 * Corpus 21 (5.13 x86_64 kdump): order-5 GFP_KERNEL|GFP_DMA at boot, "no
 * available memory in DMA zone". Mem-Info was elided: the zones are
 * written by hand, first without a DMA zone, then with an empty one.
 */
static void t_c21_restricted(void)
{
	static const struct tz t[] = {
		{ 0, "DMA", 0, 0, 0, 0, { 0 }, { 0, 0, 0, 0, 0 }, 5, { 0 }, -1 },
		{ 0, "DMA32", 40000, 100, 125, 150, { 100, 50, 40, 30, 20, 10, 8, 4, 2, 1, 5 },
		  { 0, 0, 0, 500, 500 }, 5, { 0 }, -1 },
		{ 0, "Normal", 9000, 20, 25, 30, { 900, 400, 200, 100, 50, 20, 10, 5, 2, 1, 0 },
		  { 0, 0, 0, 0, 0 }, 5, { 0 }, -1 },
	};
	struct md_gfp g = mkgfp(MD_GZ_DMA, MD_YES, MD_NO, MD_NO);
	struct md_zv_req r = { .order = 5, .gfp = &g, .high_zone = -1,
			       .kver = md_kver(5, 13, 0) };

	mkzones(t + 1, 2);
	verdict(&r, 2, true);
	CHECK(v.kind == MD_ZV_RESTRICTED);
	CHECK_STR(v.name, "restricted");
	CHECK_HAS(v.why, "no zone it may use is in the report");
	CHECK_HAS(v.why, "Node 0 DMA32: free 40000");
	CHECK_HAS(v.advice, "GFP_DMA");

	mkzones(t, 3);
	verdict(&r, 3, true);
	CHECK(v.kind == MD_ZV_RESTRICTED);
	CHECK_HAS(v.why, "Node 0 DMA: free 0 <= need 0 (min 0 + lowmem_reserve 0)");
	CHECK_HAS(v.why, "outside its zone limit or nodes would have: Node 0 DMA32: free 40000 > need 100");
	md_zv_free(&v);
}

/*
 * Corpus 27 (4.9 csky): order-10 GFP_ATOMIC|__GFP_COMP with free:62086
 * free_cma:60234 and 58 free order-10 blocks, all CMA ("(C)"). The zone
 * line was cut after "managed:73": min is not in the report.
 */
static const struct tz c27 = {
	-1, "Normal", 62086, 724, 905, 1086,
	{ 200, 100, 50, 20, 10, 5, 2, 1, 0, 0, 58 }, { 0, 0 }, 2,
	{ "UM", "UM", "UM", "M", "M", "M", "M", "M", NULL, NULL, "C" }, 60234,
};

static void t_c27_cma(void)
{
	struct md_gfp g = mkgfp(MD_GZ_NORMAL, MD_NO, MD_YES, MD_YES);
	struct md_zv_req r = { .order = 10, .gfp = &g, .high_zone = -1,
			       .kver = md_kver(4, 9, 56) };
	struct tz t;

	g.comp = MD_YES;
	mkzones(&c27, 1);
	zs[0].present &= ~ZB(MIN);	/* as the report was cut */
	verdict(&r, 1, true);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	CHECK_HAS(v.why, "not known: min, for Normal");

	/*
	 * With a min (724, written by hand): GFP_ATOMIC's mark is 724 - 362
	 * - 90 = 272; 62086 - 60234 CMA = 1852 pages it may count, enough,
	 * but the order-10 blocks are all CMA.
	 */
	mkzones(&c27, 1);
	verdict(&r, 1, true);
	CHECK(v.kind == MD_ZV_FRAGMENTATION);
	CHECK_HAS(v.why, "no free block of order >= 10 it may take");
	CHECK_HAS(v.why, "Normal: free 62086 (1852 it may count) > need 272 (min 724 cut to 272 + lowmem_reserve 0)");
	CHECK_HAS(v.why, "largest free block order 10");
	CHECK_HAS(v.why, "it could not compact either");
	CHECK_HAS(v.why, "order 10 > 3 is costly");
	CHECK_HAS(v.advice, "compact_memory");
	CHECK_HAS(v.advice, "drop_caches and vm.swappiness cure none");
	CHECK_HAS(v.advice, "without __GFP_NOWARN");
	CHECK(v.zones[0].wmark == 272 && v.zones[0].avail == 1852 - 1023);

	/*
	 * Letters not printed, free CMA known: the 58 order-10 blocks are
	 * 59392 pages, within the 60234 free CMA ones: they may all be CMA.
	 */
	mkzones(&c27, 1);
	zx[0].types[10][0] = '\0';
	verdict(&r, 1, true);
	CHECK(v.kind == MD_ZV_FRAGMENTATION);
	CHECK_HAS(v.why, "no free block of order >= 10 it may take: the free high-order blocks may all be CMA, which only movable allocations can use");
	CHECK_HAS(v.why, "free CMA 60234");
	CHECK_HAS(v.advice, "cma=");
	CHECK(v.zones[0].cma_blocks && v.zones[0].free_cma == 60234);

	/* 59 blocks (60416 pages) cannot all be CMA: one of them would do. */
	t = c27;
	t.blocks[10] = 59;
	mkzones(&t, 1);
	zx[0].types[10][0] = '\0';
	verdict(&r, 1, true);
	CHECK(v.kind == MD_ZV_NOWAIT);
	CHECK_HAS(v.why, "passes as printed");
	CHECK(!v.zones[0].cma_blocks);
	md_zv_free(&v);
}

/*
 * Corpus 34 (3.2 armel Kirkwood): order-5 mode:0x20 (3.2's GFP_ATOMIC,
 * __GFP_HIGH alone) with "only 6 megabytes of free RAM", failing "if the
 * system has been running for a while". Zones by hand: 1536 free pages,
 * none above order 4. Before 4.4 the kernel checks order by order: after
 * the order-0..4 blocks nothing is left above the halved mark.
 */
static void t_c34_old_rules(void)
{
	static const struct tz t = {
		-1, "Normal", 1536, 1024, 1280, 1536,
		{ 384, 200, 100, 30, 7 }, { 0, 0, 0 }, 3, { 0 }, -1,
	};
	struct md_gfp g = mkgfp(MD_GZ_NORMAL, MD_NO, MD_YES, MD_YES);
	struct md_zv_req r = { .order = 5, .gfp = &g, .high_zone = -1,
			       .kver = md_kver(3, 2, 0) };

	mkzones(&t, 1);
	verdict(&r, 1, true);
	CHECK(v.kind == MD_ZV_FRAGMENTATION);
	/* min 1024: __GFP_HIGH halves it, !__GFP_WAIT takes a quarter. */
	CHECK_HAS(v.why, "Normal: free 1536 > need 384 (min 1024 cut to 384 + lowmem_reserve 0)");
	CHECK_HAS(v.why, "largest free block order 4");
	CHECK_HAS(v.why, "order 5 > 3 is costly");
	CHECK_HAS(v.advice, "vm.compaction_proactiveness");

	/* The kernel version not known: the rules agree here. */
	r.kver = 0;
	verdict(&r, 1, true);
	CHECK(v.kind == MD_ZV_FRAGMENTATION);
	md_zv_free(&v);
}

/*
 * Corpus 31 (6.1 armv7 Raspberry Pi 4): brcmfmac's kmalloc_large, a
 * GFP_KERNEL request limited to lowmem, while HighMem is plenty (the
 * excerpt has no Mem-Info: zones by hand).
 */
static void t_c31_lowmem(void)
{
	static const struct tz t[] = {
		{ 0, "DMA", 2600, 1000, 1250, 1500, { 1200, 500, 80, 10, 0 },
		  { 0, 0, 2000, 2000 }, 4, { 0 }, -1 },
		{ 0, "HighMem", 180000, 128, 8000, 12000,
		  { 900, 400, 200, 100, 50, 30, 20, 10, 8, 4, 160 },
		  { 0, 0, 0, 0 }, 4, { 0 }, -1 },
	};
	struct md_gfp g = mkgfp(MD_GZ_NORMAL, MD_YES, MD_NO, MD_NO);
	struct md_zv_req r = { .order = 7, .gfp = &g, .high_zone = -1,
			       .kver = md_kver(6, 1, 66) };

	g.nowarn = MD_NO;
	mkzones(t, 2);
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_RESTRICTED);
	CHECK_HAS(v.why, "zones it may use could not give it: Node 0 DMA: free 2600 > need 1000");
	CHECK_HAS(v.why, "largest free block order 3");
	CHECK_HAS(v.why, "would have: Node 0 HighMem: free 180000 > need 128");
	CHECK_HAS(v.advice, "driver asking for too much");

	/* HighMem allowed (a highmem-capable mask): it would pass. */
	g.zone = MD_GZ_HIGHMEM;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_COSTLY);
	CHECK_STR(v.name, "costly order given up");
	CHECK_HAS(v.why, "order 7 > 3 (costly) gives up early");
	CHECK_HAS(v.why, "free CMA pages");	/* not in the record */
	md_zv_free(&v);
}

/* lowmem_reserve from the names: the k-th rise of the zone's values. */
static void t_reserve_names(void)
{
	static const struct tz t[] = {
		{ 0, "DMA", 3000, 8, 10, 12, { 1000, 1000 },
		  { 0, 1900, 3800, 3800, 3800 }, 5, { 0 }, -1 },
		{ 0, "DMA32", 2000, 500, 600, 700, { 2000 },
		  { 0, 0, 1900, 1900, 1900 }, 5, { 0 }, -1 },
		{ 0, "Normal", 400, 450, 560, 670, { 400 },
		  { 0, 0, 0, 0, 0 }, 5, { 0 }, -1 },
	};
	struct tz gap[2];
	struct md_gfp g = mkgfp(MD_GZ_NORMAL, MD_YES, MD_NO, MD_NO);
	struct md_zv_req r = { .order = 0, .gfp = &g, .high_zone = -1,
			       .kver = md_kver(6, 12, 0) };

	g.noretry = MD_NO;
	mkzones(t, 3);
	verdict(&r, 3, false);
	CHECK(v.kind == MD_ZV_SHORTAGE);
	CHECK_HAS(v.why, "Node 0 DMA: free 3000 <= need 3808 (min 8 + lowmem_reserve 3800)");
	CHECK_HAS(v.why, "Node 0 DMA32: free 2000 <= need 2400 (min 500 + lowmem_reserve 1900)");
	CHECK_HAS(v.why, "Node 0 Normal: free 400 <= need 450 (min 450 + lowmem_reserve 0)");
	CHECK(v.zones[0].reserve == 3800 && v.zones[1].reserve == 1900);

	/* GFP_DMA32: DMA keeps 1900 back, DMA32 nothing; Normal is out. */
	g.zone = MD_GZ_DMA32;
	verdict(&r, 3, false);
	CHECK(v.zones[0].reserve == 1900 && v.zones[1].reserve == 0);
	CHECK(v.kind == MD_ZV_PASSES);

	/* DMA32 not printed (empty): DMA's first rise is Normal's. */
	memcpy(gap, t, sizeof(gap));
	gap[1] = t[2];
	gap[0].reserve[1] = 0;
	gap[0].reserve[2] = gap[0].reserve[3] = gap[0].reserve[4] = 3000;
	g.zone = MD_GZ_NORMAL;
	mkzones(gap, 2);
	verdict(&r, 2, false);
	CHECK(v.zones[0].reserve == 3000);
	CHECK(v.kind == MD_ZV_SHORTAGE);
	CHECK_HAS(v.why, "Node 0 DMA: free 3000 <= need 3008 (min 8 + lowmem_reserve 3000)");

	/* Rises that do not match the zones printed: not known. */
	gap[0].reserve[2] = 100;
	mkzones(gap, 2);
	verdict(&r, 2, false);
	CHECK(v.zones[0].reserve == -1);
	md_zv_free(&v);
}

/* A NUMA bind: node 1 is short while node 0 has plenty. */
static void t_nodemask(void)
{
	static const struct tz t[] = {
		{ 0, "Normal", 500000, 1000, 1250, 1500, { 5000, 3000, 2000, 1000, 500 },
		  { 0, 0, 0, 0, 0 }, 5, { 0 }, -1 },
		{ 1, "Normal", 900, 1000, 1250, 1500, { 900 },
		  { 0, 0, 0, 0, 0 }, 5, { 0 }, -1 },
	};
	struct md_gfp g = mkgfp(MD_GZ_NORMAL, MD_YES, MD_NO, MD_NO);
	struct md_zv_req r = { .order = 0, .gfp = &g, .high_zone = -1,
			       .nodemask = "1", .kver = md_kver(5, 10, 0) };

	g.noretry = MD_NO;
	mkzones(t, 2);
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_RESTRICTED);
	CHECK_HAS(v.why, "could not give it: Node 1 Normal: free 900 <= need 1000");
	CHECK_HAS(v.why, "would have: Node 0 Normal: free 500000 > need 1000");

	/* Both nodes: it would pass on node 0. */
	r.nodemask = "0-1";
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_PASSES);
	r.nodemask = "(null)";
	r.mems_allowed = "1";
	g.hardwall = MD_YES;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_RESTRICTED);
	/* A soft wall: node 0 may or may not do. */
	g.hardwall = MD_NO;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	CHECK_HAS(v.why, "whether it may use Node 0 Normal");
	/* GFP_ATOMIC ignores the cpuset. */
	g = mkgfp(MD_GZ_NORMAL, MD_NO, MD_YES, MD_YES);
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_NOWAIT);
	r.nodemask = "0-x";
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	md_zv_free(&v);
}

/*
 * A live record (the module's): zone indices, highatomic, no letters.
 * GFP_NOWAIT order 4, DMA32 keeps 1000 back from a Normal request.
 */
static void t_live_nowait(void)
{
	static const struct tz t[] = {
		{ 0, "DMA32", 1024, 64, 80, 96, { 512, 256, 0 },
		  { 0, 0, 1000, 2000, 3000 }, 5, { 0 }, -1 },
		{ 0, "Normal", 300, 512, 640, 768, { 150, 75 },
		  { 0, 0, 0, 1000, 2000 }, 5, { 0 }, -1 },
	};
	struct md_gfp g = mkgfp(MD_GZ_UNKNOWN, MD_NO, MD_NO, MD_NO);
	struct md_zv_req r = { .order = 4, .gfp = &g, .high_zone = 2,
			       .kver = md_kver(6, 12, 0) };

	mkzones(t, 2);
	zs[0].zone = 1;
	zs[1].zone = 2;
	zs[0].present |= ZB(ZONE) | ZB(HIGHATOMIC);
	zs[1].present |= ZB(ZONE) | ZB(HIGHATOMIC);
	zs[0].highatomic = 600;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_NOWAIT);
	CHECK_STR(v.name, "could not wait");
	CHECK_HAS(v.why, "Node 0 DMA32: free 1024 <= need 1064 (min 64 + lowmem_reserve 1000), low 80 high 96, largest free block order 1");
	CHECK_HAS(v.why, "Node 0 Normal: free 300 <= need 512 (min 512 + lowmem_reserve 0)");
	CHECK_HAS(v.advice, "vm.min_free_kbytes");
	CHECK_HAS(v.advice, "vm.watermark_scale_factor");

	/* GFP_KERNEL, same zones: a shortage. */
	g = mkgfp(MD_GZ_UNKNOWN, MD_YES, MD_NO, MD_NO);
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_SHORTAGE);
	CHECK_STR(v.name, "shortage");

	/* Above the watermark, no order-4 block: fragmentation. */
	zs[1].free = 3000;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_FRAGMENTATION);
	CHECK_HAS(v.why, "Node 0 Normal: free 3000 > need 512");
	CHECK_HAS(v.why, "order 4 > 3 is costly");
	/*
	 * GFP_NOWAIT and 600 highatomic pages: 6.3+ lets it count them
	 * (ALLOC_NON_BLOCK is in ALLOC_RESERVES), 4.4-6.2 does not.
	 */
	g = mkgfp(MD_GZ_UNKNOWN, MD_NO, MD_NO, MD_NO);
	zs[1].free = 300;
	zs[0].free = 1600;
	r.order = 0;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_NOWAIT);		/* 6.12: 1600 > 1064 */
	r.kver = md_kver(5, 10, 0);
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_NOWAIT);		/* 1600 - 600 <= 1064 */
	CHECK_HAS(v.why, "free 1600 (1000 it may count) <= need 1064");
	r.kver = 0;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	CHECK_HAS(v.why, "the kernel version");
	CHECK_HAS(v.why, "before 4.4, 4.4-6.2 and 6.3 and later");
	md_zv_free(&v);
}

/*
 * A live record from an arm64 guest (Debian 6.1, 1 GiB, a 64 MiB CMA area,
 * one zone): order-9 GFP_ATOMIC|__GFP_NOWARN, "zone DMA free 22398 min 5632
 * blocks>=9 20", free CMA pages in the record's own attribute. 6.1's
 * GFP_ATOMIC mark: 5632 - 2816 - 704 = 2112.
 */
static void t_live_cma(void)
{
	static const struct tz t = {
		0, "DMA", 22398, 5632, 7040, 8448,
		{ 1200, 800, 600, 400, 300, 200, 100, 50, 30, 10, 10 },
		{ 0, 0, 0, 0 }, 4, { 0 }, -1,
	};
	struct md_gfp g = mkgfp(MD_GZ_UNKNOWN, MD_NO, MD_YES, MD_YES);
	struct md_zv_req r = { .order = 9, .gfp = &g, .high_zone = 1,
			       .kver = md_kver(6, 1, 0) };

	g.nowarn = MD_YES;
	g.movable = MD_NO;
	mkzones(&t, 1);
	zs[0].zone = 0;
	zs[0].present |= ZB(ZONE) | ZB(HIGHATOMIC) | ZB(FREE_CMA);
	/* 10 * 512 + 10 * 1024 = 15360 pages in blocks of order >= 9. */
	zs[0].free_cma = 16000;
	verdict(&r, 1, false);
	CHECK(v.kind == MD_ZV_FRAGMENTATION);
	CHECK_HAS(v.why, "the free high-order blocks may all be CMA, which only movable allocations can use");
	CHECK_HAS(v.why, "Node 0 DMA: free 22398 (6398 it may count) > need 2112 (min 5632 cut to 2112 + lowmem_reserve 0), low 7040 high 8448, free CMA 16000, largest free block order 10");
	CHECK_HAS(v.why, "it could not compact either");
	CHECK_HAS(v.advice, "only movable allocations");
	CHECK_HAS(v.advice, "compact_memory");
	CHECK(!strstr(v.why, "passes"));

	/* Fewer free CMA pages than those blocks hold: one is not CMA. */
	zs[0].free_cma = 15359;
	verdict(&r, 1, false);
	CHECK(v.kind == MD_ZV_NOWAIT);
	CHECK_HAS(v.why, "passes as printed");
	CHECK(!strstr(v.why, "not subtracted"));

	/* No CMA (amd64): the same zone passes as printed. */
	zs[0].free_cma = 0;
	verdict(&r, 1, false);
	CHECK(v.kind == MD_ZV_NOWAIT);
	CHECK_HAS(v.why, "Node 0 DMA: free 22398 > need 2112");

	/* Most of free is CMA: below the watermark it may count. */
	zs[0].free_cma = 21000;
	verdict(&r, 1, false);
	CHECK(v.kind == MD_ZV_NOWAIT);
	CHECK_HAS(v.why, "every zone it may use was at or below its watermark");
	CHECK_HAS(v.why, "free 22398 (1398 it may count) <= need 2112");

	/* A movable request may take the CMA blocks and count the pages. */
	g.movable = MD_YES;
	zs[0].free_cma = 16000;
	verdict(&r, 1, false);
	CHECK(v.kind == MD_ZV_NOWAIT);
	CHECK_HAS(v.why, "Node 0 DMA: free 22398 > need 2112");

	/* A record without the attribute (an older module): said so. */
	g.movable = MD_NO;
	zs[0].present &= ~ZB(FREE_CMA);
	verdict(&r, 1, false);
	CHECK(v.kind == MD_ZV_NOWAIT);
	CHECK_HAS(v.why, "not subtracted, not being in the record: free CMA pages");
	md_zv_free(&v);
}

/* Zones that pass as printed, by what the request could do. */
static void t_passes(void)
{
	static const struct tz t = {
		0, "Normal", 50000, 1000, 1250, 1500, { 10000, 5000, 2000, 1000, 500, 200 },
		{ 0, 0, 0 }, 3, { 0 }, -1,
	};
	struct md_gfp g = mkgfp(MD_GZ_NORMAL, MD_NO, MD_YES, MD_YES);
	struct md_zv_req r = { .order = 0, .gfp = &g, .high_zone = -1,
			       .kver = md_kver(6, 12, 0) };

	mkzones(&t, 1);
	verdict(&r, 1, false);
	CHECK(v.kind == MD_ZV_NOWAIT);
	CHECK_HAS(v.why, "came back (kswapd)");
	g = mkgfp(MD_GZ_NORMAL, MD_YES, MD_NO, MD_NO);
	g.noretry = MD_YES;
	r.order = 2;
	verdict(&r, 1, false);
	CHECK(v.kind == MD_ZV_COSTLY);
	CHECK_HAS(v.why, "order 2 with __GFP_NORETRY gives up early");
	g.noretry = MD_NO;
	verdict(&r, 1, false);
	CHECK(v.kind == MD_ZV_PASSES);
	CHECK_HAS(v.advice, "per-cpu lists");
	/* Whether it may reclaim not decoded: no name. */
	g.direct_reclaim = MD_UNSURE;
	verdict(&r, 1, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	CHECK_HAS(v.why, "passes as printed, but whether");
	md_zv_free(&v);
}

/* Each number and bit the decision needs, missing: unknown. */
static void t_missing(void)
{
	static const struct tz t[] = {
		{ 0, "DMA32", 1024, 64, 80, 96, { 512, 256, 0 },
		  { 0, 0, 1000, 1000 }, 4, { 0 }, -1 },
		{ 0, "Normal", 300, 512, 640, 768, { 150, 75 },
		  { 0, 0, 0, 0 }, 4, { 0 }, -1 },
	};
	static const struct {
		uint32_t clear;
		const char *what;
	} fields[] = {
		{ ZB(FREE), "not known: free, for Node 0 DMA32" },
		{ ZB(MIN), "not known: min, for Node 0 DMA32" },
		{ ZB(LOWMEM_RESERVE), "not known: lowmem_reserve, for Node 0 DMA32" },
		{ ZB(FREE_BLOCKS), "not known: the free blocks per order" },
	};
	struct md_gfp g = mkgfp(MD_GZ_NORMAL, MD_YES, MD_NO, MD_NO);
	struct md_zv_req r = { .order = 2, .gfp = &g, .high_zone = -1,
			       .kver = md_kver(6, 12, 0) };
	size_t i;

	g.noretry = MD_NO;
	mkzones(t, 2);
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_SHORTAGE);	/* all there */
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		mkzones(t, 2);
		zs[0].present &= ~fields[i].clear;
		if (fields[i].clear == ZB(FREE_BLOCKS))
			zs[0].nr_free_blocks = 0;
		if (fields[i].clear == ZB(LOWMEM_RESERVE))
			zs[0].nr_lowmem_reserve = 0;
		verdict(&r, 2, false);
		CHECK(v.kind == MD_ZV_UNKNOWN);
		CHECK_STR(v.name, "unknown");
		CHECK_HAS(v.why, fields[i].what);
		CHECK(v.zones[0].check == MD_ZVC_MISSING);
	}
	/* A buddy line cut short: entries kept, its present bit clear. */
	mkzones(t, 2);
	zs[0].present &= ~ZB(FREE_BLOCKS);
	zs[0].nr_free_blocks = 2;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	CHECK_HAS(v.why, "not known: the free blocks per order, for Node 0 DMA32");
	CHECK(v.zones[0].largest_order == -2);
	/* A live record sets no present bit for its arrays: its entries do. */
	mkzones(t, 2);
	zs[0].present &= ~(ZB(FREE_BLOCKS) | ZB(LOWMEM_RESERVE));
	zs[1].present &= ~(ZB(FREE_BLOCKS) | ZB(LOWMEM_RESERVE));
	zs[0].present |= ZB(ZONE);
	zs[1].present |= ZB(ZONE);
	zs[0].zone = 1;
	zs[1].zone = 2;
	r.high_zone = 2;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_SHORTAGE);
	CHECK(v.zones[0].reserve == 1000 && v.zones[0].largest_order == 1);
	r.high_zone = -1;
	/* The top zone needs no lowmem_reserve[]. */
	mkzones(t, 2);
	zs[1].present &= ~ZB(LOWMEM_RESERVE);
	zs[1].nr_lowmem_reserve = 0;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_SHORTAGE);
	/* An order-0 request needs no blocks. */
	mkzones(t, 2);
	zs[0].present &= ~ZB(FREE_BLOCKS);
	zs[1].present &= ~ZB(FREE_BLOCKS);
	zs[0].nr_free_blocks = zs[1].nr_free_blocks = 0;
	r.order = 0;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_SHORTAGE);
	/* A zone name not known, the zone limit by name. */
	mkzones(t, 2);
	zs[0].name = "Weird";
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	CHECK_HAS(v.why, "whether it may use Node 0 Weird");
	/* The order. */
	mkzones(t, 2);
	r.no_order = true;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	CHECK_HAS(v.why, "the order of the request was not read");
	r.no_order = false;
	/* No zones. */
	verdict(&r, 0, false);
	CHECK(v.kind == MD_ZV_UNKNOWN && v.nr_zones == 0);
	CHECK_HAS(v.why, "no zone");
	/* No mask at all. */
	r.gfp = NULL;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	CHECK_HAS(v.why, "its highest zone was not decoded");
	r.gfp = &g;
	/* The zone limit not decoded. */
	g.zone = MD_GZ_UNKNOWN;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	g.zone = MD_GZ_NORMAL;
	/* Direct reclaim unsure: shortage or could not wait? */
	g.direct_reclaim = MD_UNSURE;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	CHECK_HAS(v.why, "whether it could reclaim (__GFP_DIRECT_RECLAIM) was not decoded");
	g.direct_reclaim = MD_YES;
	/* __GFP_HIGH unsure where it matters: DMA32 free between the marks. */
	g.high = MD_UNSURE;
	mkzones(t, 2);
	zs[1].free = 400;	/* 512/2 < 400 <= 512 */
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_UNKNOWN);
	CHECK_HAS(v.why, "gfp bits that were not decoded (__GFP_HIGH)");
	/* ... and where it does not. */
	zs[1].free = 100;
	verdict(&r, 2, false);
	CHECK(v.kind == MD_ZV_SHORTAGE);
	md_zv_free(&v);
}

/* Big numbers saturate; nothing overflows. */
static void t_huge(void)
{
	static const struct tz t = {
		0, "Normal", UINT64_MAX, UINT64_MAX - 1, UINT64_MAX, UINT64_MAX,
		{ UINT64_MAX, UINT64_MAX }, { UINT64_MAX, UINT64_MAX }, 2, { 0 }, -1,
	};
	struct md_gfp g = mkgfp(MD_GZ_NORMAL, MD_YES, MD_NO, MD_NO);
	struct md_zv_req r = { .order = 30, .gfp = &g, .high_zone = -1,
			       .kver = 0 };

	g.noretry = MD_NO;
	mkzones(&t, 1);
	verdict(&r, 1, false);
	CHECK(v.why && v.advice);
	r.order = 1000;
	verdict(&r, 1, false);
	CHECK(v.why && v.advice);
	md_zv_free(&v);
}

void xu_verdict(void)
{
	run("verdict: corpus 22 lowmem passes, shortage, restricted, CMA", t_c22_passes);
	run("verdict: corpus 21 GFP_DMA without a DMA zone", t_c21_restricted);
	run("verdict: corpus 27 order-10 CMA blocks", t_c27_cma);
	run("verdict: corpus 34 order-5 before 4.4", t_c34_old_rules);
	run("verdict: corpus 31 armv7 lowmem", t_c31_lowmem);
	run("verdict: lowmem_reserve from names", t_reserve_names);
	run("verdict: nodemask and cpuset", t_nodemask);
	run("verdict: live record, nowait, shortage, fragmentation", t_live_nowait);
	run("verdict: live record, free CMA pages (arm64)", t_live_cma);
	run("verdict: zones that pass", t_passes);
	run("verdict: missing numbers and bits", t_missing);
	run("verdict: huge numbers", t_huge);
}
