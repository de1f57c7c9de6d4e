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

#endif /* MEMDIAGCTL_PROTO_H */
