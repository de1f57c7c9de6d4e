// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - GET_SWAP: who owns the slots of each active swap area.
 *
 * For each area (held with memdiag_swap_area_get(), compat.h, as
 * get_swap_device() does: swapoff frees the slot map or the cluster tables
 * only after that hold is given back) the scanner of
 * this kernel's slot layout (memdiag_swap_scan.h) counts each slot in use
 * by kind (anon with its reference count; shmem where the layout tells it;
 * swap cache only) and by the memory cgroup id recorded as its owner. A
 * fatal signal stops the scan and marks the area's reply partial.
 *
 * Memory is bounded per dump: a count per possible memcg id (64 Ki x u32)
 * and a table of at most MEMDIAG_SWAP_MEMCGS_MAX cgroups per area; the
 * slots of further cgroups are summed as "other". At most
 * MEMDIAG_SWAP_DUMPS dumps run at once.
 *
 * The dump sends, per area, one message with the area's numbers and then
 * as many messages of memcg nests as it takes; cb->args[] holds a pointer
 * to the dump's state, which says where to resume.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bsearch.h>
#include <linux/cgroup.h>
#include <linux/dcache.h>
#include <linux/memcontrol.h>
#include <linux/percpu-refcount.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/swap.h>
#include <linux/vmalloc.h>
#include <net/genetlink.h>

#include "memdiag.h"
#include "compat.h"
#include "memdiag_cgroup.h"
#include "memdiag_nl.h"
#include "memdiag_swap_scan.h"
#include "memdiag_syms.h"

#define MEMDIAG_SWAP_DUMPS	4

static atomic_t memdiag_swap_dumps = ATOMIC_INIT(0);

struct memdiag_swap_memcg {
	u32 id;
	u32 online;
	u64 cgroup_id;
	u64 slots;
};

enum memdiag_swap_phase {
	MEMDIAG_SWAP_NEXT_AREA,	/* find and scan the next area */
	MEMDIAG_SWAP_SEND_AREA,	/* its message is still to be sent */
	MEMDIAG_SWAP_SEND_MEMCGS,	/* its memcg nests from memcg_pos on */
};

struct memdiag_swap_dump {
	int only;		/* the type asked for, or -1 */
	bool checked;
	enum memdiag_swap_phase phase;
	unsigned int next_type;	/* first type not yet looked at */
	unsigned int nr_memcgs, memcg_pos;
	struct memdiag_swap_area area;
	u32 *ids;		/* slots per memcg id, MEMDIAG_SWAP_IDS */
	struct memdiag_swap_memcg *memcgs;	/* MEMDIAG_SWAP_MEMCGS_MAX */
	char *buf;		/* PATH_MAX, for paths */
};

#define MEMDIAG_SWAP_DUMP_BYTES \
	(sizeof(struct memdiag_swap_dump) + MEMDIAG_SWAP_IDS * sizeof(u32) + \
	 MEMDIAG_SWAP_MEMCGS_MAX * sizeof(struct memdiag_swap_memcg) + PATH_MAX)

static int memdiag_swap_memcg_cmp(const void *key, const void *elt)
{
	u32 id = *(const u32 *)key;
	const struct memdiag_swap_memcg *m = elt;

	return id < m->id ? -1 : id > m->id;
}

/* The counts per id into the table, then each cgroup's id and state. */
static void memdiag_swap_memcgs(struct memdiag_swap_dump *d)
{
	struct memdiag_swap_area *a = &d->area;
	struct cgroup_subsys_state *css;
	struct mem_cgroup *root;
	unsigned int id;

	d->nr_memcgs = 0;
	for (id = 1; id < MEMDIAG_SWAP_IDS; id++) {
		struct memdiag_swap_memcg *m;

		if (!d->ids[id])
			continue;
		a->memcgs++;
		if (d->nr_memcgs == MEMDIAG_SWAP_MEMCGS_MAX) {
			a->memcgs_other++;
			a->memcg_other_slots += d->ids[id];
			d->ids[id] = 0;
			continue;
		}
		m = &d->memcgs[d->nr_memcgs++];
		m->id = id;
		m->slots = d->ids[id];
		m->online = 0;
		m->cgroup_id = 0;
		d->ids[id] = 0;	/* ready for the next area */
		if (!(id % MEMDIAG_SWAP_SCAN_CHUNK))
			cond_resched();
	}
	if (!d->nr_memcgs)
		return;

	/* Removed cgroups stay listed while their slots pin them. */
	rcu_read_lock();
	root = mem_cgroup_from_task(&init_task);
	if (root) {
		css_for_each_descendant_pre(css, &root->css) {
			struct mem_cgroup *memcg = mem_cgroup_from_css(css);
			u32 key = memdiag_memcg_swap_id(memcg);
			struct memdiag_swap_memcg *m;

			m = bsearch(&key, d->memcgs, d->nr_memcgs, sizeof(*m),
				    memdiag_swap_memcg_cmp);
			if (!m)
				continue;
			m->cgroup_id = cgroup_id(css->cgroup);
			m->online = !!(READ_ONCE(css->flags) & CSS_ONLINE);
		}
	}
	rcu_read_unlock();
}

/* Look at the areas from d->next_type on; scan the first active one. */
static bool memdiag_swap_next_area(struct memdiag_swap_dump *d)
{
	struct memdiag_swap_area *a = &d->area;

	for (; d->next_type < MAX_SWAPFILES; d->next_type++) {
		unsigned int type = d->next_type;
		struct swap_info_struct *si;
		char *p;

		if (d->only >= 0 && type != (unsigned int)d->only)
			continue;
		si = READ_ONCE(memdiag_syms.swap_info[type]);
		if (!si || !memdiag_swap_area_get(si))
			continue;
		memset(a, 0, sizeof(*a));
		a->type = type;
		a->prio = si->prio;
		a->map_slots = si->max;
		a->pages = si->pages;
		p = si->swap_file ? d_path(&si->swap_file->f_path, d->buf, PATH_MAX) :
				    ERR_PTR(-ENOENT);
		strscpy(a->path, IS_ERR(p) ? "" : p, sizeof(a->path));
		memdiag_swap_scan(si, a, d->ids);
		a->inuse = memdiag_swap_inuse(si);
		memdiag_swap_area_put(si);
		memdiag_swap_memcgs(d);
		d->next_type++;
		d->memcg_pos = 0;
		return true;
	}
	return false;
}

static int memdiag_swap_put_area(struct sk_buff *skb, const struct memdiag_swap_area *a)
{
	const int pad = MEMDIAG_A_SWAP_PAD;

	if (nla_put_u32(skb, MEMDIAG_A_SWAP_TYPE, a->type) ||
	    nla_put_string(skb, MEMDIAG_A_SWAP_PATH, a->path) ||
	    nla_put_s32(skb, MEMDIAG_A_SWAP_PRIO, a->prio) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_MAP_SLOTS, a->map_slots, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_PAGES, a->pages, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_BAD, a->map_slots - a->pages, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_INUSE, a->inuse, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_SCANNED, a->scanned, pad) ||
	    nla_put_u8(skb, MEMDIAG_A_SWAP_PARTIAL, a->partial) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_SLOTS_USED, a->used, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_SLOTS_ANON, a->anon, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_ANON_REFS, a->refs, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_SLOTS_CONTINUED, a->continued, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_SLOTS_CACHE_ONLY, a->cache_only, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_SLOTS_CACHED, a->cached, pad) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_SLOTS_BAD, a->bad, pad) ||
	    nla_put_u8(skb, MEMDIAG_A_SWAP_MEMCG_UNAVAILABLE, !a->memcg_ok) ||
	    nla_put_u8(skb, MEMDIAG_A_SWAP_SHMEM_UNAVAILABLE, !a->shmem_ok))
		return -EMSGSIZE;
	/* Without a shmem marker those slots are in anon and its refs. */
	if (a->shmem_ok &&
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_SLOTS_SHMEM, a->shmem, pad))
		return -EMSGSIZE;
	if (a->memcg_ok &&
	    (nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_SLOTS_MEMCG_NONE, a->memcg_none, pad) ||
	     nla_put_u32(skb, MEMDIAG_A_SWAP_MEMCGS, a->memcgs) ||
	     nla_put_u32(skb, MEMDIAG_A_SWAP_MEMCGS_OTHER, a->memcgs_other) ||
	     nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_SLOTS_MEMCG_OTHER,
			       a->memcg_other_slots, pad)))
		return -EMSGSIZE;
	return 0;
}

static int memdiag_swap_put_memcg(struct sk_buff *skb, struct memdiag_swap_dump *d,
				  const struct memdiag_swap_memcg *m)
{
	const int pad = MEMDIAG_A_SWAP_CGROUP_PAD;
	struct cgroup *cgrp = NULL;
	struct nlattr *nest;
	int ret = -EMSGSIZE;

	nest = nla_nest_start(skb, MEMDIAG_A_SWAP_MEMCG);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, MEMDIAG_A_SWAP_CGROUP_ID, m->id) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_CGROUP_CGROUP_ID, m->cgroup_id, pad) ||
	    nla_put_u8(skb, MEMDIAG_A_SWAP_CGROUP_ONLINE, m->online) ||
	    nla_put_u64_64bit(skb, MEMDIAG_A_SWAP_CGROUP_SLOTS, m->slots, pad))
		goto cancel;
	if (m->cgroup_id)
		cgrp = memdiag_memcg_cgroup_get(m->cgroup_id);
	if (!IS_ERR_OR_NULL(cgrp)) {
		int len = cgroup_path(cgrp, d->buf, PATH_MAX);

		cgroup_put(cgrp);
		if (len >= 0 && nla_put_string(skb, MEMDIAG_A_SWAP_CGROUP_PATH, d->buf))
			goto cancel;
	}
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return ret;
}

static void *memdiag_swap_msg(struct sk_buff *skb, struct netlink_callback *cb)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   &memdiag_family, NLM_F_MULTI, MEMDIAG_CMD_GET_SWAP);
}

/* One message of memcg nests; -EMSGSIZE if not even one fits. */
static int memdiag_swap_send_memcgs(struct sk_buff *skb, struct netlink_callback *cb,
				    struct memdiag_swap_dump *d)
{
	unsigned int first = d->memcg_pos;
	void *hdr = memdiag_swap_msg(skb, cb);

	if (!hdr || nla_put_u32(skb, MEMDIAG_A_SWAP_TYPE, d->area.type))
		goto full;
	while (d->memcg_pos < d->nr_memcgs &&
	       !memdiag_swap_put_memcg(skb, d, &d->memcgs[d->memcg_pos]))
		d->memcg_pos++;
	if (d->memcg_pos == first)
		goto full;
	genlmsg_end(skb, hdr);
	return 0;
full:
	if (hdr)
		genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

int memdiag_nl_swap_start(struct netlink_callback *cb)
{
	struct nlattr *attrs[MEMDIAG_A_SWAP_MAX + 1];
	struct memdiag_swap_dump *d;
	int ret;

	ret = genlmsg_parse(cb->nlh, &memdiag_family, attrs, MEMDIAG_A_SWAP_MAX,
			    memdiag_get_swap_policy, cb->extack);
	if (ret)
		return ret;
	/* Errors are reported by the first dump call: 6.1 drops start's extack. */
	if (!memdiag_syms.swap_info) {
		cb->args[0] = 0;
		return 0;
	}
	if (atomic_inc_return(&memdiag_swap_dumps) > MEMDIAG_SWAP_DUMPS) {
		atomic_dec(&memdiag_swap_dumps);
		cb->args[0] = 0;
		cb->args[1] = 1;	/* busy */
		return 0;
	}
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (d) {
		d->ids = kvcalloc(MEMDIAG_SWAP_IDS, sizeof(u32), GFP_KERNEL);
		d->memcgs = kvmalloc_array(MEMDIAG_SWAP_MEMCGS_MAX,
					   sizeof(*d->memcgs), GFP_KERNEL);
		d->buf = kmalloc(PATH_MAX, GFP_KERNEL);
	}
	if (!d || !d->ids || !d->memcgs || !d->buf) {
		if (d) {
			kvfree(d->ids);
			kvfree(d->memcgs);
			kfree(d->buf);
			kfree(d);
		}
		atomic_dec(&memdiag_swap_dumps);
		return -ENOMEM;
	}
	atomic_long_add(MEMDIAG_SWAP_DUMP_BYTES, &memdiag_mem_bytes);
	d->only = attrs[MEMDIAG_A_SWAP_TYPE] ?
		  (int)nla_get_u32(attrs[MEMDIAG_A_SWAP_TYPE]) : -1;
	cb->args[0] = (long)d;
	/* Room for an area's message or a memcg nest with a long path. */
	cb->min_dump_alloc = PATH_MAX + 1024;
	return 0;
}

int memdiag_nl_swap_done(struct netlink_callback *cb)
{
	struct memdiag_swap_dump *d = (struct memdiag_swap_dump *)cb->args[0];

	if (!d)
		return 0;
	kvfree(d->ids);
	kvfree(d->memcgs);
	kfree(d->buf);
	kfree(d);
	atomic_long_sub(MEMDIAG_SWAP_DUMP_BYTES, &memdiag_mem_bytes);
	atomic_dec(&memdiag_swap_dumps);
	return 0;
}

int memdiag_nl_swap_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct memdiag_swap_dump *d = (struct memdiag_swap_dump *)cb->args[0];
	void *hdr;

	if (!d) {
		if (cb->args[1]) {
			NL_SET_ERR_MSG_MOD(cb->extack,
					   "too many GET_SWAP dumps at once; try again");
			return -EBUSY;
		}
		NL_SET_ERR_MSG_MOD(cb->extack,
				   "swap ownership unavailable (see the swap-owners feature in GET_STATUS)");
		return -EOPNOTSUPP;
	}
	for (;;) {
		switch (d->phase) {
		case MEMDIAG_SWAP_NEXT_AREA:
			if (!memdiag_swap_next_area(d)) {
				if (!d->checked && d->only >= 0) {
					NL_SET_ERR_MSG_MOD(cb->extack,
							   "no active swap area of that type (see /proc/swaps)");
					return -ENODEV;
				}
				return skb->len;
			}
			d->checked = true;
			d->phase = MEMDIAG_SWAP_SEND_AREA;
			fallthrough;
		case MEMDIAG_SWAP_SEND_AREA:
			hdr = memdiag_swap_msg(skb, cb);
			if (!hdr)
				return skb->len;
			if (memdiag_swap_put_area(skb, &d->area)) {
				genlmsg_cancel(skb, hdr);
				return skb->len;
			}
			genlmsg_end(skb, hdr);
			d->phase = MEMDIAG_SWAP_SEND_MEMCGS;
			fallthrough;
		case MEMDIAG_SWAP_SEND_MEMCGS:
			while (d->memcg_pos < d->nr_memcgs) {
				if (memdiag_swap_send_memcgs(skb, cb, d))
					return skb->len;
			}
			d->phase = MEMDIAG_SWAP_NEXT_AREA;
			if (d->area.partial) {
				/* The reader is going away: no more areas. */
				d->next_type = MAX_SWAPFILES;
				return skb->len;
			}
		}
	}
}
