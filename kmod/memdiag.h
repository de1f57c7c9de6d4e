/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - internal declarations shared by the module's files.
 */
#ifndef _MEMDIAG_H
#define _MEMDIAG_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <uapi/linux/memdiag.h>

#define MEMDIAG_VERSION "0.1.0"

/* Runtime settings; module parameters set them at load (memdiag_config.c). */
struct memdiag_config {
	u32 rate_limit;		/* detailed records per second */
	u32 stack_depth;	/* stack frames per record, 0 = none */
	u32 ring_size;		/* records in the ring; load time only */
};

extern struct memdiag_config memdiag_cfg;

int memdiag_config_check_rate_limit(u32 val);
int memdiag_config_check_stack_depth(u32 val);
/* Apply new values atomically with respect to other writers (sysfs, netlink). */
void memdiag_config_set(const u32 *rate_limit, const u32 *stack_depth);
void memdiag_config_get(struct memdiag_config *out);

/* Features: each initialises on its own, and reports how that went. */
struct memdiag_feature {
	const char *name;
	enum memdiag_feature_state state;
	char message[128];
};

extern struct memdiag_feature memdiag_features[];
extern const unsigned int memdiag_nr_features;

void memdiag_feature_set(enum memdiag_feature_id id,
			 enum memdiag_feature_state state, const char *fmt, ...)
	__printf(3, 4);

/* Memory the module allocated for itself (reported by GET_STATUS). */
extern atomic_long_t memdiag_mem_bytes;
extern u64 memdiag_loaded_ns;

int memdiag_nl_init(void);
void memdiag_nl_exit(void);

#endif /* _MEMDIAG_H */
