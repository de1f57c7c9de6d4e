// SPDX-License-Identifier: GPL-2.0
/*
 * Mem-Info layouts read back (showmem.c): one test per generation, from the
 * corpus' own lines (tests/corpus/) and from the kernel's printk formats.
 */
#include <errno.h>
#include <linux/memdiag.h>

#include "harness.h"
#include "xu.h"
#include "memdiagctl.h"
#include "showmem.h"

/* A log of @n lines as klog would give them (prefixes already taken off). */
static struct md_klog *sm_log(const char *const *lines, size_t n)
{
	struct md_klog *log = calloc(1, sizeof(*log));
	size_t i;

	log->lines = calloc(n ? n : 1, sizeof(*log->lines));
	for (i = 0; i < n; i++) {
		log->lines[i].text = strdup(lines[i]);
		log->lines[i].lineno = i + 1;
		log->lines[i].uptime = -1;
		log->lines[i].level = -1;
	}
	log->n = log->cap = n;
	return log;
}

/*
 * A corpus file with its "[ 12.345678] " and "Mon DD hh:mm:ss host kernel: "
 * prefixes taken off, the way klog will (until it lands).
 */
static struct md_klog *sm_corpus(const char *file)
{
	char path[512], line[8192];
	struct md_klog *log = calloc(1, sizeof(*log));
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", xu_corpus_dir, file);
	f = fopen(path, "r");
	if (!f)
		return log;
	while (fgets(line, sizeof(line), f)) {
		char *s = line, *k;

		s[strcspn(s, "\r\n")] = '\0';
		k = strstr(s, "kernel: ");
		if (k)
			s = k + 8;
		if (*s == '[' && (k = strstr(s, "] ")))
			s = k + 2;
		if (log->n == log->cap) {
			log->cap = log->cap ? 2 * log->cap : 64;
			log->lines = realloc(log->lines,
					     log->cap * sizeof(*log->lines));
		}
		memset(&log->lines[log->n], 0, sizeof(log->lines[0]));
		log->lines[log->n].text = strdup(s);
		log->lines[log->n].uptime = -1;
		log->lines[log->n].level = -1;
		log->n++;
	}
	fclose(f);
	return log;
}

static void sm_log_free(struct md_klog *log)
{
	size_t i;

	for (i = 0; i < log->n; i++)
		free(log->lines[i].text);
	free(log->lines);
	free(log);
}

static size_t sm_find(const struct md_klog *log, const char *prefix, size_t from)
{
	size_t i;

	for (i = from; i < log->n; i++)
		if (!strncmp(log->lines[i].text, prefix, strlen(prefix)))
			return i;
	return log->n;
}

#define HAS(z, a) MD_HAS((z)->present, MEMDIAG_A_ZONE_SNAP_##a)

/* ---- 2.6.10: Free pages:, Active:, protections[], mail-folded ---- */
static void t_2_6_10(void)
{
	/* corpus 13, prefixes off, the mail's folds kept */
	static const char *const l[] = {
		"Free pages:         268kB (0kB HighMem)",
		"Active:7853 inactive:4921 dirty:0 writeback:0 ",
		"unstable:0",
		"free:67 slab:1243 mapped:5773 pagetables:103",
		"DMA free:60kB min:60kB low:120kB high:180kB ",
		"active:6436kB",
		"  inactive:5624kB present:16384kB pages_scanned:7108 all_unreclaimable? no",
		"protections[]: 0 0 0",
		"Normal free:208kB min:188kB low:376kB high:564kB ",
		"active:2",
		"4976kB inactive:14060kB present:49144kB pages_scanned:19668 ",
		"all_unreclaimable? n",
		"o",
		"protections[]: 0 0 0",
		"HighMem free:0kB min:128kB low:256kB high:384kB ",
		"active:0k",
		"B inactive:0kB present:0kB pages_scanned:0 all_unreclaimable? no",
		"protections[]: 0 0 0",
		"DMA: 4294944789*4kB 4294964727*8kB ",
		"4294966668*16kB 429496",
		"7076*32kB 4294967238*64kB 4294967233*128kB 4294967253*256kB ",
		"4294967284*512kB 429",
		"4967290*1024kB 4294967293*2048kB 4294967294*4096kB = 4294790220kB",
		"Normal: 4294803738*4kB 4294928464*8kB ",
		"4294957447*16kB 429",
		"4964898*32kB 4294966867*64kB 4294967050*128kB 4294967186*256kB ",
		"4294967246*512kB",
		"4294967268*1024kB 4294967283*2048kB 4294967286*4096kB = 4293559128kB",
		"HighMem: empty",
		"Swap cache: add 13796, delete 10099, find ",
		"2839/3488, race",
		"  0+0",
		"Out of Memory: Killed process 6806 (qmgr).",
	};
	struct md_klog *log = sm_log(l, ARRAY_SIZE(l));
	struct md_showmem m;
	struct md_zone_snap *z;

	CHECK(md_showmem_parse(log, 0, &m) == 0);
	CHECK(m.first == 0 && m.last == 31);
	CHECK(m.free == 67);
	CHECK(m.mapped == 5773 && m.pagetables == 103 && m.dirty == 0);
	CHECK(m.active_anon == -1);	/* 2.6.10 has "Active:" only */
	CHECK(m.page_kb == 4);
	CHECK(m.nr_zones == 3);
	if (m.nr_zones == 3) {
		z = &m.zones[0];
		CHECK_STR(z->name, "DMA");
		CHECK(HAS(z, FREE) && z->free == 15);
		CHECK(HAS(z, MIN) && z->min == 15 && z->low == 30 && z->high == 45);
		CHECK(!HAS(z, BOOST) && !HAS(z, MANAGED));
		CHECK(m.zx[0].present_pages == 4096);
		CHECK(HAS(z, LOWMEM_RESERVE) && z->nr_lowmem_reserve == 3);
		/* wrapped counts: not used */
		CHECK(!HAS(z, FREE_BLOCKS) && !m.zx[0].have_buddy);
		z = &m.zones[1];
		CHECK_STR(z->name, "Normal");
		CHECK(z->free == 52 && z->min == 47 && z->high == 141);
		CHECK(m.zx[1].present_pages == 12286);
		CHECK(!HAS(z, FREE_BLOCKS));
		z = &m.zones[2];
		CHECK_STR(z->name, "HighMem");
		CHECK(HAS(z, FREE) && z->free == 0 && z->min == 32);
		CHECK(HAS(z, FREE_BLOCKS) && z->nr_free_blocks == 0);
	}
	CHECK_HAS(m.problems, "buddy counts of DMA (node 0) are implausible");
	CHECK_HAS(m.problems, "buddy counts of Normal (node 0) are implausible");
	md_showmem_free(&m);
	sm_log_free(log);
}

/* ---- 2.6.30: "DMA per-cpu:", "CPU    0: hi:", no letters ---- */
static void t_2_6_30(void)
{
	struct md_klog *log = sm_corpus("16-oom-global-2.6.30-x86_64-syslog-percpu.log");
	size_t i = sm_find(log, "Mem-Info:", 0);
	struct md_showmem m;

	CHECK(md_showmem_parse(log, i, &m) == 0);
	CHECK(m.active_anon == 290797 && m.inactive_anon == 97034);
	CHECK(m.unevictable == 11322 && m.free == 3341 && m.bounce == 0);
	CHECK(m.nr_zones == 2);
	if (m.nr_zones == 2) {
		struct md_zone_snap *z = &m.zones[1];

		CHECK_STR(z->name, "DMA32");
		CHECK(z->free == 1397 && z->min == 1402 && z->low == 1752 &&
		      z->high == 2103);
		CHECK(z->nr_lowmem_reserve == 4 && z->lowmem_reserve[3] == 0);
		CHECK(m.zones[0].lowmem_reserve[1] == 1935);
		CHECK(HAS(z, FREE_BLOCKS) && z->nr_free_blocks == 11);
		CHECK(z->free_blocks[0] == 871 && z->free_blocks[1] == 149 &&
		      z->free_blocks[7] == 1 && z->free_blocks[10] == 0);
		CHECK(m.zx[1].types[0][0] == '\0');
	}
	CHECK(m.pagecache_pages == 151250 && m.swapcache_pages == 18973);
	CHECK(m.swap_free_kb == 0 && m.swap_total_kb == 979956);
	CHECK(m.ram_pages == 507136 && m.reserved_pages == 23325);
	CHECK(m.hugepages_total == -1);
	CHECK(m.last == log->n - 1);
	CHECK(m.problems == NULL);
	md_showmem_free(&m);
	sm_log_free(log);
}

/* ---- 3.13: per-cpu with Node, (R) letters, free_cma alone ---- */
static void t_3_13(void)
{
	struct md_klog *log = sm_corpus("09-oom-global-ubuntu-3.13-gce-percpu.log");
	size_t i = sm_find(log, "Mem-Info:", 0);
	struct md_showmem m;

	CHECK(md_showmem_parse(log, i, &m) == 0);
	CHECK(m.active_anon == 405991 && m.free == 12929 && m.free_cma == 0);
	CHECK(m.slab_unreclaimable == 1919 && m.shmem == 70);
	CHECK(m.nr_zones == 2);
	if (m.nr_zones == 2) {
		struct md_zone_snap *z = &m.zones[1];

		CHECK(z->free == 11148 && z->min == 11160 && z->managed == 430728);
		CHECK(HAS(z, MANAGED) && !HAS(z, BOOST));
		CHECK_STR(m.zx[1].types[0], "UEM");
		CHECK_STR(m.zx[1].types[10], "UR");
		CHECK(z->free_blocks[10] == 3);
		CHECK_STR(m.zx[0].types[9], "R");
	}
	CHECK(m.hugepages_total == 0 && m.hugepage_kb == 2048);
	CHECK(m.highmem_pages == 0 && m.reserved_pages == 10614);
	/* the task table ends it */
	CHECK(!strncmp(log->lines[m.last].text, "10614 pages reserved", 20));
	md_showmem_free(&m);
	sm_log_free(log);
}

/* ---- 4.4: pages_scanned, interleaved KASAN ---- */
static void t_4_4(void)
{
	struct md_klog *log = sm_corpus("05-alloc-vmalloc-4.4-syzbot-interleaved-kasan.log");
	size_t i = sm_find(log, "Mem-Info:", 0);
	struct md_showmem m;

	CHECK(md_showmem_parse(log, i, &m) == 0);
	CHECK(m.free == 1551197 && m.free_pcp == 519);
	CHECK(m.nr_zones == 3);
	if (m.nr_zones == 3) {
		CHECK(m.zones[2].free == 841830 && m.zones[2].min == 18369);
		CHECK(m.zones[0].lowmem_reserve[2] == 6453);
		CHECK(m.zones[1].free_blocks[10] == 678);
		CHECK_STR(m.zx[2].types[10], "M");
	}
	CHECK(m.ram_pages == 1965969 && m.reserved_pages == 308734);
	md_showmem_free(&m);
	sm_log_free(log);
}

/* ---- 4.15: KERN_CONT pieces on lines of their own, GPF interleaved ---- */
static void t_4_15_shredded(void)
{
	struct md_klog *log = sm_corpus("06-alloc-vmalloc-4.15-syzbot-kcont-shredded.log");
	size_t i = sm_find(log, "Mem-Info:", 0);
	struct md_showmem m;

	CHECK(md_showmem_parse(log, i, &m) == 0);
	CHECK(m.free == 1436134 && m.slab_unreclaimable == 84120);
	CHECK(m.nr_zones == 3);
	if (m.nr_zones == 3) {
		struct md_zone_snap *z = &m.zones[0];

		CHECK_STR(z->name, "DMA");
		CHECK(z->node == 0 && z->free == 3977 && z->managed == 3977);
		CHECK(z->nr_lowmem_reserve == 4 && z->lowmem_reserve[1] == 2868 &&
		      z->lowmem_reserve[3] == 6378);
		CHECK(HAS(z, FREE_BLOCKS) && z->nr_free_blocks == 11);
		CHECK(z->free_blocks[0] == 1 && z->free_blocks[10] == 3);
		CHECK_STR(m.zx[0].types[0], "U");
		CHECK_STR(m.zx[0].types[9], "M");
		z = &m.zones[1];
		CHECK(z->free_blocks[10] == 716 && z->lowmem_reserve[2] == 3510);
		CHECK_STR(m.zones[2].name, "Normal");
		CHECK(m.zones[2].free_blocks[0] == 837);
		CHECK_STR(m.zx[2].types[1], "UME");
	}
	CHECK_HAS(m.problems, "unrelated lines interleaved were skipped");
	md_showmem_free(&m);
	sm_log_free(log);
}

/* ---- arm32 4.14: DMA + HighMem, (H)/(C), mail-folded ---- */
static void t_arm32_highmem_cma(void)
{
	struct md_klog *log = sm_corpus("22-oom-global-4.14-arm32-android-highmem-cma-mailwrapped.log");
	size_t i = sm_find(log, "Mem-Info:", 0);
	struct md_showmem m;

	CHECK(md_showmem_parse(log, i, &m) == 0);
	CHECK(m.free == 143605 && m.free_cma == 139244 && m.free_pcp == 230);
	CHECK(m.nr_zones == 2);
	if (m.nr_zones == 2) {
		struct md_zone_snap *z = &m.zones[0];

		CHECK_STR(z->name, "DMA");
		CHECK(z->free == 4490 && z->min == 4096 && z->high == 7440);
		CHECK(z->managed == 105724 && m.zx[0].free_cma == 0);
		CHECK(z->nr_lowmem_reserve == 4 && z->lowmem_reserve[2] == 579);
		CHECK(z->nr_free_blocks == 13 && z->free_blocks[7] == 1);
		CHECK_STR(m.zx[0].types[0], "EH");
		CHECK_STR(m.zx[0].types[7], "H");
		z = &m.zones[1];
		CHECK_STR(z->name, "HighMem");
		CHECK(z->free == 138368 && m.zx[1].free_cma == 138397);
		/* The snapshot carries it too, as a live record's does. */
		CHECK(HAS(z, FREE_CMA) && z->free_cma == 138397);
		CHECK(z->free_blocks[11] == 2 && z->free_blocks[12] == 0);
		CHECK_STR(m.zx[1].types[4], "C");
		CHECK(m.zx[1].have_buddy);
	}
	CHECK(m.highmem_pages == 381696 && m.cma_reserved_pages == 233472);
	md_showmem_free(&m);
	sm_log_free(log);
}

/* ---- 5.14 (RHEL 9): boost, reserved_highatomic in KB, two hugepage sizes ---- */
static void t_5_14_rhel(void)
{
	struct md_klog *log = sm_corpus("26-oom-global-rhel9.7-5.14-openstack-french-dmesg-T.log");
	size_t i;
	struct md_showmem m;

	/* dmesg -T: "[mer. déc. 17 11:32:14 2025] " stays; take it off */
	for (i = 0; i < log->n; i++) {
		char *t = log->lines[i].text, *k = strstr(t, "2025] ");

		if (k)
			memmove(t, k + 6, strlen(k + 6) + 1);
	}
	i = sm_find(log, "Mem-Info:", 0);
	CHECK(md_showmem_parse(log, i, &m) == 0);
	CHECK(m.sec_pagetables == 0 && m.shmem == 40003 && m.free == 21347);
	CHECK(m.nr_zones == 3);
	if (m.nr_zones == 3) {
		struct md_zone_snap *z = &m.zones[2];

		CHECK(HAS(z, BOOST) && z->boost == 0);
		CHECK(HAS(z, HIGHATOMIC) && z->highatomic == 0);
		CHECK(z->free == 4184 && z->min == 4204 && z->managed == 231545);
		CHECK(z->nr_lowmem_reserve == 5);
	}
	CHECK(m.hugepages_total == 0 && m.hugepage_kb == 1048576);
	CHECK(m.swap_free_kb == 2097148 && m.ram_pages == 1048442);
	CHECK(m.problems == NULL);
	md_showmem_free(&m);
	sm_log_free(log);
}

/* ---- 5.10, 6.1/6.12, 7.2: written from the printk formats ---- */
static void t_formats_5_10_to_7_2(void)
{
	/* 7.2 mm/show_mem.c, a NUMA arm64 with 64kB pages, CMA */
	static const char *const l72[] = {
		"Mem-Info:",
		"active_anon:100 inactive_anon:200 isolated_anon:0",
		" active_file:300 inactive_file:400 isolated_file:0",
		" unevictable:0 dirty:5 writeback:0",
		" slab_reclaimable:60 slab_unreclaimable:70",
		" mapped:80 shmem:90 pagetables:10",
		" sec_pagetables:0 bounce:0",
		" kernel_misc_reclaimable:0",
		" free:1000 free_pcp:20 free_cma:300",
		"Node 0 active_anon:3200kB inactive_anon:6400kB active_file:9600kB inactive_file:12800kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:2560kB dirty:160kB writeback:0kB shmem:2880kB shmem_thp:0kB shmem_pmdmapped:0kB anon_thp:0kB kernel_stack:1024kB pagetables:320kB sec_pagetables:0kB all_unreclaimable? no Balloon:0kB gpu_active:0kB gpu_reclaim:0kB",
		"Node 0 Normal free:64000kB boost:640kB min:1280kB low:1600kB high:1920kB reserved_highatomic:0KB free_highatomic:0KB active_anon:3200kB inactive_anon:6400kB active_file:9600kB inactive_file:12800kB unevictable:0kB writepending:160kB zspages:0kB present:2097152kB managed:2031616kB mlocked:0kB bounce:0kB free_pcp:1280kB local_pcp:64kB free_cma:19200kB",
		"lowmem_reserve[]: 0 0 0 0",
		"Node 0 Normal: 10*64kB (UM) 5*128kB (C) 0*256kB 1*512kB (UMEHCI) 0*1024kB 0*2048kB 0*4096kB 0*8192kB 0*16384kB 0*32768kB 0*65536kB 0*131072kB 0*262144kB 0*524288kB = 1792kB",
		"Node 0 hugepages_total=4 hugepages_free=4 hugepages_surp=0 hugepages_size=16777216kB",
		"Node 0 hugepages_total=100 hugepages_free=40 hugepages_surp=0 hugepages_size=2048kB",
		"Node 1 hugepages_total=50 hugepages_free=10 hugepages_surp=0 hugepages_size=2048kB",
		"1234 total pagecache pages",
		"5 pages in swap cache",
		"Free swap  = 1024kB",
		"Total swap = 2048kB",
		"32768 pages RAM",
		"0 pages HighMem/MovableOnly",
		"1024 pages reserved",
		"4800 pages cma reserved",
		"0 pages hwpoisoned",
		"Memory allocations (profiling is currently turned on):",
		"     12.0 MiB     3072 mm/slub.c:2437 func:alloc_slab_page",
		"Unreclaimable slab info:",
		"Name                      Used          Total",
		"kmalloc-64              1024KB       2048KB",
		"dentry                 40960KB      40960KB",
		"skbuff_head_cache        512KB        640KB",
		"Tasks state (memory values in pages):",
	};
	/* 5.10: no boost, no sec_pagetables, 4kB pages */
	static const char *const l510[] = {
		"Mem-Info:",
		"active_anon:5 inactive_anon:6 isolated_anon:0",
		" active_file:7 inactive_file:8 isolated_file:0",
		" unevictable:0 dirty:0 writeback:0",
		" slab_reclaimable:1 slab_unreclaimable:2",
		" mapped:3 shmem:4 pagetables:9 bounce:0",
		" free:5000 free_pcp:2 free_cma:0",
		"Node 0 DMA32 free:20000kB min:8000kB low:10000kB high:12000kB reserved_highatomic:2048KB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:1048576kB managed:1000000kB mlocked:0kB pagetables:0kB bounce:0kB free_pcp:8kB local_pcp:0kB free_cma:0kB",
		"lowmem_reserve[]: 0 0 100 100 100",
		"Node 0 DMA32: 0*4kB 2*8kB (U) 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 16kB",
		"CPU: 1 PID: 42 Comm: kworker/1:1 Not tainted 5.10.0-28-amd64 #1",
	};
	struct md_klog *log = sm_log(l72, sizeof(l72) / sizeof(l72[0]));
	struct md_showmem m;

	CHECK(md_showmem_parse(log, 0, &m) == 0);
	CHECK(m.page_kb == 64);
	CHECK(m.active_anon == 100 && m.sec_pagetables == 0 && m.free == 1000);
	CHECK(m.nr_zones == 1);
	if (m.nr_zones == 1) {
		struct md_zone_snap *z = &m.zones[0];

		CHECK(z->free == 1000 && z->boost == 10 && z->min == 20 &&
		      z->low == 25 && z->high == 30 && z->managed == 31744);
		CHECK(m.zx[0].free_cma == 300 && m.zx[0].present_pages == 32768);
		CHECK(HAS(z, FREE_CMA) && z->free_cma == 300);
		CHECK(z->nr_free_blocks == 14 && z->free_blocks[0] == 10 &&
		      z->free_blocks[1] == 5 && z->free_blocks[3] == 1);
		CHECK_STR(m.zx[0].types[3], "UMEHCI");
	}
	CHECK(m.hugepages_total == 150 && m.hugepages_free == 50 &&
	      m.hugepage_kb == 2048);
	CHECK(m.cma_reserved_pages == 4800 && m.swap_total_kb == 2048);
	CHECK(m.nr_slabs == 3);
	if (m.nr_slabs == 3) {
		CHECK_STR(m.slabs[0].name, "dentry");
		CHECK(m.slabs[0].used_kb == 40960);
		CHECK_STR(m.slabs[2].name, "skbuff_head_cache");
		CHECK(m.slabs[2].total_kb == 640);
	}
	CHECK(m.last == 31);
	CHECK(m.problems == NULL);
	md_showmem_free(&m);
	sm_log_free(log);

	log = sm_log(l510, sizeof(l510) / sizeof(l510[0]));
	CHECK(md_showmem_parse(log, 0, &m) == 0);
	CHECK(m.sec_pagetables == -1 && m.pagetables == 9);
	if (m.nr_zones == 1) {
		struct md_zone_snap *z = &m.zones[0];

		CHECK(!HAS(z, BOOST) && HAS(z, HIGHATOMIC) && z->highatomic == 512);
		CHECK(z->free == 5000 && z->lowmem_reserve[2] == 100);
		CHECK(z->free_blocks[1] == 2);
	}
	CHECK(m.last == 9);
	md_showmem_free(&m);
	sm_log_free(log);
}

/* ---- a report cut off in a buddy line; a zone line cut off ---- */
static void t_cut_off(void)
{
	static const char *const l[] = {
		"Mem-Info:",
		"active_anon:1 inactive_anon:2 isolated_anon:0",
		" free:62086 free_pcp:199 free_cma:60234",
		"Node 0 Normal free:248344kB min:1024kB low:1280kB high:1536kB active_anon:13072kB present:524288kB managed:73",
	};
	static const char *const l2[] = {
		"Mem-Info:",
		"Node 0 Normal free:4000kB min:1000kB low:1250kB high:1500kB present:524288kB managed:500000kB",
		"lowmem_reserve[]: 0 0",
		"Node 0 Normal: 100*4kB (UM) 50*8kB (M) 25*16kB (M) 12*32kB 6*",
	};
	struct md_klog *log = sm_log(l, 4);
	struct md_showmem m;

	CHECK(md_showmem_parse(log, 0, &m) == 0);
	CHECK(m.free == 62086 && m.nr_zones == 1);
	if (m.nr_zones == 1) {
		/* "managed:73" is whatever was left: it still reads as 73kB */
		CHECK(HAS(&m.zones[0], FREE) && m.zones[0].free == 62086);
		CHECK(!HAS(&m.zones[0], LOWMEM_RESERVE));
		CHECK(!HAS(&m.zones[0], FREE_BLOCKS));
	}
	CHECK_HAS(m.problems, "no lowmem_reserve for Normal (node 0)");
	CHECK_HAS(m.problems, "no buddy line for Normal");
	md_showmem_free(&m);
	sm_log_free(log);

	log = sm_log(l2, 4);
	CHECK(md_showmem_parse(log, 0, &m) == 0);
	if (m.nr_zones == 1) {
		struct md_zone_snap *z = &m.zones[0];

		CHECK(!HAS(z, FREE_BLOCKS) && !m.zx[0].have_buddy);
		CHECK(z->nr_free_blocks == 4 && z->free_blocks[3] == 12);
	}
	CHECK_HAS(m.problems, "buddy line of Normal (node 0) garbled after order 3");
	md_showmem_free(&m);
	sm_log_free(log);
}

/* ---- negative free swap, wrapped numbers, not a report, garbage ---- */
static void t_odd(void)
{
	struct md_klog *log = sm_corpus("19-swapoff-oom-3.12-x86_64-negative-free-swap.log");
	size_t i = sm_find(log, "Mem-Info:", 0);
	struct md_showmem m;
	static const char *const junk[] = {
		"Mem-Info:",
		"Node 0 DMA free:99999999999999999999999kB min:-5kB low:kB high:1",
		"lowmem_reserve[]: x y",
		"Node 0 DMA: 3*4kB 1*16kB = 28kB",
		"DMA32: (U) 1*4kB",
		"Node 99999999 DMA: 1*4kB",
		"Free swap  = kB",
		"18446744073709551615 pages RAM",
	};

	CHECK(md_showmem_parse(log, i, &m) == 0);
	CHECK(m.swap_free_kb == -1 && m.swap_total_kb == 0);
	CHECK_HAS(m.problems, "Free swap is implausible (-16608)");
	CHECK(m.slab_unreclaimable == 1836574);
	md_showmem_free(&m);
	CHECK(md_showmem_parse(log, 0, &m) == -ENOENT);
	md_showmem_free(&m);
	sm_log_free(log);

	log = sm_log(junk, ARRAY_SIZE(junk));
	CHECK(md_showmem_parse(log, 0, &m) == 0);
	CHECK(m.ram_pages == -1);
	if (m.nr_zones >= 1) {
		struct md_zone_snap *z = &m.zones[0];

		CHECK(!HAS(z, FREE) && !HAS(z, MIN) && !HAS(z, LOW));
		CHECK(!HAS(z, LOWMEM_RESERVE) && !HAS(z, FREE_BLOCKS));
	}
	CHECK(m.problems != NULL);
	md_showmem_free(&m);
	sm_log_free(log);
}

/* Every corpus report cut at every line: no crash, nothing invented. */
static void t_cut_everywhere(void)
{
	static const char *const files[] = {
		"06-alloc-vmalloc-4.15-syzbot-kcont-shredded.log",
		"13-oom-global-2.6.10-rc1-mm2-mailwrapped-underflow.log",
		"22-oom-global-4.14-arm32-android-highmem-cma-mailwrapped.log",
		"26-oom-global-rhel9.7-5.14-openstack-french-dmesg-T.log",
	};
	size_t f;

	for (f = 0; f < ARRAY_SIZE(files); f++) {
		struct md_klog *log = sm_corpus(files[f]);
		size_t n = log->n, cut, i;

		for (cut = 1; cut <= n; cut++) {
			log->n = cut;
			for (i = 0; i < cut; i++) {
				struct md_showmem m;
				size_t z;

				if (md_showmem_parse(log, i, &m))
					continue;
				CHECK(m.last < cut && m.first == i);
				for (z = 0; z < m.nr_zones; z++)
					CHECK(m.zones[z].nr_free_blocks <=
					      MD_SM_ORDERS);
				md_showmem_free(&m);
			}
		}
		log->n = n;
		sm_log_free(log);
	}
}

void xu_showmem(void)
{
	run("showmem 2.6.10 Free pages/protections, mail-folded, wrapped counts", t_2_6_10);
	run("showmem 2.6.30 per-cpu, no migratetype letters", t_2_6_30);
	run("showmem 3.13 Node per-cpu, (R) letters", t_3_13);
	run("showmem 4.4 pages_scanned, KASAN interleaved", t_4_4);
	run("showmem 4.15 KERN_CONT pieces reassembled", t_4_15_shredded);
	run("showmem arm32 4.14 HighMem/CMA, mail-folded", t_arm32_highmem_cma);
	run("showmem 5.14 RHEL boost/highatomic KB, hugepage sizes", t_5_14_rhel);
	run("showmem 5.10 and 7.2 printk formats, 64kB pages, slab info", t_formats_5_10_to_7_2);
	run("showmem cut-off reports", t_cut_off);
	run("showmem negative, wrapped and garbage values", t_odd);
	run("showmem corpus cut at every line", t_cut_everywhere);
}
