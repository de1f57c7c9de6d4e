/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiag - commit-accounting rejections (memdiag_commit.c) and OOM kills
 * (memdiag_oom.c): records, counters and their netlink side
 * (memdiag_mm_nl.c).
 */
#ifndef _MEMDIAG_MM_H
#define _MEMDIAG_MM_H

#include <linux/sched.h>
#include <linux/types.h>

#define MEMDIAG_MM_RING	64

struct memdiag_commit_rec {
	u64 seq;		/* first: see memdiag_evring.h */
	u64 boot_ns, real_ns;
	u32 pid, tgid;
	char comm[TASK_COMM_LEN];
	u64 cgroup_id;
	u64 pages;		/* valid if has_pages */
	u64 committed;		/* Committed_AS, pages, request included */
	u64 commit_limit;	/* valid if has_limit */
	u64 kbytes;
	u64 total_vm;
	u32 mode, ratio;	/* valid if has_sysctl */
	u8 has_pages, has_limit, has_sysctl;
	/* enum memdiag_commit_cause; the rest for the limits causes only */
	u8 cause;
	u8 call;		/* enum memdiag_mm_call */
	u32 map_count;
	u64 limit;		/* bytes (rlimits) or vm.max_map_count */
	u64 data_vm;
};

struct memdiag_oom_rec {
	u64 seq;
	u64 boot_ns, real_ns;
	u32 pid, tgid, uid;
	char comm[TASK_COMM_LEN];
	u64 cgroup_id;
	u64 anon_rss, file_rss, shmem_rss, swap_ents, pgtables_bytes, total_vm;
	s32 oom_score_adj;
	s64 points;
	u64 totalpages;
	u32 constraint;
	u64 memcg_id;
	u32 trigger_pid;
	char trigger_comm[TASK_COMM_LEN];
	s32 order;
	gfp_t gfp;
	u8 no_mm;
};

struct memdiag_mm_counts {
	u64 total, recorded, suppressed, lost, next_seq;
};

/* Commit rejections. */
void memdiag_commit_init(void);
void memdiag_commit_start(void);
void memdiag_commit_stop(void);
bool memdiag_commit_probe_ok(void);	/* the __vm_enough_memory kretprobe */
bool memdiag_commit_failure_seen(void);	/* the ___ratelimit kprobe */
bool memdiag_commit_get(u64 seq, struct memdiag_commit_rec *out);
void memdiag_commit_counts(struct memdiag_mm_counts *c);

/*
 * A refusal the limits probes saw (memdiag_limits.c), into the commit ring:
 * @cause, @call, @limit as the kernel read it, @pages the growth asked for
 * (if @has_pages). From a probe handler in the refused task.
 */
void memdiag_commit_record_limit(u8 cause, u8 call, u64 limit, u64 pages,
				 bool has_pages);

/* Address-space refusals: the opt-in probes of the limits feature. */
void memdiag_limits_start(void);
void memdiag_limits_stop(void);

/* OOM kills. */
void memdiag_oom_init(void);
void memdiag_oom_start(void);
void memdiag_oom_stop(void);
bool memdiag_oom_probe_ok(void);
bool memdiag_oom_get(u64 seq, struct memdiag_oom_rec *out);
void memdiag_oom_counts(struct memdiag_mm_counts *c);

/* Multicast of new records (memdiag_mm_nl.c); kick from any process context. */
void memdiag_mm_notify_init(void);
void memdiag_mm_notify_kick(void);
void memdiag_mm_notify_exit(void);

#endif /* _MEMDIAG_MM_H */
