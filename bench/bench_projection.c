/* bench_projection: in-process time of one deterministic trend projection of a
 * model (the same work bench/numpy_projection.py times), averaged over N runs
 * after loading and calibrating once. Usage: bench_projection MODEL.yaml [N] */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "projection.h"
#include "scenario.h"

static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + (double) t.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
    scenario sc;
    diag d;
    projection_opts o;
    projection_cache cache;
    projection p;
    int n = argc > 2 ? atoi(argv[2]) : 200;
    double t0;

    if (argc < 2 || n < 1) {
        fprintf(stderr, "usage: bench_projection MODEL.yaml [N]\n");
        return 2;
    }
    diag_init(&d);
    /* Load and calibrate as landstad run does; then time the trend projection alone. */
    if (scenario_load(&sc, argv[1], &d) != LS_OK || scenario_calibrate(&sc, &d) != LS_OK) {
        diag_print(&d, stderr);
        return 3;
    }
    o = sc.po;
    /* As numpy: every cell of every year is kept. The cache of life tables is
     * built once, as numpy builds its survival arrays once. */
    if (projection_cache_build(&cache, &sc.m) != LS_OK)
        return 4;
    o.cache = &cache;
    if (projection_init(&p, &sc.m, &o) != LS_OK)
        return 4;
    t0 = now();
    for (int i = 0; i < n; i++) {
        projection_reset(&p);
        if (projection_finish(&p) != LS_OK)
            return 4;
    }
    printf("landstad per-run: %.3f ms (%d runs, total 1 Jan %d: %.3f)\n",
           (now() - t0) / n * 1e3, n, sc.spec.horizon, projection_total(&p, p.n_years - 1));
    projection_free(&p);
    projection_cache_free(&cache);
    scenario_free(&sc);
    diag_free(&d);
    return 0;
}
