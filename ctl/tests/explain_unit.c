// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl explain: unit tests of its pieces (log reading, gfp tables,
 * Mem-Info, zone verdicts, each parser) and one test per corpus report
 * (tests/corpus/, see its INDEX.md). Each part's tests live in tests/xu_*.c.
 *
 * Usage: tests/explain_unit [CORPUS-DIR]. Output as tests/unit's.
 */
#include "harness.h"
#include "xu.h"

const char *xu_corpus_dir = "tests/corpus";

int main(int argc, char **argv)
{
	setenv("TZ", "UTC", 1);
	if (argc > 1)
		xu_corpus_dir = argv[1];
	xu_klog();
	xu_gfp();
	xu_showmem();
	xu_verdict();
	xu_alloc();
	xu_oom();
	xu_commit();
	xu_common();
	xu_corpus();
	printf("1..%d\n# %d passed, %d failed\n", t_count, t_count - t_failed,
	       t_failed);
	return t_failed ? 1 : 0;
}
