// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl events [--since <seq>] [-n <n>] [--details]
 *
 * The failure records the module keeps (GET_EVENTS dump, CAP_NET_ADMIN),
 * oldest first, one line each; -o picks the columns. --details adds under
 * each line its zone snapshot as a small table, the verdict on it
 * ("verdict: NAME: WHY", zoneverdict.h) and its stack, a frame a line; the lines then have fixed column widths, as in 'watch', since they
 * are printed as they come. -n keeps only the last <n> records received.
 *
 * Records the reader asked for but that were overwritten before they could
 * be read (MISSED_BEFORE) are reported on stderr, and summed in JSON as
 * "missed".
 *
 * JSON output: one object, {"events": [{"seq": 7, "missed-before": 0,
 * "time": "2024-05-01T12:00:00.123+02:00", "real-ns": ..., "boot-ns": ...,
 * "kind": "page", "order": 4, "size": null, "vmalloc-step": null,
 * "gfp": 2592, "gfp-names": "GFP_NOWAIT|__GFP_COMP",
 * "class": ["nowarn", "atomic"], "nodemask": null, "preferred-node": 0,
 * "high-zone": 2, "pid": 1, "tgid": 1, "comm": "x", "cgroup-id": 1,
 * "cgroup-path": "/", "context": "process", "stack": ["..."],
 * "zones": [{"node": 0, "zone": 1, "name": "DMA32", "free": ..., "min": ...,
 * "low": ..., "high": ..., "boost": ..., "managed": ..., "highatomic": ...,
 * "free-cma": ..., "free-blocks": [...], "lowmem-reserve": [...]}], "zones-truncated": 0,
 * "verdict": {"name": "could not wait", "why": "...", "advice": "..."}}],
 * "missed": 0}. Every record carries every field, whatever -o and
 * --details say; absent values are null ("verdict" too, for records that
 * are not page allocations). The verdict is zoneverdict.c's, the same as
 * 'summary' and 'explain' give.
 *
 * This file also holds the record printer 'watch' shares (events.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <linux/memdiag.h>

#include "events.h"
#include "memdiagctl.h"
#include "nl.h"
#include "output.h"
#include "proto.h"
#include "zoneverdict.h"

#define EV_HAS(ev, a) MD_HAS((ev)->present, MEMDIAG_A_EVENT_##a)
#define ZS_HAS(z, a) MD_HAS((z)->present, MEMDIAG_A_ZONE_SNAP_##a)

enum {
	ECOL_SEQ, ECOL_TIME, ECOL_KIND, ECOL_ORDER, ECOL_GFP, ECOL_CLASS,
	ECOL_CONTEXT, ECOL_PID, ECOL_COMM, ECOL_CGROUP,
	ECOL_TGID, ECOL_GFP_MASK, ECOL_NODEMASK, ECOL_PREF_NODE,
	ECOL_HIGH_ZONE, ECOL_CGROUP_ID, ECOL_BOOT_NS,
};

/* The width hints fix the columns of lines printed one at a time. */
const struct md_col md_event_cols[MD_EVENT_NCOLS] = {
	[ECOL_SEQ]	 = { "SEQ", 6, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			     "sequence number of the record" },
	[ECOL_TIME]	 = { "TIME", 29, 0, SCOLS_JSON_STRING, true,
			     "wall clock time, local, ISO 8601 with ms" },
	[ECOL_KIND]	 = { "KIND", 7, 0, SCOLS_JSON_STRING, true,
			     "page, vmalloc, vmemmap or other" },
	[ECOL_ORDER]	 = { "ORDER", 9, 0, SCOLS_JSON_STRING, true,
			     "page order; for vmalloc the size and (the step that failed)" },
	[ECOL_GFP]	 = { "GFP", 34, 0, SCOLS_JSON_STRING, true,
			     "the gfp flags, as the kernel names them" },
	[ECOL_CLASS]	 = { "CLASS", 13, 0, SCOLS_JSON_STRING, true,
			     "nowarn (has a fallback), atomic (cannot reclaim); empty: neither" },
	[ECOL_CONTEXT]	 = { "CONTEXT", 7, 0, SCOLS_JSON_STRING, true,
			     "process, softirq, hardirq or nmi" },
	[ECOL_PID]	 = { "PID", 7, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			     "thread that allocated (interrupted, in an interrupt)" },
	[ECOL_COMM]	 = { "COMM", 15, 0, SCOLS_JSON_STRING, true,
			     "its command name" },
	[ECOL_CGROUP]	 = { "CGROUP", 0, 0, SCOLS_JSON_STRING, true,
			     "its memory cgroup: path, or id if it is gone" },
	[ECOL_TGID]	 = { "TGID", 7, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			     "its process id" },
	[ECOL_GFP_MASK]	 = { "GFP-MASK", 10, 0, SCOLS_JSON_STRING, false,
			     "the raw gfp mask (bits differ between kernels)" },
	[ECOL_NODEMASK]	 = { "NODEMASK", 8, 0, SCOLS_JSON_STRING, false,
			     "nodes allowed; empty: any" },
	[ECOL_PREF_NODE] = { "PREF-NODE", 9, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			     false, "preferred NUMA node" },
	[ECOL_HIGH_ZONE] = { "HIGH-ZONE", 9, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			     false, "highest zone index the gfp mask allows" },
	[ECOL_CGROUP_ID] = { "CGROUP-ID", 9, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			     false, "cgroup v2 id of its memory cgroup" },
	[ECOL_BOOT_NS]	 = { "BOOT-NS", 16, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			     false, "CLOCK_BOOTTIME of the failure, ns" },
};

_Static_assert(ECOL_BOOT_NS + 1 == MD_EVENT_NCOLS, "MD_EVENT_NCOLS is wrong");

/* ---- formatting pieces -------------------------------------------------- */

/* "nowarn,atomic"; "" for none; unknown bits as hex. malloc'ed. */
char *md_class_str(uint32_t class)
{
	char *s = strdup(""), *t;
	uint32_t bit;

	for (bit = 1; s && bit && bit <= class; bit <<= 1) {
		const char *name = md_class_name(bit);

		if (!(class & bit))
			continue;
		t = s;
		if (name ? asprintf(&s, "%s%s%s", t, *t ? "," : "", name) < 0 :
			   asprintf(&s, "%s%s0x%x", t, *t ? "," : "", bit) < 0)
			s = NULL;
		free(t);
	}
	return s;
}

/*
 * The ORDER cell: the page order, or for vmalloc the size ("2G", exact
 * with @bytes) and the step that failed, "2G (size)". malloc'ed.
 */
char *md_event_order_str(const struct md_event *ev, bool bytes)
{
	const char *step;
	char *size, *s;
	int ret;

	if (EV_HAS(ev, KIND) && ev->kind == MEMDIAG_FAILURE_KIND_VMALLOC &&
	    EV_HAS(ev, SIZE)) {
		size = md_size_str(ev->size, bytes);
		if (!size)
			return NULL;
		step = EV_HAS(ev, VMALLOC_STEP) ?
		       md_vmalloc_step_name(ev->vmalloc_step) : NULL;
		if (step)
			ret = asprintf(&s, "%s (%s)", size, step);
		else if (EV_HAS(ev, VMALLOC_STEP))
			ret = asprintf(&s, "%s (unknown(%u))", size,
				       ev->vmalloc_step);
		else
			ret = asprintf(&s, "%s", size);
		free(size);
		return ret < 0 ? NULL : s;
	}
	if (!EV_HAS(ev, ORDER))
		return strdup("");
	return asprintf(&s, "%u", ev->order) < 0 ? NULL : s;
}

/* "0:12 1:5 2:0", order 0 first. malloc'ed. */
char *md_free_blocks_str(const struct md_zone_snap *z)
{
	char *s = malloc(z->nr_free_blocks * 24 + 1), *q = s;
	size_t i;

	if (!s)
		return NULL;
	*q = '\0';
	for (i = 0; i < z->nr_free_blocks; i++)
		q += sprintf(q, "%s%zu:%" PRIu64, i ? " " : "", i,
			     z->free_blocks[i]);
	return s;
}

/* An enum's name, or "unknown(N)". malloc'ed. */
static char *md_enum_str(const char *name, uint32_t v)
{
	char *s;

	if (name)
		return strdup(name);
	return asprintf(&s, "unknown(%u)", v) < 0 ? NULL : s;
}

/* ---- a record's line ---------------------------------------------------- */

/*
 * The text of column @col for @ev, malloc'ed; NULL if there is none, or
 * if out of memory, then with *@err = -ENOMEM.
 */
static char *md_event_cell(int col, const struct md_event *ev,
			   const struct md_opts *o, int *err)
{
	bool has = true;	/* a value is due: NULL means out of memory */
	char *s = NULL;

	switch (col) {
	case ECOL_SEQ:
		has = EV_HAS(ev, SEQ);
		if (has)
			s = md_strdupf("%" PRIu64, ev->seq);
		break;
	case ECOL_TIME:
		has = EV_HAS(ev, REAL_NS);
		if (has)
			s = md_time_iso(ev->real_ns);
		break;
	case ECOL_KIND:
		has = EV_HAS(ev, KIND);
		if (has)
			s = md_enum_str(md_kind_name(ev->kind), ev->kind);
		break;
	case ECOL_ORDER:
		s = md_event_order_str(ev, o->bytes);
		break;
	case ECOL_GFP:
		has = ev->gfp_names || EV_HAS(ev, GFP);
		if (ev->gfp_names)
			s = strdup(ev->gfp_names);
		else if (has)
			s = md_strdupf("%#x", ev->gfp);
		break;
	case ECOL_CLASS:
		has = EV_HAS(ev, CLASS);
		if (has)
			s = md_class_str(ev->class);
		break;
	case ECOL_CONTEXT:
		has = EV_HAS(ev, CONTEXT);
		if (has)
			s = md_enum_str(md_context_name(ev->context),
					ev->context);
		break;
	case ECOL_PID:
		has = EV_HAS(ev, PID);
		if (has)
			s = md_strdupf("%u", ev->pid);
		break;
	case ECOL_COMM:
		has = ev->comm;
		if (has)
			s = strdup(ev->comm);
		break;
	case ECOL_CGROUP:
		has = ev->cgroup_path || EV_HAS(ev, CGROUP_ID);
		if (ev->cgroup_path)
			s = strdup(ev->cgroup_path);
		else if (has)
			s = md_strdupf("%" PRIu64, ev->cgroup_id);
		break;
	case ECOL_TGID:
		has = EV_HAS(ev, TGID);
		if (has)
			s = md_strdupf("%u", ev->tgid);
		break;
	case ECOL_GFP_MASK:
		has = EV_HAS(ev, GFP);
		if (has)
			s = md_strdupf("%#x", ev->gfp);
		break;
	case ECOL_NODEMASK:
		has = ev->nodemask;
		if (has)
			s = strdup(ev->nodemask);
		break;
	case ECOL_PREF_NODE:
		has = EV_HAS(ev, PREFERRED_NODE);
		if (has)
			s = md_strdupf("%u", ev->preferred_node);
		break;
	case ECOL_HIGH_ZONE:
		has = EV_HAS(ev, HIGH_ZONE);
		if (has)
			s = md_strdupf("%u", ev->high_zone);
		break;
	case ECOL_CGROUP_ID:
		has = EV_HAS(ev, CGROUP_ID);
		if (has)
			s = md_strdupf("%" PRIu64, ev->cgroup_id);
		break;
	case ECOL_BOOT_NS:
		has = EV_HAS(ev, BOOT_NS);
		if (has)
			s = md_strdupf("%" PRIu64, ev->boot_ns);
		break;
	default:
		has = false;
	}
	if (has && !s)
		*err = -ENOMEM;
	return s;
}

static int md_event_line(struct libscols_table *tb, const struct md_event *ev,
			 const int *ids, size_t n, const struct md_opts *o)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	size_t i;
	int err = 0;

	if (!ln)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		char *s = md_event_cell(ids[i], ev, o, &err);

		if (err)
			return err;
		/* Cells hold the kernel's strings: libsmartcols escapes them. */
		if (s && scols_line_refer_data(ln, i, s)) {
			free(s);
			return -ENOMEM;
		}
	}
	return 0;
}

/* A table for record lines; in STREAM mode the width hints fix the widths. */
static struct libscols_table *md_event_table(const struct md_evprint *p,
					     bool heading)
{
	struct libscols_table *tb = md_table_new(p->o, "events", p->out);
	size_t i;

	if (!tb)
		return NULL;
	if (!heading && scols_table_enable_noheadings(tb, 1))
		goto fail;
	for (i = 0; i < p->n; i++) {
		const struct md_col *c = &md_event_cols[p->ids[i]];
		double whint = 0;
		int flags = c->flags;

		/*
		 * Fixed widths (the last column is not padded anyway):
		 * libsmartcols widens a column to its hint only if the hint
		 * is wider than the heading, and with STRICTWIDTH only if
		 * the data is narrower than the heading too.
		 */
		if (p->mode == MD_EVP_STREAM && i + 1 < p->n) {
			whint = c->whint;
			if (whint < strlen(c->name) + 1)
				whint = strlen(c->name) + 1;
			flags |= SCOLS_FL_STRICTWIDTH;
		}
		if (!scols_table_new_column(tb, c->name, whint, flags))
			goto fail;
	}
	return tb;
fail:
	scols_unref_table(tb);
	return NULL;
}

/* ---- details ------------------------------------------------------------ */

#define MD_DETAIL_INDENT "    "

enum {
	ZCOL_NODE, ZCOL_ZONE, ZCOL_FREE, ZCOL_MIN, ZCOL_LOW, ZCOL_HIGH,
	ZCOL_BOOST, ZCOL_MANAGED, ZCOL_HIGHATOMIC, ZCOL_FREE_CMA, ZCOL_RESERVE,
	ZCOL_FREE_BLOCKS,
};

static const char *const md_zone_headers[] = {
	[ZCOL_NODE] = "NODE", [ZCOL_ZONE] = "ZONE", [ZCOL_FREE] = "FREE",
	[ZCOL_MIN] = "MIN", [ZCOL_LOW] = "LOW", [ZCOL_HIGH] = "HIGH",
	[ZCOL_BOOST] = "BOOST", [ZCOL_MANAGED] = "MANAGED",
	[ZCOL_HIGHATOMIC] = "HIGHATOMIC", [ZCOL_FREE_CMA] = "FREE-CMA",
	[ZCOL_RESERVE] = "RESERVE",
	[ZCOL_FREE_BLOCKS] = "FREE-BLOCKS",
};

static int md_zone_u64(struct libscols_line *ln, size_t cell, bool present,
		       uint64_t v)
{
	return present ? md_cell_printf(ln, cell, "%" PRIu64, v) : 0;
}

static int md_zone_line(struct libscols_table *tb, const struct md_event *ev,
			const struct md_zone_snap *z)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	char *blocks;

	if (!ln ||
	    (ZS_HAS(z, NODE) && md_cell_printf(ln, ZCOL_NODE, "%u", z->node)))
		return -ENOMEM;
	if (z->name) {
		if (md_cell_set(ln, ZCOL_ZONE, z->name, false))
			return -ENOMEM;
	} else if (ZS_HAS(z, ZONE) &&
		   md_cell_printf(ln, ZCOL_ZONE, "%u", z->zone)) {
		return -ENOMEM;
	}
	if (md_zone_u64(ln, ZCOL_FREE, ZS_HAS(z, FREE), z->free) ||
	    md_zone_u64(ln, ZCOL_MIN, ZS_HAS(z, MIN), z->min) ||
	    md_zone_u64(ln, ZCOL_LOW, ZS_HAS(z, LOW), z->low) ||
	    md_zone_u64(ln, ZCOL_HIGH, ZS_HAS(z, HIGH), z->high) ||
	    md_zone_u64(ln, ZCOL_BOOST, ZS_HAS(z, BOOST), z->boost) ||
	    md_zone_u64(ln, ZCOL_MANAGED, ZS_HAS(z, MANAGED), z->managed) ||
	    md_zone_u64(ln, ZCOL_HIGHATOMIC, ZS_HAS(z, HIGHATOMIC),
			z->highatomic) ||
	    md_zone_u64(ln, ZCOL_FREE_CMA, ZS_HAS(z, FREE_CMA), z->free_cma) ||
	    /* What this zone kept back from this very request. */
	    md_zone_u64(ln, ZCOL_RESERVE,
			EV_HAS(ev, HIGH_ZONE) &&
			ev->high_zone < z->nr_lowmem_reserve,
			EV_HAS(ev, HIGH_ZONE) &&
			ev->high_zone < z->nr_lowmem_reserve ?
			z->lowmem_reserve[ev->high_zone] : 0))
		return -ENOMEM;
	blocks = md_free_blocks_str(z);
	if (!blocks || scols_line_refer_data(ln, ZCOL_FREE_BLOCKS, blocks)) {
		free(blocks);
		return -ENOMEM;
	}
	return 0;
}

static int md_zones_print(const struct md_evprint *p,
			  const struct md_event *ev)
{
	struct libscols_table *tb;
	size_t i;
	int ret = -ENOMEM;

	tb = md_table_new(p->o, "zones", p->out);
	if (!tb)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(md_zone_headers); i++)
		if (!scols_table_new_column(tb, md_zone_headers[i], 0,
					    i == ZCOL_ZONE ||
					    i == ZCOL_FREE_BLOCKS ?
					    0 : SCOLS_FL_RIGHT))
			goto out;
	for (i = 0; i < ev->nr_zones; i++)
		if (md_zone_line(tb, ev, &ev->zones[i]))
			goto out;
	ret = md_table_print_indented(tb, p->out, MD_DETAIL_INDENT);
out:
	scols_unref_table(tb);
	return ret;
}

/* The fields no column shows by default, on one line. */
static int md_info_print(const struct md_evprint *p, const struct md_event *ev)
{
	const char *sep = "";
	FILE *f = p->out;
	char *step;

	fputs(MD_DETAIL_INDENT, f);
	if (EV_HAS(ev, GFP)) {
		fprintf(f, "%sgfp-mask %#x", sep, ev->gfp);
		sep = "  ";
	}
	if (EV_HAS(ev, SIZE)) {
		fprintf(f, "%ssize %" PRIu64, sep, ev->size);
		sep = "  ";
	}
	if (EV_HAS(ev, VMALLOC_STEP)) {
		step = md_enum_str(md_vmalloc_step_name(ev->vmalloc_step),
				   ev->vmalloc_step);
		if (!step)
			return -ENOMEM;
		fprintf(f, "%sstep %s", sep, step);
		free(step);
		sep = "  ";
	}
	if (EV_HAS(ev, HIGH_ZONE)) {
		fprintf(f, "%shigh-zone %u", sep, ev->high_zone);
		sep = "  ";
	}
	if (EV_HAS(ev, PREFERRED_NODE)) {
		fprintf(f, "%spreferred-node %u", sep, ev->preferred_node);
		sep = "  ";
	}
	/* A list of numbers and dashes from the kernel, but be careful. */
	if (ev->nodemask) {
		char *nm = md_escape_dup(ev->nodemask);

		if (!nm)
			return -ENOMEM;
		fprintf(f, "%snodemask %s", sep, nm);
		free(nm);
		sep = "  ";
	}
	if (EV_HAS(ev, TGID)) {
		fprintf(f, "%stgid %u", sep, ev->tgid);
		sep = "  ";
	}
	if (EV_HAS(ev, CGROUP_ID))
		fprintf(f, "%scgroup-id %" PRIu64, sep, ev->cgroup_id);
	fputc('\n', f);
	return 0;
}

/* "verdict: NAME: WHY", for a page allocation (zoneverdict.h). */
static int md_verdict_print(const struct md_evprint *p,
			    const struct md_event *ev)
{
	struct md_zv v;
	char *why;
	int ret = md_zv_event(ev, &v);

	if (ret)
		return ret < 0 ? ret : 0;
	/* The zone names come from the kernel: careful. */
	why = md_escape_dup(v.why);
	if (why)
		fprintf(p->out, MD_DETAIL_INDENT "verdict: %s: %s\n", v.name,
			why);
	free(why);
	md_zv_free(&v);
	return why ? 0 : -ENOMEM;
}

static int md_details_print(const struct md_evprint *p,
			    const struct md_event *ev)
{
	FILE *f = p->out;
	size_t i;
	int ret;

	ret = md_info_print(p, ev);
	if (!ret && ev->nr_zones)
		ret = md_zones_print(p, ev);
	if (!ret && EV_HAS(ev, ZONES_TRUNCATED) && ev->zones_truncated)
		fprintf(f, MD_DETAIL_INDENT "(%u more zones not recorded)\n",
			ev->zones_truncated);
	if (!ret)
		ret = md_verdict_print(p, ev);
	if (!ret && ev->nr_stack) {
		fputs(MD_DETAIL_INDENT "stack:\n", f);
		for (i = 0; i < ev->nr_stack; i++) {
			char *frame = md_escape_dup(ev->stack[i]);

			if (!frame)
				return -ENOMEM;
			fprintf(f, MD_DETAIL_INDENT "  %s\n", frame);
			free(frame);
		}
	}
	if (!ret)
		fputc('\n', f);
	return ret;
}

/* ---- JSON --------------------------------------------------------------- */

static void md_jopt_u64(struct md_json *j, const char *key, bool present,
			uint64_t v)
{
	if (present)
		md_json_u64(j, key, v);
	else
		md_json_null(j, key);
}

/* An enum as its name, "unknown(N)" if this tool does not know it. */
static void md_jenum(struct md_json *j, const char *key, bool present,
		     const char *name, uint32_t v)
{
	char buf[32];

	if (!present) {
		md_json_null(j, key);
	} else if (name) {
		md_json_str(j, key, name);
	} else {
		snprintf(buf, sizeof(buf), "unknown(%u)", v);
		md_json_str(j, key, buf);
	}
}

static void md_zone_json(struct md_json *j, const struct md_zone_snap *z)
{
	md_json_obj_begin(j, NULL);
	md_jopt_u64(j, "node", ZS_HAS(z, NODE), z->node);
	md_jopt_u64(j, "zone", ZS_HAS(z, ZONE), z->zone);
	md_json_str(j, "name", z->name);
	md_jopt_u64(j, "free", ZS_HAS(z, FREE), z->free);
	md_jopt_u64(j, "min", ZS_HAS(z, MIN), z->min);
	md_jopt_u64(j, "low", ZS_HAS(z, LOW), z->low);
	md_jopt_u64(j, "high", ZS_HAS(z, HIGH), z->high);
	md_jopt_u64(j, "boost", ZS_HAS(z, BOOST), z->boost);
	md_jopt_u64(j, "managed", ZS_HAS(z, MANAGED), z->managed);
	md_jopt_u64(j, "highatomic", ZS_HAS(z, HIGHATOMIC), z->highatomic);
	md_jopt_u64(j, "free-cma", ZS_HAS(z, FREE_CMA), z->free_cma);
	md_json_u64_list(j, "free-blocks", z->free_blocks, z->nr_free_blocks);
	md_json_u64_list(j, "lowmem-reserve", z->lowmem_reserve,
			 z->nr_lowmem_reserve);
	md_json_obj_end(j);
}

/*
 * "verdict": {"name", "why", "advice"} for a page allocation
 * (zoneverdict.h), else null; null too if out of memory, which the JSON
 * writer cannot report from here.
 */
static void md_verdict_json(struct md_json *j, const struct md_event *ev)
{
	struct md_zv v;

	if (md_zv_event(ev, &v)) {
		md_json_null(j, "verdict");
		return;
	}
	md_json_obj_begin(j, "verdict");
	md_json_str(j, "name", v.name);
	md_json_str(j, "why", v.why);
	md_json_str(j, "advice", v.advice);
	md_json_obj_end(j);
	md_zv_free(&v);
}

/* The members of @ev's JSON object, into the object the caller opened. */
void md_event_json(struct md_json *j, const struct md_event *ev)
{
	char *time = EV_HAS(ev, REAL_NS) ? md_time_iso(ev->real_ns) : NULL;
	uint32_t bit;
	size_t i;

	md_jopt_u64(j, "seq", EV_HAS(ev, SEQ), ev->seq);
	md_json_u64(j, "missed-before", ev->missed_before);
	md_json_str(j, "time", time);
	free(time);
	md_jopt_u64(j, "real-ns", EV_HAS(ev, REAL_NS), ev->real_ns);
	md_jopt_u64(j, "boot-ns", EV_HAS(ev, BOOT_NS), ev->boot_ns);
	md_jenum(j, "kind", EV_HAS(ev, KIND), md_kind_name(ev->kind), ev->kind);
	md_jopt_u64(j, "order", EV_HAS(ev, ORDER), ev->order);
	md_jopt_u64(j, "size", EV_HAS(ev, SIZE), ev->size);
	md_jenum(j, "vmalloc-step", EV_HAS(ev, VMALLOC_STEP),
		 md_vmalloc_step_name(ev->vmalloc_step), ev->vmalloc_step);
	md_jopt_u64(j, "gfp", EV_HAS(ev, GFP), ev->gfp);
	md_json_str(j, "gfp-names", ev->gfp_names);
	if (EV_HAS(ev, CLASS)) {
		md_json_arr_begin(j, "class");
		for (bit = 1; bit && bit <= ev->class; bit <<= 1) {
			char buf[16];

			if (!(ev->class & bit))
				continue;
			snprintf(buf, sizeof(buf), "0x%x", bit);
			md_json_str(j, NULL, md_class_name(bit) ?
					     md_class_name(bit) : buf);
		}
		md_json_arr_end(j);
	} else {
		md_json_null(j, "class");
	}
	md_json_str(j, "nodemask", ev->nodemask);
	md_jopt_u64(j, "preferred-node", EV_HAS(ev, PREFERRED_NODE),
		    ev->preferred_node);
	md_jopt_u64(j, "high-zone", EV_HAS(ev, HIGH_ZONE), ev->high_zone);
	md_jopt_u64(j, "pid", EV_HAS(ev, PID), ev->pid);
	md_jopt_u64(j, "tgid", EV_HAS(ev, TGID), ev->tgid);
	md_json_str(j, "comm", ev->comm);
	md_jopt_u64(j, "cgroup-id", EV_HAS(ev, CGROUP_ID), ev->cgroup_id);
	md_json_str(j, "cgroup-path", ev->cgroup_path);
	md_jenum(j, "context", EV_HAS(ev, CONTEXT),
		 md_context_name(ev->context), ev->context);
	md_json_arr_begin(j, "stack");
	for (i = 0; i < ev->nr_stack; i++)
		md_json_str(j, NULL, ev->stack[i]);
	md_json_arr_end(j);
	md_json_arr_begin(j, "zones");
	for (i = 0; i < ev->nr_zones; i++)
		md_zone_json(j, &ev->zones[i]);
	md_json_arr_end(j);
	md_json_u64(j, "zones-truncated", ev->zones_truncated);
	md_verdict_json(j, ev);
}

/* ---- the printer -------------------------------------------------------- */

/*
 * Set up @p to print records to @out as @o asks; @details adds zones and
 * stack to text lines; @live is for 'watch' (JSON Lines, the wording of
 * messages). Returns 0 or an exit code, having said what went wrong.
 */
int md_evprint_init(struct md_evprint *p, FILE *out, const struct md_opts *o,
		    bool details, bool live)
{
	memset(p, 0, sizeof(*p));
	p->out = out;
	p->o = o;
	p->details = details;
	p->live = live;
	p->ids = o->columns;
	p->n = o->ncolumns;
	if (o->json)
		p->mode = live ? MD_EVP_JSONL : MD_EVP_JSON;
	else
		p->mode = live || details ? MD_EVP_STREAM : MD_EVP_TABLE;

	/* Callers other than main() may leave -o unresolved: defaults. */
	if (!p->ids) {
		int ret = md_cols_parse("events", NULL, md_event_cols,
					MD_EVENT_NCOLS, &p->dflt, &p->n);

		if (ret)
			return ret;
		p->ids = p->dflt;
	}
	if (p->mode == MD_EVP_TABLE) {
		p->tb = md_event_table(p, true);
		if (!p->tb) {
			md_evprint_free(p);
			return md_err_nomem();
		}
	}
	return 0;
}

void md_evprint_free(struct md_evprint *p)
{
	if (p->tb)
		scols_unref_table(p->tb);
	free(p->dflt);
	p->tb = NULL;
	p->dflt = NULL;
}

/* Say on stderr that records before @ev were never read; count them. */
void md_evprint_missed(struct md_evprint *p, const struct md_event *ev)
{
	if (!ev->missed_before)
		return;
	p->missed += ev->missed_before;
	if (!p->live)
		md_err("%" PRIu64 " events before seq %" PRIu64
		       " were overwritten before they could be read",
		       ev->missed_before, ev->seq);
	else
		md_err("%" PRIu64 " events before seq %" PRIu64
		       " were missed; 'memdiagctl events --since %" PRIu64
		       "' shows those still kept", ev->missed_before, ev->seq,
		       ev->seq - ev->missed_before);
}

/* Print one record (or add it to the table). Returns 0 or -errno. */
int md_evprint_event(struct md_evprint *p, const struct md_event *ev)
{
	struct libscols_table *tb;
	int ret;

	p->count++;
	switch (p->mode) {
	case MD_EVP_TABLE:
		return md_event_line(p->tb, ev, p->ids, p->n, p->o);
	case MD_EVP_JSON:
		if (!p->started) {
			md_json_begin(&p->j, p->out);
			md_json_arr_begin(&p->j, "events");
			p->started = true;
		}
		md_json_obj_begin(&p->j, NULL);
		md_event_json(&p->j, ev);
		md_json_obj_end(&p->j);
		break;
	case MD_EVP_JSONL:
		md_json_begin_line(&p->j, p->out);
		md_event_json(&p->j, ev);
		md_json_end(&p->j);
		break;
	case MD_EVP_STREAM:
		/* The heading once, before the first record. */
		tb = md_event_table(p, !p->started);
		if (!tb)
			return -ENOMEM;
		p->started = true;
		ret = md_event_line(tb, ev, p->ids, p->n, p->o);
		if (!ret)
			ret = scols_print_table(tb);
		scols_unref_table(tb);
		if (!ret && p->details)
			ret = md_details_print(p, ev);
		if (ret)
			return ret;
		break;
	}
	return ferror(p->out) ? -EIO : 0;
}

/* The end of the records: print the table, close the JSON document. */
int md_evprint_finish(struct md_evprint *p)
{
	switch (p->mode) {
	case MD_EVP_TABLE:
		return p->count ? scols_print_table(p->tb) : 0;
	case MD_EVP_JSON:
		if (!p->started) {
			md_json_begin(&p->j, p->out);
			md_json_arr_begin(&p->j, "events");
			p->started = true;
		}
		md_json_arr_end(&p->j);
		md_json_u64(&p->j, "missed", p->missed);
		md_json_end(&p->j);
		break;
	default:
		break;
	}
	return ferror(p->out) ? -EIO : 0;
}

/* ---- the command -------------------------------------------------------- */

enum { OPT_SINCE = MD_OPT_CMD, OPT_LAST, OPT_DETAILS };

static const struct option md_events_opts[] = {
	{ "since",   required_argument, NULL, OPT_SINCE },
	{ "last",    required_argument, NULL, OPT_LAST },
	{ "details", no_argument,	NULL, OPT_DETAILS },
	{ NULL, 0, NULL, 0 }
};

static struct {
	bool has_since;
	uint64_t since;
	bool has_last;
	uint64_t last;
	bool details;
} md_events_args;

static int md_events_opt(int c, const char *arg)
{
	switch (c) {
	case OPT_SINCE:
		/* Sequence numbers start at 1. */
		md_events_args.has_since = true;
		return md_opt_u64("--since", arg, 1, UINT64_MAX,
				  &md_events_args.since);
	case 'n':
	case OPT_LAST:
		md_events_args.has_last = true;
		return md_opt_u64(c == 'n' ? "-n" : "--last", arg, 0,
				  UINT32_MAX, &md_events_args.last);
	case OPT_DETAILS:
		md_events_args.details = true;
		return 0;
	}
	return MD_EXIT_USAGE;
}

/* What the dump's replies go through. */
struct md_events_ctx {
	struct md_evprint *p;
	bool has_last;		/* -n: keep only the last @last records */
	size_t last;
	struct md_event *ring;	/* then: the last records, oldest at @head */
	size_t cap, len, head;
	int print_err;		/* the first output error; stops printing */
};

static void md_events_keep(struct md_events_ctx *ctx, struct md_event *ev)
{
	struct md_event *v;
	size_t cap;

	if (!ctx->last) {
		md_event_free(ev);
		return;
	}
	if (ctx->len == ctx->last) {
		/* Full: the oldest makes room. */
		md_event_free(&ctx->ring[ctx->head]);
		ctx->ring[ctx->head] = *ev;
		ctx->head = (ctx->head + 1) % ctx->len;
		return;
	}
	/* Not full yet, so nothing has wrapped: grow as needed. */
	if (ctx->len == ctx->cap) {
		cap = ctx->cap ? ctx->cap * 2 : 64;
		if (cap > ctx->last)
			cap = ctx->last;
		v = realloc(ctx->ring, cap * sizeof(*v));
		if (!v) {
			md_event_free(ev);
			ctx->print_err = -ENOMEM;
			return;
		}
		ctx->ring = v;
		ctx->cap = cap;
	}
	ctx->ring[ctx->len++] = *ev;
}

static int md_events_reply(struct nlmsghdr *nlh, void *arg)
{
	struct md_events_ctx *ctx = arg;
	struct md_event ev;
	int ret;

	ret = md_event_parse(nlh, &ev);
	if (ret)
		return ret;
	md_evprint_missed(ctx->p, &ev);
	if (ctx->print_err) {
		md_event_free(&ev);
	} else if (ctx->has_last) {
		md_events_keep(ctx, &ev);
	} else {
		ctx->print_err = md_evprint_event(ctx->p, &ev);
		md_event_free(&ev);
	}
	/* An output error must not look like a bad reply: keep reading. */
	return 0;
}

static int md_events_run(const struct md_opts *o)
{
	struct md_events_ctx ctx = {
		.has_last = md_events_args.has_last,
		.last = md_events_args.last,
	};
	struct md_evprint p;
	struct nl_msg *req;
	struct md_nl nl;
	size_t i;
	int ret;

	ret = md_nl_open(&nl, o->family);
	if (ret)
		return ret;
	ret = md_evprint_init(&p, stdout, o, md_events_args.details, false);
	if (ret) {
		md_nl_close(&nl);
		return ret;
	}
	ctx.p = &p;
	req = md_nl_req(&nl, MEMDIAG_CMD_GET_EVENTS, NLM_F_DUMP);
	if (req && md_events_req_put(req, md_events_args.has_since,
				     md_events_args.since)) {
		nlmsg_free(req);
		req = NULL;
	}
	ret = md_nl_call(&nl, "get-events", req, md_events_reply, &ctx);
	md_nl_close(&nl);

	/* -n: what was kept, oldest first. */
	for (i = 0; i < ctx.len; i++) {
		struct md_event *ev = &ctx.ring[(ctx.head + i) % ctx.len];

		if (!ret && !ctx.print_err)
			ctx.print_err = md_evprint_event(&p, ev);
		md_event_free(ev);
	}
	free(ctx.ring);
	/* Even after a failure, what was printed is closed properly. */
	if (!ctx.print_err && (!ret || p.started))
		ctx.print_err = md_evprint_finish(&p);
	md_evprint_free(&p);
	if (ctx.print_err) {
		md_err("cannot print the events: %s", strerror(-ctx.print_err));
		if (!ret)
			ret = MD_EXIT_ERROR;
	}
	return ret;
}

const struct md_cmd md_cmd_events = {
	.name	   = "events",
	.help	   = " events [--since <seq>] [-n <n>] [--details]\n"
		     "                        the failure records the module keeps, oldest\n"
		     "                        first (needs CAP_NET_ADMIN)\n",
	.longopts  = md_events_opts,
	.shortopts = "n:",
	.opthelp   = "     --since <seq>      start at record <seq> (default: the oldest kept)\n"
		     " -n, --last <n>         print only the last <n> records; after 'events',\n"
		     "                        -n is this option: use --noheadings there\n"
		     "     --details          add each record's zone snapshot and stack\n",
	.cols	   = md_event_cols,
	.ncols	   = ARRAY_SIZE(md_event_cols),
	.colswhat  = "the record lines",
	.opt	   = md_events_opt,
	.run	   = md_events_run,
};
