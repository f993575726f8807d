/* bench_projection: in-process time of one deterministic trend projection of a
 * model (the same work bench/numpy_projection.py times), averaged over N runs
 * after loading and calibrating once. Usage: bench_projection MODEL.yaml [N] */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../src/config.h"
#include "model.h"
#include "projection.h"

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
    model_spec s;
    model m;
    diag d;
    projection_opts o;
    projection_cache cache;
    projection p;
    int n = argc > 2 ? atoi(argv[2]) : 200;
    double t0, level = 1;

    if (argc < 2 || n < 1) {
        fprintf(stderr, "usage: bench_projection MODEL.yaml [N]\n");
        return 2;
    }
    diag_init(&d);
    if (config_load(&s, argv[1], &d) != LS_OK || model_load(&m, &s, &d) != LS_OK) {
        diag_print(&d, stderr);
        return 3;
    }
    projection_opts_init(&o);
    if (s.has_calibrate) {
        if (projection_calibrate(&m, &level, &d) != LS_OK) {
            diag_print(&d, stderr);
            return 4;
        }
        for (size_t k = 0; k < m.n_flows; k++)
            if (strcmp(m.flows[k].spec->name, s.calibrate_flow) == 0)
                o.override_flow = (long) k;
        o.override_from = s.calibrate_from;
        o.override_to = s.calibrate_to;
        o.override_level = level;
    }
    /* As numpy: every cell of every year is kept. The cache of life tables is
     * built once, as numpy builds its survival arrays once. */
    if (projection_cache_build(&cache, &m) != LS_OK)
        return 4;
    o.cache = &cache;
    if (projection_init(&p, &m, &o) != LS_OK)
        return 4;
    t0 = now();
    for (int i = 0; i < n; i++) {
        projection_reset(&p);
        if (projection_finish(&p) != LS_OK)
            return 4;
    }
    printf("landstad per-run: %.3f ms (%d runs, total 1 Jan %d: %.3f)\n",
           (now() - t0) / n * 1e3, n, s.horizon, projection_total(&p, p.n_years - 1));
    projection_free(&p);
    projection_cache_free(&cache);
    model_free(&m);
    config_free(&s);
    diag_free(&d);
    return 0;
}
