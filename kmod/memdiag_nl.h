/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MEMDIAG_NL_H
#define _MEMDIAG_NL_H

#include <net/genetlink.h>
#include <uapi/linux/memdiag.h>

extern struct genl_family memdiag_family;
extern const struct nla_policy memdiag_get_events_policy[MEMDIAG_A_EVENT_MAX + 1];
extern const struct nla_policy memdiag_get_zones_policy[MEMDIAG_A_ZONE_MAX + 1];
extern const struct nla_policy memdiag_get_swap_policy[MEMDIAG_A_SWAP_MAX + 1];

/* Multicast groups, in the order of memdiag_mcgrps[]. */
enum memdiag_nl_mcgrp {
	MEMDIAG_NLGRP_EVENTS,
};

int memdiag_nl_get_counters(struct sk_buff *skb, struct genl_info *info);
int memdiag_nl_reset(struct sk_buff *skb, struct genl_info *info);
int memdiag_nl_events_start(struct netlink_callback *cb);
int memdiag_nl_events_dump(struct sk_buff *skb, struct netlink_callback *cb);
int memdiag_nl_events_done(struct netlink_callback *cb);
int memdiag_nl_swapoff_dump(struct sk_buff *skb, struct netlink_callback *cb);
/* The path of a cgroup id, resolved now; nothing if it is gone. */
int memdiag_nl_put_cgroup_path(struct sk_buff *skb, int attr, u64 id);
int memdiag_nl_commit_dump(struct sk_buff *skb, struct netlink_callback *cb);
int memdiag_nl_oom_dump(struct sk_buff *skb, struct netlink_callback *cb);
int memdiag_nl_get_mm_counters(struct sk_buff *skb, struct genl_info *info);
int memdiag_nl_zones_start(struct netlink_callback *cb);
int memdiag_nl_zones_dump(struct sk_buff *skb, struct netlink_callback *cb);
int memdiag_nl_zones_done(struct netlink_callback *cb);
int memdiag_nl_swap_start(struct netlink_callback *cb);
int memdiag_nl_swap_dump(struct sk_buff *skb, struct netlink_callback *cb);
int memdiag_nl_swap_done(struct netlink_callback *cb);

#endif /* _MEMDIAG_NL_H */
