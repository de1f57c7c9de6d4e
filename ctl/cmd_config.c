// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl config [--rate-limit <n>] [--stack-depth <n>]
 *
 * Without options: the runtime configuration, from GET_STATUS (open to
 * all). With options: SET_CONFIG (CAP_NET_ADMIN), then the configuration
 * the kernel replies with. Output is a one-row table whose columns -o
 * picks; JSON is {"config": {"rate-limit": 100, ...}}.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "nl.h"
#include "output.h"
#include "proto.h"

#define MD_STR_(x) #x
#define MD_STR(x) MD_STR_(x)

enum { CCOL_RATE_LIMIT, CCOL_STACK_DEPTH, CCOL_RING_SIZE };

static const struct md_col md_config_cols[] = {
	[CCOL_RATE_LIMIT]  = { "RATE-LIMIT", 0, SCOLS_FL_RIGHT,
			       SCOLS_JSON_NUMBER, true,
			       "detailed records per second before only counters are kept" },
	[CCOL_STACK_DEPTH] = { "STACK-DEPTH", 0, SCOLS_FL_RIGHT,
			       SCOLS_JSON_NUMBER, true,
			       "kernel stack frames saved per record; 0 saves none" },
	[CCOL_RING_SIZE]   = { "RING-SIZE", 0, SCOLS_FL_RIGHT,
			       SCOLS_JSON_NUMBER, true,
			       "records the ring holds (set at module load only)" },
};

enum { OPT_RATE_LIMIT = MD_OPT_CMD, OPT_STACK_DEPTH };

static const struct option md_config_opts[] = {
	{ "rate-limit",	 required_argument, NULL, OPT_RATE_LIMIT },
	{ "stack-depth", required_argument, NULL, OPT_STACK_DEPTH },
	{ NULL, 0, NULL, 0 }
};

/* What the command line asks to change. */
static struct md_config md_config_req;

static int md_config_opt(int c, const char *arg)
{
	int ret;

	switch (c) {
	case OPT_RATE_LIMIT:
		ret = md_opt_u32("--rate-limit", arg, MEMDIAG_RATE_LIMIT_MAX,
				 &md_config_req.rate_limit);
		if (!ret)
			md_config_req.present |= MD_CFG_RATE_LIMIT;
		return ret;
	case OPT_STACK_DEPTH:
		ret = md_opt_u32("--stack-depth", arg, MEMDIAG_STACK_DEPTH_MAX,
				 &md_config_req.stack_depth);
		if (!ret)
			md_config_req.present |= MD_CFG_STACK_DEPTH;
		return ret;
	}
	return MD_EXIT_USAGE;
}

/* ---- output ------------------------------------------------------------- */

static bool md_config_value(const struct md_config *cfg, int col, uint32_t *v)
{
	switch (col) {
	case CCOL_RATE_LIMIT:
		*v = cfg->rate_limit;
		return cfg->present & MD_CFG_RATE_LIMIT;
	case CCOL_STACK_DEPTH:
		*v = cfg->stack_depth;
		return cfg->present & MD_CFG_STACK_DEPTH;
	case CCOL_RING_SIZE:
		*v = cfg->ring_size;
		return cfg->present & MD_CFG_RING_SIZE;
	}
	return false;
}

static const char *md_config_key(int col)
{
	switch (col) {
	case CCOL_RATE_LIMIT:
		return "rate-limit";
	case CCOL_STACK_DEPTH:
		return "stack-depth";
	default:
		return "ring-size";
	}
}

static int md_config_table(FILE *out, const struct md_opts *o,
			   const struct md_config *cfg, const int *ids, size_t n)
{
	struct libscols_table *tb = md_table_new(o, "config", out);
	struct libscols_line *ln;
	size_t i;
	uint32_t v;
	int ret = -ENOMEM;

	if (!tb)
		return -ENOMEM;
	if (md_table_add_cols(tb, md_config_cols, ids, n))
		goto out;
	ln = scols_table_new_line(tb, NULL);
	if (!ln)
		goto out;
	for (i = 0; i < n; i++)
		if (md_config_value(cfg, ids[i], &v) &&
		    md_cell_printf(ln, i, "%u", v))
			goto out;
	ret = scols_print_table(tb);
out:
	scols_unref_table(tb);
	return ret;
}

static void md_config_json(FILE *out, const struct md_config *cfg,
			   const int *ids, size_t n)
{
	struct md_json j;
	size_t i;
	uint32_t v;

	md_json_begin(&j, out);
	md_json_obj_begin(&j, "config");
	for (i = 0; i < n; i++) {
		if (md_config_value(cfg, ids[i], &v))
			md_json_u64(&j, md_config_key(ids[i]), v);
		else
			md_json_null(&j, md_config_key(ids[i]));
	}
	md_json_obj_end(&j);
	md_json_end(&j);
}

int md_config_print(FILE *out, const struct md_opts *o,
		    const struct md_config *cfg)
{
	const int *ids = o->columns;
	size_t n = o->ncolumns;
	int *dflt = NULL;
	int ret = 0;

	/* Callers other than main() may leave -o unresolved: defaults. */
	if (!ids) {
		ret = md_cols_parse("config", NULL, md_config_cols,
				    ARRAY_SIZE(md_config_cols), &dflt, &n);
		if (ret)
			return ret;
		ids = dflt;
	}
	if (o->json)
		md_config_json(out, cfg, ids, n);
	else
		ret = md_config_table(out, o, cfg, ids, n);
	free(dflt);
	if (ret) {
		md_err("cannot print the configuration: %s", strerror(-ret));
		return MD_EXIT_ERROR;
	}
	return 0;
}

/* ---- requests ----------------------------------------------------------- */

static int md_config_reply(struct nlmsghdr *nlh, void *arg)
{
	return md_config_reply_parse(nlh, arg);
}

static int md_set_config(struct md_nl *nl, const struct md_config *set,
			 struct md_config *res)
{
	struct nl_msg *req;
	int ret;

	req = md_nl_req(nl, MEMDIAG_CMD_SET_CONFIG, 0);
	if (!req)
		return md_err_nomem();
	ret = md_config_put(req, MEMDIAG_A_STATUS_CONFIG, set);
	if (ret) {
		nlmsg_free(req);
		md_err("set-config failed: cannot build the request: %s",
		       strerror(-ret));
		return MD_EXIT_ERROR;
	}
	return md_nl_call(nl, "set-config", req, md_config_reply, res);
}

static int md_config_run(const struct md_opts *o)
{
	struct md_status st = { 0 };
	struct md_config cfg = { 0 };
	const char *op;
	struct md_nl nl;
	int ret;

	ret = md_nl_open(&nl, o->family);
	if (ret)
		return ret;
	if (md_config_req.present) {
		op = "set-config";
		ret = md_set_config(&nl, &md_config_req, &cfg);
	} else {
		op = "get-status";
		ret = md_fetch_status(&nl, &st);
		cfg = st.config;
	}
	md_nl_close(&nl);
	if (!ret && !cfg.present) {
		md_err("%s failed: the kernel's reply holds no configuration",
		       op);
		ret = MD_EXIT_ERROR;
	}
	if (!ret)
		ret = md_config_print(stdout, o, &cfg);
	md_status_free(&st);
	return ret;
}

const struct md_cmd md_cmd_config = {
	.name	  = "config",
	.help	  = " config                 show the runtime configuration\n"
		    " config [--rate-limit <n>] [--stack-depth <n>]\n"
		    "                        change it (needs CAP_NET_ADMIN), then show it\n",
	.longopts = md_config_opts,
	.opthelp  = "     --rate-limit <n>   detailed records per second, 0 to "
		    MD_STR(MEMDIAG_RATE_LIMIT_MAX) "\n"
		    "     --stack-depth <n>  stack frames saved per record, 0 (none) to "
		    MD_STR(MEMDIAG_STACK_DEPTH_MAX) "\n",
	.cols	  = md_config_cols,
	.ncols	  = ARRAY_SIZE(md_config_cols),
	.colswhat = "the configuration table",
	.opt	  = md_config_opt,
	.run	  = md_config_run,
};
