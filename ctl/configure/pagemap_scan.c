// SPDX-License-Identifier: GPL-2.0
/* Compiles where linux/fs.h has the PAGEMAP_SCAN ioctl (6.7's headers on). */
#include <linux/fs.h>

struct pm_scan_arg md_try_arg = {
	.size = sizeof(struct pm_scan_arg),
	.return_mask = PAGE_IS_SWAPPED,
};
struct page_region md_try_region;
unsigned long md_try_cmd = PAGEMAP_SCAN;
