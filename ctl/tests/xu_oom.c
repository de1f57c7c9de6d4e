// SPDX-License-Identifier: GPL-2.0
/*
 * explain_oom.c: OOM reports of every generation, from the corpus and
 * written from the kernels' printk formats (mm/oom_kill.c dump_header(),
 * dump_task(), __oom_kill_process(), oom_reap_task_mm(); mm/memcontrol.c
 * mem_cgroup_print_oom_meminfo()/_context()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xu.h"

#include "explain.h"
#include "memdiagctl.h"
#include "output.h"

#define XO_MAX 16

struct xo_run {
	struct md_klog log;
	struct md_xev *ev[XO_MAX];
	char *text[XO_MAX], *json[XO_MAX];
	size_t n;
	int ret;
};

/* The lines as klog.c reads them (prefixes taken off, folds joined). */
static void xo_load(struct xo_run *r, const char *const *lines, size_t n)
{
	char *buf = NULL;
	size_t size = 0, i;
	FILE *f = open_memstream(&buf, &size);

	memset(r, 0, sizeof(*r));
	if (!f)
		return;
	for (i = 0; i < n; i++)
		fprintf(f, "%s\n", lines[i]);
	fclose(f);
	f = fmemopen(buf, size, "r");
	CHECK(f && !md_klog_add_stream(&r->log, f, "test"));
	if (f)
		fclose(f);
	free(buf);
}

static bool xo_load_file(struct xo_run *r, const char *name)
{
	char path[512];

	memset(r, 0, sizeof(*r));
	snprintf(path, sizeof(path), "%s/%s", xu_corpus_dir, name);
	return !md_klog_add_file(&r->log, path);
}

/* Offer every line, as cmd_explain.c does. */
static void xo_parse(struct xo_run *r, const char *kver_str, unsigned int kver)
{
	struct md_xctx ctx = { .kver = kver, .kver_str = kver_str };
	size_t i;

	for (i = 0; i < r->log.n; i++) {
		struct md_xev *e = NULL;
		int ret = md_xparse_oom(&r->log, i, &ctx, &e);

		if (ret < 0)
			r->ret = ret;
		if (ret != 1 || !e)
			continue;
		if (r->n == XO_MAX) {
			md_xev_free(e);
			continue;
		}
		r->text[r->n] = xu_event_text(e, true);
		r->json[r->n] = xu_event_json(e);
		r->ev[r->n++] = e;
	}
}

static void xo_free(struct xo_run *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		md_xev_free(r->ev[i]);
		free(r->text[i]);
		free(r->json[i]);
	}
	md_klog_free(&r->log);
}

/* ---- the corpus ---------------------------------------------------------- */

/* 3.13, cgroup v1, "Task in ... killed as a result of limit of", one task. */
static void t_corpus08(void)
{
	struct xo_run r;

	if (!xo_load_file(&r, "08-oom-memcg-v1-ubuntu-3.13-cadvisor.log")) {
		CHECK(0);
		return;
	}
	xo_parse(&r, NULL, 0);
	CHECK(r.ret == 0);
	CHECK(r.n == 1);
	if (r.n < 1)
		goto out;
	CHECK_STR(r.ev[0]->kind, "oom-kill");
	CHECK(r.ev[0]->first == 0 && r.ev[0]->last == 30);
	CHECK_STR(r.ev[0]->comm, "memorymonster");
	CHECK(r.ev[0]->pid == 13536);
	CHECK_STR(r.ev[0]->kver_str, "3.13.0-43-generic #72-Ubuntu");
	CHECK_STR(r.ev[0]->verdict, "memcg limit");
	CHECK_HAS(r.ev[0]->why, "the cgroup /mem2 used 980 kB of its 980 kB limit (failcnt 4152239)");
	CHECK_HAS_JSON(r.json[0], "\"trigger\": {\"comm\": \"memorymonster\", \"pid\": 13536, \"gfp-mask\": 208");
	CHECK_HAS_JSON(r.json[0], "\"order\": 0, \"oom-score-adj\": 0}");
	CHECK_HAS_JSON(r.json[0], "\"constraint\": \"memcg\"");
	CHECK_HAS_JSON(r.json[0], "\"memcg\": {\"path\": \"/mem2\", \"task-memcg\": \"/mem2\", \"usage-kb\": 980, \"limit-kb\": 980, \"failcnt\": 4152239, \"swap-usage-kb\": 0, \"swap-limit-kb\": 18014398509481983, \"swap-is-memsw\": true}");
	CHECK_HAS_JSON(r.json[0], "\"tasks\": [{\"pid\": 13536, \"uid\": 275858, \"tgid\": 13536, \"total-vm-pages\": 8389663, \"rss-pages\": 343, \"pgtables-pages\": 16267, \"swapents\": 8324326, \"oom-score-adj\": 0, \"name\": \"memorymonster\", \"points\": 8340936}]");
	CHECK_HAS_JSON(r.json[0], "\"victim\": {\"pid\": 13536, \"comm\": \"memorymonster\", \"total-vm-kb\": 33558652, \"anon-rss-kb\": 920, \"file-rss-kb\": 452, \"shmem-rss-kb\": null, \"uid\": null, \"pgtables-kb\": null, \"oom-score-adj\": null, \"exiting\": false}");
	CHECK_HAS_JSON(r.json[0], "\"predicted-victim-pid\": 13536, \"victim-matches\": true, \"cause\": \"memcg limit\", \"reaped\": null");
	CHECK_HAS(r.text[0], "  memcg: /mem2 usage 980 kB limit 980 kB failcnt 4152239; memory+swap usage 0 kB");
	CHECK_HAS(r.text[0], "  prediction: the victim is the table's top\n");
	CHECK_HAS(r.text[0], "ranks within 3% of each other may swap");
out:
	xo_free(&r);
}

/* 4.8, two docker OOMs, each followed by its oom_reaper line. */
static void t_corpus10(void)
{
	struct xo_run r;
	size_t i;

	if (!xo_load_file(&r, "10-oom-memcg-v1-gentoo-4.8-docker-twice.log")) {
		CHECK(0);
		return;
	}
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 2);
	for (i = 0; i < r.n; i++) {
		CHECK_STR(r.ev[i]->kind, "oom-kill");
		CHECK_STR(r.ev[i]->verdict, "memcg limit");
		CHECK_STR(r.ev[i]->comm, "gunpowder-memho");
	}
	if (r.n < 2)
		goto out;
	CHECK(r.ev[0]->pid == 1381 && r.ev[1]->pid == 1667);
	CHECK_HAS_JSON(r.json[0], "\"gfp-mask\": 37748928, \"gfp-names\": \"GFP_KERNEL\"");
	CHECK_HAS_JSON(r.json[0], "\"memcg\": {\"path\": \"/docker/2e088fe462e25e60be1dafafe2c05c47bda1a97978648d10ad2b7484fc0b8f50\"");
	CHECK_HAS_JSON(r.json[0], "\"usage-kb\": 20480, \"limit-kb\": 20480, \"failcnt\": 1204, \"swap-usage-kb\": 40940, \"swap-limit-kb\": 40960, \"swap-is-memsw\": true");
	/* nr_ptes + nr_pmds are the page tables */
	CHECK_HAS_JSON(r.json[0], "\"rss-pages\": 5191, \"pgtables-pages\": 38, \"swapents\": 5489, \"oom-score-adj\": 0, \"name\": \"gunpowder-memho\", \"points\": 10718}");
	CHECK_HAS_JSON(r.json[0], "\"reaped\": {\"pid\": 1381, \"failed\": false, \"anon-rss-kb\": 0, \"file-rss-kb\": 0, \"shmem-rss-kb\": 0}");
	CHECK_HAS_JSON(r.json[1], "\"victim\": {\"pid\": 1667, \"comm\": \"gunpowder-memho\", \"total-vm-kb\": 843576, \"anon-rss-kb\": 248180, \"file-rss-kb\": 2048, \"shmem-rss-kb\": 0");
	CHECK_HAS_JSON(r.json[1], "\"usage-kb\": 307112, \"limit-kb\": 307200, \"failcnt\": 35982, \"swap-usage-kb\": 614400, \"swap-limit-kb\": 614400");
	CHECK_HAS_JSON(r.json[1], "\"points\": 154063}");
	CHECK_HAS_JSON(r.json[1], "\"reaped\": {\"pid\": 1667");
	CHECK_HAS(r.ev[1]->why, "memory+swap 614400 of 614400 kB");
	/* the events span only their own lines: docker0 lines are outside */
	CHECK(r.ev[0]->first == 14 && r.ev[0]->last == 42);
	CHECK_HAS(r.text[1], "  reaper: reaped pid 1667, now anon-rss 0 kB file-rss 0 kB shmem-rss 0 kB\n");
out:
	xo_free(&r);
}

/* 3.13 global, no swap, one process with almost all anon memory. */
static void t_corpus09(void)
{
	struct xo_run r;

	if (!xo_load_file(&r, "09-oom-global-ubuntu-3.13-gce-percpu.log")) {
		CHECK(0);
		return;
	}
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 1);
	if (r.n < 1)
		goto out;
	CHECK_STR(r.ev[0]->verdict, "one process");
	CHECK_HAS(r.ev[0]->why, "the victim badsysprogram (pid 1532) held 1595164 kB anonymous memory, 98% of all 1624192 kB");
	CHECK_HAS(r.ev[0]->why, "no swap");
	CHECK_HAS_JSON(r.json[0], "\"constraint\": \"global\"");
	CHECK_HAS_JSON(r.json[0], "\"memory\": {\"anon-kb\": 1624192, \"file-kb\": 416, \"shmem-kb\": 280, \"slab-unreclaimable-kb\": 7676");
	CHECK_HAS_JSON(r.json[0], "\"swap-total-kb\": 0, \"swap-free-kb\": 0, \"ram-kb\": 1781360}");
	/* -1000 tasks are never chosen: no points */
	CHECK_HAS_JSON(r.json[0], "\"oom-score-adj\": -1000, \"name\": \"systemd-udevd\", \"points\": null}");
	CHECK_HAS_JSON(r.json[0], "\"tasks\": [{\"pid\": 1532, \"uid\": 1020, \"tgid\": 1532, \"total-vm-pages\": 410347, \"rss-pages\": 398810, \"pgtables-pages\": 788, \"swapents\": 0, \"oom-score-adj\": 0, \"name\": \"badsysprogram\", \"points\": 399598}");
	CHECK_HAS_JSON(r.json[0], "\"predicted-victim-pid\": 1532, \"victim-matches\": true");
	CHECK_HAS(r.text[0], "  killed: badsysprogram (pid 1532) total-vm 1641388 kB anon-rss 1595164 kB file-rss 76 kB\n");
out:
	xo_free(&r);
}

/* RHEL 9 (5.14) dmesg -T in French: 65 tasks, pgtables_bytes, oom-kill: line. */
static void t_corpus26(void)
{
	struct xo_run r;

	if (!xo_load_file(&r, "26-oom-global-rhel9.7-5.14-openstack-french-dmesg-T.log")) {
		CHECK(0);
		return;
	}
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 1);
	if (r.n < 1)
		goto out;
	/* the task that invoked the killer; the victim is in "victim" */
	CHECK_STR(r.ev[0]->comm, "gmain");
	CHECK(r.ev[0]->pid == 869);
	CHECK_STR(r.ev[0]->kver_str, "5.14.0-611.11.1.el9_7.x86_64 #1");
	CHECK_HAS_JSON(r.json[0], "\"gfp-mask\": 1313994, \"gfp-names\": \"GFP_HIGHUSER_MOVABLE|__GFP_COMP\"");
	CHECK_HAS_JSON(r.json[0], "\"constraint\": \"none\", \"memcg\": null");
	CHECK_HAS_JSON(r.json[0], "\"victim\": {\"pid\": 1040, \"comm\": \"mariadbd\", \"total-vm-kb\": 2198268, \"anon-rss-kb\": 1143060, \"file-rss-kb\": 64, \"shmem-rss-kb\": 0, \"uid\": 992, \"pgtables-kb\": 2600, \"oom-score-adj\": 0, \"exiting\": false}");
	/* 2662400 bytes of page tables are 650 pages */
	CHECK_HAS_JSON(r.json[0], "\"tasks\": [{\"pid\": 1040, \"uid\": 992, \"tgid\": 1040, \"total-vm-pages\": 549567, \"rss-pages\": 285781, \"pgtables-pages\": 650, \"swapents\": 0, \"oom-score-adj\": 0, \"name\": \"mariadbd\", \"points\": 286431}");
	/* oom_score_adj 100: + 100 * ((1048442 - 112677 + 524287) / 1000) */
	CHECK_HAS_JSON(r.json[0], "\"oom-score-adj\": 100, \"name\": \"systemd\", \"points\": 146500}");
	CHECK_HAS_JSON(r.json[0], "\"predicted-victim-pid\": 1040, \"victim-matches\": true");
	CHECK_HAS_JSON(r.json[0], "\"swap-total-kb\": 2097148, \"swap-free-kb\": 2097148, \"ram-kb\": 4193768}");
	CHECK_HAS(r.ev[0]->why, "swap almost unused (2097148 of 2097148 kB free)");
	CHECK_STR(r.ev[0]->verdict, "many processes");
	CHECK_HAS(r.text[0], "  constraint: none (from the oom-kill: line) cpuset=/ mems_allowed=0 nodemask=(null)\n");
	CHECK(r.ev[0]->unread == NULL);
out:
	xo_free(&r);
}

/* 4.14 arm32, mail-wrapped: the trigger over three lines, cut before the table. */
static void t_corpus22(void)
{
	struct xo_run r;

	if (!xo_load_file(&r, "22-oom-global-4.14-arm32-android-highmem-cma-mailwrapped.log")) {
		CHECK(0);
		return;
	}
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 1);
	if (r.n < 1)
		goto out;
	CHECK_STR(r.ev[0]->comm, "kworker/u8:2");
	CHECK(r.ev[0]->pid == 56);
	CHECK_STR(r.ev[0]->kver_str, "4.14.65 #606");
	CHECK_HAS_JSON(r.json[0], "\"trigger\": {\"comm\": \"kworker/u8:2\", \"pid\": 56, \"gfp-mask\": 22053056, \"gfp-names\": \"GFP_KERNEL_ACCOUNT|__GFP_ZERO\"");
	CHECK_HAS_JSON(r.json[0], "\"order\": 1, \"oom-score-adj\": 0}");
	CHECK_HAS_JSON(r.json[0], "\"victim\": null");
	CHECK_HAS_JSON(r.json[0], "\"victim-matches\": null");
	CHECK_HAS(r.ev[0]->unread, "the kill line (the report is cut before 'Killed process')");
	CHECK_HAS(r.ev[0]->unread, "the task table");
	CHECK_HAS(r.ev[0]->what, "invoked the OOM killer (order 1); the kill was not read");
	CHECK_HAS_JSON(r.json[0], "\"swap-total-kb\": 0, \"swap-free-kb\": 0, \"ram-kb\": 1985536}");
	/* Michal Hocko: "can be satisfied only from the low memory zone" */
	CHECK_STR(r.ev[0]->verdict, "lowmem");
	CHECK_HAS(r.ev[0]->why, "may only use zones up to Normal, which had 17960 kB free; the 553472 kB free in HighMem were out of its reach");
out:
	xo_free(&r);
}

/* 2.6.30: oom_adj=, "Pid: N, comm:", cut before the table. */
static void t_corpus16(void)
{
	struct xo_run r;

	if (!xo_load_file(&r, "16-oom-global-2.6.30-x86_64-syslog-percpu.log")) {
		CHECK(0);
		return;
	}
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 1);
	if (r.n < 1)
		goto out;
	CHECK_STR(r.ev[0]->comm, "apt-check");
	CHECK(r.ev[0]->pid == 23105);
	CHECK_STR(r.ev[0]->kver_str, "2.6.30 #11");
	CHECK_HAS_JSON(r.json[0], "\"gfp-mask\": 131546");
	CHECK_HAS_JSON(r.json[0], "\"oom-score-adj\": null}");
	CHECK_HAS_JSON(r.json[0], "\"swap-total-kb\": 979956, \"swap-free-kb\": 0, \"ram-kb\": 2028544}");
	/* swap full, but the report ends before the victim: one process may
	 * have held it all, so no cause is said; the swap note still is */
	CHECK_STR(r.ev[0]->verdict, "unknown");
	CHECK_HAS(r.ev[0]->why, "shmem was not read, and a cause it would show cannot be ruled out");
	CHECK_HAS(r.ev[0]->why, "swap full (979956 kB, none free)");
	CHECK_HAS(r.ev[0]->unread, "the kill line");
out:
	xo_free(&r);
}

/* 3.12 swapoff: the tail of an earlier OOM (kill-only), then a whole one. */
static void t_corpus19(void)
{
	struct xo_run r;

	if (!xo_load_file(&r, "19-swapoff-oom-3.12-x86_64-negative-free-swap.log")) {
		CHECK(0);
		return;
	}
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 2);
	if (r.n < 2)
		goto out;
	/* the first: only "Kill process 26794 (bash) ... / Killed process 27019 (sudo)" */
	CHECK(r.ev[0]->first == 0 && r.ev[0]->last == 1);
	CHECK_STR(r.ev[0]->comm, "sudo");
	CHECK_HAS(r.ev[0]->unread, "the report's beginning");
	CHECK_HAS(r.text[0], "  chosen: bash (pid 26794) score 0, its child killed instead\n");
	CHECK_STR(r.ev[1]->comm, "swapoff");
	CHECK_STR(r.ev[1]->verdict, "slab leak");
	CHECK_HAS(r.ev[1]->why, "unreclaimable slab held 7346296 kB, 90% of 8140456 kB RAM");
	/* free swap went negative: not a size (showmem.c leaves it unread) */
	CHECK_HAS_JSON(r.json[1], "\"swap-total-kb\": 0, \"swap-free-kb\": null");
	CHECK_HAS(r.ev[1]->unread, "Free swap");
	/* dhclient: 1178 + 50 + 2735; swapoff is chosen first (oom_task_origin) */
	CHECK_HAS_JSON(r.json[1], "\"predicted-victim-pid\": 356, \"victim-matches\": false");
	CHECK_HAS(r.text[1], "  prediction: the table's top is pid 356, not the victim, which is the task that invoked the killer");
out:
	xo_free(&r);
}

/* 5.18: "Out of memory and no killable processes..." and the panic. */
static void t_corpus17(void)
{
	struct xo_run r;
	size_t i, k = XO_MAX;

	if (!xo_load_file(&r, "17-alloc-atomic-5.18-arm64-bridge-fdb-flood-then-oom-panic.log")) {
		CHECK(0);
		return;
	}
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 1);
	for (i = 0; i < r.n; i++)
		if (!strcmp(r.ev[i]->kind, "oom-no-killable"))
			k = i;
	CHECK(k < r.n);
	if (k < r.n) {
		CHECK_HAS(r.text[k], "  panic: System is deadlocked on memory\n");
		CHECK(r.ev[k]->last == r.ev[k]->first + 1);
		CHECK_HAS(r.ev[k]->unread, "the report's beginning");
	}
	xo_free(&r);
}

/* ---- written from the kernels' formats ---------------------------------- */

/*
 * 2.6.10: "oom-killer: gfp_mask=0x%x", show_free_areas(), "Out of Memory:
 * Killed process %d (%s)." (mm/oom_kill.c of 2.6.10); and the kill line
 * alone (corpus 13's end).
 */
static void t_2_6_10(void)
{
	static const char *const l[] = {
		"oom-killer: gfp_mask=0xd0",
		"DMA per-cpu:",
		"cpu 0 hot: low 2, high 6, batch 1",
		"Free pages:         268kB (0kB HighMem)",
		"Active:7853 inactive:4921 dirty:0 writeback:0 unstable:0 free:67 slab:1243 mapped:5773 pagetables:103",
		"Swap cache: add 13796, delete 10099, find 2839/3488, race 0+0",
		"Out of Memory: Killed process 6806 (qmgr).",
		"eth0: link up",
		"Out of Memory: Killed process 6807 (master).",
	};
	struct xo_run r;

	xo_load(&r, l, ARRAY_SIZE(l));
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 2);
	if (r.n == 2) {
		CHECK(r.ev[0]->first == 0 && r.ev[0]->last == 6);
		/* 2.6.10's trigger does not name the task */
		CHECK(r.ev[0]->comm == NULL && r.ev[0]->pid == -1);
		CHECK_HAS_JSON(r.json[0], "\"gfp-mask\": 208, \"gfp-names\": null");
		CHECK_HAS_JSON(r.json[0], "\"order\": null");
		CHECK_HAS_JSON(r.json[0], "\"victim\": {\"pid\": 6806, \"comm\": \"qmgr\", \"total-vm-kb\": null");
		CHECK_HAS(r.ev[0]->unread, "the task table");
		CHECK_STR(r.ev[1]->comm, "master");
		CHECK(r.ev[1]->first == 8);
		CHECK_HAS_JSON(r.json[1], "\"trigger\": null");
	}
	xo_free(&r);
}

/*
 * 2.6.30: dump_tasks "[ pid ]   uid  tgid total_vm      rss cpu oom_adj name",
 * "%s: kill process %d (%s) score %li or a child", "Killed process %d (%s)".
 */
static void t_2_6_30(void)
{
	static const char *const l[] = {
		"[64377.426677] apt-check invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0",
		"[64377.426682] apt-check cpuset=/ mems_allowed=0",
		"[64377.426686] Pid: 23105, comm: apt-check Tainted: G    B   W  2.6.30 #11",
		"[64377.434833] [ pid ]   uid  tgid total_vm      rss cpu oom_adj name",
		"[64377.434834] [    1]     0     1     4869       50   0       0 init",
		"[64377.434835] [ 2310]  1000  2310   410347   398810   2       0 VirtualBox",
		"[64377.434836] Out of memory: kill process 2310 (VirtualBox) score 410347 or a child",
		"[64377.434837] Killed process 2310 (VirtualBox)",
	};
	struct xo_run r;

	xo_load(&r, l, ARRAY_SIZE(l));
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 1);
	if (r.n == 1) {
		CHECK_STR(r.ev[0]->comm, "apt-check");
		CHECK(r.ev[0]->pid == 23105);
		CHECK_HAS(r.text[0], "before 2.6.36 the kernel ranked by total_vm and runtime: table ranking not comparable");
		CHECK_HAS_JSON(r.json[0], "\"predicted-victim-pid\": null, \"victim-matches\": null");
		CHECK_HAS_JSON(r.json[0], "\"pid\": 2310, \"uid\": 1000, \"tgid\": 2310, \"total-vm-pages\": 410347, \"rss-pages\": 398810, \"pgtables-pages\": null, \"swapents\": null, \"oom-score-adj\": null, \"name\": \"VirtualBox\", \"points\": null}");
		CHECK_HAS_JSON(r.json[0], "\"constraint\": null");
		CHECK_HAS_JSON(r.json[0], "\"oom-score-adj\": null}");
	}
	xo_free(&r);
}

/*
 * 4.19+ memcg v2 (5.10's formats): oom-kill: line with oom_memcg, "swap:",
 * memory.stat lines in bytes, the 5.x kill line.
 */
static void t_5_10_memcg_v2(void)
{
	static const char *const l[] = {
		"stress invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
		"CPU: 1 PID: 4242 Comm: stress Not tainted 5.10.0-46-amd64 #1 Debian 5.10.237-1",
		"Call Trace:",
		" dump_stack+0x6b/0x83",
		" dump_header+0x4a/0x1f4",
		" oom_kill_process.cold+0xb/0x10",
		" out_of_memory+0x1bd/0x4e0",
		" mem_cgroup_out_of_memory+0x136/0x150",
		"memory: usage 102400kB, limit 102400kB, failcnt 77",
		"swap: usage 0kB, limit 0kB, failcnt 0",
		"Memory cgroup stats for /app.slice/web.service:",
		"anon 103874560",
		"file 1048576",
		"kernel_stack 49152",
		"shmem 0",
		"anon_thp 0",
		"Tasks state (memory values in pages):",
		"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
		"[   4240]  1000  4240     2000      300    53248        0             0 sh",
		"[   4242]  1000  4242    30000    25000   245760        0           200 stress",
		"[   4243]  1000  4243    40000    30000   286720        0          -500 worker",
		"oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/app.slice/web.service,task_memcg=/app.slice/web.service,task=stress,pid=4242,uid=1000",
		"Memory cgroup out of memory: Killed process 4242 (stress) total-vm:120000kB, anon-rss:99800kB, file-rss:200kB, shmem-rss:0kB, UID:1000 pgtables:240kB oom_score_adj:200",
		"oom_reaper: reaped process 4242 (stress), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
	};
	struct xo_run r;

	xo_load(&r, l, ARRAY_SIZE(l));
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 1);
	if (r.n == 1) {
		CHECK_STR(r.ev[0]->verdict, "memcg limit");
		CHECK_HAS(r.ev[0]->why, "the cgroup /app.slice/web.service used 102400 kB of its 102400 kB limit (failcnt 77)");
		CHECK_HAS_JSON(r.json[0], "\"constraint\": \"memcg\", \"memcg\": {\"path\": \"/app.slice/web.service\", \"task-memcg\": \"/app.slice/web.service\", \"usage-kb\": 102400, \"limit-kb\": 102400, \"failcnt\": 77, \"swap-usage-kb\": 0, \"swap-limit-kb\": 0, \"swap-is-memsw\": false}");
		/* totalpages = 102400 kB / 4 = 25600: adj 200 adds 200 * 25 */
		CHECK_HAS_JSON(r.json[0], "\"name\": \"stress\", \"points\": 30060}");
		CHECK_HAS_JSON(r.json[0], "\"name\": \"worker\", \"points\": 17570}");
		CHECK_HAS_JSON(r.json[0], "\"predicted-victim-pid\": 4242, \"victim-matches\": true");
		CHECK_HAS_JSON(r.json[0], "\"victim\": {\"pid\": 4242, \"comm\": \"stress\", \"total-vm-kb\": 120000, \"anon-rss-kb\": 99800, \"file-rss-kb\": 200, \"shmem-rss-kb\": 0, \"uid\": 1000, \"pgtables-kb\": 240, \"oom-score-adj\": 200, \"exiting\": false}");
		CHECK_HAS_JSON(r.json[0], "\"reaped\": {\"pid\": 4242, \"failed\": false, \"anon-rss-kb\": 0");
		CHECK_STR(r.ev[0]->kver_str, "5.10.0-46-amd64 #1 Debian 5.10.237-1");
	}
	xo_free(&r);
}

/*
 * 6.1/6.12/7.2 (dump_task's "%8lu %8lu %8lu %8lu" rss, rss_anon, rss_file,
 * rss_shmem), global, a protected big task and an adj +500 victim.
 */
static void t_6_x_global(void)
{
	static const char *const l[] = {
		"[  100.000001] java invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=500",
		"[  100.000002] CPU: 2 UID: 1000 PID: 7000 Comm: java Not tainted 6.12.57+deb13-amd64 #1 Debian 6.12.57-1",
		"[  100.000003] Mem-Info:",
		"[  100.000004] active_anon:150000 inactive_anon:50000 isolated_anon:0",
		"[  100.000005]  active_file:100 inactive_file:100 isolated_file:0",
		"[  100.000006]  unevictable:0 dirty:0 writeback:0",
		"[  100.000007]  slab_reclaimable:2000 slab_unreclaimable:3000",
		"[  100.000008]  mapped:100 shmem:500 pagetables:800",
		"[  100.000009]  sec_pagetables:0 bounce:0",
		"[  100.000010]  kernel_misc_reclaimable:0",
		"[  100.000011]  free:5000 free_pcp:0 free_cma:0",
		"[  100.000012] Node 0 active_anon:600000kB inactive_anon:200000kB active_file:400kB inactive_file:400kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:400kB dirty:0kB writeback:0kB shmem:2000kB all_unreclaimable? yes",
		"[  100.000013] Free swap  = 0kB",
		"[  100.000014] Total swap = 0kB",
		"[  100.000015] 262144 pages RAM",
		"[  100.000016] 0 pages HighMem/MovableOnly",
		"[  100.000017] 12144 pages reserved",
		"[  100.000018] Tasks state (memory values in pages):",
		"[  100.000019] [  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name",
		"[  100.000020] [    500]     0   500   300000   150000   149900      100         0  1228800        0         -1000 postgres",
		"[  100.000021] [   7000]  1000  7000   200000    20000    19900      100         0   409600        0           500 java",
		"[  100.000022] [   7100]  1000  7100    50000    25000    24900      100         0   204800        0             0 Web Content",
		"[  100.000023] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice,task=java,pid=7000,uid=1000",
		"[  100.000024] Out of memory: Killed process 7000 (java) total-vm:800000kB, anon-rss:79600kB, file-rss:400kB, shmem-rss:0kB, UID:1000 pgtables:400kB oom_score_adj:500",
	};
	struct xo_run r;

	xo_load(&r, l, ARRAY_SIZE(l));
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 1);
	if (r.n == 1) {
		/* 20000 + 100 + 500 * ((262144 - 12144 + 0) / 1000) = 145100 */
		CHECK_HAS_JSON(r.json[0], "\"tasks\": [{\"pid\": 7000, \"uid\": 1000, \"tgid\": 7000, \"total-vm-pages\": 200000, \"rss-pages\": 20000, \"pgtables-pages\": 100, \"swapents\": 0, \"oom-score-adj\": 500, \"name\": \"java\", \"points\": 145100}");
		CHECK_HAS_JSON(r.json[0], "\"name\": \"Web Content\", \"points\": 25050}");
		CHECK_HAS_JSON(r.json[0], "\"oom-score-adj\": -1000, \"name\": \"postgres\", \"points\": null}");
		CHECK_HAS_JSON(r.json[0], "\"predicted-victim-pid\": 7000, \"victim-matches\": true");
		CHECK_STR(r.ev[0]->verdict, "protected task");
		CHECK_HAS(r.ev[0]->why, "postgres (pid 500) held 600000 kB, 75% of anonymous memory, but its oom_score_adj -1000 kept the killer away from it");
		CHECK_HAS(r.text[0], "  trigger: java (pid 7000) order 0 gfp_mask 0x140cca (GFP_HIGHUSER_MOVABLE|__GFP_COMP) oom_score_adj 500\n");
		CHECK_HAS(r.text[0], "    7000 java             rss 20000 swap 0 pgtables 100 adj 500 points 145100\n");
		CHECK_STR(r.ev[0]->kver_str, "6.12.57+deb13-amd64 #1 Debian 6.12.57-1");
	}
	xo_free(&r);
}

/* A report cut in the table (a half row, no kill), then the next one whole. */
static void t_cut(void)
{
	static const char *const l[] = {
		"a invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0",
		"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
		"[    100]     0   100     1000      500    40960        0             0 a",
		"[    101]     0   101     1000",
		"b invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0",
		"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
		"[    200]     0   200     1000      500    40960        0             0 b",
		"oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=b,pid=200,uid=0",
		"Out of memory: Killed process 200 (b) total-vm:4000kB, anon-rss:2000kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:40kB oom_score_adj:0",
	};
	struct xo_run r;

	xo_load(&r, l, ARRAY_SIZE(l));
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 2);
	if (r.n == 2) {
		CHECK(r.ev[0]->first == 0 && r.ev[0]->last == 3);
		CHECK_HAS(r.ev[0]->unread, "the kill line (the report is cut before 'Killed process')");
		CHECK_HAS(r.ev[0]->unread, "1 task table rows (cut or garbled)");
		CHECK_HAS_JSON(r.json[0], "\"victim\": null");
		CHECK_STR(r.ev[0]->verdict, "unknown");
		CHECK(r.ev[1]->first == 4 && r.ev[1]->last == 8);
		CHECK(r.ev[1]->pid == -1);
		CHECK_HAS_JSON(r.json[1], "\"victim\": {\"pid\": 200, \"comm\": \"b\"");
		CHECK(r.ev[1]->unread == NULL || !strstr(r.ev[1]->unread, "kill line"));
	}
	xo_free(&r);
}

/* Foreign lines between the report's lines (klog.c cannot always tell). */
static void t_interleaved(void)
{
	static const char *const l[] = {
		"x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0",
		"docker0: port 2(veth1) entered disabled state",
		"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
		"[    300]   100   300     9000     8000    81920       10             0 x",
		"usb 1-1: new high-speed USB device number 3 using xhci_hcd",
		"[    301]   100   301     9000     9000    81920       10             0 y",
		"oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=y,pid=301,uid=100",
		"audit: type=1400 audit(1.2:3): apparmor=\"DENIED\"",
		"Out of memory: Killed process 301 (y) total-vm:36000kB, anon-rss:36000kB, file-rss:0kB, shmem-rss:0kB, UID:100 pgtables:80kB oom_score_adj:0",
		"oom_reaper: reaped process 999 (z), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
	};
	struct xo_run r;

	xo_load(&r, l, ARRAY_SIZE(l));
	xo_parse(&r, NULL, 0);
	CHECK(r.n == 2);
	if (r.n == 2) {
		CHECK_STR(r.ev[0]->kind, "oom-kill");
		CHECK_STR(r.ev[0]->comm, "x");
		CHECK_HAS_JSON(r.json[0], "\"victim\": {\"pid\": 301, \"comm\": \"y\"");
		CHECK_HAS_JSON(r.json[0], "\"predicted-victim-pid\": 301, \"victim-matches\": true");
		CHECK_HAS_JSON(r.json[0], "\"name\": \"x\", \"points\": 8030}");
		CHECK_HAS_JSON(r.json[0], "\"reaped\": null");
		/* a reaper line of another pid: an event of its own */
		CHECK_STR(r.ev[1]->kind, "oom-reaper");
		CHECK(r.ev[1]->pid == 999);
		CHECK_HAS_JSON(r.json[1], "\"reaped\": {\"pid\": 999, \"comm\": \"z\", \"failed\": false, \"anon-rss-kb\": 0");
	}
	xo_free(&r);
}

/* Numbers no kernel prints: saturated or refused, never wrapped. */
static void t_hostile(void)
{
	static const char *const l[] = {
		"h invoked oom-killer: gfp_mask=0x1ffffffffffffff(GFP_KERNEL), order=99999, oom_score_adj=40000",
		"[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name",
		"[    1]     0     1 99999999999999999999999999 99999999999999999999999999 99999999999999999999 99999999999999999999 -4000 huge",
		"[    2]     0     2    10     -5     4096     -7        0 neg",
		"[ 3 ] garbage",
		"[",
		"Out of memory: Killed process 18446744073709551615 (x",
		"oom_reaper: unable to reap pid:",
	};
	struct xo_run r;

	xo_load(&r, l, ARRAY_SIZE(l));
	xo_parse(&r, NULL, 0);
	CHECK(r.ret == 0);
	CHECK(r.n >= 1);
	if (r.n >= 1) {
		CHECK_HAS_JSON(r.json[0], "\"gfp-mask\": null");
		CHECK_HAS_JSON(r.json[0], "\"order\": null, \"oom-score-adj\": null}");
		CHECK_HAS_JSON(r.json[0], "\"rss-pages\": 1152921504606846976");
		CHECK_HAS_JSON(r.json[0], "\"oom-score-adj\": null, \"name\": \"huge\", \"points\": null}");
		CHECK_HAS(r.ev[0]->unread, "the gfp mask");
		CHECK_HAS(r.ev[0]->unread, "task table rows (cut or garbled)");
	}
	xo_free(&r);
}

/* Lines that look like a report's but are not one. */
static void t_not_oom(void)
{
	static const char *const l[] = {
		"",
		"oom_reaper: started",
		"OOM killer enabled.",
		"Killed process",
		"systemd[1]: foo.service: A process of this unit has been killed by the OOM killer.",
	};
	struct xo_run r;

	xo_load(&r, l, ARRAY_SIZE(l));
	xo_parse(&r, NULL, 0);
	CHECK(r.ret == 0);
	/* "Killed process" with nothing after it: an event saying what is missing */
	CHECK(r.n <= 1);
	if (r.n == 1)
		CHECK_HAS_JSON(r.json[0], "\"victim\": {\"pid\": null");
	xo_free(&r);
}

void xu_oom(void)
{
	run("explain oom: corpus 08, 3.13 memcg v1, Task in ... limit of", t_corpus08);
	run("explain oom: corpus 09, 3.13 global, one process, no swap", t_corpus09);
	run("explain oom: corpus 10, 4.8 docker twice with oom_reaper", t_corpus10);
	run("explain oom: corpus 16, 2.6.30 oom_adj, cut before the table", t_corpus16);
	run("explain oom: corpus 17, no killable processes and the panic", t_corpus17);
	run("explain oom: corpus 19, a kill-only tail then a slab leak", t_corpus19);
	run("explain oom: corpus 22, arm32 mail-wrapped trigger, cut", t_corpus22);
	run("explain oom: corpus 26, RHEL 9 5.14 French dmesg -T", t_corpus26);
	run("explain oom: 2.6.10 oom-killer: and Out of Memory: Killed", t_2_6_10);
	run("explain oom: 2.6.30 table with cpu/oom_adj, not ranked", t_2_6_30);
	run("explain oom: 5.10 memcg v2, oom-kill: line, memory.stat", t_5_10_memcg_v2);
	run("explain oom: 6.x rss_anon columns, adj 500, protected -1000", t_6_x_global);
	run("explain oom: a report cut in its table, then a whole one", t_cut);
	run("explain oom: foreign lines interleaved, a lone reaper line", t_interleaved);
	run("explain oom: hostile numbers", t_hostile);
	run("explain oom: lines that are not a report", t_not_oom);
}
