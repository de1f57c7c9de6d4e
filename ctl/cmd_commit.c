// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl commit - the last commit-accounting rejections (GET_COMMIT,
 * admin only), oldest first: who asked for how much, the commit state and
 * overcommit mode at that moment, and the reason in words. With the
 * module's limit_probes=1 the same ring also holds the refusals by
 * RLIMIT_AS, RLIMIT_DATA and vm.max_map_count (CAUSE; CALL, HIT and MAPS
 * say which call, the limit it hit and the process's mappings).
 * --json: {"commit": [{"seq": 1, "time": "...", "pid": ..., "comm": ...,
 * "cause": ..., "asked": ..., "committed": ..., "limit": ..., "mode": ...,
 * "why": ...}]}; sizes are strings unless --bytes.
 */
#include <inttypes.h>
#include <string.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "mmrec.h"
#include "output.h"

enum {
	CCOL_SEQ, CCOL_TIME, CCOL_PID, CCOL_COMM, CCOL_CGROUP, CCOL_CAUSE,
	CCOL_CALL, CCOL_ASKED, CCOL_COMMITTED, CCOL_LIMIT, CCOL_MODE, CCOL_RATIO,
	CCOL_KBYTES, CCOL_HIT, CCOL_MAPS, CCOL_WHY,
};

static const struct md_col md_commit_cols[] = {
	[CCOL_SEQ]	 = { "SEQ", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			     "sequence number" },
	[CCOL_TIME]	 = { "TIME", 0, 0, SCOLS_JSON_STRING, true,
			     "when (wall clock)" },
	[CCOL_PID]	 = { "PID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			     "the refused task" },
	[CCOL_COMM]	 = { "COMM", 0, 0, SCOLS_JSON_STRING, true, "its name" },
	[CCOL_CGROUP]	 = { "CGROUP", 0, 0, SCOLS_JSON_STRING, false,
			     "its memory cgroup" },
	[CCOL_CAUSE]	 = { "CAUSE", 0, 0, SCOLS_JSON_STRING, true,
			     "commit, rlimit-as, rlimit-data or map-count" },
	[CCOL_CALL]	 = { "CALL", 0, 0, SCOLS_JSON_STRING, false,
			     "the refused call (limit_probes records)" },
	[CCOL_ASKED]	 = { "ASKED", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			     "memory it asked to commit" },
	[CCOL_COMMITTED] = { "COMMITTED", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			     "Committed_AS then, the request included" },
	[CCOL_LIMIT]	 = { "LIMIT", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			     "CommitLimit then" },
	[CCOL_MODE]	 = { "MODE", 0, 0, SCOLS_JSON_STRING, true,
			     "vm.overcommit_memory then" },
	[CCOL_RATIO]	 = { "RATIO", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			     "vm.overcommit_ratio then" },
	[CCOL_KBYTES]	 = { "KBYTES", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			     "vm.overcommit_kbytes then" },
	[CCOL_HIT]	 = { "HIT", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, false,
			     "the limit hit: RLIMIT_AS or RLIMIT_DATA, or vm.max_map_count" },
	[CCOL_MAPS]	 = { "MAPS", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, false,
			     "the process's mappings then (limit_probes records)" },
	[CCOL_WHY]	 = { "WHY", 0, SCOLS_FL_WRAP, SCOLS_JSON_STRING, true,
			     "the reason in words, with its numbers" },
};

static char *md_commit_cell(const struct md_rec *r, int col, const struct md_opts *o)
{
	char *s = NULL;
	int ret = 0;

	switch (col) {
	case CCOL_SEQ:
		ret = asprintf(&s, "%" PRIu64, r->v[MEMDIAG_A_COMMIT_SEQ]);
		break;
	case CCOL_TIME:
		return md_time_iso(r->v[MEMDIAG_A_COMMIT_REAL_NS]);
	case CCOL_PID:
		ret = asprintf(&s, "%" PRIu64, r->v[MEMDIAG_A_COMMIT_PID]);
		break;
	case CCOL_COMM:
		return strdup(r->s[MEMDIAG_A_COMMIT_COMM] ? r->s[MEMDIAG_A_COMMIT_COMM] : "");
	case CCOL_CGROUP:
		return strdup(md_rec_cgroup(r, MEMDIAG_A_COMMIT_CGROUP_PATH,
					    MEMDIAG_A_COMMIT_CGROUP_ID));
	case CCOL_CAUSE:
		return strdup(md_commit_cause_name(r));
	case CCOL_CALL:
		return strdup(md_mm_call_name(r));
	case CCOL_HIT:
		if (!MD_REC_HAS(r, MEMDIAG_A_COMMIT_LIMIT))
			return strdup("");
		if (r->v[MEMDIAG_A_COMMIT_CAUSE] == MEMDIAG_COMMIT_CAUSE_MAP_COUNT)
			break;
		return md_size_str(r->v[MEMDIAG_A_COMMIT_LIMIT], o->bytes);
	case CCOL_MAPS:
		if (!MD_REC_HAS(r, MEMDIAG_A_COMMIT_MAP_COUNT))
			return strdup("");
		ret = asprintf(&s, "%" PRIu64, r->v[MEMDIAG_A_COMMIT_MAP_COUNT]);
		break;
	case CCOL_ASKED:
		if (!MD_REC_HAS(r, MEMDIAG_A_COMMIT_PAGES))
			return strdup("");
		return md_pages_str(r->v[MEMDIAG_A_COMMIT_PAGES], o->bytes);
	case CCOL_COMMITTED:
		return md_pages_str(r->v[MEMDIAG_A_COMMIT_COMMITTED], o->bytes);
	case CCOL_LIMIT:
		if (!MD_REC_HAS(r, MEMDIAG_A_COMMIT_COMMIT_LIMIT))
			return strdup("");
		return md_pages_str(r->v[MEMDIAG_A_COMMIT_COMMIT_LIMIT], o->bytes);
	case CCOL_MODE:
		return strdup(MD_REC_HAS(r, MEMDIAG_A_COMMIT_MODE) ?
			      md_overcommit_mode_name(r->v[MEMDIAG_A_COMMIT_MODE]) : "");
	case CCOL_RATIO:
		ret = asprintf(&s, "%" PRIu64, r->v[MEMDIAG_A_COMMIT_RATIO]);
		break;
	case CCOL_KBYTES:
		ret = asprintf(&s, "%" PRIu64, r->v[MEMDIAG_A_COMMIT_KBYTES]);
		break;
	case CCOL_WHY:
		return md_commit_why(r, o->bytes);
	}
	if (col == CCOL_HIT)	/* vm.max_map_count: a number */
		ret = asprintf(&s, "%" PRIu64, r->v[MEMDIAG_A_COMMIT_LIMIT]);
	return ret < 0 ? NULL : s;
}

static int md_commit_run(const struct md_opts *o)
{
	return md_recs_run(o, MEMDIAG_CMD_GET_COMMIT, "commit", md_commit_cols,
			   md_commit_cell, "the commit rejections");
}

const struct md_cmd md_cmd_commit = {
	.name	  = "commit",
	.help	  = " commit                 the last commit-accounting rejections (an mmap or\n"
		    "                        brk refused: ENOMEM) (needs CAP_NET_ADMIN); with\n"
		    "                        limit_probes=1 also RLIMIT_AS, RLIMIT_DATA and\n"
		    "                        vm.max_map_count refusals\n",
	.cols	  = md_commit_cols,
	.ncols	  = ARRAY_SIZE(md_commit_cols),
	.colswhat = "the commit rejections",
	.run	  = md_commit_run,
};
