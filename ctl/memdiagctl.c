// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl - command line interface of the memdiag kernel module, over
 * its generic netlink family "memdiag" (include/uapi/linux/memdiag.h).
 *
 * This file: main(), option parsing, subcommand dispatch, --help. Each
 * subcommand lives in cmd_<name>.c; netlink plumbing in nl.c, message
 * decoding in proto.c, output in output.c.
 *
 * Exit codes (also in --help; scripts rely on them):
 *   0  success
 *   1  a check's answer is negative (swap check, limits)
 *   2  usage error: bad option, command, number or column
 *   3  the memdiag module is not loaded (the family is not registered)
 *   4  permission denied (EPERM/EACCES; changing settings, reading or
 *      watching failure records and resetting need CAP_NET_ADMIN)
 *   5  any other error: netlink, the kernel, memory, output
 */
#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "output.h"

static const struct md_cmd *const md_cmds[] = {
	&md_cmd_status,
	&md_cmd_summary,
	&md_cmd_config,
	&md_cmd_failures,
	&md_cmd_zones,
	&md_cmd_swapoff_log,
	&md_cmd_swap,
	&md_cmd_commit,
	&md_cmd_oom,
	&md_cmd_limits,
	&md_cmd_explain,
	&md_cmd_metrics,
	&md_cmd_events,
	&md_cmd_watch,
	&md_cmd_reset,
};

static const struct option md_global_opts[] = {
	{ "json",	no_argument,	   NULL, 'J' },
	{ "raw",	no_argument,	   NULL, 'r' },
	{ "noheadings",	no_argument,	   NULL, 'n' },
	{ "bytes",	no_argument,	   NULL, 'b' },
	{ "output",	required_argument, NULL, 'o' },
	{ "help",	no_argument,	   NULL, 'h' },
	{ "version",	no_argument,	   NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/*
 * '-': getopt hands back non-options in order as 1 (so the command is seen
 * where it stands, whatever POSIXLY_CORRECT says); ':': a missing argument
 * is reported as ':', apart from an unknown option.
 */
#define MD_SHORTOPTS "-:Jrnbo:hV"

enum { MD_ACT_RUN, MD_ACT_HELP, MD_ACT_VERSION };

static void md_usage(FILE *out)
{
	size_t i, j;

	fprintf(out,
		"Usage:\n"
		" %s [options] [<command>] [<command options>]\n"
		"\n"
		"Show and change the memdiag kernel module through its generic netlink\n"
		"family \"%s\". Options may come before or after the command; command\n"
		"options come after it.\n"
		"\n"
		"Commands:\n", MD_PROG, MEMDIAG_FAMILY_NAME);
	for (i = 0; i < ARRAY_SIZE(md_cmds); i++)
		fputs(md_cmds[i]->help, out);
	fputs("\n"
	      "Options:\n"
	      " -J, --json             use JSON output format\n"
	      " -r, --raw              use raw output format\n"
	      " -n, --noheadings       don't print headings\n"
	      " -b, --bytes            print sizes in bytes rather than in human readable format\n"
	      " -o, --output <list>    the columns to print (see below)\n"
	      " -h, --help             display this help\n"
	      " -V, --version          display version\n", out);
	for (i = 0; i < ARRAY_SIZE(md_cmds); i++)
		if (md_cmds[i]->opthelp)
			fprintf(out, "\nOptions of '%s':\n%s", md_cmds[i]->name,
				md_cmds[i]->opthelp);
	fputs("\n"
	      "Output columns, for -o (comma-separated, case-insensitive;\n"
	      "'+<list>' adds to the default ones):\n", out);
	for (i = 0; i < ARRAY_SIZE(md_cmds); i++) {
		if (!md_cmds[i]->cols)
			continue;
		/* Commands sharing columns are listed together, once. */
		for (j = 0; j < i && md_cmds[j]->cols != md_cmds[i]->cols; j++)
			;
		if (j < i)
			continue;
		fprintf(out, " %s", md_cmds[i]->name);
		for (j = i + 1; j < ARRAY_SIZE(md_cmds); j++)
			if (md_cmds[j]->cols == md_cmds[i]->cols)
				fprintf(out, ", %s", md_cmds[j]->name);
		fprintf(out, ", %s:\n", md_cmds[i]->colswhat);
		md_cols_help(out, md_cmds[i]->cols, md_cmds[i]->ncols);
	}
	fputs("\n"
	      "Times: LAST and the totals' reset say how long ago (CLOCK_BOOTTIME, so\n"
	      "suspend counts), with --raw in CLOCK_BOOTTIME ns; TIME is the local wall\n"
	      "clock, ISO 8601 with milliseconds.\n"
	      "\n"
	      "JSON output is one object: 'status' prints {\"status\": {...},\n"
	      "\"features\": [...]}, 'config' prints {\"config\": {...}}. Keys are the\n"
	      "field and column names in lower case, but 'loaded' becomes loaded-ns\n"
	      "(CLOCK_BOOTTIME at module load) and loaded-ago-ns. Numbers are exact\n"
	      "(memory in bytes, whatever --bytes says); absent values are null.\n"
	      "'failures' prints {\"failures\": [...], \"nodes\": [...], \"totals\": {...}}:\n"
	      "rows hold the -o columns, \"last\" as ISO 8601 wall clock time with\n"
	      "\"last-boot-ns\", \"costly\" true/false (null but for page orders); totals\n"
	      "add reset-ns and reset-ago-ns. 'events' prints {\"events\": [...],\n"
	      "\"missed\": N}, each record with all its fields whatever -o says:\n"
	      "seq, missed-before, time, real-ns, boot-ns, kind, order, size,\n"
	      "vmalloc-step, gfp (the raw mask), gfp-names, class (a list), nodemask,\n"
	      "preferred-node, high-zone, pid, tgid, comm, cgroup-id, cgroup-path,\n"
	      "context, stack (innermost frame first), zones (node, zone, name, free,\n"
	      "min, low, high, boost, managed, highatomic, free-cma in pages,\n"
	      "free-blocks by order, lowmem-reserve by zone), zones-truncated, verdict\n"
	      "(name, why and advice of a page allocation's failure, else null).\n"
	      "'watch' prints JSON\n"
	      "Lines: each record as one such object on a line of its own.\n"
	      "'limits' prints {\"limits\": [...]}, a row per process with the -o\n"
	      "columns; sizes are strings as in the table (\"unlimited\" for no limit),\n"
	      "bytes with --bytes; what could not be read is null.\n"
	      "\n"
	      "Environment:\n"
	      " MEMDIAG_FAMILY         generic netlink family to use (default \"memdiag\")\n"
	      "\n"
	      "Exit status:\n"
	      " 0  success\n"
	      " 1  a check's answer is negative (swap check: the swapoff would fail;\n"
	      "    limits: some process uses >= 90 % of a limit)\n"
	      " 2  usage error\n"
	      " 3  the memdiag module is not loaded\n"
	      " 4  permission denied (changing settings, events, watch and reset need\n"
	      "    CAP_NET_ADMIN)\n"
	      " 5  other error (netlink or kernel; limits: a PID that does not exist)\n", out);
}

static const struct md_cmd *md_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(md_cmds); i++)
		if (!strcmp(md_cmds[i]->name, name))
			return md_cmds[i];
	return NULL;
}

/* The global options followed by @cmd's (if any); malloc'ed. */
static struct option *md_merge_opts(const struct md_cmd *cmd)
{
	size_t ng = ARRAY_SIZE(md_global_opts) - 1, nc = 0;
	struct option *opts;

	while (cmd && cmd->longopts && cmd->longopts[nc].name)
		nc++;
	opts = calloc(ng + nc + 1, sizeof(*opts));
	if (!opts)
		return NULL;
	memcpy(opts, md_global_opts, ng * sizeof(*opts));
	if (nc)
		memcpy(opts + ng, cmd->longopts, nc * sizeof(*opts));
	return opts;
}

/*
 * The global short options, less those @cmd redefines, then @cmd's own;
 * malloc'ed. The "-:" prefix stays in front.
 */
static char *md_merge_shortopts(const struct md_cmd *cmd)
{
	const char *own = cmd && cmd->shortopts ? cmd->shortopts : "";
	const char *p = &MD_SHORTOPTS[2];
	char *s, *q;

	s = malloc(strlen(MD_SHORTOPTS) + strlen(own) + 1);
	if (!s)
		return NULL;
	q = s + 2;
	memcpy(s, MD_SHORTOPTS, 2);
	while (*p) {
		size_t len = 1 + strspn(p + 1, ":");

		if (!strchr(own, *p)) {
			memcpy(q, p, len);
			q += len;
		}
		p += len;
	}
	memcpy(q, own, strlen(own) + 1);
	return s;
}

/* Is @c one of @cmd's own short options? */
static bool md_is_cmd_short(const struct md_cmd *cmd, int c)
{
	return cmd && cmd->shortopts && c > 0 && c < 0x100 && c != ':' &&
	       strchr(cmd->shortopts, c);
}

/* Is --@name (up to '=') an option of some command? */
static bool md_is_cmd_opt(const char *name)
{
	size_t len = strcspn(name, "="), i, j;

	for (i = 0; i < ARRAY_SIZE(md_cmds); i++)
		for (j = 0; md_cmds[i]->longopts &&
			    md_cmds[i]->longopts[j].name; j++)
			if (!strncmp(md_cmds[i]->longopts[j].name, name, len))
				return true;
	return false;
}

/* Say which option getopt choked on in @arg: -x, or --name as typed. */
static void md_bad_opt(const char *arg, const char *what,
		       const struct md_cmd *cmd)
{
	bool islong = !strncmp(arg, "--", 2);

	if (islong)
		fprintf(stderr, "%s: %s '%.*s'", MD_PROG, what,
			(int)strcspn(arg, "="), arg);
	else
		fprintf(stderr, "%s: %s '-%c'", MD_PROG, what,
			isprint(optopt) ? optopt : '?');
	if (cmd)
		fprintf(stderr, " for '%s'", cmd->name);
	else if (islong && md_is_cmd_opt(arg + 2))
		fputs(" (options of a command go after the command)", stderr);
	fprintf(stderr, "; see '%s --help'\n", MD_PROG);
}

/* A non-option argument: the command, or one too many. */
static int md_positional(const struct md_cmd **cmd, struct option **longopts,
			 char **shortopts, const char *arg)
{
	struct option *opts;
	char *sopts;
	size_t i;

	if (*cmd && (*cmd)->arg)
		return (*cmd)->arg(arg);
	if (*cmd) {
		md_err("unexpected argument '%s' after '%s'; see '%s --help'",
		       arg, (*cmd)->name, MD_PROG);
		return MD_EXIT_USAGE;
	}
	*cmd = md_find_cmd(arg);
	if (!*cmd) {
		fprintf(stderr, "%s: unknown command '%s'; the commands are:",
			MD_PROG, arg);
		for (i = 0; i < ARRAY_SIZE(md_cmds); i++)
			fprintf(stderr, " %s", md_cmds[i]->name);
		fprintf(stderr, " (see '%s --help')\n", MD_PROG);
		return MD_EXIT_USAGE;
	}
	/* From here on, the command's own options are valid too. */
	opts = md_merge_opts(*cmd);
	sopts = md_merge_shortopts(*cmd);
	if (!opts || !sopts) {
		free(opts);
		free(sopts);
		return md_err_nomem();
	}
	free(*longopts);
	*longopts = opts;
	free(*shortopts);
	*shortopts = sopts;
	return 0;
}

/*
 * Parse the command line into @o and *@cmdp (status if none is named).
 * Returns 0 or an exit code, having said what is wrong.
 */
static int md_parse_args(int argc, char **argv, struct md_opts *o,
			 const struct md_cmd **cmdp, int *action)
{
	const struct md_cmd *cmd = NULL;
	struct option *longopts;
	char *shortopts;
	int c, cur, li, ret = 0;

	longopts = md_merge_opts(NULL);
	shortopts = md_merge_shortopts(NULL);
	if (!longopts || !shortopts) {
		free(longopts);
		free(shortopts);
		return md_err_nomem();
	}
	opterr = 0;
	for (;;) {
		/*
		 * Without permutation, getopt works on argv[optind] (a short
		 * option cluster too, until its end): remember it for errors.
		 */
		cur = optind;
		/*
		 * The short options change once the command is known; getopt
		 * reads its option string afresh at each call.
		 */
		li = -1;
		c = getopt_long(argc, argv, shortopts, longopts, &li);
		if (c == -1)
			break;
		/* --noheadings gives 'n' too: only a short -n is the command's. */
		if (li < 0 && md_is_cmd_short(cmd, c)) {
			ret = cmd->opt ? cmd->opt(c, optarg) : MD_EXIT_USAGE;
			if (ret)
				goto out;
			continue;
		}
		switch (c) {
		case 1:
			ret = md_positional(&cmd, &longopts, &shortopts,
					    optarg);
			break;
		case 'J':
			o->json = true;
			break;
		case 'r':
			o->raw = true;
			break;
		case 'n':
			o->noheadings = true;
			break;
		case 'b':
			o->bytes = true;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'h':
			*action = MD_ACT_HELP;
			goto out;
		case 'V':
			*action = MD_ACT_VERSION;
			goto out;
		case ':':
			md_bad_opt(argv[cur], "missing argument to option", NULL);
			ret = MD_EXIT_USAGE;
			break;
		case '?':
			md_bad_opt(argv[cur], "unrecognized option", cmd);
			ret = MD_EXIT_USAGE;
			break;
		default:
			ret = cmd && cmd->opt ? cmd->opt(c, optarg) :
						MD_EXIT_USAGE;
		}
		if (ret)
			goto out;
	}
	/* Whatever follows "--". */
	for (; optind < argc && !ret; optind++)
		ret = md_positional(&cmd, &longopts, &shortopts, argv[optind]);
	if (ret)
		goto out;

	if (!cmd)
		cmd = &md_cmd_status;
	if (o->json && o->raw) {
		md_err("--json and --raw are mutually exclusive; choose one");
		ret = MD_EXIT_USAGE;
	} else if (o->output && !cmd->cols && !cmd->output_is_file) {
		md_err("'%s' has no columns to choose with -o", cmd->name);
		ret = MD_EXIT_USAGE;
	} else if (cmd->cols) {
		ret = md_cols_parse(cmd->name, o->output, cmd->cols,
				    cmd->ncols, &o->columns, &o->ncolumns);
	}
out:
	free(longopts);
	free(shortopts);
	*cmdp = cmd;
	return ret;
}

int main(int argc, char **argv)
{
	const struct md_cmd *cmd = NULL;
	struct md_opts o = { 0 };
	int action = MD_ACT_RUN, ret;
	const char *family;

	setlocale(LC_ALL, "");
	ret = md_parse_args(argc, argv, &o, &cmd, &action);
	if (!ret) {
		switch (action) {
		case MD_ACT_HELP:
			md_usage(stdout);
			break;
		case MD_ACT_VERSION:
			printf("%s %s (netlink family %s version %d)\n", MD_PROG,
			       MEMDIAG_VERSION, MEMDIAG_FAMILY_NAME,
			       MEMDIAG_FAMILY_VERSION);
			break;
		default:
			/* For tests: point memdiagctl at another family. */
			family = getenv("MEMDIAG_FAMILY");
			o.family = family && *family ? family :
						       MEMDIAG_FAMILY_NAME;
			ret = cmd->run(&o);
		}
	}
	free(o.columns);
	/* Output cut short (full disk, closed pipe) must not look like success. */
	if (fflush(stdout) || ferror(stdout)) {
		md_err("cannot write the output: %s", strerror(errno));
		if (!ret)
			ret = MD_EXIT_ERROR;
	}
	return ret;
}
