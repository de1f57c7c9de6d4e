/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - the memory controller's hierarchy (cgroup v2, or a v1
 * hierarchy of its own, hybrid hosts included) and its groups' files under
 * the names of that version; plus the small /proc and cgroup file parsers
 * the commands share.
 */
#ifndef MEMDIAGCTL_MEMCG_H
#define MEMDIAGCTL_MEMCG_H

#include <limits.h>
#include <stdbool.h>

/* Where the memory controller is. */
struct md_memcg {
	bool found;		/* mounted (v1) or a cgroup2 mount to walk (v2) */
	bool v1;		/* on a v1 hierarchy (/proc/cgroups id != 0) */
	char mnt[PATH_MAX];	/* its mount point */
	/* The mount's root within the hierarchy ("" for the whole of it). */
	char root[PATH_MAX];
};

/*
 * Find it from @cgroups (/proc/cgroups) and @mountinfo
 * (/proc/self/mountinfo): v1 when the hierarchy column of "memory" is not
 * 0, at the "cgroup" mount whose super options hold "memory"; otherwise v2,
 * at the cgroup2 mount (/sys/fs/cgroup preferred). What it finds becomes
 * what md_memcg() returns. 0, or -ENOENT when it is not mounted (->found
 * false; ->v1 still says the version).
 */
int md_memcg_find(const char *cgroups, const char *mountinfo,
		  struct md_memcg *m);
/* This host's, found once. */
const struct md_memcg *md_memcg(void);

/* The file names of the version this host runs (for the sentences). */
const char *md_memcg_limit_file(void);	/* memory.max, memory.limit_in_bytes */
const char *md_memcg_usage_file(void);	/* memory.current, memory.usage_in_bytes */

/* No limit: v2's "max", v1's >= PAGE_COUNTER_MAX pages. */
#define MD_MEMCG_NOLIMIT (-2LL)

/*
 * A group's numbers, in bytes (counts for failcnt and oom_kill); -1 where
 * this version or configuration has no such file or line, or it cannot be
 * read; limits MD_MEMCG_NOLIMIT when unlimited.
 */
struct md_memcg_stat {
	long long limit;	/* memory.max / memory.limit_in_bytes */
	long long usage;	/* memory.current / memory.usage_in_bytes */
	/*
	 * Swap: v2 memory.swap.current (with the descendants'); v1
	 * memory.stat "swap" (its own; "total_swap" in swap_total), only
	 * with swap accounting.
	 */
	long long swap;
	long long swap_total;	/* v1 only */
	long long high;		/* v2 only: memory.high */
	long long memsw_limit;	/* v1 with swap accounting: memory.memsw.* */
	long long memsw_usage;
	long long failcnt;	/* v1: memory.failcnt */
	int use_hierarchy;	/* v1: memory.use_hierarchy (1 if absent) */
	/* v1 memory.oom_control: oom_kill_disable, under_oom, oom_kill */
	long long oom_kill_disable, under_oom, oom_kill;
};

/*
 * The numbers of @group (a path below the mount point, "" for its root):
 * 0, or -ENOENT when the group's limit and usage cannot be read (gone, or
 * the controller is not enabled there).
 */
int md_memcg_read(const struct md_memcg *m, const char *group,
		  struct md_memcg_stat *st);

#endif /* MEMDIAGCTL_MEMCG_H */
