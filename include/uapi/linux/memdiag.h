/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/memdiag.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_MEMDIAG_H
#define _UAPI_LINUX_MEMDIAG_H

#define MEMDIAG_FAMILY_NAME	"memdiag"
#define MEMDIAG_FAMILY_VERSION	1

#define MEMDIAG_RATE_LIMIT_MAX		1000000
#define MEMDIAG_STACK_DEPTH_MAX		32
#define MEMDIAG_RING_SIZE_MIN		16
#define MEMDIAG_RING_SIZE_MAX		65536
#define MEMDIAG_NR_BUCKETS		32
#define MEMDIAG_SNAP_ZONES		8
#define MEMDIAG_ZONE_LIST_WALK_MAX	100000

/**
 * enum memdiag_failure_kind - Which allocator failed (from warn_alloc()'s
 *   format string).
 * @MEMDIAG_FAILURE_KIND_PAGE: The page allocator's slow path ("page allocation
 *   failure").
 * @MEMDIAG_FAILURE_KIND_VMALLOC: vmalloc ("vmalloc error").
 * @MEMDIAG_FAILURE_KIND_VMEMMAP: vmemmap population during memory hotplug.
 * @MEMDIAG_FAILURE_KIND_OTHER: Any other caller of warn_alloc().
 */
enum memdiag_failure_kind {
	MEMDIAG_FAILURE_KIND_PAGE,
	MEMDIAG_FAILURE_KIND_VMALLOC,
	MEMDIAG_FAILURE_KIND_VMEMMAP,
	MEMDIAG_FAILURE_KIND_OTHER,
};

/**
 * enum memdiag_vmalloc_step - The step of vmalloc that failed.
 * @MEMDIAG_VMALLOC_STEP_NONE: Not a vmalloc failure.
 * @MEMDIAG_VMALLOC_STEP_PAGE_ARRAY: Allocating the array of page pointers.
 * @MEMDIAG_VMALLOC_STEP_PAGES: Allocating the pages themselves.
 * @MEMDIAG_VMALLOC_STEP_MAP: Mapping the pages into the vmalloc area.
 * @MEMDIAG_VMALLOC_STEP_SIZE: The request exceeds the machine's total pages.
 * @MEMDIAG_VMALLOC_STEP_VM_STRUCT: Allocating the vm_struct or address range.
 * @MEMDIAG_VMALLOC_STEP_OTHER: A vmalloc message this module does not know.
 */
enum memdiag_vmalloc_step {
	MEMDIAG_VMALLOC_STEP_NONE,
	MEMDIAG_VMALLOC_STEP_PAGE_ARRAY,
	MEMDIAG_VMALLOC_STEP_PAGES,
	MEMDIAG_VMALLOC_STEP_MAP,
	MEMDIAG_VMALLOC_STEP_SIZE,
	MEMDIAG_VMALLOC_STEP_VM_STRUCT,
	MEMDIAG_VMALLOC_STEP_OTHER,
};

/**
 * enum memdiag_context - Where the failing allocation ran.
 * @MEMDIAG_CONTEXT_PROCESS: Process context (a system call, a page fault, a
 *   kernel thread).
 * @MEMDIAG_CONTEXT_SOFTIRQ: A softirq (networking receive, timers, RCU
 *   callbacks...).
 * @MEMDIAG_CONTEXT_HARDIRQ: A hardware interrupt handler.
 * @MEMDIAG_CONTEXT_NMI: A non-maskable interrupt.
 */
enum memdiag_context {
	MEMDIAG_CONTEXT_PROCESS,
	MEMDIAG_CONTEXT_SOFTIRQ,
	MEMDIAG_CONTEXT_HARDIRQ,
	MEMDIAG_CONTEXT_NMI,
};

/**
 * enum memdiag_class - Classes of a failed request, from its gfp mask.
 * @MEMDIAG_CLASS_NOWARN: __GFP_NOWARN set; the caller has a fallback.
 * @MEMDIAG_CLASS_ATOMIC: No direct reclaim allowed (__GFP_DIRECT_RECLAIM
 *   clear).
 */
enum memdiag_class {
	MEMDIAG_CLASS_NOWARN = 1,
	MEMDIAG_CLASS_ATOMIC = 2,
};

/**
 * enum memdiag_feature_id - The module's features; each initialises (or not)
 *   on its own.
 * @MEMDIAG_FEATURE_ID_NETLINK: The generic netlink family itself.
 * @MEMDIAG_FEATURE_ID_ALLOC_FAILURE: The kprobe on warn_alloc() that sees
 *   allocation failures.
 * @MEMDIAG_FEATURE_ID_SWAPOFF: The probes on the swapoff syscall and what it
 *   calls.
 * @MEMDIAG_FEATURE_ID_SWAP_OWNERS: GET_SWAP: the swap areas' slot maps and the
 *   per-slot memory cgroup record, read through the private data symbols
 *   swap_info and swap_cgroup_ctrl (without the latter, no per-cgroup counts).
 * @MEMDIAG_FEATURE_ID_COMMIT: Commit-accounting rejections (__vm_enough_memory
 *   failures).
 * @MEMDIAG_FEATURE_ID_OOM: OOM kills (the probe on oom_kill_process).
 * @MEMDIAG_FEATURE_ID_LIMITS: Address-space refusals (RLIMIT_AS, RLIMIT_DATA,
 *   vm.max_map_count), recorded in the commit ring with their cause. Opt-in
 *   (module parameter limit_probes=1): no hook sees only those refusals, so
 *   kretprobes on the mapping syscalls (mmap, munmap, mprotect, pkey_mprotect,
 *   mremap, brk, madvise, mlock, mlock2) look at every call's result; disabled
 *   otherwise.
 */
enum memdiag_feature_id {
	MEMDIAG_FEATURE_ID_NETLINK,
	MEMDIAG_FEATURE_ID_ALLOC_FAILURE,
	MEMDIAG_FEATURE_ID_SWAPOFF,
	MEMDIAG_FEATURE_ID_SWAP_OWNERS,
	MEMDIAG_FEATURE_ID_COMMIT,
	MEMDIAG_FEATURE_ID_OOM,
	MEMDIAG_FEATURE_ID_LIMITS,
};

/**
 * enum memdiag_feature_state - Outcome of a feature's initialisation at module
 *   load.
 * @MEMDIAG_FEATURE_STATE_OK: Initialised and active.
 * @MEMDIAG_FEATURE_STATE_DISABLED: Turned off by configuration.
 * @MEMDIAG_FEATURE_STATE_UNAVAILABLE: The running kernel lacks what the
 *   feature needs (see message).
 * @MEMDIAG_FEATURE_STATE_FAILED: Initialisation failed with an error (see
 *   message).
 * @MEMDIAG_FEATURE_STATE_DEGRADED: Active, but some of its parts are missing
 *   (see message).
 */
enum memdiag_feature_state {
	MEMDIAG_FEATURE_STATE_OK,
	MEMDIAG_FEATURE_STATE_DISABLED,
	MEMDIAG_FEATURE_STATE_UNAVAILABLE,
	MEMDIAG_FEATURE_STATE_FAILED,
	MEMDIAG_FEATURE_STATE_DEGRADED,
};

/**
 * enum memdiag_wmark_verdict - Outcome of the page allocator's watermark check
 *   (__zone_watermark_ok()) for one zone, order, gfp class and watermark.
 * @MEMDIAG_WMARK_VERDICT_OK: The check passes; an allocation of this order may
 *   be served.
 * @MEMDIAG_WMARK_VERDICT_BELOW: Free pages (less what the class may not use)
 *   are at or below the watermark plus the lowmem reserve.
 * @MEMDIAG_WMARK_VERDICT_NO_BLOCK: Enough free pages, but no free block of
 *   this order or larger the class may use.
 */
enum memdiag_wmark_verdict {
	MEMDIAG_WMARK_VERDICT_OK,
	MEMDIAG_WMARK_VERDICT_BELOW,
	MEMDIAG_WMARK_VERDICT_NO_BLOCK,
};

/**
 * enum memdiag_gfp_class - Allocation classes the watermark verdicts are
 *   computed for, with the alloc_flags gfp_to_alloc_flags() gives them. Not
 *   modelled: rt tasks, OOM victims, cpusets, and zone_watermark_fast()
 *   ignoring the boost for order-0 __GFP_HIGH requests at the min watermark.
 * @MEMDIAG_GFP_CLASS_KERNEL: GFP_KERNEL (may reclaim; no access to reserves).
 * @MEMDIAG_GFP_CLASS_ATOMIC: GFP_ATOMIC (ALLOC_MIN_RESERVE and
 *   ALLOC_NON_BLOCK: 62.5% of min; ALLOC_HIGHATOMIC above order 0).
 * @MEMDIAG_GFP_CLASS_HIGHUSER_MOVABLE: GFP_HIGHUSER_MOVABLE (may reclaim;
 *   ALLOC_CMA).
 */
enum memdiag_gfp_class {
	MEMDIAG_GFP_CLASS_KERNEL,
	MEMDIAG_GFP_CLASS_ATOMIC,
	MEMDIAG_GFP_CLASS_HIGHUSER_MOVABLE,
};

/**
 * enum memdiag_swapoff_cause - Why a swapoff attempt ended as it did.
 * @MEMDIAG_SWAPOFF_CAUSE_SUCCESS: The area was removed.
 * @MEMDIAG_SWAPOFF_CAUSE_REFUSED: Refused before any work (EPERM, EINVAL: not
 *   an active swap area, EBUSY, ...): the errno is in result.
 * @MEMDIAG_SWAPOFF_CAUSE_COMMIT: ENOMEM from the commit accounting check
 *   (__vm_enough_memory): Committed_AS would exceed CommitLimit once the area
 *   is gone.
 * @MEMDIAG_SWAPOFF_CAUSE_MEMCG: ENOMEM while swapping pages back in: a memory
 *   cgroup at its limit could not be charged (memcg-* attributes; OOM victims
 *   follow).
 * @MEMDIAG_SWAPOFF_CAUSE_NOMEM_OTHER: ENOMEM from neither the commit check nor
 *   a memory cgroup.
 * @MEMDIAG_SWAPOFF_CAUSE_SIGNAL: A signal was pending while pages were swapped
 *   back in (try_to_unuse() checks before each page table): result is the
 *   kernel's own code, -EINTR (6.1, 7.2) or -ERESTARTSYS (6.12.118 and later;
 *   any -ERESTART* code counts), and outcome says what the caller got: EINTR,
 *   the call restarted (the next record's restart-of names this one) or
 *   killed.
 * @MEMDIAG_SWAPOFF_CAUSE_OOM_VICTIM: swapoff was itself the OOM killer's
 *   victim: it runs as oom_origin (set_current_oom_origin()), so when a
 *   swap-in finds no memory and the OOM killer runs, it chooses swapoff first
 *   (oom_evaluate_task: oom_task_origin()). It is in victim; outcome is
 *   killed.
 */
enum memdiag_swapoff_cause {
	MEMDIAG_SWAPOFF_CAUSE_SUCCESS,
	MEMDIAG_SWAPOFF_CAUSE_REFUSED,
	MEMDIAG_SWAPOFF_CAUSE_COMMIT,
	MEMDIAG_SWAPOFF_CAUSE_MEMCG,
	MEMDIAG_SWAPOFF_CAUSE_NOMEM_OTHER,
	MEMDIAG_SWAPOFF_CAUSE_SIGNAL,
	MEMDIAG_SWAPOFF_CAUSE_OOM_VICTIM,
};

/**
 * enum memdiag_swapoff_outcome - What became of a swapoff call that a signal
 *   ended, decided where the kernel decides it: in the signal delivery after
 *   the syscall's return (arch/x86/kernel/signal.c, handle_signal() and
 *   arch_do_signal_or_restart()).
 * @MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN: Not seen (the signal delivery was not
 *   followed, or a tracer changed the return value).
 * @MEMDIAG_SWAPOFF_OUTCOME_EINTR: The caller got EINTR: the kernel's code was
 *   -EINTR, or an -ERESTART* code met a handler that does not restart it
 *   (-ERESTARTSYS without SA_RESTART, -ERESTARTNOHAND,
 *   -ERESTART_RESTARTBLOCK).
 * @MEMDIAG_SWAPOFF_OUTCOME_RESTARTED: The kernel restarted the call
 *   (-ERESTARTSYS with an SA_RESTART handler, or any -ERESTART* code with no
 *   handler to run): the caller did not see it end; the restarted call is a
 *   record of its own whose restart-of is this record's seq.
 * @MEMDIAG_SWAPOFF_OUTCOME_KILLED: The caller was killed: a fatal signal was
 *   pending when the call returned (fatal_signal_pending(): it will not return
 *   to user space), or it died in the signal delivery.
 */
enum memdiag_swapoff_outcome {
	MEMDIAG_SWAPOFF_OUTCOME_UNKNOWN,
	MEMDIAG_SWAPOFF_OUTCOME_EINTR,
	MEMDIAG_SWAPOFF_OUTCOME_RESTARTED,
	MEMDIAG_SWAPOFF_OUTCOME_KILLED,
};

#define MEMDIAG_SWAP_MEMCGS_MAX	4096
#define MEMDIAG_SWAP_SCAN_CHUNK	4096

/**
 * enum memdiag_overcommit_mode - vm.overcommit_memory.
 * @MEMDIAG_OVERCOMMIT_MODE_GUESS: 0, heuristic; refuses only a request larger
 *   than RAM + swap.
 * @MEMDIAG_OVERCOMMIT_MODE_ALWAYS: 1, never refuses.
 * @MEMDIAG_OVERCOMMIT_MODE_NEVER: 2, refuses when Committed_AS would reach
 *   CommitLimit.
 */
enum memdiag_overcommit_mode {
	MEMDIAG_OVERCOMMIT_MODE_GUESS,
	MEMDIAG_OVERCOMMIT_MODE_ALWAYS,
	MEMDIAG_OVERCOMMIT_MODE_NEVER,
};

/**
 * enum memdiag_commit_cause - What refused a request recorded in the commit
 *   ring. Without the attribute (before limit_probes existed) the cause is
 *   commit.
 * @MEMDIAG_COMMIT_CAUSE_COMMIT: The commit accounting (__vm_enough_memory()).
 * @MEMDIAG_COMMIT_CAUSE_RLIMIT_AS: RLIMIT_AS (ulimit -v, LimitAS=): the task's
 *   mapped size plus the request exceeds it (may_expand_vm()).
 * @MEMDIAG_COMMIT_CAUSE_RLIMIT_DATA: RLIMIT_DATA (ulimit -d, LimitDATA=):
 *   private writable mappings plus the request exceed it (may_expand_vm(); for
 *   brk the heap plus the data segment, check_data_rlimit()).
 * @MEMDIAG_COMMIT_CAUSE_MAP_COUNT: vm.max_map_count: the process has as many
 *   mappings as allowed, and the call needed one more (a new mapping, or a
 *   split of one).
 */
enum memdiag_commit_cause {
	MEMDIAG_COMMIT_CAUSE_COMMIT,
	MEMDIAG_COMMIT_CAUSE_RLIMIT_AS,
	MEMDIAG_COMMIT_CAUSE_RLIMIT_DATA,
	MEMDIAG_COMMIT_CAUSE_MAP_COUNT,
};

/**
 * enum memdiag_mm_call - The system call a limits record refused.
 */
enum memdiag_mm_call {
	MEMDIAG_MM_CALL_MMAP,
	MEMDIAG_MM_CALL_MUNMAP,
	MEMDIAG_MM_CALL_MPROTECT,
	MEMDIAG_MM_CALL_PKEY_MPROTECT,
	MEMDIAG_MM_CALL_MREMAP,
	MEMDIAG_MM_CALL_BRK,
	MEMDIAG_MM_CALL_MADVISE,
	MEMDIAG_MM_CALL_MLOCK,
	MEMDIAG_MM_CALL_MLOCK2,
};

/**
 * enum memdiag_oom_constraint - What the OOM was confined to (enum
 *   oom_constraint).
 * @MEMDIAG_OOM_CONSTRAINT_NONE: The whole machine (global OOM).
 * @MEMDIAG_OOM_CONSTRAINT_CPUSET: The nodes of the allocating task's cpuset.
 * @MEMDIAG_OOM_CONSTRAINT_MEMORY_POLICY: The nodes of a mempolicy (MPOL_BIND).
 * @MEMDIAG_OOM_CONSTRAINT_MEMCG: A memory cgroup at its memory.max.
 */
enum memdiag_oom_constraint {
	MEMDIAG_OOM_CONSTRAINT_NONE,
	MEMDIAG_OOM_CONSTRAINT_CPUSET,
	MEMDIAG_OOM_CONSTRAINT_MEMORY_POLICY,
	MEMDIAG_OOM_CONSTRAINT_MEMCG,
};

enum {
	MEMDIAG_A_CONFIG_RATE_LIMIT = 1,
	MEMDIAG_A_CONFIG_STACK_DEPTH,
	MEMDIAG_A_CONFIG_RING_SIZE,

	__MEMDIAG_A_CONFIG_MAX,
	MEMDIAG_A_CONFIG_MAX = (__MEMDIAG_A_CONFIG_MAX - 1)
};

enum {
	MEMDIAG_A_ORDER_COUNT_PAD = 1,
	MEMDIAG_A_ORDER_COUNT_KIND,
	MEMDIAG_A_ORDER_COUNT_ORDER,
	MEMDIAG_A_ORDER_COUNT_COUNT,
	MEMDIAG_A_ORDER_COUNT_NOWARN,
	MEMDIAG_A_ORDER_COUNT_ATOMIC,
	MEMDIAG_A_ORDER_COUNT_NOWARN_ATOMIC,
	MEMDIAG_A_ORDER_COUNT_LAST_NS,
	MEMDIAG_A_ORDER_COUNT_LAST_REAL_NS,

	__MEMDIAG_A_ORDER_COUNT_MAX,
	MEMDIAG_A_ORDER_COUNT_MAX = (__MEMDIAG_A_ORDER_COUNT_MAX - 1)
};

enum {
	MEMDIAG_A_NODE_COUNT_PAD = 1,
	MEMDIAG_A_NODE_COUNT_NODE,
	MEMDIAG_A_NODE_COUNT_COUNT,

	__MEMDIAG_A_NODE_COUNT_MAX,
	MEMDIAG_A_NODE_COUNT_MAX = (__MEMDIAG_A_NODE_COUNT_MAX - 1)
};

enum {
	MEMDIAG_A_COUNTERS_PAD = 1,
	MEMDIAG_A_COUNTERS_TOTAL,
	MEMDIAG_A_COUNTERS_RECORDED,
	MEMDIAG_A_COUNTERS_OVERWRITTEN,
	MEMDIAG_A_COUNTERS_SUPPRESSED,
	MEMDIAG_A_COUNTERS_LOST,
	MEMDIAG_A_COUNTERS_MISSED,
	MEMDIAG_A_COUNTERS_FIRST_SEQ,
	MEMDIAG_A_COUNTERS_NEXT_SEQ,
	MEMDIAG_A_COUNTERS_ORDER_COUNT,
	MEMDIAG_A_COUNTERS_NODE_COUNT,
	MEMDIAG_A_COUNTERS_RESET_NS,

	__MEMDIAG_A_COUNTERS_MAX,
	MEMDIAG_A_COUNTERS_MAX = (__MEMDIAG_A_COUNTERS_MAX - 1)
};

enum {
	MEMDIAG_A_ZONE_SNAP_PAD = 1,
	MEMDIAG_A_ZONE_SNAP_NODE,
	MEMDIAG_A_ZONE_SNAP_ZONE,
	MEMDIAG_A_ZONE_SNAP_NAME,
	MEMDIAG_A_ZONE_SNAP_FREE,
	MEMDIAG_A_ZONE_SNAP_MIN,
	MEMDIAG_A_ZONE_SNAP_LOW,
	MEMDIAG_A_ZONE_SNAP_HIGH,
	MEMDIAG_A_ZONE_SNAP_BOOST,
	MEMDIAG_A_ZONE_SNAP_MANAGED,
	MEMDIAG_A_ZONE_SNAP_HIGHATOMIC,
	MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS,
	MEMDIAG_A_ZONE_SNAP_LOWMEM_RESERVE,
	MEMDIAG_A_ZONE_SNAP_FREE_CMA,

	__MEMDIAG_A_ZONE_SNAP_MAX,
	MEMDIAG_A_ZONE_SNAP_MAX = (__MEMDIAG_A_ZONE_SNAP_MAX - 1)
};

enum {
	MEMDIAG_A_EVENT_PAD = 1,
	MEMDIAG_A_EVENT_SEQ,
	MEMDIAG_A_EVENT_SINCE,
	MEMDIAG_A_EVENT_MISSED_BEFORE,
	MEMDIAG_A_EVENT_BOOT_NS,
	MEMDIAG_A_EVENT_REAL_NS,
	MEMDIAG_A_EVENT_KIND,
	MEMDIAG_A_EVENT_ORDER,
	MEMDIAG_A_EVENT_SIZE,
	MEMDIAG_A_EVENT_VMALLOC_STEP,
	MEMDIAG_A_EVENT_GFP,
	MEMDIAG_A_EVENT_GFP_NAMES,
	MEMDIAG_A_EVENT_CLASS,
	MEMDIAG_A_EVENT_NODEMASK,
	MEMDIAG_A_EVENT_PREFERRED_NODE,
	MEMDIAG_A_EVENT_HIGH_ZONE,
	MEMDIAG_A_EVENT_PID,
	MEMDIAG_A_EVENT_TGID,
	MEMDIAG_A_EVENT_COMM,
	MEMDIAG_A_EVENT_CGROUP_ID,
	MEMDIAG_A_EVENT_CGROUP_PATH,
	MEMDIAG_A_EVENT_CONTEXT,
	MEMDIAG_A_EVENT_STACK,
	MEMDIAG_A_EVENT_ZONE,
	MEMDIAG_A_EVENT_ZONES_TRUNCATED,

	__MEMDIAG_A_EVENT_MAX,
	MEMDIAG_A_EVENT_MAX = (__MEMDIAG_A_EVENT_MAX - 1)
};

enum {
	MEMDIAG_A_FEATURE_ID = 1,
	MEMDIAG_A_FEATURE_NAME,
	MEMDIAG_A_FEATURE_STATE,
	MEMDIAG_A_FEATURE_MESSAGE,

	__MEMDIAG_A_FEATURE_MAX,
	MEMDIAG_A_FEATURE_MAX = (__MEMDIAG_A_FEATURE_MAX - 1)
};

enum {
	MEMDIAG_A_ZONE_TYPE_FREE_PAD = 1,
	MEMDIAG_A_ZONE_TYPE_FREE_MIGRATETYPE,
	MEMDIAG_A_ZONE_TYPE_FREE_NAME,
	MEMDIAG_A_ZONE_TYPE_FREE_COUNT,
	MEMDIAG_A_ZONE_TYPE_FREE_TRUNCATED,

	__MEMDIAG_A_ZONE_TYPE_FREE_MAX,
	MEMDIAG_A_ZONE_TYPE_FREE_MAX = (__MEMDIAG_A_ZONE_TYPE_FREE_MAX - 1)
};

enum {
	MEMDIAG_A_ZONE_CHECK_CLASS = 1,
	MEMDIAG_A_ZONE_CHECK_MIN,
	MEMDIAG_A_ZONE_CHECK_LOW,
	MEMDIAG_A_ZONE_CHECK_HIGH,

	__MEMDIAG_A_ZONE_CHECK_MAX,
	MEMDIAG_A_ZONE_CHECK_MAX = (__MEMDIAG_A_ZONE_CHECK_MAX - 1)
};

enum {
	MEMDIAG_A_ZONE_ORDER_PAD = 1,
	MEMDIAG_A_ZONE_ORDER_ORDER,
	MEMDIAG_A_ZONE_ORDER_FREE_BLOCKS,
	MEMDIAG_A_ZONE_ORDER_TYPE_FREE,
	MEMDIAG_A_ZONE_ORDER_UNUSABLE_INDEX,
	MEMDIAG_A_ZONE_ORDER_EXTFRAG_INDEX,
	MEMDIAG_A_ZONE_ORDER_CHECK,

	__MEMDIAG_A_ZONE_ORDER_MAX,
	MEMDIAG_A_ZONE_ORDER_MAX = (__MEMDIAG_A_ZONE_ORDER_MAX - 1)
};

enum {
	MEMDIAG_A_ZONE_PAD = 1,
	MEMDIAG_A_ZONE_NODE,
	MEMDIAG_A_ZONE_ZONE,
	MEMDIAG_A_ZONE_NAME,
	MEMDIAG_A_ZONE_SPANNED,
	MEMDIAG_A_ZONE_PRESENT,
	MEMDIAG_A_ZONE_MANAGED,
	MEMDIAG_A_ZONE_FREE,
	MEMDIAG_A_ZONE_MIN,
	MEMDIAG_A_ZONE_LOW,
	MEMDIAG_A_ZONE_HIGH,
	MEMDIAG_A_ZONE_PROMO,
	MEMDIAG_A_ZONE_BOOST,
	MEMDIAG_A_ZONE_LOWMEM_RESERVE,
	MEMDIAG_A_ZONE_HIGHATOMIC,
	MEMDIAG_A_ZONE_FREE_CMA,
	MEMDIAG_A_ZONE_ORDER,

	__MEMDIAG_A_ZONE_MAX,
	MEMDIAG_A_ZONE_MAX = (__MEMDIAG_A_ZONE_MAX - 1)
};

enum {
	MEMDIAG_A_STATUS_PAD = 1,
	MEMDIAG_A_STATUS_VERSION,
	MEMDIAG_A_STATUS_KERNEL_RELEASE,
	MEMDIAG_A_STATUS_FAMILY_VERSION,
	MEMDIAG_A_STATUS_FEATURE,
	MEMDIAG_A_STATUS_CONFIG,
	MEMDIAG_A_STATUS_MEM_BYTES,
	MEMDIAG_A_STATUS_LOADED_NS,

	__MEMDIAG_A_STATUS_MAX,
	MEMDIAG_A_STATUS_MAX = (__MEMDIAG_A_STATUS_MAX - 1)
};

enum {
	MEMDIAG_A_SWAPOFF_VICTIM_PAD = 1,
	MEMDIAG_A_SWAPOFF_VICTIM_PID,
	MEMDIAG_A_SWAPOFF_VICTIM_COMM,
	MEMDIAG_A_SWAPOFF_VICTIM_CGROUP_ID,

	__MEMDIAG_A_SWAPOFF_VICTIM_MAX,
	MEMDIAG_A_SWAPOFF_VICTIM_MAX = (__MEMDIAG_A_SWAPOFF_VICTIM_MAX - 1)
};

enum {
	MEMDIAG_A_SWAPOFF_PAD = 1,
	MEMDIAG_A_SWAPOFF_SEQ,
	MEMDIAG_A_SWAPOFF_START_NS,
	MEMDIAG_A_SWAPOFF_START_REAL_NS,
	MEMDIAG_A_SWAPOFF_END_NS,
	MEMDIAG_A_SWAPOFF_PID,
	MEMDIAG_A_SWAPOFF_TGID,
	MEMDIAG_A_SWAPOFF_COMM,
	MEMDIAG_A_SWAPOFF_CGROUP_ID,
	MEMDIAG_A_SWAPOFF_PATH,
	MEMDIAG_A_SWAPOFF_RESULT,
	MEMDIAG_A_SWAPOFF_CAUSE,
	MEMDIAG_A_SWAPOFF_AREA_PAGES,
	MEMDIAG_A_SWAPOFF_COMMIT_RESULT,
	MEMDIAG_A_SWAPOFF_COMMITTED_PAGES,
	MEMDIAG_A_SWAPOFF_SWAP_FREE_START,
	MEMDIAG_A_SWAPOFF_SWAP_FREE_END,
	MEMDIAG_A_SWAPOFF_SWAPPED_IN,
	MEMDIAG_A_SWAPOFF_CHARGE_FAILURES,
	MEMDIAG_A_SWAPOFF_MEMCG_ID,
	MEMDIAG_A_SWAPOFF_MEMCG_PATH,
	MEMDIAG_A_SWAPOFF_MEMCG_MAX,
	MEMDIAG_A_SWAPOFF_MEMCG_USAGE,
	MEMDIAG_A_SWAPOFF_MEMCG_OOMS,
	MEMDIAG_A_SWAPOFF_VICTIM,
	MEMDIAG_A_SWAPOFF_VICTIMS_DROPPED,
	MEMDIAG_A_SWAPOFF_UNTRACKED,
	MEMDIAG_A_SWAPOFF_OUTCOME,
	MEMDIAG_A_SWAPOFF_RESTART_OF,

	__MEMDIAG_A_SWAPOFF_MAX,
	MEMDIAG_A_SWAPOFF_MAX = (__MEMDIAG_A_SWAPOFF_MAX - 1)
};

enum {
	MEMDIAG_A_SWAP_CGROUP_PAD = 1,
	MEMDIAG_A_SWAP_CGROUP_ID,
	MEMDIAG_A_SWAP_CGROUP_CGROUP_ID,
	MEMDIAG_A_SWAP_CGROUP_PATH,
	MEMDIAG_A_SWAP_CGROUP_ONLINE,
	MEMDIAG_A_SWAP_CGROUP_SLOTS,

	__MEMDIAG_A_SWAP_CGROUP_MAX,
	MEMDIAG_A_SWAP_CGROUP_MAX = (__MEMDIAG_A_SWAP_CGROUP_MAX - 1)
};

enum {
	MEMDIAG_A_SWAP_PAD = 1,
	MEMDIAG_A_SWAP_TYPE,
	MEMDIAG_A_SWAP_PATH,
	MEMDIAG_A_SWAP_PRIO,
	MEMDIAG_A_SWAP_MAP_SLOTS,
	MEMDIAG_A_SWAP_PAGES,
	MEMDIAG_A_SWAP_BAD,
	MEMDIAG_A_SWAP_INUSE,
	MEMDIAG_A_SWAP_SCANNED,
	MEMDIAG_A_SWAP_PARTIAL,
	MEMDIAG_A_SWAP_SLOTS_USED,
	MEMDIAG_A_SWAP_SLOTS_ANON,
	MEMDIAG_A_SWAP_ANON_REFS,
	MEMDIAG_A_SWAP_SLOTS_CONTINUED,
	MEMDIAG_A_SWAP_SLOTS_SHMEM,
	MEMDIAG_A_SWAP_SLOTS_CACHE_ONLY,
	MEMDIAG_A_SWAP_SLOTS_CACHED,
	MEMDIAG_A_SWAP_SLOTS_BAD,
	MEMDIAG_A_SWAP_SLOTS_MEMCG_NONE,
	MEMDIAG_A_SWAP_MEMCGS,
	MEMDIAG_A_SWAP_MEMCGS_OTHER,
	MEMDIAG_A_SWAP_SLOTS_MEMCG_OTHER,
	MEMDIAG_A_SWAP_MEMCG_UNAVAILABLE,
	MEMDIAG_A_SWAP_MEMCG,
	MEMDIAG_A_SWAP_SHMEM_UNAVAILABLE,

	__MEMDIAG_A_SWAP_MAX,
	MEMDIAG_A_SWAP_MAX = (__MEMDIAG_A_SWAP_MAX - 1)
};

enum {
	MEMDIAG_A_COMMIT_PAD = 1,
	MEMDIAG_A_COMMIT_SEQ,
	MEMDIAG_A_COMMIT_BOOT_NS,
	MEMDIAG_A_COMMIT_REAL_NS,
	MEMDIAG_A_COMMIT_PID,
	MEMDIAG_A_COMMIT_TGID,
	MEMDIAG_A_COMMIT_COMM,
	MEMDIAG_A_COMMIT_CGROUP_ID,
	MEMDIAG_A_COMMIT_CGROUP_PATH,
	MEMDIAG_A_COMMIT_PAGES,
	MEMDIAG_A_COMMIT_COMMITTED,
	MEMDIAG_A_COMMIT_COMMIT_LIMIT,
	MEMDIAG_A_COMMIT_MODE,
	MEMDIAG_A_COMMIT_RATIO,
	MEMDIAG_A_COMMIT_KBYTES,
	MEMDIAG_A_COMMIT_TOTAL_VM,
	MEMDIAG_A_COMMIT_CAUSE,
	MEMDIAG_A_COMMIT_CALL,
	MEMDIAG_A_COMMIT_LIMIT,
	MEMDIAG_A_COMMIT_MAP_COUNT,
	MEMDIAG_A_COMMIT_DATA_VM,

	__MEMDIAG_A_COMMIT_MAX,
	MEMDIAG_A_COMMIT_MAX = (__MEMDIAG_A_COMMIT_MAX - 1)
};

enum {
	MEMDIAG_A_OOM_PAD = 1,
	MEMDIAG_A_OOM_SEQ,
	MEMDIAG_A_OOM_BOOT_NS,
	MEMDIAG_A_OOM_REAL_NS,
	MEMDIAG_A_OOM_PID,
	MEMDIAG_A_OOM_TGID,
	MEMDIAG_A_OOM_COMM,
	MEMDIAG_A_OOM_UID,
	MEMDIAG_A_OOM_CGROUP_ID,
	MEMDIAG_A_OOM_CGROUP_PATH,
	MEMDIAG_A_OOM_ANON_RSS,
	MEMDIAG_A_OOM_FILE_RSS,
	MEMDIAG_A_OOM_SHMEM_RSS,
	MEMDIAG_A_OOM_SWAP_ENTS,
	MEMDIAG_A_OOM_PGTABLES_BYTES,
	MEMDIAG_A_OOM_TOTAL_VM,
	MEMDIAG_A_OOM_OOM_SCORE_ADJ,
	MEMDIAG_A_OOM_POINTS,
	MEMDIAG_A_OOM_TOTALPAGES,
	MEMDIAG_A_OOM_CONSTRAINT,
	MEMDIAG_A_OOM_MEMCG_ID,
	MEMDIAG_A_OOM_MEMCG_PATH,
	MEMDIAG_A_OOM_TRIGGER_PID,
	MEMDIAG_A_OOM_TRIGGER_COMM,
	MEMDIAG_A_OOM_ORDER,
	MEMDIAG_A_OOM_GFP,
	MEMDIAG_A_OOM_GFP_NAMES,
	MEMDIAG_A_OOM_NO_MM,

	__MEMDIAG_A_OOM_MAX,
	MEMDIAG_A_OOM_MAX = (__MEMDIAG_A_OOM_MAX - 1)
};

enum {
	MEMDIAG_A_MM_COUNTERS_PAD = 1,
	MEMDIAG_A_MM_COUNTERS_COMMIT_TOTAL,
	MEMDIAG_A_MM_COUNTERS_COMMIT_RECORDED,
	MEMDIAG_A_MM_COUNTERS_COMMIT_SUPPRESSED,
	MEMDIAG_A_MM_COUNTERS_COMMIT_LOST,
	MEMDIAG_A_MM_COUNTERS_COMMIT_NEXT_SEQ,
	MEMDIAG_A_MM_COUNTERS_OOM_TOTAL,
	MEMDIAG_A_MM_COUNTERS_OOM_RECORDED,
	MEMDIAG_A_MM_COUNTERS_OOM_SUPPRESSED,
	MEMDIAG_A_MM_COUNTERS_OOM_LOST,
	MEMDIAG_A_MM_COUNTERS_OOM_NEXT_SEQ,

	__MEMDIAG_A_MM_COUNTERS_MAX,
	MEMDIAG_A_MM_COUNTERS_MAX = (__MEMDIAG_A_MM_COUNTERS_MAX - 1)
};

enum {
	MEMDIAG_CMD_GET_STATUS = 1,
	MEMDIAG_CMD_SET_CONFIG,
	MEMDIAG_CMD_GET_COUNTERS,
	MEMDIAG_CMD_GET_EVENTS,
	MEMDIAG_CMD_RESET,
	MEMDIAG_CMD_FAILURE_NTF,
	MEMDIAG_CMD_GET_ZONES,
	MEMDIAG_CMD_GET_SWAPOFF,
	MEMDIAG_CMD_SWAPOFF_NTF,
	MEMDIAG_CMD_GET_SWAP,
	MEMDIAG_CMD_GET_COMMIT,
	MEMDIAG_CMD_COMMIT_NTF,
	MEMDIAG_CMD_GET_OOM,
	MEMDIAG_CMD_OOM_NTF,
	MEMDIAG_CMD_GET_MM_COUNTERS,

	__MEMDIAG_CMD_MAX,
	MEMDIAG_CMD_MAX = (__MEMDIAG_CMD_MAX - 1)
};

#define MEMDIAG_MCGRP_EVENTS	"events"

#endif /* _UAPI_LINUX_MEMDIAG_H */
