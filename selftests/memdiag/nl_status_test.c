// SPDX-License-Identifier: GPL-2.0
/*
 * GET_STATUS and SET_CONFIG of the memdiag family, checked against what the
 * kernel says elsewhere: modinfo's version in /sys/module, uname -r, the
 * module parameters in sysfs. Expects memdiag to be loaded (nl_status.sh
 * loads it); skips when it is not or when not run as root.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <grp.h>

#include <linux/memdiag.h>

#include "genl.h"
#include "kselftest_harness.h"

#define PARAM_DIR "/sys/module/memdiag/parameters/"

struct status {
	char version[64];
	char release[128];
	uint32_t family_version;
	uint32_t rate_limit, stack_depth, ring_size;
	int have_config;
	int netlink_ok;
	int nr_features;
	uint64_t mem_bytes;
	uint64_t loaded_ns;
};

static void parse_config(struct nlattr *nest, struct status *s)
{
	struct nlattr *a;

	s->have_config = 1;
	genl_for_each_attr(a, genl_attr_data(nest), genl_attr_len(nest)) {
		uint32_t v = *(uint32_t *)genl_attr_data(a);

		switch (a->nla_type) {
		case MEMDIAG_A_CONFIG_RATE_LIMIT:
			s->rate_limit = v;
			break;
		case MEMDIAG_A_CONFIG_STACK_DEPTH:
			s->stack_depth = v;
			break;
		case MEMDIAG_A_CONFIG_RING_SIZE:
			s->ring_size = v;
			break;
		}
	}
}

static void parse_feature(struct nlattr *nest, struct status *s)
{
	char name[32] = "";
	uint32_t state = ~0u;
	struct nlattr *a;

	s->nr_features++;
	genl_for_each_attr(a, genl_attr_data(nest), genl_attr_len(nest)) {
		if (a->nla_type == MEMDIAG_A_FEATURE_NAME)
			snprintf(name, sizeof(name), "%s", (char *)genl_attr_data(a));
		else if (a->nla_type == MEMDIAG_A_FEATURE_STATE)
			state = *(uint32_t *)genl_attr_data(a);
	}
	if (!strcmp(name, "netlink") && state == MEMDIAG_FEATURE_STATE_OK)
		s->netlink_ok = 1;
}

static void parse_status(struct genl_result *r, struct status *s)
{
	struct nlattr *attrs, *a;
	int len;

	memset(s, 0, sizeof(*s));
	attrs = genl_reply_attrs(r, &len);
	genl_for_each_attr(a, attrs, len) {
		void *d = genl_attr_data(a);

		switch (a->nla_type & NLA_TYPE_MASK) {
		case MEMDIAG_A_STATUS_VERSION:
			snprintf(s->version, sizeof(s->version), "%s", (char *)d);
			break;
		case MEMDIAG_A_STATUS_KERNEL_RELEASE:
			snprintf(s->release, sizeof(s->release), "%s", (char *)d);
			break;
		case MEMDIAG_A_STATUS_FAMILY_VERSION:
			s->family_version = *(uint32_t *)d;
			break;
		case MEMDIAG_A_STATUS_FEATURE:
			parse_feature(a, s);
			break;
		case MEMDIAG_A_STATUS_CONFIG:
			parse_config(a, s);
			break;
		case MEMDIAG_A_STATUS_MEM_BYTES:
			memcpy(&s->mem_bytes, d, 8);
			break;
		case MEMDIAG_A_STATUS_LOADED_NS:
			memcpy(&s->loaded_ns, d, 8);
			break;
		}
	}
}

static int read_file(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

static long read_param(const char *name)
{
	char path[128], buf[64];

	snprintf(path, sizeof(path), PARAM_DIR "%s", name);
	if (read_file(path, buf, sizeof(buf)))
		return -1;
	return strtol(buf, NULL, 10);
}

static int write_param(const char *name, const char *val)
{
	char path[128];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), PARAM_DIR "%s", name);
	f = fopen(path, "w");
	if (!f)
		return -errno;
	ret = fputs(val, f) < 0 ? -errno : 0;
	if (fclose(f) && !ret)
		ret = -errno;
	return ret;
}

FIXTURE(memdiag) {
	int fd;
	int family;
	struct genl_msg req;
	struct genl_result res;
	struct status saved;
	struct status saved_after;
};

static int get_status(struct _test_data_memdiag *self, struct status *s)
{
	genl_init(&self->req, self->family, MEMDIAG_CMD_GET_STATUS, 1);
	if (genl_talk(self->fd, &self->req, &self->res) || self->res.error)
		return -1;
	parse_status(&self->res, s);
	return 0;
}

/*
 * SET_CONFIG with the given values; a negative value leaves it out.
 * Returns the kernel's errno (0: accepted), or -1 if the socket failed.
 */
static int set_config(struct _test_data_memdiag *self, long rate, long depth)
{
	struct nlattr *nest;

	genl_init(&self->req, self->family, MEMDIAG_CMD_SET_CONFIG, 1);
	nest = genl_nest_start(&self->req, MEMDIAG_A_STATUS_CONFIG);
	if (rate >= 0)
		genl_put_u32(&self->req, MEMDIAG_A_CONFIG_RATE_LIMIT, rate);
	if (depth >= 0)
		genl_put_u32(&self->req, MEMDIAG_A_CONFIG_STACK_DEPTH, depth);
	genl_nest_end(&self->req, nest);
	if (genl_talk(self->fd, &self->req, &self->res))
		return -1;
	return self->res.error;
}

FIXTURE_SETUP(memdiag)
{
	if (geteuid())
		SKIP(return, "must be run as root");
	self->fd = genl_open();
	ASSERT_LE(0, self->fd);
	self->family = genl_resolve(self->fd, MEMDIAG_FAMILY_NAME);
	if (self->family == -ENOENT)
		SKIP(return, "memdiag module not loaded");
	ASSERT_LT(0, self->family);
	ASSERT_EQ(0, get_status(self, &self->saved));
}

FIXTURE_TEARDOWN(memdiag)
{
	if (self->family > 0)
		set_config(self, self->saved.rate_limit, self->saved.stack_depth);
	if (self->fd >= 0)
		close(self->fd);
}

TEST_F(memdiag, status_matches_modinfo_and_uname)
{
	struct status s;
	struct utsname u;
	char version[64];

	ASSERT_EQ(0, get_status(self, &s));
	ASSERT_EQ(0, read_file("/sys/module/memdiag/version", version,
			       sizeof(version)));
	EXPECT_STREQ(version, s.version);
	ASSERT_EQ(0, uname(&u));
	EXPECT_STREQ(u.release, s.release);
	EXPECT_EQ(MEMDIAG_FAMILY_VERSION, s.family_version);
	EXPECT_TRUE(s.netlink_ok);
	EXPECT_LE(1, s.nr_features);
	ASSERT_TRUE(s.have_config);
	EXPECT_EQ(read_param("rate_limit"), s.rate_limit);
	EXPECT_EQ(read_param("stack_depth"), s.stack_depth);
	EXPECT_EQ(read_param("ring_size"), s.ring_size);
	EXPECT_LT(0, s.loaded_ns);
}

TEST_F(memdiag, set_config_round_trips)
{
	struct status s;

	ASSERT_EQ(0, set_config(self, 123, 7));
	/* The reply carries the resulting configuration. */
	parse_status(&self->res, &s);
	ASSERT_TRUE(s.have_config);
	EXPECT_EQ(123, s.rate_limit);
	EXPECT_EQ(7, s.stack_depth);

	ASSERT_EQ(0, get_status(self, &s));
	EXPECT_EQ(123, s.rate_limit);
	EXPECT_EQ(7, s.stack_depth);
	EXPECT_EQ(123, read_param("rate_limit"));
	EXPECT_EQ(7, read_param("stack_depth"));

	/* One setting alone leaves the other as it was. */
	ASSERT_EQ(0, set_config(self, -1, 0));
	ASSERT_EQ(0, get_status(self, &s));
	EXPECT_EQ(123, s.rate_limit);
	EXPECT_EQ(0, s.stack_depth);

	/* The bounds themselves are valid. */
	ASSERT_EQ(0, set_config(self, MEMDIAG_RATE_LIMIT_MAX,
				MEMDIAG_STACK_DEPTH_MAX));
	ASSERT_EQ(0, get_status(self, &s));
	EXPECT_EQ(MEMDIAG_RATE_LIMIT_MAX, s.rate_limit);
	EXPECT_EQ(MEMDIAG_STACK_DEPTH_MAX, s.stack_depth);

	/* sysfs writes land in the same place. */
	ASSERT_EQ(0, write_param("rate_limit", "77"));
	ASSERT_EQ(0, get_status(self, &s));
	EXPECT_EQ(77, s.rate_limit);
}

TEST_F(memdiag, set_config_rejects_out_of_range)
{
	struct status s;

	ASSERT_EQ(ERANGE, set_config(self, MEMDIAG_RATE_LIMIT_MAX + 1, -1));
	EXPECT_NE(NULL, strstr(self->res.msg, "out of range"));
	TH_LOG("extack: %s (offset %u)", self->res.msg, self->res.offs);
	EXPECT_NE(0, self->res.offs);

	ASSERT_EQ(ERANGE, set_config(self, -1, MEMDIAG_STACK_DEPTH_MAX + 1));
	EXPECT_NE(NULL, strstr(self->res.msg, "out of range"));

	/* A valid setting next to an invalid one is not applied either. */
	ASSERT_EQ(ERANGE, set_config(self, 5, MEMDIAG_STACK_DEPTH_MAX + 1));
	ASSERT_EQ(0, get_status(self, &s));
	EXPECT_EQ(self->saved.rate_limit, s.rate_limit);

	/* sysfs refuses the same values. */
	EXPECT_EQ(-EINVAL, write_param("rate_limit", "1000001"));
	EXPECT_EQ(-EINVAL, write_param("stack_depth", "33"));
	EXPECT_EQ(-EINVAL, write_param("stack_depth", "-1"));
	EXPECT_EQ(-EINVAL, write_param("stack_depth", "4x"));
	ASSERT_EQ(0, get_status(self, &s));
	EXPECT_EQ(self->saved.rate_limit, s.rate_limit);
	EXPECT_EQ(self->saved.stack_depth, s.stack_depth);
}

TEST_F(memdiag, set_config_rejects_ring_size)
{
	struct nlattr *nest;

	genl_init(&self->req, self->family, MEMDIAG_CMD_SET_CONFIG, 1);
	nest = genl_nest_start(&self->req, MEMDIAG_A_STATUS_CONFIG);
	genl_put_u32(&self->req, MEMDIAG_A_CONFIG_RING_SIZE, 4096);
	genl_nest_end(&self->req, nest);
	ASSERT_EQ(0, genl_talk(self->fd, &self->req, &self->res));
	EXPECT_EQ(EINVAL, self->res.error);
	EXPECT_NE(NULL, strstr(self->res.msg, "ring-size is set at load only"));
}

/* The running kernel is older than @major.@minor. */
static int kernel_before(int major, int minor)
{
	struct utsname u;
	int ma = 0, mi = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &ma, &mi) != 2)
		return 0;
	return ma < major || (ma == major && mi < minor);
}

TEST_F(memdiag, set_config_needs_a_setting)
{
	/* An empty nest says there is nothing to change. */
	ASSERT_EQ(EINVAL, set_config(self, -1, -1));
	EXPECT_NE(NULL, strstr(self->res.msg, "no setting to change"));

	/* No config nest at all: the missing attribute is named. */
	genl_init(&self->req, self->family, MEMDIAG_CMD_SET_CONFIG, 1);
	ASSERT_EQ(0, genl_talk(self->fd, &self->req, &self->res));
	EXPECT_EQ(EINVAL, self->res.error);
	if (kernel_before(6, 0)) {
		EXPECT_EQ(0, self->res.miss_type);
		SKIP(return, "the extended ACK names missing attributes from 6.0 on");
	}
	EXPECT_EQ(MEMDIAG_A_STATUS_CONFIG, self->res.miss_type);
}

TEST_F(memdiag, malformed_requests_rejected_with_extack)
{
	uint8_t one_byte = 1;
	struct nlattr *nest;

	/* Truncated u32. */
	genl_init(&self->req, self->family, MEMDIAG_CMD_SET_CONFIG, 1);
	nest = genl_nest_start(&self->req, MEMDIAG_A_STATUS_CONFIG);
	genl_put(&self->req, MEMDIAG_A_CONFIG_RATE_LIMIT, &one_byte, 1);
	genl_nest_end(&self->req, nest);
	ASSERT_EQ(0, genl_talk(self->fd, &self->req, &self->res));
	EXPECT_NE(0, self->res.error);
	EXPECT_NE(0, self->res.msg[0]);

	/* Unknown attribute in the nest. */
	genl_init(&self->req, self->family, MEMDIAG_CMD_SET_CONFIG, 1);
	nest = genl_nest_start(&self->req, MEMDIAG_A_STATUS_CONFIG);
	genl_put_u32(&self->req, MEMDIAG_A_CONFIG_MAX + 1, 1);
	genl_nest_end(&self->req, nest);
	ASSERT_EQ(0, genl_talk(self->fd, &self->req, &self->res));
	EXPECT_EQ(EINVAL, self->res.error);
	EXPECT_NE(0, self->res.msg[0]);

	/* GET_STATUS takes no attributes, known or not. */
	genl_init(&self->req, self->family, MEMDIAG_CMD_GET_STATUS, 1);
	genl_put_u32(&self->req, MEMDIAG_A_STATUS_FAMILY_VERSION, 1);
	ASSERT_EQ(0, genl_talk(self->fd, &self->req, &self->res));
	EXPECT_EQ(EINVAL, self->res.error);
	EXPECT_NE(0, self->res.msg[0]);

	genl_init(&self->req, self->family, MEMDIAG_CMD_GET_STATUS, 1);
	genl_put_u32(&self->req, 200, 1);
	ASSERT_EQ(0, genl_talk(self->fd, &self->req, &self->res));
	EXPECT_EQ(EINVAL, self->res.error);
	EXPECT_NE(0, self->res.msg[0]);

	/* Config sent as a plain u32 instead of a nest. */
	genl_init(&self->req, self->family, MEMDIAG_CMD_SET_CONFIG, 1);
	genl_put_u32(&self->req, MEMDIAG_A_STATUS_CONFIG, 1);
	ASSERT_EQ(0, genl_talk(self->fd, &self->req, &self->res));
	EXPECT_NE(0, self->res.error);

	/* Unknown command. */
	genl_init(&self->req, self->family, MEMDIAG_CMD_MAX + 1, 1);
	ASSERT_EQ(0, genl_talk(self->fd, &self->req, &self->res));
	EXPECT_EQ(EOPNOTSUPP, self->res.error);

	/* Reserved genl header byte set: strict families refuse it. */
	genl_init(&self->req, self->family, MEMDIAG_CMD_GET_STATUS, 1);
	((struct genlmsghdr *)NLMSG_DATA(&self->req.nlh))->reserved = 1;
	ASSERT_EQ(0, genl_talk(self->fd, &self->req, &self->res));
	EXPECT_EQ(EINVAL, self->res.error);
}

/* Drop to nobody (which drops every capability) in a child process. */
static int as_nobody(void)
{
	return setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	       setresuid(65534, 65534, 65534) ? -1 : 0;
}

TEST_F(memdiag, unprivileged_set_config_is_eperm)
{
	pid_t pid = fork();
	int status;

	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct genl_result *r = calloc(1, sizeof(*r));
		struct genl_msg *m = calloc(1, sizeof(*m));
		struct nlattr *nest;
		int fd, family;

		if (!r || !m || as_nobody())
			_exit(10);
		fd = genl_open();
		family = genl_resolve(fd, MEMDIAG_FAMILY_NAME);
		if (family <= 0)
			_exit(11);
		/* GET_STATUS is open to all... */
		genl_init(m, family, MEMDIAG_CMD_GET_STATUS, 1);
		if (genl_talk(fd, m, r) || r->error || !r->have_reply)
			_exit(12);
		/* ...SET_CONFIG is not. */
		genl_init(m, family, MEMDIAG_CMD_SET_CONFIG, 1);
		nest = genl_nest_start(m, MEMDIAG_A_STATUS_CONFIG);
		genl_put_u32(m, MEMDIAG_A_CONFIG_RATE_LIMIT, 1);
		genl_nest_end(m, nest);
		if (genl_talk(fd, m, r))
			_exit(13);
		_exit(r->error == EPERM ? 0 : 14);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* And nothing changed. */
	ASSERT_EQ(0, get_status(self, &self->saved_after));
	EXPECT_EQ(self->saved.rate_limit, self->saved_after.rate_limit);
}

TEST_F(memdiag, family_only_in_init_netns)
{
	pid_t pid = fork();
	int status;

	ASSERT_LE(0, pid);
	if (pid == 0) {
		int fd;

		if (unshare(CLONE_NEWNET))
			_exit(10);
		fd = genl_open();
		if (fd < 0)
			_exit(11);
		/* The controller itself answers, memdiag is not there. */
		if (genl_resolve(fd, "nlctrl") <= 0)
			_exit(12);
		_exit(genl_resolve(fd, MEMDIAG_FAMILY_NAME) == -ENOENT ? 0 : 13);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST_HARNESS_MAIN
