// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - address-space refusals: the ENOMEM of a mapping call refused by
 * RLIMIT_AS, RLIMIT_DATA or vm.max_map_count, recorded in the commit ring
 * with their cause (memdiag_commit.c keeps the ring).
 *
 * No hook sees only these refusals: may_expand_vm() runs on every mmap,
 * brk and mremap (and 5.10's gcc split it in two, so a probe on it misses
 * the callers that inlined its head), and the map-count tests are inline in
 * do_mmap(), split_vma(), mremap and brk. So the feature is opt-in
 * (limit_probes=1): a kretprobe on each mapping syscall looks at its result
 * only and, on a refusal, tells the cause in the order the kernel tests it
 * (mm/mmap.c, mm/vma.c, mm/mremap.c of 5.10 to 7.2), from the task's own
 * counters and limits:
 *   mmap     map_count > max (>= max with MAP_FIXED, which may split);
 *            total_vm + len > RLIMIT_AS; a private writable mapping with
 *            data_vm + len > RLIMIT_DATA (may_expand_vm())
 *   brk      heap + data segment > RLIMIT_DATA (check_data_rlimit()); then
 *            RLIMIT_AS, RLIMIT_DATA, map_count > max for the growth
 *   mremap   a move at map_count >= max - 5 (the kernel keeps 3 spare and
 *            a move may need 2); RLIMIT_AS, then RLIMIT_DATA for a growth
 *            (the mapping is not looked up: taken as private writable)
 *   munmap, mprotect, pkey_mprotect, madvise, mlock, mlock2: map_count >=
 *            max (a split needs one more); mprotect to writable also
 *            RLIMIT_DATA
 * An ENOMEM none of these explains (the commit accounting, which the commit
 * feature records itself, a memory cgroup, no room in the address space) is
 * left alone. The counters are read after the refusal: another thread of
 * the same process mapping at that moment can move them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>

#include "compat.h"
#include "memdiag.h"
#include "memdiag_mm.h"
#include "memdiag_syms.h"

static bool limit_probes;
module_param(limit_probes, bool, 0444);
MODULE_PARM_DESC(limit_probes,
		 "Record mapping calls refused by RLIMIT_AS, RLIMIT_DATA or vm.max_map_count; costs every mmap/munmap/mprotect/mremap/brk/madvise/mlock a kretprobe (default N)");

/* What one refused call asked for, as the kernel tests it. */
struct limits_req {
	u8 call;		/* enum memdiag_mm_call */
	unsigned long grow;	/* pages the call asks for */
	bool as;		/* ... adding them to the address space */
	bool data;		/* ... as private writable memory */
	bool split;		/* it may need one more mapping */
	int spare;		/* mappings the kernel keeps spare (mremap) */
};

static u64 rlim_cur(unsigned int r)
{
	return READ_ONCE(current->signal->rlim[r].rlim_cur);
}

static bool over_as(const struct mm_struct *mm, unsigned long grow)
{
	return grow && READ_ONCE(mm->total_vm) + grow >
		       rlim_cur(RLIMIT_AS) >> PAGE_SHIFT;
}

/* may_expand_vm()'s data test, with its exception for a soft limit of 0. */
static bool over_data(const struct mm_struct *mm, unsigned long grow)
{
	unsigned long data = READ_ONCE(mm->data_vm) + grow;

	if (!grow || data <= rlim_cur(RLIMIT_DATA) >> PAGE_SHIFT)
		return false;
	return !(rlim_cur(RLIMIT_DATA) == 0 &&
		 data <= READ_ONCE(current->signal->rlim[RLIMIT_DATA].rlim_max) >>
			 PAGE_SHIFT);
}

/* check_data_rlimit() of brk: the heap and the data segment together. */
static bool brk_over_data(const struct mm_struct *mm, unsigned long brk)
{
	u64 rlim = rlim_cur(RLIMIT_DATA);

	return rlim < RLIM_INFINITY &&
	       (brk - mm->start_brk) + (mm->end_data - mm->start_data) > rlim;
}

static void limits_classify(const struct limits_req *q, bool count_first)
{
	struct mm_struct *mm = current->mm;
	int *maxp = memdiag_syms.max_map_count;
	int map_count, max;
	bool over_count;

	if (!mm)
		return;
	map_count = READ_ONCE(mm->map_count);
	max = maxp ? READ_ONCE(*maxp) : INT_MAX;
	over_count = maxp && (map_count > max ||
			      (q->split && map_count >= max - q->spare));
	if (count_first && over_count)
		goto count;
	if (q->as && over_as(mm, q->grow)) {
		memdiag_commit_record_limit(MEMDIAG_COMMIT_CAUSE_RLIMIT_AS,
					    q->call, rlim_cur(RLIMIT_AS),
					    q->grow, true);
		return;
	}
	if (q->data && over_data(mm, q->grow)) {
		memdiag_commit_record_limit(MEMDIAG_COMMIT_CAUSE_RLIMIT_DATA,
					    q->call, rlim_cur(RLIMIT_DATA),
					    q->grow, true);
		return;
	}
	if (!over_count)
		return;
count:
	memdiag_commit_record_limit(MEMDIAG_COMMIT_CAUSE_MAP_COUNT, q->call,
				    max, q->grow, q->grow != 0);
}

static unsigned long pages(unsigned long bytes)
{
	return PAGE_ALIGN(bytes) >> PAGE_SHIFT;
}

static bool refused(struct pt_regs *regs)
{
	return (long)regs_return_value(regs) == -ENOMEM;
}

#define ARG(n) memdiag_syscall_arg(task_pt_regs(current), (n))

/* mmap(addr, len, prot, flags, fd, off) */
static int mmap_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	unsigned long prot = ARG(2), flags = ARG(3);
	struct limits_req q = {
		.call = MEMDIAG_MM_CALL_MMAP,
		.grow = pages(ARG(1)),
		.as = true,
		/* is_data_mapping(): VM_WRITE without VM_SHARED, VM_STACK */
		.data = (prot & PROT_WRITE) && !(flags & MAP_SHARED) &&
			!(flags & MAP_GROWSDOWN),
		.split = flags & MAP_FIXED,
	};

	if (refused(regs))
		limits_classify(&q, true);
	return 0;
}

/* brk(brk): the old break back when refused, -ENOMEM never. */
static int brk_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	unsigned long want = ARG(0), got = regs_return_value(regs);
	struct mm_struct *mm = current->mm;
	struct limits_req q = {
		.call = MEMDIAG_MM_CALL_BRK,
		.as = true,
		.data = true,
	};

	/* brk(0) and anything below the heap only ask where it is. */
	if (!mm || got == want || want < mm->start_brk)
		return 0;
	if (want < got) {
		q.split = true;		/* a shrink unmaps, and may split */
		limits_classify(&q, true);
		return 0;
	}
	q.grow = pages(want) - pages(got);
	if (brk_over_data(mm, want)) {
		memdiag_commit_record_limit(MEMDIAG_COMMIT_CAUSE_RLIMIT_DATA,
					    q.call, rlim_cur(RLIMIT_DATA),
					    q.grow, true);
		return 0;
	}
	/* do_brk_flags(): may_expand_vm(), then the map count. */
	limits_classify(&q, false);
	return 0;
}

/* mremap(addr, old_len, new_len, flags, new_addr) */
static int mremap_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	unsigned long old_len = pages(ARG(1)), new_len = pages(ARG(2));
	struct limits_req q = {
		.call = MEMDIAG_MM_CALL_MREMAP,
		.grow = new_len > old_len ? new_len - old_len : 0,
		.as = true,
		.data = true,
		.split = true,
		.spare = ARG(3) & (MREMAP_MAYMOVE | MREMAP_FIXED) ? 5 : 0,
	};

	if (refused(regs))
		limits_classify(&q, true);
	return 0;
}

/* mprotect(addr, len, prot), pkey_mprotect(addr, len, prot, pkey) */
static void protect_ret(struct pt_regs *regs, u8 call)
{
	struct limits_req q = {
		.call = call,
		.split = true,
	};

	if (!refused(regs))
		return;
	/*
	 * Made writable, private memory counts as data from then on: the
	 * data limit is tested first (mprotect_fixup()), then the split.
	 */
	if (ARG(2) & PROT_WRITE) {
		q.grow = pages(ARG(1));
		q.data = true;
	}
	limits_classify(&q, false);
}

static int mprotect_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	protect_ret(regs, MEMDIAG_MM_CALL_MPROTECT);
	return 0;
}

static int pkey_mprotect_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	protect_ret(regs, MEMDIAG_MM_CALL_PKEY_MPROTECT);
	return 0;
}

/* munmap, madvise, mlock, mlock2: refused only for a split. */
static void split_ret(struct pt_regs *regs, u8 call)
{
	struct limits_req q = { .call = call, .split = true };

	if (refused(regs))
		limits_classify(&q, true);
}

static int munmap_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	split_ret(regs, MEMDIAG_MM_CALL_MUNMAP);
	return 0;
}

static int madvise_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	split_ret(regs, MEMDIAG_MM_CALL_MADVISE);
	return 0;
}

static int mlock_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	split_ret(regs, MEMDIAG_MM_CALL_MLOCK);
	return 0;
}

static int mlock2_ret(struct kretprobe_instance *ri, struct pt_regs *regs)
{
	split_ret(regs, MEMDIAG_MM_CALL_MLOCK2);
	return 0;
}

#undef ARG

#ifdef MEMDIAG_SYSCALL_PREFIX
#define LIMITS_KRP(name, fn) { \
	.kp.symbol_name = MEMDIAG_SYSCALL_PREFIX #name, .handler = (fn) }

static struct kretprobe limits_krp[] = {
	LIMITS_KRP(mmap, mmap_ret),
	LIMITS_KRP(munmap, munmap_ret),
	LIMITS_KRP(mprotect, mprotect_ret),
	LIMITS_KRP(pkey_mprotect, pkey_mprotect_ret),
	LIMITS_KRP(mremap, mremap_ret),
	LIMITS_KRP(brk, brk_ret),
	LIMITS_KRP(madvise, madvise_ret),
	LIMITS_KRP(mlock, mlock_ret),
	LIMITS_KRP(mlock2, mlock2_ret),
};

static bool limits_have[ARRAY_SIZE(limits_krp)];

void memdiag_limits_start(void)
{
	char missing[96] = "";
	unsigned int i, n = 0;
	int len = 0;

	if (!limit_probes) {
		memdiag_feature_set(MEMDIAG_FEATURE_ID_LIMITS,
				    MEMDIAG_FEATURE_STATE_DISABLED, "%s",
				    "off: limit_probes=1 records RLIMIT_AS, RLIMIT_DATA and vm.max_map_count refusals");
		return;
	}
	for (i = 0; i < ARRAY_SIZE(limits_krp); i++) {
		/* Calls in flight at once, sleeping ones included. */
		limits_krp[i].maxactive = max(64U, 4 * num_possible_cpus());
		limits_have[i] = !register_kretprobe(&limits_krp[i]);
		if (limits_have[i])
			n++;
		else
			len += scnprintf(missing + len, sizeof(missing) - len, " %s",
					 limits_krp[i].kp.symbol_name +
					 strlen(MEMDIAG_SYSCALL_PREFIX));
	}
	if (!n)
		memdiag_feature_set(MEMDIAG_FEATURE_ID_LIMITS,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE, "%s",
				    "cannot probe the mapping syscalls");
	else if (n < ARRAY_SIZE(limits_krp))
		memdiag_feature_set(MEMDIAG_FEATURE_ID_LIMITS,
				    MEMDIAG_FEATURE_STATE_DEGRADED,
				    "refusals of these calls not seen:%s", missing);
	else if (!memdiag_syms.max_map_count)
		memdiag_feature_set(MEMDIAG_FEATURE_ID_LIMITS,
				    MEMDIAG_FEATURE_STATE_DEGRADED, "%s",
				    "sysctl_max_map_count not located: map-count refusals not recorded");
	else
		memdiag_feature_set(MEMDIAG_FEATURE_ID_LIMITS,
				    MEMDIAG_FEATURE_STATE_OK, "%s", "");
}

void memdiag_limits_stop(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(limits_krp); i++) {
		if (limits_have[i])
			unregister_kretprobe(&limits_krp[i]);
		limits_have[i] = false;
	}
}
#else
void memdiag_limits_start(void)
{
	memdiag_feature_set(MEMDIAG_FEATURE_ID_LIMITS,
			    limit_probes ? MEMDIAG_FEATURE_STATE_UNAVAILABLE :
					   MEMDIAG_FEATURE_STATE_DISABLED, "%s",
			    "the syscall wrappers of this architecture are not known");
}

void memdiag_limits_stop(void)
{
}
#endif
