/* The projection driver through the same code path `landstad run` uses
 * (config_load -> model_load -> projection): the UN WPP 2019 Canada example to
 * 1e-6 persons, Preston et al. (2001) Box 6.2 against the book's published figures
 * and the popReconstruct Burkina Faso example against a hand computation of its
 * first step, each under both births-exposure conventions; rates applied to the
 * start population, flow totals spread by profile, TFR rescaling, and
 * calibration. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/config.h"
#include "csv.h"
#include "model.h"
#include "projection.h"
#include "testlib.h"
#include "util.h"

typedef struct {
    model_spec spec;
    model m;
    projection p;
} run;

/* exposure < 0: as the model file says. */
static int
run_model_exposure(run *r, const char *path, int exposure)
{
    diag d;
    int ret;

    memset(r, 0, sizeof *r);
    diag_init(&d);
    ret = config_load(&r->spec, path, &d);
    if (ret == LS_OK && exposure >= 0)
        r->spec.exposure = (enum exposure) exposure;
    if (ret == LS_OK)
        ret = model_load(&r->m, &r->spec, &d);
    if (ret == LS_OK)
        ret = projection_init(&r->p, &r->m, NULL);
    if (ret == LS_OK)
        ret = projection_finish(&r->p);
    if (ret != LS_OK)
        diag_print(&d, stderr);
    diag_free(&d);
    return ret;
}

static int
run_model(run *r, const char *path)
{
    return run_model_exposure(r, path, -1);
}

static void
run_free(run *r)
{
    projection_free(&r->p);
    model_free(&r->m);
    config_free(&r->spec);
}

/* Largest |projected - expected| over a year,kern,sex,age,COLUMN CSV. */
static double
max_error_in(const run *r, const char *expected, const char *column)
{
    csv_table t;
    diag d;
    double worst = -1;

    diag_init(&d);
    if (csv_read(&t, expected, expected, &d) != LS_OK) {
        diag_print(&d, stderr);
        diag_free(&d);
        return INFINITY;
    }
    {
        int cy = csv_column(&t, "year", 1, &d), ck = csv_column(&t, "kern", 1, &d);
        int cs = csv_column(&t, "sex", 1, &d), ca = csv_column(&t, "age", 1, &d);
        int cp = csv_column(&t, column, 1, &d);
        const model *m = &r->m;
        worst = 0;
        for (size_t i = 0; i < t.n_rows; i++) {
            long year, age;
            double v;
            size_t yi, s;
            long a = model_area_index(m, csv_text(&t, i, ck));
            CU_ASSERT_FATAL(parse_integer(csv_text(&t, i, cy), &year) == 0);
            CU_ASSERT_FATAL(parse_integer(csv_text(&t, i, ca), &age) == 0);
            CU_ASSERT_FATAL(parse_number(csv_text(&t, i, cp), &v) == 0);
            CU_ASSERT_FATAL(a >= 0);
            yi = (size_t) (year - r->spec.base_year) / (size_t) r->spec.width;
            CU_ASSERT_FATAL(yi < r->p.n_years);
            s = r->spec.sex[0] == csv_text(&t, i, cs)[0] ? 0 : 1;
            {
                double got = r->p.pop[yi * model_cells(m)
                                      + model_cell(m, (size_t) a, s, (size_t) age / (size_t) m->width)];
                if (fabs(got - v) > worst)
                    worst = fabs(got - v);
            }
        }
    }
    csv_free(&t);
    diag_free(&d);
    return worst;
}

static double
max_error(const run *r, const char *expected)
{
    return max_error_in(r, expected, "persons");
}

static void
test_projection_wpp_canada_to_1e6(void)
{
    char *mpath = test_src("tests/data/wpp-canada/model.yaml");
    char *expected = test_src("tests/data/wpp-canada/expected_population.csv");
    char *births = test_src("tests/data/wpp-canada/expected_births.csv");
    run r;
    double err;

    CU_ASSERT_EQUAL_FATAL(run_model(&r, mpath), LS_OK);
    err = max_error(&r, expected);
    fprintf(stderr, "    Canada WPP 1950-1955: largest absolute error %.3g persons\n", err);
    CU_ASSERT(err < 1e-6);
    /* Births by sex and year, from the components. */
    {
        csv_table t;
        diag d;
        diag_init(&d);
        CU_ASSERT_FATAL(csv_read(&t, births, births, &d) == LS_OK);
        for (size_t i = 0; i < t.n_rows; i++) {
            long y;
            double v, got = 0;
            const char *sx = csv_text(&t, i, csv_column(&t, "sex", 1, &d));
            CU_ASSERT_FATAL(parse_integer(csv_text(&t, i, csv_column(&t, "year", 1, &d)), &y) == 0);
            CU_ASSERT_FATAL(parse_number(csv_text(&t, i, csv_column(&t, "births", 1, &d)), &v) == 0);
            for (size_t s = 0; s < 2; s++)
                if (sx[0] == 'T' || sx[0] == r.spec.sex[s])
                    got += r.p.comp[((size_t) (y - 1950) * 1 + 0) * 2 + s].births;
            ASSERT_CLOSE(got, v, 1e-11);
        }
        csv_free(&t);
        diag_free(&d);
    }
    run_free(&r);
    free(mpath);
    free(expected);
    free(births);
}

static const char *const exposure_names[] = {"start_and_survivors", "start_and_end_population"};

/* Preston et al. (2001) Box 6.2, published figures rounded to whole persons: with
 * Preston's own convention every cell and the births agree to rounding; with the
 * other convention the births and the 0-4 group are about 0.6% low and it fails. */
static void
test_projection_preston_box_6_2_published(void)
{
    char *mpath = test_src("models/examples/preston-sweden-1993/model.yaml");
    char *published = test_src("tests/data/preston-box-6.2/population_1998.csv");
    const double births_published = 15244 + 126688 + 229354 + 170057 + 63203 + 10971 + 472;
    double err[2], berr[2];
    run r;

    for (int e = 0; e < 2; e++) {
        CU_ASSERT_EQUAL_FATAL(run_model_exposure(&r, mpath, e), LS_OK);
        CU_ASSERT_EQUAL(r.p.n_years, 2);
        err[e] = max_error(&r, published);
        berr[e] = fabs(r.p.comp[0].births + r.p.comp[1].births - births_published);
        fprintf(stderr, "    Preston Box 6.2, exposure %s: largest error %.2f persons, births %.1f\n",
                exposure_names[e], err[e], berr[e]);
        run_free(&r);
    }
    /* Published cells are rounded: 0.5, plus rounding in the printed inputs. */
    CU_ASSERT(err[EXPOSURE_START_AND_END_POPULATION] < 1.0);
    CU_ASSERT(berr[EXPOSURE_START_AND_END_POPULATION] < 3.5); /* seven rounded groups */
    CU_ASSERT(err[EXPOSURE_START_AND_SURVIVORS] > 1000);
    /* The shipped example uses Preston's convention. */
    CU_ASSERT_EQUAL_FATAL(run_model(&r, mpath), LS_OK);
    CU_ASSERT_EQUAL(r.spec.exposure, EXPOSURE_START_AND_END_POPULATION);
    run_free(&r);
    free(mpath);
    free(published);
}

/* popReconstruct's Burkina Faso females: the first step against a hand computation
 * of the first age groups and the open group, under each convention (the file shows
 * the arithmetic). */
static void
test_projection_burkina_faso_first_step_by_hand(void)
{
    char *mpath = test_src("models/examples/burkina-faso-females-1960/model.yaml");
    char *hand = test_src("tests/data/burkina-faso-by-hand/population_1965.csv");
    run r;

    for (int e = 0; e < 2; e++) {
        char col[64];
        double err;
        snprintf(col, sizeof col, "persons_%s", exposure_names[e]);
        CU_ASSERT_EQUAL_FATAL(run_model_exposure(&r, mpath, e), LS_OK);
        CU_ASSERT_EQUAL(r.p.n_years, 10);
        CU_ASSERT_EQUAL(r.m.n_sexes, 1);
        err = max_error_in(&r, hand, col);
        fprintf(stderr, "    Burkina Faso 1965 by hand, exposure %s: largest error %.4f persons\n",
                exposure_names[e], err);
        CU_ASSERT(err < 1e-3); /* the hand values carry three decimals */
        run_free(&r);
    }
    CU_ASSERT_EQUAL_FATAL(run_model(&r, mpath), LS_OK);
    CU_ASSERT_EQUAL(r.spec.exposure, EXPOSURE_START_AND_SURVIVORS);
    run_free(&r);
    free(mpath);
    free(hand);
}

/* A two-kern model written on the fly: width 1, open 3, both sexes. */
static const char *small_model =
    "name: small\nbase_year: 2020\nhorizon: 2023\nages: {width: 1, open: 3}\n"
    "sexes: [M, F]\ngeography: {municipality: Mini, kernen: [A, B]}\n"
    "population: small_pop.csv\nmortality: {survival: small_surv.csv}\n"
    "fertility: {asfr: small_asfr.csv, tfr: {2020: 1.2, 2022: 1.6}, sex_ratio_at_birth: 1.0}\n"
    "migration:\n  timing: end\n  flows:\n"
    "    - {name: out, kind: emigration, rates: small_emi.csv, level: 2}\n"
    "    - {name: in, kind: domestic_in, total: {2020: 100}, profile: small_prof.csv}\n"
    "output: {plots: false}\n";

static void
write_small(const char *extra)
{
    char *p;
    strbuf b;
    strbuf_init(&b);
    strbuf_add(&b, "kern,sex,age,persons\n", 21);
    for (int k = 0; k < 2; k++)
        for (int s = 0; s < 2; s++)
            for (int a = 0; a < 4; a++)
                strbuf_printf(&b, "%s,%s,%d,%g\n", k ? "B" : "A", s ? "F" : "M", a,
                              k ? 10.0 + a : 30.0 + 2 * a);
    free(test_write("small_pop.csv", b.s));
    strbuf_free(&b);
    free(test_write("small_surv.csv",
                    "sex,age,survival_ratio\nM,0,1\nM,1,1\nM,2,1\nM,3,1\nF,0,1\nF,1,1\nF,2,1\nF,3,1\n"));
    free(test_write("small_asfr.csv", "age,births_per_woman\n1,0.3\n2,0.1\n"));
    free(test_write("small_emi.csv", "sex,age,rate_per_person\nM,2,0.05\nF,2,0.05\n"
                                     "M,0,0\nM,1,0\nM,3,0\nF,0,0\nF,1,0\nF,3,0\n"));
    free(test_write("small_prof.csv", "sex,age,share\nM,1,0.5\nF,1,0.25\nF,2,0.25\n"));
    p = test_write("small.yaml", extra ? extra : small_model);
    free(p);
}

static void
test_projection_rates_totals_and_tfr_by_hand(void)
{
    char *path;
    run r;
    const model *m;
    double popA, popB;

    write_small(NULL);
    path = test_tmp("small.yaml");
    CU_ASSERT_EQUAL_FATAL(run_model(&r, path), LS_OK);
    m = &r.m;
    /* Step 2020: survival 1, so age x+1 at the end holds age x of the start.
     * Emigration: rate 0.05 x level 2 x start population at age 2, taken at age 2
     * at the end. Kern A men: start age 2 = 34 -> 3.4 emigrants. */
    ASSERT_CLOSE(r.p.comp[0].emigration, 0.1 * 34, 1e-12);
    /* domestic_in total 100 split by start population share: A has 2*(30+32+34+36)
     * = 264, B 2*(10+11+12+13) = 92. */
    popA = 264;
    popB = 92;
    ASSERT_CLOSE(r.p.comp[0].domestic_in, 100 * popA / (popA + popB) * 0.5, 1e-12);
    ASSERT_CLOSE(r.p.comp[1].domestic_in, 100 * popA / (popA + popB) * 0.5, 1e-12);
    ASSERT_CLOSE(r.p.comp[2].domestic_in, 100 * popB / (popA + popB) * 0.5, 1e-12);
    /* Births: schedule sums to 0.4, TFR 1.2 in 2020 -> asfr x3. Kern A women: ages 1
     * and 2 start 32, 34; survived (ages 1, 2 at end) 30, 32. */
    {
        double b = 3 * (0.3 * (32 + 30) / 2 + 0.1 * (34 + 32) / 2);
        ASSERT_CLOSE(r.p.comp[0].births + r.p.comp[1].births, b, 1e-12);
        ASSERT_CLOSE(r.p.comp[0].births, b / 2, 1e-12); /* srb 1.0 */
    }
    /* TFR path interpolates: 2021 is 1.4. */
    {
        const size_t cells = model_cells(m);
        const double *P = r.p.pop + 1 * cells, *N = r.p.pop + 2 * cells;
        size_t f = 1; /* F is the second sex */
        double b = 1.4 / 0.4
                   * (0.3 * (P[model_cell(m, 0, f, 1)] + (P[model_cell(m, 0, f, 0)])) / 2
                      + 0.1 * (P[model_cell(m, 0, f, 2)] + P[model_cell(m, 0, f, 1)]) / 2);
        (void) N;
        ASSERT_CLOSE(r.p.comp[(1 * 2 + 0) * 2 + 0].births + r.p.comp[(1 * 2 + 0) * 2 + 1].births,
                     b, 1e-12);
    }
    /* Identity in every year, kern and sex. */
    for (size_t t = 0; t < r.p.n_steps; t++)
        for (size_t i = 0; i < 4; i++) {
            const cohort_comp *c = &r.p.comp[t * 4 + i];
            ASSERT_CLOSE(c->end, c->start + c->births - c->deaths + c->immigration - c->emigration
                                     + c->domestic_in - c->domestic_out + c->internal_in
                                     - c->internal_out,
                         1e-12);
        }
    run_free(&r);
    free(path);
}

/* Migration balance zero (the own need), step 2020 of the small model by hand.
 * Out: emigration at age 2 only, 0.1 x the start population: A 34 (M) and 34 (F) ->
 * 3.4 each, B 12 -> 1.2 each; municipal M2 = F2 = 4.6. In: domestic_in 100 by the
 * profile M1 50, F1 25, F2 25, split 264 : 92 over A and B. Scaled per sex and age
 * to in = out: M1 and F1 have no out-migrants -> 0; F2 25 -> 4.6 (A 4.6 x 264/356,
 * B 4.6 x 92/356); M2 has no in-migrants to scale -> its out-migrants kern by kern
 * (A 3.4, B 1.2). So each sex's municipal balance is 0, and kern A's women gain
 * 4.6 x 264/356 - 3.4. */
static void
test_projection_zero_migration_by_hand(void)
{
    char *path;
    model_spec spec;
    model m;
    projection p;
    projection_opts o;
    diag d;

    write_small(NULL);
    path = test_tmp("small.yaml");
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load(&spec, path, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(model_load(&m, &spec, &d), LS_OK);
    projection_opts_init(&o);
    o.zero_migration = 1;
    CU_ASSERT_EQUAL_FATAL(projection_init(&p, &m, &o), LS_OK);
    CU_ASSERT_EQUAL_FATAL(projection_step(&p), LS_OK);
    /* comp[area * 2 + sex]: A M, A F, B M, B F */
    ASSERT_CLOSE(p.comp[0].emigration, 3.4, 1e-12);
    ASSERT_CLOSE(p.comp[0].domestic_in, 3.4, 1e-12);
    ASSERT_CLOSE(p.comp[1].domestic_in, 4.6 * 264 / 356, 1e-12);
    ASSERT_CLOSE(p.comp[2].domestic_in, 1.2, 1e-12);
    ASSERT_CLOSE(p.comp[3].domestic_in, 4.6 * 92 / 356, 1e-12);
    for (int s = 0; s < 2; s++)
        ASSERT_CLOSE(p.comp[s].domestic_in + p.comp[2 + s].domestic_in - p.comp[s].emigration
                         - p.comp[2 + s].emigration,
                     0, 1e-12);
    projection_free(&p);
    model_free(&m);
    config_free(&spec);
    diag_free(&d);
    free(path);
}

/* migration.flows[].distribution: a total split over kernen by the file's shares,
 * not by population (A holds 264 of 356 persons, 74%, but gets 20%), then by the
 * profile over sex and age. Total 100 in 2020: A men 100 x 0.2 x 0.5 = 10 and women
 * 100 x 0.2 x (0.25 + 0.25) = 10; B 40 and 40. With end timing they arrive after
 * survival at the profile's age: kern B, women aged 2 on 1 January 2021 = 11 (aged 1
 * at the start, survival 1) + 100 x 0.8 x 0.25 - 1.2 emigrants (rate 0.05 x level 2
 * x the 12 women aged 2 at the start) = 29.8. */
static void
test_projection_in_movers_distribution_by_hand(void)
{
    char *path, *text;
    run r;

    text = xasprintf("%s", small_model);
    {
        char *at = strstr(text, "profile: small_prof.csv}");
        CU_ASSERT_FATAL(at != NULL);
        *at = 0;
    }
    {
        char *t2 = xasprintf("%sprofile: small_prof.csv, distribution: small_dist.csv}\n"
                             "output: {plots: false}\n", text);
        free(text);
        text = t2;
    }
    write_small(text);
    free(text);
    free(test_write("small_dist.csv", "kern,share\nA,0.2\nB,0.8\n"));
    path = test_tmp("small.yaml");
    CU_ASSERT_EQUAL_FATAL(run_model(&r, path), LS_OK);
    ASSERT_CLOSE(r.p.comp[0].domestic_in, 10, 1e-12); /* A, M */
    ASSERT_CLOSE(r.p.comp[1].domestic_in, 10, 1e-12); /* A, F */
    ASSERT_CLOSE(r.p.comp[2].domestic_in, 40, 1e-12); /* B, M */
    ASSERT_CLOSE(r.p.comp[3].domestic_in, 40, 1e-12); /* B, F */
    {
        const model *m = &r.m;
        const double *P = r.p.pop + model_cells(m);
        ASSERT_CLOSE(P[model_cell(m, 1, 1, 2)], 29.8, 1e-12);
    }
    run_free(&r);
    free(path);
}

static void
test_projection_calibration_meets_the_target(void)
{
    char *path, *text;
    diag d;
    model_spec spec;
    model m;
    double level = -1;
    projection p;
    projection_opts o;

    /* Solve the domestic_in level in 2020-2021 so 1 January 2022 has 500 persons. */
    text = xasprintf("%scalibrate: {flow: in, from: 2020, to: 2021, year: 2022, population: 500}\n",
                     small_model);
    write_small(text);
    free(text);
    path = test_tmp("small.yaml");
    diag_init(&d);
    CU_ASSERT_EQUAL_FATAL(config_load(&spec, path, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(model_load(&m, &spec, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(projection_calibrate(&m, &level, &d), LS_OK);
    CU_ASSERT(level > 0);
    projection_opts_init(&o);
    o.override_flow = 1;
    o.override_from = 2020;
    o.override_to = 2021;
    o.override_level = level;
    CU_ASSERT_EQUAL_FATAL(projection_init(&p, &m, &o), LS_OK);
    CU_ASSERT_EQUAL_FATAL(projection_finish(&p), LS_OK);
    ASSERT_CLOSE(projection_total(&p, 2), 500, 1e-9);
    projection_free(&p);
    /* An unreachable target is a located, numeric failure. */
    model_free(&m);
    config_free(&spec);
    text = xasprintf("%scalibrate: {flow: in, from: 2020, to: 2021, year: 2022, population: 5}\n",
                     small_model);
    write_small(text);
    free(text);
    CU_ASSERT_EQUAL_FATAL(config_load(&spec, path, &d), LS_OK);
    CU_ASSERT_EQUAL_FATAL(model_load(&m, &spec, &d), LS_OK);
    CU_ASSERT_EQUAL(projection_calibrate(&m, &level, &d), LS_ENUMERIC);
    CU_ASSERT_EQUAL(diag_count(&d), 1);
    if (d.n > 0)
        CU_ASSERT(strstr(d.msg[0], "calibration failed: no level of flow \"in\"") != NULL);
    model_free(&m);
    config_free(&spec);
    diag_free(&d);
    free(path);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_projection_zero_migration_by_hand", test_projection_zero_migration_by_hand},
        {"test_projection_wpp_canada_to_1e6", test_projection_wpp_canada_to_1e6},
        {"test_projection_preston_box_6_2_published", test_projection_preston_box_6_2_published},
        {"test_projection_burkina_faso_first_step_by_hand", test_projection_burkina_faso_first_step_by_hand},
        {"test_projection_rates_totals_and_tfr_by_hand", test_projection_rates_totals_and_tfr_by_hand},
        {"test_projection_in_movers_distribution_by_hand", test_projection_in_movers_distribution_by_hand},
        {"test_projection_calibration_meets_the_target", test_projection_calibration_meets_the_target},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
