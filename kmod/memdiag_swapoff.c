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
 *
 * The syscall is probed through its wrapper, MEMDIAG_SYSCALL_PREFIX
 * "swapoff" (compat.h: __x64_sys_swapoff, __arm64_sys_swapoff); the
 * caller's pc, stack pointer and path argument are read from its user
 * registers (task_pt_regs()) with the generic accessors.
 *
 * A call a signal ended (try_to_unuse() returns -EINTR, or -ERESTARTSYS
 * from 6.12.118 on, when signal_pending()) is what the caller gets only
 * once the signal is delivered, after the syscall has returned: EINTR,
 * a restart of the call, or death. The return probe cannot know it (the
 * signal to be delivered is chosen later, and more can arrive), except
 * for a fatal signal already pending, which the task cannot survive
 * (fatal_signal_pending(): SIGKILL queued for it). Otherwise the record
 * waits in its slot for the delivery, where the kernel decides:
 *   get_signal (kretprobe)  it returns whether a handler is to run and
 *                           which (ksig->ka); the architecture's restart
 *                           logic around it decides from that, the
 *                           syscall's return value and the user pc:
 *                           memdiag_signal_outcome() in compat.h (x86
 *                           reads it all after get_signal(); arm64
 *                           rewinds pc and x0 before get_signal(), the
 *                           same in 5.10, 6.1, 6.12 and 7.2)
 *   do_exit (kprobe)        the task died inside get_signal (a fatal
 *                           signal: get_signal() calls do_group_exit())
 * A restarted call enters swapoff again from the same instruction with
 * the same stack pointer and argument: that record names the one it
 * restarts (restart-of). x86 rewinds ip by 2 to the syscall instruction
 * and puts orig_ax back in ax; arm64 rewinds pc by 4 (2 for Thumb) to the
 * svc and puts orig_x0 back in x0, so the new entry has the same pc (the
 * address after the svc), sp and orig_x0, directly or after the handler's
 * sigreturn.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/errno.h>
#include <linux/kprobes.h>
#include <linux/memcontrol.h>
#include <linux/mman.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>
#include <linux/signal.h>
#include <linux/spinlock.h>
#include <linux/swap.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <asm/syscall.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_cgroup.h"
#include "memdiag_syms.h"
#include "memdiag_mm.h"
#include "memdiag_swapoff.h"

/* Where a slot's call is; only its owner task reads or writes this. */
enum {
	SLOT_CALL,	/* in the syscall: the helper probes record into it */
	SLOT_SIGNAL,	/* returned because of a signal, not yet delivered */
	SLOT_DELIVER,	/* in get_signal() */
};

struct memdiag_swapoff_slot {
	struct task_struct *task;	/* owner, or NULL when free */
	u8 state;
	/* The caller's pc, sp and argument at entry: a restart has the same. */
	unsigned long uip, usp, udi;
	struct memdiag_swapoff_rec rec;
};

/* A restarted call still to come (under ring_lock). */
struct memdiag_swapoff_restart {
	pid_t pid;		/* 0: free */
	unsigned long uip, usp, udi;
	u64 seq;
};

static struct memdiag_swapoff_slot slots[MEMDIAG_SWAPOFF_INFLIGHT];
static bool have_swapoff, have_commit, have_charge, have_memcg_oom,
	    have_oom_kill, have_deliver, have_exit;
static struct memdiag_swapoff_rec ring[MEMDIAG_SWAPOFF_RING];
static DEFINE_SPINLOCK(ring_lock);
static u64 ring_next_seq = 1;	/* under ring_lock */
static struct memdiag_swapoff_restart restarts[MEMDIAG_SWAPOFF_INFLIGHT];
static unsigned int restart_next;	/* under ring_lock */
static atomic64_t untracked = ATOMIC64_INIT(0);

static struct memdiag_swapoff_slot *current_slot(u8 state)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(slots); i++)
		if (READ_ONCE(slots[i].task) == current &&
		    READ_ONCE(slots[i].state) == state)
			return &slots[i];
	return NULL;
}

/* The record of current's call while it is in the syscall. */
static struct memdiag_swapoff_rec *current_rec(void)
{
	struct memdiag_swapoff_slot *slot = current_slot(SLOT_CALL);

	return slot ? &slot->rec : NULL;
}

/* The return values with which a pending signal ends a syscall. */
static bool signal_code(long ret)
{
	switch (ret) {
	case -EINTR:
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
		return true;
	}
	return false;
}

static u8 classify(const struct memdiag_swapoff_rec *rec)
{
	if (rec->result && rec->self_victim)
		return MEMDIAG_SWAPOFF_CAUSE_OOM_VICTIM;
	if (signal_code(rec->result))
		return MEMDIAG_SWAPOFF_CAUSE_SIGNAL;
	switch (rec->result) {
	case 0:
		return MEMDIAG_SWAPOFF_CAUSE_SUCCESS;
	case -ENOMEM:
		if (rec->commit_seen && rec->commit_ret)
			return MEMDIAG_SWAPOFF_CAUSE_COMMIT;
		if (rec->charge_failures || rec->memcg_id || rec->nr_victims)
			return MEMDIAG_SWAPOFF_CAUSE_MEMCG;
		return MEMDIAG_SWAPOFF_CAUSE_NOMEM_OTHER;
	}
	return MEMDIAG_SWAPOFF_CAUSE_REFUSED;
}

/*
 * Copy the finished record into the ring and free its slot. A call the
 * kernel restarts leaves a mark its restart will find.
 */
static void publish(struct memdiag_swapoff_slot *slot)
{
	struct memdiag_swapoff_rec *rec = &slot->rec;
	struct memdiag_swapoff_restart *m;
	unsigned long flags;

	spin_lock_irqsave(&ring_lock, flags);
	/* Under the lock: mark_chosen() may set self_victim until now. */
	rec->cause = classify(rec);
	rec->seq = ring_next_seq++;
	ring[rec->seq % MEMDIAG_SWAPOFF_RING] = *rec;
	if (rec->has_outcome &&
	    rec->outcome == MEMDIAG_SWAPOFF_OUTCOME_RESTARTED) {
		m = &restarts[restart_next++ % ARRAY_SIZE(restarts)];
		m->pid = rec->pid;
		m->uip = slot->uip;
		m->usp = slot->usp;
		m->udi = slot->udi;
		m->seq = rec->seq;
	}
	spin_unlock_irqrestore(&ring_lock, flags);
	/* The record is copied out before the slot can be claimed again. */
	smp_store_release(&slot->task, NULL);
	memdiag_swapoff_notify_kick();
}

static void publish_outcome(struct memdiag_swapoff_slot *slot, u8 outcome)
{
	slot->rec.has_outcome = 1;
	slot->rec.outcome = outcome;
	publish(slot);
}

/* The seq of the call this one (entering now) restarts, or 0. */
static u64 restart_of(pid_t pid, unsigned long uip, unsigned long usp,
		      unsigned long udi)
{
	unsigned long flags;
	unsigned int i;
	u64 seq = 0;

	spin_lock_irqsave(&ring_lock, flags);
	for (i = 0; i < ARRAY_SIZE(restarts); i++) {
		struct memdiag_swapoff_restart *m = &restarts[i];

		if (m->pid == pid && m->uip == uip && m->usp == usp &&
		    m->udi == udi) {
			seq = m->seq;
			m->pid = 0;
			break;
		}
	}
	spin_unlock_irqrestore(&ring_lock, flags);
	return seq;
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
	/* MEMDIAG_SYSCALL_PREFIX "swapoff"(const struct pt_regs *user_regs) */
	struct pt_regs *uregs = task_pt_regs(current);
	struct memdiag_swapoff_slot *slot;
	struct memdiag_swapoff_rec *rec;
	unsigned int i;

	/* A delivery of an earlier call that was not seen: say so. */
	slot = current_slot(SLOT_SIGNAL);
	if (slot)
		publish_outcome(slot, MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN);
	for (i = 0; i < ARRAY_SIZE(slots); i++)
		if (!cmpxchg(&slots[i].task, NULL, current))
			break;
	if (i == ARRAY_SIZE(slots)) {
		atomic64_inc(&untracked);
		return 1;	/* no return handler for this call */
	}
	slot = &slots[i];
	WRITE_ONCE(slot->state, SLOT_CALL);
	slot->uip = instruction_pointer(uregs);
	slot->usp = user_stack_pointer(uregs);
	slot->udi = memdiag_syscall_arg(uregs, 0);
	rec = &slot->rec;
	memset(rec, 0, sizeof(*rec));
	rec->start_boot_ns = ktime_get_boot_fast_ns();
	rec->start_real_ns = ktime_get_real_fast_ns();
	rec->pid = task_pid_nr(current);
	rec->tgid = task_tgid_nr(current);
	strscpy(rec->comm, current->comm, sizeof(rec->comm));
	rec->cgroup_id = memdiag_task_memcg_id(current);
	rec->swap_free_start = atomic_long_read(&nr_swap_pages);
	copy_path(rec->path, sizeof(rec->path),
		  (const char __user *)slot->udi);
	rec->restart_of = restart_of(rec->pid, slot->uip, slot->usp, slot->udi);
	*(struct memdiag_swapoff_slot **)ri->data = slot;
	return 0;
}

static int swapoff_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct memdiag_swapoff_slot *slot =
		*(struct memdiag_swapoff_slot **)ri->data;
	struct memdiag_swapoff_rec *rec = &slot->rec;

	rec->result = (s32)regs_return_value(regs);
	rec->end_boot_ns = ktime_get_boot_fast_ns();
	rec->swap_free_end = atomic_long_read(&nr_swap_pages);

	/* SIGKILL is queued: the task dies before it returns to user space. */
	if (fatal_signal_pending(current)) {
		publish_outcome(slot, MEMDIAG_SWAPOFF_OUTCOME_KILLED);
		return 0;
	}
	if (!signal_code(rec->result)) {
		publish(slot);
		return 0;
	}
	if (!READ_ONCE(have_deliver) || !READ_ONCE(have_exit)) {
		publish_outcome(slot, MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN);
		return 0;
	}
	/* The delivery decides (get_signal below). */
	WRITE_ONCE(slot->state, SLOT_SIGNAL);
	return 0;
}

static struct kretprobe swapoff_krp = {
	.kp.symbol_name = MEMDIAG_SYSCALL_PREFIX "swapoff",
	.entry_handler = swapoff_entry,
	.handler = swapoff_return,
	.data_size = sizeof(struct memdiag_swapoff_slot *),
	.maxactive = MEMDIAG_SWAPOFF_INFLIGHT,
};

/* ---- the signal delivery after a call a signal ended ------------------- */

struct deliver_data {
	struct memdiag_swapoff_slot *slot;
	struct ksignal *ksig;
};

/* get_signal(ksig): only the tasks whose swapoff awaits its delivery. */
static int deliver_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct deliver_data *d = (struct deliver_data *)ri->data;
	struct memdiag_swapoff_slot *slot = current_slot(SLOT_SIGNAL);

	if (!slot)
		return 1;
	WRITE_ONCE(slot->state, SLOT_DELIVER);
	d->slot = slot;
	d->ksig = (struct ksignal *)regs_get_kernel_argument(regs, 0);
	return 0;
}

static int deliver_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct deliver_data *d = (struct deliver_data *)ri->data;
	/* bool in the low byte of the return register */
	bool handler = (u8)regs_return_value(regs);

	/* The architecture's decision after get_signal() (compat.h). */
	publish_outcome(d->slot,
			memdiag_signal_outcome(d->slot->rec.result, d->slot->uip,
					       handler, handler && d->ksig ?
					       d->ksig->ka.sa.sa_flags : 0));
	return 0;
}

static struct kretprobe deliver_krp = {
	.kp.symbol_name = "get_signal",
	.entry_handler = deliver_entry,
	.handler = deliver_return,
	.data_size = sizeof(struct deliver_data),
	/* set at start: one in use per CPU at most, plus one per slot */
};

/* do_exit(code): a task whose call awaited its delivery dies. */
static int exit_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct memdiag_swapoff_slot *slot = current_slot(SLOT_DELIVER);

	if (slot) {
		publish_outcome(slot, MEMDIAG_SWAPOFF_OUTCOME_KILLED);
		return 0;
	}
	/* Exiting without a delivery seen: the get_signal probe missed it. */
	slot = current_slot(SLOT_SIGNAL);
	if (slot)
		publish_outcome(slot, MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN);
	return 0;
}

static struct kprobe exit_kp = {
	.symbol_name = "do_exit",
	.pre_handler = exit_pre,
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

/*
 * The OOM killer chose a task whose swapoff call is not yet published:
 * swapoff runs as oom_origin, so in a global OOM it is the first choice
 * (oom_evaluate_task(): oom_task_origin()), whichever task's allocation
 * ran out. Under ring_lock, where publish() classifies and frees the
 * slot: a slot found owned by the victim is still its call's.
 */
static void mark_chosen(struct task_struct *victim)
{
	unsigned long flags;
	unsigned int i;

	spin_lock_irqsave(&ring_lock, flags);
	for (i = 0; i < ARRAY_SIZE(slots); i++) {
		struct task_struct *owner = READ_ONCE(slots[i].task);

		if (owner && same_thread_group(owner, victim))
			slots[i].rec.self_victim = 1;
	}
	spin_unlock_irqrestore(&ring_lock, flags);
}

/* oom_kill_process(oc, message), from memdiag_oom.c: a victim chosen while swapoff ran. */
void memdiag_swapoff_oom_kill(struct oom_control *oc)
{
	struct memdiag_swapoff_rec *rec;
	struct memdiag_swapoff_victim *v;
	struct task_struct *t;

	if (!READ_ONCE(have_swapoff) || !oc || !oc->chosen)
		return;
	mark_chosen(oc->chosen);
	rec = current_rec();
	if (!rec)
		return;
	t = oc->chosen;
	if (rec->nr_victims == MEMDIAG_SWAPOFF_VICTIMS) {
		rec->victims_dropped++;
		return;
	}
	v = &rec->victims[rec->nr_victims++];
	v->pid = task_pid_nr(t);
	strscpy(v->comm, t->comm, sizeof(v->comm));
	v->cgroup_id = memdiag_task_memcg_id(t);
}

/* ---- lifetime ------------------------------------------------------------ */

/* The signal-delivery probes: the start's error path and stop share them. */
static void memdiag_swapoff_signal_stop(void)
{
	if (have_exit)
		unregister_kprobe(&exit_kp);
	if (have_deliver)
		unregister_kretprobe(&deliver_krp);
	have_exit = false;
	have_deliver = false;
}

void memdiag_swapoff_start(void)
{
	int ret;

	memdiag_swapoff_notify_init();
	/*
	 * Before the call probe, so that no call waits for a delivery not
	 * followed. An instance is taken for every get_signal() before the
	 * entry handler filters: one per CPU at a time (the handler runs
	 * with preemption off), plus one held per slot awaiting delivery.
	 */
	deliver_krp.maxactive = num_possible_cpus() + MEMDIAG_SWAPOFF_INFLIGHT;
	have_deliver = !register_kretprobe(&deliver_krp);
	have_exit = !register_kprobe(&exit_kp);
	ret = register_kretprobe(&swapoff_krp);
	if (ret) {
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAPOFF,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE,
				    "cannot probe %s: %d",
				    swapoff_krp.kp.symbol_name, ret);
		memdiag_swapoff_signal_stop();
		return;
	}
	/* Each missing helper probe leaves its part of the record empty. */
	have_commit = memdiag_commit_failure_seen();
	have_charge = !register_kretprobe(&charge_krp);
	have_memcg_oom = !register_kprobe(&memcg_oom_kp);
	have_oom_kill = memdiag_oom_probe_ok();
	WRITE_ONCE(have_swapoff, true);
	if (have_commit && have_charge && have_memcg_oom && have_oom_kill &&
	    have_deliver && have_exit)
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAPOFF,
				    MEMDIAG_FEATURE_STATE_OK, "%s",
				    memdiag_commit_probe_ok() ? "" :
				    "size of the commit check not recorded (commit_pages=0)");
	else
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAPOFF,
				    MEMDIAG_FEATURE_STATE_DEGRADED,
				    "no probe on%s%s%s%s%s%s: causes less precise%s",
				    have_commit ? "" : " ___ratelimit",
				    have_charge ? "" : " mem_cgroup_swapin_charge_folio",
				    have_memcg_oom ? "" : " mem_cgroup_out_of_memory",
				    have_oom_kill ? "" : " oom_kill_process",
				    have_deliver ? "" : " get_signal",
				    have_exit ? "" : " do_exit",
				    have_deliver && have_exit ? "" :
				    ", what a signal did to a call unknown");
}

void memdiag_swapoff_stop(void)
{
	if (have_memcg_oom)
		unregister_kprobe(&memcg_oom_kp);
	if (have_charge)
		unregister_kretprobe(&charge_krp);
	if (have_swapoff)
		unregister_kretprobe(&swapoff_krp);
	memdiag_swapoff_signal_stop();
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
