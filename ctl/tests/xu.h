/* SPDX-License-Identifier: GPL-2.0 */
/* The parts of tests/explain_unit, one file each (tests/xu_*.c). */
#ifndef MD_TESTS_XU_H
#define MD_TESTS_XU_H

#include <stdbool.h>
#include <stddef.h>

#include "explain.h"
#include "klog.h"

extern const char *xu_corpus_dir;

/* xu_util.c: @log over @n lines (@kl has room for them), one file. */
void xu_log_lines(struct md_klog *log, struct md_kline *kl,
		  const char *const *lines, size_t n);
/* An event's own JSON keys (ops->json) as one object; malloc'ed. */
char *xu_event_json(const struct md_xev *e);
/* Its ops->text lines; @whole: with the first line, verdict, advice. */
char *xu_event_text(const struct md_xev *e, bool whole);

void xu_klog(void);		/* xu_klog.c: input formats */
void xu_gfp(void);		/* xu_gfp.c: gfp tables and decoding */
void xu_showmem(void);		/* xu_showmem.c: Mem-Info layouts */
void xu_verdict(void);		/* xu_verdict.c: zone verdicts */
void xu_alloc(void);		/* xu_alloc.c: allocation failure reports */
void xu_oom(void);		/* xu_oom.c: OOM reports */
void xu_commit(void);		/* xu_commit.c: commit and rlimit lines */
void xu_common(void);		/* xu_common.c: explain_common.c */
void xu_corpus(void);		/* xu_corpus.c: one test per corpus file */

#endif /* MD_TESTS_XU_H */
