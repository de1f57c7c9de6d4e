// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - allocation failures over netlink: GET_COUNTERS, GET_EVENTS,
 * RESET, and the multicast of new records to the "events" group.
 *
 * Records are made in the allocator's failure path, where no message can be
 * allocated; the probe only kicks an irq_work, which queues a work item that
 * sends what the ring gained since the last run, from process context.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/irq_work.h>
#include <linux/kallsyms.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_failure.h"
#include "memdiag_nl.h"
#include "memdiag_ring.h"
#include "memdiag_zones.h"

/* A record with 8 zones and a 32-frame stack needs about 6 KiB. */
#define MEMDIAG_EVENT_MSG_SIZE	16384

static int put_u64(struct sk_buff *skb, int type, u64 v, int pad)
{
	return nla_put_u64_64bit(skb, type, v, pad);
}

static int put_zone(struct sk_buff *skb, const struct memdiag_zone_snap *z)
{
	struct nlattr *nest = nla_nest_start(skb, MEMDIAG_A_EVENT_ZONE);
	const int pad = MEMDIAG_A_ZONE_SNAP_PAD;
	int i;

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, MEMDIAG_A_ZONE_SNAP_NODE, z->node) ||
	    nla_put_u32(skb, MEMDIAG_A_ZONE_SNAP_ZONE, z->zone) ||
	    nla_put_string(skb, MEMDIAG_A_ZONE_SNAP_NAME,
			   memdiag_zone_name(z->node, z->zone)) ||
	    put_u64(skb, MEMDIAG_A_ZONE_SNAP_FREE, z->free, pad) ||
	    put_u64(skb, MEMDIAG_A_ZONE_SNAP_MIN, z->min, pad) ||
	    put_u64(skb, MEMDIAG_A_ZONE_SNAP_LOW, z->low, pad) ||
	    put_u64(skb, MEMDIAG_A_ZONE_SNAP_HIGH, z->high, pad) ||
	    put_u64(skb, MEMDIAG_A_ZONE_SNAP_BOOST, z->boost, pad) ||
	    put_u64(skb, MEMDIAG_A_ZONE_SNAP_MANAGED, z->managed, pad) ||
	    put_u64(skb, MEMDIAG_A_ZONE_SNAP_HIGHATOMIC, z->highatomic, pad) ||
	    put_u64(skb, MEMDIAG_A_ZONE_SNAP_FREE_CMA, z->free_cma, pad))
		goto cancel;
	for (i = 0; i < MEMDIAG_NR_ORDERS; i++)
		if (put_u64(skb, MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS,
			    z->free_blocks[i], pad))
			goto cancel;
	for (i = 0; i < MAX_NR_ZONES; i++)
		if (put_u64(skb, MEMDIAG_A_ZONE_SNAP_LOWMEM_RESERVE,
			    z->lowmem_reserve[i], pad))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Fill one event message (header already put) from a copied record. */
static int put_event(struct sk_buff *skb, const struct memdiag_record *r,
		     u64 missed_before)
{
	const int pad = MEMDIAG_A_EVENT_PAD;
	char sym[KSYM_SYMBOL_LEN];
	unsigned int i, first;

	if (put_u64(skb, MEMDIAG_A_EVENT_SEQ, r->seq, pad) ||
	    (missed_before &&
	     put_u64(skb, MEMDIAG_A_EVENT_MISSED_BEFORE, missed_before, pad)) ||
	    put_u64(skb, MEMDIAG_A_EVENT_BOOT_NS, r->boot_ns, pad) ||
	    put_u64(skb, MEMDIAG_A_EVENT_REAL_NS, r->real_ns, pad) ||
	    nla_put_u32(skb, MEMDIAG_A_EVENT_KIND, r->kind) ||
	    nla_put_u32(skb, MEMDIAG_A_EVENT_ORDER, r->order) ||
	    (r->kind == MEMDIAG_FAILURE_KIND_VMALLOC &&
	     (put_u64(skb, MEMDIAG_A_EVENT_SIZE, r->size, pad) ||
	      nla_put_u32(skb, MEMDIAG_A_EVENT_VMALLOC_STEP, r->vmalloc_step))) ||
	    nla_put_u32(skb, MEMDIAG_A_EVENT_GFP, (__force u32)r->gfp))
		return -EMSGSIZE;

	/* The running kernel names its own gfp bits. */
	snprintf(sym, sizeof(sym), "%pGg", &r->gfp);
	if (nla_put_string(skb, MEMDIAG_A_EVENT_GFP_NAMES, sym) ||
	    nla_put_u32(skb, MEMDIAG_A_EVENT_CLASS, r->class))
		return -EMSGSIZE;
	if (r->has_nodemask) {
		snprintf(sym, sizeof(sym), "%*pbl", nodemask_pr_args(&r->nodemask));
		if (nla_put_string(skb, MEMDIAG_A_EVENT_NODEMASK, sym))
			return -EMSGSIZE;
	}
	if (nla_put_u32(skb, MEMDIAG_A_EVENT_PREFERRED_NODE, r->preferred_node) ||
	    nla_put_u32(skb, MEMDIAG_A_EVENT_HIGH_ZONE, r->high_zone) ||
	    nla_put_u32(skb, MEMDIAG_A_EVENT_PID, r->pid) ||
	    nla_put_u32(skb, MEMDIAG_A_EVENT_TGID, r->tgid) ||
	    nla_put_string(skb, MEMDIAG_A_EVENT_COMM, r->comm) ||
	    put_u64(skb, MEMDIAG_A_EVENT_CGROUP_ID, r->cgroup_id, pad) ||
	    memdiag_nl_put_memcg_path(skb, MEMDIAG_A_EVENT_CGROUP_PATH,
				      r->cgroup_id) ||
	    nla_put_u32(skb, MEMDIAG_A_EVENT_CONTEXT, r->context))
		return -EMSGSIZE;
	/*
	 * The saved stack starts inside the probe (our handler, the kprobe
	 * machinery): show it from warn_alloc() on, as the kernel's own
	 * report would.
	 */
	first = 0;
	for (i = 0; i < r->nr_stack && i < ARRAY_SIZE(r->stack); i++) {
		snprintf(sym, sizeof(sym), "%ps", (void *)r->stack[i]);
		if (!strcmp(sym, "warn_alloc")) {
			first = i;
			break;
		}
	}
	for (i = first; i < r->nr_stack && i < ARRAY_SIZE(r->stack); i++) {
		snprintf(sym, sizeof(sym), "%pS", (void *)r->stack[i]);
		if (nla_put_string(skb, MEMDIAG_A_EVENT_STACK, sym))
			return -EMSGSIZE;
	}
	for (i = 0; i < r->nr_zones && i < MEMDIAG_SNAP_ZONES; i++)
		if (put_zone(skb, &r->zones[i]))
			return -EMSGSIZE;
	if (r->zones_truncated &&
	    nla_put_u32(skb, MEMDIAG_A_EVENT_ZONES_TRUNCATED, r->zones_truncated))
		return -EMSGSIZE;
	return 0;
}

/* ---- GET_COUNTERS / RESET ---- */

static int put_counters(struct sk_buff *skb, const struct memdiag_fail_sums *s)
{
	const int pad = MEMDIAG_A_COUNTERS_PAD;
	const int opad = MEMDIAG_A_ORDER_COUNT_PAD;
	int k, b;
	unsigned int n;

	if (put_u64(skb, MEMDIAG_A_COUNTERS_TOTAL, s->total, pad) ||
	    put_u64(skb, MEMDIAG_A_COUNTERS_RECORDED, s->recorded, pad) ||
	    put_u64(skb, MEMDIAG_A_COUNTERS_OVERWRITTEN, s->overwritten, pad) ||
	    put_u64(skb, MEMDIAG_A_COUNTERS_SUPPRESSED, s->suppressed, pad) ||
	    put_u64(skb, MEMDIAG_A_COUNTERS_LOST, s->lost, pad) ||
	    put_u64(skb, MEMDIAG_A_COUNTERS_MISSED, s->missed, pad) ||
	    put_u64(skb, MEMDIAG_A_COUNTERS_FIRST_SEQ, memdiag_ring_first_seq(), pad) ||
	    put_u64(skb, MEMDIAG_A_COUNTERS_NEXT_SEQ, memdiag_ring_next_seq(), pad) ||
	    put_u64(skb, MEMDIAG_A_COUNTERS_RESET_NS, s->reset_ns, pad))
		return -EMSGSIZE;

	for (k = 0; k < MEMDIAG_NR_KINDS; k++) {
		for (b = 0; b < MEMDIAG_NR_BUCKETS; b++) {
			const u64 *c = s->bucket[k][b];
			u64 count = c[0] + c[1] + c[2] + c[3];
			struct nlattr *nest;

			if (!count)
				continue;
			nest = nla_nest_start(skb, MEMDIAG_A_COUNTERS_ORDER_COUNT);
			if (!nest ||
			    nla_put_u32(skb, MEMDIAG_A_ORDER_COUNT_KIND, k) ||
			    nla_put_u32(skb, MEMDIAG_A_ORDER_COUNT_ORDER, b) ||
			    put_u64(skb, MEMDIAG_A_ORDER_COUNT_COUNT, count, opad) ||
			    put_u64(skb, MEMDIAG_A_ORDER_COUNT_NOWARN,
				    c[MEMDIAG_CLASS_NOWARN] +
				    c[MEMDIAG_CLASS_NOWARN | MEMDIAG_CLASS_ATOMIC], opad) ||
			    put_u64(skb, MEMDIAG_A_ORDER_COUNT_ATOMIC,
				    c[MEMDIAG_CLASS_ATOMIC] +
				    c[MEMDIAG_CLASS_NOWARN | MEMDIAG_CLASS_ATOMIC], opad) ||
			    put_u64(skb, MEMDIAG_A_ORDER_COUNT_NOWARN_ATOMIC,
				    c[MEMDIAG_CLASS_NOWARN | MEMDIAG_CLASS_ATOMIC], opad) ||
			    put_u64(skb, MEMDIAG_A_ORDER_COUNT_LAST_NS,
				    s->last_boot_ns[k][b], opad) ||
			    put_u64(skb, MEMDIAG_A_ORDER_COUNT_LAST_REAL_NS,
				    s->last_real_ns[k][b], opad))
				return -EMSGSIZE;
			nla_nest_end(skb, nest);
		}
	}
	for (n = 0; n < s->nr_nodes; n++) {
		struct nlattr *nest;

		if (!s->node[n])
			continue;
		nest = nla_nest_start(skb, MEMDIAG_A_COUNTERS_NODE_COUNT);
		if (!nest ||
		    nla_put_u32(skb, MEMDIAG_A_NODE_COUNT_NODE, n) ||
		    put_u64(skb, MEMDIAG_A_NODE_COUNT_COUNT, s->node[n],
			    MEMDIAG_A_NODE_COUNT_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	return 0;
}

static bool failure_ready(struct netlink_ext_ack *extack)
{
	if (memdiag_features[MEMDIAG_FEATURE_ID_ALLOC_FAILURE].state ==
	    MEMDIAG_FEATURE_STATE_FAILED) {
		NL_SET_ERR_MSG_MOD(extack,
				   "allocation-failure feature did not initialise (see memdiagctl status)");
		return false;
	}
	return true;
}

int memdiag_nl_get_counters(struct sk_buff *skb, struct genl_info *info)
{
	struct memdiag_fail_sums *s;
	struct sk_buff *msg;
	void *hdr;
	int ret = -EMSGSIZE;

	if (!failure_ready(info->extack))
		return -ENODEV;
	s = memdiag_failure_read();
	if (!s)
		return -ENOMEM;
	msg = genlmsg_new(MEMDIAG_EVENT_MSG_SIZE, GFP_KERNEL);
	if (!msg) {
		kvfree(s);
		return -ENOMEM;
	}
	hdr = genlmsg_put_reply(msg, info, &memdiag_family, 0,
				MEMDIAG_CMD_GET_COUNTERS);
	if (hdr && !put_counters(msg, s)) {
		genlmsg_end(msg, hdr);
		kvfree(s);
		return genlmsg_reply(msg, info);
	}
	kvfree(s);
	nlmsg_free(msg);
	NL_SET_ERR_MSG_MOD(info->extack, "counters do not fit in one message");
	return ret;
}

int memdiag_nl_reset(struct sk_buff *skb, struct genl_info *info)
{
	if (!failure_ready(info->extack))
		return -ENODEV;
	memdiag_failure_reset();
	return 0;
}

/* ---- GET_EVENTS dump ---- */

/*
 * cb->args: [0] next seq to send, [1] the record buffer, [2] missed,
 * [3] the sequence number the dump ends before.
 */
int memdiag_nl_events_start(struct netlink_callback *cb)
{
	struct nlattr *attrs[MEMDIAG_A_EVENT_MAX + 1];
	struct memdiag_record *buf;
	u64 since = memdiag_ring_first_seq();
	int ret;

	if (!failure_ready(cb->extack))
		return -ENODEV;
	/*
	 * genetlink validated the request against the op's policy already;
	 * parsing it again here needs no per-version accessor (6.7 moved the
	 * dump attributes into struct genl_info).
	 */
	ret = genlmsg_parse(cb->nlh, &memdiag_family, attrs, MEMDIAG_A_EVENT_MAX,
			    memdiag_get_events_policy, cb->extack);
	if (ret)
		return ret;
	if (attrs[MEMDIAG_A_EVENT_SINCE])
		since = nla_get_u64(attrs[MEMDIAG_A_EVENT_SINCE]);
	buf = kmalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	cb->args[0] = since;
	cb->args[1] = (long)buf;
	/*
	 * The dump is of what was recorded when it was asked for: in a storm
	 * the writers outrun any reader, and a dump chasing them never ends.
	 * Later records are for the next dump or the events group.
	 */
	cb->args[3] = memdiag_ring_next_seq();
	/* One record with its zones and stack must fit a dump message. */
	cb->min_dump_alloc = MEMDIAG_EVENT_MSG_SIZE;
	return 0;
}

int memdiag_nl_events_done(struct netlink_callback *cb)
{
	kfree((void *)cb->args[1]);
	return 0;
}

/*
 * A record not written yet: its writer, on another CPU, is still filling
 * it (microseconds), or gave it up (a storm on a tiny ring). Wait a little
 * for the first, then count it as missed rather than end the dump there.
 */
#define MEMDIAG_DUMP_WAIT_TRIES	10

int memdiag_nl_events_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct memdiag_record *rec = (struct memdiag_record *)cb->args[1];
	/* A missed count not yet sent (its record did not fit) carries over. */
	u64 seq = cb->args[0], missed = cb->args[2], end = cb->args[3];
	int sent = 0, tries = 0;

	/* A cursor from before RESET or from the future is clamped, not refused. */
	if (seq < memdiag_ring_first_seq()) {
		missed += memdiag_ring_first_seq() - seq;
		seq = memdiag_ring_first_seq();
	}
	while (seq < end) {
		int ret = memdiag_ring_read(seq, rec);
		void *hdr;

		if (ret == -EAGAIN) {
			if (sent)
				break;	/* the next call waits for it */
			if (++tries < MEMDIAG_DUMP_WAIT_TRIES) {
				usleep_range(100, 200);
				continue;
			}
			ret = -ENOENT;
		}
		tries = 0;
		if (ret == -ENOENT) {
			missed++;
			seq++;
			continue;
		}
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &memdiag_family,
				  NLM_F_MULTI, MEMDIAG_CMD_GET_EVENTS);
		if (!hdr)
			break;
		if (put_event(skb, rec, missed)) {
			genlmsg_cancel(skb, hdr);
			if (!sent) {
				NL_SET_ERR_MSG_MOD(cb->extack,
						   "record does not fit in a dump message");
				return -EMSGSIZE;
			}
			break;
		}
		genlmsg_end(skb, hdr);
		missed = 0;
		sent++;
		seq++;
	}
	cb->args[0] = seq;
	cb->args[2] = missed;
	return skb->len;
}

/* ---- multicast of new records ---- */

static u64 notify_next;
static bool notify_stopping;

static void notify_workfn(struct work_struct *work);
static DECLARE_DELAYED_WORK(notify_work, notify_workfn);

/*
 * Records stay in the ring until overwritten, so a message that cannot be
 * allocated now (memory is short exactly when failures happen) is retried
 * shortly rather than dropped.
 */
static void notify_workfn(struct work_struct *work)
{
	struct memdiag_record *rec;
	u64 next = memdiag_ring_next_seq();

	if (!MEMDIAG_HAVE_MCAST_CAP ||
	    !genl_has_listeners(&memdiag_family, &init_net, MEMDIAG_NLGRP_EVENTS)) {
		notify_next = next;	/* nobody listens: nothing to catch up */
		return;
	}
	rec = kmalloc(sizeof(*rec), GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN);
	if (!rec)
		goto retry;
	if (notify_next < memdiag_ring_first_seq())
		notify_next = memdiag_ring_first_seq();
	for (; notify_next < next && !READ_ONCE(notify_stopping); notify_next++) {
		struct sk_buff *msg;
		void *hdr;
		int ret = memdiag_ring_read(notify_next, rec);

		if (ret == -EAGAIN)
			break;	/* its writer's kick brings us back */
		if (ret)
			continue;	/* overwritten before we got to it */
		msg = genlmsg_new(MEMDIAG_EVENT_MSG_SIZE,
				  GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN);
		if (!msg) {
			kfree(rec);
			goto retry;
		}
		hdr = genlmsg_put(msg, 0, 0, &memdiag_family, 0,
				  MEMDIAG_CMD_FAILURE_NTF);
		if (!hdr || put_event(msg, rec, 0)) {
			nlmsg_free(msg);
			continue;
		}
		genlmsg_end(msg, hdr);
		/* -ESRCH just means every listener left meanwhile. */
		genlmsg_multicast(&memdiag_family, msg, 0, MEMDIAG_NLGRP_EVENTS,
				  GFP_KERNEL);
	}
	kfree(rec);
	return;
retry:
	if (!READ_ONCE(notify_stopping))
		schedule_delayed_work(&notify_work, HZ / 20);
}

static void notify_irq_workfn(struct irq_work *w)
{
	if (!READ_ONCE(notify_stopping))
		schedule_delayed_work(&notify_work, 0);
}

static MEMDIAG_DEFINE_IRQ_WORK_LAZY(notify_irq_work, notify_irq_workfn);

void memdiag_failure_notify_init(void)
{
	notify_next = memdiag_ring_next_seq();
	WRITE_ONCE(notify_stopping, false);
}

/* From the probe: any context, no allocation, no lock. */
void memdiag_failure_notify_kick(void)
{
	irq_work_queue(&notify_irq_work);
}

void memdiag_failure_notify_exit(void)
{
	WRITE_ONCE(notify_stopping, true);
	irq_work_sync(&notify_irq_work);
	cancel_delayed_work_sync(&notify_work);
}
