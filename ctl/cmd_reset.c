// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl reset - zero the failure counters and empty the record ring
 * (RESET, CAP_NET_ADMIN). Prints nothing on success. Sequence numbers go
 * on from where they were: records made before the reset are never shown
 * again, and 'events --since' an older one reports them as missed.
 */
#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "nl.h"

static int md_reset_run(const struct md_opts *o)
{
	struct md_nl nl;
	int ret;

	ret = md_nl_open(&nl, o->family);
	if (ret)
		return ret;
	ret = md_nl_call(&nl, "reset", md_nl_req(&nl, MEMDIAG_CMD_RESET, 0),
			 NULL, NULL);
	md_nl_close(&nl);
	return ret;
}

const struct md_cmd md_cmd_reset = {
	.name = "reset",
	.help = " reset                  zero the failure counters and empty the record\n"
		"                        ring (needs CAP_NET_ADMIN)\n",
	.run  = md_reset_run,
};
