/* What drives a target (src/drivers.h): the first-order variance share against sums
 * of squares worked out by hand, and the ranking on the closed-world fixture, where
 * one plan decides a completion target alone. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers.h"
#include "montecarlo.h"
#include "scenario.h"
#include "testlib.h"
#include "util.h"

/* x in two equal halves, y = x plus -1/+1 alternating: bin means 0 and 1, overall
 * 0.5; SSB = 8 x 0.25 = 2, SSW = 8 x 1 = 8, SST = 10; B = 2, n = 8:
 * S = (2 - 1 x 8 / 6) / 10 = 0.0666667 (the raw share SSB / SST would be 0.2). */
static void
test_share_by_hand(void)
{
    const double x[8] = {0, 0, 0, 0, 1, 1, 1, 1};
    const double y[8] = {-1, 1, -1, 1, 0, 2, 0, 2};
    double se = -1;
    ASSERT_CLOSE(drivers_share(x, y, 8, &se), (2 - 8.0 / 6) / 10, 1e-12);
    CU_ASSERT(se >= 0);
}

/* y fully set by x: SSW = 0, S = 1; x constant: one bin, S = 0. */
static void
test_share_extremes(void)
{
    const double x[6] = {0, 1, 0, 1, 0, 1}, y[6] = {5, 9, 5, 9, 5, 9}, c[6] = {3, 3, 3, 3, 3, 3};
    ASSERT_CLOSE(drivers_share(x, y, 6, NULL), 1, 1e-12);
    ASSERT_CLOSE(drivers_share(c, y, 6, NULL), 0, 1e-12);
}

/* 40 distinct values go into 20 bins of two: y = x = 0..39 leaves +-0.5 in each bin,
 * SSW = 40 x 0.25 = 10, SST = 40 (40^2 - 1) / 12 = 5330, SSB = 5320:
 * S = (5320 - 19 x 10 / 20) / 5330 = 0.9963415. */
static void
test_share_binned(void)
{
    double x[40], y[40];
    for (int i = 0; i < 40; i++)
        x[i] = y[i] = 39 - i;
    ASSERT_CLOSE(drivers_share(x, y, 40, NULL), (5320 - 19 * 10.0 / 20) / 5330, 1e-12);
}

/* A standard normal from a fixed stream (xorshift and Box-Muller). */
static double
normal_draw(unsigned long long *s)
{
    double u[2];
    for (int k = 0; k < 2; k++) {
        *s ^= *s << 13;
        *s ^= *s >> 7;
        *s ^= *s << 17;
        u[k] = ((double) (*s >> 11) + 0.5) / 9007199254740992.0;
    }
    return sqrt(-2 * log(u[0])) * cos(6.283185307179586 * u[1]);
}

/* The bootstrap standard error against the spread the share really has: 400
 * independent samples of 500 runs (x 0 or 1, y = x + noise of sd 1, true share 0.2)
 * give the sampling standard deviation of the estimate; the bootstrap of one sample
 * must come within 25% of it (200 resamples: about 5% of noise of its own). A
 * bootstrap that forgot how often a run was drawn gives about 0.76 of it. */
static void
test_share_bootstrap_se(void)
{
    enum { N = 500, SAMPLES = 400 };
    static double x[N], y[N];
    unsigned long long s = 88172645463325252ULL;
    double sum = 0, sum2 = 0, se_mean = 0;

    for (int k = 0; k < SAMPLES; k++) {
        double v, se;
        for (int i = 0; i < N; i++) {
            x[i] = i % 2;
            y[i] = x[i] + normal_draw(&s);
        }
        v = drivers_share(x, y, N, k < 8 ? &se : NULL);
        sum += v;
        sum2 += v * v;
        if (k < 8) /* the bootstrap of eight samples, averaged */
            se_mean += se / 8;
    }
    {
        const double sd = sqrt((sum2 - sum * sum / SAMPLES) / (SAMPLES - 1));
        ASSERT_CLOSE(sum / SAMPLES, 0.2, 0.01);
        CU_ASSERT(se_mean > 0.85 * sd && se_mean < 1.15 * sd);
        if (!(se_mean > 0.85 * sd && se_mean < 1.15 * sd))
            fprintf(stderr, "bootstrap se %g, sampling sd %g\n", se_mean, sd);
    }
}

/* An outcome that is not finite in one run explains nothing, in the estimate and in
 * every resample, also those that do not draw that run. */
static void
test_share_not_finite(void)
{
    double x[40], y[40], se = -1;
    for (int i = 0; i < 40; i++)
        x[i] = y[i] = i % 4;
    y[17] = NAN;
    ASSERT_CLOSE(drivers_share(x, y, 40, &se), 0, 0);
    ASSERT_CLOSE(se, 0, 0);
}

/* On the fixture, cum_2022_2028 (10 by 2028, municipality) counts P1 only (P2 comes
 * in 2029 or 2030): P1 is certain, so nothing varies and no input explains anything;
 * cum_2022_2029 (20 by 2029) counts P1 plus P2's 6 units when P2 is realised and not
 * delayed, so P2 explains all of it. */
static void
test_fixture_ranking(void)
{
    char *path = test_src("tests/data/housing/model.yaml");
    scenario sc;
    projection_cache cache;
    mc M;
    mc_options o;
    diag d;
    int found = 0;

    diag_init(&d);
    memset(&cache, 0, sizeof cache);
    CU_ASSERT_EQUAL_FATAL(scenario_load(&sc, path, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(scenario_calibrate(&sc, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(scenario_run(&sc, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(projection_cache_build(&cache, &sc.m), LS_OK);
    memset(&o, 0, sizeof o);
    o.runs = 60;
    o.seed = 3;
    o.threads = 2;
    o.keep_runs = 1;
    CU_ASSERT_EQUAL_FATAL(mc_init(&M, &sc.m, &sc.tt, &sc.po, &cache, &o), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_start(&M), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_finish(&M), LS_OK);
    for (size_t j = 0; j < M.runs.n_rows; j++) {
        const target_row *r = &sc.tt.row[M.runs.row[j]];
        driver_table t;
        if (r->level != LEVEL_MUNICIPALITY || strcmp(r->t->id, "cum_2022_2029") != 0)
            continue;
        found = 1;
        CU_ASSERT_EQUAL_FATAL(drivers_compute(&t, &M, j), LS_OK);
        CU_ASSERT_STRING_EQUAL(t.d[0].id, "P2");
        ASSERT_CLOSE(t.d[0].share, 1, 1e-9);
        ASSERT_CLOSE(t.d[0].low, 10, 1e-9);  /* P2 not in the window */
        ASSERT_CLOSE(t.d[0].high, 16, 1e-9); /* P2's 6 units in 2029 */
        for (size_t k = 1; k < t.n; k++)
            if (strcmp(t.d[k].id, "P1") == 0)
                ASSERT_CLOSE(t.d[k].share, 0, 1e-12);
        driver_table_free(&t);
    }
    CU_ASSERT(found);
    {
        /* Every kept row, in reverse, on three threads: the tables one by one gives. */
        const size_t k = M.runs.n_rows;
        size_t *rows = calloc(k + 1, sizeof *rows);
        driver_table *t = calloc(k + 1, sizeof *t);
        int *status = calloc(k + 1, sizeof *status);

        CU_ASSERT_FATAL(rows != NULL && t != NULL && status != NULL && k >= 2);
        for (size_t i = 0; i < k; i++)
            rows[i] = k - 1 - i;
        drivers_compute_rows(t, status, &M, rows, k, 3);
        for (size_t i = 0; i < k; i++) {
            driver_table one;
            CU_ASSERT_EQUAL(status[i], drivers_compute(&one, &M, rows[i]));
            CU_ASSERT_EQUAL(t[i].row, one.row);
            CU_ASSERT_EQUAL_FATAL(t[i].n, one.n);
            for (size_t q = 0; q < one.n; q++) {
                CU_ASSERT_STRING_EQUAL(t[i].d[q].id, one.d[q].id);
                CU_ASSERT(memcmp(&t[i].d[q].share, &one.d[q].share, sizeof(double)) == 0);
                CU_ASSERT(memcmp(&t[i].d[q].share_se, &one.d[q].share_se, sizeof(double)) == 0);
                CU_ASSERT(memcmp(&t[i].d[q].high, &one.d[q].high, sizeof(double)) == 0);
            }
            driver_table_free(&one);
            driver_table_free(&t[i]);
        }
        free(rows);
        free(t);
        free(status);
    }
    {
        /* Only the first 40 of the 60 runs kept: the same values as the first 40 of
         * all, and the drivers read those 40. */
        mc K;
        driver_table t;
        o.keep_max = 40;
        CU_ASSERT_EQUAL_FATAL(mc_init(&K, &sc.m, &sc.tt, &sc.po, &cache, &o), LS_OK);
        CU_ASSERT_EQUAL_FATAL(mc_start(&K), LS_OK);
        CU_ASSERT_EQUAL_FATAL(mc_finish(&K), LS_OK);
        CU_ASSERT_EQUAL(M.runs.n_runs, 60);
        CU_ASSERT_EQUAL_FATAL(K.runs.n_runs, 40);
        CU_ASSERT_EQUAL_FATAL(K.runs.n_rows, M.runs.n_rows);
        CU_ASSERT(memcmp(K.runs.value, M.runs.value, 40 * M.runs.n_rows * sizeof(double)) == 0);
        CU_ASSERT(memcmp(K.runs.share, M.runs.share, 40 * M.runs.n_plans * sizeof(float)) == 0);
        CU_ASSERT(memcmp(K.runs.level, M.runs.level, 40 * MC_N_LEVELS * sizeof(double)) == 0);
        CU_ASSERT_EQUAL_FATAL(drivers_compute(&t, &K, 0), LS_OK);
        CU_ASSERT_EQUAL(t.runs, 40);
        driver_table_free(&t);
        mc_free(&K);
    }
    mc_free(&M);
    projection_cache_free(&cache);
    scenario_free(&sc);
    diag_free(&d);
    free(path);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"share_by_hand", test_share_by_hand},
        {"share_extremes", test_share_extremes},
        {"share_binned", test_share_binned},
        {"share_bootstrap_se", test_share_bootstrap_se},
        {"share_not_finite", test_share_not_finite},
        {"fixture_ranking", test_fixture_ranking},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
