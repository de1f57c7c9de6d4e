// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl explain [--kernel VERSION] [--table] [FILE...] - the kernel's
 * own memory reports in a log, explained: page allocation failures and
 * stalls, vmalloc failures, OOM kills, commit refusals, the RLIMIT_DATA
 * warning (explain.h). FILEs are read in order ("-": standard input); with
 * none, the running kernel's log (syslog(2), else /dev/kmsg). Neither the
 * module nor root is needed for files.
 *
 * Output: one block per event, in log order, then a summary line per log:
 *   FILE:LINE [TIME] KIND: WHAT
 *     ... what the event's parser says (zones, tasks, gfp, caller) ...
 *     verdict: VERDICT: WHY
 *     advice: ADVICE
 *     not read: WHAT COULD NOT BE READ
 * -o/--table: one row per event instead (columns below). --json: {"events":
 * [{"kind", "file", "line", "last-line", "time", "uptime", "comm", "pid",
 * "kernel", "what", "verdict", "why", "advice", "unread", "repeated", and
 * the kind's own keys}], "logs": [{"file", "events", "kinds": {KIND: N},
 * "first", "last", "kernels": [...]}]}; with -o, {"events": [rows]}.
 *
 * Exit 0: read (whether or not it held memory events); 2: usage; 4: the
 * kernel log needs privileges (dmesg_restrict: run as root, or pass a
 * file); 5: a file could not be read, or out of memory.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "gfp.h"
#include "klog.h"
#include "memdiagctl.h"
#include "output.h"

enum {
	XCOL_FILE, XCOL_LINE, XCOL_TIME, XCOL_KIND, XCOL_COMM, XCOL_PID,
	XCOL_KERNEL, XCOL_VERDICT, XCOL_WHAT,
};

static const struct md_col md_explain_cols[] = {
	[XCOL_FILE]    = { "FILE", 0, 0, SCOLS_JSON_STRING, false,
			   "the log it was read from" },
	[XCOL_LINE]    = { "LINE", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			   "the line its report starts at" },
	[XCOL_TIME]    = { "TIME", 0, 0, SCOLS_JSON_STRING, true,
			   "when, as the log says it (clock or seconds since boot)" },
	[XCOL_KIND]    = { "KIND", 0, 0, SCOLS_JSON_STRING, true,
			   "alloc-failure, alloc-stall, vmalloc-failure, oom-kill, oom-reaper, oom-no-killable, commit-refusal, rlimit-data" },
	[XCOL_COMM]    = { "COMM", 0, 0, SCOLS_JSON_STRING, true,
			   "the task it happened to" },
	[XCOL_PID]     = { "PID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			   "its pid" },
	[XCOL_KERNEL]  = { "KERNEL", 0, 0, SCOLS_JSON_STRING, false,
			   "the kernel version the report came from" },
	[XCOL_VERDICT] = { "VERDICT", 0, 0, SCOLS_JSON_STRING, true,
			   "why, in a word or two (unknown: a number it needs was not read)" },
	[XCOL_WHAT]    = { "WHAT", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING, true,
			   "what happened, with its numbers" },
};

static struct {
	const char **files;
	size_t n, cap;
	const char *kernel;
	unsigned int kver;
	bool table;
} md_x_args;

enum { OPT_KERNEL = MD_OPT_CMD, OPT_TABLE };

static const struct option md_explain_opts[] = {
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "table",  no_argument,       NULL, OPT_TABLE },
	{ NULL, 0, NULL, 0 }
};

static int md_explain_opt(int c, const char *arg)
{
	switch (c) {
	case OPT_KERNEL:
		md_x_args.kver = md_kver_parse(arg);
		if (!md_x_args.kver) {
			md_err("--kernel: '%s' is not a kernel version (say 5.10 or 6.12.57)",
			       arg);
			return MD_EXIT_USAGE;
		}
		md_x_args.kernel = arg;
		return 0;
	case OPT_TABLE:
		md_x_args.table = true;
		return 0;
	}
	return MD_EXIT_USAGE;
}

static int md_explain_arg(const char *arg)
{
	if (md_grow(&md_x_args.files, md_x_args.n, &md_x_args.cap,
		    sizeof(*md_x_args.files), 4))
		return md_err_nomem();
	md_x_args.files[md_x_args.n++] = arg;
	return 0;
}

/* ---- events -------------------------------------------------------------- */

void md_xev_clear(struct md_xev *e)
{
	free(e->comm);
	free(e->kver_str);
	free(e->what);
	free(e->verdict);
	free(e->why);
	free(e->advice);
	free(e->unread);
}

void md_xev_free(struct md_xev *e)
{
	if (!e)
		return;
	if (e->ops && e->ops->free) {
		e->ops->free(e);
	} else {
		md_xev_clear(e);
		free(e);
	}
}

void md_xlist_free(struct md_xlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		md_xev_free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* The "Linux version 5.10.0-46-amd64 (...)" banner of a boot. */
static bool md_x_banner(const char *text, char *ver, size_t size)
{
	const char *p = strstr(text, "Linux version ");
	size_t n;

	if (!p || p != text)
		return false;
	p += strlen("Linux version ");
	n = strcspn(p, " ");
	if (!n || n >= size || !md_kver_parse(p))
		return false;
	memcpy(ver, p, n);
	ver[n] = '\0';
	return true;
}

static md_xparse_fn *const md_xparsers[] = {
	md_xparse_alloc,
	md_xparse_oom,
	md_xparse_commit,
};

int md_explain_scan(const struct md_klog *log, const struct md_xctx *forced,
		    struct md_xlist *l)
{
	char banner[128] = "";
	struct md_xctx ctx = *forced;
	size_t i, p;

	for (i = 0; i < log->n; i++) {
		const char *text = log->lines[i].text;

		if (!ctx.kver_forced && md_x_banner(text, banner, sizeof(banner))) {
			ctx.kver = md_kver_parse(banner);
			ctx.kver_str = banner;
			continue;
		}
		for (p = 0; p < ARRAY_SIZE(md_xparsers); p++) {
			struct md_xev *e = NULL;
			int r = md_xparsers[p](log, i, &ctx, &e);

			if (r < 0)
				return r;
			if (!r || !e)
				continue;
			if (md_grow(&l->v, l->n, &l->cap, sizeof(*l->v), 16)) {
				md_xev_free(e);
				return -ENOMEM;
			}
			l->v[l->n++] = e;
			break;
		}
	}
	return 0;
}

/* ---- printing ------------------------------------------------------------ */

static const struct md_kline *md_x_line(const struct md_klog *log,
					const struct md_xev *e)
{
	return e->first < log->n ? &log->lines[e->first] : NULL;
}

/* When, as the log says it: its clock, else seconds since boot. */
static char *md_x_time(const struct md_kline *k)
{
	if (!k)
		return NULL;
	if (k->stamp)
		return strdup(k->stamp);
	if (k->uptime >= 0)
		return md_strdupf("%.6f", k->uptime);
	return NULL;
}

static const char *md_x_file(const struct md_klog *log, const struct md_kline *k)
{
	return k && k->file < log->nfiles ? log->files[k->file] : "?";
}

static int md_x_block(FILE *out, const struct md_klog *log,
		      const struct md_xev *e, bool exact)
{
	const struct md_kline *k = md_x_line(log, e);
	char *t = md_x_time(k), *what = md_escape_dup(e->what ? e->what : "");
	int ret = 0;

	if (!what) {
		free(t);
		return -ENOMEM;
	}
	fprintf(out, "%s:%lu%s%s%s %s: %s\n", md_x_file(log, k),
		k ? k->lineno : 0, t ? " [" : "", t ? t : "", t ? "]" : "",
		e->kind, what);
	free(t);
	free(what);
	if (e->repeated)
		fprintf(out, "  repeated %u more times\n", e->repeated);
	if (e->ops && e->ops->text)
		ret = e->ops->text(e, out, exact);
	if (!ret && e->verdict) {
		fprintf(out, "  verdict: %s", e->verdict);
		if (e->why)
			fprintf(out, ": %s", e->why);
		fputc('\n', out);
	}
	if (!ret && e->advice)
		fprintf(out, "  advice: %s\n", e->advice);
	if (!ret && e->unread)
		fprintf(out, "  not read: %s\n", e->unread);
	fputc('\n', out);
	return ret;
}

static int md_x_cell(struct libscols_line *ln, size_t cell, int col,
		     const void *row, const void *ctx, const struct md_opts *o)
{
	const struct md_xev *e = *(struct md_xev *const *)row;
	const struct md_klog *log = ctx;
	const struct md_kline *k = md_x_line(log, e);

	(void)o;
	switch (col) {
	case XCOL_FILE:
		return md_cell_set(ln, cell, md_x_file(log, k), false);
	case XCOL_LINE:
		return md_cell_printf(ln, cell, "%lu", k ? k->lineno : 0);
	case XCOL_TIME:
		/* a log without times leaves the cell empty */
		if (!k || (!k->stamp && k->uptime < 0))
			return 0;
		return md_cell_take(ln, cell, md_x_time(k));
	case XCOL_KIND:
		return md_cell_set(ln, cell, e->kind, false);
	case XCOL_COMM:
		return e->comm ? md_cell_set(ln, cell, e->comm, true) : 0;
	case XCOL_PID:
		return e->pid >= 0 ? md_cell_printf(ln, cell, "%lld", e->pid) : 0;
	case XCOL_KERNEL:
		return e->kver_str ? md_cell_set(ln, cell, e->kver_str, true) : 0;
	case XCOL_VERDICT:
		return md_cell_set(ln, cell, e->verdict ? e->verdict : "unknown",
				   false);
	case XCOL_WHAT:
		return e->what ? md_cell_set(ln, cell, e->what, true) : 0;
	}
	return 0;
}

static void md_jstr_opt(struct md_json *j, const char *key, const char *v)
{
	if (v)
		md_json_str(j, key, v);
	else
		md_json_null(j, key);
}

static void md_x_json_event(struct md_json *j, const struct md_klog *log,
			    const struct md_xev *e)
{
	const struct md_kline *k = md_x_line(log, e);
	const struct md_kline *last = e->last < log->n ? &log->lines[e->last] : k;
	char *t = k && k->stamp ? strdup(k->stamp) : NULL;

	md_json_obj_begin(j, NULL);
	md_json_str(j, "kind", e->kind);
	md_json_str(j, "file", md_x_file(log, k));
	md_json_u64(j, "line", k ? k->lineno : 0);
	md_json_u64(j, "last-line", last ? last->lineno : 0);
	md_jstr_opt(j, "time", t);
	if (k && k->uptime >= 0) {
		char num[32];

		snprintf(num, sizeof(num), "%.6f", k->uptime);
		md_json_number(j, "uptime", num);
	} else {
		md_json_null(j, "uptime");
	}
	md_jstr_opt(j, "comm", e->comm);
	if (e->pid >= 0)
		md_json_u64(j, "pid", e->pid);
	else
		md_json_null(j, "pid");
	md_jstr_opt(j, "kernel", e->kver_str);
	md_jstr_opt(j, "what", e->what);
	md_json_str(j, "verdict", e->verdict ? e->verdict : "unknown");
	md_jstr_opt(j, "why", e->why);
	md_jstr_opt(j, "advice", e->advice);
	md_jstr_opt(j, "unread", e->unread);
	md_json_u64(j, "repeated", e->repeated);
	if (e->ops && e->ops->json)
		e->ops->json(e, j);
	md_json_obj_end(j);
	free(t);
}

/* What one log held: counts per kind, its time span, its kernels. */
struct md_x_logsum {
	unsigned int file;
	size_t events;
	const char *kinds[16];
	size_t counts[16];
	size_t nkinds;
	const struct md_kline *first, *last;
	const char *kernels[8];
	size_t nkernels;
};

static void md_x_summarize(const struct md_klog *log, const struct md_xlist *l,
			   unsigned int file, struct md_x_logsum *s)
{
	size_t i, k;

	memset(s, 0, sizeof(*s));
	s->file = file;
	for (i = 0; i < l->n; i++) {
		const struct md_xev *e = l->v[i];
		const struct md_kline *kl = md_x_line(log, e);

		if (!kl || kl->file != file)
			continue;
		s->events++;
		for (k = 0; k < s->nkinds && strcmp(s->kinds[k], e->kind); k++)
			;
		if (k == s->nkinds && k < ARRAY_SIZE(s->kinds))
			s->kinds[s->nkinds++] = e->kind;
		if (k < ARRAY_SIZE(s->kinds))
			s->counts[k] += 1 + e->repeated;
		if (!s->first)
			s->first = kl;
		s->last = e->last < log->n ? &log->lines[e->last] : kl;
		if (!e->kver_str)
			continue;
		for (k = 0; k < s->nkernels && strcmp(s->kernels[k], e->kver_str); k++)
			;
		if (k == s->nkernels && k < ARRAY_SIZE(s->kernels))
			s->kernels[s->nkernels++] = e->kver_str;
	}
}

static void md_x_summary_text(FILE *out, const struct md_klog *log,
			      const struct md_x_logsum *s)
{
	char *t0, *t1;
	size_t k;

	fprintf(out, "%s: ", log->files[s->file]);
	if (!s->events) {
		fprintf(out, "no memory events in %zu kernel log lines\n",
			(size_t)0 + log->n);
		return;
	}
	fprintf(out, "%zu memory event%s (", s->events, s->events == 1 ? "" : "s");
	for (k = 0; k < s->nkinds; k++)
		fprintf(out, "%s%zu %s", k ? ", " : "", s->counts[k], s->kinds[k]);
	fputc(')', out);
	t0 = md_x_time(s->first);
	t1 = md_x_time(s->last);
	if (t0 && t1)
		fprintf(out, ", from %s to %s", t0, t1);
	free(t0);
	free(t1);
	if (s->nkernels) {
		fprintf(out, ", kernel%s ", s->nkernels == 1 ? "" : "s");
		for (k = 0; k < s->nkernels; k++)
			fprintf(out, "%s%s", k ? ", " : "", s->kernels[k]);
	}
	fputc('\n', out);
}

static void md_x_summary_json(struct md_json *j, const struct md_klog *log,
			      const struct md_x_logsum *s)
{
	char *t;
	size_t k;

	md_json_obj_begin(j, NULL);
	md_json_str(j, "file", log->files[s->file]);
	md_json_u64(j, "events", s->events);
	md_json_obj_begin(j, "kinds");
	for (k = 0; k < s->nkinds; k++)
		md_json_u64(j, s->kinds[k], s->counts[k]);
	md_json_obj_end(j);
	t = md_x_time(s->first);
	md_jstr_opt(j, "first", t);
	free(t);
	t = md_x_time(s->last);
	md_jstr_opt(j, "last", t);
	free(t);
	md_json_arr_begin(j, "kernels");
	for (k = 0; k < s->nkernels; k++)
		md_json_str(j, NULL, s->kernels[k]);
	md_json_arr_end(j);
	md_json_obj_end(j);
}

int md_explain_print(FILE *out, const struct md_opts *o,
		     const struct md_klog *log, const struct md_xlist *l,
		     bool table)
{
	struct md_x_logsum s;
	unsigned int f;
	size_t i;
	int ret = 0;

	if (o->output || table)
		return md_rows_print(o, "events", md_explain_cols, l->v, l->n,
				     sizeof(*l->v), md_x_cell, log);
	if (o->json) {
		struct md_json j;

		md_json_begin(&j, out);
		md_json_arr_begin(&j, "events");
		for (i = 0; i < l->n; i++)
			md_x_json_event(&j, log, l->v[i]);
		md_json_arr_end(&j);
		md_json_arr_begin(&j, "logs");
		for (f = 0; f < log->nfiles; f++) {
			md_x_summarize(log, l, f, &s);
			md_x_summary_json(&j, log, &s);
		}
		md_json_arr_end(&j);
		md_json_end(&j);
		return 0;
	}
	for (i = 0; i < l->n && !ret; i++)
		ret = md_x_block(out, log, l->v[i], o->bytes);
	for (f = 0; f < log->nfiles && !ret; f++) {
		md_x_summarize(log, l, f, &s);
		md_x_summary_text(out, log, &s);
	}
	return ret;
}

static int md_explain_run(const struct md_opts *o)
{
	struct md_xctx ctx = {
		.kver = md_x_args.kver,
		.kver_str = md_x_args.kernel,
		.kver_forced = md_x_args.kernel != NULL,
	};
	struct md_klog log = { 0 };
	struct md_xlist l = { 0 };
	size_t i;
	int r = 0, ret = MD_EXIT_OK;

	if (!md_x_args.n) {
		r = md_klog_add_running(&log);
		if (r == -EPERM || r == -EACCES)
			ret = MD_EXIT_PERM;
		else if (r)
			ret = MD_EXIT_ERROR;
	}
	for (i = 0; i < md_x_args.n && !r; i++) {
		r = md_klog_add_file(&log, md_x_args.files[i]);
		if (r)
			ret = MD_EXIT_ERROR;
	}
	if (!r) {
		r = md_explain_scan(&log, &ctx, &l);
		if (r)
			ret = md_err_nomem();
	}
	if (!r && md_explain_print(stdout, o, &log, &l, md_x_args.table))
		ret = MD_EXIT_ERROR;
	md_xlist_free(&l);
	md_klog_free(&log);
	free(md_x_args.files);
	return ret;
}

const struct md_cmd md_cmd_explain = {
	.name	  = "explain",
	.help	  = " explain [FILE...]      the kernel's own memory reports in a log (files,\n"
		    "                        '-' for stdin, else the running kernel's log),\n"
		    "                        explained: allocation failures, OOM kills, commit\n"
		    "                        refusals (no module needed)\n",
	.longopts = md_explain_opts,
	.opthelp  = "     --kernel <version> read gfp masks as this kernel's (when the log\n"
		    "                        does not say which kernel printed them)\n"
		    "     --table            one line per event (as -o does)\n",
	.cols	  = md_explain_cols,
	.ncols	  = ARRAY_SIZE(md_explain_cols),
	.colswhat = "the events",
	.opt	  = md_explain_opt,
	.arg	  = md_explain_arg,
	.run	  = md_explain_run,
};
