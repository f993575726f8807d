/* History as data on a model small enough to compute by hand
 * (tests/data/history/model.yaml): women only, every survival ratio 0.9, no births,
 * 10 in-migrants a year, kernen A (100 adults, 40 dwellings) and B (50, 20).
 *
 *   deaths 2021: 20 observed, 16 of them in A. The model gives 10 in A and 5 in B, so
 *     A's mortality level is 16/10 = 1.6 and B's (20 - 16)/5 = 0.8 (finer wins).
 *   population 1 January 2023: 140, absorbed by domestic_in in 2021-2022 at level u:
 *     2021: 150 - 20 + 10u;  2022: 0.9 (130 + 10u) + 10u = 117 + 19u = 140, u = 23/19.
 *   dwellings 60 (1 Jan 2021) -> 70 (1 Jan 2023), 4 completions counted in 2022:
 *     2021 completions 70 - 60 - 4 = 6, split over A and B by the base plan list
 *     (P1 3 in A, P2 1 in B): A 4.5, B 1.5; 2022 has no plan expected: 2 and 2.
 *   dwellings 70 -> 75 (1 Jan 2024) with 8 counted in 2023: other change -3.
 *   small plans: between the lists of 2021 and 2023, 10 completions (6 + 4); the named
 *     plans built 3 (P1) + 1 (P2) + 4 (P3, new) = 8, so (10 - 8) / 2 = 1 a year,
 *     split 40:20 over A and B.
 *   plan P3 (10 units 2022-2025, 4 built by 2023): 6 to come, 2 a year 2023-2025;
 *     2023 is history, so the forecast completions are 2 + 1 in 2024 and 2025.
 * And the back-test from 2021 sees none of it: the 2021 plan list, no history. */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "backtest.h"
#include "montecarlo.h"
#include "scenario.h"
#include "testlib.h"
#include "util.h"

static int
load(scenario *sc, int present)
{
    char *path = test_src("tests/data/history/model.yaml");
    diag d;
    int ret;

    diag_init(&d);
    ret = scenario_load_at(sc, path, present, &d);
    if (ret == LS_OK)
        ret = scenario_calibrate(sc, &d);
    if (ret == LS_OK)
        ret = scenario_run(sc, &d);
    if (ret != LS_OK)
        diag_print(&d, stderr);
    diag_free(&d);
    free(path);
    return ret;
}

static double
muni(const scenario *sc, const double *v, int year)
{
    const size_t n = sc->m.n_areas;
    double s = 0;
    for (size_t a = 0; a < n; a++)
        s += v[(size_t) (year - sc->spec.base_year) * n + a];
    return s;
}

static void
test_history_levels_by_hand(void)
{
    scenario sc;
    const history *h = &sc.hist;
    CU_ASSERT_EQUAL_FATAL(load(&sc, 0), LS_OK);
    CU_ASSERT_EQUAL(h->last_observed, 2024); /* the latest date the rows reach */
    CU_ASSERT_EQUAL(h->n_steps, 3);
    ASSERT_CLOSE(history_mort(h, 0, 0), 1.6, 1e-9);
    ASSERT_CLOSE(history_mort(h, 0, 1), 0.8, 1e-9);
    ASSERT_CLOSE(history_mort(h, 1, 0), 1.0, 0); /* 2022: not observed */
    ASSERT_CLOSE(history_flow(h, 0, 0, 0), 23.0 / 19.0, 1e-9);
    ASSERT_CLOSE(history_flow(h, 1, 0, 1), 23.0 / 19.0, 1e-9);
    ASSERT_CLOSE(history_flow(h, 2, 0, 0), 1.0, 0); /* 2023: nothing absorbs */
    /* The run meets every observation, in both views. */
    for (int v = 0; v < 2; v++) {
        const projection *p = &sc.h.view[v];
        ASSERT_CLOSE(projection_total(p, 2), 140, 1e-9);
        ASSERT_CLOSE(p->comp[0].deaths, 16, 1e-9);
        ASSERT_CLOSE(p->comp[1].deaths, 4, 1e-9);
    }
    scenario_free(&sc);
}

static void
test_history_dwellings_by_hand(void)
{
    scenario sc;
    const housing *h = &sc.h;
    CU_ASSERT_EQUAL_FATAL(load(&sc, 0), LS_OK);
    ASSERT_CLOSE(h->completions[0], 4.5, 1e-9); /* 2021, A */
    ASSERT_CLOSE(h->completions[1], 1.5, 1e-9); /* 2021, B */
    ASSERT_CLOSE(h->completions[2], 2, 1e-9);   /* 2022: no plan expected, evenly */
    ASSERT_CLOSE(muni(&sc, h->completions, 2023), 8, 1e-9);
    ASSERT_CLOSE(muni(&sc, h->other, 2023), -3, 1e-9);
    ASSERT_CLOSE(muni(&sc, h->stock, 2023), 70, 1e-9);
    ASSERT_CLOSE(muni(&sc, h->stock, 2024), 75, 1e-9);
    CU_ASSERT_EQUAL(sc.hist.account[0].c_status, HIST_DISTRIBUTED);
    CU_ASSERT_EQUAL(sc.hist.account[1].c_status, HIST_OBSERVED);
    CU_ASSERT_EQUAL(sc.hist.account[2].o_status, HIST_OBSERVED);
    /* Small plans and infill: 1 a year, by stock. */
    CU_ASSERT(sc.hist.has_small && sc.hist.small_estimated);
    ASSERT_CLOSE(sc.hist.small_rate, 1, 1e-9);
    ASSERT_CLOSE(sc.hist.small_observed, 10, 1e-9);
    ASSERT_CLOSE(sc.hist.small_named, 8, 1e-9);
    /* The 2023 list's P3 delivers 2 a year from 2024; small plans 1. */
    ASSERT_CLOSE(muni(&sc, h->completions, 2024), 3, 1e-9);
    ASSERT_CLOSE(h->completions[(2024 - 2021) * 2 + 1], 1.0 / 3, 1e-9); /* B: 20/60 */
    ASSERT_CLOSE(muni(&sc, h->completions, 2026), 1, 1e-9);
    /* The plan list used is the one of 1 January 2023, with P1 completed. */
    CU_ASSERT_EQUAL(sc.m.n_plans, 3);
    CU_ASSERT_EQUAL(sc.m.snapshots[sc.m.current_snapshot].date.year, 2023);
    scenario_free(&sc);
}

static const target_row *
row(const scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->tt.n; i++)
        if (strcmp(sc->tt.row[i].t->id, id) == 0 && sc->tt.row[i].level == LEVEL_MUNICIPALITY)
            return &sc->tt.row[i];
    return NULL;
}

static void
test_history_targets_past_and_future(void)
{
    scenario sc;
    const target_row *r;
    CU_ASSERT_EQUAL_FATAL(load(&sc, 0), LS_OK);
    /* 2022-2025, 5 a year: 2022 (4) and 2023 (8) observed, 2024 and 2025 forecast (3). */
    r = row(&sc, "annual_5");
    CU_ASSERT_FATAL(r != NULL);
    CU_ASSERT_EQUAL(r->status, TARGET_PARTLY_OBSERVED);
    CU_ASSERT_EQUAL(r->observed_to, 2023);
    ASSERT_CLOSE(r->observed_part, (4 + 8) / 4.0, 1e-9);
    ASSERT_CLOSE(r->forecast_part, (3 + 3) / 4.0, 1e-9);
    CU_ASSERT(r->missed_in_past && !r->met);
    /* Cumulative 2021-2026: 18 observed, 7 forecast. */
    r = row(&sc, "cumulative_40");
    ASSERT_CLOSE(r->observed_part, 18, 1e-9);
    ASSERT_CLOSE(r->forecast_part, 7, 1e-9);
    CU_ASSERT(!r->missed_in_past);
    /* Over: observed fact. */
    r = row(&sc, "over_by_2023");
    CU_ASSERT_EQUAL(r->status, TARGET_OBSERVED);
    ASSERT_CLOSE(r->forecast_part, 0, 1e-9);
    r = row(&sc, "population_2023");
    CU_ASSERT_EQUAL(r->status, TARGET_OBSERVED);
    ASSERT_CLOSE(r->expected, 140, 1e-9);
    scenario_free(&sc);
}

/* Monte Carlo: the history is the same in every run; the solver asks nothing for a
 * decided target and places extra homes only from extra_capacity_from (2026). */
static void
test_history_monte_carlo(void)
{
    scenario sc;
    projection_cache cache;
    mc M;
    mc_options o;
    size_t i_annual = 0, i_cum = 0, i_before = 0, i_over = 0;

    CU_ASSERT_EQUAL_FATAL(load(&sc, 0), LS_OK);
    CU_ASSERT_EQUAL_FATAL(projection_cache_build(&cache, &sc.m), LS_OK);
    memset(&o, 0, sizeof o);
    o.runs = 200;
    o.seed = 3;
    o.threads = 2;
    CU_ASSERT_EQUAL_FATAL(mc_init(&M, &sc.m, &sc.tt, &sc.po, &cache, &o), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_start(&M), LS_OK);
    CU_ASSERT_EQUAL_FATAL(mc_finish(&M), LS_OK);
    for (size_t y = 0; y <= 3; y++) {
        const mc_summary *p = &M.summary[mc_index_population(&M, 1, y, sc.m.n_areas + sc.m.n_tiers)];
        const mc_summary *st = &M.summary[mc_index_stock(&M, y, sc.m.n_areas + sc.m.n_tiers)];
        CU_ASSERT_EQUAL(p->min, p->max);
        CU_ASSERT_EQUAL(st->min, st->max);
    }
    ASSERT_CLOSE(M.summary[mc_index_population(&M, 0, 2, sc.m.n_areas + sc.m.n_tiers)].mean, 140,
                 1e-6);
    for (size_t i = 0; i < sc.tt.n; i++) {
        const target_row *r = &sc.tt.row[i];
        if (r->level != LEVEL_MUNICIPALITY)
            continue;
        if (strcmp(r->t->id, "annual_5") == 0)
            i_annual = i;
        if (strcmp(r->t->id, "cumulative_40") == 0)
            i_cum = i;
        if (strcmp(r->t->id, "before_extra") == 0)
            i_before = i;
        if (strcmp(r->t->id, "over_by_2023") == 0)
            i_over = i;
    }
    CU_ASSERT(isnan(M.extra80[i_annual])); /* missed in 2022: nothing to solve */
    CU_ASSERT(isnan(M.extra80[i_over]));
    ASSERT_CLOSE(M.probability[i_over], 0, 0);
    /* Everything here is certain: 40 - 25 = 15 extra, all of it in 2026. */
    ASSERT_CLOSE(M.extra80[i_cum], 15, 1e-9);
    CU_ASSERT(isinf(M.extra80[i_before])); /* 2024-2025 is before 2026 */
    mc_free(&M);
    projection_cache_free(&cache);
    scenario_free(&sc);
}

static void
test_history_backtest(void)
{
    scenario sc;
    backtest bt;
    diag d;
    size_t n_pop = 0, n_not = 0, n_vintage = 0;

    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(load(&sc, 2021), LS_OK);
    /* As of 2021: no history, the 2021 plan list, no later row used. */
    CU_ASSERT_EQUAL(sc.hist.n_steps, 0);
    CU_ASSERT_EQUAL(sc.m.snapshots[sc.m.current_snapshot].date.year, 2021);
    CU_ASSERT_EQUAL(sc.m.n_plans, 2);
    /* Deaths 2021 are not forced: 10% of 150. */
    ASSERT_CLOSE(sc.h.view[0].comp[0].deaths + sc.h.view[0].comp[1].deaths, 15, 1e-9);
    CU_ASSERT_EQUAL_FATAL(backtest_compare(&bt, &sc, 2024, &d), LS_OK);
    for (size_t i = 0; i < bt.n_rows; i++) {
        const bt_row *r = &bt.row[i];
        if (strcmp(r->measure, "population") == 0 && r->from == 2023) {
            /* 2021: 150 - 15 + 10; 2022: 0.9 x 145 + 10 */
            ASSERT_CLOSE(r->observed, 140, 0);
            ASSERT_CLOSE(r->forecast[0], 0.9 * 145 + 10, 1e-9);
            ASSERT_CLOSE(backtest_error(r, 0), 0.9 * 145 + 10 - 140, 1e-9);
            n_pop++;
        }
        if (strcmp(r->measure, "deaths") == 0 && r->from == 2021 && strcmp(r->scope, "A") == 0)
            ASSERT_CLOSE(r->forecast[0], 10, 1e-9);
        if (strncmp(r->status, "not observed", 12) == 0) {
            CU_ASSERT(isnan(r->observed)); /* never filled from the model */
            n_not++;
        }
    }
    CU_ASSERT_EQUAL(n_pop, 1);
    CU_ASSERT(n_not > 0);
    /* The inputs without a vintage on or before 2021 are listed; population and the
     * observations file (2020) are not. */
    for (size_t i = 0; i < bt.n_inputs; i++) {
        CU_ASSERT(strcmp(bt.in[i].key, "population") != 0);
        n_vintage += strcmp(bt.in[i].key, "mortality.survival") == 0;
    }
    CU_ASSERT_EQUAL(n_vintage, 1);
    backtest_free(&bt);
    scenario_free(&sc);
    diag_free(&d);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_history_levels_by_hand", test_history_levels_by_hand},
        {"test_history_dwellings_by_hand", test_history_dwellings_by_hand},
        {"test_history_targets_past_and_future", test_history_targets_past_and_future},
        {"test_history_monte_carlo", test_history_monte_carlo},
        {"test_history_backtest", test_history_backtest},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
