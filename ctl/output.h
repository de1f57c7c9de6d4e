/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memdiagctl - output helpers: libsmartcols tables honouring the global
 * options, -o column lists, size and age formatting, and a minimal JSON
 * writer for the documents libsmartcols cannot express on its own.
 */
#ifndef MEMDIAGCTL_OUTPUT_H
#define MEMDIAGCTL_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <libsmartcols.h>

#include "memdiagctl.h"

/* A column -o can select; a command keeps an array of them indexed by id. */
struct md_col {
	const char *name;	/* upper case, as in the header */
	double whint;		/* libsmartcols width hint */
	int flags;		/* SCOLS_FL_* */
	int json_type;		/* SCOLS_JSON_* */
	bool dflt;		/* shown when -o is absent */
	const char *help;	/* one line for --help */
};

int md_cols_parse(const char *what, const char *list,
		  const struct md_col *cols, size_t ncols,
		  int **ids, size_t *nids);
void md_cols_help(FILE *out, const struct md_col *cols, size_t ncols);

struct libscols_table *md_table_new(const struct md_opts *o, const char *name,
				    FILE *out);
int md_table_add_cols(struct libscols_table *tb, const struct md_col *cols,
		      const int *ids, size_t n);
int md_cell_set(struct libscols_line *ln, size_t cell, const char *s,
		bool json);
int md_cell_printf(struct libscols_line *ln, size_t cell, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int md_cell_take(struct libscols_line *ln, size_t cell, char *s);

/*
 * Fill cell @cell of @ln with column @col of @row; @ctx is what
 * md_rows_print() was given. Returns 0 or a negative errno.
 */
typedef int md_row_cell_fn(struct libscols_line *ln, size_t cell, int col,
			   const void *row, const void *ctx,
			   const struct md_opts *o);
int md_rows_print(const struct md_opts *o, const char *name,
		  const struct md_col *cols, const void *rows, size_t n,
		  size_t size, md_row_cell_fn *fill, const void *ctx);

/* printf into a malloc'ed string; NULL if out of memory. */
char *md_strdupf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *md_size_str(uint64_t bytes, bool exact);
char *md_age_str(uint64_t ns);
char *md_utf8_dup(const char *s);
char *md_escape_dup(const char *s);
char *md_time_iso(uint64_t ns);
int md_print_indented(FILE *out, const char *s, const char *indent);
int md_table_print_indented(struct libscols_table *tb, FILE *out,
			    const char *indent);

/*
 * A JSON object written member by member, indented like libsmartcols'
 * own JSON so that a libsmartcols table can be spliced in as a member;
 * or, begun with md_json_begin_line(), on a single line (JSON Lines).
 * A NULL key writes a member of an array.
 */
struct md_json {
	FILE *f;
	unsigned int depth;
	bool first;
	bool compact;
};

void md_json_quote(FILE *f, const char *s);
void md_json_begin(struct md_json *j, FILE *f);
void md_json_begin_line(struct md_json *j, FILE *f);
void md_json_end(struct md_json *j);
void md_json_obj_begin(struct md_json *j, const char *key);
void md_json_obj_end(struct md_json *j);
void md_json_arr_begin(struct md_json *j, const char *key);
void md_json_arr_end(struct md_json *j);
void md_json_bool(struct md_json *j, const char *key, bool val);
void md_json_u64_list(struct md_json *j, const char *key, const uint64_t *v,
		      size_t n);
void md_json_str(struct md_json *j, const char *key, const char *val);
void md_json_u64(struct md_json *j, const char *key, uint64_t val);
void md_json_number(struct md_json *j, const char *key, const char *text);
void md_json_null(struct md_json *j, const char *key);
int md_json_table(struct md_json *j, struct libscols_table *tb);

#endif /* MEMDIAGCTL_OUTPUT_H */
