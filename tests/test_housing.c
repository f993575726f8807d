/* Both views of the closed-world fixture tests/data/housing, year by year, against
 * hand arithmetic. The world: women only, ages 0, 1, 2+, survival 1, no births, no
 * migration, so the trend view never changes: 24, 10 and 8 adults in A, B and C,
 * 12, 5 and 4 households (headship 0.5 of adults, calibration 1), 42 persons.
 * Dwellings on 1 January 2021: A 10, B 20, C 3; vacancy 0, so capacity = stock.
 * Plans:
 *   P1: B, 10 units in 2022, permit (p 1, on time)
 *       -> completions B 2022: 10, in the stock from 1 January 2023
 *   P2: C, 6 units in 2029, soft (p 0.5, delay {0: 0.5, 1: 0.5}), 2 demolitions
 *       -> completions C 2029: 6 x 0.5 x 0.5 = 1.5, 2030: 1.5
 *          demolitions C 2029: 2 x 0.5 x 0.5 = 0.5, 2030: 0.5
 *       -> C's stock on 1 January 2030: 3 + 1.5 - 0.5 = 4; 2031: 4 + 1.5 - 0.5 = 5
 * Housing-led view (coupling after each step, max_distance_km 10, fill_rate 1):
 *   1 Jan 2021: not coupled (the observed base): 12, 5, 4 households, 42 persons
 *   1 Jan 2022: A's 2 extra households (4 adults) move to B (5 km); C's 1 extra
 *               household (2 adults) leaves (no kern within 10 km); B's remaining
 *               13 spare homes draw 13 households (26 adults) from outside:
 *               10, 20, 3 households; 20, 40, 6 persons = 66
 *   1 Jan 2023: B's 10 new homes draw 10 households (20 persons): 10, 30, 3; 86
 *   1 Jan 2030: C's 4th home draws 1 household (2 persons): 10, 30, 4; 88
 *   1 Jan 2031: C's 5th home: 10, 30, 5; 90 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "housing.h"
#include "../src/config.h"
#include "model.h"
#include "testlib.h"

enum { A, B, C };

typedef struct {
    model_spec spec;
    model m;
    housing h;
} run;

/* The model rel (in the source tree); ratios: a households.headship_ratios file, or
 * NULL. */
static int
run_load_with(run *r, const char *rel, const char *ratios)
{
    char *path = test_src(rel);
    diag d;
    int ret;

    memset(r, 0, sizeof *r);
    diag_init(&d);
    ret = config_load(&r->spec, path, &d);
    if (ret == LS_OK && ratios != NULL)
        r->spec.headship_ratios_file = test_write("headship_ratios.csv", ratios);
    if (ret == LS_OK)
        ret = model_load(&r->m, &r->spec, &d);
    if (ret != LS_OK)
        diag_print(&d, stderr);
    diag_free(&d);
    free(path);
    if (ret == LS_OK)
        ret = housing_init(&r->h, &r->m);
    return ret;
}

static int
run_load_ratios(run *r, const char *ratios)
{
    return run_load_with(r, "tests/data/housing/model.yaml", ratios);
}

static int
run_load_from(run *r, const char *rel)
{
    return run_load_with(r, rel, NULL);
}

static int
run_load(run *r)
{
    return run_load_ratios(r, NULL);
}

static void
run_free(run *r)
{
    housing_free(&r->h);
    model_free(&r->m);
    config_free(&r->spec);
}

/* Index of 1 January of `year` (stocks) or of the calendar year `year` (flows). */
static size_t
ix(const run *r, int year, size_t area)
{
    return (size_t) (year - 2021) * r->h.n_areas + area;
}

static void
test_housing_stock_from_expected_pipeline(void)
{
    run r;
    const housing *h = &r.h;

    CU_ASSERT_EQUAL_FATAL(run_load(&r), LS_OK);
    CU_ASSERT_EQUAL_FATAL(housing_run(&r.h, NULL, NULL, NULL), LS_OK);
    CU_ASSERT_EQUAL_FATAL(h->n_years, 11); /* 2021..2031 */
    CU_ASSERT_EQUAL_FATAL(h->n_areas, 3);
    /* Completions and demolitions during each calendar year. */
    ASSERT_CLOSE(h->completions[ix(&r, 2022, B)], 10, 1e-15);
    ASSERT_CLOSE(h->completions[ix(&r, 2029, C)], 1.5, 1e-15);
    ASSERT_CLOSE(h->completions[ix(&r, 2030, C)], 1.5, 1e-15);
    ASSERT_CLOSE(h->demolitions[ix(&r, 2029, C)], 0.5, 1e-15);
    ASSERT_CLOSE(h->demolitions[ix(&r, 2030, C)], 0.5, 1e-15);
    {
        double tc = 0, td = 0;
        for (size_t i = 0; i < h->n_years * h->n_areas; i++) {
            tc += h->completions[i];
            td += h->demolitions[i];
            CU_ASSERT_EQUAL(h->other[i], 0);
        }
        ASSERT_CLOSE(tc, 13, 1e-15);
        ASSERT_CLOSE(td, 1, 1e-15);
    }
    /* Stock on 1 January. */
    ASSERT_CLOSE(h->stock[ix(&r, 2021, A)], 10, 1e-15);
    ASSERT_CLOSE(h->stock[ix(&r, 2021, B)], 20, 1e-15);
    ASSERT_CLOSE(h->stock[ix(&r, 2021, C)], 3, 1e-15);
    ASSERT_CLOSE(housing_total(h, h->stock, 0), 33, 1e-15);
    /* 2022 unchanged: completions of 2022 count from 1 January 2023. */
    ASSERT_CLOSE(h->stock[ix(&r, 2022, B)], 20, 1e-15);
    ASSERT_CLOSE(housing_total(h, h->stock, 1), 33, 1e-15);
    ASSERT_CLOSE(h->stock[ix(&r, 2023, B)], 30, 1e-15);
    ASSERT_CLOSE(housing_total(h, h->stock, 2), 43, 1e-15);
    ASSERT_CLOSE(h->stock[ix(&r, 2029, C)], 3, 1e-15);
    ASSERT_CLOSE(h->stock[ix(&r, 2030, C)], 4, 1e-15);
    ASSERT_CLOSE(h->stock[ix(&r, 2031, C)], 5, 1e-15);
    ASSERT_CLOSE(h->stock[ix(&r, 2031, A)], 10, 1e-15);
    ASSERT_CLOSE(h->stock[ix(&r, 2031, B)], 30, 1e-15);
    /* Vacancy 0: capacity is the stock. */
    ASSERT_CLOSE(housing_capacity(h, 9, C), 4, 1e-15);
    run_free(&r);
}

static void
test_housing_trend_view_is_unchanged(void)
{
    run r;
    const housing *h = &r.h;
    const double base[3] = {12, 5, 4}, adults[3] = {24, 10, 8};

    CU_ASSERT_EQUAL_FATAL(run_load(&r), LS_OK);
    CU_ASSERT_EQUAL_FATAL(housing_run(&r.h, NULL, NULL, NULL), LS_OK);
    for (size_t y = 0; y < h->n_years; y++) {
        for (size_t a = 0; a < 3; a++) {
            ASSERT_CLOSE(h->households[VIEW_TREND][y * 3 + a], base[a], 1e-12);
            ASSERT_CLOSE(h->persons_private[VIEW_TREND][y * 3 + a], adults[a], 1e-12);
            ASSERT_CLOSE(projection_area_total(&h->view[VIEW_TREND], y, a), adults[a], 1e-12);
        }
        ASSERT_CLOSE(projection_total(&h->view[VIEW_TREND], y), 42, 1e-12);
        ASSERT_CLOSE(housing_total(h, h->households[VIEW_TREND], y), 21, 1e-12);
    }
    run_free(&r);
}

static void
test_housing_led_households_follow_the_stock(void)
{
    run r;
    const housing *h = &r.h;
    const double *hl;
    /* Households on 1 January: rows 2021, 2022, 2023, 2029, 2030, 2031. */
    const int years[6] = {2021, 2022, 2023, 2029, 2030, 2031};
    const double want[6][3] = {{12, 5, 4}, {10, 20, 3}, {10, 30, 3},
                               {10, 30, 3}, {10, 30, 4}, {10, 30, 5}};
    const double pop[6] = {42, 66, 86, 86, 88, 90};

    CU_ASSERT_EQUAL_FATAL(run_load(&r), LS_OK);
    CU_ASSERT_EQUAL_FATAL(housing_run(&r.h, NULL, NULL, NULL), LS_OK);
    hl = h->households[VIEW_HOUSING_LED];
    for (int i = 0; i < 6; i++) {
        for (size_t a = 0; a < 3; a++) {
            ASSERT_CLOSE(hl[ix(&r, years[i], a)], want[i][a], 1e-12);
            /* two adults per household, nobody in an institution */
            ASSERT_CLOSE(h->persons_private[VIEW_HOUSING_LED][ix(&r, years[i], a)],
                         2 * want[i][a], 1e-12);
        }
        ASSERT_CLOSE(projection_total(&h->view[VIEW_HOUSING_LED], (size_t) (years[i] - 2021)),
                     pop[i], 1e-12);
    }
    ASSERT_CLOSE(housing_total(h, hl, 1), 33, 1e-12);
    /* Regional contribution = housing-led minus trend households: 33 - 21 = 12 on
     * 1 January 2022, 43 - 21 = 22 on 1 January 2023 (B's 10 new homes filled),
     * 23 in 2030 and 24 in 2031. */
    ASSERT_CLOSE(housing_total(h, hl, 1) - housing_total(h, h->households[VIEW_TREND], 1), 12, 1e-12);
    ASSERT_CLOSE(housing_total(h, hl, 2) - housing_total(h, h->households[VIEW_TREND], 2), 22, 1e-12);
    ASSERT_CLOSE(housing_total(h, hl, 9) - housing_total(h, h->households[VIEW_TREND], 9), 23, 1e-12);
    ASSERT_CLOSE(housing_total(h, hl, 10) - housing_total(h, h->households[VIEW_TREND], 10), 24, 1e-12);
    /* The flows of the step from 2021 to 2022 are stored at index 2021. */
    ASSERT_CLOSE(h->hh_moved_out[ix(&r, 2021, A)], 2, 1e-12);
    ASSERT_CLOSE(h->hh_moved_in[ix(&r, 2021, B)], 2, 1e-12);
    ASSERT_CLOSE(h->hh_left[ix(&r, 2021, C)], 1, 1e-12);
    ASSERT_CLOSE(h->hh_arrived[ix(&r, 2021, B)], 13, 1e-12);
    ASSERT_CLOSE(h->persons_moved[ix(&r, 2021, A)], 4, 1e-12);
    ASSERT_CLOSE(h->persons_left[ix(&r, 2021, C)], 2, 1e-12);
    ASSERT_CLOSE(h->persons_arrived[ix(&r, 2021, B)], 26, 1e-12);
    ASSERT_CLOSE(h->hh_arrived[ix(&r, 2022, B)], 10, 1e-12);
    ASSERT_CLOSE(h->persons_arrived[ix(&r, 2022, B)], 20, 1e-12);
    ASSERT_CLOSE(h->hh_arrived[ix(&r, 2029, C)], 1, 1e-12);
    ASSERT_CLOSE(h->hh_arrived[ix(&r, 2030, C)], 1, 1e-12);
    /* In between nothing moves: 2023..2028. */
    for (int y = 2023; y <= 2028; y++)
        for (size_t a = 0; a < 3; a++) {
            CU_ASSERT(fabs(h->hh_arrived[ix(&r, y, a)]) < 1e-9);
            CU_ASSERT(fabs(h->hh_left[ix(&r, y, a)]) < 1e-9);
            CU_ASSERT(fabs(h->hh_moved_out[ix(&r, y, a)]) < 1e-9);
        }
    run_free(&r);
}

static void
test_housing_led_accounting_and_persons(void)
{
    run r;
    const housing *h = &r.h;
    const projection *p;
    double arrived = 0, left = 0;

    CU_ASSERT_EQUAL_FATAL(run_load(&r), LS_OK);
    CU_ASSERT_EQUAL_FATAL(housing_run(&r.h, NULL, NULL, NULL), LS_OK);
    p = &h->view[VIEW_HOUSING_LED];
    CU_ASSERT_EQUAL_FATAL(p->n_steps, 10);
    for (size_t t = 0; t < p->n_steps; t++) {
        double iin = 0, iout = 0;
        for (size_t a = 0; a < 3; a++) {
            const cohort_comp *k = &p->comp[t * 3 + a];
            ASSERT_CLOSE(k->end, k->start + k->births - k->deaths + k->immigration
                                     - k->emigration + k->domestic_in - k->domestic_out
                                     + k->internal_in - k->internal_out,
                         1e-12);
            /* start and end are the stored populations on 1 January */
            ASSERT_CLOSE(k->start, projection_area_total(p, t, a), 1e-12);
            ASSERT_CLOSE(k->end, projection_area_total(p, t + 1, a), 1e-12);
            /* the coupling's moves are the only migration in this world */
            ASSERT_CLOSE(k->domestic_in, h->persons_arrived[t * 3 + a], 1e-12);
            ASSERT_CLOSE(k->domestic_out, h->persons_left[t * 3 + a], 1e-12);
            ASSERT_CLOSE(k->internal_out, h->persons_moved[t * 3 + a], 1e-12);
            iin += k->internal_in;
            iout += k->internal_out;
            arrived += h->persons_arrived[t * 3 + a];
            left += h->persons_left[t * 3 + a];
        }
        ASSERT_CLOSE(iin, iout, 1e-12);
        /* Housing-led population = 42 + persons arrived - persons left so far. */
        ASSERT_CLOSE(projection_total(p, t + 1), 42 + arrived - left, 1e-12);
    }
    /* Arrived 26 + 20 + 2 + 2 = 50, left 2: 90 on 1 January 2031. */
    ASSERT_CLOSE(arrived, 50, 1e-12);
    ASSERT_CLOSE(left, 2, 1e-12);
    ASSERT_CLOSE(projection_total(p, 10), 90, 1e-12);
    /* The step from 2021 in components: A 4 out, B 4 in and 26 from outside, C 2 left. */
    ASSERT_CLOSE(p->comp[A].internal_out, 4, 1e-12);
    ASSERT_CLOSE(p->comp[B].internal_in, 4, 1e-12);
    ASSERT_CLOSE(p->comp[B].domestic_in, 26, 1e-12);
    ASSERT_CLOSE(p->comp[C].domestic_out, 2, 1e-12);
    run_free(&r);
}

static void
test_housing_given_completions_replace_the_pipeline(void)
{
    /* One Monte Carlo-style draw: 5 homes in A and 1 demolition in C during 2021,
     * nothing else (P1 and P2 do not happen). 1 January 2022: stock A 15, B 20, C 2.
     * Coupling: C's 4 households on 2 homes: 2 leave (4 persons); A's 12 households
     * fit with 3 homes spare; 3 households (6 persons) come to A and 15 (30) to B.
     * Households 15, 20, 2 = 37; persons 42 - 4 + 36 = 74; nothing more after. */
    run r;
    const housing *h = &r.h;
    double *comp, *dem;

    CU_ASSERT_EQUAL_FATAL(run_load(&r), LS_OK);
    comp = calloc(h->n_years * 3, sizeof *comp);
    dem = calloc(h->n_years * 3, sizeof *dem);
    CU_ASSERT_FATAL(comp != NULL && dem != NULL);
    comp[ix(&r, 2021, A)] = 5;
    dem[ix(&r, 2021, C)] = 1;
    CU_ASSERT_EQUAL_FATAL(housing_run(&r.h, NULL, comp, dem), LS_OK);
    ASSERT_CLOSE(h->stock[ix(&r, 2022, A)], 15, 1e-15);
    ASSERT_CLOSE(h->stock[ix(&r, 2022, C)], 2, 1e-15);
    ASSERT_CLOSE(h->stock[ix(&r, 2031, B)], 20, 1e-15); /* P1 did not happen */
    ASSERT_CLOSE(h->completions[ix(&r, 2022, B)], 0, 1e-15);
    ASSERT_CLOSE(h->hh_left[ix(&r, 2021, C)], 2, 1e-12);
    ASSERT_CLOSE(h->hh_arrived[ix(&r, 2021, A)], 3, 1e-12);
    ASSERT_CLOSE(h->hh_arrived[ix(&r, 2021, B)], 15, 1e-12);
    CU_ASSERT(fabs(h->hh_moved_out[ix(&r, 2021, A)]) < 1e-9);
    for (int y = 2022; y <= 2031; y++) {
        ASSERT_CLOSE(housing_total(h, h->households[VIEW_HOUSING_LED], (size_t) (y - 2021)), 37, 1e-12);
        ASSERT_CLOSE(projection_total(&h->view[VIEW_HOUSING_LED], (size_t) (y - 2021)), 74, 1e-12);
    }
    /* Running again with the expected pipeline gives the fixture's numbers back. */
    CU_ASSERT_EQUAL_FATAL(housing_run(&r.h, NULL, NULL, NULL), LS_OK);
    ASSERT_CLOSE(h->stock[ix(&r, 2022, A)], 10, 1e-15);
    ASSERT_CLOSE(projection_total(&h->view[VIEW_HOUSING_LED], 1), 66, 1e-12);
    free(comp);
    free(dem);
    run_free(&r);
}

/* ---- the second world, tests/data/housing2 (see its model.yaml) ----
 * Women only, ages 0, 1, 2+. Survival: births 1, 0->1 0.9, 1->2 0.8, within 2+ 0.5;
 * births per woman 0.1 at 2+ (exposure: mean of the women at the start and the end),
 * a girl's share of births 1 / 2.05; headship 0.2 at age 1, 0.5 at 2+ with 10% of
 * those in institutions; headship trend 1.0 in 2021, 1.1 from 2022.
 *   A: 10, 30, 20 women.  2022: age 1 = 10 x 0.9 = 9; 2+ = 30 x 0.8 + 20 x 0.5 = 34;
 *      births 0.1 x (20 + 34) / 2 = 2.7, girls 2.7 / 2.05
 *      households 2021: 0.2 x 30 + 0.5 x 0.9 x 20 = 15 (the base: calibration 1)
 *      households 2022: 1.1 x (0.2 x 9 + 0.45 x 34) = 1.1 x 17.1 = 18.81
 *   B: 4, 4, 20 women.  2022: 3.6; 3.2 + 10 = 13.2; births 0.1 x 33.2 / 2 = 1.66
 *      households 2021: 0.8 + 9 = 9.8; 2022: 1.1 x (0.72 + 5.94) = 7.326
 * Dwellings 22 and 5; other change -2.7 a year split by the base stock (22/27, 5/27):
 * -2.2 and -0.5; plan P1: 3 homes in A in 2021 (certain, on time), 1 demolished.
 *   stock 1 Jan 2022: A 22 + 3 - 1 - 2.2 = 21.8; B 5 - 0.5 = 4.5
 *   vacancy 0.1: capacity A 19.62, B 4.05; demand (households / 0.9) A 20.9, B 8.14
 * Housing-led 2022 (nobody moves between A and B, 50 km > 1 km): A's 0.81 spare
 * homes draw 0.81 households from outside; B's 3.276 households too many leave:
 * 19.62 + 4.05 = 23.67 households; regional contribution 23.67 - 26.136 = -2.466. */
static void
test_housing2_trend_by_hand(void)
{
    run r;
    const housing *h = &r.h;
    const double *pa, *pb;

    CU_ASSERT_EQUAL_FATAL(run_load_from(&r, "tests/data/housing2/model.yaml"), LS_OK);
    CU_ASSERT_EQUAL_FATAL(housing_run(&r.h, NULL, NULL, NULL), LS_OK);
    pa = h->view[VIEW_TREND].pop + 1 * model_cells(&r.m) + model_cell(&r.m, A, 0, 0);
    pb = h->view[VIEW_TREND].pop + 1 * model_cells(&r.m) + model_cell(&r.m, B, 0, 0);
    ASSERT_CLOSE(pa[0], 2.7 / 2.05, 1e-12);
    ASSERT_CLOSE(pa[1], 9, 1e-12);
    ASSERT_CLOSE(pa[2], 34, 1e-12);
    ASSERT_CLOSE(pb[0], 1.66 / 2.05, 1e-12);
    ASSERT_CLOSE(pb[1], 3.6, 1e-12);
    ASSERT_CLOSE(pb[2], 13.2, 1e-12);
    ASSERT_CLOSE(h->households[VIEW_TREND][ix(&r, 2021, A)], 15, 1e-12);
    ASSERT_CLOSE(h->households[VIEW_TREND][ix(&r, 2021, B)], 9.8, 1e-12);
    ASSERT_CLOSE(h->households[VIEW_TREND][ix(&r, 2022, A)], 18.81, 1e-12);
    ASSERT_CLOSE(h->households[VIEW_TREND][ix(&r, 2022, B)], 7.326, 1e-12);
    /* persons in private households: 9 + 0.9 x 34 and 3.6 + 0.9 x 13.2 (and the girls) */
    ASSERT_CLOSE(h->persons_private[VIEW_TREND][ix(&r, 2022, A)], 2.7 / 2.05 + 9 + 30.6, 1e-12);
    run_free(&r);
}

static void
test_housing2_stock_and_capacity_by_hand(void)
{
    run r;
    const housing *h = &r.h;

    CU_ASSERT_EQUAL_FATAL(run_load_from(&r, "tests/data/housing2/model.yaml"), LS_OK);
    CU_ASSERT_EQUAL_FATAL(housing_run(&r.h, NULL, NULL, NULL), LS_OK);
    ASSERT_CLOSE(h->completions[ix(&r, 2021, A)], 3, 1e-15);
    ASSERT_CLOSE(h->demolitions[ix(&r, 2021, A)], 1, 1e-15);
    ASSERT_CLOSE(h->other[ix(&r, 2021, A)], -2.2, 1e-12);
    ASSERT_CLOSE(h->other[ix(&r, 2021, B)], -0.5, 1e-12);
    ASSERT_CLOSE(h->stock[ix(&r, 2022, A)], 21.8, 1e-12);
    ASSERT_CLOSE(h->stock[ix(&r, 2022, B)], 4.5, 1e-12);
    ASSERT_CLOSE(h->stock[ix(&r, 2023, A)], 19.6, 1e-12);
    ASSERT_CLOSE(housing_capacity(h, 1, A), 19.62, 1e-12);
    ASSERT_CLOSE(housing_capacity(h, 1, B), 4.05, 1e-12);
    /* the housing-led view fills A to its capacity and empties B down to it */
    ASSERT_CLOSE(h->households[VIEW_HOUSING_LED][ix(&r, 2022, A)], 19.62, 1e-9);
    ASSERT_CLOSE(h->households[VIEW_HOUSING_LED][ix(&r, 2022, B)], 4.05, 1e-9);
    ASSERT_CLOSE(h->hh_arrived[ix(&r, 2021, A)], 0.81, 1e-9);
    ASSERT_CLOSE(h->hh_left[ix(&r, 2021, B)], 3.276, 1e-9);
    ASSERT_CLOSE(housing_total(h, h->households[VIEW_HOUSING_LED], 1)
                     - housing_total(h, h->households[VIEW_TREND], 1),
                 -2.466, 1e-9);
    run_free(&r);
}

/* households.headship_ratios: the adults' headship rises by a quarter from 1 January
 * 2026. The base stays calibrated to the observed households (12, 5, 4); from 2026
 * the trend view has 24, 10, 8 adults x 0.5 x 1.25 = 15, 6.25, 5 households, the
 * persons unchanged, so the average household size falls from 2 to 1.6. */
static void
test_housing_headship_ratios_by_year_and_age(void)
{
    static const char ratios[] = "# test\nyear,sex,age,headship_ratio\n"
                                 "2021,F,0,1\n2021,F,1,1\n2021,F,2,1\n"
                                 "2026,F,0,1\n2026,F,1,1\n2026,F,2,1.25\n";
    const double base[3] = {12, 5, 4}, later[3] = {15, 6.25, 5};
    run r;

    CU_ASSERT_EQUAL_FATAL(run_load_ratios(&r, ratios), LS_OK);
    CU_ASSERT_EQUAL_FATAL(housing_run(&r.h, NULL, NULL, NULL), LS_OK);
    for (int year = 2021; year <= 2031; year++)
        for (size_t a = 0; a < 3; a++) {
            const size_t i = ix(&r, year, a);
            ASSERT_CLOSE(r.h.households[VIEW_TREND][i], year < 2026 ? base[a] : later[a], 1e-12);
        }
    ASSERT_CLOSE(r.h.hh.calib[A], 1, 1e-12);
    ASSERT_CLOSE(r.h.persons_private[VIEW_TREND][ix(&r, 2031, A)]
                     / r.h.households[VIEW_TREND][ix(&r, 2031, A)],
                 1.6, 1e-12);
    run_free(&r);
    /* Without the file (constant), the same years keep the base. */
    CU_ASSERT_EQUAL_FATAL(run_load(&r), LS_OK);
    CU_ASSERT_EQUAL_FATAL(housing_run(&r.h, NULL, NULL, NULL), LS_OK);
    ASSERT_CLOSE(r.h.households[VIEW_TREND][ix(&r, 2031, A)], 12, 1e-12);
    run_free(&r);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_housing_stock_from_expected_pipeline", test_housing_stock_from_expected_pipeline},
        {"test_housing_headship_ratios_by_year_and_age", test_housing_headship_ratios_by_year_and_age},
        {"test_housing_trend_view_is_unchanged", test_housing_trend_view_is_unchanged},
        {"test_housing_led_households_follow_the_stock", test_housing_led_households_follow_the_stock},
        {"test_housing_led_accounting_and_persons", test_housing_led_accounting_and_persons},
        {"test_housing_given_completions_replace_the_pipeline",
         test_housing_given_completions_replace_the_pipeline},
        {"test_housing2_trend_by_hand", test_housing2_trend_by_hand},
        {"test_housing2_stock_and_capacity_by_hand", test_housing2_stock_and_capacity_by_hand},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
