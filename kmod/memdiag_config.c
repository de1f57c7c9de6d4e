// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - runtime configuration.
 *
 * One set of validation rules serves the module parameters (at load and
 * through /sys/module/memdiag/parameters) and SET_CONFIG over netlink, so a
 * value is accepted or refused the same way whichever door it comes in.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "memdiag.h"

struct memdiag_config memdiag_cfg = {
	.rate_limit = 1000,
	.stack_depth = 16,
	.ring_size = 1024,
};

int memdiag_config_check_rate_limit(u32 val)
{
	return val <= MEMDIAG_RATE_LIMIT_MAX ? 0 : -ERANGE;
}

int memdiag_config_check_stack_depth(u32 val)
{
	return val <= MEMDIAG_STACK_DEPTH_MAX ? 0 : -ERANGE;
}

static int memdiag_config_check_ring_size(u32 val)
{
	return val >= MEMDIAG_RING_SIZE_MIN && val <= MEMDIAG_RING_SIZE_MAX ?
	       0 : -ERANGE;
}

/*
 * kernel_param_lock() serialises writers from sysfs (the param core takes it)
 * and from netlink (we take it), so both settings of one SET_CONFIG land
 * together. Readers on hot paths use READ_ONCE() and need no lock.
 */
void memdiag_config_set(const u32 *rate_limit, const u32 *stack_depth)
{
	kernel_param_lock(THIS_MODULE);
	if (rate_limit)
		WRITE_ONCE(memdiag_cfg.rate_limit, *rate_limit);
	if (stack_depth)
		WRITE_ONCE(memdiag_cfg.stack_depth, *stack_depth);
	kernel_param_unlock(THIS_MODULE);
}

void memdiag_config_get(struct memdiag_config *out)
{
	kernel_param_lock(THIS_MODULE);
	*out = memdiag_cfg;
	kernel_param_unlock(THIS_MODULE);
}

/* Parse like param_set_uint(), then apply the same range check as netlink. */
static int memdiag_param_set(const char *val, const struct kernel_param *kp,
			     int (*check)(u32), u32 lo, u32 hi)
{
	u32 v;
	int ret;

	ret = kstrtou32(val, 0, &v);
	if (!ret)
		ret = check(v);
	if (ret) {
		pr_err("%s=%s refused: must be an integer from %u to %u\n",
		       kp->name, val, lo, hi);
		return -EINVAL;
	}
	WRITE_ONCE(*(u32 *)kp->arg, v);
	return 0;
}

static int memdiag_param_set_rate_limit(const char *val,
					const struct kernel_param *kp)
{
	return memdiag_param_set(val, kp, memdiag_config_check_rate_limit,
				 0, MEMDIAG_RATE_LIMIT_MAX);
}

static int memdiag_param_set_stack_depth(const char *val,
					 const struct kernel_param *kp)
{
	return memdiag_param_set(val, kp, memdiag_config_check_stack_depth,
				 0, MEMDIAG_STACK_DEPTH_MAX);
}

static int memdiag_param_set_ring_size(const char *val,
				       const struct kernel_param *kp)
{
	return memdiag_param_set(val, kp, memdiag_config_check_ring_size,
				 MEMDIAG_RING_SIZE_MIN, MEMDIAG_RING_SIZE_MAX);
}

static const struct kernel_param_ops memdiag_rate_limit_ops = {
	.set = memdiag_param_set_rate_limit,
	.get = param_get_uint,
};

static const struct kernel_param_ops memdiag_stack_depth_ops = {
	.set = memdiag_param_set_stack_depth,
	.get = param_get_uint,
};

static const struct kernel_param_ops memdiag_ring_size_ops = {
	.set = memdiag_param_set_ring_size,
	.get = param_get_uint,
};

module_param_cb(rate_limit, &memdiag_rate_limit_ops,
		&memdiag_cfg.rate_limit, 0644);
MODULE_PARM_DESC(rate_limit,
		 "Detailed failure records per second before only counters are kept (0-1000000, default 1000)");

module_param_cb(stack_depth, &memdiag_stack_depth_ops,
		&memdiag_cfg.stack_depth, 0644);
MODULE_PARM_DESC(stack_depth,
		 "Kernel stack frames saved per record, 0 saves none (0-32, default 16)");

/* The ring is allocated once at load; its size cannot change afterwards. */
module_param_cb(ring_size, &memdiag_ring_size_ops,
		&memdiag_cfg.ring_size, 0444);
MODULE_PARM_DESC(ring_size,
		 "Failure records kept in the ring, set at load only (16-65536, default 1024)");
