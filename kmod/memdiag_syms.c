// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - the one place where kernel symbols that are not exported are
 * resolved. Only data, and only read: on kernels with IBT (Debian 6.12)
 * every function that is not exported is sealed, so the module calls
 * exported functions only.
 *
 * kallsyms_lookup_name() is not exported either; register_kprobe() looks a
 * name up for us. Asked for "symbol + 1" of a data symbol, it stores the
 * address in kp.addr and then refuses with -EINVAL because the address is
 * not text (check_kprobe_address_safe(), the same in 6.1 and 6.12); no
 * probe is armed. The offset of 1 keeps arch_adjust_kprobe_addr() from
 * moving the address past what could look like an ENDBR. The method is
 * checked at load against exported data (_totalram_pages); if that check
 * fails, nothing is resolved.
 *
 * Symbols: swap_info (mm/swapfile.c), swap_cgroup_ctrl (mm/swap_cgroup.c)
 * for swap ownership; sysctl_overcommit_memory, sysctl_overcommit_ratio,
 * sysctl_overcommit_kbytes, vm_committed_as (mm/util.c) and
 * total_swap_pages (mm/swapfile.c) for the commit limit and Committed_AS.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/swap.h>

#include "memdiag.h"
#include "memdiag_syms.h"

struct memdiag_syms memdiag_syms;

/* The address of the data symbol @name, or NULL. */
static void *memdiag_sym_data(const char *name)
{
	struct kprobe kp = { .symbol_name = name, .offset = 1 };
	int ret = register_kprobe(&kp);

	if (!ret) {
		/* Text after all: never ours to use. */
		unregister_kprobe(&kp);
		return NULL;
	}
	if (ret != -EINVAL || !kp.addr)
		return NULL;
	return (void *)((unsigned long)kp.addr - 1);
}

/* Every area swap_info lists must say it is at its own index. */
static bool memdiag_swap_info_sane(struct swap_info_struct **tbl)
{
	unsigned int i;

	for (i = 0; i < MAX_SWAPFILES; i++) {
		struct swap_info_struct *si = READ_ONCE(tbl[i]);

		if (si && si->type != i)
			return false;
	}
	return true;
}

static void memdiag_syms_swap(void)
{
	struct swap_info_struct **si;

	si = memdiag_sym_data("swap_info");
	if (!si || !memdiag_swap_info_sane(si)) {
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAP_OWNERS,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE,
				    "symbol swap_info %s",
				    si ? "does not look like the swap area table" :
					 "not found");
		return;
	}
	memdiag_syms.swap_info = si;
	memdiag_syms.swap_cgroup_ctrl = memdiag_sym_data("swap_cgroup_ctrl");
	if (!memdiag_syms.swap_cgroup_ctrl)
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAP_OWNERS,
				    MEMDIAG_FEATURE_STATE_DEGRADED,
				    "symbol swap_cgroup_ctrl not found: no per-cgroup slot counts");
	else
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAP_OWNERS,
				    MEMDIAG_FEATURE_STATE_OK, "%s", "");
}

void memdiag_syms_init(void)
{
	void *probe = memdiag_sym_data("_totalram_pages");

	if (probe != (void *)&_totalram_pages) {
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAP_OWNERS,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE,
				    "cannot look data symbols up (_totalram_pages gave %s)",
				    probe ? "a wrong address" : "nothing");
		pr_warn("cannot locate kernel data by name; commit limits are not recorded\n");
		return;
	}
	memdiag_syms_swap();
	memdiag_syms.overcommit_memory = memdiag_sym_data("sysctl_overcommit_memory");
	memdiag_syms.overcommit_ratio = memdiag_sym_data("sysctl_overcommit_ratio");
	memdiag_syms.overcommit_kbytes = memdiag_sym_data("sysctl_overcommit_kbytes");
	memdiag_syms.total_swap_pages = memdiag_sym_data("total_swap_pages");
	memdiag_syms.vm_committed_as = memdiag_sym_data("vm_committed_as");
}

unsigned int memdiag_syms_found(void)
{
	return !!memdiag_syms.overcommit_memory + !!memdiag_syms.overcommit_ratio +
	       !!memdiag_syms.overcommit_kbytes + !!memdiag_syms.total_swap_pages +
	       !!memdiag_syms.vm_committed_as;
}

unsigned long memdiag_committed_pages(void)
{
	struct percpu_counter *c = memdiag_syms.vm_committed_as;
	s64 v;

	if (!c)
		return 0;
	v = READ_ONCE(c->count);
	return v > 0 ? v : 0;
}
