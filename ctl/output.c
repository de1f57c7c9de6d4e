// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl - output helpers (see output.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "output.h"

/* ---- -o column lists ---------------------------------------------------- */

static int md_col_lookup(const struct md_col *cols, size_t ncols,
			 const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if (!strncasecmp(cols[i].name, name, len) &&
		    !cols[i].name[len])
			return i;
	return -1;
}

static void md_cols_list(FILE *out, const struct md_col *cols, size_t ncols)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		fprintf(out, "%s%s", i ? ", " : "", cols[i].name);
}

/*
 * Resolve an -o list (comma-separated, case-insensitive; a leading '+'
 * appends to the default columns, as in util-linux) into column ids.
 * @list NULL means the default columns. On success *ids is malloc'ed.
 * Returns 0, or an exit code after saying what is wrong.
 */
int md_cols_parse(const char *what, const char *list,
		  const struct md_col *cols, size_t ncols,
		  int **ids, size_t *nids)
{
	bool add = false;
	size_t cap = ncols + 1, n = 0, i;
	const char *p;
	int *v;

	*ids = NULL;
	*nids = 0;
	if (list && *list == '+') {
		add = true;
		list++;
	}
	/* At most the defaults plus one id per comma-separated name. */
	for (p = list; p && *p; p++)
		if (*p == ',')
			cap++;
	v = calloc(cap, sizeof(*v));
	if (!v)
		return md_err_nomem();

	if (!list || add)
		for (i = 0; i < ncols; i++)
			if (cols[i].dflt)
				v[n++] = i;

	for (p = list; p; ) {
		size_t len = strcspn(p, ",");
		int id = md_col_lookup(cols, ncols, p, len);

		if (!len) {
			md_err("empty column name in -o list '%s%s'",
			       add ? "+" : "", list);
			goto usage;
		}
		if (id < 0) {
			fprintf(stderr, "%s: unknown column '%.*s' for %s; valid columns: ",
				MD_PROG, (int)len, p, what);
			md_cols_list(stderr, cols, ncols);
			fputc('\n', stderr);
			goto usage;
		}
		v[n++] = id;
		p = p[len] ? p + len + 1 : NULL;
	}
	*ids = v;
	*nids = n;
	return 0;
usage:
	free(v);
	return MD_EXIT_USAGE;
}

void md_cols_help(FILE *out, const struct md_col *cols, size_t ncols)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		fprintf(out, " %13s  %s%s\n", cols[i].name, cols[i].help,
			cols[i].dflt ? "" : " (not shown by default)");
}

/* ---- libsmartcols tables ------------------------------------------------ */

/* A table set up for the global options, printing to @out (NULL: stdout). */
struct libscols_table *md_table_new(const struct md_opts *o, const char *name,
				    FILE *out)
{
	struct libscols_table *tb = scols_new_table();

	if (!tb)
		return NULL;
	if (scols_table_set_name(tb, name) ||
	    scols_table_enable_json(tb, o->json) ||
	    scols_table_enable_raw(tb, o->raw) ||
	    scols_table_enable_noheadings(tb, o->noheadings) ||
	    (out && scols_table_set_stream(tb, out))) {
		scols_unref_table(tb);
		return NULL;
	}
	return tb;
}

int md_table_add_cols(struct libscols_table *tb, const struct md_col *cols,
		      const int *ids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct md_col *c = &cols[ids[i]];
		struct libscols_column *cl;

		cl = scols_table_new_column(tb, c->name, c->whint, c->flags);
		if (!cl || scols_column_set_json_type(cl, c->json_type))
			return -ENOMEM;
	}
	return 0;
}

/*
 * Set a cell from a string of the kernel's; NULL leaves it empty. JSON gets
 * valid UTF-8 only, since libsmartcols passes bytes >= 0x80 through as is.
 */
int md_cell_set(struct libscols_line *ln, size_t cell, const char *s, bool json)
{
	if (!s)
		return 0;
	if (!json)
		return scols_line_set_data(ln, cell, s);
	return md_cell_take(ln, cell, md_utf8_dup(s));
}

/*
 * Set a cell from a malloc'ed string, which is then the table's: a cell
 * function can pass what md_size_str() and the like return as it is.
 * NULL, their way of saying out of memory, is -ENOMEM.
 */
int md_cell_take(struct libscols_line *ln, size_t cell, char *s)
{
	if (!s)
		return -ENOMEM;
	if (scols_line_refer_data(ln, cell, s)) {
		free(s);
		return -ENOMEM;
	}
	return 0;
}

static char *md_vstrdupf(const char *fmt, va_list ap)
{
	char *s;

	return vasprintf(&s, fmt, ap) < 0 ? NULL : s;
}

char *md_strdupf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = md_vstrdupf(fmt, ap);
	va_end(ap);
	return s;
}

int md_cell_printf(struct libscols_line *ln, size_t cell, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = md_vstrdupf(fmt, ap);
	va_end(ap);
	return md_cell_take(ln, cell, s);
}

/*
 * Print @n records of @size bytes at @rows to stdout as table @name, one
 * line each, with the columns of @cols that -o selected, each cell filled
 * by @fill: the one-line-per-record table several commands print, written
 * once. Returns 0 or a negative errno.
 */
int md_rows_print(const struct md_opts *o, const char *name,
		  const struct md_col *cols, const void *rows, size_t n,
		  size_t size, md_row_cell_fn *fill, const void *ctx)
{
	struct libscols_table *tb = md_table_new(o, name, stdout);
	size_t r, i;
	int ret = -ENOMEM;

	if (!tb)
		return -ENOMEM;
	if (md_table_add_cols(tb, cols, o->columns, o->ncolumns))
		goto out;
	for (r = 0; r < n; r++) {
		const void *row = (const char *)rows + r * size;
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln) {
			ret = -ENOMEM;
			goto out;
		}
		for (i = 0; i < o->ncolumns; i++) {
			ret = fill(ln, i, o->columns[i], row, ctx, o);
			if (ret)
				goto out;
		}
	}
	ret = scols_print_table(tb);
out:
	scols_unref_table(tb);
	return ret;
}

/* ---- sizes and ages ----------------------------------------------------- */

/*
 * "1.5M", "2G", "512B": powers of 1024, one decimal rounded half up and
 * dropped when zero, as util-linux's size_to_human_string() does, except
 * that 1023.95K rounds up to "1M" rather than "1024K". The decimal point
 * is always '.', whatever the locale, so the output is stable for scripts.
 * @exact gives the plain byte count (--bytes). Returns a malloc'ed string.
 */
char *md_size_str(uint64_t bytes, bool exact)
{
	static const char units[] = "BKMGTPE";
	unsigned int exp = 0, tenth = 0;
	uint64_t dec, frac;
	char *s;

	if (exact)
		return asprintf(&s, "%" PRIu64, bytes) < 0 ? NULL : s;

	while (exp < 6 && bytes >> (10 * (exp + 1)))
		exp++;
	dec = bytes >> (10 * exp);
	frac = exp ? bytes & ((1ULL << (10 * exp)) - 1) : 0;
	if (frac) {
		uint64_t milli;

		/* frac * 1000 must not overflow for the E unit */
		if (frac >= UINT64_MAX / 1000)
			milli = ((frac >> 10) * 1000) >> (10 * exp - 10);
		else
			milli = (frac * 1000) >> (10 * exp);
		tenth = (milli + 50) / 100;
		if (tenth == 10) {
			tenth = 0;
			if (++dec == 1024 && exp < 6) {
				dec = 1;
				exp++;
			}
		}
	}
	if (tenth)
		return asprintf(&s, "%" PRIu64 ".%u%c", dec, tenth,
				units[exp]) < 0 ? NULL : s;
	return asprintf(&s, "%" PRIu64 "%c", dec, units[exp]) < 0 ? NULL : s;
}

/* "12s ago", "5m 3s ago", "2h 7m ago", "3d 4h ago". malloc'ed. */
char *md_age_str(uint64_t ns)
{
	uint64_t s = ns / 1000000000ULL;
	char *str;
	int ret;

	if (s < 60)
		ret = asprintf(&str, "%" PRIu64 "s ago", s);
	else if (s < 3600)
		ret = asprintf(&str, "%" PRIu64 "m %" PRIu64 "s ago",
			       s / 60, s % 60);
	else if (s < 86400)
		ret = asprintf(&str, "%" PRIu64 "h %" PRIu64 "m ago",
			       s / 3600, s % 3600 / 60);
	else
		ret = asprintf(&str, "%" PRIu64 "d %" PRIu64 "h ago",
			       s / 86400, s % 86400 / 3600);
	return ret < 0 ? NULL : str;
}

/*
 * CLOCK_REALTIME @ns as local ISO-8601 time with milliseconds and the UTC
 * offset, "2024-05-01T12:34:56.789+02:00" (RFC 3339). malloc'ed; NULL if
 * out of memory or not representable.
 */
char *md_time_iso(uint64_t ns)
{
	time_t t = (time_t)(ns / 1000000000ULL);
	unsigned int ms = ns % 1000000000ULL / 1000000;
	char date[32], *s;
	struct tm tm;
	long off;

	if (!localtime_r(&t, &tm) ||
	    !strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm))
		return NULL;
	off = tm.tm_gmtoff / 60;
	if (asprintf(&s, "%s.%03u%c%02ld:%02ld", date, ms, off < 0 ? '-' : '+',
		     labs(off) / 60, labs(off) % 60) < 0)
		return NULL;
	return s;
}

/* ---- UTF-8 and JSON ----------------------------------------------------- */

/* Length of the valid UTF-8 sequence at @p (1..4), or 0 if invalid. */
static size_t md_utf8_len(const unsigned char *p)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	/* No overlong forms, no surrogates, nothing above U+10FFFF. */
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	if (p[1] < lo || p[1] > hi)
		return 0;
	/* A NUL terminator fails this test, so this never reads past it. */
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/* Copy of @s with each invalid UTF-8 byte replaced by U+FFFD. */
char *md_utf8_dup(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *dup, *q;

	dup = malloc(3 * strlen(s) + 1);
	if (!dup)
		return NULL;
	for (q = dup; *p; ) {
		size_t n = md_utf8_len(p);

		if (!n) {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
			p++;
			continue;
		}
		memcpy(q, p, n);
		q += n;
		p += n;
	}
	*q = '\0';
	return dup;
}

/*
 * Copy of @s safe to print on a terminal, as libsmartcols prints cells:
 * control characters and invalid UTF-8 bytes become \xNN.
 */
char *md_escape_dup(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *dup, *q;

	dup = malloc(4 * strlen(s) + 1);
	if (!dup)
		return NULL;
	for (q = dup; *p; ) {
		size_t n = md_utf8_len(p);

		if (!n || *p < 0x20 || *p == 0x7f) {
			q += sprintf(q, "\\x%02x", *p);
			p++;
			continue;
		}
		memcpy(q, p, n);
		q += n;
		p += n;
	}
	*q = '\0';
	return dup;
}

/* Print the lines of @s, each after @indent. */
int md_print_indented(FILE *out, const char *s, const char *indent)
{
	while (s && *s) {
		size_t n = strcspn(s, "\n");

		fprintf(out, "%s%.*s\n", indent, (int)n, s);
		s += n + (s[n] == '\n');
	}
	return ferror(out) ? -EIO : 0;
}

/* Print table @tb with each line after @indent. */
int md_table_print_indented(struct libscols_table *tb, FILE *out,
			    const char *indent)
{
	char *s = NULL;
	int ret;

	ret = scols_print_table_to_string(tb, &s);
	if (ret) {
		free(s);
		return ret < 0 ? ret : -EIO;
	}
	ret = md_print_indented(out, s, indent);
	free(s);
	return ret;
}

/* @s as a JSON string: escaped, invalid UTF-8 replaced by U+FFFD. */
void md_json_quote(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	while (*p) {
		size_t n = md_utf8_len(p);

		if (n > 1) {
			fwrite(p, 1, n, f);
			p += n;
			continue;
		}
		if (!n) {
			fputs("\\ufffd", f);
			p++;
			continue;
		}
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
		p++;
	}
	fputc('"', f);
}

#define MD_JSON_INDENT 3	/* what libsmartcols uses */

/* A newline and the indentation, or in compact mode nothing. */
static void md_json_nl(struct md_json *j)
{
	if (!j->compact)
		fprintf(j->f, "\n%*s", (int)(j->depth * MD_JSON_INDENT), "");
}

static void md_json_key(struct md_json *j, const char *key)
{
	if (!j->first)
		fputs(j->compact ? ", " : ",", j->f);
	md_json_nl(j);
	if (key) {
		md_json_quote(j->f, key);
		fputs(": ", j->f);
	}
	j->first = false;
}

void md_json_begin(struct md_json *j, FILE *f)
{
	j->f = f;
	j->depth = 1;
	j->first = true;
	j->compact = false;
	fputc('{', f);
}

/* A JSON object on one line (JSON Lines): no newline until md_json_end(). */
void md_json_begin_line(struct md_json *j, FILE *f)
{
	md_json_begin(j, f);
	j->compact = true;
}

void md_json_end(struct md_json *j)
{
	j->depth = 0;
	md_json_nl(j);
	fputs("}\n", j->f);
}

static void md_json_open(struct md_json *j, const char *key, char c)
{
	md_json_key(j, key);
	fputc(c, j->f);
	j->depth++;
	j->first = true;
}

static void md_json_close(struct md_json *j, char c)
{
	bool empty = j->first;

	j->depth--;
	/* "[]" rather than "[\n   ]" for an empty array or object. */
	if (!empty)
		md_json_nl(j);
	fputc(c, j->f);
	/* What was just closed is a member of its parent. */
	j->first = false;
}

/* @key NULL: a member of an array. */
void md_json_obj_begin(struct md_json *j, const char *key)
{
	md_json_open(j, key, '{');
}

void md_json_obj_end(struct md_json *j)
{
	md_json_close(j, '}');
}

void md_json_arr_begin(struct md_json *j, const char *key)
{
	md_json_open(j, key, '[');
}

void md_json_arr_end(struct md_json *j)
{
	md_json_close(j, ']');
}

/* An array of numbers, on one line: [0, 12, 5]. */
void md_json_u64_list(struct md_json *j, const char *key, const uint64_t *v,
		      size_t n)
{
	size_t i;

	md_json_key(j, key);
	fputc('[', j->f);
	for (i = 0; i < n; i++)
		fprintf(j->f, "%s%" PRIu64, i ? ", " : "", v[i]);
	fputc(']', j->f);
}

void md_json_bool(struct md_json *j, const char *key, bool val)
{
	md_json_key(j, key);
	fputs(val ? "true" : "false", j->f);
}

void md_json_str(struct md_json *j, const char *key, const char *val)
{
	md_json_key(j, key);
	if (val)
		md_json_quote(j->f, val);
	else
		fputs("null", j->f);
}

void md_json_u64(struct md_json *j, const char *key, uint64_t val)
{
	md_json_key(j, key);
	fprintf(j->f, "%" PRIu64, val);
}

/* @text must be a valid JSON number; written as it is. */
void md_json_number(struct md_json *j, const char *key, const char *text)
{
	md_json_key(j, key);
	fputs(text, j->f);
}

void md_json_null(struct md_json *j, const char *key)
{
	md_json_key(j, key);
	fputs("null", j->f);
}

/*
 * Splice libsmartcols' JSON for @tb ({"name": [...]}) in as a member of the
 * top-level object: libsmartcols prints one object per table, so two tables
 * would not make one JSON document otherwise.
 */
int md_json_table(struct md_json *j, struct libscols_table *tb)
{
	char *s = NULL, *start, *end;
	int ret;

	ret = scols_print_table_to_string(tb, &s);
	if (ret)
		return ret < 0 ? ret : -EIO;
	start = s ? strchr(s, '{') : NULL;
	end = s ? strrchr(s, '}') : NULL;
	if (!start || !end || end <= start) {
		free(s);
		return -EPROTO;
	}
	for (start++; start < end && strchr(" \t\n", *start); start++)
		;
	while (end > start && strchr(" \t\n", end[-1]))
		end--;
	if (start == end || *start != '"') {
		free(s);
		return -EPROTO;
	}
	md_json_key(j, NULL);
	fwrite(start, 1, end - start, j->f);
	free(s);
	return 0;
}
