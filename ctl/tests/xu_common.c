// SPDX-License-Identifier: GPL-2.0
/* explain_common.c: the dump_stack() header line, the caller of a trace. */
#include "harness.h"
#include "xu.h"

#include "explain.h"

static void t_cpu_line(void)
{
	struct md_xcpu c;

	CHECK(md_x_cpu_line("CPU: 1 PID: 7437 Comm: rsyslogd Not tainted 4.19.60 #33", &c));
	CHECK(c.cpu == 1 && c.pid == 7437);
	CHECK_STR(c.comm, "rsyslogd");
	CHECK_STR(c.kver_str, "4.19.60 #33");
	CHECK(md_x_cpu_line("CPU: 21 PID: 0 Comm: swapper/21 Kdump: loaded Tainted: P           OE  ------------   3.10.0-1062.el7.x86_64 #1", &c));
	CHECK_STR(c.comm, "swapper/21");
	CHECK_STR(c.kver_str, "3.10.0-1062.el7.x86_64 #1");
	CHECK(md_x_cpu_line("CPU: 3 UID: 0 PID: 812 Comm: Web Content Tainted: G        W  O       6.12.57+deb13-amd64 #1 Debian 6.12.57-1", &c));
	CHECK(c.cpu == 3 && c.pid == 812);
	CHECK_STR(c.comm, "Web Content");
	CHECK_STR(c.kver_str, "6.12.57+deb13-amd64 #1 Debian 6.12.57-1");
	CHECK(md_x_cpu_line("Pid: 23105, comm: apt-check Tainted: G    B   W  2.6.30 #11", &c));
	CHECK(c.cpu == -1 && c.pid == 23105);
	CHECK_STR(c.comm, "apt-check");
	CHECK_STR(c.kver_str, "2.6.30 #11");
	/* cut after the name: the version is not guessed */
	CHECK(md_x_cpu_line("CPU: 0 PID: 56 Comm: kworker/u8:2 Tainted: P           O", &c));
	CHECK_STR(c.kver_str, "");
	CHECK(c.kver == 0);
	CHECK(!md_x_cpu_line("CPU: x PID: 1 Comm: a", &c));
	CHECK(!md_x_cpu_line("PID: Comm:", &c));
	CHECK(!md_x_cpu_line("", &c));
}

static void t_caller(void)
{
	static char *lines[] = {
		"kworker/0:1: page allocation failure: order:3, mode:0x40a20(GFP_ATOMIC|__GFP_COMP), nodemask=(null)",
		"CPU: 0 PID: 34 Comm: kworker/0:1 Tainted: G         C         6.1.66-2-rpi-ARCH #1",
		"Call trace:",
		" dump_backtrace+0xe4/0x140",
		" show_stack+0x20/0x30",
		" dump_stack_lvl+0x64/0x80",
		" warn_alloc+0x120/0x190",
		" __alloc_pages_slowpath.constprop.0+0x9c4/0xa10",
		" ? unrelated+0x1/0x2",
		" __alloc_pages+0x2ac/0x2f0",
		" brcmf_sdio_readframes+0x45c/0x890 [brcmfmac]",
		" process_one_work+0x1f4/0x490",
		"Mem-Info:",
	};
	struct md_kline kl[ARRAY_SIZE(lines)] = { 0 };
	struct md_klog log = { .lines = kl, .n = ARRAY_SIZE(lines) };
	char *c;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lines); i++)
		kl[i].text = lines[i];
	c = md_x_caller(&log, 0, 20);
	CHECK_STR(c, "brcmf_sdio_readframes [brcmfmac]");
	free(c);
	/* a trace cut before its caller: none, not a guess */
	log.n = 9;
	c = md_x_caller(&log, 0, 20);
	CHECK(c == NULL);
	free(c);
	/* old x86 and ARM frames */
	lines[3] = "[<c0013f54>] (unwind_backtrace+0x0/0xf0) from [<c00a1f64>] (warn_alloc_failed+0xd0/0x11c)";
	lines[4] = "[<c00a1f64>] (warn_alloc_failed+0xd0/0x11c) from [<c00a3d8c>] (__alloc_pages_nodemask+0x5bc/0x6b4)";
	lines[5] = "[<c00a3d8c>] (__alloc_pages_nodemask+0x5bc/0x6b4) from [<bf01e4c8>] (mv_xor_alloc+0x24/0x50 [mv_xor])";
	lines[6] = "[<bf01e4c8>] (mv_xor_alloc+0x24/0x50 [mv_xor]) from ...";
	for (i = 0; i < ARRAY_SIZE(lines); i++)
		kl[i].text = lines[i];
	log.n = 8;
	c = md_x_caller(&log, 0, 20);
	CHECK_STR(c, "mv_xor_alloc [mv_xor]");
	free(c);
	/* ARM 4.x: each frame's own function first, without an offset */
	lines[3] = "[<c000d20c>] (show_stack) from [<c009bf44>] (warn_alloc_failed+0xdc/0x124)";
	lines[4] = "[<c009bf44>] (warn_alloc_failed) from [<c009e194>] (__alloc_pages_nodemask+0x178/0x860)";
	lines[5] = "[<c009e194>] (__alloc_pages_nodemask) from [<c009ea7c>] (__alloc_page_frag+0x160/0x194)";
	lines[6] = "[<bf17c574>] (_rtl_rx_completed [rtl_usb]) from [<c03f08c8>] (__usb_hcd_giveback_urb+0x70/0x108)";
	for (i = 0; i < ARRAY_SIZE(lines); i++)
		kl[i].text = lines[i];
	c = md_x_caller(&log, 0, 20);
	CHECK_STR(c, "_rtl_rx_completed [rtl_usb]");
	free(c);
	/* ARM 6.x: "func from caller+off/len" */
	lines[3] = " unwind_backtrace from show_stack+0x18/0x1c";
	lines[4] = " show_stack from dump_stack_lvl+0x40/0x4c";
	lines[5] = " dump_stack_lvl from warn_alloc+0xd4/0x168";
	lines[6] = " warn_alloc from __alloc_pages+0xa24/0xc30";
	lines[7] = " __alloc_pages from kmalloc_large+0x30/0xa0";
	for (i = 0; i < ARRAY_SIZE(lines); i++)
		kl[i].text = lines[i];
	log.n = 13;
	lines[8] = " kmalloc_large from brcmf_fw_alloc_request+0x40/0x1f8 [brcmfmac]";
	lines[9] = " brcmf_fw_alloc_request [brcmfmac] from brcmf_fw_get_firmwares+0x28/0x8c [brcmfmac]";
	for (i = 0; i < ARRAY_SIZE(lines); i++)
		kl[i].text = lines[i];
	c = md_x_caller(&log, 0, 20);
	CHECK_STR(c, "brcmf_fw_alloc_request [brcmfmac]");
	free(c);
}

void xu_common(void)
{
	run("explain: the dump_stack() CPU/PID/Comm line, every layout", t_cpu_line);
	run("explain: the caller from a call trace", t_caller);
}
