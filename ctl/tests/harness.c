// SPDX-License-Identifier: GPL-2.0
/* The unit tests' harness: see harness.h. */
#include "harness.h"

int t_count, t_failed, t_cur_failed;

char *json_squeeze(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	bool in_str = false;

	if (!out)
		return NULL;
	for (; *s; s++) {
		if (in_str && *s == '\\' && s[1]) {
			*o++ = *s++;
		} else if (*s == '"') {
			in_str = !in_str;
		} else if (!in_str && strchr(" \t\n", *s)) {
			continue;
		}
		*o++ = *s;
	}
	*o = '\0';
	return out;
}

void run(const char *name, void (*fn)(void))
{
	t_cur_failed = 0;
	fn();
	t_count++;
	if (t_cur_failed)
		t_failed++;
	printf("%s %d - %s\n", t_cur_failed ? "not ok" : "ok", t_count, name);
	fflush(stdout);
}
