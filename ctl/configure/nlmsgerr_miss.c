// SPDX-License-Identifier: GPL-2.0
/* Compiles where linux/netlink.h names the missing-attribute TLVs (6.0 on). */
#include <linux/netlink.h>

int md_try = NLMSGERR_ATTR_MISS_TYPE + NLMSGERR_ATTR_MISS_NEST;
