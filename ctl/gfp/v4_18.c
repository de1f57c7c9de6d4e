// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 4.18-4.19 (md_gfp_t4_18), written from 4.19's
 * include/linux/gfp.h (0x88888888/Linux-4.19): ___GFP_WRITE 0x100,
 * RETRY_MAYFAIL 0x400, ATOMIC 0x80000, ACCOUNT 0x100000, DIRECT_RECLAIM
 * 0x200000, KSWAPD_RECLAIM 0x400000 ("Moved couple of gfp masks instead of
 * sliding all", after 4.15). GFP_KERNEL = 0x6000c0, GFP_HIGHUSER_MOVABLE =
 * 0x6200ca (RHEL 8's 4.18 and 4.19 OOM reports print
 * gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE)). Which of 4.16/4.17 had it is not
 * checked: they are between tables. Names in 5.10's mmflags.h order (the same
 * list).
 */
#include <stddef.h>
#include "../gfp.h"

static const struct md_gfp_name names_4_18[] = {
	{ 0x2342ca, "GFP_TRANSHUGE" },
	{ 0x342ca, "GFP_TRANSHUGE_LIGHT" },
	{ 0x6200ca, "GFP_HIGHUSER_MOVABLE" },
	{ 0x6200c2, "GFP_HIGHUSER" },
	{ 0x6200c0, "GFP_USER" },
	{ 0x7000c0, "GFP_KERNEL_ACCOUNT" },
	{ 0x6000c0, "GFP_KERNEL" },
	{ 0x600040, "GFP_NOFS" },
	{ 0x480020, "GFP_ATOMIC" },
	{ 0x600000, "GFP_NOIO" },
	{ 0x400000, "GFP_NOWAIT" },
	{ 0x1, "GFP_DMA" },
	{ 0x2, "__GFP_HIGHMEM" },
	{ 0x4, "GFP_DMA32" },
	{ 0x20, "__GFP_HIGH" },
	{ 0x80000, "__GFP_ATOMIC" },
	{ 0x40, "__GFP_IO" },
	{ 0x80, "__GFP_FS" },
	{ 0x200, "__GFP_NOWARN" },
	{ 0x400, "__GFP_RETRY_MAYFAIL" },
	{ 0x800, "__GFP_NOFAIL" },
	{ 0x1000, "__GFP_NORETRY" },
	{ 0x4000, "__GFP_COMP" },
	{ 0x8000, "__GFP_ZERO" },
	{ 0x10000, "__GFP_NOMEMALLOC" },
	{ 0x2000, "__GFP_MEMALLOC" },
	{ 0x20000, "__GFP_HARDWALL" },
	{ 0x40000, "__GFP_THISNODE" },
	{ 0x10, "__GFP_RECLAIMABLE" },
	{ 0x8, "__GFP_MOVABLE" },
	{ 0x100000, "__GFP_ACCOUNT" },
	{ 0x100, "__GFP_WRITE" },
	{ 0x600000, "__GFP_RECLAIM" },
	{ 0x200000, "__GFP_DIRECT_RECLAIM" },
	{ 0x400000, "__GFP_KSWAPD_RECLAIM" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t4_18 = {
	.versions = "4.18-4.19",
	.lo = md_kver(4, 18, 0), .hi = md_kver(4, 19, 255),
	.source = "4.19 include/linux/gfp.h",
	.names = names_4_18,
};
