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
 *            under memory.max (its swap may sit on any area: "up to").
 *
 * Text: one row per check (CHECK, RESULT, DETAILS), then a one-line
 * verdict. JSON: {"device": ..., "checks": [{"check": "commit",
 * "ok": true, "details": "..."}], "verdict": "...", "would-succeed": true}.
 * With no active swap area, swapoff -a does nothing and succeeds; a named
 * DEVICE that is not an active area fails with EINVAL.
 * Exit 0: would succeed; 1: would fail; 5: cannot read what it needs.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memdiagctl.h"
#include "output.h"
#include "swapown.h"

#define MD_CGROOT "/sys/fs/cgroup"

static struct {
	bool check, owners;
	const char *device;
} md_swap_args;

struct md_check {
	char name[300];
	bool ok;
	char *details;
};

struct md_checks {
	size_t n;
	struct md_check v[256];
	bool truncated;
};

static int md_add(struct md_checks *c, const char *name, bool ok,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int md_add(struct md_checks *c, const char *name, bool ok,
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
	k->ok = ok;
	va_start(ap, fmt);
	ret = vasprintf(&k->details, fmt, ap);
	va_end(ap);
	if (ret < 0)
		return -ENOMEM;
	c->n++;
	return 0;
}

static long long md_meminfo(const char *key)
{
	return md_proc_key("/proc/meminfo", key);
}

/* The first number in a file; -1 if unreadable; @max_val for "max". */
static long long md_read_num(const char *path, long long max_val)
{
	FILE *f = fopen(path, "r");
	char buf[64];
	long long v = -1;

	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		v = !strncmp(buf, "max", 3) ? max_val : strtoll(buf, NULL, 10);
	fclose(f);
	return v;
}

static char *md_kb(long long kb, bool exact)
{
	return md_size_str((uint64_t)(kb < 0 ? 0 : kb) * 1024, exact);
}

/* The commit check swapoff makes first, for an area of @size_kb. */
static int md_check_commit(struct md_checks *c, long long size_kb, bool exact)
{
	long long mode = md_read_num("/proc/sys/vm/overcommit_memory", -1);
	long long limit = md_meminfo("CommitLimit");
	long long committed = md_meminfo("Committed_AS");
	long long user_res = md_read_num("/proc/sys/vm/user_reserve_kbytes", 0);
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

/* Every cgroup under @dir (a path below MD_CGROOT) that holds swap. */
static int md_check_cgroups(struct md_checks *c, const char *dir, bool exact,
			    int depth)
{
	char path[4096];
	long long swap, max, cur, high;
	struct dirent *de;
	DIR *d;
	int ret = 0;

	snprintf(path, sizeof(path), "%s%s/memory.swap.current", MD_CGROOT, dir);
	swap = md_read_num(path, -1);
	if (swap > 0) {
		snprintf(path, sizeof(path), "%s%s/memory.max", MD_CGROOT, dir);
		max = md_read_num(path, -2);
		snprintf(path, sizeof(path), "%s%s/memory.current", MD_CGROOT, dir);
		cur = md_read_num(path, -1);
		snprintf(path, sizeof(path), "%s%s/memory.high", MD_CGROOT, dir);
		high = md_read_num(path, -2);
		if (max >= 0 && cur >= 0) {
			long long room = max > cur ? max - cur : 0;
			char *s = md_size_str(swap, exact), *r = md_size_str(room, exact);
			char *m = md_size_str(max, exact);
			char name[300];

			snprintf(name, sizeof(name), "cgroup %s", dir);
			ret = (s && r && m) ?
				md_add(c, name, swap <= room,
				       "up to %s swapped; %s of room under memory.max %s%s",
				       s, r, m, high >= 0 && swap > (high > cur ? high - cur : 0) ?
				       " (memory.high throttles it before that)" : "") :
				-ENOMEM;
			free(s);
			free(r);
			free(m);
			if (ret)
				return ret;
		}
	}
	if (depth > 32)
		return 0;
	snprintf(path, sizeof(path), "%s%s", MD_CGROOT, dir);
	d = opendir(path);
	if (!d)
		return 0;
	while (!ret && (de = readdir(d))) {
		char sub[4096];

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", dir, de->d_name);
		ret = md_check_cgroups(c, sub, exact, depth + 1);
	}
	closedir(d);
	return ret;
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

static int md_swap_print(const struct md_opts *o, const struct md_checks *c,
			 const char *device, const char *verdict, bool ok)
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
			md_json_bool(&j, "ok", c->v[i].ok);
			md_json_str(&j, "details", c->v[i].details);
			md_json_obj_end(&j);
		}
		md_json_arr_end(&j);
		md_json_str(&j, "verdict", verdict);
		md_json_bool(&j, "would-succeed", ok);
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
		    scols_line_set_data(ln, 1, c->v[i].ok ? "ok" : "FAIL") ||
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
	int nareas, ret;
	size_t i;
	bool ok = true;

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
		ok = false;
	} else {
		ret = md_check_commit(c, size_kb, o->bytes);
		if (!ret)
			ret = md_check_memory(c, used_kb, o->bytes);
		if (!ret)
			ret = md_check_cgroups(c, "", o->bytes, 0);
		if (ret) {
			md_err("cannot read what the check needs (/proc/meminfo, /proc/sys/vm, %s): %s",
			       MD_CGROOT, strerror(-ret));
			goto out;
		}
		snprintf(verdict, sizeof(verdict), "swapoff %s would succeed",
			 dev ? dev : "-a");
		for (i = 0; i < c->n; i++) {
			if (c->v[i].ok)
				continue;
			ok = false;
			snprintf(verdict, sizeof(verdict),
				 "swapoff %s would fail with ENOMEM: %s: %s",
				 dev ? dev : "-a", c->v[i].name, c->v[i].details);
			break;
		}
	}
	ret = md_swap_print(o, c, dev, verdict, ok);
	if (ret) {
		md_err("cannot print the check: %s", strerror(-ret));
		ret = MD_EXIT_ERROR;
	} else {
		ret = ok ? MD_EXIT_OK : MD_EXIT_NEGATIVE;
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
