// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl swap owners - decoding and bookkeeping (see swapown.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/memdiag.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "proto.h"
#include "swapown.h"

static uint64_t md_u64(struct nlattr *a)
{
	return nla_len(a) >= 8 ? nla_get_u64(a) : 0;
}

static uint32_t md_u32(struct nlattr *a)
{
	return nla_len(a) >= 4 ? nla_get_u32(a) : 0;
}

static uint8_t md_u8(struct nlattr *a)
{
	return nla_len(a) >= 1 ? nla_get_u8(a) : 0;
}

struct md_swap_area *md_swap_area_find(struct md_swap_areas *as, uint32_t type)
{
	size_t i;

	for (i = 0; i < as->n; i++)
		if (as->v[i].type == type)
			return &as->v[i];
	return NULL;
}

static int md_swap_cg_parse(struct md_swap_area *a, struct nlattr *nest)
{
	struct md_swap_cg *cg;
	struct nlattr *x;
	int rem;

	if (md_grow(&a->cgs, a->ncgs, &a->cgcap, sizeof(*a->cgs), 16))
		return -ENOMEM;
	cg = &a->cgs[a->ncgs];
	memset(cg, 0, sizeof(*cg));
	nla_for_each_nested(x, nest, rem) {
		switch (nla_type(x)) {
		case MEMDIAG_A_SWAP_CGROUP_ID:
			cg->id = md_u32(x);
			break;
		case MEMDIAG_A_SWAP_CGROUP_CGROUP_ID:
			cg->cgroup_id = md_u64(x);
			break;
		case MEMDIAG_A_SWAP_CGROUP_PATH:
			free(cg->path);
			cg->path = strndup(nla_data(x), nla_len(x));
			if (!cg->path)
				return -ENOMEM;
			break;
		case MEMDIAG_A_SWAP_CGROUP_ONLINE:
			cg->online = md_u8(x);
			break;
		case MEMDIAG_A_SWAP_CGROUP_SLOTS:
			cg->slots = md_u64(x);
			break;
		}
	}
	if (!cg->id) {
		free(cg->path);
		return -EBADMSG;
	}
	a->ncgs++;
	return 0;
}

_Static_assert(MEMDIAG_A_SWAP_MAX < 32, "md_swap_area.present is 32 bits");

static void md_swap_area_attr(struct md_swap_area *a, struct nlattr *x)
{
	if (nla_type(x) <= MEMDIAG_A_SWAP_MAX)
		a->present |= MD_BIT(nla_type(x));
	switch (nla_type(x)) {
	case MEMDIAG_A_SWAP_PATH:
		md_nla_str(a->path, sizeof(a->path), x);
		break;
	case MEMDIAG_A_SWAP_PRIO:
		a->prio = (int32_t)md_u32(x);
		break;
	case MEMDIAG_A_SWAP_MAP_SLOTS:
		a->map_slots = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_PAGES:
		a->pages = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_BAD:
		a->bad = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_INUSE:
		a->inuse = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_SCANNED:
		a->scanned = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_PARTIAL:
		a->partial = md_u8(x);
		break;
	case MEMDIAG_A_SWAP_SLOTS_USED:
		a->used = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_SLOTS_ANON:
		a->anon = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_ANON_REFS:
		a->refs = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_SLOTS_CONTINUED:
		a->continued = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_SLOTS_SHMEM:
		a->shmem = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_SLOTS_CACHE_ONLY:
		a->cache_only = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_SLOTS_CACHED:
		a->cached = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_SLOTS_BAD:
		a->slots_bad = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_SLOTS_MEMCG_NONE:
		a->memcg_none = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_MEMCGS:
		a->memcgs = md_u32(x);
		break;
	case MEMDIAG_A_SWAP_MEMCGS_OTHER:
		a->memcgs_other = md_u32(x);
		break;
	case MEMDIAG_A_SWAP_SLOTS_MEMCG_OTHER:
		a->memcg_other_slots = md_u64(x);
		break;
	case MEMDIAG_A_SWAP_MEMCG_UNAVAILABLE:
		a->memcg_unavailable = md_u8(x);
		break;
	case MEMDIAG_A_SWAP_SHMEM_UNAVAILABLE:
		a->shmem_unavailable = md_u8(x);
		break;
	}
}

/*
 * An area's first message carries its path; later ones of the same type
 * carry memcg nests only.
 */
int md_swap_reply_parse(struct nlmsghdr *nlh, struct md_swap_areas *as)
{
	struct nlattr *x, *type = NULL;
	struct genlmsghdr *gnlh;
	struct md_swap_area *a;
	bool first = false;
	int rem, ret;

	if (!genlmsg_valid_hdr(nlh, 0))
		return -EBADMSG;
	gnlh = genlmsg_hdr(nlh);
	nla_for_each_attr(x, genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0), rem) {
		if (nla_type(x) == MEMDIAG_A_SWAP_TYPE)
			type = x;
		if (nla_type(x) == MEMDIAG_A_SWAP_PATH)
			first = true;
	}
	if (!type || nla_len(type) < 4)
		return -EBADMSG;
	a = md_swap_area_find(as, nla_get_u32(type));
	if (!a) {
		if (!first)
			return -EBADMSG;
		if (md_grow(&as->v, as->n, &as->cap, sizeof(*as->v), 4))
			return -ENOMEM;
		a = &as->v[as->n++];
		memset(a, 0, sizeof(*a));
		a->type = nla_get_u32(type);
	}
	nla_for_each_attr(x, genlmsg_attrdata(gnlh, 0), genlmsg_attrlen(gnlh, 0), rem) {
		if (nla_type(x) == MEMDIAG_A_SWAP_MEMCG) {
			ret = md_swap_cg_parse(a, x);
			if (ret)
				return ret;
		} else {
			md_swap_area_attr(a, x);
		}
	}
	return 0;
}

void md_swap_area_free(struct md_swap_area *a)
{
	size_t i;

	for (i = 0; i < a->ncgs; i++)
		free(a->cgs[i].path);
	free(a->cgs);
	md_slotown_free(&a->owners);
	a->cgs = NULL;
	a->ncgs = a->cgcap = 0;
}

void md_swap_areas_free(struct md_swap_areas *as)
{
	size_t i;

	for (i = 0; i < as->n; i++)
		md_swap_area_free(&as->v[i]);
	free(as->v);
	memset(as, 0, sizeof(*as));
}

bool md_pagemap_swap(uint64_t e, uint32_t *type, uint64_t *offset)
{
	uint64_t frame = e & MD_PM_FRAME;

	if ((e & MD_PM_PRESENT) || !(e & MD_PM_SWAP))
		return false;
	*type = frame & ((1U << MD_PM_TYPE_BITS) - 1);
	*offset = frame >> MD_PM_TYPE_BITS;
	return true;
}

long long md_smaps_swap_kb(const char *line)
{
	long long kb;

	if (strncmp(line, "Swap:", 5))
		return -1;
	if (sscanf(line + 5, "%lld kB", &kb) != 1)
		return -1;
	return kb;
}

int md_smaps_range(const char *line, uint64_t *start, uint64_t *end)
{
	uint64_t s, e;
	char perms[8];
	int n = 0;

	if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %n", &s, &e, perms, &n) != 3 ||
	    !n || e < s)
		return -1;
	*start = s;
	*end = e;
	return 0;
}

long long md_status_vmswap(const char *status)
{
	const char *l = strstr(status, "\nVmSwap:");
	char *end;
	long long kb;

	if (!l)
		return -1;
	kb = strtoll(l + 8, &end, 10);
	return end == l + 8 || kb < 0 ? -1 : kb;
}

int md_slotown_init(struct md_slotown *m, uint64_t slots)
{
	memset(m, 0, sizeof(*m));
	if (!slots)
		return 0;
	if (slots > SIZE_MAX / sizeof(*m->v))
		return -ENOMEM;
	m->v = calloc(slots, sizeof(*m->v));
	if (!m->v)
		return -ENOMEM;
	m->n = slots;
	return 0;
}

/*
 * A slot past the map GET_SWAP reported (an area swapped off and a larger
 * one on under the same type meanwhile): grow to cover it.
 */
static int md_slotown_grow(struct md_slotown *m, uint64_t offset)
{
	uint64_t n = offset + 1 > 2 * m->n ? offset + 1 : 2 * m->n;
	uint32_t *v;

	n = (n + 1023) & ~1023ULL;
	if (n > SIZE_MAX / sizeof(*v))
		return -ENOMEM;
	v = realloc(m->v, n * sizeof(*v));
	if (!v)
		return -ENOMEM;
	memset(v + m->n, 0, (n - m->n) * sizeof(*v));
	m->v = v;
	m->n = n;
	return 0;
}

/*
 * One more reference to slot @offset, from process row @row: MD_SLOT_NEW
 * (its first), MD_SLOT_SECOND (*@first: the row of the first), or
 * MD_SLOT_MORE; a negative errno.
 */
int md_slotown_add(struct md_slotown *m, uint64_t offset, uint32_t row,
		   uint32_t *first)
{
	uint32_t *v;

	if (row >= MD_SLOT_SHARED - 1)
		return -EOVERFLOW;
	if (offset >= m->n) {
		int ret = md_slotown_grow(m, offset);

		if (ret)
			return ret;
	}
	v = &m->v[offset];
	if (!*v) {
		*v = row + 1;
		return MD_SLOT_NEW;
	}
	if (*v == MD_SLOT_SHARED)
		return MD_SLOT_MORE;
	*first = *v - 1;
	*v = MD_SLOT_SHARED;
	return MD_SLOT_SECOND;
}

void md_slotown_free(struct md_slotown *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}
