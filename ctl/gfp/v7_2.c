// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 7.2 (md_gfp_t7_2), written from Debian's linux-source-7.2
 * include/linux/gfp_types.h and include/trace/events/mmflags.h: the bits of
 * 6.12 (enum ___GFP_*_BIT, 0x200 unused), GFP_NOWAIT with __GFP_NOWARN;
 * __GFP_NO_OBJ_EXT is always defined (after ZEROTAGS, and after the
 * KASAN_HW_TAGS and LOCKDEP bits when those are configured: 0x1000000 on a
 * Debian amd64 kernel) and left unnamed here for that reason. %pGg's list
 * changed: after the composites and GFP_DMA, GFP_DMA32, __GFP_RECLAIM come the
 * single flags in bit order (TRACE_GFP_FLAGS). Which of 6.13-7.1 first had that
 * order is not checked: they are between tables (the bits agree).
 * GFP_KERNEL = 0xcc0, GFP_ATOMIC = 0x820, GFP_NOWAIT = 0x2800,
 * GFP_HIGHUSER_MOVABLE = 0x100cca, GFP_TRANSHUGE = 0x1c24ca.
 */
#include <stddef.h>
#include "../gfp.h"

static const struct md_gfp_name names_7_2[] = {
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
	{ 0x4, "GFP_DMA32" },
	{ 0xc00, "__GFP_RECLAIM" },
	{ 0x1, "__GFP_DMA" },
	{ 0x2, "__GFP_HIGHMEM" },
	{ 0x4, "__GFP_DMA32" },
	{ 0x8, "__GFP_MOVABLE" },
	{ 0x10, "__GFP_RECLAIMABLE" },
	{ 0x20, "__GFP_HIGH" },
	{ 0x40, "__GFP_IO" },
	{ 0x80, "__GFP_FS" },
	{ 0x100, "__GFP_ZERO" },
	{ 0x400, "__GFP_DIRECT_RECLAIM" },
	{ 0x800, "__GFP_KSWAPD_RECLAIM" },
	{ 0x1000, "__GFP_WRITE" },
	{ 0x2000, "__GFP_NOWARN" },
	{ 0x4000, "__GFP_RETRY_MAYFAIL" },
	{ 0x8000, "__GFP_NOFAIL" },
	{ 0x10000, "__GFP_NORETRY" },
	{ 0x20000, "__GFP_MEMALLOC" },
	{ 0x40000, "__GFP_COMP" },
	{ 0x80000, "__GFP_NOMEMALLOC" },
	{ 0x100000, "__GFP_HARDWALL" },
	{ 0x200000, "__GFP_THISNODE" },
	{ 0x400000, "__GFP_ACCOUNT" },
	{ 0x800000, "__GFP_ZEROTAGS" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t7_2 = {
	.versions = "7.2",
	.lo = md_kver(7, 2, 0), .hi = md_kver(7, 2, 255),
	.source = "Debian linux-source-7.2 include/linux/gfp_types.h, include/trace/events/mmflags.h",
	.names = names_7_2,
};
