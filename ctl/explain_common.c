// SPDX-License-Identifier: GPL-2.0
/*
 * memdiagctl explain - pieces every report's parser needs (explain.h): the
 * dump_stack() header line naming the task and the kernel, and the caller
 * from a call trace.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "gfp.h"
#include "memdiagctl.h"

/* Copy at most @size - 1 bytes of @s (@n of them) into @dst. */
static void md_x_copy(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* A decimal number at @s: its value (saturated), the end in *@end. */
static long long md_x_num(const char *s, const char **end)
{
	long long v = 0;

	if (!isdigit((unsigned char)*s)) {
		*end = s;
		return -1;
	}
	for (; isdigit((unsigned char)*s); s++)
		v = v > (1LL << 56) ? v : v * 10 + (*s - '0');
	*end = s;
	return v;
}

/*
 * Where the task's name ends: before " Kdump: loaded", " Not tainted",
 * " Tainted:" (a name may hold spaces: "Web Content"), or at the end.
 */
static const char *md_x_comm_end(const char *s)
{
	static const char *const stops[] = {
		" Kdump: ", " Not tainted", " Tainted: ", ", bytes:",
	};
	const char *end = s + strlen(s), *p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(stops); i++) {
		p = strstr(s, stops[i]);
		if (p && p < end)
			end = p;
	}
	while (end > s && end[-1] == ' ')
		end--;
	return end;
}

int md_x_cpu_line(const char *text, struct md_xcpu *c)
{
	const char *p = text, *q, *comm;
	bool old;

	memset(c, 0, sizeof(*c));
	c->cpu = -1;
	c->pid = -1;
	while (*p == ' ')
		p++;
	if (!strncmp(p, "CPU: ", 5)) {
		c->cpu = md_x_num(p + 5, &q);
		if (c->cpu < 0)
			return 0;
		p = q;
		while (*p == ' ')
			p++;
		/* 6.12: "CPU: 1 UID: 0 PID: 12 Comm: ..." */
		if (!strncmp(p, "UID: ", 5)) {
			md_x_num(p + 5, &q);
			p = q;
			while (*p == ' ')
				p++;
		}
	}
	old = !strncmp(p, "Pid: ", 5);
	if (!old && strncmp(p, "PID: ", 5))
		return 0;
	c->pid = md_x_num(p + 5, &q);
	if (c->pid < 0)
		return 0;
	p = q;
	if (old ? strncmp(p, ", comm: ", 8) : strncmp(p, " Comm: ", 7))
		return 0;
	comm = p + (old ? 8 : 7);
	q = md_x_comm_end(comm);
	md_x_copy(c->comm, sizeof(c->comm), comm, q - comm);
	/* The version: the first word starting with a digit after the taint. */
	p = q;
	if (!strncmp(p, " Kdump: loaded", 14))
		p += 14;
	if (!strncmp(p, " Not tainted", 12))
		p += 12;
	else if (!strncmp(p, " Tainted: ", 10))
		p += 10;
	else
		return 1;
	while (*p && !isdigit((unsigned char)*p) &&
	       (isupper((unsigned char)*p) || *p == ' ' || *p == '-'))
		p++;
	if (!isdigit((unsigned char)*p))
		return 1;
	q = p + strlen(p);
	while (q > p && isspace((unsigned char)q[-1]))
		q--;
	md_x_copy(c->kver_str, sizeof(c->kver_str), p, q - p);
	c->kver = md_kver_parse(c->kver_str);
	return 1;
}

/* ---- call traces ------------------------------------------------------ */

/* Frames of the allocator, the OOM killer and the stack dumper themselves. */
static const char *const md_x_own[] = {
	"dump_stack", "dump_stack_lvl", "show_stack", "dump_backtrace",
	"__dump_stack", "show_trace", "show_trace_log_lvl", "unwind_backtrace",
	"warn_alloc", "warn_alloc_failed", "warn_alloc_show_mem",
	"__alloc_pages", "__alloc_pages_nodemask", "__alloc_pages_slowpath",
	"__alloc_pages_internal", "__alloc_pages_noprof", "__alloc_pages_may_oom",
	/* 6.14+: __alloc_pages_noprof() is a wrapper of these */
	"__alloc_frozen_pages_noprof", "alloc_frozen_pages_noprof",
	"alloc_frozen_pages_nolock_noprof", "alloc_pages_nolock_noprof",
	"alloc_pages", "alloc_pages_current", "alloc_pages_noprof",
	"alloc_pages_mpol", "alloc_pages_mpol_noprof", "alloc_pages_vma",
	"alloc_page_interleave", "alloc_pages_node", "__alloc_pages_node",
	"__get_free_pages", "get_zeroed_page", "__folio_alloc",
	"__folio_alloc_noprof", "folio_alloc", "folio_alloc_noprof",
	"alloc_pages_bulk", "__alloc_pages_bulk", "alloc_pages_exact",
	"__vmalloc", "__vmalloc_node", "__vmalloc_node_range",
	"__vmalloc_node_flags", "__vmalloc_node_flags_caller", "vmalloc_user",
	"__vmalloc_node_range_noprof", "__vmalloc_area_node", "vmalloc",
	"vzalloc", "vmalloc_node", "__vmalloc_node_noprof", "kvmalloc_node",
	"__kvmalloc_node", "__kvmalloc_node_noprof", "kvmalloc",
	"kmalloc_order", "kmalloc_order_trace", "kmalloc_large",
	"__kmalloc_large_node", "__kmalloc_large_node_noprof",
	"kmalloc_large_node", "__kmalloc", "__kmalloc_noprof",
	"__kmalloc_node", "__kmalloc_node_track_caller",
	"__kmalloc_track_caller", "kmalloc_trace", "__kmalloc_cache_noprof",
	"kmem_cache_alloc", "kmem_cache_alloc_trace", "kmem_cache_alloc_node",
	"kmem_cache_alloc_noprof", "kmem_cache_alloc_lru",
	"allocate_slab", "new_slab", "___slab_alloc", "__slab_alloc",
	"slab_alloc", "slab_alloc_node", "cache_grow", "cache_grow_begin",
	"cache_alloc_refill", "kmem_getpages", "__kmalloc_node_noprof",
	"fallback_alloc", "____cache_alloc_node", "____cache_alloc",
	"__do_cache_alloc", "__cache_alloc", "cache_alloc_node",
	/* the network stack's allocators: the driver below asked */
	"__alloc_page_frag", "page_frag_alloc", "__page_frag_alloc_align",
	"page_frag_alloc_align", "__netdev_alloc_skb", "__napi_alloc_skb",
	"__alloc_skb", "alloc_skb", "netdev_alloc_frag", "__netdev_alloc_frag_align",
	"napi_alloc_frag", "__alloc_rx_skb", "__netdev_alloc_skb_ip_align",
	"out_of_memory", "oom_kill_process", "dump_header",
	"mem_cgroup_out_of_memory", "pagefault_out_of_memory",
	"__vm_enough_memory", "security_vm_enough_memory_mm",
};

/*
 * The symbol of a frame line, or 0 if @text is not one. Layouts:
 *   " warn_alloc+0x100/0x148" (x86 and arm64 since 4.x),
 *   "[<ffffffff8113f3d2>] warn_alloc_failed+0xf2/0x140" (before),
 *   "[<c0013f54>] (unwind_backtrace+0x0/0xf0) from [<c00a1f64>] (...)" and
 *   "[<c000d20c>] (show_stack) from [<c009bf44>] (warn_alloc_failed+0xdc/0x124)"
 *   (ARM before 6.x: the frame's own function is the first one),
 *   " unwind_backtrace from show_stack+0x10/0x14" (ARM since 5.x).
 */
static size_t md_x_frame(const char *text, const char **sym)
{
	const char *p = text, *q;
	bool paren = false;

	while (*p == ' ' || *p == '\t')
		p++;
	if (p[0] == '[' && p[1] == '<') {
		q = strstr(p, ">]");
		if (!q)
			return 0;
		p = q + 2;
		while (*p == ' ')
			p++;
		if (*p == '(') {
			p++;
			paren = true;
		}
	}
	/* "? foo+0x1/0x2": an unreliable frame, not a caller */
	if (*p == '?')
		return 0;
	q = p;
	while (*q && (isalnum((unsigned char)*q) || *q == '_' || *q == '.' ||
		      *q == '$'))
		q++;
	if (q == p)
		return 0;
	if (!strncmp(q, "+0x", 3) || (paren && (*q == ')' || !strncmp(q, " [", 2))) ||
	    !strncmp(q, " from ", 6) ||
	    (!strncmp(q, " [", 2) && strstr(q, "] from "))) {
		*sym = p;
		return q - p;
	}
	return 0;
}

static bool md_x_is_own(const char *sym, size_t n)
{
	size_t i, len;

	/* "foo.part.0", "foo.constprop.0", "foo.isra.3": compilers' names */
	for (len = 0; len < n && sym[len] != '.'; len++)
		;
	for (i = 0; i < ARRAY_SIZE(md_x_own); i++)
		if (strlen(md_x_own[i]) == len && !strncmp(sym, md_x_own[i], len))
			return true;
	return false;
}

static bool md_x_trace_start(const char *text)
{
	const char *p = text;

	while (*p == ' ')
		p++;
	return !strncmp(p, "Call Trace:", 11) || !strncmp(p, "Call trace:", 11) ||
	       !strncmp(p, "Backtrace:", 10);
}

char *md_x_caller(const struct md_klog *log, size_t i, size_t max)
{
	const struct md_kline *ref;
	size_t seen, n;
	bool in_trace = false;
	const char *sym;

	if (i >= log->n)
		return NULL;
	ref = &log->lines[i];
	for (seen = 0; i < log->n && seen < max;
	     i = md_klog_next(log, i, ref), seen++) {
		const char *text = log->lines[i].text;

		if (!in_trace) {
			in_trace = md_x_trace_start(text);
			/* m68k: "Call Trace: [<000290a8>] __alloc_pages+..." */
			if (in_trace && strstr(text, "[<"))
				text = strstr(text, "[<");
			else if (in_trace || !md_x_frame(text, &sym))
				/* old x86 and ARM print frames without a heading */
				continue;
			in_trace = true;
		}
		n = md_x_frame(text, &sym);
		if (!n) {
			/* <IRQ>, <TASK>, "? frames": inside; Mem-Info: the end */
			if (!strncmp(text, "Mem-Info", 8) || !strncmp(text, "Mem-info", 8))
				break;
			continue;
		}
		if (!md_x_is_own(sym, n)) {
			const char *mod = strstr(sym + n, " [");
			const char *mend = mod ? strchr(mod, ']') : NULL;

			if (mod && mend)
				return md_strdupf("%.*s%.*s", (int)n, sym,
						  (int)(mend + 1 - mod), mod);
			return md_strdupf("%.*s", (int)n, sym);
		}
	}
	return NULL;
}
