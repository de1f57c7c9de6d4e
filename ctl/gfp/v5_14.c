// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 5.14-6.2 (md_gfp_t5_14), written from Debian's linux-source-6.1
 * include/linux/gfp_types.h and include/trace/events/mmflags.h: 5.10's layout
 * plus ___GFP_ZEROTAGS 0x800000 (5.14). ___GFP_SKIP_ZERO/SKIP_KASAN_* (0x1000000
 * to 0x4000000) exist only with CONFIG_KASAN_HW_TAGS (arm64 MTE) and
 * NOLOCKDEP 0x8000000 only with CONFIG_LOCKDEP: left unnamed (printed as hex,
 * as a kernel without them would). GFP_ATOMIC = 0xa20 (__GFP_HIGH|__GFP_ATOMIC|
 * __GFP_KSWAPD_RECLAIM), GFP_KERNEL = 0xcc0, GFP_NOWAIT = 0x800,
 * GFP_HIGHUSER_MOVABLE = 0x100cca, GFP_TRANSHUGE = 0x1c24ca. RHEL 9's 5.14
 * carries later backports: its printed names win over this table.
 */
#include <stddef.h>
#include "../gfp.h"

static const struct md_gfp_name names_5_14[] = {
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
	{ 0x800000, "__GFP_ZEROTAGS" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t5_14 = {
	.versions = "5.14-6.2",
	.lo = md_kver(5, 14, 0), .hi = md_kver(6, 2, 255),
	.source = "Debian linux-source-6.1 include/linux/gfp_types.h, include/trace/events/mmflags.h",
	.names = names_5_14,
};
