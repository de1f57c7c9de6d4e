// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - records the evidence of Linux memory failures at the moment they
 * happen and serves it over the generic netlink family "memdiag".
 *
 * This file holds load/unload and the feature table: every feature
 * initialises on its own, and one that cannot (a missing symbol, a probe that
 * fails to register) is reported by GET_STATUS instead of failing the load.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include "compat.h"
#include <linux/timekeeping.h>

#include "memdiag.h"
#include "memdiag_failure.h"
#include "memdiag_mm.h"
#include "memdiag_swapoff.h"
#include "memdiag_syms.h"

struct memdiag_feature memdiag_features[] = {
	[MEMDIAG_FEATURE_ID_NETLINK] = { .name = "netlink" },
	[MEMDIAG_FEATURE_ID_ALLOC_FAILURE] = { .name = "alloc-failure" },
	[MEMDIAG_FEATURE_ID_SWAPOFF] = { .name = "swapoff" },
	[MEMDIAG_FEATURE_ID_SWAP_OWNERS] = { .name = "swap-owners" },
	[MEMDIAG_FEATURE_ID_COMMIT] = { .name = "commit" },
	[MEMDIAG_FEATURE_ID_OOM] = { .name = "oom" },
	[MEMDIAG_FEATURE_ID_LIMITS] = { .name = "limits" },
};

const unsigned int memdiag_nr_features = ARRAY_SIZE(memdiag_features);

atomic_long_t memdiag_mem_bytes = ATOMIC_LONG_INIT(0);
u64 memdiag_loaded_ns;

void memdiag_feature_set(enum memdiag_feature_id id,
			 enum memdiag_feature_state state, const char *fmt, ...)
{
	struct memdiag_feature *f = &memdiag_features[id];
	va_list args;

	f->state = state;
	va_start(args, fmt);
	vscnprintf(f->message, sizeof(f->message), fmt, args);
	va_end(args);
	if (state != MEMDIAG_FEATURE_STATE_OK &&
	    state != MEMDIAG_FEATURE_STATE_DISABLED)
		pr_warn("feature %s not available: %s\n", f->name, f->message);
}

static int __init memdiag_init(void)
{
	int ret;

	/* Degrades to "failed" on its own if it cannot allocate. */
	memdiag_failure_init();
	/* Rings the family and the probes read: ready before either. */
	memdiag_commit_init();
	memdiag_oom_init();

	/* Without the family nobody can read anything: the one fatal feature. */
	ret = memdiag_nl_init();
	if (ret) {
		pr_err("cannot register generic netlink family \"%s\": %d\n",
		       MEMDIAG_FAMILY_NAME, ret);
		memdiag_failure_exit();
		return ret;
	}
	memdiag_feature_set(MEMDIAG_FEATURE_ID_NETLINK,
			    MEMDIAG_FEATURE_STATE_OK, "%s", "");

	memdiag_failure_start();
	memdiag_syms_init();
	/* The swapoff feature uses the commit and OOM probes: those first. */
	memdiag_commit_start();
	memdiag_limits_start();
	memdiag_oom_start();
	memdiag_mm_notify_init();
	memdiag_swapoff_start();

	memdiag_loaded_ns = ktime_get_boottime_ns();
	pr_info("version %s loaded (rate_limit=%u stack_depth=%u ring_size=%u)\n",
		MEMDIAG_VERSION, memdiag_cfg.rate_limit,
		memdiag_cfg.stack_depth, memdiag_cfg.ring_size);
	return 0;
}

static void __exit memdiag_exit(void)
{
	/* Probes first, so nothing new arrives while we take things down. */
	memdiag_failure_stop();
	memdiag_swapoff_stop();
	memdiag_oom_stop();
	memdiag_limits_stop();
	memdiag_commit_stop();
	memdiag_mm_notify_exit();
	/* Unregistering waits for in-flight netlink handlers to finish. */
	memdiag_nl_exit();
	memdiag_failure_exit();
	pr_info("unloaded\n");
}

module_init(memdiag_init);
module_exit(memdiag_exit);

MODULE_DESCRIPTION("Records and explains memory allocation, swapoff and OOM failures");
MODULE_AUTHOR("memdiag developers");
MODULE_LICENSE("GPL");
MODULE_VERSION(MEMDIAG_VERSION);
