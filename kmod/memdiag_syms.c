// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag - the one place where kernel symbols that are not exported are
 * resolved. Only data, and only read: on kernels with IBT (Debian's x86
 * 6.12) every function that is not exported is sealed, so the module calls
 * exported functions only. Data symbols are in kallsyms only with
 * CONFIG_KALLSYMS_ALL: Debian's arm64 5.10 and 6.1 kernels lack it (their
 * amd64 ones and every 6.12 and 7.2 have it). There the data kallsyms
 * lacks is taken from the running kernel's System.map, once it is shown to
 * be that kernel's (memdiag_sysmap.c); without one, nothing here is
 * resolved: swap ownership and the commit limit are unavailable, mobility
 * grouping is taken as on.
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
 * Symbols: swap_info (mm/swapfile.c), swap_cgroup_ctrl (mm/swap_cgroup.c,
 * swap_map kernels only) for swap ownership; sysctl_overcommit_memory,
 * sysctl_overcommit_ratio, sysctl_overcommit_kbytes, vm_committed_as
 * (mm/util.c) and total_swap_pages (mm/swapfile.c) for the commit limit and
 * Committed_AS; page_group_by_mobility_disabled (mm/page_alloc.c) for
 * gfp_migratetype().
 *
 * Private structures: on swap-table kernels (7.2) memdiag reads the
 * clusters of mm/swap.h, a copy of which is in memdiag_syms.h. Its size and
 * the offsets of the fields read are checked against the running kernel's
 * BTF: the kernel's BTF API (btf_name_by_offset(), btf_put()) is not
 * exported, so /sys/kernel/btf/vmlinux is read once at load with
 * filp_open() and kernel_read() (process context, module init) into a
 * temporary buffer and the few types needed are looked up in it. No BTF,
 * or any difference, makes swap ownership unavailable with the reason.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/fs.h>
#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/stddef.h>
#include <linux/swap.h>
#include <linux/vmalloc.h>

/* The BTF format: the uapi header (5.10's linux/btf.h is not self-contained). */
#include <uapi/linux/btf.h>

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

static bool memdiag_syms_from_map;
static char memdiag_syms_reason[128];

/* Data symbol @name: from kallsyms, else from the verified System.map. */
static void *memdiag_sym(const char *name)
{
	void *p = memdiag_sym_data(name);

	if (!p && memdiag_syms_from_map)
		p = memdiag_sysmap_data(name);
	return p;
}

const char *memdiag_syms_why(void)
{
	return memdiag_syms_reason;
}

const char *memdiag_syms_source(void)
{
	return memdiag_syms_from_map ? "System.map" : "kallsyms";
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

#ifdef MEMDIAG_HAVE_SWAP_TABLE
struct memdiag_btf_field {
	const char *name;
	size_t offset;		/* bytes */
};

struct memdiag_btf {
	const u8 *types, *strs;
	u32 types_len, strs_len;
};

/* The bytes that follow a type of @kind with @vlen entries, or -1. */
static long memdiag_btf_extra(unsigned int kind, unsigned int vlen)
{
	switch (kind) {
	case BTF_KIND_INT:
	case BTF_KIND_VAR:
	case BTF_KIND_DECL_TAG:
		return 4;
	case BTF_KIND_PTR:
	case BTF_KIND_FWD:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC:
	case BTF_KIND_FLOAT:
	case BTF_KIND_TYPE_TAG:
		return 0;
	case BTF_KIND_ARRAY:
		return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return (long)vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:
		return (long)vlen * sizeof(struct btf_enum);
	case BTF_KIND_FUNC_PROTO:
		return (long)vlen * sizeof(struct btf_param);
	case BTF_KIND_DATASEC:
		return (long)vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_ENUM64:
		return (long)vlen * sizeof(struct btf_enum64);
	}
	return -1;
}

static const char *memdiag_btf_str(const struct memdiag_btf *b, u32 off)
{
	if (off >= b->strs_len || !memchr(b->strs + off, 0, b->strs_len - off))
		return NULL;
	return (const char *)b->strs + off;
}

/*
 * Check that BTF's struct @name is @size bytes with each of @f at its
 * offset; 0, or -errno with the difference in @why.
 */
static int memdiag_btf_check(const struct memdiag_btf *b, const char *name,
			     size_t size, const struct memdiag_btf_field *f,
			     unsigned int nr, char *why, size_t len)
{
	u32 pos = 0;

	while (pos + sizeof(struct btf_type) <= b->types_len) {
		const struct btf_type *t = (const void *)(b->types + pos);
		unsigned int kind = BTF_INFO_KIND(t->info);
		unsigned int vlen = BTF_INFO_VLEN(t->info);
		long extra = memdiag_btf_extra(kind, vlen);
		const struct btf_member *m;
		const char *tname;
		unsigned int i, j;

		if (extra < 0 || pos + sizeof(*t) + extra > b->types_len) {
			snprintf(why, len, "BTF: type kind %u not understood", kind);
			return -EINVAL;
		}
		pos += sizeof(*t) + extra;
		tname = memdiag_btf_str(b, t->name_off);
		if (kind != BTF_KIND_STRUCT || !tname || strcmp(tname, name))
			continue;
		if (t->size != size) {
			snprintf(why, len, "struct %s is %u bytes, memdiag expects %zu",
				 name, t->size, size);
			return -EINVAL;
		}
		m = (const void *)(t + 1);
		for (i = 0; i < nr; i++) {
			for (j = 0; j < vlen; j++) {
				const char *mname = memdiag_btf_str(b, m[j].name_off);
				u32 bits = BTF_INFO_KFLAG(t->info) ?
					   BTF_MEMBER_BIT_OFFSET(m[j].offset) : m[j].offset;

				if (!mname || strcmp(mname, f[i].name))
					continue;
				if (bits != f[i].offset * BITS_PER_BYTE) {
					snprintf(why, len,
						 "%s.%s is at byte %u, memdiag expects %zu",
						 name, f[i].name, bits / BITS_PER_BYTE,
						 f[i].offset);
					return -EINVAL;
				}
				break;
			}
			if (j == vlen) {
				snprintf(why, len, "%s has no field %s", name, f[i].name);
				return -EINVAL;
			}
		}
		return 0;
	}
	snprintf(why, len, "BTF has no struct %s", name);
	return -ENOENT;
}

#define MEMDIAG_BTF_FIELD(type, field) { #field, offsetof(type, field) }
#define MEMDIAG_BTF_MAX	(64 << 20)

/*
 * The kernel's BTF into a vmalloc'ed buffer: its size, or -errno. A plain
 * read: kernel_read_file() would ask the LSMs about a READING_UNKNOWN read,
 * which IPE (7.2) answers with a WARN.
 */
static ssize_t memdiag_btf_read(void **bufp)
{
	struct file *f = filp_open("/sys/kernel/btf/vmlinux", O_RDONLY, 0);
	loff_t size, pos = 0;
	ssize_t n = 0;
	void *buf;

	if (IS_ERR(f))
		return PTR_ERR(f);
	size = i_size_read(file_inode(f));
	if (size <= 0 || size > MEMDIAG_BTF_MAX) {
		n = -EFBIG;
		goto out;
	}
	buf = vmalloc(size);
	if (!buf) {
		n = -ENOMEM;
		goto out;
	}
	while (pos < size) {
		n = kernel_read(f, buf + pos, size - pos, &pos);
		if (n <= 0)
			break;
	}
	if (pos != size) {
		vfree(buf);
		n = n < 0 ? n : -EIO;
		goto out;
	}
	*bufp = buf;
	n = size;
out:
	filp_close(f, NULL);
	return n;
}

/* The swap table layout of memdiag_syms.h is the running kernel's. */
static int memdiag_swap_table_check(char *why, size_t len)
{
	static const struct memdiag_btf_field ci[] = {
		MEMDIAG_BTF_FIELD(struct memdiag_swap_cluster_info, lock),
		MEMDIAG_BTF_FIELD(struct memdiag_swap_cluster_info, count),
		MEMDIAG_BTF_FIELD(struct memdiag_swap_cluster_info, table),
		MEMDIAG_BTF_FIELD(struct memdiag_swap_cluster_info, extend_table),
#ifdef CONFIG_MEMCG
		MEMDIAG_BTF_FIELD(struct memdiag_swap_cluster_info, memcg_table),
#endif
	};
	const struct btf_header *h;
	struct memdiag_btf b;
	void *buf = NULL;
	ssize_t n;
	int ret;

	n = memdiag_btf_read(&buf);
	if (n < 0) {
		snprintf(why, len, "cannot read /sys/kernel/btf/vmlinux (%zd)", n);
		return n;
	}
	h = buf;
	ret = -EINVAL;
	if (n < sizeof(*h) || h->magic != BTF_MAGIC || h->hdr_len > n ||
	    (u64)h->hdr_len + h->type_off + h->type_len > n ||
	    (u64)h->hdr_len + h->str_off + h->str_len > n) {
		snprintf(why, len, "/sys/kernel/btf/vmlinux is not BTF memdiag reads");
		goto out;
	}
	b.types = (const u8 *)buf + h->hdr_len + h->type_off;
	b.types_len = h->type_len;
	b.strs = (const u8 *)buf + h->hdr_len + h->str_off;
	b.strs_len = h->str_len;
	ret = memdiag_btf_check(&b, "swap_cluster_info",
				sizeof(struct memdiag_swap_cluster_info),
				ci, ARRAY_SIZE(ci), why, len);
	if (!ret)
		ret = memdiag_btf_check(&b, "swap_table", MEMDIAG_SWAPFILE_CLUSTER *
					sizeof(atomic_long_t), NULL, 0, why, len);
	if (!ret && IS_ENABLED(CONFIG_MEMCG))
		ret = memdiag_btf_check(&b, "swap_memcg_table", MEMDIAG_SWAPFILE_CLUSTER *
					sizeof(unsigned short), NULL, 0, why, len);
out:
	vfree(buf);
	return ret;
}

static void memdiag_syms_swap_layout(void)
{
	char why[96];

	if (memdiag_swap_table_check(why, sizeof(why))) {
		memdiag_syms.swap_info = NULL;
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAP_OWNERS,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE,
				    "swap table layout not verified: %s", why);
		return;
	}
	/* mm/shmem.c: shmem_writeout() takes its slot with folio_dup_swap(folio, NULL) */
	memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAP_OWNERS,
			    MEMDIAG_FEATURE_STATE_DEGRADED, "%s",
			    "the swap table has no shmem marker: shmem slots are counted as anon");
}
#else
static void memdiag_syms_swap_layout(void)
{
	memdiag_syms.swap_cgroup_ctrl = memdiag_sym("swap_cgroup_ctrl");
	if (!memdiag_syms.swap_cgroup_ctrl)
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAP_OWNERS,
				    MEMDIAG_FEATURE_STATE_DEGRADED,
				    "symbol swap_cgroup_ctrl not found: no per-cgroup slot counts");
	else
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAP_OWNERS,
				    MEMDIAG_FEATURE_STATE_OK, "%s",
				    memdiag_syms_from_map ?
				    "swap_info, swap_cgroup_ctrl from System.map" : "");
}
#endif /* MEMDIAG_HAVE_SWAP_TABLE */

static void memdiag_syms_swap(void)
{
	struct swap_info_struct **si;

	si = memdiag_sym("swap_info");
	if (!si || !memdiag_swap_info_sane(si)) {
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAP_OWNERS,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE,
				    "symbol swap_info %s",
				    si ? "does not look like the swap area table" :
					 "not found");
		return;
	}
	memdiag_syms.swap_info = si;
	memdiag_syms_swap_layout();
}

/*
 * kallsyms holds no data (no CONFIG_KALLSYMS_ALL, scripts/kallsyms.c):
 * Debian's arm64 5.10 and 6.1 kernels. Fall back on System.map.
 */
static bool memdiag_syms_map(void *probe)
{
	int ret = memdiag_sysmap_open(memdiag_syms_reason,
				      sizeof(memdiag_syms_reason));

	if (ret) {
		pr_warn("cannot locate kernel data by name (kallsyms: _totalram_pages gave %s%s; System.map: %s): commit limits and swap owners are not recorded\n",
			probe ? "a wrong address" : "nothing",
			IS_ENABLED(CONFIG_KALLSYMS_ALL) ? "" :
			", no CONFIG_KALLSYMS_ALL", memdiag_syms_reason);
		memdiag_feature_set(MEMDIAG_FEATURE_ID_SWAP_OWNERS,
				    MEMDIAG_FEATURE_STATE_UNAVAILABLE,
				    "data symbols not located: %s", memdiag_syms_reason);
		return false;
	}
	memdiag_syms_from_map = true;
	return true;
}

void memdiag_syms_init(void)
{
	void *probe = memdiag_sym_data("_totalram_pages");

	if (probe != (void *)&_totalram_pages && !memdiag_syms_map(probe))
		return;
	memdiag_syms_swap();
	memdiag_syms.overcommit_memory = memdiag_sym("sysctl_overcommit_memory");
	memdiag_syms.overcommit_ratio = memdiag_sym("sysctl_overcommit_ratio");
	memdiag_syms.overcommit_kbytes = memdiag_sym("sysctl_overcommit_kbytes");
	memdiag_syms.total_swap_pages = memdiag_sym("total_swap_pages");
	memdiag_syms.vm_committed_as = memdiag_sym("vm_committed_as");
	memdiag_syms.max_map_count = memdiag_sym("sysctl_max_map_count");
	memdiag_syms.page_group_by_mobility_disabled =
		memdiag_sym("page_group_by_mobility_disabled");
	if (!memdiag_syms.page_group_by_mobility_disabled)
		pr_warn("page_group_by_mobility_disabled not found: taking mobility grouping as on\n");
	if (memdiag_syms_from_map) {
		pr_info("kernel data located with %s (kallsyms has no data symbols; KASLR slide and exported data checked)\n",
			memdiag_sysmap_path());
		memdiag_sysmap_close();
	}
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

int memdiag_gfp_migratetype(gfp_t gfp)
{
	const int *off = memdiag_syms.page_group_by_mobility_disabled;
	const unsigned int shift = ilog2(___GFP_MOVABLE);

	/* include/linux/gfp.h: gfp_migratetype() */
	BUILD_BUG_ON((___GFP_MOVABLE >> shift) != MIGRATE_MOVABLE);
	BUILD_BUG_ON((___GFP_RECLAIMABLE >> shift) != MIGRATE_RECLAIMABLE);
	if (off && READ_ONCE(*off))
		return MIGRATE_UNMOVABLE;
	return (__force unsigned long)(gfp & (__GFP_RECLAIMABLE | __GFP_MOVABLE)) >> shift;
}
