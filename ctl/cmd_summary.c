// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl summary - one screen that says whether this machine is in
 * memory trouble and why. Each finding has a severity (ok, info, warning,
 * problem), a title, one plain-language explanation and its evidence.
 *
 * Sources: the module (failure counters and the latest page-allocation
 * failure with its zone snapshot, commit rejections, OOM kills; records
 * need root) when it is loaded, and always /proc/meminfo, /proc/zoneinfo,
 * /proc/buddyinfo, /proc/vmstat, /proc/sys/vm and each process's status,
 * limits and smaps (limits.c: who is near an address-space limit).
 *
 * --json: {"verdict": "trouble"|"no trouble", "findings": [{"id": ...,
 *   "severity": ..., "title": ..., "why": ..., "evidence": {name: number
 *   or string, ...}}]}. Exit 0 whatever the verdict (it is not a check).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/memdiag.h>
#include <netlink/genl/genl.h>

#include "aslimits.h"
#include "memcg.h"
#include "memdiagctl.h"
#include "mmrec.h"
#include "nl.h"
#include "output.h"
#include "proto.h"
#include "zoneverdict.h"

enum { SEV_OK, SEV_INFO, SEV_WARNING, SEV_PROBLEM };
static const char *const sev_names[] = { "ok", "info", "warning", "problem" };

#define MD_EVID		24
#define MD_FINDINGS	16

struct md_evid {
	const char *key;
	char *str;		/* NULL: a number */
	long long num;
};

struct md_finding {
	const char *id;
	int sev;
	char *title;
	char *why;
	struct md_evid ev[MD_EVID];
	unsigned int nev;
};

struct md_summary {
	struct md_finding f[MD_FINDINGS];
	unsigned int n;
	bool exact;
};

static struct md_finding *md_find_new(struct md_summary *s, const char *id, int sev)
{
	struct md_finding *f;

	if (s->n == MD_FINDINGS)
		return NULL;
	f = &s->f[s->n++];
	memset(f, 0, sizeof(*f));
	f->id = id;
	f->sev = sev;
	return f;
}

static void md_ev_num(struct md_finding *f, const char *key, long long v)
{
	if (f && f->nev < MD_EVID)
		f->ev[f->nev++] = (struct md_evid){ .key = key, .num = v };
}

static void md_ev_str(struct md_finding *f, const char *key, const char *v)
{
	if (f && f->nev < MD_EVID && v)
		f->ev[f->nev++] = (struct md_evid){ .key = key, .str = strdup(v) };
}

/* A size in kB as text (owned by a small ring of buffers). */
static const char *md_kbs(long long kb, bool exact)
{
	static char buf[8][32];
	static unsigned int i;
	uint64_t abs_kb = kb < 0 ? (uint64_t)-kb : (uint64_t)kb;
	char *s = md_size_str(abs_kb * 1024, exact);
	char *out = buf[i++ % 8];

	snprintf(out, 32, "%s%s", kb < 0 ? "-" : "", s ? s : "?");
	free(s);
	return out;
}

/* ---- /proc ---------------------------------------------------------------- */

struct md_pzone {
	char node_zone[48];
	long long free, min, low, high, managed;
	int top_order;		/* largest order with a free block, -1 none */
};

static int md_zones_read(struct md_pzone *z, int max)
{
	char line[512], name[32];
	int n = 0, node, i;
	FILE *f = fopen("/proc/zoneinfo", "re");
	long long v;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "Node %d, zone %31s", &node, name) == 2) {
			if (n == max)
				break;
			memset(&z[n], 0, sizeof(z[n]));
			snprintf(z[n].node_zone, sizeof(z[n].node_zone), "%d/%s", node, name);
			z[n].top_order = -1;
			n++;
		} else if (n && sscanf(line, " pages free %lld", &v) == 1) {
			z[n - 1].free = v;
		} else if (n && sscanf(line, " min %lld", &v) == 1) {
			z[n - 1].min = v;
		} else if (n && sscanf(line, " low %lld", &v) == 1) {
			z[n - 1].low = v;
		} else if (n && sscanf(line, " high %lld", &v) == 1) {
			z[n - 1].high = v;
		} else if (n && sscanf(line, " managed %lld", &v) == 1) {
			z[n - 1].managed = v;
		}
	}
	fclose(f);
	f = fopen("/proc/buddyinfo", "re");
	if (!f)
		return n;
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *end;
		int off;

		if (sscanf(line, "Node %d, zone %31s%n", &node, name, &off) != 2)
			continue;
		p += off;
		for (i = 0; i < n; i++) {
			char nz[48];
			int order = 0;

			snprintf(nz, sizeof(nz), "%d/%s", node, name);
			if (strcmp(nz, z[i].node_zone))
				continue;
			for (;;) {
				v = strtoll(p, &end, 10);
				if (end == p)
					break;
				if (v > 0)
					z[i].top_order = order;
				order++;
				p = end;
			}
		}
	}
	fclose(f);
	return n;
}

/* ---- module --------------------------------------------------------------- */

static int md_counters_one(struct nlmsghdr *nlh, void *arg)
{
	md_counters_free(arg);
	return md_counters_parse(nlh, arg);
}

struct md_last_page {
	struct md_event ev;
	bool have;
};

static int md_events_last(struct nlmsghdr *nlh, void *arg)
{
	struct md_last_page *lp = arg;
	struct md_event ev = { 0 };
	int ret = md_event_parse(nlh, &ev);

	if (ret)
		return ret;
	if (ev.kind != MEMDIAG_FAILURE_KIND_PAGE) {
		md_event_free(&ev);
		return 0;
	}
	if (lp->have)
		md_event_free(&lp->ev);
	lp->ev = ev;
	lp->have = true;
	return 0;
}

static void md_mm_counters(struct md_nl *nl, struct md_rec *c)
{
	struct md_recs rs = { 0 };

	memset(c, 0, sizeof(*c));
	if (md_nl_call(nl, "get-mm-counters",
		       md_nl_req(nl, MEMDIAG_CMD_GET_MM_COUNTERS, 0),
		       md_recs_reply, &rs) == 0 && rs.n)
		*c = rs.v[0];
	free(rs.v);
}

/* ---- findings ------------------------------------------------------------- */

static void md_find_failures(struct md_summary *s, const struct md_counters *c,
			     const struct md_last_page *lp, bool root)
{
	static const char *const kinds[] = { "page", "vmalloc", "vmemmap", "other" };
	uint64_t by_kind[4] = { 0 };
	struct md_finding *f;
	size_t i;

	for (i = 0; i < c->nr_orders; i++)
		if (c->orders[i].kind < 4)
			by_kind[c->orders[i].kind] += c->orders[i].count;
	if (!c->total) {
		f = md_find_new(s, "alloc-failures", SEV_OK);
		if (f) {
			f->title = md_strdupf("no allocation failures since memdiag was loaded");
			f->why = md_strdupf("the page allocator and vmalloc have not failed a request");
		}
		return;
	}
	f = md_find_new(s, "alloc-failures", SEV_WARNING);
	if (!f)
		return;
	f->title = md_strdupf("%" PRIu64 " allocation failures since load (page %" PRIu64
			  ", vmalloc %" PRIu64 ", other %" PRIu64 ")", c->total,
			  by_kind[0], by_kind[1], by_kind[2] + by_kind[3]);
	for (i = 0; i < 4; i++)
		md_ev_num(f, kinds[i], by_kind[i]);
	if (!lp->have) {
		f->why = md_strdupf(root ? "no page-allocation failure record is kept; see memdiagctl failures" :
				"details need the records: run as root");
		return;
	}
	{
		const struct md_event *e = &lp->ev;
		/* The record's pages are the running kernel's: 4, 16 or 64 KiB. */
		uint64_t pkb = md_page_size() / 1024;
		uint64_t free_pages = 0, free_cma = 0;
		bool have_cma = false;
		int best = -1;
		size_t z, o;
		struct md_zv v;
		int ret;

		for (z = 0; z < e->nr_zones; z++) {
			free_pages += e->zones[z].free;
			if (MD_HAS(e->zones[z].present,
				   MEMDIAG_A_ZONE_SNAP_FREE_CMA)) {
				free_cma += e->zones[z].free_cma;
				have_cma = true;
			}
			for (o = 0; o < e->zones[z].nr_free_blocks; o++)
				if (e->zones[z].free_blocks[o] && (int)o > best)
					best = o;
		}
		md_ev_num(f, "last-order", e->order);
		md_ev_str(f, "last-gfp", e->gfp_names);
		md_ev_str(f, "last-comm", e->comm);
		md_ev_num(f, "last-free-kb", free_pages * pkb);
		/* Part of free that only movable requests may take. */
		if (have_cma)
			md_ev_num(f, "last-free-cma-kb", free_cma * pkb);
		md_ev_num(f, "last-largest-free-order", best);
		/*
		 * Why it failed: zoneverdict's, the same as 'events --details'
		 * and 'explain' say (shortage, fragmentation, could not wait,
		 * restricted, costly order given up, zones would pass, or
		 * unknown with what was missing).
		 */
		ret = md_zv_event(e, &v);
		if (ret) {
			f->why = md_strdupf("the latest: order-%u %s failure (%s free)",
					    e->order, e->gfp_names ? e->gfp_names : "",
					    md_kbs(free_pages * pkb, s->exact));
			return;
		}
		md_ev_str(f, "last-verdict", v.name);
		f->why = md_strdupf("the latest: order-%u %s failure (%s free): %s: %s. %s",
				    e->order, e->gfp_names ? e->gfp_names : "",
				    md_kbs(free_pages * pkb, s->exact), v.name, v.why,
				    v.advice);
		md_zv_free(&v);
	}
}

static void md_find_zones(struct md_summary *s)
{
	struct md_pzone z[32];
	int n = md_zones_read(z, 32), i;

	for (i = 0; i < n; i++) {
		struct md_finding *f;
		int sev;
		const char *what;

		if (!z[i].managed)
			continue;
		if (z[i].free < z[i].min) {
			sev = SEV_PROBLEM;
			what = "below the min watermark: only __GFP_HIGH/atomic reserves are left, ordinary allocations reclaim directly or fail";
		} else if (z[i].free < z[i].low) {
			sev = SEV_WARNING;
			what = "below the low watermark: kswapd is reclaiming";
		} else {
			sev = SEV_OK;
			what = "above the low watermark";
		}
		f = md_find_new(s, "zone", sev);
		if (!f)
			return;
		f->title = md_strdupf("zone %s: %s free, %s", z[i].node_zone,
				  md_kbs(z[i].free * (md_page_size() / 1024), s->exact),
				  sev == SEV_OK ? "ok" : sev == SEV_WARNING ? "low" : "below min");
		f->why = md_strdupf("%s; largest free block order %d%s", what, z[i].top_order,
				z[i].top_order < 3 && sev == SEV_OK ?
				" (fragmented: requests of order >= 3 will need compaction)" : "");
		md_ev_str(f, "zone", z[i].node_zone);
		md_ev_num(f, "free-pages", z[i].free);
		md_ev_num(f, "min", z[i].min);
		md_ev_num(f, "low", z[i].low);
		md_ev_num(f, "high", z[i].high);
		md_ev_num(f, "managed", z[i].managed);
		md_ev_num(f, "largest-free-order", z[i].top_order);
		if (z[i].top_order < 3 && sev == SEV_OK)
			f->sev = SEV_INFO;
	}
}

static void md_find_swap(struct md_summary *s)
{
	long long total = md_meminfo("SwapTotal"), sfree = md_meminfo("SwapFree");
	long long avail = md_meminfo("MemAvailable"), limit = md_meminfo("CommitLimit");
	long long committed = md_meminfo("Committed_AS"), mode = md_sysctl_vm("overcommit_memory");
	long long used = total - sfree;
	struct md_finding *f;
	bool commit_ok, mem_ok;

	if (total <= 0) {
		f = md_find_new(s, "swap", SEV_INFO);
		if (f) {
			f->title = md_strdupf("no swap");
			f->why = md_strdupf("anonymous memory cannot be moved out of RAM; under pressure only file pages are reclaimed, so OOM kills come sooner (swappiness has nothing to act on)");
			md_ev_num(f, "swap-total-kb", 0);
		}
		return;
	}
	commit_ok = mode != 2 || committed < limit - total;
	mem_ok = used <= avail;
	f = md_find_new(s, "swap", commit_ok && mem_ok ? SEV_OK : SEV_WARNING);
	if (!f)
		return;
	f->title = md_strdupf("swap: %s of %s used; swapoff of all of it would %s",
			  md_kbs(used, s->exact), md_kbs(total, s->exact),
			  commit_ok && mem_ok ? "succeed" : "fail");
	if (!commit_ok)
		f->why = md_strdupf("in overcommit mode 2 swapoff must fit Committed_AS (%s) under CommitLimit without the swap (%s): it would fail with ENOMEM before swapping anything in",
				md_kbs(committed, s->exact), md_kbs(limit - total, s->exact));
	else if (!mem_ok)
		f->why = md_strdupf("the %s on swap does not fit in MemAvailable (%s): swapoff would end in OOM kills or ENOMEM",
				md_kbs(used, s->exact), md_kbs(avail, s->exact));
	else
		f->why = md_strdupf("what is on swap fits in MemAvailable (%s)%s; memory cgroups at their %s can still refuse it (memdiagctl swap check)",
				md_kbs(avail, s->exact), mode == 2 ? " and under CommitLimit" : "",
				md_memcg_limit_file());
	md_ev_num(f, "swap-total-kb", total);
	md_ev_num(f, "swap-used-kb", used);
	md_ev_num(f, "mem-available-kb", avail);
}

static void md_find_commit(struct md_summary *s, const struct md_rec *mc,
			   const struct md_recs *recs)
{
	long long limit = md_meminfo("CommitLimit"), committed = md_meminfo("Committed_AS");
	long long mode = md_sysctl_vm("overcommit_memory");
	long long headroom = limit - committed;
	uint64_t rejections = mc->v[MEMDIAG_A_MM_COUNTERS_COMMIT_TOTAL];
	struct md_finding *f;
	int sev = SEV_OK;

	bool tight = headroom < limit / 20 || headroom < 32 << 10;

	if (mode == 2 && tight)
		sev = SEV_PROBLEM;
	if (rejections)
		sev = sev == SEV_PROBLEM ? sev : SEV_WARNING;
	f = md_find_new(s, "commit", sev);
	if (!f)
		return;
	f->title = md_strdupf("commit headroom %s (CommitLimit %s - Committed_AS %s), overcommit_memory=%lld; %" PRIu64 " rejections since load",
			  md_kbs(headroom, s->exact), md_kbs(limit, s->exact),
			  md_kbs(committed, s->exact), mode, rejections);
	if (recs->n) {
		char *w = md_commit_why(&recs->v[recs->n - 1], s->exact);

		f->why = md_strdupf("the latest: %s (pid %" PRIu64 ") was refused: %s",
				recs->v[recs->n - 1].s[MEMDIAG_A_COMMIT_COMM] ?
				recs->v[recs->n - 1].s[MEMDIAG_A_COMMIT_COMM] : "?",
				recs->v[recs->n - 1].v[MEMDIAG_A_COMMIT_PID], w ? w : "");
		free(w);
	} else if (mode == 2) {
		f->why = md_strdupf(tight ?
				"mode 2 enforces CommitLimit: with this little headroom malloc/mmap/fork fail (NULL, ENOMEM) although RAM may be free; raise vm.overcommit_ratio/_kbytes or add swap" :
				"mode 2 enforces CommitLimit: requests fail once Committed_AS reaches it; there is room now");
	} else {
		f->why = md_strdupf("mode %lld does not enforce CommitLimit (%s): malloc fails only for a single request larger than RAM + swap%s; memory runs out as OOM kills instead",
				mode, mode == 1 ? "always overcommit" : "heuristic",
				mode == 1 ? " (not even then)" : "");
	}
	md_ev_num(f, "commit-limit-kb", limit);
	md_ev_num(f, "committed-as-kb", committed);
	md_ev_num(f, "headroom-kb", headroom);
	md_ev_num(f, "overcommit-memory", mode);
	md_ev_num(f, "rejections", rejections);
}

static void md_find_oom(struct md_summary *s, const struct md_rec *mc,
			const struct md_recs *recs, bool loaded)
{
	uint64_t kills = mc->v[MEMDIAG_A_MM_COUNTERS_OOM_TOTAL];
	long long boot_kills = md_proc_key("/proc/vmstat", "oom_kill");
	struct md_finding *f = md_find_new(s, "oom", kills ? SEV_PROBLEM : SEV_OK);
	size_t i;

	if (!f)
		return;
	if (!loaded)
		f->sev = boot_kills > 0 ? SEV_WARNING : SEV_OK;
	f->title = loaded ? md_strdupf("%" PRIu64 " OOM kills since load (%lld since boot)", kills,
				   boot_kills) :
			    md_strdupf("%lld OOM kills since boot", boot_kills);
	if (recs->n) {
		const struct md_rec *r = &recs->v[recs->n - 1];
		char *w = md_oom_why(r, s->exact);

		f->why = md_strdupf("the latest: %s", w ? w : "");
		free(w);
		{
			char *list = NULL;
			size_t len = 0;
			FILE *mf = open_memstream(&list, &len);

			for (i = recs->n > 3 ? recs->n - 3 : 0; mf && i < recs->n; i++)
				fprintf(mf, "%s%" PRIu64 ":%s (%s%s%s)",
					i > (recs->n > 3 ? recs->n - 3 : 0) ? ", " : "",
					recs->v[i].v[MEMDIAG_A_OOM_PID],
					recs->v[i].s[MEMDIAG_A_OOM_COMM] ?
					recs->v[i].s[MEMDIAG_A_OOM_COMM] : "",
					md_constraint_name(recs->v[i].v[MEMDIAG_A_OOM_CONSTRAINT]),
					MD_REC_HAS(&recs->v[i], MEMDIAG_A_OOM_MEMCG_ID) ? " " : "",
					md_rec_cgroup(&recs->v[i], MEMDIAG_A_OOM_MEMCG_PATH,
						      MEMDIAG_A_OOM_MEMCG_ID));
			if (mf && !fclose(mf))
				md_ev_str(f, "recent-victims", list);
			free(list);
		}
	} else {
		f->why = md_strdupf(!loaded ? "the kernel log's 'Killed process' lines tell more (memdiag was not loaded)" :
				kills ? "records need root" :
				"the OOM killer has not run since memdiag was loaded");
	}
	md_ev_num(f, "oom-kills", kills);
	md_ev_num(f, "oom-kills-since-boot", boot_kills);
}

static void md_find_sysctls(struct md_summary *s)
{
	static const char *const names[] = {
		"overcommit_memory", "overcommit_ratio", "overcommit_kbytes",
		"min_free_kbytes", "watermark_scale_factor", "swappiness", "page-cluster",
	};
	long long v[ARRAY_SIZE(names)];
	struct md_finding *f = md_find_new(s, "sysctls", SEV_INFO);
	size_t i;

	if (!f)
		return;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		v[i] = md_sysctl_vm(names[i]);
		md_ev_num(f, names[i], v[i]);
	}
	f->title = md_strdupf("vm sysctls: overcommit_memory=%lld ratio=%lld kbytes=%lld min_free_kbytes=%lld watermark_scale_factor=%lld swappiness=%lld page-cluster=%lld",
			  v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
	f->why = md_strdupf("%s; min_free_kbytes and watermark_scale_factor set the zone watermarks (headroom for atomic allocations, when kswapd wakes); swappiness only weighs swapping anonymous pages against dropping file cache, and page-cluster is swap readahead: neither prevents ENOMEM or OOM kills, and drop_caches only frees clean cache the kernel would reclaim anyway",
			  v[0] == 2 ? "overcommit_memory=2: malloc/mmap fail when Committed_AS reaches CommitLimit, set by overcommit_ratio (or _kbytes) + swap" :
			  "overcommit_memory is not 2: overcommit_ratio/_kbytes change only the CommitLimit shown in /proc/meminfo, nothing is refused by it");
}

/* Processes within 10 % of an address-space limit (limits.c). */
static void md_find_limits(struct md_summary *s)
{
	struct md_lim_procs ps = { 0 };
	struct md_lim_sys sys;
	struct md_finding *f;
	char *list = NULL;
	size_t len = 0, i, shown = 0;
	FILE *mf;
	int k;

	if (md_lim_sys_read(&sys) || md_lim_scan(&sys, &ps)) {
		md_lim_procs_free(&ps);
		return;
	}
	f = md_find_new(s, "limits", ps.near ? SEV_WARNING : SEV_OK);
	if (!f)
		goto out;
	md_ev_num(f, "processes", ps.n);
	md_ev_num(f, "processes-near", ps.near);
	md_ev_num(f, "processes-unreadable", ps.unreadable);
	md_ev_num(f, "max-map-count", sys.max_map_count);
	if (!ps.near) {
		f->title = md_strdupf("no process within 10%% of RLIMIT_AS, RLIMIT_DATA, vm.max_map_count%s",
				  sys.overcommit == 2 ? " or CommitLimit" : "");
		f->why = md_strdupf("each of the %zu processes read can still grow its address space: mmap and brk are not about to fail for these limits%s",
				ps.n - ps.unreadable, ps.unreadable ?
				"; some could not be read in full (another user's smaps needs CAP_SYS_PTRACE: memdiagctl limits says which)" : "");
		goto out;
	}
	/* pid:comm:LIMIT:used:limit, sizes in bytes, for each limit near. */
	mf = open_memstream(&list, &len);
	for (i = 0; mf && i < ps.n; i++) {
		const struct md_lim_proc *p = &ps.v[i];

		for (k = 0; k < MD_LIM_N; k++) {
			uint64_t used, limit;

			if (!(p->near & (1u << k)) ||
			    !md_lim_values(p, &sys, k, &used, &limit))
				continue;
			fprintf(mf, "%s%d:%s:%s:%" PRIu64 ":%" PRIu64, shown++ ? ", " : "",
				(int)p->pid, p->comm, md_lim_names[k], used, limit);
			if (shown > 1)
				continue;
			/* The first one's numbers on their own, for scripts. */
			md_ev_num(f, "pid", p->pid);
			md_ev_str(f, "comm", p->comm);
			md_ev_str(f, "which-limit", md_lim_names[k]);
			md_ev_num(f, "used", used);
			md_ev_num(f, "limit", limit);
			f->title = k == MD_LIM_MAPS ?
				md_strdupf("%zu process(es) within 10%% of an address-space limit: %d (%s) has %" PRIu64 " mappings, vm.max_map_count is %" PRIu64 "%s",
					   ps.near, (int)p->pid, p->comm, used, limit,
					   ps.near > 1 ? "; ..." : "") :
				md_strdupf("%zu process(es) within 10%% of an address-space limit: %d (%s) uses %s of its %s %s%s",
					   ps.near, (int)p->pid, p->comm,
					   md_kbs(used / 1024, s->exact), md_lim_what[k],
					   md_kbs(limit / 1024, s->exact),
					   ps.near > 1 ? "; ..." : "");
		}
	}
	if (mf && !fclose(mf))
		md_ev_str(f, "near", list);
	free(list);
	f->why = md_strdupf("their next mmap, brk, mremap or mprotect fails with ENOMEM (malloc returns NULL) once the limit is reached, however much memory is free: raise the limit (ulimit -v/-d, systemd LimitAS=/LimitDATA=, vm.max_map_count) or find why the process grows; memdiagctl limits lists them");
out:
	md_lim_procs_free(&ps);
}

/* ---- output --------------------------------------------------------------- */

static void md_summary_text(const struct md_summary *s, bool trouble)
{
	unsigned int i, k, np = 0, nw = 0;

	for (i = 0; i < s->n; i++) {
		np += s->f[i].sev == SEV_PROBLEM;
		nw += s->f[i].sev == SEV_WARNING;
	}
	printf("%s: %u problem(s), %u warning(s)\n\n",
	       trouble ? "MEMORY TROUBLE" : "no memory trouble", np, nw);
	for (i = 0; i < s->n; i++) {
		const struct md_finding *f = &s->f[i];

		printf("[%s] %s\n", sev_names[f->sev], f->title ? f->title : "");
		if (f->why)
			printf("    why: %s\n", f->why);
		printf("    evidence:");
		for (k = 0; k < f->nev; k++) {
			if (f->ev[k].str)
				printf(" %s=%s", f->ev[k].key, f->ev[k].str);
			else
				printf(" %s=%lld", f->ev[k].key, f->ev[k].num);
		}
		printf("\n");
	}
}

static void md_summary_json(const struct md_summary *s, bool trouble)
{
	struct md_json j;
	unsigned int i, k;

	md_json_begin(&j, stdout);
	md_json_str(&j, "verdict", trouble ? "trouble" : "no trouble");
	md_json_arr_begin(&j, "findings");
	for (i = 0; i < s->n; i++) {
		const struct md_finding *f = &s->f[i];

		md_json_obj_begin(&j, NULL);
		md_json_str(&j, "id", f->id);
		md_json_str(&j, "severity", sev_names[f->sev]);
		md_json_str(&j, "title", f->title ? f->title : "");
		md_json_str(&j, "why", f->why ? f->why : "");
		md_json_obj_begin(&j, "evidence");
		for (k = 0; k < f->nev; k++) {
			if (f->ev[k].str) {
				md_json_str(&j, f->ev[k].key, f->ev[k].str);
			} else {
				char num[32];

				snprintf(num, sizeof(num), "%lld", f->ev[k].num);
				md_json_number(&j, f->ev[k].key, num);
			}
		}
		md_json_obj_end(&j);
		md_json_obj_end(&j);
	}
	md_json_arr_end(&j);
	md_json_end(&j);
}

static int md_summary_run(const struct md_opts *o)
{
	struct md_summary s = { .exact = o->bytes };
	struct md_counters c = { 0 };
	struct md_last_page lp = { 0 };
	struct md_recs commits = { 0 }, ooms = { 0 };
	struct md_rec mc = { 0 };
	bool root = geteuid() == 0, loaded, trouble = false;
	struct md_nl nl;
	unsigned int i, k;

	/* Without the module, say so once as a finding, not as an error. */
	loaded = access("/sys/module/memdiag", F_OK) == 0 &&
		 md_nl_open(&nl, o->family) == 0;
	if (loaded) {
		md_nl_call(&nl, "get-counters", md_nl_req(&nl, MEMDIAG_CMD_GET_COUNTERS, 0),
			   md_counters_one, &c);
		md_mm_counters(&nl, &mc);
		if (root) {
			md_nl_call(&nl, "get-events",
				   md_nl_req(&nl, MEMDIAG_CMD_GET_EVENTS, NLM_F_DUMP),
				   md_events_last, &lp);
			md_recs_fetch(&nl, MEMDIAG_CMD_GET_COMMIT, &commits);
			md_recs_fetch(&nl, MEMDIAG_CMD_GET_OOM, &ooms);
		}
		md_nl_close(&nl);
		md_find_failures(&s, &c, &lp, root);
	} else {
		struct md_finding *f = md_find_new(&s, "module", SEV_INFO);

		if (f) {
			f->title = md_strdupf("memdiag is not loaded: no failure, commit or OOM history");
			f->why = md_strdupf("load memdiag.ko to record failures as they happen; what follows is the state now");
		}
	}
	md_find_commit(&s, &mc, &commits);
	md_find_oom(&s, &mc, &ooms, loaded);
	md_find_limits(&s);
	md_find_swap(&s);
	md_find_zones(&s);
	md_find_sysctls(&s);

	for (i = 0; i < s.n; i++)
		trouble |= s.f[i].sev >= SEV_WARNING;
	if (o->json)
		md_summary_json(&s, trouble);
	else
		md_summary_text(&s, trouble);

	for (i = 0; i < s.n; i++) {
		free(s.f[i].title);
		free(s.f[i].why);
		for (k = 0; k < s.f[i].nev; k++)
			free(s.f[i].ev[k].str);
	}
	if (lp.have)
		md_event_free(&lp.ev);
	md_counters_free(&c);
	md_recs_free(&commits);
	md_recs_free(&ooms);
	return MD_EXIT_OK;
}

const struct md_cmd md_cmd_summary = {
	.name	  = "summary",
	.help	  = " summary                is this machine in memory trouble, and why:\n"
		    "                        findings with their evidence (root: records too)\n",
	.run	  = md_summary_run,
};
