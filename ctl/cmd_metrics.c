// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl metrics - every counter and gauge of the module in the
 * Prometheus text exposition format, for node_exporter's textfile
 * collector (see metrics.h for how it is built).
 *
 *   memdiagctl metrics                       print to stdout
 *   memdiagctl metrics -o DIR/memdiag.prom   write atomically: a temporary
 *                                            file in DIR, then rename()
 *
 * Conventions: HELP and TYPE for every family; base units (bytes, seconds:
 * pages are multiplied by the page size, CLOCK_BOOTTIME stamps dated on
 * the wall clock); counters end in _total; no timestamps (the textfile
 * collector refuses them). Label values are UTF-8: a byte that is not
 * printable UTF-8 (control characters, invalid sequences: cgroup paths and
 * device names may hold any byte) is written \xHH, as memdiagctl's text
 * output and systemd-escape write it; then '\' and '"' are escaped as the
 * format wants.
 *
 * Sources: GET_STATUS, GET_COUNTERS and GET_ZONES are open to all;
 * GET_SWAPOFF needs CAP_NET_ADMIN. A source that fails is left out, its
 * memdiag_collector_success is 0 and the others are still written, with
 * that failure's exit status; an admin-only source refused for want of
 * CAP_NET_ADMIN only earns a warning (exit status 0). Without the module
 * the output is "memdiag_up 0" (and exit status 3), so that a textfile
 * collector does not go on serving the numbers of a module since unloaded.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <netlink/genl/genl.h>
#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "metrics.h"
#include "compat.h"
#include "nl.h"
#include "output.h"
#include "proto.h"
#include "swapown.h"

/* ---- the metric families ------------------------------------------------- */

enum {
	M_UP, M_INFO, M_FEATURE_STATE, M_CONFIG_RATE_LIMIT,
	M_CONFIG_STACK_DEPTH, M_CONFIG_RING_SIZE, M_MODULE_MEMORY,
	M_LOAD_TIME, M_COLLECTOR_SUCCESS,
	/* GET_COUNTERS */
	M_FAILURES, M_FAILURE_LAST_TIME, M_FAILURES_BY_NODE,
	M_FAILURE_RECORDS, M_RING_OVERWRITTEN, M_KPROBE_MISSED,
	M_COUNTERS_RESET_TIME,
	/* GET_ZONES */
	M_ZONE_SPANNED, M_ZONE_PRESENT, M_ZONE_MANAGED, M_ZONE_FREE,
	M_ZONE_WATERMARK, M_ZONE_BOOST, M_ZONE_HIGHATOMIC, M_ZONE_FREE_CMA,
	M_ZONE_LOWMEM_RESERVE, M_ZONE_FREE_BLOCKS, M_ZONE_UNUSABLE,
	M_ZONE_EXTFRAG, M_ZONE_WATERMARK_OK,
	/* GET_SWAPOFF */
	M_SWAPOFF_ATTEMPTS, M_SWAPOFF_UNTRACKED, M_SWAPOFF_RECENT,
	M_SWAPOFF_RECENT_LAST_TIME,
	/* GET_SWAP */
	M_SWAP_SIZE, M_SWAP_USED, M_SWAP_SLOTS, M_SWAP_ANON_REFS,
	M_SWAP_CGROUP,
	M_SWAP_CGROUP_UNLISTED,
	/* GET_MM_COUNTERS */
	M_COMMIT_REJECTIONS, M_COMMIT_RECORDS, M_OOM_KILLS, M_OOM_RECORDS,
	/* New sources add their families here. */
	M__COUNT
};

#define G MD_M_GAUGE
#define C MD_M_COUNTER

const struct md_mfamily md_mfamilies[] = {
	[M_UP] = { "memdiag_up", G,
		"1 if the memdiag module answered, 0 if it is not loaded." },
	[M_INFO] = { "memdiag_info", G,
		"Always 1: module version, kernel release and netlink family version as labels." },
	[M_FEATURE_STATE] = { "memdiag_feature_state", G,
		"1 for the state each feature of the module is in (ok, disabled, unavailable, failed, degraded), 0 for the others." },
	[M_CONFIG_RATE_LIMIT] = { "memdiag_config_rate_limit", G,
		"Detailed failure records per second before failures are only counted (0: counters only)." },
	[M_CONFIG_STACK_DEPTH] = { "memdiag_config_stack_depth", G,
		"Kernel stack frames saved per failure record." },
	[M_CONFIG_RING_SIZE] = { "memdiag_config_ring_size", G,
		"Failure records the ring holds." },
	[M_MODULE_MEMORY] = { "memdiag_module_memory_bytes", G,
		"Memory the module has allocated for itself." },
	[M_LOAD_TIME] = { "memdiag_load_timestamp_seconds", G,
		"When the module finished loading, seconds since the epoch (counters start from 0 then)." },
	[M_COLLECTOR_SUCCESS] = { "memdiag_collector_success", G,
		"1 if the module answered this collector's netlink command, 0 if not (GET_SWAPOFF needs CAP_NET_ADMIN)." },

	[M_FAILURES] = { "memdiag_allocation_failures_total", C,
		"Failed allocations by allocator (kind), order (page order; for vmalloc ceil(log2(pages))) and class: nowarn (__GFP_NOWARN: the caller has a fallback), atomic (no direct reclaim). NOWARN failures are included, the kernel log shows none of them." },
	[M_FAILURE_LAST_TIME] = { "memdiag_allocation_failure_last_timestamp_seconds", G,
		"When the latest failure of this kind and order happened, seconds since the epoch." },
	[M_FAILURES_BY_NODE] = { "memdiag_allocation_failures_by_node_total", C,
		"Failed allocations by the NUMA node of the CPU they ran on." },
	[M_FAILURE_RECORDS] = { "memdiag_allocation_failure_records_total", C,
		"Failed allocations by what became of their detailed record: recorded in the ring, suppressed over the rate limit, or lost (ring slot busy). The three add up to all failures." },
	[M_RING_OVERWRITTEN] = { "memdiag_ring_overwritten_total", C,
		"Failure records pushed out of the ring by newer ones before anyone read them or not." },
	[M_KPROBE_MISSED] = { "memdiag_kprobe_missed_total", C,
		"warn_alloc() calls the kprobe could not see (the kprobe's nmissed)." },
	[M_COUNTERS_RESET_TIME] = { "memdiag_counters_reset_timestamp_seconds", G,
		"When the failure counters were last zeroed (memdiagctl reset, or the load), seconds since the epoch." },

	[M_ZONE_SPANNED] = { "memdiag_zone_spanned_bytes", G,
		"Memory the zone spans, holes included (/proc/zoneinfo spanned)." },
	[M_ZONE_PRESENT] = { "memdiag_zone_present_bytes", G,
		"Memory present in the zone (/proc/zoneinfo present)." },
	[M_ZONE_MANAGED] = { "memdiag_zone_managed_bytes", G,
		"Memory the page allocator manages in the zone (/proc/zoneinfo managed)." },
	[M_ZONE_FREE] = { "memdiag_zone_free_bytes", G,
		"Free memory in the zone (NR_FREE_PAGES)." },
	[M_ZONE_WATERMARK] = { "memdiag_zone_watermark_bytes", G,
		"The zone's watermarks, boost included, as /proc/zoneinfo shows them (promo only where the kernel has one)." },
	[M_ZONE_BOOST] = { "memdiag_zone_watermark_boost_bytes", G,
		"Temporary watermark boost after fragmenting events (watermark_boost)." },
	[M_ZONE_HIGHATOMIC] = { "memdiag_zone_highatomic_reserve_bytes", G,
		"Memory reserved for high-order atomic allocations (nr_reserved_highatomic)." },
	[M_ZONE_FREE_CMA] = { "memdiag_zone_free_cma_bytes", G,
		"Free CMA memory in the zone (NR_FREE_CMA_PAGES)." },
	[M_ZONE_LOWMEM_RESERVE] = { "memdiag_zone_lowmem_reserve_bytes", G,
		"Memory the zone keeps back from requests whose highest usable zone has index request_zone (/proc/zoneinfo protection)." },
	[M_ZONE_FREE_BLOCKS] = { "memdiag_zone_free_blocks", G,
		"Free blocks of this order in the zone (/proc/buddyinfo)." },
	[M_ZONE_UNUSABLE] = { "memdiag_zone_unusable_free_ratio", G,
		"Unusable free space index: the share of free memory in blocks too small for this order (debugfs extfrag/unusable_index)." },
	[M_ZONE_EXTFRAG] = { "memdiag_zone_fragmentation_index", G,
		"Fragmentation index for this order (debugfs extfrag/extfrag_index): towards 0 a failure would be for lack of memory, towards 1 for fragmentation; -1 an allocation would succeed." },
	[M_ZONE_WATERMARK_OK] = { "memdiag_zone_watermark_ok", G,
		"1 if an allocation of this order by this gfp class passes the page allocator's check against this watermark now, 0 if not (below it, or no free block of the order the class may use)." },

	[M_SWAPOFF_ATTEMPTS] = { "memdiag_swapoff_attempts_total", C,
		"swapoff calls that finished since the module was loaded, whatever their result." },
	[M_SWAPOFF_UNTRACKED] = { "memdiag_swapoff_untracked_total", C,
		"swapoff calls not followed because too many ran at once." },
	[M_SWAPOFF_RECENT] = { "memdiag_swapoff_recent_attempts", G,
		"Of the last swapoff attempts the module keeps (up to 64), those on this device with this result (0, an errno name or the kernel's ERESTARTSYS, ...) and cause (success, refused, commit, memcg, nomem-other, signal, oom-victim)." },
	[M_SWAPOFF_RECENT_LAST_TIME] = { "memdiag_swapoff_recent_attempt_last_timestamp_seconds", G,
		"When the latest of those attempts started, seconds since the epoch." },

	[M_SWAP_SIZE] = { "memdiag_swap_area_size_bytes", G,
		"Usable size of each active swap area (/proc/swaps Size)." },
	[M_SWAP_USED] = { "memdiag_swap_area_used_bytes", G,
		"Swap slots in use on each area, as the module found them in its slot map (/proc/swaps Used)." },
	[M_SWAP_SLOTS] = { "memdiag_swap_area_slots", G,
		"Slots in use on each area by owner kind: anon (referenced from page tables), shmem (shmem, tmpfs, SysV shm), cache_only (the swap cache alone, or reserved), bad." },
	[M_SWAP_ANON_REFS] = { "memdiag_swap_area_anon_references", G,
		"Page table references to the anon slots of each area (a slot shared by a parent and a child after fork counts twice)." },
	[M_SWAP_CGROUP] = { "memdiag_swap_cgroup_bytes", G,
		"Swap each memory cgroup owns on each area, from the kernel's per-slot cgroup record (cgroup: its path, \"\" once removed; memcg_id: the kernel's memory cgroup id, 0 for slots without a record)." },
	[M_SWAP_CGROUP_UNLISTED] = { "memdiag_swap_cgroup_unlisted_bytes", G,
		"Swap of the memory cgroups beyond the 4096 listed per area, which memdiag_swap_cgroup_bytes leaves out." },

	[M_COMMIT_REJECTIONS] = { "memdiag_commit_rejections_total", C,
		"Commit-accounting rejections (a failed __vm_enough_memory(): mmap, brk, mremap, shmem or swapoff refused with ENOMEM) since the module was loaded." },
	[M_COMMIT_RECORDS] = { "memdiag_commit_rejection_records_total", C,
		"Commit rejections by what became of their record: recorded, suppressed or lost. The three add up to all rejections." },
	[M_OOM_KILLS] = { "memdiag_oom_kills_total", C,
		"OOM kills (oom_kill_process()) since the module was loaded, global and memory cgroup ones alike." },
	[M_OOM_RECORDS] = { "memdiag_oom_kill_records_total", C,
		"OOM kills by what became of their record: recorded, suppressed or lost. The three add up to all kills." },
};

#undef G
#undef C

const size_t md_nr_mfamilies = ARRAY_SIZE(md_mfamilies);

/* ---- samples ------------------------------------------------------------- */

/*
 * A label value as the exposition format wants it, malloc'ed: bytes that
 * are not printable UTF-8 as \xHH (md_escape_dup()), then '\' and '"'
 * escaped. No newline is left to escape.
 */
char *md_prom_label_escape(const char *s)
{
	char *e = md_escape_dup(s), *out, *q;
	const char *p;

	if (!e)
		return NULL;
	out = malloc(2 * strlen(e) + 1);
	if (out) {
		for (p = e, q = out; *p; p++) {
			if (*p == '\\' || *p == '"')
				*q++ = '\\';
			*q++ = *p;
		}
		*q = '\0';
	}
	free(e);
	return out;
}

static int md_prom_vadd(struct md_prom *p, int fam, const char *value,
			va_list ap)
{
	const char *name, *val;
	char *labels = NULL, *v = NULL;
	bool first = true;
	size_t len = 0;
	FILE *f;

	if (p->err)
		return p->err;
	f = open_memstream(&labels, &len);
	if (!f)
		goto nomem;
	while ((name = va_arg(ap, const char *))) {
		char *e;

		val = va_arg(ap, const char *);
		e = md_prom_label_escape(val ? val : "");
		if (!e) {
			fclose(f);
			goto nomem;
		}
		fprintf(f, "%s%s=\"%s\"", first ? "" : ",", name, e);
		first = false;
		free(e);
	}
	if (fclose(f) || !labels)
		goto nomem;
	v = strdup(value);
	if (!v)
		goto nomem;
	if (md_grow(&p->v, p->n, &p->cap, sizeof(*p->v), 64))
		goto nomem;
	p->v[p->n++] = (struct md_msample){ fam, labels, v };
	return 0;
nomem:
	free(labels);
	free(v);
	p->err = -ENOMEM;
	return p->err;
}

/* A sample of family @fam: @value, then label name/value pairs, NULL. */
int md_prom_add(struct md_prom *p, int fam, const char *value, ...)
{
	va_list ap;
	int ret;

	va_start(ap, value);
	ret = md_prom_vadd(p, fam, value, ap);
	va_end(ap);
	return ret;
}

int md_prom_u64(struct md_prom *p, int fam, uint64_t v, ...)
{
	char buf[24];
	va_list ap;
	int ret;

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	va_start(ap, v);
	ret = md_prom_vadd(p, fam, buf, ap);
	va_end(ap);
	return ret;
}

/* Nanoseconds as seconds, exactly: "12.000000345". */
static const char *md_ns_str(char *buf, size_t size, uint64_t ns)
{
	snprintf(buf, size, "%" PRIu64 ".%09" PRIu64, ns / 1000000000,
		 ns % 1000000000);
	return buf;
}

/* A CLOCK_BOOTTIME stamp on the wall clock, in seconds since the epoch. */
static const char *md_boot_to_real(const struct md_prom *p, char *buf,
				   size_t size, uint64_t boot_ns)
{
	uint64_t ago = p->now_boot_ns > boot_ns ? p->now_boot_ns - boot_ns : 0;

	return md_ns_str(buf, size, p->now_real_ns > ago ?
				    p->now_real_ns - ago : 0);
}

/* x1000 fixed point as a decimal: -1000 -> "-1.000". */
static const char *md_milli_str(char *buf, size_t size, int64_t v)
{
	snprintf(buf, size, "%s%" PRId64 ".%03" PRId64, v < 0 ? "-" : "",
		 (v < 0 ? -v : v) / 1000, (v < 0 ? -v : v) % 1000);
	return buf;
}

void md_prom_collector(struct md_prom *p, const char *name, bool ok)
{
	md_prom_u64(p, M_COLLECTOR_SUCCESS, ok, "collector", name, NULL);
}

/* Help text as the format wants it: '\' and newline escaped. */
static void md_prom_help(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", out);
		else if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
}

/* Every family with samples, in table order, its samples together. */
int md_prom_write(const struct md_prom *p, FILE *out)
{
	size_t f, i;

	if (p->err)
		return p->err;
	for (f = 0; f < md_nr_mfamilies; f++) {
		const struct md_mfamily *mf = &md_mfamilies[f];
		bool any = false;

		for (i = 0; i < p->n; i++) {
			const struct md_msample *s = &p->v[i];

			if (s->fam != (int)f)
				continue;
			if (!any) {
				fprintf(out, "# HELP %s ", mf->name);
				md_prom_help(out, mf->help);
				fprintf(out, "\n# TYPE %s %s\n", mf->name,
					mf->type == MD_M_COUNTER ? "counter" :
								   "gauge");
				any = true;
			}
			if (*s->labels)
				fprintf(out, "%s{%s} %s\n", mf->name, s->labels,
					s->value);
			else
				fprintf(out, "%s %s\n", mf->name, s->value);
		}
	}
	return ferror(out) ? -EIO : 0;
}

void md_prom_free(struct md_prom *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].labels);
		free(p->v[i].value);
	}
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

/* Each attribute of reply message @nlh, once genlmsg_valid_hdr() said yes. */
#define md_m_for_each_attr(a, nlh, rem)					\
	nla_for_each_attr(a, genlmsg_attrdata(genlmsg_hdr(nlh), 0),	\
			  genlmsg_attrlen(genlmsg_hdr(nlh), 0), rem)

/* ---- GET_STATUS ---------------------------------------------------------- */

static int md_m_status(struct md_prom *p, struct nlmsghdr *nlh, void *state)
{
	static const char *const states[] = {
		"ok", "disabled", "unavailable", "failed", "degraded",
	};
	struct md_status st;
	char fv[16], t[32];
	size_t i, s;
	int ret;

	(void)state;
	ret = md_status_parse(nlh, &st);
	if (ret)
		return ret;
	snprintf(fv, sizeof(fv), "%u", st.family_version);
	md_prom_add(p, M_INFO, "1", "version", st.version ? st.version : "",
		    "kernel", st.kernel_release ? st.kernel_release : "",
		    "family_version",
		    st.present & MD_ST_FAMILY_VERSION ? fv : "", NULL);
	for (i = 0; i < st.nr_features; i++) {
		const struct md_feature *f = &st.features[i];
		char idbuf[16];
		const char *name = f->name;

		if (!name) {
			snprintf(idbuf, sizeof(idbuf), "%u", f->id);
			name = idbuf;
		}
		for (s = 0; s < ARRAY_SIZE(states) && f->has_state; s++)
			md_prom_u64(p, M_FEATURE_STATE, f->state == s,
				    "feature", name, "state", states[s], NULL);
		if (f->has_id && f->has_state && f->id < 32) {
			p->features_seen |= 1u << f->id;
			if (f->state == MEMDIAG_FEATURE_STATE_OK ||
			    f->state == MEMDIAG_FEATURE_STATE_DEGRADED)
				p->features_on |= 1u << f->id;
		}
	}
	if (st.present & MD_ST_CONFIG) {
		const struct md_config *c = &st.config;

		if (c->present & MD_CFG_RATE_LIMIT)
			md_prom_u64(p, M_CONFIG_RATE_LIMIT, c->rate_limit, NULL);
		if (c->present & MD_CFG_STACK_DEPTH)
			md_prom_u64(p, M_CONFIG_STACK_DEPTH, c->stack_depth, NULL);
		if (c->present & MD_CFG_RING_SIZE)
			md_prom_u64(p, M_CONFIG_RING_SIZE, c->ring_size, NULL);
	}
	if (st.present & MD_ST_MEM_BYTES)
		md_prom_u64(p, M_MODULE_MEMORY, st.mem_bytes, NULL);
	if (st.present & MD_ST_LOADED_NS)
		md_prom_add(p, M_LOAD_TIME,
			    md_boot_to_real(p, t, sizeof(t), st.loaded_ns), NULL);
	md_status_free(&st);
	return p->err;
}

/* ---- GET_COUNTERS -------------------------------------------------------- */

static int md_m_counters(struct md_prom *p, struct nlmsghdr *nlh, void *state)
{
	struct md_counters c;
	char order[16], t[32], node[16];
	size_t i;
	int ret;

	(void)state;
	ret = md_counters_parse(nlh, &c);
	if (ret)
		return ret;
	for (i = 0; i < c.nr_orders; i++) {
		const struct md_order_count *oc = &c.orders[i];
		const char *kind = md_kind_name(oc->kind);
		char kbuf[24];
		uint64_t both = oc->nowarn_atomic;
		uint64_t nw = oc->nowarn > both ? oc->nowarn - both : 0;
		uint64_t at = oc->atomic > both ? oc->atomic - both : 0;
		uint64_t neither = oc->count > nw + at + both ?
				   oc->count - nw - at - both : 0;

		if (!kind) {
			snprintf(kbuf, sizeof(kbuf), "unknown(%u)", oc->kind);
			kind = kbuf;
		}
		snprintf(order, sizeof(order), "%u", oc->order);
		/* Four disjoint classes: they add up to the bucket's count. */
		md_prom_u64(p, M_FAILURES, neither, "kind", kind, "order", order,
			    "nowarn", "false", "atomic", "false", NULL);
		md_prom_u64(p, M_FAILURES, nw, "kind", kind, "order", order,
			    "nowarn", "true", "atomic", "false", NULL);
		md_prom_u64(p, M_FAILURES, at, "kind", kind, "order", order,
			    "nowarn", "false", "atomic", "true", NULL);
		md_prom_u64(p, M_FAILURES, both, "kind", kind, "order", order,
			    "nowarn", "true", "atomic", "true", NULL);
		if (MD_HAS(oc->present, MEMDIAG_A_ORDER_COUNT_LAST_REAL_NS))
			md_prom_add(p, M_FAILURE_LAST_TIME,
				    md_ns_str(t, sizeof(t), oc->last_real_ns),
				    "kind", kind, "order", order, NULL);
	}
	for (i = 0; i < c.nr_nodes; i++) {
		snprintf(node, sizeof(node), "%u", c.nodes[i].node);
		md_prom_u64(p, M_FAILURES_BY_NODE, c.nodes[i].count,
			    "node", node, NULL);
	}
#define HAS(a) MD_HAS(c.present, MEMDIAG_A_COUNTERS_##a)
	if (HAS(RECORDED))
		md_prom_u64(p, M_FAILURE_RECORDS, c.recorded,
			    "outcome", "recorded", NULL);
	if (HAS(SUPPRESSED))
		md_prom_u64(p, M_FAILURE_RECORDS, c.suppressed,
			    "outcome", "suppressed", NULL);
	if (HAS(LOST))
		md_prom_u64(p, M_FAILURE_RECORDS, c.lost, "outcome", "lost",
			    NULL);
	if (HAS(OVERWRITTEN))
		md_prom_u64(p, M_RING_OVERWRITTEN, c.overwritten, NULL);
	if (HAS(MISSED))
		md_prom_u64(p, M_KPROBE_MISSED, c.missed, NULL);
	if (HAS(RESET_NS))
		md_prom_add(p, M_COUNTERS_RESET_TIME,
			    md_boot_to_real(p, t, sizeof(t), c.reset_ns), NULL);
#undef HAS
	md_counters_free(&c);
	return p->err;
}

/* ---- GET_ZONES ----------------------------------------------------------- */

/* The zone's u64 attributes that are one sample each (pages). */
static const struct {
	int attr;
	int fam;
	const char *watermark;	/* M_ZONE_WATERMARK's label */
} md_zone_pages[] = {
	{ MEMDIAG_A_ZONE_SPANNED, M_ZONE_SPANNED, NULL },
	{ MEMDIAG_A_ZONE_PRESENT, M_ZONE_PRESENT, NULL },
	{ MEMDIAG_A_ZONE_MANAGED, M_ZONE_MANAGED, NULL },
	{ MEMDIAG_A_ZONE_FREE, M_ZONE_FREE, NULL },
	{ MEMDIAG_A_ZONE_MIN, M_ZONE_WATERMARK, "min" },
	{ MEMDIAG_A_ZONE_LOW, M_ZONE_WATERMARK, "low" },
	{ MEMDIAG_A_ZONE_HIGH, M_ZONE_WATERMARK, "high" },
	{ MEMDIAG_A_ZONE_PROMO, M_ZONE_WATERMARK, "promo" },
	{ MEMDIAG_A_ZONE_BOOST, M_ZONE_BOOST, NULL },
	{ MEMDIAG_A_ZONE_HIGHATOMIC, M_ZONE_HIGHATOMIC, NULL },
	{ MEMDIAG_A_ZONE_FREE_CMA, M_ZONE_FREE_CMA, NULL },
};

static void md_m_zone_order(struct md_prom *p, struct nlattr *nest,
			    const char *node, const char *zone)
{
	static const char *const classes[] = {
		[MEMDIAG_GFP_CLASS_KERNEL] = "kernel",
		[MEMDIAG_GFP_CLASS_ATOMIC] = "atomic",
		[MEMDIAG_GFP_CLASS_HIGHUSER_MOVABLE] = "highuser_movable",
	};
	static const char *const wmarks[] = { "min", "low", "high" };
	struct nlattr *tb[MEMDIAG_A_ZONE_ORDER_MAX + 1] = { NULL };
	struct nlattr *a, *b;
	char order[16], buf[32];
	int rem, rem2, i;

	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) <= MEMDIAG_A_ZONE_ORDER_MAX &&
		    nla_type(a) != MEMDIAG_A_ZONE_ORDER_CHECK &&
		    nla_type(a) != MEMDIAG_A_ZONE_ORDER_TYPE_FREE)
			tb[nla_type(a)] = a;
	if (!tb[MEMDIAG_A_ZONE_ORDER_ORDER])
		return;
	snprintf(order, sizeof(order), "%u",
		 nla_get_u32(tb[MEMDIAG_A_ZONE_ORDER_ORDER]));
	if (tb[MEMDIAG_A_ZONE_ORDER_FREE_BLOCKS])
		md_prom_u64(p, M_ZONE_FREE_BLOCKS,
			    nla_get_u64(tb[MEMDIAG_A_ZONE_ORDER_FREE_BLOCKS]),
			    "node", node, "zone", zone, "order", order, NULL);
	if (tb[MEMDIAG_A_ZONE_ORDER_UNUSABLE_INDEX])
		md_prom_add(p, M_ZONE_UNUSABLE, md_milli_str(buf, sizeof(buf),
			    nla_get_u32(tb[MEMDIAG_A_ZONE_ORDER_UNUSABLE_INDEX])),
			    "node", node, "zone", zone, "order", order, NULL);
	if (tb[MEMDIAG_A_ZONE_ORDER_EXTFRAG_INDEX])
		md_prom_add(p, M_ZONE_EXTFRAG, md_milli_str(buf, sizeof(buf),
			    (int32_t)nla_get_u32(tb[MEMDIAG_A_ZONE_ORDER_EXTFRAG_INDEX])),
			    "node", node, "zone", zone, "order", order, NULL);
	nla_for_each_nested(a, nest, rem) {
		uint32_t v[MEMDIAG_A_ZONE_CHECK_MAX + 1];
		bool seen[MEMDIAG_A_ZONE_CHECK_MAX + 1] = { false };

		if (nla_type(a) != MEMDIAG_A_ZONE_ORDER_CHECK)
			continue;
		nla_for_each_nested(b, a, rem2)
			if (nla_type(b) <= MEMDIAG_A_ZONE_CHECK_MAX &&
			    nla_len(b) >= 4) {
				v[nla_type(b)] = nla_get_u32(b);
				seen[nla_type(b)] = true;
			}
		if (!seen[MEMDIAG_A_ZONE_CHECK_CLASS] ||
		    v[MEMDIAG_A_ZONE_CHECK_CLASS] >= ARRAY_SIZE(classes))
			continue;
		for (i = 0; i < 3; i++) {
			int attr = MEMDIAG_A_ZONE_CHECK_MIN + i;

			if (seen[attr])
				md_prom_u64(p, M_ZONE_WATERMARK_OK,
					    v[attr] == MEMDIAG_WMARK_VERDICT_OK,
					    "node", node, "zone", zone,
					    "order", order, "gfp_class",
					    classes[v[MEMDIAG_A_ZONE_CHECK_CLASS]],
					    "watermark", wmarks[i], NULL);
		}
	}
}

static int md_m_zone(struct md_prom *p, struct nlmsghdr *nlh, void *state)
{
	struct nlattr *tb[MEMDIAG_A_ZONE_MAX + 1] = { NULL };
	char node[16], zone[32], rz[16];
	struct nlattr *a;
	unsigned int nres = 0;
	int rem;
	size_t i;

	(void)state;
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EBADMSG;
	md_m_for_each_attr(a, nlh, rem)
		if (nla_type(a) <= MEMDIAG_A_ZONE_MAX)
			tb[nla_type(a)] = a;
	if (!tb[MEMDIAG_A_ZONE_NODE] || !tb[MEMDIAG_A_ZONE_NAME])
		return -EBADMSG;
	snprintf(node, sizeof(node), "%u", nla_get_u32(tb[MEMDIAG_A_ZONE_NODE]));
	md_nla_str(zone, sizeof(zone), tb[MEMDIAG_A_ZONE_NAME]);
	for (i = 0; i < ARRAY_SIZE(md_zone_pages); i++) {
		struct nlattr *v = tb[md_zone_pages[i].attr];
		uint64_t bytes;

		if (!v || nla_len(v) < 8)
			continue;
		bytes = nla_get_u64(v) * p->page_size;
		if (md_zone_pages[i].watermark)
			md_prom_u64(p, md_zone_pages[i].fam, bytes, "node", node,
				    "zone", zone, "watermark",
				    md_zone_pages[i].watermark, NULL);
		else
			md_prom_u64(p, md_zone_pages[i].fam, bytes, "node", node,
				    "zone", zone, NULL);
	}
	md_m_for_each_attr(a, nlh, rem) {
		if (nla_type(a) == MEMDIAG_A_ZONE_LOWMEM_RESERVE &&
		    nla_len(a) >= 8) {
			snprintf(rz, sizeof(rz), "%u", nres++);
			md_prom_u64(p, M_ZONE_LOWMEM_RESERVE,
				    nla_get_u64(a) * p->page_size, "node", node,
				    "zone", zone, "request_zone", rz, NULL);
		} else if (nla_type(a) == MEMDIAG_A_ZONE_ORDER) {
			md_m_zone_order(p, a, node, zone);
		}
	}
	return p->err;
}

/* ---- GET_SWAPOFF --------------------------------------------------------- */

#define MD_M_SWAPOFF_KEYS 64

/* Attempts kept by the module, grouped by device, result and cause. */
struct md_m_swapoff {
	uint64_t last_seq, untracked;
	bool has_untracked;
	size_t n;
	struct {
		char device[256];
		int32_t result;
		uint32_t cause;
		uint64_t count, last_real_ns;
	} keys[MD_M_SWAPOFF_KEYS];
};

static const char *md_m_cause_name(uint32_t c, char *buf, size_t size)
{
	const char *name = md_swapoff_cause_name(c);

	if (name)
		return name;
	snprintf(buf, size, "unknown(%u)", c);
	return buf;
}

static const char *md_m_result_name(int32_t r, char *buf, size_t size)
{
	const char *name = r < 0 ? strerrorname_np(-r) : NULL;

	if (!name)
		name = md_kernel_errno_name(r);
	if (name)
		return name;
	snprintf(buf, size, "%d", r);
	return buf;
}

static int md_m_swapoff(struct md_prom *p, struct nlmsghdr *nlh, void *state)
{
	struct md_m_swapoff *s = state;
	char device[256] = "";
	uint64_t seq = 0, real_ns = 0;
	int32_t result = 0;
	uint32_t cause = 0;
	struct nlattr *a;
	size_t i;
	int rem;

	(void)p;
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EBADMSG;
	md_m_for_each_attr(a, nlh, rem) {
		switch (nla_type(a)) {
		case MEMDIAG_A_SWAPOFF_SEQ:
			seq = nla_get_u64(a);
			break;
		case MEMDIAG_A_SWAPOFF_START_REAL_NS:
			real_ns = nla_get_u64(a);
			break;
		case MEMDIAG_A_SWAPOFF_PATH:
			md_nla_str(device, sizeof(device), a);
			break;
		case MEMDIAG_A_SWAPOFF_RESULT:
			result = (int32_t)nla_get_u32(a);
			break;
		case MEMDIAG_A_SWAPOFF_CAUSE:
			cause = nla_get_u32(a);
			break;
		case MEMDIAG_A_SWAPOFF_UNTRACKED:
			s->untracked = nla_get_u64(a);
			s->has_untracked = true;
			break;
		}
	}
	if (seq > s->last_seq)
		s->last_seq = seq;
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->keys[i].device, device) &&
		    s->keys[i].result == result && s->keys[i].cause == cause)
			break;
	if (i == s->n) {
		if (s->n == MD_M_SWAPOFF_KEYS)
			return 0;	/* the ring holds 64: cannot happen */
		s->n++;
		memcpy(s->keys[i].device, device, sizeof(device));
		s->keys[i].result = result;
		s->keys[i].cause = cause;
	}
	s->keys[i].count++;
	if (real_ns > s->keys[i].last_real_ns)
		s->keys[i].last_real_ns = real_ns;
	return 0;
}

static int md_m_swapoff_end(struct md_prom *p, void *state)
{
	struct md_m_swapoff *s = state;
	char cbuf[32], rbuf[16], t[32];
	size_t i;

	/* Not followed at all (no probe): no numbers rather than zeros. */
	if ((p->features_seen & ~p->features_on) &
	    (1u << MEMDIAG_FEATURE_ID_SWAPOFF))
		return 0;
	/* Sequence numbers count every finished call from 1 at load. */
	md_prom_u64(p, M_SWAPOFF_ATTEMPTS, s->last_seq, NULL);
	if (s->has_untracked)
		md_prom_u64(p, M_SWAPOFF_UNTRACKED, s->untracked, NULL);
	for (i = 0; i < s->n; i++) {
		const char *cause = md_m_cause_name(s->keys[i].cause, cbuf,
						    sizeof(cbuf));
		const char *result = md_m_result_name(s->keys[i].result, rbuf,
						      sizeof(rbuf));

		md_prom_u64(p, M_SWAPOFF_RECENT, s->keys[i].count,
			    "device", s->keys[i].device, "result", result,
			    "cause", cause, NULL);
		md_prom_add(p, M_SWAPOFF_RECENT_LAST_TIME,
			    md_ns_str(t, sizeof(t), s->keys[i].last_real_ns),
			    "device", s->keys[i].device, "result", result,
			    "cause", cause, NULL);
	}
	return p->err;
}

/*
 * GET_SWAP: each message into the areas as swap owners decodes them
 * (swapown.c), the samples at the end.
 */
static int md_m_swap(struct md_prom *p, struct nlmsghdr *nlh, void *state)
{
	(void)p;
	return md_swap_reply_parse(nlh, state);
}

/* An area's samples: those of the attributes the kernel sent. */
static void md_m_swap_area(struct md_prom *p, const struct md_swap_area *a)
{
	const struct {
		int attr;
		const char *kind;
		uint64_t slots;
	} kinds[] = {
		{ MEMDIAG_A_SWAP_SLOTS_ANON, "anon", a->anon },
		{ MEMDIAG_A_SWAP_SLOTS_SHMEM, "shmem", a->shmem },
		{ MEMDIAG_A_SWAP_SLOTS_CACHE_ONLY, "cache_only", a->cache_only },
		{ MEMDIAG_A_SWAP_SLOTS_BAD, "bad", a->slots_bad },
	};
	const char *dev = a->path;
	size_t i;

#define HAS(x) MD_HAS(a->present, MEMDIAG_A_SWAP_##x)
	if (HAS(PAGES))
		md_prom_u64(p, M_SWAP_SIZE, a->pages * p->page_size,
			    "device", dev, NULL);
	if (HAS(SLOTS_USED))
		md_prom_u64(p, M_SWAP_USED, a->used * p->page_size,
			    "device", dev, NULL);
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (MD_HAS(a->present, kinds[i].attr))
			md_prom_u64(p, M_SWAP_SLOTS, kinds[i].slots,
				    "device", dev, "kind", kinds[i].kind, NULL);
	if (HAS(ANON_REFS))
		md_prom_u64(p, M_SWAP_ANON_REFS, a->refs, "device", dev, NULL);
	if (HAS(SLOTS_MEMCG_NONE))
		md_prom_u64(p, M_SWAP_CGROUP, a->memcg_none * p->page_size,
			    "device", dev, "cgroup", "", "memcg_id", "0", NULL);
	if (HAS(SLOTS_MEMCG_OTHER))
		md_prom_u64(p, M_SWAP_CGROUP_UNLISTED,
			    a->memcg_other_slots * p->page_size, "device", dev, NULL);
#undef HAS
	/*
	 * The id keeps each series unique: removed cgroups have no path, and
	 * an offline cgroup can share its path with the one that replaced it.
	 */
	for (i = 0; i < a->ncgs; i++) {
		char id[16];

		snprintf(id, sizeof(id), "%u", a->cgs[i].id);
		md_prom_u64(p, M_SWAP_CGROUP, a->cgs[i].slots * p->page_size,
			    "device", dev, "cgroup",
			    a->cgs[i].path ? a->cgs[i].path : "",
			    "memcg_id", id, NULL);
	}
}

static int md_m_swap_end(struct md_prom *p, void *state)
{
	struct md_swap_areas *as = state;
	size_t i;

	for (i = 0; i < as->n; i++)
		md_m_swap_area(p, &as->v[i]);
	return p->err;
}

static void md_m_swap_release(void *state)
{
	md_swap_areas_free(state);
}

/* GET_MM_COUNTERS: commit rejections and OOM kills, counted. */
static int md_m_mm_counters(struct md_prom *p, struct nlmsghdr *nlh, void *state)
{
	static const struct {
		int attr, fam;
		const char *what;
	} m[] = {
		{ MEMDIAG_A_MM_COUNTERS_COMMIT_TOTAL, M_COMMIT_REJECTIONS, NULL },
		{ MEMDIAG_A_MM_COUNTERS_COMMIT_RECORDED, M_COMMIT_RECORDS, "recorded" },
		{ MEMDIAG_A_MM_COUNTERS_COMMIT_SUPPRESSED, M_COMMIT_RECORDS, "suppressed" },
		{ MEMDIAG_A_MM_COUNTERS_COMMIT_LOST, M_COMMIT_RECORDS, "lost" },
		{ MEMDIAG_A_MM_COUNTERS_OOM_TOTAL, M_OOM_KILLS, NULL },
		{ MEMDIAG_A_MM_COUNTERS_OOM_RECORDED, M_OOM_RECORDS, "recorded" },
		{ MEMDIAG_A_MM_COUNTERS_OOM_SUPPRESSED, M_OOM_RECORDS, "suppressed" },
		{ MEMDIAG_A_MM_COUNTERS_OOM_LOST, M_OOM_RECORDS, "lost" },
	};
	struct nlattr *a;
	size_t i;
	int rem;

	(void)state;
	if (!genlmsg_valid_hdr(nlh, 0))
		return -EBADMSG;
	md_m_for_each_attr(a, nlh, rem)
		for (i = 0; i < ARRAY_SIZE(m); i++) {
			if (nla_type(a) != m[i].attr)
				continue;
			if (m[i].what)
				md_prom_u64(p, m[i].fam, nla_get_u64(a),
					    "outcome", m[i].what, NULL);
			else
				md_prom_u64(p, m[i].fam, nla_get_u64(a), NULL);
		}
	return p->err;
}

/* ---- the sources --------------------------------------------------------- */

const struct md_msource md_msources[] = {
	{ "status", "get-status", MEMDIAG_CMD_GET_STATUS, 0, false, 0,
	  md_m_status, NULL, NULL },
	{ "counters", "get-counters", MEMDIAG_CMD_GET_COUNTERS, 0, false, 0,
	  md_m_counters, NULL, NULL },
	{ "zones", "get-zones", MEMDIAG_CMD_GET_ZONES, NLM_F_DUMP, false, 0,
	  md_m_zone, NULL, NULL },
	{ "swapoff", "get-swapoff", MEMDIAG_CMD_GET_SWAPOFF, NLM_F_DUMP, true,
	  sizeof(struct md_m_swapoff), md_m_swapoff, md_m_swapoff_end, NULL },
	{ "mm-counters", "get-mm-counters", MEMDIAG_CMD_GET_MM_COUNTERS, 0, false,
	  0, md_m_mm_counters, NULL, NULL },
	{ "swap", "get-swap", MEMDIAG_CMD_GET_SWAP, NLM_F_DUMP, true,
	  sizeof(struct md_swap_areas), md_m_swap, md_m_swap_end,
	  md_m_swap_release },
	/* New netlink commands: one row each. */
};

const size_t md_nr_msources = ARRAY_SIZE(md_msources);

const struct md_msource *md_msource_find(const char *name)
{
	size_t i;

	for (i = 0; i < md_nr_msources; i++)
		if (!strcmp(md_msources[i].name, name))
			return &md_msources[i];
	return NULL;
}

/* ---- writing ------------------------------------------------------------- */

/*
 * Write @data to @path atomically: a temporary file in the same directory
 * (named so that the textfile collector, which reads *.prom only, never
 * sees it), fsync(), rename(). Mode 0644 less the umask. Returns 0 or an
 * exit code, having said what went wrong.
 */
int md_write_atomic(const char *path, const char *data, size_t len)
{
	char *dir = NULL, *base = NULL, *tmp = NULL, *d1, *d2;
	mode_t mask;
	size_t off;
	int fd = -1, ret = MD_EXIT_ERROR;

	d1 = strdup(path);
	d2 = strdup(path);
	if (!d1 || !d2)
		goto nomem;
	dir = dirname(d1);
	base = basename(d2);
	if (asprintf(&tmp, "%s/.%s.XXXXXX", dir, base) < 0) {
		tmp = NULL;
		goto nomem;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		md_err("cannot create a temporary file in %s for %s: %s", dir,
		       path, strerror(errno));
		goto out_free;
	}
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0644 & ~mask))
		goto fail;
	for (off = 0; off < len; ) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		off += n;
	}
	if (fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path))
		goto fail;
	ret = 0;
	goto out_free;
fail:
	md_err("cannot write %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	goto out_free;
nomem:
	ret = md_err_nomem();
out_free:
	free(tmp);
	free(d1);
	free(d2);
	return ret;
}

/* ---- the command --------------------------------------------------------- */

struct md_m_ctx {
	struct md_prom *p;
	const struct md_msource *src;
	void *state;
};

static int md_m_reply(struct nlmsghdr *nlh, void *arg)
{
	struct md_m_ctx *ctx = arg;

	return ctx->src->msg(ctx->p, nlh, ctx->state);
}

/* Ask one source; returns 0 or an exit code (the error said). */
static int md_m_collect(struct md_nl *nl, struct md_prom *p,
			const struct md_msource *src)
{
	struct md_m_ctx ctx = { p, src, NULL };
	struct md_prom part = *p;
	int ret;

	/* Samples of a source that fails half-way are dropped. */
	part.v = NULL;
	part.n = part.cap = 0;
	ctx.p = &part;
	if (src->state_size) {
		ctx.state = calloc(1, src->state_size);
		if (!ctx.state)
			return md_err_nomem();
	}
	ret = md_nl_call(nl, src->op, md_nl_req(nl, src->cmd, src->flags),
			 md_m_reply, &ctx);
	if (!ret && src->end && src->end(&part, ctx.state))
		ret = md_err_nomem();
	if (!ret && part.err)
		ret = md_err_nomem();
	if (ctx.state && src->release)
		src->release(ctx.state);
	free(ctx.state);
	if (!ret && part.n) {
		/* Move the samples over. */
		struct md_msample *nv = realloc(p->v, (p->n + part.n) *
						sizeof(*nv));

		if (nv) {
			memcpy(nv + p->n, part.v, part.n * sizeof(*nv));
			p->v = nv;
			p->n += part.n;
			p->cap = p->n;
			part.n = 0;
		} else {
			ret = md_err_nomem();
		}
	}
	if (!ret) {
		p->features_seen |= part.features_seen;
		p->features_on |= part.features_on;
	}
	md_prom_free(&part);
	md_prom_collector(p, src->name, !ret);
	return ret;
}

static const char *md_metrics_file;

static uint64_t md_clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int md_metrics_run(const struct md_opts *o)
{
	struct md_prom p = { 0 };
	char *text = NULL;
	size_t len = 0, i;
	struct md_nl nl;
	int ret, r;
	FILE *f;

	if (o->json || o->raw || o->noheadings || o->bytes) {
		md_err("metrics prints the Prometheus text format only: --json, --raw, --noheadings and --bytes do not apply");
		return MD_EXIT_USAGE;
	}
	md_metrics_file = o->output;
	p.page_size = sysconf(_SC_PAGESIZE);
	p.now_boot_ns = md_clock_ns(CLOCK_BOOTTIME);
	p.now_real_ns = md_clock_ns(CLOCK_REALTIME);

	ret = md_nl_open(&nl, o->family);
	if (ret && ret != MD_EXIT_NOMODULE)
		return ret;
	/* No module: "memdiag_up 0" alone, and exit status 3. */
	md_prom_u64(&p, M_UP, !ret, NULL);
	if (!ret) {
		for (i = 0; i < md_nr_msources; i++) {
			r = md_m_collect(&nl, &p, &md_msources[i]);
			if (r == MD_EXIT_PERM && md_msources[i].admin) {
				md_warn("%s metrics left out (memdiag_collector_success{collector=\"%s\"} 0); run as root for them",
					md_msources[i].name, md_msources[i].name);
			} else if (r && !ret) {
				ret = r;
			}
		}
		md_nl_close(&nl);
	}

	f = open_memstream(&text, &len);
	if (!f)
		return md_err_nomem();
	r = md_prom_write(&p, f);
	if (fclose(f) || r) {
		free(text);
		md_prom_free(&p);
		return md_err_nomem();
	}
	md_prom_free(&p);
	if (md_metrics_file) {
		r = md_write_atomic(md_metrics_file, text, len);
	} else {
		fwrite(text, 1, len, stdout);
		r = 0;
	}
	free(text);
	return ret ? ret : r;
}

const struct md_cmd md_cmd_metrics = {
	.name	   = "metrics",
	.help	   = " metrics                every counter and gauge, Prometheus text format\n",
	.opthelp   = " -o, --output <file>    write to <file> atomically (a temporary file in its\n"
		     "                        directory, then rename), for node_exporter's\n"
		     "                        textfile collector\n",
	.output_is_file = true,
	.run	   = md_metrics_run,
};
