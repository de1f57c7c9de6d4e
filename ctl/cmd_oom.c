// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl oom - the last OOM kills (GET_OOM, admin only), oldest first:
 * the victim and what it held, the domain that was out of memory, the
 * allocation that triggered it, and the reason in words.
 * --json: {"oom": [{"seq": 1, "time": "...", "pid": ..., "comm": ..., ...}]}
 * with the columns' names in lower case; sizes are strings unless --bytes.
 */
#include <inttypes.h>
#include <string.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "mmrec.h"
#include "output.h"

enum {
	OCOL_SEQ, OCOL_TIME, OCOL_PID, OCOL_COMM, OCOL_UID, OCOL_CGROUP,
	OCOL_CONSTRAINT, OCOL_MEMCG, OCOL_ANON, OCOL_FILE, OCOL_SHMEM, OCOL_SWAP,
	OCOL_PGTABLES, OCOL_ADJ, OCOL_POINTS, OCOL_TRIGGER, OCOL_ORDER, OCOL_GFP,
	OCOL_WHY,
};

static const struct md_col md_oom_cols[] = {
	[OCOL_SEQ]	  = { "SEQ", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			      "sequence number" },
	[OCOL_TIME]	  = { "TIME", 0, 0, SCOLS_JSON_STRING, true, "when (wall clock)" },
	[OCOL_PID]	  = { "PID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			      "the victim" },
	[OCOL_COMM]	  = { "COMM", 0, 0, SCOLS_JSON_STRING, true, "the victim's name" },
	[OCOL_UID]	  = { "UID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			      "the victim's uid" },
	[OCOL_CGROUP]	  = { "CGROUP", 0, 0, SCOLS_JSON_STRING, false,
			      "the victim's cgroup" },
	[OCOL_CONSTRAINT] = { "CONSTRAINT", 0, 0, SCOLS_JSON_STRING, true,
			      "global, memcg, cpuset or mempolicy" },
	[OCOL_MEMCG]	  = { "MEMCG", 0, 0, SCOLS_JSON_STRING, true,
			      "the memory cgroup that was out of memory" },
	[OCOL_ANON]	  = { "ANON", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			      "anonymous RSS" },
	[OCOL_FILE]	  = { "FILE", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, false,
			      "file RSS" },
	[OCOL_SHMEM]	  = { "SHMEM", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, false,
			      "shmem RSS" },
	[OCOL_SWAP]	  = { "SWAP", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			      "swapped out" },
	[OCOL_PGTABLES]	  = { "PGTABLES", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, false,
			      "page tables" },
	[OCOL_ADJ]	  = { "ADJ", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			      "oom_score_adj" },
	[OCOL_POINTS]	  = { "POINTS", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			      "the badness it was chosen with" },
	[OCOL_TRIGGER]	  = { "TRIGGER", 0, 0, SCOLS_JSON_STRING, true,
			      "pid:comm of the task whose allocation ran out" },
	[OCOL_ORDER]	  = { "ORDER", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			      "its allocation's order" },
	[OCOL_GFP]	  = { "GFP", 0, 0, SCOLS_JSON_STRING, false,
			      "its allocation's gfp mask" },
	[OCOL_WHY]	  = { "WHY", 0, SCOLS_FL_WRAP, SCOLS_JSON_STRING, true,
			      "the reason in words, with its numbers" },
};

static char *md_strdup0(const char *s)
{
	return strdup(s ? s : "");
}

static char *md_oom_cell(const struct md_rec *r, int col, const struct md_opts *o)
{
	char *s = NULL;
	int ret = 0;

	switch (col) {
	case OCOL_SEQ:
		ret = asprintf(&s, "%" PRIu64, r->v[MEMDIAG_A_OOM_SEQ]);
		break;
	case OCOL_TIME:
		return md_time_iso(r->v[MEMDIAG_A_OOM_REAL_NS]);
	case OCOL_PID:
		ret = asprintf(&s, "%" PRIu64, r->v[MEMDIAG_A_OOM_PID]);
		break;
	case OCOL_COMM:
		return md_strdup0(r->s[MEMDIAG_A_OOM_COMM]);
	case OCOL_UID:
		ret = asprintf(&s, "%" PRIu64, r->v[MEMDIAG_A_OOM_UID]);
		break;
	case OCOL_CGROUP:
		return strdup(md_rec_cgroup(r, MEMDIAG_A_OOM_CGROUP_PATH, MEMDIAG_A_OOM_CGROUP_ID));
	case OCOL_CONSTRAINT:
		return strdup(md_constraint_name(r->v[MEMDIAG_A_OOM_CONSTRAINT]));
	case OCOL_MEMCG:
		return strdup(md_rec_cgroup(r, MEMDIAG_A_OOM_MEMCG_PATH, MEMDIAG_A_OOM_MEMCG_ID));
	case OCOL_ANON:
		return md_pages_str(r->v[MEMDIAG_A_OOM_ANON_RSS], o->bytes);
	case OCOL_FILE:
		return md_pages_str(r->v[MEMDIAG_A_OOM_FILE_RSS], o->bytes);
	case OCOL_SHMEM:
		return md_pages_str(r->v[MEMDIAG_A_OOM_SHMEM_RSS], o->bytes);
	case OCOL_SWAP:
		return md_pages_str(r->v[MEMDIAG_A_OOM_SWAP_ENTS], o->bytes);
	case OCOL_PGTABLES:
		return md_size_str(r->v[MEMDIAG_A_OOM_PGTABLES_BYTES], o->bytes);
	case OCOL_ADJ:
		ret = asprintf(&s, "%d", (int32_t)r->v[MEMDIAG_A_OOM_OOM_SCORE_ADJ]);
		break;
	case OCOL_POINTS:
		ret = asprintf(&s, "%" PRId64, (int64_t)r->v[MEMDIAG_A_OOM_POINTS]);
		break;
	case OCOL_TRIGGER:
		ret = asprintf(&s, "%" PRIu64 ":%s", r->v[MEMDIAG_A_OOM_TRIGGER_PID],
			       r->s[MEMDIAG_A_OOM_TRIGGER_COMM] ?
			       r->s[MEMDIAG_A_OOM_TRIGGER_COMM] : "");
		break;
	case OCOL_ORDER:
		ret = asprintf(&s, "%d", (int32_t)r->v[MEMDIAG_A_OOM_ORDER]);
		break;
	case OCOL_GFP:
		return md_strdup0(r->s[MEMDIAG_A_OOM_GFP_NAMES]);
	case OCOL_WHY:
		return md_oom_why(r, o->bytes);
	}
	return ret < 0 ? NULL : s;
}

static int md_oom_run(const struct md_opts *o)
{
	return md_recs_run(o, MEMDIAG_CMD_GET_OOM, "oom", md_oom_cols,
			   md_oom_cell, "the OOM kills");
}

const struct md_cmd md_cmd_oom = {
	.name	  = "oom",
	.help	  = " oom                    the last OOM kills: victim, what it held, why\n"
		    "                        (needs CAP_NET_ADMIN)\n",
	.cols	  = md_oom_cols,
	.ncols	  = ARRAY_SIZE(md_oom_cols),
	.colswhat = "the OOM kills",
	.run	  = md_oom_run,
};
