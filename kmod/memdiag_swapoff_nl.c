// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - GET_SWAPOFF: the swapoff attempts kept, oldest first, one
 * dump message each (memdiag_swapoff.c records them).
 */
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_nl.h"
#include "memdiag_swapoff.h"

static int put_victims(struct sk_buff *skb, const struct memdiag_swapoff_rec *r)
{
	unsigned int i;

	for (i = 0; i < r->nr_victims; i++) {
		const struct memdiag_swapoff_victim *v = &r->victims[i];
		struct nlattr *nest;

		nest = nla_nest_start(skb, MEMDIAG_A_SWAPOFF_VICTIM);
		if (!nest ||
		    nla_put_u32(skb, MEMDIAG_A_SWAPOFF_VICTIM_PID, v->pid) ||
		    nla_put_string(skb, MEMDIAG_A_SWAPOFF_VICTIM_COMM, v->comm) ||
		    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_VICTIM_CGROUP_ID,
				      v->cgroup_id, MEMDIAG_A_SWAPOFF_VICTIM_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static int put_swapoff(struct sk_buff *skb, const void *rec)
{
	const struct memdiag_swapoff_rec *r = rec;
	const int pad = MEMDIAG_A_SWAPOFF_PAD;

	if (nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_SEQ, r->seq, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_START_NS, r->start_boot_ns, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_START_REAL_NS,
			      r->start_real_ns, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_END_NS, r->end_boot_ns, pad) ||
	    nla_put_u32(skb, MEMDIAG_A_SWAPOFF_PID, r->pid) ||
	    nla_put_u32(skb, MEMDIAG_A_SWAPOFF_TGID, r->tgid) ||
	    nla_put_string(skb, MEMDIAG_A_SWAPOFF_COMM, r->comm) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_CGROUP_ID, r->cgroup_id, pad) ||
	    nla_put_string(skb, MEMDIAG_A_SWAPOFF_PATH, r->path) ||
	    nla_put_s32(skb, MEMDIAG_A_SWAPOFF_RESULT, r->result) ||
	    nla_put_u32(skb, MEMDIAG_A_SWAPOFF_CAUSE, r->cause) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_SWAP_FREE_START,
			      max(r->swap_free_start, 0L), pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_SWAP_FREE_END,
			      max(r->swap_free_end, 0L), pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_SWAPPED_IN, r->swapped_in, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_CHARGE_FAILURES,
			      r->charge_failures, pad) ||
	    nla_put_u32(skb, MEMDIAG_A_SWAPOFF_MEMCG_OOMS, r->memcg_ooms) ||
	    nla_put_u32(skb, MEMDIAG_A_SWAPOFF_VICTIMS_DROPPED, r->victims_dropped) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_UNTRACKED,
			      memdiag_swapoff_untracked(), pad))
		return -EMSGSIZE;
	if (r->has_outcome &&
	    nla_put_u32(skb, MEMDIAG_A_SWAPOFF_OUTCOME, r->outcome))
		return -EMSGSIZE;
	if (r->restart_of &&
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_RESTART_OF, r->restart_of, pad))
		return -EMSGSIZE;
	if (r->area_known &&
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_AREA_PAGES, r->area_pages, pad))
		return -EMSGSIZE;
	if (r->commit_seen &&
	    (nla_put_s32(skb, MEMDIAG_A_SWAPOFF_COMMIT_RESULT, r->commit_ret) ||
	     nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_COMMITTED_PAGES,
			       r->committed_pages, pad)))
		return -EMSGSIZE;
	if (r->memcg_id &&
	    (nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_MEMCG_ID, r->memcg_id, pad) ||
	     memdiag_nl_put_memcg_path(skb, MEMDIAG_A_SWAPOFF_MEMCG_PATH, r->memcg_id) ||
	     nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_MEMCG_MAX, r->memcg_max, pad) ||
	     nla_put_u64_64bit(skb, MEMDIAG_A_SWAPOFF_MEMCG_USAGE,
			       r->memcg_usage, pad)))
		return -EMSGSIZE;
	return put_victims(skb, r);
}

static bool get_swapoff(u64 seq, void *out)
{
	return memdiag_swapoff_get(seq, out);
}

static const struct memdiag_nl_records swapoff_records = {
	.get_cmd	= MEMDIAG_CMD_GET_SWAPOFF,
	.ntf_cmd	= MEMDIAG_CMD_SWAPOFF_NTF,
	.rec_size	= sizeof(struct memdiag_swapoff_rec),
	/* A message of one attempt: strings, a few victims, numbers. */
	.msg_size	= PATH_MAX + 2048,
	.get		= get_swapoff,
	.next_seq	= memdiag_swapoff_next_seq,
	.put		= put_swapoff,
};

int memdiag_nl_swapoff_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return memdiag_nl_records_dump(skb, cb, &swapoff_records);
}

/* ---- multicast of finished attempts ---- */

static u64 ntf_next = 1;
static bool ntf_stopping;

static void ntf_workfn(struct work_struct *work)
{
	if (!MEMDIAG_HAVE_MCAST_CAP ||
	    !genl_has_listeners(&memdiag_family, &init_net, MEMDIAG_NLGRP_EVENTS)) {
		ntf_next = memdiag_swapoff_next_seq();	/* nothing to catch up */
		return;
	}
	memdiag_nl_records_notify(&swapoff_records, &ntf_next, &ntf_stopping);
}

static DECLARE_WORK(ntf_work, ntf_workfn);

void memdiag_swapoff_notify_init(void)
{
	ntf_next = memdiag_swapoff_next_seq();
	WRITE_ONCE(ntf_stopping, false);
}

/* From the syscall's return probe: process context, no mm lock held. */
void memdiag_swapoff_notify_kick(void)
{
	if (!READ_ONCE(ntf_stopping))
		schedule_work(&ntf_work);
}

void memdiag_swapoff_notify_exit(void)
{
	WRITE_ONCE(ntf_stopping, true);
	cancel_work_sync(&ntf_work);
}
