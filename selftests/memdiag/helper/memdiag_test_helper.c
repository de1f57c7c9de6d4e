// SPDX-License-Identifier: GPL-2.0
/*
 * memdiag_test_helper - provokes real allocation failures for the memdiag
 * selftests, deterministically, through debugfs. Test-only: never installed
 * or loaded by anything but the selftests.
 *
 * A page allocation fails for real once no free block of order >= K is
 * left: the helper takes every such block with a gfp mask that neither
 * reclaims nor wakes kswapd (so nothing refills them behind its back), then
 * makes its failing attempts, then gives every block back. Each failed
 * attempt is one call of warn_alloc(); the helper counts them by context.
 *
 * /sys/kernel/debug/memdiag_test/
 *   process   write "K N": N order-K failures in process context
 *   softirq   write "K N": one in process context, N-1 from a timer (softirq)
 *   hardirq   write "K N": one in process context, N-1 from an irq_work
 *   vmalloc   write "N":   N vmalloc failures ("exceeds total pages")
 *   storm     write "K S": order-K failures from every CPU, process and
 *             softirq context, for S seconds (empty nodemask: no memory held)
 *   failed    read: failures caused since load, "process softirq hardirq vmalloc"
 *   bench     write "alloc N K": time N allocate+free pairs of order K
 *             (GFP_KERNEL, the fast path); write "fail N K": exhaust order
 *             K, then time N failing attempts; read: "N ns" of the last run
 *   zones     write "fragment K": take every free block of order >= K as
 *             order-K blocks, keep the first page of each and free the rest,
 *             so that plenty of memory stays free but no block of order K
 *             can form (held until "release"; a second write takes any
 *             block that formed since, from memory freed meanwhile);
 *             write "try K": one order-K
 *             attempt with GFP_ATOMIC's watermark rights (__GFP_HIGH, no
 *             reclaim, kswapd not woken), freed at once if it succeeded;
 *             read: "held N" and "try K ok|fail" of the last try
 *   warn      write "exhaust K": take every block of order >= K (as
 *             "process" does, but with the rights of the attempt that
 *             follows: nothing it could get is left, so free pages may end
 *             below the watermarks); write "fragment K": take them as
 *             "zones fragment K" does, keeping one page of each (plenty
 *             stays free, no block of order K); then ONE order-K attempt
 *             WITHOUT __GFP_NOWARN (__GFP_HIGH | __GFP_COMP: GFP_ATOMIC's
 *             rights, highatomic reserves included, but no reclaim and
 *             kswapd not woken, so it fails at once; not GFP_NOWAIT, which
 *             holds __GFP_NOWARN on 6.12), so that warn_alloc() prints its
 *             report (unless its own rate limit, one per 10 s, holds it
 *             back: the caller checks the log); then every page goes back.
 *             Should memory come back in between, the block is taken and
 *             the attempt made again, up to 100 times: still one failure.
 *             read: "warn K fail|ok PID TRIES" of the last write (PID the
 *             writer, TRIES the attempts that succeeded before the failure)
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/vmalloc.h>

/*
 * Kernels before 5.13 (Debian 11's 5.10): the nodemask variant had its own
 * name (Kbuild: HELPER_HAVE_ALLOC_PAGES_NODEMASK) and every irq_work ran in
 * hard interrupt context (no IRQ_WORK_INIT_HARD; init_irq_work() zeroes
 * the flags, as this does).
 */
#ifdef HELPER_HAVE_ALLOC_PAGES_NODEMASK
#define helper_alloc_pages(gfp, order, nid, mask) \
	__alloc_pages_nodemask(gfp, order, nid, mask)
#else
#define helper_alloc_pages(gfp, order, nid, mask) \
	__alloc_pages(gfp, order, nid, mask)
#endif
#ifndef IRQ_WORK_INIT_HARD
#define IRQ_WORK_INIT_HARD(fn) ((struct irq_work){ .func = (fn) })
#endif

#define MAX_ATTEMPTS 100000
/* Highest page order, whatever this kernel calls it (MAX_ORDER changed). */
#define HELPER_MAX_ORDER \
	(sizeof_field(struct zone, free_area) / sizeof(struct free_area) - 1)

/* No reclaim, no kswapd, no warning: fail fast and leave memory alone. */
#define HELPER_GFP (__GFP_NOWARN | __GFP_NOMEMALLOC | __GFP_COMP)

static atomic64_t failed_process, failed_softirq, failed_hardirq, failed_vmalloc;
static DEFINE_MUTEX(helper_lock);

/* Blocks taken to exhaust an order; given back after each request. */
static LIST_HEAD(held);
static DEFINE_SPINLOCK(held_lock);
static unsigned long nr_held;

static void hold(struct page *page)
{
	unsigned long flags;

	spin_lock_irqsave(&held_lock, flags);
	list_add(&page->lru, &held);
	nr_held++;
	spin_unlock_irqrestore(&held_lock, flags);
}

static void release_all(unsigned int order)
{
	struct page *page, *tmp;
	unsigned long flags;
	LIST_HEAD(list);

	spin_lock_irqsave(&held_lock, flags);
	list_splice_init(&held, &list);
	nr_held = 0;
	spin_unlock_irqrestore(&held_lock, flags);
	list_for_each_entry_safe(page, tmp, &list, lru) {
		list_del(&page->lru);
		__free_pages(page, order);
	}
}

/*
 * One attempt; true if it failed (one warn_alloc() call). Kept out of line
 * so the tests find it by name in memdiag's recorded stack.
 */
static noinline bool memdiag_test_fail_once(unsigned int order)
{
	struct page *page = alloc_pages(HELPER_GFP, order);

	if (!page)
		return true;
	hold(page);		/* memory came back: take it too */
	return false;
}

/* Take blocks of @order until one attempt fails: that is failure one. */
static int exhaust(unsigned int order)
{
	unsigned long n;

	for (n = 0; n < (totalram_pages() >> order) + 1; n++) {
		if (memdiag_test_fail_once(order))
			return 0;
		cond_resched();
	}
	return -ENOSPC;
}

/* Make @n failures in the current context; returns how many it made. */
static unsigned long fail_n(unsigned int order, unsigned long n)
{
	unsigned long done = 0, tries = 0;

	while (done < n && tries++ < MAX_ATTEMPTS)
		if (memdiag_test_fail_once(order))
			done++;
	return done;
}

/*
 * @n real failures that hold no memory: an empty nodemask leaves the
 * allocator no zone, so __alloc_pages_slowpath() goes straight to warn_alloc().
 * Storms use these, so a long storm never starves the guest (exhausting an
 * order instead holds most of a small guest's memory: OOM kills follow).
 */
static noinline bool memdiag_test_fail_once_cheap(unsigned int order)
{
	nodemask_t none = NODE_MASK_NONE;
	struct page *page;

	page = helper_alloc_pages(HELPER_GFP, order, numa_node_id(), &none);
	if (WARN_ON_ONCE(page)) {
		__free_pages(page, order);
		return false;
	}
	return true;
}

static unsigned long fail_cheap_n(unsigned int order, unsigned long n)
{
	unsigned long done = 0;

	while (done < n && memdiag_test_fail_once_cheap(order))
		done++;
	return done;
}

struct deferred {
	unsigned int order;
	unsigned long n;
	unsigned long done;
	struct completion finished;
	struct timer_list timer;
	struct irq_work work;
};

static void softirq_fn(struct timer_list *t)
{
	struct deferred *d = container_of(t, struct deferred, timer);

	d->done = fail_n(d->order, d->n);
	atomic64_add(d->done, &failed_softirq);
	complete(&d->finished);
}

static void hardirq_fn(struct irq_work *w)
{
	struct deferred *d = container_of(w, struct deferred, work);

	/*
	 * PREEMPT_RT turns zone->lock into a sleeping lock: no allocation
	 * may reach it from hard interrupt context, so fail without a zone.
	 */
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		d->done = fail_cheap_n(d->order, d->n);
	else
		d->done = fail_n(d->order, d->n);
	atomic64_add(d->done, &failed_hardirq);
	complete(&d->finished);
}

static int parse2(const char __user *ubuf, size_t len, unsigned int *a,
		  unsigned long *b)
{
	char buf[64];

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	if (sscanf(buf, "%u %lu", a, b) != 2)
		return -EINVAL;
	return 0;
}

enum provoke_ctx { CTX_PROCESS, CTX_SOFTIRQ, CTX_HARDIRQ };

static int provoke(unsigned int order, unsigned long n, enum provoke_ctx ctx)
{
	struct deferred *d;
	int ret;

	if (order > HELPER_MAX_ORDER || n < 1 || n > MAX_ATTEMPTS)
		return -EINVAL;
	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	mutex_lock(&helper_lock);
	ret = exhaust(order);
	if (ret)
		goto out;
	atomic64_inc(&failed_process);
	n--;
	if (ctx == CTX_PROCESS) {
		atomic64_add(fail_n(order, n), &failed_process);
	} else if (n) {
		d->order = order;
		d->n = n;
		init_completion(&d->finished);
		if (ctx == CTX_SOFTIRQ) {
			timer_setup(&d->timer, softirq_fn, 0);
			mod_timer(&d->timer, jiffies);
			wait_for_completion(&d->finished);
			timer_delete_sync(&d->timer);
		} else {
			/* HARD: PREEMPT_RT would run it in a thread. */
			d->work = IRQ_WORK_INIT_HARD(hardirq_fn);
			irq_work_queue(&d->work);
			wait_for_completion(&d->finished);
			irq_work_sync(&d->work);
		}
	}
out:
	release_all(order);
	mutex_unlock(&helper_lock);
	kfree(d);
	return ret;
}

static ssize_t ctx_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	enum provoke_ctx ctx = (enum provoke_ctx)(long)file->private_data;
	unsigned int order;
	unsigned long n;
	int ret;

	ret = parse2(ubuf, len, &order, &n);
	if (!ret)
		ret = provoke(order, n, ctx);
	return ret ? ret : len;
}

static ssize_t vmalloc_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	unsigned long n, i;
	int ret;

	ret = kstrtoul_from_user(ubuf, len, 0, &n);
	if (ret)
		return ret;
	if (n < 1 || n > MAX_ATTEMPTS)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		/* Larger than all of RAM: vmalloc refuses it up front. */
		void *p = __vmalloc((totalram_pages() + 1) << PAGE_SHIFT,
				    GFP_KERNEL | __GFP_NOWARN);

		if (p) {
			vfree(p);
			return -EIO;
		}
		atomic64_inc(&failed_vmalloc);
	}
	return len;
}

/* ---- storm: every CPU, process and softirq context, for S seconds ---- */

static unsigned int storm_order;
static unsigned long storm_end;
static struct timer_list __percpu *storm_timers;

static void storm_timer_fn(struct timer_list *t)
{
	if (time_after(jiffies, storm_end))
		return;
	/* Gentle enough that an emulated guest's other tasks still run. */
	atomic64_add(fail_cheap_n(storm_order, 5), &failed_softirq);
	mod_timer(t, jiffies + 2);
}

static int storm_thread(void *arg)
{
	while (!kthread_should_stop()) {
		if (time_before(jiffies, storm_end))
			atomic64_add(fail_cheap_n(storm_order, 20), &failed_process);
		usleep_range(1000, 2000);
	}
	return 0;
}

static int storm(unsigned int order, unsigned long seconds)
{
	struct task_struct **threads;
	unsigned int cpu, nr = 0;

	if (order > HELPER_MAX_ORDER || seconds < 1 || seconds > 3600)
		return -EINVAL;
	threads = kcalloc(nr_cpu_ids, sizeof(*threads), GFP_KERNEL);
	if (!threads)
		return -ENOMEM;
	mutex_lock(&helper_lock);
	storm_order = order;
	storm_end = jiffies + seconds * HZ;
	for_each_online_cpu(cpu) {
		struct timer_list *t = per_cpu_ptr(storm_timers, cpu);
		struct task_struct *k;

		timer_setup(t, storm_timer_fn, TIMER_PINNED);
		t->expires = jiffies + 1;
		add_timer_on(t, cpu);
		/* Not kthread_create_on_cpu(): 5.10 does not export it. */
		k = kthread_create(storm_thread, NULL, "memdiag_storm/%u", cpu);
		if (!IS_ERR(k)) {
			kthread_bind(k, cpu);
			threads[nr++] = k;
			wake_up_process(k);
		}
	}
	while (time_before(jiffies, storm_end))
		msleep(50);
	while (nr)
		kthread_stop(threads[--nr]);
	for_each_online_cpu(cpu)
		timer_delete_sync(per_cpu_ptr(storm_timers, cpu));
	mutex_unlock(&helper_lock);
	kfree(threads);
	return 0;
}

static ssize_t storm_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	unsigned int order;
	unsigned long seconds;
	int ret;

	ret = parse2(ubuf, len, &order, &seconds);
	if (!ret)
		ret = storm(order, seconds);
	return ret ? ret : len;
}

/* ---- bench: the cost of the success path and of one failure ---- */

static u64 bench_n, bench_ns;

static int bench(const char *what, unsigned long n, unsigned int order)
{
	unsigned long i;
	u64 t0, t1;
	int ret = 0;

	if (order > HELPER_MAX_ORDER || n < 1 || n > 100000000)
		return -EINVAL;
	mutex_lock(&helper_lock);
	if (!strcmp(what, "alloc")) {
		t0 = ktime_get_ns();
		for (i = 0; i < n; i++) {
			struct page *page = alloc_pages(GFP_KERNEL, order);

			if (!page) {
				ret = -ENOMEM;
				break;
			}
			__free_pages(page, order);
			if (!(i & 1023))
				cond_resched();
		}
		t1 = ktime_get_ns();
	} else if (!strcmp(what, "fail")) {
		ret = exhaust(order);
		if (!ret) {
			atomic64_inc(&failed_process);
			t0 = ktime_get_ns();
			i = fail_n(order, n);
			t1 = ktime_get_ns();
			atomic64_add(i, &failed_process);
			if (i != n)
				ret = -EAGAIN;
		}
		release_all(order);
	} else {
		ret = -EINVAL;
	}
	if (!ret) {
		bench_n = n;
		bench_ns = t1 - t0;
	}
	mutex_unlock(&helper_lock);
	return ret;
}

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char buf[64], what[16];
	unsigned long n;
	unsigned int order;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	if (sscanf(buf, "%15s %lu %u", what, &n, &order) != 3)
		return -EINVAL;
	ret = bench(what, n, order);
	return ret ? ret : len;
}

static int bench_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%llu %llu\n", bench_n, bench_ns);
	return 0;
}

static int bench_open(struct inode *inode, struct file *file)
{
	return single_open(file, bench_show, NULL);
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.open = bench_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = bench_write,
};

static int failed_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%lld %lld %lld %lld\n",
		   (long long)atomic64_read(&failed_process),
		   (long long)atomic64_read(&failed_softirq),
		   (long long)atomic64_read(&failed_hardirq),
		   (long long)atomic64_read(&failed_vmalloc));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(failed);

static int ctx_open(struct inode *inode, struct file *file)
{
	file->private_data = inode->i_private;
	return 0;
}

static const struct file_operations ctx_fops = {
	.owner = THIS_MODULE,
	.open = ctx_open,
	.write = ctx_write,
};

static const struct file_operations vmalloc_fops = {
	.owner = THIS_MODULE,
	.write = vmalloc_write,
};

static const struct file_operations storm_fops = {
	.owner = THIS_MODULE,
	.write = storm_write,
};

/* The rights of "fragment" (and of warn's "fragment"): see zones_fragment(). */
#define ZONES_GFP (__GFP_HIGH | __GFP_NOWARN)

/*
 * "zones": pages held across requests, for GET_ZONES tests; on their own
 * list (under helper_lock), so that the other files' runs never free them.
 */
static LIST_HEAD(zones_held);
static unsigned long zones_nr_held;
static int zones_try_order = -1;
static bool zones_try_ok;

/*
 * One page of each order-@k block stays allocated; the others go back one
 * by one and merge into blocks of orders below @k only. No reclaim, no
 * compaction, no kswapd: nothing puts the memory back together meanwhile.
 * The same rights as "try" (__GFP_HIGH): on 6.12 they reach the
 * highatomic reserve too, which "try" would otherwise still find.
 */
static int zones_fragment(unsigned int k)
{
	const gfp_t gfp = ZONES_GFP;
	unsigned long n, i, limit = (totalram_pages() >> k) + 1;
	struct page *page;

	for (n = 0; n < limit; n++) {
		page = alloc_pages(gfp, k);
		if (!page)
			return 0;
		split_page(page, k);
		for (i = 1; i < (1UL << k); i++)
			__free_page(page + i);
		list_add(&page->lru, &zones_held);
		zones_nr_held++;
		cond_resched();
	}
	return -ENOSPC;
}

static void zones_release(void)
{
	struct page *page, *tmp;

	list_for_each_entry_safe(page, tmp, &zones_held, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	zones_nr_held = 0;
}

static int zones_write_locked(const char *cmd, unsigned int k)
{
	struct page *page;
	int ret;

	if (k > HELPER_MAX_ORDER)
		return -EINVAL;
	if (!strcmp(cmd, "fragment")) {
		ret = zones_fragment(k);
		if (ret)
			zones_release();
		return ret;
	}
	if (!strcmp(cmd, "try")) {
		/* GFP_ATOMIC's alloc_flags, without waking kswapd (memory stays still). */
		page = alloc_pages(__GFP_HIGH | __GFP_NOWARN | __GFP_COMP, k);
		zones_try_order = k;
		zones_try_ok = page;
		if (page)
			__free_pages(page, k);
		return 0;
	}
	return -EINVAL;
}

static ssize_t zones_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char buf[32], cmd[16];
	unsigned int k = 0;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	mutex_lock(&helper_lock);
	if (sscanf(buf, "%15s", cmd) == 1 && !strcmp(cmd, "release")) {
		zones_release();
		ret = 0;
	} else if (sscanf(buf, "%15s %u", cmd, &k) == 2) {
		ret = zones_write_locked(cmd, k);
	} else {
		ret = -EINVAL;
	}
	mutex_unlock(&helper_lock);
	return ret ? ret : len;
}

static int zones_show(struct seq_file *m, void *v)
{
	mutex_lock(&helper_lock);
	seq_printf(m, "held %lu\n", zones_nr_held);
	if (zones_try_order >= 0)
		seq_printf(m, "try %d %s\n", zones_try_order,
			   zones_try_ok ? "ok" : "fail");
	mutex_unlock(&helper_lock);
	return 0;
}

static int zones_open(struct inode *inode, struct file *file)
{
	return single_open(file, zones_show, NULL);
}

static const struct file_operations zones_fops = {
	.owner = THIS_MODULE,
	.open = zones_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = zones_write,
};

/* ---- warn: one order-K failure that warn_alloc() reports ---- */

/*
 * What the reported attempt asks with; the exhaustion adds __GFP_NOWARN.
 * Without __GFP_NOMEMALLOC: both reach the highatomic reserves (a request
 * that cannot sleep may), so that no block the attempt could get is left.
 */
#define HELPER_WARN_GFP (__GFP_HIGH | __GFP_COMP)

static int warn_order = -1;
static bool warn_failed;
static pid_t warn_pid;
static unsigned int warn_tries;

/*
 * The reported attempt, out of line so that its name is the caller in the
 * report's call trace (and in memdiag's recorded stack): it does something
 * after the allocation, so that the call is not a tail call (a jump leaves
 * no frame). True if it failed; a page it got is held.
 */
static noinline bool memdiag_test_warn_once(unsigned int order)
{
	struct page *page = alloc_pages(HELPER_WARN_GFP, order);

	if (!page)
		return true;
	hold(page);
	return false;
}

static int warn_locked(const char *how, unsigned int order)
{
	unsigned long n, limit = (totalram_pages() >> order) + 1;
	bool fragment = !strcmp(how, "fragment");
	struct page *page;
	int ret = 0;

	if (order > HELPER_MAX_ORDER || (!fragment && strcmp(how, "exhaust")))
		return -EINVAL;
	/* "zones" holds pages across requests: not mixed with those. */
	if (zones_nr_held)
		return -EBUSY;
	warn_order = order;
	warn_failed = false;
	warn_pid = task_pid_nr(current);
	warn_tries = 0;
	if (fragment) {
		/* The attempt's rights (split_page() wants no __GFP_COMP). */
		BUILD_BUG_ON(ZONES_GFP !=
			     ((HELPER_WARN_GFP & ~__GFP_COMP) | __GFP_NOWARN));
		ret = zones_fragment(order);
	} else {
		for (n = 0; n < limit; n++) {
			page = alloc_pages(HELPER_WARN_GFP | __GFP_NOWARN, order);
			if (!page)
				break;
			hold(page);
			cond_resched();
		}
		if (n == limit)
			ret = -ENOSPC;
	}
	while (!ret && warn_tries < 100) {
		if (memdiag_test_warn_once(order)) {
			warn_failed = true;
			atomic64_inc(&failed_process);
			break;
		}
		warn_tries++;
	}
	release_all(order);
	zones_release();
	return ret;
}

static ssize_t warn_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	char buf[32], how[16];
	unsigned int order;
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = 0;
	if (sscanf(buf, "%15s %u", how, &order) != 2)
		return -EINVAL;
	mutex_lock(&helper_lock);
	ret = warn_locked(how, order);
	mutex_unlock(&helper_lock);
	return ret ? ret : len;
}

static int warn_show(struct seq_file *m, void *v)
{
	mutex_lock(&helper_lock);
	if (warn_order >= 0)
		seq_printf(m, "warn %d %s %d %u\n", warn_order,
			   warn_failed ? "fail" : "ok", warn_pid, warn_tries);
	mutex_unlock(&helper_lock);
	return 0;
}

static int warn_open(struct inode *inode, struct file *file)
{
	return single_open(file, warn_show, NULL);
}

static const struct file_operations warn_fops = {
	.owner = THIS_MODULE,
	.open = warn_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = warn_write,
};

static struct dentry *dir;

static int __init helper_init(void)
{
	storm_timers = alloc_percpu(struct timer_list);
	if (!storm_timers)
		return -ENOMEM;
	dir = debugfs_create_dir("memdiag_test", NULL);
	debugfs_create_file("process", 0200, dir, (void *)CTX_PROCESS, &ctx_fops);
	debugfs_create_file("softirq", 0200, dir, (void *)CTX_SOFTIRQ, &ctx_fops);
	debugfs_create_file("hardirq", 0200, dir, (void *)CTX_HARDIRQ, &ctx_fops);
	debugfs_create_file("vmalloc", 0200, dir, NULL, &vmalloc_fops);
	debugfs_create_file("storm", 0200, dir, NULL, &storm_fops);
	debugfs_create_file("failed", 0444, dir, NULL, &failed_fops);
	debugfs_create_file("bench", 0600, dir, NULL, &bench_fops);
	debugfs_create_file("zones", 0600, dir, NULL, &zones_fops);
	debugfs_create_file("warn", 0600, dir, NULL, &warn_fops);
	return 0;
}

static void __exit helper_exit(void)
{
	debugfs_remove(dir);
	mutex_lock(&helper_lock);
	zones_release();
	mutex_unlock(&helper_lock);
	free_percpu(storm_timers);
}

module_init(helper_init);
module_exit(helper_exit);

MODULE_DESCRIPTION("memdiag selftest helper: provokes real allocation failures");
MODULE_LICENSE("GPL");
