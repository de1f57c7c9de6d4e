/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The unit tests' harness (harness.c): KTAP-ish "ok N - name" lines, CHECK
 * macros. Shared by tests/unit and tests/explain_unit.
 */
#ifndef MD_TESTS_HARNESS_H
#define MD_TESTS_HARNESS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int t_count, t_failed, t_cur_failed;

void run(const char *name, void (*fn)(void));
/*
 * JSON without the whitespace outside its strings: libsmartcols lays out
 * arrays of objects differently across versions (2.36 puts each object on
 * one line, {"id":0, ...}).
 */
char *json_squeeze(const char *s);

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

/* @needle is found in @hay, whitespace outside JSON strings ignored. */
#define CHECK_HAS_JSON(hay, needle) do {				\
	char *_sh = (hay) ? json_squeeze(hay) : NULL;			\
	char *_sn = json_squeeze(needle);				\
	if (!_sh || !_sn || !strstr(_sh, _sn)) {			\
		t_cur_failed = 1;					\
		printf("# %s:%d: '%s' not found in:\n# %s\n", __FILE__,	\
		       __LINE__, (needle), (hay) ? (hay) : "(null)");	\
	}								\
	free(_sh);							\
	free(_sn);							\
} while (0)

#define CHECK_HAS(hay, needle) do {					\
	const char *_h = (hay), *_n = (needle);				\
	if (!_h || !strstr(_h, _n)) {					\
		t_cur_failed = 1;					\
		printf("# %s:%d: '%s' not found in:\n# %s\n", __FILE__,	\
		       __LINE__, _n, _h ? _h : "(null)");		\
	}								\
} while (0)

#define CHECK_PREFIX(s, prefix) do {					\
	const char *_s = (s), *_p = (prefix);				\
	if (!_s || strncmp(_s, _p, strlen(_p))) {			\
		t_cur_failed = 1;					\
		printf("# %s:%d: does not start with '%s':\n# %s\n",	\
		       __FILE__, __LINE__, _p, _s ? _s : "(null)");	\
	}								\
} while (0)

#endif /* MD_TESTS_HARNESS_H */
