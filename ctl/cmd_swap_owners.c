// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl swap [owners] [DEVICE] - who owns the slots of each active
 * swap area (root only: GET_SWAP is admin only and pagemap shows swap
 * offsets to CAP_SYS_ADMIN only).
 *
 * The kernel (GET_SWAP) gives each area's numbers, its slots by kind and
 * by memory cgroup. The split by process is done here: for every process
 * whose VmSwap (/proc/PID/status) is not 0, the ranges of swap entries
 * that the PAGEMAP_SCAN ioctl returns (6.7 on; before it, the VMAs whose
 * Swap: in /proc/PID/smaps is not 0) are read from /proc/PID/pagemap
 * (PM_SWAP, bit 62; swap type in bits 0-4 and offset in bits 5-54),
 * counted per area, and each slot's mappers are followed over all
 * processes (struct md_slotown: 4 bytes per slot of the area, whatever
 * the number of entries), so that a slot a parent and a child share after
 * fork counts once as a slot (MAPPED), twice as references (REFS), and in
 * both processes' SHARED.
 *
 * Text: three tables (areas, memory cgroups, processes); -o picks the
 * areas table's columns. JSON: {"page-size": 4096, "areas": [...],
 * "cgroups": [...], "processes": [...], "processes-vanished": N}; counts
 * are slots (pages). Exit 0, or 5 if something could not be read.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/ioctl.h>

#include <linux/memdiag.h>

#include "compat.h"
#include "memdiagctl.h"
#include "nl.h"
#include "output.h"
#include "swapown.h"

/* One process's entries on one area. */
struct md_swap_proc {
	uint32_t pid, type;
	char comm[64];
	uint64_t entries, shared;
};

struct md_swap_own {
	struct md_swap_areas areas;
	size_t nprocs, pcap;
	struct md_swap_proc *procs;
	uint64_t vanished;
	long page_size;
	int scan;		/* PAGEMAP_SCAN: 1 works, -1 absent, 0 untried */
	uint64_t scan_end;	/* the end of user space it accepts */
};

/* The process being read: its first row, and the area of its last entry. */
struct md_swap_cur {
	uint32_t pid;
	size_t first, row;
	uint32_t type;
	struct md_swap_area *area;	/* NULL: none yet */
	bool comm_read;
	char comm[64];
};

static int md_swap_own_reply(struct nlmsghdr *nlh, void *arg)
{
	return md_swap_reply_parse(nlh, arg);
}

/* /proc/PID/comm up to its first newline; "" if it cannot be read. */
static void md_read_comm(uint32_t pid, char *comm, size_t size)
{
	char path[64];
	ssize_t r;
	int fd;

	snprintf(path, sizeof(path), "/proc/%u/comm", pid);
	comm[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	r = read(fd, comm, size - 1);
	close(fd);
	comm[r > 0 ? r : 0] = '\0';
	comm[strcspn(comm, "\n")] = '\0';
}

/* The row of the current process on area @type, made on its first entry. */
static int md_swap_proc_row(struct md_swap_own *s, struct md_swap_cur *c,
			    uint32_t type, size_t *row)
{
	struct md_swap_proc *p;
	size_t i;

	for (i = c->first; i < s->nprocs; i++)
		if (s->procs[i].type == type) {
			*row = i;
			return 0;
		}
	if (md_grow(&s->procs, s->nprocs, &s->pcap, sizeof(*s->procs), 64))
		return -ENOMEM;
	if (!c->comm_read) {
		md_read_comm(c->pid, c->comm, sizeof(c->comm));
		c->comm_read = true;
	}
	p = &s->procs[s->nprocs];
	memset(p, 0, sizeof(*p));
	p->pid = c->pid;
	p->type = type;
	snprintf(p->comm, sizeof(p->comm), "%s", c->comm);
	*row = s->nprocs++;
	return 0;
}

/*
 * One swap entry of the current process: its row's count, the area's
 * slots and references, and SHARED for every reference to a slot that
 * has two or more (the first one's row learns it when the second comes).
 */
static int md_swap_entry(struct md_swap_own *s, struct md_swap_cur *c,
			 uint32_t type, uint64_t off)
{
	struct md_swap_proc *p;
	uint32_t first;
	int ret;

	if (!c->area || c->type != type) {
		struct md_swap_area *a = md_swap_area_find(&s->areas, type);

		if (!a)
			return 0;
		ret = md_swap_proc_row(s, c, type, &c->row);
		if (ret)
			return ret;
		c->area = a;
		c->type = type;
	}
	p = &s->procs[c->row];
	ret = md_slotown_add(&c->area->owners, off, c->row, &first);
	switch (ret) {
	case MD_SLOT_NEW:
		c->area->proc_slots++;
		break;
	case MD_SLOT_SECOND:
		s->procs[first].shared++;
		p->shared++;
		break;
	case MD_SLOT_MORE:
		p->shared++;
		break;
	default:
		return ret;
	}
	p->entries++;
	c->area->proc_refs++;
	return 0;
}

/* The entries of [start, end) of @pm on an area GET_SWAP reported. */
static int md_swap_range(struct md_swap_own *s, struct md_swap_cur *c, int pm,
			 uint64_t start, uint64_t end)
{
	uint64_t buf[8192];
	uint64_t va = start;

	while (va < end) {
		size_t want = (end - va) / s->page_size, got, i;
		ssize_t r;

		if (want > ARRAY_SIZE(buf))
			want = ARRAY_SIZE(buf);
		r = pread(pm, buf, want * sizeof(buf[0]),
			  (off_t)(va / s->page_size * sizeof(buf[0])));
		if (r < 0)
			return -errno;
		got = r / sizeof(buf[0]);
		if (!got)
			break;
		for (i = 0; i < got; i++) {
			uint32_t type;
			uint64_t off;
			int ret;

			if (!md_pagemap_swap(buf[i], &type, &off))
				continue;
			/*
			 * Without CAP_SYS_ADMIN pagemap zeroes the frame; slot 0
			 * is the header, never an entry: refuse to guess.
			 */
			if (!type && !off)
				return -EPERM;
			ret = md_swap_entry(s, c, type, off);
			if (ret)
				return ret;
		}
		va += got * s->page_size;
	}
	return 0;
}

/*
 * The ranges of swap entries of @pm's process from PAGEMAP_SCAN (6.7+):
 * the kernel walks the page tables once, looking at nothing but the
 * entries' kinds, and returns the swapped runs; each is then read from
 * pagemap. 1 if the kernel has no such ioctl (the caller falls back).
 */
static int md_swap_scan(struct md_swap_own *s, struct md_swap_cur *c, int pm)
{
	/* The end of user space, by architecture and paging depth. */
	static const unsigned int bits[] = { 57, 56, 52, 48, 47, 42, 39 };
	struct page_region vec[256];
	struct pm_scan_arg arg;
	uint64_t start = 0;
	size_t b = 0;

	if (s->scan < 0)
		return 1;
	while (!s->scan_end || start < s->scan_end) {
		long n, i;
		int ret;

		memset(&arg, 0, sizeof(arg));
		arg.size = sizeof(arg);
		arg.start = start;
		arg.end = s->scan_end ? s->scan_end :
			(1ULL << bits[b]) - (uint64_t)s->page_size;
		arg.vec = (uintptr_t)vec;
		arg.vec_len = ARRAY_SIZE(vec);
		arg.category_mask = PAGE_IS_SWAPPED;
		arg.return_mask = PAGE_IS_SWAPPED;
		n = ioctl(pm, PAGEMAP_SCAN, &arg);
		if (n < 0 && !s->scan && errno == EFAULT && ++b < ARRAY_SIZE(bits))
			continue;	/* past this machine's user space */
		if (n < 0 && errno == ESRCH)
			return 0;	/* exited: no entries left, as pagemap reads */
		if (n < 0 && !s->scan) {
			/* ENOTTY before 6.7; anything else: smaps as before it. */
			s->scan = -1;
			return 1;
		}
		if (n < 0)
			return -errno;
		if (!s->scan) {
			s->scan = 1;
			s->scan_end = arg.end;
		}
		for (i = 0; i < n && i < (long)ARRAY_SIZE(vec); i++) {
			ret = md_swap_range(s, c, pm, vec[i].start, vec[i].end);
			if (ret)
				return ret;
		}
		if (n < (long)ARRAY_SIZE(vec) || arg.walk_end <= start)
			break;
		start = arg.walk_end;
	}
	return 0;
}

/*
 * Without PAGEMAP_SCAN (before 6.7): the VMAs whose Swap: in smaps is not
 * 0. smaps is what tells them (it walks every page table of the process);
 * /proc/PID/maps would leave every private VMA to read from pagemap, 8
 * bytes per page of address space however sparse (a 1 TiB reservation:
 * 2 GiB of pagemap).
 */
static int md_swap_smaps(struct md_swap_own *s, struct md_swap_cur *c, int pm)
{
	char path[64], line[512];
	uint64_t start = 0, end = 0;
	bool in_vma = false;
	FILE *smaps;
	int ret = 0;

	snprintf(path, sizeof(path), "/proc/%u/smaps", c->pid);
	smaps = fopen(path, "re");
	if (!smaps)
		return -errno;
	while (fgets(line, sizeof(line), smaps)) {
		long long kb;

		/* A VMA's first line starts with its address in lower-case hex. */
		if (((line[0] >= '0' && line[0] <= '9') ||
		     (line[0] >= 'a' && line[0] <= 'f')) &&
		    !md_smaps_range(line, &start, &end)) {
			in_vma = true;
			continue;
		}
		if (!in_vma || line[0] != 'S' || line[1] != 'w')
			continue;
		kb = md_smaps_swap_kb(line);
		if (kb <= 0)
			continue;
		in_vma = false;
		ret = md_swap_range(s, c, pm, start, end);
		if (ret)
			break;
	}
	if (!ret && ferror(smaps))
		ret = -EIO;
	fclose(smaps);
	return ret;
}

/*
 * One process. VmSwap in /proc/PID/status first: a process without swap
 * entries (or without an mm: a kernel thread, a zombie) is skipped. It is
 * never below the entries there are: 5.10 and 6.1 keep per task only the
 * decrements of swap-ins, 6.2 on sum the per-CPU counter for status (on
 * 6.12.y and 6.16 on; a 6.2-6.15 kernel without that fix may read 0 with
 * up to 32 entries per CPU not yet folded in).
 */
static int md_swap_proc_read(struct md_swap_own *s, uint32_t pid)
{
	struct md_swap_cur c = { .pid = pid, .first = s->nprocs };
	char path[64], status[8192];
	size_t len = 0;
	ssize_t r;
	int fd, pm, ret;

	snprintf(path, sizeof(path), "/proc/%u/status", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (len < sizeof(status) - 1 &&
	       (r = read(fd, status + len, sizeof(status) - 1 - len)) > 0)
		len += r;
	ret = r < 0 ? -errno : 0;
	close(fd);
	if (ret)
		return ret;
	status[len] = '\0';
	if (md_status_vmswap(status) <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%u/pagemap", pid);
	pm = open(path, O_RDONLY | O_CLOEXEC);
	if (pm < 0)
		return -errno;
	ret = md_swap_scan(s, &c, pm);
	if (ret == 1)
		ret = md_swap_smaps(s, &c, pm);
	close(pm);
	return ret;
}

static int md_swap_proc_one(pid_t pid, void *arg)
{
	struct md_swap_own *s = arg;
	int ret = md_swap_proc_read(s, pid);

	if (ret == -ENOENT || ret == -ESRCH) {
		s->vanished++;	/* exited meanwhile */
		ret = 0;
	}
	return ret;
}

static int md_swap_procs(struct md_swap_own *s)
{
	size_t i;
	int ret;

	for (i = 0; i < s->areas.n; i++) {
		ret = md_slotown_init(&s->areas.v[i].owners, s->areas.v[i].map_slots);
		if (ret)
			return ret;
	}
	return md_proc_each(md_swap_proc_one, s);
}

/* ---- output --------------------------------------------------------------- */

enum {
	WCOL_TYPE, WCOL_DEVICE, WCOL_PRIO, WCOL_SIZE, WCOL_USED, WCOL_BAD,
	WCOL_ANON, WCOL_REFS, WCOL_SHMEM, WCOL_CACHE, WCOL_MAPPED, WCOL_UNMAPPED,
	WCOL_CGROUPS, WCOL_PARTIAL,
};
_Static_assert(WCOL_PARTIAL + 1 == MD_SWAP_OWN_NCOLS, "MD_SWAP_OWN_NCOLS");

const struct md_col md_swap_own_cols[MD_SWAP_OWN_NCOLS] = {
	[WCOL_TYPE]	= { "TYPE", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			    "swap type (pagemap's and swap entries' area number)" },
	[WCOL_DEVICE]	= { "DEVICE", 0, 0, SCOLS_JSON_STRING, true,
			    "file or block device, as in /proc/swaps" },
	[WCOL_PRIO]	= { "PRIO", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "priority" },
	[WCOL_SIZE]	= { "SIZE", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			    "usable size" },
	[WCOL_USED]	= { "USED", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			    "slots in use (unique), as found in the slot map" },
	[WCOL_BAD]	= { "BAD", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, false,
			    "slots that cannot be used (the header included)" },
	[WCOL_ANON]	= { "ANON", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			    "slots referenced from page tables" },
	[WCOL_REFS]	= { "REFS", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
			    "page table references to them (a slot shared after fork: 2)" },
	[WCOL_SHMEM]	= { "SHMEM", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			    "slots of shmem, tmpfs and SysV shm (no process maps them)" },
	[WCOL_CACHE]	= { "CACHEONLY", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			    "slots held by the swap cache alone, or reserved and not yet written" },
	[WCOL_MAPPED]	= { "MAPPED", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			    "slots some process maps (from pagemap, unique)" },
	[WCOL_UNMAPPED]	= { "UNMAPPED", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
			    "slots in use no process maps (USED - MAPPED)" },
	[WCOL_CGROUPS]	= { "CGROUPS", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, false,
			    "memory cgroups with slots on the area" },
	[WCOL_PARTIAL]	= { "PARTIAL", 0, 0, SCOLS_JSON_STRING, false,
			    "yes if the kernel's scan was interrupted" },
};

static char *md_slots_str(const struct md_swap_own *s, uint64_t slots, bool exact)
{
	return md_size_str(slots * (uint64_t)s->page_size, exact);
}

static int md_swap_area_cell(struct libscols_line *ln, size_t cell, int col,
			     const void *row, const void *ctx,
			     const struct md_opts *o)
{
	const struct md_swap_area *a = row;
	const struct md_swap_own *s = ctx;
	uint64_t v;

	switch (col) {
	case WCOL_TYPE:
		return md_cell_printf(ln, cell, "%u", a->type);
	case WCOL_DEVICE:
		return md_cell_set(ln, cell, a->path, false);
	case WCOL_PRIO:
		return md_cell_printf(ln, cell, "%d", a->prio);
	case WCOL_REFS:
		return md_cell_printf(ln, cell, "%" PRIu64, a->refs);
	case WCOL_CGROUPS:
		return a->memcg_unavailable ? 0 :
			md_cell_printf(ln, cell, "%u", a->memcgs);
	case WCOL_PARTIAL:
		return md_cell_set(ln, cell, a->partial ? "yes" : "no", false);
	case WCOL_SIZE:
		v = a->pages;
		break;
	case WCOL_USED:
		v = a->used;
		break;
	case WCOL_BAD:
		v = a->bad;
		break;
	case WCOL_ANON:
		v = a->anon;
		break;
	case WCOL_SHMEM:
		if (a->shmem_unavailable)
			return 0;	/* counted in ANON: no shmem marker */
		v = a->shmem;
		break;
	case WCOL_CACHE:
		v = a->cache_only;
		break;
	case WCOL_MAPPED:
		v = a->proc_slots;
		break;
	case WCOL_UNMAPPED:
		v = a->used > a->proc_slots ? a->used - a->proc_slots : 0;
		break;
	default:
		return 0;
	}
	return md_cell_take(ln, cell, md_slots_str(s, v, o->bytes));
}

static int md_row(struct libscols_table *tb, const char *c0, const char *c1,
		  const char *c2, char *c3, const char *c4)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	int ret = -ENOMEM;

	if (ln && c3 && !md_cell_set(ln, 0, c0, false) &&
	    !md_cell_set(ln, 1, c1, false) && !md_cell_set(ln, 2, c2, false) &&
	    !md_cell_set(ln, 3, c3, false) && (!c4 || !md_cell_set(ln, 4, c4, false)))
		ret = 0;
	free(c3);
	return ret;
}

static int md_swap_cgroups_table(const struct md_opts *o, const struct md_swap_own *s)
{
	struct libscols_table *tb = md_table_new(o, "cgroups", stdout);
	char path[64], num[32];
	size_t r, i;
	int ret = -ENOMEM;

	if (!tb)
		return -ENOMEM;
	if (!scols_table_new_column(tb, "DEVICE", 0, 0) ||
	    !scols_table_new_column(tb, "CGROUP", 0, 0) ||
	    !scols_table_new_column(tb, "ID", 0, SCOLS_FL_RIGHT) ||
	    !scols_table_new_column(tb, "SLOTS", 0, SCOLS_FL_RIGHT))
		goto out;
	for (r = 0; r < s->areas.n; r++) {
		const struct md_swap_area *a = &s->areas.v[r];

		if (a->memcg_unavailable) {
			if (md_row(tb, a->path, "(per-cgroup counts unavailable)", "",
				   strdup(""), NULL))
				goto out;
			continue;
		}
		for (i = 0; i < a->ncgs; i++) {
			const struct md_swap_cg *cg = &a->cgs[i];
			char *cgpath = cg->path ?
				md_strdupf("%s%s", cg->path,
					   cg->online ? "" : " (offline)") :
				strdup("(removed)");
			int bad;

			snprintf(num, sizeof(num), "%u", cg->id);
			bad = !cgpath || md_row(tb, a->path, cgpath, num,
						md_slots_str(s, cg->slots, o->bytes),
						NULL);
			free(cgpath);
			if (bad)
				goto out;
		}
		if (a->memcg_none &&
		    md_row(tb, a->path, "(no cgroup record)", "",
			   md_slots_str(s, a->memcg_none, o->bytes), NULL))
			goto out;
		if (a->memcgs_other) {
			snprintf(path, sizeof(path), "(%u more cgroups)", a->memcgs_other);
			if (md_row(tb, a->path, path, "",
				   md_slots_str(s, a->memcg_other_slots, o->bytes), NULL))
				goto out;
		}
	}
	ret = scols_print_table(tb);
out:
	scols_unref_table(tb);
	return ret;
}

static const char *md_area_path(const struct md_swap_own *s, uint32_t type)
{
	struct md_swap_area *a = md_swap_area_find((struct md_swap_areas *)&s->areas, type);

	return a ? a->path : "?";
}

static int md_swap_procs_table(const struct md_opts *o, const struct md_swap_own *s)
{
	struct libscols_table *tb = md_table_new(o, "processes", stdout);
	char pid[16];
	size_t r;
	int ret = -ENOMEM;

	if (!tb)
		return -ENOMEM;
	if (!scols_table_new_column(tb, "PID", 0, SCOLS_FL_RIGHT) ||
	    !scols_table_new_column(tb, "COMMAND", 0, 0) ||
	    !scols_table_new_column(tb, "DEVICE", 0, 0) ||
	    !scols_table_new_column(tb, "SWAP", 0, SCOLS_FL_RIGHT) ||
	    !scols_table_new_column(tb, "SHARED", 0, SCOLS_FL_RIGHT))
		goto out;
	for (r = 0; r < s->nprocs; r++) {
		const struct md_swap_proc *p = &s->procs[r];
		char *sh = md_slots_str(s, p->shared, o->bytes);

		snprintf(pid, sizeof(pid), "%u", p->pid);
		ret = sh ? md_row(tb, pid, p->comm, md_area_path(s, p->type),
				  md_slots_str(s, p->entries, o->bytes), sh) : -ENOMEM;
		free(sh);
		if (ret)
			goto out;
	}
	ret = scols_print_table(tb);
out:
	scols_unref_table(tb);
	return ret;
}

static void md_swap_json(const struct md_swap_own *s)
{
	struct md_json j;
	size_t r, i;

	md_json_begin(&j, stdout);
	md_json_u64(&j, "page-size", s->page_size);
	md_json_arr_begin(&j, "areas");
	for (r = 0; r < s->areas.n; r++) {
		const struct md_swap_area *a = &s->areas.v[r];
		char prio[16];

		md_json_obj_begin(&j, NULL);
		md_json_u64(&j, "type", a->type);
		md_json_str(&j, "device", a->path);
		snprintf(prio, sizeof(prio), "%d", a->prio);
		md_json_number(&j, "priority", prio);
		md_json_u64(&j, "size", a->pages);
		md_json_u64(&j, "map-slots", a->map_slots);
		md_json_u64(&j, "bad", a->bad);
		md_json_u64(&j, "inuse", a->inuse);
		md_json_u64(&j, "scanned", a->scanned);
		md_json_bool(&j, "partial", a->partial);
		md_json_u64(&j, "used", a->used);
		md_json_u64(&j, "anon", a->anon);
		md_json_u64(&j, "anon-refs", a->refs);
		md_json_u64(&j, "continued", a->continued);
		md_json_bool(&j, "shmem-available", !a->shmem_unavailable);
		if (!a->shmem_unavailable)
			md_json_u64(&j, "shmem", a->shmem);
		md_json_u64(&j, "cache-only", a->cache_only);
		md_json_u64(&j, "cached", a->cached);
		md_json_u64(&j, "mapped", a->proc_slots);
		md_json_u64(&j, "mapped-refs", a->proc_refs);
		md_json_bool(&j, "cgroups-available", !a->memcg_unavailable);
		md_json_u64(&j, "cgroup-none", a->memcg_none);
		md_json_u64(&j, "cgroups", a->memcgs);
		md_json_u64(&j, "cgroups-other", a->memcgs_other);
		md_json_u64(&j, "cgroups-other-slots", a->memcg_other_slots);
		md_json_obj_end(&j);
	}
	md_json_arr_end(&j);
	md_json_arr_begin(&j, "cgroups");
	for (r = 0; r < s->areas.n; r++) {
		const struct md_swap_area *a = &s->areas.v[r];

		for (i = 0; i < a->ncgs; i++) {
			const struct md_swap_cg *cg = &a->cgs[i];

			md_json_obj_begin(&j, NULL);
			md_json_u64(&j, "type", a->type);
			md_json_str(&j, "device", a->path);
			md_json_u64(&j, "id", cg->id);
			md_json_u64(&j, "cgroup-id", cg->cgroup_id);
			if (cg->path)
				md_json_str(&j, "path", cg->path);
			else
				md_json_null(&j, "path");
			md_json_bool(&j, "online", cg->online);
			md_json_u64(&j, "slots", cg->slots);
			md_json_obj_end(&j);
		}
	}
	md_json_arr_end(&j);
	md_json_arr_begin(&j, "processes");
	for (r = 0; r < s->nprocs; r++) {
		const struct md_swap_proc *p = &s->procs[r];

		md_json_obj_begin(&j, NULL);
		md_json_u64(&j, "pid", p->pid);
		md_json_str(&j, "command", p->comm);
		md_json_u64(&j, "type", p->type);
		md_json_str(&j, "device", md_area_path(s, p->type));
		md_json_u64(&j, "entries", p->entries);
		md_json_u64(&j, "shared", p->shared);
		md_json_obj_end(&j);
	}
	md_json_arr_end(&j);
	md_json_u64(&j, "processes-vanished", s->vanished);
	md_json_end(&j);
}

int md_swap_owners_run(const struct md_opts *o, const char *device)
{
	struct md_swap_own s = { 0 };
	struct md_nl nl;
	size_t i;
	int ret;

	s.page_size = sysconf(_SC_PAGESIZE);
	ret = md_nl_open(&nl, o->family);
	if (ret)
		return ret;
	ret = md_nl_call(&nl, "get-swap", md_nl_req(&nl, MEMDIAG_CMD_GET_SWAP, NLM_F_DUMP),
			 md_swap_own_reply, &s.areas);
	md_nl_close(&nl);
	if (ret)
		goto out;
	if (device) {
		for (i = 0; i < s.areas.n; i++)
			if (!strcmp(s.areas.v[i].path, device))
				break;
		if (i == s.areas.n) {
			md_err("swap owners: %s is not an active swap area (see /proc/swaps)",
			       device);
			ret = MD_EXIT_ERROR;
			goto out;
		}
		/* Keep only that area: processes are then counted on it alone. */
		if (i) {
			struct md_swap_area t = s.areas.v[0];

			s.areas.v[0] = s.areas.v[i];
			s.areas.v[i] = t;
		}
		for (i = 1; i < s.areas.n; i++)
			md_swap_area_free(&s.areas.v[i]);
		s.areas.n = 1;
	}
	ret = md_swap_procs(&s);
	if (ret) {
		md_err("cannot read /proc/PID/status, pagemap and smaps: %s; swap offsets in pagemap need CAP_SYS_ADMIN (run as root)",
		       strerror(-ret));
		ret = ret == -EPERM || ret == -EACCES ? MD_EXIT_PERM : MD_EXIT_ERROR;
		goto out;
	}
	for (i = 0; i < s.areas.n; i++)
		if (s.areas.v[i].partial)
			md_warn("%s: the kernel's scan was interrupted: its counts are partial",
				s.areas.v[i].path);
	if (o->json) {
		md_swap_json(&s);
	} else {
		ret = md_rows_print(o, "areas", md_swap_own_cols, s.areas.v,
				    s.areas.n, sizeof(*s.areas.v),
				    md_swap_area_cell, &s);
		if (!ret) {
			putchar('\n');
			ret = md_swap_cgroups_table(o, &s);
		}
		if (!ret) {
			putchar('\n');
			ret = md_swap_procs_table(o, &s);
		}
		if (ret) {
			md_err("cannot print the swap owners: %s", strerror(-ret));
			ret = MD_EXIT_ERROR;
			goto out;
		}
	}
	ret = MD_EXIT_OK;
out:
	md_swap_areas_free(&s.areas);
	free(s.procs);
	return ret;
}
