/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - the differences between the libraries it builds against
 * (libnl 3.4 and glibc 2.31 on Debian 11 up to today's), in one place.
 * The Makefile compiles each test in configure/ and defines MD_HAVE_...
 * for what this system has.
 */
#ifndef MD_COMPAT_H
#define MD_COMPAT_H

#include <errno.h>
#include <string.h>

#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "memdiagctl.h"

/*
 * libnl before 3.5 declares the policy of its parsers non-const, though it
 * only reads it (configure/nl_const_policy.c: MD_HAVE_NL_CONST_POLICY).
 * memdiagctl parses through these, const-correct on every libnl.
 */
#ifdef MD_HAVE_NL_CONST_POLICY
#define MD_NL_POLICY(p)	(p)
#else
#define MD_NL_POLICY(p)	((struct nla_policy *)(p))
#endif

static inline int md_nla_parse(struct nlattr **tb, int max, struct nlattr *head,
			       int len, const struct nla_policy *policy)
{
	return nla_parse(tb, max, head, len, MD_NL_POLICY(policy));
}

static inline int md_nla_parse_nested(struct nlattr **tb, int max,
				      struct nlattr *nla,
				      const struct nla_policy *policy)
{
	return nla_parse_nested(tb, max, nla, MD_NL_POLICY(policy));
}

static inline int md_genlmsg_parse(struct nlmsghdr *nlh, int hdrlen,
				   struct nlattr **tb, int max,
				   const struct nla_policy *policy)
{
	return genlmsg_parse(nlh, hdrlen, tb, max, MD_NL_POLICY(policy));
}

/*
 * The extended ACK's missing-attribute TLVs came with kernel 6.0's
 * headers (configure/nlmsgerr_miss.c: MD_HAVE_NLMSGERR_MISS). Their
 * numbers are ABI; an older kernel never sends them.
 */
#ifdef MD_HAVE_NLMSGERR_MISS
#define MD_NLMSGERR_ATTR_MAX	NLMSGERR_ATTR_MAX
#else
#define NLMSGERR_ATTR_MISS_TYPE	5
#define NLMSGERR_ATTR_MISS_NEST	6
#define MD_NLMSGERR_ATTR_MAX	NLMSGERR_ATTR_MISS_NEST
#endif

/*
 * strerrorname_np() came in glibc 2.32 (configure/strerrorname_np.c:
 * MD_HAVE_STRERRORNAME_NP). Before it, the names of the errors a
 * kernel's swapoff(2) returns and those of reading /proc; NULL (the
 * caller prints the number) for any other.
 */
#ifndef MD_HAVE_STRERRORNAME_NP
static inline const char *strerrorname_np(int e)
{
#define MD_E(n) { n, #n }
	static const struct {
		int e;
		const char *name;
	} names[] = {
		MD_E(EPERM), MD_E(ENOENT), MD_E(EINTR), MD_E(EIO), MD_E(EBADF),
		MD_E(ENOMEM), MD_E(EFAULT), MD_E(EBUSY), MD_E(EINVAL),
		MD_E(ENOSPC), MD_E(ENOTBLK), MD_E(EAGAIN), MD_E(ENOTTY),
		MD_E(EACCES), MD_E(ESRCH),
	};
#undef MD_E
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].e == e)
			return names[i].name;
	return NULL;
}
#endif

/*
 * The PAGEMAP_SCAN ioctl of /proc/PID/pagemap came with 6.7's headers
 * (configure/pagemap_scan.c: MD_HAVE_PAGEMAP_SCAN). Its number and its
 * structs are ABI: a memdiagctl built against older headers (bullseye,
 * bookworm) still uses it on a 6.7+ kernel; an older kernel answers
 * ENOTTY.
 */
#ifdef MD_HAVE_PAGEMAP_SCAN
#include <linux/fs.h>
#else
#include <linux/ioctl.h>
#include <linux/types.h>

struct page_region {
	__u64 start;
	__u64 end;
	__u64 categories;
};

struct pm_scan_arg {
	__u64 size;
	__u64 flags;
	__u64 start;
	__u64 end;
	__u64 walk_end;
	__u64 vec;
	__u64 vec_len;
	__u64 max_pages;
	__u64 category_inverted;
	__u64 category_mask;
	__u64 category_anyof_mask;
	__u64 return_mask;
};

#define PAGEMAP_SCAN	_IOWR('f', 16, struct pm_scan_arg)
#define PAGE_IS_SWAPPED	(1 << 4)
#endif

#endif /* MD_COMPAT_H */
