/* bench_mc: CPU time per Monte Carlo run, measured in one process.
 *
 *   bench_mc MODEL.yaml [RUNS] [ROUNDS]
 *
 * Loads and calibrates the model once, then alternates ROUNDS times:
 *   mc   - RUNS whole Monte Carlo runs on one thread (both views, coupling,
 *          statistics, the capacity solver's finish), as landstad run does;
 *   trend - RUNS trend-view projections with drawn-like multipliers (totals only).
 * Prints the median CPU milliseconds per run of each (CLOCK_PROCESS_CPUTIME_ID, so
 * the other sessions on the machine do not count), and the counts of multiply-adds
 * the floor in run.sh is computed from. Speed is measured here, never asserted. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "montecarlo.h"
#include "projection.h"
#include "scenario.h"

static double
cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double) t.tv_sec + (double) t.tv_nsec * 1e-9;
}

static int
cmp_double(const void *a, const void *b)
{
    const double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static int mc_views = 2; /* projections a run makes: the two views, and the own need's */

static int
time_mc(scenario *sc, const projection_cache *cache, unsigned long runs, double *ms)
{
    mc M;
    mc_options opt = {.runs = runs, .seed = 1, .threads = 1};
    double t0 = cpu_now();
    int ret = mc_init(&M, &sc->m, &sc->tt, &sc->po, cache, &opt);

    if (ret == LS_OK)
        ret = mc_start(&M);
    if (ret == LS_OK)
        ret = mc_finish(&M);
    mc_views = M.own_need && !M.own_fixed ? 3 : 2;
    mc_free(&M);
    *ms = (cpu_now() - t0) / (double) runs * 1e3;
    return ret;
}

static int
time_trend(scenario *sc, const projection_cache *cache, unsigned long runs, double *ms)
{
    projection p;
    projection_opts o = sc->po;
    double t0;
    int ret;

    o.cache = cache;
    o.totals_only = 1;
    ret = projection_init(&p, &sc->m, &o);
    t0 = cpu_now();
    for (unsigned long i = 0; i < runs && ret == LS_OK; i++) {
        /* Levels around one, as the draws make them. */
        p.opts.fertility_mult = 0.95 + 0.1 * (double) (i % 7) / 6;
        p.opts.mortality_mult = 0.95 + 0.1 * (double) (i % 5) / 4;
        projection_reset(&p);
        ret = projection_finish(&p);
    }
    *ms = (cpu_now() - t0) / (double) runs * 1e3;
    projection_free(&p);
    return ret;
}

int
main(int argc, char **argv)
{
    scenario sc;
    diag d;
    projection_cache cache;
    const unsigned long runs = argc > 2 ? strtoul(argv[2], NULL, 10) : 400;
    const int rounds = argc > 3 ? atoi(argv[3]) : 3;
    double *mc_ms, *tr_ms;
    int ret = LS_OK;

    if (argc < 2 || runs < 1 || rounds < 1) {
        fprintf(stderr, "usage: bench_mc MODEL.yaml [RUNS] [ROUNDS]\n");
        return 2;
    }
    diag_init(&d);
    /* The deterministic run first, as landstad run does: it evaluates the targets, so
     * that the Monte Carlo tracks them (and runs the own-need view a target asks for). */
    if (scenario_load(&sc, argv[1], &d) != LS_OK || scenario_calibrate(&sc, &d) != LS_OK
        || scenario_run(&sc, &d) != LS_OK) {
        diag_print(&d, stderr);
        return 3;
    }
    if (projection_cache_build(&cache, &sc.m) != LS_OK)
        return 4;
    mc_ms = calloc((size_t) rounds, sizeof *mc_ms);
    tr_ms = calloc((size_t) rounds, sizeof *tr_ms);
    for (int r = 0; r < rounds && ret == LS_OK; r++) {
        ret = time_mc(&sc, &cache, runs, &mc_ms[r]);
        if (ret == LS_OK)
            ret = time_trend(&sc, &cache, runs, &tr_ms[r]);
    }
    if (ret != LS_OK) {
        fprintf(stderr, "bench_mc: a run failed (%d)\n", ret);
        return 4;
    }
    qsort(mc_ms, (size_t) rounds, sizeof *mc_ms, cmp_double);
    qsort(tr_ms, (size_t) rounds, sizeof *tr_ms, cmp_double);
    {
        const model *m = &sc.m;
        const size_t n = m->n_areas, SA = m->n_sexes * m->n_ages;
        const size_t steps = (size_t) ((sc.spec.horizon - sc.spec.base_year) / m->width);
        const size_t prefix = sc.po.hist != NULL ? sc.po.hist->n_steps : 0;
        /* The moves between kernen: n x n x SA multiply-adds a step of each projection a
         * run makes (the two views, and the own need's when a target asks for it), the
         * steps before uncertainty (the prefix) shared by all runs and not counted.
         * Element-wise work: about 24 operations a cell and step (flows from rates,
         * clip, survival, births, households), counted as multiply-add pairs. */
        const double per_run = (double) mc_views * (double) (steps - prefix);
        const double moves = (double) (n * n * SA) * per_run;
        const double elem = 12.0 * (double) (n * SA) * per_run;
        printf("mc_ms_per_run=%.4f trend_ms_per_run=%.4f runs=%lu rounds=%d madds_moves=%.0f "
               "madds_elementwise=%.0f steps=%zu prefix=%zu views=%d\n",
               mc_ms[rounds / 2], tr_ms[rounds / 2], runs, rounds, moves, elem, steps, prefix,
               mc_views);
    }
    free(mc_ms);
    free(tr_ms);
    projection_cache_free(&cache);
    scenario_free(&sc);
    diag_free(&d);
    return 0;
}
