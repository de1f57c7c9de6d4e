// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - records kept by sequence number (commit rejections, OOM kills,
 * swapoff attempts) as netlink messages: the dump a reader pages through,
 * the multicast of new ones, and the cgroup paths they name.
 */
#include <linux/cgroup.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include "compat.h"
#include "memdiag_cgroup.h"
#include "memdiag_nl.h"

static int memdiag_nl_put_path(struct sk_buff *skb, int attr,
			       struct cgroup *cgrp)
{
	char *buf;
	int ret = 0;

	if (IS_ERR_OR_NULL(cgrp))
		return 0;	/* gone since: the id is all there is */
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	/* From the hierarchy's root, as /sys/fs/cgroup shows it. */
	if (buf && cgroup_path(cgrp, buf, PATH_MAX) >= 0)
		ret = nla_put_string(skb, attr, buf);
	kfree(buf);
	cgroup_put(cgrp);
	return ret;
}

/*
 * The path of a memory cgroup's id (every record's cgroup), in the memory
 * controller's hierarchy, resolved now: the probe only kept the id.
 */
int memdiag_nl_put_memcg_path(struct sk_buff *skb, int attr, u64 id)
{
	return memdiag_nl_put_path(skb, attr, memdiag_memcg_cgroup_get(id));
}

/* Every record starts with its sequence number (memdiag_evring.h). */
static u64 rec_seq(const void *rec)
{
	return *(const u64 *)rec;
}

/*
 * One message per record, oldest first, of those kept when the dump began
 * (a dump chasing a storm of new ones would never end). cb->args[0] is the
 * next sequence number to send (0 before the first call), so a reader that
 * falls behind the ring continues with the oldest record still kept;
 * cb->args[1] is the sequence number the dump ends before.
 */
int memdiag_nl_records_dump(struct sk_buff *skb, struct netlink_callback *cb,
			    const struct memdiag_nl_records *d)
{
	u64 seq = cb->args[0] ? cb->args[0] : 1;
	int ret = 0;
	void *r;

	if (!cb->args[0])
		cb->args[1] = d->next_seq();
	r = kmalloc(d->rec_size, GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	while (d->get(seq, r) && rec_seq(r) < cb->args[1]) {
		void *hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, &memdiag_family,
					NLM_F_MULTI, d->get_cmd);

		if (!hdr)
			break;
		if (d->put(skb, r)) {
			genlmsg_cancel(skb, hdr);
			/* Not even one fits: say so rather than end quietly. */
			if (!skb->len)
				ret = -EMSGSIZE;
			break;
		}
		genlmsg_end(skb, hdr);
		seq = rec_seq(r) + 1;
	}
	cb->args[0] = seq;
	kfree(r);
	return ret ? ret : skb->len;
}

/*
 * Multicast the records from *@next on to the events group, advancing
 * *@next; from a work item (process context), until *@stopping.
 */
void memdiag_nl_records_notify(const struct memdiag_nl_records *d, u64 *next,
			       const bool *stopping)
{
	void *r = kmalloc(d->rec_size, GFP_KERNEL);

	if (!r)
		return;
	while (!READ_ONCE(*stopping) && d->get(*next, r)) {
		struct sk_buff *msg = genlmsg_new(d->msg_size, GFP_KERNEL);
		void *hdr;

		if (!msg)
			break;	/* the next record's kick retries this one */
		*next = rec_seq(r) + 1;
		hdr = genlmsg_put(msg, 0, 0, &memdiag_family, 0, d->ntf_cmd);
		if (!hdr || d->put(msg, r)) {
			nlmsg_free(msg);
			continue;
		}
		genlmsg_end(msg, hdr);
		genlmsg_multicast(&memdiag_family, msg, 0, MEMDIAG_NLGRP_EVENTS,
				  GFP_KERNEL);
	}
	kfree(r);
}
