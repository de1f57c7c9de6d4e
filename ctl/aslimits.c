// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl - address-space headroom of processes, from /proc (see
 * aslimits.h): the one place 'limits' and 'summary' read it.
 *
 * Sources, each as the kernel itself counts:
 *   /proc/PID/status   VmSize (total_vm) and VmData (data_vm), which
 *                      may_expand_vm() compares with RLIMIT_AS and
 *                      RLIMIT_DATA; no VmSize: no mm (kernel thread, zombie)
 *   /proc/PID/limits   the soft and hard limits, in bytes
 *   /proc/PID/smaps    one VMA per header line (map_count; the [vsyscall]
 *                      gate VMA is shown but is not in the mm), and its
 *                      VmFlags: "ac" is VM_ACCOUNT, set on what
 *                      accountable_mapping() (private, writable, not
 *                      MAP_NORESERVE outside mode 2, not hugetlbfs) and brk
 *                      and stack growth charge to Committed_AS. The flag,
 *                      not the perms, since an mprotect to read-only keeps
 *                      the charge (RELRO, for one).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aslimits.h"
#include "memdiagctl.h"
#include "swapown.h"

const char *const md_lim_names[MD_LIM_N] = {
	[MD_LIM_AS]	= "AS",
	[MD_LIM_DATA]	= "DATA",
	[MD_LIM_MAPS]	= "MAPS",
	[MD_LIM_COMMIT]	= "COMMIT",
};

const char *const md_lim_what[MD_LIM_N] = {
	[MD_LIM_AS]	= "RLIMIT_AS",
	[MD_LIM_DATA]	= "RLIMIT_DATA",
	[MD_LIM_MAPS]	= "vm.max_map_count",
	[MD_LIM_COMMIT]	= "CommitLimit",
};

int md_lim_sys_read(struct md_lim_sys *s)
{
	long long maps = md_sysctl_vm("max_map_count");
	long long limit = md_meminfo("CommitLimit");
	char buf[8] = "";
	FILE *f;

	s->overcommit = md_sysctl_vm("overcommit_memory");
	/* Unreadable (no sysfs mounted): taken as not set, the default. */
	f = fopen("/sys/module/kernel/parameters/ignore_rlimit_data", "re");
	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = '\0';
		fclose(f);
	}
	s->ignore_rlimit_data = buf[0] == 'Y';
	if (maps < 0 || limit < 0 || s->overcommit < 0)
		return -EIO;
	s->max_map_count = maps;
	s->commit_limit = (uint64_t)limit * 1024;
	return 0;
}

/* used >= 90 % of limit, in integers: used >= ceil(limit * 9 / 10). */
bool md_lim_is_near(uint64_t used, uint64_t limit)
{
	if (limit == MD_LIM_UNLIMITED)
		return false;
	return used >= limit / 10 * 9 + (limit % 10 * 9 + 9) / 10;
}

bool md_lim_values(const struct md_lim_proc *p, const struct md_lim_sys *s,
		   int which, uint64_t *used, uint64_t *limit)
{
	switch (which) {
	case MD_LIM_AS:
		*used = p->vm_size;
		*limit = p->as_cur;
		return (p->have & MD_LIM_HAVE_STATUS) && (p->have & MD_LIM_HAVE_LIMITS);
	case MD_LIM_DATA:
		/* may_expand_vm(): a soft limit of 0 lets Valgrind up to the hard one. */
		*used = p->vm_data;
		*limit = p->data_cur ? p->data_cur : p->data_max;
		return (p->have & MD_LIM_HAVE_STATUS) && (p->have & MD_LIM_HAVE_LIMITS);
	case MD_LIM_MAPS:
		*used = p->maps;
		*limit = s->max_map_count;
		return p->have & MD_LIM_HAVE_SMAPS;
	case MD_LIM_COMMIT:
		*used = p->commit;
		*limit = s->commit_limit;
		return p->have & MD_LIM_HAVE_SMAPS;
	}
	return false;
}

unsigned int md_lim_near_mask(const struct md_lim_proc *p,
			      const struct md_lim_sys *s)
{
	unsigned int mask = 0;
	uint64_t used, limit;
	int i;

	for (i = 0; i < MD_LIM_N; i++) {
		/* CommitLimit refuses nothing outside mode 2. */
		if (i == MD_LIM_COMMIT && s->overcommit != 2)
			continue;
		/* With ignore_rlimit_data RLIMIT_DATA only warns. */
		if (i == MD_LIM_DATA && s->ignore_rlimit_data)
			continue;
		if (md_lim_values(p, s, i, &used, &limit) &&
		    md_lim_is_near(used, limit))
			mask |= 1u << i;
	}
	return mask;
}

static int md_lim_value(const char *s, uint64_t *v)
{
	if (!strcmp(s, "unlimited")) {
		*v = MD_LIM_UNLIMITED;
		return 0;
	}
	return md_parse_u64(s, UINT64_MAX, v) ? -1 : 0;
}

int md_lim_limits_line(const char *line, const char *name, uint64_t *cur,
		       uint64_t *max)
{
	size_t len = strlen(name);
	char a[32], b[32];

	if (strncmp(line, name, len) || line[len] != ' ')
		return -1;
	if (sscanf(line + len, "%31s %31s", a, b) != 2 ||
	    md_lim_value(a, cur) || md_lim_value(b, max))
		return -1;
	return 0;
}

int md_lim_smaps_accounted(const char *line)
{
	const char *p;

	if (strncmp(line, "VmFlags:", 8))
		return -1;
	for (p = line + 8; *p; ) {
		while (*p == ' ')
			p++;
		if (p[0] == 'a' && p[1] == 'c' && (p[2] == ' ' || p[2] == '\n' || !p[2]))
			return 1;
		while (*p && *p != ' ')
			p++;
	}
	return 0;
}

bool md_lim_is_gate(const char *line)
{
	size_t len = strlen(line);

	while (len && isspace((unsigned char)line[len - 1]))
		len--;
	return len >= 10 && !memcmp(line + len - 10, "[vsyscall]", 10);
}

static int md_lim_limits_read(pid_t pid, struct md_lim_proc *p)
{
	char path[64], line[256];
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/limits", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (!md_lim_limits_line(line, "Max address space", &p->as_cur,
					&p->as_max))
			found |= 1;
		else if (!md_lim_limits_line(line, "Max data size", &p->data_cur,
					     &p->data_max))
			found |= 2;
	}
	fclose(f);
	return found == 3 ? 0 : -EIO;
}

static int md_lim_smaps_read(pid_t pid, struct md_lim_proc *p)
{
	uint64_t start, end, size = 0;
	char path[64], *line = NULL;
	size_t cap = 0;
	FILE *f;
	int ret = 0;

	snprintf(path, sizeof(path), "/proc/%d/smaps", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	p->maps = p->commit = 0;
	errno = 0;
	while (getline(&line, &cap, f) > 0) {
		if (!md_smaps_range(line, &start, &end)) {
			bool gate = md_lim_is_gate(line);

			size = gate ? 0 : end - start;
			p->maps += !gate;
		} else if (md_lim_smaps_accounted(line) == 1) {
			p->commit += size;
		}
	}
	/* A read error (the process exiting midway: ESRCH) is not a count. */
	if (ferror(f))
		ret = errno ? -errno : -EIO;
	free(line);
	fclose(f);
	return ret;
}

/* Is /proc/PID there at all? */
static bool md_lim_exists(pid_t pid)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	return access(path, F_OK) == 0;
}

int md_lim_proc_read(pid_t pid, const struct md_lim_sys *s,
		     struct md_lim_proc *p)
{
	char path[64];
	long long size, data;
	FILE *f;
	int ret;

	memset(p, 0, sizeof(*p));
	p->pid = pid;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? -ESRCH : -errno;
	if (fgets(p->comm, sizeof(p->comm), f))
		p->comm[strcspn(p->comm, "\n")] = '\0';
	fclose(f);

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	size = md_proc_key(path, "VmSize");
	data = md_proc_key(path, "VmData");
	if (size < 0 || data < 0)
		return md_lim_exists(pid) ? -ENODATA : -ESRCH;
	p->vm_size = (uint64_t)size * 1024;
	p->vm_data = (uint64_t)data * 1024;
	p->have |= MD_LIM_HAVE_STATUS;

	ret = md_lim_limits_read(pid, p);
	if (!ret) {
		p->have |= MD_LIM_HAVE_LIMITS;
		ret = md_lim_smaps_read(pid, p);
		if (!ret)
			p->have |= MD_LIM_HAVE_SMAPS;
		else
			p->err_what = "smaps";
	} else {
		p->err_what = "limits";
	}
	if (ret) {
		/* ENOENT or ESRCH: it exited after its status was read. */
		p->err = ret == -ENOENT ? ESRCH : -ret;
		if (p->err == ESRCH)
			p->err_what = "process";
	}
	p->near = md_lim_near_mask(p, s);
	return 0;
}

static int md_lim_cmp(const void *a, const void *b)
{
	const struct md_lim_proc *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

struct md_lim_scan_ctx {
	const struct md_lim_sys *s;
	struct md_lim_procs *ps;
};

static int md_lim_scan_one(pid_t pid, void *arg)
{
	struct md_lim_scan_ctx *c = arg;
	struct md_lim_procs *ps = c->ps;
	struct md_lim_proc *p;
	int ret;

	if (md_grow(&ps->v, ps->n, &ps->cap, sizeof(*ps->v), 256))
		return -ENOMEM;
	p = &ps->v[ps->n];
	ret = md_lim_proc_read(pid, c->s, p);
	if (ret == -ENODATA)
		return 0;
	if (ret) {
		/* Listed, not dropped: it was there when /proc was read. */
		p->err = -ret;
		p->err_what = ret == -ESRCH ? "process" : "status";
	}
	ps->unreadable += p->err != 0;
	ps->near += p->near != 0;
	ps->n++;
	return 0;
}

int md_lim_scan(const struct md_lim_sys *s, struct md_lim_procs *ps)
{
	struct md_lim_scan_ctx c = { .s = s, .ps = ps };
	int ret = md_proc_each(md_lim_scan_one, &c);

	if (!ret)
		qsort(ps->v, ps->n, sizeof(*ps->v), md_lim_cmp);
	return ret;
}

void md_lim_procs_free(struct md_lim_procs *ps)
{
	free(ps->v);
	memset(ps, 0, sizeof(*ps));
}
