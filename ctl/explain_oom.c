// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl explain - OOM killer reports read back from a log (explain.h).
 *
 * One "oom-kill" event per report, from its first line to the kill:
 *   "%s invoked oom-killer: gfp_mask=%#x(%pGg), [nodemask=%*pbl, ]order=%d,
 *    oom_score_adj=%hd" (3.x: "gfp_mask=0x%x, order=%d, oom_score_adj=%d",
 *    2.6.3x: ", oom_adj=%d[, oom_score_adj=%d]", 2.6.1x: "oom-killer:
 *    gfp_mask=0x%x[, order=%d]"), "%s cpuset=%s mems_allowed=%*pbl" (< 4.19),
 *   the dump_stack() lines, then either the memory cgroup's lines
 *    ("Task in %s killed as a result of limit of %s" (< 4.19), "memory:
 *    usage %llukB, limit %llukB, failcnt %lu", "memory+swap: ..." (v1) or
 *    "swap: ..." (v2), "kmem: ...", "Memory cgroup stats for %s:" and its
 *    stats on the same line (v1 before 4.x: "cache:NKB rss:NKB ...") or on
 *    the next ones ("anon N" in bytes)),
 *   or show_mem() ("Mem-Info:", showmem.h) and "Unreclaimable slab info:",
 *   the task table ("[ pid ]   uid  tgid total_vm      rss ... name", its
 *    columns read from its header line: cpu/oom_adj (2.6), nr_ptes,
 *    nr_pmds (4.1-4.14), pgtables_bytes (4.15+), rss_anon/rss_file/rss_shmem
 *    (6.x)), "oom-kill:constraint=%s,nodemask=%*pbl,cpuset=%s,mems_allowed=
 *    %*pbl[,oom_memcg=%s|,global_oom],task_memcg=%s,task=%s,pid=%d,uid=%d"
 *    (4.19+),
 *   "[Memory cgroup ]Out of memory: Kill process %d (%s) score %u or
 *    sacrifice child" (< 4.19; 2.6: "kill process ... score %lu or a
 *    child"), then "[%s: ]Killed process %d (%s) total-vm:%lukB,
 *    anon-rss:%lukB, file-rss:%lukB[, shmem-rss:%lukB][, UID:%u
 *    pgtables:%lukB oom_score_adj:%hd]" (2.6.32: "vsz:", 2.6.10: "Out of
 *    Memory: Killed process %d (%s)."), "Kill process %d (%s) sharing same
 *    memory", "Tasks in %s are going to be killed due to memory.oom.group set"
 *    and the group's kills.
 * It ends instead at "%s: OOM victim %d (%s) is already exiting. Skip killing
 * the task", at "Kernel panic - not syncing: Out of memory: %s panic_on_oom
 * is enabled", or at "Out of memory and no killable processes..." (then the
 * event is "oom-no-killable"). A report whose beginning was cut starts at
 * the first of those lines it still has.
 *
 * "oom_reaper: reaped process %d (%s), now anon-rss:%lukB, file-rss:%lukB,
 * shmem-rss:%lukB" ("unable to reap pid:%d (%s)") is attached to the kill of
 * the same pid before it (within MD_XO_REAP_WIN lines), else an event of its
 * own ("oom-reaper").
 *
 * The driver offers every line: a line read by an earlier report is
 * recognised as such (md_xo_owned()) so that a report gives one event.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/memdiag.h>

#include "explain.h"
#include "gfp.h"
#include "memdiagctl.h"
#include "output.h"
#include "proto.h"
#include "showmem.h"

#define MD_XO_MAX_STEPS 100000	/* lines one report may span */
#define MD_XO_RUN_HEAD 400	/* unknown lines in a row before the table */
#define MD_XO_RUN_TABLE 40	/* ... after its header */
#define MD_XO_BACK 100000	/* lines looked back for a report's start */
#define MD_XO_REAP_WIN 2000	/* lines between a kill and its reaper */
#define MD_XO_TOP 5		/* tasks printed */
#define MD_XO_CAP (1LL << 60)	/* numbers saturate here: sums cannot overflow */
#define MD_XO_NONE LLONG_MIN	/* a signed value (adj, points) not read */

/* ---- small readers ------------------------------------------------------ */

static const char *md_xo_skip(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* A decimal at @s, optionally negative, saturated at +-MD_XO_CAP. */
static bool md_xo_num(const char *s, const char **end, long long *v)
{
	bool neg = *s == '-';
	long long n = 0;
	const char *p = s + neg;

	if (!isdigit((unsigned char)*p))
		return false;
	for (; isdigit((unsigned char)*p); p++)
		n = n >= MD_XO_CAP / 10 ? MD_XO_CAP : n * 10 + (*p - '0');
	if (end)
		*end = p;
	*v = neg ? -n : n;
	return true;
}

/* The number after the first @key in @s; -1 (or MD_XO_NONE if @sign) if none. */
static long long md_xo_key(const char *s, const char *key, bool sign)
{
	const char *p = strstr(s, key);
	long long v;

	if (p && md_xo_num(p + strlen(key), NULL, &v) && (sign || v >= 0))
		return v;
	return sign ? MD_XO_NONE : -1;
}

/* A copy of @s up to @end (trimmed), or NULL (and *@err) if out of memory. */
static char *md_xo_dup(const char *s, const char *end, bool *err)
{
	char *d;

	s = md_xo_skip(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	d = strndup(s, end > s ? (size_t)(end - s) : 0);
	if (!d)
		*err = true;
	return d;
}

/* The value of "key=" up to the next ',' or space, malloc'ed, or NULL. */
static char *md_xo_field(const char *s, const char *key, bool *err)
{
	const char *p = strstr(s, key);

	if (!p)
		return NULL;
	p += strlen(key);
	return md_xo_dup(p, p + strcspn(p, ", "), err);
}

/* md_kver_parse(), and "A.B[.C]" itself if that gave nothing. */
static unsigned int md_xo_kver(const char *s)
{
	unsigned int v = md_kver_parse(s);
	long long a, b, c = 0;
	const char *p;

	if (v || !md_xo_num(s, &p, &a) || *p != '.' || !md_xo_num(p + 1, &p, &b))
		return v;
	if (*p == '.' && !md_xo_num(p + 1, &p, &c))
		c = 0;
	if (a < 2 || a > 99 || b > 255)
		return 0;
	return md_kver(a, b, c);
}

/* ---- what one report holds ---------------------------------------------- */

struct md_xo_task {
	long long pid, uid, tgid;
	long long total_vm, rss, rss_anon, rss_file, rss_shmem;	/* pages, -1 */
	long long nr_ptes, nr_pmds, pgtables_bytes, swapents;		/* -1 */
	long long adj;			/* oom_score_adj, MD_XO_NONE if not read */
	long long pgt_pages;		/* page tables in pages, -1 */
	long long points;		/* badness, MD_XO_NONE: not ranked */
	bool unkillable;		/* oom_score_adj -1000 */
	char *name;
};

struct md_xo_kill {
	long long pid;
	char *comm;
	long long total_vm_kb, anon_kb, file_kb, shmem_kb, uid, pgtables_kb; /* -1 */
	long long adj;			/* MD_XO_NONE */
};

enum { XO_COL_PID, XO_COL_UID, XO_COL_TGID, XO_COL_TOTAL_VM, XO_COL_RSS,
	XO_COL_RSS_ANON, XO_COL_RSS_FILE, XO_COL_RSS_SHMEM, XO_COL_NR_PTES,
	XO_COL_NR_PMDS, XO_COL_PGTABLES_BYTES, XO_COL_SWAPENTS,
	XO_COL_OOM_SCORE_ADJ, XO_COL_OOM_ADJ, XO_COL_CPU, XO_COL_OTHER,
	XO_NCOLS };

static const char *const md_xo_colnames[XO_NCOLS] = {
	"pid", "uid", "tgid", "total_vm", "rss", "rss_anon", "rss_file",
	"rss_shmem", "nr_ptes", "nr_pmds", "pgtables_bytes", "swapents",
	"oom_score_adj", "oom_adj", "cpu", NULL,
};

struct md_xo {
	struct md_xev x;
	const struct md_klog *log;
	/* the trigger */
	bool have_trigger;
	char *trig_comm;
	long long trig_pid;
	bool have_gfp;
	uint32_t gfp_mask;
	char *gfp_printed;		/* names in the parentheses, or NULL */
	bool gfp_decoded;
	struct md_gfp gfp;
	char *gfp_allows;
	long long order;		/* -1 */
	long long trig_adj;		/* oom_score_adj=, MD_XO_NONE */
	long long trig_oom_adj;		/* 2.6's oom_adj=, MD_XO_NONE */
	char *nodemask, *cpuset, *mems_allowed;
	/* the constraint */
	char *constraint;		/* "none", "memcg", "cpuset", "mempolicy", "global", NULL */
	const char *constraint_src;	/* where it was read */
	bool global_oom;		/* ",global_oom" */
	/* the memory cgroup */
	bool memcg;
	char *memcg_path, *task_memcg;
	long long mem_usage, mem_limit, mem_failcnt;		/* kB, -1 */
	long long swap_usage, swap_limit, swap_failcnt;		/* kB, -1 */
	bool swap_is_memsw;		/* v1's memory+swap (else v2's swap) */
	long long kmem_usage, kmem_limit;
	long long cg_anon_kb, cg_file_kb, cg_shmem_kb;		/* the stats, -1 */
	bool in_stats;
	/* show_mem() */
	bool have_sm;
	struct md_showmem sm;
	/* read here when md_showmem_parse() did not: pages, kB; -1 */
	long long f_ram, f_reserved, f_swap_free, f_swap_total;
	long long f_anon, f_file, f_shmem, f_slab_unrec;
	bool f_anon_a, f_anon_i, f_file_a, f_file_i;
	/* the table */
	int cols[24];			/* column -> XO_COL_*, in header order */
	size_t ncols;
	bool have_header, old_table;
	struct md_xo_task *tasks;
	size_t ntasks, cap;
	size_t garbled_rows;
	/* the kill */
	long long chosen_pid;		/* "Kill process N ... score" (< 4.19), -1 */
	char *chosen_comm;
	long long score;		/* as printed, MD_XO_NONE */
	bool have_kill;
	char *message;			/* "Out of memory", "Memory cgroup out of memory", ... */
	struct md_xo_kill v;
	size_t kill_line;
	size_t extra_kills;		/* sharing mm, oom.group */
	bool exiting;			/* "OOM victim ... already exiting" */
	bool no_killable;
	char *panic;
	/* the reaper */
	bool reaped, reap_failed;
	long long reap_pid, reap_anon, reap_file, reap_shmem;
	char *reap_comm;
	size_t reap_line;
	/* derived */
	long long page_kb;
	const char *page_kb_src;
	long long totalpages;		/* for the adj normalization, -1 */
	const char *totalpages_src;
	bool ranked;
	char *rank_note;
	long long predicted_pid;	/* -1 */
	int matches;			/* 1, 0, -1 unknown */
	char *cause;
	/* memory at that moment, kB, -1 */
	bool m_slab_bound;	/* the total slab rules out a slab leak */
	long long m_anon, m_file, m_shmem, m_slab, m_huge, m_swap_total,
		  m_swap_free, m_ram;
	/* unread parts, joined into x.unread */
	char unread[1024];
	bool probe_hit;			/* md_xo_owned(): the line was read */
	size_t probe;
	bool err;
};

static void md_xo_unread(struct md_xo *o, const char *what)
{
	size_t n = strlen(o->unread);

	if (strstr(o->unread, what))
		return;
	snprintf(o->unread + n, sizeof(o->unread) - n, "%s%s", n ? "; " : "", what);
}

/* ---- line kinds ------------------------------------------------------ */

static bool md_xo_is_trigger(const char *t)
{
	return strstr(t, " invoked oom-killer:") ||
	       !strncmp(t, "oom-killer: gfp_mask=", 21);
}

/* "Kill process N (x) score N ..." (not "... sharing same memory") */
static const char *md_xo_is_choose(const char *t)
{
	const char *p = strstr(t, "Kill process ");

	if (!p)
		p = strstr(t, "kill process ");
	if (!p || strstr(p, "sharing same memory") || !strstr(p, " score "))
		return NULL;
	return p;
}

static const char *md_xo_is_killed(const char *t)
{
	return strstr(t, "Killed process ");
}

static bool md_xo_is_no_killable(const char *t)
{
	return !strncmp(t, "Out of memory and no killable processes", 39);
}

static bool md_xo_is_panic(const char *t)
{
	return !strncmp(t, "Kernel panic - not syncing: ", 28) &&
	       (strstr(t, "Out of memory") || strstr(t, "out of memory") ||
		strstr(t, "deadlocked on memory"));
}

static bool md_xo_is_exiting(const char *t)
{
	return strstr(t, "OOM victim ") && strstr(t, " is already exiting");
}

static bool md_xo_is_reaper(const char *t)
{
	return !strncmp(t, "oom_reaper: reaped process ", 27) ||
	       !strncmp(t, "oom_reaper: unable to reap pid:", 31);
}

/* A line a report may start at. */
static bool md_xo_is_start(const char *t)
{
	return md_xo_is_trigger(t) || md_xo_is_choose(t) || md_xo_is_killed(t) ||
	       md_xo_is_no_killable(t) || md_xo_is_panic(t) ||
	       md_xo_is_exiting(t);
}

/* "N (comm)": the pid and the name; @stops end the name if found. */
static void md_xo_pid_comm(struct md_xo *o, const char *p, long long *pid,
			   char **comm)
{
	static const char *const stops[] = {
		") total-vm:", ") vsz:", ") score ", "), now ", ") sharing",
		") is already", ").", "),",
	};
	const char *q, *end = NULL, *s;
	size_t k;

	*pid = -1;
	if (!md_xo_num(p, &q, pid) || strncmp(q, " (", 2))
		return;
	/* PID_MAX_LIMIT is 4194304: more is not a pid */
	if (*pid < 0 || *pid > 4194304)
		*pid = -1;
	q += 2;
	for (k = 0; k < ARRAY_SIZE(stops) && !end; k++)
		end = strstr(q, stops[k]);
	if (!end) {
		s = strrchr(q, ')');
		end = s ? s : q + strlen(q);
	}
	free(*comm);
	*comm = strndup(q, end - q);
	if (!*comm)
		o->err = true;
}

/* ---- the report's lines ---------------------------------------------- */

static void md_xo_trigger(struct md_xo *o, size_t i, const char *t)
{
	const struct md_klog *log = o->log;
	const char *p = strstr(t, " invoked oom-killer:"), *q;
	char buf[1024];
	size_t j, n;
	long long v;

	o->have_trigger = true;
	if (p)
		o->trig_comm = md_xo_dup(t, p, &o->err);
	/* a mail-wrapped trigger: its fields on the next lines */
	snprintf(buf, sizeof(buf), "%s", t);
	for (j = i + 1, n = 0; !strstr(buf, "order=") && j < log->n && n < 3;
	     j++, n++) {
		const char *c = md_xo_skip(log->lines[j].text);
		size_t len = strlen(buf);

		if (log->lines[j].file != log->lines[i].file ||
		    (strncmp(c, "gfp_mask=", 9) && strncmp(c, "order=", 6) &&
		     strncmp(c, "nodemask=", 9) && strncmp(c, "oom_score_adj=", 14)))
			break;
		snprintf(buf + len, sizeof(buf) - len, " %s", c);
	}
	p = strstr(buf, "gfp_mask=");
	if (p && !strncmp(p + 9, "0x", 2) && isxdigit((unsigned char)p[11])) {
		unsigned long long m = strtoull(p + 11, (char **)&q, 16);

		if (m <= 0xffffffffULL) {
			o->gfp_mask = m;
			o->have_gfp = true;
		}
		if (*q == '(' && strchr(q, ')'))
			o->gfp_printed = md_xo_dup(q + 1, strchr(q, ')'), &o->err);
	}
	o->order = md_xo_key(buf, "order=", false);
	if (o->order > 64)
		o->order = -1;
	v = md_xo_key(buf, "oom_score_adj=", true);
	if (v >= -1000 && v <= 1000)
		o->trig_adj = v;
	v = md_xo_key(buf, "oom_adj=", true);
	if (v >= -17 && v <= 15)
		o->trig_oom_adj = v;
	if (strstr(buf, "nodemask="))
		o->nodemask = md_xo_field(buf, "nodemask=", &o->err);
}

static void md_xo_constraint(struct md_xo *o, const char *t)
{
	static const struct { const char *k, *v; } map[] = {
		{ "CONSTRAINT_NONE", "none" }, { "CONSTRAINT_CPUSET", "cpuset" },
		{ "CONSTRAINT_MEMORY_POLICY", "mempolicy" },
		{ "CONSTRAINT_MEMCG", "memcg" },
	};
	const char *p = t + strlen("oom-kill:constraint="), *q, *r;
	size_t k, n = strcspn(p, ",");

	free(o->constraint);
	o->constraint = NULL;
	for (k = 0; k < ARRAY_SIZE(map); k++)
		if (strlen(map[k].k) == n && !strncmp(p, map[k].k, n))
			o->constraint = strdup(map[k].v);
	/* a newer one (CONSTRAINT_BPF_PSI_MEM...): its name, lower case */
	if (k == ARRAY_SIZE(map) && !o->constraint && n > 11 && n < 64 &&
	    !strncmp(p, "CONSTRAINT_", 11)) {
		o->constraint = strndup(p + 11, n - 11);
		for (k = 0; o->constraint && o->constraint[k]; k++)
			o->constraint[k] = tolower((unsigned char)o->constraint[k]);
	}
	if (o->constraint)
		o->constraint_src = "the oom-kill: line";
	else if (n > 11 && n < 64 && !strncmp(p, "CONSTRAINT_", 11))
		o->err = true;
	if (!o->nodemask)
		o->nodemask = md_xo_field(t, ",nodemask=", &o->err);
	if (!o->cpuset)
		o->cpuset = md_xo_field(t, ",cpuset=", &o->err);
	if (!o->mems_allowed)
		o->mems_allowed = md_xo_field(t, ",mems_allowed=", &o->err);
	o->global_oom = strstr(t, ",global_oom") != NULL;
	/* paths and names may hold commas: ",task=" is the last one */
	q = NULL;
	for (r = t; (r = strstr(r, ",task=")); r++)
		q = r;
	p = strstr(t, ",oom_memcg=");
	if (p && q && p < q && !o->memcg_path) {
		r = strstr(p, ",task_memcg=");
		o->memcg_path = md_xo_dup(p + 11, r && r < q ? r : q, &o->err);
	}
	p = strstr(t, ",task_memcg=");
	if (p && q && p < q && !o->task_memcg)
		o->task_memcg = md_xo_dup(p + 12, q, &o->err);
}

/* "memory: usage NkB, limit NkB, failcnt N" and its siblings */
static bool md_xo_counter(const char *t, long long *usage, long long *limit,
			  long long *failcnt)
{
	*usage = md_xo_key(t, "usage ", false);
	*limit = md_xo_key(t, "limit ", false);
	*failcnt = md_xo_key(t, "failcnt ", false);
	return *usage >= 0 || *limit >= 0;
}

/* v1 "cache:0KB rss:980KB ..." on the stats line, or v2's "anon 123" lines. */
static bool md_xo_stat(struct md_xo *o, const char *t)
{
	static const struct { const char *k; size_t off; } v1[] = {
		{ " rss:", offsetof(struct md_xo, cg_anon_kb) },
		{ " cache:", offsetof(struct md_xo, cg_file_kb) },
		{ " shmem:", offsetof(struct md_xo, cg_shmem_kb) },
	}, v2[] = {
		{ "anon ", offsetof(struct md_xo, cg_anon_kb) },
		{ "file ", offsetof(struct md_xo, cg_file_kb) },
		{ "shmem ", offsetof(struct md_xo, cg_shmem_kb) },
	};
	const char *p, *q;
	long long v;
	size_t k;

	if (strchr(t, ':')) {
		char buf[512];

		snprintf(buf, sizeof(buf), " %s", t);
		for (k = 0; k < ARRAY_SIZE(v1); k++) {
			p = strstr(buf, v1[k].k);
			if (p && md_xo_num(p + strlen(v1[k].k), &q, &v) && v >= 0 &&
			    (!strncmp(q, "KB", 2) || !strncmp(q, "kB", 2)))
				*(long long *)((char *)o + v1[k].off) = v;
		}
		return false;
	}
	/* "word N": the v2-style memory.stat lines (bytes) */
	p = t;
	while (islower((unsigned char)*p) || *p == '_' || isdigit((unsigned char)*p))
		p++;
	if (p == t || *p != ' ' || !md_xo_num(p + 1, &q, &v) || *q || v < 0)
		return false;
	for (k = 0; k < ARRAY_SIZE(v2); k++)
		if (!strncmp(t, v2[k].k, strlen(v2[k].k)))
			*(long long *)((char *)o + v2[k].off) = v / 1024;
	return true;
}

static void md_xo_memcg_line(struct md_xo *o, const char *t)
{
	const char *p, *q;
	long long u, l, f;

	o->memcg = true;
	if (!strncmp(t, "Task in ", 8)) {
		p = strstr(t, " killed as a result of limit of ");
		if (!p)
			return;
		if (!o->task_memcg)
			o->task_memcg = md_xo_dup(t + 8, p, &o->err);
		if (!o->memcg_path)
			o->memcg_path = md_xo_dup(p + 32, p + strlen(p), &o->err);
		return;
	}
	if (!strncmp(t, "memory: ", 8) && md_xo_counter(t, &u, &l, &f)) {
		o->mem_usage = u;
		o->mem_limit = l;
		o->mem_failcnt = f;
	} else if (!strncmp(t, "memory+swap: ", 13) && md_xo_counter(t, &u, &l, &f)) {
		o->swap_usage = u;
		o->swap_limit = l;
		o->swap_failcnt = f;
		o->swap_is_memsw = true;
	} else if (!strncmp(t, "swap: ", 6) && md_xo_counter(t, &u, &l, &f)) {
		o->swap_usage = u;
		o->swap_limit = l;
		o->swap_failcnt = f;
	} else if (!strncmp(t, "kmem: ", 6) && md_xo_counter(t, &u, &l, &f)) {
		o->kmem_usage = u;
		o->kmem_limit = l;
	} else if (!strncmp(t, "Memory cgroup stats for ", 24)) {
		p = t + 24;
		q = strstr(p, ": ");
		if (!q)
			q = p + strlen(p) - (p[strlen(p) - 1] == ':' ? 1 : 0);
		if (!o->memcg_path)
			o->memcg_path = md_xo_dup(p, q, &o->err);
		if (!o->in_stats) {
			o->in_stats = true;
			if (*q)
				md_xo_stat(o, q + 1);
		}
	}
}

/* The table's header: its columns, by name. */
static bool md_xo_header(struct md_xo *o, const char *t)
{
	char buf[512], *tok, *save = NULL;
	size_t k;

	if (t[0] != '[' || !strstr(t, "pid") || !strstr(t, "uid") ||
	    !strstr(t, " name"))
		return false;
	snprintf(buf, sizeof(buf), "%s", t);
	for (tok = buf; *tok; tok++)
		if (*tok == '[' || *tok == ']')
			*tok = ' ';
	o->ncols = 0;
	for (tok = strtok_r(buf, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(tok, "name"))
			break;
		for (k = 0; k < XO_COL_OTHER && strcmp(tok, md_xo_colnames[k]); k++)
			;
		if (o->ncols < ARRAY_SIZE(o->cols))
			o->cols[o->ncols++] = k;
	}
	o->have_header = true;
	o->old_table = false;
	for (k = 0; k < o->ncols; k++)
		if (o->cols[k] == XO_COL_OOM_ADJ || o->cols[k] == XO_COL_CPU)
			o->old_table = true;
	for (k = 0; k < o->ncols; k++)
		if (o->cols[k] == XO_COL_OOM_SCORE_ADJ)
			o->old_table = false;
	return true;
}

static bool md_xo_has_col(const struct md_xo *o, int col)
{
	size_t k;

	for (k = 0; k < o->ncols; k++)
		if (o->cols[k] == col)
			return true;
	return false;
}

/* "[ 1381]     0  1381   530382     5191 ... gunpowder-memho" */
static bool md_xo_row(struct md_xo *o, const char *t)
{
	struct md_xo_task tk;
	const char *p = t + 1, *q;
	long long v, pid, vals[XO_COL_OTHER];
	size_t k;

	if (t[0] != '[')
		return false;
	p = md_xo_skip(p);
	if (!md_xo_num(p, &q, &pid))
		return false;
	q = md_xo_skip(q);
	if (*q != ']')
		return false;
	memset(&tk, 0, sizeof(tk));
	tk.pgt_pages = -1;
	tk.points = MD_XO_NONE;
	for (k = 0; k < XO_COL_OTHER; k++)
		vals[k] = -1;
	p = q + 1;
	for (k = 0; k < o->ncols; k++) {
		if (k == 0) {
			v = pid;	/* read inside the brackets */
			q = p;
		} else {
			p = md_xo_skip(p);
			if (!md_xo_num(p, &q, &v) || (*q != ' ' && *q != '\t'))
				goto garbled;
		}
		if (o->cols[k] < XO_COL_OTHER)
			vals[o->cols[k]] = v;
		p = q;
	}
	if (*p != ' ' || !*md_xo_skip(p))
		goto garbled;
	tk.pid = vals[XO_COL_PID];
	tk.uid = vals[XO_COL_UID];
	tk.tgid = vals[XO_COL_TGID];
	tk.total_vm = vals[XO_COL_TOTAL_VM];
	tk.rss = vals[XO_COL_RSS];
	tk.rss_anon = vals[XO_COL_RSS_ANON];
	tk.rss_file = vals[XO_COL_RSS_FILE];
	tk.rss_shmem = vals[XO_COL_RSS_SHMEM];
	tk.nr_ptes = vals[XO_COL_NR_PTES];
	tk.nr_pmds = vals[XO_COL_NR_PMDS];
	tk.pgtables_bytes = vals[XO_COL_PGTABLES_BYTES];
	tk.swapents = vals[XO_COL_SWAPENTS];
	v = vals[XO_COL_OOM_SCORE_ADJ];
	tk.adj = v >= -1000 && v <= 1000 && md_xo_has_col(o, XO_COL_OOM_SCORE_ADJ) ?
		 v : MD_XO_NONE;
	tk.name = md_xo_dup(p, p + strlen(p), &o->err);
	if (!tk.name)
		return true;
	if (md_grow(&o->tasks, o->ntasks, &o->cap, sizeof(*o->tasks), 64)) {
		free(tk.name);
		o->err = true;
		return true;
	}
	o->tasks[o->ntasks++] = tk;
	return true;
garbled:
	o->garbled_rows++;
	return true;
}

static void md_xo_kill_line(struct md_xo *o, size_t j, const char *t,
			    const char *k)
{
	const char *m = k;

	while (m > t && (m[-1] == ' ' || m[-1] == ':'))
		m--;
	if (m > t && !o->message)
		o->message = md_xo_dup(t, m, &o->err);
	o->have_kill = true;
	o->kill_line = j;
	md_xo_pid_comm(o, k + strlen("Killed process "), &o->v.pid, &o->v.comm);
	o->v.total_vm_kb = md_xo_key(k, "total-vm:", false);
	if (o->v.total_vm_kb < 0)
		o->v.total_vm_kb = md_xo_key(k, "vsz:", false);
	o->v.anon_kb = md_xo_key(k, "anon-rss:", false);
	o->v.file_kb = md_xo_key(k, "file-rss:", false);
	o->v.shmem_kb = md_xo_key(k, "shmem-rss:", false);
	o->v.uid = md_xo_key(k, "UID:", false);
	o->v.pgtables_kb = md_xo_key(k, "pgtables:", false);
	o->v.adj = md_xo_key(k, "oom_score_adj:", true);
}

/* Add the pages after @key in @buf to *@sum, once (*@seen). */
static void md_xo_half(const char *buf, const char *key, long long *sum, bool *seen)
{
	const char *p = strstr(buf, key);
	long long v;

	if (*seen || !p || !md_xo_num(p + strlen(key), NULL, &v) || v < 0)
		return;
	*sum = (*sum < 0 ? 0 : *sum) + v;
	*seen = true;
}

/* Read the Mem-Info lines here when showmem.c did not take them. */
static void md_xo_meminfo_line(struct md_xo *o, const char *t)
{
	static const struct { const char *k; size_t off; } keys[] = {
		{ "slab_unreclaimable:", offsetof(struct md_xo, f_slab_unrec) },
		{ "shmem:", offsetof(struct md_xo, f_shmem) },
	};
	char buf[1024];
	const char *p, *q;
	long long v;
	size_t k;

	if (o->have_sm)
		return;
	p = strstr(t, " pages RAM");
	if (p && !p[10] && md_xo_num(t, &q, &v) && q == p)
		o->f_ram = v;
	p = strstr(t, " pages reserved");
	if (p && !p[15] && md_xo_num(t, &q, &v) && q == p)
		o->f_reserved = v;
	if (!strncmp(t, "Free swap  = ", 13) && md_xo_num(t + 13, &q, &v) && !strcmp(q, "kB"))
		o->f_swap_free = v;
	if (!strncmp(t, "Total swap = ", 13) && md_xo_num(t + 13, &q, &v) && !strcmp(q, "kB"))
		o->f_swap_total = v;
	if (!strncmp(t, "Node ", 5) || strstr(t, "kB"))
		return;	/* per node/zone lines are in kB: the summary is in pages */
	snprintf(buf, sizeof(buf), " %s", t);
	for (k = 0; k < ARRAY_SIZE(keys); k++) {
		long long *dst = (long long *)((char *)o + keys[k].off);
		char key[32];

		snprintf(key, sizeof(key), " %s", keys[k].k);
		p = strstr(buf, key);
		if (p && md_xo_num(p + strlen(key), NULL, &v) && v >= 0 && *dst < 0)
			*dst = v;
	}
	/* the anon and file lists: both halves, or the sum stays unread */
	md_xo_half(buf, " active_anon:", &o->f_anon, &o->f_anon_a);
	md_xo_half(buf, " Active_anon:", &o->f_anon, &o->f_anon_a);
	md_xo_half(buf, " inactive_anon:", &o->f_anon, &o->f_anon_i);
	md_xo_half(buf, " active_file:", &o->f_file, &o->f_file_a);
	md_xo_half(buf, " inactive_file:", &o->f_file, &o->f_file_i);
}

static void md_xo_reaper_line(struct md_xo *o, size_t j, const char *t)
{
	o->reaped = true;
	o->reap_line = j;
	if (!strncmp(t, "oom_reaper: unable to reap pid:", 31)) {
		o->reap_failed = true;
		md_xo_pid_comm(o, t + 31, &o->reap_pid, &o->reap_comm);
		return;
	}
	md_xo_pid_comm(o, t + 27, &o->reap_pid, &o->reap_comm);
	o->reap_anon = md_xo_key(t, "anon-rss:", false);
	o->reap_file = md_xo_key(t, "file-rss:", false);
	o->reap_shmem = md_xo_key(t, "shmem-rss:", false);
}

/* The pid of a "Killed process N" or reaper line, -1. */
static long long md_xo_line_pid(const char *t, bool reaper)
{
	const char *p;
	long long v;

	if (reaper) {
		p = !strncmp(t, "oom_reaper: unable to reap pid:", 31) ? t + 31 :
		    !strncmp(t, "oom_reaper: reaped process ", 27) ? t + 27 : NULL;
	} else {
		p = md_xo_is_killed(t);
		if (p)
			p += strlen("Killed process ");
	}
	return p && md_xo_num(p, NULL, &v) ? v : -1;
}

/* The reaper line of the kill at @k (same pid, same file, after it). */
static void md_xo_find_reaper(struct md_xo *o, size_t k)
{
	const struct md_klog *log = o->log;
	size_t j;

	for (j = k + 1; j < log->n && j - k <= MD_XO_REAP_WIN; j++) {
		const char *t = md_xo_skip(log->lines[j].text);

		if (log->lines[j].file != log->lines[k].file)
			return;
		if (md_xo_is_reaper(t) && md_xo_line_pid(t, true) == o->v.pid) {
			md_xo_reaper_line(o, j, t);
			return;
		}
		if (md_xo_is_killed(t) && md_xo_line_pid(t, false) == o->v.pid)
			return;
	}
}

/* show_mem() from line *@j: 0 and *@j at its last line, else -1. */
static int md_xo_try_showmem(struct md_xo *o, size_t *j)
{
	int r = md_showmem_parse(o->log, *j, &o->sm);

	if (r == -ENOMEM)
		o->err = true;
	if (r)
		return -1;
	o->have_sm = true;
	if (o->probe > *j && o->probe <= o->sm.last)
		o->probe_hit = true;
	if (o->sm.last > *j && o->sm.last < o->log->n)
		*j = o->sm.last;
	o->x.last = *j;
	return 0;
}

/*
 * Read the report that starts at @start, following md_klog_next(). Sets
 * o->probe_hit if line o->probe was one of its lines.
 */
static void md_xo_read(struct md_xo *o, size_t start)
{
	const struct md_klog *log = o->log;
	const struct md_kline *ref = &log->lines[start];
	size_t j, steps, run = 0;
	bool ended = false;

	for (j = start, steps = 0; j < log->n && steps < MD_XO_MAX_STEPS;
	     j = md_klog_next(log, j, ref), steps++) {
		const char *t = md_xo_skip(log->lines[j].text ? log->lines[j].text : "");
		const char *choose = md_xo_is_choose(t), *killed = md_xo_is_killed(t);
		struct md_xcpu c;
		bool known = true;

		/* another report begins: this one was cut */
		if (j != start && (md_xo_is_trigger(t) || !strncmp(t, "Linux version ", 14) ||
				   strstr(t, "page allocation failure") ||
				   strstr(t, "page allocation stalls for") ||
				   !strncmp(t, "------------[ cut here ]", 24)))
			break;
		if (ended) {
			/* after the kill: the group's and the sharers' kills */
			if (strstr(t, "sharing same memory") ||
			    (strstr(t, " are going to be killed due to memory.oom.group")) ||
			    (md_xo_is_killed(t) && o->extra_kills) ||
			    (md_xo_is_panic(t) && o->no_killable)) {
				if (md_xo_is_panic(t) && !o->panic)
					o->panic = md_xo_dup(t + 28, t + strlen(t), &o->err);
				else
					o->extra_kills++;
				o->x.last = j;
				if (j == o->probe)
					o->probe_hit = true;
				continue;
			}
			break;
		}
		if (j == o->probe)
			o->probe_hit = true;
		o->x.last = j;
		if (j == start && md_xo_is_trigger(t)) {
			md_xo_trigger(o, j, t);
		} else if (md_x_cpu_line(t, &c)) {
			if (o->trig_pid < 0)
				o->trig_pid = c.pid;
			if (!o->trig_comm && c.comm[0])
				o->trig_comm = strdup(c.comm);
			/* a mail-wrapped one: the version alone on the next line */
			if (!c.kver_str[0] && j + 1 < log->n &&
			    log->lines[j + 1].file == log->lines[j].file &&
			    md_xo_kver(md_xo_skip(log->lines[j + 1].text ?
						  log->lines[j + 1].text : "")))
				snprintf(c.kver_str, sizeof(c.kver_str), "%s",
					 md_xo_skip(log->lines[j + 1].text));
			if (c.kver_str[0] && !o->x.kver_str) {
				o->x.kver_str = strdup(c.kver_str);
				if (!o->x.kver_str)
					o->err = true;
				o->x.kver = md_xo_kver(c.kver_str);
			}
		} else if (strstr(t, " cpuset=") && strstr(t, " mems_allowed=") &&
			   !o->cpuset) {
			const char *p = strstr(t, " cpuset=") + 8;
			const char *q = strstr(p, " mems_allowed=");

			if (q) {
				o->cpuset = md_xo_dup(p, q, &o->err);
				o->mems_allowed = md_xo_dup(q + 14, q + strlen(q), &o->err);
			}
		} else if (!strncmp(t, "oom-kill:constraint=", 20)) {
			md_xo_constraint(o, t);
		} else if (!strncmp(t, "Task in ", 8) || !strncmp(t, "memory: usage", 13) ||
			   !strncmp(t, "memory+swap: usage", 18) ||
			   !strncmp(t, "swap: usage", 11) || !strncmp(t, "kmem: usage", 11) ||
			   !strncmp(t, "Memory cgroup stats for ", 24)) {
			md_xo_memcg_line(o, t);
		} else if (o->in_stats && !o->have_header && md_xo_stat(o, t)) {
			/* a v2-style stat line */
		} else if (!o->have_sm && !o->have_header &&
			   (!strncmp(t, "Mem-Info", 8) || !strncmp(t, "Mem-info", 8) ||
			    !strncmp(t, "Free pages:", 11) || !strncmp(t, "active_anon:", 12) ||
			    !strncmp(t, "Active:", 7)) &&
			   !md_xo_try_showmem(o, &j)) {
			/* show_mem() read */
		} else if (md_xo_header(o, t)) {
			/* the table begins */
		} else if (o->have_header && md_xo_row(o, t)) {
			/* a task */
		} else if (choose) {
			const char *k = choose, *s = k + strlen("Kill process ");

			md_xo_pid_comm(o, s, &o->chosen_pid, &o->chosen_comm);
			o->score = md_xo_key(k, " score ", true);
			if (!o->message && k > t) {
				const char *m = k;

				while (m > t && (m[-1] == ' ' || m[-1] == ':'))
					m--;
				o->message = md_xo_dup(t, m, &o->err);
			}
		} else if (killed) {
			md_xo_kill_line(o, j, t, killed);
			ended = true;
		} else if (md_xo_is_exiting(t)) {
			const char *p = strstr(t, "OOM victim ") + 11;

			md_xo_pid_comm(o, p, &o->v.pid, &o->v.comm);
			o->exiting = true;
			ended = true;
		} else if (md_xo_is_no_killable(t)) {
			o->no_killable = true;
			ended = true;
		} else if (md_xo_is_panic(t)) {
			o->panic = md_xo_dup(t + 28, t + strlen(t), &o->err);
			ended = true;
			if (strstr(t, "deadlocked"))
				o->no_killable = true;
			else
				break;
		} else if (strstr(t, "Tasks state (memory values in pages)")) {
			/* the table's title (4.15+) */
		} else {
			known = false;
			md_xo_meminfo_line(o, t);
		}
		if (known) {
			run = 0;
		} else if (++run > (o->have_header ? MD_XO_RUN_TABLE : MD_XO_RUN_HEAD)) {
			o->x.last = j;
			break;
		}
	}
	if (o->have_kill)
		md_xo_find_reaper(o, o->kill_line);
}

/* ---- deciding ------------------------------------------------------------ */

static void md_xo_memory(struct md_xo *o)
{
	const struct md_showmem *m = &o->sm;
	long long pk = o->page_kb;

	o->m_anon = o->m_file = o->m_shmem = o->m_slab = o->m_huge = -1;
	o->m_swap_total = o->m_swap_free = o->m_ram = -1;
	if (o->have_sm) {
		if (m->active_anon >= 0 && m->inactive_anon >= 0)
			o->m_anon = (m->active_anon + m->inactive_anon) * pk;
		if (m->active_file >= 0 && m->inactive_file >= 0)
			o->m_file = (m->active_file + m->inactive_file) * pk;
		if (m->shmem >= 0)
			o->m_shmem = m->shmem * pk;
		if (m->slab_unreclaimable >= 0)
			o->m_slab = m->slab_unreclaimable * pk;
		if (m->hugepages_total >= 0 && m->hugepage_kb >= 0)
			o->m_huge = m->hugepages_total * m->hugepage_kb;
		o->m_swap_total = m->swap_total_kb;
		o->m_swap_free = m->swap_free_kb;
		if (m->ram_pages >= 0)
			o->m_ram = m->ram_pages * pk;
		o->f_ram = m->ram_pages;
		o->f_reserved = m->reserved_pages;
		return;
	}
	if (o->f_anon_a && o->f_anon_i)
		o->m_anon = o->f_anon * pk;
	if (o->f_file_a && o->f_file_i)
		o->m_file = o->f_file * pk;
	if (o->f_shmem >= 0)
		o->m_shmem = o->f_shmem * pk;
	if (o->f_slab_unrec >= 0)
		o->m_slab = o->f_slab_unrec * pk;
	o->m_swap_total = o->f_swap_total;
	o->m_swap_free = o->f_swap_free;
	if (o->f_ram >= 0)
		o->m_ram = o->f_ram * pk;
}

static struct md_xo_task *md_xo_task_of(struct md_xo *o, long long pid)
{
	size_t k;

	for (k = 0; pid >= 0 && k < o->ntasks; k++)
		if (o->tasks[k].pid == pid)
			return &o->tasks[k];
	return NULL;
}

static int md_xo_cmp(const void *a, const void *b)
{
	const struct md_xo_task *x = a, *y = b;

	if (x->points != y->points)
		return x->points < y->points ? 1 : -1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* The page size: a victim's total-vm in kB over its table total_vm in pages. */
static void md_xo_page_size(struct md_xo *o)
{
	struct md_xo_task *t = md_xo_task_of(o, o->v.pid);

	o->page_kb = 4;
	o->page_kb_src = "assumed";
	if (t && t->total_vm > 0 && o->v.total_vm_kb > 0 &&
	    o->v.total_vm_kb % t->total_vm == 0) {
		long long pk = o->v.total_vm_kb / t->total_vm;

		if (pk >= 4 && pk <= 256 && !(pk & (pk - 1))) {
			o->page_kb = pk;
			o->page_kb_src = "the victim's total-vm";
			return;
		}
	}
	if (o->have_sm && o->sm.page_kb > 0) {
		o->page_kb = o->sm.page_kb;
		o->page_kb_src = "Mem-Info";
	}
}

static void md_xo_rank(struct md_xo *o)
{
	unsigned int kver = o->x.kver;
	bool root_bonus, any_adj = false, old;
	size_t k;

	o->predicted_pid = -1;
	o->matches = -1;
	if (!o->ntasks)
		return;
	old = o->old_table || (kver && kver < md_kver(2, 6, 36)) ||
	      (o->trig_oom_adj != MD_XO_NONE && o->trig_adj == MD_XO_NONE);
	if (old) {
		o->rank_note = strdup("before 2.6.36 the kernel ranked by total_vm and runtime: table ranking not comparable");
		if (!o->rank_note)
			o->err = true;
		return;
	}
	/* 2.6.36 to 4.16 took 3% off for CAP_SYS_ADMIN (not in the table) */
	root_bonus = kver ? kver < md_kver(4, 17, 0) : md_xo_has_col(o, XO_COL_NR_PTES);
	/* totalpages: RAM + swap for a global OOM, the limit for a memcg one */
	o->totalpages = -1;
	if (o->memcg || (o->constraint && !strcmp(o->constraint, "memcg"))) {
		if (o->swap_is_memsw && o->swap_limit > 0 &&
		    o->swap_limit < (1LL << 50)) {
			o->totalpages = o->swap_limit / o->page_kb;
			o->totalpages_src = "the memory+swap limit";
		} else if (o->mem_limit > 0 && o->mem_limit < (1LL << 50)) {
			o->totalpages = o->mem_limit / o->page_kb;
			o->totalpages_src = "the memory limit (its swap share not printed)";
		}
	} else if (o->f_ram >= 0 && o->m_swap_total >= 0) {
		o->totalpages = o->f_ram - (o->f_reserved > 0 && o->f_reserved < o->f_ram ?
					    o->f_reserved : 0) + o->m_swap_total / o->page_kb;
		o->totalpages_src = "RAM - reserved + swap";
	}
	for (k = 0; k < o->ntasks; k++) {
		struct md_xo_task *t = &o->tasks[k];
		long long rss = t->rss, p;

		if (rss < 0 && t->rss_anon >= 0 && t->rss_file >= 0 && t->rss_shmem >= 0)
			rss = t->rss_anon + t->rss_file + t->rss_shmem;
		if (t->pgtables_bytes >= 0)
			t->pgt_pages = t->pgtables_bytes / (o->page_kb * 1024);
		else if (t->nr_ptes >= 0)
			t->pgt_pages = t->nr_ptes + (t->nr_pmds > 0 ? t->nr_pmds : 0);
		if (t->adj == -1000)
			t->unkillable = true;
		if (rss < 0 || t->swapents < 0 || t->adj == MD_XO_NONE || t->unkillable)
			continue;
		p = rss + (t->swapents > 0 ? t->swapents : 0) +
		    (t->pgt_pages > 0 ? t->pgt_pages : 0);
		if (t->adj) {
			any_adj = true;
			if (o->totalpages < 0)
				continue;
			p += t->adj * (o->totalpages / 1000);
		}
		t->points = p;
	}
	qsort(o->tasks, o->ntasks, sizeof(*o->tasks), md_xo_cmp);
	o->ranked = o->tasks[0].points != MD_XO_NONE;
	if (any_adj && o->totalpages < 0)
		o->rank_note = strdup("tasks with a nonzero oom_score_adj not ranked: totalpages (RAM + swap, or the cgroup limit) was not read");
	else if (root_bonus)
		o->rank_note = strdup("before 4.17 tasks with CAP_SYS_ADMIN got 3% off, which the table does not show: ranks within 3% of each other may swap");
	if (o->ranked)
		o->predicted_pid = o->tasks[0].pid;
}

static void md_xo_match(struct md_xo *o)
{
	long long target = o->chosen_pid >= 0 ? o->chosen_pid : o->v.pid;
	struct md_xo_task *t;

	if (!o->ranked || target < 0 || o->garbled_rows) {
		o->matches = -1;
		return;
	}
	t = md_xo_task_of(o, target);
	if (!t) {
		o->matches = o->have_kill ? 0 : -1;
		return;
	}
	o->matches = t->points != MD_XO_NONE && t->points == o->tasks[0].points;
}

/* Append to a growing reason. */
static void md_xo_cat(char **s, bool *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void md_xo_cat(char **s, bool *err, const char *fmt, ...)
{
	char *add = NULL, *n;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&add, fmt, ap) < 0)
		add = NULL;
	va_end(ap);
	if (!add) {
		*err = true;
		return;
	}
	if (!*s) {
		*s = add;
		return;
	}
	n = md_strdupf("%s; %s", *s, add);
	free(add);
	if (!n) {
		*err = true;
		return;
	}
	free(*s);
	*s = n;
}

static long long md_xo_pct(long long part, long long whole)
{
	return whole > 0 && part >= 0 ? part * 100 / whole : -1;
}

/* The largest task by rss (pages), or NULL. */
static struct md_xo_task *md_xo_largest(struct md_xo *o)
{
	struct md_xo_task *best = NULL;
	size_t k;

	for (k = 0; k < o->ntasks; k++) {
		long long r = o->tasks[k].rss;

		if (r < 0 && o->tasks[k].rss_anon >= 0)
			r = o->tasks[k].rss_anon;
		if (r >= 0 && (!best || r > (best->rss >= 0 ? best->rss : best->rss_anon)))
			best = &o->tasks[k];
	}
	return best;
}

/*
 * A 32-bit machine's lowmem: the request (its gfp zone below HighMem) could
 * not use the HighMem zones, which held most of the free memory. Free kB
 * in *@low and *@high; false if that was not read.
 */
static bool md_xo_lowmem(const struct md_xo *o, long long *low, long long *high)
{
	const uint32_t need = MD_BIT(MEMDIAG_A_ZONE_SNAP_FREE);
	bool have_high = false;
	size_t k;

	*low = *high = 0;
	if (!o->have_sm || !o->gfp_decoded || o->gfp.zone == MD_GZ_UNKNOWN ||
	    o->gfp.zone >= MD_GZ_HIGHMEM)
		return false;
	for (k = 0; k < o->sm.nr_zones; k++) {
		const struct md_zone_snap *z = &o->sm.zones[k];
		long long kb;

		if (!z->name || !(z->present & need) || z->free > (uint64_t)MD_XO_CAP)
			return false;
		kb = (long long)z->free * o->page_kb;
		if (!strcmp(z->name, "HighMem") || !strcmp(z->name, "Movable")) {
			*high += kb;
			have_high = !strcmp(z->name, "HighMem") || have_high;
		} else {
			*low += kb;
		}
	}
	return have_high && *high > *low;
}

static void md_xo_decide(struct md_xo *o)
{
	const char *verdict = NULL;
	char *why = NULL, *advice = NULL, *notes = NULL;
	struct md_xo_task *big = md_xo_largest(o);
	long long pk = o->page_kb, big_kb = -1, sum = 0, low_kb, high_kb;
	bool memcg = o->memcg || (o->constraint && !strcmp(o->constraint, "memcg"));
	const char *blind = NULL;	/* what a cause needed and was not read */
	bool memcg_known;
	size_t k;

	if (big)
		big_kb = (big->rss >= 0 ? big->rss : big->rss_anon) * pk;
	for (k = 0; k < o->ntasks; k++)
		if (o->tasks[k].rss > 0)
			sum += o->tasks[k].rss * pk;

	/* the swap, said with every verdict */
	if (!memcg && o->m_swap_total == 0)
		md_xo_cat(&notes, &o->err, "no swap: anonymous memory could not be moved out");
	else if (!memcg && o->m_swap_total > 0 && o->m_swap_free >= 0 && o->m_swap_free <= 0)
		md_xo_cat(&notes, &o->err, "swap full (%lld kB, none free)", o->m_swap_total);
	else if (!memcg && o->m_swap_total > 0 && o->m_swap_free >= o->m_swap_total * 9 / 10)
		md_xo_cat(&notes, &o->err, "swap almost unused (%lld of %lld kB free): reclaim did not swap anon out (vm.swappiness, the swap device, a cgroup's swap limit)",
			  o->m_swap_free, o->m_swap_total);
	if (o->m_swap_free < -1)
		md_xo_cat(&notes, &o->err, "free swap printed negative (%lld kB): that kernel's swap accounting went wrong, it is not a size",
			  o->m_swap_free);
	if (big && big->adj != MD_XO_NONE && big->adj <= -500 && big->pid != o->v.pid)
		md_xo_cat(&notes, &o->err, "the largest task, %s (pid %lld, %lld kB resident), has oom_score_adj %lld: protected from the killer",
			  big->name, big->pid, big_kb, big->adj);

	/*
	 * The causes in order: each may be said only once every cause before
	 * it was ruled out by numbers that were read (a report cut before the
	 * task table or the kill line cannot say "many processes" when the
	 * victim alone might have held most of it).
	 */
	memcg_known = memcg || o->constraint_src || o->have_kill;
	if (memcg) {
		verdict = "memcg limit";
		if (o->mem_usage >= 0 && o->mem_limit > 0 &&
		    o->mem_usage >= o->mem_limit - o->mem_limit / 50) {
			md_xo_cat(&why, &o->err, "the cgroup %s used %lld kB of its %lld kB limit (failcnt %lld)",
				  o->memcg_path ? o->memcg_path : "?", o->mem_usage,
				  o->mem_limit, o->mem_failcnt);
		} else if (o->swap_is_memsw && o->swap_usage >= 0 && o->swap_limit > 0 &&
			   o->swap_usage >= o->swap_limit - o->swap_limit / 50) {
			md_xo_cat(&why, &o->err, "the cgroup %s used %lld kB of its %lld kB memory+swap limit",
				  o->memcg_path ? o->memcg_path : "?", o->swap_usage,
				  o->swap_limit);
		} else if (o->mem_usage >= 0 && o->mem_limit > 0) {
			md_xo_cat(&why, &o->err, "the kill was confined to the cgroup %s; its usage %lld kB is below its %lld kB limit as printed (charged and uncharged since)",
				  o->memcg_path ? o->memcg_path : "?", o->mem_usage, o->mem_limit);
		} else {
			md_xo_cat(&why, &o->err, "the kill was confined to the cgroup %s (%s); its usage and limit were not read",
				  o->memcg_path ? o->memcg_path : "?",
				  o->constraint_src ? "CONSTRAINT_MEMCG" : "memcg lines");
		}
		if (o->swap_is_memsw && o->swap_usage >= 0 && o->swap_limit > 0 &&
		    o->swap_limit < (1LL << 50))
			md_xo_cat(&why, &o->err, "memory+swap %lld of %lld kB",
				  o->swap_usage, o->swap_limit);
		if (big && o->mem_usage > 0)
			md_xo_cat(&why, &o->err, "its largest task %s (pid %lld) had %lld kB resident",
				  big->name, big->pid, big_kb);
		advice = strdup("raise the cgroup's limit (memory.max, or memory.limit_in_bytes on v1; docker -m, systemd MemoryMax=) or make the workload smaller; the rest of the machine may have had free memory, and adding RAM does not help");
	}
	if (!verdict && !memcg_known)
		blind = "whether a memory cgroup's limit was hit";
	/* old kernels print only the total "slab:": a bound from above */
	if (!verdict && !blind && o->m_slab < 0 && o->m_ram > 0 && o->have_sm &&
	    o->sm.slab >= 0 && md_xo_pct(o->sm.slab * pk, o->m_ram) < 30)
		o->m_slab_bound = true;
	if (!verdict && !blind && !(o->m_ram > 0 && (o->m_slab >= 0 || o->m_slab_bound)))
		blind = "unreclaimable slab or RAM";
	if (!verdict && !blind && md_xo_pct(o->m_slab, o->m_ram) >= 30) {
		verdict = "slab leak";
		md_xo_cat(&why, &o->err, "unreclaimable slab held %lld kB, %lld%% of %lld kB RAM",
			  o->m_slab, md_xo_pct(o->m_slab, o->m_ram), o->m_ram);
		for (k = 0; o->have_sm && k < o->sm.nr_slabs && k < 3; k++)
			md_xo_cat(&why, &o->err, "%s %lld kB", o->sm.slabs[k].name,
				  o->sm.slabs[k].total_kb);
		advice = strdup("a kernel object cache keeps growing: watch /proc/slabinfo (slabtop) for the cache that grows, and look for a driver or subsystem leaking it; killing processes does not give this memory back");
	}
	/* no hugepages line before "pages RAM": no hugetlb pages */
	if (!verdict && !blind && o->m_huge >= 0 && md_xo_pct(o->m_huge, o->m_ram) >= 30) {
		verdict = "hugepages";
		md_xo_cat(&why, &o->err, "reserved huge pages took %lld kB, %lld%% of %lld kB RAM, out of reach of ordinary allocations",
			  o->m_huge, md_xo_pct(o->m_huge, o->m_ram), o->m_ram);
		if (o->have_sm && o->sm.hugepages_free >= 0)
			md_xo_cat(&why, &o->err, "%lld of %lld huge pages free",
				  o->sm.hugepages_free, o->sm.hugepages_total);
		advice = strdup("lower vm.nr_hugepages (or the hugepages= boot option) to what the users of huge pages map");
	}
	if (!verdict && !blind && o->m_shmem < 0)
		blind = "shmem";
	if (!verdict && !blind && md_xo_pct(o->m_shmem, o->m_ram) >= 30) {
		verdict = "shmem";
		md_xo_cat(&why, &o->err, "shared memory (tmpfs, SysV/POSIX shm, memfd) held %lld kB, %lld%% of %lld kB RAM; it can only go to swap, and killing a process does not free files left in tmpfs",
			  o->m_shmem, md_xo_pct(o->m_shmem, o->m_ram), o->m_ram);
		advice = strdup("look at df -t tmpfs (and /dev/shm), ipcs -m; cap tmpfs mounts with size=; add swap");
	}
	/* lowmem: zones read, or "0 pages HighMem" (no HighMem to miss) */
	if (!verdict && !blind && !(o->have_sm && (o->sm.nr_zones || o->sm.highmem_pages == 0)))
		blind = "the zones";
	if (!verdict && !blind && md_xo_lowmem(o, &low_kb, &high_kb)) {
		verdict = "lowmem";
		md_xo_cat(&why, &o->err, "the request (%s, order %lld) may only use zones up to %s, which had %lld kB free; the %lld kB free in HighMem were out of its reach",
			  o->gfp_printed ? o->gfp_printed : o->gfp.names ? o->gfp.names : "gfp",
			  o->order, md_gfp_zone_name(o->gfp.zone), low_kb, high_kb);
		advice = strdup("on a 32-bit kernel the kernel's own allocations need lowmem: find what holds lowmem (slab, page tables, kernel stacks), lower vmalloc= or the CMA area in lowmem, or move to a 64-bit kernel; free HighMem (or CMA) pages do not help");
	}
	if (!verdict && !blind && !(o->have_kill && o->v.anon_kb >= 0 && o->m_anon > 0))
		blind = "the kill line (the victim's size) or the anonymous memory";
	if (!verdict && !blind && md_xo_pct(o->v.anon_kb, o->m_anon) >= 50) {
		verdict = "one process";
		md_xo_cat(&why, &o->err, "the victim %s (pid %lld) held %lld kB anonymous memory, %lld%% of all %lld kB",
			  o->v.comm ? o->v.comm : "?", o->v.pid, o->v.anon_kb,
			  md_xo_pct(o->v.anon_kb, o->m_anon), o->m_anon);
		advice = strdup("that program grew (a leak, or a workload larger than the machine): limit it (a cgroup memory.max, ulimit -v) or give it more memory");
	}
	if (!verdict && !blind && !o->ntasks)
		blind = "the task table";
	if (!verdict && !blind && big && big_kb >= 0 && md_xo_pct(big_kb, o->m_anon) >= 50 &&
	    big->adj != MD_XO_NONE && big->adj <= -500) {
		verdict = "protected task";
		md_xo_cat(&why, &o->err, "%s (pid %lld) held %lld kB, %lld%% of anonymous memory, but its oom_score_adj %lld kept the killer away from it",
			  big->name, big->pid, big_kb, md_xo_pct(big_kb, o->m_anon), big->adj);
		advice = strdup("reconsider that task's oom_score_adj (systemd OOMScoreAdjust=) or limit its memory");
	}
	if (!verdict && !blind && sum > 0 && md_xo_pct(sum, o->m_ram) >= 60) {
		verdict = "many processes";
		md_xo_cat(&why, &o->err, "the listed tasks' resident memory adds up to %lld kB (pages they share counted in each), %lld%% of %lld kB RAM, and none held most of it",
			  sum, md_xo_pct(sum, o->m_ram), o->m_ram);
		advice = strdup("the workload is larger than the machine: fewer workers (php-fpm, httpd pools), limits per service, more RAM or swap");
	}
	if (!verdict && !blind && (o->m_swap_total < 0 || o->m_swap_free < -1))
		blind = "the swap totals";
	if (!verdict && !blind && o->m_swap_total > 0 && o->m_swap_free == 0 &&
	    md_xo_pct(o->m_anon, o->m_ram) >= 50) {
		verdict = "swap full";
		md_xo_cat(&why, &o->err, "anonymous memory filled RAM (%lld kB, %lld%% of %lld kB) and all %lld kB of swap",
			  o->m_anon, md_xo_pct(o->m_anon, o->m_ram), o->m_ram, o->m_swap_total);
		advice = strdup("find what holds the anonymous memory (the task table, or smem/ps by RSS and swap): more swap only delays a leak");
		free(notes);
		notes = NULL;
	}
	if (!verdict && !blind && o->m_swap_total == 0 &&
	    md_xo_pct(o->m_anon, o->m_ram) >= 50) {
		verdict = "no swap";
		md_xo_cat(&why, &o->err, "no swap, and anonymous memory, %lld kB (%lld%% of %lld kB RAM), could not be moved out",
			  o->m_anon, md_xo_pct(o->m_anon, o->m_ram), o->m_ram);
		advice = strdup("add swap (a swap file or zram) or more RAM");
		free(notes);
		notes = NULL;
	}
	if (!verdict && blind) {
		verdict = "unknown";
		md_xo_cat(&why, &o->err, "%s %s not read, and a cause it would show cannot be ruled out",
			  blind, strchr(blind, ' ') ? "were" : "was");
	}
	if (!verdict) {
		verdict = "unknown";
		if (!o->have_sm && !o->f_anon_a && !memcg)
			md_xo_cat(&why, &o->err, "the memory at that moment (Mem-Info) was not read");
		else if (!o->ntasks)
			md_xo_cat(&why, &o->err, "neither one cause in Mem-Info nor the task table");
		else
			md_xo_cat(&why, &o->err, "no single cause stands out in the numbers read");
	}
	if (notes)
		md_xo_cat(&why, &o->err, "%s", notes);
	free(notes);
	o->x.verdict = strdup(verdict);
	o->cause = strdup(verdict);
	o->x.why = why;
	o->x.advice = advice;
	if (!o->x.verdict || !o->cause)
		o->err = true;
}

static void md_xo_finish(struct md_xo *o, const struct md_xctx *ctx)
{
	char buf[512];

	if (ctx->kver_forced || !o->x.kver_str) {
		free(o->x.kver_str);
		o->x.kver_str = ctx->kver_str ? strdup(ctx->kver_str) : NULL;
		o->x.kver = ctx->kver ? ctx->kver :
			    ctx->kver_str ? md_xo_kver(ctx->kver_str) : 0;
		if (ctx->kver_str && !o->x.kver_str)
			o->err = true;
	}
	if (o->have_gfp || o->gfp_printed) {
		if (md_gfp_decode(&o->gfp, o->gfp_printed, o->gfp_mask, o->have_gfp,
				  o->x.kver))
			o->err = true;
		else
			o->gfp_decoded = true;
		o->gfp_allows = o->gfp_decoded ? md_gfp_allows_str(&o->gfp) : NULL;
	}
	md_xo_page_size(o);
	md_xo_memory(o);
	/* the constraint, when no oom-kill: line said it */
	if (!o->constraint) {
		if (o->memcg || (o->message && strstr(o->message, "Memory cgroup"))) {
			o->constraint = strdup("memcg");
			o->constraint_src = o->memcg ? "the memory cgroup lines" : "the kill line";
		} else if (o->have_trigger && (o->have_sm || o->f_ram >= 0)) {
			o->constraint = strdup("global");
			o->constraint_src = "no memcg lines (cpuset or mempolicy not printed before 4.19)";
		}
		if (o->constraint_src && !o->constraint)
			o->err = true;
	}
	md_xo_rank(o);
	md_xo_match(o);
	md_xo_decide(o);

	/*
	 * The task it happened to: the one that invoked the killer (the
	 * victim is in "victim"), else, with the beginning cut, the victim.
	 */
	if (o->have_trigger) {
		o->x.comm = o->trig_comm ? strdup(o->trig_comm) : NULL;
		o->x.pid = o->trig_pid;
		if (o->trig_comm && !o->x.comm)
			o->err = true;
	} else {
		o->x.comm = o->v.comm ? strdup(o->v.comm) : NULL;
		o->x.pid = o->v.pid;
		if (o->v.comm && !o->x.comm)
			o->err = true;
	}
	if (o->no_killable && o->trig_comm)
		snprintf(buf, sizeof(buf), "%s invoked the OOM killer, which found no task to kill%s",
			 o->trig_comm, o->panic ? ": kernel panic" : "");
	else if (o->no_killable)
		snprintf(buf, sizeof(buf), "the OOM killer found no task to kill%s",
			 o->panic ? ": kernel panic" : "");
	else if (o->have_kill) {
		int n = snprintf(buf, sizeof(buf), "%s %s (pid %lld",
				 o->message && strstr(o->message, "Memory cgroup") ?
				 "memcg OOM killed" : "OOM killed",
				 o->v.comm ? o->v.comm : "?", o->v.pid);

		if (o->v.anon_kb >= 0 && n > 0 && (size_t)n < sizeof(buf))
			n += snprintf(buf + n, sizeof(buf) - n, ", anon-rss %lld kB", o->v.anon_kb);
		if (n > 0 && (size_t)n < sizeof(buf))
			n += snprintf(buf + n, sizeof(buf) - n, ")");
		if (o->trig_comm && n > 0 && (size_t)n < sizeof(buf))
			snprintf(buf + n, sizeof(buf) - n, ", invoked by %s", o->trig_comm);
	} else if (o->exiting)
		snprintf(buf, sizeof(buf), "OOM killer chose %s (pid %lld), already exiting: nothing killed",
			 o->v.comm ? o->v.comm : "?", o->v.pid);
	else if (o->panic)
		snprintf(buf, sizeof(buf), "%s invoked the OOM killer: kernel panic (%s)",
			 o->trig_comm ? o->trig_comm : "a task", o->panic);
	else if (o->order >= 0)
		snprintf(buf, sizeof(buf), "%s invoked the OOM killer (order %lld); the kill was not read",
			 o->trig_comm ? o->trig_comm : "a task", o->order);
	else
		snprintf(buf, sizeof(buf), "%s invoked the OOM killer; the kill was not read",
			 o->trig_comm ? o->trig_comm : "a task");
	o->x.what = strdup(buf);
	if (!o->x.what)
		o->err = true;

	if (!o->have_trigger)
		md_xo_unread(o, "the report's beginning (the 'invoked oom-killer' line, the memory state, the task table) is not in the log");
	if (o->have_trigger && !o->have_kill && !o->no_killable && !o->exiting && !o->panic)
		md_xo_unread(o, "the kill line (the report is cut before 'Killed process')");
	if (o->have_trigger && !o->have_header)
		md_xo_unread(o, "the task table");
	if (o->garbled_rows) {
		snprintf(buf, sizeof(buf), "%zu task table rows (cut or garbled)", o->garbled_rows);
		md_xo_unread(o, buf);
	}
	if (o->have_trigger && !o->have_gfp)
		md_xo_unread(o, "the gfp mask");
	if (o->have_trigger && !o->memcg && !o->have_sm && !o->f_anon_a)
		md_xo_unread(o, "Mem-Info");
	if (o->have_sm && o->sm.problems)
		md_xo_unread(o, o->sm.problems);
	if (o->unread[0]) {
		o->x.unread = strdup(o->unread);
		if (!o->x.unread)
			o->err = true;
	}
}

/* ---- output -------------------------------------------------------------- */

static void md_xo_task_text(FILE *out, const struct md_xo_task *t)
{
	fprintf(out, "    %7lld %-16s rss %lld", t->pid, t->name,
		t->rss >= 0 ? t->rss :
		t->rss_anon >= 0 ? t->rss_anon + (t->rss_file > 0 ? t->rss_file : 0) +
		(t->rss_shmem > 0 ? t->rss_shmem : 0) : -1);
	if (t->swapents >= 0)
		fprintf(out, " swap %lld", t->swapents);
	if (t->pgt_pages >= 0)
		fprintf(out, " pgtables %lld", t->pgt_pages);
	if (t->adj != MD_XO_NONE)
		fprintf(out, " adj %lld", t->adj);
	if (t->points != MD_XO_NONE)
		fprintf(out, " points %lld", t->points);
	else if (t->unkillable)
		fprintf(out, " (never chosen: oom_score_adj -1000)");
	fputc('\n', out);
}

static void md_xo_kb(FILE *out, const char *name, long long kb)
{
	if (kb >= 0)
		fprintf(out, " %s %lld kB", name, kb);
}

static int md_xo_text(const struct md_xev *e, FILE *out, bool exact)
{
	const struct md_xo *o = (const struct md_xo *)e;
	size_t k, shown;

	(void)exact;
	if (o->have_trigger) {
		fprintf(out, "  trigger: %s", o->trig_comm ? o->trig_comm : "?");
		if (o->trig_pid >= 0)
			fprintf(out, " (pid %lld)", o->trig_pid);
		if (o->order >= 0)
			fprintf(out, " order %lld", o->order);
		if (o->have_gfp)
			fprintf(out, " gfp_mask 0x%x", o->gfp_mask);
		if (o->gfp_printed || (o->gfp_decoded && o->gfp.names))
			fprintf(out, " (%s)", o->gfp_printed ? o->gfp_printed : o->gfp.names);
		if (o->trig_adj != MD_XO_NONE)
			fprintf(out, " oom_score_adj %lld", o->trig_adj);
		fputc('\n', out);
		if (o->gfp_allows)
			fprintf(out, "  gfp: %s\n", o->gfp_allows);
	}
	if (o->constraint) {
		fprintf(out, "  constraint: %s (from %s)", o->constraint, o->constraint_src);
		if (o->cpuset)
			fprintf(out, " cpuset=%s", o->cpuset);
		if (o->mems_allowed)
			fprintf(out, " mems_allowed=%s", o->mems_allowed);
		if (o->nodemask)
			fprintf(out, " nodemask=%s", o->nodemask);
		fputc('\n', out);
	}
	if (o->memcg || o->memcg_path) {
		fprintf(out, "  memcg: %s", o->memcg_path ? o->memcg_path : "?");
		if (o->task_memcg && (!o->memcg_path || strcmp(o->task_memcg, o->memcg_path)))
			fprintf(out, " (task in %s)", o->task_memcg);
		md_xo_kb(out, "usage", o->mem_usage);
		md_xo_kb(out, "limit", o->mem_limit);
		if (o->mem_failcnt >= 0)
			fprintf(out, " failcnt %lld", o->mem_failcnt);
		if (o->swap_usage >= 0)
			fprintf(out, "; %s usage %lld kB limit %lld kB",
				o->swap_is_memsw ? "memory+swap" : "swap",
				o->swap_usage, o->swap_limit);
		fputc('\n', out);
	}
	if (o->m_ram >= 0 || o->m_anon >= 0) {
		fprintf(out, "  memory:");
		md_xo_kb(out, "RAM", o->m_ram);
		md_xo_kb(out, "anon", o->m_anon);
		md_xo_kb(out, "file", o->m_file);
		md_xo_kb(out, "shmem", o->m_shmem);
		md_xo_kb(out, "slab_unreclaimable", o->m_slab);
		md_xo_kb(out, "hugepages", o->m_huge);
		if (o->m_swap_total >= 0)
			fprintf(out, " swap %lld of %lld kB free", o->m_swap_free,
				o->m_swap_total);
		fputc('\n', out);
	}
	for (k = 0; o->have_sm && k < o->sm.nr_slabs && k < 3; k++)
		fprintf(out, "  slab: %s %lld kB\n", o->sm.slabs[k].name,
			o->sm.slabs[k].total_kb);
	if (o->ntasks) {
		fprintf(out, "  tasks: %zu listed%s%s\n", o->ntasks,
			o->ranked ? ", by badness (rss + swap + page tables, oom_score_adj x totalpages/1000)" : "",
			o->ranked ? ":" : "");
		for (k = 0, shown = 0; o->ranked && k < o->ntasks && shown < MD_XO_TOP; k++) {
			if (o->tasks[k].points == MD_XO_NONE)
				continue;
			md_xo_task_text(out, &o->tasks[k]);
			shown++;
		}
		if (o->rank_note)
			fprintf(out, "  ranking: %s\n", o->rank_note);
	}
	if (o->chosen_pid >= 0 && (!o->have_kill || o->chosen_pid != o->v.pid))
		fprintf(out, "  chosen: %s (pid %lld) score %lld%s\n",
			o->chosen_comm ? o->chosen_comm : "?", o->chosen_pid, o->score,
			o->have_kill ? ", its child killed instead" : "");
	if (o->have_kill) {
		fprintf(out, "  killed: %s (pid %lld)", o->v.comm ? o->v.comm : "?", o->v.pid);
		md_xo_kb(out, "total-vm", o->v.total_vm_kb);
		md_xo_kb(out, "anon-rss", o->v.anon_kb);
		md_xo_kb(out, "file-rss", o->v.file_kb);
		md_xo_kb(out, "shmem-rss", o->v.shmem_kb);
		if (o->v.uid >= 0)
			fprintf(out, " uid %lld", o->v.uid);
		md_xo_kb(out, "pgtables", o->v.pgtables_kb);
		if (o->v.adj != MD_XO_NONE)
			fprintf(out, " oom_score_adj %lld", o->v.adj);
		if (o->extra_kills)
			fprintf(out, " (and %zu more)", o->extra_kills);
		fputc('\n', out);
	}
	if (o->matches == 1)
		fprintf(out, "  prediction: the victim is the table's top\n");
	else if (o->matches == 0 && o->predicted_pid >= 0 &&
		 (o->v.pid == o->trig_pid || (o->message && strstr(o->message, "allocating_task"))))
		fprintf(out, "  prediction: the table's top is pid %lld, not the victim, which is the task that invoked the killer: vm.oom_kill_allocating_task, or a task running swapoff or KSM unmerge (oom_task_origin) is chosen first\n",
			o->predicted_pid);
	else if (o->matches == 0 && o->predicted_pid >= 0)
		fprintf(out, "  prediction: the table's top is pid %lld, not the victim (legitimate when the values moved after the table was printed, with vm.oom_kill_allocating_task, when a task was already exiting or reaped, or a task running swapoff is chosen first)\n",
			o->predicted_pid);
	if (o->reaped && o->reap_failed)
		fprintf(out, "  reaper: could not reap pid %lld\n", o->reap_pid);
	else if (o->reaped)
		fprintf(out, "  reaper: reaped pid %lld, now anon-rss %lld kB file-rss %lld kB shmem-rss %lld kB\n",
			o->reap_pid, o->reap_anon, o->reap_file, o->reap_shmem);
	if (o->panic)
		fprintf(out, "  panic: %s\n", o->panic);
	return 0;
}

static void md_xo_jnum(struct md_json *j, const char *key, long long v, long long none)
{
	char num[32];

	if (v == none) {
		md_json_null(j, key);
		return;
	}
	snprintf(num, sizeof(num), "%lld", v);
	md_json_number(j, key, num);
}

static void md_xo_jstr(struct md_json *j, const char *key, const char *s)
{
	if (s)
		md_json_str(j, key, s);
	else
		md_json_null(j, key);
}

static void md_xo_json(const struct md_xev *e, struct md_json *j)
{
	const struct md_xo *o = (const struct md_xo *)e;
	size_t k;

	if (!strcmp(e->kind, "oom-reaper")) {
		md_json_obj_begin(j, "reaped");
		md_xo_jnum(j, "pid", o->reap_pid, -1);
		md_xo_jstr(j, "comm", o->reap_comm);
		md_json_bool(j, "failed", o->reap_failed);
		md_xo_jnum(j, "anon-rss-kb", o->reap_anon, -1);
		md_xo_jnum(j, "file-rss-kb", o->reap_file, -1);
		md_xo_jnum(j, "shmem-rss-kb", o->reap_shmem, -1);
		md_json_obj_end(j);
		return;
	}
	if (o->have_trigger) {
		md_json_obj_begin(j, "trigger");
		md_xo_jstr(j, "comm", o->trig_comm);
		md_xo_jnum(j, "pid", o->trig_pid, -1);
		if (o->have_gfp)
			md_json_u64(j, "gfp-mask", o->gfp_mask);
		else
			md_json_null(j, "gfp-mask");
		md_xo_jstr(j, "gfp-names", o->gfp_printed ? o->gfp_printed :
			   o->gfp_decoded ? o->gfp.names : NULL);
		md_xo_jstr(j, "gfp-source", !o->gfp_decoded ? NULL :
			   o->gfp.source == MD_GFP_PRINTED ? "printed" :
			   o->gfp.source == MD_GFP_TABLE ? "table" :
			   o->gfp.source == MD_GFP_AMBIGUOUS ? "ambiguous" : "unknown");
		md_xo_jnum(j, "order", o->order, -1);
		md_xo_jnum(j, "oom-score-adj", o->trig_adj, MD_XO_NONE);
		md_json_obj_end(j);
	} else {
		md_json_null(j, "trigger");
	}
	md_xo_jstr(j, "constraint", o->constraint);
	if (o->memcg || o->memcg_path) {
		md_json_obj_begin(j, "memcg");
		md_xo_jstr(j, "path", o->memcg_path);
		md_xo_jstr(j, "task-memcg", o->task_memcg);
		md_xo_jnum(j, "usage-kb", o->mem_usage, -1);
		md_xo_jnum(j, "limit-kb", o->mem_limit, -1);
		md_xo_jnum(j, "failcnt", o->mem_failcnt, -1);
		md_xo_jnum(j, "swap-usage-kb", o->swap_usage, -1);
		md_xo_jnum(j, "swap-limit-kb", o->swap_limit, -1);
		md_json_bool(j, "swap-is-memsw", o->swap_is_memsw);
		md_json_obj_end(j);
	} else {
		md_json_null(j, "memcg");
	}
	md_json_obj_begin(j, "memory");
	md_xo_jnum(j, "anon-kb", o->m_anon, -1);
	md_xo_jnum(j, "file-kb", o->m_file, -1);
	md_xo_jnum(j, "shmem-kb", o->m_shmem, -1);
	md_xo_jnum(j, "slab-unreclaimable-kb", o->m_slab, -1);
	md_xo_jnum(j, "hugepages-kb", o->m_huge, -1);
	md_xo_jnum(j, "swap-total-kb", o->m_swap_total, -1);
	md_xo_jnum(j, "swap-free-kb", o->m_swap_free, -1);
	md_xo_jnum(j, "ram-kb", o->m_ram, -1);
	md_json_obj_end(j);
	md_json_arr_begin(j, "slab-top");
	for (k = 0; o->have_sm && k < o->sm.nr_slabs; k++) {
		md_json_obj_begin(j, NULL);
		md_xo_jstr(j, "name", o->sm.slabs[k].name);
		md_xo_jnum(j, "used-kb", o->sm.slabs[k].used_kb, -1);
		md_xo_jnum(j, "total-kb", o->sm.slabs[k].total_kb, -1);
		md_json_obj_end(j);
	}
	md_json_arr_end(j);
	md_json_arr_begin(j, "tasks");
	for (k = 0; k < o->ntasks; k++) {
		const struct md_xo_task *t = &o->tasks[k];

		md_json_obj_begin(j, NULL);
		md_xo_jnum(j, "pid", t->pid, -1);
		md_xo_jnum(j, "uid", t->uid, -1);
		md_xo_jnum(j, "tgid", t->tgid, -1);
		md_xo_jnum(j, "total-vm-pages", t->total_vm, -1);
		md_xo_jnum(j, "rss-pages", t->rss >= 0 ? t->rss :
			   t->rss_anon >= 0 && t->rss_file >= 0 && t->rss_shmem >= 0 ?
			   t->rss_anon + t->rss_file + t->rss_shmem : -1, -1);
		md_xo_jnum(j, "pgtables-pages", t->pgt_pages, -1);
		md_xo_jnum(j, "swapents", t->swapents, -1);
		md_xo_jnum(j, "oom-score-adj", t->adj, MD_XO_NONE);
		md_xo_jstr(j, "name", t->name);
		md_xo_jnum(j, "points", t->points, MD_XO_NONE);
		md_json_obj_end(j);
	}
	md_json_arr_end(j);
	if (o->have_kill || o->exiting) {
		md_json_obj_begin(j, "victim");
		md_xo_jnum(j, "pid", o->v.pid, -1);
		md_xo_jstr(j, "comm", o->v.comm);
		md_xo_jnum(j, "total-vm-kb", o->v.total_vm_kb, -1);
		md_xo_jnum(j, "anon-rss-kb", o->v.anon_kb, -1);
		md_xo_jnum(j, "file-rss-kb", o->v.file_kb, -1);
		md_xo_jnum(j, "shmem-rss-kb", o->v.shmem_kb, -1);
		md_xo_jnum(j, "uid", o->v.uid, -1);
		md_xo_jnum(j, "pgtables-kb", o->v.pgtables_kb, -1);
		md_xo_jnum(j, "oom-score-adj", o->v.adj, MD_XO_NONE);
		md_json_bool(j, "exiting", o->exiting);
		md_json_obj_end(j);
	} else {
		md_json_null(j, "victim");
	}
	md_xo_jnum(j, "predicted-victim-pid", o->predicted_pid, -1);
	if (o->matches < 0)
		md_json_null(j, "victim-matches");
	else
		md_json_bool(j, "victim-matches", o->matches);
	md_xo_jstr(j, "cause", o->cause);
	if (o->reaped) {
		md_json_obj_begin(j, "reaped");
		md_xo_jnum(j, "pid", o->reap_pid, -1);
		md_json_bool(j, "failed", o->reap_failed);
		md_xo_jnum(j, "anon-rss-kb", o->reap_anon, -1);
		md_xo_jnum(j, "file-rss-kb", o->reap_file, -1);
		md_xo_jnum(j, "shmem-rss-kb", o->reap_shmem, -1);
		md_json_obj_end(j);
	} else {
		md_json_null(j, "reaped");
	}
	md_xo_jstr(j, "panic", o->panic);
}

static void md_xo_free(struct md_xev *e)
{
	struct md_xo *o = (struct md_xo *)e;
	size_t k;

	if (!o)
		return;
	free(o->trig_comm);
	free(o->gfp_printed);
	if (o->gfp_decoded)
		md_gfp_free(&o->gfp);
	free(o->gfp_allows);
	free(o->nodemask);
	free(o->cpuset);
	free(o->mems_allowed);
	free(o->constraint);
	free(o->memcg_path);
	free(o->task_memcg);
	if (o->have_sm)
		md_showmem_free(&o->sm);
	for (k = 0; k < o->ntasks; k++)
		free(o->tasks[k].name);
	free(o->tasks);
	free(o->chosen_comm);
	free(o->message);
	free(o->v.comm);
	free(o->panic);
	free(o->reap_comm);
	free(o->rank_note);
	free(o->cause);
	md_xev_clear(e);
	free(o);
}

static const struct md_xev_ops md_xo_ops = {
	.text = md_xo_text,
	.json = md_xo_json,
	.free = md_xo_free,
};

static struct md_xo *md_xo_new(const struct md_klog *log, size_t i, const char *kind)
{
	struct md_xo *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	o->x.ops = &md_xo_ops;
	o->x.kind = kind;
	o->x.first = o->x.last = i;
	o->x.pid = -1;
	o->log = log;
	o->trig_pid = o->order = -1;
	o->trig_adj = o->trig_oom_adj = o->score = MD_XO_NONE;
	o->mem_usage = o->mem_limit = o->mem_failcnt = -1;
	o->swap_usage = o->swap_limit = o->swap_failcnt = -1;
	o->kmem_usage = o->kmem_limit = -1;
	o->cg_anon_kb = o->cg_file_kb = o->cg_shmem_kb = -1;
	o->f_ram = o->f_reserved = o->f_swap_free = o->f_swap_total = -1;
	o->f_anon = o->f_file = o->f_shmem = o->f_slab_unrec = -1;
	o->chosen_pid = -1;
	o->v.pid = o->v.total_vm_kb = o->v.anon_kb = o->v.file_kb = -1;
	o->v.shmem_kb = o->v.uid = o->v.pgtables_kb = -1;
	o->v.adj = MD_XO_NONE;
	o->reap_pid = o->reap_anon = o->reap_file = o->reap_shmem = -1;
	o->predicted_pid = -1;
	o->matches = -1;
	o->totalpages = -1;
	o->probe = (size_t)-1;
	return o;
}

/* Was line @i read by a report that starts before it? */
static int md_xo_owned(const struct md_klog *log, size_t i)
{
	size_t k, tried = 0;

	for (k = i; k-- > 0 && i - k <= MD_XO_BACK && tried < 4;) {
		const char *t = log->lines[k].text;
		struct md_xo *o;
		bool hit;

		if (log->lines[k].file != log->lines[i].file)
			break;
		if (!t || !md_xo_is_start(md_xo_skip(t)))
			continue;
		tried++;
		o = md_xo_new(log, k, "oom-kill");
		if (!o)
			return -ENOMEM;
		o->probe = i;
		md_xo_read(o, k);
		hit = o->probe_hit;
		md_xo_free(&o->x);
		if (hit)
			return 1;
	}
	return 0;
}

/* Is the reaper line @i attached to a kill of the same pid before it? */
static bool md_xo_reaper_owned(const struct md_klog *log, size_t i, long long pid)
{
	size_t k;

	for (k = i; k-- > 0 && i - k <= MD_XO_REAP_WIN;) {
		const char *t = md_xo_skip(log->lines[k].text ? log->lines[k].text : "");

		if (log->lines[k].file != log->lines[i].file)
			return false;
		if (md_xo_is_reaper(t) && md_xo_line_pid(t, true) == pid)
			return false;
		if (md_xo_is_killed(t) && md_xo_line_pid(t, false) == pid)
			return true;
	}
	return false;
}

static int md_xo_reaper_event(const struct md_klog *log, size_t i,
			      const struct md_xctx *ctx, const char *t,
			      struct md_xev **out)
{
	struct md_xo *o;
	char buf[256];

	if (md_xo_reaper_owned(log, i, md_xo_line_pid(t, true)))
		return 0;
	o = md_xo_new(log, i, "oom-reaper");
	if (!o)
		return -ENOMEM;
	md_xo_reaper_line(o, i, t);
	o->x.pid = o->reap_pid;
	o->x.comm = o->reap_comm ? strdup(o->reap_comm) : NULL;
	o->x.kver = ctx->kver;
	o->x.kver_str = ctx->kver_str ? strdup(ctx->kver_str) : NULL;
	if (o->reap_failed)
		snprintf(buf, sizeof(buf), "oom_reaper could not reap %s (pid %lld)",
			 o->reap_comm ? o->reap_comm : "?", o->reap_pid);
	else
		snprintf(buf, sizeof(buf), "oom_reaper reaped %s (pid %lld): anon-rss now %lld kB",
			 o->reap_comm ? o->reap_comm : "?", o->reap_pid, o->reap_anon);
	o->x.what = strdup(buf);
	o->x.verdict = strdup("unknown");
	o->x.why = strdup(o->reap_failed ?
		"the victim's memory could not be taken back early (its mmap lock was held); it is freed when the victim exits" :
		"the OOM victim's memory was taken back before it exited");
	o->x.unread = strdup("the kill this reaper line belongs to is not in the log before it");
	if (!o->x.what || !o->x.verdict || !o->x.why || !o->x.unread || o->err ||
	    (ctx->kver_str && !o->x.kver_str) || (o->reap_comm && !o->x.comm)) {
		md_xo_free(&o->x);
		return -ENOMEM;
	}
	*out = &o->x;
	return 1;
}

int md_xparse_oom(const struct md_klog *log, size_t i,
		  const struct md_xctx *ctx, struct md_xev **out)
{
	const char *t;
	struct md_xo *o;
	int r;

	*out = NULL;
	if (i >= log->n || !log->lines[i].text)
		return 0;
	t = md_xo_skip(log->lines[i].text);
	if (md_xo_is_reaper(t))
		return md_xo_reaper_event(log, i, ctx, t, out);
	if (!md_xo_is_start(t))
		return 0;
	if (!md_xo_is_trigger(t)) {
		r = md_xo_owned(log, i);
		if (r)
			return r < 0 ? r : 0;
	}
	o = md_xo_new(log, i, "oom-kill");
	if (!o)
		return -ENOMEM;
	md_xo_read(o, i);
	md_xo_finish(o, ctx);
	if (o->no_killable)
		o->x.kind = "oom-no-killable";
	if (o->err) {
		md_xo_free(&o->x);
		return -ENOMEM;
	}
	o->x.repeated = log->lines[i].repeated;
	*out = &o->x;
	return 1;
}
