// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl swapoff-log - the last swapoff attempts (GET_SWAPOFF, admin
 * only), oldest first: one row each, with the cause in words.
 *
 * JSON output: {"swapoff": [{"seq": 1, "time": "<ISO 8601>",
 *   "device": "/dev/vda", "result": "ENOMEM", "cause": "memcg",
 *   "duration-ns": ..., "pid": ..., "comm": "swapoff", "area-pages": ...,
 *   "commit-result": 0, "committed-pages": ..., "swapped-in": ...,
 *   "charge-failures": ..., "memcg": "/app" or null, "memcg-max-pages": ...,
 *   "memcg-usage-pages": ..., "victims": [{"pid": 187, "comm": "python3"}],
 *   "code": -12, "outcome": "EINTR"|"restarted"|"killed"|"unknown" or null,
 *   "restart-of": <seq> or null, "why": "..."}]}
 * Absent numbers are null. "result" names the kernel's return value
 * ("code", as is): the caller never sees ERESTARTSYS and the like,
 * "outcome" says what it got instead.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <linux/memdiag.h>

#include "memcg.h"
#include "memdiagctl.h"
#include "nl.h"
#include "output.h"
#include "proto.h"

#define MD_SO_VICTIMS 8

struct md_swapoff {
	uint64_t seq, start_ns, start_real_ns, end_ns;
	uint32_t pid, cause;
	int32_t result, commit_result;
	bool has_commit, has_memcg, has_area, has_outcome;
	uint32_t outcome;
	uint64_t restart_of;
	char comm[32], path[256], memcg[512];
	uint64_t area_pages, committed_pages, swapped_in, charge_failures;
	uint64_t memcg_max, memcg_usage;
	unsigned int nvictims;
	struct { uint32_t pid; char comm[32]; } victims[MD_SO_VICTIMS];
};

struct md_swapoffs {
	size_t n, cap;
	struct md_swapoff *v;
};

static void md_victim_parse(struct md_swapoff *r, struct nlattr *nest)
{
	struct nlattr *a;
	int rem;

	if (r->nvictims == MD_SO_VICTIMS)
		return;
	nla_for_each_nested(a, nest, rem) {
		if (nla_type(a) == MEMDIAG_A_SWAPOFF_VICTIM_PID)
			r->victims[r->nvictims].pid = nla_get_u32(a);
		else if (nla_type(a) == MEMDIAG_A_SWAPOFF_VICTIM_COMM)
			md_nla_str(r->victims[r->nvictims].comm,
				   sizeof(r->victims[0].comm), a);
	}
	r->nvictims++;
}

static void md_swapoff_attr(struct md_swapoff *r, struct nlattr *a)
{
	switch (nla_type(a)) {
	case MEMDIAG_A_SWAPOFF_SEQ:
		r->seq = nla_get_u64(a);
		break;
	case MEMDIAG_A_SWAPOFF_START_NS:
		r->start_ns = nla_get_u64(a);
		break;
	case MEMDIAG_A_SWAPOFF_START_REAL_NS:
		r->start_real_ns = nla_get_u64(a);
		break;
	case MEMDIAG_A_SWAPOFF_END_NS:
		r->end_ns = nla_get_u64(a);
		break;
	case MEMDIAG_A_SWAPOFF_PID:
		r->pid = nla_get_u32(a);
		break;
	case MEMDIAG_A_SWAPOFF_COMM:
		md_nla_str(r->comm, sizeof(r->comm), a);
		break;
	case MEMDIAG_A_SWAPOFF_PATH:
		md_nla_str(r->path, sizeof(r->path), a);
		break;
	case MEMDIAG_A_SWAPOFF_RESULT:
		r->result = (int32_t)nla_get_u32(a);
		break;
	case MEMDIAG_A_SWAPOFF_CAUSE:
		r->cause = nla_get_u32(a);
		break;
	case MEMDIAG_A_SWAPOFF_AREA_PAGES:
		r->area_pages = nla_get_u64(a);
		r->has_area = true;
		break;
	case MEMDIAG_A_SWAPOFF_COMMIT_RESULT:
		r->has_commit = true;
		r->commit_result = (int32_t)nla_get_u32(a);
		break;
	case MEMDIAG_A_SWAPOFF_COMMITTED_PAGES:
		r->committed_pages = nla_get_u64(a);
		break;
	case MEMDIAG_A_SWAPOFF_SWAPPED_IN:
		r->swapped_in = nla_get_u64(a);
		break;
	case MEMDIAG_A_SWAPOFF_CHARGE_FAILURES:
		r->charge_failures = nla_get_u64(a);
		break;
	case MEMDIAG_A_SWAPOFF_MEMCG_ID:
		r->has_memcg = true;
		break;
	case MEMDIAG_A_SWAPOFF_MEMCG_PATH:
		md_nla_str(r->memcg, sizeof(r->memcg), a);
		break;
	case MEMDIAG_A_SWAPOFF_MEMCG_MAX:
		r->memcg_max = nla_get_u64(a);
		break;
	case MEMDIAG_A_SWAPOFF_MEMCG_USAGE:
		r->memcg_usage = nla_get_u64(a);
		break;
	case MEMDIAG_A_SWAPOFF_VICTIM:
		md_victim_parse(r, a);
		break;
	case MEMDIAG_A_SWAPOFF_OUTCOME:
		r->outcome = nla_get_u32(a);
		r->has_outcome = true;
		break;
	case MEMDIAG_A_SWAPOFF_RESTART_OF:
		r->restart_of = nla_get_u64(a);
		break;
	}
}

static int md_swapoff_reply(struct nlmsghdr *nlh, void *arg)
{
	struct md_swapoffs *rs = arg;
	struct genlmsghdr *gnlh;
	struct nlattr *a;
	int rem;

	if (!genlmsg_valid_hdr(nlh, 0))
		return -EBADMSG;
	if (md_grow(&rs->v, rs->n, &rs->cap, sizeof(*rs->v), 16))
		return -ENOMEM;
	memset(&rs->v[rs->n], 0, sizeof(rs->v[0]));
	gnlh = genlmsg_hdr(nlh);
	nla_for_each_attr(a, genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0), rem)
		md_swapoff_attr(&rs->v[rs->n], a);
	rs->n++;
	return 0;
}

/* ---- words ---------------------------------------------------------------- */

static const char *md_cause_name(uint32_t c)
{
	const char *name = md_swapoff_cause_name(c);

	return name ? name : "unknown";
}

static const char *md_outcome_name(const struct md_swapoff *r)
{
	const char *name;

	if (!r->has_outcome)
		return NULL;
	name = md_swapoff_outcome_name(r->outcome);
	return name ? name : "unknown";
}

static const char *md_errno_name(int32_t r)
{
	const char *name = md_kernel_errno_name(r);

	if (name)
		return name;
	switch (-r) {
	case 0: return "0";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EINTR: return "EINTR";
	case ENOMEM: return "ENOMEM";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EINVAL: return "EINVAL";
	}
	return "other";
}

static char *md_pages(uint64_t pages, bool exact)
{
	return md_size_str(pages * md_page_size(), exact);
}

#define MD_WHY_COMMIT \
	"commit accounting (vm.overcommit_memory=2): Committed_AS %s would not fit under CommitLimit once the area's %s is gone; lower Committed_AS or raise vm.overcommit_ratio/_kbytes"
#define MD_WHY_MEMCG \
	"memory cgroup %s at %s %s (usage %s) could not take back its swapped pages; %u OOM victim(s)%s%s"
#define MD_WHY_MEMCG_MEMSW \
	"memory cgroup %s at its memory.memsw.limit_in_bytes (memory + swap; memory.limit_in_bytes %s, usage %s, had room) could not take back its swapped pages; %u OOM victim(s)%s%s"
#define MD_WHY_MEMCG_NOOOM \
	"a memory cgroup refused %" PRIu64 " swap-in charge(s) without running its OOM killer, so the record does not say which%s; %u OOM victim(s) (memdiagctl swap check names the groups that cannot take their pages back)"

static const char *md_outcome_why(const struct md_swapoff *r)
{
	if (!r->has_outcome)
		return "what the caller got was not recorded";
	switch (r->outcome) {
	case MEMDIAG_SWAPOFF_OUTCOME_EINTR:
		return "the caller got EINTR";
	case MEMDIAG_SWAPOFF_OUTCOME_RESTARTED:
		return "the kernel restarted the call (the record naming this one as restart-of)";
	case MEMDIAG_SWAPOFF_OUTCOME_KILLED:
		return "the caller was killed";
	}
	return "what the caller got is unknown";
}

/* The cause in one sentence, with the numbers that explain it. */
static char *md_why1(const struct md_swapoff *r, bool exact)
{
	char *a = NULL, *b = NULL, *s = NULL;
	int ret = -1;

	switch (r->cause) {
	case MEMDIAG_SWAPOFF_CAUSE_SUCCESS:
		ret = asprintf(&s, "removed; %" PRIu64 " swap-ins charged",
			       r->swapped_in);
		break;
	case MEMDIAG_SWAPOFF_CAUSE_COMMIT:
		a = md_pages(r->committed_pages, exact);
		/* The size is known only with memdiag's commit_pages=1. */
		b = r->has_area ? md_pages(r->area_pages, exact) : strdup("size");
		if (a && b)
			ret = asprintf(&s, MD_WHY_COMMIT, a, b);
		break;
	case MEMDIAG_SWAPOFF_CAUSE_MEMCG:
		if (!r->has_memcg) {
			/* The group is known from its OOM only (memdiag_swapoff.c). */
			ret = asprintf(&s, MD_WHY_MEMCG_NOOOM, r->charge_failures,
				       md_memcg()->v1 ?
				       " (on cgroup v1, memory.oom_control oom_kill_disable 1 does that)" :
				       "", r->nvictims);
			break;
		}
		a = md_pages(r->memcg_max, exact);
		b = md_pages(r->memcg_usage, exact);
		if (!a || !b)
			break;
		/*
		 * v1 swap-ins charge memory and memory+swap: with room left
		 * under the memory limit (more than a charge batch and what
		 * reclaim took back), memsw's was the one reached.
		 */
		if (md_memcg()->v1 && r->memcg_max > r->memcg_usage + 512)
			ret = asprintf(&s, MD_WHY_MEMCG_MEMSW,
				       r->memcg[0] ? r->memcg : "(gone)", a, b,
				       r->nvictims, r->nvictims ? ", first " : "",
				       r->nvictims ? r->victims[0].comm : "");
		else
			ret = asprintf(&s, MD_WHY_MEMCG,
				       r->memcg[0] ? r->memcg : "(gone)",
				       md_memcg_limit_file(), a, b,
				       r->nvictims, r->nvictims ? ", first " : "",
				       r->nvictims ? r->victims[0].comm : "");
		break;
	case MEMDIAG_SWAPOFF_CAUSE_NOMEM_OTHER:
		ret = asprintf(&s, "ENOMEM neither from the commit check nor a memory cgroup");
		break;
	case MEMDIAG_SWAPOFF_CAUSE_SIGNAL:
		ret = asprintf(&s, "a signal was pending during the swap-in (%s): %s",
			       md_errno_name(r->result), md_outcome_why(r));
		break;
	case MEMDIAG_SWAPOFF_CAUSE_OOM_VICTIM:
		ret = asprintf(&s, "swapoff was the OOM killer's own victim: the system ran out of memory swapping pages back in, and swapoff runs as oom_origin, the first choice; %s",
			       md_outcome_why(r));
		break;
	default:
		ret = asprintf(&s, "refused before any work (%s)",
			       md_errno_name(r->result));
	}
	free(a);
	free(b);
	return ret < 0 ? NULL : s;
}

/* md_why1, and whether the call restarts another or its caller died. */
static char *md_why(const struct md_swapoff *r, bool exact)
{
	char *s = md_why1(r, exact), *t = NULL;
	const char *killed = r->has_outcome &&
		r->outcome == MEMDIAG_SWAPOFF_OUTCOME_KILLED &&
		r->cause != MEMDIAG_SWAPOFF_CAUSE_SIGNAL &&
		r->cause != MEMDIAG_SWAPOFF_CAUSE_OOM_VICTIM ?
		"; the caller was killed" : "";
	char of[40] = "";

	if (!s || (!r->restart_of && !killed[0]))
		return s;
	if (r->restart_of)
		snprintf(of, sizeof(of), " (restart of %" PRIu64 ")",
			 r->restart_of);
	if (asprintf(&t, "%s%s%s", s, killed, of) < 0)
		t = NULL;
	free(s);
	return t;
}

/* ---- output --------------------------------------------------------------- */

enum {
	SCOL_SEQ, SCOL_TIME, SCOL_DEVICE, SCOL_RESULT, SCOL_CAUSE,
	SCOL_DURATION, SCOL_PID, SCOL_COMM, SCOL_MEMCG, SCOL_VICTIMS,
	SCOL_OUTCOME, SCOL_RESTART_OF, SCOL_WHY,
};

static const struct md_col md_swapoff_cols[] = {
	[SCOL_SEQ]	= { "SEQ", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "sequence number" },
	[SCOL_TIME]	= { "TIME", 0, 0, SCOLS_JSON_STRING, true,
			    "when it started (wall clock)" },
	[SCOL_DEVICE]	= { "DEVICE", 0, 0, SCOLS_JSON_STRING, true,
			    "the path swapoff was given" },
	[SCOL_RESULT]	= { "RESULT", 0, 0, SCOLS_JSON_STRING, true,
			    "0 or the errno name the kernel returned (ERESTARTSYS too)" },
	[SCOL_CAUSE]	= { "CAUSE", 0, 0, SCOLS_JSON_STRING, true,
			    "success, refused, commit, memcg, nomem-other, signal or oom-victim" },
	[SCOL_DURATION]	= { "DURATION", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			    "how long the call took" },
	[SCOL_PID]	= { "PID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			    "the caller" },
	[SCOL_COMM]	= { "COMM", 0, 0, SCOLS_JSON_STRING, true, "the caller" },
	[SCOL_MEMCG]	= { "MEMCG", 0, 0, SCOLS_JSON_STRING, false,
			    "the memory cgroup at its limit" },
	[SCOL_VICTIMS]	= { "VICTIMS", 0, 0, SCOLS_JSON_STRING, false,
			    "OOM victims the attempt caused (pid:comm)" },
	[SCOL_OUTCOME]	= { "OUTCOME", 0, 0, SCOLS_JSON_STRING, false,
			    "what the caller got when a signal ended the call: EINTR, restarted, killed or unknown" },
	[SCOL_RESTART_OF] = { "RESTART-OF", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			    "the call this one restarts (its SEQ)" },
	[SCOL_WHY]	= { "WHY", 0, SCOLS_FL_WRAP, SCOLS_JSON_STRING, true,
			    "the cause in words, with its numbers" },
};

static char *md_victims_str(const struct md_swapoff *r)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);
	unsigned int i;

	if (!f)
		return NULL;
	for (i = 0; i < r->nvictims; i++)
		fprintf(f, "%s%u:%s", i ? "," : "", r->victims[i].pid,
			r->victims[i].comm);
	if (fclose(f)) {
		free(s);
		return NULL;
	}
	return s;
}

static int md_swapoff_cell(struct libscols_line *ln, size_t cell, int col,
			   const void *row, const void *ctx,
			   const struct md_opts *o)
{
	const struct md_swapoff *r = row;
	char *s = NULL;

	(void)ctx;
	switch (col) {
	case SCOL_SEQ:
		return md_cell_printf(ln, cell, "%" PRIu64, r->seq);
	case SCOL_PID:
		return md_cell_printf(ln, cell, "%u", r->pid);
	case SCOL_DEVICE:
		return md_cell_set(ln, cell, r->path, false);
	case SCOL_COMM:
		return md_cell_set(ln, cell, r->comm, false);
	case SCOL_RESULT:
		return md_cell_set(ln, cell, md_errno_name(r->result), false);
	case SCOL_CAUSE:
		return md_cell_set(ln, cell, md_cause_name(r->cause), false);
	case SCOL_MEMCG:
		return r->has_memcg ? md_cell_set(ln, cell, r->memcg, false) : 0;
	case SCOL_OUTCOME:
		return r->has_outcome ?
			md_cell_set(ln, cell, md_outcome_name(r), false) : 0;
	case SCOL_RESTART_OF:
		return r->restart_of ?
			md_cell_printf(ln, cell, "%" PRIu64, r->restart_of) : 0;
	case SCOL_DURATION:
		if (o->raw)
			return md_cell_printf(ln, cell, "%" PRIu64,
					      r->end_ns - r->start_ns);
		return md_cell_printf(ln, cell, "%.3fs",
				      (r->end_ns - r->start_ns) / 1e9);
	case SCOL_TIME:
		s = md_time_iso(r->start_real_ns);
		break;
	case SCOL_VICTIMS:
		s = md_victims_str(r);
		break;
	case SCOL_WHY:
		s = md_why(r, o->bytes);
		break;
	}
	return md_cell_take(ln, cell, s);
}

static int md_swapoff_json(const struct md_swapoffs *rs, bool exact)
{
	struct md_json j;
	size_t i;
	unsigned int k;

	md_json_begin(&j, stdout);
	md_json_arr_begin(&j, "swapoff");
	for (i = 0; i < rs->n; i++) {
		const struct md_swapoff *r = &rs->v[i];
		char *t = md_time_iso(r->start_real_ns), *why = md_why(r, exact);
		char code[16];

		snprintf(code, sizeof(code), "%d", r->result);

		if (!t || !why) {
			free(t);
			free(why);
			return -ENOMEM;
		}
		md_json_obj_begin(&j, NULL);
		md_json_u64(&j, "seq", r->seq);
		md_json_str(&j, "time", t);
		md_json_str(&j, "device", r->path);
		md_json_str(&j, "result", md_errno_name(r->result));
		md_json_str(&j, "cause", md_cause_name(r->cause));
		md_json_u64(&j, "duration-ns", r->end_ns - r->start_ns);
		md_json_u64(&j, "pid", r->pid);
		md_json_str(&j, "comm", r->comm);
		if (r->has_commit) {
			if (r->has_area)
				md_json_u64(&j, "area-pages", r->area_pages);
			else
				md_json_null(&j, "area-pages");
			md_json_bool(&j, "commit-ok", r->commit_result == 0);
			md_json_u64(&j, "committed-pages", r->committed_pages);
		} else {
			md_json_null(&j, "area-pages");
			md_json_null(&j, "commit-ok");
			md_json_null(&j, "committed-pages");
		}
		md_json_u64(&j, "swapped-in", r->swapped_in);
		md_json_u64(&j, "charge-failures", r->charge_failures);
		if (r->has_memcg) {
			md_json_str(&j, "memcg", r->memcg);
			md_json_u64(&j, "memcg-max-pages", r->memcg_max);
			md_json_u64(&j, "memcg-usage-pages", r->memcg_usage);
		} else {
			md_json_null(&j, "memcg");
			md_json_null(&j, "memcg-max-pages");
			md_json_null(&j, "memcg-usage-pages");
		}
		md_json_arr_begin(&j, "victims");
		for (k = 0; k < r->nvictims; k++) {
			md_json_obj_begin(&j, NULL);
			md_json_u64(&j, "pid", r->victims[k].pid);
			md_json_str(&j, "comm", r->victims[k].comm);
			md_json_obj_end(&j);
		}
		md_json_arr_end(&j);
		md_json_number(&j, "code", code);
		if (r->has_outcome)
			md_json_str(&j, "outcome", md_outcome_name(r));
		else
			md_json_null(&j, "outcome");
		if (r->restart_of)
			md_json_u64(&j, "restart-of", r->restart_of);
		else
			md_json_null(&j, "restart-of");
		md_json_str(&j, "why", why);
		md_json_obj_end(&j);
		free(t);
		free(why);
	}
	md_json_arr_end(&j);
	md_json_end(&j);
	return 0;
}

static int md_swapoff_log_run(const struct md_opts *o)
{
	struct md_swapoffs rs = { 0 };
	struct md_nl nl;
	int ret;

	ret = md_nl_open(&nl, o->family);
	if (ret)
		return ret;
	ret = md_nl_call(&nl, "get-swapoff",
			 md_nl_req(&nl, MEMDIAG_CMD_GET_SWAPOFF, NLM_F_DUMP),
			 md_swapoff_reply, &rs);
	md_nl_close(&nl);
	if (!ret) {
		ret = o->json ? md_swapoff_json(&rs, o->bytes) :
				md_rows_print(o, "swapoff", md_swapoff_cols, rs.v,
					      rs.n, sizeof(*rs.v),
					      md_swapoff_cell, NULL);
		if (ret) {
			md_err("cannot print the swapoff log: %s", strerror(-ret));
			ret = MD_EXIT_ERROR;
		}
	}
	free(rs.v);
	return ret;
}

const struct md_cmd md_cmd_swapoff_log = {
	.name	  = "swapoff-log",
	.help	  = " swapoff-log            the last swapoff attempts and why each ended as it did\n",
	.cols	  = md_swapoff_cols,
	.ncols	  = ARRAY_SIZE(md_swapoff_cols),
	.colswhat = "the swapoff log",
	.run	  = md_swapoff_log_run,
};
