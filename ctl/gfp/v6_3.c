// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 6.3-6.7 (md_gfp_t6_3) and 6.8-6.12 (md_gfp_t6_8), written from
 * Debian's linux-source-6.12 include/linux/gfp_types.h and
 * include/trace/events/mmflags.h. 6.3 removed __GFP_ATOMIC (bit 0x200 unused
 * since; GFP_ATOMIC = __GFP_HIGH|__GFP_KSWAPD_RECLAIM = 0x820); the other bits
 * as in 6.1. 6.8's 16f5dfbc851b ("gfp: include __GFP_NOWARN in GFP_NOWAIT")
 * made GFP_NOWAIT = __GFP_KSWAPD_RECLAIM|__GFP_NOWARN = 0x2800 (6.7 and before:
 * 0x800): the 6.3-6.7 table is 6.12's with that commit undone. Bits above
 * __GFP_ZEROTAGS depend on the config (KASAN_HW_TAGS, LOCKDEP, SLAB_OBJ_EXT in
 * 6.10+: __GFP_NO_OBJ_EXT is 0x1000000 on a Debian amd64 kernel) and are
 * left unnamed. GFP_KERNEL = 0xcc0, GFP_HIGHUSER_MOVABLE = 0x100cca,
 * GFP_TRANSHUGE = 0x1c24ca.
 */
#include <stddef.h>
#include "../gfp.h"

static const struct md_gfp_name names_6_3[] = {
	{ 0x1c24ca, "GFP_TRANSHUGE" },
	{ 0x1c20ca, "GFP_TRANSHUGE_LIGHT" },
	{ 0x100cca, "GFP_HIGHUSER_MOVABLE" },
	{ 0x100cc2, "GFP_HIGHUSER" },
	{ 0x100cc0, "GFP_USER" },
	{ 0x400cc0, "GFP_KERNEL_ACCOUNT" },
	{ 0xcc0, "GFP_KERNEL" },
	{ 0xc40, "GFP_NOFS" },
	{ 0x820, "GFP_ATOMIC" },
	{ 0xc00, "GFP_NOIO" },
	{ 0x800, "GFP_NOWAIT" },
	{ 0x1, "GFP_DMA" },
	{ 0x2, "__GFP_HIGHMEM" },
	{ 0x4, "GFP_DMA32" },
	{ 0x20, "__GFP_HIGH" },
	{ 0x40, "__GFP_IO" },
	{ 0x80, "__GFP_FS" },
	{ 0x2000, "__GFP_NOWARN" },
	{ 0x4000, "__GFP_RETRY_MAYFAIL" },
	{ 0x8000, "__GFP_NOFAIL" },
	{ 0x10000, "__GFP_NORETRY" },
	{ 0x40000, "__GFP_COMP" },
	{ 0x100, "__GFP_ZERO" },
	{ 0x80000, "__GFP_NOMEMALLOC" },
	{ 0x20000, "__GFP_MEMALLOC" },
	{ 0x100000, "__GFP_HARDWALL" },
	{ 0x200000, "__GFP_THISNODE" },
	{ 0x10, "__GFP_RECLAIMABLE" },
	{ 0x8, "__GFP_MOVABLE" },
	{ 0x400000, "__GFP_ACCOUNT" },
	{ 0x1000, "__GFP_WRITE" },
	{ 0xc00, "__GFP_RECLAIM" },
	{ 0x400, "__GFP_DIRECT_RECLAIM" },
	{ 0x800, "__GFP_KSWAPD_RECLAIM" },
	{ 0x800000, "__GFP_ZEROTAGS" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t6_3 = {
	.versions = "6.3-6.7",
	.lo = md_kver(6, 3, 0), .hi = md_kver(6, 7, 255),
	.source = "Debian linux-source-6.12 include/linux/gfp_types.h without 16f5dfbc851b",
	.names = names_6_3,
};

static const struct md_gfp_name names_6_8[] = {
	{ 0x1c24ca, "GFP_TRANSHUGE" },
	{ 0x1c20ca, "GFP_TRANSHUGE_LIGHT" },
	{ 0x100cca, "GFP_HIGHUSER_MOVABLE" },
	{ 0x100cc2, "GFP_HIGHUSER" },
	{ 0x100cc0, "GFP_USER" },
	{ 0x400cc0, "GFP_KERNEL_ACCOUNT" },
	{ 0xcc0, "GFP_KERNEL" },
	{ 0xc40, "GFP_NOFS" },
	{ 0x820, "GFP_ATOMIC" },
	{ 0xc00, "GFP_NOIO" },
	{ 0x2800, "GFP_NOWAIT" },
	{ 0x1, "GFP_DMA" },
	{ 0x2, "__GFP_HIGHMEM" },
	{ 0x4, "GFP_DMA32" },
	{ 0x20, "__GFP_HIGH" },
	{ 0x40, "__GFP_IO" },
	{ 0x80, "__GFP_FS" },
	{ 0x2000, "__GFP_NOWARN" },
	{ 0x4000, "__GFP_RETRY_MAYFAIL" },
	{ 0x8000, "__GFP_NOFAIL" },
	{ 0x10000, "__GFP_NORETRY" },
	{ 0x40000, "__GFP_COMP" },
	{ 0x100, "__GFP_ZERO" },
	{ 0x80000, "__GFP_NOMEMALLOC" },
	{ 0x20000, "__GFP_MEMALLOC" },
	{ 0x100000, "__GFP_HARDWALL" },
	{ 0x200000, "__GFP_THISNODE" },
	{ 0x10, "__GFP_RECLAIMABLE" },
	{ 0x8, "__GFP_MOVABLE" },
	{ 0x400000, "__GFP_ACCOUNT" },
	{ 0x1000, "__GFP_WRITE" },
	{ 0xc00, "__GFP_RECLAIM" },
	{ 0x400, "__GFP_DIRECT_RECLAIM" },
	{ 0x800, "__GFP_KSWAPD_RECLAIM" },
	{ 0x800000, "__GFP_ZEROTAGS" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t6_8 = {
	.versions = "6.8-6.12",
	.lo = md_kver(6, 8, 0), .hi = md_kver(6, 12, 255),
	.source = "Debian linux-source-6.12 include/linux/gfp_types.h, include/trace/events/mmflags.h",
	.names = names_6_8,
};
