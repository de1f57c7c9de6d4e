/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - commit-rejection and OOM-kill records (GET_COMMIT, GET_OOM,
 * GET_MM_COUNTERS) as flat arrays indexed by attribute number, and the
 * sentences that explain them; shared by 'commit', 'oom' and 'summary'.
 */
#ifndef MEMDIAGCTL_MMREC_H
#define MEMDIAGCTL_MMREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>

#define MD_REC_ATTRS	64

/* One record: numbers and strings by attribute number. */
struct md_rec {
	uint64_t v[MD_REC_ATTRS];
	char *s[MD_REC_ATTRS];
	uint64_t present;	/* bit n: attribute n was sent */
};

struct md_recs {
	size_t n, cap;
	struct md_rec *v;
	uint64_t strings;	/* which attributes are strings */
};

#define MD_REC_HAS(r, a)	(!!((r)->present & (1ULL << (a))))

/* Parse one reply message into @rs (an md_nl_reply_fn). */
int md_recs_reply(struct nlmsghdr *nlh, void *arg);
void md_recs_free(struct md_recs *rs);
struct md_nl;
/* Dump GET_COMMIT or GET_OOM into @rs; an exit code. */
int md_recs_fetch(struct md_nl *nl, int cmd, struct md_recs *rs);

struct md_opts;
struct md_col;
/* Column @col of @r as a malloc'ed string; NULL on ENOMEM. */
typedef char *md_rec_cell_fn(const struct md_rec *r, int col,
			     const struct md_opts *o);
/*
 * 'commit' and 'oom': dump @cmd and print it as table @name, or say that
 * @what cannot be printed; an exit code.
 */
int md_recs_run(const struct md_opts *o, int cmd, const char *name,
		const struct md_col *cols, md_rec_cell_fn *cell,
		const char *what);

const char *md_overcommit_mode_name(uint64_t mode);
/* A commit record's cause (commit, rlimit-as, ...) and refused call. */
const char *md_commit_cause_name(const struct md_rec *r);
const char *md_mm_call_name(const struct md_rec *r);
const char *md_constraint_name(uint64_t c);
/*
 * A record's cgroup as attributes @path and @id name it: the path, "(gone)"
 * when the group was removed before the record was read (the module
 * resolves the id when it sends the record), "" when there is none.
 */
const char *md_rec_cgroup(const struct md_rec *r, int path, int id);
/* Sentences with their numbers; malloc'ed, NULL on ENOMEM. */
char *md_commit_why(const struct md_rec *r, bool exact);
char *md_oom_why(const struct md_rec *r, bool exact);
/* A page count as a size. */
char *md_pages_str(uint64_t pages, bool exact);

#endif /* MEMDIAGCTL_MMREC_H */
