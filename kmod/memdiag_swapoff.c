// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - swapoff attempts: what each one asked for, what it cost, and
 * why it failed (docs/design/swap.md has the kernel's paths).
 *
 * A kretprobe on the swapoff syscall marks the calling task for the
 * duration of the call; probes on what swapoff calls record into that
 * task's slot only:
 *   __vm_enough_memory               the commit check (pages, result);
 *                                    the kretprobe is memdiag_commit.c's
 *   mem_cgroup_swapin_charge_folio   each swap-in charge, failed or not
 *   mem_cgroup_out_of_memory         the memory cgroup at its limit
 *   oom_kill_process                 each OOM victim the attempt caused
 *                                    (memdiag_oom.c's probe calls us)
 * At the syscall's return the attempt is classified and copied into a
 * small ring that GET_SWAPOFF dumps. Everything is preallocated; the
 * handlers take only the ring's own spinlock, never one of mm's.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/kprobes.h>
#include <linux/memcontrol.h>
#include <linux/mman.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/swap.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "memdiag.h"
#include "memdiag_syms.h"
#include "memdiag_mm.h"
#include "memdiag_swapoff.h"

struct memdiag_swapoff_slot {
	struct task_struct *task;	/* owner, or NULL when free */
	struct memdiag_swapoff_rec rec;
};

static struct memdiag_swapoff_slot slots[MEMDIAG_SWAPOFF_INFLIGHT];
static bool have_swapoff, have_commit, have_charge, have_memcg_oom,
	    have_oom_kill;
static struct memdiag_swapoff_rec ring[MEMDIAG_SWAPOFF_RING];
static DEFINE_SPINLOCK(ring_lock);
static u64 ring_next_seq = 1;	/* under ring_lock */
static atomic64_t untracked = ATOMIC64_INIT(0);

static struct memdiag_swapoff_rec *current_rec(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(slots); i++)
		if (READ_ONCE(slots[i].task) == current)
			return &slots[i].rec;
	return NULL;
}

/* The path argument, copied without faulting (it was just passed in). */
static void copy_path(char *dst, size_t size, const char __user *src)
{
	size_t len = min_t(size_t, size - 1,
			   PAGE_SIZE - offset_in_page((unsigned long)src));

	dst[0] = '\0';
	if (!src || copy_from_user_nofault(dst, src, len))
		return;
	dst[len] = '\0';
}

static int swapoff_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	/* __x64_sys_swapoff(const struct pt_regs *user_regs) */
	const struct pt_regs *uregs =
		(const struct pt_regs *)regs_get_kernel_argument(regs, 0);
	struct memdiag_swapoff_rec *rec;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(slots); i++)
		if (!cmpxchg(&slots[i].task, NULL, current))
			break;
	if (i == ARRAY_SIZE(slots)) {
		atomic64_inc(&untracked);
		return 1;	/* no return handler for this call */
	}
	rec = &slots[i].rec;
	memset(rec, 0, sizeof(*rec));
	rec->start_boot_ns = ktime_get_boot_fast_ns();
	rec->start_real_ns = ktime_get_real_fast_ns();
	rec->pid = task_pid_nr(current);
	rec->tgid = task_tgid_nr(current);
	strscpy(rec->comm, current->comm, sizeof(rec->comm));
	rcu_read_lock();
	rec->cgroup_id = cgroup_id(task_dfl_cgroup(current));
	rcu_read_unlock();
	rec->swap_free_start = atomic_long_read(&nr_swap_pages);
	copy_path(rec->path, sizeof(rec->path),
		  (const char __user *)(uregs ? uregs->di : 0));
	*(struct memdiag_swapoff_rec **)ri->data = rec;
	return 0;
}

static u8 classify(const struct memdiag_swapoff_rec *rec)
{
	switch (rec->result) {
	case 0:
		return MEMDIAG_SWAPOFF_CAUSE_SUCCESS;
	case -ENOMEM:
		if (rec->commit_seen && rec->commit_ret)
			return MEMDIAG_SWAPOFF_CAUSE_COMMIT;
		if (rec->charge_failures || rec->memcg_id || rec->nr_victims)
			return MEMDIAG_SWAPOFF_CAUSE_MEMCG;
		return MEMDIAG_SWAPOFF_CAUSE_NOMEM_OTHER;
	case -EINTR:
		return MEMDIAG_SWAPOFF_CAUSE_SIGNAL;
	}
	return MEMDIAG_SWAPOFF_CAUSE_REFUSED;
}

static int swapoff_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct memdiag_swapoff_rec *rec =
		*(struct memdiag_swapoff_rec **)ri->data;
	struct memdiag_swapoff_slot *slot =
		container_of(rec, struct memdiag_swapoff_slot, rec);
	unsigned long flags;

	rec->result = (s32)regs_return_value(regs);
	rec->end_boot_ns = ktime_get_boot_fast_ns();
	rec->swap_free_end = atomic_long_read(&nr_swap_pages);
	rec->cause = classify(rec);

	spin_lock_irqsave(&ring_lock, flags);
	rec->seq = ring_next_seq++;
	ring[rec->seq % MEMDIAG_SWAPOFF_RING] = *rec;
	spin_unlock_irqrestore(&ring_lock, flags);
	/* The record is copied out before the slot can be claimed again. */
	smp_store_release(&slot->task, NULL);
	memdiag_swapoff_notify_kick();
	return 0;
}

static struct kretprobe swapoff_krp = {
	.kp.symbol_name = "__x64_sys_swapoff",
	.entry_handler = swapoff_entry,
	.handler = swapoff_return,
	.data_size = sizeof(struct memdiag_swapoff_rec *),
	.maxactive = MEMDIAG_SWAPOFF_INFLIGHT,
};

/*
 * __vm_enough_memory(mm, pages, cap_sys_admin), from memdiag_commit.c's
 * kretprobe: swapoff's commit check. Nonzero: no return probe wanted.
 */
int memdiag_swapoff_commit_entry(long pages)
{
	struct memdiag_swapoff_rec *rec;

	if (!READ_ONCE(have_swapoff))
		return 1;
	rec = current_rec();
	if (!rec || rec->commit_seen)
		return 1;
	rec->area_pages = pages;
	rec->area_known = 1;
	return 0;
}

/*
 * From memdiag_commit.c when a commit check fails (with or without the
 * probe above): the request is still in Committed_AS at this point.
 */
void memdiag_swapoff_commit_failed(void)
{
	struct memdiag_swapoff_rec *rec;

	if (!READ_ONCE(have_swapoff))
		return;
	rec = current_rec();
	if (!rec || rec->commit_seen)
		return;
	rec->commit_ret = -ENOMEM;
	rec->committed_pages = memdiag_committed_pages();
	rec->commit_seen = 1;
}

void memdiag_swapoff_commit_return(int ret)
{
	struct memdiag_swapoff_rec *rec = current_rec();

	if (!rec)
		return;
	rec->commit_ret = ret;
	/* What the check compared (it has already added area_pages). */
	rec->committed_pages = memdiag_committed_pages();
	rec->commit_seen = 1;
}

/* mem_cgroup_swapin_charge_folio(): every swap-in of the attempt. */
static int charge_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	return current_rec() ? 0 : 1;
}

static int charge_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct memdiag_swapoff_rec *rec = current_rec();

	if (!rec)
		return 0;
	if (regs_return_value(regs))
		rec->charge_failures++;
	else
		rec->swapped_in++;
	return 0;
}

static struct kretprobe charge_krp = {
	.kp.symbol_name = "mem_cgroup_swapin_charge_folio",
	.entry_handler = charge_entry,
	.handler = charge_return,
	.maxactive = MEMDIAG_SWAPOFF_INFLIGHT,
};

/* mem_cgroup_out_of_memory(memcg, gfp, order): the cgroup at its limit. */
static int memcg_oom_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct mem_cgroup *memcg =
		(struct mem_cgroup *)regs_get_kernel_argument(regs, 0);
	struct memdiag_swapoff_rec *rec = current_rec();

	if (!rec || !memcg)
		return 0;
	rec->memcg_id = cgroup_id(memcg->css.cgroup);
	rec->memcg_max = READ_ONCE(memcg->memory.max);
	rec->memcg_usage = page_counter_read(&memcg->memory);
	rec->memcg_ooms++;
	return 0;
}

static struct kprobe memcg_oom_kp = {
	.symbol_name = "mem_cgroup_out_of_memory",
	.pre_handler = memcg_oom_pre,
};

/* oom_kill_process(oc, message), from memdiag_oom.c: a victim chosen while swapoff ran. */
void memdiag_swapoff_oom_kill(struct oom_control *oc)
{
	struct memdiag_swapoff_rec *rec;
	struct memdiag_swapoff_victim *v;
	struct task_struct *t;

	if (!READ_ONCE(have_swapoff))
		return;
	rec = current_rec();
	if (!rec || !oc || !oc->chosen)
		return;
	if (rec->nr_victims == MEMDIAG_SWAPOFF_VICTIMS) {
		rec->victims_dropped++;
		return;
	}
	t = oc->chosen;
	v = &rec->victims[rec->nr_victims++];
	v->pid = task_pid_nr(t);
	strscpy(v->comm, t->comm, sizeof(v->comm));
	rcu_read_lock();
	v->cgroup_id = cgroup_id(task_dfl_cgroup(t));
	rcu_read_unlock();
}

/* ---- lifetime ------------------------------------------------------------ */

void memdiag_swapoff_start(void)
{
	int ret;

	memdiag_swapoff_notify_init();
	ret = register_kretprobe(&swapoff_krp);
	if (ret) {
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAPOFF,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE,
				    "cannot probe __x64_sys_swapoff: %d", ret);
		return;
	}
	/* Each missing helper probe leaves its part of the record empty. */
	have_commit = memdiag_commit_failure_seen();
	have_charge = !register_kretprobe(&charge_krp);
	have_memcg_oom = !register_kprobe(&memcg_oom_kp);
	have_oom_kill = memdiag_oom_probe_ok();
	WRITE_ONCE(have_swapoff, true);
	if (have_commit && have_charge && have_memcg_oom && have_oom_kill)
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAPOFF,
				    MEMDIAG_FEATURE_STATE_OK, "%s",
				    memdiag_commit_probe_ok() ? "" :
				    "size of the commit check not recorded (commit_pages=0)");
	else
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAPOFF,
				    MEMDIAG_FEATURE_STATE_DEGRADED,
				    "no probe on%s%s%s%s: causes less precise",
				    have_commit ? "" : " ___ratelimit",
				    have_charge ? "" : " mem_cgroup_swapin_charge_folio",
				    have_memcg_oom ? "" : " mem_cgroup_out_of_memory",
				    have_oom_kill ? "" : " oom_kill_process");
}

void memdiag_swapoff_stop(void)
{
	if (have_memcg_oom)
		unregister_kprobe(&memcg_oom_kp);
	if (have_charge)
		unregister_kretprobe(&charge_krp);
	if (have_swapoff)
		unregister_kretprobe(&swapoff_krp);
	WRITE_ONCE(have_swapoff, false);
	memdiag_swapoff_notify_exit();
}

/* Copy the record with sequence number @seq or the next kept one. */
bool memdiag_swapoff_get(u64 seq, struct memdiag_swapoff_rec *out)
{
	unsigned long flags;
	bool found = false;
	u64 first;

	spin_lock_irqsave(&ring_lock, flags);
	first = ring_next_seq > MEMDIAG_SWAPOFF_RING ?
		ring_next_seq - MEMDIAG_SWAPOFF_RING : 1;
	if (seq < first)
		seq = first;
	if (seq < ring_next_seq) {
		*out = ring[seq % MEMDIAG_SWAPOFF_RING];
		found = true;
	}
	spin_unlock_irqrestore(&ring_lock, flags);
	return found;
}

u64 memdiag_swapoff_next_seq(void)
{
	unsigned long flags;
	u64 next;

	spin_lock_irqsave(&ring_lock, flags);
	next = ring_next_seq;
	spin_unlock_irqrestore(&ring_lock, flags);
	return next;
}

u64 memdiag_swapoff_untracked(void)
{
	return atomic64_read(&untracked);
}
