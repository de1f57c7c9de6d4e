// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile input for the memdiag family: random and malformed requests
 * (unknown commands, wrong and unknown attribute types, truncated and
 * oversized attributes, nested garbage, bad header lengths and flags, huge
 * dump cursors, dumps abandoned half-way) from several processes with
 * several sockets each. Every request must get a well-formed answer; a
 * rejection of a known command's attributes must say why (extack); a caller
 * without CAP_NET_ADMIN must get nothing but the documented unprivileged
 * commands; and the module must answer GET_STATUS as before when it is over.
 *
 *   nl_fuzz [-n MESSAGES] [-p PROCESSES] [-s SEED] [-u]
 *     -u: drop to nobody (uid/gid 65534, no capabilities) before fuzzing
 * Prints KTAP; exit 0 pass, 1 fail, 4 skip.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/memdiag.h>

#include "genl.h"

#define SOCKETS_PER_PROC 4
/* Commands open to callers without CAP_NET_ADMIN (README, spec). */
#define UNPRIV_OK(cmd) ((cmd) == MEMDIAG_CMD_GET_STATUS || \
			(cmd) == MEMDIAG_CMD_GET_COUNTERS || \
			(cmd) == MEMDIAG_CMD_GET_ZONES || \
			(cmd) == MEMDIAG_CMD_GET_MM_COUNTERS)

struct tally {
	unsigned long sent, answered, ok, rejected, with_extack;
	unsigned long abandoned, bad;	/* bad: a rule was broken */
};

static uint64_t rng;

static uint64_t rnd(void)
{
	/* xorshift64*: reproducible from -s SEED */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static unsigned int below(unsigned int n)
{
	return n ? rnd() % n : 0;
}

/* A random attribute; sometimes a nest of random attributes. */
static void put_random_attr(struct genl_msg *m, int depth)
{
	char payload[96];
	uint16_t type = below(24);
	uint16_t len;
	unsigned int i;

	if (below(8) == 0)
		type |= NLA_F_NESTED;
	if (below(16) == 0)
		type = rnd();	/* any type bits at all */
	if (depth < 3 && below(6) == 0) {
		struct nlattr *nest = genl_nest_start(m, type | NLA_F_NESTED);
		unsigned int n = below(4);

		for (i = 0; i < n; i++)
			put_random_attr(m, depth + 1);
		genl_nest_end(m, nest);
		return;
	}
	switch (below(5)) {
	case 0:
		len = 0;
		break;
	case 1:
		len = 4;	/* a u32's size with a wild value */
		break;
	case 2:
		len = 8;	/* a u64: huge dump cursors among them */
		break;
	default:
		len = below(sizeof(payload));
		break;
	}
	for (i = 0; i < len; i++)
		payload[i] = rnd();
	if (len == 8 && below(2)) {
		uint64_t v = below(2) ? ~0ULL - below(4) : rnd();

		memcpy(payload, &v, 8);
	}
	genl_put(m, type, payload, len);
}

static void build(struct genl_msg *m, int family, uint8_t *cmd, int *dump)
{
	struct genlmsghdr *g;
	unsigned int i, n;

	*cmd = below(10) == 0 ? below(256) : 1 + below(MEMDIAG_CMD_MAX + 2);
	*dump = below(3) == 0;
	genl_init(m, family, *cmd, below(8) == 0 ? below(256) : 1);
	g = NLMSG_DATA(&m->nlh);
	if (below(16) == 0)
		g->reserved = rnd();
	n = below(5);
	for (i = 0; i < n; i++)
		put_random_attr(m, 0);
	if (*dump)
		m->nlh.nlmsg_flags |= NLM_F_DUMP;
	if (below(16) == 0)
		m->nlh.nlmsg_flags |= rnd() & 0xff00;	/* stray flags */
	switch (below(24)) {
	case 0:		/* cut the message anywhere, even inside a header */
		m->nlh.nlmsg_len = NLMSG_HDRLEN + below(m->nlh.nlmsg_len - NLMSG_HDRLEN + 1);
		break;
	case 1:		/* the last attribute claims more than the message holds */
		if (m->nlh.nlmsg_len > NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN) {
			struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(&m->nlh) + GENL_HDRLEN);

			a->nla_len = 0xffff - below(16);
		}
		break;
	case 2:		/* attribute length below its own header */
		if (m->nlh.nlmsg_len >= NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN) {
			struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(&m->nlh) + GENL_HDRLEN);

			a->nla_len = below(NLA_HDRLEN);
		}
		break;
	}
}

/*
 * Read the answer to @seq. Returns 1 when it was complete, 0 when we
 * stopped reading a dump on purpose, -1 on a socket problem or timeout.
 */
static int answer(int fd, uint32_t seq, int abandon, struct genl_result *r,
		  int *data_msgs)
{
	static char buf[GENL_BUF_SIZE * 2];

	memset(r, 0, sizeof(*r));
	*data_msgs = 0;
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		struct nlmsghdr *nlh;
		ssize_t n;

		if (poll(&p, 1, 10000) != 1)
			return -1;
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -1;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != seq)
				continue;
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);

				r->error = -e->error;
				genl_parse_extack(nlh, r);
				if (e->error || !(nlh->nlmsg_flags & NLM_F_MULTI))
					return 1;
				continue;
			}
			if (nlh->nlmsg_type == NLMSG_DONE) {
				int err = *(int *)NLMSG_DATA(nlh);

				r->error = err < 0 ? -err : 0;
				if (err < 0)
					genl_parse_extack(nlh, r);
				return 1;
			}
			(*data_msgs)++;
			if (abandon)
				return 0;
		}
	}
}

static int reopen(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = genl_open();
	return *fd < 0 ? -1 : 0;
}

static void fuzz(int family, unsigned long count, int unpriv, struct tally *t)
{
	static struct genl_msg m;
	struct genl_result r;
	int fds[SOCKETS_PER_PROC];
	uint32_t seq = 1;
	unsigned long i;
	int k;

	for (k = 0; k < SOCKETS_PER_PROC; k++) {
		fds[k] = -1;
		if (reopen(&fds[k])) {
			t->bad++;
			return;
		}
	}
	for (i = 0; i < count; i++) {
		int *fd = &fds[below(SOCKETS_PER_PROC)];
		int dump, abandon, msgs, ret;
		uint8_t cmd;

		build(&m, family, &cmd, &dump);
		abandon = dump && below(4) == 0;
		m.nlh.nlmsg_seq = ++seq;
		/* The kernel answers every request but the too short ones. */
		if (send(*fd, &m, m.nlh.nlmsg_len, 0) < 0) {
			t->bad++;
			fprintf(stderr, "# send: %s\n", strerror(errno));
			return;
		}
		t->sent++;
		if (m.nlh.nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN) {
			/* Netlink may drop what it cannot parse: no answer owed. */
			reopen(fd);
			continue;
		}
		ret = answer(*fd, seq, abandon, &r, &msgs);
		if (ret < 0) {
			t->bad++;
			fprintf(stderr, "# no answer to cmd %u (dump %d, len %u)\n",
				cmd, dump, m.nlh.nlmsg_len);
			reopen(fd);
			continue;
		}
		t->answered++;
		if (ret == 0) {
			/* Walk away from a dump half-way: close mid-dump. */
			t->abandoned++;
			reopen(fd);
			continue;
		}
		if (r.error) {
			t->rejected++;
			if (r.msg[0])
				t->with_extack++;
			/*
			 * A known command whose attributes were refused must
			 * say why; unknown commands (EOPNOTSUPP) and missing
			 * rights (EPERM) are the core's plain answers.
			 */
			if (cmd >= 1 && cmd <= MEMDIAG_CMD_MAX &&
			    (r.error == EINVAL || r.error == ERANGE) &&
			    !r.msg[0] && !r.offs && !r.miss_type &&
			    m.nlh.nlmsg_len > NLMSG_HDRLEN + GENL_HDRLEN) {
				t->bad++;
				fprintf(stderr, "# cmd %u rejected (%s) without extack:",
					cmd, strerror(r.error));
				for (k = 0; k < (int)m.nlh.nlmsg_len && k < 48; k++)
					fprintf(stderr, " %02x", (unsigned char)m.buf[k]);
				fprintf(stderr, "\n");
			}
		} else {
			t->ok++;
			if (unpriv && !UNPRIV_OK(cmd)) {
				t->bad++;
				fprintf(stderr, "# unprivileged caller got cmd %u answered\n", cmd);
			}
		}
	}
	for (k = 0; k < SOCKETS_PER_PROC; k++)
		close(fds[k]);
}

static int drop_to_nobody(void)
{
	return setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	       setresuid(65534, 65534, 65534);
}

static int status_version(int fd, int family, char *ver, size_t len)
{
	static struct genl_msg m;
	struct genl_result r;
	struct nlattr *a;
	int alen;

	genl_init(&m, family, MEMDIAG_CMD_GET_STATUS, 1);
	if (genl_talk(fd, &m, &r) || r.error || !r.have_reply)
		return -1;
	genl_for_each_attr(a, genl_reply_attrs(&r, &alen), alen)
		if ((a->nla_type & NLA_TYPE_MASK) == MEMDIAG_A_STATUS_VERSION)
			snprintf(ver, len, "%s", (char *)genl_attr_data(a));
	return ver[0] ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned long count = 100000, per;
	char before[64] = "", after[64] = "";
	int procs = 4, unpriv = 0, opt, fd, family, p, fail = 0;
	struct tally sum = { 0 };
	int pipefd[2];
	uint64_t seed = time(NULL);

	while ((opt = getopt(argc, argv, "n:p:s:u")) != -1) {
		switch (opt) {
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'p':
			procs = atoi(optarg);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'u':
			unpriv = 1;
			break;
		default:
			fprintf(stderr, "usage: %s [-n MESSAGES] [-p PROCESSES] [-s SEED] [-u]\n", argv[0]);
			return 2;
		}
	}
	if (procs < 1 || procs > 64 || !count)
		return 2;
	printf("TAP version 13\n1..3\n");
	fd = genl_open();
	family = fd < 0 ? -1 : genl_resolve(fd, MEMDIAG_FAMILY_NAME);
	if (family <= 0) {
		printf("ok 1 # SKIP memdiag module not loaded\n");
		return 4;
	}
	if (status_version(fd, family, before, sizeof(before)))
		return 1;
	if (pipe(pipefd))
		return 1;
	printf("# seed %llu, %lu messages from %d processes x %d sockets%s\n",
	       (unsigned long long)seed, count, procs, SOCKETS_PER_PROC,
	       unpriv ? ", as nobody" : "");
	fflush(stdout);
	per = (count + procs - 1) / procs;
	for (p = 0; p < procs; p++) {
		pid_t pid = fork();

		if (pid == 0) {
			struct tally t = { 0 };

			close(pipefd[0]);
			rng = seed * 0x9e3779b97f4a7c15ULL + p + 1;
			if (unpriv && drop_to_nobody())
				_exit(10);
			fuzz(family, per, unpriv, &t);
			if (write(pipefd[1], &t, sizeof(t)) != sizeof(t))
				_exit(11);
			_exit(0);
		}
		if (pid < 0)
			return 1;
	}
	close(pipefd[1]);
	for (p = 0; p < procs; p++) {
		struct tally t;
		int status;

		if (read(pipefd[0], &t, sizeof(t)) == sizeof(t)) {
			sum.sent += t.sent;
			sum.answered += t.answered;
			sum.ok += t.ok;
			sum.rejected += t.rejected;
			sum.with_extack += t.with_extack;
			sum.abandoned += t.abandoned;
			sum.bad += t.bad;
		}
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			fail = 1;
	}
	printf("# sent %lu, answered %lu: %lu accepted, %lu rejected (%lu with an extack message), %lu dumps abandoned; %lu broke a rule\n",
	       sum.sent, sum.answered, sum.ok, sum.rejected, sum.with_extack,
	       sum.abandoned, sum.bad);
	printf("%sok 1 every request answered as documented\n",
	       !fail && !sum.bad && sum.sent >= count ? "" : "not ");
	fail |= sum.bad || sum.sent < count;

	/* Still alive, still the same module, still answering. */
	close(fd);
	fd = genl_open();
	family = fd < 0 ? -1 : genl_resolve(fd, MEMDIAG_FAMILY_NAME);
	if (family <= 0 || status_version(fd, family, after, sizeof(after)) ||
	    strcmp(before, after)) {
		printf("not ok 2 module answers GET_STATUS after the fuzzing\n");
		fail = 1;
	} else {
		printf("ok 2 module answers GET_STATUS after the fuzzing\n");
	}
	/* Sanity of the fuzzer itself: it must have reached real handlers. */
	if (sum.ok >= count / 1000 && sum.rejected >= count / 10) {
		printf("ok 3 both accepted and rejected requests seen\n");
	} else {
		printf("not ok 3 both accepted and rejected requests seen\n");
		fail = 1;
	}
	return fail;
}
