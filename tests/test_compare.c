/* Differences against the base (src/compare.h): paired over the runs, with their
 * Monte Carlo standard errors worked out by hand; and the common random numbers they
 * rest on: a scenario that changes one plan leaves every other plan's draws, and so
 * its completions, identical run by run (planstream.h). */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "planstream.h"
#include "scenario.h"
#include "testlib.h"
#include "util.h"

static void
item(cmp_item *it, const double *value, const unsigned char *met, double expected, double prob)
{
    memset(it, 0, sizeof *it);
    it->n_rows = 1;
    it->row = xcalloc(1, sizeof *it->row);
    it->row[0].target = xstrdup("t");
    it->row[0].scope = xstrdup("municipality");
    it->row[0].place = xstrdup("M");
    it->row[0].expected = expected;
    it->row[0].met = expected >= 3;
    it->row[0].prob = prob;
    it->row[0].mean = 0;
    it->row[0].extra80 = it->row[0].extra90 = NAN;
    it->row[0].kept = 0;
    it->runs = it->kept_runs = 4;
    it->n_kept = 1;
    it->value = xcalloc(4, sizeof *it->value);
    it->met = xcalloc(4, 1);
    memcpy(it->value, value, 4 * sizeof *value);
    memcpy(it->met, met, 4);
    it->name = xstrdup("x");
    it->file = xstrdup("x.yaml");
    it->title = xstrdup("x");
}

/* Runs 1-4: base values 1, 2, 3, 4 and scenario 2, 2, 5, 5: differences 1, 0, 2, 1,
 * mean 1, variance (0 + 1 + 1 + 0) / 3, standard error sqrt(2/3 / 4) = 0.408248.
 * Met: base 0, 0, 1, 1 and scenario 1, 0, 1, 1: differences 1, 0, 0, 0, mean 0.25,
 * variance (0.5625 + 3 x 0.0625) / 3 = 0.25, standard error sqrt(0.25 / 4) = 0.25. */
static void
test_paired(void)
{
    const double vb[4] = {1, 2, 3, 4}, vs[4] = {2, 2, 5, 5};
    const unsigned char mb[4] = {0, 0, 1, 1}, ms[4] = {1, 0, 1, 1};
    comparison c;
    cmp_diff df;

    compare_init(&c);
    c.n = 2;
    c.item = xcalloc(2, sizeof *c.item);
    item(&c.item[0], vb, mb, 2, 0.5);
    item(&c.item[1], vs, ms, 3.5, 0.75);
    compare_diff(&c, 1, 0, &df);
    CU_ASSERT(df.has);
    ASSERT_CLOSE(df.expected, 1.5, 1e-12);
    CU_ASSERT(df.met_changed);
    ASSERT_CLOSE(df.prob, 0.25, 1e-12);
    ASSERT_CLOSE(df.prob_se, 0.25, 1e-12);
    ASSERT_CLOSE(df.mean_se, sqrt(2.0 / 3 / 4), 1e-12);
    /* a row the base lacks has no difference */
    free(c.item[1].row[0].target);
    c.item[1].row[0].target = xstrdup("other");
    compare_diff(&c, 1, 0, &df);
    CU_ASSERT(!df.has);
    CU_ASSERT_EQUAL(compare_base_row(&c, 1, 0), -1);
    compare_free(&c);
}

/* ---------------------------------------------------- common random numbers */

/* A model run deterministically and then with its Monte Carlo runs kept whole. */
typedef struct {
    scenario s;
    projection_cache cache;
    mc M;
    diag d;
} kept;

enum { CRN_RUNS = 400, CRN_SEED = 11 };

static int
kept_run(kept *k, const char *path)
{
    mc_options o;
    int ret;

    memset(k, 0, sizeof *k);
    diag_init(&k->d);
    memset(&o, 0, sizeof o);
    o.runs = CRN_RUNS;
    o.seed = CRN_SEED;
    o.threads = 2;
    o.keep_runs = 1;
    ret = scenario_load(&k->s, path, &k->d);
    if (ret == LS_OK)
        ret = scenario_calibrate(&k->s, &k->d);
    if (ret == LS_OK)
        ret = scenario_run(&k->s, &k->d);
    if (ret == LS_OK)
        ret = projection_cache_build(&k->cache, &k->s.m);
    if (ret == LS_OK)
        ret = mc_init(&k->M, &k->s.m, &k->s.tt, &k->s.po, &k->cache, &o);
    if (ret == LS_OK)
        ret = mc_start(&k->M);
    if (ret == LS_OK)
        ret = mc_finish(&k->M);
    if (ret != LS_OK)
        diag_print(&k->d, stderr);
    return ret;
}

static void
kept_free(kept *k)
{
    mc_free(&k->M);
    projection_cache_free(&k->cache);
    scenario_free(&k->s);
    diag_free(&k->d);
}

/* The kept column of target id's row for scope, or -1. */
static long
kept_col(const kept *k, const char *id, const char *scope)
{
    const mc_runs *R = &k->M.runs;
    for (size_t j = 0; j < R->n_rows; j++) {
        const target_row *r = &k->s.tt.row[R->row[j]];
        if (strcmp(r->t->id, id) == 0 && strcmp(r->scope, scope) == 0)
            return (long) j;
    }
    return -1;
}

static long
plan_at(const model *m, const char *id)
{
    for (size_t i = 0; i < m->n_plans; i++)
        if (strcmp(m->plans[i].id, id) == 0)
            return (long) i;
    return -1;
}

/* Runs whose value of (id, scope) differs between a and b. */
static unsigned long
runs_differing(const kept *a, const kept *b, const char *id, const char *scope)
{
    const long ca = kept_col(a, id, scope), cb = kept_col(b, id, scope);
    unsigned long n = 0;
    if (ca < 0 || cb < 0)
        return CRN_RUNS + 1;
    for (unsigned long r = 0; r < CRN_RUNS; r++)
        n += a->M.runs.value[r * a->M.runs.n_rows + (size_t) ca]
             != b->M.runs.value[r * b->M.runs.n_rows + (size_t) cb];
    return n;
}

/* Runs in which plan `id` drew differently (realised, delay, share) in a and b. */
static unsigned long
draws_differing(const kept *a, const kept *b, const char *id)
{
    const long ia = plan_at(&a->s.m, id), ib = plan_at(&b->s.m, id);
    const mc_runs *A = &a->M.runs, *B = &b->M.runs;
    unsigned long n = 0;
    if (ia < 0 || ib < 0)
        return CRN_RUNS + 1;
    for (unsigned long r = 0; r < CRN_RUNS; r++) {
        const size_t x = r * A->n_plans + (size_t) ia, y = r * B->n_plans + (size_t) ib;
        n += A->ok[x] != B->ok[y] || A->delay[x] != B->delay[y] || A->share[x] != B->share[y];
    }
    return n;
}

static char *
crn_scenario(const char *name, const char *body)
{
    char *base = test_src("tests/data/housing/model.yaml");
    char *text = xasprintf("base: %s\n%s", base, body);
    char *path = test_write(name, text);
    free(base);
    free(text);
    return path;
}

/* The closed world of tests/data/housing: P1 (10 units in B, permit: certain) listed
 * before P2 (6 units in C, soft: realised with probability 0.5, delay 0 or 1). Each
 * scenario below changes P1, or adds a plan; P2's draws and kern C's completions must
 * not move in any of the 400 runs. Removing P1 is the case a single stream per run
 * gets wrong: P2 would take the uniforms P1 drew before. */
static void
test_crn_per_plan(void)
{
    static const struct {
        const char *file, *body;
    } cases[] = {
        {"crn-remove.yaml", "plans:\n  - {id: P1, remove: true}\n"},
        {"crn-change.yaml", "plans:\n  - {id: P1, delay: 1, phase: soft, units: 14}\n"},
        {"crn-add.yaml", "plans:\n  - {id: N1, kern: A, units: 5, phase: soft, first_year: 2023, "
                         "last_year: 2024}\n"},
    };
    char *bpath = test_src("tests/data/housing/model.yaml");
    kept base, other;

    CU_ASSERT_EQUAL_FATAL(kept_run(&base, bpath), LS_OK);
    /* P2 is a real coin: it delivers inside 2022-2029 when realised and not late,
     * with probability 0.5 x 0.5, so in about 100 of the 400 runs. */
    {
        const long c = kept_col(&base, "cum_2022_2029", "kern:C");
        unsigned long zero = 0;
        CU_ASSERT_FATAL(c >= 0);
        for (unsigned long r = 0; r < CRN_RUNS; r++)
            zero += base.M.runs.value[r * base.M.runs.n_rows + (size_t) c] == 0;
        CU_ASSERT(zero > 6 * CRN_RUNS / 10 && zero < 9 * CRN_RUNS / 10);
    }
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *path = crn_scenario(cases[k].file, cases[k].body);
        CU_ASSERT_EQUAL_FATAL(kept_run(&other, path), LS_OK);
        CU_ASSERT_EQUAL(draws_differing(&base, &other, "P2"), 0);
        CU_ASSERT_EQUAL(runs_differing(&base, &other, "cum_2022_2029", "kern:C"), 0);
        /* the change itself shows, in the municipality or in kern A or B */
        CU_ASSERT(runs_differing(&base, &other, "cum_2022_2029", "municipality") > 0);
        if (k == 2)
            CU_ASSERT_EQUAL(runs_differing(&base, &other, "cum_2022_2029", "kern:B"), 0);
        kept_free(&other);
        free(path);
    }
    /* Another seed does move P2: the equalities above are not trivially true. */
    {
        kept again;
        mc_options o;
        diag d;
        unsigned long n = 0;
        const long c = kept_col(&base, "cum_2022_2029", "kern:C");
        memset(&again, 0, sizeof again);
        diag_init(&d);
        memset(&o, 0, sizeof o);
        o.runs = CRN_RUNS;
        o.seed = CRN_SEED + 1;
        o.threads = 2;
        o.keep_runs = 1;
        CU_ASSERT_EQUAL_FATAL(mc_init(&again.M, &base.s.m, &base.s.tt, &base.s.po, &base.cache,
                                      &o),
                              LS_OK);
        CU_ASSERT_EQUAL_FATAL(mc_start(&again.M), LS_OK);
        CU_ASSERT_EQUAL_FATAL(mc_finish(&again.M), LS_OK);
        for (unsigned long r = 0; r < CRN_RUNS; r++)
            n += base.M.runs.value[r * base.M.runs.n_rows + (size_t) c]
                 != again.M.runs.value[r * again.M.runs.n_rows + (size_t) c];
        CU_ASSERT(n > CRN_RUNS / 10);
        mc_free(&again.M);
        diag_free(&d);
    }
    kept_free(&base);
    free(bpath);
}

/* The key is FNV-1a 64 (its published offset basis and the test vector of "a"); the
 * stream depends on the id, the seed and the run, and is the same when asked again. */
static void
test_planstream(void)
{
    double a[3], b[3], c[3];
    CU_ASSERT_EQUAL(planstream_key(""), 0xcbf29ce484222325ULL);  /* FNV-1a offset basis */
    CU_ASSERT_EQUAL(planstream_key("a"), 0xaf63dc4c8601ec8cULL); /* FNV-1a 64 of "a" */
    planstream_uniforms(mc_stream_seed(1, 5), planstream_key("HB-MAR-REST"), a, 3);
    planstream_uniforms(mc_stream_seed(1, 5), planstream_key("HB-MAR-REST"), b, 3);
    planstream_uniforms(mc_stream_seed(1, 5), planstream_key("HB-MAR-RESt"), c, 3);
    for (int i = 0; i < 3; i++) {
        CU_ASSERT(a[i] >= 0 && a[i] < 1);
        CU_ASSERT_EQUAL(a[i], b[i]);
        CU_ASSERT(a[i] != c[i]);
    }
    planstream_uniforms(mc_stream_seed(1, 6), planstream_key("HB-MAR-REST"), c, 3);
    CU_ASSERT(a[0] != c[0]);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"paired", test_paired},
        {"crn_per_plan", test_crn_per_plan},
        {"planstream", test_planstream},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
