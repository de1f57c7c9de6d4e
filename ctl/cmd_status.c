// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl status - what GET_STATUS reports.
 *
 * Text output: a FIELD/VALUE table (version, kernel, family-version,
 * memory, loaded, rate-limit, stack-depth, ring-size), a blank line, then a
 * table of features; -o picks the columns of the features table.
 *
 * JSON output: one object,
 *   {"status": {"version": "0.1.0", ..., "memory": <bytes>,
 *               "loaded-ns": <CLOCK_BOOTTIME ns>, "loaded-ago-ns": <ns>, ...},
 *    "features": [{"feature": "netlink", "state": "ok", "message": null}]}
 * Numbers are JSON numbers, exact whatever --bytes says; absent values are
 * null. The features array is libsmartcols' JSON for the features table.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "nl.h"
#include "output.h"
#include "proto.h"

enum { FCOL_ID, FCOL_FEATURE, FCOL_STATE, FCOL_MESSAGE };

static const struct md_col md_feature_cols[] = {
	[FCOL_ID]	= { "ID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			    "feature number" },
	[FCOL_FEATURE]	= { "FEATURE", 0, 0, SCOLS_JSON_STRING, true,
			    "feature name" },
	[FCOL_STATE]	= { "STATE", 0, 0, SCOLS_JSON_STRING, true,
			    "ok, disabled, unavailable or failed" },
	[FCOL_MESSAGE]	= { "MESSAGE", 0, 0, SCOLS_JSON_STRING, true,
			    "why the feature is not ok" },
};

static int md_status_reply(struct nlmsghdr *nlh, void *arg)
{
	struct md_status *st = arg;

	/* One reply is expected; never leak an earlier one. */
	md_status_free(st);
	return md_status_parse(nlh, st);
}

/* GET_STATUS into @st (zeroed by the caller). Returns 0 or an exit code. */
int md_fetch_status(struct md_nl *nl, struct md_status *st)
{
	int ret;

	ret = md_nl_call(nl, "get-status",
			 md_nl_req(nl, MEMDIAG_CMD_GET_STATUS, 0),
			 md_status_reply, st);
	if (ret)
		return ret;
	if (st->present & MD_ST_FAMILY_VERSION)
		md_nl_check_version(nl, st->family_version);
	return 0;
}

/* ---- text --------------------------------------------------------------- */

/* A FIELD/VALUE row with FIELD set; NULL if out of memory. */
static struct libscols_line *md_kv(struct libscols_table *tb, const char *field)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);

	if (ln && scols_line_set_data(ln, 0, field))
		return NULL;
	return ln;
}

/* A row whose VALUE is @val, or empty if NULL (attribute absent). */
static int md_kv_str(struct libscols_table *tb, const char *field,
		     const char *val)
{
	struct libscols_line *ln = md_kv(tb, field);

	return ln ? md_cell_set(ln, 1, val, false) : -ENOMEM;
}

static int md_kv_u32(struct libscols_table *tb, const char *field,
		     bool present, uint32_t val)
{
	struct libscols_line *ln = md_kv(tb, field);

	if (!ln)
		return -ENOMEM;
	return present ? md_cell_printf(ln, 1, "%u", val) : 0;
}

static int md_status_table(FILE *out, const struct md_opts *o,
			   const struct md_status *st, uint64_t now_ns)
{
	const struct md_config *cfg = &st->config;
	bool has_cfg = st->present & MD_ST_CONFIG;
	struct libscols_table *tb;
	char *loaded = NULL, *mem = NULL;
	int ret = -ENOMEM;

	tb = md_table_new(o, "status", out);
	if (!tb)
		return -ENOMEM;
	if (!scols_table_new_column(tb, "FIELD", 0, 0) ||
	    !scols_table_new_column(tb, "VALUE", 0, 0))
		goto out;

	if (st->present & MD_ST_MEM_BYTES) {
		mem = md_size_str(st->mem_bytes, o->bytes);
		if (!mem)
			goto out;
	}
	/* CLOCK_BOOTTIME keeps counting in suspend, like LOADED_NS. */
	if ((st->present & MD_ST_LOADED_NS) && now_ns) {
		loaded = md_age_str(now_ns > st->loaded_ns ?
				    now_ns - st->loaded_ns : 0);
		if (!loaded)
			goto out;
	}
	if (md_kv_str(tb, "version", st->version) ||
	    md_kv_str(tb, "kernel", st->kernel_release) ||
	    md_kv_u32(tb, "family-version",
		      st->present & MD_ST_FAMILY_VERSION, st->family_version) ||
	    md_kv_str(tb, "memory", mem) ||
	    md_kv_str(tb, "loaded", loaded) ||
	    md_kv_u32(tb, "rate-limit",
		      has_cfg && (cfg->present & MD_CFG_RATE_LIMIT),
		      cfg->rate_limit) ||
	    md_kv_u32(tb, "stack-depth",
		      has_cfg && (cfg->present & MD_CFG_STACK_DEPTH),
		      cfg->stack_depth) ||
	    md_kv_u32(tb, "ring-size",
		      has_cfg && (cfg->present & MD_CFG_RING_SIZE),
		      cfg->ring_size))
		goto out;
	ret = scols_print_table(tb);
out:
	free(mem);
	free(loaded);
	scols_unref_table(tb);
	return ret;
}

/* ---- features table (text and JSON) ------------------------------------- */

static int md_feature_line(struct libscols_table *tb, const struct md_feature *f,
			   const int *ids, size_t n, bool json)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	const char *state;
	size_t i;
	int ret = 0;

	if (!ln)
		return -ENOMEM;
	for (i = 0; i < n && !ret; i++) {
		switch (ids[i]) {
		case FCOL_ID:
			if (f->has_id)
				ret = md_cell_printf(ln, i, "%u", f->id);
			break;
		case FCOL_FEATURE:
			ret = md_cell_set(ln, i, f->name, json);
			break;
		case FCOL_STATE:
			if (!f->has_state)
				break;
			state = md_feature_state_name(f->state);
			if (state)
				ret = scols_line_set_data(ln, i, state);
			else
				ret = md_cell_printf(ln, i, "unknown(%u)",
						     f->state);
			break;
		case FCOL_MESSAGE:
			ret = md_cell_set(ln, i, f->message, json);
			break;
		}
	}
	return ret;
}

static struct libscols_table *md_features_table(FILE *out,
						const struct md_opts *o,
						const struct md_status *st)
{
	const int *ids = o->columns;
	size_t n = o->ncolumns, i;
	struct libscols_table *tb;
	int *dflt = NULL;

	/* Callers other than main() may leave -o unresolved: defaults. */
	if (!ids) {
		if (md_cols_parse("status", NULL, md_feature_cols,
				  ARRAY_SIZE(md_feature_cols), &dflt, &n))
			return NULL;
		ids = dflt;
	}
	tb = md_table_new(o, "features", out);
	if (!tb || md_table_add_cols(tb, md_feature_cols, ids, n))
		goto fail;
	for (i = 0; i < st->nr_features; i++)
		if (md_feature_line(tb, &st->features[i], ids, n, o->json))
			goto fail;
	free(dflt);
	return tb;
fail:
	scols_unref_table(tb);
	free(dflt);
	return NULL;
}

/* ---- JSON --------------------------------------------------------------- */

static void md_json_opt_u64(struct md_json *j, const char *key, bool present,
			    uint64_t v)
{
	if (present)
		md_json_u64(j, key, v);
	else
		md_json_null(j, key);
}

static int md_status_json(FILE *out, const struct md_status *st,
			  struct libscols_table *features, uint64_t now_ns)
{
	const struct md_config *cfg = &st->config;
	bool has_cfg = st->present & MD_ST_CONFIG;
	bool has_loaded = st->present & MD_ST_LOADED_NS;
	struct md_json j;
	int ret;

	md_json_begin(&j, out);
	md_json_obj_begin(&j, "status");
	md_json_str(&j, "version", st->version);
	md_json_str(&j, "kernel", st->kernel_release);
	md_json_opt_u64(&j, "family-version",
			st->present & MD_ST_FAMILY_VERSION, st->family_version);
	md_json_opt_u64(&j, "memory", st->present & MD_ST_MEM_BYTES,
			st->mem_bytes);
	md_json_opt_u64(&j, "loaded-ns", has_loaded, st->loaded_ns);
	md_json_opt_u64(&j, "loaded-ago-ns", has_loaded && now_ns,
			now_ns > st->loaded_ns ? now_ns - st->loaded_ns : 0);
	md_json_opt_u64(&j, "rate-limit",
			has_cfg && (cfg->present & MD_CFG_RATE_LIMIT),
			cfg->rate_limit);
	md_json_opt_u64(&j, "stack-depth",
			has_cfg && (cfg->present & MD_CFG_STACK_DEPTH),
			cfg->stack_depth);
	md_json_opt_u64(&j, "ring-size",
			has_cfg && (cfg->present & MD_CFG_RING_SIZE),
			cfg->ring_size);
	md_json_obj_end(&j);
	ret = md_json_table(&j, features);
	md_json_end(&j);
	return ret;
}

/*
 * Print @st as the global options ask. @now_ns is CLOCK_BOOTTIME now (0 if
 * unknown), a parameter so that tests get stable output.
 */
int md_status_print(FILE *out, const struct md_opts *o,
		    const struct md_status *st, uint64_t now_ns)
{
	struct libscols_table *features;
	int ret;

	features = md_features_table(out, o, st);
	if (!features)
		return md_err_nomem();
	if (o->json) {
		ret = md_status_json(out, st, features, now_ns);
	} else {
		ret = md_status_table(out, o, st, now_ns);
		if (!ret) {
			fputc('\n', out);
			ret = scols_print_table(features);
		}
	}
	scols_unref_table(features);
	if (ret) {
		md_err("cannot print the status: %s", strerror(-ret));
		return MD_EXIT_ERROR;
	}
	return 0;
}

static int md_status_run(const struct md_opts *o)
{
	struct md_status st = { 0 };
	struct md_nl nl;
	int ret;

	ret = md_nl_open(&nl, o->family);
	if (ret)
		return ret;
	ret = md_fetch_status(&nl, &st);
	md_nl_close(&nl);
	if (!ret)
		ret = md_status_print(stdout, o, &st, md_boottime_ns());
	md_status_free(&st);
	return ret;
}

const struct md_cmd md_cmd_status = {
	.name	  = "status",
	.help	  = " status                 module version, kernel, features, runtime\n"
		    "                        configuration, memory use (the default)\n",
	.cols	  = md_feature_cols,
	.ncols	  = ARRAY_SIZE(md_feature_cols),
	.colswhat = "the features table",
	.run	  = md_status_run,
};
