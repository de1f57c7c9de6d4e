// SPDX-License-Identifier: GPL-2.0
/* Compiles (with -Werror) where libnl takes a const policy (3.5 on). */
#include <netlink/attr.h>

int md_try(struct nlattr **tb, struct nlattr *head, const struct nla_policy *p);

int md_try(struct nlattr **tb, struct nlattr *head, const struct nla_policy *p)
{
	return nla_parse(tb, 1, head, 0, p);
}
