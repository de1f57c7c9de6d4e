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
#include <stdlib.h>
#include <string.h>

#include <netlink/genl/genl.h>

#include <linux/memdiag.h>

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
	if (nla_parse_nested(tb, MEMDIAG_A_CONFIG_MAX, nest,
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
	    genlmsg_parse(nlh, 0, tb, MEMDIAG_A_STATUS_MAX,
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

	if (nla_parse_nested(tb, MEMDIAG_A_FEATURE_MAX, nest,
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
	    genlmsg_parse(nlh, 0, tb, MEMDIAG_A_STATUS_MAX,
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
