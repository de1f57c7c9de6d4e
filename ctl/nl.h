/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - libnl-genl-3 plumbing shared by every command: open the
 * socket, resolve the family, build a request, send it and collect the
 * replies, turn the kernel's errors (with their extended ACK) into a message
 * and an exit code.
 */
#ifndef MEMDIAGCTL_NL_H
#define MEMDIAGCTL_NL_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

struct md_nl {
	struct nl_sock *sk;
	int family;		/* resolved family id */
	bool version_warned;	/* warn about a family version mismatch once */
};

/* What the kernel's extended ACK said (NLMSGERR_ATTR_*). */
struct md_extack {
	char *msg;		/* NLMSGERR_ATTR_MSG, or NULL */
	uint32_t offs;		/* NLMSGERR_ATTR_OFFS: byte offset in the request */
	uint32_t miss_type;	/* NLMSGERR_ATTR_MISS_TYPE */
	uint32_t miss_nest;	/* NLMSGERR_ATTR_MISS_NEST */
	bool has_offs;
	bool has_miss_type;
	bool has_miss_nest;
};

/*
 * Called for each reply message (data, not ACK/DONE/ERROR) to a request.
 * Returns 0, or a negative errno to stop and fail the request.
 */
typedef int (*md_nl_reply_fn)(struct nlmsghdr *nlh, void *arg);

int md_nl_open(struct md_nl *nl, const char *family);
void md_nl_close(struct md_nl *nl);
struct nl_msg *md_nl_req(const struct md_nl *nl, uint8_t cmd, int flags);
int md_nl_call(struct md_nl *nl, const char *op, struct nl_msg *req,
	       md_nl_reply_fn fn, void *arg);
void md_nl_check_version(struct md_nl *nl, uint32_t version);
int md_nl_is_member(int fd, int grp);

/* Pure helpers, unit-tested without a kernel. */
int md_extack_parse(struct nlmsghdr *nlh, int *errnum, struct md_extack *ext);
void md_extack_free(struct md_extack *ext);
int md_exit_for_errno(int errnum);
char *md_kernel_error_str(const char *op, int errnum,
			  const struct md_extack *ext);

#endif /* MEMDIAGCTL_NL_H */
