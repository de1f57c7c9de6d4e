// SPDX-License-Identifier: GPL-2.0
/* gfp tables and decoding (gfp.c, ctl/gfp/): masks from real logs and
 * masks computed from each generation's header. */
#include "harness.h"
#include "xu.h"
#include "gfp.h"

static void t_kver(void)
{
	CHECK(md_kver_parse("5.10.0-46-amd64") == md_kver(5, 10, 0));
	CHECK(md_kver_parse("2.6.32-754.el6.x86_64") == md_kver(2, 6, 32));
	CHECK(md_kver_parse("2.6.32.5-1") == md_kver(2, 6, 32));
	CHECK(md_kver_parse("4.4.114+") == md_kver(4, 4, 114));
	CHECK(md_kver_parse("3.13.0-43-generic") == md_kver(3, 13, 0));
	CHECK(md_kver_parse("6.12.57+deb13-amd64") == md_kver(6, 12, 57));
	CHECK(md_kver_parse("7.2.13+deb14-rt-amd64") == md_kver(7, 2, 13));
	CHECK(md_kver_parse("2.5.13") == md_kver(2, 5, 13));
	CHECK(md_kver_parse("4.19.0-rc2+") == md_kver(4, 19, 0));
	CHECK(md_kver_parse("4.4.300") == md_kver(4, 4, 255));
	CHECK(md_kver_parse("amd64") == 0);
	CHECK(md_kver_parse("") == 0);
	CHECK(md_kver_parse(NULL) == 0);
	CHECK(md_kver_parse("5.") == 0);
	CHECK(md_kver_parse("99999999999999999999.1") == 0);
}

/* Hex only, with the version: the table's names and tri-states. */
static void hex(uint32_t mask, unsigned int kver, const char *names,
		const char *table)
{
	struct md_gfp g;

	CHECK(md_gfp_decode(&g, NULL, mask, true, kver) == 0);
	CHECK(g.source == MD_GFP_TABLE);
	CHECK_STR(g.names, names);
	CHECK_STR(g.table, table);
	md_gfp_free(&g);
}

static void t_2_5_2_6(void)
{
	struct md_gfp g;
	char *s;

	/* corpus 14/15: "mode:0x20" on 2.5.13 and 2.6.7 */
	hex(0x20, md_kver(2, 5, 13), "GFP_ATOMIC", "2.5");
	hex(0x20, md_kver(2, 6, 7), "GFP_ATOMIC", "2.6.0-2.6.22");
	CHECK(md_gfp_decode(&g, NULL, 0x20, true, md_kver(2, 6, 7)) == 0);
	CHECK(g.direct_reclaim == MD_NO && g.high == MD_YES);
	CHECK(g.atomic == MD_YES && g.kswapd_reclaim == MD_YES);
	CHECK(g.zone == MD_GZ_NORMAL && g.nowarn == MD_NO);
	s = md_gfp_allows_str(&g);
	CHECK_HAS(s, "cannot sleep");
	CHECK_HAS(s, "zones up to Normal");
	free(s);
	md_gfp_free(&g);
	/* corpus: 2.6.2x "mode:0x4020" = GFP_ATOMIC|__GFP_COMP */
	hex(0x4020, md_kver(2, 6, 24), "GFP_ATOMIC|__GFP_COMP",
	    "2.6.23-2.6.30");
	/* 2.5: bits above __GFP_IO are not known */
	CHECK(md_gfp_decode(&g, NULL, 0xd0, true, md_kver(2, 5, 13)) == 0);
	CHECK(g.direct_reclaim == MD_YES && g.nowarn == MD_UNSURE);
	md_gfp_free(&g);
}

static void t_3x(void)
{
	struct md_gfp g;

	/* RHEL 6 / 3.x OOM gfp_mask=0x201da, 0x280da, 0xd0 */
	hex(0x201da, md_kver(2, 6, 32),
	    "GFP_HIGHUSER_MOVABLE|__GFP_COLD", "2.6.31-4.3");
	hex(0x280da, md_kver(3, 13, 0),
	    "GFP_HIGHUSER_MOVABLE|__GFP_ZERO", "2.6.31-4.3");
	hex(0xd0, md_kver(3, 10, 0), "GFP_KERNEL", "2.6.31-4.3");
	CHECK(md_gfp_decode(&g, NULL, 0x201da, true, md_kver(3, 10, 0)) == 0);
	CHECK(g.zone == MD_GZ_MOVABLE && g.direct_reclaim == MD_YES);
	CHECK(g.movable == MD_YES && g.hardwall == MD_YES);
	md_gfp_free(&g);
}

static void t_4x(void)
{
	struct md_gfp g;

	/* corpus 4.4: "mode:0x24000c2" (vmalloc) */
	hex(0x24000c2, md_kver(4, 4, 0), "GFP_KERNEL|__GFP_HIGHMEM", "4.4");
	CHECK(md_gfp_decode(&g, NULL, 0x24000c2, true, md_kver(4, 4, 0)) == 0);
	CHECK(g.zone == MD_GZ_HIGHMEM && g.direct_reclaim == MD_YES);
	CHECK(g.kswapd_reclaim == MD_YES && g.fs == MD_YES);
	md_gfp_free(&g);
	/* corpus: 0x2084020(GFP_ATOMIC|__GFP_COMP), 0x24000c0(GFP_KERNEL) */
	hex(0x2084020, md_kver(4, 9, 0), "GFP_ATOMIC|__GFP_COMP", "4.5-4.9");
	hex(0x24000c0, md_kver(4, 8, 0), "GFP_KERNEL", "4.5-4.9");
	/* corpus 4.15: 0x14080c0(GFP_KERNEL|__GFP_ZERO) */
	hex(0x14080c0, md_kver(4, 15, 0), "GFP_KERNEL|__GFP_ZERO", "4.13-4.15");
	hex(0x15080c0, md_kver(4, 14, 0), "GFP_KERNEL_ACCOUNT|__GFP_ZERO",
	    "4.13-4.15");
	/* 4.19: 0x6200ca(GFP_HIGHUSER_MOVABLE), 0x484020 */
	hex(0x6200ca, md_kver(4, 19, 0), "GFP_HIGHUSER_MOVABLE", "4.18-4.19");
	hex(0x484020, md_kver(4, 18, 0), "GFP_ATOMIC|__GFP_COMP", "4.18-4.19");
	/* __GFP_REPEAT, RETRY_MAYFAIL's ancestor */
	CHECK(md_gfp_decode(&g, NULL, 0x14004c0, true, md_kver(4, 11, 0)) == 0);
	CHECK(g.retry_mayfail == MD_YES && g.retry_is_repeat);
	CHECK_STR(g.names, "GFP_KERNEL|__GFP_REPEAT");
	md_gfp_free(&g);
}

/* Computed from Debian's 5.10, 6.1, 6.12, 7.2 headers. */
static void t_5_6_7(void)
{
	struct md_gfp g;
	char *s;

	hex(0xcc0, md_kver(5, 10, 0), "GFP_KERNEL", "5.3-5.13");
	hex(0xa20, md_kver(5, 10, 0), "GFP_ATOMIC", "5.3-5.13");
	hex(0x800, md_kver(5, 10, 0), "GFP_NOWAIT", "5.3-5.13");
	hex(0x100cca, md_kver(5, 10, 0), "GFP_HIGHUSER_MOVABLE", "5.3-5.13");
	hex(0x1c24ca, md_kver(5, 10, 0), "GFP_TRANSHUGE", "5.3-5.13");
	hex(0xcc1, md_kver(5, 13, 0), "GFP_KERNEL|GFP_DMA", "5.3-5.13");
	hex(0xa20, md_kver(6, 1, 0), "GFP_ATOMIC", "5.14-6.2");
	hex(0x40a20, md_kver(6, 1, 0), "GFP_ATOMIC|__GFP_COMP", "5.14-6.2");
	hex(0x800, md_kver(6, 1, 0), "GFP_NOWAIT", "5.14-6.2");
	hex(0x820, md_kver(6, 12, 0), "GFP_ATOMIC", "6.8-6.12");
	hex(0x2800, md_kver(6, 12, 0), "GFP_NOWAIT", "6.8-6.12");
	hex(0x800, md_kver(6, 12, 0), "__GFP_KSWAPD_RECLAIM", "6.8-6.12");
	hex(0x800, md_kver(6, 5, 0), "GFP_NOWAIT", "6.3-6.7");
	hex(0x140cca, md_kver(6, 12, 0), "GFP_HIGHUSER_MOVABLE|__GFP_COMP",
	    "6.8-6.12");
	hex(0x820, md_kver(7, 2, 13), "GFP_ATOMIC", "7.2");
	hex(0x2800, md_kver(7, 2, 0), "GFP_NOWAIT", "7.2");
	hex(0x1c24ca, md_kver(7, 2, 0), "GFP_TRANSHUGE", "7.2");
	/* 7.2 names single flags in bit order */
	hex(0x2dc0, md_kver(7, 2, 0), "GFP_KERNEL|__GFP_ZERO|__GFP_NOWARN",
	    "7.2");
	hex(0x2dc0, md_kver(6, 12, 0), "GFP_KERNEL|__GFP_NOWARN|__GFP_ZERO",
	    "6.8-6.12");
	hex(0x142cc0, md_kver(7, 2, 0), "GFP_USER|__GFP_NOWARN|__GFP_COMP",
	    "7.2");
	hex(0x1000cc0, md_kver(6, 12, 0), "GFP_KERNEL|0x1000000", "6.8-6.12");

	CHECK(md_gfp_decode(&g, NULL, 0x1c24ca, true, md_kver(6, 1, 0)) == 0);
	CHECK(g.direct_reclaim == MD_YES && g.kswapd_reclaim == MD_NO);
	CHECK(g.nowarn == MD_YES && g.nomemalloc == MD_YES);
	CHECK(g.comp == MD_YES && g.zone == MD_GZ_MOVABLE);
	md_gfp_free(&g);
	CHECK(md_gfp_decode(&g, NULL, 0x820, true, md_kver(6, 12, 0)) == 0);
	CHECK(g.atomic == MD_YES && g.high == MD_YES);
	CHECK(g.direct_reclaim == MD_NO);
	s = md_gfp_allows_str(&g);
	CHECK_HAS(s, "cannot sleep: no direct reclaim, wakes kswapd");
	CHECK_HAS(s, "(HIGH)");
	free(s);
	md_gfp_free(&g);
}

static void t_printed(void)
{
	struct md_gfp g;
	char *s;

	CHECK(md_gfp_decode(&g, "GFP_KERNEL|__GFP_NOWARN|__GFP_COMP",
			    0x42cc0, true, md_kver(6, 1, 0)) == 0);
	CHECK(g.source == MD_GFP_PRINTED);
	CHECK_STR(g.names, "GFP_KERNEL|__GFP_NOWARN|__GFP_COMP");
	CHECK(g.direct_reclaim == MD_YES && g.nowarn == MD_YES);
	CHECK(g.comp == MD_YES && g.zone == MD_GZ_NORMAL);
	s = md_gfp_allows_str(&g);
	CHECK_PREFIX(s, "may sleep: direct reclaim and compaction");
	CHECK_HAS(s, "no failure warning (NOWARN)");
	free(s);
	md_gfp_free(&g);

	/* 6.12: GFP_NOWAIT has __GFP_NOWARN; names only, no version */
	CHECK(md_gfp_decode(&g, "GFP_NOWAIT|__GFP_COMP|__GFP_ZERO",
			    0, false, md_kver(6, 12, 0)) == 0);
	CHECK(g.nowarn == MD_YES && g.direct_reclaim == MD_NO);
	CHECK(g.kswapd_reclaim == MD_YES && g.atomic == MD_NO);
	md_gfp_free(&g);
	CHECK(md_gfp_decode(&g, "GFP_NOWAIT", 0, false, 0) == 0);
	CHECK(g.nowarn == MD_UNSURE && g.direct_reclaim == MD_NO);
	md_gfp_free(&g);
	/* with the hex the table that fits tells */
	CHECK(md_gfp_decode(&g, "GFP_NOWAIT", 0x2800, true, 0) == 0);
	CHECK(g.nowarn == MD_YES);
	md_gfp_free(&g);

	CHECK(md_gfp_decode(&g, "__GFP_HIGH|__GFP_ATOMIC|__GFP_COMP", 0,
			    false, 0) == 0);
	CHECK(g.high == MD_YES && g.atomic == MD_YES);
	CHECK(g.direct_reclaim == MD_NO && g.comp == MD_YES);
	md_gfp_free(&g);

	/* corpus: mode:0x14080c0(GFP_KERNEL|__GFP_ZERO) on 4.15 */
	CHECK(md_gfp_decode(&g, "GFP_KERNEL|__GFP_ZERO", 0x14080c0, true,
			    md_kver(4, 15, 0)) == 0);
	CHECK(g.source == MD_GFP_PRINTED);
	CHECK_STR(g.table, "4.13-4.15");
	md_gfp_free(&g);
	/* corpus 21: 0xcc1(GFP_KERNEL|GFP_DMA), no version */
	CHECK(md_gfp_decode(&g, "GFP_KERNEL|GFP_DMA", 0xcc1, true, 0) == 0);
	CHECK(g.zone == MD_GZ_DMA && g.direct_reclaim == MD_YES);
	md_gfp_free(&g);
	CHECK(md_gfp_decode(&g, "GFP_TRANSHUGE", 0, false, 0) == 0);
	CHECK(g.direct_reclaim == MD_YES && g.zone == MD_GZ_MOVABLE);
	md_gfp_free(&g);
	CHECK(md_gfp_decode(&g, "GFP_HIGHUSER_MOVABLE|__GFP_ACCOUNT", 0,
			    false, md_kver(5, 14, 0)) == 0);
	CHECK(g.account == MD_YES && g.zone == MD_GZ_MOVABLE);
	md_gfp_free(&g);
	/* a name no table knows: kept, said unknown */
	CHECK(md_gfp_decode(&g, "GFP_KERNEL|__GFP_VENDOR_THING", 0, false,
			    md_kver(5, 14, 0)) == 0);
	CHECK_STR(g.unknown, "__GFP_VENDOR_THING");
	CHECK_STR(g.names, "GFP_KERNEL|__GFP_VENDOR_THING");
	CHECK(g.direct_reclaim == MD_YES);
	md_gfp_free(&g);
}

static void t_ambiguous(void)
{
	struct md_gfp g;
	char *s;

	/* 0x24000c0: GFP_KERNEL on 4.4-4.9, something else elsewhere */
	CHECK(md_gfp_decode(&g, NULL, 0x24000c0, true, 0) == 0);
	CHECK(g.source == MD_GFP_AMBIGUOUS);
	CHECK_HAS(g.readings, "GFP_KERNEL (4.4, 4.5-4.9)");
	CHECK_HAS(g.readings, " or ");
	CHECK(g.direct_reclaim == MD_UNSURE);
	s = md_gfp_allows_str(&g);
	CHECK_HAS(s, "unknown (hex only, kernel version unknown)");
	free(s);
	md_gfp_free(&g);
	/* 0x20 means __GFP_HIGH everywhere: no direct reclaim anywhere */
	CHECK(md_gfp_decode(&g, NULL, 0x20, true, 0) == 0);
	CHECK(g.high == MD_YES && g.direct_reclaim == MD_NO);
	md_gfp_free(&g);
	/* 4.16 is between tables where the reclaim bits moved */
	CHECK(md_gfp_decode(&g, NULL, 0x6000c0, true, md_kver(4, 16, 0)) == 0);
	CHECK(g.source == MD_GFP_AMBIGUOUS);
	CHECK_HAS(g.readings, "GFP_KERNEL (4.18-4.19)");
	md_gfp_free(&g);
	/* 7.0: between 6.12 and 7.2, the bits agree */
	CHECK(md_gfp_decode(&g, NULL, 0xcc0, true, md_kver(7, 0, 0)) == 0);
	CHECK(g.source == MD_GFP_TABLE);
	CHECK_STR(g.names, "GFP_KERNEL");
	CHECK(g.direct_reclaim == MD_YES);
	md_gfp_free(&g);
	/* nothing read */
	CHECK(md_gfp_decode(&g, NULL, 0, false, 0) == 0);
	CHECK(g.source == MD_GFP_UNKNOWN && g.direct_reclaim == MD_UNSURE);
	md_gfp_free(&g);
	md_gfp_free(&g);
	CHECK_STR(md_gfp_zone_name(MD_GZ_DMA32), "DMA32");
}

void xu_gfp(void)
{
	run("gfp: md_kver_parse", t_kver);
	run("gfp: 2.5/2.6 tables", t_2_5_2_6);
	run("gfp: 2.6.31-4.3 table", t_3x);
	run("gfp: 4.x tables", t_4x);
	run("gfp: 5.x/6.x/7.2 tables", t_5_6_7);
	run("gfp: printed names", t_printed);
	run("gfp: ambiguous and unknown", t_ambiguous);
}
