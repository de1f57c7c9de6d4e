// SPDX-License-Identifier: GPL-2.0
/*
 * explain_alloc.c: page allocation failures, stalls and vmalloc failures.
 * The lines are the corpus' (tests/corpus/, prefixes taken off as klog.c
 * does) or written from each kernel's printk formats (mm/page_alloc.c
 * warn_alloc/warn_alloc_failed, mm/vmalloc.c); each test says which.
 */
#include <stdio.h>

#include "harness.h"
#include "xu.h"

#include "explain.h"
#include "klog.h"
#include "output.h"

#define XA_MAXL 64

static struct md_kline xa_kl[XA_MAXL];
static struct md_klog xa_log;

/* A log of @n lines, all of one file, as klog.c would give them. */
static void xa_mklog(const char *const *lines, size_t n)
{
	xu_log_lines(&xa_log, xa_kl, lines, n < XA_MAXL ? n : XA_MAXL);
}

/* The event md_xparse_alloc() reads at line @at, or NULL. */
static struct md_xev *xa_parse(size_t at)
{
	struct md_xctx ctx = { 0 };
	struct md_xev *e = NULL;
	int r = md_xparse_alloc(&xa_log, at, &ctx, &e);

	CHECK(r == 0 || r == 1);
	CHECK((r == 1) == (e != NULL));
	return e;
}

#define xa_json(e) xu_event_json(e)
#define xa_text(e) xu_event_text(e, false)

#define XA_JSON_HAS(e, frag) do {					\
	char *_js = xa_json(e);						\
	CHECK_HAS_JSON(_js, frag);					\
	free(_js);							\
} while (0)

/* 2.5/2.6 early: "%s: page allocation failure. order:%d, mode:0x%x" */
static void t_period_form(void)
{
	static const char *const l[] = {
		/* corpus 15, 2.5.13 */
		"kswapd: page allocation failure. order:0, mode:0x20",
		"x20",
	};
	struct md_xev *e;

	xa_mklog(l, 2);
	xa_kl[0].repeated = 296;
	e = xa_parse(0);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(e->kind, "alloc-failure");
	CHECK_STR(e->comm, "kswapd");
	CHECK(e->pid == -1);
	CHECK(e->repeated == 296);
	CHECK_STR(e->verdict, "unknown");
	CHECK_HAS(e->why, "Mem-Info was not in the log");
	CHECK_HAS(e->unread, "Mem-Info");
	CHECK_HAS(e->what, "order-0 mode 0x20 failure in kswapd");
	XA_JSON_HAS(e, "\"order\":0");
	XA_JSON_HAS(e, "\"gfp-mask\":32");
	XA_JSON_HAS(e, "\"zones\":null");
	md_xev_free(e);
	/* the torn "x20" is no report */
	CHECK(xa_parse(1) == NULL);
}

/* 2.6.x-4.4: the colon form, two CPUs' reports, the second cuts the first */
static void t_colon_form_two_cpus(void)
{
	static const char *const l[] = {
		/* corpus 29, 3.10.0-1062.el7 (journal prefix taken off) */
		"swapper/21: page allocation failure: order:0, mode:0x20",
		"CPU: 21 PID: 0 Comm: swapper/21 Kdump: loaded Tainted: P           OE  ------------   3.10.0-1062.el7.x86_64 #1",
		"Hardware name: Supermicro SYS-6019U-TRT/X11DPU, BIOS 3.2 10/16/2019",
		"Call Trace:",
		" <IRQ>  [<ffffffffaf179262>] dump_stack+0x19/0x1b",
		" [<ffffffffaebc23d0>] warn_alloc_failed+0x110/0x180",
		"swapper/44: page allocation failure: order:0, mode:0x20",
		"CPU: 44 PID: 0 Comm: swapper/44 Kdump: loaded Tainted: P           OE  ------------   3.10.0-1062.el7.x86_64 #1",
	};
	struct md_xev *e;

	xa_mklog(l, ARRAY_SIZE(l));
	e = xa_parse(0);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(e->comm, "swapper/21");
	CHECK(e->pid == 0);
	CHECK_STR(e->kver_str, "3.10.0-1062.el7.x86_64 #1");
	CHECK_STR(e->verdict, "unknown");
	CHECK_HAS(e->why, "another report began at line 7");
	CHECK(e->last == 1);
	md_xev_free(e);
	e = xa_parse(6);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->comm, "swapper/44");
		CHECK(e->pid == 0);
		CHECK(e->first == 6);
	}
	md_xev_free(e);
	/* lines inside a report start none */
	CHECK(xa_parse(1) == NULL);
	CHECK(xa_parse(3) == NULL);
}

/* 4.5-4.11: "order:%u, mode:%#x(%pGg)"; the CPU line names another task */
static void t_pgg_form(void)
{
	static const char *const l[] = {
		/* corpus 27, 4.9.56 C-SKY (the poster renamed the task) */
		"xxxx: page allocation failure: order:10, mode:0x2084020(GFP_ATOMIC|__GFP_COMP)",
		"CPU: 0 PID: 179 Comm: AiApp Not tainted 4.9.56 #53",
		"",
		"Call Trace:",
		"[<802f63f2>] dump_stack+0x1e/0x3c",
		"[<800f6cf4>] warn_alloc+0x100/0x148",
		"[<800f709c>] __alloc_pages_nodemask+0x2bc/0xb5c",
		"[<801120fe>] kmalloc_order+0x26/0x48",
		"[<80112158>] kmalloc_order_trace+0x38/0x98",
		"[<8012c5d8>] __kmalloc+0xf4/0x12c",
		"[<8048ac78>] alloc_ep_req+0x5c/0x98",
		"[<8048f232>] source_sink_recv+0x2a/0xe0",
	};
	struct md_xev *e;
	char *t;

	xa_mklog(l, ARRAY_SIZE(l));
	e = xa_parse(0);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(e->comm, "xxxx");
	CHECK(e->pid == 179);
	CHECK_STR(e->kver_str, "4.9.56 #53");
	CHECK_HAS(e->what, "order-10 GFP_ATOMIC|__GFP_COMP failure in xxxx, caller alloc_ep_req");
	XA_JSON_HAS(e, "\"order\":10");
	XA_JSON_HAS(e, "\"gfp-mask\":34095136");
	XA_JSON_HAS(e, "\"gfp-names\":\"GFP_ATOMIC|__GFP_COMP\"");
	XA_JSON_HAS(e, "\"caller\":\"alloc_ep_req\"");
	XA_JSON_HAS(e, "\"nodemask\":null");
	t = xa_text(e);
	CHECK_HAS(t, "pid 179 on CPU 0 (its dump_stack line names it 'AiApp')");
	free(t);
	md_xev_free(e);
}

/* 4.12-4.19: ", nodemask=", then "COMM cpuset=" "/" " mems_allowed=0-1"
 * as KERN_CONT pieces with another CPU's lines between them */
static void t_nodemask_split_cpuset(void)
{
	static const char *const l[] = {
		/* corpus 07, 4.19.60, lines 225-233 */
		"rsyslogd: page allocation failure: order:0, mode:0x484020(GFP_ATOMIC|__GFP_COMP), nodemask=(null)",
		" ? pci_mmcfg_check_reserved+0x170/0x170",
		"rsyslogd cpuset=",
		" ? _raw_spin_unlock_irqrestore+0x6b/0xe0",
		"/",
		" ? lockdep_hardirqs_on+0x415/0x5d0",
		" mems_allowed=0-1",
		" ? trace_hardirqs_on+0x67/0x220",
		"CPU: 0 PID: 7437 Comm: rsyslogd Not tainted 4.19.60 #33",
		" schedule+0x92/0x1c0",
		"Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011",
		"Call Trace:",
		" <IRQ>",
		" dump_stack+0x172/0x1f0",
		" warn_alloc.cold+0x7b/0x173",
		" rcu_gp_kthread+0xd5c/0x2190",
		"warn_alloc_show_mem: 1 callbacks suppressed",
	};
	struct md_xev *e;
	char *t;

	xa_mklog(l, ARRAY_SIZE(l));
	e = xa_parse(0);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(e->comm, "rsyslogd");
	CHECK(e->pid == 7437);
	CHECK_STR(e->kver_str, "4.19.60 #33");
	CHECK_STR(e->verdict, "unknown");
	XA_JSON_HAS(e, "\"nodemask\":\"(null)\"");
	XA_JSON_HAS(e, "\"cpuset\":\"/\"");
	XA_JSON_HAS(e, "\"mems-allowed\":\"0-1\"");
	XA_JSON_HAS(e, "\"gfp-mask\":4735008");
	XA_JSON_HAS(e, "\"showmem-suppressed\":1");
	/* another CPU's frames were interleaved: the caller is not certain */
	XA_JSON_HAS(e, "\"caller-certain\":false");
	t = xa_text(e);
	CHECK_HAS(t, "nodemask (null), cpuset /, mems_allowed 0-1");
	CHECK_HAS(t, "the Mem-Info of 1 reports was suppressed");
	free(t);
	md_xev_free(e);
}

/* 4.15: the cpuset line whole; 5.x-7.2: on the header line */
static void t_cpuset_same_line(void)
{
	static const char *const l[] = {
		/* corpus 17, 5.18.7 */
		"ksoftirqd/0: page allocation failure: order:0, mode:0x40a20(GFP_ATOMIC|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0",
		"CPU: 0 PID: 12 Comm: ksoftirqd/0 Not tainted 5.18.7-rc1-00013-g52b92343db13 #74",
		/* written from 6.12's format: a NUMA nodemask and a cgroup */
		"stress-ng: page allocation failure: order:2, mode:0x140cc0(GFP_USER|__GFP_COMP), nodemask=0-1,3,cpuset=system.slice,mems_allowed=0-3",
		/* corpus 06, 4.15: "COMM cpuset=NAME mems_allowed=X" */
		"syz-executor6: vmalloc: allocation failure: 8589934588 bytes, mode:0x14080c0(GFP_KERNEL|__GFP_ZERO), nodemask=(null)",
		"syz-executor6 cpuset=/ mems_allowed=0",
		"CPU: 1 PID: 30482 Comm: syz-executor6 Not tainted 4.15.0+ #221",
	};
	struct md_xev *e;

	xa_mklog(l, ARRAY_SIZE(l));
	e = xa_parse(0);
	CHECK(e != NULL);
	if (e) {
		CHECK(e->pid == 12);
		XA_JSON_HAS(e, "\"nodemask\":\"(null)\",\"cpuset\":\"/\",\"mems-allowed\":\"0\"");
	}
	md_xev_free(e);
	e = xa_parse(2);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->comm, "stress-ng");
		XA_JSON_HAS(e, "\"order\":2");
		XA_JSON_HAS(e, "\"nodemask\":\"0-1,3\",\"cpuset\":\"system.slice\",\"mems-allowed\":\"0-3\"");
	}
	md_xev_free(e);
	e = xa_parse(3);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->kind, "vmalloc-failure");
		CHECK(e->pid == 30482);
		XA_JSON_HAS(e, "\"size-bytes\":8589934588");
		XA_JSON_HAS(e, "\"gfp-mask\":21004480");
		XA_JSON_HAS(e, "\"cpuset\":\"/\",\"mems-allowed\":\"0\"");
		XA_JSON_HAS(e, "\"vmalloc-step\":\"size-or-range\"");
		CHECK_STR(e->verdict, "unknown");
		CHECK_STR(e->what, "vmalloc of 8589934588 bytes failed in syz-executor6 (size or address range)");
	}
	md_xev_free(e);
}

/* 4.9-4.11 printed "%s: " apart: the name on a line of its own */
static void t_kcont_comm(void)
{
	static const char *const l[] = {
		"syz-executor3: ",
		"page allocation failure: order:1, mode:0x24000c0(GFP_KERNEL)",
	};
	struct md_xev *e;

	xa_mklog(l, 2);
	CHECK(xa_parse(0) == NULL);
	e = xa_parse(1);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->comm, "syz-executor3");
		CHECK(e->first == 0);
	}
	md_xev_free(e);
}

/* 4.4: "vmalloc: allocation failure: N bytes" then an order-0 page line */
static void t_vmalloc_44(void)
{
	static const char *const l[] = {
		/* corpus 05, 4.4.114+, lines 66-67 and 94 */
		"vmalloc: allocation failure: 17178820608 bytes",
		"syz-executor7: page allocation failure: order:0, mode:0x24000c2",
		"Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011",
		"CPU: 1 PID: 12430 Comm: syz-executor7 Not tainted 4.4.114+ #249",
		"Call Trace:",
		" [<ffffffff81cac64d>] dump_stack+0xc1/0x124",
		" [<ffffffff81400659>] warn_alloc_failed+0x1c9/0x240",
		" [<ffffffff814aa5cb>] __vmalloc_node_range+0x56b/0x6f0",
		" [<ffffffff814aa820>] vmalloc+0x60/0x70",
		" [<ffffffff82434c76>] xt_alloc_entry_offsets+0x46/0x60",
	};
	struct md_xev *e;

	xa_mklog(l, ARRAY_SIZE(l));
	/* the vmalloc line starts no event of its own: its header reads it */
	CHECK(xa_parse(0) == NULL);
	e = xa_parse(1);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(e->kind, "vmalloc-failure");
	CHECK(e->first == 0);
	CHECK(e->pid == 12430);
	CHECK_STR(e->comm, "syz-executor7");
	CHECK_STR(e->what, "vmalloc of 17178820608 bytes failed in syz-executor7 (size or address range)");
	XA_JSON_HAS(e, "\"order\":0");
	XA_JSON_HAS(e, "\"size-bytes\":17178820608");
	XA_JSON_HAS(e, "\"gfp-mask\":37748930");
	XA_JSON_HAS(e, "\"caller\":\"xt_alloc_entry_offsets\"");
	/* no Mem-Info: the size is not set against a RAM it did not read */
	CHECK_STR(e->verdict, "unknown");
	md_xev_free(e);
	/* alone (cut after it): an event of its own, no verdict */
	xa_mklog(l, 1);
	e = xa_parse(0);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->kind, "vmalloc-failure");
		CHECK(e->comm == NULL);
		CHECK_STR(e->verdict, "unknown");
	}
	md_xev_free(e);
}

/* 5.13-7.2 wordings (mm/vmalloc.c) and the vmalloc address space */
static void t_vmalloc_new(void)
{
	static const char *const l[] = {
		/* 5.13: "vmalloc size %lu allocation failure: page order %u allocation failed" */
		"qemu-kvm: vmalloc size 2097152 allocation failure: page order 9 allocation failed, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0",
		/* 6.1: "vmalloc error: size %lu, page order %u, failed to allocate pages" */
		"modprobe: vmalloc error: size 40960, page order 0, failed to allocate pages, mode:0xdc2(GFP_KERNEL|__GFP_HIGHMEM|__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0",
		/* 6.12/7.2: "vmalloc error: size %lu, exceeds total pages" */
		"a.out: vmalloc error: size 17179869184, exceeds total pages, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0",
		/* 7.2: the address range, then "vm_struct allocation failed" */
		"vmalloc_node_range for size 8192 failed: Address range restricted to 0xffffc90000000000 - 0xffffe8ffffffffff",
		"insmod: vmalloc error: size 8192, vm_struct allocation failed, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0",
		/* 6.12: "failed to map pages" */
		"fio: vmalloc error: size 65536, failed to map pages, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0",
	};
	struct md_xev *e;

	xa_mklog(l, ARRAY_SIZE(l));
	e = xa_parse(0);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->kind, "vmalloc-failure");
		XA_JSON_HAS(e, "\"vmalloc-step\":\"pages\"");
		XA_JSON_HAS(e, "\"vmalloc-allocated\":2097152");
		XA_JSON_HAS(e, "\"vmalloc-page-order\":9");
		CHECK_STR(e->what, "vmalloc failed in qemu-kvm after 2097152 bytes (order-9 pages)");
	}
	md_xev_free(e);
	e = xa_parse(1);
	CHECK(e != NULL);
	if (e) {
		XA_JSON_HAS(e, "\"vmalloc-allocated\":40960");
		XA_JSON_HAS(e, "\"gfp-mask\":3522");
		XA_JSON_HAS(e, "\"size-bytes\":null");
		CHECK_STR(e->verdict, "unknown");
	}
	md_xev_free(e);
	e = xa_parse(2);
	CHECK(e != NULL);
	if (e) {
		/* the kernel's own check: no Mem-Info needed */
		CHECK_STR(e->verdict, "larger than all memory");
		CHECK_HAS(e->why, "exceeds total pages");
		XA_JSON_HAS(e, "\"size-bytes\":17179869184");
	}
	md_xev_free(e);
	/* the range line belongs to the report after it */
	CHECK(xa_parse(3) == NULL);
	e = xa_parse(4);
	CHECK(e != NULL);
	if (e) {
		CHECK(e->first == 3);
		CHECK_STR(e->verdict, "vmalloc space exhausted");
		XA_JSON_HAS(e, "\"vmap-failed-size\":8192");
		XA_JSON_HAS(e, "\"vmalloc-step\":\"vm-struct\"");
	}
	md_xev_free(e);
	e = xa_parse(5);
	CHECK(e != NULL);
	if (e)
		XA_JSON_HAS(e, "\"vmalloc-step\":\"map\"");
	md_xev_free(e);
	/* "vmap allocation for size" alone (5.10): an event of its own */
	xa_mklog((const char *const[]){
		"vmap allocation for size 1052672 failed: use vmalloc=<size> to increase size" }, 1);
	e = xa_parse(0);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->verdict, "vmalloc space exhausted");
		CHECK_HAS(e->why, "1052672 bytes");
		CHECK_HAS(e->advice, "vmalloc=");
	}
	md_xev_free(e);
}

/* 4.9-4.14: "page allocation stalls for %ums, order:%u, mode:..." */
static void t_stall(void)
{
	static const char *const l[] = {
		"warn_alloc: 7 callbacks suppressed",
		"kworker/u16:3: page allocation stalls for 10036ms, order:0, mode:0x14200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null)",
		"kworker/u16:3 cpuset=/ mems_allowed=0",
		"CPU: 2 PID: 4242 Comm: kworker/u16:3 Not tainted 4.13.0 #1",
	};
	struct md_xev *e;

	xa_mklog(l, ARRAY_SIZE(l));
	CHECK(xa_parse(0) == NULL);
	e = xa_parse(1);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(e->kind, "alloc-stall");
	CHECK(e->pid == 4242);
	CHECK_STR(e->verdict, "stall");
	CHECK_HAS(e->why, "waited 10036 ms in reclaim/compaction");
	CHECK_HAS(e->what, "order-0 GFP_HIGHUSER_MOVABLE allocation stalled 10036 ms in kworker/u16:3");
	XA_JSON_HAS(e, "\"stall-ms\":10036");
	XA_JSON_HAS(e, "\"suppressed\":7");
	XA_JSON_HAS(e, "\"gfp-mask\":21102794");
	md_xev_free(e);
}

/* A full 6.1 report from corpus 31 (its header line is not in the excerpt:
 * written here from 6.1's warn_alloc format; the mask is GFP_KERNEL|
 * __GFP_COMP as kmalloc_large() passes it, order 5 assumed). */
static void t_full_61(void)
{
	static const char *const l[] = {
		"kworker/0:1: page allocation failure: order:5, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0",
		"CPU: 0 PID: 34 Comm: kworker/0:1 Tainted: G         C         6.1.66-2-rpi-ARCH #1",
		"Hardware name: BCM2711",
		"Workqueue: events request_firmware_work_func",
		" unwind_backtrace from show_stack+0x18/0x1c",
		" show_stack from dump_stack_lvl+0x90/0xac",
		" dump_stack_lvl from warn_alloc+0x110/0x19c",
		" warn_alloc from __alloc_pages+0xe9c/0xfe8",
		" __alloc_pages from __kmalloc_large_node+0x70/0x14c",
		" __kmalloc_large_node from kmalloc_large+0x24/0xcc",
		" kmalloc_large from brcmf_fws_attach+0x38/0x39c [brcmfmac]",
		" brcmf_fws_attach [brcmfmac] from brcmf_proto_bcdc_init_done+0x18/0x30 [brcmfmac]",
		" brcmf_proto_bcdc_init_done [brcmfmac] from brcmf_attach+0x15c/0x4e8 [brcmfmac]",
		" worker_thread from kthread+0xd8/0xf4",
	};
	struct md_xev *e;

	xa_mklog(l, ARRAY_SIZE(l));
	e = xa_parse(0);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK(e->pid == 34);
	CHECK_STR(e->kver_str, "6.1.66-2-rpi-ARCH #1");
	XA_JSON_HAS(e, "\"caller\":\"brcmf_fws_attach [brcmfmac]\"");
	XA_JSON_HAS(e, "\"caller-certain\":true");
	XA_JSON_HAS(e, "\"gfp-mask\":265408");
	CHECK_STR(e->verdict, "unknown");
	md_xev_free(e);
}

/*
 * arm64, Debian 6.1 (CONFIG_CMA_SIZE_MBYTES=64), one 1 GiB DMA zone:
 * order-9 GFP_ATOMIC|__GFP_COMP, written from 6.1's __show_free_areas()
 * format. 55440 free pages, 16000 of them CMA; GFP_ATOMIC's mark is
 * 5632 - 2816 - 704 = 2112, 55440 - 511 - 16000 is above it; the order-9
 * and order-10 blocks are all CMA ("(C)"), which it may not take.
 */
static void t_arm64_cma(void)
{
	static const char *l[] = {
		"kworker/0:2: page allocation failure: order:9, mode:0x40a20(GFP_ATOMIC|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0",
		"CPU: 0 PID: 58 Comm: kworker/0:2 Not tainted 6.1.0-57-arm64 #1  Debian 6.1.158-1",
		"Hardware name: linux,dummy-virt (DT)",
		"Call trace:",
		" dump_backtrace+0xe4/0x140",
		" show_stack+0x20/0x30",
		" dump_stack_lvl+0x64/0x80",
		" dump_stack+0x18/0x34",
		" warn_alloc+0x124/0x1a0",
		" __alloc_pages_slowpath.constprop.0+0xb2c/0xbd0",
		" __alloc_pages+0x2f0/0x330",
		" virtqueue_add_inbuf+0x40/0x60 [virtio_ring]",
		"Mem-Info:",
		"active_anon:1010 inactive_anon:21033 isolated_anon:0",
		" active_file:40010 inactive_file:80123 isolated_file:0",
		" unevictable:0 dirty:12 writeback:0",
		" slab_reclaimable:5012 slab_unreclaimable:7021",
		" mapped:9000 shmem:200 pagetables:300",
		" sec_pagetables:0 bounce:0",
		" kernel_misc_reclaimable:0",
		" free:55440 free_pcp:275 free_cma:16000",
		"Node 0 active_anon:4040kB inactive_anon:84132kB active_file:160040kB inactive_file:320492kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:36000kB dirty:48kB writeback:0kB shmem:800kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB writeback_tmp:0kB kernel_stack:2048kB shadow_call_stack:512kB pagetables:1200kB sec_pagetables:0kB all_unreclaimable? no",
		"Node 0 DMA free:221760kB boost:0kB min:22528kB low:28160kB high:33792kB reserved_highatomic:0KB active_anon:4040kB inactive_anon:84132kB active_file:160040kB inactive_file:320492kB unevictable:0kB writepending:48kB present:1048576kB managed:1002024kB mlocked:0kB bounce:0kB free_pcp:1100kB local_pcp:500kB free_cma:64000kB",
		"lowmem_reserve[]: 0 0 0 0 0",
		"Node 0 DMA: 1200*4kB (UME) 800*8kB (UME) 600*16kB (UME) 400*32kB (UME) 300*64kB (UME) 200*128kB (UM) 100*256kB (UM) 50*512kB (M) 30*1024kB (M) 10*2048kB (C) 10*4096kB (C) = 221760kB",
		"120333 total pagecache pages",
	};
	static const char buddy_plain[] =
		"Node 0 DMA: 1200*4kB 800*8kB 600*16kB 400*32kB 300*64kB 200*128kB 100*256kB 50*512kB 30*1024kB 10*2048kB 10*4096kB = 221760kB";
	const char *saved = l[ARRAY_SIZE(l) - 2];
	struct md_xev *e;
	char *t;

	xa_mklog(l, ARRAY_SIZE(l));
	e = xa_parse(0);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(e->verdict, "fragmentation");
	CHECK_HAS(e->why, "the free high-order blocks are CMA ones, which only movable allocations can use");
	CHECK_HAS(e->why, "Node 0 DMA: free 55440 (39440 it may count) > need 2112 (min 5632 cut to 2112 + lowmem_reserve 0)");
	CHECK_HAS(e->why, "free CMA 16000");
	CHECK_HAS(e->advice, "cma=");
	t = xa_text(e);
	CHECK_HAS(t, "free CMA 16000");
	free(t);
	XA_JSON_HAS(e, "\"free-cma\":16000");
	md_xev_free(e);

	/* A buddy line without letters: the 15360 pages may all be CMA. */
	l[ARRAY_SIZE(l) - 2] = buddy_plain;
	xa_mklog(l, ARRAY_SIZE(l));
	l[ARRAY_SIZE(l) - 2] = saved;
	e = xa_parse(0);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK_STR(e->verdict, "fragmentation");
	CHECK_HAS(e->why, "the free high-order blocks may all be CMA, which only movable allocations can use");
	md_xev_free(e);
}

/* Mem-Info cut in the middle of the buddy lines: order 3 with every zone
 * above its watermark can only be decided from the buddy line that was
 * cut, so no verdict (written from 5.10's show_free_areas format). */
static void t_cut_buddy(void)
{
	static const char *const l[] = {
		"kworker/1:2: page allocation failure: order:3, mode:0x40a20(GFP_ATOMIC|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0",
		"CPU: 1 PID: 77 Comm: kworker/1:2 Not tainted 5.10.0-46-amd64 #1 Debian 5.10.237-1",
		"Call Trace:",
		" dump_stack+0x6b/0x83",
		" warn_alloc.cold+0x7b/0xdf",
		" __alloc_pages_slowpath.constprop.0+0xd2e/0xd60",
		" __alloc_pages_nodemask+0x2e6/0x310",
		" e1000_alloc_rx_buffers+0x1a2/0x2c0 [e1000]",
		"Mem-Info:",
		"active_anon:1010 inactive_anon:21033 isolated_anon:0",
		" active_file:40010 inactive_file:80123 isolated_file:0",
		" unevictable:0 dirty:12 writeback:0",
		" slab_reclaimable:5012 slab_unreclaimable:7021",
		" mapped:9000 shmem:200 pagetables:300 bounce:0",
		" free:150000 free_pcp:300 free_cma:0",
		"Node 0 DMA32 free:600000kB min:2000kB low:2500kB high:3000kB reserved_highatomic:0KB active_anon:4040kB inactive_anon:84132kB active_file:160040kB inactive_file:320492kB unevictable:0kB writepending:48kB present:2080640kB managed:2015104kB mlocked:0kB pagetables:1200kB bounce:0kB free_pcp:1200kB local_pcp:600kB free_cma:0kB",
		"lowmem_reserve[]: 0 0 0 0",
		"Node 0 DMA32: 150000*4kB (UME) 0*8kB 0*16kB ",
	};
	struct md_xev *e;

	xa_mklog(l, ARRAY_SIZE(l));
	e = xa_parse(0);
	CHECK(e != NULL);
	if (!e)
		return;
	CHECK(e->pid == 77);
	CHECK_STR(e->verdict, "unknown");
	XA_JSON_HAS(e, "\"caller\":\"e1000_alloc_rx_buffers [e1000]\"");
	md_xev_free(e);
	/* and cut right after the header: Mem-Info was not in the log */
	xa_mklog(l, 1);
	e = xa_parse(0);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->verdict, "unknown");
		CHECK_HAS(e->why, "Mem-Info was not in the log");
		CHECK_HAS(e->unread, "dump_stack line");
		XA_JSON_HAS(e, "\"zones\":null");
		XA_JSON_HAS(e, "\"meminfo\":null");
	}
	md_xev_free(e);
}

/* Garbage: no crash, no number or verdict made from it. */
static void t_hostile(void)
{
	static char big[10100];
	static const char *const l[] = {
		"x: page allocation failure: order:4294967295, mode:0xffffffffff",
		": page allocation failure: order:0, mode:0x20",
		"page allocation failure: order:",
		"y: page allocation failure: order:99999999999999999999999999, mode:0x",
		"z: page allocation failure: order:-3, mode:0x20",
		big,
		"w: page allocation failure: order:2, mode:0x40a20(GFP_ATOMIC|",
		"page allocation stalls for ms, order:0",
		"vmalloc error: size , failed to map pages",
	};
	struct md_xev *e;
	size_t i;

	memset(big, 'a', 10000);
	strcpy(big + 10000, ": page allocation failure: order:1, mode:0x20");
	xa_mklog(l, ARRAY_SIZE(l));
	e = xa_parse(0);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->verdict, "unknown");
		CHECK_HAS(e->why, "not a possible allocation order");
		CHECK_HAS(e->unread, "wider than a gfp mask");
		XA_JSON_HAS(e, "\"order\":null");
		XA_JSON_HAS(e, "\"gfp-mask\":null");
	}
	md_xev_free(e);
	e = xa_parse(1);
	CHECK(e != NULL);
	if (e)
		CHECK(e->comm == NULL);
	md_xev_free(e);
	CHECK(xa_parse(2) == NULL);
	e = xa_parse(3);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->verdict, "unknown");
		XA_JSON_HAS(e, "\"order\":null");
		XA_JSON_HAS(e, "\"gfp-mask\":null");
	}
	md_xev_free(e);
	e = xa_parse(4);
	CHECK(e != NULL);
	if (e)
		CHECK_STR(e->verdict, "unknown");
	md_xev_free(e);
	e = xa_parse(5);
	CHECK(e != NULL);
	if (e) {
		CHECK(e->comm && strlen(e->comm) == 64);
		CHECK_HAS(e->unread, "not a task name");
	}
	md_xev_free(e);
	e = xa_parse(6);
	CHECK(e != NULL);
	if (e)
		CHECK_HAS(e->unread, "gfp names were cut");
	md_xev_free(e);
	CHECK(xa_parse(7) == NULL);
	/* every line, with every prefix cut off: never a crash */
	for (i = 0; i < ARRAY_SIZE(l); i++) {
		size_t n = strlen(l[i]), k;

		for (k = 0; k < n && k < 200; k++) {
			const char *one[] = { l[i] + k };

			xa_mklog(one, 1);
			md_xev_free(xa_parse(0));
		}
	}
}

/* The JSON keys the live test and the table read: stable names. */
static void t_json_shape(void)
{
	static const char *const l[] = {
		"a: page allocation failure: order:1, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0",
	};
	static const char *const keys[] = {
		"\"order\":", "\"size-bytes\":", "\"page-kb\":", "\"gfp-mask\":",
		"\"gfp-names\":", "\"gfp-source\":", "\"gfp-table\":",
		"\"gfp-readings\":", "\"allows\":", "\"nodemask\":", "\"cpuset\":",
		"\"mems-allowed\":", "\"caller\":", "\"caller-certain\":",
		"\"stall-ms\":", "\"suppressed\":", "\"showmem-suppressed\":",
		"\"vmalloc-step\":", "\"vmalloc-allocated\":",
		"\"vmalloc-page-order\":", "\"vmap-failed-size\":", "\"zones\":",
		"\"meminfo\":", "\"verdict-zones\":",
	};
	struct md_xev *e;
	char *js;
	size_t k;

	xa_mklog(l, 1);
	e = xa_parse(0);
	CHECK(e != NULL);
	if (!e)
		return;
	js = xa_json(e);
	for (k = 0; k < ARRAY_SIZE(keys); k++)
		CHECK_HAS_JSON(js, keys[k]);
	CHECK_HAS_JSON(js, "\"gfp-mask\":3264");
	free(js);
	md_xev_free(e);
}

void xu_alloc(void)
{
	run("alloc: 2.5 period form, syslogd repeats", t_period_form);
	run("alloc: 2.6 colon form, two CPUs", t_colon_form_two_cpus);
	run("alloc: %pGg form, CPU line of another name", t_pgg_form);
	run("alloc: nodemask, cpuset split by another CPU", t_nodemask_split_cpuset);
	run("alloc: cpuset/mems_allowed on one line", t_cpuset_same_line);
	run("alloc: 4.9 KERN_CONT task name", t_kcont_comm);
	run("alloc: vmalloc 4.4", t_vmalloc_44);
	run("alloc: vmalloc 5.13-7.2, address space", t_vmalloc_new);
	run("alloc: stall", t_stall);
	run("alloc: full 6.1 report (corpus 31)", t_full_61);
	run("alloc: arm64 6.1, free CMA pages, order-9 blocks all CMA", t_arm64_cma);
	run("alloc: cut in the buddy lines, cut after the header", t_cut_buddy);
	run("alloc: hostile input", t_hostile);
	run("alloc: JSON shape", t_json_shape);
}
