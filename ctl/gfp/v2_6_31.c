// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 2.6.31-4.3, before the kernel printed names: md_gfp_t2_6_31
 * (2.6.31-3.7), md_gfp_t3_8 (3.8-3.15), md_gfp_t3_16 (3.16-4.0) and
 * md_gfp_t4_2 (4.2-4.3). They differ only in bit 0x100000.
 *
 * Written from 3.13's include/linux/gfp.h
 * (Breathleas/linux-kernel-3.13-codedump, commit e962ccea5ff2): __GFP_MOVABLE
 * moved to 0x08 in 2.6.31 (the zone bits); __GFP_WAIT 0x10, __GFP_HIGH 0x20,
 * __GFP_IO 0x40, __GFP_FS 0x80, __GFP_COLD 0x100, __GFP_NOWARN 0x200,
 * __GFP_REPEAT 0x400, __GFP_NOFAIL 0x800, __GFP_NORETRY 0x1000,
 * __GFP_MEMALLOC 0x2000 (3.6+), __GFP_COMP 0x4000, __GFP_ZERO 0x8000,
 * __GFP_NOMEMALLOC 0x10000, __GFP_HARDWALL 0x20000, __GFP_THISNODE 0x40000,
 * __GFP_RECLAIMABLE 0x80000, __GFP_NOTRACK 0x200000, __GFP_NO_KSWAPD
 * 0x400000 (2.6.38+), __GFP_OTHER_NODE 0x800000, __GFP_WRITE 0x1000000.
 * GFP_KERNEL = 0xd0, GFP_ATOMIC = 0x20, GFP_HIGHUSER_MOVABLE = 0x200da (the
 * corpus' OOM gfp_mask=0x200da, 0x201da with __GFP_COLD, 0x280da with
 * __GFP_ZERO).
 *
 * Bit 0x100000:
 * - 2.6.31-3.7: unused. 3.0.8's include/linux/gfp.h (weilaidb/PythonExample,
 *   regularexpress/home/weilaidb/work/kernel/linux-3.0.8/include/linux/gfp.h)
 *   goes from ___GFP_RECLAIMABLE 0x80000 to ___GFP_NOTRACK 0x200000.
 * - 3.8-3.15: ___GFP_KMEMCG (the 3.13 header above).
 * - 3.16-4.0: unused again: 52383431b37c "mm: get rid of __GFP_KMEMCG" is a
 *   3.16 commit (linux-mm thread of April 2014; a RHEL backport list gives
 *   "3.16 | 52383431b37c").
 * - 4.2-4.3: ___GFP_NOACCOUNT, from "gfp: add __GFP_NOACCOUNT" (posted to
 *   linux-mm 2015-05-06) until 20b5c3039863 "Revert 'gfp: add
 *   __GFP_NOACCOUNT'" (4.5; 4.4 still has it, see v4_4.c). No 4.1 header
 *   was found to tell whether 4.1 had it: 4.1 is left between md_gfp_t3_16
 *   and md_gfp_t4_2 (md_gfp_decode() gives both readings, which differ only
 *   in that bit). The 3.8-3.15 and 3.16 bounds come from the commit lists,
 *   not from a 3.7, 3.15, 3.16 or 4.0 header.
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

static const struct md_gfp_name names_2_6_31[] = {
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
	{ 0x200000, "__GFP_NOTRACK" },
	{ NO_KSWAPD, "__GFP_NO_KSWAPD" },
	{ 0x800000, "__GFP_OTHER_NODE" },
	{ 0x1000000, "__GFP_WRITE" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t2_6_31 = {
	.versions = "2.6.31-3.7",
	.lo = md_kver(2, 6, 31), .hi = md_kver(3, 7, 255),
	.source = "3.13 include/linux/gfp.h, 3.0.8 include/linux/gfp.h (0x100000 unused)",
	.names = names_2_6_31,
};

static const struct md_gfp_name names_3_8[] = {
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

const struct md_gfp_table md_gfp_t3_8 = {
	.versions = "3.8-3.15",
	.lo = md_kver(3, 8, 0), .hi = md_kver(3, 15, 255),
	.source = "3.13 include/linux/gfp.h (Breathleas/linux-kernel-3.13-codedump)",
	.names = names_3_8,
};

static const struct md_gfp_name names_3_16[] = {
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
	{ 0x200000, "__GFP_NOTRACK" },
	{ NO_KSWAPD, "__GFP_NO_KSWAPD" },
	{ 0x800000, "__GFP_OTHER_NODE" },
	{ 0x1000000, "__GFP_WRITE" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t3_16 = {
	.versions = "3.16-4.0",
	.lo = md_kver(3, 16, 0), .hi = md_kver(4, 0, 255),
	.source = "3.13 include/linux/gfp.h without __GFP_KMEMCG (52383431b37c, 3.16)",
	.names = names_3_16,
};

static const struct md_gfp_name names_4_2[] = {
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
	{ 0x100000, "__GFP_NOACCOUNT" },
	{ 0x200000, "__GFP_NOTRACK" },
	{ NO_KSWAPD, "__GFP_NO_KSWAPD" },
	{ 0x800000, "__GFP_OTHER_NODE" },
	{ 0x1000000, "__GFP_WRITE" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t4_2 = {
	.versions = "4.2-4.3",
	.lo = md_kver(4, 2, 0), .hi = md_kver(4, 3, 255),
	.source = "3.13 include/linux/gfp.h with __GFP_NOACCOUNT at 0x100000 (4.4 layout, v4_4.c)",
	.names = names_4_2,
};
