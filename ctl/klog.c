// SPDX-License-Identifier: GPL-2.0
/* Kernel logs as people hold them: see klog.h. (stub: being written) */
#include <errno.h>
#include "klog.h"

int md_klog_add_file(struct md_klog *log, const char *path)
{
	(void)log; (void)path;
	return -ENOSYS;
}

int md_klog_add_stream(struct md_klog *log, FILE *f, const char *name)
{
	(void)log; (void)f; (void)name;
	return -ENOSYS;
}

int md_klog_add_running(struct md_klog *log)
{
	(void)log;
	return -ENOSYS;
}

void md_klog_free(struct md_klog *log)
{
	(void)log;
}

size_t md_klog_next(const struct md_klog *log, size_t i,
		    const struct md_kline *ref)
{
	(void)ref;
	return i + 1 < log->n ? i + 1 : log->n;
}

int md_kline_parse(const char *raw, struct md_kline *out)
{
	(void)raw; (void)out;
	return -ENOSYS;
}
