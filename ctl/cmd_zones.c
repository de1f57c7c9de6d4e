// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl zones - every populated zone now (GET_ZONES, open to all):
 * sizes, watermarks, free blocks per order and, per order, the
 * fragmentation indices and whether an allocation of that order passes
 * the page allocator's watermark checks for GFP_KERNEL, GFP_ATOMIC and
 * GFP_HIGHUSER_MOVABLE requests.
 *
 * Text output: a table with one row per zone (-o picks its columns), a
 * blank line, then one row per zone and order with a verdict per gfp
 * class:
 *   ok         passes the low watermark check (the fast path's)
 *   below low  passes only the min watermark check (the slow path's, after
 *              kswapd has been woken)
 *   below min  free pages, less what the class may not use, are at or
 *              below the min watermark plus the lowmem reserve
 *   no block   enough free pages, but no free block of this order or
 *              larger that the class may use
 * Counts are pages, as in /proc/zoneinfo; --bytes does not change them.
 *
 * JSON output: {"zones": [{"node": 0, "zone": 1, "name": "DMA32",
 *   "spanned": ..., "present": ..., "managed": ..., "free": ..., "min": ...,
 *   "low": ..., "high": ..., "promo": ... or null, "boost": ...,
 *   "lowmem-reserve": [...], "highatomic": ..., "free-cma": ...,
 *   "orders": [{"order": 0, "free-blocks": ..., "free-by-type":
 *   {"Unmovable": n, ...}, "truncated-types": ["Movable"],
 *   "unusable-index": 0.000, "extfrag-index": -1.000,
 *   "checks": {"kernel": {"min": "ok", "low": "ok", "high": "ok",
 *   "verdict": "ok"}, ...}}]}]}
 * The indices are the kernel's x1000 values divided by 1000 (as the
 * extfrag debugfs files print them); with --raw they stay integers.
 */
#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <getopt.h>
#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "nl.h"
#include "output.h"

/* Bounds that hold on every kernel (orders <= 11, migratetypes <= 6). */
#define MD_Z_ORDERS	32
#define MD_Z_TYPES	16
#define MD_Z_ZONES	8
#define MD_Z_CLASSES	(MEMDIAG_GFP_CLASS_HIGHUSER_MOVABLE + 1)

struct md_zone_type {
	char name[16];
	uint64_t count;
	bool truncated;
};

struct md_zone_order {
	uint32_t order;
	uint64_t blocks;
	unsigned int ntypes;
	struct md_zone_type types[MD_Z_TYPES];
	bool has_unusable, has_extfrag;
	uint32_t unusable;
	int32_t extfrag;
	/* Per class: has it, then the min, low and high verdicts. */
	bool has_check[MD_Z_CLASSES];
	uint32_t check[MD_Z_CLASSES][3];
};

struct md_zone {
	uint32_t node, zone;
	char name[16];
	uint64_t spanned, present, managed, free, min, low, high, promo, boost;
	uint64_t highatomic, free_cma;
	bool has_promo;
	unsigned int nreserve;
	uint64_t reserve[MD_Z_ZONES];
	unsigned int norders;
	struct md_zone_order orders[MD_Z_ORDERS];
};

struct md_zones {
	size_t n, cap;
	struct md_zone *v;
};

static struct {
	bool has_node, has_order, has_gfp;
	uint32_t node, order, gfp;
} md_zones_args;

static const char *const md_class_names[MD_Z_CLASSES] = {
	[MEMDIAG_GFP_CLASS_KERNEL] = "kernel",
	[MEMDIAG_GFP_CLASS_ATOMIC] = "atomic",
	[MEMDIAG_GFP_CLASS_HIGHUSER_MOVABLE] = "highuser-movable",
};

static const char *const md_check_names[3] = { "min", "low", "high" };

/* ---- parsing ------------------------------------------------------------ */

static void md_copy_str(char *dst, size_t size, struct nlattr *a)
{
	size_t n = nla_len(a);
	const char *s = nla_data(a);

	n = strnlen(s, n);
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static int md_order_parse(struct nlattr *nest, struct md_zone_order *o)
{
	struct nlattr *a, *b;
	int rem, rem2;

	nla_for_each_nested(a, nest, rem) {
		switch (nla_type(a)) {
		case MEMDIAG_A_ZONE_ORDER_ORDER:
			o->order = nla_get_u32(a);
			break;
		case MEMDIAG_A_ZONE_ORDER_FREE_BLOCKS:
			o->blocks = nla_get_u64(a);
			break;
		case MEMDIAG_A_ZONE_ORDER_UNUSABLE_INDEX:
			o->has_unusable = true;
			o->unusable = nla_get_u32(a);
			break;
		case MEMDIAG_A_ZONE_ORDER_EXTFRAG_INDEX:
			o->has_extfrag = true;
			o->extfrag = (int32_t)nla_get_u32(a);
			break;
		case MEMDIAG_A_ZONE_ORDER_TYPE_FREE: {
			struct md_zone_type *t;

			if (o->ntypes == MD_Z_TYPES)
				return -EBADMSG;
			t = &o->types[o->ntypes++];
			nla_for_each_nested(b, a, rem2) {
				if (nla_type(b) == MEMDIAG_A_ZONE_TYPE_FREE_NAME)
					md_copy_str(t->name, sizeof(t->name), b);
				else if (nla_type(b) == MEMDIAG_A_ZONE_TYPE_FREE_COUNT)
					t->count = nla_get_u64(b);
				else if (nla_type(b) == MEMDIAG_A_ZONE_TYPE_FREE_TRUNCATED)
					t->truncated = true;
			}
			break;
		}
		case MEMDIAG_A_ZONE_ORDER_CHECK: {
			uint32_t v[4] = { UINT32_MAX, 0, 0, 0 };
			bool seen[4] = { false };

			nla_for_each_nested(b, a, rem2) {
				int t = nla_type(b);

				if (t >= MEMDIAG_A_ZONE_CHECK_CLASS &&
				    t <= MEMDIAG_A_ZONE_CHECK_HIGH) {
					v[t - 1] = nla_get_u32(b);
					seen[t - 1] = true;
				}
			}
			if (!seen[0] || !seen[1] || !seen[2] || !seen[3] ||
			    v[0] >= MD_Z_CLASSES)
				return -EBADMSG;
			o->has_check[v[0]] = true;
			memcpy(o->check[v[0]], &v[1], sizeof(o->check[v[0]]));
			break;
		}
		}
	}
	return 0;
}

/* The u64 attributes of a zone message, the -o columns showing them. */
struct md_zone_u64 {
	int attr;
	int col;
	size_t off;
};

#define MD_ZU(a, c, f) { MEMDIAG_A_ZONE_##a, ZCOL_##c, offsetof(struct md_zone, f) }

enum {
	ZCOL_NODE, ZCOL_ZONE, ZCOL_FREE, ZCOL_MIN, ZCOL_LOW, ZCOL_HIGH,
	ZCOL_BOOST, ZCOL_MANAGED, ZCOL_BLOCKS, ZCOL_SPANNED, ZCOL_PRESENT,
	ZCOL_PROMO, ZCOL_RESERVE, ZCOL_HIGHATOMIC, ZCOL_FREE_CMA,
};

static const struct md_zone_u64 md_zone_u64s[] = {
	MD_ZU(SPANNED, SPANNED, spanned),
	MD_ZU(PRESENT, PRESENT, present),
	MD_ZU(MANAGED, MANAGED, managed),
	MD_ZU(FREE, FREE, free),
	MD_ZU(MIN, MIN, min),
	MD_ZU(LOW, LOW, low),
	MD_ZU(HIGH, HIGH, high),
	MD_ZU(PROMO, PROMO, promo),
	MD_ZU(BOOST, BOOST, boost),
	MD_ZU(HIGHATOMIC, HIGHATOMIC, highatomic),
	MD_ZU(FREE_CMA, FREE_CMA, free_cma),
};

static const struct md_zone_u64 *md_zone_u64_of(int attr)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(md_zone_u64s); i++)
		if (md_zone_u64s[i].attr == attr)
			return &md_zone_u64s[i];
	return NULL;
}

static int md_zone_reply(struct nlmsghdr *nlh, void *arg)
{
	struct md_zones *zs = arg;
	struct genlmsghdr *gnlh;
	struct md_zone *z;
	struct nlattr *a;
	int rem, ret;

	if (!genlmsg_valid_hdr(nlh, 0))
		return -EBADMSG;
	if (md_grow(&zs->v, zs->n, &zs->cap, sizeof(*zs->v), 8))
		return -ENOMEM;
	z = &zs->v[zs->n];
	memset(z, 0, sizeof(*z));
	gnlh = genlmsg_hdr(nlh);
	nla_for_each_attr(a, genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0), rem) {
		const struct md_zone_u64 *f = md_zone_u64_of(nla_type(a));

		if (f) {
			*(uint64_t *)((char *)z + f->off) = nla_get_u64(a);
			if (nla_type(a) == MEMDIAG_A_ZONE_PROMO)
				z->has_promo = true;
			continue;
		}
		switch (nla_type(a)) {
		case MEMDIAG_A_ZONE_NODE:
			z->node = nla_get_u32(a);
			break;
		case MEMDIAG_A_ZONE_ZONE:
			z->zone = nla_get_u32(a);
			break;
		case MEMDIAG_A_ZONE_NAME:
			md_copy_str(z->name, sizeof(z->name), a);
			break;
		case MEMDIAG_A_ZONE_LOWMEM_RESERVE:
			if (z->nreserve == MD_Z_ZONES)
				return -EBADMSG;
			z->reserve[z->nreserve++] = nla_get_u64(a);
			break;
		case MEMDIAG_A_ZONE_ORDER:
			if (z->norders == MD_Z_ORDERS)
				return -EBADMSG;
			ret = md_order_parse(a, &z->orders[z->norders++]);
			if (ret)
				return ret;
			break;
		}
	}
	zs->n++;
	return 0;
}

/* ---- verdicts ----------------------------------------------------------- */

/* One word for the min and low checks, as the header comment explains. */
static const char *md_verdict(const uint32_t c[3])
{
	if (c[0] == MEMDIAG_WMARK_VERDICT_BELOW)
		return "below min";
	if (c[0] == MEMDIAG_WMARK_VERDICT_NO_BLOCK)
		return "no block";
	if (c[0] != MEMDIAG_WMARK_VERDICT_OK)
		return "unknown";
	return c[1] == MEMDIAG_WMARK_VERDICT_OK ? "ok" : "below low";
}

static const char *md_check_word(uint32_t v)
{
	static const char *const words[] = {
		[MEMDIAG_WMARK_VERDICT_OK] = "ok",
		[MEMDIAG_WMARK_VERDICT_BELOW] = "below",
		[MEMDIAG_WMARK_VERDICT_NO_BLOCK] = "no-block",
	};

	return v < ARRAY_SIZE(words) ? words[v] : "unknown";
}

/* ---- the zone table ----------------------------------------------------- */

static const struct md_col md_zones_cols[] = {
	[ZCOL_NODE]	= { "NODE", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "NUMA node" },
	[ZCOL_ZONE]	= { "ZONE", 0, 0, SCOLS_JSON_STRING, true, "zone name" },
	[ZCOL_FREE]	= { "FREE", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "free pages" },
	[ZCOL_MIN]	= { "MIN", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "min watermark, boost included (pages)" },
	[ZCOL_LOW]	= { "LOW", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "low watermark, boost included (pages)" },
	[ZCOL_HIGH]	= { "HIGH", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "high watermark, boost included (pages)" },
	[ZCOL_BOOST]	= { "BOOST", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "watermark boost (pages)" },
	[ZCOL_MANAGED]	= { "MANAGED", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "pages managed by the buddy allocator" },
	[ZCOL_BLOCKS]	= { "BLOCKS", 0, 0, SCOLS_JSON_STRING, true,
			    "free blocks per order, order 0 first (/proc/buddyinfo)" },
	[ZCOL_SPANNED]	= { "SPANNED", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			    "pages the zone spans" },
	[ZCOL_PRESENT]	= { "PRESENT", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			    "pages present" },
	[ZCOL_PROMO]	= { "PROMO", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			    "promotion watermark (pages), where the kernel has one" },
	[ZCOL_RESERVE]	= { "RESERVE", 0, 0, SCOLS_JSON_STRING, false,
			    "lowmem reserve against each zone (/proc/zoneinfo protection)" },
	[ZCOL_HIGHATOMIC] = { "HIGHATOMIC", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			      false, "pages reserved for high-order atomic allocations" },
	[ZCOL_FREE_CMA]	= { "FREE-CMA", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			    "free CMA pages" },
};

static char *md_u64_list(const uint64_t *v, size_t n)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);
	size_t i;

	if (!f)
		return NULL;
	for (i = 0; i < n; i++)
		fprintf(f, "%s%" PRIu64, i ? " " : "", v[i]);
	if (fclose(f)) {
		free(s);
		return NULL;
	}
	return s;
}

static int md_zone_cell(struct libscols_line *ln, size_t cell, int col,
			const void *row, const void *ctx,
			const struct md_opts *o)
{
	const struct md_zone *z = row;
	uint64_t blocks[MD_Z_ORDERS];
	char *s;
	unsigned int i;

	(void)ctx;
	(void)o;
	for (i = 0; i < ARRAY_SIZE(md_zone_u64s); i++) {
		if (md_zone_u64s[i].col != col)
			continue;
		if (col == ZCOL_PROMO && !z->has_promo)
			return 0;
		return md_cell_printf(ln, cell, "%" PRIu64,
				      *(const uint64_t *)((const char *)z +
							  md_zone_u64s[i].off));
	}
	switch (col) {
	case ZCOL_NODE:
		return md_cell_printf(ln, cell, "%u", z->node);
	case ZCOL_ZONE:
		return md_cell_set(ln, cell, z->name, false);
	case ZCOL_BLOCKS:
	case ZCOL_RESERVE:
		for (i = 0; i < z->norders; i++)
			blocks[i] = z->orders[i].blocks;
		s = col == ZCOL_BLOCKS ? md_u64_list(blocks, z->norders) :
					 md_u64_list(z->reserve, z->nreserve);
		return md_cell_take(ln, cell, s);
	}
	return 0;
}

/* ---- the order table ---------------------------------------------------- */

static bool md_order_wanted(uint32_t order)
{
	return !md_zones_args.has_order || md_zones_args.order == order;
}

static bool md_class_wanted(unsigned int c)
{
	return !md_zones_args.has_gfp || md_zones_args.gfp == c;
}

/* x1000 index as the debugfs files print it ("-1.000", "0.123"). */
static int md_index_cell(struct libscols_line *ln, size_t cell, int32_t v,
			 bool raw)
{
	int32_t a = v < 0 ? -v : v;

	if (raw)
		return md_cell_printf(ln, cell, "%d", v);
	return md_cell_printf(ln, cell, "%s%d.%03d", v < 0 ? "-" : "",
			      a / 1000, a % 1000);
}

static int md_orders_table(FILE *out, const struct md_opts *o,
			   const struct md_zones *zs)
{
	struct libscols_table *tb = md_table_new(o, "orders", out);
	static const char *const heads[MD_Z_CLASSES] = {
		"KERNEL", "ATOMIC", "HIGHUSER-MOVABLE",
	};
	size_t r, cell;
	unsigned int i, c;
	int ret = -ENOMEM;

	if (!tb)
		return -ENOMEM;
	if (!scols_table_new_column(tb, "NODE", 0, SCOLS_FL_RIGHT) ||
	    !scols_table_new_column(tb, "ZONE", 0, 0) ||
	    !scols_table_new_column(tb, "ORDER", 0, SCOLS_FL_RIGHT) ||
	    !scols_table_new_column(tb, "BLOCKS", 0, SCOLS_FL_RIGHT) ||
	    !scols_table_new_column(tb, "UNUSABLE", 0, SCOLS_FL_RIGHT) ||
	    !scols_table_new_column(tb, "EXTFRAG", 0, SCOLS_FL_RIGHT))
		goto out;
	for (c = 0; c < MD_Z_CLASSES; c++)
		if (md_class_wanted(c) &&
		    !scols_table_new_column(tb, heads[c], 0, 0))
			goto out;
	for (r = 0; r < zs->n; r++) {
		const struct md_zone *z = &zs->v[r];

		for (i = 0; i < z->norders; i++) {
			const struct md_zone_order *zo = &z->orders[i];
			struct libscols_line *ln;

			if (!md_order_wanted(zo->order))
				continue;
			ln = scols_table_new_line(tb, NULL);
			if (!ln ||
			    md_cell_printf(ln, 0, "%u", z->node) ||
			    md_cell_set(ln, 1, z->name, false) ||
			    md_cell_printf(ln, 2, "%u", zo->order) ||
			    md_cell_printf(ln, 3, "%" PRIu64, zo->blocks) ||
			    (zo->has_unusable &&
			     md_index_cell(ln, 4, (int32_t)zo->unusable, o->raw)) ||
			    (zo->has_extfrag &&
			     md_index_cell(ln, 5, zo->extfrag, o->raw)))
				goto out;
			cell = 6;
			for (c = 0; c < MD_Z_CLASSES; c++) {
				if (!md_class_wanted(c))
					continue;
				/* A zone above the class's highest: "-". */
				if (scols_line_set_data(ln, cell++,
							zo->has_check[c] ?
							md_verdict(zo->check[c]) : "-"))
					goto out;
			}
		}
	}
	ret = scols_print_table(tb);
out:
	scols_unref_table(tb);
	return ret;
}

/* ---- JSON --------------------------------------------------------------- */

static void md_json_index(struct md_json *j, const char *key, bool has,
			  int32_t v, bool raw)
{
	char buf[32];
	int32_t a = v < 0 ? -v : v;

	if (!has) {
		md_json_null(j, key);
		return;
	}
	/* A number, not a string: write it as the member's raw text. */
	if (raw)
		snprintf(buf, sizeof(buf), "%d", v);
	else
		snprintf(buf, sizeof(buf), "%s%d.%03d", v < 0 ? "-" : "",
			 a / 1000, a % 1000);
	md_json_number(j, key, buf);
}

static void md_zones_json(FILE *out, const struct md_opts *o,
			  const struct md_zones *zs)
{
	struct md_json j;
	size_t r;
	unsigned int i, t, c, k;

	md_json_begin(&j, out);
	md_json_arr_begin(&j, "zones");
	for (r = 0; r < zs->n; r++) {
		const struct md_zone *z = &zs->v[r];

		md_json_obj_begin(&j, NULL);
		md_json_u64(&j, "node", z->node);
		md_json_u64(&j, "zone", z->zone);
		md_json_str(&j, "name", z->name);
		md_json_u64(&j, "spanned", z->spanned);
		md_json_u64(&j, "present", z->present);
		md_json_u64(&j, "managed", z->managed);
		md_json_u64(&j, "free", z->free);
		md_json_u64(&j, "min", z->min);
		md_json_u64(&j, "low", z->low);
		md_json_u64(&j, "high", z->high);
		if (z->has_promo)
			md_json_u64(&j, "promo", z->promo);
		else
			md_json_null(&j, "promo");
		md_json_u64(&j, "boost", z->boost);
		md_json_u64_list(&j, "lowmem-reserve", z->reserve, z->nreserve);
		md_json_u64(&j, "highatomic", z->highatomic);
		md_json_u64(&j, "free-cma", z->free_cma);
		md_json_arr_begin(&j, "orders");
		for (i = 0; i < z->norders; i++) {
			const struct md_zone_order *zo = &z->orders[i];

			if (!md_order_wanted(zo->order))
				continue;
			md_json_obj_begin(&j, NULL);
			md_json_u64(&j, "order", zo->order);
			md_json_u64(&j, "free-blocks", zo->blocks);
			md_json_obj_begin(&j, "free-by-type");
			for (t = 0; t < zo->ntypes; t++)
				md_json_u64(&j, zo->types[t].name,
					    zo->types[t].count);
			md_json_obj_end(&j);
			md_json_arr_begin(&j, "truncated-types");
			for (t = 0; t < zo->ntypes; t++)
				if (zo->types[t].truncated)
					md_json_str(&j, NULL, zo->types[t].name);
			md_json_arr_end(&j);
			md_json_index(&j, "unusable-index", zo->has_unusable,
				      (int32_t)zo->unusable, o->raw);
			md_json_index(&j, "extfrag-index", zo->has_extfrag,
				      zo->extfrag, o->raw);
			md_json_obj_begin(&j, "checks");
			for (c = 0; c < MD_Z_CLASSES; c++) {
				if (!md_class_wanted(c) || !zo->has_check[c])
					continue;
				md_json_obj_begin(&j, md_class_names[c]);
				for (k = 0; k < 3; k++)
					md_json_str(&j, md_check_names[k],
						    md_check_word(zo->check[c][k]));
				md_json_str(&j, "verdict", md_verdict(zo->check[c]));
				md_json_obj_end(&j);
			}
			md_json_obj_end(&j);
			md_json_obj_end(&j);
		}
		md_json_arr_end(&j);
		md_json_obj_end(&j);
	}
	md_json_arr_end(&j);
	md_json_end(&j);
}

/* ---- the command -------------------------------------------------------- */

enum { OPT_NODE = MD_OPT_CMD, OPT_ORDER, OPT_GFP };

static const struct option md_zones_opts[] = {
	{ "node",  required_argument, NULL, OPT_NODE },
	{ "order", required_argument, NULL, OPT_ORDER },
	{ "gfp",   required_argument, NULL, OPT_GFP },
	{ NULL, 0, NULL, 0 }
};

static int md_zones_opt(int c, const char *arg)
{
	unsigned int i;

	switch (c) {
	case OPT_NODE:
		md_zones_args.has_node = true;
		return md_opt_u32("--node", arg, UINT32_MAX - 1,
				  &md_zones_args.node);
	case OPT_ORDER:
		/* The range is the running kernel's: checked on its reply. */
		md_zones_args.has_order = true;
		if (!md_parse_u32(arg, UINT32_MAX, &md_zones_args.order))
			return 0;
		md_err("invalid value '%s' for --order: expected a whole number, one of the running kernel's orders",
		       arg);
		return MD_EXIT_USAGE;
	case OPT_GFP:
		for (i = 0; i < MD_Z_CLASSES; i++) {
			/* GFP_KERNEL and gfp_kernel are fine too. */
			if (!strcasecmp(arg, md_class_names[i]) ||
			    (!strncasecmp(arg, "GFP_", 4) &&
			     !strcasecmp(arg + 4, md_class_names[i]))) {
				md_zones_args.has_gfp = true;
				md_zones_args.gfp = i;
				return 0;
			}
		}
		/* GFP_HIGHUSER_MOVABLE spelled with an underscore. */
		if (!strcasecmp(arg, "highuser_movable") ||
		    !strcasecmp(arg, "gfp_highuser_movable")) {
			md_zones_args.has_gfp = true;
			md_zones_args.gfp = MEMDIAG_GFP_CLASS_HIGHUSER_MOVABLE;
			return 0;
		}
		md_err("--gfp: unknown class '%s'; use kernel, atomic or highuser-movable",
		       arg);
		return MD_EXIT_USAGE;
	}
	return MD_EXIT_USAGE;
}

static int md_zones_run(const struct md_opts *o)
{
	struct md_zones zs = { 0 };
	struct nl_msg *req;
	struct md_nl nl;
	int ret;

	ret = md_nl_open(&nl, o->family);
	if (ret)
		return ret;
	req = md_nl_req(&nl, MEMDIAG_CMD_GET_ZONES, NLM_F_DUMP);
	if (req && md_zones_args.has_node &&
	    nla_put_u32(req, MEMDIAG_A_ZONE_NODE, md_zones_args.node) < 0) {
		nlmsg_free(req);
		req = NULL;
	}
	ret = md_nl_call(&nl, "get-zones", req, md_zone_reply, &zs);
	md_nl_close(&nl);
	if (ret)
		goto out;
	if (md_zones_args.has_order && zs.n &&
	    md_zones_args.order >= zs.v[0].norders) {
		md_err("--order: this kernel's orders are 0 to %u",
		       zs.v[0].norders - 1);
		ret = MD_EXIT_USAGE;
		goto out;
	}
	if (o->json) {
		md_zones_json(stdout, o, &zs);
	} else {
		ret = md_rows_print(o, "zones", md_zones_cols, zs.v, zs.n,
				    sizeof(*zs.v), md_zone_cell, NULL);
		if (!ret) {
			fputc('\n', stdout);
			ret = md_orders_table(stdout, o, &zs);
		}
		if (ret) {
			md_err("cannot print the zones: %s", strerror(-ret));
			ret = MD_EXIT_ERROR;
		}
	}
out:
	free(zs.v);
	return ret;
}

const struct md_cmd md_cmd_zones = {
	.name	   = "zones",
	.help	   = " zones                  every zone now: watermarks, free blocks per order,\n"
		     "                        fragmentation, and which orders can be allocated\n",
	.longopts  = md_zones_opts,
	.opthelp   = "     --node <n>         only the zones of NUMA node <n>\n"
		     "     --order <n>        only order <n> in the per-order verdicts\n"
		     "     --gfp <class>      only the verdicts of kernel, atomic or\n"
		     "                        highuser-movable (GFP_KERNEL, GFP_ATOMIC,\n"
		     "                        GFP_HIGHUSER_MOVABLE) requests\n",
	.cols	   = md_zones_cols,
	.ncols	   = ARRAY_SIZE(md_zones_cols),
	.colswhat  = "the zone table",
	.opt	   = md_zones_opt,
	.run	   = md_zones_run,
};
