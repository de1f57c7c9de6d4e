/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - the memdiag family's messages as C structs: decoding replies
 * and encoding request attributes. No I/O here, so all of it is
 * unit-testable on handcrafted messages.
 */
#ifndef MEMDIAGCTL_PROTO_H
#define MEMDIAGCTL_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

/* The "config" attribute set; @present says which were sent. */
struct md_config {
	uint32_t rate_limit;
	uint32_t stack_depth;
	uint32_t ring_size;
	unsigned int present;
};

#define MD_CFG_RATE_LIMIT	(1u << 0)
#define MD_CFG_STACK_DEPTH	(1u << 1)
#define MD_CFG_RING_SIZE	(1u << 2)

/* One "feature" nest. */
struct md_feature {
	uint32_t id;
	uint32_t state;		/* enum memdiag_feature_state */
	char *name;		/* NULL if absent */
	char *message;		/* NULL if absent */
	bool has_id;
	bool has_state;
};

/* A GET_STATUS reply; strings are NULL when absent. */
struct md_status {
	char *version;
	char *kernel_release;
	uint32_t family_version;
	uint64_t mem_bytes;
	uint64_t loaded_ns;
	struct md_config config;
	struct md_feature *features;
	size_t nr_features;
	unsigned int present;
};

#define MD_ST_FAMILY_VERSION	(1u << 0)
#define MD_ST_MEM_BYTES		(1u << 1)
#define MD_ST_LOADED_NS		(1u << 2)
#define MD_ST_CONFIG		(1u << 3)

const char *md_feature_state_name(uint32_t state);

int md_config_parse(struct nlattr *nest, struct md_config *cfg);
int md_config_reply_parse(struct nlmsghdr *nlh, struct md_config *cfg);
int md_config_put(struct nl_msg *msg, int attr, const struct md_config *cfg);

int md_status_parse(struct nlmsghdr *nlh, struct md_status *st);
void md_status_free(struct md_status *st);

/*
 * Allocation failures. @present fields are bit masks of the attribute
 * numbers that were sent: MD_HAS(present, MEMDIAG_A_EVENT_SIZE).
 */
#define MD_BIT(attr)		(1u << (attr))
#define MD_HAS(present, attr)	(!!((present) & MD_BIT(attr)))

/* One "order-count" nest: the failures of one kind and order bucket. */
struct md_order_count {
	uint32_t kind;		/* enum memdiag_failure_kind */
	uint32_t order;		/* page order; for vmalloc the size bucket */
	uint64_t count;
	uint64_t nowarn;
	uint64_t atomic;
	uint64_t nowarn_atomic;
	uint64_t last_ns;	/* CLOCK_BOOTTIME */
	uint64_t last_real_ns;	/* CLOCK_REALTIME */
	uint32_t present;	/* MEMDIAG_A_ORDER_COUNT_* bits */
};

/* One "node-count" nest. */
struct md_node_count {
	uint32_t node;
	uint64_t count;
	uint32_t present;	/* MEMDIAG_A_NODE_COUNT_* bits */
};

/* A GET_COUNTERS reply. */
struct md_counters {
	uint64_t total;
	uint64_t recorded;
	uint64_t overwritten;
	uint64_t suppressed;
	uint64_t lost;
	uint64_t missed;
	uint64_t first_seq;
	uint64_t next_seq;
	uint64_t reset_ns;	/* CLOCK_BOOTTIME */
	uint32_t present;	/* MEMDIAG_A_COUNTERS_* bits */
	struct md_order_count *orders;	/* as sent: kind, then order */
	size_t nr_orders;
	struct md_node_count *nodes;
	size_t nr_nodes;
};

/* One "zone-snap" nest (pages). */
struct md_zone_snap {
	uint32_t node;
	uint32_t zone;		/* zone index */
	char *name;		/* NULL if absent */
	uint64_t free;
	uint64_t min;
	uint64_t low;
	uint64_t high;
	uint64_t boost;
	uint64_t managed;
	uint64_t highatomic;
	uint64_t free_cma;	/* part of free; movable (ALLOC_CMA) only */
	uint64_t *free_blocks;	/* order 0 first */
	size_t nr_free_blocks;
	uint64_t *lowmem_reserve;	/* zone 0 first */
	size_t nr_lowmem_reserve;
	uint32_t present;	/* MEMDIAG_A_ZONE_SNAP_* bits */
};

/* One failure record: a GET_EVENTS dump message or a FAILURE_NTF. */
struct md_event {
	uint64_t seq;
	uint64_t missed_before;
	uint64_t boot_ns;
	uint64_t real_ns;
	uint32_t kind;		/* enum memdiag_failure_kind */
	uint32_t order;
	uint64_t size;		/* vmalloc bytes */
	uint32_t vmalloc_step;	/* enum memdiag_vmalloc_step */
	uint32_t gfp;
	uint32_t class;		/* MEMDIAG_CLASS_* flags */
	uint32_t preferred_node;
	uint32_t high_zone;
	uint32_t pid;
	uint32_t tgid;
	uint64_t cgroup_id;
	uint32_t context;	/* enum memdiag_context */
	uint32_t zones_truncated;
	char *gfp_names;	/* strings: NULL if absent */
	char *nodemask;
	char *comm;
	char *cgroup_path;
	char **stack;		/* innermost frame first */
	size_t nr_stack;
	struct md_zone_snap *zones;
	size_t nr_zones;
	uint32_t present;	/* MEMDIAG_A_EVENT_* bits */
};

const char *md_kind_name(uint32_t kind);
const char *md_vmalloc_step_name(uint32_t step);
const char *md_context_name(uint32_t context);
const char *md_class_name(uint32_t bit);
const char *md_swapoff_cause_name(uint32_t cause);
const char *md_swapoff_outcome_name(uint32_t outcome);
/* ERESTARTSYS and the other kernel-only restart codes, or NULL. */
const char *md_kernel_errno_name(int32_t r);

/* A string attribute into @dst of @size bytes, cut short if it must be. */
void md_nla_str(char *dst, size_t size, const struct nlattr *a);

int md_counters_parse(struct nlmsghdr *nlh, struct md_counters *c);
void md_counters_free(struct md_counters *c);
int md_event_parse(struct nlmsghdr *nlh, struct md_event *ev);
void md_event_free(struct md_event *ev);
int md_events_req_put(struct nl_msg *msg, bool has_since, uint64_t since);

/* What a message on the watch socket is (md_ntf_classify()). */
enum md_ntf {
	MD_NTF_IGNORE,		/* anything else */
	MD_NTF_EVENT,		/* a FAILURE_NTF of the memdiag family */
	MD_NTF_FAMILY,		/* nlctrl: the memdiag family came or went */
};

enum md_ntf md_ntf_classify(struct nlmsghdr *nlh, int family_id,
			    const char *family_name);

#endif /* MEMDIAGCTL_PROTO_H */
