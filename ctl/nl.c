// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl - libnl-genl-3 plumbing (see nl.h).
 *
 * Every request is sent with NLM_F_ACK (libnl's auto-ACK): a "do" request
 * ends with the kernel's ACK after its reply, a dump ends with NLMSG_DONE,
 * and a failure ends with an NLMSG_ERROR carrying the extended ACK.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "compat.h"
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* ---- pure helpers ------------------------------------------------------- */

void md_extack_free(struct md_extack *ext)
{
	free(ext->msg);
	memset(ext, 0, sizeof(*ext));
}

/*
 * Decode an NLMSG_ERROR (or NLMSG_DONE ending a dump) the kernel sent:
 * *errnum gets the positive errno (0 for an ACK), @ext the NLMSGERR_ATTR_*
 * TLVs, which follow the nlmsgerr and, unless NLM_F_CAPPED, the echoed
 * request. @nlh->nlmsg_len bounds every read (libnl has checked it against
 * what was received). Returns 0, -EBADMSG if malformed, -EINVAL if @nlh is
 * neither type, -ENOMEM. *errnum is valid whenever it is set before failing.
 */
int md_extack_parse(struct nlmsghdr *nlh, int *errnum, struct md_extack *ext)
{
	static const struct nla_policy policy[MD_NLMSGERR_ATTR_MAX + 1] = {
		[NLMSGERR_ATTR_MSG]	  = { .type = NLA_STRING },
		[NLMSGERR_ATTR_OFFS]	  = { .type = NLA_U32 },
		[NLMSGERR_ATTR_MISS_TYPE] = { .type = NLA_U32 },
		[NLMSGERR_ATTR_MISS_NEST] = { .type = NLA_U32 },
	};
	struct nlattr *tb[MD_NLMSGERR_ATTR_MAX + 1];
	size_t plen, off;
	char *payload;
	int err;

	memset(ext, 0, sizeof(*ext));
	*errnum = 0;
	if (nlh->nlmsg_len < NLMSG_HDRLEN)
		return -EBADMSG;
	payload = NLMSG_DATA(nlh);
	plen = nlh->nlmsg_len - NLMSG_HDRLEN;

	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = (const struct nlmsgerr *)payload;

		if (plen < sizeof(*e))
			return -EBADMSG;
		*errnum = e->error < 0 ? -e->error : e->error;
		off = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
			if (e->msg.nlmsg_len < NLMSG_HDRLEN)
				return -EBADMSG;
			off += e->msg.nlmsg_len - NLMSG_HDRLEN;
		}
	} else if (nlh->nlmsg_type == NLMSG_DONE) {
		/* Old kernels may end a dump with an empty DONE. */
		if (plen < sizeof(int))
			return 0;
		memcpy(&err, payload, sizeof(err));
		*errnum = err < 0 ? -err : 0;
		off = sizeof(int);
	} else {
		return -EINVAL;
	}

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	off = NLMSG_ALIGN(off);
	if (off > plen)
		return -EBADMSG;
	if (md_nla_parse(tb, MD_NLMSGERR_ATTR_MAX, (struct nlattr *)(payload + off),
		      plen - off, policy) < 0)
		return -EBADMSG;

	if (tb[NLMSGERR_ATTR_MSG]) {
		ext->msg = strdup(nla_data(tb[NLMSGERR_ATTR_MSG]));
		if (!ext->msg)
			return -ENOMEM;
	}
	if (tb[NLMSGERR_ATTR_OFFS]) {
		ext->offs = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
		ext->has_offs = true;
	}
	if (tb[NLMSGERR_ATTR_MISS_TYPE]) {
		ext->miss_type = nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]);
		ext->has_miss_type = true;
	}
	if (tb[NLMSGERR_ATTR_MISS_NEST]) {
		ext->miss_nest = nla_get_u32(tb[NLMSGERR_ATTR_MISS_NEST]);
		ext->has_miss_nest = true;
	}
	return 0;
}

int md_exit_for_errno(int errnum)
{
	switch (errnum) {
	case 0:
		return MD_EXIT_OK;
	case EPERM:
	case EACCES:
		return MD_EXIT_PERM;
	default:
		return MD_EXIT_ERROR;
	}
}

/*
 * What to tell the user when request @op failed with @errnum (without the
 * "memdiagctl: " prefix). Returns a malloc'ed string, NULL if out of memory.
 */
char *md_kernel_error_str(const char *op, int errnum,
			  const struct md_extack *ext)
{
	char *s;
	int ret;

	if (md_exit_for_errno(errnum) == MD_EXIT_PERM)
		ret = asprintf(&s, "permission denied: %s needs CAP_NET_ADMIN (run as root)",
			       op);
	else if (ext && ext->msg)
		ret = asprintf(&s, "%s failed: %s: %s", op, strerror(errnum),
			       ext->msg);
	else if (ext && ext->has_miss_type)
		ret = asprintf(&s, "%s failed: %s: attribute %u is missing",
			       op, strerror(errnum), ext->miss_type);
	else if (ext && ext->has_offs)
		ret = asprintf(&s, "%s failed: %s: the attribute at byte %u of the request was rejected",
			       op, strerror(errnum), ext->offs);
	else
		ret = asprintf(&s, "%s failed: %s", op, strerror(errnum));
	return ret < 0 ? NULL : s;
}

/* ---- socket ------------------------------------------------------------- */

int md_nl_open(struct md_nl *nl, const char *family)
{
	int one = 1, ret;

	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		return md_err_nomem();

	ret = genl_connect(nl->sk);
	if (ret < 0) {
		md_err("cannot open a generic netlink socket: %s",
		       nl_geterror(ret));
		ret = MD_EXIT_ERROR;
		goto fail;
	}

	/*
	 * A dump message may be bigger than a page (a failure record with its
	 * zones and stack is): let libnl size its buffer by peeking, as
	 * recent versions do by default.
	 */
	nl_socket_enable_msg_peek(nl->sk);

	/*
	 * Ask for the kernel's error messages (extended ACK). libnl 3.x has
	 * no setter for this; kernels before 4.12 lack the option, and then
	 * errors still work, only without the message.
	 */
	if (setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		       &one, sizeof(one)) < 0 && errno != ENOPROTOOPT)
		md_warn("cannot enable netlink extended ACK: %s",
			strerror(errno));

	ret = genl_ctrl_resolve(nl->sk, family);
	if (ret < 0) {
		/* libnl reports every failed lookup as NLE_OBJ_NOTFOUND. */
		if (ret == -NLE_OBJ_NOTFOUND) {
			md_err("the memdiag module is not loaded; load it with 'modprobe memdiag' or 'insmod kmod/memdiag.ko'");
			if (strcmp(family, MEMDIAG_FAMILY_NAME))
				md_err("(looked for generic netlink family '%s', as MEMDIAG_FAMILY says)",
				       family);
			ret = MD_EXIT_NOMODULE;
		} else {
			md_err("cannot look up generic netlink family '%s': %s",
			       family, nl_geterror(ret));
			ret = MD_EXIT_ERROR;
		}
		goto fail;
	}
	nl->family = ret;
	return 0;
fail:
	nl_socket_free(nl->sk);
	nl->sk = NULL;
	return ret;
}

void md_nl_close(struct md_nl *nl)
{
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->sk = NULL;
}

/*
 * Is socket @fd a member of multicast group @grp? 1 or 0; -1 if the kernel
 * cannot tell (NETLINK_LIST_MEMBERSHIPS is from Linux 4.2).
 */
int md_nl_is_member(int fd, int grp)
{
	uint32_t groups[64] = { 0 };
	socklen_t len = sizeof(groups);
	size_t word;

	if (grp <= 0)
		return 0;
	if (getsockopt(fd, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, groups,
		       &len) < 0)
		return -1;
	/*
	 * Group g is bit g - 1. @len comes back as the length of the whole
	 * list, which may be longer than @groups.
	 */
	word = (grp - 1) / 32;
	if (word >= ARRAY_SIZE(groups))
		return -1;
	if (word * sizeof(uint32_t) >= len)
		return 0;
	return !!(groups[word] & (1u << ((grp - 1) % 32)));
}

/* A request for command @cmd of our family; NULL if out of memory. */
struct nl_msg *md_nl_req(const struct md_nl *nl, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags,
			 cmd, MEMDIAG_FAMILY_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

void md_nl_check_version(struct md_nl *nl, uint32_t version)
{
	if (version == MEMDIAG_FAMILY_VERSION || nl->version_warned)
		return;
	nl->version_warned = true;
	md_warn("the memdiag module speaks netlink family version %u, memdiagctl was built for version %u; some output may be missing or wrong: use the memdiagctl built with the module",
		version, MEMDIAG_FAMILY_VERSION);
}

/* ---- one request and its replies ---------------------------------------- */

struct md_nl_ctx {
	struct md_nl *nl;
	const char *op;
	md_nl_reply_fn fn;
	void *arg;
	int errnum;		/* the kernel's error (positive), or 0 */
	int reply_err;		/* the reply callback's (negative), or 0 */
	struct md_extack ext;
	bool done;
};

static int md_valid_cb(struct nl_msg *msg, void *arg)
{
	struct md_nl_ctx *ctx = arg;
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	int ret;

	if (!genlmsg_valid_hdr(nlh, 0)) {
		ret = -EBADMSG;
		goto fail;
	}
	md_nl_check_version(ctx->nl, genlmsg_hdr(nlh)->version);
	if (!ctx->fn)
		return NL_OK;
	ret = ctx->fn(nlh, ctx->arg);
	if (!ret)
		return NL_OK;
fail:
	ctx->reply_err = ret;
	ctx->done = true;
	return NL_STOP;
}

/* A success ACK may still carry a message: a warning. */
static int md_ack_cb(struct nl_msg *msg, void *arg)
{
	struct md_nl_ctx *ctx = arg;
	struct md_extack ext;
	int errnum;

	ctx->done = true;
	if (!md_extack_parse(nlmsg_hdr(msg), &errnum, &ext) && ext.msg)
		md_warn("%s: %s", ctx->op, ext.msg);
	md_extack_free(&ext);
	return NL_STOP;
}

/* NLMSG_DONE ends a dump; a dump that failed part-way says why in it. */
static int md_finish_cb(struct nl_msg *msg, void *arg)
{
	struct md_nl_ctx *ctx = arg;

	ctx->done = true;
	md_extack_free(&ctx->ext);
	md_extack_parse(nlmsg_hdr(msg), &ctx->errnum, &ctx->ext);
	return NL_STOP;
}

static int md_error_cb(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	/* libnl hands over nlmsg_data() of the NLMSG_ERROR message. */
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct md_nl_ctx *ctx = arg;

	(void)nla;
	ctx->done = true;
	md_extack_free(&ctx->ext);
	/* A malformed extended ACK still leaves the error number. */
	md_extack_parse(nlh, &ctx->errnum, &ctx->ext);
	if (!ctx->errnum)
		ctx->errnum = EPROTO;
	return NL_STOP;
}

static int md_nlerr_exit(const char *op, int nlerr)
{
	if (nlerr == -NLE_PERM || nlerr == -NLE_NOACCESS) {
		md_err("permission denied: %s needs CAP_NET_ADMIN (run as root)",
		       op);
		return MD_EXIT_PERM;
	}
	if (nlerr == -NLE_DUMP_INTR)
		md_err("%s failed: the data changed while it was being read; try again",
		       op);
	else
		md_err("%s failed: %s", op, nl_geterror(nlerr));
	return MD_EXIT_ERROR;
}

/*
 * Send @req (consumed) for operation @op (its name in the spec, for
 * messages), hand each reply to @fn, wait for the ACK or DONE. Returns 0 or
 * an exit code, having said what went wrong.
 */
int md_nl_call(struct md_nl *nl, const char *op, struct nl_msg *req,
	       md_nl_reply_fn fn, void *arg)
{
	struct md_nl_ctx ctx = {
		.nl = nl, .op = op, .fn = fn, .arg = arg,
	};
	struct nl_cb *cb;
	int ret;

	if (!req)
		return md_err_nomem();
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(req);
		return md_err_nomem();
	}
	ret = nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, md_valid_cb, &ctx);
	if (!ret)
		ret = nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, md_ack_cb, &ctx);
	if (!ret)
		ret = nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, md_finish_cb,
				&ctx);
	if (!ret)
		ret = nl_cb_err(cb, NL_CB_CUSTOM, md_error_cb, &ctx);
	if (ret < 0) {
		ret = md_nlerr_exit(op, ret);
		goto out;
	}

	ret = nl_send_auto(nl->sk, req);
	if (ret < 0) {
		ret = md_nlerr_exit(op, ret);
		goto out;
	}
	do {
		ret = nl_recvmsgs(nl->sk, cb);
	} while (!ctx.done && ret >= 0);

	if (ctx.errnum) {
		char *s = md_kernel_error_str(op, ctx.errnum, &ctx.ext);

		if (s)
			md_err("%s", s);
		else	/* out of memory: the short form needs none */
			md_err("%s failed: %s", op, strerror(ctx.errnum));
		free(s);
		ret = md_exit_for_errno(ctx.errnum);
	} else if (ctx.reply_err) {
		md_err("%s failed: cannot decode the kernel's reply: %s",
		       op, strerror(-ctx.reply_err));
		ret = MD_EXIT_ERROR;
	} else if (ret < 0) {
		ret = md_nlerr_exit(op, ret);
	} else {
		ret = 0;
	}
out:
	md_extack_free(&ctx.ext);
	nl_cb_put(cb);
	nlmsg_free(req);
	return ret;
}
