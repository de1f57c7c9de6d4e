// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - the one place where memdiag looks up private kernel symbols.
 *
 * Only data is looked up, and only read: no private function is ever called
 * (Debian's 6.12 seals every unexported function against indirect calls).
 * kallsyms_lookup_name() is not exported; register_kprobe() looks a name up
 * for us. Given a data symbol at offset 1 it stores the address in kp.addr
 * and then refuses it (not kernel text) before arming anything, so
 * kp.addr - 1 is the symbol. Offset 1 also keeps the x86 ENDBR adjustment
 * out of the way. The method is checked at load against an exported data
 * symbol whose address we know (_totalram_pages); if that check fails,
 * nothing is resolved.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/mm.h>

#include "memdiag_syms.h"

struct memdiag_syms memdiag_syms;

static void *lookup_data(const char *name)
{
	struct kprobe kp = { .symbol_name = name, .offset = 1 };
	int ret;

	ret = register_kprobe(&kp);
	if (!ret) {
		/* Text after all: not what we asked for. */
		unregister_kprobe(&kp);
		return NULL;
	}
	if (ret != -EINVAL || !kp.addr)
		return NULL;
	return (void *)kp.addr - 1;
}

void memdiag_syms_init(void)
{
	if (lookup_data("_totalram_pages") != (void *)&_totalram_pages) {
		pr_warn("cannot locate kernel data by name; commit limits are not recorded\n");
		return;
	}
	memdiag_syms.overcommit_memory = lookup_data("sysctl_overcommit_memory");
	memdiag_syms.overcommit_ratio = lookup_data("sysctl_overcommit_ratio");
	memdiag_syms.overcommit_kbytes = lookup_data("sysctl_overcommit_kbytes");
	memdiag_syms.total_swap_pages = lookup_data("total_swap_pages");
}

unsigned int memdiag_syms_found(void)
{
	return !!memdiag_syms.overcommit_memory + !!memdiag_syms.overcommit_ratio +
	       !!memdiag_syms.overcommit_kbytes + !!memdiag_syms.total_swap_pages;
}
