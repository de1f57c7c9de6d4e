// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - commit-accounting rejections: every failed __vm_enough_memory()
 * (mmap, brk, mremap, shmem, swapoff, ...).
 *
 * The success path is left alone: a kretprobe on __vm_enough_memory fires
 * on every mmap and brk. Its failure branch (the "error:" label, the same in
 * 6.1 and 6.12) is the only caller of pr_warn_ratelimited() in it, which
 * calls ___ratelimit(state, "__vm_enough_memory") on every failure, before
 * the rate limit decides anything. A kprobe on ___ratelimit() filtered on
 * that name sees each rejection and nothing else; ___ratelimit() itself
 * runs only where a rate-limited message is about to be printed.
 *
 * The number of pages asked for is not an argument of ___ratelimit(): only
 * an entry probe on __vm_enough_memory sees it, and that probe runs on every
 * mmap and brk (measured: make bench, "(d)"). It is opt-in: with the module
 * parameter commit_pages=1 a kretprobe there leaves each request in a
 * per-CPU note with the task and its context-switch count; if the failing
 * task is the one in the note and has not been switched out since (so it
 * did not change CPU), the note is its request. The same probe gives the
 * swapoff feature the size and result of swapoff's own commit check.
 *
 * Kernels before 6.0 (Debian 11's 5.10) print no warning there, so no
 * failure-only hook exists (compat.h, MEMDIAG_HAVE_VM_ENOUGH_WARN): the
 * feature is unavailable unless commit_pages=1, whose probe on every
 * check then records the rejections from their -ENOMEM return.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_cgroup.h"
#include "memdiag_evring.h"
#include "memdiag_mm.h"
#include "memdiag_rate.h"
#include "memdiag_swapoff.h"
#include "memdiag_syms.h"

static struct memdiag_commit_rec commit_buf[MEMDIAG_MM_RING];
static struct memdiag_evring commit_ring;
static atomic64_t n_total, n_recorded, n_suppressed, n_lost;

struct commit_note {
	struct task_struct *task;
	unsigned long switches;
	long pages;
};

static DEFINE_PER_CPU(struct commit_note, commit_note);

static bool commit_pages;
module_param(commit_pages, bool, 0444);
MODULE_PARM_DESC(commit_pages,
		 "Probe every commit check (__vm_enough_memory) to record the pages a rejected request asked for; costs every mmap/brk a kprobe (default N)");

static unsigned long switches(struct task_struct *t)
{
	return READ_ONCE(t->nvcsw) + READ_ONCE(t->nivcsw);
}

/* Detailed records per second: the failure rate limit's setting, own window. */
static struct memdiag_rate commit_rate;

/* What vm_commit_limit() returns, less hugetlb (not readable without a call). */
static void read_limits(struct memdiag_commit_rec *rec)
{
	const struct memdiag_syms *s = &memdiag_syms;
	unsigned long allowed;

	if (!s->overcommit_memory || !s->overcommit_ratio || !s->overcommit_kbytes)
		return;
	rec->mode = READ_ONCE(*s->overcommit_memory);
	rec->ratio = READ_ONCE(*s->overcommit_ratio);
	rec->kbytes = READ_ONCE(*s->overcommit_kbytes);
	rec->has_sysctl = 1;
	if (!s->total_swap_pages)
		return;
	if (rec->kbytes)
		allowed = rec->kbytes >> (PAGE_SHIFT - 10);
	else
		allowed = totalram_pages() * rec->ratio / 100;
	rec->commit_limit = allowed + max(READ_ONCE(*s->total_swap_pages), 0L);
	rec->has_limit = 1;
}

/*
 * What every record of the ring holds, for a refusal in the current task:
 * false if the rate limit suppresses it (counted either way).
 */
static bool commit_rec_begin(struct memdiag_commit_rec *rec, long pages,
			     bool has_pages)
{
	u64 boot_ns = ktime_get_boot_fast_ns();

	atomic64_inc(&n_total);
	if (memdiag_rate_limited(&commit_rate, READ_ONCE(memdiag_cfg.rate_limit),
				 boot_ns)) {
		atomic64_inc(&n_suppressed);
		return false;
	}
	memset(rec, 0, sizeof(*rec));
	rec->boot_ns = boot_ns;
	rec->real_ns = ktime_get_real_fast_ns();
	rec->pid = task_pid_nr(current);
	rec->tgid = task_tgid_nr(current);
	strscpy(rec->comm, current->comm, sizeof(rec->comm));
	rec->cgroup_id = memdiag_task_memcg_id(current);
	if (has_pages) {
		rec->pages = pages;
		rec->has_pages = 1;
	}
	if (current->mm) {
		rec->total_vm = READ_ONCE(current->mm->total_vm);
		rec->data_vm = READ_ONCE(current->mm->data_vm);
		rec->map_count = READ_ONCE(current->mm->map_count);
	}
	read_limits(rec);
	return true;
}

static void commit_rec_push(struct memdiag_commit_rec *rec)
{
	if (!memdiag_evring_push(&commit_ring, rec)) {
		atomic64_inc(&n_lost);
		return;
	}
	atomic64_inc(&n_recorded);
	memdiag_mm_notify_kick();
}

/*
 * One rejected commit check, from a probe handler. @unacct: pages the
 * check has already taken back out of Committed_AS (seen on its return).
 */
static void commit_record(long pages, bool has_pages, long unacct)
{
	struct memdiag_commit_rec rec;

	memdiag_swapoff_commit_failed();
	if (!commit_rec_begin(&rec, pages, has_pages))
		return;
	rec.cause = MEMDIAG_COMMIT_CAUSE_COMMIT;
	/* As the check saw it; the failed request is still in it. */
	rec.committed = memdiag_committed_pages() + unacct;
	commit_rec_push(&rec);
}

void memdiag_commit_record_limit(u8 cause, u8 call, u64 limit, u64 pages,
				 bool has_pages)
{
	struct memdiag_commit_rec rec;

	if (!commit_rec_begin(&rec, pages, has_pages))
		return;
	rec.cause = cause;
	rec.call = call;
	rec.limit = limit;
	rec.committed = memdiag_committed_pages();
	commit_rec_push(&rec);
}

/* ___ratelimit(struct ratelimit_state *rs, const char *func) */
static int ratelimit_pre(struct kprobe *p, struct pt_regs *regs)
{
	const char *func = (const char *)regs_get_kernel_argument(regs, 1);
	struct commit_note *note;

	if (!func || strcmp(func, "__vm_enough_memory"))
		return 0;
	note = this_cpu_ptr(&commit_note);
	if (note->task == current && note->switches == switches(current) &&
	    note->pages >= 0)
		commit_record(note->pages, true, 0);
	else
		commit_record(0, false, 0);
	return 0;
}

static struct kprobe ratelimit_kp = {
	.symbol_name = "___ratelimit",
	.pre_handler = ratelimit_pre,
};

/* What the entry of one __vm_enough_memory() call leaves for its return. */
struct vm_enough_data {
	long pages;
	bool swapoff;
};

/* __vm_enough_memory(mm, pages, cap_sys_admin): note, and swapoff's check. */
static int vm_enough_entry(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct commit_note *note = this_cpu_ptr(&commit_note);
	struct vm_enough_data *d = (struct vm_enough_data *)ri->data;
	long pages = regs_get_kernel_argument(regs, 1);

	note->task = current;
	note->switches = switches(current);
	note->pages = pages;
	d->pages = pages;
	d->swapoff = !memdiag_swapoff_commit_entry(pages);
	/* Without the failure-only hook every return is the hook. */
	return d->swapoff || !MEMDIAG_HAVE_VM_ENOUGH_WARN ? 0 : 1;
}

static int vm_enough_return(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	struct vm_enough_data *d = (struct vm_enough_data *)ri->data;
	int ret = (int)regs_return_value(regs);

	/* On return the failed check has unaccounted the request again. */
	if (!MEMDIAG_HAVE_VM_ENOUGH_WARN && ret)
		commit_record(d->pages, true, d->pages);
	if (d->swapoff)
		memdiag_swapoff_commit_return(ret);
	return 0;
}

/*
 * maxactive: calls in flight at once. Where it records every rejection
 * (no failure-only hook), one a CPU more than swapoff's own need.
 */
static struct kretprobe vm_enough_krp = {
	.kp.symbol_name = "__vm_enough_memory",
	.entry_handler = vm_enough_entry,
	.handler = vm_enough_return,
	.data_size = sizeof(struct vm_enough_data),
	.maxactive = MEMDIAG_SWAPOFF_INFLIGHT,
};

static bool have_ratelimit, have_krp, have_fail;

/* Before any probe: the notifier reads both rings as soon as one fires. */
void memdiag_commit_init(void)
{
	memdiag_evring_init(&commit_ring, commit_buf, ARRAY_SIZE(commit_buf),
			    sizeof(commit_buf[0]));
}

/*
 * Before 6.0 there is no failure-only hook (compat.h): only commit_pages=1's
 * probe on every check sees the rejections.
 */
static void commit_start_every_check(void)
{
	u32 state = MEMDIAG_FEATURE_STATE_OK;
	const char *why = "rejections seen by commit_pages=1's probe on every check";

	have_fail = have_krp;
	if (!have_krp) {
		state = MEMDIAG_FEATURE_STATE_UNAVAILABLE;
		why = commit_pages ?
		      "cannot probe __vm_enough_memory: rejections not recorded" :
		      "no failure-only hook before 6.0: commit_pages=1 probes every check";
	} else if (memdiag_syms_found() != MEMDIAG_SYMS_NR) {
		state = MEMDIAG_FEATURE_STATE_DEGRADED;
		why = "overcommit sysctls not located: limits not recorded";
	}
	memdiag_feature_set(MEMDIAG_FEATURE_ID_COMMIT, state, "%s%s%s", why,
			    state == MEMDIAG_FEATURE_STATE_DEGRADED &&
			    *memdiag_syms_why() ? ": " : "",
			    state == MEMDIAG_FEATURE_STATE_DEGRADED ?
			    memdiag_syms_why() : "");
}

void memdiag_commit_start(void)
{
	int ret, kret;

	if (!MEMDIAG_HAVE_VM_ENOUGH_WARN)
		vm_enough_krp.maxactive = MEMDIAG_SWAPOFF_INFLIGHT +
					  num_possible_cpus();
	kret = commit_pages ? register_kretprobe(&vm_enough_krp) : 0;
	have_krp = commit_pages && !kret;
	if (!MEMDIAG_HAVE_VM_ENOUGH_WARN) {
		commit_start_every_check();
		return;
	}
	ret = register_kprobe(&ratelimit_kp);
	have_ratelimit = !ret;
	have_fail = have_ratelimit;
	if (!have_ratelimit)
		memdiag_feature_set(MEMDIAG_FEATURE_ID_COMMIT,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE,
				    "cannot probe ___ratelimit (error %d): commit rejections are not recorded",
				    ret);
	else if ((commit_pages && !have_krp) ||
		 memdiag_syms_found() != MEMDIAG_SYMS_NR)
		memdiag_feature_set(MEMDIAG_FEATURE_ID_COMMIT,
				    MEMDIAG_FEATURE_STATE_DEGRADED,
				    "%s%s%s",
				    !commit_pages || have_krp ? "" :
				    "no probe on __vm_enough_memory: pages not recorded; ",
				    memdiag_syms_found() == MEMDIAG_SYMS_NR ? "" :
				    "overcommit sysctls not located: ",
				    memdiag_syms_found() == MEMDIAG_SYMS_NR ? "" :
				    *memdiag_syms_why() ? memdiag_syms_why() :
				    "limits not recorded");
	else
		memdiag_feature_set(MEMDIAG_FEATURE_ID_COMMIT,
				    MEMDIAG_FEATURE_STATE_OK, "%s%s",
				    commit_pages ? "" :
				    "pages asked for not recorded (module parameter commit_pages=0)",
				    strcmp(memdiag_syms_source(), "System.map") ? "" :
				    commit_pages ? "overcommit sysctls from System.map" :
				    "; sysctls from System.map");
}

void memdiag_commit_stop(void)
{
	if (have_ratelimit)
		unregister_kprobe(&ratelimit_kp);
	if (have_krp)
		unregister_kretprobe(&vm_enough_krp);
	have_ratelimit = false;
	have_krp = false;
	have_fail = false;
}

bool memdiag_commit_probe_ok(void)
{
	return have_krp;
}

bool memdiag_commit_failure_seen(void)
{
	return have_fail;
}

bool memdiag_commit_get(u64 seq, struct memdiag_commit_rec *out)
{
	return memdiag_evring_get(&commit_ring, seq, out);
}

void memdiag_commit_counts(struct memdiag_mm_counts *c)
{
	c->total = atomic64_read(&n_total);
	c->recorded = atomic64_read(&n_recorded);
	c->suppressed = atomic64_read(&n_suppressed);
	c->lost = atomic64_read(&n_lost);
	c->next_seq = memdiag_evring_next_seq(&commit_ring);
}
