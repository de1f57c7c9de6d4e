// SPDX-License-Identifier: GPL-2.0
/*
 * show_mem() reports read back from a log: see showmem.h.
 *
 * The report is read as "logical lines": a line of the kernel's (a zone
 * line, a buddy line, ...) may come in pieces, either because its KERN_CONT
 * parts were logged as separate records (4.15 and others: "Node 0 ", "DMA: ",
 * "1*4kB ", "(U) ", "= 15908kB") or because a mailer or a forum folded it
 * ("active:2" / "4976kB", quoted-printable "=" soft breaks). A piece is
 * joined to the line being read when every token of it can continue that
 * kind of line; anything else starts a new line, ends the report, or is
 * skipped as another CPU's line (at most SM_MAX_FOREIGN in a row).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "showmem.h"

#define SM_MAX_FOREIGN	8	/* unrelated lines skipped in a row */
#define SM_MAX_SLABS	64
#define SM_MAX_HUGE	8	/* hugepage sizes kept */
#define SM_MAX_LINE	65536	/* a logical line longer than this is garbage */

enum sm_class {
	C_NONE,		/* cannot belong to a show_mem report */
	C_STOP,		/* the next part of the report around it: stop */
	C_MEMINFO,	/* "Mem-Info:" */
	C_FREEPAGES,	/* "Free pages: NkB (NkB HighMem)" (< 2.6.14) */
	C_PERCPU,	/* "DMA per-cpu:", "CPU    0: hi: ...", "cpu 0 hot: ..." */
	C_KV,		/* key:value tokens only: the global counters */
	C_NODE,		/* "Node 0 active_anon:NkB ..." */
	C_NODEPFX,	/* "Node 0 " alone (a KERN_CONT piece) */
	C_ZONE,		/* "[Node 0 ]DMA32 free:NkB min:NkB ..." */
	C_LOWMEM,	/* "lowmem_reserve[]: 0 2868 ..." / "protections[]:" */
	C_BUDDY,	/* "[Node 0 ]DMA32: 3*4kB (UM) ... = NkB" */
	C_HUGE,		/* "Node 0 hugepages_total=N ..." */
	C_SWAPCACHE,	/* "Swap cache: add N, ..." (folded by mailers) */
	C_TAIL,		/* "N pages RAM", "Free swap  = NkB", ... */
	C_SLABHDR,	/* "Unreclaimable slab info:" */
	C_SLABCOLS,	/* "Name   Used   Total" */
	C_SLABROW,	/* "kmalloc-64   123KB   456KB" */
	C_PROFHDR,	/* "Memory allocations (profiling is ...):" (6.10+) */
	C_PROFROW,	/* "  12.0 MiB  3072 mm/slub.c:123 func:f" */
};

struct sm_zraw {		/* a zone's numbers as printed (kB) */
	long long free, min, low, high, boost, managed, present, highatomic,
		  free_cma;
};

struct sm_huge {
	long long size_kb, total, free;
};

/* Per-node kB values, summed over nodes, used when the global line is missing. */
enum { N_ACTIVE_ANON, N_INACTIVE_ANON, N_ACTIVE_FILE, N_INACTIVE_FILE,
	N_UNEVICTABLE, N_DIRTY, N_WRITEBACK, N_SHMEM, N_MAPPED, N_PAGETABLES,
	N_NR };
static const char *const node_keys[N_NR] = {
	"active_anon", "inactive_anon", "active_file", "inactive_file",
	"unevictable", "dirty", "writeback", "shmem", "mapped", "pagetables",
};

struct sm_ctx {
	const struct md_klog *log;
	struct md_showmem *m;
	size_t cap_zones;
	struct sm_zraw *raw;		/* same index as m->zones */
	char *probs;
	size_t probs_len;
	int oom;			/* -ENOMEM seen */
	/* The logical line being assembled. */
	char *buf;
	size_t len, cap;
	enum sm_class cls;
	int node;			/* its "Node N " prefix, -1 none */
	int pfx_node;			/* a "Node N " piece waiting for its line */
	long long zone_cur;		/* zone the next lowmem_reserve is for */
	bool in_slab, in_prof;
	bool got_global, got_page_kb;
	size_t foreign_run, foreign_total;
	struct sm_huge huge[SM_MAX_HUGE];
	size_t nr_huge;
	long long node_kb[N_NR];
	size_t slab_cap;
};

/* ---- small helpers ---------------------------------------------------- */

static void sm_problem(struct sm_ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sm_problem(struct sm_ctx *c, const char *fmt, ...)
{
	char msg[256], *p;
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->probs && strstr(c->probs, msg))
		return;			/* said once is enough */
	if (c->probs_len > 4096)
		return;
	n = strlen(msg);
	p = realloc(c->probs, c->probs_len + n + 3);
	if (!p) {
		c->oom = 1;
		return;
	}
	c->probs = p;
	if (c->probs_len) {
		memcpy(p + c->probs_len, "; ", 2);
		c->probs_len += 2;
	}
	memcpy(p + c->probs_len, msg, n + 1);
	c->probs_len += n;
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static bool is_tokc(char ch)
{
	return ch && ch != ' ' && ch != '\t';
}

/*
 * A number as printed: [-]digits. *@u gets it saturated at ULLONG_MAX,
 * *@neg its sign. Returns the end, or NULL if no digit.
 */
static const char *sm_num(const char *p, unsigned long long *u, bool *neg)
{
	unsigned long long v = 0;
	const char *q = p;

	*neg = false;
	if (*q == '-') {
		*neg = true;
		q++;
	}
	if (!isdigit((unsigned char)*q))
		return NULL;
	for (; isdigit((unsigned char)*q); q++) {
		unsigned int d = *q - '0';

		if (v > (ULLONG_MAX - d) / 10)
			v = ULLONG_MAX;
		else
			v = v * 10 + d;
	}
	*u = v;
	return q;
}

/*
 * A value the kernel cannot have meant: a count that went below zero and
 * was printed unsigned (32-bit: just below 2^32; 64-bit: near 2^64), or
 * beyond anything a machine holds.
 */
static bool sm_wrapped(unsigned long long u)
{
	if (u >= 0xffffffffULL - (1ULL << 26) && u <= 0xffffffffULL)
		return true;
	return u > (1ULL << 52);
}

enum { V_NONE, V_OK, V_BAD };

/*
 * The value of "key:" (or "key=") in @s, a token match (case-insensitive;
 * "free" does not match "free_pcp" or "Free pages"), with its optional
 * "kB"/"KB". V_OK and *@v, V_NONE if absent, V_BAD if printed but not a
 * plausible number (*@v the raw value or -1).
 */
static int sm_kv(const char *s, const char *key, char sep, long long *v,
		 bool *kb)
{
	size_t kl = strlen(key);
	const char *p = s;

	*v = -1;
	if (kb)
		*kb = false;
	while ((p = strchr(p, sep))) {
		const char *k = p;
		unsigned long long u;
		bool neg;
		const char *e;

		while (k > s && is_tokc(k[-1]) && k[-1] != ',')
			k--;
		if (*k == '(')
			k++;
		p++;
		if ((size_t)(p - 1 - k) != kl || strncasecmp(k, key, kl))
			continue;
		e = sm_num(skip_ws(p), &u, &neg);
		if (!e)
			return V_BAD;
		if (kb && (!strncasecmp(e, "kB", 2)))
			*kb = true;
		if (neg || sm_wrapped(u)) {
			*v = neg ? -(long long)(u > LLONG_MAX ? LLONG_MAX : u) : -1;
			return V_BAD;
		}
		*v = (long long)u;
		return V_OK;
	}
	return V_NONE;
}

/* "DMA32", "Normal", "HighMem", "Movable", "Device": a zone name's shape. */
static size_t zone_name_len(const char *s)
{
	size_t n = 0;

	if (!isalpha((unsigned char)*s))
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	return n <= 16 ? n : 0;
}

static bool known_zone(const char *s, size_t n)
{
	static const char *const names[] = {
		"DMA", "DMA32", "Normal", "HighMem", "Movable", "Device",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (strlen(names[i]) == n && !strncmp(s, names[i], n))
			return true;
	return false;
}

/* "Node 12 " at @s: the node number and *@rest after it, or -1. */
static int node_prefix(const char *s, const char **rest)
{
	unsigned long long u;
	bool neg;
	const char *e;

	if (strncmp(s, "Node ", 5))
		return -1;
	e = sm_num(s + 5, &u, &neg);
	if (!e || neg || u > 65535 || (*e && *e != ' '))
		return -1;
	*rest = skip_ws(e);
	return (int)u;
}

/* ---- tokens of continued lines -------------------------------------- */

/* A whole buddy token: "12*4kB", "(UME)", "=", "1234kB", "empty". */
static bool buddy_tok_whole(const char *t, size_t n)
{
	size_t i = 0;

	if (n == 1 && *t == '=')
		return true;
	if (n == 5 && !strncmp(t, "empty", 5))
		return true;
	if (*t == '(') {
		for (i = 1; i + 1 < n; i++)
			if (!isupper((unsigned char)t[i]))
				return false;
		return n >= 2 && t[n - 1] == ')';
	}
	while (i < n && isdigit((unsigned char)t[i]))
		i++;
	if (!i)
		return false;
	if (i < n && t[i] == '*') {
		size_t j = ++i;

		while (i < n && isdigit((unsigned char)t[i]))
			i++;
		if (i == j)
			return false;
	}
	return n - i == 2 && (t[i] == 'k' || t[i] == 'K') && t[i + 1] == 'B';
}

/* A piece of one: made of the characters buddy tokens have. */
static bool buddy_tok_piece(const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)t[i]) && !strchr("*kKB()=", t[i]) &&
		    !isupper((unsigned char)t[i]))
			return false;
	return true;
}

static bool key_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '(' ||
	       ch == ')' || ch == '?';
}

/* "key:123kB", "key:", "key?"; @t of @n chars. */
static bool kv_tok_whole(const char *t, size_t n, bool after_key)
{
	size_t i = 0;

	if (after_key) {	/* "shmem_thp: 0kB", "all_unreclaimable? no" */
		if ((n == 3 && !strncmp(t, "yes", 3)) ||
		    (n == 2 && !strncmp(t, "no", 2)))
			return true;
		if (*t == '-')
			i++;
		while (i < n && isdigit((unsigned char)t[i]))
			i++;
		if (i && i == n)
			return true;
		return i && n - i == 2 && (t[i] == 'k' || t[i] == 'K') &&
		       t[i + 1] == 'B';
	}
	if (!isalpha((unsigned char)*t))
		return false;
	while (i < n && key_char(t[i]))
		i++;
	if (i == n)
		return n > 1 && t[n - 1] == '?';	/* "all_unreclaimable?" */
	if (t[i] != ':')
		return false;
	if (++i == n)
		return true;
	if (t[i] == '-')
		i++;
	while (i < n && isdigit((unsigned char)t[i]))
		i++;
	if (i == n)
		return isdigit((unsigned char)t[n - 1]);
	return n - i == 2 && (t[i] == 'k' || t[i] == 'K') && t[i + 1] == 'B';
}

static bool kv_tok_piece(const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!key_char(t[i]) && t[i] != ':' && t[i] != '-')
			return false;
	return true;
}

/* Does the token ask for a value after it ("shmem_thp:", "x?")? */
static bool kv_tok_wants_value(const char *t, size_t n)
{
	return n && (t[n - 1] == ':' || t[n - 1] == '?');
}

static bool tok_whole(enum sm_class cls, const char *t, size_t n,
		      bool after_key)
{
	if (cls == C_BUDDY)
		return buddy_tok_whole(t, n);
	if (cls == C_LOWMEM) {
		size_t i = *t == '-';

		while (i < n && isdigit((unsigned char)t[i]))
			i++;
		return i == n && n;
	}
	return kv_tok_whole(t, n, after_key);
}

static bool tok_piece(enum sm_class cls, const char *t, size_t n)
{
	if (cls == C_BUDDY)
		return buddy_tok_piece(t, n);
	if (cls == C_LOWMEM)
		return tok_whole(cls, t, n, false);
	return kv_tok_piece(t, n);
}

/* The last token of the line being read: start and length. */
static size_t last_tok(const char *buf, size_t len, const char **t)
{
	size_t e = len, b;

	while (e && !is_tokc(buf[e - 1]))
		e--;
	b = e;
	while (b && is_tokc(buf[b - 1]))
		b--;
	*t = buf + b;
	return e - b;
}

/* The token before the last one wants a value (for "key: 0kB"). */
static bool prev_wants_value(const char *buf, size_t len)
{
	const char *t;
	size_t n = last_tok(buf, len, &t);

	return kv_tok_wants_value(t, n);
}

/*
 * Can @s continue the line in c->buf (of class c->cls)? *@glue says whether
 * it joins without a space (a token cut in two). Every token must be whole
 * but the last, which may be cut.
 */
static bool sm_continues(struct sm_ctx *c, const char *s, bool *glue)
{
	const char *lt, *p;
	size_t ln;
	bool qp = false, after;

	*glue = false;
	if (c->cls != C_BUDDY && c->cls != C_LOWMEM && c->cls != C_ZONE &&
	    c->cls != C_NODE && c->cls != C_KV)
		return false;
	if (!*skip_ws(s))
		return false;
	ln = last_tok(c->buf, c->len, &lt);
	/* quoted-printable soft break: "active_f=" then "ile:0kB" */
	if (c->len && c->buf[c->len - 1] == '=' && ln > 1)
		qp = true;
	if (c->len && is_tokc(c->buf[c->len - 1]) && is_tokc(*s) &&
	    c->cls != C_LOWMEM) {
		size_t fn = 0;

		while (is_tokc(s[fn]))
			fn++;
		if (qp) {
			*glue = true;
			ln--;
		} else {
			bool pw = ln && lt > c->buf &&
				  prev_wants_value(c->buf, lt - c->buf);

			*glue = !tok_whole(c->cls, lt, ln, pw) ||
				!tok_whole(c->cls, s, fn,
					   kv_tok_wants_value(lt, ln));
		}
	}
	p = s;
	after = !*glue && ln && kv_tok_wants_value(lt, ln);
	while (*(p = skip_ws(p))) {
		const char *t = p;
		size_t n;
		char tmp[128];

		while (is_tokc(*p))
			p++;
		n = p - t;
		if (*glue && t == s) {
			/* check the joined token */
			if (ln + n >= sizeof(tmp))
				return false;
			memcpy(tmp, lt, ln);
			memcpy(tmp + ln, t, n);
			t = tmp;
			n += ln;
		}
		if (!*skip_ws(p)) {	/* the last one may be cut */
			if (!tok_whole(c->cls, t, n, after) &&
			    !tok_piece(c->cls, t, n))
				return false;
		} else if (!tok_whole(c->cls, t, n, after)) {
			return false;
		}
		after = c->cls != C_BUDDY && kv_tok_wants_value(t, n);
	}
	return true;
}

/* ---- classifying a line ---------------------------------------------- */

static bool starts(const char *s, const char *w)
{
	return !strncmp(s, w, strlen(w));
}

/* Every token is a key:value (the global counters' lines). */
static bool all_kv(const char *s)
{
	bool after = false, any = false;

	while (*(s = skip_ws(s))) {
		const char *t = s;

		while (is_tokc(*s))
			s++;
		if (!kv_tok_whole(t, s - t, after))
			return false;
		if (!after)
			any = true;
		after = kv_tok_wants_value(t, s - t);
	}
	return any;
}

static bool is_stop(const char *s)
{
	static const char *const pfx[] = {
		"[ pid ]", "[  pid  ]", "Tasks state", "Out of memory",
		"Out of Memory", "oom-kill:", "oom_reaper:", "Killed process",
		"Memory cgroup out of memory", "Kernel panic", "---[ end trace",
		"Memory cgroup stats", "memory: usage", "memory+swap: usage",
		"kmem: usage", "Task in ", "Mem-Info:", "Mem-info:",
	};
	static const char *const sub[] = {
		"page allocation failure", "invoked oom-killer",
		"page allocation stalls", "vmalloc: allocation failure",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pfx); i++)
		if (starts(s, pfx[i]))
			return true;
	for (i = 0; i < ARRAY_SIZE(sub); i++)
		if (strstr(s, sub[i]))
			return true;
	return false;
}

/* "N pages RAM" and the other lines show_mem() and its arch variants end with. */
static bool is_tail(const char *s)
{
	static const char *const pfx[] = {
		"Free swap", "Total swap", "Swap cache stats:", "Buffer memory:",
		"Total of ",
	};
	static const char *const after_num[] = {
		"pages", "total pagecache pages", "reserved pages", "free pages",
		"pages of RAM",
	};
	unsigned long long u;
	bool neg;
	const char *e;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(pfx); i++)
		if (starts(s, pfx[i]))
			return true;
	e = sm_num(s, &u, &neg);
	if (!e || *e != ' ')
		return false;
	e = skip_ws(e);
	for (i = 0; i < ARRAY_SIZE(after_num); i++)
		if (starts(e, after_num[i]))
			return true;
	return false;
}

/* A row of "Unreclaimable slab info": "name  123KB  456KB". */
static bool slab_row(const char *s, char *name, size_t cap, long long *used,
		     long long *total)
{
	const char *p = s + strlen(s), *b;
	unsigned long long u[2];
	int k;

	for (k = 1; k >= 0; k--) {
		bool neg;

		while (p > s && (p[-1] == ' ' || p[-1] == '\t'))
			p--;
		if (p - s < 3 || strncasecmp(p - 2, "KB", 2))
			return false;
		b = p - 2;
		while (b > s && isdigit((unsigned char)b[-1]))
			b--;
		if (b == p - 2 || !sm_num(b, &u[k], &neg) ||
		    (b > s && b[-1] != ' ' && b[-1] != '\t'))
			return false;
		p = b;
	}
	while (p > s && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	if (p == s || (size_t)(p - s) >= cap)
		return false;
	memcpy(name, s, p - s);
	name[p - s] = '\0';
	*used = sm_wrapped(u[0]) ? -1 : (long long)u[0];
	*total = sm_wrapped(u[1]) ? -1 : (long long)u[1];
	return !strchr(name, ' ') || strlen(name) < 40;
}

static enum sm_class classify(struct sm_ctx *c, const char *raw, int *node)
{
	const char *s = skip_ws(raw), *rest;
	size_t n;
	long long a, b;
	char name[64];

	*node = -1;
	if (!*s)
		return C_NONE;
	if (starts(s, "Mem-Info:") || starts(s, "Mem-info:"))
		return C_MEMINFO;
	if (is_stop(s))
		return C_STOP;
	if (starts(s, "Free pages:"))
		return C_FREEPAGES;
	if (starts(s, "lowmem_reserve[]:") || starts(s, "protections[]:"))
		return C_LOWMEM;
	if (starts(s, "Swap cache:"))
		return C_SWAPCACHE;
	if (starts(s, "Unreclaimable slab info:"))
		return C_SLABHDR;
	if (starts(s, "Memory allocations (profiling"))
		return C_PROFHDR;
	if (c->in_slab && starts(s, "Name ") && strstr(s, "Used") &&
	    strstr(s, "Total"))
		return C_SLABCOLS;
	if (is_tail(s))
		return C_TAIL;
	if (c->in_slab && slab_row(s, name, sizeof(name), &a, &b))
		return C_SLABROW;
	if (c->in_prof && strstr(s, " func:"))
		return C_PROFROW;
	/* per-cpu lists: 2.6.x to 3.x */
	if ((starts(s, "CPU ") || starts(s, "cpu ")) &&
	    (strstr(s, ": hi:") || strstr(s, " hot:") || strstr(s, " cold:") ||
	     strstr(s, ": Hot:")))
		return C_PERCPU;
	*node = node_prefix(s, &rest);
	if (*node < 0)
		rest = s;
	else if (!*rest)
		return C_NODEPFX;
	if (*node >= 0 && starts(rest, "hugepages_total="))
		return C_HUGE;
	n = zone_name_len(rest);
	if (n) {
		const char *after = rest + n;

		if (starts(after, " per-cpu:"))
			return C_PERCPU;
		if (starts(after, " free:"))
			return C_ZONE;
		if (*after == ':' && (!after[1] || after[1] == ' ')) {
			const char *t = skip_ws(after + 1), *e = t;

			while (is_tokc(*e))
				e++;
			if ((!*t && known_zone(rest, n)) ||
			    (*t && buddy_tok_piece(t, e - t) &&
			     (memchr(t, '*', e - t) || known_zone(rest, n))) ||
			    starts(t, "empty"))
				return C_BUDDY;
		}
	}
	if (*node < 0 && starts(s, "Zone:") && strstr(s, " freepages:"))
		return C_ZONE;		/* 2.4/2.5: "Zone:DMA freepages: ..." */
	if (*node < 0 && starts(s, "( Active:"))
		return C_KV;		/* 2.5: "( Active: N, inactive: N, free: N )" */
	if (all_kv(rest))
		return *node >= 0 ? C_NODE : C_KV;
	return C_NONE;
}

/* ---- storing what was read ------------------------------------------ */

static struct md_zone_snap *sm_zone(struct sm_ctx *c, const char *name,
				    size_t n, int node, bool create)
{
	struct md_showmem *m = c->m;
	size_t i, pos = 0;

	if (node < 0)
		node = 0;	/* no "Node N " printed: not NUMA */
	for (i = 0; i < m->nr_zones; i++) {
		struct md_zone_snap *z = &m->zones[i];

		if ((int)z->node == node && strlen(z->name) == n &&
		    !strncmp(z->name, name, n))
			return z;
		if ((int)z->node == node)
			pos++;
	}
	if (!create)
		return NULL;
	if (m->nr_zones == c->cap_zones) {
		size_t cap = c->cap_zones ? 2 * c->cap_zones : 4;
		void *a = realloc(m->zones, cap * sizeof(*m->zones));
		void *b, *r;

		if (!a)
			goto oom;
		m->zones = a;
		b = realloc(m->zx, cap * sizeof(*m->zx));
		if (!b)
			goto oom;
		m->zx = b;
		r = realloc(c->raw, cap * sizeof(*c->raw));
		if (!r)
			goto oom;
		c->raw = r;
		c->cap_zones = cap;
	}
	i = m->nr_zones;
	memset(&m->zones[i], 0, sizeof(m->zones[i]));
	memset(&m->zx[i], 0, sizeof(m->zx[i]));
	m->zx[i].present_pages = -1;
	m->zx[i].free_cma = -1;
	{
		struct sm_zraw *r = &c->raw[i];

		r->free = r->min = r->low = r->high = r->boost = -1;
		r->managed = r->present = r->highatomic = r->free_cma = -1;
	}
	m->zones[i].name = strndup(name, n);
	if (!m->zones[i].name)
		goto oom;
	m->zones[i].node = node < 0 ? 0 : (uint32_t)node;
	/* the zone index is not printed: its rank among the node's zones */
	m->zones[i].zone = (uint32_t)pos;
	m->zones[i].present = MD_BIT(MEMDIAG_A_ZONE_SNAP_NAME) |
			      MD_BIT(MEMDIAG_A_ZONE_SNAP_NODE);
	m->nr_zones++;
	return &m->zones[i];
oom:
	c->oom = 1;
	return NULL;
}

static void sm_zone_line(struct sm_ctx *c, const char *s, int node)
{
	static const struct {
		const char *key;
		size_t off;
		bool want_kb;
	} keys[] = {
		{ "free", offsetof(struct sm_zraw, free), true },
		{ "freepages", offsetof(struct sm_zraw, free), true },
		{ "min", offsetof(struct sm_zraw, min), true },
		{ "low", offsetof(struct sm_zraw, low), true },
		{ "high", offsetof(struct sm_zraw, high), true },
		{ "boost", offsetof(struct sm_zraw, boost), true },
		{ "managed", offsetof(struct sm_zraw, managed), true },
		{ "present", offsetof(struct sm_zraw, present), true },
		{ "reserved_highatomic", offsetof(struct sm_zraw, highatomic), true },
		{ "free_cma", offsetof(struct sm_zraw, free_cma), true },
	};
	const char *rest = skip_ws(s), *name;
	struct md_zone_snap *z;
	struct sm_zraw *r;
	size_t n, i;

	if (node_prefix(rest, &rest) < 0)
		rest = skip_ws(s);
	if (starts(rest, "Zone:"))
		rest += 5;
	name = rest;
	n = zone_name_len(name);
	if (!n)
		return;
	z = sm_zone(c, name, n, node, true);
	if (!z)
		return;
	r = &c->raw[z - c->m->zones];
	c->zone_cur = z - c->m->zones;
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		long long v;
		bool kb;
		int st = sm_kv(rest + n, keys[i].key, ':', &v, &kb);
		long long *dst = (long long *)((char *)r + keys[i].off);

		if (st == V_NONE)
			continue;
		if (st == V_BAD) {
			sm_problem(c, "%s %s: of node %d is implausible (a counter that went below zero?)",
				   z->name, keys[i].key, (int)z->node);
			continue;
		}
		if (!kb && keys[i].want_kb) {
			sm_problem(c, "%s %s: has no kB unit", z->name,
				   keys[i].key);
			continue;
		}
		*dst = v;
	}
	if (r->free < 0 || r->min < 0 || r->low < 0 || r->high < 0)
		sm_problem(c, "zone line of %s (node %d) cut off or garbled: %s%s%s%s not read",
			   z->name, (int)z->node, r->free < 0 ? "free " : "",
			   r->min < 0 ? "min " : "", r->low < 0 ? "low " : "",
			   r->high < 0 ? "high" : "");
	if (r->free >= 0 && r->present >= 0 && r->free > r->present) {
		sm_problem(c, "%s free:%lldkB above present:%lldkB: implausible",
			   z->name, r->free, r->present);
		r->free = -1;
	}
}

static void sm_lowmem(struct sm_ctx *c, const char *s)
{
	struct md_zone_snap *z;
	const char *p = strchr(s, ':');
	uint64_t v[64];
	size_t n = 0;
	bool bad = false;

	if (c->zone_cur < 0 || (size_t)c->zone_cur >= c->m->nr_zones) {
		sm_problem(c, "a lowmem_reserve[] line with no zone line before it");
		return;
	}
	z = &c->m->zones[c->zone_cur];
	c->zone_cur = -1;
	if (!p)
		return;
	for (p++; *(p = skip_ws(p)) && n < 64;) {
		unsigned long long u;
		bool neg;
		const char *e = sm_num(p, &u, &neg);

		if (!e || (*e && *e != ' ' && *e != '\t')) {
			bad = true;
			break;
		}
		if (neg || sm_wrapped(u))
			bad = true;
		v[n++] = u;
		p = e;
	}
	if (bad || !n) {
		sm_problem(c, "no usable lowmem_reserve for %s (node %d)",
			   z->name, (int)z->node);
		return;
	}
	free(z->lowmem_reserve);
	z->lowmem_reserve = malloc(n * sizeof(*v));
	if (!z->lowmem_reserve) {
		c->oom = 1;
		z->nr_lowmem_reserve = 0;
		return;
	}
	memcpy(z->lowmem_reserve, v, n * sizeof(*v));
	z->nr_lowmem_reserve = n;
	z->present |= MD_BIT(MEMDIAG_A_ZONE_SNAP_LOWMEM_RESERVE);
}

static int ilog2ll(unsigned long long v)
{
	int l = -1;

	while (v) {
		v >>= 1;
		l++;
	}
	return l;
}

static void sm_buddy(struct sm_ctx *c, const char *s, int node)
{
	struct md_showmem *m = c->m;
	const char *rest = skip_ws(s), *p;
	struct md_zone_snap *z;
	struct md_sm_zone *x;
	uint64_t blocks[MD_SM_ORDERS];
	int order = -1, last = -1;
	bool whole = false, bad = false, wrapped = false;
	size_t n;

	if (node_prefix(rest, &rest) < 0)
		rest = skip_ws(s);
	n = zone_name_len(rest);
	if (!n)
		return;
	p = skip_ws(rest + n + 1);
	if (!starts(p, "empty") && !isdigit((unsigned char)*p))
		return;		/* nothing of a buddy line: not one */
	z = sm_zone(c, rest, n, node, true);
	if (!z)
		return;
	x = &m->zx[z - m->zones];
	if (starts(p, "empty")) {
		free(z->free_blocks);
		z->free_blocks = NULL;
		z->nr_free_blocks = 0;
		x->have_buddy = true;
		z->present |= MD_BIT(MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS);
		return;
	}
	while (*(p = skip_ws(p))) {
		unsigned long long cnt, size;
		bool neg;
		const char *e;

		if (*p == '=') {
			whole = true;
			break;
		}
		if (*p == '(') {
			const char *q = p + 1;
			size_t k = 0;

			while (isupper((unsigned char)*q))
				q++;
			if (*q != ')' || last < 0) {
				bad = true;
				break;
			}
			k = q - p - 1;
			if (k >= sizeof(x->types[0]))
				k = sizeof(x->types[0]) - 1;
			memcpy(x->types[last], p + 1, k);
			x->types[last][k] = '\0';
			p = q + 1;
			continue;
		}
		e = sm_num(p, &cnt, &neg);
		if (!e || *e != '*' || neg) {
			bad = true;
			break;
		}
		e = sm_num(e + 1, &size, &neg);
		if (!e || neg || strncasecmp(e, "kB", 2) || !size ||
		    (size & (size - 1))) {
			bad = true;
			break;
		}
		p = e + 2;
		if (!c->got_page_kb) {
			m->page_kb = (long long)size;
			c->got_page_kb = true;
		}
		if ((long long)size < m->page_kb) {
			bad = true;
			break;
		}
		order = ilog2ll(size / (unsigned long long)m->page_kb);
		if (order != last + 1 || order >= MD_SM_ORDERS) {
			bad = true;
			break;
		}
		if (sm_wrapped(cnt)) {
			wrapped = true;
			cnt = UINT64_MAX;
		}
		blocks[order] = cnt;
		last = order;
	}
	free(z->free_blocks);
	z->free_blocks = NULL;
	z->nr_free_blocks = 0;
	if (last >= 0) {
		z->free_blocks = malloc((last + 1) * sizeof(*blocks));
		if (!z->free_blocks) {
			c->oom = 1;
			return;
		}
		memcpy(z->free_blocks, blocks, (last + 1) * sizeof(*blocks));
		z->nr_free_blocks = last + 1;
	}
	if (wrapped)
		sm_problem(c, "buddy counts of %s (node %d) are implausible (wrapped below zero): not used",
			   z->name, (int)z->node);
	else if (bad || !whole)
		sm_problem(c, "buddy line of %s (node %d) %s after order %d",
			   z->name, (int)z->node,
			   bad ? "garbled" : "cut off", last);
	if (!wrapped && !bad && whole && last >= 0) {
		x->have_buddy = true;
		z->present |= MD_BIT(MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS);
	}
}

static void sm_global(struct sm_ctx *c, const char *s)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
#define G(k, f) { k, offsetof(struct md_showmem, f) }
		G("active_anon", active_anon), G("inactive_anon", inactive_anon),
		G("isolated_anon", isolated_anon), G("active_file", active_file),
		G("inactive_file", inactive_file),
		G("isolated_file", isolated_file), G("unevictable", unevictable),
		G("dirty", dirty), G("writeback", writeback), G("shmem", shmem),
		G("mapped", mapped), G("slab_reclaimable", slab_reclaimable),
		G("slab_unreclaimable", slab_unreclaimable), G("slab", slab),
		G("pagetables", pagetables), G("free", free),
		G("free_pcp", free_pcp), G("free_cma", free_cma),
		G("bounce", bounce), G("sec_pagetables", sec_pagetables),
#undef G
	};
	size_t i;

	c->got_global = true;
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		long long v, *dst = (long long *)((char *)c->m + keys[i].off);
		int st = sm_kv(s, keys[i].key, ':', &v, NULL);

		if (st == V_OK)
			*dst = v;
		else if (st == V_BAD)
			sm_problem(c, "%s: is implausible or garbled", keys[i].key);
	}
}

static void sm_node(struct sm_ctx *c, const char *s)
{
	size_t i;

	for (i = 0; i < N_NR; i++) {
		long long v;
		bool kb;

		if (sm_kv(s, node_keys[i], ':', &v, &kb) == V_OK && kb) {
			if (c->node_kb[i] < 0)
				c->node_kb[i] = 0;
			c->node_kb[i] += v;
		}
	}
}

static void sm_huge(struct sm_ctx *c, const char *s)
{
	long long t, f, sz;
	size_t i;

	if (sm_kv(s, "hugepages_total", '=', &t, NULL) != V_OK ||
	    sm_kv(s, "hugepages_free", '=', &f, NULL) != V_OK ||
	    sm_kv(s, "hugepages_size", '=', &sz, NULL) != V_OK) {
		sm_problem(c, "a hugepages line cut off or garbled");
		return;
	}
	for (i = 0; i < c->nr_huge; i++)
		if (c->huge[i].size_kb == sz)
			break;
	if (i == c->nr_huge) {
		if (i == SM_MAX_HUGE)
			return;
		c->nr_huge++;
		c->huge[i].size_kb = sz;
		c->huge[i].total = c->huge[i].free = 0;
	}
	c->huge[i].total += t;
	c->huge[i].free += f;
}

static void sm_tail(struct sm_ctx *c, const char *raw)
{
	struct md_showmem *m = c->m;
	const char *s = skip_ws(raw), *e;
	unsigned long long u;
	bool neg;
	long long *dst = NULL;
	const char *what = NULL;

	if (starts(s, "Free swap") || starts(s, "Total swap")) {
		bool fr = s[0] == 'F';
		const char *p = strpbrk(s, "=:");

		dst = fr ? &m->swap_free_kb : &m->swap_total_kb;
		what = fr ? "Free swap" : "Total swap";
		e = p ? sm_num(skip_ws(p + 1), &u, &neg) : NULL;
		if (!e || strncasecmp(e, "kB", 2)) {
			sm_problem(c, "%s garbled", what);
			return;
		}
	} else {
		static const struct {
			const char *text;
			size_t off;
		} t[] = {
#define T(k, f) { k, offsetof(struct md_showmem, f) }
			T("total pagecache pages", pagecache_pages),
			T("pages in swap cache", swapcache_pages),
			T("pages swap cached", swapcache_pages),
			T("pages RAM", ram_pages), T("pages of RAM", ram_pages),
			T("pages HighMem", highmem_pages),
			T("pages of HIGHMEM", highmem_pages),
			T("pages reserved", reserved_pages),
			T("reserved pages", reserved_pages),
			T("pages cma reserved", cma_reserved_pages),
#undef T
		};
		size_t i;

		e = sm_num(s, &u, &neg);
		if (!e)
			return;
		e = skip_ws(e);
		for (i = 0; i < ARRAY_SIZE(t); i++)
			if (starts(e, t[i].text)) {
				dst = (long long *)((char *)m + t[i].off);
				what = t[i].text;
				break;
			}
		if (!dst)
			return;		/* "pages shared", "pages hwpoisoned" */
	}
	if (neg || sm_wrapped(u)) {
		sm_problem(c, "%s is implausible (%s%llu): not used", what,
			   neg ? "-" : "", u);
		return;
	}
	*dst = (long long)u;
}

static void sm_slab(struct sm_ctx *c, const char *raw)
{
	struct md_showmem *m = c->m;
	char name[64];
	long long used, total;
	size_t i, at;

	if (!slab_row(skip_ws(raw), name, sizeof(name), &used, &total))
		return;
	if (m->nr_slabs == SM_MAX_SLABS) {
		/* full: replace the smallest if this one is larger */
		at = 0;
		for (i = 1; i < m->nr_slabs; i++)
			if (m->slabs[i].used_kb < m->slabs[at].used_kb)
				at = i;
		if (m->slabs[at].used_kb >= used)
			return;
		free(m->slabs[at].name);
	} else {
		if (m->nr_slabs == c->slab_cap) {
			size_t cap = c->slab_cap ? 2 * c->slab_cap : 8;
			void *p = realloc(m->slabs, cap * sizeof(*m->slabs));

			if (!p) {
				c->oom = 1;
				return;
			}
			m->slabs = p;
			c->slab_cap = cap;
		}
		at = m->nr_slabs++;
	}
	m->slabs[at].name = strdup(name);
	if (!m->slabs[at].name)
		c->oom = 1;
	m->slabs[at].used_kb = used;
	m->slabs[at].total_kb = total;
}

static int slab_cmp(const void *a, const void *b)
{
	const struct md_slab_top *x = a, *y = b;

	return (x->used_kb < y->used_kb) - (x->used_kb > y->used_kb);
}

/* Read the logical line in c->buf. */
static void sm_flush(struct sm_ctx *c)
{
	if (!c->len) {
		c->cls = C_NONE;
		return;
	}
	c->buf[c->len] = '\0';
	switch (c->cls) {
	case C_KV:
		sm_global(c, c->buf);
		break;
	case C_NODE:
		sm_node(c, c->buf);
		break;
	case C_ZONE:
		sm_zone_line(c, c->buf, c->node);
		break;
	case C_LOWMEM:
		sm_lowmem(c, c->buf);
		break;
	case C_BUDDY:
		sm_buddy(c, c->buf, c->node);
		break;
	case C_HUGE:
		sm_huge(c, c->buf);
		break;
	case C_TAIL:
		sm_tail(c, c->buf);
		break;
	case C_SLABROW:
		sm_slab(c, c->buf);
		break;
	default:
		break;
	}
	c->len = 0;
	c->cls = C_NONE;
}

static bool sm_append(struct sm_ctx *c, const char *s, bool space)
{
	size_t n = strlen(s);

	if (c->len + n + 2 > SM_MAX_LINE)
		return false;
	if (c->len + n + 2 > c->cap) {
		size_t cap = (c->len + n + 2) * 2;
		char *p = realloc(c->buf, cap);

		if (!p) {
			c->oom = 1;
			return false;
		}
		c->buf = p;
		c->cap = cap;
	}
	if (space)
		c->buf[c->len++] = ' ';
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = '\0';
	return true;
}

/* After the last line: kB to pages, the page size, hugepages, the sums. */
static void sm_finish(struct sm_ctx *c)
{
	struct md_showmem *m = c->m;
	long long pk;
	size_t i;

	if (!c->got_page_kb && m->nr_zones) {
		/* no buddy line: the global free (pages) against the zones' kB */
		long long kb = 0;
		bool all = m->free > 0;

		for (i = 0; i < m->nr_zones && all; i++) {
			if (c->raw[i].free < 0)
				all = false;
			else
				kb += c->raw[i].free;
		}
		if (all && kb > 0) {
			long long r = (kb + m->free / 2) / m->free, p2;

			for (p2 = 4; p2 <= 256; p2 *= 2)
				if (r == p2 && kb / m->free <= p2 &&
				    (kb + m->free - 1) / m->free >= p2)
					break;
			if (p2 <= 256) {
				m->page_kb = p2;
				c->got_page_kb = true;
			}
		}
		if (!c->got_page_kb)
			sm_problem(c, "page size not printed: 4kB assumed");
	}
	pk = m->page_kb > 0 ? m->page_kb : 4;
	for (i = 0; i < m->nr_zones; i++) {
		struct md_zone_snap *z = &m->zones[i];
		struct sm_zraw *r = &c->raw[i];
		struct {
			long long kb;
			uint64_t *dst;
			int bit;
		} f[] = {
			{ r->free, &z->free, MEMDIAG_A_ZONE_SNAP_FREE },
			{ r->min, &z->min, MEMDIAG_A_ZONE_SNAP_MIN },
			{ r->low, &z->low, MEMDIAG_A_ZONE_SNAP_LOW },
			{ r->high, &z->high, MEMDIAG_A_ZONE_SNAP_HIGH },
			{ r->boost, &z->boost, MEMDIAG_A_ZONE_SNAP_BOOST },
			{ r->managed, &z->managed, MEMDIAG_A_ZONE_SNAP_MANAGED },
			{ r->highatomic, &z->highatomic,
			  MEMDIAG_A_ZONE_SNAP_HIGHATOMIC },
			{ r->free_cma, &z->free_cma,
			  MEMDIAG_A_ZONE_SNAP_FREE_CMA },
		};
		size_t k;

		for (k = 0; k < ARRAY_SIZE(f); k++) {
			if (f[k].kb < 0)
				continue;
			*f[k].dst = (uint64_t)(f[k].kb / pk);
			z->present |= MD_BIT(f[k].bit);
		}
		m->zx[i].present_pages = r->present >= 0 ? r->present / pk : -1;
		m->zx[i].free_cma = r->free_cma >= 0 ? r->free_cma / pk : -1;
		if (!MD_HAS(z->present, MEMDIAG_A_ZONE_SNAP_LOWMEM_RESERVE) &&
		    r->free >= 0)
			sm_problem(c, "no lowmem_reserve for %s (node %d)",
				   z->name, (int)z->node);
		if (!m->zx[i].have_buddy && r->free >= 0 &&
		    !(c->probs && strstr(c->probs, "buddy")))
			sm_problem(c, "no buddy line for %s (node %d)", z->name,
				   (int)z->node);
	}
	if (!m->nr_zones)
		sm_problem(c, "no zone line read");
	/* the global counters missing: the per-node lines' sums */
	if (!c->got_global) {
		long long *g[N_NR] = {
			&m->active_anon, &m->inactive_anon, &m->active_file,
			&m->inactive_file, &m->unevictable, &m->dirty,
			&m->writeback, &m->shmem, &m->mapped, &m->pagetables,
		};

		for (i = 0; i < N_NR; i++)
			if (c->node_kb[i] >= 0 && *g[i] < 0)
				*g[i] = c->node_kb[i] / pk;
	}
	if (c->nr_huge) {
		size_t best = 0;

		for (i = 1; i < c->nr_huge; i++)
			if (c->huge[i].total > c->huge[best].total)
				best = i;
		m->hugepages_total = c->huge[best].total;
		m->hugepages_free = c->huge[best].free;
		m->hugepage_kb = c->huge[best].size_kb;
	}
	if (m->nr_slabs)
		qsort(m->slabs, m->nr_slabs, sizeof(*m->slabs), slab_cmp);
}

static void sm_init(struct md_showmem *m)
{
	memset(m, 0, sizeof(*m));
	m->page_kb = 4;
	m->active_anon = m->inactive_anon = m->isolated_anon = -1;
	m->active_file = m->inactive_file = m->isolated_file = -1;
	m->unevictable = m->dirty = m->writeback = m->shmem = m->mapped = -1;
	m->slab_reclaimable = m->slab_unreclaimable = m->pagetables = -1;
	m->slab = -1;
	m->free = m->free_pcp = m->free_cma = m->bounce = -1;
	m->sec_pagetables = -1;
	m->pagecache_pages = m->swapcache_pages = -1;
	m->swap_free_kb = m->swap_total_kb = -1;
	m->ram_pages = m->reserved_pages = m->highmem_pages = -1;
	m->cma_reserved_pages = -1;
	m->hugepages_total = m->hugepages_free = m->hugepage_kb = -1;
}

int md_showmem_parse(const struct md_klog *log, size_t i,
		     struct md_showmem *m)
{
	struct sm_ctx c;
	const struct md_kline *ref;
	size_t j, k;
	int node;
	enum sm_class cls;

	sm_init(m);
	if (!log || i >= log->n || !log->lines)
		return -ENOENT;
	memset(&c, 0, sizeof(c));
	c.log = log;
	c.m = m;
	c.pfx_node = -1;
	c.zone_cur = -1;
	for (k = 0; k < N_NR; k++)
		c.node_kb[k] = -1;
	ref = &log->lines[i];
	cls = classify(&c, ref->text ? ref->text : "", &node);
	switch (cls) {
	case C_NONE: case C_STOP: case C_SWAPCACHE: case C_SLABCOLS:
	case C_SLABROW: case C_PROFHDR: case C_PROFROW: case C_LOWMEM:
		return -ENOENT;
	case C_SLABHDR:
		break;
	case C_KV:
		/* the global counters' first line, not any "x:1" line */
		if (!strstr(ref->text, "active_anon:") &&
		    !strstr(ref->text, "Active:") &&
		    !strstr(ref->text, "Active_anon:"))
			return -ENOENT;
		break;
	default:
		break;
	}
	m->first = m->last = i;
	for (j = i; j < log->n; j = md_klog_next(log, j, ref)) {
		const char *t = log->lines[j].text ? log->lines[j].text : "";
		bool glue;

		cls = classify(&c, t, &node);
		if (j != i && (cls == C_MEMINFO || cls == C_STOP))
			break;
		if (c.len && (cls == C_NONE || cls == C_KV) &&
		    sm_continues(&c, t, &glue)) {
			if (glue && c.buf[c.len - 1] == '=')
				c.len--;	/* quoted-printable soft break */
			if (!sm_append(&c, glue ? t : skip_ws(t),
				       !glue && c.len &&
				       is_tokc(c.buf[c.len - 1])))
				break;
			goto read;
		}
		if (c.cls == C_SWAPCACHE && cls == C_NONE &&
		    strspn(skip_ws(t), "0123456789,/+ adeltfinrc") ==
		    strlen(skip_ws(t)))
			goto read;	/* "Swap cache: ..." folded */
		if (cls == C_NONE && !*skip_ws(t))
			continue;	/* blank lines of a paste */
		if (cls == C_NONE || (cls == C_STOP && j == i)) {
			if (++c.foreign_run > SM_MAX_FOREIGN)
				break;
			continue;
		}
		sm_flush(&c);
		if (cls == C_NODEPFX) {
			c.pfx_node = node;
			goto read;
		}
		if (node < 0 && (cls == C_ZONE || cls == C_BUDDY ||
				 cls == C_PERCPU))
			node = c.pfx_node;
		c.pfx_node = -1;
		if (cls == C_SLABHDR)
			c.in_slab = true, c.in_prof = false;
		else if (cls == C_PROFHDR)
			c.in_prof = true, c.in_slab = false;
		else if (cls != C_SLABROW && cls != C_SLABCOLS &&
			 cls != C_PROFROW)
			c.in_slab = c.in_prof = false;
		c.cls = cls;
		c.node = node;
		if (!sm_append(&c, skip_ws(t), false))
			break;
read:
		if (c.foreign_run)
			c.foreign_total += c.foreign_run;
		c.foreign_run = 0;
		m->last = j;
		if (c.oom)
			break;
	}
	sm_flush(&c);
	if (c.foreign_total)
		sm_problem(&c, "%zu unrelated lines interleaved were skipped",
			   c.foreign_total);
	if (!c.oom)
		sm_finish(&c);
	free(c.buf);
	free(c.raw);
	m->problems = c.probs;
	if (c.oom) {
		md_showmem_free(m);
		return -ENOMEM;
	}
	return 0;
}

void md_showmem_free(struct md_showmem *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nr_zones; i++) {
		free(m->zones[i].name);
		free(m->zones[i].free_blocks);
		free(m->zones[i].lowmem_reserve);
	}
	free(m->zones);
	free(m->zx);
	for (i = 0; i < m->nr_slabs; i++)
		free(m->slabs[i].name);
	free(m->slabs);
	free(m->problems);
	m->zones = NULL;
	m->zx = NULL;
	m->slabs = NULL;
	m->problems = NULL;
	m->nr_zones = m->nr_slabs = 0;
}
