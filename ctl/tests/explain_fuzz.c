// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl explain against damaged logs: every corpus report cut after
 * every line (and in the middle of that line), with each line dropped in
 * turn, and shuffled as two CPUs printing at once. Built with
 * -fsanitize=address,undefined (make -C ctl fuzz), so that a read past a
 * string or an overflow stops it.
 *
 * What must hold, besides not crashing:
 *  - an event wholly before the damage is read exactly as from the whole
 *    log (same kind, verdict and reason);
 *  - an event the damage reaches says "unknown", or what the whole log
 *    says: never a verdict made from a line that is not there.
 * Events are matched by the input line their report starts on.
 *
 * Usage: tests/explain_fuzz CORPUS-DIR. Output: "ok N - name" lines, the
 * plan, "# N passed, N failed"; exit 1 if any failed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "explain.h"
#include "klog.h"

static FILE *devnull;
static const char *cur_file;
static char *cur_path;
static struct md_klog full_log;
static struct md_xlist full;

/* The event of @l whose report starts on input line @lineno, or NULL. */
static const struct md_xev *find(const struct md_klog *log,
				 const struct md_xlist *l, unsigned long lineno)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i]->first < log->n &&
		    log->lines[l->v[i]->first].lineno == lineno)
			return l->v[i];
	/* a report whose first lines were dropped: the one holding @lineno */
	for (i = 0; i < l->n; i++)
		if (l->v[i]->first < log->n && l->v[i]->last < log->n &&
		    log->lines[l->v[i]->first].lineno < lineno &&
		    log->lines[l->v[i]->last].lineno >= lineno)
			return l->v[i];
	return NULL;
}

static const char *verdict(const struct md_xev *e)
{
	return e->verdict ? e->verdict : "unknown";
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/*
 * Check the events of @log (a damaged copy of the whole log): those whose
 * input lines all lie in [0, @intact) must be the whole log's, the others
 * "unknown" or the whole log's verdict.
 */
static void check(const struct md_klog *log, unsigned long intact,
		  const char *how)
{
	struct md_xctx ctx = { 0 };
	struct md_opts o = { 0 };
	struct md_xlist l = { 0 };
	size_t i;

	if (md_explain_scan(log, &ctx, &l)) {
		t_cur_failed = 1;
		printf("# %s, %s: out of memory\n", cur_file, how);
		return;
	}
	/* the printers walk every field: text and JSON */
	md_explain_print(devnull, &o, log, &l, false);
	o.json = true;
	md_explain_print(devnull, &o, log, &l, false);
	for (i = 0; i < l.n; i++) {
		const struct md_xev *e = l.v[i], *w;
		unsigned long first = log->lines[e->first].lineno;

		w = find(&full_log, &full, first);
		/* intact: its report, as the whole log has it, ends before */
		if (w && w->last < full_log.n &&
		    full_log.lines[w->last].lineno < intact) {
			/* the reason of an "unknown" may name what came after */
			if (!w || strcmp(e->kind, w->kind) ||
			    strcmp(verdict(e), verdict(w)) ||
			    (strcmp(verdict(e), "unknown") && !same(e->why, w->why))) {
				t_cur_failed = 1;
				printf("# %s, %s: the event of line %lu changed: %s %s (%s), whole log: %s %s (%s)\n",
				       cur_file, how, first, e->kind, verdict(e),
				       e->why ? e->why : "", w ? w->kind : "none",
				       w ? verdict(w) : "", w && w->why ? w->why : "");
			}
			continue;
		}
		if (!strcmp(verdict(e), "unknown"))
			continue;
		/*
		 * Another kind: what is left reads as another report (4.4's
		 * order-0 line of a vmalloc failure, without its vmalloc
		 * line), explained from the numbers it has.
		 */
		if (w && strcmp(e->kind, w->kind))
			continue;
		if (!w || strcmp(verdict(e), verdict(w))) {
			t_cur_failed = 1;
			printf("# %s, %s: the event of line %lu says '%s' (%s); the whole log: '%s'\n",
			       cur_file, how, first, verdict(e),
			       e->why ? e->why : "", w ? verdict(w) : "no event");
		}
	}
	md_xlist_free(&l);
}

/* A shallow copy of the whole log's first @n lines (texts shared). */
static void copy_lines(struct md_klog *dst, size_t n)
{
	*dst = full_log;
	dst->lines = malloc((n ? n : 1) * sizeof(*dst->lines));
	if (!dst->lines) {
		perror("malloc");
		exit(2);
	}
	memcpy(dst->lines, full_log.lines, n * sizeof(*dst->lines));
	dst->n = n;
	dst->cap = n;
}

static void t_cut(void)
{
	struct md_klog log;
	char how[64];
	size_t n;

	for (n = 0; n <= full_log.n; n++) {
		copy_lines(&log, n);
		snprintf(how, sizeof(how), "cut after %zu lines", n);
		check(&log, n ? full_log.lines[n - 1].lineno + 1 : 0, how);
		/* and in the middle of its last line */
		if (n) {
			struct md_kline *k = &log.lines[n - 1];
			char *half = strndup(k->text, strlen(k->text) / 2);

			if (half) {
				k->text = half;
				snprintf(how, sizeof(how), "cut in line %lu", k->lineno);
				check(&log, k->lineno, how);
				free(half);
			}
		}
		free(log.lines);
	}
}

static void t_drop(void)
{
	struct md_klog log;
	char how[64];
	size_t d;

	for (d = 0; d < full_log.n; d++) {
		unsigned long gone = full_log.lines[d].lineno;

		copy_lines(&log, full_log.n);
		memmove(&log.lines[d], &log.lines[d + 1],
			(full_log.n - d - 1) * sizeof(*log.lines));
		log.n--;
		snprintf(how, sizeof(how), "line %lu dropped", gone);
		/* events before the dropped line are intact; the others say
		 * "unknown" or what the whole log says */
		check(&log, gone, how);
		free(log.lines);
	}
}

/* Two CPUs printing at once: the log's halves interleaved line by line. */
static void t_shuffle(void)
{
	struct md_xctx ctx = { 0 };
	struct md_opts o = { 0 };
	struct md_xlist l = { 0 };
	struct md_klog log;
	size_t i, h = full_log.n / 2, a = 0, b = h, seed = 1;

	copy_lines(&log, full_log.n);
	for (i = 0; i < full_log.n; i++)
		log.lines[i] = (i % 2 && b < full_log.n) || a >= h ?
			       full_log.lines[b++] : full_log.lines[a++];
	if (!md_explain_scan(&log, &ctx, &l)) {
		md_explain_print(devnull, &o, &log, &l, false);
		md_xlist_free(&l);
	}
	/* and neighbours swapped here and there (a fixed sequence) */
	memcpy(log.lines, full_log.lines, full_log.n * sizeof(*log.lines));
	for (i = 0; i + 1 < full_log.n; i++) {
		seed = seed * 1103515245 + 12345;
		if ((seed >> 16) % 4 == 0) {
			struct md_kline t = log.lines[i];

			log.lines[i] = log.lines[i + 1];
			log.lines[i + 1] = t;
		}
	}
	if (!md_explain_scan(&log, &ctx, &l)) {
		o.json = true;
		md_explain_print(devnull, &o, &log, &l, false);
		md_xlist_free(&l);
	}
	free(log.lines);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_log(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 4 && !strcmp(d->d_name + n - 4, ".log");
}

int main(int argc, char **argv)
{
	struct dirent **names;
	struct md_xctx ctx = { 0 };
	char name[512];
	int n, i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s CORPUS-DIR\n", argv[0]);
		return 2;
	}
	setenv("TZ", "UTC", 1);
	devnull = fopen("/dev/null", "w");
	n = scandir(argv[1], &names, is_log, by_name);
	if (n <= 0 || !devnull) {
		fprintf(stderr, "%s: no corpus in %s\n", argv[0], argv[1]);
		return 2;
	}
	for (i = 0; i < n; i++) {
		cur_file = names[i]->d_name;
		if (asprintf(&cur_path, "%s/%s", argv[1], cur_file) < 0)
			return 2;
		memset(&full_log, 0, sizeof(full_log));
		memset(&full, 0, sizeof(full));
		if (md_klog_add_file(&full_log, cur_path) ||
		    md_explain_scan(&full_log, &ctx, &full)) {
			printf("not ok %d - %s: read\n", ++t_count, cur_file);
			t_failed++;
		} else {
			snprintf(name, sizeof(name), "%s cut after every line", cur_file);
			run(name, t_cut);
			snprintf(name, sizeof(name), "%s with each line dropped", cur_file);
			run(name, t_drop);
			snprintf(name, sizeof(name), "%s shuffled between CPUs", cur_file);
			run(name, t_shuffle);
		}
		md_xlist_free(&full);
		md_klog_free(&full_log);
		free(cur_path);
		free(names[i]);
	}
	free(names);
	fclose(devnull);
	printf("1..%d\n# %d passed, %d failed\n", t_count, t_count - t_failed,
	       t_failed);
	return t_failed ? 1 : 0;
}
