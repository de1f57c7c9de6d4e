// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - the generic netlink family "memdiag".
 *
 * Documentation/netlink/specs/memdiag.yaml describes every command and
 * attribute here; include/uapi/linux/memdiag.h is generated from it. The
 * family lives in the initial network namespace only (netnsok is false): the
 * state it reports is global to the machine.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/swap.h>
#include <linux/utsname.h>
#include <net/genetlink.h>
#include <net/netlink.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_nl.h"

/*
 * SET_CONFIG: the same ranges as the module parameters. Not const: 6.1's
 * nla_policy points to a mutable range; __ro_after_init protects it anyway.
 */
static struct netlink_range_validation memdiag_rate_limit_range __ro_after_init = {
	.max = MEMDIAG_RATE_LIMIT_MAX,
};

static const struct nla_policy memdiag_config_policy[MEMDIAG_A_CONFIG_MAX + 1] = {
	[MEMDIAG_A_CONFIG_RATE_LIMIT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &memdiag_rate_limit_range),
	[MEMDIAG_A_CONFIG_STACK_DEPTH] =
		NLA_POLICY_MAX(NLA_U32, MEMDIAG_STACK_DEPTH_MAX),
	[MEMDIAG_A_CONFIG_RING_SIZE] = {
		.type = NLA_REJECT,
		.reject_message = "ring-size is set at load only (module parameter ring_size)",
	},
};

/* GET_STATUS takes no attributes: an empty policy rejects every one. */
static const struct nla_policy memdiag_get_status_policy[MEMDIAG_A_STATUS_MAX + 1] = {
};

/* GET_COUNTERS and RESET take no attributes either. */
static const struct nla_policy memdiag_counters_policy[MEMDIAG_A_COUNTERS_MAX + 1] = {
};

const struct nla_policy memdiag_get_events_policy[MEMDIAG_A_EVENT_MAX + 1] = {
	[MEMDIAG_A_EVENT_SINCE] = { .type = NLA_U64 },
};

/* GET_ZONES: an optional node filter (checked against online nodes). */
const struct nla_policy memdiag_get_zones_policy[MEMDIAG_A_ZONE_MAX + 1] = {
	[MEMDIAG_A_ZONE_NODE] = { .type = NLA_U32 },
};

/* GET_SWAPOFF takes no attributes: strict validation refuses any. */
static const struct nla_policy memdiag_get_swapoff_policy[MEMDIAG_A_SWAPOFF_MAX + 1] = {
};

/* GET_SWAP: an optional swap type (index in swap_info). */
const struct nla_policy memdiag_get_swap_policy[MEMDIAG_A_SWAP_MAX + 1] = {
	[MEMDIAG_A_SWAP_TYPE] = NLA_POLICY_MAX(NLA_U32, MAX_SWAPFILES - 1),
};

/* GET_COMMIT, GET_OOM and GET_MM_COUNTERS take no attributes. */
static const struct nla_policy memdiag_get_commit_policy[MEMDIAG_A_COMMIT_MAX + 1] = {
};

static const struct nla_policy memdiag_get_oom_policy[MEMDIAG_A_OOM_MAX + 1] = {
};

static const struct nla_policy memdiag_mm_counters_policy[MEMDIAG_A_MM_COUNTERS_MAX + 1] = {
};

static const struct nla_policy memdiag_set_config_policy[MEMDIAG_A_STATUS_MAX + 1] = {
	[MEMDIAG_A_STATUS_CONFIG] = NLA_POLICY_NESTED(memdiag_config_policy),
};

static int memdiag_put_config(struct sk_buff *skb, int attr)
{
	struct memdiag_config cfg;
	struct nlattr *nest;

	memdiag_config_get(&cfg);
	nest = nla_nest_start(skb, attr);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, MEMDIAG_A_CONFIG_RATE_LIMIT, cfg.rate_limit) ||
	    nla_put_u32(skb, MEMDIAG_A_CONFIG_STACK_DEPTH, cfg.stack_depth) ||
	    nla_put_u32(skb, MEMDIAG_A_CONFIG_RING_SIZE, cfg.ring_size)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int memdiag_put_features(struct sk_buff *skb)
{
	unsigned int i;

	for (i = 0; i < memdiag_nr_features; i++) {
		const struct memdiag_feature *f = &memdiag_features[i];
		struct nlattr *nest;

		nest = nla_nest_start(skb, MEMDIAG_A_STATUS_FEATURE);
		if (!nest)
			return -EMSGSIZE;
		if (nla_put_u32(skb, MEMDIAG_A_FEATURE_ID, i) ||
		    nla_put_string(skb, MEMDIAG_A_FEATURE_NAME, f->name) ||
		    nla_put_u32(skb, MEMDIAG_A_FEATURE_STATE, f->state) ||
		    (f->message[0] &&
		     nla_put_string(skb, MEMDIAG_A_FEATURE_MESSAGE, f->message))) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int memdiag_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(GENLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &memdiag_family, 0,
				MEMDIAG_CMD_GET_STATUS);
	if (!hdr)
		goto too_big;

	if (nla_put_string(msg, MEMDIAG_A_STATUS_VERSION, MEMDIAG_VERSION) ||
	    nla_put_string(msg, MEMDIAG_A_STATUS_KERNEL_RELEASE,
			   init_utsname()->release) ||
	    nla_put_u32(msg, MEMDIAG_A_STATUS_FAMILY_VERSION,
			MEMDIAG_FAMILY_VERSION) ||
	    memdiag_put_features(msg) ||
	    memdiag_put_config(msg, MEMDIAG_A_STATUS_CONFIG) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_STATUS_MEM_BYTES,
			      atomic_long_read(&memdiag_mem_bytes),
			      MEMDIAG_A_STATUS_PAD) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_STATUS_LOADED_NS,
			      memdiag_loaded_ns, MEMDIAG_A_STATUS_PAD))
		goto too_big;

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

too_big:
	nlmsg_free(msg);
	NL_SET_ERR_MSG_MOD(info->extack, "status does not fit in one message");
	return -EMSGSIZE;
}

static int memdiag_nl_set_config(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[MEMDIAG_A_CONFIG_MAX + 1];
	u32 rate_limit, stack_depth;
	struct sk_buff *msg;
	void *hdr;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, MEMDIAG_A_STATUS_CONFIG))
		return -EINVAL;
	/* The family policy already validated the nest; this only splits it. */
	ret = nla_parse_nested(tb, MEMDIAG_A_CONFIG_MAX,
			       info->attrs[MEMDIAG_A_STATUS_CONFIG],
			       memdiag_config_policy, info->extack);
	if (ret)
		return ret;
	if (!tb[MEMDIAG_A_CONFIG_RATE_LIMIT] && !tb[MEMDIAG_A_CONFIG_STACK_DEPTH]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[MEMDIAG_A_STATUS_CONFIG],
				    "config holds no setting to change (rate-limit, stack-depth)");
		return -EINVAL;
	}

	msg = genlmsg_new(GENLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	if (tb[MEMDIAG_A_CONFIG_RATE_LIMIT])
		rate_limit = nla_get_u32(tb[MEMDIAG_A_CONFIG_RATE_LIMIT]);
	if (tb[MEMDIAG_A_CONFIG_STACK_DEPTH])
		stack_depth = nla_get_u32(tb[MEMDIAG_A_CONFIG_STACK_DEPTH]);
	memdiag_config_set(tb[MEMDIAG_A_CONFIG_RATE_LIMIT] ? &rate_limit : NULL,
			   tb[MEMDIAG_A_CONFIG_STACK_DEPTH] ? &stack_depth : NULL);

	hdr = genlmsg_put_reply(msg, info, &memdiag_family, 0,
				MEMDIAG_CMD_SET_CONFIG);
	if (!hdr || memdiag_put_config(msg, MEMDIAG_A_STATUS_CONFIG)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static const struct genl_ops memdiag_ops[] = {
	{
		.cmd = MEMDIAG_CMD_GET_STATUS,
		.doit = memdiag_nl_get_status,
		.policy = memdiag_get_status_policy,
		.maxattr = MEMDIAG_A_STATUS_MAX,
	},
	{
		.cmd = MEMDIAG_CMD_SET_CONFIG,
		.doit = memdiag_nl_set_config,
		.policy = memdiag_set_config_policy,
		.maxattr = MEMDIAG_A_STATUS_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = MEMDIAG_CMD_GET_COUNTERS,
		.doit = memdiag_nl_get_counters,
		.policy = memdiag_counters_policy,
		.maxattr = MEMDIAG_A_COUNTERS_MAX,
	},
	{
		/* Records name processes and hold kernel addresses. */
		.cmd = MEMDIAG_CMD_GET_EVENTS,
		.start = memdiag_nl_events_start,
		.dumpit = memdiag_nl_events_dump,
		.done = memdiag_nl_events_done,
		.policy = memdiag_get_events_policy,
		.maxattr = MEMDIAG_A_EVENT_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = MEMDIAG_CMD_RESET,
		.doit = memdiag_nl_reset,
		.policy = memdiag_counters_policy,
		.maxattr = MEMDIAG_A_COUNTERS_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		/* Records name processes and cgroups. */
		.cmd = MEMDIAG_CMD_GET_SWAPOFF,
		.dumpit = memdiag_nl_swapoff_dump,
		.policy = memdiag_get_swapoff_policy,
		.maxattr = MEMDIAG_A_SWAPOFF_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		/* Open to all, like /proc/zoneinfo and /proc/pagetypeinfo. */
		.cmd = MEMDIAG_CMD_GET_ZONES,
		.start = memdiag_nl_zones_start,
		.dumpit = memdiag_nl_zones_dump,
		.done = memdiag_nl_zones_done,
		.policy = memdiag_get_zones_policy,
		.maxattr = MEMDIAG_A_ZONE_MAX,
	},
	{
		/* Names processes' cgroups; reads every slot map. */
		.cmd = MEMDIAG_CMD_GET_SWAP,
		.start = memdiag_nl_swap_start,
		.dumpit = memdiag_nl_swap_dump,
		.done = memdiag_nl_swap_done,
		.policy = memdiag_get_swap_policy,
		.maxattr = MEMDIAG_A_SWAP_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		/* Records name processes and cgroups. */
		.cmd = MEMDIAG_CMD_GET_COMMIT,
		.dumpit = memdiag_nl_commit_dump,
		.policy = memdiag_get_commit_policy,
		.maxattr = MEMDIAG_A_COMMIT_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = MEMDIAG_CMD_GET_OOM,
		.dumpit = memdiag_nl_oom_dump,
		.policy = memdiag_get_oom_policy,
		.maxattr = MEMDIAG_A_OOM_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		/* Counts only, like GET_COUNTERS. */
		.cmd = MEMDIAG_CMD_GET_MM_COUNTERS,
		.doit = memdiag_nl_get_mm_counters,
		.policy = memdiag_mm_counters_policy,
		.maxattr = MEMDIAG_A_MM_COUNTERS_MAX,
	},
};

static const struct genl_multicast_group memdiag_mcgrps[] = {
	[MEMDIAG_NLGRP_EVENTS] = {
		.name = MEMDIAG_MCGRP_EVENTS,
		.flags = GENL_MCAST_CAP_NET_ADMIN,
	},
};

struct genl_family memdiag_family __ro_after_init = {
	.name = MEMDIAG_FAMILY_NAME,
	.version = MEMDIAG_FAMILY_VERSION,
	.module = THIS_MODULE,
	.ops = memdiag_ops,
	.n_ops = ARRAY_SIZE(memdiag_ops),
	.mcgrps = memdiag_mcgrps,
	/* No group where the kernel cannot keep it to CAP_NET_ADMIN. */
	.n_mcgrps = MEMDIAG_HAVE_MCAST_CAP ? ARRAY_SIZE(memdiag_mcgrps) : 0,
	/*
	 * Commands from resv_start_op on get strict validation (reserved
	 * header bits, flags, policies required): that is all of ours.
	 */
	MEMDIAG_GENL_STRICT_HEADER,
	.netnsok = false,
	.parallel_ops = true,
};

int memdiag_nl_init(void)
{
	return genl_register_family(&memdiag_family);
}

void memdiag_nl_exit(void)
{
	genl_unregister_family(&memdiag_family);
}
