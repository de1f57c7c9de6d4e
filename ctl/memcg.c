// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl - where the memory controller is, and its groups' files.
 *
 * /proc/cgroups says which hierarchy the memory controller is bound to:
 * 0 is the cgroup v2 (default) hierarchy, anything else a v1 hierarchy,
 * mounted as a "cgroup" file system whose super options name "memory"
 * (/proc/self/mountinfo). Hybrid hosts (cgroup2 mounted beside v1
 * controllers, as systemd's "hybrid" layout) are either, by that column.
 * Kernels built without CONFIG_MEMCG_V1 list memory with id 0 (or not at
 * all): v2.
 *
 * The two versions name the same page counters differently:
 *   v2  memory.max, memory.current, memory.swap.current (hierarchical),
 *       memory.high
 *   v1  memory.limit_in_bytes, memory.usage_in_bytes, memory.failcnt,
 *       memory.memsw.limit_in_bytes and memory.memsw.usage_in_bytes (only
 *       with swap accounting), memory.stat "swap" (its own) and
 *       "total_swap" (hierarchical; only with swap accounting),
 *       memory.oom_control (oom_kill_disable, under_oom, oom_kill),
 *       memory.use_hierarchy
 * v1 says "no limit" with PAGE_COUNTER_MAX pages in bytes
 * (9223372036854771712 with 4 KiB pages on 64 bits).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memcg.h"
#include "memdiagctl.h"

#define MD_CGROOT "/sys/fs/cgroup"

/* ---- the hierarchy -------------------------------------------------------- */

/* mountinfo's octal escapes (\040 for a space) undone, in place. */
static void md_unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*o++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* Is @word one of the comma-separated @list? */
static bool md_has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

/* The hierarchy column of "memory": -1 if no such line or it is disabled. */
static int md_memcg_hierarchy(const char *cgroups)
{
	FILE *f = fopen(cgroups, "re");
	char line[256], name[64];
	int id, num, enabled, ret = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %d %d %d", name, &id, &num, &enabled) != 4 ||
		    strcmp(name, "memory"))
			continue;
		ret = enabled ? id : -1;
		break;
	}
	fclose(f);
	return ret;
}

static struct md_memcg md_memcg_host;
static bool md_memcg_done;

int md_memcg_find(const char *cgroups, const char *mountinfo,
		  struct md_memcg *m)
{
	char *line = NULL, *dash, *root, *mnt, *fstype, *opts;
	size_t cap = 0;
	int id = md_memcg_hierarchy(cgroups), best = 0, score;
	FILE *f;

	memset(m, 0, sizeof(*m));
	m->v1 = id > 0;
	f = fopen(mountinfo, "re");
	while (f && getline(&line, &cap, f) > 0) {
		char *save = NULL;

		/* ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTS */
		dash = strstr(line, " - ");
		if (!dash)
			continue;
		*dash = '\0';
		if (!strtok_r(line, " ", &save) || !strtok_r(NULL, " ", &save) ||
		    !strtok_r(NULL, " ", &save))
			continue;
		root = strtok_r(NULL, " ", &save);
		mnt = strtok_r(NULL, " ", &save);
		save = NULL;
		fstype = strtok_r(dash + 3, " ", &save);
		if (!root || !mnt || !fstype || !strtok_r(NULL, " ", &save))
			continue;
		opts = strtok_r(NULL, "\n ", &save);
		if (m->v1 ? strcmp(fstype, "cgroup") || !opts || !md_has_word(opts, "memory") :
		    strcmp(fstype, "cgroup2"))
			continue;
		md_unescape(root);
		md_unescape(mnt);
		/*
		 * The first mount of the whole hierarchy rather than of a
		 * subtree; v2: /sys/fs/cgroup rather than another (a hybrid
		 * host's cgroup2 is also at /sys/fs/cgroup/unified).
		 */
		score = 1 + 2 * !strcmp(root, "/") + (m->v1 || !strcmp(mnt, MD_CGROOT));
		if (score <= best)
			continue;
		best = score;
		m->found = true;
		snprintf(m->mnt, sizeof(m->mnt), "%s", mnt);
		snprintf(m->root, sizeof(m->root), "%s", strcmp(root, "/") ? root : "");
	}
	free(line);
	if (f)
		fclose(f);
	md_memcg_host = *m;
	md_memcg_done = true;
	return m->found ? 0 : -ENOENT;
}

const struct md_memcg *md_memcg(void)
{
	struct md_memcg m;

	if (!md_memcg_done)
		md_memcg_find("/proc/cgroups", "/proc/self/mountinfo", &m);
	return &md_memcg_host;
}

const char *md_memcg_limit_file(void)
{
	return md_memcg()->v1 ? "memory.limit_in_bytes" : "memory.max";
}

const char *md_memcg_usage_file(void)
{
	return md_memcg()->v1 ? "memory.usage_in_bytes" : "memory.current";
}

/* ---- a group's files ------------------------------------------------------ */

static long long md_memcg_file(const struct md_memcg *m, const char *group,
			       const char *file, const char *key)
{
	char path[PATH_MAX + 512];

	snprintf(path, sizeof(path), "%s%s/%s", m->mnt, group, file);
	return key ? md_proc_key(path, key) : md_read_num(path, MD_MEMCG_NOLIMIT);
}

/* v1's "no limit": PAGE_COUNTER_MAX (LONG_MAX / PAGE_SIZE) pages, in bytes. */
static long long md_memcg_v1_limit(long long v)
{
	long ps = sysconf(_SC_PAGESIZE);

	if (ps <= 0)
		ps = 4096;
	return v >= (LONG_MAX / ps) * ps ? MD_MEMCG_NOLIMIT : v;
}

int md_memcg_read(const struct md_memcg *m, const char *group,
		  struct md_memcg_stat *st)
{
	st->swap_total = st->memsw_limit = st->memsw_usage = st->failcnt = -1;
	st->oom_kill_disable = st->under_oom = st->oom_kill = -1;
	st->high = -1;
	st->use_hierarchy = 1;
	if (!m->v1) {
		st->limit = md_memcg_file(m, group, "memory.max", NULL);
		st->usage = md_memcg_file(m, group, "memory.current", NULL);
		st->swap = md_memcg_file(m, group, "memory.swap.current", NULL);
		st->high = md_memcg_file(m, group, "memory.high", NULL);
		return st->limit == -1 || st->usage < 0 ? -ENOENT : 0;
	}
	st->limit = md_memcg_v1_limit(md_memcg_file(m, group, "memory.limit_in_bytes", NULL));
	st->usage = md_memcg_file(m, group, "memory.usage_in_bytes", NULL);
	st->swap = md_memcg_file(m, group, "memory.stat", "swap");
	st->swap_total = md_memcg_file(m, group, "memory.stat", "total_swap");
	st->memsw_limit = md_memcg_v1_limit(md_memcg_file(m, group,
							  "memory.memsw.limit_in_bytes", NULL));
	st->memsw_usage = md_memcg_file(m, group, "memory.memsw.usage_in_bytes", NULL);
	st->failcnt = md_memcg_file(m, group, "memory.failcnt", NULL);
	if (md_memcg_file(m, group, "memory.use_hierarchy", NULL) == 0)
		st->use_hierarchy = 0;
	st->oom_kill_disable = md_memcg_file(m, group, "memory.oom_control", "oom_kill_disable");
	st->under_oom = md_memcg_file(m, group, "memory.oom_control", "under_oom");
	st->oom_kill = md_memcg_file(m, group, "memory.oom_control", "oom_kill");
	return st->limit == -1 || st->usage < 0 ? -ENOENT : 0;
}
