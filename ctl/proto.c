// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl - decoding and encoding the memdiag family's attributes (see
 * proto.h and Documentation/netlink/specs/memdiag.yaml).
 *
 * Decoding is lenient where it costs nothing: attributes this memdiagctl
 * does not know are skipped (a newer module may send more) and missing
 * ones leave their field unset. Attributes of the wrong size or strings
 * without a NUL fail the whole message with -EBADMSG.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <netlink/genl/genl.h>

#include <linux/memdiag.h>

#include "compat.h"
#include "memdiagctl.h"
#include "proto.h"

static const struct nla_policy md_config_policy[MEMDIAG_A_CONFIG_MAX + 1] = {
	[MEMDIAG_A_CONFIG_RATE_LIMIT]	= { .type = NLA_U32 },
	[MEMDIAG_A_CONFIG_STACK_DEPTH]	= { .type = NLA_U32 },
	[MEMDIAG_A_CONFIG_RING_SIZE]	= { .type = NLA_U32 },
};

static const struct nla_policy md_feature_policy[MEMDIAG_A_FEATURE_MAX + 1] = {
	[MEMDIAG_A_FEATURE_ID]		= { .type = NLA_U32 },
	[MEMDIAG_A_FEATURE_NAME]	= { .type = NLA_STRING },
	[MEMDIAG_A_FEATURE_STATE]	= { .type = NLA_U32 },
	[MEMDIAG_A_FEATURE_MESSAGE]	= { .type = NLA_STRING },
};

static const struct nla_policy md_status_policy[MEMDIAG_A_STATUS_MAX + 1] = {
	[MEMDIAG_A_STATUS_VERSION]	  = { .type = NLA_STRING },
	[MEMDIAG_A_STATUS_KERNEL_RELEASE] = { .type = NLA_STRING },
	[MEMDIAG_A_STATUS_FAMILY_VERSION] = { .type = NLA_U32 },
	[MEMDIAG_A_STATUS_FEATURE]	  = { .type = NLA_NESTED },
	[MEMDIAG_A_STATUS_CONFIG]	  = { .type = NLA_NESTED },
	[MEMDIAG_A_STATUS_MEM_BYTES]	  = { .type = NLA_U64 },
	[MEMDIAG_A_STATUS_LOADED_NS]	  = { .type = NLA_U64 },
};

/* The spec's names for enum memdiag_feature_state; NULL if unknown. */
const char *md_feature_state_name(uint32_t state)
{
	static const char *const names[] = {
		[MEMDIAG_FEATURE_STATE_OK]	    = "ok",
		[MEMDIAG_FEATURE_STATE_DISABLED]    = "disabled",
		[MEMDIAG_FEATURE_STATE_UNAVAILABLE] = "unavailable",
		[MEMDIAG_FEATURE_STATE_FAILED]	    = "failed",
		[MEMDIAG_FEATURE_STATE_DEGRADED]    = "degraded",
	};

	return state < ARRAY_SIZE(names) ? names[state] : NULL;
}

/* A string attribute (NUL-terminated: the policy checked) as a copy. */
static int md_strdup_attr(struct nlattr *nla, char **out)
{
	if (!nla)
		return 0;
	*out = strdup(nla_data(nla));
	return *out ? 0 : -ENOMEM;
}

int md_config_parse(struct nlattr *nest, struct md_config *cfg)
{
	struct nlattr *tb[MEMDIAG_A_CONFIG_MAX + 1];

	memset(cfg, 0, sizeof(*cfg));
	if (md_nla_parse_nested(tb, MEMDIAG_A_CONFIG_MAX, nest,
			     md_config_policy) < 0)
		return -EBADMSG;
	if (tb[MEMDIAG_A_CONFIG_RATE_LIMIT]) {
		cfg->rate_limit = nla_get_u32(tb[MEMDIAG_A_CONFIG_RATE_LIMIT]);
		cfg->present |= MD_CFG_RATE_LIMIT;
	}
	if (tb[MEMDIAG_A_CONFIG_STACK_DEPTH]) {
		cfg->stack_depth = nla_get_u32(tb[MEMDIAG_A_CONFIG_STACK_DEPTH]);
		cfg->present |= MD_CFG_STACK_DEPTH;
	}
	if (tb[MEMDIAG_A_CONFIG_RING_SIZE]) {
		cfg->ring_size = nla_get_u32(tb[MEMDIAG_A_CONFIG_RING_SIZE]);
		cfg->present |= MD_CFG_RING_SIZE;
	}
	return 0;
}

/* The SET_CONFIG reply: a status-set message holding the config nest. */
int md_config_reply_parse(struct nlmsghdr *nlh, struct md_config *cfg)
{
	struct nlattr *tb[MEMDIAG_A_STATUS_MAX + 1];

	memset(cfg, 0, sizeof(*cfg));
	if (!genlmsg_valid_hdr(nlh, 0) ||
	    md_genlmsg_parse(nlh, 0, tb, MEMDIAG_A_STATUS_MAX,
			  md_status_policy) < 0 ||
	    !tb[MEMDIAG_A_STATUS_CONFIG])
		return -EBADMSG;
	return md_config_parse(tb[MEMDIAG_A_STATUS_CONFIG], cfg);
}

/*
 * Add the settings @cfg->present names to @msg as nest @attr. NLA_F_NESTED
 * is set explicitly: the family validates strictly and rejects a nest
 * without it, and older libnl's nla_nest_start() leaves it out.
 */
int md_config_put(struct nl_msg *msg, int attr, const struct md_config *cfg)
{
	struct nlattr *nest;

	if (!cfg->present)
		return -EINVAL;
	nest = nla_nest_start(msg, attr | NLA_F_NESTED);
	if (!nest)
		return -EMSGSIZE;
	if (((cfg->present & MD_CFG_RATE_LIMIT) &&
	     nla_put_u32(msg, MEMDIAG_A_CONFIG_RATE_LIMIT, cfg->rate_limit) < 0) ||
	    ((cfg->present & MD_CFG_STACK_DEPTH) &&
	     nla_put_u32(msg, MEMDIAG_A_CONFIG_STACK_DEPTH, cfg->stack_depth) < 0) ||
	    ((cfg->present & MD_CFG_RING_SIZE) &&
	     nla_put_u32(msg, MEMDIAG_A_CONFIG_RING_SIZE, cfg->ring_size) < 0)) {
		nla_nest_cancel(msg, nest);
		return -EMSGSIZE;
	}
	if (nla_nest_end(msg, nest) < 0)
		return -EMSGSIZE;
	return 0;
}

static int md_feature_parse(struct nlattr *nest, struct md_feature *f)
{
	struct nlattr *tb[MEMDIAG_A_FEATURE_MAX + 1];
	int ret;

	if (md_nla_parse_nested(tb, MEMDIAG_A_FEATURE_MAX, nest,
			     md_feature_policy) < 0)
		return -EBADMSG;
	if (tb[MEMDIAG_A_FEATURE_ID]) {
		f->id = nla_get_u32(tb[MEMDIAG_A_FEATURE_ID]);
		f->has_id = true;
	}
	if (tb[MEMDIAG_A_FEATURE_STATE]) {
		f->state = nla_get_u32(tb[MEMDIAG_A_FEATURE_STATE]);
		f->has_state = true;
	}
	ret = md_strdup_attr(tb[MEMDIAG_A_FEATURE_NAME], &f->name);
	if (!ret)
		ret = md_strdup_attr(tb[MEMDIAG_A_FEATURE_MESSAGE], &f->message);
	return ret;
}

void md_status_free(struct md_status *st)
{
	size_t i;

	for (i = 0; i < st->nr_features; i++) {
		free(st->features[i].name);
		free(st->features[i].message);
	}
	free(st->features);
	free(st->version);
	free(st->kernel_release);
	memset(st, 0, sizeof(*st));
}

/* Decode a GET_STATUS reply into @st (zeroed first; freed on failure). */
int md_status_parse(struct nlmsghdr *nlh, struct md_status *st)
{
	struct nlattr *tb[MEMDIAG_A_STATUS_MAX + 1], *nla, *attrs;
	struct genlmsghdr *gnlh;
	int len, rem, ret;
	size_t n = 0;

	memset(st, 0, sizeof(*st));
	/* genlmsg_parse() validates every attribute, repeated ones too. */
	if (!genlmsg_valid_hdr(nlh, 0) ||
	    md_genlmsg_parse(nlh, 0, tb, MEMDIAG_A_STATUS_MAX,
			  md_status_policy) < 0)
		return -EBADMSG;

	ret = md_strdup_attr(tb[MEMDIAG_A_STATUS_VERSION], &st->version);
	if (!ret)
		ret = md_strdup_attr(tb[MEMDIAG_A_STATUS_KERNEL_RELEASE],
				     &st->kernel_release);
	if (ret)
		goto fail;
	if (tb[MEMDIAG_A_STATUS_FAMILY_VERSION]) {
		st->family_version =
			nla_get_u32(tb[MEMDIAG_A_STATUS_FAMILY_VERSION]);
		st->present |= MD_ST_FAMILY_VERSION;
	}
	if (tb[MEMDIAG_A_STATUS_MEM_BYTES]) {
		st->mem_bytes = nla_get_u64(tb[MEMDIAG_A_STATUS_MEM_BYTES]);
		st->present |= MD_ST_MEM_BYTES;
	}
	if (tb[MEMDIAG_A_STATUS_LOADED_NS]) {
		st->loaded_ns = nla_get_u64(tb[MEMDIAG_A_STATUS_LOADED_NS]);
		st->present |= MD_ST_LOADED_NS;
	}
	if (tb[MEMDIAG_A_STATUS_CONFIG]) {
		ret = md_config_parse(tb[MEMDIAG_A_STATUS_CONFIG], &st->config);
		if (ret)
			goto fail;
		st->present |= MD_ST_CONFIG;
	}

	/* FEATURE is multi-attr: tb[] only holds the last one. */
	gnlh = genlmsg_hdr(nlh);
	attrs = genlmsg_attrdata(gnlh, 0);
	len = genlmsg_attrlen(gnlh, 0);
	nla_for_each_attr(nla, attrs, len, rem)
		if (nla_type(nla) == MEMDIAG_A_STATUS_FEATURE)
			n++;
	if (n) {
		st->features = calloc(n, sizeof(*st->features));
		if (!st->features) {
			ret = -ENOMEM;
			goto fail;
		}
	}
	nla_for_each_attr(nla, attrs, len, rem) {
		if (nla_type(nla) != MEMDIAG_A_STATUS_FEATURE)
			continue;
		/* Count it first, so that md_status_free() frees its strings. */
		ret = md_feature_parse(nla, &st->features[st->nr_features++]);
		if (ret)
			goto fail;
	}
	return 0;
fail:
	md_status_free(st);
	return ret;
}

/* ---- allocation failures ------------------------------------------------ */

/*
 * The attribute numbers double as bits of the @present masks; a module
 * with more attributes than that is newer than these bits, and its extra
 * attributes are skipped like any other unknown one.
 */
_Static_assert(MEMDIAG_A_EVENT_MAX < 32 && MEMDIAG_A_COUNTERS_MAX < 32 &&
	       MEMDIAG_A_ORDER_COUNT_MAX < 32 &&
	       MEMDIAG_A_NODE_COUNT_MAX < 32 && MEMDIAG_A_ZONE_SNAP_MAX < 32,
	       "attribute numbers must fit the present masks");

static const struct nla_policy md_order_count_policy[MEMDIAG_A_ORDER_COUNT_MAX + 1] = {
	[MEMDIAG_A_ORDER_COUNT_KIND]	      = { .type = NLA_U32 },
	[MEMDIAG_A_ORDER_COUNT_ORDER]	      = { .type = NLA_U32 },
	[MEMDIAG_A_ORDER_COUNT_COUNT]	      = { .type = NLA_U64 },
	[MEMDIAG_A_ORDER_COUNT_NOWARN]	      = { .type = NLA_U64 },
	[MEMDIAG_A_ORDER_COUNT_ATOMIC]	      = { .type = NLA_U64 },
	[MEMDIAG_A_ORDER_COUNT_NOWARN_ATOMIC] = { .type = NLA_U64 },
	[MEMDIAG_A_ORDER_COUNT_LAST_NS]	      = { .type = NLA_U64 },
	[MEMDIAG_A_ORDER_COUNT_LAST_REAL_NS]  = { .type = NLA_U64 },
};

static const struct nla_policy md_node_count_policy[MEMDIAG_A_NODE_COUNT_MAX + 1] = {
	[MEMDIAG_A_NODE_COUNT_NODE]	= { .type = NLA_U32 },
	[MEMDIAG_A_NODE_COUNT_COUNT]	= { .type = NLA_U64 },
};

static const struct nla_policy md_counters_policy[MEMDIAG_A_COUNTERS_MAX + 1] = {
	[MEMDIAG_A_COUNTERS_TOTAL]	 = { .type = NLA_U64 },
	[MEMDIAG_A_COUNTERS_RECORDED]	 = { .type = NLA_U64 },
	[MEMDIAG_A_COUNTERS_OVERWRITTEN] = { .type = NLA_U64 },
	[MEMDIAG_A_COUNTERS_SUPPRESSED]	 = { .type = NLA_U64 },
	[MEMDIAG_A_COUNTERS_LOST]	 = { .type = NLA_U64 },
	[MEMDIAG_A_COUNTERS_MISSED]	 = { .type = NLA_U64 },
	[MEMDIAG_A_COUNTERS_FIRST_SEQ]	 = { .type = NLA_U64 },
	[MEMDIAG_A_COUNTERS_NEXT_SEQ]	 = { .type = NLA_U64 },
	[MEMDIAG_A_COUNTERS_ORDER_COUNT] = { .type = NLA_NESTED },
	[MEMDIAG_A_COUNTERS_NODE_COUNT]	 = { .type = NLA_NESTED },
	[MEMDIAG_A_COUNTERS_RESET_NS]	 = { .type = NLA_U64 },
};

static const struct nla_policy md_zone_snap_policy[MEMDIAG_A_ZONE_SNAP_MAX + 1] = {
	[MEMDIAG_A_ZONE_SNAP_NODE]	     = { .type = NLA_U32 },
	[MEMDIAG_A_ZONE_SNAP_ZONE]	     = { .type = NLA_U32 },
	[MEMDIAG_A_ZONE_SNAP_NAME]	     = { .type = NLA_STRING },
	[MEMDIAG_A_ZONE_SNAP_FREE]	     = { .type = NLA_U64 },
	[MEMDIAG_A_ZONE_SNAP_MIN]	     = { .type = NLA_U64 },
	[MEMDIAG_A_ZONE_SNAP_LOW]	     = { .type = NLA_U64 },
	[MEMDIAG_A_ZONE_SNAP_HIGH]	     = { .type = NLA_U64 },
	[MEMDIAG_A_ZONE_SNAP_BOOST]	     = { .type = NLA_U64 },
	[MEMDIAG_A_ZONE_SNAP_MANAGED]	     = { .type = NLA_U64 },
	[MEMDIAG_A_ZONE_SNAP_HIGHATOMIC]     = { .type = NLA_U64 },
	[MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS]    = { .type = NLA_U64 },
	[MEMDIAG_A_ZONE_SNAP_LOWMEM_RESERVE] = { .type = NLA_U64 },
};

static const struct nla_policy md_event_policy[MEMDIAG_A_EVENT_MAX + 1] = {
	[MEMDIAG_A_EVENT_SEQ]		 = { .type = NLA_U64 },
	[MEMDIAG_A_EVENT_SINCE]		 = { .type = NLA_U64 },
	[MEMDIAG_A_EVENT_MISSED_BEFORE]	 = { .type = NLA_U64 },
	[MEMDIAG_A_EVENT_BOOT_NS]	 = { .type = NLA_U64 },
	[MEMDIAG_A_EVENT_REAL_NS]	 = { .type = NLA_U64 },
	[MEMDIAG_A_EVENT_KIND]		 = { .type = NLA_U32 },
	[MEMDIAG_A_EVENT_ORDER]		 = { .type = NLA_U32 },
	[MEMDIAG_A_EVENT_SIZE]		 = { .type = NLA_U64 },
	[MEMDIAG_A_EVENT_VMALLOC_STEP]	 = { .type = NLA_U32 },
	[MEMDIAG_A_EVENT_GFP]		 = { .type = NLA_U32 },
	[MEMDIAG_A_EVENT_GFP_NAMES]	 = { .type = NLA_STRING },
	[MEMDIAG_A_EVENT_CLASS]		 = { .type = NLA_U32 },
	[MEMDIAG_A_EVENT_NODEMASK]	 = { .type = NLA_STRING },
	[MEMDIAG_A_EVENT_PREFERRED_NODE] = { .type = NLA_U32 },
	[MEMDIAG_A_EVENT_HIGH_ZONE]	 = { .type = NLA_U32 },
	[MEMDIAG_A_EVENT_PID]		 = { .type = NLA_U32 },
	[MEMDIAG_A_EVENT_TGID]		 = { .type = NLA_U32 },
	[MEMDIAG_A_EVENT_COMM]		 = { .type = NLA_STRING },
	[MEMDIAG_A_EVENT_CGROUP_ID]	 = { .type = NLA_U64 },
	[MEMDIAG_A_EVENT_CGROUP_PATH]	 = { .type = NLA_STRING },
	[MEMDIAG_A_EVENT_CONTEXT]	 = { .type = NLA_U32 },
	[MEMDIAG_A_EVENT_STACK]		 = { .type = NLA_STRING },
	[MEMDIAG_A_EVENT_ZONE]		 = { .type = NLA_NESTED },
	[MEMDIAG_A_EVENT_ZONES_TRUNCATED] = { .type = NLA_U32 },
};

/* The spec's names for the enums; NULL for a value this tool does not know. */
const char *md_kind_name(uint32_t kind)
{
	static const char *const names[] = {
		[MEMDIAG_FAILURE_KIND_PAGE]	= "page",
		[MEMDIAG_FAILURE_KIND_VMALLOC]	= "vmalloc",
		[MEMDIAG_FAILURE_KIND_VMEMMAP]	= "vmemmap",
		[MEMDIAG_FAILURE_KIND_OTHER]	= "other",
	};

	return kind < ARRAY_SIZE(names) ? names[kind] : NULL;
}

const char *md_vmalloc_step_name(uint32_t step)
{
	static const char *const names[] = {
		[MEMDIAG_VMALLOC_STEP_NONE]	  = "none",
		[MEMDIAG_VMALLOC_STEP_PAGE_ARRAY] = "page-array",
		[MEMDIAG_VMALLOC_STEP_PAGES]	  = "pages",
		[MEMDIAG_VMALLOC_STEP_MAP]	  = "map",
		[MEMDIAG_VMALLOC_STEP_SIZE]	  = "size",
		[MEMDIAG_VMALLOC_STEP_VM_STRUCT]  = "vm-struct",
		[MEMDIAG_VMALLOC_STEP_OTHER]	  = "other",
	};

	return step < ARRAY_SIZE(names) ? names[step] : NULL;
}

const char *md_context_name(uint32_t context)
{
	static const char *const names[] = {
		[MEMDIAG_CONTEXT_PROCESS] = "process",
		[MEMDIAG_CONTEXT_SOFTIRQ] = "softirq",
		[MEMDIAG_CONTEXT_HARDIRQ] = "hardirq",
		[MEMDIAG_CONTEXT_NMI]	  = "nmi",
	};

	return context < ARRAY_SIZE(names) ? names[context] : NULL;
}

/* The name of one MEMDIAG_CLASS_* bit; NULL if unknown. */
const char *md_class_name(uint32_t bit)
{
	switch (bit) {
	case MEMDIAG_CLASS_NOWARN:
		return "nowarn";
	case MEMDIAG_CLASS_ATOMIC:
		return "atomic";
	}
	return NULL;
}

const char *md_swapoff_cause_name(uint32_t cause)
{
	static const char *const names[] = {
		[MEMDIAG_SWAPOFF_CAUSE_SUCCESS]	    = "success",
		[MEMDIAG_SWAPOFF_CAUSE_REFUSED]	    = "refused",
		[MEMDIAG_SWAPOFF_CAUSE_COMMIT]	    = "commit",
		[MEMDIAG_SWAPOFF_CAUSE_MEMCG]	    = "memcg",
		[MEMDIAG_SWAPOFF_CAUSE_NOMEM_OTHER] = "nomem-other",
		[MEMDIAG_SWAPOFF_CAUSE_SIGNAL]	    = "signal",
		[MEMDIAG_SWAPOFF_CAUSE_OOM_VICTIM]  = "oom-victim",
	};

	return cause < ARRAY_SIZE(names) ? names[cause] : NULL;
}

const char *md_swapoff_outcome_name(uint32_t outcome)
{
	static const char *const names[] = {
		[MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN]   = "unknown",
		[MEMDIAG_SWAPOFF_OUTCOME_EINTR]	    = "EINTR",
		[MEMDIAG_SWAPOFF_OUTCOME_RESTARTED] = "restarted",
		[MEMDIAG_SWAPOFF_OUTCOME_KILLED]    = "killed",
	};

	return outcome < ARRAY_SIZE(names) ? names[outcome] : NULL;
}

/*
 * The kernel's own restart codes (include/linux/errno.h, not in the
 * uapi): a syscall returns them when a signal is pending; the caller
 * never sees them (EINTR or a restart instead).
 */
const char *md_kernel_errno_name(int32_t r)
{
	switch (-r) {
	case 512: return "ERESTARTSYS";
	case 513: return "ERESTARTNOINTR";
	case 514: return "ERESTARTNOHAND";
	case 516: return "ERESTART_RESTARTBLOCK";
	}
	return NULL;
}

void md_nla_str(char *dst, size_t size, const struct nlattr *a)
{
	size_t n = strnlen(nla_data(a), nla_len(a));

	if (n >= size)
		n = size - 1;
	memcpy(dst, nla_data(a), n);
	dst[n] = '\0';
}

/* A u32 or u64 attribute copied into a struct member. */
struct md_field {
	uint16_t attr;
	bool u64;
	size_t off;
};

#define MD_F32(attr, type, member) { attr, false, offsetof(type, member) }
#define MD_F64(attr, type, member) { attr, true, offsetof(type, member) }

/* Copy the fields @tb holds (validated by a policy) into @obj. */
static void md_fields_get(struct nlattr **tb, const struct md_field *f,
			  size_t n, void *obj, uint32_t *present)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct nlattr *a = tb[f[i].attr];
		char *p = (char *)obj + f[i].off;

		if (!a)
			continue;
		if (f[i].u64) {
			uint64_t v = nla_get_u64(a);

			memcpy(p, &v, sizeof(v));
		} else {
			uint32_t v = nla_get_u32(a);

			memcpy(p, &v, sizeof(v));
		}
		*present |= MD_BIT(f[i].attr);
	}
}

/* How many attributes of @type the stream holds (a multi-attr). */
static size_t md_count_attrs(struct nlattr *head, int len, int type)
{
	struct nlattr *nla;
	size_t n = 0;
	int rem;

	nla_for_each_attr(nla, head, len, rem)
		if (nla_type(nla) == type)
			n++;
	return n;
}

/* A multi-attr u64 (validated) as an array; *@arr NULL when there is none. */
static int md_u64_array(struct nlattr *head, int len, int type,
			uint64_t **arr, size_t *n)
{
	size_t cnt = md_count_attrs(head, len, type);
	struct nlattr *nla;
	int rem;

	*arr = NULL;
	*n = 0;
	if (!cnt)
		return 0;
	*arr = calloc(cnt, sizeof(**arr));
	if (!*arr)
		return -ENOMEM;
	nla_for_each_attr(nla, head, len, rem)
		if (nla_type(nla) == type)
			(*arr)[(*n)++] = nla_get_u64(nla);
	return 0;
}

static const struct md_field md_order_count_fields[] = {
	MD_F32(MEMDIAG_A_ORDER_COUNT_KIND, struct md_order_count, kind),
	MD_F32(MEMDIAG_A_ORDER_COUNT_ORDER, struct md_order_count, order),
	MD_F64(MEMDIAG_A_ORDER_COUNT_COUNT, struct md_order_count, count),
	MD_F64(MEMDIAG_A_ORDER_COUNT_NOWARN, struct md_order_count, nowarn),
	MD_F64(MEMDIAG_A_ORDER_COUNT_ATOMIC, struct md_order_count, atomic),
	MD_F64(MEMDIAG_A_ORDER_COUNT_NOWARN_ATOMIC, struct md_order_count,
	       nowarn_atomic),
	MD_F64(MEMDIAG_A_ORDER_COUNT_LAST_NS, struct md_order_count, last_ns),
	MD_F64(MEMDIAG_A_ORDER_COUNT_LAST_REAL_NS, struct md_order_count,
	       last_real_ns),
};

static const struct md_field md_node_count_fields[] = {
	MD_F32(MEMDIAG_A_NODE_COUNT_NODE, struct md_node_count, node),
	MD_F64(MEMDIAG_A_NODE_COUNT_COUNT, struct md_node_count, count),
};

static const struct md_field md_counters_fields[] = {
	MD_F64(MEMDIAG_A_COUNTERS_TOTAL, struct md_counters, total),
	MD_F64(MEMDIAG_A_COUNTERS_RECORDED, struct md_counters, recorded),
	MD_F64(MEMDIAG_A_COUNTERS_OVERWRITTEN, struct md_counters, overwritten),
	MD_F64(MEMDIAG_A_COUNTERS_SUPPRESSED, struct md_counters, suppressed),
	MD_F64(MEMDIAG_A_COUNTERS_LOST, struct md_counters, lost),
	MD_F64(MEMDIAG_A_COUNTERS_MISSED, struct md_counters, missed),
	MD_F64(MEMDIAG_A_COUNTERS_FIRST_SEQ, struct md_counters, first_seq),
	MD_F64(MEMDIAG_A_COUNTERS_NEXT_SEQ, struct md_counters, next_seq),
	MD_F64(MEMDIAG_A_COUNTERS_RESET_NS, struct md_counters, reset_ns),
};

void md_counters_free(struct md_counters *c)
{
	free(c->orders);
	free(c->nodes);
	memset(c, 0, sizeof(*c));
}

/* Decode a GET_COUNTERS reply into @c (zeroed first; freed on failure). */
int md_counters_parse(struct nlmsghdr *nlh, struct md_counters *c)
{
	struct nlattr *tb[MEMDIAG_A_COUNTERS_MAX + 1], *nla, *attrs;
	struct genlmsghdr *gnlh;
	int len, rem, ret = -EBADMSG;

	memset(c, 0, sizeof(*c));
	if (!genlmsg_valid_hdr(nlh, 0) ||
	    md_genlmsg_parse(nlh, 0, tb, MEMDIAG_A_COUNTERS_MAX,
			  md_counters_policy) < 0)
		return -EBADMSG;
	md_fields_get(tb, md_counters_fields, ARRAY_SIZE(md_counters_fields),
		      c, &c->present);

	gnlh = genlmsg_hdr(nlh);
	attrs = genlmsg_attrdata(gnlh, 0);
	len = genlmsg_attrlen(gnlh, 0);
	c->orders = calloc(md_count_attrs(attrs, len,
					  MEMDIAG_A_COUNTERS_ORDER_COUNT) + 1,
			   sizeof(*c->orders));
	c->nodes = calloc(md_count_attrs(attrs, len,
					 MEMDIAG_A_COUNTERS_NODE_COUNT) + 1,
			  sizeof(*c->nodes));
	if (!c->orders || !c->nodes) {
		ret = -ENOMEM;
		goto fail;
	}
	nla_for_each_attr(nla, attrs, len, rem) {
		struct nlattr *otb[MEMDIAG_A_ORDER_COUNT_MAX + 1];
		struct nlattr *ntb[MEMDIAG_A_NODE_COUNT_MAX + 1];

		if (nla_type(nla) == MEMDIAG_A_COUNTERS_ORDER_COUNT) {
			struct md_order_count *oc = &c->orders[c->nr_orders++];

			if (md_nla_parse_nested(otb, MEMDIAG_A_ORDER_COUNT_MAX, nla,
					     md_order_count_policy) < 0)
				goto fail;
			md_fields_get(otb, md_order_count_fields,
				      ARRAY_SIZE(md_order_count_fields), oc,
				      &oc->present);
		} else if (nla_type(nla) == MEMDIAG_A_COUNTERS_NODE_COUNT) {
			struct md_node_count *nc = &c->nodes[c->nr_nodes++];

			if (md_nla_parse_nested(ntb, MEMDIAG_A_NODE_COUNT_MAX, nla,
					     md_node_count_policy) < 0)
				goto fail;
			md_fields_get(ntb, md_node_count_fields,
				      ARRAY_SIZE(md_node_count_fields), nc,
				      &nc->present);
		}
	}
	return 0;
fail:
	md_counters_free(c);
	return ret;
}

static const struct md_field md_zone_snap_fields[] = {
	MD_F32(MEMDIAG_A_ZONE_SNAP_NODE, struct md_zone_snap, node),
	MD_F32(MEMDIAG_A_ZONE_SNAP_ZONE, struct md_zone_snap, zone),
	MD_F64(MEMDIAG_A_ZONE_SNAP_FREE, struct md_zone_snap, free),
	MD_F64(MEMDIAG_A_ZONE_SNAP_MIN, struct md_zone_snap, min),
	MD_F64(MEMDIAG_A_ZONE_SNAP_LOW, struct md_zone_snap, low),
	MD_F64(MEMDIAG_A_ZONE_SNAP_HIGH, struct md_zone_snap, high),
	MD_F64(MEMDIAG_A_ZONE_SNAP_BOOST, struct md_zone_snap, boost),
	MD_F64(MEMDIAG_A_ZONE_SNAP_MANAGED, struct md_zone_snap, managed),
	MD_F64(MEMDIAG_A_ZONE_SNAP_HIGHATOMIC, struct md_zone_snap, highatomic),
	MD_F64(MEMDIAG_A_ZONE_SNAP_FREE_CMA, struct md_zone_snap, free_cma),
};

static const struct md_field md_event_fields[] = {
	MD_F64(MEMDIAG_A_EVENT_SEQ, struct md_event, seq),
	MD_F64(MEMDIAG_A_EVENT_MISSED_BEFORE, struct md_event, missed_before),
	MD_F64(MEMDIAG_A_EVENT_BOOT_NS, struct md_event, boot_ns),
	MD_F64(MEMDIAG_A_EVENT_REAL_NS, struct md_event, real_ns),
	MD_F32(MEMDIAG_A_EVENT_KIND, struct md_event, kind),
	MD_F32(MEMDIAG_A_EVENT_ORDER, struct md_event, order),
	MD_F64(MEMDIAG_A_EVENT_SIZE, struct md_event, size),
	MD_F32(MEMDIAG_A_EVENT_VMALLOC_STEP, struct md_event, vmalloc_step),
	MD_F32(MEMDIAG_A_EVENT_GFP, struct md_event, gfp),
	MD_F32(MEMDIAG_A_EVENT_CLASS, struct md_event, class),
	MD_F32(MEMDIAG_A_EVENT_PREFERRED_NODE, struct md_event, preferred_node),
	MD_F32(MEMDIAG_A_EVENT_HIGH_ZONE, struct md_event, high_zone),
	MD_F32(MEMDIAG_A_EVENT_PID, struct md_event, pid),
	MD_F32(MEMDIAG_A_EVENT_TGID, struct md_event, tgid),
	MD_F64(MEMDIAG_A_EVENT_CGROUP_ID, struct md_event, cgroup_id),
	MD_F32(MEMDIAG_A_EVENT_CONTEXT, struct md_event, context),
	MD_F32(MEMDIAG_A_EVENT_ZONES_TRUNCATED, struct md_event,
	       zones_truncated),
};

static int md_zone_parse(struct nlattr *nest, struct md_zone_snap *z)
{
	struct nlattr *tb[MEMDIAG_A_ZONE_SNAP_MAX + 1];
	int ret;

	if (md_nla_parse_nested(tb, MEMDIAG_A_ZONE_SNAP_MAX, nest,
			     md_zone_snap_policy) < 0)
		return -EBADMSG;
	md_fields_get(tb, md_zone_snap_fields, ARRAY_SIZE(md_zone_snap_fields),
		      z, &z->present);
	ret = md_strdup_attr(tb[MEMDIAG_A_ZONE_SNAP_NAME], &z->name);
	if (!ret)
		ret = md_u64_array(nla_data(nest), nla_len(nest),
				   MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS,
				   &z->free_blocks, &z->nr_free_blocks);
	if (!ret)
		ret = md_u64_array(nla_data(nest), nla_len(nest),
				   MEMDIAG_A_ZONE_SNAP_LOWMEM_RESERVE,
				   &z->lowmem_reserve, &z->nr_lowmem_reserve);
	return ret;
}

void md_event_free(struct md_event *ev)
{
	size_t i;

	for (i = 0; i < ev->nr_stack; i++)
		free(ev->stack[i]);
	free(ev->stack);
	for (i = 0; i < ev->nr_zones; i++) {
		free(ev->zones[i].name);
		free(ev->zones[i].free_blocks);
		free(ev->zones[i].lowmem_reserve);
	}
	free(ev->zones);
	free(ev->gfp_names);
	free(ev->nodemask);
	free(ev->comm);
	free(ev->cgroup_path);
	memset(ev, 0, sizeof(*ev));
}

/*
 * Decode one failure record (a GET_EVENTS dump message or a FAILURE_NTF)
 * into @ev (zeroed first; freed on failure).
 */
int md_event_parse(struct nlmsghdr *nlh, struct md_event *ev)
{
	struct nlattr *tb[MEMDIAG_A_EVENT_MAX + 1], *nla, *attrs;
	struct genlmsghdr *gnlh;
	int len, rem, ret;

	memset(ev, 0, sizeof(*ev));
	if (!genlmsg_valid_hdr(nlh, 0) ||
	    md_genlmsg_parse(nlh, 0, tb, MEMDIAG_A_EVENT_MAX, md_event_policy) < 0)
		return -EBADMSG;
	md_fields_get(tb, md_event_fields, ARRAY_SIZE(md_event_fields), ev,
		      &ev->present);
	ret = md_strdup_attr(tb[MEMDIAG_A_EVENT_GFP_NAMES], &ev->gfp_names);
	if (!ret)
		ret = md_strdup_attr(tb[MEMDIAG_A_EVENT_NODEMASK], &ev->nodemask);
	if (!ret)
		ret = md_strdup_attr(tb[MEMDIAG_A_EVENT_COMM], &ev->comm);
	if (!ret)
		ret = md_strdup_attr(tb[MEMDIAG_A_EVENT_CGROUP_PATH],
				     &ev->cgroup_path);
	if (ret)
		goto fail;

	/* STACK and ZONE are multi-attr: tb[] only holds the last one. */
	gnlh = genlmsg_hdr(nlh);
	attrs = genlmsg_attrdata(gnlh, 0);
	len = genlmsg_attrlen(gnlh, 0);
	ev->stack = calloc(md_count_attrs(attrs, len, MEMDIAG_A_EVENT_STACK) + 1,
			   sizeof(*ev->stack));
	ev->zones = calloc(md_count_attrs(attrs, len, MEMDIAG_A_EVENT_ZONE) + 1,
			   sizeof(*ev->zones));
	if (!ev->stack || !ev->zones) {
		ret = -ENOMEM;
		goto fail;
	}
	nla_for_each_attr(nla, attrs, len, rem) {
		if (nla_type(nla) == MEMDIAG_A_EVENT_STACK) {
			ret = md_strdup_attr(nla, &ev->stack[ev->nr_stack]);
			if (ret)
				goto fail;
			ev->nr_stack++;
		} else if (nla_type(nla) == MEMDIAG_A_EVENT_ZONE) {
			/* Count it first, so that md_event_free() frees it. */
			ret = md_zone_parse(nla, &ev->zones[ev->nr_zones++]);
			if (ret)
				goto fail;
		}
	}
	return 0;
fail:
	md_event_free(ev);
	return ret;
}

/* The GET_EVENTS request's attributes: SINCE, if asked for. */
int md_events_req_put(struct nl_msg *msg, bool has_since, uint64_t since)
{
	if (has_since && nla_put_u64(msg, MEMDIAG_A_EVENT_SINCE, since) < 0)
		return -EMSGSIZE;
	return 0;
}

/*
 * What a message received on the watch socket is: a failure record of the
 * family @family_id (-1 when unknown), a controller notification saying
 * that family @family_name came or went, or neither.
 * @nlh->nlmsg_len must have been checked against what was received.
 */
enum md_ntf md_ntf_classify(struct nlmsghdr *nlh, int family_id,
			    const char *family_name)
{
	static const struct nla_policy policy[CTRL_ATTR_MAX + 1] = {
		[CTRL_ATTR_FAMILY_NAME] = { .type = NLA_STRING },
	};
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	uint8_t cmd;

	if (nlh->nlmsg_type < NLMSG_MIN_TYPE || !genlmsg_valid_hdr(nlh, 0))
		return MD_NTF_IGNORE;
	cmd = genlmsg_hdr(nlh)->cmd;
	if (family_id > 0 && nlh->nlmsg_type == family_id)
		return cmd == MEMDIAG_CMD_FAILURE_NTF ? MD_NTF_EVENT :
							 MD_NTF_IGNORE;
	/*
	 * Not the group notifications: DELMCAST_GRP comes while the family
	 * can still be looked up; DELFAMILY after it is gone, NEWFAMILY once
	 * its groups are there.
	 */
	if (nlh->nlmsg_type != GENL_ID_CTRL ||
	    (cmd != CTRL_CMD_NEWFAMILY && cmd != CTRL_CMD_DELFAMILY))
		return MD_NTF_IGNORE;
	/* Only the family name is looked at: the rest may be malformed. */
	if (md_genlmsg_parse(nlh, 0, tb, CTRL_ATTR_FAMILY_NAME, policy) < 0 ||
	    !tb[CTRL_ATTR_FAMILY_NAME] ||
	    strcmp(nla_data(tb[CTRL_ATTR_FAMILY_NAME]), family_name))
		return MD_NTF_IGNORE;
	return MD_NTF_FAMILY;
}
