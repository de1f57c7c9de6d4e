// SPDX-License-Identifier: GPL-2.0
/*
 * gfp masks as the kernel printed them: see gfp.h. The bit tables are in
 * ctl/gfp/, one file per kernel generation.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gfp.h"
#include "memdiagctl.h"

const struct md_gfp_table *const md_gfp_tables[] = {
	&md_gfp_t2_5, &md_gfp_t2_6_0, &md_gfp_t2_6_23, &md_gfp_t2_6_31,
	&md_gfp_t4_4, &md_gfp_t4_5, &md_gfp_t4_10, &md_gfp_t4_13,
	&md_gfp_t4_18, &md_gfp_t5_3, &md_gfp_t5_14, &md_gfp_t6_3,
	&md_gfp_t6_8, &md_gfp_t7_2, NULL
};
#define NTABLES (ARRAY_SIZE(md_gfp_tables) - 1)

static unsigned int num(const char **p, bool *ok)
{
	unsigned long v = 0;

	*ok = isdigit((unsigned char)**p);
	while (isdigit((unsigned char)**p)) {
		if (v < 100000)
			v = v * 10 + (unsigned long)(**p - '0');
		(*p)++;
	}
	return v > 255 ? 255 : (unsigned int)v;
}

unsigned int md_kver_parse(const char *s)
{
	unsigned int a, b, c = 0;
	bool ok;

	if (!s)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == 'v')
		s++;
	a = num(&s, &ok);
	if (!ok || *s != '.' || a == 0 || a > 20)
		return 0;
	s++;
	b = num(&s, &ok);
	if (!ok)
		return 0;
	if (*s == '.') {
		const char *q = s + 1;

		c = num(&q, &ok);
		if (!ok)
			c = 0;
	}
	return md_kver(a, b, c);
}

/* The flags that matter, by name, whatever their bit. */
enum {
	F_DMA, F_HIGHMEM, F_DMA32, F_MOVABLE, F_RECLAIMABLE, F_HIGH, F_IO, F_FS,
	F_ATOMIC, F_DIRECT, F_KSWAPD, F_WAIT, F_NO_KSWAPD, F_NOWARN,
	F_RETRY_MAYFAIL, F_REPEAT, F_NOFAIL, F_NORETRY, F_MEMALLOC, F_COMP,
	F_NOMEMALLOC, F_HARDWALL, F_THISNODE, F_ACCOUNT, F_KMEMCG, F_NR
};

static const char *const fnames[F_NR] = {
	"__GFP_DMA", "__GFP_HIGHMEM", "__GFP_DMA32", "__GFP_MOVABLE",
	"__GFP_RECLAIMABLE", "__GFP_HIGH", "__GFP_IO", "__GFP_FS",
	"__GFP_ATOMIC", "__GFP_DIRECT_RECLAIM", "__GFP_KSWAPD_RECLAIM",
	"__GFP_WAIT", "__GFP_NO_KSWAPD", "__GFP_NOWARN", "__GFP_RETRY_MAYFAIL",
	"__GFP_REPEAT", "__GFP_NOFAIL", "__GFP_NORETRY", "__GFP_MEMALLOC",
	"__GFP_COMP", "__GFP_NOMEMALLOC", "__GFP_HARDWALL", "__GFP_THISNODE",
	"__GFP_ACCOUNT", "__GFP_KMEMCG",
};

static bool popcount1(uint32_t m)
{
	return m && !(m & (m - 1));
}

/* The single-bit value of @name in @t ("GFP_DMA" is __GFP_DMA), or 0. */
static uint32_t tbl_bit(const struct md_gfp_table *t, const char *name)
{
	const struct md_gfp_name *n;

	for (n = t->names; n->name; n++) {
		const char *nm = n->name;

		if (!strcmp(nm, "GFP_DMA"))
			nm = "__GFP_DMA";
		else if (!strcmp(nm, "GFP_DMA32"))
			nm = "__GFP_DMA32";
		if (popcount1(n->mask) && !strcmp(nm, name))
			return n->mask;
	}
	return 0;
}

static const struct md_gfp_name *tbl_name(const struct md_gfp_table *t,
					  const char *name, size_t len)
{
	const struct md_gfp_name *n;

	for (n = t->names; n->name; n++)
		if (strlen(n->name) == len && !strncmp(n->name, name, len))
			return n;
	return NULL;
}

/* What one table says a mask allows. */
struct reading {
	enum md_tri v[F_NR];
	bool wait_era;		/* __GFP_WAIT, before 4.4 */
};

static void read_mask(const struct md_gfp_table *t, uint32_t mask,
		      struct reading *r)
{
	int f;

	r->wait_era = tbl_bit(t, "__GFP_WAIT") != 0;
	for (f = 0; f < F_NR; f++) {
		uint32_t b = tbl_bit(t, fnames[f]);

		if (b)
			r->v[f] = (mask & b) ? MD_YES : MD_NO;
		else if (t->unknown_from && (mask & ~(t->unknown_from - 1)))
			r->v[f] = MD_UNSURE;
		else
			r->v[f] = MD_NO;
	}
}

static enum md_tri tri_or(enum md_tri a, enum md_tri b)
{
	if (a == MD_YES || b == MD_YES)
		return MD_YES;
	if (a == MD_UNSURE || b == MD_UNSURE)
		return MD_UNSURE;
	return MD_NO;
}

static enum md_tri tri_not(enum md_tri a)
{
	return a == MD_UNSURE ? MD_UNSURE : a == MD_YES ? MD_NO : MD_YES;
}

/* The md_gfp fields of one reading. */
static void fill(struct md_gfp *g, const struct reading *r)
{
	const enum md_tri *v = r->v;

	if (r->wait_era) {
		g->direct_reclaim = v[F_WAIT];
		/* 2.6-4.3 woke kswapd unless __GFP_NO_KSWAPD (2.6.38+) */
		g->kswapd_reclaim = tri_not(v[F_NO_KSWAPD]);
	} else {
		g->direct_reclaim = v[F_DIRECT];
		g->kswapd_reclaim = v[F_KSWAPD];
	}
	g->io = v[F_IO];
	g->fs = v[F_FS];
	g->high = v[F_HIGH];
	if (g->direct_reclaim == MD_YES)
		g->atomic = MD_NO;
	else
		g->atomic = tri_or(v[F_HIGH], v[F_ATOMIC]);
	if (g->direct_reclaim == MD_UNSURE && g->atomic == MD_YES)
		g->atomic = MD_UNSURE;
	g->memalloc = v[F_MEMALLOC];
	g->nomemalloc = v[F_NOMEMALLOC];
	g->nowarn = v[F_NOWARN];
	g->noretry = v[F_NORETRY];
	g->retry_mayfail = tri_or(v[F_RETRY_MAYFAIL], v[F_REPEAT]);
	g->retry_is_repeat = v[F_REPEAT] == MD_YES;
	g->nofail = v[F_NOFAIL];
	g->comp = v[F_COMP];
	g->movable = v[F_MOVABLE];
	g->reclaimable = v[F_RECLAIMABLE];
	g->thisnode = v[F_THISNODE];
	g->hardwall = v[F_HARDWALL];
	g->account = tri_or(v[F_ACCOUNT], v[F_KMEMCG]);
	/* gfp_zone(): DMA, DMA32, HIGHMEM|MOVABLE, HIGHMEM, else Normal */
	if (v[F_DMA] == MD_YES)
		g->zone = MD_GZ_DMA;
	else if (v[F_DMA32] == MD_YES)
		g->zone = MD_GZ_DMA32;
	else if (v[F_HIGHMEM] == MD_YES && v[F_MOVABLE] == MD_YES)
		g->zone = MD_GZ_MOVABLE;
	else if (v[F_HIGHMEM] == MD_YES)
		g->zone = MD_GZ_HIGHMEM;
	else if (v[F_DMA] == MD_UNSURE || v[F_DMA32] == MD_UNSURE ||
		 v[F_HIGHMEM] == MD_UNSURE)
		g->zone = MD_GZ_UNKNOWN;
	else
		g->zone = MD_GZ_NORMAL;
}

/* Merge @b into @a: where they differ, MD_UNSURE. */
static void merge(struct md_gfp *a, const struct md_gfp *b)
{
#define M(f) do { if (a->f != b->f) a->f = MD_UNSURE; } while (0)
	M(direct_reclaim); M(kswapd_reclaim); M(io); M(fs); M(high);
	M(atomic); M(memalloc); M(nomemalloc); M(nowarn); M(noretry);
	M(retry_mayfail); M(nofail); M(comp); M(movable); M(reclaimable);
	M(thisnode); M(hardwall); M(account);
#undef M
	if (a->zone != b->zone)
		a->zone = MD_GZ_UNKNOWN;
	a->retry_is_repeat = a->retry_is_repeat || b->retry_is_repeat;
}

/*
 * Do two readings agree on what matters (issue 14: reclaim, zones,
 * high/atomic, noretry/retry_mayfail/nofail, nowarn)?
 */
static bool agree(const struct md_gfp *a, const struct md_gfp *b)
{
	return a->direct_reclaim == b->direct_reclaim &&
	       a->kswapd_reclaim == b->kswapd_reclaim && a->zone == b->zone &&
	       a->high == b->high && a->atomic == b->atomic &&
	       a->noretry == b->noretry &&
	       a->retry_mayfail == b->retry_mayfail &&
	       a->nofail == b->nofail && a->nowarn == b->nowarn;
}

/* A growing string. */
struct sbuf {
	char *s;
	size_t len, cap;
	bool oom;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *p = realloc(b->s, cap);

		if (!p) {
			b->oom = true;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* The names %pGg (format_flags()) would print for @mask with @t. */
static char *format_names(const struct md_gfp_table *t, uint32_t mask)
{
	const struct md_gfp_name *n;
	struct sbuf b = { 0 };
	uint32_t left = mask;
	char hex[16];

	for (n = t->names; left && n->name; n++) {
		if ((left & n->mask) != n->mask)
			continue;
		if (b.len)
			sb_str(&b, "|");
		sb_str(&b, n->name);
		left &= ~n->mask;
	}
	if (left) {
		snprintf(hex, sizeof(hex), "%#x", left);
		if (b.len)
			sb_str(&b, "|");
		sb_str(&b, hex);
	}
	if (!b.s && !b.oom)
		sb_str(&b, "");
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* The tables that may apply to @kver (all when it is 0). */
static size_t candidates(unsigned int kver, const struct md_gfp_table **c)
{
	size_t i, n = 0;

	if (!kver) {
		for (i = 0; i < NTABLES; i++)
			c[n++] = md_gfp_tables[i];
		return n;
	}
	for (i = 0; i < NTABLES; i++) {
		const struct md_gfp_table *t = md_gfp_tables[i];

		if (kver >= t->lo && kver <= t->hi) {
			c[0] = t;
			return 1;
		}
	}
	if (kver < md_gfp_tables[0]->lo) {
		c[0] = md_gfp_tables[0];
		return 1;
	}
	if (kver > md_gfp_tables[NTABLES - 1]->hi) {
		c[0] = md_gfp_tables[NTABLES - 1];
		return 1;
	}
	/* between two tables: either may apply */
	for (i = 0; i + 1 < NTABLES; i++)
		if (kver > md_gfp_tables[i]->hi &&
		    kver < md_gfp_tables[i + 1]->lo) {
			c[n++] = md_gfp_tables[i];
			c[n++] = md_gfp_tables[i + 1];
			break;
		}
	return n;
}

static void set_unsure_all(struct md_gfp *g)
{
	g->direct_reclaim = g->kswapd_reclaim = g->io = g->fs = MD_UNSURE;
	g->high = g->atomic = g->memalloc = g->nomemalloc = MD_UNSURE;
	g->nowarn = g->noretry = g->retry_mayfail = g->nofail = MD_UNSURE;
	g->comp = g->movable = g->reclaimable = g->thisnode = MD_UNSURE;
	g->hardwall = g->account = MD_UNSURE;
	g->zone = MD_GZ_UNKNOWN;
}

/*
 * The mask @t gives the printed names, or false if one is not in @t
 * (a hex leftover "0x..." counts as its bits).
 */
static bool names_mask(const struct md_gfp_table *t, const char *printed,
		       uint32_t *mask)
{
	const char *p = printed;

	*mask = 0;
	while (*p) {
		const char *e;
		const struct md_gfp_name *n;
		size_t len;

		while (*p == '|' || *p == ' ')
			p++;
		e = p;
		while (*e && *e != '|' && *e != ' ')
			e++;
		len = (size_t)(e - p);
		if (!len)
			break;
		if (len > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
			char *end;
			unsigned long long v = strtoull(p, &end, 16);

			if (end != e || v > 0xffffffffULL)
				return false;
			*mask |= (uint32_t)v;
		} else {
			n = tbl_name(t, p, len);
			if (!n)
				return false;
			*mask |= n->mask;
		}
		p = e;
	}
	return true;
}

/* The printed tokens no table knows, "A|B", or NULL. */
static char *unknown_names(const char *printed)
{
	struct sbuf b = { 0 };
	const char *p = printed;
	size_t i;

	while (*p) {
		const char *e;
		size_t len;
		bool known = false;

		while (*p == '|' || *p == ' ')
			p++;
		e = p;
		while (*e && *e != '|' && *e != ' ')
			e++;
		len = (size_t)(e - p);
		if (!len)
			break;
		if (len > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
			known = true;
		for (i = 0; !known && i < NTABLES; i++)
			known = tbl_name(md_gfp_tables[i], p, len) != NULL;
		if (!known) {
			if (b.len)
				sb_str(&b, "|");
			sb_add(&b, p, len);
		}
		p = e;
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* Versions of the tables @c[0..n) whose @sel[] is set: "4.4 / 4.5-4.9". */
static const char *versions_of(const struct md_gfp_table **c, size_t n,
			       const bool *sel, char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		int k;

		if (sel && !sel[i])
			continue;
		k = snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
			     c[i]->versions);
		if (k < 0 || (size_t)k >= size - len)
			break;
		len += (size_t)k;
	}
	return buf;
}

/* A table name string that outlives the call (for g->table). */
static const char *keep_versions(const char *s)
{
	static char slots[8][256];
	static unsigned int next;
	size_t i;

	for (i = 0; i < NTABLES; i++)
		if (!strcmp(md_gfp_tables[i]->versions, s))
			return md_gfp_tables[i]->versions;
	for (i = 0; i < 8; i++)
		if (!strcmp(slots[i], s))
			return slots[i];
	snprintf(slots[next % 8], sizeof(slots[0]), "%s", s);
	return slots[next++ % 8];
}

static int decode_printed(struct md_gfp *g, const char *printed,
			  uint32_t mask, bool have_mask, unsigned int kver)
{
	const struct md_gfp_table *c[NTABLES];
	bool sel[NTABLES];
	size_t n, i, nsel = 0;
	char buf[256];
	struct reading r;
	struct md_gfp one;

	g->names = strdup(printed);
	if (!g->names)
		return -ENOMEM;
	g->source = MD_GFP_PRINTED;
	g->unknown = unknown_names(printed);

	/*
	 * The version's tables, else all; names that fit, with the hex
	 * when there is one; else any table that knows every name.
	 */
	n = candidates(kver, c);
	for (int pass = 0; pass < 3 && !nsel; pass++) {
		if (pass == 2 || (pass == 1 && kver)) {
			for (i = 0; i < NTABLES; i++)
				c[i] = md_gfp_tables[i];
			n = NTABLES;
		}
		for (i = 0; i < n; i++) {
			uint32_t m;

			sel[i] = names_mask(c[i], printed, &m) &&
				 (pass == 2 || !have_mask || m == mask);
			nsel += sel[i];
		}
	}
	if (!nsel) {
		/*
		 * no table knows them all: read the names themselves,
		 * each from the newest table that knows it
		 */
		struct md_gfp acc;
		bool first = true;
		const char *p = printed;

		memset(&acc, 0, sizeof(acc));
		while (*p) {
			const char *e;
			size_t len;

			while (*p == '|' || *p == ' ')
				p++;
			e = p;
			while (*e && *e != '|' && *e != ' ')
				e++;
			len = (size_t)(e - p);
			if (!len)
				break;
			for (i = NTABLES; i-- > 0;) {
				const struct md_gfp_name *nm =
					tbl_name(md_gfp_tables[i], p, len);

				if (!nm)
					continue;
				read_mask(md_gfp_tables[i], nm->mask, &r);
				memset(&one, 0, sizeof(one));
				fill(&one, &r);
				if (first) {
					acc = one;
					first = false;
				} else {
					/* OR the flags of this name in */
#define O(f) acc.f = tri_or(acc.f, one.f)
					O(direct_reclaim); O(kswapd_reclaim);
					O(io); O(fs); O(high); O(memalloc);
					O(nomemalloc); O(nowarn); O(noretry);
					O(retry_mayfail); O(nofail); O(comp);
					O(movable); O(reclaimable);
					O(thisnode); O(hardwall); O(account);
#undef O
					if (one.zone != MD_GZ_NORMAL)
						acc.zone = one.zone;
				}
				break;
			}
			p = e;
		}
		if (first) {
			set_unsure_all(g);
			g->source = MD_GFP_PRINTED;
			g->unsure_why = "unknown names";
			return 0;
		}
		acc.atomic = acc.direct_reclaim == MD_YES ? MD_NO :
			     tri_or(acc.high, MD_NO);
		{
			char *unknown = g->unknown;

			memcpy(&g->zone, &acc.zone,
			       sizeof(*g) - offsetof(struct md_gfp, zone));
			g->unknown = unknown;
		}
		g->unsure_why = "names from several kernel generations";
		g->table = NULL;
		return 0;
	}
	{
		struct md_gfp acc;
		bool first = true;
		char *unknown = g->unknown;

		for (i = 0; i < n; i++) {
			uint32_t m;

			if (!sel[i])
				continue;
			names_mask(c[i], printed, &m);
			read_mask(c[i], m, &r);
			memset(&one, 0, sizeof(one));
			fill(&one, &r);
			if (first)
				acc = one;
			else
				merge(&acc, &one);
			first = false;
		}
		memcpy(&g->zone, &acc.zone,
		       sizeof(*g) - offsetof(struct md_gfp, zone));
		g->unknown = unknown;
		g->unsure_why = nsel > 1 ?
			"the names mean different bits in the kernels that fit" :
			NULL;
	}
	g->table = keep_versions(versions_of(c, n, sel, buf, sizeof(buf)));
	return 0;
}

static int decode_hex(struct md_gfp *g, uint32_t mask, unsigned int kver)
{
	const struct md_gfp_table *c[NTABLES];
	struct md_gfp each[NTABLES];
	char *names[NTABLES];
	size_t n, i, j;
	bool all_agree = true;
	char buf[256];
	struct reading r;
	int ret = 0;

	n = candidates(kver, c);
	for (i = 0; i < n; i++) {
		memset(&each[i], 0, sizeof(each[i]));
		read_mask(c[i], mask, &r);
		fill(&each[i], &r);
		names[i] = format_names(c[i], mask);
		if (!names[i])
			ret = -ENOMEM;
		if (i && !agree(&each[0], &each[i]))
			all_agree = false;
	}
	if (ret)
		goto out;
	memcpy(&g->zone, &each[0].zone,
	       sizeof(*g) - offsetof(struct md_gfp, zone));
	for (i = 1; i < n; i++)
		merge(g, &each[i]);
	g->unknown = NULL;
	if (all_agree) {
		g->source = MD_GFP_TABLE;
		g->table = keep_versions(versions_of(c, n, NULL, buf,
						     sizeof(buf)));
		/* names as the newest kernel that fits would print them */
		g->names = names[n - 1];
		names[n - 1] = NULL;
		if (n > 1)
			g->unsure_why = kver ?
				"hex only, kernel version between tables" :
				"hex only, kernel version unknown";
		if (c[0]->unknown_from && (mask & ~(c[0]->unknown_from - 1)))
			g->unsure_why = "hex only, bits this table does not know";
		goto out;
	}
	/* Ambiguous: each distinct reading with its versions. */
	{
		struct sbuf b = { 0 };
		bool done[NTABLES] = { false };

		g->source = MD_GFP_AMBIGUOUS;
		g->unsure_why = kver ? "hex only, kernel version between tables" :
			"hex only, kernel version unknown";
		for (i = 0; i < n; i++) {
			bool sel[NTABLES] = { false };

			if (done[i])
				continue;
			for (j = i; j < n; j++)
				if (!done[j] && !strcmp(names[i], names[j]) &&
				    agree(&each[i], &each[j]))
					sel[j] = done[j] = true;
			if (b.len)
				sb_str(&b, " or ");
			sb_str(&b, *names[i] ? names[i] : "none");
			sb_str(&b, " (");
			sb_str(&b, versions_of(c, n, sel, buf, sizeof(buf)));
			sb_str(&b, ")");
		}
		if (b.oom) {
			free(b.s);
			ret = -ENOMEM;
		} else {
			g->readings = b.s;
		}
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	return ret;
}

int md_gfp_decode(struct md_gfp *g, const char *printed, uint32_t mask,
		  bool have_mask, unsigned int kver)
{
	int ret;

	memset(g, 0, sizeof(*g));
	g->mask = mask;
	g->have_mask = have_mask;
	while (printed && (*printed == ' ' || *printed == '('))
		printed++;
	if (printed && *printed) {
		size_t len = strlen(printed);
		char *cp = strdup(printed);

		if (!cp)
			return -ENOMEM;
		while (len && (cp[len - 1] == ')' || cp[len - 1] == ' ' ||
			       cp[len - 1] == ','))
			cp[--len] = '\0';
		ret = len ? decode_printed(g, cp, mask, have_mask, kver) : 1;
		free(cp);
		if (ret <= 0) {
			if (ret)
				md_gfp_free(g);
			return ret;
		}
	}
	if (have_mask) {
		ret = decode_hex(g, mask, kver);
		if (ret)
			md_gfp_free(g);
		return ret;
	}
	g->source = MD_GFP_UNKNOWN;
	set_unsure_all(g);
	g->unsure_why = "no mask read";
	return 0;
}

void md_gfp_free(struct md_gfp *g)
{
	if (!g)
		return;
	free(g->names);
	free(g->readings);
	free(g->unknown);
	g->names = g->readings = g->unknown = NULL;
}

const char *md_gfp_zone_name(enum md_gfp_zone z)
{
	switch (z) {
	case MD_GZ_DMA: return "DMA";
	case MD_GZ_DMA32: return "DMA32";
	case MD_GZ_NORMAL: return "Normal";
	case MD_GZ_HIGHMEM: return "HighMem";
	case MD_GZ_MOVABLE: return "Movable";
	default: return "?";
	}
}

char *md_gfp_allows_str(const struct md_gfp *g)
{
	struct sbuf b = { 0 };
	char unk[128];
	const char *why = g->unsure_why ? g->unsure_why : "not read";

	if (!g)
		return NULL;
	snprintf(unk, sizeof(unk), "unknown (%s)", why);
	/* reclaim */
	if (g->direct_reclaim == MD_YES) {
		sb_str(&b, "may sleep: direct reclaim and compaction");
		if (g->io == MD_NO)
			sb_str(&b, ", no I/O (NOIO)");
		else if (g->fs == MD_NO)
			sb_str(&b, ", no filesystem calls (NOFS)");
		else if (g->io == MD_UNSURE || g->fs == MD_UNSURE)
			sb_str(&b, ", I/O and filesystem: unknown");
	} else if (g->direct_reclaim == MD_NO) {
		sb_str(&b, "cannot sleep: no direct reclaim");
		if (g->kswapd_reclaim == MD_YES)
			sb_str(&b, ", wakes kswapd");
		else if (g->kswapd_reclaim == MD_NO)
			sb_str(&b, ", does not wake kswapd");
	} else {
		sb_str(&b, "reclaim: ");
		sb_str(&b, unk);
	}
	/* zones */
	sb_str(&b, "; zones up to ");
	sb_str(&b, g->zone == MD_GZ_UNKNOWN ? unk : md_gfp_zone_name(g->zone));
	/* reserves */
	sb_str(&b, "; ");
	if (g->nomemalloc == MD_YES)
		sb_str(&b, "no access to reserves (NOMEMALLOC)");
	else if (g->memalloc == MD_YES)
		sb_str(&b, "may use all reserves (MEMALLOC)");
	else if (g->atomic == MD_YES)
		sb_str(&b, "atomic: may go below the min watermark (HIGH)");
	else if (g->high == MD_YES)
		sb_str(&b, "may go below the min watermark (HIGH)");
	else if (g->high == MD_UNSURE || g->atomic == MD_UNSURE ||
		 g->memalloc == MD_UNSURE)
		(sb_str(&b, "reserves: "), sb_str(&b, unk));
	else
		sb_str(&b, "no access to reserves");
	/* failure policy */
	sb_str(&b, "; ");
	if (g->nofail == MD_YES)
		sb_str(&b, "never fails (NOFAIL)");
	else if (g->noretry == MD_YES)
		sb_str(&b, "fails after light reclaim, no OOM kill (NORETRY)");
	else if (g->retry_mayfail == MD_YES)
		sb_str(&b, g->retry_is_repeat ?
		       "retries hard, may fail (REPEAT, RETRY_MAYFAIL's ancestor)" :
		       "retries, may fail, no OOM kill (RETRY_MAYFAIL)");
	else if (g->nofail == MD_UNSURE || g->noretry == MD_UNSURE ||
		 g->retry_mayfail == MD_UNSURE || g->direct_reclaim == MD_UNSURE)
		(sb_str(&b, "retries: "), sb_str(&b, unk));
	else if (g->direct_reclaim == MD_YES)
		sb_str(&b, "retries; small orders may invoke the OOM killer");
	else
		sb_str(&b, "fails at once without free pages");
	if (g->nowarn == MD_YES)
		sb_str(&b, "; no failure warning (NOWARN)");
	else if (g->nowarn == MD_UNSURE)
		(sb_str(&b, "; warning: "), sb_str(&b, unk));
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}
