// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - GET_COMMIT, GET_OOM, GET_MM_COUNTERS and the COMMIT_NTF and
 * OOM_NTF multicasts (memdiag_commit.c and memdiag_oom.c record them).
 */
#include <linux/irq_work.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_mm.h"
#include "memdiag_nl.h"

static int put_commit(struct sk_buff *skb, const void *rec)
{
	const struct memdiag_commit_rec *r = rec;
	const int pad = MEMDIAG_A_COMMIT_PAD;

	if (nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_SEQ, r->seq, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_BOOT_NS, r->boot_ns, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_REAL_NS, r->real_ns, pad) ||
	    nla_put_u32(skb, MEMDIAG_A_COMMIT_PID, r->pid) ||
	    nla_put_u32(skb, MEMDIAG_A_COMMIT_TGID, r->tgid) ||
	    nla_put_string(skb, MEMDIAG_A_COMMIT_COMM, r->comm) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_CGROUP_ID, r->cgroup_id, pad) ||
	    memdiag_nl_put_memcg_path(skb, MEMDIAG_A_COMMIT_CGROUP_PATH,
				      r->cgroup_id) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_COMMITTED, r->committed, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_TOTAL_VM, r->total_vm, pad))
		return -EMSGSIZE;
	if (r->has_pages &&
	    nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_PAGES, r->pages, pad))
		return -EMSGSIZE;
	if (r->has_limit &&
	    nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_COMMIT_LIMIT,
			      r->commit_limit, pad))
		return -EMSGSIZE;
	if (r->has_sysctl &&
	    (nla_put_u32(skb, MEMDIAG_A_COMMIT_MODE, r->mode) ||
	     nla_put_u32(skb, MEMDIAG_A_COMMIT_RATIO, r->ratio) ||
	     nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_KBYTES, r->kbytes, pad)))
		return -EMSGSIZE;
	if (nla_put_u32(skb, MEMDIAG_A_COMMIT_CAUSE, r->cause))
		return -EMSGSIZE;
	if (r->cause != MEMDIAG_COMMIT_CAUSE_COMMIT &&
	    (nla_put_u32(skb, MEMDIAG_A_COMMIT_CALL, r->call) ||
	     nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_LIMIT, r->limit, pad) ||
	     nla_put_u32(skb, MEMDIAG_A_COMMIT_MAP_COUNT, r->map_count) ||
	     nla_put_u64_64bit(skb, MEMDIAG_A_COMMIT_DATA_VM, r->data_vm, pad)))
		return -EMSGSIZE;
	return 0;
}

static int put_oom(struct sk_buff *skb, const void *rec)
{
	const struct memdiag_oom_rec *r = rec;
	const int pad = MEMDIAG_A_OOM_PAD;
	char gfp[128];

	snprintf(gfp, sizeof(gfp), "%pGg", &r->gfp);
	if (nla_put_u64_64bit(skb, MEMDIAG_A_OOM_SEQ, r->seq, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_OOM_BOOT_NS, r->boot_ns, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_OOM_REAL_NS, r->real_ns, pad) ||
	    nla_put_u32(skb, MEMDIAG_A_OOM_PID, r->pid) ||
	    nla_put_u32(skb, MEMDIAG_A_OOM_TGID, r->tgid) ||
	    nla_put_string(skb, MEMDIAG_A_OOM_COMM, r->comm) ||
	    nla_put_u32(skb, MEMDIAG_A_OOM_UID, r->uid) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_OOM_CGROUP_ID, r->cgroup_id, pad) ||
	    memdiag_nl_put_memcg_path(skb, MEMDIAG_A_OOM_CGROUP_PATH,
				      r->cgroup_id) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_OOM_ANON_RSS, r->anon_rss, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_OOM_FILE_RSS, r->file_rss, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_OOM_SHMEM_RSS, r->shmem_rss, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_OOM_SWAP_ENTS, r->swap_ents, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_OOM_PGTABLES_BYTES,
			      r->pgtables_bytes, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_OOM_TOTAL_VM, r->total_vm, pad) ||
	    nla_put_s32(skb, MEMDIAG_A_OOM_OOM_SCORE_ADJ, r->oom_score_adj) ||
	    nla_put_s64(skb, MEMDIAG_A_OOM_POINTS, r->points, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_OOM_TOTALPAGES, r->totalpages, pad) ||
	    nla_put_u32(skb, MEMDIAG_A_OOM_CONSTRAINT, r->constraint) ||
	    nla_put_u32(skb, MEMDIAG_A_OOM_TRIGGER_PID, r->trigger_pid) ||
	    nla_put_string(skb, MEMDIAG_A_OOM_TRIGGER_COMM, r->trigger_comm) ||
	    nla_put_s32(skb, MEMDIAG_A_OOM_ORDER, r->order) ||
	    nla_put_u32(skb, MEMDIAG_A_OOM_GFP, (__force u32)r->gfp) ||
	    nla_put_string(skb, MEMDIAG_A_OOM_GFP_NAMES, gfp))
		return -EMSGSIZE;
	if (r->memcg_id &&
	    (nla_put_u64_64bit(skb, MEMDIAG_A_OOM_MEMCG_ID, r->memcg_id, pad) ||
	     memdiag_nl_put_memcg_path(skb, MEMDIAG_A_OOM_MEMCG_PATH, r->memcg_id)))
		return -EMSGSIZE;
	if (r->no_mm && nla_put_flag(skb, MEMDIAG_A_OOM_NO_MM))
		return -EMSGSIZE;
	return 0;
}

static bool get_commit(u64 seq, void *out)
{
	return memdiag_commit_get(seq, out);
}

static bool get_oom(u64 seq, void *out)
{
	return memdiag_oom_get(seq, out);
}

static u64 commit_next_seq(void)
{
	struct memdiag_mm_counts c;

	memdiag_commit_counts(&c);
	return c.next_seq;
}

static u64 oom_next_seq(void)
{
	struct memdiag_mm_counts c;

	memdiag_oom_counts(&c);
	return c.next_seq;
}

/* A message of one record: up to two cgroup paths, strings, numbers. */
#define MEMDIAG_MM_MSG_SIZE	(2 * PATH_MAX + 1024)

static const struct memdiag_nl_records commit_records = {
	.get_cmd	= MEMDIAG_CMD_GET_COMMIT,
	.ntf_cmd	= MEMDIAG_CMD_COMMIT_NTF,
	.rec_size	= sizeof(struct memdiag_commit_rec),
	.msg_size	= MEMDIAG_MM_MSG_SIZE,
	.get		= get_commit,
	.next_seq	= commit_next_seq,
	.put		= put_commit,
};

static const struct memdiag_nl_records oom_records = {
	.get_cmd	= MEMDIAG_CMD_GET_OOM,
	.ntf_cmd	= MEMDIAG_CMD_OOM_NTF,
	.rec_size	= sizeof(struct memdiag_oom_rec),
	.msg_size	= MEMDIAG_MM_MSG_SIZE,
	.get		= get_oom,
	.next_seq	= oom_next_seq,
	.put		= put_oom,
};

int memdiag_nl_commit_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return memdiag_nl_records_dump(skb, cb, &commit_records);
}

int memdiag_nl_oom_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return memdiag_nl_records_dump(skb, cb, &oom_records);
}

int memdiag_nl_get_mm_counters(struct sk_buff *skb, struct genl_info *info)
{
	const int pad = MEMDIAG_A_MM_COUNTERS_PAD;
	struct memdiag_mm_counts c, o;
	struct sk_buff *msg;
	void *hdr;

	memdiag_commit_counts(&c);
	memdiag_oom_counts(&o);
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &memdiag_family, 0,
				MEMDIAG_CMD_GET_MM_COUNTERS);
	if (!hdr ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_MM_COUNTERS_COMMIT_TOTAL, c.total, pad) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_MM_COUNTERS_COMMIT_RECORDED,
			      c.recorded, pad) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_MM_COUNTERS_COMMIT_SUPPRESSED,
			      c.suppressed, pad) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_MM_COUNTERS_COMMIT_LOST, c.lost, pad) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_MM_COUNTERS_COMMIT_NEXT_SEQ,
			      c.next_seq, pad) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_MM_COUNTERS_OOM_TOTAL, o.total, pad) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_MM_COUNTERS_OOM_RECORDED,
			      o.recorded, pad) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_MM_COUNTERS_OOM_SUPPRESSED,
			      o.suppressed, pad) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_MM_COUNTERS_OOM_LOST, o.lost, pad) ||
	    nla_put_u64_64bit(msg, MEMDIAG_A_MM_COUNTERS_OOM_NEXT_SEQ,
			      o.next_seq, pad)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* ---- multicast of new records ---- */

static u64 ntf_commit_next = 1, ntf_oom_next = 1;
static bool ntf_stopping;

/* No listener: nothing to catch up on later. */
static void ntf_skip_to_now(void)
{
	struct memdiag_mm_counts c;

	memdiag_commit_counts(&c);
	ntf_commit_next = c.next_seq;
	memdiag_oom_counts(&c);
	ntf_oom_next = c.next_seq;
}

static void ntf_workfn(struct work_struct *work)
{
	if (!MEMDIAG_HAVE_MCAST_CAP ||
	    !genl_has_listeners(&memdiag_family, &init_net, MEMDIAG_NLGRP_EVENTS)) {
		ntf_skip_to_now();
		return;
	}
	memdiag_nl_records_notify(&commit_records, &ntf_commit_next, &ntf_stopping);
	memdiag_nl_records_notify(&oom_records, &ntf_oom_next, &ntf_stopping);
}

static DECLARE_WORK(ntf_work, ntf_workfn);

static void ntf_irq_workfn(struct irq_work *w)
{
	if (!READ_ONCE(ntf_stopping))
		schedule_work(&ntf_work);
}

static MEMDIAG_DEFINE_IRQ_WORK_LAZY(ntf_irq_work, ntf_irq_workfn);

void memdiag_mm_notify_init(void)
{
	ntf_skip_to_now();
	WRITE_ONCE(ntf_stopping, false);
}

/* From the probes: no allocation, no lock of anyone else's. */
void memdiag_mm_notify_kick(void)
{
	irq_work_queue(&ntf_irq_work);
}

void memdiag_mm_notify_exit(void)
{
	WRITE_ONCE(ntf_stopping, true);
	irq_work_sync(&ntf_irq_work);
	cancel_work_sync(&ntf_work);
}
