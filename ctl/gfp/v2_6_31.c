// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 2.6.31-4.3 (md_gfp_t2_6_31), before the kernel printed
 * names, written from 3.13's include/linux/gfp.h
 * (Breathleas/linux-kernel-3.13-codedump): __GFP_MOVABLE moved to 0x08 in
 * 2.6.31 (the zone bits); __GFP_WAIT 0x10, __GFP_HIGH 0x20, __GFP_IO 0x40,
 * __GFP_FS 0x80, __GFP_COLD 0x100, __GFP_NOWARN 0x200, __GFP_REPEAT 0x400,
 * __GFP_NOFAIL 0x800, __GFP_NORETRY 0x1000, __GFP_MEMALLOC 0x2000 (3.6+),
 * __GFP_COMP 0x4000, __GFP_ZERO 0x8000, __GFP_NOMEMALLOC 0x10000,
 * __GFP_HARDWALL 0x20000, __GFP_THISNODE 0x40000, __GFP_RECLAIMABLE 0x80000,
 * __GFP_KMEMCG 0x100000 (3.8-3.18; 4.2-4.3 reused it as __GFP_NOACCOUNT),
 * __GFP_NOTRACK 0x200000, __GFP_NO_KSWAPD 0x400000 (2.6.38+),
 * __GFP_OTHER_NODE 0x800000, __GFP_WRITE 0x1000000. GFP_KERNEL = 0xd0,
 * GFP_ATOMIC = 0x20, GFP_HIGHUSER_MOVABLE = 0x200da (the corpus' OOM
 * gfp_mask=0x200da, 0x201da with __GFP_COLD, 0x280da with __GFP_ZERO).
 */
#include <stddef.h>
#include "../gfp.h"

#define DMA		0x01u
#define HIGHMEM		0x02u
#define DMA32		0x04u
#define MOVABLE		0x08u
#define WAIT		0x10u
#define HIGH		0x20u
#define IO		0x40u
#define FS		0x80u
#define NOWARN		0x200u
#define NORETRY		0x1000u
#define COMP		0x4000u
#define NOMEMALLOC	0x10000u
#define HARDWALL	0x20000u
#define RECLAIMABLE	0x80000u
#define NO_KSWAPD	0x400000u
#define KERNEL		(WAIT | IO | FS)
#define HIGHUSER_MOVABLE (KERNEL | HARDWALL | HIGHMEM | MOVABLE)

static const struct md_gfp_name names[] = {
	{ HIGHUSER_MOVABLE | COMP | NOMEMALLOC | NORETRY | NOWARN | NO_KSWAPD,
	  "GFP_TRANSHUGE" },
	{ HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ KERNEL | HARDWALL | HIGHMEM, "GFP_HIGHUSER" },
	{ KERNEL | HARDWALL, "GFP_USER" },
	{ KERNEL | RECLAIMABLE, "GFP_TEMPORARY" },
	{ KERNEL, "GFP_KERNEL" },
	{ WAIT | IO, "GFP_NOFS" },
	{ HIGH, "GFP_ATOMIC" },
	{ WAIT, "GFP_NOIO" },
	{ DMA, "GFP_DMA" },
	{ HIGHMEM, "__GFP_HIGHMEM" },
	{ DMA32, "GFP_DMA32" },
	{ WAIT, "__GFP_WAIT" },
	{ HIGH, "__GFP_HIGH" },
	{ IO, "__GFP_IO" },
	{ FS, "__GFP_FS" },
	{ 0x100, "__GFP_COLD" },
	{ NOWARN, "__GFP_NOWARN" },
	{ 0x400, "__GFP_REPEAT" },
	{ 0x800, "__GFP_NOFAIL" },
	{ NORETRY, "__GFP_NORETRY" },
	{ COMP, "__GFP_COMP" },
	{ 0x8000, "__GFP_ZERO" },
	{ NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ 0x2000, "__GFP_MEMALLOC" },
	{ HARDWALL, "__GFP_HARDWALL" },
	{ 0x40000, "__GFP_THISNODE" },
	{ RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ MOVABLE, "__GFP_MOVABLE" },
	{ 0x100000, "__GFP_KMEMCG" },
	{ 0x200000, "__GFP_NOTRACK" },
	{ NO_KSWAPD, "__GFP_NO_KSWAPD" },
	{ 0x800000, "__GFP_OTHER_NODE" },
	{ 0x1000000, "__GFP_WRITE" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t2_6_31 = {
	.versions = "2.6.31-4.3",
	.lo = md_kver(2, 6, 31), .hi = md_kver(4, 3, 255),
	.source = "3.13 include/linux/gfp.h",
	.names = names,
};
