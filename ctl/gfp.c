// SPDX-License-Identifier: GPL-2.0
/* gfp masks as the kernel printed them: see gfp.h. (stub: being written) */
#include <errno.h>
#include <string.h>
#include "gfp.h"

unsigned int md_kver_parse(const char *s)
{
	(void)s;
	return 0;
}

int md_gfp_decode(struct md_gfp *g, const char *printed, uint32_t mask,
		  bool have_mask, unsigned int kver)
{
	(void)printed; (void)kver;
	memset(g, 0, sizeof(*g));
	g->mask = mask;
	g->have_mask = have_mask;
	return 0;
}

void md_gfp_free(struct md_gfp *g)
{
	(void)g;
}

char *md_gfp_allows_str(const struct md_gfp *g)
{
	(void)g;
	return NULL;
}

const char *md_gfp_zone_name(enum md_gfp_zone z)
{
	(void)z;
	return "?";
}
