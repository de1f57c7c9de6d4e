// SPDX-License-Identifier: GPL-2.0
/*
 * gfp bits of 2.5.x (md_gfp_t2_5): only the low bits, which 2.6.0's
 * include/linux/gfp.h (read at 2.6.11, Antonio-Zhou/Linux-2.6.11) and 2.4's
 * mm.h share: __GFP_DMA 0x01, __GFP_HIGHMEM 0x02, __GFP_WAIT 0x10,
 * __GFP_HIGH 0x20, __GFP_IO 0x40, GFP_ATOMIC = __GFP_HIGH, GFP_NOIO =
 * __GFP_WAIT. 2.5 moved the bits above (2.4 had __GFP_HIGHIO 0x80 and
 * __GFP_FS 0x100, 2.6.0 __GFP_FS 0x80): they are left unknown. The corpus'
 * "kswapd: page allocation failure. order:0 mode:0x20" on 2.5.13 is
 * GFP_ATOMIC here.
 */
#include <stddef.h>
#include "../gfp.h"

static const struct md_gfp_name names[] = {
	{ 0x20, "GFP_ATOMIC" },
	{ 0x10, "GFP_NOIO" },
	{ 0x01, "__GFP_DMA" },
	{ 0x02, "__GFP_HIGHMEM" },
	{ 0x10, "__GFP_WAIT" },
	{ 0x20, "__GFP_HIGH" },
	{ 0x40, "__GFP_IO" },
	{ 0, NULL }
};

const struct md_gfp_table md_gfp_t2_5 = {
	.versions = "2.5",
	.lo = md_kver(2, 5, 0), .hi = md_kver(2, 5, 255),
	.source = "2.6.11 include/linux/gfp.h, the bits 2.4 shares",
	.unknown_from = 0x80,
	.names = names,
};
