// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl watch [--details]
 *
 * Print each failure record as the module multicasts it (FAILURE_NTF on
 * the "events" group, CAP_NET_ADMIN to join), in the line format of
 * 'events' (fixed column widths, the heading once), or with --json as JSON
 * Lines: one object per record and line, as 'events --json' prints each
 * record. stdout is flushed after each record. SIGINT and SIGTERM end it
 * with exit code 0.
 *
 * Module reloads: the socket also listens to the generic netlink
 * controller's "notify" group, which says when a family comes or goes, and
 * every second the family and group are looked up again and the
 * membership checked (NETLINK_LIST_MEMBERSHIPS) in case a notification was
 * lost. Unloading drops the membership; when the family is back, under
 * whatever id, its group is joined again. Both are said on stderr.
 *
 * Lost records: a gap in the sequence numbers is reported like the
 * MISSED_BEFORE of 'events' (the record gets "missed-before" in JSON), and
 * a receive buffer overrun (ENOBUFS) on stderr.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include <linux/memdiag.h>

#include "events.h"
#include "memdiagctl.h"
#include "mmrec.h"
#include "nl.h"
#include "output.h"
#include "proto.h"

#define MD_WATCH_CHECK_MS	1000
/* One multicast message per datagram, each under 16 KiB (the module's). */
#define MD_WATCH_BUF		65536
/* Datagrams read before poll() looks at the signals again. */
#define MD_WATCH_BATCH		256
/* Room for bursts: failures come in storms. */
#define MD_WATCH_RCVBUF		(4 << 20)

static bool md_watch_details;

enum { OPT_DETAILS = MD_OPT_CMD };

static const struct option md_watch_opts[] = {
	{ "details", no_argument, NULL, OPT_DETAILS },
	{ NULL, 0, NULL, 0 }
};

static int md_watch_opt(int c, const char *arg)
{
	(void)arg;
	if (c != OPT_DETAILS)
		return MD_EXIT_USAGE;
	md_watch_details = true;
	return 0;
}

struct md_watch {
	const struct md_opts *o;
	struct md_nl nl;	/* requests: looking the family up */
	struct nl_sock *sk;	/* the multicast listener */
	int fd;
	struct md_watch_state st;
	bool warned;		/* a look-up failure was said */
	uint64_t last_seq;	/* the latest record's; 0: none yet */
	struct md_evprint p;
	unsigned char *buf;
};

/*
 * What a look-up means, for a watcher in state @st: @fam and @grp are the
 * family and group ids or libnl errors (@grp only matters if @fam is an
 * id), @member whether the socket is still in @st->grp (1, 0, or -1 if the
 * kernel cannot tell). Pure, for the unit tests.
 */
enum md_watch_step md_watch_decide(const struct md_watch_state *st, int fam,
				   int grp, int member)
{
	bool first = st->family < 0 && !st->gone;

	if (fam == -NLE_OBJ_NOTFOUND)
		return first ? MD_WS_NOMODULE : st->gone ? MD_WS_OK : MD_WS_GONE;
	if (fam < 0)
		return first ? MD_WS_ERROR : MD_WS_RETRY;
	if (grp == -NLE_OBJ_NOTFOUND)
		return MD_WS_NOGROUP;
	if (grp < 0)
		return first ? MD_WS_ERROR : MD_WS_RETRY;
	if (first)
		return MD_WS_JOIN;
	if (st->gone)
		return MD_WS_BACK;
	if (fam == st->family && grp == st->grp && member)
		return MD_WS_OK;
	/* Unloaded and loaded again between two looks. */
	return MD_WS_BOUNCED;
}

static int md_watch_join_err(int nlerr)
{
	if (nlerr == -NLE_PERM || nlerr == -NLE_NOACCESS) {
		md_err("permission denied: joining the memdiag events group needs CAP_NET_ADMIN (run as root)");
		return MD_EXIT_PERM;
	}
	md_err("cannot join the memdiag events group: %s", nl_geterror(nlerr));
	return MD_EXIT_ERROR;
}

static void md_watch_gone(struct md_watch *w)
{
	/* The kernel dropped the membership; the id may go to another. */
	if (w->st.grp)
		nl_socket_drop_membership(w->sk, w->st.grp);
	w->st.grp = 0;
	w->st.family = -1;
	w->st.gone = true;
	w->last_seq = 0;
	md_err("memdiag module unloaded; waiting for it to return");
}

/*
 * Look the family and its group up, and join the group if it is new or
 * the membership was lost. Returns 0 or an exit code.
 */
static int md_watch_sync(struct md_watch *w)
{
	const char *name = w->o->family;
	int fam, grp = -NLE_OBJ_NOTFOUND, ret;
	enum md_watch_step step;

	fam = genl_ctrl_resolve(w->nl.sk, name);
	if (fam >= 0)
		grp = genl_ctrl_resolve_grp(w->nl.sk, name,
					    MEMDIAG_MCGRP_EVENTS);
	/* A family without its group: going away right now, or no group. */
	if (fam >= 0 && grp == -NLE_OBJ_NOTFOUND)
		fam = genl_ctrl_resolve(w->nl.sk, name);

	step = md_watch_decide(&w->st, fam, grp,
			       fam >= 0 && grp >= 0 ?
			       md_nl_is_member(w->fd, grp) : 0);
	if (step != MD_WS_RETRY)
		w->warned = false;
	switch (step) {
	case MD_WS_OK:
		return 0;
	case MD_WS_NOMODULE:
		md_err("the memdiag module is not loaded");
		return MD_EXIT_NOMODULE;
	case MD_WS_NOGROUP:
		md_err("the memdiag module offers no events group: this kernel cannot keep it to CAP_NET_ADMIN (GENL_MCAST_CAP_NET_ADMIN); use 'memdiagctl events' instead");
		return MD_EXIT_ERROR;
	case MD_WS_ERROR:
		md_err("cannot look up the memdiag events group: %s",
		       nl_geterror(fam < 0 ? fam : grp));
		return MD_EXIT_ERROR;
	case MD_WS_RETRY:
		if (!w->warned)
			md_warn("cannot look up the memdiag family (will retry): %s",
				nl_geterror(fam < 0 ? fam : grp));
		w->warned = true;
		return 0;
	case MD_WS_GONE:
		md_watch_gone(w);
		return 0;
	case MD_WS_BOUNCED:
		md_watch_gone(w);
		break;
	case MD_WS_JOIN:
	case MD_WS_BACK:
		break;
	}
	ret = nl_socket_add_membership(w->sk, grp);
	if (ret < 0)
		return md_watch_join_err(ret);
	w->st.family = fam;
	w->st.grp = grp;
	if (w->st.gone) {
		w->st.gone = false;
		md_err("memdiag module loaded again; watching");
	}
	return 0;
}

/*
 * A commit rejection or an OOM kill: one line of its own between the
 * failure rows ("commit-rejection ..." / "oom-kill ..."), or one JSON
 * object with a "type" member.
 */
static int md_watch_mm(struct md_watch *w, struct nlmsghdr *nlh, bool oom)
{
	struct md_recs rs = { 0 };
	const struct md_rec *r;
	char *why, *t;
	int ret;

	rs.strings = oom ? 1ULL << MEMDIAG_A_OOM_COMM | 1ULL << MEMDIAG_A_OOM_CGROUP_PATH |
			   1ULL << MEMDIAG_A_OOM_MEMCG_PATH |
			   1ULL << MEMDIAG_A_OOM_TRIGGER_COMM |
			   1ULL << MEMDIAG_A_OOM_GFP_NAMES :
			   1ULL << MEMDIAG_A_COMMIT_COMM | 1ULL << MEMDIAG_A_COMMIT_CGROUP_PATH;
	ret = md_recs_reply(nlh, &rs);
	if (ret || !rs.n) {
		md_recs_free(&rs);
		return 0;
	}
	r = &rs.v[0];
	why = oom ? md_oom_why(r, w->o->bytes) : md_commit_why(r, w->o->bytes);
	t = md_time_iso(oom ? r->v[MEMDIAG_A_OOM_REAL_NS] : r->v[MEMDIAG_A_COMMIT_REAL_NS]);
	if (why && t) {
		const char *comm = oom ? r->s[MEMDIAG_A_OOM_COMM] : r->s[MEMDIAG_A_COMMIT_COMM];
		uint64_t pid = oom ? r->v[MEMDIAG_A_OOM_PID] : r->v[MEMDIAG_A_COMMIT_PID];

		if (w->o->json) {
			struct md_json j;

			md_json_begin_line(&j, w->p.out);
			md_json_str(&j, "type", oom ? "oom-kill" : "commit-rejection");
			md_json_u64(&j, "seq", oom ? r->v[MEMDIAG_A_OOM_SEQ] :
				    r->v[MEMDIAG_A_COMMIT_SEQ]);
			md_json_str(&j, "time", t);
			md_json_u64(&j, "pid", pid);
			md_json_str(&j, "comm", comm ? comm : "");
			md_json_str(&j, "why", why);
			md_json_end(&j);
		} else {
			fprintf(w->p.out, "%s %s %" PRIu64 " %s: %s\n",
				oom ? "oom-kill" : "commit-rejection", t, pid,
				comm ? comm : "", why);
		}
	}
	free(why);
	free(t);
	md_recs_free(&rs);
	if (fflush(w->p.out)) {
		md_err("cannot print the events: %s", strerror(errno));
		return MD_EXIT_ERROR;
	}
	return 0;
}

/* One message from the kernel. Returns 0 or an exit code. */
static int md_watch_msg(struct md_watch *w, struct nlmsghdr *nlh,
			bool *need_sync)
{
	struct md_event ev;
	int ret;

	if (w->st.family > 0 && nlh->nlmsg_type == w->st.family &&
	    genlmsg_valid_hdr(nlh, 0) &&
	    (genlmsg_hdr(nlh)->cmd == MEMDIAG_CMD_COMMIT_NTF ||
	     genlmsg_hdr(nlh)->cmd == MEMDIAG_CMD_OOM_NTF))
		return md_watch_mm(w, nlh, genlmsg_hdr(nlh)->cmd == MEMDIAG_CMD_OOM_NTF);
	switch (md_ntf_classify(nlh, w->st.family, w->o->family)) {
	case MD_NTF_FAMILY:
		*need_sync = true;
		return 0;
	case MD_NTF_EVENT:
		break;
	default:
		return 0;
	}
	md_nl_check_version(&w->nl, genlmsg_hdr(nlh)->version);
	ret = md_event_parse(nlh, &ev);
	if (ret) {
		md_warn("cannot decode a failure record: %s", strerror(-ret));
		return 0;
	}
	if (MD_HAS(ev.present, MEMDIAG_A_EVENT_SEQ)) {
		/* Notifications carry no MISSED_BEFORE: a gap says it. */
		if (w->last_seq && ev.seq > w->last_seq + 1 &&
		    !ev.missed_before)
			ev.missed_before = ev.seq - w->last_seq - 1;
		w->last_seq = ev.seq;
	}
	md_evprint_missed(&w->p, &ev);
	ret = md_evprint_event(&w->p, &ev);
	md_event_free(&ev);
	if (!ret && fflush(w->p.out))
		ret = -errno;
	if (ret) {
		md_err("cannot print the events: %s", strerror(-ret));
		return MD_EXIT_ERROR;
	}
	return 0;
}

/*
 * What is queued on the socket, up to a bound so that a storm cannot keep
 * signals and look-ups waiting. Returns 0 or an exit code.
 */
static int md_watch_read(struct md_watch *w, bool *need_sync)
{
	int i;

	for (i = 0; i < MD_WATCH_BATCH; i++) {
		struct sockaddr_nl sa;
		struct iovec iov = { w->buf, MD_WATCH_BUF };
		struct msghdr mh = {
			.msg_name = &sa, .msg_namelen = sizeof(sa),
			.msg_iov = &iov, .msg_iovlen = 1,
		};
		struct nlmsghdr *nlh;
		ssize_t n;
		int ret;

		n = recvmsg(w->fd, &mh, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return 0;
			if (errno == ENOBUFS) {
				md_err("events were lost: the socket's receive buffer overflowed; continuing");
				/* A notification about the family may be lost too. */
				*need_sync = true;
				continue;
			}
			md_err("cannot receive from the memdiag events group: %s",
			       strerror(errno));
			return MD_EXIT_ERROR;
		}
		if (mh.msg_flags & MSG_TRUNC) {
			md_warn("a message longer than %d bytes was dropped",
				MD_WATCH_BUF);
			continue;
		}
		/* Only the kernel speaks here. */
		if (mh.msg_namelen != sizeof(sa) || sa.nl_pid)
			continue;
		for (nlh = (struct nlmsghdr *)w->buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			ret = md_watch_msg(w, nlh, need_sync);
			if (ret)
				return ret;
		}
	}
	return 0;
}

static int md_watch_open(struct md_watch *w)
{
	int grp, size = MD_WATCH_RCVBUF, ret;

	w->sk = nl_socket_alloc();
	w->buf = malloc(MD_WATCH_BUF);
	if (!w->sk || !w->buf)
		return md_err_nomem();
	/* Notifications: no requests, no sequence numbers to check. */
	nl_socket_disable_seq_check(w->sk);
	ret = nl_connect(w->sk, NETLINK_GENERIC);
	if (ret < 0) {
		md_err("cannot open a generic netlink socket: %s",
		       nl_geterror(ret));
		return MD_EXIT_ERROR;
	}
	w->fd = nl_socket_get_fd(w->sk);
	/* Past rmem_max if allowed (CAP_NET_ADMIN), else up to it. */
	if (setsockopt(w->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
		       sizeof(size)) < 0)
		setsockopt(w->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));

	/* The controller says when families come and go; not essential. */
	grp = genl_ctrl_resolve_grp(w->nl.sk, "nlctrl", "notify");
	if (grp < 0 || nl_socket_add_membership(w->sk, grp) < 0)
		md_warn("cannot follow generic netlink families; module reloads are noticed within a second");
	return md_watch_sync(w);
}

static int md_watch_loop(struct md_watch *w, int sigfd)
{
	uint64_t next = md_monotonic_ms() + MD_WATCH_CHECK_MS;
	int ret;

	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = w->fd, .events = POLLIN },
			{ .fd = sigfd, .events = POLLIN },
		};
		uint64_t now = md_monotonic_ms();
		bool need_sync = false;
		int n;

		n = poll(pfd, 2, now < next ? (int)(next - now) : 0);
		if (n < 0 && errno != EINTR) {
			md_err("poll: %s", strerror(errno));
			return MD_EXIT_ERROR;
		}
		/*
		 * SIGINT or SIGTERM. It stays pending and blocked: a second
		 * one while exiting cannot turn exit code 0 into a death.
		 */
		if (n > 0 && pfd[1].revents)
			return 0;
		if (n > 0 && pfd[0].revents) {
			ret = md_watch_read(w, &need_sync);
			if (ret)
				return ret;
		}
		now = md_monotonic_ms();
		if (need_sync || now >= next) {
			ret = md_watch_sync(w);
			if (ret)
				return ret;
			next = md_monotonic_ms() + MD_WATCH_CHECK_MS;
		}
	}
}

static int md_watch_run(const struct md_opts *o)
{
	struct md_watch w = { .o = o, .fd = -1, .st.family = -1 };
	sigset_t set;
	int sigfd = -1, ret;

	ret = md_nl_open(&w.nl, o->family);
	if (ret)
		return ret;
	ret = md_evprint_init(&w.p, stdout, o, md_watch_details, true);
	if (ret)
		goto out_nl;

	/*
	 * The signals come through a descriptor poll() watches; they stay
	 * blocked until exit.
	 */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (!sigprocmask(SIG_BLOCK, &set, NULL))
		sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sigfd < 0) {
		md_err("cannot catch signals: %s", strerror(errno));
		ret = MD_EXIT_ERROR;
		goto out;
	}
	ret = md_watch_open(&w);
	if (!ret)
		ret = md_watch_loop(&w, sigfd);
out:
	if (sigfd >= 0)
		close(sigfd);
	if (w.sk)
		nl_socket_free(w.sk);
	free(w.buf);
	md_evprint_free(&w.p);
out_nl:
	md_nl_close(&w.nl);
	return ret;
}

const struct md_cmd md_cmd_watch = {
	.name	  = "watch",
	.help	  = " watch [--details]      print failure records, commit rejections and\n"
		    "                        OOM kills as they come, until interrupted\n"
		    "                        (needs CAP_NET_ADMIN)\n",
	.longopts = md_watch_opts,
	.opthelp  = "     --details          add each record's zone snapshot and stack\n",
	.cols	  = md_event_cols,
	.ncols	  = MD_EVENT_NCOLS,
	.colswhat = "the record lines",
	.opt	  = md_watch_opt,
	.run	  = md_watch_run,
};
