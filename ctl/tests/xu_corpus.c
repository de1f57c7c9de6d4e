// SPDX-License-Identifier: GPL-2.0
/*
 * explain on the real reports of tests/corpus/ (INDEX.md): one test per
 * file. What each test expects was read from the log by hand (line
 * numbers are the file's), not from explain's output: the events it holds,
 * their task, and for a report cut before the numbers a verdict needs,
 * "unknown".
 */
#include <stdio.h>

#include "harness.h"
#include "xu.h"

#include "explain.h"
#include "klog.h"

/* One event a file holds. */
struct xc_ev {
	const char *kind;
	unsigned long line;	/* the input line its report starts on */
	const char *comm;	/* NULL: not checked */
	long long pid;		/* -2: not checked */
	const char *verdict;	/* NULL: not checked */
	const char *json[4];	/* fragments its JSON object must hold */
};

struct xc_file {
	const char *name;
	size_t nev;		/* events expected (no others) */
	struct xc_ev ev[8];
};

static const struct xc_file xc_files[] = {
	{ "05-alloc-vmalloc-4.4-syzbot-interleaved-kasan.log", 1, {
		/* the first dump has no header; the second: a 17 GB vmalloc
		 * reported as "vmalloc: allocation failure" + an order-0 line */
		{ "vmalloc-failure", 66, "syz-executor7", 12430, NULL,
		  { "\"size-bytes\":17178820608", "\"order\":0" } } } },
	{ "06-alloc-vmalloc-4.15-syzbot-kcont-shredded.log", 1, {
		{ "vmalloc-failure", 1, "syz-executor6", 30482, NULL,
		  { "\"size-bytes\":8589934588", "\"gfp-mask\":21004480",
		    "\"gfp-source\":\"printed\"" } } } },
	{ "07-alloc-atomic-4.19-syzbot-interleaved-rcu-stall.log", 2, {
		/* no Mem-Info: no verdict */
		{ "alloc-failure", 225, "rsyslogd", 7437, "unknown",
		  { "\"order\":0", "\"gfp-mask\":4735008" } },
		{ "alloc-failure", 270, "syz-executor.1", -2, "unknown",
		  { "\"order\":0" } } } },
	{ "08-oom-memcg-v1-ubuntu-3.13-cadvisor.log", 1, {
		{ "oom-kill", 1, "memorymonster", -2, NULL,
		  { "\"constraint\":\"memcg\"", "\"limit-kb\":980",
		    "\"usage-kb\":980" } } } },
	{ "09-oom-global-ubuntu-3.13-gce-percpu.log", 1, {
		{ "oom-kill", 1, "badsysprogram", -2, NULL,
		  { "\"anon-rss-kb\":1595164" } } } },
	{ "10-oom-memcg-v1-gentoo-4.8-docker-twice.log", 2, {
		{ "oom-kill", 15, "gunpowder-memho", -2, NULL,
		  { "\"limit-kb\":20480", "\"anon-rss-kb\":18624" } },
		{ "oom-kill", 61, "gunpowder-memho", -2, NULL,
		  { "\"limit-kb\":307200", "\"anon-rss-kb\":248180" } } } },
	{ "12-commit-vm-enough-memory-6.10-virtio-net-corruption.log", 1, {
		{ "commit-refusal", 1, "sshd", 18440, NULL,
		  { "\"implausible\":true" } } } },
	{ "13-oom-global-2.6.10-rc1-mm2-mailwrapped-underflow.log", 1, {
		/* show_mem and the kill line only; the buddy counts wrapped */
		{ "oom-kill", 0, NULL, -2, NULL, { NULL } } } },
	{ "14-alloc-atomic-2.6.7-m68k-amiga-pipe-quoted.log", 1, {
		{ "alloc-failure", 1, "cp", -2, "unknown",
		  { "\"order\":0", "\"gfp-mask\":32" } } } },
	{ "15-alloc-atomic-2.5.13-alpha-syslog-repeated.log", 6, {
		{ "alloc-failure", 2, "apd", -2, "unknown", { "\"gfp-mask\":32" } },
		{ "alloc-failure", 3, "kswapd", -2, "unknown",
		  { "\"repeated\":296" } },
		{ "alloc-failure", 6, "ssh", -2, "unknown", { "\"repeated\":314" } },
		{ "alloc-failure", 8, "apd", -2, "unknown", { NULL } },
		{ "alloc-failure", 9, "kswapd", -2, "unknown",
		  { "\"repeated\":296" } },
		{ "alloc-failure", 11, "ssh", -2, "unknown",
		  { "\"repeated\":73" } } } },
	{ "16-oom-global-2.6.30-x86_64-syslog-percpu.log", 1, {
		/* no task list, no kill line */
		{ "oom-kill", 1, "apt-check", 23105, NULL, { NULL } } } },
	{ "17-alloc-atomic-5.18-arm64-bridge-fdb-flood-then-oom-panic.log", 2, {
		{ "alloc-failure", 1, "ksoftirqd/0", 12, "unknown",
		  { "\"order\":0", "\"caller\":\"fdb_create\"" } },
		{ "oom-no-killable", 33, NULL, -2, NULL, { NULL } } } },
	{ "19-swapoff-oom-3.12-x86_64-negative-free-swap.log", 2, {
		/* the tail of an earlier kill, then the swapoff's OOM */
		{ "oom-kill", 1, NULL, -2, NULL, { NULL } },
		{ "oom-kill", 4, "swapoff", 27030, NULL,
		  { "\"cause\":\"slab leak\"" } } } },
	{ "21-alloc-boot-5.13-fc35-kdump-gfp-dma-no-dma-zone.log", 1, {
		/* Mem-Info elided by the author ("......") */
		{ "alloc-failure", 2, "swapper/0", 1, "unknown",
		  { "\"order\":5", "\"gfp-mask\":3265",
		    "\"gfp-names\":\"GFP_KERNEL|GFP_DMA\"" } } } },
	{ "22-oom-global-4.14-arm32-android-highmem-cma-mailwrapped.log", 1, {
		{ "oom-kill", 1, "kworker/u8:2", -2, NULL, { NULL } } } },
	{ "26-oom-global-rhel9.7-5.14-openstack-french-dmesg-T.log", 1, {
		{ "oom-kill", 1, "gmain", 869, NULL,
		  { "\"constraint\":\"none\"", "\"anon-rss-kb\":1143060",
		    "\"swap-free-kb\":2097148" } } } },
	{ "27-alloc-atomic-4.9-csky-order10-cma-unixse.log", 1, {
		/* cut in the middle of the Normal zone line: no buddy lines */
		{ "alloc-failure", 1, "xxxx", 179, "unknown",
		  { "\"order\":10", "\"gfp-mask\":34095136" } } } },
	{ "29-alloc-atomic-3.10-el7-two-cpus-interleaved-journal.log", 2, {
		{ "alloc-failure", 1, "swapper/21", 0, "unknown", { "\"order\":0" } },
		{ "alloc-failure", 11, "swapper/44", 0, "unknown", { "\"order\":0" } } } },
	{ "30-alloc-atomic-mips-wl500g-router-order3-no-hostname.log", 1, {
		{ "alloc-failure", 1, "swapper", -2, "unknown",
		  { "\"order\":3", "\"gfp-mask\":16416" } } } },
	{ "33-alloc-atomic-4.3-armv5-imx28-archlinuxarm-rtl-usb.log", 1, {
		{ "alloc-failure", 1, "systemd-cgroups", 1450, "unknown",
		  { "\"caller\":\"_rtl_rx_completed [rtl_usb]\"" } } } },
	{ "34-alloc-dma-3.2-armel-kirkwood-order5-indented.log", 1, {
		{ "alloc-failure", 4, "khubd", -2, "unknown",
		  { "\"order\":5", "\"gfp-mask\":32" } } } },
};

static const struct xc_file *xc_cur;

/* The JSON of one event, as 'explain --json' prints it. */
static char *xc_json(const struct md_klog *log, struct md_xev *e)
{
	struct md_xlist one = { .v = &e, .n = 1, .cap = 1 };
	struct md_opts o = { .json = true };
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	md_explain_print(f, &o, log, &one, false);
	fclose(f);
	return buf;
}

static void t_corpus_file(void)
{
	const struct xc_file *x = xc_cur;
	struct md_klog log = { 0 };
	struct md_xlist l = { 0 };
	struct md_xctx ctx = { 0 };
	char *path = NULL;
	size_t i, k;

	if (asprintf(&path, "%s/%s", xu_corpus_dir, x->name) < 0)
		return;
	CHECK(!md_klog_add_file(&log, path));
	CHECK(!md_explain_scan(&log, &ctx, &l));
	if (l.n != x->nev) {
		t_cur_failed = 1;
		printf("# %s: %zu events, want %zu:\n", x->name, l.n, x->nev);
		for (i = 0; i < l.n; i++)
			printf("#   line %lu %s %s\n",
			       log.lines[l.v[i]->first].lineno, l.v[i]->kind,
			       l.v[i]->what ? l.v[i]->what : "");
	}
	for (i = 0; i < x->nev && i < l.n; i++) {
		const struct xc_ev *w = &x->ev[i];
		struct md_xev *e = l.v[i];
		char *json;

		CHECK_STR(e->kind, w->kind);
		if (w->line && log.lines[e->first].lineno != w->line) {
			t_cur_failed = 1;
			printf("# %s: event %zu starts on line %lu, want %lu\n",
			       x->name, i, log.lines[e->first].lineno, w->line);
		}
		if (w->comm)
			CHECK_STR(e->comm, w->comm);
		if (w->pid != -2 && e->pid != w->pid) {
			t_cur_failed = 1;
			printf("# %s: event %zu pid %lld, want %lld\n", x->name,
			       i, e->pid, w->pid);
		}
		if (w->verdict)
			CHECK_STR(e->verdict ? e->verdict : "unknown", w->verdict);
		json = xc_json(&log, e);
		for (k = 0; k < ARRAY_SIZE(w->json) && w->json[k]; k++)
			CHECK_HAS_JSON(json, w->json[k]);
		free(json);
	}
	md_xlist_free(&l);
	md_klog_free(&log);
	free(path);
}

void xu_corpus(void)
{
	char name[160];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(xc_files); i++) {
		xc_cur = &xc_files[i];
		snprintf(name, sizeof(name), "corpus: %s", xc_files[i].name);
		run(name, t_corpus_file);
	}
}
