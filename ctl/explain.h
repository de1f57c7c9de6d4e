/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl explain - the kernel's own memory reports read back from a log
 * and explained. cmd_explain.c reads the log (klog.h), offers every line to
 * each parser below, and prints the events they return, in log order: a
 * block each, --json, or one table row each (-o).
 *
 * A parser reads one family of reports:
 *   explain_alloc.c   page allocation failures and stalls, vmalloc failures
 *   explain_oom.c     OOM kills (global, memcg v1/v2, cpuset, mempolicy),
 *                     oom_reaper lines, "no killable processes"
 *   explain_commit.c  __vm_enough_memory refusals, the RLIMIT_DATA warning
 * and fills a struct md_xev (the part every event has, which the table and
 * the summary read) embedded as the first member of its own structure.
 * Pieces two parsers need (the "CPU: N PID: N Comm: X ... VERSION" line,
 * the call trace) live once in explain_common.c.
 *
 * Rule: never a verdict from a number that was not read. What could not be
 * read is said in @unread, and the verdict is then "unknown" with the reason.
 */
#ifndef MEMDIAGCTL_EXPLAIN_H
#define MEMDIAGCTL_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "klog.h"
#include "memdiagctl.h"
#include "output.h"

struct md_xev;

struct md_xev_ops {
	/* The lines of the block after its first line (indented by 2). */
	int (*text)(const struct md_xev *e, FILE *out, bool exact);
	/* The event's own keys, inside its JSON object (after the common ones). */
	void (*json)(const struct md_xev *e, struct md_json *j);
	/* Free the containing structure (md_xev_clear() frees the common part). */
	void (*free)(struct md_xev *e);
};

struct md_xev {
	const struct md_xev_ops *ops;
	/*
	 * "alloc-failure", "alloc-stall", "vmalloc-failure", "oom-kill",
	 * "oom-reaper", "oom-no-killable", "commit-refusal", "rlimit-data"
	 */
	const char *kind;
	size_t first, last;	/* klog line indices it was read from */
	char *comm;		/* the task it happened to, or NULL */
	long long pid;		/* -1 if not read */
	unsigned int kver;	/* md_kver() of the kernel, 0 if unknown */
	char *kver_str;		/* the version as printed, or NULL */
	char *what;		/* one line: what happened, with its numbers */
	char *verdict;		/* a short name ("fragmentation"), "unknown" if not decided */
	char *why;		/* the reason, with the numbers it rests on */
	char *advice;		/* what to do (and what does not help), or NULL */
	char *unread;		/* what could not be read (cut, garbled), or NULL */
	unsigned int repeated;	/* the same report repeated N more times */
};

/* What the command line and the log before an event tell the parsers. */
struct md_xctx {
	unsigned int kver;	/* --kernel, else the last "Linux version" line, else 0 */
	const char *kver_str;
	bool kver_forced;	/* --kernel given: it wins over the log's */
};

/*
 * If line @i of @log starts a report this parser reads: read it (following
 * md_klog_next() over interleaved lines), set *@out to a new event, return
 * 1. 0 if @i does not start one; -ENOMEM.
 */
typedef int md_xparse_fn(const struct md_klog *log, size_t i,
			 const struct md_xctx *ctx, struct md_xev **out);

md_xparse_fn md_xparse_alloc;	/* explain_alloc.c */
md_xparse_fn md_xparse_oom;	/* explain_oom.c */
md_xparse_fn md_xparse_commit;	/* explain_commit.c */

/* The events of a log, in log order. */
struct md_xlist {
	struct md_xev **v;
	size_t n, cap;
};

/* Offer every line of @log to every parser (cmd_explain.c). 0 or -ENOMEM. */
int md_explain_scan(const struct md_klog *log, const struct md_xctx *ctx,
		    struct md_xlist *l);
/* Print them as 'explain' does: blocks, --json, or a table (-o, @table). */
int md_explain_print(FILE *out, const struct md_opts *o,
		     const struct md_klog *log, const struct md_xlist *l,
		     bool table);
void md_xlist_free(struct md_xlist *l);

/* Free an event: ops->free, which calls md_xev_clear() on its common part. */
void md_xev_free(struct md_xev *e);
void md_xev_clear(struct md_xev *e);

/* ---- explain_common.c -------------------------------------------------- */

/*
 * The "CPU: 1 PID: 12 Comm: kworker/1:2 Not tainted 5.10.0-46-amd64 #1 ..."
 * line of dump_stack() (every layout: "Pid: 12, comm: x Not tainted 2.6.32
 * #1", 6.12's "CPU: 1 UID: 0 PID: 12 Comm: ...").
 */
struct md_xcpu {
	int cpu;		/* -1 if not printed */
	long long pid;
	char comm[64];
	char kver_str[128];	/* "5.10.0-46-amd64 #1 Debian 5.10.237-1", or "" */
	unsigned int kver;	/* md_kver_parse(kver_str) */
};
/* 1 if @text is such a line (and @c filled), else 0. */
int md_x_cpu_line(const char *text, struct md_xcpu *c);

/*
 * The first line of a "Call Trace:" / "Call trace:" / "[<...>] ..." stack
 * from line @i (within @max lines of it, same report), and the first frame
 * after the allocator's and the reporter's own (warn_alloc, __alloc_pages*,
 * dump_stack, ...): the caller. NULL if no trace; malloc'ed.
 */
char *md_x_caller(const struct md_klog *log, size_t i, size_t max);

#endif /* MEMDIAGCTL_EXPLAIN_H */
