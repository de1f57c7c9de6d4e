// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl explain - the kernel's refusals of a mapping on accounting
 * grounds, read back from a log (explain.h):
 *
 *   __vm_enough_memory: pid: %d, comm: %s, not enough memory for the allocation
 *   __vm_enough_memory: pid: %d, comm: %s, bytes: %lu not enough memory for the allocation
 *	mm/util.c, pr_warn_ratelimited: the overcommit accounting said no
 *	(kind "commit-refusal"); the second form has the size in bytes.
 *   mmap: %s (%d): VmData %lu exceed data ulimit %lu. Update limits%s.
 *	mm/mmap.c may_expand_vm(), pr_warn_once: a data mapping would pass
 *	RLIMIT_DATA (kind "rlimit-data"); both numbers in bytes, the suffix
 *	is " or use boot option ignore_rlimit_data" unless that option is set.
 *
 * Each is one line, an event of its own.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "memdiagctl.h"
#include "output.h"

/*
 * No machine has 2^56 bytes (64 PiB) of RAM + swap, the user half of
 * x86-64's 5-level address space: a request that size is a wrong number.
 */
#define MD_XC_IMPLAUSIBLE (1ULL << 56)

struct md_xcommit {
	struct md_xev x;
	/* commit-refusal */
	unsigned long long bytes;	/* as printed */
	bool have_bytes;		/* "bytes: N" was printed and read */
	bool implausible;		/* bytes >= MD_XC_IMPLAUSIBLE */
	/* rlimit-data */
	unsigned long long vmdata, ulimit;	/* bytes, as printed */
	bool have_vmdata, have_ulimit;
	bool hint;			/* "or use boot option ignore_rlimit_data" */
};

/* An unsigned decimal at @s (saturated at ULLONG_MAX); false if none. */
static bool md_xc_u64(const char *s, const char **end, unsigned long long *v)
{
	unsigned long long n = 0;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return false;
	for (; isdigit((unsigned char)*p); p++) {
		unsigned int d = *p - '0';

		n = n > (ULLONG_MAX - d) / 10 ? ULLONG_MAX : n * 10 + d;
	}
	*end = p;
	*v = n;
	return true;
}

static char *md_xc_bytes(unsigned long long b)
{
	char *h = md_size_str(b, false), *s;

	if (!h)
		return NULL;
	s = md_strdupf("%llu bytes (%s)", b, h);
	free(h);
	return s;
}

static int md_xc_text(const struct md_xev *e, FILE *out, bool exact)
{
	const struct md_xcommit *c = (const struct md_xcommit *)e;

	(void)exact;
	if (!strcmp(e->kind, "commit-refusal")) {
		if (c->have_bytes)
			fprintf(out, "  request: %llu bytes%s\n", c->bytes,
				c->implausible ? " (implausible: larger than any machine)" : "");
		else
			fprintf(out, "  request: size not printed by this kernel\n");
	} else {
		if (c->have_vmdata)
			fprintf(out, "  data mappings would be: %llu bytes\n", c->vmdata);
		if (c->have_ulimit)
			fprintf(out, "  RLIMIT_DATA: %llu bytes\n", c->ulimit);
	}
	return 0;
}

static void md_xc_json(const struct md_xev *e, struct md_json *j)
{
	const struct md_xcommit *c = (const struct md_xcommit *)e;

	if (!strcmp(e->kind, "commit-refusal")) {
		if (c->have_bytes)
			md_json_u64(j, "bytes", c->bytes);
		else
			md_json_null(j, "bytes");
		md_json_bool(j, "implausible", c->implausible);
		return;
	}
	if (c->have_vmdata)
		md_json_u64(j, "vmdata-bytes", c->vmdata);
	else
		md_json_null(j, "vmdata-bytes");
	if (c->have_ulimit)
		md_json_u64(j, "limit-bytes", c->ulimit);
	else
		md_json_null(j, "limit-bytes");
	md_json_bool(j, "ignore-rlimit-data-hint", c->hint);
}

static void md_xc_free(struct md_xev *e)
{
	md_xev_clear(e);
	free(e);
}

static const struct md_xev_ops md_xc_ops = {
	.text = md_xc_text,
	.json = md_xc_json,
	.free = md_xc_free,
};

static struct md_xcommit *md_xc_new(const struct md_klog *log, size_t i,
				    const struct md_xctx *ctx, const char *kind)
{
	struct md_xcommit *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->x.ops = &md_xc_ops;
	c->x.kind = kind;
	c->x.first = c->x.last = i;
	c->x.pid = -1;
	c->x.kver = ctx->kver;
	c->x.repeated = log->lines[i].repeated;
	if (ctx->kver_str) {
		c->x.kver_str = strdup(ctx->kver_str);
		if (!c->x.kver_str) {
			free(c);
			return NULL;
		}
	}
	return c;
}

/* "[__vm_enough_memory: ]pid: N, comm: X[, bytes: N] not enough memory..." */
static int md_xc_commit(const struct md_klog *log, size_t i,
			const struct md_xctx *ctx, const char *text,
			struct md_xev **out)
{
	static const char tail[] = " not enough memory for the allocation";
	const char *p = strstr(text, "pid: "), *comm, *cend, *b, *q;
	unsigned long long v;
	struct md_xcommit *c;
	char *size = NULL;

	if (!p || !strstr(text, tail))
		return 0;
	c = md_xc_new(log, i, ctx, "commit-refusal");
	if (!c)
		return -ENOMEM;
	if (md_xc_u64(p + 5, &q, &v))
		c->x.pid = v > LLONG_MAX ? LLONG_MAX : (long long)v;
	comm = strstr(p, ", comm: ");
	cend = strstr(text, tail);
	if (comm && comm < cend) {
		comm += 8;
		/* the name may hold ", bytes: ": the last one is the kernel's */
		for (b = comm; (q = strstr(b, ", bytes: ")) && q < cend; b = q + 1)
			;
		q = b == comm ? NULL : b - 1;
		if (q && md_xc_u64(q + 9, &b, &v) && b == cend) {
			c->bytes = v;
			c->have_bytes = true;
			c->implausible = v >= MD_XC_IMPLAUSIBLE;
			cend = q;
		} else if (*(cend - 1) == ',') {
			cend--;	/* 6.0's "comm: X, not enough memory" */
		}
		c->x.comm = strndup(comm, cend - comm);
		if (!c->x.comm)
			goto nomem;
	}
	if (c->have_bytes) {
		size = md_xc_bytes(c->bytes);
		if (!size)
			goto nomem;
	}
	c->x.what = md_strdupf("%s (pid %lld): the kernel's commit accounting refused %s",
			       c->x.comm ? c->x.comm : "?", c->x.pid,
			       size ? size : "a mapping (size not printed)");
	if (c->implausible) {
		c->x.verdict = strdup("implausible size");
		c->x.why = md_strdupf("the request as printed, %llu bytes, is larger than any machine's RAM + swap (2^56 bytes is 64 PiB): a wrong size computed by the caller (a kernel bug or memory corruption), not a real shortage of memory",
				      c->bytes);
		c->x.advice = strdup("look at what follows in the log (a BUG or warning in the same task) and at the caller's code path; changing overcommit settings will not help");
	} else {
		c->x.verdict = strdup("commit refused");
		c->x.why = md_strdupf("__vm_enough_memory() said no%s%s: with vm.overcommit_memory=2 the committed total (Committed_AS) plus this request would pass CommitLimit (swap + RAM x overcommit_ratio%% or overcommit_kbytes); with the default heuristic (0) only a single request larger than RAM + swap is refused",
				      size ? " to " : "", size ? size : "");
		c->x.advice = strdup("compare Committed_AS with CommitLimit in /proc/meminfo and read vm.overcommit_memory, vm.overcommit_ratio, vm.overcommit_kbytes (memdiagctl commit, memdiagctl limits); add swap, raise the ratio, or find who commits so much (large MAP_PRIVATE writable or MAP_NORESERVE-less mappings)");
	}
	if (!c->have_bytes)
		c->x.unread = strdup("the request's size: this kernel's line does not print it");
	free(size);
	if (!c->x.what || !c->x.verdict || !c->x.why || !c->x.advice ||
	    (!c->have_bytes && !c->x.unread))
		goto nomem;
	*out = &c->x;
	return 1;
nomem:
	free(size);
	md_xc_free(&c->x);
	return -ENOMEM;
}

/*
 * "[mmap: ]COMM (PID): VmData N exceed data ulimit N. Update limits[ or use
 * boot option ignore_rlimit_data]."
 */
static int md_xc_rlimit(const struct md_klog *log, size_t i,
			const struct md_xctx *ctx, const char *text,
			struct md_xev **out)
{
	const char *vd = strstr(text, "): VmData "), *p, *q, *open = NULL;
	unsigned long long v;
	struct md_xcommit *c;

	if (!vd || !strstr(vd, " exceed data ulimit "))
		return 0;
	/* the pid's "(" : digits between it and vd */
	for (p = vd; p > text; p--) {
		if (*(p - 1) == '(') {
			open = p - 1;
			break;
		}
		if (!isdigit((unsigned char)*(p - 1)))
			break;
	}
	if (!open || open + 1 == vd)
		return 0;
	c = md_xc_new(log, i, ctx, "rlimit-data");
	if (!c)
		return -ENOMEM;
	if (md_xc_u64(open + 1, &q, &v))
		c->x.pid = v > LLONG_MAX ? LLONG_MAX : (long long)v;
	p = text;
	if (!strncmp(p, "mmap: ", 6))
		p += 6;
	q = open;
	while (q > p && q[-1] == ' ')
		q--;
	c->x.comm = strndup(p, q - p);
	if (!c->x.comm)
		goto nomem;
	c->have_vmdata = md_xc_u64(vd + 10, &q, &c->vmdata);
	p = strstr(vd, " exceed data ulimit ");
	c->have_ulimit = md_xc_u64(p + 20, &q, &c->ulimit);
	c->hint = strstr(p, "ignore_rlimit_data") != NULL;
	c->x.what = md_strdupf("%s (pid %lld): data mappings would pass RLIMIT_DATA",
			       c->x.comm, c->x.pid);
	c->x.verdict = strdup("data ulimit");
	if (c->have_vmdata && c->have_ulimit)
		c->x.why = md_strdupf("a private writable (data) mapping would bring the process's data to %llu bytes, over its RLIMIT_DATA of %llu bytes; mmap() failed with ENOMEM",
				      c->vmdata, c->ulimit);
	else
		c->x.why = strdup("a private writable (data) mapping would pass the process's RLIMIT_DATA; mmap() failed with ENOMEM");
	c->x.advice = strdup("raise the data limit of the process (ulimit -d, setrlimit(RLIMIT_DATA), systemd LimitDATA=, limits.conf 'data'); the kernel prints this once per boot, later refusals (and brk() ones, which never print) are silent");
	if (!c->have_vmdata || !c->have_ulimit)
		c->x.unread = strdup(!c->have_vmdata ? "the VmData size" : "the data ulimit");
	if (!c->x.what || !c->x.verdict || !c->x.why || !c->x.advice ||
	    ((!c->have_vmdata || !c->have_ulimit) && !c->x.unread))
		goto nomem;
	*out = &c->x;
	return 1;
nomem:
	md_xc_free(&c->x);
	return -ENOMEM;
}

int md_xparse_commit(const struct md_klog *log, size_t i,
		     const struct md_xctx *ctx, struct md_xev **out)
{
	const char *text;

	*out = NULL;
	if (i >= log->n || !log->lines[i].text)
		return 0;
	text = log->lines[i].text;
	while (*text == ' ' || *text == '\t')
		text++;
	if (!strncmp(text, "__vm_enough_memory: pid: ", 25))
		return md_xc_commit(log, i, ctx, text, out);
	if (strstr(text, "): VmData "))
		return md_xc_rlimit(log, i, ctx, text, out);
	return 0;
}
