/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - declarations shared by the CLI's files: exit codes, global
 * options, the command table, small utilities.
 */
#ifndef MEMDIAGCTL_H
#define MEMDIAGCTL_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#ifndef MEMDIAG_VERSION
#define MEMDIAG_VERSION "0.1.0"
#endif

#define MD_PROG "memdiagctl"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit codes; --help and the top of memdiagctl.c document them. */
enum {
	MD_EXIT_OK	 = 0,	/* success */
	MD_EXIT_NEGATIVE = 1,	/* a check's answer is negative */
	MD_EXIT_USAGE	 = 2,	/* bad command line */
	MD_EXIT_NOMODULE = 3,	/* the memdiag family is not registered */
	MD_EXIT_PERM	 = 4,	/* the kernel said EPERM/EACCES */
	MD_EXIT_ERROR	 = 5,	/* anything else: netlink, kernel, memory */
};

/* Options every command shares (util-linux conventions). */
struct md_opts {
	bool json;
	bool raw;
	bool noheadings;
	bool bytes;
	const char *output;	/* -o as given, or NULL */
	int *columns;		/* -o resolved against the command's columns */
	size_t ncolumns;
	const char *family;	/* generic netlink family name */
};

struct md_col;

/*
 * One subcommand. Options of a command are accepted after its name only;
 * their getopt values must not collide with the global short options
 * (use values >= MD_OPT_CMD).
 */
struct md_cmd {
	const char *name;
	const char *help;		/* "Commands:" lines for --help */
	const struct option *longopts;	/* NULL-terminated, or NULL */
	/*
	 * Short options of the command, in getopt syntax ("n:"), or NULL.
	 * After the command's name they replace global short options of the
	 * same letter; getopt's value (the letter) goes to opt().
	 */
	const char *shortopts;
	const char *opthelp;		/* option lines for --help, or NULL */
	const struct md_col *cols;	/* what -o picks from, or NULL */
	size_t ncols;
	const char *colswhat;		/* which table -o applies to */
	bool output_is_file;		/* no columns: -o/--output names a file */
	int (*opt)(int c, const char *arg);	/* 0 or MD_EXIT_USAGE */
	/* Arguments after the command's name, or NULL if it takes none. */
	int (*arg)(const char *arg);		/* 0 or MD_EXIT_USAGE */
	int (*run)(const struct md_opts *o);	/* an exit code */
};

#define MD_OPT_CMD 0x100

extern const struct md_cmd md_cmd_status;
extern const struct md_cmd md_cmd_config;
extern const struct md_cmd md_cmd_failures;
extern const struct md_cmd md_cmd_events;
extern const struct md_cmd md_cmd_watch;
extern const struct md_cmd md_cmd_reset;
extern const struct md_cmd md_cmd_zones;
extern const struct md_cmd md_cmd_swapoff_log;
extern const struct md_cmd md_cmd_swap;
extern const struct md_cmd md_cmd_metrics;
extern const struct md_cmd md_cmd_commit;
extern const struct md_cmd md_cmd_oom;
extern const struct md_cmd md_cmd_limits;
extern const struct md_cmd md_cmd_summary;
extern const struct md_cmd md_cmd_explain;

/* util.c */
void md_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void md_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int md_err_nomem(void);
int md_parse_u32(const char *s, uint32_t max, uint32_t *out);
int md_opt_u32(const char *opt, const char *arg, uint32_t max, uint32_t *out);
int md_parse_u64(const char *s, uint64_t max, uint64_t *out);
int md_opt_u64(const char *opt, const char *arg, uint64_t min, uint64_t max,
	       uint64_t *out);
uint64_t md_boottime_ns(void);
/* This system's page size in bytes (4096 if sysconf cannot tell). */
uint64_t md_page_size(void);
uint64_t md_monotonic_ms(void);
long long md_proc_key(const char *path, const char *key);
long long md_meminfo(const char *key);
long long md_read_num(const char *path, long long max_val);
long long md_sysctl_vm(const char *name);
int md_proc_each(int (*fn)(pid_t pid, void *arg), void *arg);
/*
 * Room for one more element in the array *@arrp (a pointer to an array
 * pointer) of @n elements of @size bytes with room for *@cap: doubled, or
 * @first when empty. 0, or -ENOMEM with the array and *@cap unchanged.
 */
int md_grow(void *arrp, size_t n, size_t *cap, size_t size, size_t first);

/* Shared by the commands that need GET_STATUS (cmd_status.c). */
struct md_nl;
struct md_status;
struct md_config;
int md_fetch_status(struct md_nl *nl, struct md_status *st);
int md_status_print(FILE *out, const struct md_opts *o,
		    const struct md_status *st, uint64_t now_ns);
int md_config_print(FILE *out, const struct md_opts *o,
		    const struct md_config *cfg);

/* cmd_failures.c: the GET_COUNTERS reply as 'failures' prints it. */
struct md_counters;
int md_failures_print(FILE *out, const struct md_opts *o,
		      const struct md_counters *c, uint64_t now_ns);

#endif /* MEMDIAGCTL_H */
