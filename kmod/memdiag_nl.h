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

/*
 * Records kept by sequence number (commit, OOM, swapoff) and how to send
 * them: memdiag_records_nl.c pages through them for a dump and multicasts
 * new ones.
 */
struct memdiag_nl_records {
	u8 get_cmd;		/* the dump's command */
	u8 ntf_cmd;		/* the multicast's command */
	size_t rec_size;	/* each record starts with its u64 seq */
	size_t msg_size;	/* room for the message of one record */
	bool (*get)(u64 seq, void *out);	/* @seq or the next one kept */
	u64 (*next_seq)(void);	/* the one the next record will get */
	int (*put)(struct sk_buff *skb, const void *rec);
};

int memdiag_nl_records_dump(struct sk_buff *skb, struct netlink_callback *cb,
			    const struct memdiag_nl_records *d);
void memdiag_nl_records_notify(const struct memdiag_nl_records *d, u64 *next,
			       const bool *stopping);
/* The path of a cgroup id, resolved now; nothing if it is gone. */
int memdiag_nl_put_memcg_path(struct sk_buff *skb, int attr, u64 id);

int memdiag_nl_get_counters(struct sk_buff *skb, struct genl_info *info);
int memdiag_nl_reset(struct sk_buff *skb, struct genl_info *info);
int memdiag_nl_events_start(struct netlink_callback *cb);
int memdiag_nl_events_dump(struct sk_buff *skb, struct netlink_callback *cb);
int memdiag_nl_events_done(struct netlink_callback *cb);
int memdiag_nl_swapoff_dump(struct sk_buff *skb, struct netlink_callback *cb);
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
