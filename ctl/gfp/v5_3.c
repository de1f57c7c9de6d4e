// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 5.3-5.13 (md_gfp_t5_3), written from Debian's linux-source-5.10
 * include/linux/gfp.h and include/trace/events/mmflags.h: Alexey Dobriyan's
 * "shuffle GFP_* flags" packed GFP_KERNEL into 0xcc0: ___GFP_ZERO 0x100, ATOMIC
 * 0x200, DIRECT_RECLAIM 0x400, KSWAPD_RECLAIM 0x800, WRITE 0x1000, NOWARN
 * 0x2000, RETRY_MAYFAIL 0x4000, NOFAIL 0x8000, NORETRY 0x10000, MEMALLOC
 * 0x20000, COMP 0x40000, NOMEMALLOC 0x80000, HARDWALL 0x100000, THISNODE
 * 0x200000, ACCOUNT 0x400000 (NOLOCKDEP 0x800000 with CONFIG_LOCKDEP, never
 * named by %pGg). GFP_KERNEL = 0xcc0, GFP_ATOMIC = 0xa20, GFP_NOWAIT = 0x800,
 * GFP_HIGHUSER_MOVABLE = 0x100cca, GFP_TRANSHUGE = 0x1c24ca. Ubuntu's 5.3.0
 * prints gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE); which of 4.20-5.2 first had
 * it is not checked: they are between tables.
 */
#include <stddef.h>
#include "../gfp.h"

static const struct md_gfp_name names_5_3[] = {
	{ 0x1c24ca, "GFP_TRANSHUGE" },
	{ 0x1c20ca, "GFP_TRANSHUGE_LIGHT" },
	{ 0x100cca, "GFP_HIGHUSER_MOVABLE" },
	{ 0x100cc2, "GFP_HIGHUSER" },
	{ 0x100cc0, "GFP_USER" },
	{ 0x400cc0, "GFP_KERNEL_ACCOUNT" },
	{ 0xcc0, "GFP_KERNEL" },
	{ 0xc40, "GFP_NOFS" },
	{ 0xa20, "GFP_ATOMIC" },
	{ 0xc00, "GFP_NOIO" },
	{ 0x800, "GFP_NOWAIT" },
	{ 0x1, "GFP_DMA" },
	{ 0x2, "__GFP_HIGHMEM" },
	{ 0x4, "GFP_DMA32" },
	{ 0x20, "__GFP_HIGH" },
	{ 0x200, "__GFP_ATOMIC" },
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
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t5_3 = {
	.versions = "5.3-5.13",
	.lo = md_kver(5, 3, 0), .hi = md_kver(5, 13, 255),
	.source = "Debian linux-source-5.10 include/linux/gfp.h, include/trace/events/mmflags.h",
	.names = names_5_3,
};
