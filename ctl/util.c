// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl - messages, number parsing and small /proc readers shared by
 * every command.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "memdiagctl.h"

/*
 * Page counts from the module and /proc/zoneinfo are in this kernel's
 * pages: 4 KiB, 16 KiB or 64 KiB on arm64.
 */
uint64_t md_page_size(void)
{
	long ps = sysconf(_SC_PAGESIZE);

	return ps > 0 ? (uint64_t)ps : 4096;
}

static void md_vmsg(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", MD_PROG, prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void md_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	md_vmsg("", fmt, ap);
	va_end(ap);
}

void md_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	md_vmsg("warning: ", fmt, ap);
	va_end(ap);
}

int md_err_nomem(void)
{
	md_err("out of memory");
	return MD_EXIT_ERROR;
}

/*
 * Parse a decimal number from 0 to @max. strtoul() alone accepts leading
 * blanks, a sign (and negates "-1" into ULONG_MAX) and a trailing tail, so
 * insist on a leading digit and an empty tail.
 * Returns 0, -EINVAL (not a number) or -ERANGE (too big).
 */
int md_parse_u32(const char *s, uint32_t max, uint32_t *out)
{
	unsigned long v;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

/* md_parse_u32() for option @opt, with the message a user needs. */
int md_opt_u32(const char *opt, const char *arg, uint32_t max, uint32_t *out)
{
	if (!md_parse_u32(arg, max, out))
		return 0;
	md_err("invalid value '%s' for %s: expected a whole number from 0 to %u",
	       arg, opt, max);
	return MD_EXIT_USAGE;
}

/* md_parse_u32() for 64 bits: 0 to @max, or -EINVAL / -ERANGE. */
int md_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

/* md_parse_u64() for option @opt: @min to @max, with the message a user needs. */
int md_opt_u64(const char *opt, const char *arg, uint64_t min, uint64_t max,
	       uint64_t *out)
{
	uint64_t v;

	if (!md_parse_u64(arg, max, &v) && v >= min) {
		*out = v;
		return 0;
	}
	md_err("invalid value '%s' for %s: expected a whole number from %" PRIu64
	       " to %" PRIu64, arg, opt, min, max);
	return MD_EXIT_USAGE;
}

/* CLOCK_BOOTTIME now, in ns (what the module's LOADED_NS is based on); 0 if unknown. */
uint64_t md_boottime_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_BOOTTIME, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* CLOCK_MONOTONIC now, in ms (for timeouts). */
uint64_t md_monotonic_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int md_grow(void *arrp, size_t n, size_t *cap, size_t size, size_t first)
{
	size_t c = *cap ? 2 * *cap : first;
	void *v, *nv;

	if (n < *cap)
		return 0;
	memcpy(&v, arrp, sizeof(v));
	nv = realloc(v, c * size);
	if (!nv)
		return -ENOMEM;
	memcpy(arrp, &nv, sizeof(nv));
	*cap = c;
	return 0;
}

/*
 * The number after @key in a "Key: N" or "Key N" line of @path
 * (/proc/meminfo, /proc/vmstat, /proc/PID/status); -1 if absent or
 * unreadable.
 */
long long md_proc_key(const char *path, const char *key)
{
	char line[256];
	size_t n = strlen(key);
	long long v = -1;
	FILE *f = fopen(path, "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && (line[n] == ':' || line[n] == ' ')) {
			v = strtoll(line + n + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* A /proc/meminfo field in kB; -1 if absent. */
long long md_meminfo(const char *key)
{
	return md_proc_key("/proc/meminfo", key);
}

/* The first number in a file; -1 if unreadable; @max_val for "max". */
long long md_read_num(const char *path, long long max_val)
{
	FILE *f = fopen(path, "re");
	char buf[64];
	long long v = -1;

	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f))
		v = !strncmp(buf, "max", 3) ? max_val : strtoll(buf, NULL, 10);
	fclose(f);
	return v;
}

/* /proc/sys/vm/@name as a number; -1 if unreadable. */
long long md_sysctl_vm(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	return md_read_num(path, -1);
}

/*
 * @fn(pid, @arg) for every process in /proc, in readdir order, until it
 * returns non-zero: that, 0, or -errno if /proc cannot be read.
 */
int md_proc_each(int (*fn)(pid_t pid, void *arg), void *arg)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int ret = 0;

	if (!d)
		return -errno;
	while (!ret && (de = readdir(d))) {
		uint64_t pid;

		if (!md_parse_u64(de->d_name, INT32_MAX, &pid) && pid)
			ret = fn(pid, arg);
	}
	closedir(d);
	return ret;
}
