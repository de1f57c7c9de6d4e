// SPDX-License-Identifier: GPL-2.0
/*
 * klog: every input shape klog.h takes, from lines of real logs (the corpus)
 * or written from the printers' formats (printk's "[%5lu.%06lu] ", the
 * "[%6s]" caller id, /dev/kmsg's "%u,%llu,%llu,%c;", util-linux dmesg's
 * -T/-x/-d/reltime/iso, journalctl's short*, json and syslog daemons').
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "xu.h"
#include "../klog.h"

static struct md_klog lg;

/* Read @len bytes of @text as a stream named "t" into lg (freed first). */
static int rd(const char *text, size_t len)
{
	FILE *f;
	int r;

	md_klog_free(&lg);
	f = fmemopen((void *)text, len ? len : 1, "r");
	if (!f)
		return -errno;
	if (!len)
		getc(f);
	r = md_klog_add_stream(&lg, f, "t");
	fclose(f);
	return r;
}

#define RD(s) rd((s), sizeof(s) - 1)
#define T(i) ((i) < lg.n ? lg.lines[i].text : NULL)

static void t_plain(void)
{
	CHECK(RD("memorymonster invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0\n"
		 " ffff88072ae10800 ffff8807a4835c48 ffffffff81720bf6 ffff8807a8e86000\n"
		 "[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name\n"
		 "[13536]     0 13536     1125      269       7        0             0 memorymonster\n"
		 "Memory cgroup out of memory: Kill process 13536 (memorymonster) score 996 or sacrifice child") == 0);
	CHECK(lg.n == 5);
	CHECK_STR(T(0), "memorymonster invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0");
	CHECK_STR(T(1), " ffff88072ae10800 ffff8807a4835c48 ffffffff81720bf6 ffff8807a8e86000");
	/* a task table row is not a timestamp: printk's has a fraction */
	CHECK_STR(T(3), "[13536]     0 13536     1125      269       7        0             0 memorymonster");
	CHECK(lg.lines[3].uptime == -1);
	CHECK(lg.lines[4].lineno == 5);
	CHECK(lg.lines[0].level == -1 && !lg.lines[0].stamp && !lg.lines[0].host);
	CHECK(lg.nfiles == 1 && !strcmp(lg.files[0], "t"));
	CHECK(lg.skipped == 0);
}

static void t_dmesg(void)
{
	CHECK(RD("[    0.000000] Linux version 6.12.0 (gcc 14)\n"
		 "[ 3024.984452]  ____cache_alloc_node+0x1be/0x1e0\n"
		 "[61034.275933] Out of memory: Kill process 26794 (bash) score 0\n"
		 "[1656721.428793] khubd: page allocation failure: order:5, mode:0x20\n"
		 "[ 2161.637947] \n") == 0);
	CHECK(lg.n == 5);
	CHECK_STR(T(0), "Linux version 6.12.0 (gcc 14)");
	CHECK(lg.lines[0].uptime == 0);
	CHECK_STR(T(1), " ____cache_alloc_node+0x1be/0x1e0");
	CHECK(lg.lines[1].uptime > 3024.984451 && lg.lines[1].uptime < 3024.984453);
	CHECK(lg.lines[3].uptime > 1656721.428 && lg.lines[3].uptime < 1656721.429);
	CHECK_STR(T(4), "");
	CHECK(!lg.lines[0].stamp);
}

static void t_caller(void)
{
	/* printk "[%5lu.%06lu]" then "[%6s]" (CONFIG_PRINTK_CALLER) */
	CHECK(RD("[    0.000000][    T0] Linux version 6.12.0\n"
		 "[   12.345678][     C1] rcu: INFO: rcu_sched self-detected stall\n"
		 "[   12.345679] [  T123] util-linux spacing\n"
		 "<4>[   13.000000][  T456] swapper/0: page allocation failure: order:5\n") == 0);
	CHECK(lg.n == 4);
	CHECK_STR(T(0), "Linux version 6.12.0");
	CHECK(lg.lines[0].caller == 'T' && lg.lines[0].caller_id == 0);
	CHECK(lg.lines[1].caller == 'C' && lg.lines[1].caller_id == 1);
	CHECK_STR(T(1), "rcu: INFO: rcu_sched self-detected stall");
	CHECK(lg.lines[2].caller == 'T' && lg.lines[2].caller_id == 123);
	CHECK_STR(T(2), "util-linux spacing");
	CHECK(lg.lines[3].caller == 'T' && lg.lines[3].caller_id == 456);
	CHECK(lg.lines[3].level == 4);
	CHECK_STR(T(3), "swapper/0: page allocation failure: order:5");
}

static void t_dmesg_forms(void)
{
	CHECK(RD("[Sun Dec  6 11:27:53 2026] gmain invoked oom-killer: gfp_mask=0x140cca\n"
		 "[mer. d\xc3\xa9" "c. 17 11:32:14 2025] Mem-Info:\n"
		 "<4>[   12.345678] raw level\n"
		 "<6>no timestamp\n"
		 "<12>[   12.5] facility 1 level 4\n"
		 "kern  :warn  : [   13.000001] decoded\n"
		 "kern  :info  : no stamp decoded\n"
		 "[Dec 6 11:27] reltime head\n"
		 "[  +0.002367] CPU: 0 PID: 34 Comm: kworker/0:1\n"
		 "[ 1234.567890 <    0.000123>] delta form\n"
		 "[Sun Dec  6 11:27:53 2026 <    0.000123>] ctime delta\n"
		 "2026-12-06T11:27:53,123456+00:00 dmesg iso\n") == 0);
	CHECK(lg.n == 12);
	CHECK_STR(T(0), "gmain invoked oom-killer: gfp_mask=0x140cca");
	CHECK_STR(lg.lines[0].stamp, "Sun Dec  6 11:27:53 2026");
	CHECK(lg.lines[0].uptime == -1);
	CHECK_STR(T(1), "Mem-Info:");
	CHECK_STR(lg.lines[1].stamp, "mer. d\xc3\xa9" "c. 17 11:32:14 2025");
	CHECK_STR(T(2), "raw level");
	CHECK(lg.lines[2].level == 4);
	CHECK_STR(T(3), "no timestamp");
	CHECK(lg.lines[3].level == 6 && lg.lines[3].uptime == -1);
	CHECK(lg.lines[4].level == 4);
	CHECK_STR(T(5), "decoded");
	CHECK(lg.lines[5].level == 4 && lg.lines[5].uptime > 13);
	CHECK_STR(T(6), "no stamp decoded");
	CHECK(lg.lines[6].level == 6);
	CHECK_STR(lg.lines[7].stamp, "Dec 6 11:27");
	CHECK_STR(T(8), "CPU: 0 PID: 34 Comm: kworker/0:1");
	CHECK(lg.lines[8].uptime == -1 && !lg.lines[8].stamp);
	CHECK_STR(T(9), "delta form");
	CHECK(lg.lines[9].uptime > 1234.5 && lg.lines[9].uptime < 1234.6);
	CHECK_STR(lg.lines[10].stamp, "Sun Dec  6 11:27:53 2026");
	CHECK_STR(T(10), "ctime delta");
	CHECK_STR(T(11), "dmesg iso");
	CHECK_STR(lg.lines[11].stamp, "2026-12-06T11:27:53,123456+00:00");
}

static void t_kmsg(void)
{
	/* /dev/kmsg: "%u,%llu,%llu,%c[,caller=..];" then " KEY=value" lines */
	CHECK(RD("6,1234,5678901,-;usb 1-1: new high-speed USB device\n"
		 " SUBSYSTEM=usb\n"
		 " DEVICE=c189:1\n"
		 "4,1235,5678999,c,caller=T42;first\\x0asecond \\x5c end\n"
		 "12,1236,6000000,-;facility 1\n") == 0);
	CHECK(lg.n == 4);
	CHECK_STR(T(0), "usb 1-1: new high-speed USB device");
	CHECK(lg.lines[0].level == 6);
	CHECK(lg.lines[0].uptime > 5.6789 && lg.lines[0].uptime < 5.679);
	CHECK_STR(T(1), "first");
	CHECK_STR(T(2), "second \\ end");
	CHECK(lg.lines[1].caller == 'T' && lg.lines[1].caller_id == 42);
	CHECK(lg.lines[2].caller == 'T' && lg.lines[2].lineno == 4);
	CHECK(lg.lines[3].level == 4);
	CHECK(lg.skipped == 2);
}

static void t_journal(void)
{
	CHECK(RD("-- Logs begin at Sun 2026-12-06 10:00:00 UTC. --\n"
		 "Apr 01 16:27:01 sm21-r22.pun.seagate.com kernel: swapper/21: page allocation failure: order:0, mode:0x20\n"
		 "Apr 01 16:27:01 sm21-r22.pun.seagate.com kernel:  <IRQ>  [<ffffffffaf179262>] dump_stack+0x19/0x1b\n"
		 "Dec 06 11:27:53.123456 host kernel: short-precise\n"
		 "2026-12-06T11:27:53+0000 host kernel: short-iso\n"
		 "2026-12-06T11:27:53.123456+00:00 host kernel: short-iso-precise\n"
		 "Dec 06 11:27:54 host systemd[1]: Started foo.service.\n"
		 "-- Boot 8a7b6c --\n"
		 "[   12.000000] host kernel: short-monotonic\n") == 0);
	CHECK(lg.n == 6);
	CHECK_STR(T(0), "swapper/21: page allocation failure: order:0, mode:0x20");
	CHECK_STR(lg.lines[0].host, "sm21-r22.pun.seagate.com");
	CHECK_STR(lg.lines[0].stamp, "Apr 01 16:27:01");
	CHECK_STR(T(1), " <IRQ>  [<ffffffffaf179262>] dump_stack+0x19/0x1b");
	CHECK_STR(T(2), "short-precise");
	CHECK_STR(lg.lines[2].stamp, "Dec 06 11:27:53.123456");
	CHECK_STR(T(3), "short-iso");
	CHECK_STR(lg.lines[3].stamp, "2026-12-06T11:27:53+0000");
	CHECK_STR(lg.lines[3].host, "host");
	CHECK_STR(T(4), "short-iso-precise");
	CHECK_STR(T(5), "short-monotonic");
	CHECK(lg.lines[5].uptime == 12);
	CHECK_STR(lg.lines[5].host, "host");
	CHECK(lg.skipped == 3);
}

static void t_json(void)
{
	CHECK(RD("{\"MESSAGE\":\"page allocation failure\",\"__REALTIME_TIMESTAMP\":\"1796556473123456\","
		 "\"_HOSTNAME\":\"h1\",\"_SOURCE_MONOTONIC_TIMESTAMP\":\"12345678\",\"PRIORITY\":\"4\","
		 "\"_TRANSPORT\":\"kernel\"}\n"
		 "{\"MESSAGE\":[104,105,10,226,130,172],\"_TRANSPORT\":\"kernel\",\"PRIORITY\":\"6\"}\n"
		 "{\"MESSAGE\":\"from a user\",\"_TRANSPORT\":\"journal\"}\n"
		 "{\"MESSAGE\":null,\"_TRANSPORT\":\"kernel\"}\n"
		 "{\n"
		 "\t\"MESSAGE\" : \"pretty\",\n"
		 "\t\"_TRANSPORT\" : \"kernel\"\n"
		 "}\n"
		 "\x1e{\"MESSAGE\":\"seq\",\"_TRANSPORT\":\"kernel\"}\n"
		 "{\"MESSAGE\":\"broken\n"
		 "{ 1-...D } 2603 jiffies: not JSON\n") == 0);
	CHECK(lg.n == 6);
	CHECK_STR(T(0), "page allocation failure");
	CHECK_STR(lg.lines[0].host, "h1");
	CHECK(lg.lines[0].level == 4);
	CHECK(lg.lines[0].uptime > 12.345677 && lg.lines[0].uptime < 12.345679);
	CHECK_STR(lg.lines[0].stamp, "2026-12-06T11:27:53.123456+00:00");
	CHECK_STR(T(1), "hi");
	CHECK_STR(T(2), "\xe2\x82\xac");
	CHECK(lg.lines[2].level == 6);
	CHECK_STR(T(3), "pretty");
	CHECK(lg.lines[3].lineno == 5);
	CHECK_STR(T(4), "seq");
	CHECK_STR(T(5), "{ 1-...D } 2603 jiffies: not JSON");
}

static void t_syslog(void)
{
	/* corpus 15: syslogd 1.4.1 */
	CHECK(RD("May  6 06:54:24 alpha -- MARK --\n"
		 "May  6 07:11:28 alpha kernel: kswapd: page allocation failure. order:0, mode:0x20\n"
		 "May  6 07:11:28 alpha last message repeated 296 times\n"
		 "May  6 07:11:37 alpha kernel: x20\n"
		 "May  6 07:11:46 alpha exiting on signal 15\n"
		 "May  6 07:11:47 alpha last message repeated 2 times\n"
		 "May  6 07:13:35 alpha syslogd 1.4.1#10: restart.\n"
		 "Jun 18 07:44:52 jbarnes-g45 kernel: [64377.426677] apt-check invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0\n"
		 "May 18 14:56:06 kernel: swapper: page allocation failure. order:3, mode:0x4020\n"
		 "2026-12-06T11:27:53.123456+00:00 host kernel: [   12.345000] rfc3339\n"
		 "2026-12-06T11:27:54.000000+00:00 host kernel: message repeated 3 times: [ rfc3339]\n"
		 "<4>1 2026-12-06T11:27:55.1Z host kernel - - - rfc5424\n"
		 "<30>1 2026-12-06T11:27:55.2Z host systemd 1 - [a b=\"]\"] other\n"
		 "Dec  6 11:27:56 host sshd[812]: Accepted publickey\n") == 0);
	CHECK(lg.n == 6);
	CHECK_STR(T(0), "kswapd: page allocation failure. order:0, mode:0x20");
	CHECK(lg.lines[0].repeated == 296);
	CHECK_STR(lg.lines[0].host, "alpha");
	CHECK_STR(lg.lines[0].stamp, "May  6 07:11:28");
	CHECK_STR(T(1), "x20");
	/* after another program's line: not the kernel line's repeat */
	CHECK(lg.lines[1].repeated == 0);
	CHECK_STR(T(2), "apt-check invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0");
	CHECK(lg.lines[2].uptime > 64377.4266 && lg.lines[2].uptime < 64377.4267);
	CHECK_STR(T(3), "swapper: page allocation failure. order:3, mode:0x4020");
	CHECK(!lg.lines[3].host);
	CHECK_STR(T(4), "rfc3339");
	CHECK(lg.lines[4].repeated == 3);
	CHECK_STR(T(5), "rfc5424");
	CHECK(lg.lines[5].level == 4);
	CHECK_STR(lg.lines[5].host, "host");
	CHECK(lg.skipped == 8);
}

static void t_syslog_tagless(void)
{
	/* corpus 13: the "kernel:" tags taken off by the poster */
	CHECK(RD("Nov 12 17:32:21 sleepy Free pages:         268kB (0kB HighMem)\n"
		 "Nov 12 17:32:21 sleepy HighMem: empty\n"
		 "Nov 12 17:32:21 sleepy protections[]: 0 0 0\n"
		 "Nov 12 17:32:22 sleepy cron[99]: not the kernel\n") == 0);
	CHECK(lg.n == 3);
	CHECK_STR(T(0), "Free pages:         268kB (0kB HighMem)");
	CHECK_STR(T(1), "HighMem: empty");
	CHECK_STR(T(2), "protections[]: 0 0 0");
	CHECK_STR(lg.lines[2].host, "sleepy");
	CHECK(lg.skipped == 1);
}

static void t_noise(void)
{
	static const char in[] =
		"\x1b[0;31m[   12.000001] red\x1b[0m text\r\n"
		"[   12.000002] lone CR\r[   12.000003] next\n\r"
		"[   12.000004] nul\0byte \xff\xfe invalid\n"
		"[   12.000005] rcu: \t(detected by 1, t=10546 jiffies)\n"
		"[   12.000006] \x1b]0;title\x07" "bell\x07gone\n"
		"[   12.000007] no newline at the end";

	CHECK(rd(in, sizeof(in) - 1) == 0);
	CHECK(lg.n == 7);
	CHECK_STR(T(0), "red text");
	CHECK_STR(T(1), "lone CR");
	CHECK_STR(T(2), "next");
	CHECK_STR(T(3), "nul\xef\xbf\xbd" "byte \xff\xfe invalid");
	CHECK_STR(T(4), "rcu: \t(detected by 1, t=10546 jiffies)");
	CHECK_STR(T(5), "bellgone");
	CHECK_STR(T(6), "no newline at the end");
	CHECK(lg.lines[6].lineno == 7);
	CHECK(rd("", 0) == 0);
	CHECK(lg.n == 0);
}

static void t_quote(void)
{
	CHECK(RD("> [  273.864203] ksoftirqd/0: page allocation failure: order:0\n"
		 ">> [  273.876426] CPU: 0 PID: 12 Comm: ksoftirqd/0\n"
		 "> > [  273.884775] Hardware name: CZ.NIC Turris Mox Board (DT)\n"
		 ">\n"
		 "> plain quoted\n") == 0);
	CHECK(lg.n == 4);
	CHECK_STR(T(0), "ksoftirqd/0: page allocation failure: order:0");
	CHECK_STR(T(1), "CPU: 0 PID: 12 Comm: ksoftirqd/0");
	CHECK_STR(T(2), "Hardware name: CZ.NIC Turris Mox Board (DT)");
	CHECK_STR(T(3), "plain quoted");

	/* corpus 14: a whole block quoted with "| " */
	CHECK(RD("| cp: page allocation failure. order:0, mode:0x20\n"
		 "| Call Trace: [<000290a8>] __alloc_pages+0x230/0x250\n"
		 "|  [<00159e9b>] sine_data+0x1142/0x1d95\n"
		 "|  ...\n") == 0);
	CHECK(lg.n == 4);
	CHECK_STR(T(0), "cp: page allocation failure. order:0, mode:0x20");
	CHECK_STR(T(2), " [<00159e9b>] sine_data+0x1142/0x1d95");
	CHECK_STR(T(3), " ...");

	/* a '|' in a block that is not all quoted stays, unless a prefix follows */
	CHECK(RD("some tree:\n"
		 "| not a quote mark\n"
		 "| [   12.000000] a quoted kernel line\n") == 0);
	CHECK(lg.n == 3);
	CHECK_STR(T(1), "| not a quote mark");
	CHECK_STR(T(2), "a quoted kernel line");
	CHECK(lg.lines[2].uptime == 12);
}

static void t_indent(void)
{
	/* corpus 34 (markdown code block), corpus 21 (one space) */
	CHECK(RD("    Apr  7 20:31:21 bit kernel: [1656721.428793] khubd: page allocation failure: order:5, mode:0x20\n"
		 "    Apr  7 20:31:21 bit kernel: [1656721.435424] [<c00137c4>] (unwind_backtrace+0x0/0xe0)\n"
		 "\n"
		 " swapper/0: page allocation failure: order:5, mode:0xcc1(GFP_KERNEL|GFP_DMA)\n"
		 " Call Trace:\n"
		 "  dump_stack+0x7f/0xa1\n") == 0);
	CHECK(lg.n == 5);
	CHECK_STR(T(0), "khubd: page allocation failure: order:5, mode:0x20");
	CHECK_STR(lg.lines[0].host, "bit");
	CHECK_STR(T(2), "swapper/0: page allocation failure: order:5, mode:0xcc1(GFP_KERNEL|GFP_DMA)");
	CHECK_STR(T(3), "Call Trace:");
	CHECK_STR(T(4), " dump_stack+0x7f/0xa1");
	CHECK(lg.skipped == 1);
}

static void t_fold(void)
{
	/* corpus 22: Gmail ate the space at each fold */
	CHECK(RD("[  727.941258] kworker/u8:2 invoked oom-killer:\n"
		 "gfp_mask=0x15080c0(GFP_KERNEL_ACCOUNT|__GFP_ZERO), nodemask=(null),\n"
		 " order=1, oom_score_adj=0\n"
		 "[  727.977528] [<c020dbec>] (dump_backtrace) from [<c020ded4>]\n"
		 "(show_stack+0x18/0x1c)\n"
		 "[  728.127188] [<c0239a30>] (call_usermodehelper_exec_work) from\n"
		 "[<c023d088>] (process_one_work+0x154/0x518)\n"
		 "[  728.200000] HighMem: 4*4kB (C) 1335*64kB\n"
		 "(C) 514*128kB (C) 12*2048kB\n"
		 "0*16384kB = 548660kB\n") == 0);
	CHECK(lg.n == 4);
	CHECK_STR(T(0), "kworker/u8:2 invoked oom-killer: gfp_mask=0x15080c0(GFP_KERNEL_ACCOUNT|__GFP_ZERO), nodemask=(null), order=1, oom_score_adj=0");
	CHECK(lg.lines[0].folds == 2);
	CHECK_STR(T(1), "[<c020dbec>] (dump_backtrace) from [<c020ded4>] (show_stack+0x18/0x1c)");
	CHECK_STR(T(2), "[<c0239a30>] (call_usermodehelper_exec_work) from [<c023d088>] (process_one_work+0x154/0x518)");
	CHECK_STR(T(3), "HighMem: 4*4kB (C) 1335*64kB (C) 514*128kB (C) 12*2048kB 0*16384kB = 548660kB");

	/* corpus 13: a wrapper that kept spaces, and folds inside tokens */
	CHECK(RD("Nov 12 17:32:21 sleepy Active:7853 inactive:4921 dirty:0 writeback:0 \n"
		 "unstable:0\n"
		 "free:67 slab:1243 mapped:5773 pagetables:103\n"
		 "Nov 12 17:32:21 sleepy Normal free:208kB min:188kB low:376kB high:564kB \n"
		 "active:2\n"
		 "4976kB inactive:14060kB present:49144kB pages_scanned:19668 \n"
		 "all_unreclaimable? n\n"
		 "o\n"
		 "Nov 12 17:32:21 sleepy DMA: 4294944789*4kB 4294964727*8kB \n"
		 "4294966668*16kB 429496\n"
		 "7076*32kB 4294967238*64kB\n") == 0);
	CHECK(lg.n == 3);
	CHECK_STR(T(0), "Active:7853 inactive:4921 dirty:0 writeback:0 unstable:0 free:67 slab:1243 mapped:5773 pagetables:103");
	CHECK_STR(T(1), "Normal free:208kB min:188kB low:376kB high:564kB active:24976kB inactive:14060kB present:49144kB pages_scanned:19668 all_unreclaimable? no");
	CHECK_STR(T(2), "DMA: 4294944789*4kB 4294964727*8kB 4294966668*16kB 4294967076*32kB 4294967238*64kB");
	CHECK(lg.lines[1].lineno == 4 && lg.lines[1].folds == 4);

	/* corpus 27: a console's empty "[ ts] " then KERN_CONT lines */
	CHECK(RD("[ 2161.637947] \n"
		 "Call Trace:\n"
		 "[<802f63f2>] dump_stack+0x1e/0x3c\n"
		 "[ 2161.689204] Mem-Info:\n") == 0);
	CHECK(lg.n == 4);
	CHECK_STR(T(1), "Call Trace:");
	CHECK_STR(T(2), "[<802f63f2>] dump_stack+0x1e/0x3c");
	CHECK(lg.lines[2].uptime > 2161.6379 && lg.lines[2].uptime < 2161.638);

	/* corpus 26: dmesg indents a multi-line record to its prefix */
	CHECK(RD("[Wed Dec 17 11:32:14 2025] active_anon:593632 inactive_anon:280104\n"
		 "                            active_file:13 inactive_file:1\n") == 0);
	CHECK(lg.n == 2);
	CHECK_STR(T(1), " active_file:13 inactive_file:1");
	CHECK_STR(lg.lines[1].stamp, "Wed Dec 17 11:32:14 2025");

	/* no prefixes: no folds */
	CHECK(RD("Normal free:208kB min:188kB \nactive:2\n") == 0);
	CHECK(lg.n == 2);
}

static void t_next(void)
{
	size_t i;

	CHECK(RD("[   10.000000][  T100] a1\n"
		 "[   10.000001][  T200] b1\n"
		 "[   10.000002][  T100] a2\n"
		 "[   10.000003] no caller\n"
		 "[   10.000004][  T200] b2\n") == 0);
	CHECK(lg.n == 5);
	CHECK(md_klog_next(&lg, 0, &lg.lines[0]) == 2);
	CHECK(md_klog_next(&lg, 2, &lg.lines[0]) == 3);
	CHECK(md_klog_next(&lg, 3, &lg.lines[0]) == 5);
	CHECK(md_klog_next(&lg, 1, &lg.lines[1]) == 3);
	CHECK(md_klog_next(&lg, 4, &lg.lines[1]) == 5);
	CHECK(md_klog_next(&lg, 9, &lg.lines[1]) == 5);

	CHECK(RD("Dec  6 11:27:53 h1 kernel: a\n"
		 "Dec  6 11:27:53 h2 kernel: b\n"
		 "Dec  6 11:27:53 h1 kernel: c\n") == 0);
	CHECK(md_klog_next(&lg, 0, &lg.lines[0]) == 2);
	CHECK(md_klog_next(&lg, 1, &lg.lines[1]) == 3);

	/* another file's lines are not the same stream */
	i = lg.n;
	{
		FILE *f = fmemopen("Dec  6 11:27:54 h1 kernel: d\n", 29, "r");

		CHECK(f && md_klog_add_stream(&lg, f, "u") == 0);
		if (f)
			fclose(f);
	}
	CHECK(lg.n == i + 1 && lg.lines[i].file == 1);
	CHECK(md_klog_next(&lg, 2, &lg.lines[0]) == lg.n);
	CHECK(md_klog_next(&lg, i - 1, NULL) == i);
}

static void t_long(void)
{
	size_t n = 3 * MD_KLOG_LINE_MAX;
	char *big = malloc(n + 64);

	CHECK(big);
	if (!big)
		return;
	memset(big, 'x', n);
	memcpy(big, "[    1.000000] ", 15);
	strcpy(big + n, "\n[    2.000000] after\n");
	CHECK(rd(big, strlen(big)) == 0);
	CHECK(lg.n == 2);
	CHECK(lg.n == 2 && lg.lines[0].cut &&
	      strlen(lg.lines[0].text) == MD_KLOG_LINE_MAX - 15);
	CHECK_STR(T(1), "after");
	CHECK(lg.n == 2 && !lg.lines[1].cut);
	free(big);
}

static void t_parse(void)
{
	struct md_kline k;

	CHECK(md_kline_parse("> Jun 18 07:44:52 jbarnes-g45 kernel: [64377.426682] apt-check cpuset=/ mems_allowed=0",
			     &k) == 0);
	CHECK_STR(k.text, "apt-check cpuset=/ mems_allowed=0");
	CHECK_STR(k.host, "jbarnes-g45");
	CHECK(k.uptime > 64377.4 && k.uptime < 64377.5);
	md_kline_free(&k);
	CHECK(md_kline_parse("May  6 07:11:28 alpha last message repeated 296 times", &k) == 2);
	CHECK(k.repeated == 296);
	md_kline_free(&k);
	CHECK(md_kline_parse("May  6 06:54:24 alpha -- MARK --", &k) == 1);
	md_kline_free(&k);
	CHECK(md_kline_parse("Dec  6 11:27:56 host sshd[812]: Accepted publickey", &k) == 1);
	md_kline_free(&k);
	CHECK(md_kline_parse("[  +0.001780]  unwind_backtrace from show_stack+0x18/0x1c", &k) == 0);
	CHECK_STR(k.text, " unwind_backtrace from show_stack+0x18/0x1c");
	md_kline_free(&k);
	CHECK(md_kline_parse("[99999999999999999999999.123] huge", &k) == 0);
	CHECK_STR(k.text, "huge");
	CHECK(k.uptime >= 1.8e19);	/* saturated */
	md_kline_free(&k);
	CHECK(md_kline_parse("<99999999999>x", &k) == 0);
	md_kline_free(&k);
}

static void t_files(void)
{
	int r;

	md_klog_free(&lg);
	fprintf(stderr, "# (an error about a missing file follows: expected)\n");
	r = md_klog_add_file(&lg, "/nonexistent/klog-test.log");
	CHECK(r == -ENOENT);
	CHECK(lg.n == 0);
	r = md_klog_add_running(&lg);
	CHECK(r == 0 || r == -EPERM || r == -EACCES);
	if (!r) {
		CHECK(lg.nfiles == 1 && !strcmp(lg.files[0], "kernel"));
		CHECK(lg.n > 0);
	}
	md_klog_free(&lg);
}

/* One corpus file: its number of kernel lines. */
static bool rd_corpus(const char *prefix, size_t want)
{
	char path[4096];
	int r;

	md_klog_free(&lg);
	snprintf(path, sizeof(path), "%s/%s", xu_corpus_dir ? xu_corpus_dir : "tests/corpus",
		 prefix);
	r = md_klog_add_file(&lg, path);
	CHECK(r == 0);
	if (lg.n != want)
		printf("# %s: %zu lines, want %zu\n", prefix, lg.n, want);
	CHECK(lg.n == want);
	return !r && lg.n == want;
}

static void t_corpus(void)
{
	if (rd_corpus("05-alloc-vmalloc-4.4-syzbot-interleaved-kasan.log", 161)) {
		CHECK_STR(T(0), "==================================================================");
		CHECK(lg.lines[0].uptime > 81.17 && lg.lines[0].uptime < 81.18);
	}
	if (rd_corpus("06-alloc-vmalloc-4.15-syzbot-kcont-shredded.log", 433))
		CHECK_STR(T(0), "syz-executor6: vmalloc: allocation failure: 8589934588 bytes, mode:0x14080c0(GFP_KERNEL|__GFP_ZERO), nodemask=(null)");
	if (rd_corpus("07-alloc-atomic-4.19-syzbot-interleaved-rcu-stall.log", 387))
		CHECK_STR(T(1), "rcu: \t(detected by 1, t=10546 jiffies, g=301501, q=390)");
	if (rd_corpus("08-oom-memcg-v1-ubuntu-3.13-cadvisor.log", 31)) {
		CHECK_STR(T(0), "memorymonster invoked oom-killer: gfp_mask=0xd0, order=0, oom_score_adj=0");
		CHECK_PREFIX(T(4), " ffff88072ae10800 ");
	}
	if (rd_corpus("09-oom-global-ubuntu-3.13-gce-percpu.log", 81))
		CHECK_STR(T(1), "badsysprogram cpuset=/ mems_allowed=0");
	if (rd_corpus("10-oom-memcg-v1-gentoo-4.8-docker-twice.log", 97))
		CHECK_STR(T(0), "docker0: port 2(veth380a1cd) entered disabled state");
	if (rd_corpus("12-commit-vm-enough-memory-6.10-virtio-net-corruption.log", 80))
		CHECK_STR(T(0), "__vm_enough_memory: pid: 18440, comm: sshd, bytes: 5285790347661783040 not enough memory for the allocation");
	if (rd_corpus("13-oom-global-2.6.10-rc1-mm2-mailwrapped-underflow.log", 13)) {
		CHECK_STR(T(4), "Normal free:208kB min:188kB low:376kB high:564kB active:24976kB inactive:14060kB present:49144kB pages_scanned:19668 all_unreclaimable? no");
		CHECK_STR(T(9), "Normal: 4294803738*4kB 4294928464*8kB 4294957447*16kB 4294964898*32kB 4294966867*64kB 4294967050*128kB 4294967186*256kB 4294967246*512kB 4294967268*1024kB 4294967283*2048kB 4294967286*4096kB = 4293559128kB");
		CHECK_STR(T(12), "Out of Memory: Killed process 6806 (qmgr).");
		CHECK_STR(lg.lines[12].host, "sleepy");
	}
	if (rd_corpus("14-alloc-atomic-2.6.7-m68k-amiga-pipe-quoted.log", 22)) {
		CHECK_STR(T(0), "cp: page allocation failure. order:0, mode:0x20");
		CHECK_STR(T(21), " ...");
	}
	if (rd_corpus("15-alloc-atomic-2.5.13-alpha-syslog-repeated.log", 9)) {
		CHECK_STR(T(1), "kswapd: page allocation failure. order:0, mode:0x20");
		CHECK(lg.lines[1].repeated == 296);
		CHECK_STR(T(3), "ssh: page allocation failure. order:0, mode:0x20");
		CHECK(lg.lines[3].repeated == 314);
		CHECK(lg.lines[6].repeated == 73);
		CHECK_STR(T(8), "Kernel log daemon terminating.");
		CHECK(lg.skipped == 7);
	}
	if (rd_corpus("16-oom-global-2.6.30-x86_64-syslog-percpu.log", 46)) {
		CHECK_STR(T(4), " [<ffffffff810861fd>] ? cpuset_print_task_mems_allowed+0x8d/0xa0");
		CHECK_STR(lg.lines[4].host, "jbarnes-g45");
	}
	if (rd_corpus("17-alloc-atomic-5.18-arm64-bridge-fdb-flood-then-oom-panic.log", 61)) {
		CHECK_STR(T(3), "Call trace:");
		CHECK(lg.skipped == 1);
	}
	if (rd_corpus("19-swapoff-oom-3.12-x86_64-negative-free-swap.log", 75))
		CHECK_STR(T(5), "CPU: 2 PID: 27030 Comm: swapoff Not tainted 3.12.0+ #8 ");
	if (rd_corpus("21-alloc-boot-5.13-fc35-kdump-gfp-dma-no-dma-zone.log", 29)) {
		CHECK_STR(T(0), "DMA: preallocated 128 KiB GFP_KERNEL pool for atomic allocations");
		CHECK_STR(T(5), " dump_stack+0x7f/0xa1");
	}
	if (rd_corpus("22-oom-global-4.14-arm32-android-highmem-cma-mailwrapped.log", 62)) {
		CHECK_STR(T(0), "kworker/u8:2 invoked oom-killer: gfp_mask=0x15080c0(GFP_KERNEL_ACCOUNT|__GFP_ZERO), nodemask=(null), order=1, oom_score_adj=0");
		CHECK_STR(T(28), "[<c0239a30>] (call_usermodehelper_exec_work) from [<c023d088>] (process_one_work+0x154/0x518)");
	}
	if (rd_corpus("26-oom-global-rhel9.7-5.14-openstack-french-dmesg-T.log", 136)) {
		CHECK_STR(T(35), " active_file:13 inactive_file:1 isolated_file:0");
		CHECK_STR(lg.lines[35].stamp, "mer. d\xc3\xa9" "c. 17 11:32:14 2025");
	}
	if (rd_corpus("27-alloc-atomic-4.9-csky-order10-cma-unixse.log", 26)) {
		CHECK_STR(T(3), "Call Trace:");
		CHECK_STR(T(4), "[<802f63f2>] dump_stack+0x1e/0x3c");
	}
	if (rd_corpus("29-alloc-atomic-3.10-el7-two-cpus-interleaved-journal.log", 12))
		CHECK_STR(lg.lines[0].host, "sm21-r22.pun.seagate.com");
	if (rd_corpus("30-alloc-atomic-mips-wl500g-router-order3-no-hostname.log", 10)) {
		CHECK_STR(T(0), "swapper: page allocation failure. order:3, mode:0x4020");
		CHECK(!lg.lines[0].host);
	}
	if (rd_corpus("31-alloc-6.1-armv7-rpi4-brcmfmac-dmesg-reltime.log", 18))
		CHECK_STR(T(3), " unwind_backtrace from show_stack+0x18/0x1c");
	if (rd_corpus("33-alloc-atomic-4.3-armv5-imx28-archlinuxarm-rtl-usb.log", 13))
		CHECK_STR(T(0), "systemd-cgroups: page allocation failure: order:0, mode:0x20");
	if (rd_corpus("34-alloc-dma-3.2-armel-kirkwood-order5-indented.log", 8)) {
		CHECK_STR(T(3), "khubd: page allocation failure: order:5, mode:0x20");
		CHECK_STR(lg.lines[3].stamp, "Apr  7 20:31:21");
	}
	md_klog_free(&lg);
}

void xu_klog(void)
{
	run("klog: plain text, task table rows are not stamps", t_plain);
	run("klog: dmesg [seconds] stamps", t_dmesg);
	run("klog: [Tnnn]/[Cn] caller ids", t_caller);
	run("klog: dmesg -T, -r, -x, -d, reltime, iso", t_dmesg_forms);
	run("klog: /dev/kmsg records and dictionaries", t_kmsg);
	run("klog: journalctl short, precise, iso, monotonic", t_journal);
	run("klog: journalctl -o json (json-c)", t_json);
	run("klog: syslog files, repeats, other programs, RFC 3339/5424", t_syslog);
	run("klog: syslog without kernel: tags", t_syslog_tagless);
	run("klog: ANSI, CRLF, lone CR, NUL, invalid UTF-8", t_noise);
	run("klog: mail and forum quoting", t_quote);
	run("klog: common indentation", t_indent);
	run("klog: folded lines", t_fold);
	run("klog: md_klog_next streams", t_next);
	run("klog: a line over MD_KLOG_LINE_MAX is cut", t_long);
	run("klog: md_kline_parse", t_parse);
	run("klog: missing file, running kernel", t_files);
	run("klog: every corpus file's lines", t_corpus);
	md_klog_free(&lg);
}
