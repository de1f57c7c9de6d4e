// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl limits [PID...] - the address-space headroom of every process
 * (or of the PIDs named): what makes its next mmap, brk, mremap or
 * mprotect fail with ENOMEM (malloc returning NULL) with memory free:
 * VmSize against RLIMIT_AS, VmData against RLIMIT_DATA, its mappings
 * against vm.max_map_count, its commit share (VM_ACCOUNT mappings)
 * against CommitLimit with vm.overcommit_memory=2. Read from /proc with
 * the caller's rights (limits.c); the module is not needed.
 *
 * One row per process with an address space (kernel threads and zombies
 * are left out); NEAR names the limits it uses >= 90 % of. A process whose
 * limits or smaps cannot be read (EACCES: another user's, without
 * CAP_SYS_PTRACE), or that exits while being read, is listed with ERROR
 * saying so and the columns it could not fill empty.
 * --json: {"limits": [{"pid": 1, "comm": ..., "vmsize": ..., ...}]} with
 * the columns' names in lower case; sizes are strings ("unlimited" for
 * RLIM_INFINITY), in bytes with --bytes.
 *
 * Exit 0: no process near a limit; 1: some process near one; 2: usage (a
 * PID that is not a positive number); 5: error (a PID named that does not
 * exist, /proc/sys/vm or /proc/meminfo unreadable, output), which wins
 * over 1.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "aslimits.h"
#include "memdiagctl.h"
#include "output.h"

enum {
	LCOL_PID, LCOL_COMM, LCOL_VMSIZE, LCOL_AS_LIMIT, LCOL_AS_HARD,
	LCOL_VMDATA, LCOL_DATA_LIMIT, LCOL_DATA_HARD, LCOL_MAPS, LCOL_MAX_MAPS,
	LCOL_COMMIT, LCOL_COMMIT_LIMIT, LCOL_NEAR, LCOL_ERROR,
};

static const struct md_col md_limits_cols[] = {
	[LCOL_PID]	    = { "PID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
				"process id" },
	[LCOL_COMM]	    = { "COMM", 0, 0, SCOLS_JSON_STRING, true, "its name" },
	[LCOL_VMSIZE]	    = { "VMSIZE", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
				"address space mapped (VmSize)" },
	[LCOL_AS_LIMIT]	    = { "AS-LIMIT", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
				"RLIMIT_AS soft limit (ulimit -v)" },
	[LCOL_AS_HARD]	    = { "AS-HARD", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, false,
				"RLIMIT_AS hard limit" },
	[LCOL_VMDATA]	    = { "VMDATA", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
				"private writable mappings and brk (VmData)" },
	[LCOL_DATA_LIMIT]   = { "DATA-LIMIT", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
				"RLIMIT_DATA soft limit (ulimit -d)" },
	[LCOL_DATA_HARD]    = { "DATA-HARD", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, false,
				"RLIMIT_DATA hard limit" },
	[LCOL_MAPS]	    = { "MAPS", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
				"its mappings (VMAs)" },
	[LCOL_MAX_MAPS]	    = { "MAX-MAPS", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, true,
				"vm.max_map_count" },
	[LCOL_COMMIT]	    = { "COMMIT", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
				"its share of Committed_AS (VM_ACCOUNT mappings)" },
	[LCOL_COMMIT_LIMIT] = { "COMMIT-LIMIT", 0, SCOLS_FL_RIGHT, SCOLS_JSON_STRING, true,
				"CommitLimit (enforced with vm.overcommit_memory=2 only)" },
	[LCOL_NEAR]	    = { "NEAR", 0, 0, SCOLS_JSON_STRING, true,
				"the limits it uses >= 90 % of: AS, DATA, MAPS, COMMIT" },
	[LCOL_ERROR]	    = { "ERROR", 0, 0, SCOLS_JSON_STRING, true,
				"what could not be read, and why" },
};

static struct {
	size_t n, cap;
	pid_t *v;
} md_limits_pids;

static char *md_limit_str(uint64_t v, bool exact)
{
	return v == MD_LIM_UNLIMITED ? strdup("unlimited") : md_size_str(v, exact);
}

static char *md_limits_near_str(unsigned int near)
{
	char buf[64] = "";
	int i;

	for (i = 0; i < MD_LIM_N; i++)
		if (near & (1u << i))
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
				 *buf ? "," : "", md_lim_names[i]);
	return strdup(buf);
}

static char *md_limits_err_str(const struct md_lim_proc *p)
{
	const char *name = strerrorname_np(p->err);

	if (p->err == ESRCH)
		return strdup("gone: exited while being read");
	if (name)
		return md_strdupf("%s: %s (%s)", p->err_what, name, strerror(p->err));
	return md_strdupf("%s: %s", p->err_what, strerror(p->err));
}

static int md_limits_cell(struct libscols_line *ln, size_t cell, int col,
			  const void *row, const void *ctx,
			  const struct md_opts *o)
{
	const struct md_lim_proc *p = row;
	const struct md_lim_sys *s = ctx;
	bool st = p->have & MD_LIM_HAVE_STATUS, lim = p->have & MD_LIM_HAVE_LIMITS;
	bool sm = p->have & MD_LIM_HAVE_SMAPS;

	switch (col) {
	case LCOL_PID:
		return md_cell_printf(ln, cell, "%d", (int)p->pid);
	case LCOL_COMM:
		return md_cell_set(ln, cell, p->comm, o->json);
	case LCOL_VMSIZE:
		return st ? md_cell_take(ln, cell, md_size_str(p->vm_size, o->bytes)) : 0;
	case LCOL_AS_LIMIT:
		return lim ? md_cell_take(ln, cell, md_limit_str(p->as_cur, o->bytes)) : 0;
	case LCOL_AS_HARD:
		return lim ? md_cell_take(ln, cell, md_limit_str(p->as_max, o->bytes)) : 0;
	case LCOL_VMDATA:
		return st ? md_cell_take(ln, cell, md_size_str(p->vm_data, o->bytes)) : 0;
	case LCOL_DATA_LIMIT:
		return lim ? md_cell_take(ln, cell, md_limit_str(p->data_cur, o->bytes)) : 0;
	case LCOL_DATA_HARD:
		return lim ? md_cell_take(ln, cell, md_limit_str(p->data_max, o->bytes)) : 0;
	case LCOL_MAPS:
		return sm ? md_cell_printf(ln, cell, "%" PRIu64, p->maps) : 0;
	case LCOL_MAX_MAPS:
		return md_cell_printf(ln, cell, "%" PRIu64, s->max_map_count);
	case LCOL_COMMIT:
		return sm ? md_cell_take(ln, cell, md_size_str(p->commit, o->bytes)) : 0;
	case LCOL_COMMIT_LIMIT:
		return md_cell_take(ln, cell, md_size_str(s->commit_limit, o->bytes));
	case LCOL_NEAR:
		return md_cell_take(ln, cell, md_limits_near_str(p->near));
	case LCOL_ERROR:
		return p->err ? md_cell_take(ln, cell, md_limits_err_str(p)) : 0;
	}
	return 0;
}

/* The PIDs named, in order; those that do not exist said on stderr. */
static int md_limits_named(const struct md_lim_sys *s, struct md_lim_procs *ps)
{
	int ret = MD_EXIT_OK, r;
	size_t i;

	for (i = 0; i < md_limits_pids.n; i++) {
		pid_t pid = md_limits_pids.v[i];
		struct md_lim_proc *p;

		if (md_grow(&ps->v, ps->n, &ps->cap, sizeof(*ps->v), 16))
			return md_err_nomem();
		p = &ps->v[ps->n];
		r = md_lim_proc_read(pid, s, p);
		if (r == -ESRCH) {
			md_err("limits: no process %d", (int)pid);
			ret = MD_EXIT_ERROR;
			continue;
		}
		if (r == -ENODATA) {
			md_warn("limits: %d (%s) has no address space (a kernel thread or a zombie): left out",
				(int)pid, p->comm);
			continue;
		}
		if (r) {
			p->err = -r;
			p->err_what = "status";
		}
		ps->near += p->near != 0;
		ps->n++;
	}
	return ret;
}

static int md_limits_run(const struct md_opts *o)
{
	struct md_lim_procs ps = { 0 };
	struct md_lim_sys s;
	int ret;

	ret = md_lim_sys_read(&s);
	if (ret) {
		md_err("limits: cannot read /proc/sys/vm/max_map_count, overcommit_memory or CommitLimit in /proc/meminfo: %s",
		       strerror(-ret));
		return MD_EXIT_ERROR;
	}
	if (md_limits_pids.n) {
		ret = md_limits_named(&s, &ps);
	} else {
		ret = md_lim_scan(&s, &ps);
		if (ret) {
			md_err("limits: cannot read /proc: %s", strerror(-ret));
			md_lim_procs_free(&ps);
			return MD_EXIT_ERROR;
		}
	}
	if (ret == MD_EXIT_OK || ps.n) {
		int r = md_rows_print(o, "limits", md_limits_cols, ps.v, ps.n,
				      sizeof(*ps.v), md_limits_cell, &s);

		if (r) {
			md_err("limits: cannot print the table: %s", strerror(-r));
			ret = MD_EXIT_ERROR;
		}
	}
	if (ret == MD_EXIT_OK && ps.near)
		ret = MD_EXIT_NEGATIVE;
	md_lim_procs_free(&ps);
	return ret;
}

static int md_limits_arg(const char *arg)
{
	uint64_t pid;

	if (md_parse_u64(arg, INT32_MAX, &pid) || !pid) {
		md_err("limits: '%s' is not a PID (a positive number); see '%s --help'",
		       arg, MD_PROG);
		return MD_EXIT_USAGE;
	}
	if (md_grow(&md_limits_pids.v, md_limits_pids.n, &md_limits_pids.cap,
		    sizeof(*md_limits_pids.v), 8))
		return md_err_nomem();
	md_limits_pids.v[md_limits_pids.n++] = pid;
	return 0;
}

const struct md_cmd md_cmd_limits = {
	.name	  = "limits",
	.help	  = " limits [PID...]        address-space headroom of each process: VmSize,\n"
		    "                        VmData, mappings, commit share against RLIMIT_AS,\n"
		    "                        RLIMIT_DATA, vm.max_map_count, CommitLimit; exit 1\n"
		    "                        if one uses >= 90 % of a limit (no module needed)\n",
	.cols	  = md_limits_cols,
	.ncols	  = ARRAY_SIZE(md_limits_cols),
	.colswhat = "the processes",
	.arg	  = md_limits_arg,
	.run	  = md_limits_run,
};
