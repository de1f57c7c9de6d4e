/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - kernel logs as people hold them (klog.c): files, stdin or the
 * running kernel's log, in any of the formats 'explain' takes (dmesg with
 * and without -T, journalctl -k short/short-precise/short-iso/json,
 * syslog/kern.log/messages with host and "kernel:" prefixes, serial and
 * netconsole captures, vmcore-dmesg, [Tnnn]/[Cn] caller ids, CRLF, mail
 * and forum quoting), turned into one message per line with its prefixes
 * taken off and kept beside it.
 */
#ifndef MEMDIAGCTL_KLOG_H
#define MEMDIAGCTL_KLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* One kernel message line. */
struct md_kline {
	char *text;		/* the message: prefixes, quoting, CR/LF removed */
	unsigned int file;	/* index into md_klog.files */
	unsigned long lineno;	/* input line it came from (1-based) */
	double uptime;		/* "[ 1234.567890]" seconds since boot, or -1 */
	char *stamp;		/* wall-clock time as printed, or NULL */
	char *host;		/* syslog/journal host name, or NULL */
	char caller;		/* 'T' or 'C' of a [T123]/[C1] caller id, or 0 */
	unsigned int caller_id;
	int level;		/* <N> console level if printed, else -1 */
	unsigned int repeated;	/* syslogd "last message repeated N times" */
	bool cut;		/* input line longer than MD_KLOG_LINE_MAX: cut */
	unsigned int folds;	/* mail/forum folds joined into @text */
};

/*
 * The longest input line kept (bytes): the rest of a longer line is read
 * and dropped, and its kline says @cut.
 */
#define MD_KLOG_LINE_MAX (64 * 1024)

struct md_klog {
	struct md_kline *lines;
	size_t n, cap;
	char **files;		/* names as given ("-": stdin, "kernel") */
	size_t nfiles;
	size_t skipped;		/* input lines that were not kernel messages */
};

/* Append a file's kernel messages ("-": stdin). 0 or -errno (said on stderr). */
int md_klog_add_file(struct md_klog *log, const char *path);
/* Append from an open stream named @name. 0 or -errno. */
int md_klog_add_stream(struct md_klog *log, FILE *f, const char *name);
/* Append the running kernel's log: syslog(2), else /dev/kmsg. 0 or -errno. */
int md_klog_add_running(struct md_klog *log);
void md_klog_free(struct md_klog *log);

/*
 * The line after @i that may continue the report @ref belongs to: same file,
 * same host, and the same caller id when both have one (lines of other
 * CPUs/tasks interleaved are skipped, up to 4096 of them). @log->n if none;
 * @ref NULL: simply the next line.
 */
size_t md_klog_next(const struct md_klog *log, size_t i,
		    const struct md_kline *ref);

/*
 * Parse one raw input line on its own into @out (tests): console escapes
 * and "> " quoting taken off, then the prefixes. 0: a kernel message, 1: not
 * one (another program's syslog line, "-- MARK --", a journal "-- Boot"
 * line, a blank line), 2: syslogd's "last
 * message repeated N times" (@out->repeated = N), -ENOMEM. Whatever is
 * returned, free @out with md_kline_free(). Context rules (a syslog file
 * with "kernel:" lines skips the lines without; folds; indentation; "| "
 * quoting) need the whole input: md_klog_add_stream().
 */
int md_kline_parse(const char *raw, struct md_kline *out);
void md_kline_free(struct md_kline *k);

#endif /* MEMDIAGCTL_KLOG_H */
