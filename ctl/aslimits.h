/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - a process's address-space headroom, read from /proc with
 * the caller's rights: what 'limits' prints and 'summary' sums up. The
 * limits that make mmap, brk, mremap and mprotect fail with ENOMEM
 * although memory is free:
 *
 *   AS      VmSize (total_vm) against RLIMIT_AS ('ulimit -v'), soft limit
 *   DATA    VmData (data_vm) against RLIMIT_DATA ('ulimit -d'), soft limit
 *           (the hard one if the soft one is 0; none with ignore_rlimit_data)
 *   MAPS    its mappings (map_count) against vm.max_map_count
 *   COMMIT  its VM_ACCOUNT mappings (its share of Committed_AS) against
 *           CommitLimit, which refuses only with vm.overcommit_memory=2
 *
 * A process is near a limit when it uses >= 90 % of it.
 */
#ifndef MEMDIAGCTL_ASLIMITS_H
#define MEMDIAGCTL_ASLIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum { MD_LIM_AS, MD_LIM_DATA, MD_LIM_MAPS, MD_LIM_COMMIT, MD_LIM_N };

/* "AS", "DATA", "MAPS", "COMMIT" */
extern const char *const md_lim_names[MD_LIM_N];
/* "RLIMIT_AS", "RLIMIT_DATA", "vm.max_map_count", "CommitLimit" */
extern const char *const md_lim_what[MD_LIM_N];

/* A resource limit of RLIM_INFINITY ("unlimited"). */
#define MD_LIM_UNLIMITED UINT64_MAX

/* What every process is measured against. */
struct md_lim_sys {
	uint64_t max_map_count;
	uint64_t commit_limit;		/* bytes */
	long long overcommit;		/* vm.overcommit_memory */
	bool ignore_rlimit_data;	/* boot option: RLIMIT_DATA only warns */
};

/* What md_lim_proc.have holds. */
#define MD_LIM_HAVE_STATUS	(1u << 0)	/* comm, vm_size, vm_data */
#define MD_LIM_HAVE_LIMITS	(1u << 1)	/* the rlimits */
#define MD_LIM_HAVE_SMAPS	(1u << 2)	/* maps, commit */

struct md_lim_proc {
	pid_t pid;
	char comm[64];
	uint64_t vm_size, vm_data;		/* bytes */
	uint64_t as_cur, as_max;		/* bytes or MD_LIM_UNLIMITED */
	uint64_t data_cur, data_max;
	uint64_t maps;				/* VMAs, the gate VMA left out */
	uint64_t commit;			/* bytes of VM_ACCOUNT VMAs */
	unsigned int have;			/* MD_LIM_HAVE_* */
	unsigned int near;			/* 1 << MD_LIM_* */
	/* What could not be read ("smaps", "limits") and errno; or 0. */
	const char *err_what;
	int err;
};

struct md_lim_procs {
	size_t n, cap;
	struct md_lim_proc *v;
	size_t unreadable;	/* of n, with err set */
	size_t near;		/* of n, near some limit */
};

/*
 * vm.max_map_count, CommitLimit, vm.overcommit_memory, ignore_rlimit_data;
 * 0 or -errno.
 */
int md_lim_sys_read(struct md_lim_sys *s);

/*
 * Read one process into @p and flag the limits it is near. 0 (what could
 * not be read is in p->err); -ESRCH if there is no such process (or it
 * exited before its status was read); -ENODATA if it has no address space
 * (a kernel thread, a zombie); another -errno if its status is unreadable.
 */
int md_lim_proc_read(pid_t pid, const struct md_lim_sys *s,
		     struct md_lim_proc *p);

/*
 * Every process in /proc, by pid; those that exit while being read are
 * kept with err ESRCH, those without an address space left out.
 * 0 or -errno (/proc unreadable, out of memory).
 */
int md_lim_scan(const struct md_lim_sys *s, struct md_lim_procs *ps);
void md_lim_procs_free(struct md_lim_procs *ps);

/* The pure parts, unit-tested. */
bool md_lim_is_near(uint64_t used, uint64_t limit);
unsigned int md_lim_near_mask(const struct md_lim_proc *p,
			      const struct md_lim_sys *s);
/*
 * One limit's used and limit values of @p as the kernel compares them
 * (RLIMIT_DATA: its hard limit when the soft one is 0); false if unknown.
 */
bool md_lim_values(const struct md_lim_proc *p, const struct md_lim_sys *s,
		   int which, uint64_t *used, uint64_t *limit);
/*
 * A line of /proc/PID/limits: 0 and its soft and hard values if it is
 * @name's ("Max address space"), -1 if not.
 */
int md_lim_limits_line(const char *line, const char *name, uint64_t *cur,
		       uint64_t *max);
/* "VmFlags: ..." of smaps: 1 if it has "ac" (VM_ACCOUNT), 0 if not, -1 if not such a line. */
int md_lim_smaps_accounted(const char *line);
/* An smaps/maps VMA line of the gate VMA ([vsyscall]), not in map_count. */
bool md_lim_is_gate(const char *line);

#endif /* MEMDIAGCTL_ASLIMITS_H */
