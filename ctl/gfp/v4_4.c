// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 4.4 (md_gfp_t4_4) and 4.5-4.9 (md_gfp_t4_5).
 *
 * 4.4 replaced __GFP_WAIT with __GFP_DIRECT_RECLAIM and __GFP_NO_KSWAPD with
 * __GFP_KSWAPD_RECLAIM, and added __GFP_ATOMIC: ___GFP_RECLAIMABLE 0x10,
 * HIGH 0x20, IO 0x40, FS 0x80, COLD 0x100, NOWARN 0x200, REPEAT 0x400, NOFAIL
 * 0x800, NORETRY 0x1000, MEMALLOC 0x2000, COMP 0x4000, ZERO 0x8000, NOMEMALLOC
 * 0x10000, HARDWALL 0x20000, THISNODE 0x40000, ATOMIC 0x80000, NOACCOUNT (4.4)
 * or ACCOUNT (4.5+) 0x100000, NOTRACK 0x200000, DIRECT_RECLAIM 0x400000,
 * OTHER_NODE 0x800000, WRITE 0x1000000, KSWAPD_RECLAIM 0x2000000: written from
 * 4.4's include/linux/gfp.h (as quoted in the lockdep __GFP_NOLOCKDEP patch's
 * context and a 4.4 annotated copy) and 4.9's (the 4.10 __GFP_OTHER_NODE
 * removal diff). GFP_KERNEL = 0x24000c0, GFP_ATOMIC = 0x2080020.
 * The name order is 4.6's include/trace/events/mmflags.h (4.5's gfpflags.h
 * had the same list); 4.4 printed no names (warn_alloc_failed printed
 * "mode:0x%x"), the corpus' 4.4 "mode:0x24000c2" is GFP_KERNEL|__GFP_HIGHMEM.
 * GFP_TRANSHUGE is left out of the names: its definition changed within 4.4-4.9
 * (4.8 added GFP_TRANSHUGE_LIGHT), a THP mask shows as
 * GFP_HIGHUSER_MOVABLE|__GFP_COMP|... instead.
 */
#include <stddef.h>
#include "../gfp.h"

static const struct md_gfp_name names_4_4[] = {
	{ 0x24200ca, "GFP_HIGHUSER_MOVABLE" },
	{ 0x24200c2, "GFP_HIGHUSER" },
	{ 0x24200c0, "GFP_USER" },
	{ 0x24000d0, "GFP_TEMPORARY" },
	{ 0x24000c0, "GFP_KERNEL" },
	{ 0x2400040, "GFP_NOFS" },
	{ 0x2080020, "GFP_ATOMIC" },
	{ 0x2400000, "GFP_NOIO" },
	{ 0x2000000, "GFP_NOWAIT" },
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
	{ 0x100000, "__GFP_NOACCOUNT" },
	{ 0x200000, "__GFP_NOTRACK" },
	{ 0x1000000, "__GFP_WRITE" },
	{ 0x2400000, "__GFP_RECLAIM" },
	{ 0x400000, "__GFP_DIRECT_RECLAIM" },
	{ 0x2000000, "__GFP_KSWAPD_RECLAIM" },
	{ 0x800000, "__GFP_OTHER_NODE" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t4_4 = {
	.versions = "4.4",
	.lo = md_kver(4, 4, 0), .hi = md_kver(4, 4, 255),
	.source = "4.4 include/linux/gfp.h",
	.names = names_4_4,
};

static const struct md_gfp_name names_4_5[] = {
	{ 0x24200ca, "GFP_HIGHUSER_MOVABLE" },
	{ 0x24200c2, "GFP_HIGHUSER" },
	{ 0x24200c0, "GFP_USER" },
	{ 0x24000d0, "GFP_TEMPORARY" },
	{ 0x25000c0, "GFP_KERNEL_ACCOUNT" },
	{ 0x24000c0, "GFP_KERNEL" },
	{ 0x2400040, "GFP_NOFS" },
	{ 0x2080020, "GFP_ATOMIC" },
	{ 0x2400000, "GFP_NOIO" },
	{ 0x2000000, "GFP_NOWAIT" },
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
	{ 0x1000000, "__GFP_WRITE" },
	{ 0x2400000, "__GFP_RECLAIM" },
	{ 0x400000, "__GFP_DIRECT_RECLAIM" },
	{ 0x2000000, "__GFP_KSWAPD_RECLAIM" },
	{ 0x800000, "__GFP_OTHER_NODE" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t4_5 = {
	.versions = "4.5-4.9",
	.lo = md_kver(4, 5, 0), .hi = md_kver(4, 9, 255),
	.source = "4.9 include/linux/gfp.h, 4.6 include/trace/events/mmflags.h",
	.names = names_4_5,
};
