// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation failures: memdiag's counters, records and events against
 * failures the helper module provokes for real, and against two
 * independent observers: the helper's own count of failed attempts and a
 * tracefs kprobe on warn_alloc (its hit count in kprobe_profile).
 * nl_failures.sh loads memdiag (ring_size=16), the helper and the tracefs
 * probe "memdiag_wa" before running this.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/memdiag.h>

#include "genl.h"
#include "kselftest_harness.h"

#define HELPER "/sys/kernel/debug/memdiag_test/"
#define PROFILE "/sys/kernel/tracing/kprobe_profile"
#define MAX_EVENTS 64

struct counters {
	uint64_t total, recorded, overwritten, suppressed, lost, first_seq, next_seq;
	/* [kind][order] = { count, nowarn, atomic } */
	uint64_t order[4][MEMDIAG_NR_BUCKETS][3];
};

struct zsnap {
	uint32_t node, zone;
	char name[16];
	uint64_t free, min, low, high, boost, managed;
	uint64_t free_cma;
	int has_free_cma;
	uint64_t blocks[16];
	int nr_blocks;
};

struct event {
	uint64_t seq, missed_before, size;
	uint32_t kind, order, class, context, pid, tgid, high_zone;
	char comm[32], gfp_names[128];
	int stack_has_helper;
	int nr_stack;
	struct zsnap zones[MEMDIAG_SNAP_ZONES];
	int nr_zones;
};

struct events {
	struct event ev[MAX_EVENTS];
	int n;
};

static uint64_t u64_of(struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, genl_attr_data(a), sizeof(v));
	return v;
}

static uint32_t u32_of(struct nlattr *a)
{
	return *(uint32_t *)genl_attr_data(a);
}

static void parse_order_count(struct nlattr *nest, struct counters *c)
{
	uint32_t kind = 0, order = 0;
	uint64_t count = 0, nowarn = 0, atomic = 0;
	struct nlattr *a;

	genl_for_each_attr(a, genl_attr_data(nest), genl_attr_len(nest)) {
		switch (a->nla_type) {
		case MEMDIAG_A_ORDER_COUNT_KIND:
			kind = u32_of(a);
			break;
		case MEMDIAG_A_ORDER_COUNT_ORDER:
			order = u32_of(a);
			break;
		case MEMDIAG_A_ORDER_COUNT_COUNT:
			count = u64_of(a);
			break;
		case MEMDIAG_A_ORDER_COUNT_NOWARN:
			nowarn = u64_of(a);
			break;
		case MEMDIAG_A_ORDER_COUNT_ATOMIC:
			atomic = u64_of(a);
			break;
		}
	}
	if (kind < 4 && order < MEMDIAG_NR_BUCKETS) {
		c->order[kind][order][0] = count;
		c->order[kind][order][1] = nowarn;
		c->order[kind][order][2] = atomic;
	}
}

static int get_counters(int fd, int family, struct counters *c)
{
	struct genl_msg req;
	static struct genl_result r;
	struct nlattr *a;
	int len;

	memset(c, 0, sizeof(*c));
	genl_init(&req, family, MEMDIAG_CMD_GET_COUNTERS, 1);
	if (genl_talk(fd, &req, &r) || r.error || !r.have_reply)
		return -1;
	genl_for_each_attr(a, genl_reply_attrs(&r, &len), len) {
		switch (a->nla_type & NLA_TYPE_MASK) {
		case MEMDIAG_A_COUNTERS_TOTAL:
			c->total = u64_of(a);
			break;
		case MEMDIAG_A_COUNTERS_RECORDED:
			c->recorded = u64_of(a);
			break;
		case MEMDIAG_A_COUNTERS_OVERWRITTEN:
			c->overwritten = u64_of(a);
			break;
		case MEMDIAG_A_COUNTERS_SUPPRESSED:
			c->suppressed = u64_of(a);
			break;
		case MEMDIAG_A_COUNTERS_LOST:
			c->lost = u64_of(a);
			break;
		case MEMDIAG_A_COUNTERS_FIRST_SEQ:
			c->first_seq = u64_of(a);
			break;
		case MEMDIAG_A_COUNTERS_NEXT_SEQ:
			c->next_seq = u64_of(a);
			break;
		case MEMDIAG_A_COUNTERS_ORDER_COUNT:
			parse_order_count(a, c);
			break;
		}
	}
	return 0;
}

static void parse_zone(struct nlattr *nest, struct zsnap *z)
{
	struct nlattr *a;

	memset(z, 0, sizeof(*z));
	genl_for_each_attr(a, genl_attr_data(nest), genl_attr_len(nest)) {
		switch (a->nla_type) {
		case MEMDIAG_A_ZONE_SNAP_NODE:
			z->node = u32_of(a);
			break;
		case MEMDIAG_A_ZONE_SNAP_ZONE:
			z->zone = u32_of(a);
			break;
		case MEMDIAG_A_ZONE_SNAP_NAME:
			snprintf(z->name, sizeof(z->name), "%s", (char *)genl_attr_data(a));
			break;
		case MEMDIAG_A_ZONE_SNAP_FREE:
			z->free = u64_of(a);
			break;
		case MEMDIAG_A_ZONE_SNAP_MIN:
			z->min = u64_of(a);
			break;
		case MEMDIAG_A_ZONE_SNAP_LOW:
			z->low = u64_of(a);
			break;
		case MEMDIAG_A_ZONE_SNAP_HIGH:
			z->high = u64_of(a);
			break;
		case MEMDIAG_A_ZONE_SNAP_BOOST:
			z->boost = u64_of(a);
			break;
		case MEMDIAG_A_ZONE_SNAP_MANAGED:
			z->managed = u64_of(a);
			break;
		case MEMDIAG_A_ZONE_SNAP_FREE_CMA:
			z->free_cma = u64_of(a);
			z->has_free_cma = 1;
			break;
		case MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS:
			if (z->nr_blocks < 16)
				z->blocks[z->nr_blocks++] = u64_of(a);
			break;
		}
	}
}

static int parse_event(struct nlmsghdr *nlh, void *arg)
{
	struct events *evs = arg;
	struct event *e;
	struct nlattr *a;
	int len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

	if (evs->n >= MAX_EVENTS)
		return 0;
	e = &evs->ev[evs->n++];
	memset(e, 0, sizeof(*e));
	genl_for_each_attr(a, (char *)NLMSG_DATA(nlh) + GENL_HDRLEN, len) {
		switch (a->nla_type & NLA_TYPE_MASK) {
		case MEMDIAG_A_EVENT_SEQ:
			e->seq = u64_of(a);
			break;
		case MEMDIAG_A_EVENT_MISSED_BEFORE:
			e->missed_before = u64_of(a);
			break;
		case MEMDIAG_A_EVENT_SIZE:
			e->size = u64_of(a);
			break;
		case MEMDIAG_A_EVENT_KIND:
			e->kind = u32_of(a);
			break;
		case MEMDIAG_A_EVENT_ORDER:
			e->order = u32_of(a);
			break;
		case MEMDIAG_A_EVENT_CLASS:
			e->class = u32_of(a);
			break;
		case MEMDIAG_A_EVENT_CONTEXT:
			e->context = u32_of(a);
			break;
		case MEMDIAG_A_EVENT_PID:
			e->pid = u32_of(a);
			break;
		case MEMDIAG_A_EVENT_TGID:
			e->tgid = u32_of(a);
			break;
		case MEMDIAG_A_EVENT_HIGH_ZONE:
			e->high_zone = u32_of(a);
			break;
		case MEMDIAG_A_EVENT_COMM:
			snprintf(e->comm, sizeof(e->comm), "%s", (char *)genl_attr_data(a));
			break;
		case MEMDIAG_A_EVENT_GFP_NAMES:
			snprintf(e->gfp_names, sizeof(e->gfp_names), "%s",
				 (char *)genl_attr_data(a));
			break;
		case MEMDIAG_A_EVENT_STACK:
			e->nr_stack++;
			if (strstr(genl_attr_data(a), "memdiag_test_fail_once"))
				e->stack_has_helper = 1;
			break;
		case MEMDIAG_A_EVENT_ZONE:
			if (e->nr_zones < MEMDIAG_SNAP_ZONES)
				parse_zone(a, &e->zones[e->nr_zones++]);
			break;
		}
	}
	return 0;
}

static int get_events(int fd, int family, uint64_t since, struct events *evs,
		      struct genl_result *r)
{
	struct genl_msg req;

	evs->n = 0;
	genl_init(&req, family, MEMDIAG_CMD_GET_EVENTS, 1);
	genl_put(&req, MEMDIAG_A_EVENT_SINCE, &since, sizeof(since));
	return genl_dump(fd, &req, r, parse_event, evs);
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, s, strlen(s)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* The helper's failure counts: process softirq hardirq vmalloc. */
static int helper_failed(uint64_t v[4])
{
	FILE *f = fopen(HELPER "failed", "r");
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "%lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3]);
	fclose(f);
	return n == 4 ? 0 : -1;
}

/* Hits of the independent tracefs probe on warn_alloc. */
static long tracefs_hits(void)
{
	char line[256], name[128];
	long hits = -1, h, m;
	FILE *f = fopen(PROFILE, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%127s %ld %ld", name, &h, &m) == 3 &&
		    !strcmp(name, "memdiag_wa"))
			hits = h;
	fclose(f);
	return hits;
}

static int set_rate_limit(int fd, int family, uint32_t v)
{
	struct genl_msg req;
	static struct genl_result r;
	struct nlattr *nest;

	genl_init(&req, family, MEMDIAG_CMD_SET_CONFIG, 1);
	nest = genl_nest_start(&req, MEMDIAG_A_STATUS_CONFIG);
	genl_put_u32(&req, MEMDIAG_A_CONFIG_RATE_LIMIT, v);
	genl_nest_end(&req, nest);
	if (genl_talk(fd, &req, &r))
		return -1;
	return r.error;
}

/* A field of one zone in /proc/zoneinfo ("min", "managed", "free"...). */
static long zoneinfo_field(int node, const char *zone, const char *field)
{
	char line[256], want[64], key[64];
	int in_zone = 0;
	long v, ret = -1;
	FILE *f = fopen("/proc/zoneinfo", "r");

	if (!f)
		return -1;
	snprintf(want, sizeof(want), "Node %d, zone %8s", node, zone);
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Node ", 5)) {
			in_zone = !strncmp(line, want, strlen(want));
			continue;
		}
		if (!in_zone)
			continue;
		if (!strcmp(field, "free") && sscanf(line, " pages free %ld", &v) == 1)
			ret = v;
		else if (sscanf(line, " %63s %ld", key, &v) == 2 && !strcmp(key, field))
			ret = v;
		if (ret >= 0)
			break;
	}
	fclose(f);
	return ret;
}

FIXTURE(fail) {
	int fd, family;
	struct counters before, after;
	uint64_t helper_before[4], helper_after[4];
	long hits_before;
	struct events evs;
	struct genl_result r;
};

FIXTURE_SETUP(fail)
{
	if (geteuid())
		SKIP(return, "must be run as root");
	if (access(HELPER "process", W_OK))
		SKIP(return, "memdiag_test_helper not loaded");
	self->fd = genl_open();
	ASSERT_LE(0, self->fd);
	self->family = genl_resolve(self->fd, MEMDIAG_FAMILY_NAME);
	if (self->family == -ENOENT)
		SKIP(return, "memdiag module not loaded");
	ASSERT_LT(0, self->family);
	ASSERT_EQ(0, set_rate_limit(self->fd, self->family, 1000));
	ASSERT_EQ(0, get_counters(self->fd, self->family, &self->before));
	ASSERT_EQ(0, helper_failed(self->helper_before));
	self->hits_before = tracefs_hits();
	ASSERT_LE(0, self->hits_before);
}

FIXTURE_TEARDOWN(fail)
{
	if (self->family > 0)
		set_rate_limit(self->fd, self->family, 1000);
	close(self->fd);
}

static uint64_t helper_delta(struct _test_data_fail *self)
{
	uint64_t d = 0;
	int i;

	for (i = 0; i < 4; i++)
		d += self->helper_after[i] - self->helper_before[i];
	return d;
}

/* After provoking: memdiag == helper == tracefs, and the sums add up. */
#define CHECK_ACCOUNTING(self) do {						\
	ASSERT_EQ(0, get_counters(self->fd, self->family, &self->after));	\
	ASSERT_EQ(0, helper_failed(self->helper_after));			\
	EXPECT_EQ(helper_delta(self), self->after.total - self->before.total);	\
	EXPECT_EQ(tracefs_hits() - self->hits_before,				\
		  (long)(self->after.total - self->before.total));		\
	EXPECT_EQ(self->after.total, self->after.recorded +			\
		  self->after.suppressed + self->after.lost);			\
} while (0)

TEST_F(fail, counters_exact_per_order_and_class)
{
	ASSERT_EQ(0, write_str(HELPER "process", "9 5"));
	ASSERT_EQ(0, write_str(HELPER "process", "8 3"));
	CHECK_ACCOUNTING(self);
	/* The helper's gfp mask: NOWARN, no direct reclaim (atomic class). */
	EXPECT_EQ(5, self->after.order[0][9][0] - self->before.order[0][9][0]);
	EXPECT_EQ(5, self->after.order[0][9][1] - self->before.order[0][9][1]);
	EXPECT_EQ(5, self->after.order[0][9][2] - self->before.order[0][9][2]);
	EXPECT_EQ(3, self->after.order[0][8][0] - self->before.order[0][8][0]);
	EXPECT_EQ(3, self->after.order[0][8][2] - self->before.order[0][8][2]);
	EXPECT_EQ(8, self->after.recorded - self->before.recorded);
}

TEST_F(fail, vmalloc_failures_by_size_bucket)
{
	ASSERT_EQ(0, write_str(HELPER "vmalloc", "2"));
	CHECK_ACCOUNTING(self);
	EXPECT_EQ(2, self->helper_after[3] - self->helper_before[3]);
	ASSERT_EQ(0, get_events(self->fd, self->family, self->before.next_seq,
				&self->evs, &self->r));
	ASSERT_EQ(2, self->evs.n);
	EXPECT_EQ(MEMDIAG_FAILURE_KIND_VMALLOC, self->evs.ev[0].kind);
	EXPECT_LT(0, self->evs.ev[0].size);
	/* The bucket is ceil(log2(pages)) of the size in the record. */
	EXPECT_EQ(1, self->after.order[1][self->evs.ev[0].order][0] -
		     self->before.order[1][self->evs.ev[0].order][0] >= 2);
}

TEST_F(fail, records_fields_and_zone_snapshot)
{
	struct event *e;
	long cma;
	int i, z;

	ASSERT_EQ(0, write_str(HELPER "process", "9 3"));
	CHECK_ACCOUNTING(self);
	ASSERT_EQ(0, get_events(self->fd, self->family, self->before.next_seq,
				&self->evs, &self->r));
	ASSERT_EQ(3, self->evs.n);
	for (i = 0; i < self->evs.n; i++) {
		e = &self->evs.ev[i];
		EXPECT_EQ(self->before.next_seq + i, e->seq);
		EXPECT_EQ(MEMDIAG_FAILURE_KIND_PAGE, e->kind);
		EXPECT_EQ(9, e->order);
		EXPECT_EQ(MEMDIAG_CLASS_NOWARN | MEMDIAG_CLASS_ATOMIC, e->class);
		EXPECT_NE(NULL, strstr(e->gfp_names, "__GFP_NOWARN"));
		EXPECT_EQ(MEMDIAG_CONTEXT_PROCESS, e->context);
		EXPECT_EQ(getpid(), e->tgid);
		EXPECT_STREQ("failures_test", e->comm);
		EXPECT_TRUE(e->stack_has_helper);
		ASSERT_LE(1, e->nr_zones);
		for (z = 0; z < e->nr_zones; z++) {
			struct zsnap *s = &e->zones[z];
			/*
			 * The records hold the watermarks without the boost
			 * (reported on its own); /proc/zoneinfo adds it. The
			 * boost comes and goes (fragmenting fallbacks raise
			 * it, kswapd drops it), the watermarks hold still.
			 */
			long boost = zoneinfo_field(s->node, s->name, "boost");
			long min;

			/* No boost line before 5.11 (5.10): the record's own. */
			if (boost < 0)
				boost = s->boost;
			min = zoneinfo_field(s->node, s->name, "min") - boost;

			/* Watermarks and managed pages hold still: exact. */
			EXPECT_EQ(min, (long)s->min);
			EXPECT_EQ(zoneinfo_field(s->node, s->name, "low") - boost,
				  (long)s->low);
			EXPECT_EQ(zoneinfo_field(s->node, s->name, "high") - boost,
				  (long)s->high);
			EXPECT_EQ(zoneinfo_field(s->node, s->name, "managed"),
				  (long)s->managed);
			EXPECT_LE(10, s->nr_blocks);
			EXPECT_GE(s->managed, s->free);
			/*
			 * Free CMA pages are part of free and lie in the
			 * zone's CMA area ("cma" in /proc/zoneinfo, none
			 * without CONFIG_CMA: then there are none).
			 */
			ASSERT_TRUE(s->has_free_cma);
			EXPECT_GE(s->free, s->free_cma);
			cma = zoneinfo_field(s->node, s->name, "cma");
			EXPECT_GE(cma < 0 ? 0 : cma, (long)s->free_cma);
		}
		/*
		 * The request failed, so in the last (preferred) zone the
		 * kernel's check (__zone_watermark_ok()) refused it: no free
		 * block of order >= 9 was left, or the watermark did (free
		 * CMA pages do not count for this unmovable request), or
		 * every such block may be a CMA one, which only movable
		 * requests may take: the free CMA pages could hold them all
		 * (a CMA block of order k holds 2^k of them). With no CMA
		 * (amd64: free_cma 0) the last holds only when big is 0.
		 */
		{
			struct zsnap *s = &e->zones[e->nr_zones - 1];
			uint64_t big = 0, bigpages = 0;
			int k;

			for (k = 9; k < s->nr_blocks; k++) {
				big += s->blocks[k];
				bigpages += s->blocks[k] << k;
			}
			EXPECT_TRUE(big == 0 ||
				    s->free - s->free_cma < s->min + s->boost + 512 ||
				    bigpages <= s->free_cma);
			TH_LOG("seq %lu zone %s free %lu min %lu free_cma %lu (now nr_free_cma %ld, cma %ld) blocks>=9 %lu (%lu pages)",
			       e->seq, s->name, s->free, s->min, s->free_cma,
			       zoneinfo_field(s->node, s->name, "nr_free_cma"),
			       zoneinfo_field(s->node, s->name, "cma"),
			       big, bigpages);
		}
	}
	/*
	 * After the helper gave its blocks back, free grew: the snapshot was
	 * taken while they were held.
	 */
	e = &self->evs.ev[0];
	{
		struct zsnap *s = &e->zones[e->nr_zones - 1];
		long now = zoneinfo_field(s->node, s->name, "free");

		EXPECT_LT((long)s->free, now);
	}
}

TEST_F(fail, contexts_softirq_and_hardirq)
{
	int i, soft = 0, hard = 0, proc = 0;

	ASSERT_EQ(0, write_str(HELPER "softirq", "9 4"));
	ASSERT_EQ(0, write_str(HELPER "hardirq", "9 4"));
	CHECK_ACCOUNTING(self);
	ASSERT_EQ(0, get_events(self->fd, self->family, self->before.next_seq,
				&self->evs, &self->r));
	ASSERT_EQ(8, self->evs.n);
	for (i = 0; i < self->evs.n; i++) {
		switch (self->evs.ev[i].context) {
		case MEMDIAG_CONTEXT_PROCESS:
			proc++;
			break;
		case MEMDIAG_CONTEXT_SOFTIRQ:
			soft++;
			break;
		case MEMDIAG_CONTEXT_HARDIRQ:
			hard++;
			break;
		}
		EXPECT_TRUE(self->evs.ev[i].stack_has_helper);
	}
	/* One exhausting failure in process context each, the rest deferred. */
	EXPECT_EQ(2, proc);
	EXPECT_EQ(3, soft);
	EXPECT_EQ(3, hard);
}

TEST_F(fail, rate_limit_accounting)
{
	uint64_t rec, sup;

	ASSERT_EQ(0, set_rate_limit(self->fd, self->family, 0));
	ASSERT_EQ(0, write_str(HELPER "process", "9 10"));
	CHECK_ACCOUNTING(self);
	EXPECT_EQ(0, self->after.recorded - self->before.recorded);
	EXPECT_EQ(10, self->after.suppressed - self->before.suppressed);

	self->before = self->after;
	ASSERT_EQ(0, helper_failed(self->helper_before));
	self->hits_before = tracefs_hits();
	ASSERT_EQ(0, set_rate_limit(self->fd, self->family, 3));
	ASSERT_EQ(0, write_str(HELPER "process", "9 10"));
	CHECK_ACCOUNTING(self);
	rec = self->after.recorded - self->before.recorded;
	sup = self->after.suppressed - self->before.suppressed;
	EXPECT_EQ(10, rec + sup + self->after.lost - self->before.lost);
	/* At most 3 a second; the burst may straddle one second boundary. */
	EXPECT_LE(3, rec);
	EXPECT_GE(6, rec);
}

TEST_F(fail, ring_overflow_accounting)
{
	struct genl_msg req;
	uint64_t reset_seq;
	int i;

	/* Start from an empty ring: RESET drops what it holds. */
	genl_init(&req, self->family, MEMDIAG_CMD_RESET, 1);
	ASSERT_EQ(0, genl_talk(self->fd, &req, &self->r));
	ASSERT_EQ(0, self->r.error);
	ASSERT_EQ(0, get_counters(self->fd, self->family, &self->before));
	EXPECT_EQ(0, self->before.total);
	EXPECT_EQ(0, self->before.recorded);
	reset_seq = self->before.next_seq;
	ASSERT_EQ(0, helper_failed(self->helper_before));
	self->hits_before = tracefs_hits();

	/* ring_size=16 (nl_failures.sh): 40 records push out 24. */
	ASSERT_EQ(0, write_str(HELPER "process", "9 40"));
	CHECK_ACCOUNTING(self);
	EXPECT_EQ(40, self->after.recorded);
	EXPECT_EQ(24, self->after.overwritten);
	ASSERT_EQ(0, get_events(self->fd, self->family, reset_seq,
				&self->evs, &self->r));
	ASSERT_EQ(16, self->evs.n);
	/* The reader is told how many it missed, once. */
	EXPECT_EQ(24, self->evs.ev[0].missed_before);
	for (i = 1; i < self->evs.n; i++)
		EXPECT_EQ(0, self->evs.ev[i].missed_before);
	EXPECT_EQ(reset_seq + 24, self->evs.ev[0].seq);
	EXPECT_EQ(self->after.next_seq - 1, self->evs.ev[15].seq);
}

TEST_F(fail, events_multicast_exactly_the_provoked)
{
	int mfd = genl_open(), grp, got = 0;
	uint64_t seqs[16];
	char buf[65536];

	ASSERT_LE(0, mfd);
	grp = genl_resolve_group(self->fd, MEMDIAG_FAMILY_NAME, MEMDIAG_MCGRP_EVENTS);
	ASSERT_LT(0, grp);
	ASSERT_EQ(0, setsockopt(mfd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
				&grp, sizeof(grp)));
	ASSERT_EQ(0, write_str(HELPER "process", "9 6"));
	CHECK_ACCOUNTING(self);
	/* Delivery is deferred to a work item: wait up to 5 s. */
	while (got < 16) {
		struct timeval tv = { .tv_sec = got < 6 ? 5 : 0, .tv_usec = 300000 };
		struct nlmsghdr *nlh;
		ssize_t n;

		setsockopt(mfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		n = recv(mfd, buf, sizeof(buf), 0);
		if (n <= 0)
			break;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			struct genlmsghdr *g = NLMSG_DATA(nlh);

			self->evs.n = 0;
			ASSERT_EQ(MEMDIAG_CMD_FAILURE_NTF, g->cmd);
			parse_event(nlh, &self->evs);
			seqs[got++] = self->evs.ev[0].seq;
		}
	}
	EXPECT_EQ(6, got);
	for (int i = 0; i < got && i < 6; i++)
		EXPECT_EQ(self->before.next_seq + i, seqs[i]);
	close(mfd);
}

/* In a child dropped to nobody: @cmd must be refused with EPERM. */
static int nobody_gets(int family, int cmd, int dump)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		static struct genl_result r;
		static struct genl_msg m;
		struct events *evs = calloc(1, sizeof(*evs));
		int fd;

		if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534))
			_exit(10);
		fd = genl_open();
		genl_init(&m, family, cmd, 1);
		if (dump)
			genl_dump(fd, &m, &r, parse_event, evs);
		else if (genl_talk(fd, &m, &r))
			_exit(11);
		_exit(r.error);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST_F(fail, unprivileged_access)
{
	EXPECT_EQ(0, nobody_gets(self->family, MEMDIAG_CMD_GET_COUNTERS, 0));
	EXPECT_EQ(EPERM, nobody_gets(self->family, MEMDIAG_CMD_GET_EVENTS, 1));
	EXPECT_EQ(EPERM, nobody_gets(self->family, MEMDIAG_CMD_RESET, 0));
}

TEST_HARNESS_MAIN
