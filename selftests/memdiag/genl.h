/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal raw generic netlink client for the memdiag selftests.
 *
 * Deliberately independent of libnl and of memdiagctl: the tests check the
 * module's wire behaviour, not a library's view of it.
 */
#ifndef _MEMDIAG_SELFTEST_GENL_H
#define _MEMDIAG_SELFTEST_GENL_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

/*
 * NLMSGERR_ATTR_MISS_TYPE (an enum) is not named by uapi headers before
 * 6.0 (Debian 11's); its number is ABI.
 */
#define GENL_NLMSGERR_ATTR_MISS_TYPE	5

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

#define GENL_BUF_SIZE 65536

struct genl_msg {
	union {
		struct nlmsghdr nlh;
		char buf[GENL_BUF_SIZE];
	};
};

/* The outcome of one request: errno (0 = success) and the extack, if any. */
struct genl_result {
	int error;
	char msg[256];		/* NLMSGERR_ATTR_MSG */
	uint32_t offs;		/* NLMSGERR_ATTR_OFFS, 0 if absent */
	uint32_t miss_type;	/* NLMSGERR_ATTR_MISS_TYPE, 0 if absent */
	struct genl_msg reply;	/* the last data message received */
	int have_reply;
};

static inline struct nlattr *genl_attr_next(struct nlattr *a)
{
	return (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
}

#define genl_for_each_attr(a, start, len)				\
	for (a = (struct nlattr *)(start);				\
	     (char *)a + NLA_HDRLEN <= (char *)(start) + (len) &&	\
	     a->nla_len >= NLA_HDRLEN &&				\
	     (char *)a + a->nla_len <= (char *)(start) + (len);		\
	     a = genl_attr_next(a))

static inline void *genl_attr_data(struct nlattr *a)
{
	return (char *)a + NLA_HDRLEN;
}

static inline int genl_attr_len(struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static inline int genl_open(void)
{
	int one = 1;
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);

	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	/*
	 * Bind for a port id now: the kernel's multicasts (sent from port 0)
	 * skip sockets whose own port id is still 0.
	 */
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(fd);
		return -1;
	}
	return fd;
}

static inline void genl_init(struct genl_msg *m, uint16_t family, uint8_t cmd,
			     uint8_t version)
{
	struct genlmsghdr *g;

	memset(m, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	m->nlh.nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	m->nlh.nlmsg_type = family;
	m->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	g = NLMSG_DATA(&m->nlh);
	g->cmd = cmd;
	g->version = version;
}

/* Append an attribute with an arbitrary payload (tests also send bad ones). */
static inline struct nlattr *genl_put(struct genl_msg *m, uint16_t type,
				      const void *data, uint16_t len)
{
	struct nlattr *a = (struct nlattr *)(m->buf + NLMSG_ALIGN(m->nlh.nlmsg_len));

	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy(genl_attr_data(a), data, len);
	m->nlh.nlmsg_len = NLMSG_ALIGN(m->nlh.nlmsg_len) + NLA_ALIGN(a->nla_len);
	return a;
}

static inline struct nlattr *genl_put_u32(struct genl_msg *m, uint16_t type,
					  uint32_t v)
{
	return genl_put(m, type, &v, sizeof(v));
}

static inline struct nlattr *genl_nest_start(struct genl_msg *m, uint16_t type)
{
	return genl_put(m, type | NLA_F_NESTED, NULL, 0);
}

static inline void genl_nest_end(struct genl_msg *m, struct nlattr *nest)
{
	nest->nla_len = (char *)m->buf + m->nlh.nlmsg_len - (char *)nest;
}

static inline void genl_parse_extack(struct nlmsghdr *nlh, struct genl_result *r)
{
	struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t off = NLMSG_HDRLEN + sizeof(*e);
	struct nlattr *a;

	/* Without NLM_F_CAPPED the whole request is echoed before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	/* The TLVs start aligned, after an echo of any length. */
	off = NLMSG_ALIGN(off);
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off >= nlh->nlmsg_len)
		return;
	genl_for_each_attr(a, (char *)nlh + off, nlh->nlmsg_len - off) {
		switch (a->nla_type) {
		case NLMSGERR_ATTR_MSG:
			snprintf(r->msg, sizeof(r->msg), "%.*s",
				 genl_attr_len(a), (char *)genl_attr_data(a));
			break;
		case NLMSGERR_ATTR_OFFS:
			r->offs = *(uint32_t *)genl_attr_data(a);
			break;
		case GENL_NLMSGERR_ATTR_MISS_TYPE:
			r->miss_type = *(uint32_t *)genl_attr_data(a);
			break;
		}
	}
}

/*
 * Send one request and read until its ACK. Returns 0 if the exchange
 * happened (see r->error for the kernel's answer), -1 on a socket error.
 */
static inline int genl_talk(int fd, struct genl_msg *req, struct genl_result *r)
{
	static uint32_t seq = 1;
	char buf[GENL_BUF_SIZE];

	memset(r, 0, sizeof(*r));
	req->nlh.nlmsg_seq = ++seq;
	if (send(fd, req, req->nlh.nlmsg_len, 0) < 0)
		return -1;
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh;

		if (n < 0)
			return -1;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != req->nlh.nlmsg_seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);

				r->error = -e->error;
				genl_parse_extack(nlh, r);
				return 0;
			}
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (nlh->nlmsg_len <= sizeof(r->reply)) {
				memcpy(&r->reply, nlh, nlh->nlmsg_len);
				r->have_reply = 1;
			}
		}
	}
}

/* Attributes of a reply, after the genl header. */
static inline struct nlattr *genl_reply_attrs(struct genl_result *r, int *len)
{
	*len = r->reply.nlh.nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	return (struct nlattr *)((char *)NLMSG_DATA(&r->reply.nlh) + GENL_HDRLEN);
}

/*
 * Dump: send @req with NLM_F_DUMP and call @cb for every message until
 * NLMSG_DONE. Returns 0, or the kernel's errno (extack in @r), or -1.
 */
static inline int genl_dump(int fd, struct genl_msg *req, struct genl_result *r,
			    int (*cb)(struct nlmsghdr *nlh, void *arg), void *arg)
{
	static uint32_t dseq = 100000;
	static char buf[GENL_BUF_SIZE * 2];

	memset(r, 0, sizeof(*r));
	req->nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req->nlh.nlmsg_seq = ++dseq;
	if (send(fd, req, req->nlh.nlmsg_len, 0) < 0)
		return -1;
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nlh;

		if (n < 0)
			return -1;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != req->nlh.nlmsg_seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE) {
				int err = *(int *)NLMSG_DATA(nlh);

				r->error = err < 0 ? -err : 0;
				return r->error;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);

				r->error = -e->error;
				genl_parse_extack(nlh, r);
				return r->error;
			}
			if (cb(nlh, arg))
				return -1;
		}
	}
}

/* Id of multicast group @grp of family @name, or -errno. */
static inline int genl_resolve_group(int fd, const char *name, const char *grp)
{
	struct genl_msg req;
	struct genl_result *r;
	struct nlattr *a, *g, *ga;
	int len, id = -ENOENT;

	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	genl_init(&req, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	genl_put(&req, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1);
	if (genl_talk(fd, &req, r) || r->error || !r->have_reply) {
		free(r);
		return -ENOENT;
	}
	genl_for_each_attr(a, genl_reply_attrs(r, &len), len) {
		if ((a->nla_type & NLA_TYPE_MASK) != CTRL_ATTR_MCAST_GROUPS)
			continue;
		genl_for_each_attr(g, genl_attr_data(a), genl_attr_len(a)) {
			int gid = -1, match = 0;

			genl_for_each_attr(ga, genl_attr_data(g), genl_attr_len(g)) {
				if (ga->nla_type == CTRL_ATTR_MCAST_GRP_ID)
					gid = *(uint32_t *)genl_attr_data(ga);
				if (ga->nla_type == CTRL_ATTR_MCAST_GRP_NAME &&
				    !strcmp(genl_attr_data(ga), grp))
					match = 1;
			}
			if (match)
				id = gid;
		}
	}
	free(r);
	return id;
}

/* Family id from the controller, or -errno (-ENOENT: not registered here). */
static inline int genl_resolve(int fd, const char *name)
{
	struct genl_msg req;
	struct genl_result *r;
	struct nlattr *a;
	int len, id = -ENOENT;

	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	genl_init(&req, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1);
	genl_put(&req, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1);
	if (genl_talk(fd, &req, r)) {
		id = -errno;
	} else if (r->error) {
		id = -r->error;
	} else if (r->have_reply) {
		struct nlattr *attrs = genl_reply_attrs(r, &len);

		genl_for_each_attr(a, attrs, len)
			if (a->nla_type == CTRL_ATTR_FAMILY_ID)
				id = *(uint16_t *)genl_attr_data(a);
	}
	free(r);
	return id;
}

#endif /* _MEMDIAG_SELFTEST_GENL_H */
