// SPDX-License-Identifier: GPL-2.0
/* Compiles where the C library has strerrorname_np() (glibc 2.32 on). */
#include <errno.h>
#include <string.h>

const char *md_try(void);

const char *md_try(void)
{
	return strerrorname_np(ENOMEM);
}
