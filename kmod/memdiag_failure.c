// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - allocation failures, seen by a kprobe on warn_alloc().
 *
 * warn_alloc() is called for every failed slow-path page allocation and
 * every vmalloc failure, __GFP_NOWARN ones included, before its own rate
 * limit: the one place that sees them all without touching the success
 * path. The handler runs in whatever context the allocation ran in (process,
 * softirq, hardirq), so it only does bounded, lock-free work on memory
 * preallocated at load: per-CPU counters, one ring slot, an irq_work kick.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/irq_work.h>
#include <linux/kprobes.h>
#include <linux/log2.h>
#include <linux/memcontrol.h>
#include <linux/percpu.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_cgroup.h"
#include "memdiag_failure.h"
#include "memdiag_rate.h"
#include "memdiag_ring.h"
#include "memdiag_zones.h"

struct memdiag_fail_pcpu {
	u64 total, recorded, suppressed, lost, overwritten;
	u64 bucket[MEMDIAG_NR_KINDS][MEMDIAG_NR_BUCKETS][MEMDIAG_NR_CLASSES];
	u64 node[];
};

static struct memdiag_fail_pcpu __percpu *fail_pcpu;
static size_t fail_pcpu_size;
/* Sums at the last RESET; read under fail_reset_lock. */
static struct memdiag_fail_sums *fail_base;
static DEFINE_MUTEX(fail_reset_lock);
static u64 last_boot_ns[MEMDIAG_NR_KINDS][MEMDIAG_NR_BUCKETS];
static u64 last_real_ns[MEMDIAG_NR_KINDS][MEMDIAG_NR_BUCKETS];

static struct memdiag_rate fail_rate;

/*
 * The page allocator's format, known by its address once seen: warn_alloc()
 * is not exported, so its callers are built in and their formats literals
 * of the kernel image, which never move or go away. The common failure
 * then costs one compare instead of a 23-character prefix compare.
 */
static const char *page_fmt;

static bool is_page_fmt(const char *fmt)
{
	if (fmt == READ_ONCE(page_fmt))
		return true;
	if (!str_has_prefix(fmt, "page allocation failure"))
		return false;
	WRITE_ONCE(page_fmt, fmt);	/* only when it changes: no line bouncing */
	return true;
}

static u8 classify_vmalloc(const char *fmt)
{
	static const struct {
		const char *text;
		u8 step;
	} steps[] = {
		{ "page array", MEMDIAG_VMALLOC_STEP_PAGE_ARRAY },
		{ "failed to allocate pages", MEMDIAG_VMALLOC_STEP_PAGES },
		{ "page order", MEMDIAG_VMALLOC_STEP_PAGES },
		{ "failed to map pages", MEMDIAG_VMALLOC_STEP_MAP },
		{ "exceeds total pages", MEMDIAG_VMALLOC_STEP_SIZE },
		{ "vm_struct allocation failed", MEMDIAG_VMALLOC_STEP_VM_STRUCT },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(steps); i++)
		if (strstr(fmt, steps[i].text))
			return steps[i].step;
	return MEMDIAG_VMALLOC_STEP_OTHER;
}

/*
 * The two vmalloc failure messages before 5.13 (5.10's mm/vmalloc.c):
 * __vmalloc_area_node()'s "vmalloc: allocation failure, allocated %ld of
 * %ld bytes" (fewer bytes than asked: a page allocation failed; all of
 * them: mapping them failed; the page array's failure prints nothing) and
 * __vmalloc_node_range()'s "vmalloc: allocation failure: %lu bytes" (more
 * pages than the machine has, else no vm_struct or address range).
 */
static u8 classify_vmalloc_old(const char *fmt, struct pt_regs *regs, u64 *size)
{
	unsigned long a = regs_get_kernel_argument(regs, 3);

	if (strstr(fmt, "allocated")) {
		*size = regs_get_kernel_argument(regs, 4);
		return a < *size ? MEMDIAG_VMALLOC_STEP_PAGES : MEMDIAG_VMALLOC_STEP_MAP;
	}
	*size = a;
	return DIV_ROUND_UP(a, PAGE_SIZE) > totalram_pages() ?
	       MEMDIAG_VMALLOC_STEP_SIZE : MEMDIAG_VMALLOC_STEP_VM_STRUCT;
}

static u8 current_context(void)
{
	if (in_nmi())
		return MEMDIAG_CONTEXT_NMI;
	if (in_hardirq())
		return MEMDIAG_CONTEXT_HARDIRQ;
	if (in_serving_softirq())
		return MEMDIAG_CONTEXT_SOFTIRQ;
	return MEMDIAG_CONTEXT_PROCESS;
}

static int memdiag_warn_alloc_pre(struct kprobe *p, struct pt_regs *regs)
{
	gfp_t gfp = (__force gfp_t)regs_get_kernel_argument(regs, 0);
	nodemask_t *nodemask = (nodemask_t *)regs_get_kernel_argument(regs, 1);
	const char *fmt = (const char *)regs_get_kernel_argument(regs, 2);
	unsigned long arg = regs_get_kernel_argument(regs, 3);
	struct memdiag_fail_pcpu *pc = this_cpu_ptr(fail_pcpu);
	u8 kind, bucket, class = 0, step = MEMDIAG_VMALLOC_STEP_NONE;
	struct memdiag_record *rec;
	u64 seq, size = 0, boot_ns, real_ns;
	unsigned int depth;
	bool overwrote;
	int node;

	/* Which allocator, and the order (or size bucket) it was asked for. */
	if (fmt && is_page_fmt(fmt)) {
		kind = MEMDIAG_FAILURE_KIND_PAGE;
		bucket = min_t(unsigned long, arg, MEMDIAG_NR_BUCKETS - 1);
	} else if (fmt && str_has_prefix(fmt, "vmalloc error")) {
		kind = MEMDIAG_FAILURE_KIND_VMALLOC;
		size = arg;
		step = classify_vmalloc(fmt);
		bucket = min_t(unsigned long,
			       order_base_2(DIV_ROUND_UP(size, PAGE_SIZE)),
			       MEMDIAG_NR_BUCKETS - 1);
	} else if (fmt && str_has_prefix(fmt, "vmalloc: allocation failure")) {
		/* Before 5.13's "vmalloc error" messages (5.10). */
		kind = MEMDIAG_FAILURE_KIND_VMALLOC;
		step = classify_vmalloc_old(fmt, regs, &size);
		bucket = min_t(unsigned long,
			       order_base_2(DIV_ROUND_UP(size, PAGE_SIZE)),
			       MEMDIAG_NR_BUCKETS - 1);
	} else if (fmt && str_has_prefix(fmt, "vmemmap alloc failure")) {
		kind = MEMDIAG_FAILURE_KIND_VMEMMAP;
		bucket = min_t(unsigned long, arg, MEMDIAG_NR_BUCKETS - 1);
	} else {
		kind = MEMDIAG_FAILURE_KIND_OTHER;
		bucket = 0;
	}
	if (gfp & __GFP_NOWARN)
		class |= MEMDIAG_CLASS_NOWARN;
	if (!(gfp & __GFP_DIRECT_RECLAIM))
		class |= MEMDIAG_CLASS_ATOMIC;
	node = numa_node_id();

	/* Counters first: they are never lost. */
	pc->total++;
	pc->bucket[kind][bucket][class]++;
	if (node < nr_node_ids)
		pc->node[node]++;
	boot_ns = ktime_get_boot_fast_ns();
	real_ns = ktime_get_real_fast_ns();
	WRITE_ONCE(last_boot_ns[kind][bucket], boot_ns);
	WRITE_ONCE(last_real_ns[kind][bucket], real_ns);

	/* The failure's own boot time: one clock read a failure less. */
	if (memdiag_rate_limited(&fail_rate, READ_ONCE(memdiag_cfg.rate_limit),
				 boot_ns)) {
		pc->suppressed++;
		return 0;
	}
	rec = memdiag_ring_claim(&seq, &overwrote);
	if (!rec) {
		pc->lost++;
		return 0;
	}
	pc->recorded++;
	if (overwrote)
		pc->overwritten++;

	rec->boot_ns = boot_ns;
	rec->real_ns = real_ns;
	rec->kind = kind;
	/* The 4th argument is an order only for the page and vmemmap formats. */
	rec->order = kind == MEMDIAG_FAILURE_KIND_PAGE ||
		     kind == MEMDIAG_FAILURE_KIND_VMEMMAP ? arg : bucket;
	rec->size = size;
	rec->vmalloc_step = step;
	rec->gfp = gfp;
	rec->class = class;
	rec->has_nodemask = !!nodemask;
	if (nodemask)
		rec->nodemask = *nodemask;
	rec->preferred_node = node;
	rec->pid = task_pid_nr(current);
	rec->tgid = task_tgid_nr(current);
	/* Two word moves where strscpy() loops; a rename meanwhile is torn at worst. */
	BUILD_BUG_ON(sizeof(rec->comm) != sizeof(current->comm));
	memcpy(rec->comm, current->comm, sizeof(rec->comm));
	rec->comm[sizeof(rec->comm) - 1] = '\0';
	rec->cgroup_id = memdiag_task_memcg_id(current);
	rec->context = current_context();
	depth = READ_ONCE(memdiag_cfg.stack_depth);
	rec->nr_stack = depth ?
		memdiag_probe_stack_save(rec->stack, depth, regs) : 0;
	memdiag_zones_snap_usable(rec, gfp, nodemask);
	memdiag_ring_commit(rec, seq);

	memdiag_failure_notify_kick();
	return 0;
}

static struct kprobe warn_alloc_kp = {
	.symbol_name = "warn_alloc",
	.pre_handler = memdiag_warn_alloc_pre,
};

static bool warn_alloc_registered;

static void sum_into(struct memdiag_fail_sums *s)
{
	int cpu, k, b, c;
	unsigned int n;

	memset(s, 0, struct_size(s, node, nr_node_ids));
	s->nr_nodes = nr_node_ids;
	for_each_possible_cpu(cpu) {
		struct memdiag_fail_pcpu *pc = per_cpu_ptr(fail_pcpu, cpu);

		s->total += READ_ONCE(pc->total);
		s->recorded += READ_ONCE(pc->recorded);
		s->suppressed += READ_ONCE(pc->suppressed);
		s->lost += READ_ONCE(pc->lost);
		s->overwritten += READ_ONCE(pc->overwritten);
		for (k = 0; k < MEMDIAG_NR_KINDS; k++)
			for (b = 0; b < MEMDIAG_NR_BUCKETS; b++)
				for (c = 0; c < MEMDIAG_NR_CLASSES; c++)
					s->bucket[k][b][c] +=
						READ_ONCE(pc->bucket[k][b][c]);
		for (n = 0; n < nr_node_ids; n++)
			s->node[n] += READ_ONCE(pc->node[n]);
	}
	s->missed = warn_alloc_registered ? warn_alloc_kp.nmissed : 0;
}

struct memdiag_fail_sums *memdiag_failure_read(void)
{
	struct memdiag_fail_sums *s;
	int k, b, c;
	unsigned int n;

	s = kvzalloc(struct_size(s, node, nr_node_ids), GFP_KERNEL);
	if (!s)
		return NULL;
	mutex_lock(&fail_reset_lock);
	sum_into(s);
	s->total -= fail_base->total;
	s->recorded -= fail_base->recorded;
	s->suppressed -= fail_base->suppressed;
	s->lost -= fail_base->lost;
	s->overwritten -= fail_base->overwritten;
	s->missed -= fail_base->missed;
	for (k = 0; k < MEMDIAG_NR_KINDS; k++)
		for (b = 0; b < MEMDIAG_NR_BUCKETS; b++) {
			for (c = 0; c < MEMDIAG_NR_CLASSES; c++)
				s->bucket[k][b][c] -= fail_base->bucket[k][b][c];
			s->last_boot_ns[k][b] = READ_ONCE(last_boot_ns[k][b]);
			s->last_real_ns[k][b] = READ_ONCE(last_real_ns[k][b]);
		}
	for (n = 0; n < nr_node_ids; n++)
		s->node[n] -= fail_base->node[n];
	s->reset_ns = fail_base->reset_ns;
	mutex_unlock(&fail_reset_lock);
	return s;
}

/*
 * Remote CPUs keep counting while we read, so RESET never writes their
 * counters: it records a baseline that later reads subtract, which keeps
 * every sum exact.
 */
void memdiag_failure_reset(void)
{
	int k, b;

	mutex_lock(&fail_reset_lock);
	sum_into(fail_base);
	memdiag_ring_reset();
	for (k = 0; k < MEMDIAG_NR_KINDS; k++)
		for (b = 0; b < MEMDIAG_NR_BUCKETS; b++) {
			WRITE_ONCE(last_boot_ns[k][b], 0);
			WRITE_ONCE(last_real_ns[k][b], 0);
		}
	fail_base->reset_ns = ktime_get_boottime_ns();
	mutex_unlock(&fail_reset_lock);
}

int memdiag_failure_init(void)
{
	size_t base_size = struct_size(fail_base, node, nr_node_ids);
	int ret;

	fail_pcpu_size = struct_size(fail_pcpu, node, nr_node_ids);
	fail_pcpu = __alloc_percpu(fail_pcpu_size, __alignof__(u64));
	fail_base = kvzalloc(base_size, GFP_KERNEL);
	if (!fail_pcpu || !fail_base) {
		ret = -ENOMEM;
		goto fail;
	}
	fail_base->reset_ns = ktime_get_boottime_ns();
	ret = memdiag_ring_init(memdiag_cfg.ring_size, memdiag_zones_populated());
	if (ret)
		goto fail;
	atomic_long_add(fail_pcpu_size * num_possible_cpus() + base_size,
			&memdiag_mem_bytes);
	memdiag_failure_notify_init();
	return 0;

fail:
	memdiag_feature_set(MEMDIAG_FEATURE_ID_ALLOC_FAILURE,
			    MEMDIAG_FEATURE_STATE_FAILED,
			    "cannot allocate counters and a ring of %u records",
			    memdiag_cfg.ring_size);
	free_percpu(fail_pcpu);
	kvfree(fail_base);
	fail_pcpu = NULL;
	fail_base = NULL;
	/* Degrade this feature only; the rest of the module still loads. */
	return 0;
}

void memdiag_failure_start(void)
{
	int ret;

	if (!fail_pcpu)
		return;		/* init failed and said so */
	ret = register_kprobe(&warn_alloc_kp);
	if (ret) {
		/* The counters stay readable (all zero); not a load failure. */
		memdiag_feature_set(MEMDIAG_FEATURE_ID_ALLOC_FAILURE,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE,
				    "cannot probe warn_alloc (error %d): allocation failures are not recorded",
				    ret);
		return;
	}
	warn_alloc_registered = true;
	memdiag_feature_set(MEMDIAG_FEATURE_ID_ALLOC_FAILURE,
			    MEMDIAG_FEATURE_STATE_OK, "%s", "");
}

void memdiag_failure_stop(void)
{
	/* After this no handler runs or will run (it waits for them). */
	if (warn_alloc_registered)
		unregister_kprobe(&warn_alloc_kp);
	warn_alloc_registered = false;
	if (fail_pcpu)
		memdiag_failure_notify_exit();
}

void memdiag_failure_exit(void)
{
	memdiag_ring_exit();
	if (fail_pcpu)
		atomic_long_sub(fail_pcpu_size * num_possible_cpus() +
				struct_size(fail_base, node, nr_node_ids),
				&memdiag_mem_bytes);
	free_percpu(fail_pcpu);
	kvfree(fail_base);
	fail_pcpu = NULL;
	fail_base = NULL;
}
