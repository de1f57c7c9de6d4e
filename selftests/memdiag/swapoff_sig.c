// SPDX-License-Identifier: GPL-2.0
/*
 * swapoff(2) of PATH under a 1 ms interval timer (ITIMER_REAL), so that
 * SIGALRM is pending again within a millisecond of any moment: whatever
 * page table try_to_unuse() is at, the next signal_pending() check finds
 * it once the swap-in takes longer than that.
 *   swapoff_sig eintr PATH    SIGALRM handler without SA_RESTART
 *   swapoff_sig restart PATH  handler with SA_RESTART; the timer stops
 *                             after 3 deliveries, so a restarted call
 *                             then runs to its end
 *   swapoff_sig fatal PATH    SIGALRM left at SIG_DFL (terminate): the
 *                             first tick kills the process
 * Prints "pid N" first, then (if swapoff returns) "success", "EINTR" or
 * another errno's text and "handled N" (the handler runs); exits 0 then.
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/swap.h>
#include <sys/time.h>
#include <unistd.h>

#define RESTART_TICKS 3

/* Lock-free, so safe in the handler (C11 7.14.1.1). */
static atomic_int handled;
static int stop_after;

static void tick(int sig)
{
	struct itimerval off = { 0 };

	(void)sig;
	handled++;
	if (stop_after && handled >= stop_after)
		setitimer(ITIMER_REAL, &off, NULL);
}

int main(int argc, char **argv)
{
	struct itimerval on = { { 0, 1000 }, { 0, 1000 } }, off = { 0 };
	struct sigaction sa;
	int ret, err;

	if (argc != 3) {
		fprintf(stderr, "usage: %s eintr|restart|fatal PATH\n", argv[0]);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	if (!strcmp(argv[1], "eintr")) {
		sa.sa_handler = tick;
	} else if (!strcmp(argv[1], "restart")) {
		sa.sa_handler = tick;
		sa.sa_flags = SA_RESTART;
		stop_after = RESTART_TICKS;
	} else if (!strcmp(argv[1], "fatal")) {
		sa.sa_handler = SIG_DFL;
	} else {
		fprintf(stderr, "%s: unknown mode %s\n", argv[0], argv[1]);
		return 2;
	}
	printf("pid %d\n", (int)getpid());
	fflush(stdout);
	if (sigaction(SIGALRM, &sa, NULL) || setitimer(ITIMER_REAL, &on, NULL)) {
		perror("swapoff_sig");
		return 2;
	}
	ret = swapoff(argv[2]);
	err = errno;
	setitimer(ITIMER_REAL, &off, NULL);
	if (!ret)
		printf("success\n");
	else if (err == EINTR)
		printf("EINTR\n");
	else
		printf("%s\n", strerror(err));
	printf("handled %d\n", atomic_load(&handled));
	return 0;
}
