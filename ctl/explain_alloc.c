// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl explain - page allocation failures, page allocation stalls and
 * vmalloc failures read back from a kernel log (explain.h).
 *
 * The headers, every generation (mm/page_alloc.c, mm/vmalloc.c):
 *   2.5-2.6.3x  "%s: page allocation failure. order:%d, mode:0x%x"
 *   2.6.x-4.4   "%s: page allocation failure: order:%d, mode:0x%x"
 *               (a vmalloc failure: "vmalloc: allocation failure: %lu bytes"
 *               or "..., allocated %ld of %ld bytes" on a line of its own,
 *               then the page failure line, order 0)
 *   4.5-4.8     "...: order:%u, mode:%#x(%pGg)"
 *   4.9-4.11    "%s: " "%pV" ", mode:%#x(%pGg)" (three printks that other
 *               CPUs' lines may split), %pV "page allocation failure:
 *               order:%u", "page allocation stalls for %ums, order:%u"
 *               (4.9-4.14), "vmalloc: allocation failure: %lu bytes",
 *               "vmalloc: allocation failure, allocated %ld of %ld bytes"
 *   4.12-4.x    then ", nodemask=%*pbl" or "nodemask=(null)", and a line
 *               "%s cpuset=" NAME " mems_allowed=%*pbl" (KERN_CONT pieces)
 *   5.x-7.2     "%s: %pV, mode:%#x(%pGg), nodemask=%*pbl" then
 *               ",cpuset=%s,mems_allowed=%*pbl" on the same line; vmalloc:
 *               "vmalloc size %lu allocation failure: ..." (5.13),
 *               "vmalloc error: size %lu, ..." (5.14+: page order %u,
 *               failed to allocate pages / failed to map pages / failed to
 *               allocated page array size %lu / exceeds total pages /
 *               vm_struct allocation failed)
 *   vmap space  "vmap allocation for size %lu failed: use vmalloc=<size> to
 *               increase size" (to 6.x), "vmalloc_node_range for size %lu
 *               failed: Address range restricted to %#lx - %#lx" (6.x+)
 * Then dump_stack() (the "CPU: N PID: N Comm: X ... VERSION" line, the call
 * trace) and show_mem() ("Mem-Info:"), any of which may be missing, cut or
 * interleaved with other CPUs' lines. "warn_alloc: N callbacks suppressed"
 * before a header counts the reports the rate limit dropped.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/memdiag.h>

#include "explain.h"
#include "gfp.h"
#include "memdiagctl.h"
#include "output.h"
#include "showmem.h"
#include "zoneverdict.h"

#define XA_WALK		600	/* lines followed after a header at most */
#define XA_COMM_MAX	64	/* a task name longer than this is not one */
#define XA_ORDER_MAX	20	/* no kernel has had orders above this */

/* What a vmalloc failure says went wrong. */
enum xa_vstep {
	XV_NONE,
	XV_SIZE,	/* "vmalloc: allocation failure: N bytes": size or range */
	XV_PAGES,	/* its pages could not be allocated */
	XV_MAP,		/* its pages could not be mapped */
	XV_ARRAY,	/* the page array could not be allocated */
	XV_TOTAL,	/* larger than all RAM: the kernel's own check */
	XV_STRUCT,	/* no vm_struct / address range */
	XV_SPACE,	/* no free range in the vmalloc address space */
};

static const char *const xa_vstep_name[] = {
	[XV_NONE] = NULL,
	[XV_SIZE] = "size-or-range",
	[XV_PAGES] = "pages",
	[XV_MAP] = "map",
	[XV_ARRAY] = "page-array",
	[XV_TOTAL] = "exceeds-total-pages",
	[XV_STRUCT] = "vm-struct",
	[XV_SPACE] = "address-space",
};

enum xa_kind { XA_NONE = -1, XA_PAGE, XA_STALL, XA_VMALLOC };

/* A header line, read: pointers into the line's text. */
struct xa_head {
	int kind;
	const char *comm;
	size_t comm_len;
	bool dotted;		/* 2.5/2.6 "failure. order:" */
	long long order;	/* -1 not read */
	bool order_bad;		/* read but impossible */
	long long stall_ms;
	int vstep;
	long long vsize;	/* requested bytes, -1 */
	long long vdone;	/* bytes allocated when it failed, -1 */
	long long vpage_order;	/* "page order M", -1 */
	bool standalone;	/* a vmalloc line without ", mode:" */
	bool has_mode, mode_bad;
	uint64_t mode;
	const char *names;
	size_t names_len;
	bool names_open;	/* "(" without ")": cut or folded */
	const char *nodemask, *cpuset, *mems;
	size_t nodemask_len, cpuset_len, mems_len;
};

/* The event. */
struct md_xalloc {
	struct md_xev ev;		/* first: the common part */
	long long order;		/* -1 not read */
	bool order_bad;
	bool dotted;
	long long stall_ms;		/* -1 */
	/* vmalloc */
	int vstep;
	long long vsize, vdone, vpage_order, vmap_size;
	/* gfp */
	bool has_mode, mode_bad;
	uint64_t mode;
	char *names;			/* as printed, or NULL */
	bool gfp_done;
	struct md_gfp gfp;
	char *allows;
	char *nodemask, *cpuset, *mems;
	/* task */
	bool have_cpu;
	struct md_xcpu cpu;
	char *cpu_comm;			/* the CPU line's name when it differs */
	char *caller;
	bool caller_unsure;		/* other CPUs' lines interleaved */
	/* rate limits */
	long long suppressed;		/* "warn_alloc: N callbacks suppressed" */
	long long showmem_suppressed;	/* "warn_alloc_show_mem: N ..." */
	/* Mem-Info */
	bool mi_seen;			/* a Mem-Info line was found */
	bool have_sm;			/* and read */
	struct md_showmem sm;
	long long page_kb;		/* from the buddy lines, -1 */
	bool have_zv;
	struct md_zv zv;
};

/* ---- small helpers -------------------------------------------------------- */

/* Append "; " and a formatted piece to *@s. -ENOMEM. */
static int xa_addf(char **s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int xa_addf(char **s, const char *fmt, ...)
{
	char *piece, *n;
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&piece, fmt, ap);
	va_end(ap);
	if (r < 0)
		return -ENOMEM;
	if (!*s) {
		*s = piece;
		return 0;
	}
	n = md_strdupf("%s; %s", *s, piece);
	free(piece);
	if (!n)
		return -ENOMEM;
	free(*s);
	*s = n;
	return 0;
}

/* *@dst = a copy of @n bytes of @s, unless already set. -ENOMEM. */
static int xa_ndup(char **dst, const char *s, size_t n)
{
	if (*dst)
		return 0;
	*dst = strndup(s, n);
	return *dst ? 0 : -ENOMEM;
}

/* Skip blanks. */
static const char *xa_ws(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* An unsigned decimal at @p, saturated; -1 if none. *@end after it. */
static long long xa_num(const char *p, const char **end)
{
	long long v = 0;

	if (!isdigit((unsigned char)*p)) {
		*end = p;
		return -1;
	}
	for (; isdigit((unsigned char)*p); p++)
		v = v > (LLONG_MAX - 9) / 10 ? LLONG_MAX : v * 10 + (*p - '0');
	*end = p;
	return v;
}

/* "0x..." (or %#x's bare "0"): *@v, *@wide if more than 32 bits. */
static bool xa_hex(const char *p, const char **end, uint64_t *v, bool *wide)
{
	uint64_t x = 0;
	bool any = false;

	*wide = false;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; isxdigit((unsigned char)*p); p++) {
		unsigned int d = isdigit((unsigned char)*p) ? *p - '0' :
				 (tolower((unsigned char)*p) - 'a' + 10);

		if (x >> 60)
			*wide = true;
		else
			x = x << 4 | d;
		any = true;
	}
	*end = p;
	*v = x;
	if (x > UINT32_MAX)
		*wide = true;
	return any;
}

/* @s starts with @w after blanks: the rest, else NULL. */
static const char *xa_after(const char *s, const char *w)
{
	s = xa_ws(s);
	return strncmp(s, w, strlen(w)) ? NULL : s + strlen(w);
}

/* ---- the header ----------------------------------------------------------- */

static const char *const xa_markers[] = {
	"page allocation failure",
	"page allocation stalls for ",
	"page alloction stalls for ",	/* 4.9-rc's spelling */
	"vmalloc: allocation failure",
	"vmalloc error: size ",
	"vmalloc size ",
	"vmap allocation for size ",
	"vmalloc_node_range for size ",
};

/*
 * The first marker in @t that starts the line or follows ": " (the task's
 * name, which may hold spaces and colons, is everything before it).
 */
static const char *xa_find(const char *t, size_t *which)
{
	const char *best = NULL, *p;
	size_t k;

	for (k = 0; k < ARRAY_SIZE(xa_markers); k++) {
		for (p = strstr(t, xa_markers[k]); p;
		     p = strstr(p + 1, xa_markers[k])) {
			if (p == t || (p - t >= 2 && p[-1] == ' ' && p[-2] == ':'))
				break;
		}
		if (p && (!best || p < best)) {
			best = p;
			*which = k;
		}
	}
	return best;
}

/* ", mode:0x..(NAMES), nodemask=..,cpuset=..,mems_allowed=.." from @p. */
static void xa_mode(const char *p, struct xa_head *h)
{
	const char *q, *e;

	q = strstr(p, "mode:");
	if (!q)
		return;
	q += 5;
	h->has_mode = xa_hex(q, &e, &h->mode, &h->mode_bad);
	if (!h->has_mode)
		return;
	if (*e == '(') {
		const char *c = strchr(e + 1, ')');

		h->names = e + 1;
		if (c) {
			h->names_len = c - h->names;
			e = c + 1;
		} else {
			h->names_len = strlen(h->names);
			h->names_open = true;
			return;
		}
	}
	q = strstr(e, "nodemask=");
	if (q) {
		const char *c;

		q += 9;
		c = strstr(q, ",cpuset=");
		h->nodemask = q;
		h->nodemask_len = c ? (size_t)(c - q) : strcspn(q, " ");
	}
	q = strstr(e, "cpuset=");
	if (q) {
		const char *c;

		q += 7;
		c = strstr(q, ",mems_allowed=");
		if (!c)
			c = strstr(q, " mems_allowed=");
		h->cpuset = q;
		h->cpuset_len = c ? (size_t)(c - q) : strlen(q);
	}
	q = strstr(e, "mems_allowed=");
	if (q) {
		q += 13;
		h->mems = q;
		h->mems_len = strcspn(q, " ,");
	}
}

/* The vmalloc messages' details, from @p just after the marker @k. */
static void xa_vmalloc(const char *p, size_t k, struct xa_head *h)
{
	const char *q, *e;
	long long n;

	h->kind = XA_VMALLOC;
	switch (k) {
	case 3:	/* "vmalloc: allocation failure" */
		q = xa_after(p, ": ");
		if (q) {
			h->vstep = XV_SIZE;
			h->vsize = xa_num(q, &e);
			break;
		}
		q = xa_after(p, ", allocated ");
		if (q) {
			h->vstep = XV_PAGES;
			h->vdone = xa_num(q, &e);
			q = xa_after(e, "of ");
			if (q)
				h->vsize = xa_num(q, &e);
		}
		break;
	case 4:	/* "vmalloc error: size N, ..." */
	case 5:	/* "vmalloc size N allocation failure: ..." */
		n = xa_num(p, &e);
		if (n < 0 || (k == 5 && !xa_after(e, "allocation failure")))
			break;
		q = strstr(e, "page order ");
		if (q) {
			h->vstep = XV_PAGES;
			h->vpage_order = xa_num(q + 11, &e);
			h->vdone = n;
		} else if (strstr(e, "failed to allocate pages")) {
			h->vstep = XV_PAGES;
			h->vdone = n;
		} else if (strstr(e, "failed to map pages")) {
			h->vstep = XV_MAP;
			h->vsize = n;
		} else if (strstr(e, "page array size")) {
			h->vstep = XV_ARRAY;
			h->vsize = n;
		} else if (strstr(e, "exceeds total pages")) {
			h->vstep = XV_TOTAL;
			h->vsize = n;
		} else if (strstr(e, "vm_struct allocation failed")) {
			h->vstep = XV_STRUCT;
			h->vsize = n;
		} else {
			h->vsize = n;
		}
		break;
	case 6:	/* "vmap allocation for size N failed" */
	case 7:	/* "vmalloc_node_range for size N failed" */
		h->vstep = XV_SPACE;
		h->vsize = xa_num(p, &e);
		h->standalone = true;
		return;
	}
	if (strstr(p, "mode:"))
		xa_mode(p, h);
	else
		h->standalone = true;
}

/* Read @t as a header: 1 (and @h filled) or 0. */
static int xa_head(const char *t, struct xa_head *h)
{
	const char *p, *q, *e;
	size_t k = 0;

	memset(h, 0, sizeof(*h));
	h->kind = XA_NONE;
	h->order = h->stall_ms = h->vsize = h->vdone = h->vpage_order = -1;
	p = xa_find(t, &k);
	if (!p)
		return 0;
	if (p > t) {
		h->comm = t;
		h->comm_len = p - 2 - t;
	}
	q = p + strlen(xa_markers[k]);
	switch (k) {
	case 0:
		h->kind = XA_PAGE;
		if (*q == '.')
			h->dotted = true;
		else if (*q != ':')
			return 0;
		q = xa_after(q + 1, "order:");
		if (!q)
			return 0;
		break;
	case 1:
	case 2:
		h->kind = XA_STALL;
		h->stall_ms = xa_num(q, &e);
		if (h->stall_ms < 0 || strncmp(e, "ms", 2))
			return 0;
		q = strstr(e, "order:");
		if (!q)
			return 0;
		q += 6;
		break;
	default:
		xa_vmalloc(q, k, h);
		return 1;
	}
	if (*q == '-') {
		h->order_bad = true;
		q++;
	}
	h->order = xa_num(q, &e);
	if (h->order < 0)
		return 0;
	if (h->order > XA_ORDER_MAX)
		h->order_bad = true;
	xa_mode(e, h);
	return 1;
}

/* ---- the event ------------------------------------------------------------ */

static void xa_free(struct md_xev *e)
{
	struct md_xalloc *a = (struct md_xalloc *)e;

	free(a->names);
	if (a->gfp_done)
		md_gfp_free(&a->gfp);
	free(a->allows);
	free(a->nodemask);
	free(a->cpuset);
	free(a->mems);
	free(a->cpu_comm);
	free(a->caller);
	if (a->have_sm)
		md_showmem_free(&a->sm);
	if (a->have_zv)
		md_zv_free(&a->zv);
	md_xev_clear(e);
	free(a);
}

#define ZS_HAS(z, a) MD_HAS((z)->present, MEMDIAG_A_ZONE_SNAP_##a)

/* What the verdict used for zone @k, or NULL. */
static const struct md_zv_zone *xa_zvz(const struct md_xalloc *a, size_t k)
{
	size_t i;

	if (!a->have_zv)
		return NULL;
	for (i = 0; i < a->zv.nr_zones; i++)
		if (a->zv.zones[i].z == &a->sm.zones[k])
			return &a->zv.zones[i];
	return NULL;
}

/*
 * lowmem_reserve for this request, or -1: the verdict's own. Not need minus
 * the printed watermark: need holds the watermark after the __GFP_HIGH and
 * atomic cuts (6.12, order 10, __GFP_HIGH|__GFP_COMP: DMA's 908 came out
 * as 794, and DMA32's 0 as unknown).
 */
static long long xa_reserve(const struct md_xalloc *a, size_t k)
{
	const struct md_zv_zone *v = xa_zvz(a, k);

	return v ? v->reserve : -1;
}

static void xa_text_zone(const struct md_xalloc *a, size_t k, FILE *out)
{
	const struct md_zone_snap *z = &a->sm.zones[k];
	const struct md_sm_zone *x = a->sm.zx ? &a->sm.zx[k] : NULL;
	long long r = xa_reserve(a, k);
	size_t o;

	fprintf(out, "  ");
	if (ZS_HAS(z, NODE))
		fprintf(out, "Node %u ", z->node);
	fprintf(out, "%s:", z->name ? z->name : "?");
	if (ZS_HAS(z, FREE))
		fprintf(out, " free %" PRIu64 " pages,", z->free);
	else
		fprintf(out, " free not read,");
	if (ZS_HAS(z, MIN) && ZS_HAS(z, LOW) && ZS_HAS(z, HIGH))
		fprintf(out, " min %" PRIu64 " low %" PRIu64 " high %" PRIu64,
			z->min, z->low, z->high);
	else
		fprintf(out, " watermarks not read");
	if (r >= 0)
		fprintf(out, ", reserve for this request %lld", r);
	/* Part of free that only movable requests may take (ALLOC_CMA). */
	if (ZS_HAS(z, FREE_CMA))
		fprintf(out, ", free CMA %" PRIu64, z->free_cma);
	if (z->nr_free_blocks) {
		fprintf(out, ", free blocks");
		for (o = 0; o < z->nr_free_blocks; o++)
			fprintf(out, " %" PRIu64, z->free_blocks[o]);
		if (x) {
			bool any = false;

			for (o = 0; o < z->nr_free_blocks && o < MD_SM_ORDERS; o++) {
				if (!x->types[o][0])
					continue;
				fprintf(out, "%s%zu:%.8s", any ? " " : " (types by order ",
					o, x->types[o]);
				any = true;
			}
			if (any)
				fputc(')', out);
		}
		if (x && !x->have_buddy)
			fprintf(out, " (buddy line cut)");
	} else {
		fprintf(out, ", free blocks not read");
	}
	fputc('\n', out);
}

static int xa_text(const struct md_xev *e, FILE *out, bool exact)
{
	const struct md_xalloc *a = (const struct md_xalloc *)e;
	size_t k;

	(void)exact;
	if (a->has_mode || a->names) {
		fprintf(out, "  gfp:");
		if (a->has_mode && !a->mode_bad)
			fprintf(out, " %#" PRIx64, a->mode);
		else if (a->has_mode)
			fprintf(out, " %#" PRIx64 "... (wider than a gfp mask: not read)",
				a->mode);
		if (a->gfp_done && a->gfp.names)
			fprintf(out, " %s", a->gfp.names);
		else if (a->names)
			fprintf(out, " (%s)", a->names);
		switch (a->gfp_done ? a->gfp.source : MD_GFP_UNKNOWN) {
		case MD_GFP_PRINTED:
			fprintf(out, " (names printed by the kernel)");
			break;
		case MD_GFP_TABLE:
			fprintf(out, " (from the bit table of %s)",
				a->gfp.table ? a->gfp.table : "?");
			break;
		case MD_GFP_AMBIGUOUS:
			fprintf(out, " (hex only, several tables fit: %s)",
				a->gfp.readings ? a->gfp.readings : "?");
			break;
		default:
			fprintf(out, " (not decoded: no names printed, no table for this kernel)");
		}
		fputc('\n', out);
	}
	if (a->allows)
		fprintf(out, "  allows: %s\n", a->allows);
	if (a->nodemask || a->cpuset || a->mems)
		fprintf(out, "  nodemask %s, cpuset %s, mems_allowed %s\n",
			a->nodemask ? a->nodemask : "not printed",
			a->cpuset ? a->cpuset : "not printed",
			a->mems ? a->mems : "not printed");
	if (a->have_cpu) {
		fprintf(out, "  task: pid %lld", a->cpu.pid);
		if (a->cpu.cpu >= 0)
			fprintf(out, " on CPU %d", a->cpu.cpu);
		if (a->cpu_comm)
			fprintf(out, " (its dump_stack line names it '%s')",
				a->cpu_comm);
		fputc('\n', out);
	}
	if (a->caller)
		fprintf(out, "  caller: %s%s\n", a->caller, a->caller_unsure ?
			" (uncertain: other CPUs' lines are interleaved with the trace)" :
			"");
	if (a->stall_ms >= 0)
		fprintf(out, "  stalled: %lld ms in the allocator's slow path\n",
			a->stall_ms);
	if (a->ev.kind[0] == 'v') {
		if (a->vsize >= 0)
			fprintf(out, "  vmalloc size: %lld bytes\n", a->vsize);
		if (a->vdone >= 0)
			fprintf(out, "  allocated before it failed: %lld bytes\n",
				a->vdone);
		if (a->vpage_order >= 0)
			fprintf(out, "  vmalloc page order: %lld\n", a->vpage_order);
		if (a->vmap_size >= 0)
			fprintf(out, "  vmalloc address space: no free range of %lld bytes\n",
				a->vmap_size);
	}
	if (a->suppressed > 0)
		fprintf(out, "  rate limit: %lld earlier reports were suppressed\n",
			a->suppressed);
	if (a->showmem_suppressed > 0)
		fprintf(out, "  rate limit: the Mem-Info of %lld reports was suppressed\n",
			a->showmem_suppressed);
	if (!a->have_sm)
		return 0;
	for (k = 0; k < a->sm.nr_zones; k++)
		xa_text_zone(a, k, out);
	{
		const char *sep = "  memory: ";

		/* only what was read, separated by commas */
		if (a->sm.free >= 0) {
			fprintf(out, "%sfree %lld pages", sep, a->sm.free);
			sep = ", ";
		}
		if (a->sm.pagecache_pages >= 0) {
			fprintf(out, "%spagecache %lld pages", sep,
				a->sm.pagecache_pages);
			sep = ", ";
		}
		if (a->sm.swap_free_kb >= 0 && a->sm.swap_total_kb >= 0) {
			fprintf(out, "%sswap free %lld of %lld kB", sep,
				a->sm.swap_free_kb, a->sm.swap_total_kb);
			sep = ", ";
		}
		if (a->sm.ram_pages >= 0) {
			fprintf(out, "%sRAM %lld pages", sep, a->sm.ram_pages);
			sep = ", ";
		}
		if (strcmp(sep, "  memory: "))
			fputc('\n', out);
	}
	return 0;
}

static void xa_jnum(struct md_json *j, const char *key, long long v)
{
	if (v >= 0)
		md_json_u64(j, key, (uint64_t)v);
	else
		md_json_null(j, key);
}

static void xa_jtri(struct md_json *j, const char *key, enum md_tri t)
{
	if (t == MD_UNSURE)
		md_json_null(j, key);
	else
		md_json_bool(j, key, t == MD_YES);
}

static const char *const xa_gfp_source[] = {
	[MD_GFP_UNKNOWN] = "unknown", [MD_GFP_PRINTED] = "printed",
	[MD_GFP_TABLE] = "table", [MD_GFP_AMBIGUOUS] = "ambiguous",
};

static void xa_json_allows(struct md_json *j, const struct md_gfp *g)
{
	md_json_obj_begin(j, "allows");
	md_json_str(j, "zone", g->zone == MD_GZ_UNKNOWN ? NULL :
		    md_gfp_zone_name(g->zone));
	xa_jtri(j, "direct-reclaim", g->direct_reclaim);
	xa_jtri(j, "kswapd-reclaim", g->kswapd_reclaim);
	xa_jtri(j, "io", g->io);
	xa_jtri(j, "fs", g->fs);
	xa_jtri(j, "high", g->high);
	xa_jtri(j, "atomic", g->atomic);
	xa_jtri(j, "memalloc", g->memalloc);
	xa_jtri(j, "nomemalloc", g->nomemalloc);
	xa_jtri(j, "nowarn", g->nowarn);
	xa_jtri(j, "noretry", g->noretry);
	xa_jtri(j, "retry-mayfail", g->retry_mayfail);
	xa_jtri(j, "nofail", g->nofail);
	xa_jtri(j, "comp", g->comp);
	xa_jtri(j, "movable", g->movable);
	xa_jtri(j, "reclaimable", g->reclaimable);
	xa_jtri(j, "thisnode", g->thisnode);
	xa_jtri(j, "hardwall", g->hardwall);
	xa_jtri(j, "account", g->account);
	md_json_obj_end(j);
}

static void xa_json_zone(struct md_json *j, const struct md_xalloc *a, size_t k)
{
	const struct md_zone_snap *z = &a->sm.zones[k];
	const struct md_sm_zone *x = a->sm.zx ? &a->sm.zx[k] : NULL;
	size_t o;

	md_json_obj_begin(j, NULL);
	xa_jnum(j, "node", ZS_HAS(z, NODE) ? (long long)z->node : -1);
	md_json_str(j, "zone", z->name);
	xa_jnum(j, "free", ZS_HAS(z, FREE) ? (long long)z->free : -1);
	xa_jnum(j, "min", ZS_HAS(z, MIN) ? (long long)z->min : -1);
	xa_jnum(j, "low", ZS_HAS(z, LOW) ? (long long)z->low : -1);
	xa_jnum(j, "high", ZS_HAS(z, HIGH) ? (long long)z->high : -1);
	xa_jnum(j, "boost", ZS_HAS(z, BOOST) ? (long long)z->boost : -1);
	xa_jnum(j, "managed", ZS_HAS(z, MANAGED) ? (long long)z->managed : -1);
	xa_jnum(j, "lowmem-reserve", xa_reserve(a, k));
	xa_jnum(j, "free-cma", ZS_HAS(z, FREE_CMA) && z->free_cma <= LLONG_MAX ?
		(long long)z->free_cma : -1);
	if (z->nr_free_blocks)
		md_json_u64_list(j, "free-blocks", z->free_blocks,
				 z->nr_free_blocks);
	else
		md_json_null(j, "free-blocks");
	if (x && z->nr_free_blocks) {
		md_json_arr_begin(j, "types");
		for (o = 0; o < z->nr_free_blocks && o < MD_SM_ORDERS; o++) {
			char t[9];

			memcpy(t, x->types[o], 8);
			t[8] = '\0';
			md_json_str(j, NULL, t);
		}
		md_json_arr_end(j);
	} else {
		md_json_null(j, "types");
	}
	md_json_obj_end(j);
}

static void xa_json(const struct md_xev *e, struct md_json *j)
{
	const struct md_xalloc *a = (const struct md_xalloc *)e;
	const struct md_gfp *g = a->gfp_done ? &a->gfp : NULL;
	size_t k;

	xa_jnum(j, "order", a->order_bad ? -1 : a->order);
	if (a->ev.kind[0] == 'v')
		xa_jnum(j, "size-bytes", a->vsize);
	else if (a->order >= 0 && !a->order_bad && a->page_kb > 0)
		md_json_u64(j, "size-bytes", (uint64_t)a->page_kb * 1024 << a->order);
	else
		md_json_null(j, "size-bytes");
	xa_jnum(j, "page-kb", a->page_kb);
	xa_jnum(j, "gfp-mask", a->has_mode && !a->mode_bad ?
		(long long)a->mode : -1);
	md_json_str(j, "gfp-names", g && g->names ? g->names : a->names);
	md_json_str(j, "gfp-source", xa_gfp_source[g ? g->source : MD_GFP_UNKNOWN]);
	md_json_str(j, "gfp-table", g ? g->table : NULL);
	md_json_str(j, "gfp-readings", g ? g->readings : NULL);
	if (g)
		xa_json_allows(j, g);
	else
		md_json_null(j, "allows");
	md_json_str(j, "nodemask", a->nodemask);
	md_json_str(j, "cpuset", a->cpuset);
	md_json_str(j, "mems-allowed", a->mems);
	md_json_str(j, "caller", a->caller);
	md_json_bool(j, "caller-certain", a->caller && !a->caller_unsure);
	xa_jnum(j, "stall-ms", a->stall_ms);
	xa_jnum(j, "suppressed", a->suppressed);
	xa_jnum(j, "showmem-suppressed", a->showmem_suppressed);
	md_json_str(j, "vmalloc-step", xa_vstep_name[a->vstep]);
	xa_jnum(j, "vmalloc-allocated", a->vdone);
	xa_jnum(j, "vmalloc-page-order", a->vpage_order);
	xa_jnum(j, "vmap-failed-size", a->vmap_size);
	if (!a->have_sm) {
		md_json_null(j, "zones");
		md_json_null(j, "meminfo");
	} else {
		md_json_arr_begin(j, "zones");
		for (k = 0; k < a->sm.nr_zones; k++)
			xa_json_zone(j, a, k);
		md_json_arr_end(j);
		md_json_obj_begin(j, "meminfo");
		xa_jnum(j, "free", a->sm.free);
		xa_jnum(j, "pagecache", a->sm.pagecache_pages);
		xa_jnum(j, "swap-free-kb", a->sm.swap_free_kb);
		xa_jnum(j, "swap-total-kb", a->sm.swap_total_kb);
		xa_jnum(j, "ram-pages", a->sm.ram_pages);
		md_json_obj_end(j);
	}
	if (!a->have_zv) {
		md_json_null(j, "verdict-zones");
		return;
	}
	md_json_arr_begin(j, "verdict-zones");
	for (k = 0; k < a->zv.nr_zones; k++) {
		const struct md_zv_zone *v = &a->zv.zones[k];

		md_json_obj_begin(j, NULL);
		xa_jnum(j, "node", v->z && ZS_HAS(v->z, NODE) ? (long long)v->z->node : -1);
		md_json_str(j, "zone", v->z ? v->z->name : NULL);
		md_json_bool(j, "usable", v->usable);
		md_json_str(j, "mark", v->mark == 0 ? "min" : v->mark == 1 ? "low" :
			    v->mark == 2 ? "high" : NULL);
		xa_jnum(j, "need", v->need);
		if (v->largest_order == -2) {
			md_json_null(j, "largest-order");
		} else {
			char num[16];

			snprintf(num, sizeof(num), "%d", v->largest_order);
			md_json_number(j, "largest-order", num);
		}
		md_json_bool(j, "passes", v->passes);
		md_json_obj_end(j);
	}
	md_json_arr_end(j);
}

static const struct md_xev_ops xa_ops = {
	.text = xa_text,
	.json = xa_json,
	.free = xa_free,
};

/* ---- reading a report ----------------------------------------------------- */

/* @j may continue the stream of @ref (same file, host, caller id). */
static bool xa_same(const struct md_kline *ref, const struct md_kline *k)
{
	if (k->file != ref->file)
		return false;
	if (!k->host != !ref->host || (k->host && strcmp(k->host, ref->host)))
		return false;
	return !k->caller || !ref->caller ||
	       (k->caller == ref->caller && k->caller_id == ref->caller_id);
}

/* The line up to @back lines before @i of @i's stream holding @what. */
static bool xa_back(const struct md_klog *log, size_t i, size_t back,
		    size_t *at, int (*match)(const char *, void *), void *arg)
{
	size_t j;

	for (j = i; j > 0 && i - j < back; j--) {
		if (!xa_same(&log->lines[i], &log->lines[j - 1]))
			continue;
		if (match(log->lines[j - 1].text, arg)) {
			*at = j - 1;
			return true;
		}
	}
	return false;
}

/* "warn_alloc: 3 callbacks suppressed" and its kin: N, else -1. */
static long long xa_suppressed(const char *t, const char *func)
{
	const char *p = xa_after(t, func), *e;
	long long n;

	if (!p || *p != ':')
		return -1;
	n = xa_num(xa_ws(p + 1), &e);
	return n >= 0 && !strncmp(e, " callbacks suppressed", 21) ? n : -1;
}

static int xa_m_suppressed(const char *t, void *arg)
{
	long long n = xa_suppressed(t, "warn_alloc");

	if (n < 0)
		n = xa_suppressed(t, "warn_alloc_failed");
	if (n < 0)
		return 0;
	*(long long *)arg = n;
	return 1;
}

/* A vmalloc line of its own (4.4 and older, vmap space) before a header. */
static int xa_m_vline(const char *t, void *arg)
{
	struct xa_head *h = arg;

	return xa_head(t, h) && h->kind == XA_VMALLOC && h->standalone;
}

/*
 * A standalone vmalloc line whose report follows: 4.4's "vmalloc:
 * allocation failure: N bytes" before its "page allocation failure:
 * order:0" line, a vmap space line before its vmalloc report. That header
 * reads it (looking back), so this line starts no event.
 */
static bool xa_deferred(const struct md_klog *log, size_t i,
			const struct xa_head *h)
{
	const struct md_kline *ref = &log->lines[i];
	struct xa_head n;
	size_t j, k;

	for (j = md_klog_next(log, i, ref), k = 0; j < log->n && k < 4;
	     j = md_klog_next(log, j, ref), k++) {
		if (!xa_head(log->lines[j].text, &n))
			continue;
		if (n.kind == XA_PAGE && n.order == 0 && h->vstep != XV_SPACE)
			return true;
		if (n.kind == XA_VMALLOC && h->vstep == XV_SPACE &&
		    (!n.standalone || n.vstep != XV_SPACE))
			return true;
		return false;
	}
	return false;
}

static bool xa_frame_like(const char *t)
{
	return strstr(t, "+0x") || t[0] == '?' || t[0] == '[' || t[0] == '<';
}

/* The names of the header's task and a CPU line's: the same task? */
static bool xa_comm_eq(const char *a, const char *b)
{
	size_t n = strlen(b);

	/* dump_stack()'s copy may be cut at md_xcpu.comm's size */
	return n && !strncmp(a, b, n) && (!a[n] || n >= 63);
}

/* The old "COMM cpuset=NAME mems_allowed=X" line (or its pieces). */
static void xa_cpuset_piece(struct md_xalloc *a, const char *p, int *state)
{
	const char *m = strstr(p, "mems_allowed=");
	size_t n = m ? (size_t)(m - p) : strlen(p);

	while (n && (p[n - 1] == ' ' || p[n - 1] == ','))
		n--;
	if (n && !a->cpuset) {
		a->cpuset = strndup(p, n);
		*state = 2;
	} else if (!n) {
		*state = 1;
	}
	if (m && !a->mems) {
		m += 13;
		a->mems = strndup(m, strcspn(m, " ,"));
	}
}

static bool xa_meminfo_start(const char *t)
{
	return !strncmp(t, "Mem-Info", 8) || !strncmp(t, "Mem-info", 8);
}

/* Human size of @kb KiB. */
static void xa_kib(char *buf, size_t size, unsigned long long kb)
{
	if (kb >= 1024 * 1024 && !(kb % (1024 * 1024)))
		snprintf(buf, size, "%llu GiB", kb / (1024 * 1024));
	else if (kb >= 1024 && !(kb % 1024))
		snprintf(buf, size, "%llu MiB", kb / 1024);
	else
		snprintf(buf, size, "%llu KiB", kb);
}

/* Bytes of RAM from Mem-Info: "N pages RAM", else the zones' managed. */
static long long xa_ram_bytes(const struct md_xalloc *a)
{
	unsigned long long sum = 0;
	size_t k;

	if (!a->have_sm || a->page_kb <= 0)
		return -1;
	if (a->sm.ram_pages > 0)
		return a->sm.ram_pages > LLONG_MAX / 1024 / a->page_kb ? LLONG_MAX :
		       a->sm.ram_pages * a->page_kb * 1024;
	if (!a->sm.nr_zones)
		return -1;
	for (k = 0; k < a->sm.nr_zones; k++) {
		if (!ZS_HAS(&a->sm.zones[k], MANAGED))
			return -1;
		sum += a->sm.zones[k].managed;
	}
	return sum > (unsigned long long)LLONG_MAX / 1024 / a->page_kb ?
	       LLONG_MAX : (long long)(sum * a->page_kb * 1024);
}

/* The zone verdict for a page allocation of @order. 0 or -ENOMEM. */
static int xa_zones(struct md_xalloc *a, unsigned int order)
{
	const char *nm = a->nodemask && strcmp(a->nodemask, "(null)") ?
			 a->nodemask : NULL;
	struct md_zv_req req = {
		.order = order, .gfp = &a->gfp, .high_zone = -1,
		.nodemask = nm, .mems_allowed = a->mems,
		.preferred_node = -1,
		/* the kernel's rules, and CMA and migratetype letters per zone */
		.kver = a->ev.kver, .zx = a->sm.zx,
	};
	int r;

	r = md_zone_verdict(&req, a->sm.zones, a->sm.nr_zones, &a->zv);
	if (r)
		return r;
	a->have_zv = true;
	return 0;
}

static int xa_set(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? strdup(s) : NULL;
	return s && !*dst ? -ENOMEM : 0;
}

/* Why there is no Mem-Info to decide from. */
static int xa_no_meminfo(struct md_xalloc *a, size_t stop,
			 const struct md_klog *log, size_t mi)
{
	if (mi < log->n)
		return xa_addf(&a->ev.why, "the Mem-Info at line %lu could not be read",
			       log->lines[mi].lineno);
	if (stop < log->n)
		return xa_addf(&a->ev.why,
			       "Mem-Info was not in the log: another report began at line %lu before it",
			       log->lines[stop].lineno);
	return xa_addf(&a->ev.why,
		       "Mem-Info was not in the log (cut after the report's start, or suppressed: the kernel prints it at most once a second)");
}

static int xa_verdict_vmalloc(struct md_xalloc *a)
{
	long long ram = xa_ram_bytes(a);
	const char *who = a->caller ? a->caller : "the caller";

	if (a->vstep == XV_TOTAL || (a->vsize >= 0 && ram > 0 && a->vsize > ram)) {
		xa_set(&a->ev.verdict, "larger than all memory");
		if (ram > 0)
			xa_addf(&a->ev.why, "%lld bytes asked, the machine has %lld bytes of RAM%s",
				a->vsize, ram, a->sm.ram_pages > 0 ? " (pages RAM)" :
				" (the zones' managed pages)");
		else
			xa_addf(&a->ev.why, "the kernel refused %lld bytes: more pages than all RAM (its own check, \"exceeds total pages\")",
				a->vsize);
		return xa_addf(&a->ev.advice,
			       "no setting makes this fit: the size comes from %s (a bug, or a size taken from user input); neither drop_caches nor swap helps",
			       who);
	}
	if (a->vstep == XV_SPACE || a->vmap_size >= 0) {
		xa_set(&a->ev.verdict, "vmalloc space exhausted");
		xa_addf(&a->ev.why, "no free range of %lld bytes in the vmalloc address space: address space, not memory",
			a->vmap_size >= 0 ? a->vmap_size : a->vsize);
		return xa_addf(&a->ev.advice,
			       "look for a leak of vmalloc areas in /proc/vmallocinfo; on 32-bit, boot with a larger vmalloc=; freeing memory does not help");
	}
	if ((a->vstep == XV_SIZE || a->vstep == XV_STRUCT) && a->vsize >= 0 && ram > 0) {
		xa_set(&a->ev.verdict, "vmalloc space exhausted");
		xa_addf(&a->ev.why, "%lld bytes fit in RAM (%lld bytes), so the vmalloc address range (or its vm_struct) could not be had",
			a->vsize, ram);
		return xa_addf(&a->ev.advice,
			       "look for a leak of vmalloc areas in /proc/vmallocinfo; on 32-bit, boot with a larger vmalloc=");
	}
	if ((a->vstep == XV_PAGES || a->vstep == XV_MAP) && a->have_sm) {
		int r = xa_zones(a, a->vpage_order >= 0 && a->vpage_order <= XA_ORDER_MAX ?
				 (unsigned int)a->vpage_order : 0);

		if (r)
			return r;
		xa_set(&a->ev.verdict, a->zv.name);
		if (a->zv.why)
			xa_addf(&a->ev.why, "its %s pages: %s",
				a->vpage_order > 0 ? "large" : "order-0", a->zv.why);
		return a->zv.advice ? xa_set(&a->ev.advice, a->zv.advice) : 0;
	}
	xa_set(&a->ev.verdict, "unknown");
	if (!a->have_sm)
		return xa_addf(&a->ev.why, a->mi_seen ?
			       "its Mem-Info could not be read: the size cannot be set against memory" :
			       "Mem-Info was not in the log: the size cannot be set against memory");
	if (a->vsize < 0)
		return xa_addf(&a->ev.why, "the size asked was not printed");
	return xa_addf(&a->ev.why, "RAM was not read from Mem-Info");
}

static int xa_verdict_page(struct md_xalloc *a, size_t stop,
			   const struct md_klog *log, size_t mi)
{
	int r;

	if (a->order_bad) {
		xa_set(&a->ev.verdict, "unknown");
		return xa_addf(&a->ev.why, "order %s%lld is not a possible allocation order (garbled line?)",
			       a->order == LLONG_MAX ? ">" : "", a->order);
	}
	if (!a->have_sm) {
		xa_set(&a->ev.verdict, a->stall_ms >= 0 ? "stall" : "unknown");
		if (a->stall_ms >= 0)
			xa_addf(&a->ev.why, "the allocation waited %lld ms in reclaim/compaction (it had not failed yet)",
				a->stall_ms);
		return xa_no_meminfo(a, stop, log, mi);
	}
	r = xa_zones(a, (unsigned int)a->order);
	if (r)
		return r;
	if (a->stall_ms >= 0) {
		xa_set(&a->ev.verdict, "stall");
		xa_addf(&a->ev.why, "the allocation waited %lld ms in reclaim/compaction (it had not failed yet)",
			a->stall_ms);
		if (a->zv.kind != MD_ZV_UNKNOWN && a->zv.why)
			xa_addf(&a->ev.why, "the zones then: %s: %s", a->zv.name, a->zv.why);
		else if (a->zv.why)
			xa_addf(&a->ev.why, "the zones then: %s", a->zv.why);
	} else {
		xa_set(&a->ev.verdict, a->zv.name ? a->zv.name : "unknown");
		if (a->zv.why)
			xa_set(&a->ev.why, a->zv.why);
	}
	if (a->zv.advice)
		xa_set(&a->ev.advice, a->zv.advice);
	return 0;
}

/* The one-line summary. */
static char *xa_what(const struct md_xalloc *a)
{
	const char *comm = a->ev.comm ? a->ev.comm : "an unnamed task";
	const char *names = a->gfp_done && a->gfp.names ? a->gfp.names : a->names;
	char size[48] = "", mode[160], step[64] = "", *s;

	if (names)
		snprintf(mode, sizeof(mode), "%s", names);
	else if (a->has_mode && !a->mode_bad)
		snprintf(mode, sizeof(mode), "mode %#" PRIx64, a->mode);
	else
		snprintf(mode, sizeof(mode), "mode not read");
	if (a->ev.kind[0] == 'v') {
		switch (a->vstep) {
		case XV_PAGES:
			snprintf(step, sizeof(step), " (order-%lld pages)",
				 a->vpage_order >= 0 ? a->vpage_order : 0);
			break;
		case XV_MAP:
			snprintf(step, sizeof(step), " (mapping its pages)");
			break;
		case XV_ARRAY:
			snprintf(step, sizeof(step), " (its page array)");
			break;
		case XV_TOTAL:
			snprintf(step, sizeof(step), " (more than all RAM)");
			break;
		case XV_SPACE:
			snprintf(step, sizeof(step), " (vmalloc address space)");
			break;
		case XV_STRUCT:
		case XV_SIZE:
			snprintf(step, sizeof(step), " (size or address range)");
			break;
		}
		if (a->vsize >= 0)
			s = md_strdupf("vmalloc of %lld bytes failed in %s%s", a->vsize,
				       comm, step);
		else if (a->vdone >= 0)
			s = md_strdupf("vmalloc failed in %s after %lld bytes%s", comm,
				       a->vdone, step);
		else
			s = md_strdupf("vmalloc failed in %s%s", comm, step);
		return s;
	}
	if (a->order >= 0 && !a->order_bad && a->page_kb > 0) {
		size[0] = ' ';
		size[1] = '(';
		xa_kib(size + 2, sizeof(size) - 4,
		       (unsigned long long)a->page_kb << a->order);
		strcat(size, ")");
	}
	if (a->stall_ms >= 0)
		return md_strdupf("order-%s%lld%s %s allocation stalled %lld ms in %s%s%s",
				  a->order_bad ? "?" : "", a->order, size, mode,
				  a->stall_ms, comm, a->caller ? ", caller " : "",
				  a->caller ? a->caller : "");
	return md_strdupf("order-%s%lld%s %s failure in %s%s%s",
			  a->order_bad ? "?" : "", a->order, size, mode, comm,
			  a->caller ? ", caller " : "", a->caller ? a->caller : "");
}

/* Copy what the header says into @a. -ENOMEM. */
static int xa_take_head(struct md_xalloc *a, const struct xa_head *h)
{
	if (h->comm_len) {
		size_t n = h->comm_len > XA_COMM_MAX ? XA_COMM_MAX : h->comm_len;

		a->ev.comm = strndup(h->comm, n);
		if (!a->ev.comm)
			return -ENOMEM;
		if (h->comm_len > XA_COMM_MAX &&
		    xa_addf(&a->ev.unread, "the text before the message is %zu characters long: not a task name (kept cut to %d)",
			    h->comm_len, XA_COMM_MAX))
			return -ENOMEM;
	}
	a->order = h->order;
	a->order_bad = h->order_bad;
	a->dotted = h->dotted;
	a->stall_ms = h->stall_ms;
	if (h->kind == XA_VMALLOC) {
		a->vstep = h->vstep;
		if (h->vsize >= 0)
			a->vsize = h->vsize;
		if (h->vdone >= 0)
			a->vdone = h->vdone;
		if (h->vpage_order >= 0)
			a->vpage_order = h->vpage_order;
	}
	if (h->has_mode) {
		a->has_mode = true;
		a->mode_bad = h->mode_bad;
		a->mode = h->mode;
	}
	if (h->names && h->names_len && xa_ndup(&a->names, h->names, h->names_len))
		return -ENOMEM;
	if (h->nodemask && xa_ndup(&a->nodemask, h->nodemask, h->nodemask_len))
		return -ENOMEM;
	if (h->cpuset && xa_ndup(&a->cpuset, h->cpuset, h->cpuset_len))
		return -ENOMEM;
	if (h->mems && xa_ndup(&a->mems, h->mems, h->mems_len))
		return -ENOMEM;
	return 0;
}

/* The body: cpuset lines, dump_stack, the trace, Mem-Info. -ENOMEM. */
static int xa_body(struct md_xalloc *a, const struct md_klog *log, size_t i,
		   size_t skip, size_t *stop, size_t *mi)
{
	const struct md_kline *ref = &log->lines[i];
	size_t j, n, cpu_idx = log->n, cpu_n = 0;
	bool foreign = false;
	int cs = 0, r;
	struct xa_head h;

	*stop = log->n;
	*mi = log->n;
	for (j = md_klog_next(log, i, ref), n = 1; j < log->n && n < XA_WALK;
	     j = md_klog_next(log, j, ref), n++) {
		const char *t = log->lines[j].text, *tw = xa_ws(t);
		struct md_xcpu c;
		long long sup;

		if (j == skip)
			continue;
		if (xa_head(t, &h) || strstr(t, "invoked oom-killer")) {
			*stop = j;
			break;
		}
		if (!a->have_cpu) {
			size_t cl = a->ev.comm ? strlen(a->ev.comm) : 0;

			if (cl && !strncmp(tw, a->ev.comm, cl) &&
			    !strncmp(tw + cl, " cpuset=", 8)) {
				xa_cpuset_piece(a, tw + cl + 8, &cs);
				a->ev.last = j;
				continue;
			}
			if (!strncmp(tw, ",cpuset=", 8) || !strncmp(tw, "cpuset=", 7)) {
				xa_cpuset_piece(a, strchr(tw, '=') + 1, &cs);
				a->ev.last = j;
				continue;
			}
			if (!strncmp(tw, "mems_allowed=", 13) ||
			    !strncmp(tw, ",mems_allowed=", 14)) {
				xa_cpuset_piece(a, tw, &cs);
				cs = 2;
				a->ev.last = j;
				continue;
			}
			if (cs == 1 && *tw && !strchr(tw, ' ') && !xa_frame_like(tw)) {
				xa_cpuset_piece(a, tw, &cs);
				a->ev.last = j;
				continue;
			}
			if (md_x_cpu_line(t, &c) && c.pid >= 0) {
				bool same = !a->ev.comm || xa_comm_eq(a->ev.comm, c.comm);

				if (!same && foreign)
					continue;
				a->have_cpu = true;
				a->cpu = c;
				cpu_idx = j;
				cpu_n = n;
				a->ev.last = j;
				if (!same && xa_ndup(&a->cpu_comm, c.comm, strlen(c.comm)))
					return -ENOMEM;
				continue;
			}
			foreign = true;
			continue;
		}
		sup = xa_suppressed(t, "warn_alloc_show_mem");
		if (sup >= 0) {
			a->showmem_suppressed = sup;
			continue;
		}
		if (xa_meminfo_start(tw)) {
			*mi = j;
			break;
		}
	}
	/* no dump_stack line (2.6's dump_stack had none): the trace follows */
	if (!a->have_cpu) {
		cpu_idx = i;
		cpu_n = 0;
		foreign = false;
	}
	a->caller = md_x_caller(log, cpu_idx, n - cpu_n + 1);
	a->caller_unsure = a->caller && foreign;
	if (*mi < log->n) {
		a->mi_seen = true;
		r = md_showmem_parse(log, *mi, &a->sm);
		if (r == -ENOMEM)
			return r;
		if (!r) {
			a->have_sm = true;
			if (a->sm.last > a->ev.last && a->sm.last < log->n)
				a->ev.last = a->sm.last;
		} else {
			a->ev.last = *mi;
		}
	}
	return 0;
}

int md_xparse_alloc(const struct md_klog *log, size_t i,
		    const struct md_xctx *ctx, struct md_xev **out)
{
	struct xa_head h, v;
	struct md_xalloc *a;
	size_t at, stop, mi, skip = log->n;
	char *joined = NULL, *printed = NULL;
	unsigned int kver;
	int r = -ENOMEM;

	*out = NULL;
	if (i >= log->n || !log->lines[i].text || !xa_head(log->lines[i].text, &h))
		return 0;
	if (h.kind == XA_VMALLOC && h.standalone && xa_deferred(log, i, &h))
		return 0;
	/* "(GFP_ATOMIC|" folded by a mail client: join the next line */
	if (h.names_open) {
		size_t j = md_klog_next(log, i, &log->lines[i]);

		if (j < log->n) {
			joined = md_strdupf("%s%s", log->lines[i].text,
					    xa_ws(log->lines[j].text));
			if (!joined)
				return -ENOMEM;
			if (xa_head(joined, &v) && !v.names_open) {
				h = v;
				skip = j;
			}
		}
	}
	a = calloc(1, sizeof(*a));
	if (!a) {
		free(joined);
		return -ENOMEM;
	}
	a->ev.ops = &xa_ops;
	a->ev.kind = h.kind == XA_STALL ? "alloc-stall" :
		     h.kind == XA_VMALLOC ? "vmalloc-failure" : "alloc-failure";
	a->ev.first = a->ev.last = i;
	a->ev.pid = -1;
	a->ev.repeated = log->lines[i].repeated;
	a->order = a->stall_ms = -1;
	a->vsize = a->vdone = a->vpage_order = a->vmap_size = -1;
	a->suppressed = a->showmem_suppressed = -1;
	a->page_kb = -1;
	if (xa_take_head(a, &h))
		goto out;
	if (skip < log->n)
		a->ev.last = skip;
	/* the lines before it: 4.4's vmalloc line, vmap space, rate limit */
	if ((h.kind == XA_PAGE && h.order == 0) ||
	    (h.kind == XA_VMALLOC && h.vstep != XV_SPACE)) {
		if (xa_back(log, i, 3, &at, xa_m_vline, &v)) {
			if (v.vstep == XV_SPACE) {
				a->vmap_size = v.vsize;
			} else if (h.kind == XA_PAGE) {
				a->ev.kind = "vmalloc-failure";
				a->vstep = v.vstep;
				a->vsize = v.vsize;
				a->vdone = v.vdone;
				if (xa_back(log, at, 2, &at, xa_m_vline, &v) &&
				    v.vstep == XV_SPACE)
					a->vmap_size = v.vsize;
			}
			a->ev.first = at;
		}
	}
	xa_back(log, a->ev.first, 3, &at, xa_m_suppressed, &a->suppressed);
	/* 4.9-4.11 printed "%s: " apart: a line "comm:" just before */
	if (!a->ev.comm && a->ev.first == i && i > 0 &&
	    xa_same(&log->lines[i], &log->lines[i - 1])) {
		const char *p = log->lines[i - 1].text;
		size_t n = strlen(p);

		while (n && p[n - 1] == ' ')
			n--;
		if (n > 1 && n <= 17 && p[n - 1] == ':') {
			a->ev.comm = strndup(p, n - 1);
			if (!a->ev.comm)
				goto out;
			a->ev.first = i - 1;
		}
	}
	if (h.standalone && h.kind == XA_VMALLOC) {
		/* a line of its own: no dump_stack, no Mem-Info follow it */
		stop = mi = log->n;
	} else {
		r = xa_body(a, log, i, skip, &stop, &mi);
		if (r)
			goto out;
		r = -ENOMEM;
	}
	if (a->have_cpu) {
		a->ev.pid = a->cpu.pid;
		if (xa_ndup(&a->ev.comm, a->cpu.comm, strlen(a->cpu.comm)))
			goto out;
		if (a->cpu.kver_str[0] &&
		    xa_ndup(&a->ev.kver_str, a->cpu.kver_str, strlen(a->cpu.kver_str)))
			goto out;
		a->ev.kver = a->cpu.kver;
	}
	if (!a->ev.kver_str && ctx->kver_str) {
		if (xa_ndup(&a->ev.kver_str, ctx->kver_str, strlen(ctx->kver_str)))
			goto out;
		a->ev.kver = ctx->kver;
	}
	if (a->have_sm && a->sm.page_kb > 0) {
		size_t k;

		for (k = 0; k < a->sm.nr_zones; k++)
			if (a->sm.zones[k].nr_free_blocks)
				a->page_kb = a->sm.page_kb;
	}
	/* the gfp mask: printed names, else the table of the kernel's version */
	kver = ctx->kver_forced || !a->ev.kver ? ctx->kver : a->ev.kver;
	if (a->names && xa_ndup(&printed, a->names, strlen(a->names)))
		goto out;
	if (md_gfp_decode(&a->gfp, printed, (uint32_t)a->mode,
			  a->has_mode && !a->mode_bad, kver))
		goto out;
	a->gfp_done = true;
	if (a->has_mode || a->names)
		a->allows = md_gfp_allows_str(&a->gfp);
	if (a->mode_bad && xa_addf(&a->ev.unread, "mode %#" PRIx64 "%s is wider than a gfp mask",
				   a->mode, a->mode > UINT32_MAX ? "" : "..."))
		goto out;
	if (!a->has_mode && !a->names &&
	    xa_addf(&a->ev.unread, "the gfp mask (mode:) was not in the header"))
		goto out;
	if (h.names_open && skip == log->n &&
	    xa_addf(&a->ev.unread, "the gfp names were cut"))
		goto out;
	if (a->ev.kind[0] == 'v')
		r = xa_verdict_vmalloc(a);
	else
		r = xa_verdict_page(a, stop, log, mi);
	if (r)
		goto out;
	r = -ENOMEM;
	if (a->have_sm && a->sm.problems &&
	    xa_addf(&a->ev.unread, "Mem-Info: %s", a->sm.problems))
		goto out;
	if (!a->have_sm && !(h.standalone && h.kind == XA_VMALLOC) &&
	    xa_addf(&a->ev.unread, "Mem-Info"))
		goto out;
	if (!a->have_cpu && !(h.standalone && h.kind == XA_VMALLOC) &&
	    xa_addf(&a->ev.unread, "the dump_stack line (CPU, PID, kernel version)"))
		goto out;
	if (!a->ev.verdict && xa_set(&a->ev.verdict, "unknown"))
		goto out;
	a->ev.what = xa_what(a);
	if (!a->ev.what)
		goto out;
	free(joined);
	free(printed);
	*out = &a->ev;
	return 1;
out:
	free(joined);
	free(printed);
	xa_free(&a->ev);
	return r;
}
