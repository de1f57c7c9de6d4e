// SPDX-License-Identifier: GPL-2.0
/*
 * bench-mmap N SIZE: N rounds of mmap(SIZE, private anonymous, read-write)
 * + munmap, untouched; prints the mean ns per round. Each mmap is charged to
 * the commit accounting (__vm_enough_memory) and uncharged by munmap: the
 * success path memdiag's commit-rejection feature must not slow down.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000, i;
	size_t size = argc > 2 ? strtoul(argv[2], NULL, 0) : 1 << 20;
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++) {
		void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		munmap(p, size);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.1f\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n);
	return 0;
}
