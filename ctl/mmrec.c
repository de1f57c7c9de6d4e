// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl - commit-rejection and OOM-kill records (see mmrec.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/memdiag.h>
#include <netlink/genl/genl.h>

#include "memcg.h"
#include "memdiagctl.h"
#include "mmrec.h"
#include "nl.h"
#include "output.h"

int md_recs_reply(struct nlmsghdr *nlh, void *arg)
{
	struct md_recs *rs = arg;
	struct genlmsghdr *gnlh;
	struct md_rec *r;
	struct nlattr *a;
	int rem;

	if (!genlmsg_valid_hdr(nlh, 0))
		return -EBADMSG;
	if (md_grow(&rs->v, rs->n, &rs->cap, sizeof(*rs->v), 16))
		return -ENOMEM;
	r = &rs->v[rs->n++];
	memset(r, 0, sizeof(*r));
	gnlh = genlmsg_hdr(nlh);
	nla_for_each_attr(a, genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0), rem) {
		int t = nla_type(a);

		if (t <= 0 || t >= MD_REC_ATTRS)
			continue;
		if (rs->strings & (1ULL << t)) {
			free(r->s[t]);
			r->s[t] = strndup(nla_data(a), nla_len(a));
			if (!r->s[t])
				return -ENOMEM;
		} else if (nla_len(a) == 4) {
			r->v[t] = nla_get_u32(a);
		} else if (nla_len(a) == 8) {
			r->v[t] = nla_get_u64(a);
		} else if (nla_len(a) == 0) {
			r->v[t] = 1;	/* flag */
		} else {
			continue;
		}
		r->present |= 1ULL << t;
	}
	return 0;
}

void md_recs_free(struct md_recs *rs)
{
	size_t i;
	int t;

	for (i = 0; i < rs->n; i++)
		for (t = 0; t < MD_REC_ATTRS; t++)
			free(rs->v[i].s[t]);
	free(rs->v);
	rs->v = NULL;
	rs->n = rs->cap = 0;
}

int md_recs_fetch(struct md_nl *nl, int cmd, struct md_recs *rs)
{
	if (cmd == MEMDIAG_CMD_GET_COMMIT)
		rs->strings = 1ULL << MEMDIAG_A_COMMIT_COMM |
			      1ULL << MEMDIAG_A_COMMIT_CGROUP_PATH;
	else
		rs->strings = 1ULL << MEMDIAG_A_OOM_COMM |
			      1ULL << MEMDIAG_A_OOM_CGROUP_PATH |
			      1ULL << MEMDIAG_A_OOM_MEMCG_PATH |
			      1ULL << MEMDIAG_A_OOM_TRIGGER_COMM |
			      1ULL << MEMDIAG_A_OOM_GFP_NAMES;
	return md_nl_call(nl, cmd == MEMDIAG_CMD_GET_COMMIT ? "get-commit" : "get-oom",
			  md_nl_req(nl, cmd, NLM_F_DUMP), md_recs_reply, rs);
}

/* An md_row_cell_fn; @ctx points to the command's md_rec_cell_fn. */
static int md_rec_cell(struct libscols_line *ln, size_t cell, int col,
		       const void *row, const void *ctx, const struct md_opts *o)
{
	md_rec_cell_fn *fn = *(md_rec_cell_fn *const *)ctx;

	return md_cell_take(ln, cell, fn(row, col, o));
}

int md_recs_run(const struct md_opts *o, int cmd, const char *name,
		const struct md_col *cols, md_rec_cell_fn *cell,
		const char *what)
{
	struct md_recs rs = { 0 };
	struct md_nl nl;
	int ret;

	ret = md_nl_open(&nl, o->family);
	if (ret)
		return ret;
	ret = md_recs_fetch(&nl, cmd, &rs);
	md_nl_close(&nl);
	if (!ret) {
		int err = md_rows_print(o, name, cols, rs.v, rs.n,
					sizeof(*rs.v), md_rec_cell, &cell);

		if (err) {
			md_err("cannot print %s: %s", what, strerror(-err));
			ret = MD_EXIT_ERROR;
		}
	}
	md_recs_free(&rs);
	return ret;
}

const char *md_overcommit_mode_name(uint64_t mode)
{
	switch (mode) {
	case MEMDIAG_OVERCOMMIT_MODE_GUESS: return "0 (heuristic)";
	case MEMDIAG_OVERCOMMIT_MODE_ALWAYS: return "1 (always)";
	case MEMDIAG_OVERCOMMIT_MODE_NEVER: return "2 (never)";
	}
	return "unknown";
}

const char *md_rec_cgroup(const struct md_rec *r, int path, int id)
{
	if (r->s[path])
		return r->s[path];
	return MD_REC_HAS(r, id) && r->v[id] ? "(gone)" : "";
}

const char *md_constraint_name(uint64_t c)
{
	switch (c) {
	case MEMDIAG_OOM_CONSTRAINT_NONE: return "global";
	case MEMDIAG_OOM_CONSTRAINT_CPUSET: return "cpuset";
	case MEMDIAG_OOM_CONSTRAINT_MEMORY_POLICY: return "mempolicy";
	case MEMDIAG_OOM_CONSTRAINT_MEMCG: return "memcg";
	}
	return "unknown";
}

char *md_pages_str(uint64_t pages, bool exact)
{
	return md_size_str(pages * (uint64_t)sysconf(_SC_PAGESIZE), exact);
}

const char *md_commit_cause_name(const struct md_rec *r)
{
	if (!MD_REC_HAS(r, MEMDIAG_A_COMMIT_CAUSE))
		return "commit";
	switch (r->v[MEMDIAG_A_COMMIT_CAUSE]) {
	case MEMDIAG_COMMIT_CAUSE_COMMIT: return "commit";
	case MEMDIAG_COMMIT_CAUSE_RLIMIT_AS: return "rlimit-as";
	case MEMDIAG_COMMIT_CAUSE_RLIMIT_DATA: return "rlimit-data";
	case MEMDIAG_COMMIT_CAUSE_MAP_COUNT: return "map-count";
	}
	return "unknown";
}

const char *md_mm_call_name(const struct md_rec *r)
{
	static const char *const names[] = {
		[MEMDIAG_MM_CALL_MMAP] = "mmap",
		[MEMDIAG_MM_CALL_MUNMAP] = "munmap",
		[MEMDIAG_MM_CALL_MPROTECT] = "mprotect",
		[MEMDIAG_MM_CALL_PKEY_MPROTECT] = "pkey_mprotect",
		[MEMDIAG_MM_CALL_MREMAP] = "mremap",
		[MEMDIAG_MM_CALL_BRK] = "brk",
		[MEMDIAG_MM_CALL_MADVISE] = "madvise",
		[MEMDIAG_MM_CALL_MLOCK] = "mlock",
		[MEMDIAG_MM_CALL_MLOCK2] = "mlock2",
	};
	uint64_t c = r->v[MEMDIAG_A_COMMIT_CALL];

	if (!MD_REC_HAS(r, MEMDIAG_A_COMMIT_CALL))
		return "";
	return c < ARRAY_SIZE(names) && names[c] ? names[c] : "unknown";
}

/* A limits record (RLIMIT_AS, RLIMIT_DATA, vm.max_map_count) in words. */
static char *md_limit_why(const struct md_rec *r, bool exact)
{
	uint64_t cause = r->v[MEMDIAG_A_COMMIT_CAUSE];
	uint64_t lim = r->v[MEMDIAG_A_COMMIT_LIMIT];
	bool has = MD_REC_HAS(r, MEMDIAG_A_COMMIT_PAGES);
	uint64_t asked = r->v[MEMDIAG_A_COMMIT_PAGES];
	uint64_t used = cause == MEMDIAG_COMMIT_CAUSE_RLIMIT_AS ?
			r->v[MEMDIAG_A_COMMIT_TOTAL_VM] :
			r->v[MEMDIAG_A_COMMIT_DATA_VM];
	const char *call = md_mm_call_name(r);
	char *a = md_pages_str(asked, exact), *u = md_pages_str(used, exact);
	char *l = md_size_str(lim, exact), *s = NULL;
	int ret = -1;

	if (!a || !u || !l)
		goto out;
	if (cause == MEMDIAG_COMMIT_CAUSE_MAP_COUNT)
		ret = asprintf(&s,
			       "vm.max_map_count: the process has %" PRIu64 " mappings and the limit is %" PRIu64 "; %s%s%s needed one more (a new mapping or a split), so it failed with ENOMEM whatever memory is free. Raise vm.max_map_count (JVMs and Elasticsearch ask for 262144) or use fewer, larger mappings",
			       r->v[MEMDIAG_A_COMMIT_MAP_COUNT], lim, call,
			       has ? " of " : "", has ? a : "");
	else if (cause == MEMDIAG_COMMIT_CAUSE_RLIMIT_AS)
		ret = asprintf(&s,
			       "RLIMIT_AS (ulimit -v, LimitAS=) is %s: %s of %s on top of %s mapped would pass it, so it failed with ENOMEM whatever memory is free. Raise the limit or map less",
			       l, call, a, u);
	else
		ret = asprintf(&s,
			       "RLIMIT_DATA (ulimit -d, LimitDATA=) is %s: %s of %s on top of %s of data (private writable memory, VmData%s) would pass it, so it failed with ENOMEM whatever memory is free. Raise the limit or use less",
			       l, call, a, u,
			       r->v[MEMDIAG_A_COMMIT_CALL] == MEMDIAG_MM_CALL_BRK ?
			       "; for brk the heap and the data segment" : "");
out:
	free(a);
	free(u);
	free(l);
	return ret < 0 ? NULL : s;
}

char *md_commit_why(const struct md_rec *r, bool exact)
{
	char *asked = NULL, *comm = NULL, *lim = NULL, *s = NULL;
	int ret = -1;

	if (MD_REC_HAS(r, MEMDIAG_A_COMMIT_CAUSE) &&
	    r->v[MEMDIAG_A_COMMIT_CAUSE] != MEMDIAG_COMMIT_CAUSE_COMMIT)
		return md_limit_why(r, exact);

	asked = MD_REC_HAS(r, MEMDIAG_A_COMMIT_PAGES) ?
		md_pages_str(r->v[MEMDIAG_A_COMMIT_PAGES], exact) : strdup("?");
	comm = md_pages_str(r->v[MEMDIAG_A_COMMIT_COMMITTED], exact);
	lim = MD_REC_HAS(r, MEMDIAG_A_COMMIT_COMMIT_LIMIT) ?
	      md_pages_str(r->v[MEMDIAG_A_COMMIT_COMMIT_LIMIT], exact) : strdup("?");
	if (!asked || !comm || !lim)
		goto out;
	if (!MD_REC_HAS(r, MEMDIAG_A_COMMIT_MODE))
		ret = asprintf(&s, "the kernel refused to commit %s (overcommit mode unknown)",
			       asked);
	else if (r->v[MEMDIAG_A_COMMIT_MODE] == MEMDIAG_OVERCOMMIT_MODE_NEVER)
		ret = asprintf(&s,
			       "vm.overcommit_memory=2: with the request%s%s%s Committed_AS would be %s, over CommitLimit %s (%s); malloc/mmap return NULL/ENOMEM long before RAM is used up. Free commitments (idle processes), add swap, or raise vm.overcommit_%s",
			       MD_REC_HAS(r, MEMDIAG_A_COMMIT_PAGES) ? " (" : "",
			       MD_REC_HAS(r, MEMDIAG_A_COMMIT_PAGES) ? asked : "",
			       MD_REC_HAS(r, MEMDIAG_A_COMMIT_PAGES) ? ")" : "",
			       comm, lim,
			       r->v[MEMDIAG_A_COMMIT_KBYTES] ? "set by overcommit_kbytes" :
			       "overcommit_ratio % of RAM + swap",
			       r->v[MEMDIAG_A_COMMIT_KBYTES] ? "kbytes" : "ratio");
	else
		ret = asprintf(&s,
			       "vm.overcommit_memory=0: one request%s%s%s is larger than all RAM + swap, so the heuristic refuses it whatever is free; ask for less (this is not a shortage)",
			       MD_REC_HAS(r, MEMDIAG_A_COMMIT_PAGES) ? " of " : "",
			       MD_REC_HAS(r, MEMDIAG_A_COMMIT_PAGES) ? asked : "",
			       MD_REC_HAS(r, MEMDIAG_A_COMMIT_PAGES) ? "" : " (size not recorded)");
out:
	free(asked);
	free(comm);
	free(lim);
	return ret < 0 ? NULL : s;
}

char *md_oom_why(const struct md_rec *r, bool exact)
{
	const char *victim = r->s[MEMDIAG_A_OOM_COMM] ? r->s[MEMDIAG_A_OOM_COMM] : "?";
	uint64_t held = r->v[MEMDIAG_A_OOM_ANON_RSS] + r->v[MEMDIAG_A_OOM_FILE_RSS] +
			r->v[MEMDIAG_A_OOM_SHMEM_RSS] + r->v[MEMDIAG_A_OOM_SWAP_ENTS];
	char *h = md_pages_str(held, exact), *s = NULL;
	int ret = -1;

	if (!h)
		return NULL;
	if (r->v[MEMDIAG_A_OOM_CONSTRAINT] == MEMDIAG_OOM_CONSTRAINT_MEMCG)
		ret = asprintf(&s,
			       "memory cgroup %s reached %s and reclaim could not make room; %s (pid %" PRIu64 ", %s in RAM + swap, oom_score_adj %d) had the highest badness in it. Raise %s or give the workload less to hold; drop_caches and swappiness do not move a cgroup's limit",
			       md_rec_cgroup(r, MEMDIAG_A_OOM_MEMCG_PATH, MEMDIAG_A_OOM_MEMCG_ID),
			       md_memcg_limit_file(), victim, r->v[MEMDIAG_A_OOM_PID], h,
			       (int32_t)r->v[MEMDIAG_A_OOM_OOM_SCORE_ADJ],
			       md_memcg_limit_file());
	else
		ret = asprintf(&s,
			       "the %s ran out of memory for an order-%d %s allocation by %s and reclaim could not free enough; %s (pid %" PRIu64 ", %s in RAM + swap, oom_score_adj %d) had the highest badness",
			       r->v[MEMDIAG_A_OOM_CONSTRAINT] == MEMDIAG_OOM_CONSTRAINT_NONE ?
			       "whole machine" : "allowed nodes (cpuset/mempolicy)",
			       (int32_t)r->v[MEMDIAG_A_OOM_ORDER],
			       r->s[MEMDIAG_A_OOM_GFP_NAMES] ? r->s[MEMDIAG_A_OOM_GFP_NAMES] : "",
			       r->s[MEMDIAG_A_OOM_TRIGGER_COMM] ? r->s[MEMDIAG_A_OOM_TRIGGER_COMM] : "?",
			       victim, r->v[MEMDIAG_A_OOM_PID], h,
			       (int32_t)r->v[MEMDIAG_A_OOM_OOM_SCORE_ADJ]);
	free(h);
	return ret < 0 ? NULL : s;
}
