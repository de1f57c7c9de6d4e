/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - the differences between the kernels memdiag supports (5.10 on,
 * x86_64 and arm64, 4 KiB or 16 KiB pages), in one place. Feature-detect
 * where a macro tells; fall back to the version only where nothing else can.
 */
#ifndef _MEMDIAG_COMPAT_H
#define _MEMDIAG_COMPAT_H

#include <linux/cgroup.h>
#include <linux/irq_work.h>
#include <linux/memcontrol.h>
#include <linux/mmzone.h>
#include <linux/rcupdate.h>
#include <linux/sched/task.h>
#include <linux/spinlock.h>
#include <linux/swap.h>
#include <linux/sched/task_stack.h>
#include <linux/ptrace.h>
#include <linux/signal.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <asm/syscall.h>
#include <uapi/linux/memdiag.h>

/* va_list: 5.15 moved the kernel's own stdarg.h to linux/stdarg.h. */
#ifdef MEMDIAG_HAVE_LINUX_STDARG
#include <linux/stdarg.h>
#else
#include <stdarg.h>
#endif

/*
 * Number of page orders: 6.1's MAX_ORDER is exclusive (11), 6.4 made it
 * inclusive and 6.8 renamed it MAX_PAGE_ORDER and added NR_PAGE_ORDERS.
 * The free_area array is sized by it on every kernel: ask the array.
 */
#define MEMDIAG_NR_ORDERS \
	(sizeof_field(struct zone, free_area) / sizeof(struct free_area))

/*
 * Restricting a multicast group to CAP_NET_ADMIN came in 6.7 and was
 * backported to the 6.1 stable series (Debian has it). Without it the group
 * would be open to all; refuse to offer it rather than leak records.
 */
#ifdef GENL_MCAST_CAP_NET_ADMIN
#define MEMDIAG_HAVE_MCAST_CAP	1
#elif defined(MEMDIAG_HAVE_MCGRP_FLAGS)
/*
 * 5.10's backport of that check (Debian 11 has it) gave the group a flags
 * field and genl_bind() refuses GENL_UNS_ADMIN_PERM groups without
 * CAP_NET_ADMIN over the socket's netns. The family lives in init_net only
 * (netnsok false, multicasts go to init_net): that is CAP_NET_ADMIN.
 * Kbuild greps genetlink.h for the field (MEMDIAG_HAVE_MCGRP_FLAGS).
 */
#define MEMDIAG_HAVE_MCAST_CAP	1
#define GENL_MCAST_CAP_NET_ADMIN GENL_UNS_ADMIN_PERM
#else
#define MEMDIAG_HAVE_MCAST_CAP	0
#define GENL_MCAST_CAP_NET_ADMIN 0
#endif

/*
 * Required attribute: 6.1 reports the missing one in the extended ack;
 * 5.10 has no such report, only the message.
 */
#ifndef GENL_REQ_ATTR_CHECK
#define GENL_REQ_ATTR_CHECK(info, attr) ({				\
	struct genl_info *__info = (info);				\
	bool __missing = !__info->attrs[attr];				\
									\
	if (__missing)							\
		NL_SET_ERR_MSG(__info->extack, "required attribute missing"); \
	__missing;							\
})
#endif

/*
 * Strict genetlink headers (reserved byte zero, only the flags the core
 * gives a meaning): 6.1 checks them for commands from resv_start_op on.
 * 5.10 has no resv_start_op (Kbuild greps genetlink.h:
 * MEMDIAG_HAVE_GENL_RESV_START_OP) and checks neither: there the family's
 * pre_doit does what 6.1's genl_header_check() does, for doit commands
 * (5.10 has no hook before a dump's start).
 */
#ifdef MEMDIAG_HAVE_GENL_RESV_START_OP
#define MEMDIAG_GENL_STRICT_HEADER .resv_start_op = 0
#else
static inline int memdiag_genl_header_check(const struct genl_ops *ops,
					    struct sk_buff *skb,
					    struct genl_info *info)
{
	u16 flags = info->nlhdr->nlmsg_flags;

	if (info->genlhdr->reserved) {
		GENL_SET_ERR_MSG(info, "genlmsghdr.reserved field is not 0");
		return -EINVAL;
	}
	if ((flags & NLM_F_DUMP) == NLM_F_DUMP)
		flags &= ~NLM_F_DUMP;
	if (flags & ~(NLM_F_REQUEST | NLM_F_ACK | NLM_F_ECHO)) {
		GENL_SET_ERR_MSG(info, "ambiguous or reserved bits set in nlmsg_flags");
		return -EINVAL;
	}
	return 0;
}

#define MEMDIAG_GENL_STRICT_HEADER .pre_doit = memdiag_genl_header_check
#endif

/* 5.11 renamed in_irq() in_hardirq(). */
#ifndef in_hardirq
#define in_hardirq()	in_irq()
#endif

/*
 * The promotion watermark (memory tiering) came in 5.18; enum
 * zone_watermarks has no macro: Kbuild greps mmzone.h for WMARK_PROMO
 * (MEMDIAG_HAVE_WMARK_PROMO). Without it the zone carries no promo
 * attribute (the spec's attribute is optional; memdiagctl shows "-").
 */
static inline int memdiag_put_wmark_promo(struct sk_buff *skb, int attr,
					  const unsigned long *wmark, int pad)
{
#ifdef MEMDIAG_HAVE_WMARK_PROMO
	return nla_put_u64_64bit(skb, attr, wmark[WMARK_PROMO], pad);
#else
	return 0;
#endif
}

/*
 * cgroup_get_from_id() is exported from 6.0 on (Kbuild greps cgroup.h:
 * MEMDIAG_HAVE_CGROUP_GET_FROM_ID). 5.10 exports no lookup by id, only
 * the default hierarchy (cgrp_dfl_root) and its walk (memdiag_cgroup.c;
 * the id is the cgroup's kernfs node id on both).
 */
#ifndef MEMDIAG_HAVE_CGROUP_GET_FROM_ID
#include "memdiag_cgroup.h"
#define cgroup_get_from_id(id) memdiag_cgroup_find(&cgrp_dfl_root, (id))
#endif

/*
 * Holding a swap area against swapoff while its slot map and swap_cgroup
 * record are read (the scan sleeps between chunks).
 * 6.1 on: si->users, the percpu_ref get_swap_device() takes; swapoff
 * kills it and waits before freeing either (Kbuild greps swap.h for
 * "struct percpu_ref users": MEMDIAG_HAVE_SWAP_USERS_REF).
 * 5.10: get_swap_device() is RCU (SWP_VALID), which a sleeping scan may
 * not hold. swapoff, after clearing SWP_VALID, waits with the map still
 * there for every holder of the SWP_SCANNING count (si->flags >=
 * SWP_SCANNING) before taking and freeing the map, the file and the
 * swap_cgroup record: hold that count, taken under si->lock only while
 * SWP_VALID is set (swapoff clears it under the same lock).
 */
static inline bool memdiag_swap_area_get(struct swap_info_struct *si)
{
#ifdef MEMDIAG_HAVE_SWAP_USERS_REF
	if (!percpu_ref_tryget_live(&si->users))
		return false;
	/* Pairs with enable_swap_info(), as in get_swap_device(). */
	smp_rmb();
	return true;
#else
	bool ok;

	spin_lock(&si->lock);
	ok = si->flags & SWP_VALID;
	if (ok)
		si->flags += SWP_SCANNING;
	spin_unlock(&si->lock);
	return ok;
#endif
}

static inline void memdiag_swap_area_put(struct swap_info_struct *si)
{
#ifdef MEMDIAG_HAVE_SWAP_USERS_REF
	percpu_ref_put(&si->users);
#else
	spin_lock(&si->lock);
	si->flags -= SWP_SCANNING;
	spin_unlock(&si->lock);
#endif
}

/*
 * The continuation pages of a held area. 6.1 on, swapoff frees them after
 * si->users is dead: the hold covers them. 5.10's swapoff frees them
 * before it waits for SWP_SCANNING, after clearing SWP_VALID and
 * synchronize_rcu(): walk them under RCU with SWP_VALID still set.
 * memdiag_swap_cont_begin() false: the area is going, do not walk.
 */
static inline bool memdiag_swap_cont_begin(struct swap_info_struct *si)
{
#ifdef MEMDIAG_HAVE_SWAP_USERS_REF
	return true;
#else
	rcu_read_lock();
	/* Unlocked, as get_swap_device(): swapoff clears it, then waits. */
	if (data_race(si->flags & SWP_VALID))
		return true;
	rcu_read_unlock();
	return false;
#endif
}

static inline void memdiag_swap_cont_end(struct swap_info_struct *si)
{
#ifndef MEMDIAG_HAVE_SWAP_USERS_REF
	rcu_read_unlock();
#endif
}

#ifndef MEMDIAG_HAVE_SWAP_TABLE
/*
 * The slots in use in cluster @ci of a swap_map area (si->cluster_info),
 * which the caller locked: ci->lock guards the cluster's fields and its
 * swap_map bytes, and every change of a byte from or to 0 updates the
 * count in the same critical section. *@full: the cluster says all its
 * slots are in use (the caller checks the count against its cluster size).
 * 5.10, 6.1 (Kbuild finds "unsigned int data:24" in swap.h:
 * MEMDIAG_HAVE_SWAP_CLUSTER_DATA): data is the count, or the next free
 * cluster's index while flags has CLUSTER_FLAG_FREE; CLUSTER_FLAG_HUGE: one
 * THP holds every slot. 6.12: count; CLUSTER_FLAG_FULL: every slot.
 * A cluster waiting for its discard has a count of 0 and its bytes set to
 * SWAP_MAP_BAD (swap_cluster_schedule_discard(), up to 6.12): none in use.
 */
static inline unsigned int memdiag_swap_cluster_used(struct swap_cluster_info *ci,
						     bool *full)
{
#ifdef MEMDIAG_HAVE_SWAP_CLUSTER_DATA
	if (ci->flags & CLUSTER_FLAG_FREE) {
		*full = false;
		return 0;
	}
	*full = ci->flags & CLUSTER_FLAG_HUGE;
	return ci->data;
#else
	*full = ci->flags & CLUSTER_FLAG_FULL;
	return ci->count;
#endif
}
#endif /* !MEMDIAG_HAVE_SWAP_TABLE */

/*
 * __vm_enough_memory()'s failure branch calls pr_warn_ratelimited() from
 * 6.0 on (6.1's mm/util.c, label error:), the failure-only hook the commit
 * feature probes (memdiag_commit.c). 5.10's branch only unaccounts and
 * returns -ENOMEM: nothing there to probe. That is in mm/util.c, which no
 * header shows, so this one difference goes by the kernel's version
 * (Kbuild, from its Makefile's VERSION: MEMDIAG_HAVE_VM_ENOUGH_WARN=1).
 */
#ifndef MEMDIAG_HAVE_VM_ENOUGH_WARN
#define MEMDIAG_HAVE_VM_ENOUGH_WARN	0
#endif

/*
 * Highatomic pages a request without reserve rights may not count as free
 * (__zone_watermark_unusable_free()): Debian's 6.12 counts only the free
 * ones (zone->nr_free_highatomic), 6.1 the whole reservation. No macro
 * tells, so Kbuild greps the kernel's mmzone.h for the field and defines
 * MEMDIAG_HAVE_NR_FREE_HIGHATOMIC.
 */
#ifdef MEMDIAG_HAVE_NR_FREE_HIGHATOMIC
#define memdiag_zone_highatomic_unusable(z) READ_ONCE((z)->nr_free_highatomic)
#else
#define memdiag_zone_highatomic_unusable(z) READ_ONCE((z)->nr_reserved_highatomic)
#endif

/*
 * task_lock() for a probe handler. PREEMPT_RT makes it a sleeping lock,
 * which a handler (preemption, maybe interrupts, off) may not wait for:
 * there it is only tried. Unlock with task_unlock().
 */
static inline bool memdiag_task_lock_in_probe(struct task_struct *t)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		return spin_trylock(&t->alloc_lock);
	task_lock(t);
	return true;
}

/*
 * The memcg id a swap slot records as its owner (swap_cgroup on 6.1/6.12,
 * the cluster's memcg_table on 7.2). 7.2 renamed it the private id and made
 * mem_cgroup_id() the 64-bit cgroup id; Kbuild greps memcontrol.h for
 * mem_cgroup_private_id and defines MEMDIAG_HAVE_MEMCG_PRIVATE_ID.
 */
#ifdef MEMDIAG_HAVE_MEMCG_PRIVATE_ID
#define memdiag_memcg_swap_id(memcg) mem_cgroup_private_id(memcg)
#else
#define memdiag_memcg_swap_id(memcg) mem_cgroup_id(memcg)
#endif

/*
 * The syscall wrappers the limits and swapoff probes use, and a syscall's
 * arguments in the user registers (task_pt_regs(current): the wrapper's
 * own argument is that pointer, and the registers are unchanged until the
 * syscall has returned). The caller's pc and stack pointer are read with
 * the generic instruction_pointer() and user_stack_pointer().
 * x86_64: __x64_sys_NAME, arguments in di, si, dx, r10.
 * arm64: __arm64_sys_NAME (arch/arm64/include/asm/syscall_wrapper.h, the
 * same in 5.10, 6.1, 6.12 and 7.2; 32-bit tasks reach the same wrapper
 * for a syscall without a compat one, as swapoff), arguments in x0-x3;
 * el0_svc_common() copies x0 to orig_x0 at entry, and x0 is overwritten
 * by the return value, so the first argument is orig_x0 (as
 * syscall_get_arguments()). Elsewhere these features are unavailable.
 */
#if defined(CONFIG_X86_64)
#define MEMDIAG_SYSCALL_PREFIX	"__x64_sys_"
static inline unsigned long memdiag_syscall_arg(const struct pt_regs *u,
						unsigned int n)
{
	switch (n) {
	case 0: return u->di;
	case 1: return u->si;
	case 2: return u->dx;
	default: return u->r10;
	}
}
#elif defined(CONFIG_ARM64)
#define MEMDIAG_SYSCALL_PREFIX	"__arm64_sys_"
static inline unsigned long memdiag_syscall_arg(const struct pt_regs *u,
						unsigned int n)
{
	return n ? u->regs[n & 3] : u->orig_x0;
}
#endif

/*
 * The probes' notification kick: an irq_work run from the next tick, not a
 * self-IPI. The work item it queues can wait a tick, and a storm then pays
 * the interrupt once a tick instead of once a failure (the kick claims a
 * work already pending for nothing). IRQ_WORK_INIT_LAZY came in 5.11; 5.10
 * has the flag only.
 */
#ifdef IRQ_WORK_INIT_LAZY
#define MEMDIAG_DEFINE_IRQ_WORK_LAZY(name, fn) \
	struct irq_work name = IRQ_WORK_INIT_LAZY(fn)
#else
#define MEMDIAG_DEFINE_IRQ_WORK_LAZY(name, fn) \
	struct irq_work name = { .flags = ATOMIC_INIT(IRQ_WORK_LAZY), .func = (fn) }
#endif

/*
 * The call stack of a kprobe pre-handler on a function's first instruction
 * (warn_alloc), from the probed function on: memdiag_probe_stack_save()
 * stores the probed pc (@regs: the probe's registers, at the entry) and
 * its callers, up to @size entries.
 */
#ifdef CONFIG_X86
#include <asm/unwind.h>
/*
 * x86 exports its unwinder (ORC on Debian): start at the probed context's
 * registers, as perf's callchains (and so bpftrace's kstack) do. Walking
 * from the handler instead (stack_trace_save()) first unwinds the probe's
 * own frames (the handler, the kprobe or ftrace entry, the exception
 * frame): the dearest part of the walk, and entries of the record the
 * reader would only cut.
 */
static inline unsigned int memdiag_probe_stack_save(unsigned long *store,
						    unsigned int size,
						    struct pt_regs *regs)
{
	struct unwind_state state;
	unsigned long addr;
	unsigned int n = 0;

	if (!size)
		return 0;
	store[n++] = instruction_pointer(regs);
	/* Started from regs, the unwinder is already at the caller. */
	for (unwind_start(&state, current, regs, NULL);
	     n < size && !unwind_done(&state); unwind_next_frame(&state)) {
		addr = unwind_get_return_address(&state);
		if (!addr)
			break;
		store[n++] = addr;
	}
	return n;
}
#else
/*
 * Elsewhere the unwinder is not exported: stack_trace_save() walks from the
 * handler (the reader cuts the probe's frames). arm64's (5.10 to 7.2)
 * follows frame records only: through the BRK exception it reports the
 * probed pc, then the frame record x29 points at, which is the caller's
 * own, holding the caller's return address: the caller itself is lost, its
 * return address being only in lr, the function not having saved it yet.
 * Put lr back after the probed pc.
 */
static inline unsigned int memdiag_probe_stack_save(unsigned long *store,
						    unsigned int size,
						    struct pt_regs *regs)
{
	unsigned int n = stack_trace_save(store, size, 0);
#ifdef CONFIG_ARM64
	unsigned long pc = instruction_pointer(regs);
	unsigned long lr = procedure_link_pointer(regs);
	unsigned int i;

	for (i = 0; i + 1 < size && i < n; i++) {
		if (store[i] != pc)
			continue;
		if (i + 1 < n && store[i + 1] == lr)
			break;
		if (n == size)
			n--;
		memmove(&store[i + 2], &store[i + 1],
			(n - i - 1) * sizeof(*store));
		store[i + 1] = lr;
		n++;
		break;
	}
#endif
	return n;
}
#endif

/*
 * What a syscall a signal ended gives its caller, decided the way the
 * architecture's signal code decides it once get_signal() has returned
 * (memdiag_swapoff.c probes get_signal's return): EINTR, a restart of the
 * call, or unknown (a tracer stopped in get_signal() changed what the
 * decision reads). Given: @ret, the syscall's return value recorded at its
 * return; @uip, the user pc recorded at its entry (the address after the
 * syscall instruction); @handler, get_signal()'s result (a handler is to
 * run) and @sa_flags, that handler's flags; the user registers are read
 * now, after any tracer stop.
 *
 * x86 (arch/x86/kernel/signal.c, the same in 5.10, 6.1, 6.12 and 7.2):
 * nothing is changed before get_signal(); handle_signal() when a handler
 * runs, arch_do_signal_or_restart()'s "no handlers present" restart
 * otherwise, both from the return value in ax (and orig_ax >= 0, a
 * syscall) after the tracer: read those.
 *
 * arm64 (arch/arm64/kernel/signal.c: do_signal() in 5.10, 6.1 and 6.12,
 * arch_do_signal_or_restart() in 7.2; the same code in all): BEFORE
 * get_signal() it records retval = x0 and continue_addr = pc, sets
 * syscallno to NO_SYSCALL (forget_syscall(): syscall_get_nr() says -1
 * from then on), and for the four restart codes puts orig_x0 back in x0
 * and rewinds pc to restart_addr = pc - 4 (- 2 for a Thumb task). After
 * get_signal() it acts only if pc is still restart_addr (a tracer that
 * moved pc wins): with a handler, -ERESTARTNOHAND, -ERESTART_RESTARTBLOCK
 * and -ERESTARTSYS without SA_RESTART become -EINTR at continue_addr, the
 * rest restart; without one, every restart code restarts. retval is gone
 * from the registers by then: the value recorded at the syscall's return
 * stands for it (a tracer stop at the syscall's exit could change x0
 * before do_signal() reads it, unseen here), and pc == @uip - 4 (@uip is
 * continue_addr unless a tracer moved pc at the exit) is the evidence
 * that the restart was prepared and left alone. -EINTR itself is
 * untouched by the signal code: EINTR if x0 still says so.
 */
#if defined(CONFIG_ARM64)
static inline u8 memdiag_signal_outcome(long ret, unsigned long uip,
					bool handler, unsigned long sa_flags)
{
	struct pt_regs *u = task_pt_regs(current);
	unsigned long restart_addr = uip - (compat_thumb_mode(u) ? 2 : 4);

	switch (ret) {
	case -EINTR:
		/* An int, as do_signal() reads x0 (32-bit tasks: w0). */
		return (int)regs_return_value(u) == -EINTR ?
			MEMDIAG_SWAPOFF_OUTCOME_EINTR :
			MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN;
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTSYS:
	case -ERESTARTNOINTR:
		break;
	default:
		return MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN;
	}
	if (instruction_pointer(u) != restart_addr)
		return MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN;	/* a tracer moved it */
	if (handler && (ret == -ERESTARTNOHAND ||
			ret == -ERESTART_RESTARTBLOCK ||
			(ret == -ERESTARTSYS && !(sa_flags & SA_RESTART))))
		return MEMDIAG_SWAPOFF_OUTCOME_EINTR;
	return MEMDIAG_SWAPOFF_OUTCOME_RESTARTED;
}
#else
static inline u8 memdiag_signal_outcome(long ret, unsigned long uip,
					bool handler, unsigned long sa_flags)
{
	struct pt_regs *u = task_pt_regs(current);

	if (syscall_get_nr(current, u) == -1)
		return MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN;	/* not a syscall now */
	switch (syscall_get_error(current, u)) {
	case -EINTR:
		return MEMDIAG_SWAPOFF_OUTCOME_EINTR;
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		return handler ? MEMDIAG_SWAPOFF_OUTCOME_EINTR :
				 MEMDIAG_SWAPOFF_OUTCOME_RESTARTED;
	case -ERESTARTSYS:
		return handler && !(sa_flags & SA_RESTART) ?
			MEMDIAG_SWAPOFF_OUTCOME_EINTR :
			MEMDIAG_SWAPOFF_OUTCOME_RESTARTED;
	case -ERESTARTNOINTR:
		return MEMDIAG_SWAPOFF_OUTCOME_RESTARTED;
	}
	return MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN;	/* a tracer changed it */
}
#endif

/*
 * kernel_read_file_from_path_initns() (memdiag_sysmap.c): 5.10 returns int,
 * 5.11 on ssize_t (include/linux/kernel_read_file.h of 5.10, 6.1, 6.12 and
 * 7.2); both the bytes read or -errno, the arguments the same. Its result
 * is kept in a ssize_t, which serves both: nothing to select.
 */

#endif /* _MEMDIAG_COMPAT_H */
