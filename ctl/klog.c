// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel logs as people hold them: see klog.h.
 *
 * A stream is read whole (each line cut at MD_KLOG_LINE_MAX), because some
 * rules need the lines around: then, line by line,
 *  1. console noise goes: ANSI escape sequences and control characters
 *     other than tabs (NUL bytes become U+FFFD; other bytes, valid UTF-8 or
 *     not, are kept);
 *  2. quoting goes: "> ", ">> ", "> > " always (a kernel message does not
 *     start with '>'); "| " only when every line of its block (lines between
 *     blank ones) starts with '|', or when the line then has a kernel prefix
 *     (a '|' may be part of a message);
 *  3. the common leading indentation of each block goes (markdown code
 *     blocks, mail indents);
 *  4. the prefixes are read: "<N>" levels, /dev/kmsg records, dmesg -x's
 *     "kern  :warn  : ", "[ 1234.567890]" (with "<delta>" of dmesg -d),
 *     "[  +0.002367]" (reltime), "[Sun Dec  6 11:27:53 2026]" (dmesg -T,
 *     any locale), "[T123]"/"[C1]" caller ids, syslog and journal headers
 *     (BSD "Mon DD HH:MM:SS[.usec] [host] kernel:", ISO 8601/RFC 3339 and
 *     RFC 5424), dmesg --time-format=iso;
 *  5. the stream decides what is kernel: a syslog file with "kernel:" lines
 *     keeps only those ("last message repeated N times" adds to the
 *     previous kernel line's @repeated); one without (kernel lines copied
 *     with the tag taken off) keeps every line but those of "prog[pid]:";
 *  6. folds: in a block whose lines have prefixes, a line without one is a
 *     continuation of the line before (mail and forum folding), and is
 *     appended to it, unless the line before had an empty message (a
 *     console's "[ 12.3] " then KERN_CONT pieces) or the line starts a call
 *     trace entry ("[<...>]", but after an ARM "... from"), or is
 *     indented to the width of the prefix before (dmesg's multi-line
 *     records): those stay lines of their own, with the prefixes of the
 *     line before. The join adds nothing when either side
 *     has whitespace at the fold (the fold kept it) or the pieces run on
 *     (digits into digits, letters into letters: a fold inside a token);
 *     it adds a space when the continuation starts a new field ("key:",
 *     "key=", "(", "[", or "N*NkB" after a non-digit): the fold ate it.
 *     Folds in input without prefixes cannot be told from lines: they are
 *     left to the parsers.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <time.h>
#include <unistd.h>
#include <json-c/json.h>
#include "memdiagctl.h"
#include "klog.h"

#define MD_SYSLOG_ACTION_READ_ALL	3
#define MD_SYSLOG_ACTION_SIZE_BUFFER	10

/* How many lines md_klog_next() looks past for a line of the same stream. */
#define MD_KLOG_NEXT_MAX 4096
/* The largest JSON object (journalctl -o json-pretty spans lines). */
#define MD_KLOG_JSON_MAX (1024 * 1024)

/* What one line is, once its prefixes are read. */
enum md_kkind {
	MD_KK_TEXT,	/* a kernel message (or a line without prefix) */
	MD_KK_OTHER,	/* another program's syslog line */
	MD_KK_TAGLESS,	/* syslog header, then no "kernel:" tag */
	MD_KK_REPEAT,	/* "last message repeated N times" */
	MD_KK_NOISE,	/* "-- MARK --", journal "-- Boot ... --" */
	MD_KK_DICT,	/* /dev/kmsg " KEY=value" dictionary line */
	MD_KK_BLANK,
};

/* One input line while a stream is read. */
struct md_raw {
	char *s;		/* cleaned, then quote and indentation taken off */
	unsigned long lineno;
	bool cut;
	bool blank;
	bool pipe;		/* starts with a '|' quote mark */
};

/* The prefixes read from one line. */
struct md_pre {
	enum md_kkind kind;
	bool prefixed;		/* any prefix at all */
	bool kmsg;		/* a /dev/kmsg record */
	bool syslog;		/* a syslog/journal header */
	bool tag_kernel;	/* with a "kernel:" tag */
	bool pid_tag;		/* "prog[pid]:" */
	const char *text;	/* into the line */
	const char *tagless;	/* MD_KK_TAGLESS/OTHER: the text after the host */
	double uptime;
	int level;
	char caller;
	unsigned int caller_id;
	unsigned long repeat;
	const char *stamp;	/* into the line (or a caller's buffer) */
	size_t stamp_n;		/* 0: none */
	const char *host;
	size_t host_n;		/* 0: none */
};

static char *md_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

/* Saturating decimal: digits at *@p, *@p moved past them. false if none. */
static bool md_num(const char **p, unsigned long long *v)
{
	const char *s = *p;
	unsigned long long n = 0;

	if (!isdigit((unsigned char)*s))
		return false;
	for (; isdigit((unsigned char)*s); s++) {
		unsigned int d = *s - '0';

		n = n > (ULLONG_MAX - d) / 10 ? ULLONG_MAX : n * 10 + d;
	}
	*p = s;
	*v = n;
	return true;
}

/* " 1234.567890" seconds (spaces allowed first): into *@up, *@p past. */
static bool md_secs(const char **p, double *up)
{
	const char *s = *p, *f;
	unsigned long long a, b = 0;
	double frac = 0, scale = 1;

	while (*s == ' ')
		s++;
	if (!md_num(&s, &a))
		return false;
	if (*s++ != '.')	/* printk: "%5lu.%06lu"; "[ 505]" is a pid */
		return false;
	f = s;
	if (!md_num(&s, &b))
		return false;
	for (; f < s && f - *p < 40; f++)
		scale *= 10;
	frac = (double)b / scale;
	*up = (double)a + frac;
	*p = s;
	return true;
}

/* A caller id "[    T123]" at @s: its length, 0 if none. */
static size_t md_caller(const char *s, char *c, unsigned int *id)
{
	const char *p = s;
	unsigned long long v;

	if (*p++ != '[')
		return 0;
	while (*p == ' ')
		p++;
	if (*p != 'T' && *p != 'C')
		return 0;
	*c = *p++;
	if (!md_num(&p, &v) || *p != ']')
		return 0;
	*id = v > UINT_MAX ? UINT_MAX : (unsigned int)v;
	return p + 1 - s;
}

/* HH:MM somewhere in [@s, @e): a wall-clock stamp's mark. */
static bool md_has_clock(const char *s, const char *e)
{
	for (; s + 5 <= e; s++)
		if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
		    s[2] == ':' && isdigit((unsigned char)s[3]) &&
		    isdigit((unsigned char)s[4]))
			return true;
	return false;
}

static void md_setstamp(struct md_pre *p, const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	while (n && *s == ' ')
		s++, n--;
	p->stamp = s;
	p->stamp_n = n;
}

/*
 * A bracketed stamp at @s: "[ 12.345]", "[ 12.345 <  0.001>]", "[  +0.002]",
 * "[Sun Dec  6 11:27:53 2026]"; then a caller id and one space. Returns the
 * text after it, or NULL.
 */
static const char *md_bracket(const char *s, struct md_pre *p)
{
	const char *q = s + 1, *e;
	size_t n;
	double up;

	if (*s != '[')
		return NULL;
	e = strchr(q, ']');
	if (!e || e - q > 80)
		return NULL;
	if (md_secs(&q, &up)) {
		while (*q == ' ')
			q++;
		if (*q == '<') {		/* dmesg -d: "<    0.000123>" */
			const char *d = q + 1;
			double dl;

			if (!md_secs(&d, &dl) || *d != '>')
				return NULL;
			q = d + 1;
		}
		if (q != e)
			return NULL;
		p->uptime = up;
	} else if (*q == ' ' || *q == '+') {	/* reltime "[  +0.002367]" */
		while (*q == ' ')
			q++;
		if (*q++ != '+' || !md_secs(&q, &up))
			return NULL;
		while (*q == ' ')
			q++;
		if (q != e)
			return NULL;
	} else if (md_has_clock(q, e)) {
		const char *d = memchr(q, '<', e - q);

		md_setstamp(p, q, (d ? d : e) - q);
	} else {
		return NULL;
	}
	s = e + 1;
	n = md_caller(s[0] == ' ' && s[1] == '[' ? s + 1 : s, &p->caller,
		      &p->caller_id);
	if (n)
		s += n + (*s == ' ');
	if (*s == ' ')
		s++;
	p->prefixed = true;
	return s;
}

/* "<N>" at @s: its length (level set), 0 if none. */
static size_t md_level(const char *s, int *level)
{
	const char *p = s + 1;
	unsigned long long v;

	if (*s != '<' || !md_num(&p, &v) || *p != '>' || p - s > 5)
		return 0;
	*level = (int)(v & 7);
	return p + 1 - s;
}

/* dmesg -x: "kern  :warn  : ". Its length, 0 if none. */
static size_t md_decoded(const char *s, int *level)
{
	static const char *const lv[] = { "emerg", "alert", "crit", "err",
		"warn", "notice", "info", "debug" };
	const char *p = s, *w;
	size_t i;

	while (islower((unsigned char)*p) || isdigit((unsigned char)*p))
		p++;
	if (p == s || p - s > 8)
		return 0;
	while (*p == ' ')
		p++;
	if (*p++ != ':')
		return 0;
	w = p;
	while (islower((unsigned char)*p))
		p++;
	for (i = 0; i < 8; i++)
		if ((size_t)(p - w) == strlen(lv[i]) && !strncmp(w, lv[i], p - w))
			break;
	if (i == 8)
		return 0;
	while (*p == ' ')
		p++;
	if (*p++ != ':')
		return 0;
	if (*p == ' ')
		p++;
	*level = (int)i;
	return p - s;
}

/* A BSD syslog time "Dec  6 11:27:53[.123456] ": its length, 0 if none. */
static size_t md_bsd_time(const char *s)
{
	const char *p = s;
	int i;

	/* the month: 3 to 6 non-blank bytes (journalctl follows the locale) */
	while (*p && *p != ' ' && p - s < 7)
		p++;
	if (p - s < 3 || p - s > 6 || *p != ' ')
		return 0;
	while (*p == ' ')
		p++;
	if (!isdigit((unsigned char)*p++))
		return 0;
	if (isdigit((unsigned char)*p))
		p++;
	if (*p++ != ' ')
		return 0;
	for (i = 0; i < 8; i++, p++)
		if (i % 3 == 2 ? *p != ':' : !isdigit((unsigned char)*p))
			return 0;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return 0;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != ' ' && *p)
		return 0;
	return p - s;
}

/*
 * An ISO 8601 time "2026-12-06T11:27:53[.,]frac[Z|+hh[:]mm]": its length,
 * 0 if none. *@comma: the fraction had a comma (dmesg --time-format=iso).
 */
static size_t md_iso_time(const char *s, bool *comma)
{
	static const char pat[] = "dddd-dd-ddTdd:dd:dd";
	const char *p = s;
	size_t i;

	for (i = 0; pat[i]; i++, p++)
		if (pat[i] == 'd' ? !isdigit((unsigned char)*p) : *p != pat[i])
			return 0;
	*comma = *p == ',';
	if (*p == '.' || *p == ',') {
		p++;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		p++;
		for (i = 0; i < 5 && (isdigit((unsigned char)*p) || *p == ':'); i++)
			p++;
	}
	if (*p != ' ' && *p)
		return 0;
	return p - s;
}

/* "kernel:" or "kernel[N]:" at @s: its length with one space, 0 if not. */
static size_t md_kernel_tag(const char *s)
{
	const char *p = s + 6;

	if (strncmp(s, "kernel", 6))
		return 0;
	if (*p == '[') {
		while (isdigit((unsigned char)*++p))
			;
		if (*p++ != ']')
			return 0;
	}
	if (*p++ != ':')
		return 0;
	return (p - s) + (*p == ' ');
}

/* A syslog tag "prog:" / "prog[pid]:" at @s (then a space or the end). */
static bool md_other_tag(const char *s, bool *pid)
{
	const char *p = s;

	*pid = false;
	while (*p && *p != ' ' && *p != ':' && *p != '[')
		p++;
	if (p == s)
		return false;
	if (*p == '[') {
		const char *d = p + 1;

		while (isdigit((unsigned char)*d))
			d++;
		if (d == p + 1 || *d != ']')
			return false;
		*pid = true;
		p = d + 1;
	}
	return *p == ':' && (p[1] == ' ' || !p[1]);
}

static bool md_repeat(const char *s, struct md_pre *p)
{
	unsigned long long v;

	if (!strncmp(s, "last message repeated ", 22))
		s += 22;
	else if (!strncmp(s, "message repeated ", 17))	/* rsyslog */
		s += 17;
	else
		return false;
	if (!md_num(&s, &v) || strncmp(s, " time", 5))
		return false;
	p->repeat = v > UINT_MAX ? UINT_MAX : v;
	p->kind = MD_KK_REPEAT;
	return true;
}

/* The text after a "kernel:" tag: "<N>", "[ 12.345]", caller. */
static const char *md_after_tag(const char *s, struct md_pre *p)
{
	const char *t;

	s += md_level(s, &p->level);
	t = md_bracket(s, p);
	return t ? t : s;
}

/* After a syslog time: "[host] kernel: text", "host prog: text", ... */
static void md_syslog_rest(const char *s, struct md_pre *p)
{
	const char *w = s, *e;
	size_t n, hl;

	p->syslog = true;
	p->prefixed = true;
	if (!strcmp(s, "-- MARK --")) {
		p->kind = MD_KK_NOISE;
		return;
	}
	n = md_kernel_tag(s);
	if (n) {			/* no host (corpus 30) */
		p->tag_kernel = true;
		s = md_after_tag(s + n, p);
		if (!md_repeat(s, p))
			p->text = s;
		return;
	}
	e = strchr(w, ' ');
	hl = e ? (size_t)(e - w) : strlen(w);
	p->host = w;
	p->host_n = hl;
	if (!e) {
		p->kind = MD_KK_TAGLESS;
		p->tagless = w + strlen(w);
		return;
	}
	s = e + 1;
	if (!strcmp(s, "-- MARK --")) {
		p->kind = MD_KK_NOISE;
		return;
	}
	if (md_repeat(s, p))
		return;
	n = md_kernel_tag(s);
	if (n) {
		p->tag_kernel = true;
		s = md_after_tag(s + n, p);
		if (!md_repeat(s, p))
			p->text = s;
		return;
	}
	p->tagless = s;
	p->kind = md_other_tag(s, &p->pid_tag) ? MD_KK_OTHER : MD_KK_TAGLESS;
}

/* RFC 5424 "<PRI>1 TIME HOST APP PROCID MSGID SD MSG". false if not. */
static bool md_rfc5424(const char *s, struct md_pre *p)
{
	const char *f[5], *q;
	size_t n = md_level(s, &p->level), i;
	bool comma;

	if (!n || strncmp(s + n, "1 ", 2))
		return false;
	q = s + n + 2;
	for (i = 0; i < 5; i++) {	/* TIME HOST APP PROCID MSGID */
		f[i] = q;
		q = strchr(q, ' ');
		if (!q)
			return false;
		q++;
	}
	if (*f[0] != '-' && !md_iso_time(f[0], &comma))
		return false;
	if (*f[0] != '-')
		md_setstamp(p, f[0], f[1] - 1 - f[0]);
	n = f[2] - 1 - f[1];
	if (strncmp(f[1], "- ", 2)) {
		p->host = f[1];
		p->host_n = n;
	}
	if (*q == '[') {		/* structured data: [id k="v"]... */
		while (*q == '[') {
			for (q++; *q && *q != ']'; q++)
				if (*q == '\\' && q[1])
					q++;
			if (*q)
				q++;
		}
	} else if (*q == '-') {
		q++;
	}
	if (*q == ' ')
		q++;
	if (!strncmp(q, "\xef\xbb\xbf", 3))	/* BOM */
		q += 3;
	p->syslog = p->prefixed = true;
	if (strncmp(f[2], "kernel ", 7)) {
		p->kind = MD_KK_OTHER;
		return true;
	}
	p->tag_kernel = true;
	p->text = md_after_tag(q, p);
	return true;
}

/* A /dev/kmsg record "6,1234,5678901,-[,caller=T1];text". */
static bool md_kmsg(const char *s, struct md_pre *p)
{
	const char *q = s, *semi = strchr(s, ';');
	unsigned long long pri, seq, us;

	if (!semi || !md_num(&q, &pri) || *q++ != ',' || !md_num(&q, &seq) ||
	    *q++ != ',' || !md_num(&q, &us) || *q != ',')
		return false;
	for (q++; q < semi; q++)
		if (*q == ' ')
			return false;
	p->level = (int)(pri & 7);
	p->uptime = (double)us / 1e6;
	for (q = s; q < semi; q++) {	/* ",caller=T123" (no brackets) */
		unsigned long long v;
		const char *d;

		if (strncmp(q, ",caller=", 8) || (q[8] != 'T' && q[8] != 'C'))
			continue;
		d = q + 9;
		if (md_num(&d, &v)) {
			p->caller = q[8];
			p->caller_id = v > UINT_MAX ? UINT_MAX : (unsigned int)v;
		}
	}
	p->kmsg = p->prefixed = true;
	p->text = semi + 1;
	return true;
}

/* Read the prefixes of the cleaned line @s. */
static void md_prefixes(const char *s, struct md_pre *p)
{
	const char *t;
	size_t n;
	bool comma;

	memset(p, 0, sizeof(*p));
	p->uptime = -1;
	p->level = -1;
	p->kind = MD_KK_TEXT;
	p->text = s;
	if (!*s) {
		p->kind = MD_KK_BLANK;
		return;
	}
	if (!strncmp(s, "-- ", 3) && strlen(s) >= 6 &&
	    !strcmp(s + strlen(s) - 3, " --")) {
		p->kind = MD_KK_NOISE;	/* journalctl "-- Boot ... --" */
		return;
	}
	if (md_rfc5424(s, p))
		return;
	if (isdigit((unsigned char)*s) && md_kmsg(s, p))
		return;
	n = md_level(s, &p->level);
	if (n) {
		p->prefixed = true;
		s += n;
		p->text = s;
	}
	n = md_decoded(s, &p->level);
	if (n) {
		p->prefixed = true;
		s += n;
		p->text = s;
	}
	t = md_bracket(s, p);
	if (t) {
		const char *sp = strchr(t, ' ');
		size_t hl = sp ? (size_t)(sp - t) : 0;

		/* journalctl -o short-monotonic: "[ 12.3] host kernel: text" */
		n = hl ? md_kernel_tag(sp + 1) : 0;
		if (n) {
			p->host = t;
			p->host_n = hl;
			p->syslog = p->tag_kernel = true;
			t = sp + 1 + n;
		}
		p->text = t;
		return;
	}
	n = md_bsd_time(s);
	if (n) {
		md_setstamp(p, s, n);
		md_syslog_rest(s + n + (s[n] == ' '), p);
		return;
	}
	n = md_iso_time(s, &comma);
	if (n) {
		md_setstamp(p, s, n);
		if (comma) {		/* dmesg --time-format=iso */
			p->prefixed = true;
			p->text = s + n + (s[n] == ' ');
			return;
		}
		md_syslog_rest(s + n + (s[n] == ' '), p);
	}
}

/*
 * Clean @in of @len bytes into a new string: ANSI escapes and control
 * characters but tabs out, NUL as U+FFFD.
 */
static char *md_clean(const char *in, size_t len)
{
	char *out = malloc(len * 3 + 1), *o = out;
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < len; i++) {
		unsigned char c = in[i];

		if (c == 0x1b) {
			i++;
			if (i < len && in[i] == '[') {		/* CSI */
				for (i++; i < len; i++)
					if (in[i] >= 0x40 && in[i] <= 0x7e)
						break;
			} else if (i < len && in[i] == ']') {	/* OSC */
				for (i++; i < len; i++) {
					if (in[i] == 7)
						break;
					if (in[i] == 0x1b && i + 1 < len &&
					    in[i + 1] == '\\') {
						i++;
						break;
					}
				}
			} else if (i < len && (in[i] == '(' || in[i] == ')')) {
				i++;		/* charset: ESC ( B */
			}
			continue;
		}
		if (!c) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			continue;
		*o++ = c;
	}
	*o = 0;
	return out;
}

/* Take the '>' quote marks off @s (in place). */
static void md_unquote_gt(char *s)
{
	char *p = s;

	while (*p == '>') {
		p++;
		if (*p == ' ')
			p++;
	}
	if (p != s)
		memmove(s, p, strlen(p) + 1);
}

static size_t md_pipe_len(const char *s)
{
	if (*s != '|')
		return 0;
	return 1 + (s[1] == ' ');
}

/* @s is blank: nothing but whitespace. */
static bool md_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return !*s;
}

struct md_rawvec {
	struct md_raw *v;
	size_t n, cap;
};

static void md_rawvec_free(struct md_rawvec *rv)
{
	size_t i;

	for (i = 0; i < rv->n; i++)
		free(rv->v[i].s);
	free(rv->v);
}

static int md_rawvec_add(struct md_rawvec *rv, const char *buf, size_t len,
			 unsigned long lineno, bool cut)
{
	struct md_raw *r;

	if (rv->n == rv->cap) {
		size_t cap = rv->cap ? rv->cap * 2 : 256;
		struct md_raw *v = realloc(rv->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		rv->v = v;
		rv->cap = cap;
	}
	r = &rv->v[rv->n];
	memset(r, 0, sizeof(*r));
	r->s = md_clean(buf, len);
	if (!r->s)
		return -ENOMEM;
	r->lineno = lineno;
	r->cut = cut;
	rv->n++;
	return 0;
}

/* Read every line of @f: LF, CRLF, LFCR and lone CR end a line. */
static int md_read_lines(FILE *f, struct md_rawvec *rv)
{
	char *buf = malloc(MD_KLOG_LINE_MAX);
	size_t len = 0;
	unsigned long lineno = 1;
	bool cut = false, any = false;
	int c, r = 0;

	if (!buf)
		return -ENOMEM;
	while ((c = getc(f)) != EOF) {
		any = true;
		if (c == '\n' || c == '\r') {
			int d = getc(f);

			if (d != EOF && !((c == '\r' && d == '\n') ||
					  (c == '\n' && d == '\r')))
				ungetc(d, f);
			r = md_rawvec_add(rv, buf, len, lineno++, cut);
			if (r)
				break;
			len = 0;
			cut = false;
			any = false;
			continue;
		}
		if (len < MD_KLOG_LINE_MAX)
			buf[len++] = c;
		else
			cut = true;
	}
	if (!r && ferror(f))
		r = -EIO;
	if (!r && any)
		r = md_rawvec_add(rv, buf, len, lineno, cut);
	free(buf);
	return r;
}

/* Quoting and indentation off, block by block (see the top). */
static void md_unquote(struct md_rawvec *rv)
{
	size_t i, j, b;

	for (i = 0; i < rv->n; i++) {
		md_unquote_gt(rv->v[i].s);
		rv->v[i].pipe = md_pipe_len(rv->v[i].s) > 0;
		rv->v[i].blank = md_blank(rv->v[i].s);
	}
	for (b = 0; b < rv->n; b = j) {
		bool all = true;

		while (b < rv->n && rv->v[b].blank)
			b++;
		for (j = b; j < rv->n && !rv->v[j].blank; j++)
			all &= rv->v[j].pipe;
		for (i = b; i < j; i++) {
			char *s = rv->v[i].s;
			size_t n = md_pipe_len(s);
			struct md_pre p;

			if (!n)
				continue;
			if (!all) {
				md_prefixes(s + n, &p);
				if (!p.prefixed)
					continue;
			}
			memmove(s, s + n, strlen(s + n) + 1);
			rv->v[i].blank = md_blank(s);
		}
	}
	for (b = 0; b < rv->n; b = j) {
		size_t ind = SIZE_MAX;

		while (b < rv->n && rv->v[b].blank)
			b++;
		for (j = b; j < rv->n && !rv->v[j].blank; j++) {
			size_t k = strspn(rv->v[j].s, " \t");

			if (k < ind)
				ind = k;
		}
		if (ind == SIZE_MAX || !ind)
			continue;
		for (i = b; i < j; i++)
			memmove(rv->v[i].s, rv->v[i].s + ind,
				strlen(rv->v[i].s + ind) + 1);
	}
}

static int md_klog_grow(struct md_klog *log)
{
	if (log->n == log->cap) {
		size_t cap = log->cap ? log->cap * 2 : 1024;
		struct md_kline *l = realloc(log->lines, cap * sizeof(*l));

		if (!l)
			return md_err_nomem(), -ENOMEM;
		log->lines = l;
		log->cap = cap;
	}
	return 0;
}

/* Append a kline of @text (@n bytes) with @pre's prefixes. */
static int md_emit(struct md_klog *log, unsigned int file,
		   unsigned long lineno, const char *text, size_t n,
		   const struct md_pre *pre, bool cut)
{
	struct md_kline *k;

	if (md_klog_grow(log))
		return -ENOMEM;
	k = &log->lines[log->n];
	memset(k, 0, sizeof(*k));
	k->file = file;
	k->lineno = lineno;
	k->uptime = pre->uptime;
	k->level = pre->level;
	k->caller = pre->caller;
	k->caller_id = pre->caller_id;
	k->cut = cut;
	k->text = md_strndup(text, n);
	k->stamp = pre->stamp_n ? md_strndup(pre->stamp, pre->stamp_n) : NULL;
	k->host = pre->host_n ? md_strndup(pre->host, pre->host_n) : NULL;
	if (!k->text || (pre->stamp_n && !k->stamp) ||
	    (pre->host_n && !k->host)) {
		md_kline_free(k);
		return md_err_nomem(), -ENOMEM;
	}
	log->n++;
	return 0;
}

/* Unescape /dev/kmsg's "\xNN" in place; "\x00" stays as written. */
static void md_kmsg_unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'x' && isxdigit((unsigned char)s[2]) &&
		    isxdigit((unsigned char)s[3])) {
			char h[3] = { s[2], s[3], 0 };
			int c = (int)strtol(h, NULL, 16);

			if (c && c != '\r') {
				*o++ = c;
				s += 3;
				continue;
			}
		}
		*o++ = *s;
	}
	*o = 0;
}

/* Emit @text split at its newlines (kmsg and journal records). */
static int md_emit_lines(struct md_klog *log, unsigned int file,
			 unsigned long lineno, const char *text,
			 const struct md_pre *pre, bool cut)
{
	const char *e;
	int r;

	for (;;) {
		e = strchr(text, '\n');
		r = md_emit(log, file, lineno, text,
			    e ? (size_t)(e - text) : strlen(text), pre, cut);
		if (r || !e)
			return r;
		text = e + 1;
	}
}

/* An ARM backtrace line cut after its "from": the next "[<" continues it. */
static bool md_ends_from(const char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == ' ')
		n--;
	return n >= 5 && !strncmp(s + n - 5, " from", 5);
}

/* Should the fold of @cont after @prev add a space? (see the top) */
static bool md_fold_space(const char *prev, const char *cont)
{
	size_t pl = strlen(prev);
	char last = pl ? prev[pl - 1] : ' ';
	const char *p = cont;

	if (*cont == '[' && md_ends_from(prev))
		return true;
	if (last == ' ' || last == '\t' || *cont == ' ' || *cont == '\t' || !*cont)
		return false;
	if (*cont == '(' || *cont == '[')
		return true;
	if (isdigit((unsigned char)*p)) {	/* "N*NkB" after a non-digit */
		while (isdigit((unsigned char)*p))
			p++;
		return *p == '*' && !isdigit((unsigned char)last);
	}
	if (!isalpha((unsigned char)*p) && *p != '_')
		return false;
	while (isalnum((unsigned char)*p) || *p == '_' || *p == '(' ||
	       *p == ')' || *p == '-')
		p++;
	return *p == ':' || *p == '=';
}

/* Append @cont to the last kline. */
static int md_fold(struct md_klog *log, const char *cont)
{
	struct md_kline *k = &log->lines[log->n - 1];
	bool sp = md_fold_space(k->text, cont);
	size_t a = strlen(k->text), b = strlen(cont);
	char *t;

	if (a + b + 1 > MD_KLOG_LINE_MAX) {
		k->cut = true;
		return 0;
	}
	t = realloc(k->text, a + sp + b + 1);
	if (!t)
		return md_err_nomem(), -ENOMEM;
	if (sp)
		t[a++] = ' ';
	memcpy(t + a, cont, b + 1);
	k->text = t;
	k->folds++;
	return 0;
}

/* journalctl -o json: one object. */
static int md_json_entry(struct md_klog *log, unsigned int file,
			 unsigned long lineno, struct json_object *o)
{
	struct json_object *v;
	struct md_pre pre;
	char *msg = NULL, stamp[64];
	int r;

	if (!json_object_is_type(o, json_type_object))
		return 1;
	if (json_object_object_get_ex(o, "_TRANSPORT", &v) &&
	    strcmp(json_object_get_string(v) ?: "", "kernel"))
		return 1;
	if (!json_object_object_get_ex(o, "_TRANSPORT", &v) &&
	    json_object_object_get_ex(o, "SYSLOG_IDENTIFIER", &v) &&
	    strcmp(json_object_get_string(v) ?: "", "kernel"))
		return 1;
	if (!json_object_object_get_ex(o, "MESSAGE", &v))
		return 1;
	if (json_object_is_type(v, json_type_string)) {
		msg = strdup(json_object_get_string(v));
	} else if (json_object_is_type(v, json_type_array)) {
		size_t i, n = json_object_array_length(v), k = 0;

		if (n > MD_KLOG_LINE_MAX)
			n = MD_KLOG_LINE_MAX;
		msg = malloc(n + 1);
		for (i = 0; msg && i < n; i++) {
			int c = json_object_get_int(json_object_array_get_idx(v, i));

			if (c > 0 && c < 256)
				msg[k++] = (char)c;
		}
		if (msg)
			msg[k] = 0;
	} else {
		return 1;
	}
	if (!msg)
		return md_err_nomem(), -ENOMEM;
	memset(&pre, 0, sizeof(pre));
	pre.uptime = -1;
	pre.level = -1;
	if (json_object_object_get_ex(o, "_SOURCE_MONOTONIC_TIMESTAMP", &v)) {
		const char *s = json_object_get_string(v) ?: "";
		unsigned long long us;

		if (md_num(&s, &us) && !*s)
			pre.uptime = (double)us / 1e6;
	}
	if (json_object_object_get_ex(o, "__REALTIME_TIMESTAMP", &v)) {
		const char *s = json_object_get_string(v) ?: "";
		unsigned long long us;
		struct tm tm;
		time_t t;

		if (md_num(&s, &us) && !*s && us / 1000000 < (1ULL << 40)) {
			t = (time_t)(us / 1000000);
			if (gmtime_r(&t, &tm)) {
				size_t n = strftime(stamp, 40, "%Y-%m-%dT%H:%M:%S",
						    &tm);

				snprintf(stamp + n, sizeof(stamp) - n,
					 ".%06llu+00:00", us % 1000000);
				pre.stamp = stamp;
				pre.stamp_n = strlen(stamp);
			}
		}
	}
	if (json_object_object_get_ex(o, "_HOSTNAME", &v)) {
		pre.host = json_object_get_string(v) ?: "";
		pre.host_n = strlen(pre.host);
	}
	if (json_object_object_get_ex(o, "PRIORITY", &v)) {
		const char *s = json_object_get_string(v) ?: "";
		unsigned long long l;

		if (md_num(&s, &l) && !*s && l < 8)
			pre.level = (int)l;
	}
	r = md_emit_lines(log, file, lineno, msg, &pre, false);
	free(msg);
	return r;
}

/* The lines of one stream, read: turn them into klines of file @file. */
static int md_klog_lines(struct md_klog *log, unsigned int file,
			 struct md_rawvec *rv)
{
	struct md_pre *pre = calloc(rv->n ? rv->n : 1, sizeof(*pre));
	struct json_tokener *tok = NULL;
	bool tagged = false, prev_kernel = false, in_json = false;
	size_t i, json_len = 0, emitted_at = SIZE_MAX;
	size_t block_start = 0;
	unsigned long json_line = 0;
	struct md_pre last = { 0 };
	int r = 0;

	if (!pre)
		return md_err_nomem(), -ENOMEM;
	md_unquote(rv);
	for (i = 0; i < rv->n; i++) {
		md_prefixes(rv->v[i].s, &pre[i]);
		if (pre[i].syslog && pre[i].tag_kernel)
			tagged = true;
	}
	last.uptime = -1;
	last.level = -1;
	for (i = 0; i < rv->n && !r; i++) {
		struct md_raw *rw = &rv->v[i];
		struct md_pre *p = &pre[i];
		const char *s = rw->s;
		bool fold_ok;

		/* journalctl -o json / json-pretty / json-seq */
		if (in_json && (*s == '{' || *s == 0x1e)) {
			/* a new object: the one before was cut */
			json_tokener_reset(tok);
			json_len = 0;
			in_json = false;
			log->skipped++;
		}
		if (in_json || *s == '{' || (*s == 0x1e && s[1] == '{')) {
			struct json_object *o;
			bool more;

			if (!tok) {
				tok = json_tokener_new();
				if (!tok) {
					md_err_nomem();
					r = -ENOMEM;
					break;
				}
			}
			if (!in_json)
				json_line = rw->lineno;
			if (*s == 0x1e)
				s++;
			json_len += strlen(s);
			o = json_tokener_parse_ex(tok, s, (int)strlen(s));
			if (o) {
				r = md_json_entry(log, file, json_line, o);
				if (r > 0)
					log->skipped++;
				r = r < 0 ? r : 0;
				json_object_put(o);
				json_tokener_reset(tok);
				in_json = false;
				json_len = 0;
				emitted_at = SIZE_MAX;
				continue;
			}
			more = json_tokener_get_error(tok) == json_tokener_continue;
			if (more && json_len < MD_KLOG_JSON_MAX) {
				in_json = true;
				continue;
			}
			if (more && in_json) {	/* too large */
				json_tokener_reset(tok);
				json_len = 0;
				in_json = false;
				log->skipped++;
				continue;
			}
			json_tokener_reset(tok);
			json_len = 0;
			if (in_json) {		/* a broken object: its lines */
				in_json = false;
				log->skipped++;
				continue;
			}
			s = rw->s;		/* not JSON: a line of text */
		}
		if (p->kind == MD_KK_BLANK) {
			emitted_at = SIZE_MAX;
			block_start = i + 1;
			log->skipped++;
			continue;
		}
		if (p->kind == MD_KK_TAGLESS || p->kind == MD_KK_OTHER) {
			if (tagged || p->pid_tag) {
				p->kind = MD_KK_OTHER;
			} else {
				p->kind = MD_KK_TEXT;
				p->text = p->tagless;
			}
		}
		switch (p->kind) {
		case MD_KK_OTHER:
			prev_kernel = false;
			/* fall through */
		case MD_KK_NOISE:
		case MD_KK_DICT:
			log->skipped++;
			continue;
		case MD_KK_REPEAT:
			if (prev_kernel && log->n) {
				struct md_kline *k = &log->lines[log->n - 1];
				unsigned long long t = (unsigned long long)k->repeated +
						       p->repeat;

				k->repeated = t > UINT_MAX ? UINT_MAX : t;
			}
			log->skipped++;
			continue;
		default:
			break;
		}
		if (!p->prefixed) {
			/* /dev/kmsg dictionary lines follow their record */
			if (emitted_at != SIZE_MAX && pre[emitted_at].kmsg &&
			    *s == ' ' && strchr(s, '=')) {
				log->skipped++;
				continue;
			}
			/*
			 * dmesg indents the lines of a multi-line record to
			 * its prefix's width: a line of that record.
			 */
			if (emitted_at != SIZE_MAX && emitted_at >= block_start &&
			    pre[emitted_at].prefixed) {
				size_t plen = pre[emitted_at].text - rv->v[emitted_at].s;
				size_t ws = strspn(s, " \t");

				if (plen >= 8 && ws >= plen - 1 && s[ws]) {
					s += plen <= ws ? plen : ws;
					r = md_emit(log, file, rw->lineno, s, strlen(s),
						    &last, rw->cut);
					continue;
				}
			}
			/* a fold: see the top */
			fold_ok = emitted_at != SIZE_MAX && emitted_at >= block_start &&
				  log->n && *pre[emitted_at].text &&
				  (strncmp(s + strspn(s, " \t"), "[<", 2) ||
				   md_ends_from(log->lines[log->n - 1].text));
			if (fold_ok && (pre[emitted_at].prefixed)) {
				r = md_fold(log, s);
				continue;
			}
			if (emitted_at != SIZE_MAX && emitted_at >= block_start &&
			    pre[emitted_at].prefixed) {
				/* a line of the same record: its prefixes */
				r = md_emit(log, file, rw->lineno, s, strlen(s),
					    &last, rw->cut);
				if (!r)
					emitted_at = i;
				p->prefixed = true;
				p->text = s;
				continue;
			}
		}
		if (p->kmsg) {
			char *t = strdup(p->text);

			if (!t) {
				md_err_nomem();
				r = -ENOMEM;
				break;
			}
			md_kmsg_unescape(t);
			r = md_emit_lines(log, file, rw->lineno, t, p, rw->cut);
			free(t);
		} else {
			r = md_emit(log, file, rw->lineno, p->text,
				    strlen(p->text), p, rw->cut);
		}
		if (!r) {
			last = *p;
			emitted_at = i;
			prev_kernel = true;
		}
	}
	if (in_json)
		log->skipped++;
	if (tok)
		json_tokener_free(tok);
	free(pre);
	return r;
}

int md_klog_add_stream(struct md_klog *log, FILE *f, const char *name)
{
	struct md_rawvec rv = { 0 };
	char **files, *nm;
	int r;

	files = realloc(log->files, (log->nfiles + 1) * sizeof(*files));
	if (!files)
		return md_err_nomem(), -ENOMEM;
	log->files = files;
	nm = strdup(name ? name : "-");
	if (!nm)
		return md_err_nomem(), -ENOMEM;
	log->files[log->nfiles++] = nm;
	r = md_read_lines(f, &rv);
	if (r == -ENOMEM)
		md_err_nomem();
	else if (r)
		md_err("%s: %s", nm, strerror(-r));
	if (!r)
		r = md_klog_lines(log, log->nfiles - 1, &rv);
	md_rawvec_free(&rv);
	return r;
}

int md_klog_add_file(struct md_klog *log, const char *path)
{
	FILE *f;
	int r;

	if (!strcmp(path, "-"))
		return md_klog_add_stream(log, stdin, "-");
	f = fopen(path, "r");
	if (!f) {
		r = -errno;
		md_err("%s: %s", path, strerror(-r));
		return r;
	}
	r = md_klog_add_stream(log, f, path);
	fclose(f);
	return r;
}

/* /dev/kmsg, non-blocking until EAGAIN, as one buffer of records. */
static int md_read_kmsg(char **out, size_t *outlen)
{
	char rec[16384], *buf = NULL;
	size_t len = 0, cap = 0;
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n = read(fd, rec, sizeof(rec));

		if (n < 0 && errno == EPIPE)	/* overwritten: go on */
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		if (n < 0) {
			int e = -errno;

			close(fd);
			free(buf);
			return e;
		}
		if (!n)
			break;
		if (len + n + 2 > cap) {
			char *b;

			cap = (len + n + 2) * 2;
			b = realloc(buf, cap);
			if (!b) {
				close(fd);
				free(buf);
				return -ENOMEM;
			}
			buf = b;
		}
		memcpy(buf + len, rec, n);
		len += n;
		if (buf[len - 1] != '\n')
			buf[len++] = '\n';
	}
	close(fd);
	*out = buf;
	*outlen = len;
	return 0;
}

int md_klog_add_running(struct md_klog *log)
{
	char *buf = NULL;
	size_t len = 0;
	int size, n, r;
	FILE *f;

	size = klogctl(MD_SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	if (size > 0) {
		buf = malloc(size);
		if (!buf)
			return md_err_nomem(), -ENOMEM;
		n = klogctl(MD_SYSLOG_ACTION_READ_ALL, buf, size);
		if (n >= 0) {
			len = n;
			goto parse;
		}
		free(buf);
		buf = NULL;
	}
	r = md_read_kmsg(&buf, &len);
	if (r == -EPERM || r == -EACCES) {
		md_err("cannot read the kernel log (%s: kernel.dmesg_restrict?): run as root or pass a log file",
		       strerror(-r));
		return r;
	}
	if (r) {
		md_err("cannot read the kernel log: /dev/kmsg: %s", strerror(-r));
		return r;
	}
parse:
	if (!len) {
		free(buf);
		buf = NULL;
		f = fopen("/dev/null", "r");
	} else {
		f = fmemopen(buf, len, "r");
	}
	if (!f) {
		r = -errno;
		free(buf);
		md_err("cannot read the kernel log: %s", strerror(-r));
		return r;
	}
	r = md_klog_add_stream(log, f, "kernel");
	fclose(f);
	free(buf);
	return r;
}

void md_kline_free(struct md_kline *k)
{
	free(k->text);
	free(k->stamp);
	free(k->host);
	k->text = k->stamp = k->host = NULL;
}

void md_klog_free(struct md_klog *log)
{
	size_t i;

	for (i = 0; i < log->n; i++)
		md_kline_free(&log->lines[i]);
	for (i = 0; i < log->nfiles; i++)
		free(log->files[i]);
	free(log->lines);
	free(log->files);
	memset(log, 0, sizeof(*log));
}

size_t md_klog_next(const struct md_klog *log, size_t i,
		    const struct md_kline *ref)
{
	size_t j, end = log->n;

	if (i >= log->n)
		return log->n;
	if (end - i > MD_KLOG_NEXT_MAX + 1)
		end = i + MD_KLOG_NEXT_MAX + 1;
	for (j = i + 1; j < end; j++) {
		const struct md_kline *k = &log->lines[j];

		if (!ref)
			return j;
		if (k->file != ref->file)
			return log->n;
		if ((k->host || ref->host) &&
		    (!k->host || !ref->host || strcmp(k->host, ref->host)))
			continue;
		if (k->caller && ref->caller &&
		    (k->caller != ref->caller || k->caller_id != ref->caller_id))
			continue;
		return j;
	}
	return log->n;
}

int md_kline_parse(const char *raw, struct md_kline *out)
{
	struct md_pre p;
	char *s, *t;
	size_t n;
	int r = 0;

	memset(out, 0, sizeof(*out));
	out->uptime = -1;
	out->level = -1;
	n = strlen(raw);
	if (n > MD_KLOG_LINE_MAX) {
		n = MD_KLOG_LINE_MAX;
		out->cut = true;
	}
	s = md_clean(raw, n);
	if (!s)
		return -ENOMEM;
	md_unquote_gt(s);
	md_prefixes(s, &p);
	if (md_pipe_len(s) && !p.prefixed) {
		struct md_pre q;

		md_prefixes(s + md_pipe_len(s), &q);
		if (q.prefixed)
			p = q;
	}
	if (p.kind == MD_KK_TAGLESS && !p.pid_tag) {
		p.kind = MD_KK_TEXT;
		p.text = p.tagless;
	}
	switch (p.kind) {
	case MD_KK_TEXT:
		break;
	case MD_KK_REPEAT:
		out->repeated = p.repeat;
		r = 2;
		break;
	default:
		r = 1;
		break;
	}
	out->uptime = p.uptime;
	out->level = p.level;
	out->caller = p.caller;
	out->caller_id = p.caller_id;
	t = strdup(r ? "" : p.text);
	if (t && p.kmsg)
		md_kmsg_unescape(t);
	out->text = t;
	out->stamp = p.stamp_n ? md_strndup(p.stamp, p.stamp_n) : NULL;
	out->host = p.host_n ? md_strndup(p.host, p.host_n) : NULL;
	free(s);
	if (!out->text || (p.stamp_n && !out->stamp) ||
	    (p.host_n && !out->host)) {
		md_kline_free(out);
		return -ENOMEM;
	}
	return r;
}
