// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 2.6.0-2.6.22 (md_gfp_t2_6_0) and 2.6.23-2.6.30
 * (md_gfp_t2_6_23), before the kernel printed names.
 *
 * 2.6.0-2.6.22: written from 2.6.11's include/linux/gfp.h
 * (Antonio-Zhou/Linux-2.6.11): __GFP_DMA 0x01, __GFP_HIGHMEM 0x02,
 * __GFP_WAIT 0x10, __GFP_HIGH 0x20, __GFP_IO 0x40, __GFP_FS 0x80,
 * __GFP_COLD 0x100, __GFP_NOWARN 0x200, __GFP_REPEAT 0x400, __GFP_NOFAIL
 * 0x800, __GFP_NORETRY 0x1000, __GFP_NO_GROW 0x2000, __GFP_COMP 0x4000,
 * __GFP_ZERO 0x8000; GFP_ATOMIC = __GFP_HIGH (0x20), GFP_KERNEL = 0xd0.
 * The bits 2.6.12-2.6.22 added (__GFP_DMA32 0x04, __GFP_NOMEMALLOC 0x10000,
 * __GFP_HARDWALL 0x20000, __GFP_THISNODE 0x40000) are named with the values
 * 2.6.24's header gives them (they did not move).
 *
 * 2.6.23-2.6.30: written from 2.6.24's include/linux/gfp.h
 * (0x88888888/Linux2.6.24-comments): __GFP_NO_GROW gone, __GFP_RECLAIMABLE
 * 0x80000, __GFP_MOVABLE 0x100000 (moved to 0x08 in 2.6.31), GFP_TEMPORARY,
 * GFP_HIGHUSER with __GFP_HARDWALL, GFP_HIGHUSER_MOVABLE.
 */
#include <stddef.h>
#include "../gfp.h"

#define DMA		0x01u
#define HIGHMEM		0x02u
#define DMA32		0x04u
#define WAIT		0x10u
#define HIGH		0x20u
#define IO		0x40u
#define FS		0x80u
#define HARDWALL	0x20000u
#define RECLAIMABLE	0x80000u
#define MOVABLE_23	0x100000u

static const struct md_gfp_name names_0[] = {
	{ WAIT | IO | FS | HIGHMEM, "GFP_HIGHUSER" },
	{ WAIT | IO | FS, "GFP_KERNEL" },
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
	{ 0x200, "__GFP_NOWARN" },
	{ 0x400, "__GFP_REPEAT" },
	{ 0x800, "__GFP_NOFAIL" },
	{ 0x1000, "__GFP_NORETRY" },
	{ 0x2000, "__GFP_NO_GROW" },
	{ 0x4000, "__GFP_COMP" },
	{ 0x8000, "__GFP_ZERO" },
	{ 0x10000, "__GFP_NOMEMALLOC" },
	{ HARDWALL, "__GFP_HARDWALL" },
	{ 0x40000, "__GFP_THISNODE" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t2_6_0 = {
	.versions = "2.6.0-2.6.22",
	.lo = md_kver(2, 6, 0), .hi = md_kver(2, 6, 22),
	.source = "2.6.11 include/linux/gfp.h (+ 2.6.24's values of later bits)",
	.names = names_0,
};

static const struct md_gfp_name names_23[] = {
	{ WAIT | IO | FS | HARDWALL | HIGHMEM | MOVABLE_23,
	  "GFP_HIGHUSER_MOVABLE" },
	{ WAIT | IO | FS | HARDWALL | HIGHMEM, "GFP_HIGHUSER" },
	{ WAIT | IO | FS | HARDWALL, "GFP_USER" },
	{ WAIT | IO | FS | RECLAIMABLE, "GFP_TEMPORARY" },
	{ WAIT | IO | FS, "GFP_KERNEL" },
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
	{ 0x200, "__GFP_NOWARN" },
	{ 0x400, "__GFP_REPEAT" },
	{ 0x800, "__GFP_NOFAIL" },
	{ 0x1000, "__GFP_NORETRY" },
	{ 0x4000, "__GFP_COMP" },
	{ 0x8000, "__GFP_ZERO" },
	{ 0x10000, "__GFP_NOMEMALLOC" },
	{ HARDWALL, "__GFP_HARDWALL" },
	{ 0x40000, "__GFP_THISNODE" },
	{ RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ MOVABLE_23, "__GFP_MOVABLE" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t2_6_23 = {
	.versions = "2.6.23-2.6.30",
	.lo = md_kver(2, 6, 23), .hi = md_kver(2, 6, 30),
	.source = "2.6.24 include/linux/gfp.h",
	.names = names_23,
};
