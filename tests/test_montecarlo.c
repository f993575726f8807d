/* Monte Carlo (src/montecarlo.h): the plan draw's distribution and its use of the
 * random stream, per-run stream seeds, reproducibility (same seed; 1 vs 2 threads on
 * both the exact-quantile and the histogram path), ordered quantiles, certain
 * outcomes, and the capacity solver checked by re-running with the extra plans it
 * asks for.
 *
 * Model runs use the closed-world fixture tests/data/housing (see test_housing.c)
 * and variants of it written to the build tree with their own phases, plans,
 * uncertainty and completion targets. Completion targets depend only on the
 * pipeline, so what they do in a run is known from the plan draws alone. */
#include <config.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "housing.h"
#include "model.h"
#include "montecarlo.h"
#include "pipeline.h"
#include "projection.h"
#include "targets.h"
#include "scenario.h"
#include "testlib.h"
#include "util.h"

/* ---- mc_draw_plan and mc_stream_seed ---- */

enum { N_DRAWS = 200000 };

static phase_spec
phase(double probability, const double *delay, int n_delay)
{
    phase_spec ph;
    memset(&ph, 0, sizeof ph);
    ph.given = 1;
    ph.probability = probability;
    for (int d = 0; d < n_delay; d++) {
        ph.delay[d] = delay[d];
        if (delay[d] > 0)
            ph.max_delay = d;
    }
    return ph;
}

/* |x - mu| <= 4 se, reported when not. */
static int
within_4se(const char *what, double x, double mu, double se)
{
    const int ok = fabs(x - mu) <= 4 * se;
    if (!ok)
        fprintf(stderr, "    %s: %.6f vs %.6f (4 se = %.6f)\n", what, x, mu, 4 * se);
    return ok;
}

static void
test_mc_draw_plan_distribution(void)
{
    const double delay[4] = {0.2, 0.5, 0.0, 0.3}; /* delay 2 never happens */
    const phase_spec ph = phase(0.7, delay, 4);
    const double pmin = 0.4;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    long n_ok = 0, n_delay[MAX_DELAY + 2] = {0};
    double sum_share = 0, lo = 2, hi = -1;

    CU_ASSERT_FATAL(r != NULL);
    CU_ASSERT_EQUAL(ph.max_delay, 3);
    gsl_rng_set(r, 20240611);
    for (long i = 0; i < N_DRAWS; i++) {
        unsigned char ok = 9;
        int d = -1;
        double share = -1;
        mc_draw_plan(r, &ph, pmin, &ok, &d, &share);
        CU_ASSERT(ok == 0 || ok == 1);
        n_ok += ok;
        if (d < 0 || d > MAX_DELAY) {
            CU_FAIL("delay out of range");
            d = MAX_DELAY + 1;
        }
        n_delay[d]++;
        sum_share += share;
        if (share < lo)
            lo = share;
        if (share > hi)
            hi = share;
    }
    /* Realisation: binomial(N, 0.7). */
    CU_ASSERT(within_4se("realised share", (double) n_ok / N_DRAWS, 0.7,
                         sqrt(0.7 * 0.3 / N_DRAWS)));
    /* Delay frequencies: each binomial(N, p_d); no mass where the distribution has none. */
    for (int d = 0; d < 4; d++) {
        char what[32];
        snprintf(what, sizeof what, "delay %d frequency", d);
        CU_ASSERT(within_4se(what, (double) n_delay[d] / N_DRAWS, delay[d],
                             sqrt(delay[d] * (1 - delay[d]) / N_DRAWS)));
    }
    CU_ASSERT_EQUAL(n_delay[2], 0);
    for (int d = 4; d <= MAX_DELAY + 1; d++)
        CU_ASSERT_EQUAL(n_delay[d], 0);
    /* Share uniform in [0.4, 1]: mean 0.7, sd 0.6 / sqrt(12). */
    CU_ASSERT(lo >= pmin);
    CU_ASSERT(hi <= 1);
    CU_ASSERT(lo < pmin + 0.001); /* the whole interval is used */
    CU_ASSERT(hi > 1 - 0.001);
    CU_ASSERT(within_4se("mean share", sum_share / N_DRAWS, (1 + pmin) / 2,
                         (1 - pmin) / sqrt(12.0) / sqrt((double) N_DRAWS)));
    gsl_rng_free(r);
}

static void
test_mc_draw_plan_edge_cases(void)
{
    const double on_time[1] = {1}, late5[6] = {0, 0, 0, 0, 0, 1};
    const phase_spec certain = phase(1, on_time, 1), never = phase(0, on_time, 1),
                     slow = phase(1, late5, 6);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int bad_certain = 0, bad_never = 0, bad_slow = 0, bad_share = 0;

    CU_ASSERT_FATAL(r != NULL);
    gsl_rng_set(r, 5);
    for (int i = 0; i < 10000; i++) {
        unsigned char ok;
        int d;
        double share;
        mc_draw_plan(r, &certain, 1.0, &ok, &d, &share);
        bad_certain += ok != 1 || d != 0;
        bad_share += share != 1.0; /* partial_min 1: exactly all units */
        mc_draw_plan(r, &never, 1.0, &ok, &d, &share);
        bad_never += ok != 0;
        mc_draw_plan(r, &slow, 1.0, &ok, &d, &share);
        bad_slow += ok != 1 || d != 5;
        bad_share += share != 1.0;
    }
    CU_ASSERT_EQUAL(bad_certain, 0);
    CU_ASSERT_EQUAL(bad_never, 0);
    CU_ASSERT_EQUAL(bad_slow, 0);
    CU_ASSERT_EQUAL(bad_share, 0);
    gsl_rng_free(r);
}

/* Exactly three uniforms per call whatever the phase and partial_min: the next
 * uniform equals the 4th of a fresh generator with the same seed. */
static void
test_mc_draw_plan_consumes_three_uniforms(void)
{
    const double delay[3] = {0.2, 0.5, 0.3}, on_time[1] = {1};
    const phase_spec phs[3] = {phase(0.7, delay, 3), phase(1, on_time, 1), phase(0, on_time, 1)};
    const double pmins[2] = {0.4, 1.0};
    gsl_rng *a = gsl_rng_alloc(gsl_rng_mt19937), *b = gsl_rng_alloc(gsl_rng_mt19937);

    CU_ASSERT_FATAL(a != NULL && b != NULL);
    for (int p = 0; p < 3; p++)
        for (int k = 0; k < 2; k++)
            for (unsigned long seed = 1; seed <= 50; seed++) {
                unsigned char ok;
                int d;
                double share, fourth;
                gsl_rng_set(a, seed);
                gsl_rng_set(b, seed);
                mc_draw_plan(a, &phs[p], pmins[k], &ok, &d, &share);
                for (int i = 0; i < 3; i++)
                    (void) gsl_rng_uniform(b);
                fourth = gsl_rng_uniform(b);
                CU_ASSERT_EQUAL(gsl_rng_uniform(a), fourth);
            }
    gsl_rng_free(a);
    gsl_rng_free(b);
}

static int
cmp_u64(const void *x, const void *y)
{
    const uint64_t a = *(const uint64_t *) x, b = *(const uint64_t *) y;
    return (a > b) - (a < b);
}

static void
test_mc_stream_seed(void)
{
    const unsigned long seeds[5] = {0, 1, 2, 11, 4294967295UL};
    enum { RUNS = 2000 };
    uint64_t *all = xcalloc(5 * RUNS, sizeof *all);
    size_t n = 0, dup = 0, zero = 0;

    for (int s = 0; s < 5; s++)
        for (unsigned long i = 0; i < RUNS; i++) {
            const uint64_t z = mc_stream_seed(seeds[s], i);
            zero += z == 0;
            /* deterministic */
            CU_ASSERT_EQUAL(z, mc_stream_seed(seeds[s], i));
            /* neighbouring runs and seeds differ */
            CU_ASSERT_NOT_EQUAL(z, mc_stream_seed(seeds[s], i + 1));
            CU_ASSERT_NOT_EQUAL(z, mc_stream_seed(seeds[s] + 1, i));
            if (i > 0)
                CU_ASSERT_NOT_EQUAL(z, mc_stream_seed(seeds[s] + 1, i - 1));
            all[n++] = z;
        }
    /* no collisions over 5 seeds x 2000 runs (seeds 1 and 2 are neighbours) */
    qsort(all, n, sizeof *all, cmp_u64);
    for (size_t i = 1; i < n; i++)
        dup += all[i] == all[i - 1];
    CU_ASSERT_EQUAL(dup, 0);
    CU_ASSERT_EQUAL(zero, 0);
    free(all);
}

/* ---- exact quantiles by selection: R's values, and a sort's bits ---- */

static int
cmp_dbl(const void *a, const void *b)
{
    const double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static void
test_mc_quantiles_select(void)
{
    /* R: quantile(c(7, 1, 10, 4, 2, 9, 3, 8, 6, 5), c(0.1, 0.5, 0.9)) = 1.9 5.5 9.1 */
    double ten[10] = {7, 1, 10, 4, 2, 9, 3, 8, 6, 5}, v[3], w[3];
    const double p[3] = {0.1, 0.5, 0.9}, ends[2] = {0, 1};
    double nan_[3] = {1, NAN, 2};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

    CU_ASSERT_FATAL(mc_quantiles_select(ten, 10, p, 3, v));
    ASSERT_CLOSE(v[0], 1.9, 1e-15);
    ASSERT_CLOSE(v[1], 5.5, 1e-15);
    ASSERT_CLOSE(v[2], 9.1, 1e-15);
    CU_ASSERT_FATAL(mc_quantiles_select(ten, 10, ends, 2, v));
    CU_ASSERT(v[0] == 1 && v[1] == 10);
    CU_ASSERT_FALSE(mc_quantiles_select(nan_, 3, p, 3, v)); /* left to the sort */
    CU_ASSERT(nan_[0] == 1 && isnan(nan_[1]) && nan_[2] == 2);
    /* Against a sort, bit for bit: sizes 1 to 60 and 1000, with and without ties. */
    for (size_t m = 1; m <= 61; m++) {
        const size_t n = m <= 60 ? m : 1000;
        for (int ties = 0; ties < 2; ties++) {
            double *x = xcalloc(n, sizeof *x), *y = xcalloc(n, sizeof *y);
            for (size_t i = 0; i < n; i++)
                x[i] = y[i] = ties ? (double) gsl_rng_uniform_int(r, 4)
                                   : gsl_ran_gaussian(r, 100) + 60000;
            qsort(y, n, sizeof *y, cmp_dbl);
            for (int k = 0; k < 3; k++)
                w[k] = mc_quantile_exact(y, n, p[k]);
            CU_ASSERT_FATAL(mc_quantiles_select(x, n, p, 3, v));
            CU_ASSERT(memcmp(v, w, sizeof v) == 0);
            free(x);
            free(y);
        }
    }
    gsl_rng_free(r);
}

/* ---- quantiles against values worked out by hand ---- */

static void
test_mc_quantiles_known_values(void)
{
    const double ten[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, two[2] = {10, 20}, one[1] = {7};
    uint32_t *h = xcalloc(MC_BINS + 2, sizeof *h);

    /* R: quantile(1:10, c(0.1, 0.5, 0.9)) = 1.9 5.5 9.1 (type 7, h = (n - 1) p) */
    ASSERT_CLOSE(mc_quantile_exact(ten, 10, 0.1), 1.9, 1e-15);
    ASSERT_CLOSE(mc_quantile_exact(ten, 10, 0.5), 5.5, 1e-15);
    ASSERT_CLOSE(mc_quantile_exact(ten, 10, 0.9), 9.1, 1e-15);
    ASSERT_CLOSE(mc_quantile_exact(two, 2, 0.25), 12.5, 1e-15);
    CU_ASSERT_EQUAL(mc_quantile_exact(ten, 10, 0), 1);
    CU_ASSERT_EQUAL(mc_quantile_exact(ten, 10, 1), 10);
    CU_ASSERT_EQUAL(mc_quantile_exact(one, 1, 0.5), 7);
    /* 10 values: 2 in [0, 1), 3 in [1, 2), 5 in [2, 3) (bins of width 1 from 0).
     * p 0.1: 1 value into the first bin of 2 -> 0.5; p 0.5: the 5th value closes
     * the second bin -> 2.0; p 0.9: 4 of the third bin's 5 -> 2.8. */
    h[1] = 2;
    h[2] = 3;
    h[3] = 5;
    ASSERT_CLOSE(mc_quantile_hist(h, 0, 1, 0.2, 2.9, 10, 0.1), 0.5, 1e-15);
    ASSERT_CLOSE(mc_quantile_hist(h, 0, 1, 0.2, 2.9, 10, 0.5), 2.0, 1e-15);
    ASSERT_CLOSE(mc_quantile_hist(h, 0, 1, 0.2, 2.9, 10, 0.9), 2.8, 1e-15);
    /* clamped to the values seen; the outer bins give the minimum and maximum */
    ASSERT_CLOSE(mc_quantile_hist(h, 0, 1, 0.7, 2.9, 10, 0.1), 0.7, 1e-15);
    h[0] = 10;
    h[MC_BINS + 1] = 10;
    ASSERT_CLOSE(mc_quantile_hist(h, 0, 1, -3, 9, 30, 0.1), -3, 1e-15);
    ASSERT_CLOSE(mc_quantile_hist(h, 0, 1, -3, 9, 30, 0.9), 9, 1e-15);
    /* the same 10 values shifted: lo -5, width 0.5 -> p 0.5 at -5 + 0.5 x 2 = -4 */
    h[0] = h[MC_BINS + 1] = 0;
    ASSERT_CLOSE(mc_quantile_hist(h, -5, 0.5, -6, 0, 10, 0.5), -4, 1e-15);
    free(h);
}

/* ---- model runs ---- */

typedef struct {
    scenario s;
    projection_cache cache;
    diag d;
} run;

/* The deterministic pipeline before Monte Carlo, as landstad run does it. */
static int
run_load(run *r, const char *path)
{
    int ret;

    memset(r, 0, sizeof *r);
    diag_init(&r->d);
    ret = scenario_load(&r->s, path, &r->d);
    if (ret == LS_OK)
        ret = scenario_calibrate(&r->s, &r->d);
    if (ret == LS_OK)
        ret = scenario_run(&r->s, &r->d);
    if (ret == LS_OK)
        ret = projection_cache_build(&r->cache, &r->s.m);
    if (ret != LS_OK)
        diag_print(&r->d, stderr);
    return ret;
}

static void
run_free(run *r)
{
    projection_cache_free(&r->cache);
    scenario_free(&r->s);
    diag_free(&r->d);
}

static int
run_fixture(run *r)
{
    char *path = test_src("tests/data/housing/model.yaml");
    int ret = run_load(r, path);
    free(path);
    return ret;
}

/* pilot 0: the default (1000). */
static int
mc_go_pilot(mc *M, const run *r, unsigned long runs, unsigned long seed, unsigned threads,
            size_t pilot)
{
    mc_options o;
    int ret;

    memset(&o, 0, sizeof o);
    o.runs = runs;
    o.seed = seed;
    o.threads = threads;
    o.pilot = pilot;
    ret = mc_init(M, &r->s.m, &r->s.tt, &r->s.po, &r->cache, &o);
    if (ret == LS_OK)
        ret = mc_start(M);
    if (ret == LS_OK)
        ret = mc_finish(M);
    return ret;
}

static int
mc_go(mc *M, const run *r, unsigned long runs, unsigned long seed, unsigned threads)
{
    return mc_go_pilot(M, r, runs, seed, threads, 0);
}

/* The index of the row of target `id` for `scope`, or (size_t) -1. */
static size_t
row_of(const run *r, const char *id, const char *scope)
{
    for (size_t i = 0; i < r->s.tt.n; i++)
        if (strcmp(r->s.tt.row[i].t->id, id) == 0 && strcmp(r->s.tt.row[i].scope, scope) == 0)
            return i;
    fprintf(stderr, "    no row %s %s\n", id, scope);
    return (size_t) -1;
}

/* Bitwise equality of every result of two runs of the same model. */
static int
mc_same(const mc *a, const mc *b)
{
    const size_t n = a->tt->n;
    if (a->Q != b->Q)
        return 0;
    return memcmp(a->summary, b->summary, a->Q * sizeof *a->summary) == 0
           && memcmp(a->probability, b->probability, n * sizeof *a->probability) == 0
           && memcmp(a->extra80, b->extra80, n * sizeof *a->extra80) == 0
           && memcmp(a->extra90, b->extra90, n * sizeof *a->extra90) == 0;
}

/* min <= p10 <= p50 <= p90 <= max for every quantity; the mean within [min, max]
 * up to the fixed-point resolution of the sums (2^-16 per run). Returns the number
 * of quantities that break it. */
static size_t
mc_disordered(const mc *M)
{
    size_t bad = 0;
    for (size_t q = 0; q < M->Q; q++) {
        const mc_summary *s = &M->summary[q];
        const double tol = 1.0 / 65536;
        if (!(s->min <= s->p10 && s->p10 <= s->p50 && s->p50 <= s->p90 && s->p90 <= s->max
              && s->mean >= s->min - tol && s->mean <= s->max + tol)) {
            if (bad < 5)
                fprintf(stderr, "    quantity %zu: min %g p10 %g p50 %g p90 %g max %g mean %g\n",
                        q, s->min, s->p10, s->p50, s->p90, s->max, s->mean);
            bad++;
        }
    }
    return bad;
}

static void
test_mc_same_seed_same_results(void)
{
    run r;
    mc a, b, c;

    CU_ASSERT_EQUAL_FATAL(run_fixture(&r), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_go(&a, &r, 300, 7, 2), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_go(&b, &r, 300, 7, 2), LS_OK);
    CU_ASSERT(mc_same(&a, &b));
    /* Another seed changes something (P2 is realised about half the time). */
    CU_ASSERT_EQUAL_FATAL(mc_go(&c, &r, 300, 8, 2), LS_OK);
    CU_ASSERT(!mc_same(&a, &c));
    CU_ASSERT(memcmp(a.probability, c.probability, r.s.tt.n * sizeof *a.probability) != 0);
    mc_free(&a);
    mc_free(&b);
    mc_free(&c);
    run_free(&r);
}

/* 1 vs 2 threads, below the pilot (exact quantiles) and above it (histograms). */
static void
threads_agree(unsigned long runs)
{
    run r;
    mc one, two;

    CU_ASSERT_EQUAL_FATAL(run_fixture(&r), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_go(&one, &r, runs, 11, 1), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_go(&two, &r, runs, 11, 2), LS_OK);
    CU_ASSERT_EQUAL(one.n_pilot, runs < 1000 ? runs : 1000);
    CU_ASSERT(mc_same(&one, &two));
    CU_ASSERT_EQUAL(mc_disordered(&one), 0);
    CU_ASSERT_EQUAL(mc_disordered(&two), 0);
    /* Every run is counted once in every quantity's histogram (pilot included)
     * above the pilot; below it the histograms are unused. */
    {
        size_t bad = 0;
        for (size_t q = 0; q < one.Q; q++) {
            uint64_t total = 0;
            for (size_t b = 0; b < MC_BINS + 2; b++)
                total += one.hist[q * (MC_BINS + 2) + b];
            bad += total != (runs > 1000 ? runs : 0);
        }
        CU_ASSERT_EQUAL(bad, 0);
    }
    /* Probabilities are counts over the runs. */
    for (size_t i = 0; i < r.s.tt.n; i++) {
        const double k = one.probability[i] * (double) runs;
        CU_ASSERT(one.probability[i] >= 0 && one.probability[i] <= 1);
        CU_ASSERT(fabs(k - round(k)) < 1e-6);
    }
    mc_free(&one);
    mc_free(&two);
    run_free(&r);
}

static void
test_mc_threads_exact_quantiles(void)
{
    threads_agree(300);
}

static void
test_mc_threads_histogram(void)
{
    threads_agree(1500);
}

/* Run i depends on (seed, i) only: the first 300 runs of a 1500-run Monte Carlo are
 * those of a 300-run one. And the fixture's probabilities by hand: P1 (10 in 2022)
 * is certain, P2 (6 in C, 2029) is realised with p 0.5 and lands in 2029 or 2030:
 *   cum_2022_2028 (10): met by P1 alone in every run -> 1
 *   cum_2022_2029 (20): at most 16 -> 0
 *   cum_2022_2030 (13): met iff P2 is realised -> 0.5 (binomial) */
static void
test_mc_runs_and_fixture_probabilities(void)
{
    run r;
    mc a, b;
    size_t i28, i29, i30;

    CU_ASSERT_EQUAL_FATAL(run_fixture(&r), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_go(&a, &r, 300, 5, 2), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_go(&b, &r, 1500, 5, 2), LS_OK);
    CU_ASSERT_EQUAL_FATAL(a.Q, b.Q);
    CU_ASSERT(memcmp(a.pilot, b.pilot, 300 * a.Q * sizeof *a.pilot) == 0);
    CU_ASSERT(memcmp(a.store_rows, b.store_rows, 300 * a.row_width * sizeof *a.store_rows) == 0);
    CU_ASSERT(memcmp(a.chunk_ok, b.chunk_ok, 300 * (size_t) MC_MAX_CHUNKS) == 0);
    CU_ASSERT(memcmp(a.chunk_delay, b.chunk_delay, 300 * (size_t) MC_MAX_CHUNKS) == 0);
    i28 = row_of(&r, "cum_2022_2028", "municipality");
    i29 = row_of(&r, "cum_2022_2029", "municipality");
    i30 = row_of(&r, "cum_2022_2030", "municipality");
    CU_ASSERT_FATAL(i28 != (size_t) -1 && i29 != (size_t) -1 && i30 != (size_t) -1);
    CU_ASSERT_EQUAL(b.probability[i28], 1.0);
    CU_ASSERT_EQUAL(b.probability[i29], 0.0);
    CU_ASSERT(within_4se("P(cum_2022_2030)", b.probability[i30], 0.5, sqrt(0.25 / 1500)));
    /* Each run's value of cum_2022_2030 is 10 or 16. */
    CU_ASSERT_EQUAL(b.summary[b.off_rows + i30].min, 10.0);
    CU_ASSERT_EQUAL(b.summary[b.off_rows + i30].max, 16.0);
    mc_free(&a);
    mc_free(&b);
    run_free(&r);
}

/* The mortality level of each run has mean 1 (lognormal with sd 0.2 on the log
 * scale: mean exp(mu + 0.02) = 1), so the mean population after one step is the
 * deterministic one: in the second world (tests/data/housing2, only the mortality
 * level uncertain) the population of 1 January 2022 is linear in the level X:
 * P(X) = P(1) + k (X - 1), k = -(dA + dB) with the deaths at level 1 of ages 0, 1
 * and 2+ and the girls the survivors bear: A 1 + 6 + 10 + 0.1 x 16 / 4.1,
 * B 0.4 + 0.8 + 10 + 0.1 x 10.8 / 4.1: k = -28.8536585. sd(P) = |k| sd(X),
 * sd(X) = sqrt(exp(0.04) - 1). A level drawn as 1/X would have mean exp(0.04) and
 * move the mean by k x 0.0408 = -1.18, 9 standard errors at 2000 runs. */
static void
test_mc_mortality_level_mean_one(void)
{
    const double k = -(1 + 6 + 10 + 1.6 / 4.1 + 0.4 + 0.8 + 10 + 1.08 / 4.1);
    const double sdx = sqrt(exp(0.04) - 1);
    enum { RUNS = 2000 };
    char *path = test_src("tests/data/housing2/uncertain.yaml");
    run r;
    mc M;

    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_go(&M, &r, RUNS, 17, 2), LS_OK);
    {
        const size_t muni = r.s.m.n_areas + r.s.m.n_tiers;
        const mc_summary *s = &M.summary[mc_index_population(&M, VIEW_TREND, 1, muni)];
        const double det = projection_total(r.s.trend, 1);
        CU_ASSERT(within_4se("mean population 2022", s->mean, det, fabs(k) * sdx / sqrt(RUNS)));
        /* and the spread is that of the level: p90 - p10 = |k| (q90 - q10) of X */
        ASSERT_CLOSE(s->p90 - s->p10,
                     fabs(k) * (exp(-0.02 + 0.2 * 1.2815516) - exp(-0.02 - 0.2 * 1.2815516)),
                     0.06);
    }
    mc_free(&M);
    run_free(&r);
    free(path);
}

/* ---- variants of the fixture ---- */

static const char *variant_head =
    "name: mc-variant\n"
    "base_year: 2021\n"
    "horizon: 2031\n"
    "ages: {width: 1, open: 2}\n"
    "sexes: [F]\n"
    "geography:\n"
    "  municipality: Mini\n"
    "  kernen: @DIR@/kernen.csv\n"
    "  tiers: [town, rural]\n"
    "population: @DIR@/population.csv\n"
    "mortality: {survival: @DIR@/survival.csv}\n"
    "fertility: {asfr: @DIR@/asfr.csv}\n"
    "households:\n"
    "  headship: @DIR@/headship.csv\n"
    "  base: @DIR@/households.csv\n"
    "dwellings:\n"
    "  stock: @DIR@/dwellings.csv\n"
    "  vacancy: 0\n"
    "coupling:\n"
    "  movers: @DIR@/movers.csv\n"
    "  in_movers: @DIR@/in_movers.csv\n"
    "  fill_rate: 1\n"
    "  max_distance_km: 10\n"
    "output: {plots: false}\n";

static const char *plans_header =
    "plan_id,name,kern,units,segment,phase,first_year,last_year,demolitions\n";

/* Writes NAME.yaml (and NAME.plans.csv when plans != NULL; else the fixture's plans)
 * with the given phases lines, uncertainty lines (may be "") and targets lines.
 * Returns the model path; caller frees. */
static char *
write_variant(const char *name, const char *phases, const char *uncertainty,
              const char *plans, const char *targets)
{
    char *dir = test_src("tests/data/housing");
    char *file, *plans_path, *path;
    strbuf b;

    if (plans != NULL) {
        char *pf = xasprintf("%s.plans.csv", name);
        strbuf_init(&b);
        strbuf_add(&b, plans_header, strlen(plans_header));
        strbuf_add(&b, plans, strlen(plans));
        plans_path = test_write(pf, b.s);
        strbuf_free(&b);
        free(pf);
    } else
        plans_path = xasprintf("%s/plans.csv", dir);
    strbuf_init(&b);
    for (const char *s = variant_head, *q; *s != '\0'; s = q + 5) {
        q = strstr(s, "@DIR@");
        if (q == NULL) {
            strbuf_add(&b, s, strlen(s));
            break;
        }
        strbuf_add(&b, s, (size_t) (q - s));
        strbuf_add(&b, dir, strlen(dir));
    }
    strbuf_printf(&b, "pipeline:\n  plans: %s\n  phases:\n%s", plans_path, phases);
    if (*uncertainty != '\0')
        strbuf_printf(&b, "uncertainty:\n%s", uncertainty);
    strbuf_printf(&b, "targets:\n%s", targets);
    file = xasprintf("%s.yaml", name);
    path = test_write(file, b.s);
    strbuf_free(&b);
    free(file);
    free(plans_path);
    free(dir);
    return path;
}

/* The own need in the runs (a target beyond it switches it on). The fixture has no
 * migration, so the own need is the trend view: in every run from outside equals
 * today's measure (beyond the trend) and the own growth is the trend's, 0 (21
 * households every year); the plans (soft: half realised, half a year late) still
 * make the runs differ. */
static void
test_mc_own_need_without_migration(void)
{
    char *path = write_variant(
        "mc_own_need",
        "    permit: {probability: 1, delay: {0: 1}, source: test}\n"
        "    soft: {probability: 0.5, delay: {0: 0.5, 1: 0.5}, source: test}\n",
        "", NULL,
        "  - {id: own, measure: regional_beyond_own_need, scope: municipality, window: {at: 2031}, threshold: 14, source: test}\n"
        "  - {id: trend, measure: regional_contribution, scope: municipality, window: {at: 2031}, threshold: 14, source: test}\n");
    run r;
    mc M;
    size_t own, trend;

    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_OK);
    own = row_of(&r, "own", "municipality");
    trend = row_of(&r, "trend", "municipality");
    CU_ASSERT_FATAL(own != (size_t) -1 && trend != (size_t) -1);
    ASSERT_CLOSE(r.s.tt.row[own].expected, r.s.tt.row[trend].expected, 1e-9);
    CU_ASSERT_EQUAL_FATAL(mc_go(&M, &r, 200, 5, 2), LS_OK);
    CU_ASSERT_EQUAL(M.own_need, 1);
    CU_ASSERT_EQUAL(M.probability[own], M.probability[trend]);
    CU_ASSERT(M.summary[M.off_rows + own].max > M.summary[M.off_rows + own].min);
    for (size_t y = 0; y < M.n_years; y++) {
        const mc_summary *a = &M.summary[mc_index_from_outside(&M, y)];
        const mc_summary *b = &M.summary[mc_index_regional(&M, y)];
        const mc_summary *g = &M.summary[mc_index_own_growth(&M, y)];
        ASSERT_CLOSE(a->p10, b->p10, 1e-9);
        ASSERT_CLOSE(a->p90, b->p90, 1e-9);
        ASSERT_CLOSE(a->mean, b->mean, 1e-4);
        ASSERT_CLOSE(g->min, 0, 1e-9);
        ASSERT_CLOSE(g->max, 0, 1e-9);
    }
    mc_free(&M);
    run_free(&r);
    free(path);
}

/* Every plan certain and on time. Plans: the fixture's P1 (B, 10 in 2022) and P2
 * (C, 6 in 2029, 2 demolitions), and P3 (A, 10 over 2023-2025: 10/3 a year, not a
 * multiple of the 2^-16 fixed point of the means). 26 units in 2022-2029.
 *   fits:    2022-2029, 25 required -> met in every run; no extra needed
 *   too_big: 2021-2030, 27 required, 26 possible -> met in no run; the solver's
 *            plans are certain and on time too (soft), in chunks of
 *            max(1, round(27 / 10)) = 3 units, so one chunk does it: 3 and 3. */
static void
test_mc_certain_plans(void)
{
    char *path = write_variant(
        "mc_certain",
        "    permit: {probability: 1, delay: {0: 1}, source: test}\n"
        "    soft: {probability: 1, delay: {0: 1}, source: test}\n",
        "",
        "P1,B extension,B,10,owner,permit,2022,2022,0\n"
        "P2,C infill,C,6,mixed,soft,2029,2029,2\n"
        "P3,A infill,A,10,mixed,soft,2023,2025,0\n",
        "  - {id: fits, measure: completions, scope: municipality, window: {from: 2022, to: 2029}, threshold: 25, source: test}\n"
        "  - {id: too_big, measure: completions, scope: municipality, window: {from: 2021, to: 2030}, threshold: 27, source: test}\n"
        "  - {id: fits_each_year, measure: completions, scope: municipality, window: {annual: [2023, 2025]}, threshold: 3.3, source: test}\n");
    run r;
    mc M;
    size_t fits, too_big, annual;
    const double fixed = 1.0 / 65536;

    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_OK);
    fits = row_of(&r, "fits", "municipality");
    too_big = row_of(&r, "too_big", "municipality");
    annual = row_of(&r, "fits_each_year", "municipality");
    CU_ASSERT_FATAL(fits != (size_t) -1 && too_big != (size_t) -1 && annual != (size_t) -1);
    ASSERT_CLOSE(r.s.tt.row[fits].expected, 26, 1e-14);
    ASSERT_CLOSE(r.s.tt.row[too_big].expected, 26, 1e-14);
    CU_ASSERT_EQUAL_FATAL(mc_go(&M, &r, 300, 3, 2), LS_OK);
    CU_ASSERT_EQUAL(M.probability[fits], 1.0);
    CU_ASSERT_EQUAL(M.probability[annual], 1.0);
    CU_ASSERT_EQUAL(M.probability[too_big], 0.0);
    CU_ASSERT_EQUAL(M.extra80[fits], 0.0);
    CU_ASSERT_EQUAL(M.extra90[fits], 0.0);
    CU_ASSERT_EQUAL(M.extra80[too_big], 3.0);
    CU_ASSERT_EQUAL(M.extra90[too_big], 3.0);
    /* The target's value in every run is the deterministic one. */
    {
        const mc_summary *s = &M.summary[M.off_rows + fits];
        ASSERT_CLOSE(s->min, 26, 1e-14);
        ASSERT_CLOSE(s->max, 26, 1e-14);
        ASSERT_CLOSE(s->p50, 26, 1e-14);
    }
    /* Completions of every kern, tier and the municipality in every year: the MC
     * mean is the deterministic expectation (exactly, where it is a multiple of the
     * fixed point 2^-16; else within half of it), and so are the quantiles. */
    {
        const size_t n = r.s.m.n_areas, T = r.s.m.n_tiers, Y = M.n_years;
        size_t inexact = 0;
        for (size_t y = 0; y < Y; y++) {
            double want[16] = {0};
            CU_ASSERT_FATAL(n + T + 1 <= 16);
            for (size_t a = 0; a < n; a++) {
                const double x = r.s.h.completions[y * n + a];
                want[a] = x;
                want[n + r.s.m.area_tier[a]] += x;
                want[n + T] += x;
            }
            for (size_t ref = 0; ref < n + T + 1; ref++) {
                const mc_summary *s = &M.summary[mc_index_completions(&M, y, ref)];
                const double w = want[ref];
                if (w * 65536 == round(w * 65536)) {
                    CU_ASSERT_EQUAL(s->mean, w);
                } else {
                    CU_ASSERT(fabs(s->mean - w) <= fixed / 2);
                    inexact++;
                }
                CU_ASSERT_EQUAL(s->min, w);
                CU_ASSERT_EQUAL(s->max, w);
                CU_ASSERT_EQUAL(s->p10, w);
                CU_ASSERT_EQUAL(s->p90, w);
            }
        }
        CU_ASSERT(inexact > 0); /* P3's 10/3 a year was exercised */
        /* B's 10 in 2022 and C's 6 in 2029 exactly. */
        CU_ASSERT_EQUAL(M.summary[mc_index_completions(&M, 1, 1)].mean, 10.0);
        CU_ASSERT_EQUAL(M.summary[mc_index_completions(&M, 8, 2)].mean, 6.0);
        CU_ASSERT_EQUAL(M.summary[mc_index_completions(&M, 8, n + T)].mean, 6.0);
    }
    mc_free(&M);
    run_free(&r);
    free(path);
}

/* ---- the capacity solver, checked by re-running with its extra plans ---- */

static const char *solver_phases =
    "    permit: {probability: 1, delay: {0: 1}, source: test}\n"
    "    soft: {probability: 0.55, delay: {0: 0.5, 1: 0.3, 2: 0.2}, source: test}\n"
    "    idea: {probability: 0.3, delay: {0: 0.5, 2: 0.5}, source: test}\n";

static const char *solver_uncertainty =
    "  extra_capacity_phase: soft\n"
    "  fertility_sd: 0.05\n"
    "  source: test\n";

static const char *solver_plans =
    "P1,B now,B,10,owner,permit,2023,2023,0\n"
    "S1,A west,A,20,owner,soft,2023,2024,0\n"
    "S2,B east,B,15,mixed,soft,2025,2025,0\n"
    "S3,C south,C,20,rent,soft,2026,2027,1\n"
    "I1,B north,B,10,owner,idea,2024,2024,0\n";

static const char *solver_targets =
    "  - {id: cum, measure: completions, scope: municipality, window: {from: 2023, to: 2027}, threshold: 60, source: test}\n"
    "  - {id: each_year, measure: completions, scope: municipality, window: {annual: [2024, 2026]}, threshold: 12, source: test}\n";

enum { SOLVER_SEED = 42 };

/* P(met) of target `id` (municipality) when `k` extra plans of `size` units in the
 * extra phase, planned evenly over from..to, follow the solver variant's plans. */
static double
p_with_extra(const char *id, unsigned long runs, int k, double size, int from, int to)
{
    strbuf plans;
    char *path, *name;
    run r;
    mc M;
    size_t i;
    double p = -1;

    strbuf_init(&plans);
    strbuf_add(&plans, solver_plans, strlen(solver_plans));
    for (int j = 0; j < k; j++) {
        char pid[32];
        mc_chunk_id((size_t) j, pid, sizeof pid);
        strbuf_printf(&plans, "%s,extra %d,%s,%.17g,mixed,soft,%d,%d,0\n", pid, j + 1,
                      j % 2 ? "C" : "A", size, from, to);
    }
    name = xasprintf("mc_solver_%s_%lu_%d", id, runs, k);
    path = write_variant(name, solver_phases, solver_uncertainty, plans.s, solver_targets);
    strbuf_free(&plans);
    if (run_load(&r, path) != LS_OK) {
        CU_FAIL("variant with extra plans does not load");
        goto out;
    }
    CU_ASSERT_EQUAL(r.s.m.n_plans, 5 + (size_t) k);
    i = row_of(&r, id, "municipality");
    if (i == (size_t) -1 || mc_go(&M, &r, runs, SOLVER_SEED, 2) != LS_OK) {
        CU_FAIL("Monte Carlo run with extra plans");
        run_free(&r);
        goto out;
    }
    p = M.probability[i];
    mc_free(&M);
    run_free(&r);
out:
    free(path);
    free(name);
    return p;
}

static void
solver_rerun(const char *id, unsigned long runs)
{
    char *path = write_variant("mc_solver", solver_phases, solver_uncertainty, solver_plans,
                               solver_targets);
    run r;
    mc M;
    size_t i;
    double size, extra[2], p0;
    int from, to;
    const double level[2] = {0.8, 0.9};

    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_OK);
    i = row_of(&r, id, "municipality");
    CU_ASSERT_FATAL(i != (size_t) -1);
    CU_ASSERT_EQUAL_FATAL(r.s.spec.extra_phase, PHASE_SOFT);
    CU_ASSERT_FATAL(r.s.spec.partial_min_share == 1.0);
    CU_ASSERT_EQUAL_FATAL(mc_go(&M, &r, runs, SOLVER_SEED, 2), LS_OK);
    p0 = M.probability[i];
    extra[0] = M.extra80[i];
    extra[1] = M.extra90[i];
    fprintf(stderr, "\n    %s, %lu runs: P(met) %.4f, extra80 %g, extra90 %g\n", id, runs, p0,
            extra[0], extra[1]);
    CU_ASSERT_FATAL(p0 < 0.8); /* the plans are uncertain enough */
    CU_ASSERT(isfinite(extra[0]) && isfinite(extra[1]));
    CU_ASSERT(extra[0] > 0 && extra[1] >= extra[0]);
    /* The solver's chunk size. */
    size = mc_extra_plan_size(&M, i);
    from = r.s.tt.row[i].t->from;
    to = r.s.tt.row[i].t->to;
    mc_free(&M);
    run_free(&r);
    free(path);

    for (int l = 0; l < 2; l++) {
        const int k = (int) (extra[l] / size);
        double p;
        if (!isfinite(extra[l]))
            continue;
        CU_ASSERT_EQUAL(k * size, extra[l]); /* whole chunks */
        CU_ASSERT(k <= MC_MAX_CHUNKS);
        p = p_with_extra(id, runs, k, size, from, to);
        fprintf(stderr, "    %s: %d extra plans of %g -> P(met) %.4f (want >= %.1f)\n", id, k,
                size, p, level[l]);
        CU_ASSERT(p >= level[l]);
        if (k > 0) {
            p = p_with_extra(id, runs, k - 1, size, from, to);
            fprintf(stderr, "    %s: %d extra plans of %g -> P(met) %.4f (want < %.1f)\n", id,
                    k - 1, size, p, level[l]);
            CU_ASSERT(p >= 0 && p < level[l]);
        }
    }
}

/* Cumulative 2023-2027, 60 required: chunks of max(1, round(6)) = 6 units. With
 * 2000 runs (above the pilot) and few runs, where the order statistic the solver
 * picks (ceil(0.8 S) - 1) decides the answer rather than ties among the runs. */
static void
test_mc_solver_rerun_cumulative(void)
{
    solver_rerun("cum", 2000);
    solver_rerun("cum", 10);
    solver_rerun("cum", 37);
}

/* Annual 2024-2026, 12 a year: the same check where every year must reach it;
 * chunks of 1 unit, so the runs rarely tie. */
static void
test_mc_solver_rerun_annual(void)
{
    solver_rerun("each_year", 2000);
    solver_rerun("each_year", 10);
    solver_rerun("each_year", 37);
}

/* The histogram path against exact quantiles of the same 3000 runs (a pilot of
 * 3000 keeps them all): with partial realisation (shares uniform in [0.2, 1]) the
 * completions are continuous, and every p10, p50 and p90 of the targets' values
 * and of the municipal completions must be within two bin widths of the exact
 * one. Means, minima, maxima and probabilities do not depend on the path. */
static void
test_mc_histogram_quantiles_near_exact(void)
{
    char *path = write_variant("mc_partial", solver_phases,
                               "  partial_min_share: 0.2\n  source: test\n", solver_plans,
                               solver_targets);
    run r;
    mc h, x;
    size_t checked = 0, bad = 0;
    double worst = 0;

    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_go_pilot(&h, &r, 3000, 17, 2, 0), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_go_pilot(&x, &r, 3000, 17, 2, 3000), LS_OK);
    CU_ASSERT_EQUAL_FATAL(h.n_pilot, 1000);
    CU_ASSERT_EQUAL_FATAL(x.n_pilot, 3000);
    CU_ASSERT(memcmp(h.probability, x.probability, r.s.tt.n * sizeof *h.probability) == 0);
    for (size_t q = 0; q < h.Q; q++) {
        const mc_summary *a = &h.summary[q], *b = &x.summary[q];
        const int is_row = q >= h.off_rows;
        const int is_muni_comp =
            q >= h.off_comp && q < h.off_cum && (q - h.off_comp) % h.n_refs == h.n_refs - 1;
        CU_ASSERT_EQUAL(a->mean, b->mean);
        CU_ASSERT_EQUAL(a->min, b->min);
        CU_ASSERT_EQUAL(a->max, b->max);
        if ((is_row || is_muni_comp) && b->max > b->min) {
            const double w = h.width[q];
            const double d[3] = {a->p10 - b->p10, a->p50 - b->p50, a->p90 - b->p90};
            for (int k = 0; k < 3; k++) {
                if (fabs(d[k]) / w > worst)
                    worst = fabs(d[k]) / w;
                if (fabs(d[k]) > 2 * w) {
                    if (bad < 5)
                        fprintf(stderr, "    quantity %zu, quantile %d: histogram %g, exact %g, "
                                        "bin width %g\n",
                                q, k, k == 0 ? a->p10 : k == 1 ? a->p50 : a->p90,
                                k == 0 ? b->p10 : k == 1 ? b->p50 : b->p90, w);
                    bad++;
                }
            }
            checked++;
        }
    }
    fprintf(stderr, "\n    %zu quantities compared; largest difference %.3f bin widths\n",
            checked, worst);
    CU_ASSERT(checked >= 6);
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(mc_disordered(&h), 0);
    mc_free(&h);
    mc_free(&x);
    run_free(&r);
    free(path);
}

/* The extra phase always slips 5 years: nothing planned in a 2-year window can be
 * delivered in it, so no extra capacity meets the target: INFINITY. A long window
 * keeps part of each chunk, so it stays reachable. Targets without a pipeline
 * measure get NAN. */
static void
test_mc_solver_unreachable(void)
{
    char *path = write_variant(
        "mc_unreachable",
        "    permit: {probability: 1, delay: {0: 1}, source: test}\n"
        "    soft: {probability: 0.5, delay: {0: 0.5, 1: 0.5}, source: test}\n"
        "    idea: {probability: 1, delay: {5: 1}, source: test}\n",
        "  extra_capacity_phase: idea\n"
        "  source: test\n",
        NULL,
        "  - {id: short, measure: completions, scope: municipality, window: {from: 2024, to: 2025}, threshold: 50, source: test}\n"
        "  - {id: short_annual, measure: completions, scope: municipality, window: {annual: [2024, 2025]}, threshold: 5, source: test}\n"
        "  - {id: long, measure: completions, scope: municipality, window: {from: 2022, to: 2030}, threshold: 30, source: test}\n"
        "  - {id: people, measure: population, scope: municipality, window: {at: 2025}, threshold: 100, view: housing_led, source: test}\n");
    run r;
    mc M;
    size_t s, sa, l, pp;

    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_OK);
    s = row_of(&r, "short", "municipality");
    sa = row_of(&r, "short_annual", "municipality");
    l = row_of(&r, "long", "municipality");
    pp = row_of(&r, "people", "municipality");
    CU_ASSERT_FATAL(s != (size_t) -1 && sa != (size_t) -1 && l != (size_t) -1
                    && pp != (size_t) -1);
    CU_ASSERT_EQUAL_FATAL(mc_go(&M, &r, 500, 9, 2), LS_OK);
    CU_ASSERT_EQUAL(M.probability[s], 0.0);
    CU_ASSERT(isinf(M.extra80[s]) && M.extra80[s] > 0);
    CU_ASSERT(isinf(M.extra90[s]) && M.extra90[s] > 0);
    CU_ASSERT_EQUAL(M.probability[sa], 0.0);
    CU_ASSERT(isinf(M.extra80[sa]) && M.extra80[sa] > 0);
    CU_ASSERT(isinf(M.extra90[sa]) && M.extra90[sa] > 0);
    /* 2022-2030: a chunk planned evenly over 9 years delivers 2022-2025's 4/9 in
     * 2027-2030; 10 + 6 x 0.5 is there already: finite, positive. */
    CU_ASSERT(isfinite(M.extra80[l]) && M.extra80[l] > 0);
    CU_ASSERT(isfinite(M.extra90[l]) && M.extra90[l] >= M.extra80[l]);
    CU_ASSERT(isnan(M.extra80[pp]));
    CU_ASSERT(isnan(M.extra90[pp]));
    mc_free(&M);
    run_free(&r);
    free(path);
}

/* Runs projection p (options o) to its horizon; with `counts`, its steps take their
 * migrants as flow arrays even where rates would serve. */
static int
project_totals(projection *p, const model *m, const projection_opts *o, int counts)
{
    int ret = projection_init(p, m, o);
    if (ret != LS_OK)
        return ret;
    if (counts)
        p->rates_ok = 0;
    return projection_finish(p);
}

/* The Monte Carlo's lean steps, whose migrants come from rates and totals inside the
 * clip pass, give every kern's total in every year bit for bit as the steps with flow
 * arrays and as the deterministic projection with all its components do: the
 * shipped model (rates out, totals in, moves between kernen, a history), levels away
 * from one after the history, with and without the zero-migration balance. */
static void
test_mc_lean_steps_same_bits(void)
{
    run r;
    char *path = test_src("models/hardenberg.yaml");
    int ret = run_load(&r, path);
    double *fm;

    free(path);
    CU_ASSERT_EQUAL_FATAL(ret, LS_OK);
    fm = xcalloc(r.s.m.n_flows + 1, sizeof *fm);
    for (size_t k = 0; k < r.s.m.n_flows; k++)
        fm[k] = 0.9 + 0.05 * (double) k;
    for (int zero = 0; zero < 2; zero++) {
        projection lean, counts, full;
        projection_opts o = r.s.po;
        size_t cells;
        o.cache = &r.cache;
        o.fertility_mult = 1.08;
        o.mortality_mult = 0.85;
        o.flow_mult = fm;
        o.zero_migration = zero;
        o.totals_only = 1;
        CU_ASSERT_EQUAL_FATAL(project_totals(&lean, &r.s.m, &o, 0), LS_OK);
        CU_ASSERT(lean.rates_ok);
        CU_ASSERT_EQUAL_FATAL(project_totals(&counts, &r.s.m, &o, 1), LS_OK);
        o.totals_only = 0;
        CU_ASSERT_EQUAL_FATAL(project_totals(&full, &r.s.m, &o, 0), LS_OK);
        CU_ASSERT(!full.rates_ok);
        cells = lean.n_years * r.s.m.n_areas;
        CU_ASSERT(memcmp(lean.totals, counts.totals, cells * sizeof(double)) == 0);
        CU_ASSERT(memcmp(lean.totals, full.totals, cells * sizeof(double)) == 0);
        CU_ASSERT(memcmp(lean.c.pop, full.c.pop, model_cells(&r.s.m) * sizeof(double)) == 0);
        /* and the levels did act: not the run at level one */
        CU_ASSERT(lean.totals[cells - 1] != r.s.h.view[VIEW_TREND].totals[cells - 1]);
        projection_free(&lean);
        projection_free(&counts);
        projection_free(&full);
    }
    free(fm);
    run_free(&r);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_mc_own_need_without_migration", test_mc_own_need_without_migration},
        {"test_mc_lean_steps_same_bits", test_mc_lean_steps_same_bits},
        {"test_mc_draw_plan_distribution", test_mc_draw_plan_distribution},
        {"test_mc_draw_plan_edge_cases", test_mc_draw_plan_edge_cases},
        {"test_mc_draw_plan_consumes_three_uniforms", test_mc_draw_plan_consumes_three_uniforms},
        {"test_mc_stream_seed", test_mc_stream_seed},
        {"test_mc_same_seed_same_results", test_mc_same_seed_same_results},
        {"test_mc_threads_exact_quantiles", test_mc_threads_exact_quantiles},
        {"test_mc_quantiles_known_values", test_mc_quantiles_known_values},
        {"test_mc_quantiles_select", test_mc_quantiles_select},
        {"test_mc_mortality_level_mean_one", test_mc_mortality_level_mean_one},
        {"test_mc_threads_histogram", test_mc_threads_histogram},
        {"test_mc_runs_and_fixture_probabilities", test_mc_runs_and_fixture_probabilities},
        {"test_mc_certain_plans", test_mc_certain_plans},
        {"test_mc_solver_rerun_cumulative", test_mc_solver_rerun_cumulative},
        {"test_mc_solver_rerun_annual", test_mc_solver_rerun_annual},
        {"test_mc_histogram_quantiles_near_exact", test_mc_histogram_quantiles_near_exact},
        {"test_mc_solver_unreachable", test_mc_solver_unreachable},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
