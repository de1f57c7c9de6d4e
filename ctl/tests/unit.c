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
 * "unit --print WHAT" prints a rendering of the handcrafted status instead
 * (status-text, status-json, status-json-nasty, config-text, config-json),
 * for tests/cli.sh to check with python3 -m json.tool.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <linux/memdiag.h>

#include "memdiagctl.h"
#include "nl.h"
#include "output.h"
#include "proto.h"

/* ---- harness ------------------------------------------------------------ */

static int t_count, t_failed, t_cur_failed;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		t_cur_failed = 1;					\
		printf("# %s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *_g = (got), *_w = (want);				\
	if (!_g || strcmp(_g, _w)) {					\
		t_cur_failed = 1;					\
		printf("# %s:%d: got '%s', want '%s'\n", __FILE__,	\
		       __LINE__, _g ? _g : "(null)", _w);		\
	}								\
} while (0)

#define CHECK_HAS(hay, needle) do {					\
	const char *_h = (hay), *_n = (needle);				\
	if (!_h || !strstr(_h, _n)) {					\
		t_cur_failed = 1;					\
		printf("# %s:%d: '%s' not found in:\n# %s\n", __FILE__,	\
		       __LINE__, _n, _h ? _h : "(null)");		\
	}								\
} while (0)

static void run(const char *name, void (*fn)(void))
{
	t_cur_failed = 0;
	fn();
	t_count++;
	if (t_cur_failed)
		t_failed++;
	printf("%s %d - %s\n", t_cur_failed ? "not ok" : "ok", t_count, name);
	fflush(stdout);
}

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
	CHECK(md_feature_state_name(MEMDIAG_FEATURE_STATE_FAILED + 1) == NULL);
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
	CHECK_HAS(out, "\"feature\": \"netlink\"");
	CHECK_HAS(out, "\"message\": null");
	CHECK_HAS(out, "\"message\": \"register_kprobe(warn_alloc): -2\"");
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
	CHECK_HAS(out, "\"id\": 1,");		/* a JSON number */
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
	} else if (strcmp(what, "status-text")) {
		fprintf(stderr, "unit: unknown sample '%s'\n", what);
		return 2;
	}
	return fn(stdout, &a);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--print"))
		return print_sample(argv[2]);

	run("size: human units, util-linux style", t_size_human);
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

	printf("1..%d\n# %d passed, %d failed\n", t_count, t_count - t_failed,
	       t_failed);
	return t_failed ? 1 : 0;
}
