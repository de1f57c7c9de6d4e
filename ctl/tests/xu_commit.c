// SPDX-License-Identifier: GPL-2.0
/*
 * explain_commit.c: __vm_enough_memory refusals (mm/util.c: 6.0's line
 * without the size, 6.8+'s ", bytes: %lu") and the RLIMIT_DATA warning
 * (mm/mmap.c may_expand_vm(), pr_fmt "mmap: ").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xu.h"

#include "explain.h"
#include "memdiagctl.h"
#include "output.h"

struct xc_run {
	struct md_kline kl[8];
	struct md_klog log;
	struct md_xev *ev[8];
	char *json[8];
	size_t n;
	int ret;
};

static void xc_parse(struct xc_run *r, const char *const *lines, size_t n)
{
	struct md_xctx ctx = { .kver = 0, .kver_str = "6.10.0-2.x86_64" };
	size_t i;

	memset(r, 0, sizeof(*r));
	xu_log_lines(&r->log, r->kl, lines,
		     n < ARRAY_SIZE(r->kl) ? n : ARRAY_SIZE(r->kl));
	for (i = 0; i < r->log.n; i++) {
		struct md_xev *e = NULL;
		int ret = md_xparse_commit(&r->log, i, &ctx, &e);

		if (ret < 0)
			r->ret = ret;
		if (ret == 1 && e && r->n < ARRAY_SIZE(r->ev)) {
			r->json[r->n] = xu_event_json(e);
			r->ev[r->n++] = e;
		} else if (e) {
			md_xev_free(e);
		}
	}
}

static void xc_free(struct xc_run *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		md_xev_free(r->ev[i]);
		free(r->json[i]);
	}
}

/* Corpus 12: a garbage size (memory corruption in virtio-net). */
static void t_corpus12(void)
{
	static const char *const l[] = {
		"__vm_enough_memory: pid: 18440, comm: sshd, bytes: 5285790347661783040 not enough memory for the allocation",
		"------------[ cut here ]------------",
		"kernel BUG at mm/mmap.c:3514!",
	};
	struct xc_run r;

	xc_parse(&r, l, ARRAY_SIZE(l));
	CHECK(r.ret == 0);
	CHECK(r.n == 1);
	if (r.n == 1) {
		CHECK_STR(r.ev[0]->kind, "commit-refusal");
		CHECK_STR(r.ev[0]->comm, "sshd");
		CHECK(r.ev[0]->pid == 18440);
		CHECK_STR(r.ev[0]->verdict, "implausible size");
		CHECK_HAS(r.ev[0]->why, "5285790347661783040 bytes, is larger than any machine");
		CHECK_HAS_JSON(r.json[0], "{\"bytes\": 5285790347661783040, \"implausible\": true}");
		CHECK(r.ev[0]->unread == NULL);
		CHECK_STR(r.ev[0]->kver_str, "6.10.0-2.x86_64");
	}
	xc_free(&r);
}

/* 6.0's line has no size; a plausible 6.8+ one; a name holding ", bytes: ". */
static void t_commit_forms(void)
{
	static const char *const l[] = {
		"__vm_enough_memory: pid: 1234, comm: java, not enough memory for the allocation",
		"__vm_enough_memory: pid: 77, comm: a, bytes: 9, bytes: 4294967296 not enough memory for the allocation",
		"__vm_enough_memory: pid: 5, comm: x, bytes: 999999999999999999999999999 not enough memory for the allocation",
		"__vm_enough_memory: pid: 6, comm: y, bytes: ",
		"__vm_enough_memory: 3 callbacks suppressed",
	};
	struct xc_run r;

	xc_parse(&r, l, ARRAY_SIZE(l));
	CHECK(r.ret == 0);
	CHECK(r.n == 3);
	if (r.n == 3) {
		CHECK_STR(r.ev[0]->comm, "java");
		CHECK(r.ev[0]->pid == 1234);
		CHECK_HAS_JSON(r.json[0], "{\"bytes\": null, \"implausible\": false}");
		CHECK_STR(r.ev[0]->verdict, "commit refused");
		CHECK_HAS(r.ev[0]->unread, "the request's size");
		CHECK_HAS(r.ev[0]->advice, "CommitLimit");
		CHECK_STR(r.ev[1]->comm, "a, bytes: 9");
		CHECK_HAS_JSON(r.json[1], "{\"bytes\": 4294967296, \"implausible\": false}");
		CHECK_HAS(r.ev[1]->what, "refused 4294967296 bytes");
		/* saturated, and flagged */
		CHECK_HAS_JSON(r.json[2], "{\"bytes\": 18446744073709551615, \"implausible\": true}");
	}
	xc_free(&r);
}

/* mm/mmap.c: "%s (%d): VmData %lu exceed data ulimit %lu. Update limits%s." */
static void t_rlimit_data(void)
{
	static const char *const l[] = {
		"mmap: qemu-system-x86 (4242): VmData 8598323200 exceed data ulimit 8589934592. Update limits or use boot option ignore_rlimit_data.",
		"mmap: Web Content (17): VmData 2147487744 exceed data ulimit 2147483648. Update limits.",
		"mmap: x (: VmData 1 exceed data ulimit 2. Update limits.",
	};
	struct xc_run r;

	xc_parse(&r, l, ARRAY_SIZE(l));
	CHECK(r.ret == 0);
	CHECK(r.n == 2);
	if (r.n == 2) {
		CHECK_STR(r.ev[0]->kind, "rlimit-data");
		CHECK_STR(r.ev[0]->comm, "qemu-system-x86");
		CHECK(r.ev[0]->pid == 4242);
		CHECK_STR(r.ev[0]->verdict, "data ulimit");
		CHECK_HAS_JSON(r.json[0], "{\"vmdata-bytes\": 8598323200, \"limit-bytes\": 8589934592, \"ignore-rlimit-data-hint\": true}");
		CHECK_HAS(r.ev[0]->advice, "LimitDATA=");
		CHECK_HAS(r.ev[0]->advice, "once per boot");
		CHECK_STR(r.ev[1]->comm, "Web Content");
		CHECK_HAS_JSON(r.json[1], "\"ignore-rlimit-data-hint\": false}");
	}
	xc_free(&r);
}

void xu_commit(void)
{
	run("explain commit: corpus 12, an implausible size", t_corpus12);
	run("explain commit: 6.0 without bytes, 6.8+ with, hostile", t_commit_forms);
	run("explain commit: the RLIMIT_DATA warning", t_rlimit_data);
}
