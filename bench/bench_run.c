/* bench_run: runs a command several times and prints the median wall time and the
 * largest peak resident set size (from wait4's rusage), so benchmarks need no
 * /usr/bin/time. Usage: bench_run REPEATS COMMAND [ARGS...]
 * Output: "median_s=... min_s=... max_s=... peak_rss_mb=..." on stdout. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
cmp(const void *a, const void *b)
{
    const double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
    int n;
    double *t;
    long peak = 0;

    if (argc < 3 || (n = atoi(argv[1])) < 1) {
        fprintf(stderr, "usage: bench_run REPEATS COMMAND [ARGS...]\n");
        return 2;
    }
    t = calloc((size_t) n, sizeof *t);
    for (int i = 0; i < n; i++) {
        struct timespec a, b;
        struct rusage ru;
        int status;
        pid_t pid;
        clock_gettime(CLOCK_MONOTONIC, &a);
        pid = fork();
        if (pid == 0) {
            execvp(argv[2], argv + 2);
            perror(argv[2]);
            _exit(127);
        }
        if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
            perror("fork/wait");
            return 2;
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "bench_run: %s failed (status %d)\n", argv[2], status);
            return 1;
        }
        t[i] = (double) (b.tv_sec - a.tv_sec) + (double) (b.tv_nsec - a.tv_nsec) * 1e-9;
        if (ru.ru_maxrss > peak)
            peak = ru.ru_maxrss;
    }
    qsort(t, (size_t) n, sizeof *t, cmp);
    printf("median_s=%.3f min_s=%.3f max_s=%.3f peak_rss_mb=%.1f\n",
           n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2, t[0], t[n - 1],
           (double) peak / 1024.0);
    free(t);
    return 0;
}
