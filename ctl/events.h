/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - printing failure records, for 'events' and 'watch'
 * (cmd_events.c).
 */
#ifndef MEMDIAGCTL_EVENTS_H
#define MEMDIAGCTL_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <libsmartcols.h>

#include "memdiagctl.h"
#include "output.h"
#include "proto.h"

#define MD_EVENT_NCOLS 17
extern const struct md_col md_event_cols[MD_EVENT_NCOLS];

/*
 * How records are printed:
 *  TABLE   one aligned table, printed by md_evprint_finish() ('events')
 *  STREAM  each record as it comes, on a line of fixed column widths, the
 *          heading before the first ('events --details', 'watch')
 *  JSON    one document {"events": [...], "missed": N} ('events --json')
 *  JSONL   one JSON object per line and record ('watch --json')
 */
enum md_evprint_mode {
	MD_EVP_TABLE,
	MD_EVP_STREAM,
	MD_EVP_JSON,
	MD_EVP_JSONL,
};

struct md_evprint {
	FILE *out;
	const struct md_opts *o;
	enum md_evprint_mode mode;
	bool details;		/* zones and stack under each text line */
	bool live;		/* watch: wording of the missed message */
	const int *ids;		/* the -o columns */
	size_t n;
	int *dflt;		/* the default columns, if -o was unresolved */
	struct libscols_table *tb;	/* TABLE */
	struct md_json j;	/* JSON */
	bool started;		/* heading or JSON document begun */
	uint64_t missed;	/* sum of missed-before */
	size_t count;		/* records printed */
};

int md_evprint_init(struct md_evprint *p, FILE *out, const struct md_opts *o,
		    bool details, bool live);
int md_evprint_event(struct md_evprint *p, const struct md_event *ev);
void md_evprint_missed(struct md_evprint *p, const struct md_event *ev);
int md_evprint_finish(struct md_evprint *p);
void md_evprint_free(struct md_evprint *p);

/* Pieces, exported for the unit tests. */
char *md_class_str(uint32_t class);
char *md_event_order_str(const struct md_event *ev, bool bytes);
char *md_free_blocks_str(const struct md_zone_snap *z);
void md_event_json(struct md_json *j, const struct md_event *ev);

/* cmd_watch.c: what a look-up of the family means (see md_watch_sync()). */
struct md_watch_state {
	int family;		/* the family id joined; -1: none yet, or gone */
	int grp;		/* the events group joined, or 0 */
	bool gone;		/* the module went away ("unloaded" was said) */
};

enum md_watch_step {
	MD_WS_OK,		/* nothing changed (or still gone) */
	MD_WS_JOIN,		/* the first look: join the group */
	MD_WS_GONE,		/* the family went away */
	MD_WS_BACK,		/* it is back: join its group */
	MD_WS_BOUNCED,		/* it went and came back between two looks */
	MD_WS_NOMODULE,		/* the first look found no family */
	MD_WS_NOGROUP,		/* a family without the events group */
	MD_WS_ERROR,		/* the first look failed otherwise */
	MD_WS_RETRY,		/* a later look failed otherwise */
};

enum md_watch_step md_watch_decide(const struct md_watch_state *st, int fam,
				   int grp, int member);

#endif /* MEMDIAGCTL_EVENTS_H */
