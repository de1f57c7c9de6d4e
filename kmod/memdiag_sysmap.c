// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - kernel data addresses from System.map, for kernels whose
 * kallsyms holds text only (no CONFIG_KALLSYMS_ALL: Debian's arm64 5.10
 * and 6.1). Used by memdiag_syms.c only, and only when kallsyms cannot give
 * data symbols: elsewhere no map is opened.
 *
 * Debian's /boot/System.map-<release> is an 83-byte placeholder ("The real
 * System.map is in the linux-image-<version>-dbg package"); that package
 * installs the real one as /usr/lib/debug/boot/System.map-<release>. Both
 * are tried, in that order, unless the parameter sysmap= names another
 * file (or, empty, turns the map off).
 *
 * Nothing in a map is trusted until it is shown to be the running kernel's:
 * the KASLR slide (kallsyms address minus map address) must be the same for
 * several text symbols that kallsyms resolves, and exported data whose
 * address the module knows directly must be at its map address plus that
 * slide. A symbol taken from the map must be within the image's data and
 * bss (_sdata.._end of the same map).
 *
 * The map is read once at load (process context) with
 * kernel_read_file_from_path_initns() into a vmalloc'ed buffer, parsed and
 * freed before memdiag_syms_init() returns.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/kernel_read_file.h>
#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched/task.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>

#include "compat.h"
#include "memdiag_syms.h"

/* A real map is a few MiB (Debian's 6.1 arm64: about 6 MiB). */
#define MEMDIAG_SYSMAP_MAX	(64 << 20)
#define MEMDIAG_SYSMAP_PATH_MAX	128

static char sysmap_param[MEMDIAG_SYSMAP_PATH_MAX];
static bool sysmap_param_set;

static int memdiag_sysmap_param_set(const char *val, const struct kernel_param *kp)
{
	size_t len = strcspn(val, "\n");

	if (len && (val[0] != '/' || len >= sizeof(sysmap_param))) {
		pr_err("sysmap=%s refused: an absolute path of at most %zu characters, or empty to use no map\n",
		       val, sizeof(sysmap_param) - 1);
		return -EINVAL;
	}
	memcpy(sysmap_param, val, len);
	sysmap_param[len] = '\0';
	sysmap_param_set = true;
	return 0;
}

static int memdiag_sysmap_param_get(char *buf, const struct kernel_param *kp)
{
	return scnprintf(buf, PAGE_SIZE, "%s\n", sysmap_param);
}

static const struct kernel_param_ops memdiag_sysmap_param_ops = {
	.set = memdiag_sysmap_param_set,
	.get = memdiag_sysmap_param_get,
};
module_param_cb(sysmap, &memdiag_sysmap_param_ops, NULL, 0444);
MODULE_PARM_DESC(sysmap,
		 "System.map for data symbols kallsyms lacks (default: /boot/System.map-RELEASE, then /usr/lib/debug/boot/System.map-RELEASE; empty: none)");

struct memdiag_sysmap {
	const char *buf;
	size_t len;
	unsigned long slide;
	unsigned long data_start, data_end;	/* map addresses */
	char path[MEMDIAG_SYSMAP_PATH_MAX];
};

static struct memdiag_sysmap sysmap;

/*
 * The map address of @name, or 0 (absent, or two symbols of that name at
 * different addresses); its type letter in @type.
 */
static unsigned long memdiag_sysmap_find(const char *name, char *type)
{
	size_t nlen = strlen(name);
	const char *p = sysmap.buf, *end = sysmap.buf + sysmap.len;
	unsigned long found = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		const char *line = p, *sp;
		unsigned long addr;
		char hex[17];
		size_t hlen;

		if (!nl)
			nl = end;
		p = nl + 1;
		/* "ADDR T NAME" */
		sp = memchr(line, ' ', nl - line);
		if (!sp || nl - sp != 3 + (long)nlen || sp[2] != ' ' ||
		    memcmp(sp + 3, name, nlen))
			continue;
		hlen = sp - line;
		if (!hlen || hlen >= sizeof(hex))
			return 0;
		memcpy(hex, line, hlen);
		hex[hlen] = '\0';
		if (kstrtoul(hex, 16, &addr) || (found && addr != found))
			return 0;
		found = addr;
		if (type)
			*type = sp[1];
	}
	return found;
}

/*
 * The kallsyms address of text symbol @name: a disabled kprobe is
 * registered (never armed) and removed, or refused (_stext is on the
 * kprobe blacklist) with the address already looked up.
 */
static unsigned long memdiag_sysmap_text(const char *name)
{
	struct kprobe kp = { .symbol_name = name, .flags = KPROBE_FLAG_DISABLED };
	int ret = register_kprobe(&kp);

	if (!ret) {
		unregister_kprobe(&kp);
		return (unsigned long)kp.addr;
	}
	return ret == -EINVAL ? (unsigned long)kp.addr : 0;
}

/* Text symbols present on every kernel memdiag supports (5.10 to 7.2). */
static const char * const memdiag_sysmap_text_anchors[] = {
	"_stext", "do_exit", "get_signal", "kernel_clone", "vfs_read",
};

/* The map belongs to the running kernel: 0, or -errno with @why. */
static int memdiag_sysmap_verify(char *why, size_t len)
{
	const struct {
		const char *name;
		const void *addr;
	} data[] = {
		/* Exported on 5.10, 6.1, 6.12 and 7.2. */
		{ "init_uts_ns", &init_uts_ns },
		{ "_totalram_pages", &_totalram_pages },
		{ "init_task", &init_task },
	};
	unsigned int i, n = 0;
	bool have_slide = false;

	for (i = 0; i < ARRAY_SIZE(memdiag_sysmap_text_anchors); i++) {
		const char *name = memdiag_sysmap_text_anchors[i];
		unsigned long kaddr = memdiag_sysmap_text(name);
		unsigned long maddr = memdiag_sysmap_find(name, NULL);

		if (!kaddr || !maddr)
			continue;
		if (have_slide && kaddr - maddr != sysmap.slide) {
			snprintf(why, len, "%s: KASLR slide of %s differs from the others",
				 sysmap.path, name);
			return -ESTALE;
		}
		sysmap.slide = kaddr - maddr;
		have_slide = true;
		n++;
	}
	if (n < 3) {
		snprintf(why, len, "%s: only %u text symbols to compute the KASLR slide with",
			 sysmap.path, n);
		return -ENOENT;
	}
	for (i = 0; i < ARRAY_SIZE(data); i++) {
		unsigned long maddr = memdiag_sysmap_find(data[i].name, NULL);

		if (!maddr || maddr + sysmap.slide != (unsigned long)data[i].addr) {
			snprintf(why, len, "%s: %s %s: not this kernel's map",
				 sysmap.path, data[i].name,
				 maddr ? "is elsewhere" : "missing");
			return -ESTALE;
		}
	}
	sysmap.data_start = memdiag_sysmap_find("_sdata", NULL);
	sysmap.data_end = memdiag_sysmap_find("_end", NULL);
	if (!sysmap.data_start || sysmap.data_end <= sysmap.data_start) {
		snprintf(why, len, "%s: no _sdata.._end", sysmap.path);
		return -ENOENT;
	}
	return 0;
}

/* Read @path whole: 0, or -errno with @why. */
static int memdiag_sysmap_read(const char *path, char *why, size_t len)
{
	void *buf = NULL;
	ssize_t n;

	strscpy(sysmap.path, path, sizeof(sysmap.path));
	/* The bytes read, or -errno (int in 5.10: compat.h). */
	n = kernel_read_file_from_path_initns(path, 0, &buf, MEMDIAG_SYSMAP_MAX,
					      NULL, READING_UNKNOWN);
	if (n < 0) {
		snprintf(why, len, "cannot read %s (%s%zd)", path,
			 n == -EFBIG ? "larger than 64 MiB: " : "", n);
		return n;
	}
	sysmap.buf = buf;
	sysmap.len = n;
	if (strnstr(sysmap.buf, "The real System.map is in", min_t(size_t, n, 256))) {
		snprintf(why, len, "%s is a placeholder: install linux-image-%s-dbg",
			 path, init_utsname()->release);
		return -ENOENT;
	}
	return 0;
}

int memdiag_sysmap_open(char *why, size_t len)
{
	char path[MEMDIAG_SYSMAP_PATH_MAX];
	const char *rel = init_utsname()->release;
	int ret;

	/* IPE answers a READING_UNKNOWN read with a WARN (security/ipe/hooks.c). */
	if (IS_ENABLED(CONFIG_SECURITY_IPE)) {
		snprintf(why, len, "%s", "no System.map read on kernels with IPE");
		return -EOPNOTSUPP;
	}
	if (sysmap_param_set) {
		if (!sysmap_param[0]) {
			snprintf(why, len, "%s", "no System.map (sysmap= empty)");
			return -ENOENT;
		}
		ret = memdiag_sysmap_read(sysmap_param, why, len);
	} else {
		/* The placeholder's reason stands if the -dbg one is absent. */
		snprintf(path, sizeof(path), "/boot/System.map-%s", rel);
		ret = memdiag_sysmap_read(path, why, len);
		if (ret) {
			char why2[128];
			int ret2;

			memdiag_sysmap_close();
			snprintf(path, sizeof(path), "/usr/lib/debug/boot/System.map-%s", rel);
			ret2 = memdiag_sysmap_read(path, why2, sizeof(why2));
			if (ret2 != -ENOENT || sysmap.buf)
				snprintf(why, len, "%s", why2);
			ret = ret2;
		}
	}
	if (!ret)
		ret = memdiag_sysmap_verify(why, len);
	if (ret) {
		memdiag_sysmap_close();
		return ret;
	}
	return 0;
}

void *memdiag_sysmap_data(const char *name)
{
	unsigned long addr;
	char type = 0;

	if (!sysmap.buf)
		return NULL;
	addr = memdiag_sysmap_find(name, &type);
	/* Data, bss or read-mostly: inside the image's writable data. */
	if (!addr || addr < sysmap.data_start || addr >= sysmap.data_end ||
	    !strchr("dDbB", type))
		return NULL;
	return (void *)(addr + sysmap.slide);
}

const char *memdiag_sysmap_path(void)
{
	return sysmap.path;
}

void memdiag_sysmap_close(void)
{
	vfree(sysmap.buf);
	sysmap.buf = NULL;
	sysmap.len = 0;
}
