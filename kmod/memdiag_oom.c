// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - OOM kills, seen by a kprobe on oom_kill_process().
 *
 * oom_kill_process(oc, message) (static, out of line in 6.1 and 6.12) is
 * where out_of_memory() hands over the victim it chose: oc->chosen with its
 * badness in oc->chosen_points, the domain (oc->memcg, oc->constraint) and
 * the allocation that ran out (oc->order, oc->gfp_mask, and current, which
 * made it). One probe serves both this record and the swapoff feature's
 * victims. What the victim holds is read as __oom_kill_process() prints it
 * in the "Killed process" line: under task_lock() (only tried on PREEMPT_RT,
 * where it sleeps), from its mm's counters.
 * A victim without an mm (exiting; its threads not searched) is flagged.
 * Not seen: the task_will_free_mem(current) shortcut in out_of_memory() and
 * the other members of an oom.group cgroup killed along with the victim.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/cred.h>
#include <linux/kprobes.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_cgroup.h"
#include "memdiag_evring.h"
#include "memdiag_mm.h"
#include "memdiag_swapoff.h"

static struct memdiag_oom_rec oom_buf[MEMDIAG_MM_RING];
static struct memdiag_evring oom_ring;
static atomic64_t n_total, n_recorded, n_lost;

static void read_victim_mm(struct memdiag_oom_rec *rec, struct task_struct *t)
{
	struct mm_struct *mm;

	if (!memdiag_task_lock_in_probe(t)) {
		rec->no_mm = 1;		/* busy, on PREEMPT_RT only */
		return;
	}
	mm = t->mm;
	if (mm) {
		rec->anon_rss = get_mm_counter(mm, MM_ANONPAGES);
		rec->file_rss = get_mm_counter(mm, MM_FILEPAGES);
		rec->shmem_rss = get_mm_counter(mm, MM_SHMEMPAGES);
		rec->swap_ents = get_mm_counter(mm, MM_SWAPENTS);
		rec->pgtables_bytes = mm_pgtables_bytes(mm);
		rec->total_vm = READ_ONCE(mm->total_vm);
	} else {
		rec->no_mm = 1;
	}
	task_unlock(t);
}

static int oom_kill_pre(struct kprobe *p, struct pt_regs *regs)
{
	struct oom_control *oc =
		(struct oom_control *)regs_get_kernel_argument(regs, 0);
	struct memdiag_oom_rec rec;
	struct task_struct *t;

	if (!oc || !oc->chosen)
		return 0;
	memdiag_swapoff_oom_kill(oc);
	atomic64_inc(&n_total);

	t = oc->chosen;
	memset(&rec, 0, sizeof(rec));
	rec.boot_ns = ktime_get_boot_fast_ns();
	rec.real_ns = ktime_get_real_fast_ns();
	rec.pid = task_pid_nr(t);
	rec.tgid = task_tgid_nr(t);
	strscpy(rec.comm, t->comm, sizeof(rec.comm));
	rcu_read_lock();
	rec.uid = from_kuid(&init_user_ns, task_uid(t));
	rcu_read_unlock();
	rec.cgroup_id = memdiag_task_memcg_id(t);
	read_victim_mm(&rec, t);
	rec.oom_score_adj = READ_ONCE(t->signal->oom_score_adj);
	rec.points = oc->chosen_points;
	rec.totalpages = oc->totalpages;
	rec.constraint = oc->constraint;
	if (oc->memcg)
		rec.memcg_id = cgroup_id(oc->memcg->css.cgroup);
	rec.trigger_pid = task_pid_nr(current);
	strscpy(rec.trigger_comm, current->comm, sizeof(rec.trigger_comm));
	rec.order = oc->order;
	rec.gfp = oc->gfp_mask;

	if (!memdiag_evring_push(&oom_ring, &rec)) {
		atomic64_inc(&n_lost);
		return 0;
	}
	atomic64_inc(&n_recorded);
	memdiag_mm_notify_kick();
	return 0;
}

static struct kprobe oom_kill_kp = {
	.symbol_name = "oom_kill_process",
	.pre_handler = oom_kill_pre,
};

static bool have_oom_kill;

/* Before any probe: the notifier reads both rings as soon as one fires. */
void memdiag_oom_init(void)
{
	memdiag_evring_init(&oom_ring, oom_buf, ARRAY_SIZE(oom_buf),
			    sizeof(oom_buf[0]));
}

void memdiag_oom_start(void)
{
	int ret;

	ret = register_kprobe(&oom_kill_kp);
	have_oom_kill = !ret;
	if (ret)
		memdiag_feature_set(MEMDIAG_FEATURE_ID_OOM,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE,
				    "cannot probe oom_kill_process (error %d): OOM kills are not recorded",
				    ret);
	else
		memdiag_feature_set(MEMDIAG_FEATURE_ID_OOM,
				    MEMDIAG_FEATURE_STATE_OK, "%s", "");
}

void memdiag_oom_stop(void)
{
	if (have_oom_kill)
		unregister_kprobe(&oom_kill_kp);
	have_oom_kill = false;
}

bool memdiag_oom_probe_ok(void)
{
	return have_oom_kill;
}

bool memdiag_oom_get(u64 seq, struct memdiag_oom_rec *out)
{
	return memdiag_evring_get(&oom_ring, seq, out);
}

void memdiag_oom_counts(struct memdiag_mm_counts *c)
{
	c->total = atomic64_read(&n_total);
	c->recorded = atomic64_read(&n_recorded);
	c->suppressed = 0;
	c->lost = atomic64_read(&n_lost);
	c->next_seq = memdiag_evring_next_seq(&oom_ring);
}
