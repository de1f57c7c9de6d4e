// SPDX-License-Identifier: GPL-2.0
/* What the explain tests share (tests/xu.h): logs from lines, renderings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "xu.h"

#include "explain.h"
#include "output.h"

void xu_log_lines(struct md_klog *log, struct md_kline *kl,
		  const char *const *lines, size_t n)
{
	size_t i;

	memset(log, 0, sizeof(*log));
	memset(kl, 0, n * sizeof(*kl));
	for (i = 0; i < n; i++) {
		kl[i].text = (char *)lines[i];
		kl[i].lineno = i + 1;
		kl[i].uptime = -1;
		kl[i].level = -1;
	}
	log->lines = kl;
	log->n = n;
	log->cap = n;
}

char *xu_event_json(const struct md_xev *e)
{
	struct md_json j;
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	md_json_begin(&j, f);
	e->ops->json(e, &j);
	md_json_end(&j);
	fclose(f);
	return buf;
}

char *xu_event_text(const struct md_xev *e, bool whole)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	if (whole)
		fprintf(f, "%s: %s\n", e->kind, e->what ? e->what : "");
	CHECK(e->ops->text(e, f, whole) == 0);
	if (whole && e->verdict)
		fprintf(f, "  verdict: %s: %s\n", e->verdict, e->why ? e->why : "");
	if (whole && e->advice)
		fprintf(f, "  advice: %s\n", e->advice);
	if (whole && e->unread)
		fprintf(f, "  not read: %s\n", e->unread);
	fclose(f);
	return buf;
}
