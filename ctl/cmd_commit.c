// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl commit - the last commit-accounting rejections (GET_COMMIT,
 * admin only), oldest first: who asked for how much, the commit state and
 * overcommit mode at that moment, and the reason in words.
 * --json: {"commit": [{"seq": 1, "time": "...", "pid": ..., "comm": ...,
 * "cgroup": ..., "asked": ..., "committed": ..., "limit": ..., "mode": ...,
 * "why": ...}]}; sizes are strings unless --bytes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "mmrec.h"
#include "nl.h"
#include "output.h"

enum {
	CCOL_SEQ, CCOL_TIME, CCOL_PID, CCOL_COMM, CCOL_CGROUP, CCOL_ASKED,
	CCOL_COMMITTED, CCOL_LIMIT, CCOL_MODE, CCOL_RATIO, CCOL_KBYTES, CCOL_WHY,
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
			     "its cgroup (v2)" },
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
		return strdup(r->s[MEMDIAG_A_COMMIT_CGROUP_PATH] ?
			      r->s[MEMDIAG_A_COMMIT_CGROUP_PATH] : "");
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
	return ret < 0 ? NULL : s;
}

static int md_commit_print(const struct md_opts *o, const struct md_recs *rs)
{
	struct libscols_table *tb = md_table_new(o, "commit", stdout);
	size_t r, i;
	int ret = -ENOMEM;

	if (!tb)
		return -ENOMEM;
	if (md_table_add_cols(tb, md_commit_cols, o->columns, o->ncolumns))
		goto out;
	for (r = 0; r < rs->n; r++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			goto out;
		for (i = 0; i < o->ncolumns; i++) {
			char *s = md_commit_cell(&rs->v[r], o->columns[i], o);

			if (!s)
				goto out;
			ret = md_cell_set(ln, i, s, false);
			free(s);
			if (ret)
				goto out;
		}
	}
	ret = scols_print_table(tb);
out:
	scols_unref_table(tb);
	return ret;
}

static int md_commit_run(const struct md_opts *o)
{
	struct md_recs rs = { 0 };
	struct md_nl nl;
	int ret;

	ret = md_nl_open(&nl, o->family);
	if (ret)
		return ret;
	ret = md_recs_fetch(&nl, MEMDIAG_CMD_GET_COMMIT, &rs);
	md_nl_close(&nl);
	if (!ret && md_commit_print(o, &rs)) {
		md_err("cannot print the commit rejections: %s", strerror(ENOMEM));
		ret = MD_EXIT_ERROR;
	}
	md_recs_free(&rs);
	return ret;
}

const struct md_cmd md_cmd_commit = {
	.name	  = "commit",
	.help	  = " commit                 the last commit-accounting rejections (an mmap or\n"
		    "                        brk refused: ENOMEM) (needs CAP_NET_ADMIN)\n",
	.cols	  = md_commit_cols,
	.ncols	  = ARRAY_SIZE(md_commit_cols),
	.colswhat = "the commit rejections",
	.run	  = md_commit_run,
};
