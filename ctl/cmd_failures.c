// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl failures - the allocation failure counters (GET_COUNTERS, open
 * to all).
 *
 * Text output: a table with one row per (kind, order) bucket that has
 * failures (-o picks its columns), a blank line, a NODE/COUNT table, a
 * blank line, then a FIELD/VALUE block of totals. A table without rows is
 * left out, so without failures only the totals are printed.
 *
 * JSON output: one object,
 *   {"failures": [{"kind": "page", "order": 4, "count": 3, ...,
 *                  "costly": true, "last": "2024-05-01T12:00:00.123+02:00",
 *                  "last-boot-ns": 123456789}],
 *    "nodes": [{"node": 0, "count": 3}],
 *    "totals": {"total": 3, ..., "reset-ns": <CLOCK_BOOTTIME>,
 *               "reset-ago-ns": <ns>}}
 * Rows hold the -o columns in lower case; "last" is the wall clock time
 * (from LAST_REAL_NS) and comes with "last-boot-ns". Absent values are
 * null; "costly" is null for kinds whose order is not a page order.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "nl.h"
#include "output.h"
#include "proto.h"

/* Orders above this are "costly" to the page allocator (mmzone.h). */
#define MD_PAGE_ALLOC_COSTLY_ORDER 3

enum {
	FLCOL_KIND, FLCOL_ORDER, FLCOL_COUNT, FLCOL_NOWARN, FLCOL_WARN,
	FLCOL_ATOMIC, FLCOL_RECLAIM, FLCOL_COSTLY, FLCOL_LAST,
	FLCOL_NOWARN_ATOMIC, FLCOL_LAST_TIME,
};

static const struct md_col md_failures_cols[] = {
	[FLCOL_KIND]	= { "KIND", 0, 0, SCOLS_JSON_STRING, true,
			    "page, vmalloc, vmemmap or other" },
	[FLCOL_ORDER]	= { "ORDER", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "page order; for vmalloc ceil(log2(pages)) of the size" },
	[FLCOL_COUNT]	= { "COUNT", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "failures" },
	[FLCOL_NOWARN]	= { "NOWARN", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "of those, with __GFP_NOWARN (the caller has a fallback)" },
	[FLCOL_WARN]	= { "WARN", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "of those, without __GFP_NOWARN (COUNT - NOWARN)" },
	[FLCOL_ATOMIC]	= { "ATOMIC", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "of those, not allowed to reclaim directly" },
	[FLCOL_RECLAIM]	= { "RECLAIM", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "of those, allowed to reclaim (COUNT - ATOMIC)" },
	[FLCOL_COSTLY]	= { "COSTLY", 0, 0, SCOLS_JSON_BOOLEAN, true,
			    "yes above PAGE_ALLOC_COSTLY_ORDER (3); page orders only" },
	[FLCOL_LAST]	= { "LAST", 0, 0, SCOLS_JSON_STRING, true,
			    "the latest failure: how long ago (--raw: CLOCK_BOOTTIME ns)" },
	[FLCOL_NOWARN_ATOMIC] = { "NOWARN-ATOMIC", 0, SCOLS_FL_RIGHT,
				  SCOLS_JSON_NUMBER, false,
				  "of those, both NOWARN and ATOMIC" },
	[FLCOL_LAST_TIME] = { "LAST-TIME", 0, 0, SCOLS_JSON_STRING, false,
			      "the latest failure, wall clock time" },
};

/* A cell's value, for the text table and JSON alike. */
struct md_val {
	enum { MD_VAL_NONE, MD_VAL_U64, MD_VAL_STR, MD_VAL_BOOL } type;
	uint64_t u;
	bool b;
	char *s;	/* malloc'ed */
};

#define OC_HAS(oc, a) MD_HAS((oc)->present, MEMDIAG_A_ORDER_COUNT_##a)

static bool md_val_u64(struct md_val *v, bool present, uint64_t u)
{
	if (present) {
		v->type = MD_VAL_U64;
		v->u = u;
	}
	return true;
}

/* The page order of a bucket is meaningful for these kinds only. */
static bool md_is_page_order(uint32_t kind)
{
	return kind == MEMDIAG_FAILURE_KIND_PAGE ||
	       kind == MEMDIAG_FAILURE_KIND_VMEMMAP;
}

/*
 * Column @col of bucket @oc into @v (zeroed by the caller). Returns 0 or
 * -ENOMEM.
 */
static int md_failures_value(int col, const struct md_order_count *oc,
			     const struct md_opts *o, uint64_t now_ns,
			     struct md_val *v)
{
	const char *name;
	int ret = 0;

	switch (col) {
	case FLCOL_KIND:
		if (!OC_HAS(oc, KIND))
			break;
		v->type = MD_VAL_STR;
		name = md_kind_name(oc->kind);
		if (name)
			v->s = strdup(name);
		else if (asprintf(&v->s, "unknown(%u)", oc->kind) < 0)
			v->s = NULL;
		ret = v->s ? 0 : -ENOMEM;
		break;
	case FLCOL_ORDER:
		md_val_u64(v, OC_HAS(oc, ORDER), oc->order);
		break;
	case FLCOL_COUNT:
		md_val_u64(v, OC_HAS(oc, COUNT), oc->count);
		break;
	case FLCOL_NOWARN:
		md_val_u64(v, OC_HAS(oc, NOWARN), oc->nowarn);
		break;
	case FLCOL_WARN:
		md_val_u64(v, OC_HAS(oc, COUNT) && OC_HAS(oc, NOWARN),
			   oc->count > oc->nowarn ? oc->count - oc->nowarn : 0);
		break;
	case FLCOL_ATOMIC:
		md_val_u64(v, OC_HAS(oc, ATOMIC), oc->atomic);
		break;
	case FLCOL_RECLAIM:
		md_val_u64(v, OC_HAS(oc, COUNT) && OC_HAS(oc, ATOMIC),
			   oc->count > oc->atomic ? oc->count - oc->atomic : 0);
		break;
	case FLCOL_NOWARN_ATOMIC:
		md_val_u64(v, OC_HAS(oc, NOWARN_ATOMIC), oc->nowarn_atomic);
		break;
	case FLCOL_COSTLY:
		if (OC_HAS(oc, KIND) && OC_HAS(oc, ORDER) &&
		    md_is_page_order(oc->kind)) {
			v->type = MD_VAL_BOOL;
			v->b = oc->order > MD_PAGE_ALLOC_COSTLY_ORDER;
		}
		break;
	case FLCOL_LAST:
		if (o->json) {
			/* Wall clock; last-boot-ns goes with it. */
			if (!OC_HAS(oc, LAST_REAL_NS))
				break;
			v->type = MD_VAL_STR;
			v->s = md_time_iso(oc->last_real_ns);
			ret = v->s ? 0 : -ENOMEM;
		} else if (o->raw) {
			md_val_u64(v, OC_HAS(oc, LAST_NS), oc->last_ns);
		} else if (OC_HAS(oc, LAST_NS) && now_ns) {
			v->type = MD_VAL_STR;
			v->s = md_age_str(now_ns > oc->last_ns ?
					  now_ns - oc->last_ns : 0);
			ret = v->s ? 0 : -ENOMEM;
		}
		break;
	case FLCOL_LAST_TIME:
		if (!OC_HAS(oc, LAST_REAL_NS))
			break;
		v->type = MD_VAL_STR;
		v->s = md_time_iso(oc->last_real_ns);
		ret = v->s ? 0 : -ENOMEM;
		break;
	}
	return ret;
}

/* Lower-case @name into @buf (JSON keys are the column names). */
static const char *md_json_key_of(const char *name, char *buf, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		buf[i] = name[i] >= 'A' && name[i] <= 'Z' ? name[i] - 'A' + 'a' :
							   name[i];
	buf[i] = '\0';
	return buf;
}

/* Buckets in (kind, order) order, whatever order the kernel sent them in. */
static int md_oc_cmp(const void *a, const void *b)
{
	const struct md_order_count *x = *(const struct md_order_count *const *)a;
	const struct md_order_count *y = *(const struct md_order_count *const *)b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return 0;
}

static const struct md_order_count **md_sorted_orders(const struct md_counters *c)
{
	const struct md_order_count **v;
	size_t i;

	v = calloc(c->nr_orders + 1, sizeof(*v));
	if (!v)
		return NULL;
	for (i = 0; i < c->nr_orders; i++)
		v[i] = &c->orders[i];
	qsort(v, c->nr_orders, sizeof(*v), md_oc_cmp);
	return v;
}

/* ---- text --------------------------------------------------------------- */

static int md_failures_table(FILE *out, const struct md_opts *o,
			     const struct md_order_count **rows, size_t nrows,
			     const int *ids, size_t n, uint64_t now_ns)
{
	struct libscols_table *tb = md_table_new(o, "failures", out);
	size_t r, i;
	int ret = -ENOMEM;

	if (!tb)
		return -ENOMEM;
	if (md_table_add_cols(tb, md_failures_cols, ids, n))
		goto out;
	for (r = 0; r < nrows; r++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln)
			goto out;
		for (i = 0; i < n; i++) {
			struct md_val v = { 0 };

			ret = md_failures_value(ids[i], rows[r], o, now_ns, &v);
			if (!ret && v.type == MD_VAL_U64)
				ret = md_cell_printf(ln, i, "%" PRIu64, v.u);
			else if (!ret && v.type == MD_VAL_BOOL)
				ret = scols_line_set_data(ln, i, v.b ? "yes" : "no");
			else if (!ret && v.type == MD_VAL_STR)
				ret = md_cell_set(ln, i, v.s, false);
			free(v.s);
			if (ret)
				goto out;
		}
	}
	ret = scols_print_table(tb);
out:
	scols_unref_table(tb);
	return ret;
}

static int md_nodes_table(FILE *out, const struct md_opts *o,
			  const struct md_counters *c)
{
	struct libscols_table *tb = md_table_new(o, "nodes", out);
	size_t r;
	int ret = -ENOMEM;

	if (!tb)
		return -ENOMEM;
	if (!scols_table_new_column(tb, "NODE", 0, SCOLS_FL_RIGHT) ||
	    !scols_table_new_column(tb, "COUNT", 0, SCOLS_FL_RIGHT))
		goto out;
	for (r = 0; r < c->nr_nodes; r++) {
		const struct md_node_count *nc = &c->nodes[r];
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln ||
		    (MD_HAS(nc->present, MEMDIAG_A_NODE_COUNT_NODE) &&
		     md_cell_printf(ln, 0, "%u", nc->node)) ||
		    (MD_HAS(nc->present, MEMDIAG_A_NODE_COUNT_COUNT) &&
		     md_cell_printf(ln, 1, "%" PRIu64, nc->count)))
			goto out;
	}
	ret = scols_print_table(tb);
out:
	scols_unref_table(tb);
	return ret;
}

#define CT_HAS(c, a) MD_HAS((c)->present, MEMDIAG_A_COUNTERS_##a)

static int md_kv_u64(struct libscols_table *tb, const char *field,
		     bool present, uint64_t v)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);

	if (!ln || scols_line_set_data(ln, 0, field))
		return -ENOMEM;
	return present ? md_cell_printf(ln, 1, "%" PRIu64, v) : 0;
}

static int md_totals_table(FILE *out, const struct md_opts *o,
			   const struct md_counters *c, uint64_t now_ns)
{
	struct libscols_table *tb = md_table_new(o, "totals", out);
	struct libscols_line *ln;
	char *age = NULL;
	int ret = -ENOMEM;

	if (!tb)
		return -ENOMEM;
	if (!scols_table_new_column(tb, "FIELD", 0, 0) ||
	    !scols_table_new_column(tb, "VALUE", 0, 0))
		goto out;
	if (md_kv_u64(tb, "total", CT_HAS(c, TOTAL), c->total) ||
	    md_kv_u64(tb, "recorded", CT_HAS(c, RECORDED), c->recorded) ||
	    md_kv_u64(tb, "overwritten", CT_HAS(c, OVERWRITTEN),
		      c->overwritten) ||
	    md_kv_u64(tb, "suppressed", CT_HAS(c, SUPPRESSED), c->suppressed) ||
	    md_kv_u64(tb, "lost", CT_HAS(c, LOST), c->lost) ||
	    md_kv_u64(tb, "missed", CT_HAS(c, MISSED), c->missed) ||
	    md_kv_u64(tb, "first-seq", CT_HAS(c, FIRST_SEQ), c->first_seq) ||
	    md_kv_u64(tb, "next-seq", CT_HAS(c, NEXT_SEQ), c->next_seq))
		goto out;
	/* Like LAST: how long ago, or with --raw CLOCK_BOOTTIME in ns. */
	if (o->raw) {
		if (md_kv_u64(tb, "reset", CT_HAS(c, RESET_NS), c->reset_ns))
			goto out;
	} else {
		ln = scols_table_new_line(tb, NULL);
		if (!ln || scols_line_set_data(ln, 0, "reset"))
			goto out;
		if (CT_HAS(c, RESET_NS) && now_ns) {
			age = md_age_str(now_ns > c->reset_ns ?
					 now_ns - c->reset_ns : 0);
			if (!age || scols_line_set_data(ln, 1, age))
				goto out;
		}
	}
	ret = scols_print_table(tb);
out:
	free(age);
	scols_unref_table(tb);
	return ret;
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

static int md_failures_json(FILE *out, const struct md_opts *o,
			    const struct md_counters *c,
			    const struct md_order_count **rows, size_t nrows,
			    const int *ids, size_t n, uint64_t now_ns)
{
	struct md_json j;
	char key[32];
	size_t r, i;
	int ret = 0;

	md_json_begin(&j, out);
	md_json_arr_begin(&j, "failures");
	for (r = 0; r < nrows && !ret; r++) {
		md_json_obj_begin(&j, NULL);
		for (i = 0; i < n && !ret; i++) {
			struct md_val v = { 0 };

			md_json_key_of(md_failures_cols[ids[i]].name, key,
				       sizeof(key));
			ret = md_failures_value(ids[i], rows[r], o, now_ns, &v);
			if (ret)
				break;
			switch (v.type) {
			case MD_VAL_U64:
				md_json_u64(&j, key, v.u);
				break;
			case MD_VAL_BOOL:
				md_json_bool(&j, key, v.b);
				break;
			case MD_VAL_STR:
				md_json_str(&j, key, v.s);
				break;
			default:
				md_json_null(&j, key);
			}
			free(v.s);
			if (ids[i] == FLCOL_LAST)
				md_json_opt_u64(&j, "last-boot-ns",
						OC_HAS(rows[r], LAST_NS),
						rows[r]->last_ns);
		}
		md_json_obj_end(&j);
	}
	md_json_arr_end(&j);

	md_json_arr_begin(&j, "nodes");
	for (r = 0; r < c->nr_nodes; r++) {
		const struct md_node_count *nc = &c->nodes[r];

		md_json_obj_begin(&j, NULL);
		md_json_opt_u64(&j, "node",
				MD_HAS(nc->present, MEMDIAG_A_NODE_COUNT_NODE),
				nc->node);
		md_json_opt_u64(&j, "count",
				MD_HAS(nc->present, MEMDIAG_A_NODE_COUNT_COUNT),
				nc->count);
		md_json_obj_end(&j);
	}
	md_json_arr_end(&j);

	md_json_obj_begin(&j, "totals");
	md_json_opt_u64(&j, "total", CT_HAS(c, TOTAL), c->total);
	md_json_opt_u64(&j, "recorded", CT_HAS(c, RECORDED), c->recorded);
	md_json_opt_u64(&j, "overwritten", CT_HAS(c, OVERWRITTEN),
			c->overwritten);
	md_json_opt_u64(&j, "suppressed", CT_HAS(c, SUPPRESSED), c->suppressed);
	md_json_opt_u64(&j, "lost", CT_HAS(c, LOST), c->lost);
	md_json_opt_u64(&j, "missed", CT_HAS(c, MISSED), c->missed);
	md_json_opt_u64(&j, "first-seq", CT_HAS(c, FIRST_SEQ), c->first_seq);
	md_json_opt_u64(&j, "next-seq", CT_HAS(c, NEXT_SEQ), c->next_seq);
	md_json_opt_u64(&j, "reset-ns", CT_HAS(c, RESET_NS), c->reset_ns);
	md_json_opt_u64(&j, "reset-ago-ns", CT_HAS(c, RESET_NS) && now_ns,
			now_ns > c->reset_ns ? now_ns - c->reset_ns : 0);
	md_json_obj_end(&j);
	md_json_end(&j);
	return ret;
}

/*
 * Print @c as the global options ask. @now_ns is CLOCK_BOOTTIME now (0 if
 * unknown), a parameter so that tests get stable output.
 */
int md_failures_print(FILE *out, const struct md_opts *o,
		      const struct md_counters *c, uint64_t now_ns)
{
	const struct md_order_count **rows;
	const int *ids = o->columns;
	size_t n = o->ncolumns;
	int *dflt = NULL;
	int ret;

	/* Callers other than main() may leave -o unresolved: defaults. */
	if (!ids) {
		ret = md_cols_parse("failures", NULL, md_failures_cols,
				    ARRAY_SIZE(md_failures_cols), &dflt, &n);
		if (ret)
			return ret;
		ids = dflt;
	}
	rows = md_sorted_orders(c);
	if (!rows) {
		free(dflt);
		return md_err_nomem();
	}
	if (o->json) {
		ret = md_failures_json(out, o, c, rows, c->nr_orders, ids, n,
				       now_ns);
	} else {
		ret = 0;
		if (c->nr_orders) {
			ret = md_failures_table(out, o, rows, c->nr_orders,
						ids, n, now_ns);
			if (!ret)
				fputc('\n', out);
		}
		if (!ret && c->nr_nodes) {
			ret = md_nodes_table(out, o, c);
			if (!ret)
				fputc('\n', out);
		}
		if (!ret)
			ret = md_totals_table(out, o, c, now_ns);
	}
	free(rows);
	free(dflt);
	if (ret) {
		md_err("cannot print the failure counters: %s", strerror(-ret));
		return MD_EXIT_ERROR;
	}
	return 0;
}

static int md_counters_reply(struct nlmsghdr *nlh, void *arg)
{
	struct md_counters *c = arg;

	/* One reply is expected; never leak an earlier one. */
	md_counters_free(c);
	return md_counters_parse(nlh, c);
}

static int md_failures_run(const struct md_opts *o)
{
	struct md_counters c = { 0 };
	struct md_nl nl;
	int ret;

	ret = md_nl_open(&nl, o->family);
	if (ret)
		return ret;
	ret = md_nl_call(&nl, "get-counters",
			 md_nl_req(&nl, MEMDIAG_CMD_GET_COUNTERS, 0),
			 md_counters_reply, &c);
	md_nl_close(&nl);
	if (!ret)
		ret = md_failures_print(stdout, o, &c, md_boottime_ns());
	md_counters_free(&c);
	return ret;
}

const struct md_cmd md_cmd_failures = {
	.name	  = "failures",
	.help	  = " failures               allocation failure counters: by kind and order,\n"
		    "                        by NUMA node, and totals\n",
	.cols	  = md_failures_cols,
	.ncols	  = ARRAY_SIZE(md_failures_cols),
	.colswhat = "the failures table",
	.run	  = md_failures_run,
};
