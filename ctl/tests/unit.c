// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl unit tests: the pure parts (number, column list and size
 * formatting, extended ACK decoding, GET_STATUS decoding, request encoding,
 * exit codes, text and JSON rendering) on handcrafted messages. No kernel
 * module, no socket.
 *
 * Output is KTAP-ish: "ok N - name" / "not ok N - name", "# " diagnostics,
 * then the plan "1..N". Exit status 1 if any test failed.
 *
 * "unit --print WHAT" prints a rendering of a handcrafted reply instead
 * (status-text, status-json, status-json-nasty, config-text, config-json,
 * failures-text, failures-json, events-text, events-details, events-json,
 * watch-text, watch-json, metrics), for tests/cli.sh to check with
 * python3 -m json.tool.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <linux/genetlink.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <linux/memdiag.h>

#include "compat.h"
#include "events.h"
#include "aslimits.h"
#include "memcg.h"
#include "metrics.h"
#include "memdiagctl.h"
#include "mmrec.h"
#include "nl.h"
#include "output.h"
#include "proto.h"
#include "swapown.h"

/* ---- harness ------------------------------------------------------------ */

#include "harness.h"

/* Capture what is written to stderr between the two calls. */
static int cap_saved = -1;
static FILE *cap_file;

static void cap_begin(void)
{
	fflush(stderr);
	cap_file = tmpfile();
	if (!cap_file)
		abort();
	cap_saved = dup(2);
	dup2(fileno(cap_file), 2);
}

static char *cap_end(void)
{
	int fd = fileno(cap_file);
	off_t n;
	char *s;

	fflush(stderr);
	dup2(cap_saved, 2);
	close(cap_saved);
	n = lseek(fd, 0, SEEK_END);
	s = calloc(1, n + 1);
	if (!s || lseek(fd, 0, SEEK_SET) || read(fd, s, n) != n)
		abort();
	fclose(cap_file);
	return s;
}

/* Render with @fn into a string. */
static char *render(int (*fn)(FILE *, const void *), const void *arg, int *ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	*ret = fn(f, arg);
	fclose(f);
	return buf;
}

/* ---- memory cgroups: fake /proc files (memcg.c) ---------------------- */

static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

#define MI_CG2 "32 23 0:29 / /sys/fs/cgroup rw,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate\n"
#define PC_HEAD "#subsys_name\thierarchy\tnum_cgroups\tenabled\n"

/* Find the hierarchy in /proc/cgroups and mountinfo as @cg and @mi say. */
static int memcg_find_in(const char *dir, const char *cg, const char *mi,
			 struct md_memcg *m)
{
	char a[300], b[300];

	put_file(dir, "cgroups", cg);
	put_file(dir, "mountinfo", mi);
	snprintf(a, sizeof(a), "%s/cgroups", dir);
	snprintf(b, sizeof(b), "%s/mountinfo", dir);
	return md_memcg_find(a, b, m);
}

/*
 * Make md_memcg() say v1 (/tmp/memv1) or v2 (/sys/fs/cgroup) whatever the
 * host runs: the sentences name the files of that version.
 */
static void memcg_pin(bool v1)
{
	char dir[] = "/tmp/memdiag-unit-XXXXXX", cmd[80];
	struct md_memcg m;

	if (!mkdtemp(dir))
		abort();
	memcg_find_in(dir, v1 ? PC_HEAD "memory\t1\t2\t1\n" : PC_HEAD "memory\t0\t2\t1\n",
		      MI_CG2 "36 28 0:31 / /tmp/memv1 rw - cgroup none rw,memory\n", &m);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		abort();
}

/* ---- a minimal JSON validator (RFC 8259) -------------------------------- */

static const char *js_value(const char *p, int depth);

static const char *js_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *js_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p != '"') {
		unsigned char c = *p;
		int i, n;

		if (c < 0x20)
			return NULL;	/* NUL or an unescaped control */
		if (c == '\\') {
			p++;
			if (*p == 'u') {
				for (i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
						return NULL;
				p += 5;
			} else if (*p && strchr("\"\\/bfnrt", *p)) {
				p++;
			} else {
				return NULL;
			}
			continue;
		}
		n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 :
		    c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		if (!n)
			return NULL;
		for (i = 1; i < n; i++)
			if (((unsigned char)p[i] & 0xc0) != 0x80)
				return NULL;
		p += n;
	}
	return p + 1;
}

static const char *js_number(const char *p)
{
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (*p == '.') {
		if (*++p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

static const char *js_container(const char *p, int depth, char close, bool obj)
{
	p = js_ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (obj) {
			p = js_string(js_ws(p));
			if (!p)
				return NULL;
			p = js_ws(p);
			if (*p++ != ':')
				return NULL;
		}
		p = js_value(p, depth + 1);
		if (!p)
			return NULL;
		p = js_ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *js_value(const char *p, int depth)
{
	if (depth > 64)
		return NULL;
	p = js_ws(p);
	switch (*p) {
	case '{':
		return js_container(p, depth, '}', true);
	case '[':
		return js_container(p, depth, ']', false);
	case '"':
		return js_string(p);
	case 't':
		return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f':
		return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n':
		return strncmp(p, "null", 4) ? NULL : p + 4;
	default:
		return js_number(p);
	}
}

static bool json_valid(const char *s)
{
	const char *p = s ? js_value(s, 0) : NULL;

	return p && !*js_ws(p);
}

/* ---- handcrafted messages ----------------------------------------------- */

#define FAMILY_ID 0x20

/* A GET_STATUS reply as memdiag.ko builds it, plus what a newer one might. */
static struct nl_msg *mk_status(const char *feature_msg)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlattr *nest;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_GET_STATUS, MEMDIAG_FAMILY_VERSION))
		abort();
	if (nla_put_string(m, MEMDIAG_A_STATUS_VERSION, "0.1.0") ||
	    nla_put_string(m, MEMDIAG_A_STATUS_KERNEL_RELEASE, "6.1.0-test") ||
	    nla_put_u32(m, MEMDIAG_A_STATUS_FAMILY_VERSION, 1))
		abort();

	nest = nla_nest_start(m, MEMDIAG_A_STATUS_FEATURE | NLA_F_NESTED);
	if (!nest ||
	    nla_put_u32(m, MEMDIAG_A_FEATURE_ID, MEMDIAG_FEATURE_ID_NETLINK) ||
	    nla_put_string(m, MEMDIAG_A_FEATURE_NAME, "netlink") ||
	    nla_put_u32(m, MEMDIAG_A_FEATURE_STATE, MEMDIAG_FEATURE_STATE_OK) ||
	    nla_nest_end(m, nest))
		abort();
	nest = nla_nest_start(m, MEMDIAG_A_STATUS_FEATURE | NLA_F_NESTED);
	if (!nest ||
	    nla_put_u32(m, MEMDIAG_A_FEATURE_ID,
			MEMDIAG_FEATURE_ID_ALLOC_FAILURE) ||
	    nla_put_string(m, MEMDIAG_A_FEATURE_NAME, "alloc-failure") ||
	    nla_put_u32(m, MEMDIAG_A_FEATURE_STATE,
			MEMDIAG_FEATURE_STATE_FAILED) ||
	    nla_put_string(m, MEMDIAG_A_FEATURE_MESSAGE, feature_msg) ||
	    nla_nest_end(m, nest))
		abort();

	nest = nla_nest_start(m, MEMDIAG_A_STATUS_CONFIG | NLA_F_NESTED);
	if (!nest ||
	    nla_put_u32(m, MEMDIAG_A_CONFIG_RATE_LIMIT, 100) ||
	    nla_put_u32(m, MEMDIAG_A_CONFIG_STACK_DEPTH, 16) ||
	    nla_put_u32(m, MEMDIAG_A_CONFIG_RING_SIZE, 4096) ||
	    nla_nest_end(m, nest))
		abort();

	/* The kernel pads u64 attributes on some architectures. */
	if (nla_put(m, MEMDIAG_A_STATUS_PAD, 0, NULL) ||
	    nla_put_u64(m, MEMDIAG_A_STATUS_MEM_BYTES, 1572864) ||
	    nla_put_u64(m, MEMDIAG_A_STATUS_LOADED_NS, 5000000000ULL) ||
	    nla_put_u32(m, MEMDIAG_A_STATUS_MAX + 50, 7))
		abort();
	return m;
}

static void status_load(struct md_status *st, const char *feature_msg)
{
	struct nl_msg *m = mk_status(feature_msg);

	if (md_status_parse(nlmsg_hdr(m), st))
		abort();
	nlmsg_free(m);
}

#define NOW_NS (5000000000ULL + 75000000000ULL)	/* 75 s after load */

struct render_args {
	struct md_opts o;
	const char *feature_msg;
};

static int status_render(FILE *f, const void *arg)
{
	const struct render_args *a = arg;
	struct md_status st;
	int ret;

	status_load(&st, a->feature_msg);
	ret = md_status_print(f, &a->o, &st, NOW_NS);
	md_status_free(&st);
	return ret;
}

static int config_render(FILE *f, const void *arg)
{
	const struct render_args *a = arg;
	struct md_status st;
	int ret;

	status_load(&st, a->feature_msg);
	ret = md_config_print(f, &a->o, &st.config);
	md_status_free(&st);
	return ret;
}

/* Byte-level builder for kernel-made messages libnl cannot build. */
struct buf {
	uint32_t words[256];	/* aligned like a received message */
	size_t len;
};

static void buf_put(struct buf *b, const void *data, size_t n)
{
	if (b->len + n > sizeof(b->words))
		abort();
	memcpy((char *)b->words + b->len, data, n);
	b->len += n;
}

static void buf_align(struct buf *b)
{
	static const char zero[4];

	buf_put(b, zero, NLMSG_ALIGN(b->len) - b->len);
}

static void buf_attr(struct buf *b, uint16_t type, const void *data,
		     uint16_t n)
{
	struct nlattr a = { .nla_len = NLA_HDRLEN + n, .nla_type = type };

	buf_put(b, &a, sizeof(a));
	buf_put(b, data, n);
	buf_align(b);
}

/*
 * An NLMSG_ERROR for a request with @req_len bytes of payload: echoed
 * unless @capped; @tlvs says whether NLM_F_ACK_TLVS will follow.
 */
static void buf_nlmsgerr(struct buf *b, int error, bool capped, size_t req_len,
			 bool tlvs)
{
	struct nlmsghdr h = {
		.nlmsg_type = NLMSG_ERROR,
		.nlmsg_flags = (capped ? NLM_F_CAPPED : 0) |
			       (tlvs ? NLM_F_ACK_TLVS : 0),
		.nlmsg_seq = 7,
	};
	struct nlmsgerr e = {
		.error = error,
		.msg = {
			.nlmsg_len = NLMSG_HDRLEN + req_len,
			.nlmsg_type = FAMILY_ID,
			.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
			.nlmsg_seq = 7,
		},
	};
	size_t i;

	memset(b, 0, sizeof(*b));
	buf_put(b, &h, sizeof(h));
	buf_put(b, &e, sizeof(e));
	for (i = 0; !capped && i < req_len; i++)
		buf_put(b, "\x5a", 1);	/* the echoed request */
	buf_align(b);
}

static struct nlmsghdr *buf_done(struct buf *b)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)b->words;

	nlh->nlmsg_len = b->len;
	return nlh;
}

/* ---- tests -------------------------------------------------------------- */

static void t_size_human(void)
{
	static const struct { uint64_t v; const char *want; } c[] = {
		{ 0, "0B" }, { 1, "1B" }, { 1023, "1023B" }, { 1024, "1K" },
		{ 1536, "1.5K" }, { 1572864, "1.5M" }, { 1048575, "1M" },
		{ 1024ULL * 1024 * 1024 * 2, "2G" },
		{ 1024ULL * 1024 * 1024 * 2 + 1024ULL * 1024 * 100, "2.1G" },
		{ 1024ULL * 1024 * 1024 * 1024 * 3 / 2, "1.5T" },
		{ 1152921504606846976ULL, "1E" }, { UINT64_MAX, "16E" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		char *s = md_size_str(c[i].v, false);

		CHECK_STR(s, c[i].want);
		free(s);
	}
}

static void t_size_bytes(void)
{
	char *s = md_size_str(1572864, true);

	CHECK_STR(s, "1572864");
	free(s);
	s = md_size_str(UINT64_MAX, true);
	CHECK_STR(s, "18446744073709551615");
	free(s);
}

static void t_age(void)
{
	static const struct { uint64_t s; const char *want; } c[] = {
		{ 0, "0s ago" }, { 12, "12s ago" }, { 59, "59s ago" },
		{ 75, "1m 15s ago" }, { 3600 + 420, "1h 7m ago" },
		{ 86400 * 3 + 3600 * 4 + 5, "3d 4h ago" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		char *s = md_age_str(c[i].s * 1000000000ULL + 999);

		CHECK_STR(s, c[i].want);
		free(s);
	}
}

static void t_parse_u32(void)
{
	static const char *const bad[] = {
		"", "12x", "x12", "-1", "+1", " 1", "1 ", "0x10", "1.5", "-0",
	};
	static const char *const big[] = {
		"1000001", "4294967296", "18446744073709551615",
		"99999999999999999999999",
	};
	uint32_t v = 42;
	size_t i;

	CHECK(md_parse_u32("0", 1000000, &v) == 0 && v == 0);
	CHECK(md_parse_u32("1000000", 1000000, &v) == 0 && v == 1000000);
	CHECK(md_parse_u32("007", 32, &v) == 0 && v == 7);
	CHECK(md_parse_u32("4294967295", UINT32_MAX, &v) == 0 &&
	      v == UINT32_MAX);
	CHECK(md_parse_u32(NULL, 10, &v) == -EINVAL);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		v = 42;
		CHECK(md_parse_u32(bad[i], 1000000, &v) == -EINVAL && v == 42);
	}
	for (i = 0; i < ARRAY_SIZE(big); i++)
		CHECK(md_parse_u32(big[i], 1000000, &v) == -ERANGE);
	CHECK(md_parse_u32("33", MEMDIAG_STACK_DEPTH_MAX, &v) == -ERANGE);
}

static void t_opt_u32_message(void)
{
	uint32_t v;
	char *err;
	int ret;

	cap_begin();
	ret = md_opt_u32("--stack-depth", "33", MEMDIAG_STACK_DEPTH_MAX, &v);
	err = cap_end();
	CHECK(ret == MD_EXIT_USAGE);
	CHECK_STR(err, "memdiagctl: invalid value '33' for --stack-depth: expected a whole number from 0 to 32\n");
	free(err);
}

static const struct md_col t_cols[] = {
	{ "ID", 0, 0, 0, false, "" },
	{ "FEATURE", 0, 0, 0, true, "" },
	{ "STATE", 0, 0, 0, true, "" },
	{ "MESSAGE", 0, 0, 0, true, "" },
};

static bool ids_are(const int *ids, size_t n, const int *want, size_t nwant)
{
	return n == nwant && !memcmp(ids, want, n * sizeof(*ids));
}

static void t_cols_parse(void)
{
	static const int dflt[] = { 1, 2, 3 }, two[] = { 3, 0 },
			 plus[] = { 1, 2, 3, 0 }, dup[] = { 2, 2 };
	int *ids;
	size_t n;

	CHECK(md_cols_parse("t", NULL, t_cols, 4, &ids, &n) == 0);
	CHECK(ids_are(ids, n, dflt, 3));
	free(ids);
	CHECK(md_cols_parse("t", "message,Id", t_cols, 4, &ids, &n) == 0);
	CHECK(ids_are(ids, n, two, 2));
	free(ids);
	CHECK(md_cols_parse("t", "+id", t_cols, 4, &ids, &n) == 0);
	CHECK(ids_are(ids, n, plus, 4));
	free(ids);
	CHECK(md_cols_parse("t", "STATE,state", t_cols, 4, &ids, &n) == 0);
	CHECK(ids_are(ids, n, dup, 2));
	free(ids);
}

static void t_cols_parse_errors(void)
{
	static const char *const bad[] = {
		"", "+", ",", "ID,", ",ID", "ID,,STATE", "IDX", "I", "STATE ",
	};
	size_t i, n;
	char *err;
	int *ids;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		cap_begin();
		CHECK(md_cols_parse("t", bad[i], t_cols, 4, &ids, &n) ==
		      MD_EXIT_USAGE);
		CHECK(ids == NULL && n == 0);
		free(cap_end());
	}
	cap_begin();
	md_cols_parse("status", "feature,bogus", t_cols, 4, &ids, &n);
	err = cap_end();
	CHECK_STR(err, "memdiagctl: unknown column 'bogus' for status; valid columns: ID, FEATURE, STATE, MESSAGE\n");
	free(err);
}

static void t_extack_capped(void)
{
	static const char msg[] = "integer out of range";
	uint32_t offs = 28;
	struct md_extack ext;
	struct buf b;
	int errnum;

	buf_nlmsgerr(&b, -ERANGE, true, 16, true);
	buf_attr(&b, NLMSGERR_ATTR_MSG, msg, sizeof(msg));
	buf_attr(&b, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == 0);
	CHECK(errnum == ERANGE);
	CHECK_STR(ext.msg, msg);
	CHECK(ext.has_offs && ext.offs == 28);
	CHECK(!ext.has_miss_type && !ext.has_miss_nest);
	md_extack_free(&ext);
	CHECK(ext.msg == NULL);
}

static void t_extack_uncapped(void)
{
	static const char msg[] = "ring-size is set at load only (module parameter ring_size)";
	uint32_t offs = 24;
	struct md_extack ext;
	struct buf b;
	int errnum;

	/* The echoed request (22 bytes, unaligned on purpose) comes first. */
	buf_nlmsgerr(&b, -EINVAL, false, 22, true);
	buf_attr(&b, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
	buf_attr(&b, NLMSGERR_ATTR_MSG, msg, sizeof(msg));
	buf_attr(&b, 99, &offs, sizeof(offs));	/* unknown: skipped */
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == 0);
	CHECK(errnum == EINVAL);
	CHECK_STR(ext.msg, msg);
	CHECK(ext.has_offs && ext.offs == 24);
	md_extack_free(&ext);
}

static void t_extack_missing_attr(void)
{
	uint32_t type = MEMDIAG_A_STATUS_CONFIG, nest = 20;
	struct md_extack ext;
	struct buf b;
	char *s;
	int errnum;

	buf_nlmsgerr(&b, -EINVAL, true, 4, true);
	buf_attr(&b, NLMSGERR_ATTR_MISS_TYPE, &type, sizeof(type));
	buf_attr(&b, NLMSGERR_ATTR_MISS_NEST, &nest, sizeof(nest));
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == 0);
	CHECK(errnum == EINVAL && !ext.msg);
	CHECK(ext.has_miss_type && ext.miss_type == MEMDIAG_A_STATUS_CONFIG);
	CHECK(ext.has_miss_nest && ext.miss_nest == 20);
	s = md_kernel_error_str("set-config", errnum, &ext);
	CHECK_STR(s, "set-config failed: Invalid argument: attribute 6 is missing");
	free(s);
	md_extack_free(&ext);
}

static void t_extack_plain(void)
{
	struct md_extack ext;
	struct buf b;
	int errnum;

	/* No NLM_F_ACK_TLVS: whatever follows is not looked at. */
	buf_nlmsgerr(&b, -EOPNOTSUPP, false, 4, false);
	buf_attr(&b, NLMSGERR_ATTR_MSG, "x", 2);
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == 0);
	CHECK(errnum == EOPNOTSUPP && !ext.msg && !ext.has_offs);

	/* A success ACK carrying a warning. */
	buf_nlmsgerr(&b, 0, true, 4, true);
	buf_attr(&b, NLMSGERR_ATTR_MSG, "deprecated", 11);
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == 0);
	CHECK(errnum == 0);
	CHECK_STR(ext.msg, "deprecated");
	md_extack_free(&ext);
}

static void t_extack_done(void)
{
	struct nlmsghdr h = {
		.nlmsg_type = NLMSG_DONE,
		.nlmsg_flags = NLM_F_MULTI | NLM_F_ACK_TLVS,
	};
	int err = -ENOBUFS, errnum;
	struct md_extack ext;
	struct buf b = { .len = 0 };

	buf_put(&b, &h, sizeof(h));
	buf_put(&b, &err, sizeof(err));
	buf_attr(&b, NLMSGERR_ATTR_MSG, "ring overflowed", 16);
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == 0);
	CHECK(errnum == ENOBUFS);
	CHECK_STR(ext.msg, "ring overflowed");
	md_extack_free(&ext);

	/* A DONE ending a dump that went fine. */
	memset(&b, 0, sizeof(b));
	h.nlmsg_flags = NLM_F_MULTI;
	err = 0;
	buf_put(&b, &h, sizeof(h));
	buf_put(&b, &err, sizeof(err));
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == 0);
	CHECK(errnum == 0 && !ext.msg);
}

static void t_extack_malformed(void)
{
	static const char msg[] = "no NUL";
	struct nlattr bad = { .nla_len = 200, .nla_type = NLMSGERR_ATTR_MSG };
	struct nlmsghdr h = { .nlmsg_type = NLMSG_ERROR };
	struct md_extack ext;
	struct buf b;
	int errnum;

	/* A string without its NUL. */
	buf_nlmsgerr(&b, -EINVAL, true, 4, true);
	buf_attr(&b, NLMSGERR_ATTR_MSG, msg, strlen(msg));
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == -EBADMSG);
	CHECK(errnum == EINVAL && !ext.msg);

	/* A TLV longer than the message: ignored, never read. */
	buf_nlmsgerr(&b, -EINVAL, true, 4, true);
	buf_put(&b, &bad, sizeof(bad));
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == 0);
	CHECK(errnum == EINVAL && !ext.msg);

	/* An echoed request longer than the message. */
	buf_nlmsgerr(&b, -EINVAL, false, 4, true);
	((struct nlmsgerr *)NLMSG_DATA(b.words))->msg.nlmsg_len = 4000;
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == -EBADMSG);
	CHECK(errnum == EINVAL);

	/* Shorter than an nlmsgerr. */
	memset(&b, 0, sizeof(b));
	buf_put(&b, &h, sizeof(h));
	buf_put(&b, "\0\0\0\0", 4);
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == -EBADMSG);

	/* Not an error at all. */
	h.nlmsg_type = FAMILY_ID;
	memset(&b, 0, sizeof(b));
	buf_put(&b, &h, sizeof(h));
	CHECK(md_extack_parse(buf_done(&b), &errnum, &ext) == -EINVAL);
}

static void t_exit_codes(void)
{
	CHECK(md_exit_for_errno(0) == MD_EXIT_OK);
	CHECK(md_exit_for_errno(EPERM) == MD_EXIT_PERM);
	CHECK(md_exit_for_errno(EACCES) == MD_EXIT_PERM);
	CHECK(md_exit_for_errno(EINVAL) == MD_EXIT_ERROR);
	CHECK(md_exit_for_errno(ENOENT) == MD_EXIT_ERROR);
	CHECK(md_exit_for_errno(EMSGSIZE) == MD_EXIT_ERROR);
	CHECK(MD_EXIT_NEGATIVE == 1 && MD_EXIT_USAGE == 2 &&
	      MD_EXIT_NOMODULE == 3 && MD_EXIT_PERM == 4 &&
	      MD_EXIT_ERROR == 5);
}

static void t_error_messages(void)
{
	struct md_extack ext = { .msg = "integer out of range" };
	struct md_extack offs = { .offs = 24, .has_offs = true };
	char *s;

	s = md_kernel_error_str("set-config", EPERM, &ext);
	CHECK_STR(s, "permission denied: set-config needs CAP_NET_ADMIN (run as root)");
	free(s);
	s = md_kernel_error_str("set-config", EACCES, NULL);
	CHECK_STR(s, "permission denied: set-config needs CAP_NET_ADMIN (run as root)");
	free(s);
	s = md_kernel_error_str("set-config", ERANGE, &ext);
	CHECK_STR(s, "set-config failed: Numerical result out of range: integer out of range");
	free(s);
	s = md_kernel_error_str("get-status", EMSGSIZE, NULL);
	CHECK_STR(s, "get-status failed: Message too long");
	free(s);
	s = md_kernel_error_str("set-config", EINVAL, &offs);
	CHECK_STR(s, "set-config failed: Invalid argument: the attribute at byte 24 of the request was rejected");
	free(s);
}

static void t_version_warning(void)
{
	struct md_nl nl = { 0 };
	char *err;

	cap_begin();
	md_nl_check_version(&nl, MEMDIAG_FAMILY_VERSION);
	md_nl_check_version(&nl, MEMDIAG_FAMILY_VERSION + 1);
	md_nl_check_version(&nl, MEMDIAG_FAMILY_VERSION + 1);	/* once */
	err = cap_end();
	CHECK(nl.version_warned);
	CHECK(!strncmp(err, "memdiagctl: warning: the memdiag module speaks netlink family version ", 70));
	CHECK(strchr(err, '\n') == err + strlen(err) - 1);
	free(err);
}

static void t_status_parse(void)
{
	struct md_status st;

	status_load(&st, "register_kprobe(warn_alloc): -2");
	CHECK_STR(st.version, "0.1.0");
	CHECK_STR(st.kernel_release, "6.1.0-test");
	CHECK(st.present & MD_ST_FAMILY_VERSION && st.family_version == 1);
	CHECK(st.present & MD_ST_MEM_BYTES && st.mem_bytes == 1572864);
	CHECK(st.present & MD_ST_LOADED_NS && st.loaded_ns == 5000000000ULL);
	CHECK(st.present & MD_ST_CONFIG);
	CHECK(st.config.present == (MD_CFG_RATE_LIMIT | MD_CFG_STACK_DEPTH |
				    MD_CFG_RING_SIZE));
	CHECK(st.config.rate_limit == 100 && st.config.stack_depth == 16 &&
	      st.config.ring_size == 4096);
	CHECK(st.nr_features == 2);
	if (st.nr_features == 2) {
		CHECK(st.features[0].has_id && st.features[0].id == 0);
		CHECK_STR(st.features[0].name, "netlink");
		CHECK(st.features[0].has_state &&
		      st.features[0].state == MEMDIAG_FEATURE_STATE_OK);
		CHECK(st.features[0].message == NULL);
		CHECK_STR(st.features[1].name, "alloc-failure");
		CHECK(st.features[1].state == MEMDIAG_FEATURE_STATE_FAILED);
		CHECK_STR(st.features[1].message, "register_kprobe(warn_alloc): -2");
	}
	md_status_free(&st);
	CHECK(st.features == NULL && st.version == NULL);
}

static void t_status_parse_minimal(void)
{
	struct nl_msg *m = nlmsg_alloc();
	struct md_status st;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_GET_STATUS, 1) ||
	    nla_put_string(m, MEMDIAG_A_STATUS_VERSION, "9.9"))
		abort();
	CHECK(md_status_parse(nlmsg_hdr(m), &st) == 0);
	CHECK_STR(st.version, "9.9");
	CHECK(!st.kernel_release && !st.present && !st.nr_features);
	md_status_free(&st);
	nlmsg_free(m);
}

static void t_status_parse_malformed(void)
{
	struct md_status st;
	struct nl_msg *m;
	struct nlattr *nest;

	/* A u32 of two bytes. */
	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0, 1, 1) ||
	    nla_put_string(m, MEMDIAG_A_STATUS_VERSION, "0.1.0") ||
	    nla_put_u16(m, MEMDIAG_A_STATUS_FAMILY_VERSION, 1))
		abort();
	CHECK(md_status_parse(nlmsg_hdr(m), &st) == -EBADMSG);
	CHECK(st.version == NULL);
	nlmsg_free(m);

	/* A string without its NUL, inside the second feature. */
	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0, 1, 1))
		abort();
	nest = nla_nest_start(m, MEMDIAG_A_STATUS_FEATURE);
	if (!nest || nla_put_string(m, MEMDIAG_A_FEATURE_NAME, "ok") ||
	    nla_nest_end(m, nest))
		abort();
	nest = nla_nest_start(m, MEMDIAG_A_STATUS_FEATURE);
	if (!nest || nla_put(m, MEMDIAG_A_FEATURE_NAME, 3, "bad") ||
	    nla_nest_end(m, nest))
		abort();
	CHECK(md_status_parse(nlmsg_hdr(m), &st) == -EBADMSG);
	CHECK(st.features == NULL && st.nr_features == 0);
	nlmsg_free(m);

	/* A u64 of four bytes. */
	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0, 1, 1) ||
	    nla_put_u32(m, MEMDIAG_A_STATUS_MEM_BYTES, 1))
		abort();
	CHECK(md_status_parse(nlmsg_hdr(m), &st) == -EBADMSG);
	nlmsg_free(m);

	/* No room for the genetlink header. */
	m = nlmsg_alloc_simple(FAMILY_ID, 0);
	if (!m)
		abort();
	CHECK(md_status_parse(nlmsg_hdr(m), &st) == -EBADMSG);
	nlmsg_free(m);
}

static void t_feature_states(void)
{
	CHECK_STR(md_feature_state_name(MEMDIAG_FEATURE_STATE_OK), "ok");
	CHECK_STR(md_feature_state_name(MEMDIAG_FEATURE_STATE_DISABLED),
		  "disabled");
	CHECK_STR(md_feature_state_name(MEMDIAG_FEATURE_STATE_UNAVAILABLE),
		  "unavailable");
	CHECK_STR(md_feature_state_name(MEMDIAG_FEATURE_STATE_FAILED),
		  "failed");
	CHECK(!strcmp(md_feature_state_name(MEMDIAG_FEATURE_STATE_DEGRADED), "degraded"));
	CHECK(md_feature_state_name(MEMDIAG_FEATURE_STATE_DEGRADED + 1) == NULL);
}

static void t_config_request(void)
{
	struct md_config set = { .stack_depth = 0, .present = MD_CFG_STACK_DEPTH };
	struct md_config both = { .rate_limit = 5, .stack_depth = 32,
				  .present = MD_CFG_RATE_LIMIT | MD_CFG_STACK_DEPTH };
	struct md_config none = { 0 }, got;
	struct nl_msg *m;
	struct nlattr *a;

	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_SET_CONFIG, 1))
		abort();
	CHECK(md_config_put(m, MEMDIAG_A_STATUS_CONFIG, &none) == -EINVAL);
	CHECK(md_config_put(m, MEMDIAG_A_STATUS_CONFIG, &set) == 0);
	a = genlmsg_attrdata(genlmsg_hdr(nlmsg_hdr(m)), 0);
	/* The family validates strictly: the nest must say it is one. */
	CHECK(a->nla_type == (MEMDIAG_A_STATUS_CONFIG | NLA_F_NESTED));
	CHECK(md_config_reply_parse(nlmsg_hdr(m), &got) == 0);
	CHECK(got.present == MD_CFG_STACK_DEPTH && got.stack_depth == 0);
	nlmsg_free(m);

	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_SET_CONFIG, 1))
		abort();
	CHECK(md_config_put(m, MEMDIAG_A_STATUS_CONFIG, &both) == 0);
	CHECK(md_config_reply_parse(nlmsg_hdr(m), &got) == 0);
	CHECK(got.present == both.present && got.rate_limit == 5 &&
	      got.stack_depth == 32);
	nlmsg_free(m);
}

static void t_config_reply_missing(void)
{
	struct nl_msg *m = nlmsg_alloc();
	struct md_config got;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_SET_CONFIG, 1))
		abort();
	CHECK(md_config_reply_parse(nlmsg_hdr(m), &got) == -EBADMSG);
	nlmsg_free(m);
}

/* Lines of @s with trailing blanks dropped (libsmartcols pads cells). */
static char *rstrip_lines(const char *s)
{
	char *out = strdup(s ? s : ""), *r, *w, *eol;
	size_t n;

	if (!out)
		abort();
	for (r = w = out; *r; r = eol + (*eol == '\n')) {
		eol = strchrnul(r, '\n');
		n = eol - r;
		while (n && r[n - 1] == ' ')
			n--;
		memmove(w, r, n);
		w += n;
		if (*eol == '\n')
			*w++ = '\n';
	}
	*w = '\0';
	return out;
}

static void t_status_text(void)
{
	struct render_args a = { .feature_msg = "register_kprobe(warn_alloc): -2" };
	char *out, *s;
	int ret;

	out = render(status_render, &a, &ret);
	s = rstrip_lines(out);
	CHECK(ret == 0);
	CHECK_STR(s,
		  "FIELD          VALUE\n"
		  "version        0.1.0\n"
		  "kernel         6.1.0-test\n"
		  "family-version 1\n"
		  "memory         1.5M\n"
		  "loaded         1m 15s ago\n"
		  "rate-limit     100\n"
		  "stack-depth    16\n"
		  "ring-size      4096\n"
		  "\n"
		  "FEATURE       STATE  MESSAGE\n"
		  "netlink       ok\n"
		  "alloc-failure failed register_kprobe(warn_alloc): -2\n");
	free(out);
	free(s);
}

static void t_status_text_options(void)
{
	struct render_args a = {
		.o = { .raw = true, .noheadings = true, .bytes = true },
		.feature_msg = "a b",
	};
	static const int cols[] = { 0, 2 };	/* -o ID,STATE */
	char *out;
	int ret;

	out = render(status_render, &a, &ret);
	CHECK(ret == 0);
	CHECK_HAS(out, "version 0.1.0\n");
	CHECK_HAS(out, "memory 1572864\n");
	CHECK(!strstr(out, "FIELD") && !strstr(out, "FEATURE"));
	free(out);

	a.o.raw = a.o.noheadings = false;
	a.o.columns = (int *)cols;
	a.o.ncolumns = 2;
	out = render(status_render, &a, &ret);
	CHECK(ret == 0);
	CHECK_HAS(out, "ID STATE\n");
	CHECK_HAS(out, " 1 failed\n");
	CHECK(!strstr(out, "MESSAGE"));
	free(out);
}

static void t_status_json(void)
{
	struct render_args a = {
		.o = { .json = true },
		.feature_msg = "register_kprobe(warn_alloc): -2",
	};
	char *out;
	int ret;

	out = render(status_render, &a, &ret);
	CHECK(ret == 0);
	CHECK(json_valid(out));
	CHECK(out && !strncmp(out, "{\n   \"status\": {\n", 17));
	CHECK_HAS(out, "\"version\": \"0.1.0\"");
	CHECK_HAS(out, "\"family-version\": 1,");
	CHECK_HAS(out, "\"memory\": 1572864,");
	CHECK_HAS(out, "\"loaded-ns\": 5000000000,");
	CHECK_HAS(out, "\"loaded-ago-ns\": 75000000000,");
	CHECK_HAS(out, "\"ring-size\": 4096\n");
	CHECK_HAS(out, "\"features\": [");
	CHECK_HAS_JSON(out, "\"feature\": \"netlink\"");
	CHECK_HAS_JSON(out, "\"message\": null");
	CHECK_HAS_JSON(out, "\"message\": \"register_kprobe(warn_alloc): -2\"");
	free(out);
}

static void t_status_json_columns(void)
{
	static const int cols[] = { 0, 1 };	/* -o ID,FEATURE */
	struct render_args a = {
		.o = { .json = true, .bytes = true, .columns = (int *)cols,
		       .ncolumns = 2 },
		.feature_msg = "x",
	};
	char *out;
	int ret;

	out = render(status_render, &a, &ret);
	CHECK(ret == 0 && json_valid(out));
	CHECK_HAS_JSON(out, "\"id\": 1,");		/* a JSON number */
	CHECK(!strstr(out, "\"state\""));
	free(out);
}

static void t_status_json_nasty(void)
{
	struct render_args a = {
		.o = { .json = true },
		.feature_msg = "quote\" backslash\\ tab\t nl\n ctl\x01 bad\xff\xfe utf8 \xc3\xa9",
	};
	char *out;
	int ret;

	out = render(status_render, &a, &ret);
	CHECK(ret == 0);
	CHECK(json_valid(out));
	CHECK(!strchr(out, '\xff'));
	free(out);
}

static void t_status_absent_fields(void)
{
	struct md_opts o = { .json = true };
	struct md_status st = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	CHECK(md_status_print(f, &o, &st, 0) == 0);
	fclose(f);
	CHECK(json_valid(buf));
	CHECK_HAS(buf, "\"version\": null");
	CHECK_HAS(buf, "\"loaded-ago-ns\": null");
	CHECK_HAS(buf, "\"features\": [");
	free(buf);
}

static void t_json_quote(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	md_json_quote(f, "a\"b\\c\n\x1f\x7f\xe2\x82\xac\xed\xa0\x80\xc0\xaf");
	fclose(f);
	CHECK_STR(buf, "\"a\\\"b\\\\c\\n\\u001f\\u007f\xe2\x82\xac"
		       "\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
	free(buf);
}

static void t_utf8_dup(void)
{
	char *s = md_utf8_dup("ok \xc3\xa9 \xff end\xe2\x82");

	CHECK_STR(s, "ok \xc3\xa9 \xef\xbf\xbd end\xef\xbf\xbd\xef\xbf\xbd");
	free(s);
}

static void t_config_output(void)
{
	static const int cols[] = { 2, 0 };	/* -o RING-SIZE,RATE-LIMIT */
	struct render_args a = { .feature_msg = "" };
	char *out, *s;
	int ret;

	out = render(config_render, &a, &ret);
	s = rstrip_lines(out);
	CHECK(ret == 0);
	CHECK_STR(s, "RATE-LIMIT STACK-DEPTH RING-SIZE\n"
		     "       100          16      4096\n");
	free(out);
	free(s);

	a.o.json = true;
	out = render(config_render, &a, &ret);
	CHECK(ret == 0 && json_valid(out));
	CHECK_STR(out, "{\n   \"config\": {\n      \"rate-limit\": 100,\n"
		       "      \"stack-depth\": 16,\n      \"ring-size\": 4096\n"
		       "   }\n}\n");
	free(out);

	a.o.columns = (int *)cols;
	a.o.ncolumns = 2;
	out = render(config_render, &a, &ret);
	CHECK(ret == 0 && json_valid(out));
	CHECK_STR(out, "{\n   \"config\": {\n      \"ring-size\": 4096,\n"
		       "      \"rate-limit\": 100\n   }\n}\n");
	free(out);

	a.o.json = false;
	a.o.raw = a.o.noheadings = true;
	out = render(config_render, &a, &ret);
	CHECK_STR(out, "4096 100\n");
	free(out);
}

static void t_json_validator(void)
{
	/* The validator must reject what it is there to catch. */
	CHECK(json_valid("{\"a\": [1, -2.5e3, true, null, \"\\u00e9\"]}"));
	CHECK(!json_valid("{\"a\": 1}{\"b\": 2}"));
	CHECK(!json_valid("{\"a\": 1,}"));
	CHECK(!json_valid("{\"a\": \"\x01\"}"));
	CHECK(!json_valid("{\"a\": \"\xff\"}"));
	CHECK(!json_valid("{\"a\": 01}"));
	CHECK(!json_valid(""));
}

/* ---- allocation failures: handcrafted messages -------------------------- */

#define REAL_NS 1714564800123456789ULL	/* 2024-05-01T12:00:00.123Z */

static void put_pad_u64(struct nl_msg *m, int pad, int type, uint64_t v)
{
	/* The kernel aligns u64 attributes with an empty PAD before them. */
	if (nla_put(m, pad, 0, NULL) || nla_put_u64(m, type, v))
		abort();
}

static void put_order_count(struct nl_msg *m, uint32_t kind, uint32_t order,
			    uint64_t count, uint64_t nowarn, uint64_t atomic,
			    uint64_t both, uint64_t last_ns, uint64_t last_real)
{
	struct nlattr *nest;

	nest = nla_nest_start(m, MEMDIAG_A_COUNTERS_ORDER_COUNT | NLA_F_NESTED);
	if (!nest ||
	    nla_put_u32(m, MEMDIAG_A_ORDER_COUNT_KIND, kind) ||
	    nla_put_u32(m, MEMDIAG_A_ORDER_COUNT_ORDER, order))
		abort();
	put_pad_u64(m, MEMDIAG_A_ORDER_COUNT_PAD, MEMDIAG_A_ORDER_COUNT_COUNT,
		    count);
	put_pad_u64(m, MEMDIAG_A_ORDER_COUNT_PAD, MEMDIAG_A_ORDER_COUNT_NOWARN,
		    nowarn);
	put_pad_u64(m, MEMDIAG_A_ORDER_COUNT_PAD, MEMDIAG_A_ORDER_COUNT_ATOMIC,
		    atomic);
	put_pad_u64(m, MEMDIAG_A_ORDER_COUNT_PAD,
		    MEMDIAG_A_ORDER_COUNT_NOWARN_ATOMIC, both);
	put_pad_u64(m, MEMDIAG_A_ORDER_COUNT_PAD, MEMDIAG_A_ORDER_COUNT_LAST_NS,
		    last_ns);
	put_pad_u64(m, MEMDIAG_A_ORDER_COUNT_PAD,
		    MEMDIAG_A_ORDER_COUNT_LAST_REAL_NS, last_real);
	/* What a newer module might add to the nest. */
	if (nla_put_u32(m, MEMDIAG_A_ORDER_COUNT_MAX + 3, 99) ||
	    nla_nest_end(m, nest))
		abort();
}

static void put_node_count(struct nl_msg *m, uint32_t node, uint64_t count)
{
	struct nlattr *nest;

	nest = nla_nest_start(m, MEMDIAG_A_COUNTERS_NODE_COUNT | NLA_F_NESTED);
	if (!nest || nla_put_u32(m, MEMDIAG_A_NODE_COUNT_NODE, node))
		abort();
	put_pad_u64(m, MEMDIAG_A_NODE_COUNT_PAD, MEMDIAG_A_NODE_COUNT_COUNT,
		    count);
	if (nla_nest_end(m, nest))
		abort();
}

/*
 * A GET_COUNTERS reply: three buckets, sent out of order (vmalloc first),
 * two nodes, and attributes a newer module might send.
 */
static struct nl_msg *mk_counters(void)
{
	struct nl_msg *m = nlmsg_alloc();
	const int pad = MEMDIAG_A_COUNTERS_PAD;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_GET_COUNTERS, MEMDIAG_FAMILY_VERSION))
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_COUNTERS_TOTAL, 21);
	put_pad_u64(m, pad, MEMDIAG_A_COUNTERS_RECORDED, 18);
	put_pad_u64(m, pad, MEMDIAG_A_COUNTERS_OVERWRITTEN, 2);
	put_pad_u64(m, pad, MEMDIAG_A_COUNTERS_SUPPRESSED, 3);
	put_pad_u64(m, pad, MEMDIAG_A_COUNTERS_LOST, 0);
	put_pad_u64(m, pad, MEMDIAG_A_COUNTERS_MISSED, 1);
	put_pad_u64(m, pad, MEMDIAG_A_COUNTERS_FIRST_SEQ, 3);
	put_pad_u64(m, pad, MEMDIAG_A_COUNTERS_NEXT_SEQ, 19);
	put_pad_u64(m, pad, MEMDIAG_A_COUNTERS_RESET_NS, 4100000000ULL);
	put_order_count(m, MEMDIAG_FAILURE_KIND_VMALLOC, 19, 1, 1, 0, 0,
			NOW_NS - 75000000000ULL, REAL_NS - 72000000000ULL);
	put_order_count(m, MEMDIAG_FAILURE_KIND_PAGE, 0, 12, 10, 12, 10,
			NOW_NS - 3000000000ULL, REAL_NS);
	put_order_count(m, MEMDIAG_FAILURE_KIND_PAGE, 4, 8, 1, 2, 0,
			NOW_NS - 5000000000ULL, REAL_NS - 2000000000ULL);
	put_node_count(m, 0, 15);
	put_node_count(m, 1, 6);
	if (nla_put_u32(m, MEMDIAG_A_COUNTERS_MAX + 7, 1))
		abort();
	return m;
}

static void counters_load(struct md_counters *c)
{
	struct nl_msg *m = mk_counters();

	if (md_counters_parse(nlmsg_hdr(m), c))
		abort();
	nlmsg_free(m);
}

static void put_zone(struct nl_msg *m, uint32_t zone, const char *name,
		     uint64_t free, uint64_t base)
{
	const int pad = MEMDIAG_A_ZONE_SNAP_PAD;
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(m, MEMDIAG_A_EVENT_ZONE | NLA_F_NESTED);
	if (!nest || nla_put_u32(m, MEMDIAG_A_ZONE_SNAP_NODE, 0) ||
	    nla_put_u32(m, MEMDIAG_A_ZONE_SNAP_ZONE, zone) ||
	    nla_put_string(m, MEMDIAG_A_ZONE_SNAP_NAME, name))
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_SNAP_FREE, free);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_SNAP_MIN, base);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_SNAP_LOW, base * 5 / 4);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_SNAP_HIGH, base * 3 / 2);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_SNAP_BOOST, 0);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_SNAP_MANAGED, base * 64);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_SNAP_HIGHATOMIC, zone == 1 ? 512 : 0);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_SNAP_FREE_CMA, 0);
	for (i = 0; i < 11; i++)
		put_pad_u64(m, pad, MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS,
			    i < 3 ? free >> (i + 1) : 0);
	/* What a newer module might add, in the middle of the arrays. */
	if (nla_put_u32(m, MEMDIAG_A_ZONE_SNAP_MAX + 1, 5))
		abort();
	for (i = 0; i < 5; i++)
		put_pad_u64(m, pad, MEMDIAG_A_ZONE_SNAP_LOWMEM_RESERVE,
			    i <= (int)zone ? 0 : (uint64_t)(i - zone) * 1000);
	if (nla_nest_end(m, nest))
		abort();
}

/*
 * A failure record as the module sends it: @missed records were
 * overwritten before it. @cmd: GET_EVENTS (dump) or FAILURE_NTF.
 */
static struct nl_msg *mk_event_page(uint8_t cmd, uint64_t seq, uint64_t missed,
				    const char *comm)
{
	struct nl_msg *m = nlmsg_alloc();
	const int pad = MEMDIAG_A_EVENT_PAD;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0, cmd,
			       MEMDIAG_FAMILY_VERSION))
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_EVENT_SEQ, seq);
	if (missed)
		put_pad_u64(m, pad, MEMDIAG_A_EVENT_MISSED_BEFORE, missed);
	put_pad_u64(m, pad, MEMDIAG_A_EVENT_BOOT_NS, NOW_NS - 3000000000ULL);
	put_pad_u64(m, pad, MEMDIAG_A_EVENT_REAL_NS, REAL_NS);
	if (nla_put_u32(m, MEMDIAG_A_EVENT_KIND, MEMDIAG_FAILURE_KIND_PAGE) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_ORDER, 4) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_GFP, 0x40a20) ||
	    nla_put_string(m, MEMDIAG_A_EVENT_GFP_NAMES,
			   "GFP_NOWAIT|__GFP_COMP|__GFP_NOWARN") ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_CLASS,
			MEMDIAG_CLASS_NOWARN | MEMDIAG_CLASS_ATOMIC) ||
	    nla_put_string(m, MEMDIAG_A_EVENT_NODEMASK, "0-1") ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_PREFERRED_NODE, 0) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_HIGH_ZONE, 2) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_PID, 4242) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_TGID, 4240) ||
	    nla_put_string(m, MEMDIAG_A_EVENT_COMM, comm))
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_EVENT_CGROUP_ID, 1234);
	if (nla_put_string(m, MEMDIAG_A_EVENT_CGROUP_PATH,
			   "/system.slice/test.service") ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_CONTEXT, MEMDIAG_CONTEXT_SOFTIRQ) ||
	    nla_put_string(m, MEMDIAG_A_EVENT_STACK,
			   "memdiag_test_fail_once+0x12/0x40 [memdiag_test_helper]") ||
	    nla_put_string(m, MEMDIAG_A_EVENT_STACK, "warn_alloc+0x10b/0x190") ||
	    /* What a newer module might add, between two frames. */
	    nla_put_u32(m, MEMDIAG_A_EVENT_MAX + 2, 1) ||
	    nla_put_string(m, MEMDIAG_A_EVENT_STACK,
			   "__alloc_pages_slowpath.constprop.0+0xd5e/0xe50"))
		abort();
	put_zone(m, 1, "DMA32", 1024, 64);
	put_zone(m, 2, "Normal", 300, 512);
	if (nla_put_u32(m, MEMDIAG_A_EVENT_ZONES_TRUNCATED, 1))
		abort();
	return m;
}

/* A vmalloc failure: size and step, no nodemask, its cgroup gone. */
static struct nl_msg *mk_event_vmalloc(uint8_t cmd, uint64_t seq)
{
	struct nl_msg *m = nlmsg_alloc();
	const int pad = MEMDIAG_A_EVENT_PAD;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0, cmd,
			       MEMDIAG_FAMILY_VERSION))
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_EVENT_SEQ, seq);
	put_pad_u64(m, pad, MEMDIAG_A_EVENT_BOOT_NS, NOW_NS - 1000000000ULL);
	put_pad_u64(m, pad, MEMDIAG_A_EVENT_REAL_NS, REAL_NS + 2000000000ULL);
	if (nla_put_u32(m, MEMDIAG_A_EVENT_KIND, MEMDIAG_FAILURE_KIND_VMALLOC) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_ORDER, 19))
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_EVENT_SIZE, 2ULL << 30);
	if (nla_put_u32(m, MEMDIAG_A_EVENT_VMALLOC_STEP,
			MEMDIAG_VMALLOC_STEP_SIZE) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_GFP, 0xcc0) ||
	    nla_put_string(m, MEMDIAG_A_EVENT_GFP_NAMES, "GFP_KERNEL") ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_CLASS, 0) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_PREFERRED_NODE, 1) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_HIGH_ZONE, 2) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_PID, 77) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_TGID, 77) ||
	    nla_put_string(m, MEMDIAG_A_EVENT_COMM, "modprobe"))
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_EVENT_CGROUP_ID, 9876);
	if (nla_put_u32(m, MEMDIAG_A_EVENT_CONTEXT, MEMDIAG_CONTEXT_PROCESS))
		abort();
	return m;
}

static void event_load(struct nl_msg *m, struct md_event *ev)
{
	if (md_event_parse(nlmsg_hdr(m), ev))
		abort();
	nlmsg_free(m);
}

struct ev_render_args {
	struct md_opts o;
	bool details;
	bool live;
};

/* The three records as 'events' gets them: one missed before the first. */
static int events_render(FILE *f, const void *arg)
{
	const struct ev_render_args *a = arg;
	struct nl_msg *msgs[3] = {
		mk_event_page(MEMDIAG_CMD_GET_EVENTS, 5, 2, "kworker/u8:3"),
		mk_event_vmalloc(MEMDIAG_CMD_GET_EVENTS, 6),
		mk_event_page(MEMDIAG_CMD_GET_EVENTS, 9, 2,
			      "esc\x1b[31m\"q\"\t\xff"),
	};
	struct md_evprint p;
	struct md_event ev;
	size_t i;
	int ret;

	ret = md_evprint_init(&p, f, &a->o, a->details, a->live);
	for (i = 0; i < ARRAY_SIZE(msgs); i++) {
		event_load(msgs[i], &ev);
		if (!ret) {
			/* The missed message goes to stderr: not wanted here. */
			cap_begin();
			md_evprint_missed(&p, &ev);
			free(cap_end());
			ret = md_evprint_event(&p, &ev);
		}
		md_event_free(&ev);
	}
	if (!ret)
		ret = md_evprint_finish(&p);
	md_evprint_free(&p);
	return ret;
}

static int failures_render(FILE *f, const void *arg)
{
	const struct render_args *a = arg;
	struct md_counters c;
	int ret;

	counters_load(&c);
	ret = md_failures_print(f, &a->o, &c, NOW_NS);
	md_counters_free(&c);
	return ret;
}

/* ---- allocation failures: tests ----------------------------------------- */

static void t_parse_u64(void)
{
	uint64_t v = 42;
	char *err;

	CHECK(md_parse_u64("18446744073709551615", UINT64_MAX, &v) == 0 &&
	      v == UINT64_MAX);
	CHECK(md_parse_u64("18446744073709551616", UINT64_MAX, &v) == -ERANGE);
	CHECK(md_parse_u64("-1", UINT64_MAX, &v) == -EINVAL);
	CHECK(md_parse_u64(" 1", UINT64_MAX, &v) == -EINVAL);
	CHECK(md_parse_u64("1x", UINT64_MAX, &v) == -EINVAL);
	CHECK(md_parse_u64("", UINT64_MAX, &v) == -EINVAL);
	CHECK(md_parse_u64("11", 10, &v) == -ERANGE);
	v = 42;
	cap_begin();
	CHECK(md_opt_u64("--since", "0", 1, UINT64_MAX, &v) == MD_EXIT_USAGE);
	CHECK(md_opt_u64("--since", "7", 1, UINT64_MAX, &v) == 0 && v == 7);
	err = cap_end();
	CHECK_STR(err, "memdiagctl: invalid value '0' for --since: expected a whole number from 1 to 18446744073709551615\n");
	free(err);
}

static void t_enum_names(void)
{
	CHECK_STR(md_kind_name(MEMDIAG_FAILURE_KIND_PAGE), "page");
	CHECK_STR(md_kind_name(MEMDIAG_FAILURE_KIND_VMALLOC), "vmalloc");
	CHECK_STR(md_kind_name(MEMDIAG_FAILURE_KIND_VMEMMAP), "vmemmap");
	CHECK_STR(md_kind_name(MEMDIAG_FAILURE_KIND_OTHER), "other");
	CHECK(md_kind_name(MEMDIAG_FAILURE_KIND_OTHER + 1) == NULL);
	CHECK_STR(md_vmalloc_step_name(MEMDIAG_VMALLOC_STEP_NONE), "none");
	CHECK_STR(md_vmalloc_step_name(MEMDIAG_VMALLOC_STEP_PAGE_ARRAY),
		  "page-array");
	CHECK_STR(md_vmalloc_step_name(MEMDIAG_VMALLOC_STEP_VM_STRUCT),
		  "vm-struct");
	CHECK_STR(md_vmalloc_step_name(MEMDIAG_VMALLOC_STEP_OTHER), "other");
	CHECK(md_vmalloc_step_name(MEMDIAG_VMALLOC_STEP_OTHER + 1) == NULL);
	CHECK_STR(md_context_name(MEMDIAG_CONTEXT_PROCESS), "process");
	CHECK_STR(md_context_name(MEMDIAG_CONTEXT_NMI), "nmi");
	CHECK(md_context_name(MEMDIAG_CONTEXT_NMI + 1) == NULL);
	CHECK_STR(md_class_name(MEMDIAG_CLASS_NOWARN), "nowarn");
	CHECK_STR(md_class_name(MEMDIAG_CLASS_ATOMIC), "atomic");
	CHECK(md_class_name(4) == NULL);
}

static void t_counters_parse(void)
{
	struct md_counters c;

	counters_load(&c);
	CHECK(c.total == 21 && c.recorded == 18 && c.overwritten == 2 &&
	      c.suppressed == 3 && c.lost == 0 && c.missed == 1 &&
	      c.first_seq == 3 && c.next_seq == 19);
	CHECK(c.reset_ns == 4100000000ULL);
	CHECK(MD_HAS(c.present, MEMDIAG_A_COUNTERS_LOST));
	CHECK(MD_HAS(c.present, MEMDIAG_A_COUNTERS_RESET_NS));
	CHECK(!MD_HAS(c.present, MEMDIAG_A_COUNTERS_PAD));
	CHECK(c.nr_orders == 3 && c.nr_nodes == 2);
	if (c.nr_orders == 3) {
		/* As sent: decoding does not sort. */
		CHECK(c.orders[0].kind == MEMDIAG_FAILURE_KIND_VMALLOC &&
		      c.orders[0].order == 19 && c.orders[0].count == 1);
		CHECK(c.orders[1].kind == MEMDIAG_FAILURE_KIND_PAGE &&
		      c.orders[1].order == 0 && c.orders[1].count == 12 &&
		      c.orders[1].nowarn == 10 && c.orders[1].atomic == 12 &&
		      c.orders[1].nowarn_atomic == 10 &&
		      c.orders[1].last_ns == NOW_NS - 3000000000ULL &&
		      c.orders[1].last_real_ns == REAL_NS);
		CHECK(c.orders[2].present ==
		      (MD_BIT(MEMDIAG_A_ORDER_COUNT_KIND) |
		       MD_BIT(MEMDIAG_A_ORDER_COUNT_ORDER) |
		       MD_BIT(MEMDIAG_A_ORDER_COUNT_COUNT) |
		       MD_BIT(MEMDIAG_A_ORDER_COUNT_NOWARN) |
		       MD_BIT(MEMDIAG_A_ORDER_COUNT_ATOMIC) |
		       MD_BIT(MEMDIAG_A_ORDER_COUNT_NOWARN_ATOMIC) |
		       MD_BIT(MEMDIAG_A_ORDER_COUNT_LAST_NS) |
		       MD_BIT(MEMDIAG_A_ORDER_COUNT_LAST_REAL_NS)));
	}
	if (c.nr_nodes == 2) {
		CHECK(c.nodes[0].node == 0 && c.nodes[0].count == 15);
		CHECK(c.nodes[1].node == 1 && c.nodes[1].count == 6);
	}
	md_counters_free(&c);
	CHECK(c.orders == NULL && c.nr_orders == 0);
}

static void t_counters_parse_malformed(void)
{
	struct md_counters c;
	struct nlattr *nest;
	struct nl_msg *m;

	/* A u64 of four bytes inside the second bucket. */
	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_GET_COUNTERS, 1))
		abort();
	put_order_count(m, 0, 1, 1, 0, 0, 0, 1, 1);
	nest = nla_nest_start(m, MEMDIAG_A_COUNTERS_ORDER_COUNT | NLA_F_NESTED);
	if (!nest || nla_put_u32(m, MEMDIAG_A_ORDER_COUNT_COUNT, 1) ||
	    nla_nest_end(m, nest))
		abort();
	CHECK(md_counters_parse(nlmsg_hdr(m), &c) == -EBADMSG);
	CHECK(c.orders == NULL && c.nodes == NULL && c.nr_orders == 0);
	nlmsg_free(m);

	/* A node count of two bytes. */
	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_GET_COUNTERS, 1))
		abort();
	nest = nla_nest_start(m, MEMDIAG_A_COUNTERS_NODE_COUNT | NLA_F_NESTED);
	if (!nest || nla_put_u16(m, MEMDIAG_A_NODE_COUNT_NODE, 1) ||
	    nla_nest_end(m, nest))
		abort();
	CHECK(md_counters_parse(nlmsg_hdr(m), &c) == -EBADMSG);
	nlmsg_free(m);

	/* A total of four bytes. */
	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_GET_COUNTERS, 1) ||
	    nla_put_u32(m, MEMDIAG_A_COUNTERS_TOTAL, 1))
		abort();
	CHECK(md_counters_parse(nlmsg_hdr(m), &c) == -EBADMSG);
	nlmsg_free(m);

	/* Empty: valid, nothing present. */
	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_GET_COUNTERS, 1))
		abort();
	CHECK(md_counters_parse(nlmsg_hdr(m), &c) == 0);
	CHECK(!c.present && !c.nr_orders && !c.nr_nodes);
	md_counters_free(&c);
	nlmsg_free(m);
}

static void t_event_parse(void)
{
	struct md_event ev;

	event_load(mk_event_page(MEMDIAG_CMD_GET_EVENTS, 5, 2, "kworker/u8:3"),
		   &ev);
	CHECK(ev.seq == 5 && ev.missed_before == 2);
	CHECK(MD_HAS(ev.present, MEMDIAG_A_EVENT_MISSED_BEFORE));
	CHECK(ev.boot_ns == NOW_NS - 3000000000ULL && ev.real_ns == REAL_NS);
	CHECK(ev.kind == MEMDIAG_FAILURE_KIND_PAGE && ev.order == 4);
	CHECK(!MD_HAS(ev.present, MEMDIAG_A_EVENT_SIZE) &&
	      !MD_HAS(ev.present, MEMDIAG_A_EVENT_VMALLOC_STEP));
	CHECK(ev.gfp == 0x40a20 && ev.class == 3);
	CHECK_STR(ev.gfp_names, "GFP_NOWAIT|__GFP_COMP|__GFP_NOWARN");
	CHECK_STR(ev.nodemask, "0-1");
	CHECK(ev.preferred_node == 0 && ev.high_zone == 2);
	CHECK(MD_HAS(ev.present, MEMDIAG_A_EVENT_PREFERRED_NODE));
	CHECK(ev.pid == 4242 && ev.tgid == 4240 && ev.cgroup_id == 1234);
	CHECK_STR(ev.comm, "kworker/u8:3");
	CHECK_STR(ev.cgroup_path, "/system.slice/test.service");
	CHECK(ev.context == MEMDIAG_CONTEXT_SOFTIRQ);
	CHECK(ev.nr_stack == 3);
	if (ev.nr_stack == 3) {
		/* Innermost first, as sent. */
		CHECK_STR(ev.stack[0], "memdiag_test_fail_once+0x12/0x40 [memdiag_test_helper]");
		CHECK_STR(ev.stack[2], "__alloc_pages_slowpath.constprop.0+0xd5e/0xe50");
	}
	CHECK(ev.nr_zones == 2 && ev.zones_truncated == 1);
	if (ev.nr_zones == 2) {
		const struct md_zone_snap *z = &ev.zones[1];

		CHECK(z->node == 0 && z->zone == 2);
		CHECK_STR(z->name, "Normal");
		CHECK(z->free == 300 && z->min == 512 && z->low == 640 &&
		      z->high == 768 && z->boost == 0 && z->managed == 32768 &&
		      z->highatomic == 0);
		CHECK(MD_HAS(z->present, MEMDIAG_A_ZONE_SNAP_BOOST));
		CHECK(z->nr_free_blocks == 11 && z->nr_lowmem_reserve == 5);
		if (z->nr_free_blocks == 11)
			CHECK(z->free_blocks[0] == 150 &&
			      z->free_blocks[2] == 37 &&
			      z->free_blocks[10] == 0);
		if (z->nr_lowmem_reserve == 5)
			CHECK(z->lowmem_reserve[2] == 0 &&
			      z->lowmem_reserve[3] == 1000 &&
			      z->lowmem_reserve[4] == 2000);
		CHECK(ev.zones[0].highatomic == 512);
	}
	md_event_free(&ev);
	CHECK(ev.stack == NULL && ev.zones == NULL && ev.comm == NULL);

	/* The notification carries the same attributes. */
	event_load(mk_event_vmalloc(MEMDIAG_CMD_FAILURE_NTF, 6), &ev);
	CHECK(ev.seq == 6 && !ev.missed_before &&
	      !MD_HAS(ev.present, MEMDIAG_A_EVENT_MISSED_BEFORE));
	CHECK(ev.kind == MEMDIAG_FAILURE_KIND_VMALLOC && ev.size == 2ULL << 30);
	CHECK(ev.vmalloc_step == MEMDIAG_VMALLOC_STEP_SIZE);
	CHECK(ev.nodemask == NULL && ev.cgroup_path == NULL);
	CHECK(ev.nr_stack == 0 && ev.nr_zones == 0);
	md_event_free(&ev);
}

static void t_event_parse_malformed(void)
{
	struct md_event ev;
	struct nlattr *nest;
	struct nl_msg *m;

	/* A stack frame without its NUL, after good ones. */
	m = mk_event_vmalloc(MEMDIAG_CMD_GET_EVENTS, 1);
	if (nla_put_string(m, MEMDIAG_A_EVENT_STACK, "ok+0x1/0x2") ||
	    nla_put(m, MEMDIAG_A_EVENT_STACK, 3, "bad"))
		abort();
	CHECK(md_event_parse(nlmsg_hdr(m), &ev) == -EBADMSG);
	CHECK(ev.stack == NULL && ev.comm == NULL && ev.nr_stack == 0);
	nlmsg_free(m);

	/* A free-blocks entry of four bytes, in the second zone. */
	m = mk_event_vmalloc(MEMDIAG_CMD_GET_EVENTS, 1);
	put_zone(m, 0, "DMA", 1, 1);
	nest = nla_nest_start(m, MEMDIAG_A_EVENT_ZONE | NLA_F_NESTED);
	if (!nest || nla_put_u32(m, MEMDIAG_A_ZONE_SNAP_FREE_BLOCKS, 1) ||
	    nla_nest_end(m, nest))
		abort();
	CHECK(md_event_parse(nlmsg_hdr(m), &ev) == -EBADMSG);
	CHECK(ev.zones == NULL && ev.nr_zones == 0);
	nlmsg_free(m);

	/* A zone name without its NUL. */
	m = mk_event_vmalloc(MEMDIAG_CMD_GET_EVENTS, 1);
	nest = nla_nest_start(m, MEMDIAG_A_EVENT_ZONE | NLA_F_NESTED);
	if (!nest || nla_put(m, MEMDIAG_A_ZONE_SNAP_NAME, 3, "DMA") ||
	    nla_nest_end(m, nest))
		abort();
	CHECK(md_event_parse(nlmsg_hdr(m), &ev) == -EBADMSG);
	nlmsg_free(m);

	/* A seq of four bytes. */
	m = nlmsg_alloc();
	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
			       MEMDIAG_CMD_GET_EVENTS, 1) ||
	    nla_put_u32(m, MEMDIAG_A_EVENT_SEQ, 1))
		abort();
	CHECK(md_event_parse(nlmsg_hdr(m), &ev) == -EBADMSG);
	nlmsg_free(m);
}

static void t_events_request(void)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlattr *tb[MEMDIAG_A_EVENT_MAX + 1];

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, NLM_F_DUMP,
			       MEMDIAG_CMD_GET_EVENTS, 1))
		abort();
	CHECK(md_events_req_put(m, false, 5) == 0);
	CHECK(genlmsg_attrlen(genlmsg_hdr(nlmsg_hdr(m)), 0) == 0);
	CHECK(md_events_req_put(m, true, 1ULL << 40) == 0);
	CHECK(genlmsg_parse(nlmsg_hdr(m), 0, tb, MEMDIAG_A_EVENT_MAX, NULL) == 0);
	CHECK(tb[MEMDIAG_A_EVENT_SINCE] &&
	      nla_len(tb[MEMDIAG_A_EVENT_SINCE]) == 8 &&
	      nla_get_u64(tb[MEMDIAG_A_EVENT_SINCE]) == 1ULL << 40);
	CHECK(nlmsg_hdr(m)->nlmsg_flags & NLM_F_DUMP);
	nlmsg_free(m);
}

static struct nl_msg *mk_ctrl(uint8_t cmd, const char *name)
{
	struct nl_msg *m = nlmsg_alloc();

	if (!m || !genlmsg_put(m, 0, 0, GENL_ID_CTRL, 0, 0, cmd, 2) ||
	    nla_put_u16(m, CTRL_ATTR_FAMILY_ID, FAMILY_ID + 1) ||
	    (name && nla_put_string(m, CTRL_ATTR_FAMILY_NAME, name)))
		abort();
	return m;
}

static void t_ntf_classify(void)
{
	struct nl_msg *m;

	m = mk_event_vmalloc(MEMDIAG_CMD_FAILURE_NTF, 1);
	CHECK(md_ntf_classify(nlmsg_hdr(m), FAMILY_ID, "memdiag") ==
	      MD_NTF_EVENT);
	/* The family is gone, or now has another id. */
	CHECK(md_ntf_classify(nlmsg_hdr(m), -1, "memdiag") == MD_NTF_IGNORE);
	CHECK(md_ntf_classify(nlmsg_hdr(m), FAMILY_ID + 1, "memdiag") ==
	      MD_NTF_IGNORE);
	nlmsg_free(m);
	m = mk_event_vmalloc(MEMDIAG_CMD_GET_EVENTS, 1);
	CHECK(md_ntf_classify(nlmsg_hdr(m), FAMILY_ID, "memdiag") ==
	      MD_NTF_IGNORE);
	nlmsg_free(m);

	m = mk_ctrl(CTRL_CMD_NEWFAMILY, "memdiag");
	CHECK(md_ntf_classify(nlmsg_hdr(m), -1, "memdiag") == MD_NTF_FAMILY);
	CHECK(md_ntf_classify(nlmsg_hdr(m), FAMILY_ID, "other") ==
	      MD_NTF_IGNORE);
	nlmsg_free(m);
	m = mk_ctrl(CTRL_CMD_DELFAMILY, "memdiag");
	CHECK(md_ntf_classify(nlmsg_hdr(m), FAMILY_ID, "memdiag") ==
	      MD_NTF_FAMILY);
	nlmsg_free(m);
	m = mk_ctrl(CTRL_CMD_DELFAMILY, "memdiagx");
	CHECK(md_ntf_classify(nlmsg_hdr(m), FAMILY_ID, "memdiag") ==
	      MD_NTF_IGNORE);
	nlmsg_free(m);
	/* Group notifications come while the family can still be found. */
	m = mk_ctrl(CTRL_CMD_DELMCAST_GRP, "memdiag");
	CHECK(md_ntf_classify(nlmsg_hdr(m), FAMILY_ID, "memdiag") ==
	      MD_NTF_IGNORE);
	nlmsg_free(m);
	m = mk_ctrl(CTRL_CMD_NEWFAMILY, NULL);
	CHECK(md_ntf_classify(nlmsg_hdr(m), FAMILY_ID, "memdiag") ==
	      MD_NTF_IGNORE);
	nlmsg_free(m);

	/* Too short for a genetlink header; an error message. */
	m = nlmsg_alloc_simple(FAMILY_ID, 0);
	CHECK(md_ntf_classify(nlmsg_hdr(m), FAMILY_ID, "memdiag") ==
	      MD_NTF_IGNORE);
	nlmsg_free(m);
	m = nlmsg_alloc_simple(NLMSG_ERROR, 0);
	if (!m || nlmsg_append(m, "\0\0\0\0\0\0\0\0", 8, 0))
		abort();
	CHECK(md_ntf_classify(nlmsg_hdr(m), FAMILY_ID, "memdiag") ==
	      MD_NTF_IGNORE);
	nlmsg_free(m);
}

static void t_class_str(void)
{
	static const struct { uint32_t c; const char *want; } c[] = {
		{ 0, "" }, { 1, "nowarn" }, { 2, "atomic" },
		{ 3, "nowarn,atomic" }, { 7, "nowarn,atomic,0x4" },
		{ 0x80000001, "nowarn,0x80000000" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		char *s = md_class_str(c[i].c);

		CHECK_STR(s, c[i].want);
		free(s);
	}
}

static void t_order_str(void)
{
	struct md_event ev;
	char *s;

	event_load(mk_event_vmalloc(MEMDIAG_CMD_GET_EVENTS, 1), &ev);
	s = md_event_order_str(&ev, false);
	CHECK_STR(s, "2G (size)");
	free(s);
	s = md_event_order_str(&ev, true);
	CHECK_STR(s, "2147483648 (size)");
	free(s);
	ev.vmalloc_step = 77;
	s = md_event_order_str(&ev, false);
	CHECK_STR(s, "2G (unknown(77))");
	free(s);
	ev.present &= ~MD_BIT(MEMDIAG_A_EVENT_VMALLOC_STEP);
	ev.size = 12288;
	s = md_event_order_str(&ev, false);
	CHECK_STR(s, "12K");
	free(s);
	/* Without a size, the bucket. */
	ev.present &= ~MD_BIT(MEMDIAG_A_EVENT_SIZE);
	s = md_event_order_str(&ev, false);
	CHECK_STR(s, "19");
	free(s);
	md_event_free(&ev);

	event_load(mk_event_page(MEMDIAG_CMD_GET_EVENTS, 1, 0, "x"), &ev);
	s = md_event_order_str(&ev, false);
	CHECK_STR(s, "4");
	free(s);
	if (ev.nr_zones) {
		s = md_free_blocks_str(&ev.zones[0]);
		CHECK_STR(s, "0:512 1:256 2:128 3:0 4:0 5:0 6:0 7:0 8:0 9:0 10:0");
		free(s);
		ev.zones[0].nr_free_blocks = 0;
		s = md_free_blocks_str(&ev.zones[0]);
		CHECK_STR(s, "");
		free(s);
	}
	md_event_free(&ev);
}

static void t_time_iso(void)
{
	char *s;

	/* TZ is UTC for all the tests (main()); here, two others. */
	s = md_time_iso(REAL_NS);
	CHECK_STR(s, "2024-05-01T12:00:00.123+00:00");
	free(s);
	setenv("TZ", "UTC-2", 1);
	tzset();
	s = md_time_iso(REAL_NS + 999999999ULL);
	CHECK_STR(s, "2024-05-01T14:00:01.123+02:00");
	free(s);
	setenv("TZ", "XST+5:30", 1);
	tzset();
	s = md_time_iso(0);
	CHECK_STR(s, "1969-12-31T18:30:00.000-05:30");
	free(s);
	setenv("TZ", "UTC", 1);
	tzset();
}

static void t_escape_dup(void)
{
	char *s = md_escape_dup("ok \xc3\xa9 \x1b[31m\ttab\x7f \xff");

	CHECK_STR(s, "ok \xc3\xa9 \\x1b[31m\\x09tab\\x7f \\xff");
	free(s);
}

static void t_json_arrays(void)
{
	struct md_json j;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	md_json_begin(&j, f);
	md_json_arr_begin(&j, "a");
	md_json_u64(&j, NULL, 1);
	md_json_obj_begin(&j, NULL);
	md_json_bool(&j, "t", true);
	md_json_obj_end(&j);
	md_json_arr_end(&j);
	md_json_arr_begin(&j, "empty");
	md_json_arr_end(&j);
	md_json_end(&j);
	md_json_begin_line(&j, f);
	md_json_str(&j, "s", "x");
	md_json_arr_begin(&j, "l");
	md_json_str(&j, NULL, "y");
	md_json_null(&j, NULL);
	md_json_arr_end(&j);
	md_json_obj_begin(&j, "o");
	md_json_obj_end(&j);
	md_json_u64_list(&j, "n", (const uint64_t[]){ 1, 0, UINT64_MAX }, 3);
	md_json_u64_list(&j, "e", NULL, 0);
	md_json_end(&j);
	fclose(f);
	CHECK_STR(buf, "{\n   \"a\": [\n      1,\n      {\n         \"t\": true\n"
		       "      }\n   ],\n   \"empty\": []\n}\n"
		       "{\"s\": \"x\", \"l\": [\"y\", null], \"o\": {}, \"n\": [1, 0, 18446744073709551615], \"e\": []}\n");
	free(buf);
}

static void t_failures_text(void)
{
	struct render_args a = { .feature_msg = "" };
	char *out, *s;
	int ret;

	out = render(failures_render, &a, &ret);
	s = rstrip_lines(out);
	CHECK(ret == 0);
	CHECK_STR(s,
		  "KIND    ORDER COUNT NOWARN WARN ATOMIC RECLAIM COSTLY LAST\n"
		  "page        0    12     10    2     12       0 no     3s ago\n"
		  "page        4     8      1    7      2       6 yes    5s ago\n"
		  "vmalloc    19     1      1    0      0       1        1m 15s ago\n"
		  "\n"
		  "NODE COUNT\n"
		  "   0    15\n"
		  "   1     6\n"
		  "\n"
		  "FIELD       VALUE\n"
		  "total       21\n"
		  "recorded    18\n"
		  "overwritten 2\n"
		  "suppressed  3\n"
		  "lost        0\n"
		  "missed      1\n"
		  "first-seq   3\n"
		  "next-seq    19\n"
		  "reset       1m 15s ago\n");
	free(out);
	free(s);
}

static void t_failures_text_options(void)
{
	static const int cols[] = { 0, 1, 9, 10, 8 };	/* KIND,ORDER,NOWARN-ATOMIC,LAST-TIME,LAST */
	struct render_args a = {
		.o = { .raw = true, .noheadings = true,
		       .columns = (int *)cols, .ncolumns = 5 },
	};
	char *out;
	int ret;

	out = render(failures_render, &a, &ret);
	CHECK(ret == 0);
	CHECK_STR(out,
		  "page 0 10 2024-05-01T12:00:00.123+00:00 77000000000\n"
		  "page 4 0 2024-05-01T11:59:58.123+00:00 75000000000\n"
		  "vmalloc 19 0 2024-05-01T11:58:48.123+00:00 5000000000\n"
		  "\n"
		  "0 15\n"
		  "1 6\n"
		  "\n"
		  "total 21\n"
		  "recorded 18\n"
		  "overwritten 2\n"
		  "suppressed 3\n"
		  "lost 0\n"
		  "missed 1\n"
		  "first-seq 3\n"
		  "next-seq 19\n"
		  "reset 4100000000\n");
	free(out);
}

static void t_failures_json(void)
{
	struct render_args a = { .o = { .json = true } };
	char *out;
	int ret;

	out = render(failures_render, &a, &ret);
	CHECK(ret == 0);
	CHECK(json_valid(out));
	CHECK(out && !strncmp(out, "{\n   \"failures\": [\n      {\n         \"kind\": \"page\",\n", 50));
	CHECK_HAS(out, "\"order\": 4,\n         \"count\": 8,\n         \"nowarn\": 1,\n"
		       "         \"warn\": 7,\n         \"atomic\": 2,\n"
		       "         \"reclaim\": 6,\n         \"costly\": true,\n"
		       "         \"last\": \"2024-05-01T11:59:58.123+00:00\",\n"
		       "         \"last-boot-ns\": 75000000000\n");
	CHECK_HAS(out, "\"costly\": false,");
	CHECK_HAS(out, "\"kind\": \"vmalloc\",");
	CHECK_HAS(out, "\"costly\": null,");
	CHECK_HAS(out, "\"nodes\": [\n      {\n         \"node\": 0,\n         \"count\": 15\n      },");
	CHECK_HAS(out, "\"totals\": {\n      \"total\": 21,");
	CHECK_HAS(out, "\"reset-ns\": 4100000000,\n      \"reset-ago-ns\": 75900000000\n");
	free(out);
}

static void t_failures_empty(void)
{
	struct md_opts o = { 0 }, oj = { .json = true };
	struct md_counters c = { 0 };
	char *buf = NULL, *s;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	/* Nothing at all: the totals block alone, with empty values. */
	CHECK(md_failures_print(f, &o, &c, NOW_NS) == 0);
	CHECK(md_failures_print(f, &oj, &c, 0) == 0);
	fclose(f);
	s = rstrip_lines(buf);
	CHECK(!strncmp(s, "FIELD       VALUE\ntotal\nrecorded\n", 33));
	CHECK_HAS(s, "reset\n{\n   \"failures\": [],\n   \"nodes\": [],\n"
		     "   \"totals\": {\n      \"total\": null,");
	CHECK(json_valid(strchr(s, '{')));
	free(s);
	free(buf);
}

static void t_events_table(void)
{
	struct ev_render_args a = { 0 };
	char *out, *s;
	int ret;

	out = render(events_render, &a, &ret);
	s = rstrip_lines(out);
	CHECK(ret == 0);
	CHECK_STR(s,
		  "SEQ TIME                          KIND    ORDER     GFP                                CLASS         CONTEXT  PID COMM                   CGROUP\n"
		  "  5 2024-05-01T12:00:00.123+00:00 page    4         GFP_NOWAIT|__GFP_COMP|__GFP_NOWARN nowarn,atomic softirq 4242 kworker/u8:3           /system.slice/test.service\n"
		  "  6 2024-05-01T12:00:02.123+00:00 vmalloc 2G (size) GFP_KERNEL                                       process   77 modprobe               9876\n"
		  "  9 2024-05-01T12:00:00.123+00:00 page    4         GFP_NOWAIT|__GFP_COMP|__GFP_NOWARN nowarn,atomic softirq 4242 esc\\x1b[31m\"q\"\\x09\\xff /system.slice/test.service\n");
	free(out);
	free(s);
}

static void t_events_details(void)
{
	struct ev_render_args a = { .details = true };
	char *out, *s;
	int ret;

	out = render(events_render, &a, &ret);
	s = rstrip_lines(out);
	CHECK(ret == 0);
	/* Fixed widths: the heading once, each line as it comes. */
	CHECK_PREFIX(s,
		  "   SEQ TIME                          KIND    ORDER     GFP                                CLASS         CONTEXT      PID COMM            CGROUP\n"
		  "     5 2024-05-01T12:00:00.123+00:00 page    4         GFP_NOWAIT|__GFP_COMP|__GFP_NOWARN nowarn,atomic softirq     4242 kworker/u8:3    /system.slice/test.service\n"
		  "    gfp-mask 0x40a20  high-zone 2  preferred-node 0  nodemask 0-1  tgid 4240  cgroup-id 1234\n"
		  "    NODE ZONE   FREE MIN LOW HIGH BOOST MANAGED HIGHATOMIC FREE-CMA RESERVE FREE-BLOCKS\n"
		  "       0 DMA32  1024  64  80   96     0    4096        512        0    1000 0:512 1:256 2:128 3:0 4:0 5:0 6:0 7:0 8:0 9:0 10:0\n"
		  "       0 Normal  300 512 640  768     0   32768          0        0       0 0:150 1:75 2:37 3:0 4:0 5:0 6:0 7:0 8:0 9:0 10:0\n"
		  "    (1 more zones not recorded)\n"
		  /* Zoneverdict's: a zone not recorded might have passed. */
		  "    verdict: unknown: cannot decide: not every zone was recorded, and one not recorded may have been usable; of those recorded: "
		  "every zone it may use was at or below its watermark, and the request may not reclaim or sleep (atomic or NOWAIT), so it failed where reclaim would have freed pages (pages): "
		  "Node 0 DMA32: free 1024 <= need 1064 (min 64 + lowmem_reserve 1000), low 80 high 96, largest free block order 2; "
		  "Node 0 Normal: free 300 <= need 512 (min 512 + lowmem_reserve 0), low 640 high 768, largest free block order 2\n"
		  "    stack:\n"
		  "      memdiag_test_fail_once+0x12/0x40 [memdiag_test_helper]\n"
		  "      warn_alloc+0x10b/0x190\n"
		  "      __alloc_pages_slowpath.constprop.0+0xd5e/0xe50\n"
		  "\n"
		  "     6 2024-05-01T12:00:02.123+00:00 vmalloc 2G (size) GFP_KERNEL                                       process       77 modprobe        9876\n"
		  "    gfp-mask 0xcc0  size 2147483648  step size  high-zone 2  preferred-node 1  tgid 77  cgroup-id 9876\n"
		  "\n"
		  "     9 2024-05-01T12:00:00.123+00:00 page    4         GFP_NOWAIT|__GFP_COMP|__GFP_NOWARN nowarn,atomic softirq     4242 esc\\x1b[31m\"q\"\\x09\\xff /system.slice/test.service\n");
	CHECK(strstr(s, "SEQ") == strrchr(s, 'Q') - 2);	/* one heading */
	free(out);
	free(s);
}

static void t_events_json(void)
{
	struct ev_render_args a = { .o = { .json = true }, .details = true };
	char *out;
	int ret;

	out = render(events_render, &a, &ret);
	CHECK(ret == 0);
	CHECK(json_valid(out));
	CHECK_PREFIX(out, "{\n   \"events\": [\n      {\n         \"seq\": 5,\n"
			  "         \"missed-before\": 2,\n"
			  "         \"time\": \"2024-05-01T12:00:00.123+00:00\",\n");
	CHECK_HAS(out, "\"class\": [\n            \"nowarn\",\n            \"atomic\"\n         ],");
	CHECK_HAS(out, "\"class\": [],");
	CHECK_HAS(out, "\"size\": 2147483648,\n         \"vmalloc-step\": \"size\",");
	CHECK_HAS(out, "\"size\": null,\n         \"vmalloc-step\": null,");
	CHECK_HAS(out, "\"nodemask\": null,");
	CHECK_HAS(out, "\"cgroup-path\": null,");
	CHECK_HAS(out, "\"comm\": \"esc\\u001b[31m\\\"q\\\"\\t\\ufffd\",");
	CHECK_HAS(out, "\"stack\": [\n            \"memdiag_test_fail_once+0x12/0x40 [memdiag_test_helper]\",");
	CHECK_HAS(out, "\"stack\": [],\n         \"zones\": [],\n         \"zones-truncated\": 0,\n"
		       "         \"verdict\": null\n");
	/* Page records: zoneverdict's verdict, the same as the text's. */
	CHECK_HAS(out, "\"zones-truncated\": 1,\n         \"verdict\": {\n"
		       "            \"name\": \"unknown\",\n"
		       "            \"why\": \"cannot decide: not every zone was recorded");
	CHECK_HAS(out, "\"advice\": \"the report lacks what the decision needs");
	CHECK_HAS(out, "\"free-blocks\": [512, 256, 128, 0, 0, 0, 0, 0, 0, 0, 0],\n");
	CHECK_HAS(out, "\"lowmem-reserve\": [0, 0, 0, 1000, 2000]\n");
	CHECK_HAS(out, "\"zones-truncated\": 1,\n");
	/* The last thing in the document: the sum of missed-before. */
	CHECK(out && strlen(out) > 24 &&
	      !strcmp(out + strlen(out) - 24, "\n   ],\n   \"missed\": 4\n}\n"));
	free(out);
}

/* One whole page record (no zone left out): its verdict, text and JSON. */
static int events_whole_render(FILE *f, const void *arg)
{
	const struct ev_render_args *a = arg;
	struct md_evprint p;
	struct md_event ev;
	int ret;

	event_load(mk_event_page(MEMDIAG_CMD_GET_EVENTS, 5, 0, "ksoftirqd/0"),
		   &ev);
	ev.zones_truncated = 0;
	ret = md_evprint_init(&p, f, &a->o, a->details, a->live);
	if (!ret)
		ret = md_evprint_event(&p, &ev);
	if (!ret)
		ret = md_evprint_finish(&p);
	md_evprint_free(&p);
	md_event_free(&ev);
	return ret;
}

static void t_events_verdict(void)
{
	struct ev_render_args a = { .details = true };
	struct ev_render_args aj = { .o = { .json = true } };
	char *out;
	int ret;

	/*
	 * GFP_NOWAIT order 4, both zones at or below min + lowmem_reserve
	 * (DMA32 keeps 1000 back from a Normal request): it could not wait.
	 */
	out = render(events_whole_render, &a, &ret);
	CHECK(ret == 0);
	CHECK_HAS(out, "\n    verdict: could not wait: every zone it may use was at or below its watermark, "
		       "and the request may not reclaim or sleep (atomic or NOWAIT), so it failed where reclaim would have freed pages (pages): "
		       "Node 0 DMA32: free 1024 <= need 1064 (min 64 + lowmem_reserve 1000), low 80 high 96, largest free block order 2; "
		       "Node 0 Normal: free 300 <= need 512 (min 512 + lowmem_reserve 0), low 640 high 768, largest free block order 2; "
		       "order 4 > 3 is costly: the kernel gives up on it early\n    stack:\n");
	CHECK(!strstr(out, "more zones not recorded"));
	free(out);

	/* JSON, details or not: the same verdict, with its advice. */
	out = render(events_whole_render, &aj, &ret);
	CHECK(ret == 0);
	CHECK(json_valid(out));
	CHECK_HAS(out, "\"verdict\": {\n            \"name\": \"could not wait\",\n"
		       "            \"why\": \"every zone it may use was at or below its watermark");
	CHECK_HAS(out, "\"advice\": \"vm.min_free_kbytes (and vm.watermark_scale_factor)");
	free(out);
}

static void t_events_jsonl(void)
{
	struct ev_render_args a = { .o = { .json = true }, .live = true };
	char *out, *line, *save = NULL;
	int ret, n = 0;

	out = render(events_render, &a, &ret);
	CHECK(ret == 0);
	/* JSON Lines: each line one valid object. */
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		CHECK(json_valid(line));
		CHECK(line[0] == '{' && line[strlen(line) - 1] == '}');
		n++;
	}
	CHECK(n == 3);
	free(out);
	out = render(events_render, &a, &ret);
	CHECK_PREFIX(out, "{\"seq\": 5, \"missed-before\": 2, \"time\": \"2024-05-01T12:00:00.123+00:00\", ");
	CHECK(!strstr(out, "\"missed\": "));
	free(out);
}

static void t_events_columns(void)
{
	static const int cols[] = { 12, 0, 10, 3 };	/* NODEMASK,SEQ,TGID,ORDER */
	struct ev_render_args a = {
		.o = { .raw = true, .bytes = true, .columns = (int *)cols,
		       .ncolumns = 4 },
	};
	char *out;
	int ret;

	out = render(events_render, &a, &ret);
	CHECK(ret == 0);
	CHECK_STR(out, "NODEMASK SEQ TGID ORDER\n"
		       "0-1 5 4240 4\n"
		       " 6 77 2147483648\\x20(size)\n"
		       "0-1 9 4240 4\n");
	free(out);
}

static void t_events_missed(void)
{
	struct md_opts o = { 0 };
	struct md_evprint p;
	struct md_event ev;
	char *err;

	event_load(mk_event_page(MEMDIAG_CMD_GET_EVENTS, 9, 3, "x"), &ev);
	CHECK(md_evprint_init(&p, stdout, &o, false, false) == 0);
	cap_begin();
	md_evprint_missed(&p, &ev);
	err = cap_end();
	CHECK_STR(err, "memdiagctl: 3 events before seq 9 were overwritten before they could be read\n");
	free(err);
	CHECK(p.missed == 3);
	md_evprint_free(&p);

	CHECK(md_evprint_init(&p, stdout, &o, false, true) == 0);
	cap_begin();
	md_evprint_missed(&p, &ev);
	ev.missed_before = 0;
	md_evprint_missed(&p, &ev);	/* nothing missed: silent */
	err = cap_end();
	CHECK_STR(err, "memdiagctl: 3 events before seq 9 were missed; 'memdiagctl events --since 6' shows those still kept\n");
	free(err);
	md_evprint_free(&p);
	md_event_free(&ev);
}

static void t_watch_decide(void)
{
	const struct md_watch_state start = { .family = -1 };
	const struct md_watch_state joined = { .family = 0x20, .grp = 9 };
	const struct md_watch_state gone = { .family = -1, .gone = true };
	const int nf = -NLE_OBJ_NOTFOUND, err = -NLE_NOMEM;

	/* Starting up. */
	CHECK(md_watch_decide(&start, 0x20, 9, 0) == MD_WS_JOIN);
	CHECK(md_watch_decide(&start, nf, nf, 0) == MD_WS_NOMODULE);
	CHECK(md_watch_decide(&start, 0x20, nf, 0) == MD_WS_NOGROUP);
	CHECK(md_watch_decide(&start, err, nf, 0) == MD_WS_ERROR);
	CHECK(md_watch_decide(&start, 0x20, err, 0) == MD_WS_ERROR);
	/* Watching. */
	CHECK(md_watch_decide(&joined, 0x20, 9, 1) == MD_WS_OK);
	CHECK(md_watch_decide(&joined, 0x20, 9, -1) == MD_WS_OK);
	CHECK(md_watch_decide(&joined, nf, nf, 0) == MD_WS_GONE);
	CHECK(md_watch_decide(&joined, err, nf, 0) == MD_WS_RETRY);
	/* Reloaded between two looks: new ids, or the membership is gone. */
	CHECK(md_watch_decide(&joined, 0x21, 9, 1) == MD_WS_BOUNCED);
	CHECK(md_watch_decide(&joined, 0x20, 10, 0) == MD_WS_BOUNCED);
	CHECK(md_watch_decide(&joined, 0x20, 9, 0) == MD_WS_BOUNCED);
	CHECK(md_watch_decide(&joined, 0x21, nf, 0) == MD_WS_NOGROUP);
	/* Gone. */
	CHECK(md_watch_decide(&gone, nf, nf, 0) == MD_WS_OK);
	CHECK(md_watch_decide(&gone, 0x22, 9, 0) == MD_WS_BACK);
	CHECK(md_watch_decide(&gone, err, nf, 0) == MD_WS_RETRY);
}

static void t_events_none(void)
{
	struct md_opts o = { .json = true }, t = { 0 };
	struct md_evprint p;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	CHECK(md_evprint_init(&p, f, &o, false, false) == 0);
	CHECK(md_evprint_finish(&p) == 0);
	md_evprint_free(&p);
	CHECK(md_evprint_init(&p, f, &t, false, false) == 0);
	CHECK(md_evprint_finish(&p) == 0);
	md_evprint_free(&p);
	fclose(f);
	CHECK_STR(buf, "{\n   \"events\": [],\n   \"missed\": 0\n}\n");
	free(buf);
}


/* ---- metrics ------------------------------------------------------------- */

/* A GET_ZONES dump message: one zone, two orders, checks for two classes. */
static struct nl_msg *mk_zone_msg(uint32_t node, const char *name)
{
	struct nl_msg *m = nlmsg_alloc();
	const int pad = MEMDIAG_A_ZONE_PAD;
	struct nlattr *o, *c, *t;
	uint32_t ord;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0, MEMDIAG_CMD_GET_ZONES,
			       MEMDIAG_FAMILY_VERSION) ||
	    nla_put_u32(m, MEMDIAG_A_ZONE_NODE, node) ||
	    nla_put_u32(m, MEMDIAG_A_ZONE_ZONE, 1) ||
	    nla_put_string(m, MEMDIAG_A_ZONE_NAME, name))
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_SPANNED, 262144);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_PRESENT, 261000);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_MANAGED, 234574);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_FREE, 68473);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_MIN, 11082);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_LOW, 13852);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_HIGH, 16622);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_BOOST, 0);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_LOWMEM_RESERVE, 0);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_LOWMEM_RESERVE, 1234);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_HIGHATOMIC, 0);
	put_pad_u64(m, pad, MEMDIAG_A_ZONE_FREE_CMA, 0);
	for (ord = 0; ord < 10; ord += 9) {
		o = nla_nest_start(m, MEMDIAG_A_ZONE_ORDER | NLA_F_NESTED);
		if (!o || nla_put_u32(m, MEMDIAG_A_ZONE_ORDER_ORDER, ord))
			abort();
		put_pad_u64(m, MEMDIAG_A_ZONE_ORDER_PAD,
			    MEMDIAG_A_ZONE_ORDER_FREE_BLOCKS, ord ? 0 : 66075);
		t = nla_nest_start(m, MEMDIAG_A_ZONE_ORDER_TYPE_FREE | NLA_F_NESTED);
		if (!t || nla_put_u32(m, MEMDIAG_A_ZONE_TYPE_FREE_MIGRATETYPE, 0) ||
		    nla_put_string(m, MEMDIAG_A_ZONE_TYPE_FREE_NAME, "Unmovable"))
			abort();
		put_pad_u64(m, MEMDIAG_A_ZONE_TYPE_FREE_PAD,
			    MEMDIAG_A_ZONE_TYPE_FREE_COUNT, 3);
		nla_nest_end(m, t);
		if (nla_put_u32(m, MEMDIAG_A_ZONE_ORDER_UNUSABLE_INDEX,
				ord ? 892 : 0) ||
		    nla_put_s32(m, MEMDIAG_A_ZONE_ORDER_EXTFRAG_INDEX,
				ord ? 955 : -1000))
			abort();
		for (uint32_t cl = 0; cl < 2; cl++) {
			c = nla_nest_start(m, MEMDIAG_A_ZONE_ORDER_CHECK | NLA_F_NESTED);
			if (!c || nla_put_u32(m, MEMDIAG_A_ZONE_CHECK_CLASS, cl) ||
			    nla_put_u32(m, MEMDIAG_A_ZONE_CHECK_MIN, ord ?
					MEMDIAG_WMARK_VERDICT_NO_BLOCK :
					MEMDIAG_WMARK_VERDICT_OK) ||
			    nla_put_u32(m, MEMDIAG_A_ZONE_CHECK_LOW,
					MEMDIAG_WMARK_VERDICT_OK) ||
			    nla_put_u32(m, MEMDIAG_A_ZONE_CHECK_HIGH,
					MEMDIAG_WMARK_VERDICT_BELOW))
				abort();
			nla_nest_end(m, c);
		}
		nla_nest_end(m, o);
	}
	return m;
}

/* A GET_SWAPOFF dump message. */
static struct nl_msg *mk_swapoff_msg(uint64_t seq, const char *path,
				     int32_t result, uint32_t cause)
{
	struct nl_msg *m = nlmsg_alloc();
	const int pad = MEMDIAG_A_SWAPOFF_PAD;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, NLM_F_MULTI,
			       MEMDIAG_CMD_GET_SWAPOFF, MEMDIAG_FAMILY_VERSION))
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_SWAPOFF_SEQ, seq);
	put_pad_u64(m, pad, MEMDIAG_A_SWAPOFF_START_REAL_NS,
		    REAL_NS + seq * 1000000000ULL);
	if (nla_put_string(m, MEMDIAG_A_SWAPOFF_PATH, path) ||
	    nla_put_s32(m, MEMDIAG_A_SWAPOFF_RESULT, result) ||
	    nla_put_u32(m, MEMDIAG_A_SWAPOFF_CAUSE, cause))
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_SWAPOFF_UNTRACKED, 2);
	return m;
}

/* Feed @m to metrics source @name. */
static int feed(struct md_prom *p, const char *name, struct nl_msg *m,
		void *state)
{
	const struct md_msource *src = md_msource_find(name);
	int ret;

	if (!src)
		abort();
	ret = src->msg(p, nlmsg_hdr(m), state);
	nlmsg_free(m);
	return ret;
}

/* The metrics of every handcrafted reply, as 'memdiagctl metrics' prints. */
static int metrics_render(FILE *f, const void *arg)
{
	struct md_prom p = { .page_size = 4096, .now_boot_ns = NOW_NS,
			     .now_real_ns = REAL_NS };
	const struct md_msource *so = md_msource_find("swapoff");
	void *st = calloc(1, so->state_size);
	int ret = 0;

	(void)arg;
	md_prom_u64(&p, 0, 1, NULL);	/* memdiag_up */
	ret |= feed(&p, "status", mk_status("nasty \"\\\n\xff"), NULL);
	md_prom_collector(&p, "status", true);
	ret |= feed(&p, "counters", mk_counters(), NULL);
	md_prom_collector(&p, "counters", true);
	ret |= feed(&p, "zones", mk_zone_msg(0, "DMA32"), NULL);
	ret |= feed(&p, "zones", mk_zone_msg(1, "Normal"), NULL);
	md_prom_collector(&p, "zones", true);
	ret |= feed(&p, "swapoff", mk_swapoff_msg(3, "/dev/zram0", 0, 0), st);
	ret |= feed(&p, "swapoff", mk_swapoff_msg(4, "/dev/zram0", -ENOMEM,
						   MEMDIAG_SWAPOFF_CAUSE_MEMCG), st);
	ret |= feed(&p, "swapoff", mk_swapoff_msg(5, "/sw\"ap\\x2d\n\xff", -ENOMEM,
						   MEMDIAG_SWAPOFF_CAUSE_COMMIT), st);
	ret |= feed(&p, "swapoff", mk_swapoff_msg(6, "/dev/zram0", -ENOMEM,
						   MEMDIAG_SWAPOFF_CAUSE_MEMCG), st);
	/* 6.12.118's try_to_unuse() returns the kernel's -ERESTARTSYS. */
	ret |= feed(&p, "swapoff", mk_swapoff_msg(7, "/dev/zram1", -512,
						   MEMDIAG_SWAPOFF_CAUSE_SIGNAL), st);
	ret |= so->end(&p, st);
	md_prom_collector(&p, "swapoff", true);
	free(st);
	if (!ret)
		ret = md_prom_write(&p, f);
	md_prom_free(&p);
	return ret;
}

static void t_metrics_label_escape(void)
{
	char *s;

	s = md_prom_label_escape("/system.slice/a\\x2db.service");
	CHECK_STR(s, "/system.slice/a\\\\x2db.service");
	free(s);
	s = md_prom_label_escape("q\"nl\ntab\tff\xff \xc3\xa9");
	CHECK_STR(s, "q\\\"nl\\\\x0atab\\\\x09ff\\\\xff \xc3\xa9");
	free(s);
	s = md_prom_label_escape("");
	CHECK_STR(s, "");
	free(s);
}

static void t_metrics_families(void)
{
	size_t i, j;

	/* Unique names; counters and only counters end in _total. */
	for (i = 0; i < md_nr_mfamilies; i++) {
		const char *n = md_mfamilies[i].name;
		size_t len;

		CHECK(n && md_mfamilies[i].help && *md_mfamilies[i].help);
		if (!n)
			continue;
		len = strlen(n);
		CHECK(!strncmp(n, "memdiag_", 8));
		CHECK((md_mfamilies[i].type == MD_M_COUNTER) ==
		      (len > 6 && !strcmp(n + len - 6, "_total")));
		for (j = 0; j < i; j++)
			CHECK(strcmp(n, md_mfamilies[j].name));
	}
	/* Every netlink command metrics asks has a source row. */
	CHECK(md_msource_find("status") && md_msource_find("counters") &&
	      md_msource_find("zones") && md_msource_find("swapoff"));
	CHECK(md_msource_find("swapoff")->admin);
	CHECK(!md_msource_find("counters")->admin);
}

static void t_metrics_text(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	CHECK(f && !metrics_render(f, NULL));
	fclose(f);
	CHECK_HAS(buf, "# HELP memdiag_up ");
	CHECK_HAS(buf, "# TYPE memdiag_allocation_failures_total counter\n");
	/* page order 0: 12 failures, 10 nowarn, 12 atomic, 10 both. */
	CHECK_HAS(buf, "memdiag_allocation_failures_total{kind=\"page\",order=\"0\",nowarn=\"true\",atomic=\"true\"} 10\n");
	CHECK_HAS(buf, "memdiag_allocation_failures_total{kind=\"page\",order=\"0\",nowarn=\"false\",atomic=\"true\"} 2\n");
	CHECK_HAS(buf, "memdiag_allocation_failures_total{kind=\"page\",order=\"0\",nowarn=\"false\",atomic=\"false\"} 0\n");
	/* page order 4: 8 = 1 nowarn, 2 atomic, 0 both, 5 neither. */
	CHECK_HAS(buf, "memdiag_allocation_failures_total{kind=\"page\",order=\"4\",nowarn=\"false\",atomic=\"false\"} 5\n");
	CHECK_HAS(buf, "memdiag_allocation_failures_by_node_total{node=\"1\"} 6\n");
	CHECK_HAS(buf, "memdiag_allocation_failure_records_total{outcome=\"suppressed\"} 3\n");
	CHECK_HAS(buf, "memdiag_ring_overwritten_total 2\n");
	CHECK_HAS(buf, "memdiag_kprobe_missed_total 1\n");
	CHECK_HAS(buf, "memdiag_allocation_failure_last_timestamp_seconds{kind=\"page\",order=\"0\"} 1714564800.123456789\n");
	/* Loaded 75 s before now. */
	CHECK_HAS(buf, "memdiag_load_timestamp_seconds 1714564725.123456789\n");
	CHECK_HAS(buf, "memdiag_feature_state{feature=\"alloc-failure\",state=\"failed\"} 1\n");
	CHECK_HAS(buf, "memdiag_feature_state{feature=\"alloc-failure\",state=\"ok\"} 0\n");
	CHECK_HAS(buf, "memdiag_config_ring_size 4096\n");
	CHECK_HAS(buf, "memdiag_module_memory_bytes 1572864\n");
	/* Pages in bytes. */
	CHECK_HAS(buf, "memdiag_zone_free_bytes{node=\"0\",zone=\"DMA32\"} 280465408\n");
	CHECK_HAS(buf, "memdiag_zone_watermark_bytes{node=\"1\",zone=\"Normal\",watermark=\"min\"} 45391872\n");
	CHECK_HAS(buf, "memdiag_zone_lowmem_reserve_bytes{node=\"0\",zone=\"DMA32\",request_zone=\"1\"} 5054464\n");
	CHECK_HAS(buf, "memdiag_zone_free_blocks{node=\"0\",zone=\"DMA32\",order=\"0\"} 66075\n");
	CHECK_HAS(buf, "memdiag_zone_unusable_free_ratio{node=\"0\",zone=\"DMA32\",order=\"9\"} 0.892\n");
	CHECK_HAS(buf, "memdiag_zone_fragmentation_index{node=\"0\",zone=\"DMA32\",order=\"0\"} -1.000\n");
	CHECK_HAS(buf, "memdiag_zone_watermark_ok{node=\"0\",zone=\"DMA32\",order=\"9\",gfp_class=\"atomic\",watermark=\"min\"} 0\n");
	CHECK_HAS(buf, "memdiag_zone_watermark_ok{node=\"0\",zone=\"DMA32\",order=\"9\",gfp_class=\"kernel\",watermark=\"low\"} 1\n");
	CHECK_HAS(buf, "memdiag_swapoff_attempts_total 7\n");
	CHECK_HAS(buf, "memdiag_swapoff_recent_attempts{device=\"/dev/zram1\",result=\"ERESTARTSYS\",cause=\"signal\"} 1\n");
	CHECK_HAS(buf, "memdiag_swapoff_untracked_total 2\n");
	CHECK_HAS(buf, "memdiag_swapoff_recent_attempts{device=\"/dev/zram0\",result=\"ENOMEM\",cause=\"memcg\"} 2\n");
	CHECK_HAS(buf, "memdiag_swapoff_recent_attempts{device=\"/dev/zram0\",result=\"0\",cause=\"success\"} 1\n");
	CHECK_HAS(buf, "memdiag_swapoff_recent_attempts{device=\"/sw\\\"ap\\\\x2d\\\\x0a\\\\xff\",result=\"ENOMEM\",cause=\"commit\"} 1\n");
	CHECK_HAS(buf, "memdiag_swapoff_recent_attempt_last_timestamp_seconds{device=\"/dev/zram0\",result=\"ENOMEM\",cause=\"memcg\"} 1714564806.123456789\n");
	CHECK_HAS(buf, "memdiag_collector_success{collector=\"swapoff\"} 1\n");
	/* Each family once, its samples together. */
	for (size_t i = 0; i < md_nr_mfamilies; i++) {
		char want[128];
		const char *first;

		snprintf(want, sizeof(want), "# TYPE %s ", md_mfamilies[i].name);
		first = strstr(buf, want);
		CHECK(!first || !strstr(first + 1, want));
	}
	for (char *l = buf; l && *l; ) {
		char *nl = strchr(l, '\n');

		CHECK(nl != NULL);
		if (!nl)
			break;
		/* No line without a value, no raw newline in a label. */
		if (*l != '#')
			CHECK(l[strcspn(l, " \n")] == ' ');
		l = nl + 1;
	}
	free(buf);
}

/* A GET_STATUS whose swapoff feature is unavailable: no swapoff numbers. */
/* The names of the causes, outcomes and kernel codes a record can carry. */
static void t_swapoff_names(void)
{
	CHECK(!strcmp(md_swapoff_cause_name(MEMDIAG_SWAPOFF_CAUSE_SIGNAL), "signal"));
	CHECK(!strcmp(md_swapoff_cause_name(MEMDIAG_SWAPOFF_CAUSE_OOM_VICTIM),
		      "oom-victim"));
	CHECK(!md_swapoff_cause_name(MEMDIAG_SWAPOFF_CAUSE_OOM_VICTIM + 1));
	CHECK(!strcmp(md_swapoff_outcome_name(MEMDIAG_SWAPOFF_OUTCOME_EINTR), "EINTR"));
	CHECK(!strcmp(md_swapoff_outcome_name(MEMDIAG_SWAPOFF_OUTCOME_RESTARTED),
		      "restarted"));
	CHECK(!strcmp(md_swapoff_outcome_name(MEMDIAG_SWAPOFF_OUTCOME_KILLED), "killed"));
	CHECK(!md_swapoff_outcome_name(MEMDIAG_SWAPOFF_OUTCOME_KILLED + 1));
	CHECK(!strcmp(md_kernel_errno_name(-512), "ERESTARTSYS"));
	CHECK(!strcmp(md_kernel_errno_name(-513), "ERESTARTNOINTR"));
	CHECK(!strcmp(md_kernel_errno_name(-514), "ERESTARTNOHAND"));
	CHECK(!strcmp(md_kernel_errno_name(-516), "ERESTART_RESTARTBLOCK"));
	CHECK(!md_kernel_errno_name(-515) && !md_kernel_errno_name(-EINTR) &&
	      !md_kernel_errno_name(0));
}

static void t_metrics_swapoff_unavailable(void)
{
	struct md_prom p = { .page_size = 4096 };
	const struct md_msource *so = md_msource_find("swapoff");
	struct nl_msg *m = nlmsg_alloc();
	struct nlattr *nest;
	void *st = calloc(1, so->state_size);
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	if (!m || !st || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0,
				      MEMDIAG_CMD_GET_STATUS, MEMDIAG_FAMILY_VERSION))
		abort();
	nest = nla_nest_start(m, MEMDIAG_A_STATUS_FEATURE | NLA_F_NESTED);
	if (!nest || nla_put_u32(m, MEMDIAG_A_FEATURE_ID, MEMDIAG_FEATURE_ID_SWAPOFF) ||
	    nla_put_string(m, MEMDIAG_A_FEATURE_NAME, "swapoff") ||
	    nla_put_u32(m, MEMDIAG_A_FEATURE_STATE, MEMDIAG_FEATURE_STATE_UNAVAILABLE))
		abort();
	nla_nest_end(m, nest);
	CHECK(feed(&p, "status", m, NULL) == 0);
	CHECK(so->end(&p, st) == 0);
	f = open_memstream(&buf, &len);
	CHECK(f && md_prom_write(&p, f) == 0);
	fclose(f);
	CHECK_HAS(buf, "memdiag_feature_state{feature=\"swapoff\",state=\"unavailable\"} 1\n");
	CHECK(!strstr(buf, "memdiag_swapoff_attempts_total"));
	free(buf);
	free(st);
	md_prom_free(&p);
}

static void t_metrics_atomic_write(void)
{
	char dir[] = "/tmp/memdiag-unit-XXXXXX", path[64], tmpl[80], *s;
	FILE *f;
	char buf[64] = "";
	struct stat stt;
	mode_t old = umask(022);

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/memdiag.prom", dir);
	CHECK(md_write_atomic(path, "a 1\n", 4) == 0);
	CHECK(md_write_atomic(path, "b 2\n", 4) == 0);
	f = fopen(path, "r");
	CHECK(f && fgets(buf, sizeof(buf), f));
	if (f)
		fclose(f);
	CHECK_STR(buf, "b 2\n");
	CHECK(!stat(path, &stt) && (stt.st_mode & 0777) == 0644);
	/* No temporary file left behind. */
	snprintf(tmpl, sizeof(tmpl), "ls -A %s | wc -l", dir);
	f = popen(tmpl, "r");
	CHECK(f && fgets(buf, sizeof(buf), f));
	if (f)
		pclose(f);
	CHECK_STR(buf, "1\n");
	/* A directory that is not there: an error that names it. */
	snprintf(path, sizeof(path), "%s/nodir/memdiag.prom", dir);
	cap_begin();
	CHECK(md_write_atomic(path, "a 1\n", 4) == MD_EXIT_ERROR);
	s = cap_end();
	CHECK_HAS(s, "cannot create a temporary file in ");
	CHECK_HAS(s, "/nodir for ");
	free(s);
	snprintf(tmpl, sizeof(tmpl), "rm -rf %s", dir);
	CHECK(system(tmpl) == 0);
	umask(old);
}

/* ---- memory cgroups (memcg.c) ------------------------------------------- */

static void t_memcg_find(void)
{
	char dir[] = "/tmp/memdiag-unit-XXXXXX", cmd[80];
	struct md_memcg m;

	CHECK(mkdtemp(dir) != NULL);
	/* cgroup v2 only (Debian 11 and later). */
	CHECK(memcg_find_in(dir, PC_HEAD "cpu\t0\t1\t1\nmemory\t0\t3\t1\n",
			    "22 1 8:1 / / rw - ext4 /dev/vda rw\n" MI_CG2, &m) == 0);
	CHECK(m.found && !m.v1);
	CHECK_STR(m.mnt, "/sys/fs/cgroup");
	CHECK_STR(m.root, "");
	CHECK_STR(md_memcg()->mnt, "/sys/fs/cgroup");
	CHECK_STR(md_memcg_limit_file(), "memory.max");
	CHECK_STR(md_memcg_usage_file(), "memory.current");
	/* memory mounted as v1 beside cgroup2, which did not enable it. */
	CHECK(memcg_find_in(dir, PC_HEAD "cpu\t0\t1\t1\nmemory\t1\t2\t1\n",
			    MI_CG2 "36 28 0:31 / /tmp/memv1 rw,relatime - cgroup none rw,memory\n",
			    &m) == 0);
	CHECK(m.found && m.v1);
	CHECK_STR(m.mnt, "/tmp/memv1");
	CHECK_STR(md_memcg_limit_file(), "memory.limit_in_bytes");
	CHECK_STR(md_memcg_usage_file(), "memory.usage_in_bytes");
	/* systemd's hybrid layout: v1 controllers, cgroup2 at unified. */
	CHECK(memcg_find_in(dir, PC_HEAD "cpu\t2\t40\t1\nmemory\t4\t40\t1\n",
			    "31 23 0:28 / /sys/fs/cgroup rw - tmpfs tmpfs rw,mode=755\n"
			    "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n"
			    "33 31 0:30 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n"
			    "34 31 0:31 / /sys/fs/cgroup/mem\\040v1 rw shared:5 - cgroup cgroup rw,memory\n"
			    "41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n", &m) == 0);
	CHECK(m.found && m.v1);
	CHECK_STR(m.mnt, "/sys/fs/cgroup/mem v1");
	/* Hybrid with memory on v2: the cgroup2 mount, wherever it is. */
	CHECK(memcg_find_in(dir, PC_HEAD "cpu\t2\t40\t1\nmemory\t0\t40\t1\n",
			    "32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"
			    "41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n", &m) == 0);
	CHECK(m.found && !m.v1);
	CHECK_STR(m.mnt, "/sys/fs/cgroup/unified");
	/* A container's view of a subtree; the whole hierarchy preferred. */
	CHECK(memcg_find_in(dir, PC_HEAD "memory\t7\t9\t1\n",
			    "50 40 0:31 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n",
			    &m) == 0);
	CHECK(m.v1);
	CHECK_STR(m.mnt, "/sys/fs/cgroup/memory");
	CHECK_STR(m.root, "/docker/abc");
	CHECK(memcg_find_in(dir, PC_HEAD "memory\t7\t9\t1\n",
			    "50 40 0:31 /docker/abc /a ro - cgroup cgroup rw,memory\n"
			    "51 40 0:31 / /b rw - cgroup cgroup rw,memory\n", &m) == 0);
	CHECK_STR(m.mnt, "/b");
	CHECK_STR(m.root, "");
	/* v1 but not mounted (a name=memoryx hierarchy is not it). */
	CHECK(memcg_find_in(dir, PC_HEAD "memory\t3\t1\t1\n",
			    MI_CG2 "40 31 0:38 / /x rw - cgroup cgroup rw,name=memoryx\n",
			    &m) == -ENOENT);
	CHECK(!m.found && m.v1);
	/* No memory line (a kernel without v1 may leave it out): v2. */
	CHECK(memcg_find_in(dir, PC_HEAD "cpu\t0\t1\t1\n", MI_CG2, &m) == 0);
	CHECK(m.found && !m.v1);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
}

static void t_memcg_read(void)
{
	char dir[] = "/tmp/memdiag-unit-XXXXXX", g[300], cmd[400];
	struct md_memcg m = { .found = true, .v1 = true };
	struct md_memcg_stat st;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(m.mnt, sizeof(m.mnt), "%s", dir);
	snprintf(g, sizeof(g), "%s/svc", dir);
	CHECK(mkdir(g, 0755) == 0);
	/* The root: no limit (PAGE_COUNTER_MAX pages), no swap accounting. */
	put_file(dir, "memory.limit_in_bytes", "9223372036854771712\n");
	put_file(dir, "memory.usage_in_bytes", "1000\n");
	put_file(dir, "memory.stat", "cache 843776\nrss 65892352\nswapcached 0\n");
	CHECK(md_memcg_read(&m, "", &st) == 0);
	CHECK(st.limit == MD_MEMCG_NOLIMIT && st.usage == 1000);
	CHECK(st.swap == -1 && st.swap_total == -1 && st.memsw_limit == -1 &&
	      st.memsw_usage == -1 && st.oom_kill_disable == -1 && st.use_hierarchy == 1);
	/* /svc, as the 6.1 experiment had it. */
	put_file(g, "memory.limit_in_bytes", "67108864\n");
	put_file(g, "memory.usage_in_bytes", "66940928\n");
	put_file(g, "memory.memsw.limit_in_bytes", "9223372036854771712\n");
	put_file(g, "memory.memsw.usage_in_bytes", "129572864\n");
	put_file(g, "memory.failcnt", "24239\n");
	put_file(g, "memory.use_hierarchy", "0\n");
	put_file(g, "memory.stat", "cache 843776\nrss 65892352\nswapcached 4096\n"
		 "swap 62631936\ntotal_swap 62619648\n");
	put_file(g, "memory.oom_control", "oom_kill_disable 1\nunder_oom 0\noom_kill 2\n");
	CHECK(md_memcg_read(&m, "/svc", &st) == 0);
	CHECK(st.limit == 67108864 && st.usage == 66940928 && st.failcnt == 24239);
	CHECK(st.swap == 62631936 && st.swap_total == 62619648);
	CHECK(st.memsw_limit == MD_MEMCG_NOLIMIT && st.memsw_usage == 129572864);
	CHECK(st.oom_kill_disable == 1 && st.under_oom == 0 && st.oom_kill == 2);
	CHECK(st.use_hierarchy == 0 && st.high == -1);
	CHECK(md_memcg_read(&m, "/gone", &st) == -ENOENT);
	/* v2: "max" is no limit. */
	m.v1 = false;
	put_file(g, "memory.max", "max\n");
	put_file(g, "memory.current", "5\n");
	put_file(g, "memory.swap.current", "7\n");
	put_file(g, "memory.high", "4096\n");
	CHECK(md_memcg_read(&m, "/svc", &st) == 0);
	CHECK(st.limit == MD_MEMCG_NOLIMIT && st.usage == 5 && st.swap == 7 &&
	      st.high == 4096 && st.memsw_limit == -1 && st.oom_kill_disable == -1);
	/* The shared parsers: "key: N" and "key N" lines, a prefix is not a key. */
	CHECK(md_proc_key(g, "x") == -1);
	snprintf(cmd, sizeof(cmd), "%s/memory.stat", g);
	CHECK(md_proc_key(cmd, "swap") == 62631936);
	CHECK(md_proc_key(cmd, "rs") == -1);
	put_file(dir, "meminfo", "MemTotal:        2000 kB\nMemAvailable:    1500 kB\n");
	snprintf(cmd, sizeof(cmd), "%s/meminfo", dir);
	CHECK(md_proc_key(cmd, "MemAvailable") == 1500);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
}

/* ---- main --------------------------------------------------------------- */

static int print_sample(const char *what)
{
	struct render_args a = { .feature_msg = "register_kprobe(warn_alloc): -2" };
	int (*fn)(FILE *, const void *) = status_render;

	if (!strcmp(what, "status-json")) {
		a.o.json = true;
	} else if (!strcmp(what, "status-json-nasty")) {
		a.o.json = true;
		a.feature_msg = "quote\" backslash\\ tab\t nl\n ctl\x01 bad\xff utf8 \xc3\xa9";
	} else if (!strcmp(what, "config-json")) {
		a.o.json = true;
		fn = config_render;
	} else if (!strcmp(what, "config-text")) {
		fn = config_render;
	} else if (!strcmp(what, "failures-text")) {
		fn = failures_render;
	} else if (!strcmp(what, "failures-json")) {
		a.o.json = true;
		fn = failures_render;
	} else if (!strncmp(what, "events-", 7) || !strncmp(what, "watch-", 6)) {
		struct ev_render_args e = {
			.o.json = !!strstr(what, "json"),
			.details = !!strstr(what, "details"),
			.live = !strncmp(what, "watch-", 6),
		};

		return events_render(stdout, &e);
	} else if (!strcmp(what, "metrics")) {
		fn = metrics_render;
	} else if (strcmp(what, "status-text")) {
		fprintf(stderr, "unit: unknown sample '%s'\n", what);
		return 2;
	}
	return fn(stdout, &a);
}

/* ---- swap owners ---------------------------------------------------------- */

static struct nl_msg *mk_swap_area(uint32_t type, const char *path)
{
	const int pad = MEMDIAG_A_SWAP_PAD;
	struct nl_msg *m = nlmsg_alloc();

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, NLM_F_MULTI,
			       MEMDIAG_CMD_GET_SWAP, MEMDIAG_FAMILY_VERSION))
		abort();
	if (nla_put_u32(m, MEMDIAG_A_SWAP_TYPE, type) ||
	    nla_put_string(m, MEMDIAG_A_SWAP_PATH, path) ||
	    nla_put_u32(m, MEMDIAG_A_SWAP_PRIO, (uint32_t)-2) ||
	    nla_put_u8(m, MEMDIAG_A_SWAP_PARTIAL, 1) ||
	    nla_put_u8(m, MEMDIAG_A_SWAP_MEMCG_UNAVAILABLE, 0) ||
	    nla_put_u32(m, MEMDIAG_A_SWAP_MEMCGS, 2) ||
	    nla_put_u32(m, 200, 7))	/* from a newer module: ignored */
		abort();
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_MAP_SLOTS, 16384);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_PAGES, 16383);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_BAD, 1);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_INUSE, 300);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_SCANNED, 4096);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_SLOTS_USED, 299);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_SLOTS_ANON, 200);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_ANON_REFS, 400);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_SLOTS_SHMEM, 90);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_SLOTS_CACHE_ONLY, 9);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_SLOTS_MEMCG_NONE, 9);
	put_pad_u64(m, pad, MEMDIAG_A_SWAP_SLOTS_MEMCG_OTHER, 0);
	return m;
}

static struct nl_msg *mk_swap_cgs(uint32_t type, int n, bool path)
{
	const int pad = MEMDIAG_A_SWAP_CGROUP_PAD;
	struct nl_msg *m = nlmsg_alloc();
	int i;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, NLM_F_MULTI,
			       MEMDIAG_CMD_GET_SWAP, MEMDIAG_FAMILY_VERSION) ||
	    nla_put_u32(m, MEMDIAG_A_SWAP_TYPE, type))
		abort();
	for (i = 0; i < n; i++) {
		struct nlattr *nest = nla_nest_start(m, MEMDIAG_A_SWAP_MEMCG | NLA_F_NESTED);

		if (!nest || nla_put_u32(m, MEMDIAG_A_SWAP_CGROUP_ID, 10 + i) ||
		    nla_put_u8(m, MEMDIAG_A_SWAP_CGROUP_ONLINE, i == 0) ||
		    (path && nla_put_string(m, MEMDIAG_A_SWAP_CGROUP_PATH, "/app")))
			abort();
		put_pad_u64(m, pad, MEMDIAG_A_SWAP_CGROUP_CGROUP_ID, 1000 + i);
		put_pad_u64(m, pad, MEMDIAG_A_SWAP_CGROUP_SLOTS, 100 + i);
		nla_nest_end(m, nest);
	}
	return m;
}

static void t_swap_reply_parse(void)
{
	struct md_swap_areas as = { 0 };
	struct nl_msg *m;
	struct md_swap_area *a;

	m = mk_swap_area(3, "/dev/zram1");
	CHECK(!md_swap_reply_parse(nlmsg_hdr(m), &as));
	nlmsg_free(m);
	m = mk_swap_cgs(3, 2, true);
	CHECK(!md_swap_reply_parse(nlmsg_hdr(m), &as));
	nlmsg_free(m);
	m = mk_swap_cgs(3, 1, false);
	CHECK(!md_swap_reply_parse(nlmsg_hdr(m), &as));
	nlmsg_free(m);
	CHECK(as.n == 1);
	a = md_swap_area_find(&as, 3);
	CHECK(a && !md_swap_area_find(&as, 0));
	if (a) {
		CHECK_STR(a->path, "/dev/zram1");
		CHECK(a->prio == -2 && a->partial && !a->memcg_unavailable);
		CHECK(a->map_slots == 16384 && a->pages == 16383 && a->bad == 1 &&
		      a->inuse == 300 && a->scanned == 4096 && a->used == 299 &&
		      a->anon == 200 && a->refs == 400 && a->shmem == 90 &&
		      a->cache_only == 9 && a->memcg_none == 9 && a->memcgs == 2);
		CHECK(a->ncgs == 3);
		if (a->ncgs == 3) {
			CHECK(a->cgs[0].id == 10 && a->cgs[0].online &&
			      a->cgs[0].cgroup_id == 1000 && a->cgs[0].slots == 100 &&
			      a->cgs[0].path);
			CHECK_STR(a->cgs[0].path, "/app");
			CHECK(a->cgs[1].id == 11 && !a->cgs[1].online &&
			      a->cgs[1].slots == 101);
			CHECK(!a->cgs[2].path && a->cgs[2].id == 10);
		}
	}
	/* memcg nests of an area never announced: refused. */
	m = mk_swap_cgs(4, 1, true);
	CHECK(md_swap_reply_parse(nlmsg_hdr(m), &as) == -EBADMSG);
	nlmsg_free(m);
	md_swap_areas_free(&as);
	CHECK(as.n == 0 && !as.v);
}

/*
 * GET_SWAP metrics: the areas in dump order, each with the samples of the
 * attributes sent (no "bad" kind here: mk_swap_area() sends no SLOTS_BAD),
 * its cgroups in the order of the messages.
 */
static void t_metrics_swap(void)
{
	struct md_prom p = { .page_size = 4096 };
	const struct md_msource *src = md_msource_find("swap");
	struct nl_msg *m = nlmsg_alloc();
	char *buf = NULL;
	size_t len = 0;
	void *st;
	FILE *f;

	if (!src || !m)
		abort();
	st = calloc(1, src->state_size);
	if (!st || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, NLM_F_MULTI,
				MEMDIAG_CMD_GET_SWAP, MEMDIAG_FAMILY_VERSION) ||
	    nla_put_u32(m, MEMDIAG_A_SWAP_TYPE, 4) ||
	    nla_put_string(m, MEMDIAG_A_SWAP_PATH, "/dev/vdb") ||
	    nla_put_u8(m, MEMDIAG_A_SWAP_MEMCG_UNAVAILABLE, 1))
		abort();
	put_pad_u64(m, MEMDIAG_A_SWAP_PAD, MEMDIAG_A_SWAP_PAGES, 0);
	CHECK(src->admin);
	CHECK(!feed(&p, "swap", mk_swap_area(3, "/dev/zram1"), st));
	CHECK(!feed(&p, "swap", mk_swap_cgs(3, 2, true), st));
	CHECK(!feed(&p, "swap", m, st));
	CHECK(!feed(&p, "swap", mk_swap_cgs(3, 1, false), st));
	CHECK(src->end(&p, st) == 0);
	src->release(st);
	free(st);
	f = open_memstream(&buf, &len);
	CHECK(f && md_prom_write(&p, f) == 0);
	fclose(f);
	CHECK_HAS(buf, "memdiag_swap_area_size_bytes{device=\"/dev/zram1\"} 67104768\n"
		  "memdiag_swap_area_size_bytes{device=\"/dev/vdb\"} 0\n");
	CHECK_HAS(buf, "memdiag_swap_area_used_bytes{device=\"/dev/zram1\"} 1224704\n");
	CHECK_HAS(buf, "memdiag_swap_area_slots{device=\"/dev/zram1\",kind=\"anon\"} 200\n"
		  "memdiag_swap_area_slots{device=\"/dev/zram1\",kind=\"shmem\"} 90\n"
		  "memdiag_swap_area_slots{device=\"/dev/zram1\",kind=\"cache_only\"} 9\n"
		  "# HELP memdiag_swap_area_anon_references ");
	CHECK_HAS(buf, "memdiag_swap_area_anon_references{device=\"/dev/zram1\"} 400\n");
	CHECK_HAS(buf, "# TYPE memdiag_swap_cgroup_bytes gauge\n"
		  "memdiag_swap_cgroup_bytes{device=\"/dev/zram1\",cgroup=\"\",memcg_id=\"0\"} 36864\n"
		  "memdiag_swap_cgroup_bytes{device=\"/dev/zram1\",cgroup=\"/app\",memcg_id=\"10\"} 409600\n"
		  "memdiag_swap_cgroup_bytes{device=\"/dev/zram1\",cgroup=\"/app\",memcg_id=\"11\"} 413696\n"
		  "memdiag_swap_cgroup_bytes{device=\"/dev/zram1\",cgroup=\"\",memcg_id=\"10\"} 409600\n");
	CHECK_HAS(buf, "memdiag_swap_cgroup_unlisted_bytes{device=\"/dev/zram1\"} 0\n");
	CHECK(!strstr(buf, "kind=\"bad\""));
	CHECK(!strstr(buf, "used_bytes{device=\"/dev/vdb\"") &&
	      !strstr(buf, "cgroup_bytes{device=\"/dev/vdb\"") &&
	      !strstr(buf, "unlisted_bytes{device=\"/dev/vdb\""));
	free(buf);
	md_prom_free(&p);
}

static void t_swap_pagemap(void)
{
	uint32_t type = 99;
	uint64_t off = 99;

	/* Swapped, type 1, offset 0x12345. */
	CHECK(md_pagemap_swap(MD_PM_SWAP | (0x12345ULL << 5) | 1, &type, &off));
	CHECK(type == 1 && off == 0x12345);
	/* Soft-dirty and exclusive bits are not part of the frame. */
	CHECK(md_pagemap_swap(MD_PM_SWAP | (1ULL << 55) | (1ULL << 56) |
			      (7ULL << 5) | 31, &type, &off));
	CHECK(type == 31 && off == 7);
	/* Present pages and holes are not swap entries. */
	CHECK(!md_pagemap_swap(MD_PM_PRESENT | 1234, &type, &off));
	CHECK(!md_pagemap_swap(0, &type, &off));
	/* Largest offset the frame holds (bits 5-54). */
	CHECK(md_pagemap_swap(MD_PM_SWAP | MD_PM_FRAME, &type, &off));
	CHECK(type == 31 && off == (1ULL << 50) - 1);
}

static void t_swap_smaps(void)
{
	uint64_t s = 0, e = 0;

	CHECK(md_smaps_swap_kb("Swap:                  12 kB\n") == 12);
	CHECK(md_smaps_swap_kb("SwapPss:               12 kB\n") == -1);
	CHECK(md_smaps_swap_kb("Rss:                   12 kB\n") == -1);
	CHECK(!md_smaps_range("7f0000000000-7f0000021000 rw-p 00000000 00:00 0 \n",
			      &s, &e));
	CHECK(s == 0x7f0000000000ULL && e == 0x7f0000021000ULL);
	CHECK(!md_smaps_range("ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0  [vsyscall]\n",
			      &s, &e));
	CHECK(md_smaps_range("Size:                132 kB\n", &s, &e));
	CHECK(md_smaps_range("VmFlags: rd wr mr mw me ac sd\n", &s, &e));
}

static void t_limits_parse(void)
{
	uint64_t cur = 0, max = 0;

	CHECK(!md_lim_limits_line("Max address space         204800000            204800000            bytes     \n",
				  "Max address space", &cur, &max));
	CHECK(cur == 204800000 && max == 204800000);
	CHECK(!md_lim_limits_line("Max data size             4096000              unlimited            bytes     \n",
				  "Max data size", &cur, &max));
	CHECK(cur == 4096000 && max == MD_LIM_UNLIMITED);
	CHECK(md_lim_limits_line("Max data size             4096000              unlimited            bytes     \n",
				 "Max address space", &cur, &max));
	CHECK(md_lim_limits_line("Max address space         lots                 unlimited            bytes\n",
				 "Max address space", &cur, &max));
	CHECK(md_lim_smaps_accounted("VmFlags: rd wr mr mw me ac sd \n") == 1);
	CHECK(md_lim_smaps_accounted("VmFlags: rd wr mr mw me ac\n") == 1);
	CHECK(md_lim_smaps_accounted("VmFlags: rd mr mw me sd \n") == 0);
	CHECK(md_lim_smaps_accounted("VmFlags: rd acc sd\n") == 0);
	CHECK(md_lim_smaps_accounted("Size:                132 kB\n") == -1);
	CHECK(md_lim_is_gate("ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n"));
	CHECK(!md_lim_is_gate("7ffd1c9f6000-7ffd1ca17000 rw-p 00000000 00:00 0                          [stack]\n"));
	CHECK(!md_lim_is_gate("7f0000000000-7f0000021000 rw-p 00000000 00:00 0 \n"));
}

static void t_limits_near(void)
{
	struct md_lim_sys sys = { .max_map_count = 65530,
				  .commit_limit = 1000ULL << 20, .overcommit = 0 };
	struct md_lim_proc p = {
		.vm_size = 95 << 20, .as_cur = 100 << 20, .as_max = MD_LIM_UNLIMITED,
		.vm_data = 10 << 20, .data_cur = MD_LIM_UNLIMITED,
		.data_max = MD_LIM_UNLIMITED, .maps = 58977, .commit = 950ULL << 20,
		.have = MD_LIM_HAVE_STATUS | MD_LIM_HAVE_LIMITS | MD_LIM_HAVE_SMAPS,
	};
	uint64_t used, limit;

	/* 90 % exactly is near; one below is not; unlimited never. */
	CHECK(md_lim_is_near(90, 100));
	CHECK(!md_lim_is_near(89, 100));
	CHECK(md_lim_is_near(14, 15));		/* 13.5 rounds up */
	CHECK(!md_lim_is_near(13, 15));
	CHECK(md_lim_is_near(0, 0));
	CHECK(md_lim_is_near(UINT64_MAX - 1, UINT64_MAX - 1));
	CHECK(!md_lim_is_near(UINT64_MAX - 1, MD_LIM_UNLIMITED));
	/* 58977 of 65530 is 90.0003 %; commit counts in mode 2 only. */
	CHECK(md_lim_near_mask(&p, &sys) == (1u << MD_LIM_AS | 1u << MD_LIM_MAPS));
	sys.overcommit = 2;
	CHECK(md_lim_near_mask(&p, &sys) ==
	      (1u << MD_LIM_AS | 1u << MD_LIM_MAPS | 1u << MD_LIM_COMMIT));
	/* What could not be read flags nothing. */
	p.have = MD_LIM_HAVE_STATUS | MD_LIM_HAVE_LIMITS;
	CHECK(md_lim_near_mask(&p, &sys) == 1u << MD_LIM_AS);
	CHECK(!md_lim_values(&p, &sys, MD_LIM_MAPS, &used, &limit));
	CHECK(md_lim_values(&p, &sys, MD_LIM_AS, &used, &limit) &&
	      used == 95 << 20 && limit == 100 << 20);
	/* RLIMIT_DATA: a soft 0 means the hard limit; ignore_rlimit_data, none. */
	p.vm_data = 10 << 20;
	p.data_cur = 0;
	p.data_max = 11 << 20;
	CHECK(md_lim_values(&p, &sys, MD_LIM_DATA, &used, &limit) &&
	      limit == 11 << 20);
	CHECK(md_lim_near_mask(&p, &sys) == (1u << MD_LIM_AS | 1u << MD_LIM_DATA));
	sys.ignore_rlimit_data = true;
	CHECK(md_lim_near_mask(&p, &sys) == 1u << MD_LIM_AS);
}

static void t_limits_self(void)
{
	struct md_lim_sys sys;
	struct md_lim_proc p;
	struct rlimit as;

	CHECK(!md_lim_sys_read(&sys));
	CHECK(!md_lim_proc_read(getpid(), &sys, &p));
	CHECK(p.have == (MD_LIM_HAVE_STATUS | MD_LIM_HAVE_LIMITS | MD_LIM_HAVE_SMAPS));
	CHECK(!strcmp(p.comm, "unit"));
	CHECK(!getrlimit(RLIMIT_AS, &as));
	CHECK(p.as_cur == (as.rlim_cur == RLIM_INFINITY ? MD_LIM_UNLIMITED : as.rlim_cur));
	CHECK(p.vm_size > 0 && p.maps > 0 && p.commit > 0 && p.commit <= p.vm_size);
	CHECK(md_lim_proc_read(0x7fffffff, &sys, &p) == -ESRCH);
}

static void t_swap_slotown(void)
{
	struct md_slotown m;
	uint32_t first = 99;
	uint64_t i;
	bool ok = true;

	CHECK(!md_slotown_init(&m, 1000) && m.n == 1000 && m.v);
	/* Row 3 maps slot 5 first, row 7 second, row 3 again third. */
	CHECK(md_slotown_add(&m, 5, 3, &first) == MD_SLOT_NEW && first == 99);
	CHECK(md_slotown_add(&m, 5, 7, &first) == MD_SLOT_SECOND && first == 3);
	CHECK(md_slotown_add(&m, 5, 3, &first) == MD_SLOT_MORE);
	/* A process mapping a slot twice is its own second reference. */
	CHECK(md_slotown_add(&m, 6, 0, &first) == MD_SLOT_NEW);
	CHECK(md_slotown_add(&m, 6, 0, &first) == MD_SLOT_SECOND && first == 0);
	/* Slots past the map GET_SWAP gave grow it, the rest kept. */
	for (i = 0; i < 20000 && ok; i++)
		ok = md_slotown_add(&m, 1000 + i, 1, &first) == MD_SLOT_NEW;
	CHECK(ok && m.n >= 21000);
	CHECK(md_slotown_add(&m, 5, 9, &first) == MD_SLOT_MORE);
	CHECK(md_slotown_add(&m, 7, 2, &first) == MD_SLOT_NEW);
	CHECK(md_slotown_add(&m, 1500, 2, &first) == MD_SLOT_SECOND && first == 1);
	CHECK(md_slotown_add(&m, 8, MD_SLOT_SHARED - 1, &first) == -EOVERFLOW);
	md_slotown_free(&m);
	CHECK(!m.v && !m.n);
	/* No map size (an old module): grown from empty. */
	CHECK(!md_slotown_init(&m, 0) && !m.v);
	CHECK(md_slotown_add(&m, 123456, 0, &first) == MD_SLOT_NEW && m.n > 123456);
	md_slotown_free(&m);
}

static void t_swap_vmswap(void)
{
	CHECK(md_status_vmswap("Name:\tx\nVmPTE:\t  48 kB\nVmSwap:\t    1024 kB\nHugetlbPages:\t 0 kB\n") == 1024);
	CHECK(md_status_vmswap("Name:\tx\nVmSwap:\t       0 kB\n") == 0);
	/* A kernel thread or a zombie: no Vm lines. */
	CHECK(md_status_vmswap("Name:\tkthreadd\nState:\tS (sleeping)\n") == -1);
	CHECK(md_status_vmswap("Name:\tx\nVmSwap:\n") == -1);
}

/* ---- commit rejections and OOM kills (mmrec.c) ------------------------- */

static struct nl_msg *mk_commit(bool with_pages, uint32_t mode)
{
	struct nl_msg *m = nlmsg_alloc();

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0, MEMDIAG_CMD_GET_COMMIT, 1) ||
	    nla_put_u64(m, MEMDIAG_A_COMMIT_SEQ, 7) ||
	    nla_put_u32(m, MEMDIAG_A_COMMIT_PID, 178) ||
	    nla_put_string(m, MEMDIAG_A_COMMIT_COMM, "python3") ||
	    nla_put_u64(m, MEMDIAG_A_COMMIT_COMMITTED, 84257) ||
	    nla_put_u64(m, MEMDIAG_A_COMMIT_COMMIT_LIMIT, 67873) ||
	    nla_put_u32(m, MEMDIAG_A_COMMIT_MODE, mode) ||
	    nla_put_u32(m, MEMDIAG_A_COMMIT_RATIO, 0) ||
	    nla_put_u64(m, MEMDIAG_A_COMMIT_KBYTES, 271492) ||
	    (with_pages && nla_put_u64(m, MEMDIAG_A_COMMIT_PAGES, 81920)))
		abort();
	return m;
}

static void t_commit_parse_why(void)
{
	struct md_recs rs = { 0 };
	struct nl_msg *m = mk_commit(true, MEMDIAG_OVERCOMMIT_MODE_NEVER);
	char *why;

	rs.strings = 1ULL << MEMDIAG_A_COMMIT_COMM | 1ULL << MEMDIAG_A_COMMIT_CGROUP_PATH;
	CHECK(md_recs_reply(nlmsg_hdr(m), &rs) == 0);
	nlmsg_free(m);
	m = mk_commit(false, MEMDIAG_OVERCOMMIT_MODE_GUESS);
	CHECK(md_recs_reply(nlmsg_hdr(m), &rs) == 0);
	nlmsg_free(m);
	CHECK(rs.n == 2);
	if (rs.n != 2)
		return;
	CHECK(rs.v[0].v[MEMDIAG_A_COMMIT_SEQ] == 7);
	CHECK_STR(rs.v[0].s[MEMDIAG_A_COMMIT_COMM], "python3");
	CHECK(MD_REC_HAS(&rs.v[0], MEMDIAG_A_COMMIT_PAGES));
	CHECK(!MD_REC_HAS(&rs.v[1], MEMDIAG_A_COMMIT_PAGES));
	why = md_commit_why(&rs.v[0], false);
	CHECK_HAS(why, "vm.overcommit_memory=2: with the request (320M) Committed_AS would be 329.1M, over CommitLimit 265.1M (set by overcommit_kbytes)");
	CHECK_HAS(why, "raise vm.overcommit_kbytes");
	free(why);
	why = md_commit_why(&rs.v[1], true);
	CHECK_HAS(why, "vm.overcommit_memory=0: one request (size not recorded) is larger than all RAM + swap");
	free(why);
	md_recs_free(&rs);
}

static void t_oom_parse_why(void)
{
	struct md_recs rs = { 0 };
	struct nl_msg *m = nlmsg_alloc();
	char *why;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0, MEMDIAG_CMD_GET_OOM, 1) ||
	    nla_put_u64(m, MEMDIAG_A_OOM_SEQ, 1) ||
	    nla_put_u32(m, MEMDIAG_A_OOM_PID, 181) ||
	    nla_put_string(m, MEMDIAG_A_OOM_COMM, "python3") ||
	    nla_put_u64(m, MEMDIAG_A_OOM_ANON_RSS, 12240) ||
	    nla_put_u64(m, MEMDIAG_A_OOM_FILE_RSS, 1328) ||
	    nla_put_u32(m, MEMDIAG_A_OOM_OOM_SCORE_ADJ, (uint32_t)-500) ||
	    nla_put_u32(m, MEMDIAG_A_OOM_CONSTRAINT, MEMDIAG_OOM_CONSTRAINT_MEMCG) ||
	    nla_put_string(m, MEMDIAG_A_OOM_MEMCG_PATH, "/mdoom") ||
	    nla_put_flag(m, MEMDIAG_A_OOM_NO_MM))
		abort();
	rs.strings = 1ULL << MEMDIAG_A_OOM_COMM | 1ULL << MEMDIAG_A_OOM_MEMCG_PATH;
	CHECK(md_recs_reply(nlmsg_hdr(m), &rs) == 0);
	nlmsg_free(m);
	CHECK(rs.n == 1 && MD_REC_HAS(&rs.v[0], MEMDIAG_A_OOM_NO_MM));
	CHECK_STR(md_constraint_name(rs.v[0].v[MEMDIAG_A_OOM_CONSTRAINT]), "memcg");
	why = md_oom_why(&rs.v[0], false);
	CHECK_HAS(why, "memory cgroup /mdoom reached memory.max and");
	CHECK_HAS(why, "Raise memory.max or");
	CHECK_HAS(why, "python3 (pid 181, 53M in RAM + swap, oom_score_adj -500)");
	free(why);
	/* The same page counter on a v1 host: its v1 name. */
	memcg_pin(true);
	why = md_oom_why(&rs.v[0], false);
	CHECK_HAS(why, "memory cgroup /mdoom reached memory.limit_in_bytes and");
	CHECK_HAS(why, "Raise memory.limit_in_bytes or");
	free(why);
	memcg_pin(false);
	md_recs_free(&rs);
}

/*
 * A record whose group was removed before it was read: the module sends
 * the id without a path; 'oom', 'commit' and the sentence say "(gone)",
 * and a record without a group (a global OOM's memcg) says nothing.
 */
static void t_rec_cgroup_gone(void)
{
	const struct md_rec none = { { 0 } };
	struct md_recs rs = { 0 };
	struct nl_msg *m = nlmsg_alloc();
	char *why;

	if (!m || !genlmsg_put(m, 0, 1, FAMILY_ID, 0, 0, MEMDIAG_CMD_GET_OOM, 1) ||
	    nla_put_u64(m, MEMDIAG_A_OOM_SEQ, 1) ||
	    nla_put_u64(m, MEMDIAG_A_OOM_CGROUP_ID, 4242) ||
	    nla_put_u32(m, MEMDIAG_A_OOM_CONSTRAINT, MEMDIAG_OOM_CONSTRAINT_MEMCG) ||
	    nla_put_u64(m, MEMDIAG_A_OOM_MEMCG_ID, 4242))
		abort();
	rs.strings = 1ULL << MEMDIAG_A_OOM_CGROUP_PATH | 1ULL << MEMDIAG_A_OOM_MEMCG_PATH;
	CHECK(md_recs_reply(nlmsg_hdr(m), &rs) == 0);
	nlmsg_free(m);
	CHECK(rs.n == 1);
	CHECK_STR(md_rec_cgroup(&rs.v[0], MEMDIAG_A_OOM_MEMCG_PATH, MEMDIAG_A_OOM_MEMCG_ID),
		  "(gone)");
	CHECK_STR(md_rec_cgroup(&rs.v[0], MEMDIAG_A_OOM_CGROUP_PATH, MEMDIAG_A_OOM_CGROUP_ID),
		  "(gone)");
	why = md_oom_why(&rs.v[0], false);
	CHECK_HAS(why, "memory cgroup (gone) reached");
	free(why);
	CHECK_STR(md_rec_cgroup(&none, MEMDIAG_A_OOM_MEMCG_PATH, MEMDIAG_A_OOM_MEMCG_ID), "");
	md_recs_free(&rs);
}

int main(int argc, char **argv)
{
	/* Times print in local time: make it the same everywhere. */
	setenv("TZ", "UTC", 1);
	tzset();
	if (argc == 3 && !strcmp(argv[1], "--print"))
		return print_sample(argv[2]);
	/* The sentences name cgroup v2's files unless a test says v1. */
	memcg_pin(false);

	run("size: human units, util-linux style", t_size_human);
	run("swap owners: decode GET_SWAP replies", t_swap_reply_parse);
	run("metrics: GET_SWAP samples from the swap owners decoder", t_metrics_swap);
	run("swap owners: pagemap entries", t_swap_pagemap);
	run("swap owners: smaps lines", t_swap_smaps);
	run("oom, commit: a record's removed cgroup is (gone)", t_rec_cgroup_gone);
	run("swap owners: who maps each slot", t_swap_slotown);
	run("swap owners: VmSwap of a status file", t_swap_vmswap);
	run("limits: /proc/PID/limits and smaps lines", t_limits_parse);
	run("limits: near a limit at 90 %", t_limits_near);
	run("limits: this process, read from /proc", t_limits_self);
	run("size: --bytes", t_size_bytes);
	run("age: loaded ... ago", t_age);
	run("numbers: full validation", t_parse_u32);
	run("numbers: usage message", t_opt_u32_message);
	run("columns: -o lists", t_cols_parse);
	run("columns: errors name the valid columns", t_cols_parse_errors);
	run("extack: capped error with message and offset", t_extack_capped);
	run("extack: uncapped error after the echoed request", t_extack_uncapped);
	run("extack: missing attribute", t_extack_missing_attr);
	run("extack: no TLVs; ACK with a warning", t_extack_plain);
	run("extack: NLMSG_DONE of a dump", t_extack_done);
	run("extack: malformed messages", t_extack_malformed);
	run("exit codes: errno mapping", t_exit_codes);
	run("errors: messages", t_error_messages);
	run("family version mismatch: one warning", t_version_warning);
	run("status: decode a full reply", t_status_parse);
	run("status: decode a minimal reply", t_status_parse_minimal);
	run("status: reject malformed replies", t_status_parse_malformed);
	run("status: feature state names", t_feature_states);
	run("config: SET_CONFIG request", t_config_request);
	run("config: reply without config", t_config_reply_missing);
	run("status: text output", t_status_text);
	run("status: --raw --noheadings --bytes, -o", t_status_text_options);
	run("status: JSON output", t_status_json);
	run("status: JSON output with -o", t_status_json_columns);
	run("status: JSON with hostile strings", t_status_json_nasty);
	run("status: absent fields", t_status_absent_fields);
	run("json: string escaping", t_json_quote);
	run("json: UTF-8 repair for libsmartcols", t_utf8_dup);
	run("config: text and JSON output", t_config_output);
	run("json: the validator itself", t_json_validator);
	run("numbers: 64 bits, --since", t_parse_u64);
	run("failures: enum and flag names", t_enum_names);
	run("failures: decode GET_COUNTERS", t_counters_parse);
	run("failures: reject malformed GET_COUNTERS", t_counters_parse_malformed);
	run("events: decode records (dump, notification)", t_event_parse);
	run("events: reject malformed records", t_event_parse_malformed);
	run("events: GET_EVENTS request", t_events_request);
	run("watch: classify notifications", t_ntf_classify);
	run("events: class flags", t_class_str);
	run("events: ORDER cell, free blocks", t_order_str);
	run("time: ISO 8601 with offset", t_time_iso);
	run("text: escaping for terminals", t_escape_dup);
	run("json: arrays, JSON Lines", t_json_arrays);
	run("failures: text output", t_failures_text);
	run("failures: --raw --noheadings, -o", t_failures_text_options);
	run("failures: JSON output", t_failures_json);
	run("failures: empty reply", t_failures_empty);
	run("events: table", t_events_table);
	run("events: --details", t_events_details);
	run("events: the verdict on a whole record", t_events_verdict);
	run("events: JSON document", t_events_json);
	run("watch: JSON Lines", t_events_jsonl);
	run("events: -o, --raw, --bytes", t_events_columns);
	run("events: missed records on stderr", t_events_missed);
	run("events: no records", t_events_none);
	run("watch: module unloaded and loaded again", t_watch_decide);
	run("metrics: label values escaped", t_metrics_label_escape);
	run("metrics: families named and typed by the conventions", t_metrics_families);
	run("metrics: text exposition of every source", t_metrics_text);
	run("metrics: --output writes atomically", t_metrics_atomic_write);
	run("swapoff: cause, outcome and kernel restart code names", t_swapoff_names);
	run("metrics: no swapoff numbers when swapoff is not followed", t_metrics_swapoff_unavailable);
	run("commit: decode records, explain them", t_commit_parse_why);
	run("oom: decode a record, explain it", t_oom_parse_why);
	run("memory cgroups: v1 or v2, where (/proc/cgroups, mountinfo)", t_memcg_find);
	run("memory cgroups: a group's files under each version's names", t_memcg_read);
	memcg_pin(false);

	printf("1..%d\n# %d passed, %d failed\n", t_count, t_count - t_failed,
	       t_failed);
	return t_failed ? 1 : 0;
}
