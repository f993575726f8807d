/* Targets (MODEL.md section 7) on the closed-world fixture tests/data/housing after
 * housing_run with the expected pipeline (see tests/test_housing.c for the world):
 *   completions: B 10 in 2022; C 1.5 in 2029 and 1.5 in 2030; nothing else
 *   trend view: households 12, 5, 4 and persons 24, 10, 8 (42) in every year, so no
 *     kern grows and allocation by household growth falls back to population
 *     shares 24/42, 10/42, 8/42 (trend population on 1 January of the window start)
 *   allocation by capacity (the default for completion targets): expected
 *     completions in the window, 2022-2029: A 0, B 10, C 1.5 (of 11.5)
 *   housing-led view on 1 January 2022: 33 households, 66 persons
 * Tiers: town = A; rural = B and C. Every expected number is worked out by hand. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "housing.h"
#include "model.h"
#include "targets.h"
#include "scenario.h"
#include "testlib.h"
#include "util.h"

typedef struct {
    scenario s;
    diag d;
    int status; /* of scenario_run: the projection and the target checks */
} run;

/* Loads a model (and its calibrations). Returns the first failing status of the
 * load; the run's own status (projection and targets_evaluate) is in r->status. */
static int
run_load(run *r, const char *path)
{
    int ret;

    memset(r, 0, sizeof *r);
    diag_init(&r->d);
    ret = scenario_load(&r->s, path, &r->d);
    if (ret == LS_OK)
        ret = scenario_calibrate(&r->s, &r->d);
    if (ret != LS_OK) {
        diag_print(&r->d, stderr);
        return ret;
    }
    r->status = scenario_run(&r->s, &r->d);
    return LS_OK;
}

static void
run_free(run *r)
{
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

/* The row of target `id` for scope "municipality", "tier:NAME" or "kern:NAME". */
static const target_row *
row(const run *r, const char *id, const char *scope)
{
    for (size_t i = 0; i < r->s.tt.n; i++)
        if (strcmp(r->s.tt.row[i].t->id, id) == 0 && strcmp(r->s.tt.row[i].scope, scope) == 0)
            return &r->s.tt.row[i];
    fprintf(stderr, "    no row %s %s\n", id, scope);
    return NULL;
}

static size_t
rows_of(const run *r, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < r->s.tt.n; i++)
        n += strcmp(r->s.tt.row[i].t->id, id) == 0;
    return n;
}

static void
test_targets_cumulative_municipality_and_allocation(void)
{
    run r;
    const target_row *x;

    CU_ASSERT_EQUAL_FATAL(run_fixture(&r), LS_OK);
    CU_ASSERT_EQUAL_FATAL(r.status, LS_OK);
    CU_ASSERT_EQUAL(diag_count(&r.d), 0);
    /* scope all: municipality, 2 tiers, 3 kernen; scope municipality: one row. */
    CU_ASSERT_EQUAL(rows_of(&r, "cum_2022_2029"), 6);
    CU_ASSERT_EQUAL(rows_of(&r, "cum_2022_2028"), 1);
    CU_ASSERT_EQUAL(rows_of(&r, "explicit_b"), 6);
    CU_ASSERT_EQUAL(r.s.tt.n, 17);
    /* 2022-2029: 10 in B (2022) + 1.5 in C (2029) = 11.5; 20 required: 8.5 short. */
    x = row(&r, "cum_2022_2029", "municipality");
    CU_ASSERT_FATAL(x != NULL);
    CU_ASSERT_EQUAL(x->level, LEVEL_MUNICIPALITY);
    ASSERT_CLOSE(x->required, 20, 1e-15);
    ASSERT_CLOSE(x->expected, 11.5, 1e-15);
    ASSERT_CLOSE(x->gap, 8.5, 1e-15);
    CU_ASSERT_EQUAL(x->met, 0);
    CU_ASSERT_EQUAL(x->n_years, 8);
    ASSERT_CLOSE(x->shortfall, 8.5, 1e-15);
    /* Kernen by population share (no trend household growth anywhere). */
    {
        const char *k[3] = {"kern:A", "kern:B", "kern:C"};
        const double req[3] = {20.0 * 24 / 42, 20.0 * 10 / 42, 20.0 * 8 / 42};
        const double exp[3] = {0, 10, 1.5};
        const int met[3] = {0, 1, 0};
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            x = row(&r, "cum_2022_2029", k[i]);
            CU_ASSERT_FATAL(x != NULL);
            CU_ASSERT_EQUAL(x->level, LEVEL_KERN);
            CU_ASSERT_EQUAL(x->index, (size_t) i);
            ASSERT_CLOSE(x->required, req[i], 1e-14);
            ASSERT_CLOSE(x->expected, exp[i], 1e-15);
            ASSERT_CLOSE(x->gap, req[i] - exp[i], 1e-14);
            CU_ASSERT_EQUAL(x->met, met[i]);
            sum += x->required;
        }
        ASSERT_CLOSE(sum, 20, 1e-14);
    }
    /* Tiers: town = A (20 x 24/42), rural = B + C (20 x 18/42); they sum to 20. */
    x = row(&r, "cum_2022_2029", "tier:town");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->required, 20.0 * 24 / 42, 1e-14);
    CU_ASSERT_EQUAL(x->expected, 0);
    {
        const target_row *y = row(&r, "cum_2022_2029", "tier:rural");
        CU_ASSERT_FATAL(y != NULL);
        ASSERT_CLOSE(y->required, 20.0 * 18 / 42, 1e-14);
        ASSERT_CLOSE(y->expected, 11.5, 1e-15);
        CU_ASSERT_EQUAL(y->met, 1); /* 11.5 >= 8.571... */
        ASSERT_CLOSE(x->required + y->required, 20, 1e-14);
    }
    run_free(&r);
}

/* Allocation by household growth counts the growth inside the window: trend
 * households set by hand (A 12 -> 20 during 2021, then flat; B 5 until 2029 -> 9 on
 * 1 January 2030; C 4 -> 5 on 1 January 2030). cum_2022_2029 runs from 1 January
 * 2022 to 1 January 2030: growth A 0, B 4, C 1, so B gets 20 x 4/5 = 16 and C 4
 * (from the base year instead, A would get 8 of 13). */
static void
test_targets_allocation_by_growth_in_the_window(void)
{
    run r;
    target_table tt;
    housing *h;
    const size_t n = 3;

    CU_ASSERT_EQUAL_FATAL(run_fixture(&r), LS_OK);
    h = &r.s.h;
    for (size_t y = 0; y < h->n_years; y++) {
        double *v = h->households[VIEW_TREND] + y * n;
        v[0] = y == 0 ? 12 : 20;
        v[1] = y < 9 ? 5 : 9;
        v[2] = y < 9 ? 4 : 5;
    }
    memset(&tt, 0, sizeof tt);
    CU_ASSERT_EQUAL_FATAL(targets_evaluate(&tt, &r.s.m, h, &r.d), LS_OK);
    {
        const char *k[3] = {"kern:A", "kern:B", "kern:C"};
        const double req[3] = {0, 16, 4};
        for (size_t i = 0; i < tt.n; i++)
            for (int j = 0; j < 3; j++)
                if (strcmp(tt.row[i].t->id, "cum_2022_2029") == 0
                    && strcmp(tt.row[i].scope, k[j]) == 0)
                    ASSERT_CLOSE(tt.row[i].required, req[j], 1e-12);
    }
    targets_free(&tt);
    run_free(&r);
}

/* An annual target whose year reaches the threshold exactly is met: the second
 * world (tests/data/housing2) completes exactly 3 homes in 2021, the threshold. */
static void
test_targets_annual_met_exactly(void)
{
    run r;
    char *path = test_src("tests/data/housing2/model.yaml");
    const target_row *x;

    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_OK);
    CU_ASSERT_EQUAL_FATAL(r.status, LS_OK);
    x = row(&r, "annual_2021", "municipality");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->expected, 3, 1e-15);
    CU_ASSERT_EQUAL(x->years_met, 1);
    CU_ASSERT_EQUAL(x->met, 1);
    run_free(&r);
    free(path);
}

static void
test_targets_window_edges(void)
{
    run r;
    const target_row *x;

    CU_ASSERT_EQUAL_FATAL(run_fixture(&r), LS_OK);
    /* 2022-2028 ends on 31 December 2028: C's 2029 completion is excluded: 10. */
    x = row(&r, "cum_2022_2028", "municipality");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->expected, 10, 1e-15);
    ASSERT_CLOSE(x->gap, 0, 1e-15);
    CU_ASSERT_EQUAL(x->met, 1);
    /* 2022-2030 takes both halves of P2: 10 + 1.5 + 1.5 = 13, exactly met. */
    x = row(&r, "cum_2022_2030", "municipality");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->expected, 13, 1e-15);
    CU_ASSERT_EQUAL(x->met, 1);
    CU_ASSERT_EQUAL(x->n_years, 9);
    /* The measure itself, year by year: 2029 has 1.5 (only C), 2030 1.5. */
    ASSERT_CLOSE(target_measure(MEASURE_COMPLETIONS, VIEW_TREND, LEVEL_MUNICIPALITY, 0, &r.s.m,
                                &r.s.h, 2029),
                 1.5, 1e-15);
    ASSERT_CLOSE(target_measure(MEASURE_COMPLETIONS, VIEW_TREND, LEVEL_KERN, 1, &r.s.m, &r.s.h, 2029),
                 0, 1e-15);
    /* Net stock growth in C in 2030: 1.5 - 0.5 = 1. */
    ASSERT_CLOSE(target_measure(MEASURE_NET_STOCK_GROWTH, VIEW_TREND, LEVEL_KERN, 2, &r.s.m, &r.s.h,
                                2030),
                 1, 1e-15);
    /* Outside the projection: NaN. */
    CU_ASSERT(isnan(target_measure(MEASURE_COMPLETIONS, VIEW_TREND, LEVEL_MUNICIPALITY, 0, &r.s.m,
                                   &r.s.h, 2032)));
    run_free(&r);
}

static void
test_targets_annual_each_year(void)
{
    /* 5 a year in 2022 and 2023: 10 and 0 built. Mean 5 (gap 0) but only 2022 meets
     * it: met 0, years_met 1 of 2, worst 2023 with 0, shortfall 5. */
    run r;
    const target_row *x;
    int met = -1;

    CU_ASSERT_EQUAL_FATAL(run_fixture(&r), LS_OK);
    x = row(&r, "annual_2022_2023", "municipality");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->required, 5, 1e-15);
    ASSERT_CLOSE(x->expected, 5, 1e-15);
    ASSERT_CLOSE(x->gap, 0, 1e-15);
    CU_ASSERT_EQUAL(x->met, 0);
    CU_ASSERT_EQUAL(x->years_met, 1);
    CU_ASSERT_EQUAL(x->n_years, 2);
    CU_ASSERT_EQUAL(x->worst_year, 2023);
    ASSERT_CLOSE(x->worst_expected, 0, 1e-15);
    ASSERT_CLOSE(x->shortfall, 5, 1e-15);
    ASSERT_CLOSE(target_row_value(x, &r.s.m, &r.s.h, &met), 5, 1e-15);
    CU_ASSERT_EQUAL(met, 0);
    run_free(&r);
}

static void
test_targets_explicit_allocation(void)
{
    /* B gets 15 of 20; A and C share the other 5 by the default rule, capacity: A
     * plans nothing in 2022-2029, C 1.5, so C gets all 5. Tiers: town 0, rural 20. */
    run r;
    const target_row *x;
    const char *k[3] = {"kern:A", "kern:B", "kern:C"};
    const double req[3] = {0, 15, 5}, exp[3] = {0, 10, 1.5};
    double sum = 0;

    CU_ASSERT_EQUAL_FATAL(run_fixture(&r), LS_OK);
    for (int i = 0; i < 3; i++) {
        x = row(&r, "explicit_b", k[i]);
        CU_ASSERT_FATAL(x != NULL);
        ASSERT_CLOSE(x->required, req[i], 1e-14);
        ASSERT_CLOSE(x->expected, exp[i], 1e-15);
        CU_ASSERT_EQUAL(x->met, i == 0);
        sum += x->required;
    }
    ASSERT_CLOSE(sum, 20, 1e-14);
    x = row(&r, "explicit_b", "tier:town");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->required, 0, 1e-14);
    x = row(&r, "explicit_b", "tier:rural");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->required, 20, 1e-14);
    x = row(&r, "explicit_b", "municipality");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->required, 20, 1e-15);
    ASSERT_CLOSE(x->expected, 11.5, 1e-15);
    run_free(&r);
}

static void
test_targets_regional_and_population_on_1_january(void)
{
    /* Regional contribution on 1 January 2022: 33 housing-led - 21 trend households
     * = 12 (threshold 12: met). Housing-led population on 1 January 2022: 66, short
     * of 70 by 4. */
    run r;
    const target_row *x;

    CU_ASSERT_EQUAL_FATAL(run_fixture(&r), LS_OK);
    x = row(&r, "regional_2022", "municipality");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->expected, 12, 1e-12);
    CU_ASSERT_EQUAL(x->met, 1);
    CU_ASSERT_EQUAL(x->n_years, 1);
    x = row(&r, "population_2022", "municipality");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->required, 70, 1e-15);
    ASSERT_CLOSE(x->expected, 66, 1e-12);
    ASSERT_CLOSE(x->gap, 4, 1e-12);
    CU_ASSERT_EQUAL(x->met, 0);
    /* The same measures per kern and year: B on 1 January 2023 has 30 housing-led
     * and 5 trend households (25 regional); the trend population stays 42. */
    ASSERT_CLOSE(target_measure(MEASURE_REGIONAL, VIEW_TREND, LEVEL_KERN, 1, &r.s.m, &r.s.h, 2023),
                 25, 1e-12);
    ASSERT_CLOSE(target_measure(MEASURE_REGIONAL, VIEW_TREND, LEVEL_MUNICIPALITY, 0, &r.s.m, &r.s.h,
                                2023),
                 22, 1e-12);
    ASSERT_CLOSE(target_measure(MEASURE_POPULATION, VIEW_TREND, LEVEL_MUNICIPALITY, 0, &r.s.m, &r.s.h,
                                2022),
                 42, 1e-12);
    ASSERT_CLOSE(target_measure(MEASURE_HOUSEHOLDS, VIEW_HOUSING_LED, LEVEL_TIER, 1, &r.s.m, &r.s.h,
                                2022),
                 23, 1e-12);
    run_free(&r);
}

/* The cumulative completions path, by hand. Municipal completion targets (scope all
 * or municipality), all counted from 2022, in order of the end of their window:
 *   annual_2022_2023 (5 a year): 5 by 1 Jan 2023, 10 by 1 Jan 2024
 *   cum_2022_2028 (10):         10 by 1 Jan 2029
 *   cum_2022_2029 (20) and explicit_b (20): 20 by 1 Jan 2030
 *   cum_2022_2030 (13):         13 by 1 Jan 2031
 * Each adds its threshold to the path's value at the start of its window (0 on
 * 1 Jan 2022 for all of them); where two fall on the same date the larger counts.
 * Points: 2022: 0, 2023: 5, 2024: 10, 2029: 10, 2030: 20, 2031: 13; linear in
 * between (2025-2028 stay at 10), 0 before 2022, and never decreasing: 2031 is held
 * at 20 (the 13 by 2031 is already met by the 20 by 2030).
 * Kern shares: those of the target ending last (cum_2022_2030, municipality scope),
 * by the default rule, capacity: completions 2022-2030 A 0, B 10, C 3 (of 13). */
static void
test_targets_cumulative_path(void)
{
    run r;
    const double want[11] = {0, 0, 5, 10, 10, 10, 10, 10, 10, 20, 20};

    CU_ASSERT_EQUAL_FATAL(run_fixture(&r), LS_OK);
    CU_ASSERT_EQUAL_FATAL(r.s.tt.has_path, 1);
    CU_ASSERT_EQUAL(r.s.tt.path_start, 2022);
    CU_ASSERT_FATAL(r.s.tt.path != NULL);
    for (size_t k = 0; k < 11; k++)
        ASSERT_CLOSE(r.s.tt.path[k], want[k], 1e-15);
    CU_ASSERT_FATAL(r.s.tt.kern_share != NULL);
    ASSERT_CLOSE(r.s.tt.kern_share[0], 0, 1e-14);
    ASSERT_CLOSE(r.s.tt.kern_share[1], 10.0 / 13, 1e-14);
    ASSERT_CLOSE(r.s.tt.kern_share[2], 3.0 / 13, 1e-14);
    run_free(&r);
}

/* ---- located errors, on variants of the fixture written to the build tree ---- */

static const char *variant_head =
    "name: housing-variant\n"
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
    "pipeline:\n"
    "  plans: @DIR@/plans.csv\n"
    "  phases:\n"
    "    permit: {probability: 1, delay: {0: 1}, source: test}\n"
    "    soft: {probability: 0.5, delay: {0: 0.5, 1: 0.5}, source: test}\n"
    "coupling:\n"
    "  movers: @DIR@/movers.csv\n"
    "  in_movers: @DIR@/in_movers.csv\n"
    "  fill_rate: 1\n"
    "  max_distance_km: 10\n"
    "output: {plots: false}\n"
    "targets:\n";

/* Writes the fixture with the given targets lines; returns the path (caller frees)
 * and the whole text in *text (caller frees). */
static char *
write_variant(const char *file, const char *targets, char **text)
{
    char *dir = test_src("tests/data/housing");
    strbuf b;
    char *path;

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
    strbuf_add(&b, targets, strlen(targets));
    path = test_write(file, b.s);
    *text = xstrdup(b.s);
    strbuf_free(&b);
    free(dir);
    return path;
}

/* "PATH:LINE:COL: " for where `needle` first appears in text. */
static char *
where(const char *path, const char *text, const char *needle)
{
    const char *p = strstr(text, needle), *bol = text;
    size_t line = 1;
    if (p == NULL)
        return xstrdup("(needle not found)");
    for (const char *q = text; q < p; q++)
        if (*q == '\n') {
            line++;
            bol = q + 1;
        }
    return xasprintf("%s:%zu:%zu: ", path, line, (size_t) (p - bol) + 1);
}

static void
test_targets_unknown_scope_is_located_error(void)
{
    char *text, *path, *at, *msg;
    run r;

    path = write_variant("targets_bad_scope.yaml",
                         "  - {id: ok, measure: completions, scope: B, window: {from: 2022, to: 2029}, threshold: 3, source: test}\n"
                         "  - {id: nowhere, measure: completions, scope: Atlantis, window: {from: 2022, to: 2029}, threshold: 3, source: test}\n",
                         &text);
    /* Scopes name kernen and tiers, so the model load (and `landstad check`) finds it. */
    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(diag_count(&r.d), 1);
    at = where(path, text, "Atlantis");
    msg = xasprintf("%starget \"nowhere\": scope must be all, municipality, a tier or a kern, "
                    "found \"Atlantis\"",
                    at);
    CU_ASSERT_STRING_EQUAL(r.d.msg[0], msg);
    if (strcmp(r.d.msg[0], msg) != 0)
        fprintf(stderr, "    got  %s\n    want %s\n", r.d.msg[0], msg);
    run_free(&r);
    free(msg);
    free(at);
    free(text);
    free(path);
}

static void
test_targets_explicit_allocation_too_large_is_located_error(void)
{
    char *text, *path, *at, *msg;
    run r;

    path = write_variant("targets_bad_alloc.yaml",
                         "  - {id: too_much, measure: completions, scope: all, window: {from: 2022, to: 2029}, threshold: 20, allocation: {B: 15, C: 6}, source: test}\n",
                         &text);
    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_OK);
    CU_ASSERT_EQUAL(r.status, LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(diag_count(&r.d), 1);
    /* Located at the target's mapping. */
    at = where(path, text, "{id: too_much");
    msg = xasprintf("%starget \"too_much\": the explicit allocations add up to 21, more than the "
                    "threshold 20",
                    at);
    CU_ASSERT_STRING_EQUAL(r.d.msg[0], msg);
    if (strcmp(r.d.msg[0], msg) != 0)
        fprintf(stderr, "    got  %s\n    want %s\n", r.d.msg[0], msg);
    /* Only the municipal row; no kern gets a share of an impossible split. */
    CU_ASSERT_EQUAL(r.s.tt.n, 1);
    run_free(&r);
    free(msg);
    free(at);
    free(text);
    free(path);

    /* An allocation that names no kern is located at that name. */
    path = write_variant("targets_bad_alloc_kern.yaml",
                         "  - {id: lost, measure: completions, scope: all, window: {from: 2022, to: 2029}, threshold: 20, allocation: {Z: 5}, source: test}\n",
                         &text);
    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(diag_count(&r.d), 1);
    at = where(path, text, "Z: 5");
    msg = xasprintf("%starget \"lost\": allocation names \"Z\", which is not a kern", at);
    CU_ASSERT_STRING_EQUAL(r.d.msg[0], msg);
    if (strcmp(r.d.msg[0], msg) != 0)
        fprintf(stderr, "    got  %s\n    want %s\n", r.d.msg[0], msg);
    run_free(&r);
    free(msg);
    free(at);
    free(text);
    free(path);
}

/* Allocation by capacity, by hand: 23 homes in 2022-2029 over the expected
 * completions A 0, B 10, C 1.5 (of 11.5) -> A 0, B 20, C 3, summing to 23; tiers
 * town 0, rural 23. The need view beside it (household growth, here the population
 * fallback 24 : 10 : 8) asks A 23 x 24/42, B 23 x 10/42, C 23 x 8/42. */
static void
test_targets_allocation_by_capacity(void)
{
    char *text, *path;
    run r;
    const char *k[3] = {"kern:A", "kern:B", "kern:C"};
    const double req[3] = {0, 20, 3}, need[3] = {23.0 * 24 / 42, 23.0 * 10 / 42, 23.0 * 8 / 42};
    double sum = 0;
    const target_row *x;

    path = write_variant("targets_capacity.yaml",
                         "  - {id: cap, measure: completions, scope: all, window: {from: 2022, to: 2029}, threshold: 23, source: test}\n",
                         &text);
    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_OK);
    CU_ASSERT_EQUAL_FATAL(r.status, LS_OK);
    for (int i = 0; i < 3; i++) {
        x = row(&r, "cap", k[i]);
        CU_ASSERT_FATAL(x != NULL);
        ASSERT_CLOSE(x->required, req[i], 1e-12);
        ASSERT_CLOSE(x->required_need, need[i], 1e-12);
        sum += x->required;
    }
    ASSERT_CLOSE(sum, 23, 1e-12);
    x = row(&r, "cap", "tier:rural");
    CU_ASSERT_FATAL(x != NULL);
    ASSERT_CLOSE(x->required, 23, 1e-12);
    ASSERT_CLOSE(x->required_need, 23.0 * 18 / 42, 1e-12);
    x = row(&r, "cap", "municipality");
    CU_ASSERT_FATAL(x != NULL);
    CU_ASSERT(isnan(x->required_need));
    run_free(&r);
    free(text);
    free(path);
}

/* allocation: shares: the council's split A 0.5, B 0.3, C 0.2 of 20 -> 10, 6, 4;
 * shares adding up to 0.9 are a located error at the last row's share. */
static void
test_targets_allocation_by_shares(void)
{
    char *text, *path, *shares, *msg;
    run r;
    const char *k[3] = {"kern:A", "kern:B", "kern:C"};
    const double req[3] = {10, 6, 4};
    const target_row *x;
    char *lines;

    shares = test_write("targets_shares.csv", "# the council's split (test)\nkern,share\nA,0.5\nB,0.3\nC,0.2\n");
    lines = xasprintf("  - {id: split, measure: completions, scope: all, window: {from: 2022, to: 2029}, threshold: 20, allocation: shares, shares: %s, source: test}\n",
                      shares);
    path = write_variant("targets_shares.yaml", lines, &text);
    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_OK);
    CU_ASSERT_EQUAL_FATAL(r.status, LS_OK);
    for (int i = 0; i < 3; i++) {
        x = row(&r, "split", k[i]);
        CU_ASSERT_FATAL(x != NULL);
        ASSERT_CLOSE(x->required, req[i], 1e-12);
    }
    run_free(&r);
    free(text);
    free(path);
    free(shares);

    shares = test_write("targets_shares.csv", "kern,share\nA,0.5\nB,0.2\nC,0.2\n");
    path = write_variant("targets_shares.yaml", lines, &text);
    CU_ASSERT_EQUAL_FATAL(run_load(&r, path), LS_ECONFIG);
    CU_ASSERT_EQUAL_FATAL(diag_count(&r.d), 1);
    msg = xasprintf("%s:4:3: target \"split\": the shares must add up to 1 (within 0.001), "
                    "found 0.9 over 3 kernen",
                    shares);
    CU_ASSERT_STRING_EQUAL(r.d.msg[0], msg);
    if (strcmp(r.d.msg[0], msg) != 0)
        fprintf(stderr, "    got  %s\n    want %s\n", r.d.msg[0], msg);
    run_free(&r);
    free(msg);
    free(text);
    free(path);
    free(shares);
    free(lines);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_targets_allocation_by_growth_in_the_window", test_targets_allocation_by_growth_in_the_window},
        {"test_targets_annual_met_exactly", test_targets_annual_met_exactly},
        {"test_targets_cumulative_municipality_and_allocation",
         test_targets_cumulative_municipality_and_allocation},
        {"test_targets_window_edges", test_targets_window_edges},
        {"test_targets_annual_each_year", test_targets_annual_each_year},
        {"test_targets_explicit_allocation", test_targets_explicit_allocation},
        {"test_targets_regional_and_population_on_1_january",
         test_targets_regional_and_population_on_1_january},
        {"test_targets_cumulative_path", test_targets_cumulative_path},
        {"test_targets_allocation_by_capacity", test_targets_allocation_by_capacity},
        {"test_targets_allocation_by_shares", test_targets_allocation_by_shares},
        {"test_targets_unknown_scope_is_located_error", test_targets_unknown_scope_is_located_error},
        {"test_targets_explicit_allocation_too_large_is_located_error",
         test_targets_explicit_allocation_too_large_is_located_error},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
