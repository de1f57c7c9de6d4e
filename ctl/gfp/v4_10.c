// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 4.10-4.12 (md_gfp_t4_10) and 4.13-4.15 (md_gfp_t4_13).
 *
 * 4.10 removed __GFP_OTHER_NODE (41b6167e8f74 "mm: get rid of
 * __GFP_OTHER_NODE"), moving ___GFP_WRITE to 0x800000 and
 * ___GFP_KSWAPD_RECLAIM to 0x1000000 (the diff of that commit; the rest as in
 * 4.9: DIRECT_RECLAIM 0x400000, ACCOUNT 0x100000, ATOMIC 0x80000, NOTRACK
 * 0x200000, COLD 0x100). 4.13 renamed __GFP_REPEAT (0x400) __GFP_RETRY_MAYFAIL
 * (dcda9b04713c). 4.15 removed __GFP_COLD and __GFP_NOTRACK without moving the
 * others: the corpus' 4.15 "mode:0x14080c0(GFP_KERNEL|__GFP_ZERO)" and
 * "gfp_mask=0x15080c0(GFP_KERNEL_ACCOUNT|__GFP_ZERO)" have GFP_KERNEL =
 * 0x14000c0. GFP_TEMPORARY is left out of 4.13-4.15 (removed in 4.14).
 * Names in mmflags.h order, with GFP_TRANSHUGE/GFP_TRANSHUGE_LIGHT first (4.8+).
 */
#include <stddef.h>
#include "../gfp.h"

static const struct md_gfp_name names_4_10[] = {
	{ 0x4342ca, "GFP_TRANSHUGE" },
	{ 0x342ca, "GFP_TRANSHUGE_LIGHT" },
	{ 0x14200ca, "GFP_HIGHUSER_MOVABLE" },
	{ 0x14200c2, "GFP_HIGHUSER" },
	{ 0x14200c0, "GFP_USER" },
	{ 0x14000d0, "GFP_TEMPORARY" },
	{ 0x15000c0, "GFP_KERNEL_ACCOUNT" },
	{ 0x14000c0, "GFP_KERNEL" },
	{ 0x1400040, "GFP_NOFS" },
	{ 0x1080020, "GFP_ATOMIC" },
	{ 0x1400000, "GFP_NOIO" },
	{ 0x1000000, "GFP_NOWAIT" },
	{ 0x1, "GFP_DMA" },
	{ 0x2, "__GFP_HIGHMEM" },
	{ 0x4, "GFP_DMA32" },
	{ 0x20, "__GFP_HIGH" },
	{ 0x80000, "__GFP_ATOMIC" },
	{ 0x40, "__GFP_IO" },
	{ 0x80, "__GFP_FS" },
	{ 0x100, "__GFP_COLD" },
	{ 0x200, "__GFP_NOWARN" },
	{ 0x400, "__GFP_REPEAT" },
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
	{ 0x200000, "__GFP_NOTRACK" },
	{ 0x800000, "__GFP_WRITE" },
	{ 0x1400000, "__GFP_RECLAIM" },
	{ 0x400000, "__GFP_DIRECT_RECLAIM" },
	{ 0x1000000, "__GFP_KSWAPD_RECLAIM" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t4_10 = {
	.versions = "4.10-4.12",
	.lo = md_kver(4, 10, 0), .hi = md_kver(4, 12, 255),
	.source = "4.9 include/linux/gfp.h with 41b6167e8f74 applied",
	.names = names_4_10,
};

static const struct md_gfp_name names_4_13[] = {
	{ 0x4342ca, "GFP_TRANSHUGE" },
	{ 0x342ca, "GFP_TRANSHUGE_LIGHT" },
	{ 0x14200ca, "GFP_HIGHUSER_MOVABLE" },
	{ 0x14200c2, "GFP_HIGHUSER" },
	{ 0x14200c0, "GFP_USER" },
	{ 0x15000c0, "GFP_KERNEL_ACCOUNT" },
	{ 0x14000c0, "GFP_KERNEL" },
	{ 0x1400040, "GFP_NOFS" },
	{ 0x1080020, "GFP_ATOMIC" },
	{ 0x1400000, "GFP_NOIO" },
	{ 0x1000000, "GFP_NOWAIT" },
	{ 0x1, "GFP_DMA" },
	{ 0x2, "__GFP_HIGHMEM" },
	{ 0x4, "GFP_DMA32" },
	{ 0x20, "__GFP_HIGH" },
	{ 0x80000, "__GFP_ATOMIC" },
	{ 0x40, "__GFP_IO" },
	{ 0x80, "__GFP_FS" },
	{ 0x100, "__GFP_COLD" },
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
	{ 0x200000, "__GFP_NOTRACK" },
	{ 0x800000, "__GFP_WRITE" },
	{ 0x1400000, "__GFP_RECLAIM" },
	{ 0x400000, "__GFP_DIRECT_RECLAIM" },
	{ 0x1000000, "__GFP_KSWAPD_RECLAIM" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t4_13 = {
	.versions = "4.13-4.15",
	.lo = md_kver(4, 13, 0), .hi = md_kver(4, 15, 255),
	.source = "4.15-era include/linux/gfp.h (0x14000c0 GFP_KERNEL)",
	.names = names_4_13,
};
