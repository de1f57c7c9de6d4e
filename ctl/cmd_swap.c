// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl swap check [DEVICE] - would a swapoff of DEVICE (default:
 * every active area, as swapoff -a) succeed now? Answered from what the
 * kernel publishes, before anyone runs swapoff:
 *
 *   commit   with vm.overcommit_memory=2 swapoff first asks the commit
 *            accounting for the area's size (__vm_enough_memory): it passes
 *            only if Committed_AS + area < CommitLimit - a small reserve
 *            (CommitLimit still counts the area at that point);
 *   memory   the pages in use on the area must fit in MemAvailable;
 *   cgroups  every memory cgroup holding swap must take its pages back
 *            under memory.max (its swap may sit on any area: "up to");
 *            on a cgroup v1 memory hierarchy (memcg.c) under
 *            memory.limit_in_bytes, and with swap accounting a group at
 *            memory.memsw.limit_in_bytes is taken to fail too (a swap-in
 *            charges memsw a page before its swap entry's is uncharged:
 *            the first needs room that only reclaimed page cache or a
 *            leftover charge batch gives, which the files do not tell); with
 *            memory.oom_control oom_kill_disable 1 swapoff gets ENOMEM and
 *            nobody is killed. Without v1 swap accounting the groups' swap
 *            is unknown: "unknown", not a guess.
 *
 * Text: one row per check (CHECK, RESULT ok, FAIL or unknown, DETAILS),
 * then a one-line verdict. JSON: {"device": ..., "checks": [{"check":
 * "commit", "ok": true, "details": "..."}], "verdict": "...",
 * "would-succeed": true}, "ok" and "would-succeed" null when unknown.
 * With no active swap area, swapoff -a does nothing and succeeds; a named
 * DEVICE that is not an active area fails with EINVAL.
 * Exit 0: would succeed; 1: would fail; 5: cannot read what it needs (or
 * cannot tell: a v1 hierarchy without swap accounting).
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memcg.h"
#include "memdiagctl.h"
#include "output.h"
#include "swapown.h"

static struct {
	bool check, owners;
	const char *device;
} md_swap_args;

/* A check's result: MD_FAIL, MD_OK (true and false convert), MD_UNKNOWN. */
enum { MD_FAIL, MD_OK, MD_UNKNOWN };

struct md_check {
	char name[300];
	int result;
	char *details;
};

struct md_checks {
	size_t n;
	struct md_check v[256];
	bool truncated;
};

static int md_add(struct md_checks *c, const char *name, int result,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int md_add(struct md_checks *c, const char *name, int result,
		  const char *fmt, ...)
{
	struct md_check *k;
	va_list ap;
	int ret;

	if (c->n == ARRAY_SIZE(c->v)) {
		c->truncated = true;
		return 0;
	}
	k = &c->v[c->n];
	snprintf(k->name, sizeof(k->name), "%s", name);
	k->result = result;
	va_start(ap, fmt);
	ret = vasprintf(&k->details, fmt, ap);
	va_end(ap);
	if (ret < 0)
		return -ENOMEM;
	c->n++;
	return 0;
}

static char *md_kb(long long kb, bool exact)
{
	return md_size_str((uint64_t)(kb < 0 ? 0 : kb) * 1024, exact);
}

/* The commit check swapoff makes first, for an area of @size_kb. */
static int md_check_commit(struct md_checks *c, long long size_kb, bool exact)
{
	long long mode = md_sysctl_vm("overcommit_memory");
	long long limit = md_meminfo("CommitLimit");
	long long committed = md_meminfo("Committed_AS");
	long long user_res = md_sysctl_vm("user_reserve_kbytes");
	/* swapoff's own size stands in for the caller's: both are small. */
	long long vm = md_proc_key("/proc/self/status", "VmSize");
	long long reserve;
	char *a, *b, *l;
	bool ok;
	int ret;

	if (mode < 0 || limit < 0 || committed < 0)
		return -EIO;
	if (mode != 2)
		return md_add(c, "commit", true,
			      "vm.overcommit_memory=%lld: the check cannot refuse a swapoff",
			      mode);
	/* The caller's reserve: min(total_vm / 32, user_reserve_kbytes). */
	reserve = vm < 0 ? 0 : vm / 32;
	if (user_res >= 0 && user_res < reserve)
		reserve = user_res;
	a = md_kb(committed, exact);
	b = md_kb(size_kb, exact);
	l = md_kb(limit, exact);
	ok = committed + size_kb < limit - reserve;
	ret = (a && b && l) ?
		md_add(c, "commit", ok,
		       "Committed_AS %s + the area %s %s CommitLimit %s (vm.overcommit_memory=2)",
		       a, b, ok ? "fits under" : "does not fit under", l) :
		-ENOMEM;
	free(a);
	free(b);
	free(l);
	return ret;
}

static int md_check_memory(struct md_checks *c, long long used_kb, bool exact)
{
	long long avail = md_meminfo("MemAvailable");
	char *u, *m;
	bool ok;
	int ret;

	if (avail < 0)
		return -EIO;
	u = md_kb(used_kb, exact);
	m = md_kb(avail, exact);
	ok = used_kb < avail;
	ret = (u && m) ?
		md_add(c, "memory", ok, "%s in use on the area %s MemAvailable %s",
		       u, ok ? "fits in" : "does not fit in", m) :
		-ENOMEM;
	free(u);
	free(m);
	return ret;
}

/* The cgroup v2 check: every group under @dir holding swap. */
static int md_check_cgroups_v2(struct md_checks *c, const struct md_memcg *m,
			       const char *dir, bool exact, int depth)
{
	char path[PATH_MAX + 300];
	struct md_memcg_stat st;
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if (!md_memcg_read(m, dir, &st) && st.swap > 0 && st.limit >= 0) {
		long long swap = st.swap, max = st.limit, cur = st.usage, high = st.high;
		long long room = max > cur ? max - cur : 0;
		char *s = md_size_str(swap, exact), *r = md_size_str(room, exact);
		char *mx = md_size_str(max, exact);
		char name[300];

		snprintf(name, sizeof(name), "cgroup %s", dir);
		ret = (s && r && mx) ?
			md_add(c, name, swap <= room,
			       "up to %s swapped; %s of room under memory.max %s%s",
			       s, r, mx, high >= 0 && swap > (high > cur ? high - cur : 0) ?
			       " (memory.high throttles it before that)" : "") :
			-ENOMEM;
		free(s);
		free(r);
		free(mx);
		if (ret)
			return ret;
	}
	if (depth > 32)
		return 0;
	snprintf(path, sizeof(path), "%s%s", m->mnt, dir);
	d = opendir(path);
	if (!d)
		return 0;
	while (!ret && (de = readdir(d))) {
		char sub[4096];

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", dir, de->d_name);
		ret = md_check_cgroups_v2(c, m, sub, exact, depth + 1);
	}
	closedir(d);
	return ret;
}

/* A walk of the v1 memory hierarchy. */
struct md_v1walk {
	struct md_checks *c;
	const struct md_memcg *m;
	bool exact;
	long page;
	/* Without swap accounting: the groups with a limit. */
	unsigned int nlimited;
	char limited[PATH_MAX + 16];
	long long limited_bytes;
	int err;
};

/* One group's row: @amount of swap must come back under its counters. */
static int md_check_v1_group(struct md_v1walk *w, const char *dir,
			     const struct md_memcg_stat *st, long long amount,
			     bool with_desc)
{
	long long room = st->limit > st->usage ? st->limit - st->usage : 0;
	bool mem_fail = st->limit >= 0 && amount > room;
	bool memsw_limited = st->memsw_limit >= 0 && st->memsw_usage >= 0;
	bool memsw_fail = memsw_limited && st->memsw_limit - st->memsw_usage < w->page;
	char *s = md_size_str(amount, w->exact), *r = md_size_str(room, w->exact);
	char *l = md_size_str(st->limit < 0 ? 0 : st->limit, w->exact);
	char *u = md_size_str(st->usage, w->exact);
	char *ml = md_size_str(memsw_limited ? st->memsw_limit : 0, w->exact);
	char *mu = md_size_str(memsw_limited ? st->memsw_usage : 0, w->exact);
	char name[PATH_MAX + 16], mem[300] = "", memsw[400] = "", oom[200] = "";
	int ret = -ENOMEM;

	if (!s || !r || !l || !u || !ml || !mu)
		goto out;
	snprintf(name, sizeof(name), "cgroup %s%s", w->m->root, dir[0] ? dir : "/");
	if (st->limit >= 0)
		snprintf(mem, sizeof(mem),
			 "%s of room under memory.limit_in_bytes %s (memory.usage_in_bytes %s)",
			 r, l, u);
	else
		snprintf(mem, sizeof(mem), "no memory.limit_in_bytes (memory.usage_in_bytes %s)", u);
	if (memsw_fail)
		snprintf(memsw, sizeof(memsw),
			 "; memory.memsw.usage_in_bytes %s is at memory.memsw.limit_in_bytes %s: a swap-in charges memsw before its swap entry is uncharged, so the first needs a page of room that only reclaimed page cache gives: expect ENOMEM",
			 mu, ml);
	else if (memsw_limited)
		snprintf(memsw, sizeof(memsw),
			 "; memory.memsw.usage_in_bytes %s under memory.memsw.limit_in_bytes %s",
			 mu, ml);
	if ((mem_fail || memsw_fail) && st->oom_kill_disable == 1)
		snprintf(oom, sizeof(oom),
			 "; memory.oom_control oom_kill_disable 1: swapoff gets ENOMEM and nobody is killed");
	else if (mem_fail || memsw_fail)
		snprintf(oom, sizeof(oom),
			 "; its OOM killer (oom_kill_disable 0) may kill a process in it");
	ret = md_add(w->c, name, !mem_fail && !memsw_fail,
		     "up to %s swapped (memory.stat swap%s); %s%s%s", s,
		     with_desc ? ", with its descendants'" : "", mem, memsw, oom);
out:
	free(s);
	free(r);
	free(l);
	free(u);
	free(ml);
	free(mu);
	return ret;
}

/*
 * The v1 check below @dir: each group's own swap (memory.stat "swap") with
 * that of the descendants charged to it (use_hierarchy) must come back
 * under its limits. Returns the swap charged to @dir's counters; a row per
 * group with swap and a limit, after its descendants'.
 */
static long long md_check_v1(struct md_v1walk *w, const char *dir, bool accounting,
			     int depth)
{
	char path[PATH_MAX + 300];
	struct md_memcg_stat st;
	long long sub = 0, amount;
	struct dirent *de;
	DIR *d;

	if (md_memcg_read(w->m, dir, &st))
		return 0;
	if (!accounting && st.limit >= 0) {
		if (!w->nlimited++) {
			snprintf(w->limited, sizeof(w->limited), "%s%s", w->m->root,
				 dir[0] ? dir : "/");
			w->limited_bytes = st.limit;
		}
	}
	snprintf(path, sizeof(path), "%s%s", w->m->mnt, dir);
	d = depth > 32 ? NULL : opendir(path);
	while (d && !w->err && (de = readdir(d))) {
		char sub_dir[4096];
		long long s;

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		snprintf(sub_dir, sizeof(sub_dir), "%s/%s", dir, de->d_name);
		s = md_check_v1(w, sub_dir, accounting, depth + 1);
		if (st.use_hierarchy)
			sub += s;
	}
	if (d)
		closedir(d);
	amount = (st.swap > 0 ? st.swap : 0) + sub;
	if (accounting && !w->err && amount > 0 &&
	    (st.limit >= 0 || (st.memsw_limit >= 0 && st.memsw_usage >= 0)))
		w->err = md_check_v1_group(w, dir, &st, amount, sub > 0);
	return amount;
}

/* The cgroup v1 check; without swap accounting, what cannot be said. */
static int md_check_cgroups_v1(struct md_checks *c, const struct md_memcg *m,
			       bool exact)
{
	struct md_v1walk w = { .c = c, .m = m, .exact = exact };
	struct md_memcg_stat root;
	bool accounting;
	char *l;
	int ret;

	w.page = sysconf(_SC_PAGESIZE);
	if (w.page <= 0)
		w.page = 4096;
	if (md_memcg_read(m, "", &root))
		return 0;
	/* memory.stat's swap lines and memory.memsw.* exist only with it. */
	accounting = root.swap >= 0 || root.memsw_usage >= 0;
	md_check_v1(&w, "", accounting, 0);
	if (w.err || accounting)
		return w.err;
	if (!w.nlimited)
		return md_add(c, "cgroups", MD_OK,
			      "no memory cgroup of the v1 hierarchy at %s has a memory.limit_in_bytes (v1 swap accounting is off: the groups' swap is unknown)",
			      m->mnt);
	l = md_size_str(w.limited_bytes, exact);
	if (!l)
		return -ENOMEM;
	ret = md_add(c, "cgroups", MD_UNKNOWN,
		     "v1 swap accounting is off (no memory.memsw.* files, no swap in memory.stat): how much of the swap each group must take back is unknown, so the check cannot be made for v1 groups; %u with a memory.limit_in_bytes, first %s (%s)",
		     w.nlimited, w.limited, l);
	free(l);
	return ret;
}

/* Every memory cgroup holding swap, by the version of its hierarchy. */
static int md_check_cgroups(struct md_checks *c, bool exact)
{
	const struct md_memcg *m = md_memcg();

	if (!m->found && m->v1)
		return md_add(c, "cgroups", MD_UNKNOWN,
			      "the memory controller is on a cgroup v1 hierarchy (/proc/cgroups) that is not mounted here (/proc/self/mountinfo): its groups cannot be read, so the check cannot be made for them");
	if (!m->found)
		return 0;
	return m->v1 ? md_check_cgroups_v1(c, m, exact) :
		md_check_cgroups_v2(c, m, "", exact, 0);
}

/* /proc/swaps: size and used (kB) of @device, or of all areas if NULL. */
static int md_swaps(const char *device, long long *size_kb, long long *used_kb,
		    int *nareas)
{
	FILE *f = fopen("/proc/swaps", "r");
	char line[4096], name[4096], type[64];
	long long size, used;

	*size_kb = *used_kb = 0;
	*nareas = 0;
	if (!f)
		return -EIO;
	if (!fgets(line, sizeof(line), f)) {	/* the header */
		fclose(f);
		return -EIO;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%4095s %63s %lld %lld", name, type, &size, &used) != 4)
			continue;
		if (device && strcmp(device, name))
			continue;
		*size_kb += size;
		*used_kb += used;
		(*nareas)++;
	}
	fclose(f);
	return 0;
}

/* "ok" and "would-succeed": true, false, or null when unknown. */
static void md_json_result(struct md_json *j, const char *key, int result)
{
	if (result == MD_UNKNOWN)
		md_json_null(j, key);
	else
		md_json_bool(j, key, result == MD_OK);
}

static int md_swap_print(const struct md_opts *o, const struct md_checks *c,
			 const char *device, const char *verdict, int ok)
{
	struct libscols_table *tb;
	struct md_json j;
	size_t i;
	int ret = -ENOMEM;

	if (o->json) {
		md_json_begin(&j, stdout);
		md_json_str(&j, "device", device ? device : "all");
		md_json_arr_begin(&j, "checks");
		for (i = 0; i < c->n; i++) {
			md_json_obj_begin(&j, NULL);
			md_json_str(&j, "check", c->v[i].name);
			md_json_result(&j, "ok", c->v[i].result);
			md_json_str(&j, "details", c->v[i].details);
			md_json_obj_end(&j);
		}
		md_json_arr_end(&j);
		md_json_str(&j, "verdict", verdict);
		md_json_result(&j, "would-succeed", ok);
		md_json_end(&j);
		return 0;
	}
	tb = md_table_new(o, "checks", stdout);
	if (!tb)
		return -ENOMEM;
	if (!scols_table_new_column(tb, "CHECK", 0, 0) ||
	    !scols_table_new_column(tb, "RESULT", 0, 0) ||
	    !scols_table_new_column(tb, "DETAILS", 0, SCOLS_FL_WRAP))
		goto out;
	for (i = 0; i < c->n; i++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln || md_cell_set(ln, 0, c->v[i].name, false) ||
		    scols_line_set_data(ln, 1, c->v[i].result == MD_OK ? "ok" :
					c->v[i].result == MD_FAIL ? "FAIL" : "unknown") ||
		    md_cell_set(ln, 2, c->v[i].details, false))
			goto out;
	}
	ret = scols_print_table(tb);
	if (!ret)
		printf("%s\n", verdict);
out:
	scols_unref_table(tb);
	return ret;
}

static int md_swap_run(const struct md_opts *o)
{
	const char *dev = md_swap_args.device;
	struct md_checks *c;
	long long size_kb, used_kb;
	char verdict[1024];
	int nareas, ret, ok = MD_OK;
	size_t i;

	if (!md_swap_args.check)
		return md_swap_owners_run(o, dev);
	c = calloc(1, sizeof(*c));
	if (!c)
		return md_err_nomem();
	ret = md_swaps(dev, &size_kb, &used_kb, &nareas);
	if (ret) {
		md_err("cannot read /proc/swaps: %s", strerror(-ret));
		free(c);
		return MD_EXIT_ERROR;
	}
	if (!nareas && !dev) {
		/* swapoff -a then does nothing and exits 0. */
		snprintf(verdict, sizeof(verdict),
			 "swapoff -a would succeed: there is no active swap area, nothing to swap off");
	} else if (!nareas) {
		/* swapoff(2) on it: EINVAL (not an active swap area). */
		snprintf(verdict, sizeof(verdict),
			 "swapoff %s would fail with EINVAL: not an active swap area (see /proc/swaps)",
			 dev);
		ok = MD_FAIL;
	} else {
		ret = md_check_commit(c, size_kb, o->bytes);
		if (!ret)
			ret = md_check_memory(c, used_kb, o->bytes);
		if (!ret)
			ret = md_check_cgroups(c, o->bytes);
		if (ret) {
			md_err("cannot read what the check needs (/proc/meminfo, /proc/sys/vm, %s): %s",
			       md_memcg()->found ? md_memcg()->mnt : "the memory cgroups",
			       strerror(-ret));
			goto out;
		}
		snprintf(verdict, sizeof(verdict), "swapoff %s would succeed",
			 dev ? dev : "-a");
		/* The first failure; else the first check that cannot be made. */
		for (i = 0; i < c->n; i++) {
			if (c->v[i].result == MD_OK ||
			    (ok == MD_UNKNOWN && c->v[i].result == MD_UNKNOWN))
				continue;
			ok = c->v[i].result;
			snprintf(verdict, sizeof(verdict),
				 ok == MD_FAIL ? "swapoff %s would fail with ENOMEM: %s: %s" :
				 "swapoff %s: cannot tell whether it would succeed: %s: %s",
				 dev ? dev : "-a", c->v[i].name, c->v[i].details);
			if (ok == MD_FAIL)
				break;
		}
	}
	ret = md_swap_print(o, c, dev, verdict, ok);
	if (ret) {
		md_err("cannot print the check: %s", strerror(-ret));
		ret = MD_EXIT_ERROR;
	} else {
		ret = ok == MD_OK ? MD_EXIT_OK :
			ok == MD_FAIL ? MD_EXIT_NEGATIVE : MD_EXIT_ERROR;
	}
out:
	for (i = 0; i < c->n; i++)
		free(c->v[i].details);
	free(c);
	return ret < 0 ? MD_EXIT_ERROR : ret;
}

/* swap [owners] [DEVICE] | swap check [DEVICE] */
static int md_swap_arg(const char *arg)
{
	if (!md_swap_args.check && !md_swap_args.owners && !md_swap_args.device) {
		if (!strcmp(arg, "check")) {
			md_swap_args.check = true;
			return 0;
		}
		if (!strcmp(arg, "owners")) {
			md_swap_args.owners = true;
			return 0;
		}
		if (arg[0] != '/') {
			md_err("swap: unknown action '%s'; use 'swap [owners] [DEVICE]' or 'swap check [DEVICE]'",
			       arg);
			return MD_EXIT_USAGE;
		}
	}
	if (md_swap_args.device) {
		md_err("swap: one device at most ('%s' after '%s')", arg,
		       md_swap_args.device);
		return MD_EXIT_USAGE;
	}
	md_swap_args.device = arg;
	return 0;
}

const struct md_cmd md_cmd_swap = {
	.name	  = "swap",
	.help	  = " swap [owners] [DEVICE] who owns the swap slots (root): per area, per\n"
		    "                        memory cgroup and per process (pagemap)\n"
		    " swap check [DEVICE]    would a swapoff of DEVICE (default: all) succeed\n"
		    "                        now? exit 0 yes, 1 no, with the numbers\n",
	.cols	  = md_swap_own_cols,
	.ncols	  = MD_SWAP_OWN_NCOLS,
	.colswhat = "the swap areas table of 'swap owners'",
	.arg	  = md_swap_arg,
	.run	  = md_swap_run,
};
