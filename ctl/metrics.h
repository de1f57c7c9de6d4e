/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl metrics - the Prometheus text exposition format (version
 * 0.0.4, what node_exporter's textfile collector reads) built from the
 * replies of the module's netlink commands (cmd_metrics.c).
 *
 * Every metric family is declared once, in md_mfamilies[] (name, type,
 * HELP), and every netlink command metrics asks is one row of
 * md_msources[]: its callback turns each reply message into samples. A
 * command added to the module adds a row there and its families to the
 * family table; nothing else changes.
 */
#ifndef MEMDIAGCTL_METRICS_H
#define MEMDIAGCTL_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/netlink.h>

enum md_mtype { MD_M_GAUGE, MD_M_COUNTER };

struct md_mfamily {
	const char *name;
	enum md_mtype type;
	const char *help;
};

struct md_msample {
	int fam;		/* index in md_mfamilies[] */
	char *labels;		/* 'a="x",b="y"', escaped; "" for none */
	char *value;
};

/* The samples of one run, and what converts the module's numbers. */
struct md_prom {
	struct md_msample *v;
	size_t n, cap;
	int err;		/* first -ENOMEM: every later add is a no-op */
	uint64_t page_size;	/* bytes per page */
	uint64_t now_boot_ns;	/* CLOCK_BOOTTIME and CLOCK_REALTIME read */
	uint64_t now_real_ns;	/* together, to date CLOCK_BOOTTIME stamps */
	/* Features GET_STATUS reported (bit = feature id), and those working. */
	uint32_t features_seen, features_on;
};

/*
 * One netlink command metrics asks. @msg gets each reply message (a "do"
 * has one, a dump one per object) and @state, a zeroed @state_size bytes
 * kept for the whole reply; @end, if any, runs after the last message of
 * a reply that succeeded (for samples summed over messages); @release, if
 * any, then frees what @state points to, whether the reply succeeded or not.
 * @admin: the command needs CAP_NET_ADMIN; without it, the source is left
 * out with a warning and memdiag_collector_success 0.
 */
struct md_msource {
	const char *name;	/* the "collector" label */
	const char *op;		/* its name in messages: "get-counters" */
	uint8_t cmd;		/* MEMDIAG_CMD_* */
	int flags;		/* NLM_F_DUMP for a dump */
	bool admin;
	size_t state_size;
	int (*msg)(struct md_prom *p, struct nlmsghdr *nlh, void *state);
	int (*end)(struct md_prom *p, void *state);
	void (*release)(void *state);
};

extern const struct md_mfamily md_mfamilies[];
extern const size_t md_nr_mfamilies;
extern const struct md_msource md_msources[];
extern const size_t md_nr_msources;

const struct md_msource *md_msource_find(const char *name);
char *md_prom_label_escape(const char *s);
int md_prom_add(struct md_prom *p, int fam, const char *value, ...)
	__attribute__((sentinel));
int md_prom_u64(struct md_prom *p, int fam, uint64_t v, ...)
	__attribute__((sentinel));
void md_prom_collector(struct md_prom *p, const char *name, bool ok);
int md_prom_write(const struct md_prom *p, FILE *out);
void md_prom_free(struct md_prom *p);
int md_write_atomic(const char *path, const char *data, size_t len);

#endif /* MEMDIAGCTL_METRICS_H */
