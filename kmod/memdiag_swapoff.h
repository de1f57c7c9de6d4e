/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MEMDIAG_SWAPOFF_H
#define _MEMDIAG_SWAPOFF_H

#include <linux/sched.h>
#include <linux/types.h>

/* Finished attempts kept for GET_SWAPOFF. */
#define MEMDIAG_SWAPOFF_RING	64
#define MEMDIAG_SWAPOFF_VICTIMS	4
/* swapoff calls followed at once; more are counted in untracked. */
#define MEMDIAG_SWAPOFF_INFLIGHT	8

struct memdiag_swapoff_victim {
	u32 pid;
	char comm[TASK_COMM_LEN];
	u64 cgroup_id;
};

/* One swapoff call, as the probes saw it (see memdiag_swapoff.c). */
struct memdiag_swapoff_rec {
	u64 seq;
	u64 start_boot_ns, start_real_ns, end_boot_ns;
	u32 pid, tgid;
	char comm[TASK_COMM_LEN];
	u64 cgroup_id;
	char path[128];
	s32 result;		/* the syscall's return value */
	u8 cause;		/* enum memdiag_swapoff_cause */
	u8 commit_seen;
	u8 area_known;		/* area_pages was seen (commit_pages=1) */
	s32 commit_ret;
	u64 area_pages;		/* pages the commit check asked for */
	u64 committed_pages;	/* Committed_AS right after the check */
	long swap_free_start, swap_free_end;	/* nr_swap_pages */
	u64 swapped_in;		/* swap-in charges that succeeded (folios) */
	u64 charge_failures;
	u64 memcg_id;		/* cgroup id of the memcg at its limit */
	u64 memcg_max, memcg_usage;	/* pages, at its (last) OOM */
	u32 memcg_ooms;
	u32 nr_victims, victims_dropped;
	struct memdiag_swapoff_victim victims[MEMDIAG_SWAPOFF_VICTIMS];
	u8 self_victim;		/* the OOM killer chose the caller itself */
	u8 has_outcome;
	u8 outcome;		/* enum memdiag_swapoff_outcome */
	u64 restart_of;		/* seq of the call this one restarts, or 0 */
};

void memdiag_swapoff_start(void);
void memdiag_swapoff_stop(void);
bool memdiag_swapoff_get(u64 seq, struct memdiag_swapoff_rec *out);
u64 memdiag_swapoff_untracked(void);
u64 memdiag_swapoff_next_seq(void);
struct oom_control;
/* Called from the commit and OOM probes (memdiag_commit.c, memdiag_oom.c). */
int memdiag_swapoff_commit_entry(long pages);
void memdiag_swapoff_commit_return(int ret);
void memdiag_swapoff_commit_failed(void);
void memdiag_swapoff_oom_kill(struct oom_control *oc);
void memdiag_swapoff_notify_init(void);
void memdiag_swapoff_notify_kick(void);
void memdiag_swapoff_notify_exit(void);

#endif /* _MEMDIAG_SWAPOFF_H */
