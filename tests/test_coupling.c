/* The housing-led coupling (MODEL.md section 6) on the closed-world fixture
 * tests/data/housing (women only, ages 0, 1, 2+; only adults head households at
 * rate 0.5, so a household is two adults; calibration factors are all 1):
 *   A (0, 0):   24 adults, 12 households
 *   B (3, 4):   10 adults,  5 households; 5 km from A, 45 km from C
 *   C (30, 40):  8 adults,  4 households; 50 km from A
 * Movers and in-movers are all adults (2+). One coupling_apply on the base
 * population with the capacities below; every flow is counted by hand. */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cohort.h"
#include "coupling.h"
#include "household.h"
#include "../src/config.h"
#include "model.h"
#include "testlib.h"

enum { A, B, C };

typedef struct {
    model_spec spec;
    model m;
    households hh;
    cohort c;
    coupling cp;
    double before; /* persons before the coupling */
} world;

static int
world_load(world *w)
{
    char *path = test_src("tests/data/housing/model.yaml");
    diag d;
    size_t bad = 0;
    int ret;

    memset(w, 0, sizeof *w);
    diag_init(&d);
    ret = config_load(&w->spec, path, &d);
    if (ret == LS_OK)
        ret = model_load(&w->m, &w->spec, &d);
    if (ret != LS_OK)
        diag_print(&d, stderr);
    diag_free(&d);
    free(path);
    if (ret != LS_OK)
        return ret;
    ret = households_init(&w->hh, w->m.n_areas, w->m.n_sexes, w->m.n_ages, w->m.headship,
                          w->m.institutional);
    if (ret == LS_OK)
        ret = households_calibrate(&w->hh, w->m.base_pop, w->m.hh_base, &bad);
    if (ret == LS_OK)
        ret = cohort_init(&w->c, w->m.n_areas, w->m.n_sexes, w->m.n_ages, w->m.width,
                          (size_t) w->m.female);
    if (ret != LS_OK)
        return ret;
    cohort_set_population(&w->c, w->m.base_pop);
    /* A fresh step's components: start = end = the kern's persons, so that the
     * coupling's transfers can be checked against the accounting identity. */
    for (size_t a = 0; a < w->m.n_areas; a++) {
        double t = 0;
        for (size_t x = 0; x < w->m.n_ages; x++)
            t += w->m.base_pop[model_cell(&w->m, a, 0, x)];
        w->c.comp[a].start = w->c.comp[a].end = t;
        w->before += t;
    }
    return coupling_init(&w->cp, &w->m, &w->hh);
}

static void
world_free(world *w)
{
    coupling_free(&w->cp);
    cohort_free(&w->c);
    households_free(&w->hh);
    model_free(&w->m);
    config_free(&w->spec);
}

static double
persons(const world *w, size_t a)
{
    double t = 0;
    for (size_t x = 0; x < w->m.n_ages; x++)
        t += w->c.pop[model_cell(&w->m, a, 0, x)];
    return t;
}

static double
hholds(const world *w, size_t a)
{
    return households_of(&w->hh, w->c.pop, a, 1, NULL);
}

/* end == start + in - out per kern (no births, deaths or other flows here), end
 * equals the persons in the state, and internal moves sum to zero. */
static void
check_identity(const world *w)
{
    double iin = 0, iout = 0;
    for (size_t a = 0; a < w->m.n_areas; a++) {
        const cohort_comp *k = &w->c.comp[a];
        ASSERT_CLOSE(k->end, k->start + k->domestic_in - k->domestic_out + k->internal_in
                                 - k->internal_out,
                     1e-12);
        ASSERT_CLOSE(k->end, persons(w, a), 1e-12);
        iin += k->internal_in;
        iout += k->internal_out;
    }
    ASSERT_CLOSE(iin, iout, 1e-12);
}

static void
test_coupling_fixture_geometry(void)
{
    world w;

    CU_ASSERT_EQUAL_FATAL(world_load(&w), LS_OK);
    CU_ASSERT_EQUAL_FATAL(w.m.n_areas, 3);
    CU_ASSERT_EQUAL_FATAL(w.m.n_ages, 3);
    ASSERT_CLOSE(w.m.dist_km[A * 3 + B], 5, 1e-14);  /* 3-4-5 */
    ASSERT_CLOSE(w.m.dist_km[B * 3 + C], 45, 1e-14); /* 27-36-45 */
    ASSERT_CLOSE(w.m.dist_km[C * 3 + A], 50, 1e-14); /* 30-40-50 */
    /* From C: C itself, then B (45), then A (50). */
    CU_ASSERT_EQUAL(w.m.dist_order[C * 3 + 0], C);
    CU_ASSERT_EQUAL(w.m.dist_order[C * 3 + 1], B);
    CU_ASSERT_EQUAL(w.m.dist_order[C * 3 + 2], A);
    ASSERT_CLOSE(w.spec.max_distance_km, 10, 1e-15);
    ASSERT_CLOSE(w.before, 42, 1e-15);
    /* Headship 0.5 of adults x calibration 1: 12, 5, 4 households. */
    ASSERT_CLOSE(w.hh.calib[A], 1, 1e-15);
    ASSERT_CLOSE(w.hh.calib[B], 1, 1e-15);
    ASSERT_CLOSE(w.hh.calib[C], 1, 1e-15);
    ASSERT_CLOSE(hholds(&w, A), 12, 1e-15);
    ASSERT_CLOSE(hholds(&w, B), 5, 1e-15);
    ASSERT_CLOSE(hholds(&w, C), 4, 1e-15);
    world_free(&w);
}

static void
test_coupling_moves_nearest_and_fills_from_outside(void)
{
    /* Capacity A 10, B 20, C 3:
     * - A has 2 households too many (4 adults); B, 5 km away, has 15 homes spare:
     *   they move there. A ends with 10 households, 20 persons.
     * - C has 1 too many; no kern is within 10 km: 1 household = 2 persons leave.
     * - B now holds 7 households, 13 homes spare, filled from outside with 13
     *   households = 26 adults: 20 households, 4 + 26 + 10 = 40 persons.
     * Persons: 42 + 26 arrived - 2 left = 66. */
    world w;
    const double cap[3] = {10, 20, 3};
    const coupling_flows *f;

    CU_ASSERT_EQUAL_FATAL(world_load(&w), LS_OK);
    coupling_apply(&w.cp, &w.c, cap, 1, 1);
    f = &w.cp.flows;
    ASSERT_CLOSE(hholds(&w, A), 10, 1e-12);
    ASSERT_CLOSE(persons(&w, A), 20, 1e-12);
    ASSERT_CLOSE(hholds(&w, B), 20, 1e-12);
    ASSERT_CLOSE(persons(&w, B), 40, 1e-12);
    ASSERT_CLOSE(hholds(&w, C), 3, 1e-12);
    ASSERT_CLOSE(persons(&w, C), 6, 1e-12);
    /* Only adults moved: ages 0 and 1 stay empty. */
    CU_ASSERT_EQUAL(w.c.pop[model_cell(&w.m, B, 0, 0)], 0);
    CU_ASSERT_EQUAL(w.c.pop[model_cell(&w.m, B, 0, 1)], 0);
    ASSERT_CLOSE(persons(&w, A) + persons(&w, B) + persons(&w, C), 42 + 26 - 2, 1e-12);
    /* Components. */
    ASSERT_CLOSE(w.c.comp[A].internal_out, 4, 1e-12);
    ASSERT_CLOSE(w.c.comp[A].domestic_out, 0, 1e-12);
    ASSERT_CLOSE(w.c.comp[B].internal_in, 4, 1e-12);
    ASSERT_CLOSE(w.c.comp[B].domestic_in, 26, 1e-12);
    ASSERT_CLOSE(w.c.comp[C].domestic_out, 2, 1e-12);
    ASSERT_CLOSE(w.c.comp[C].internal_out, 0, 1e-12);
    ASSERT_CLOSE(w.c.comp[A].domestic_in + w.c.comp[C].domestic_in, 0, 1e-12);
    check_identity(&w);
    /* Flows. */
    ASSERT_CLOSE(f->hh_moved_out[A], 2, 1e-12);
    ASSERT_CLOSE(f->hh_moved_in[B], 2, 1e-12);
    ASSERT_CLOSE(f->hh_arrived[B], 13, 1e-12);
    ASSERT_CLOSE(f->hh_left[C], 1, 1e-12);
    ASSERT_CLOSE(f->persons_moved[A], 4, 1e-12);
    ASSERT_CLOSE(f->persons_arrived[B], 26, 1e-12);
    ASSERT_CLOSE(f->persons_left[C], 2, 1e-12);
    CU_ASSERT_EQUAL(f->hh_left[A], 0);
    CU_ASSERT_EQUAL(f->hh_moved_out[C], 0);
    CU_ASSERT_EQUAL(f->hh_moved_in[A] + f->hh_moved_in[C], 0);
    CU_ASSERT_EQUAL(f->hh_arrived[A] + f->hh_arrived[C], 0);
    /* A second call finds every household housed: the flows are reset, not summed. */
    coupling_apply(&w.cp, &w.c, cap, 1, 1);
    for (size_t a = 0; a < 3; a++) {
        CU_ASSERT(fabs(f->hh_moved_out[a]) < 1e-9);
        CU_ASSERT(fabs(f->hh_moved_in[a]) < 1e-9);
        CU_ASSERT(fabs(f->hh_arrived[a]) < 1e-9);
        CU_ASSERT(fabs(f->hh_left[a]) < 1e-9);
    }
    ASSERT_CLOSE(persons(&w, B), 40, 1e-12);
    world_free(&w);
}

static void
test_coupling_fill_rate_half(void)
{
    /* fill_rate 0.5: the moves are the same, B's 13 spare homes are half filled:
     * 6.5 households = 13 persons from outside. B ends with 5 + 2 + 6.5 = 13.5
     * households, 10 + 4 + 13 = 27 persons; total 42 + 13 - 2 = 53. */
    world w;
    const double cap[3] = {10, 20, 3};

    CU_ASSERT_EQUAL_FATAL(world_load(&w), LS_OK);
    coupling_apply(&w.cp, &w.c, cap, 1, 0.5);
    ASSERT_CLOSE(hholds(&w, A), 10, 1e-12);
    ASSERT_CLOSE(hholds(&w, B), 13.5, 1e-12);
    ASSERT_CLOSE(persons(&w, B), 27, 1e-12);
    ASSERT_CLOSE(w.cp.flows.hh_arrived[B], 6.5, 1e-12);
    ASSERT_CLOSE(w.cp.flows.hh_moved_in[B], 2, 1e-12);
    ASSERT_CLOSE(w.c.comp[B].domestic_in, 13, 1e-12);
    ASSERT_CLOSE(w.c.comp[B].internal_in, 4, 1e-12);
    ASSERT_CLOSE(persons(&w, A) + persons(&w, B) + persons(&w, C), 53, 1e-12);
    check_identity(&w);
    /* fill_rate 0 draws no one: a fresh world keeps B at 7 households. */
    world_free(&w);
    CU_ASSERT_EQUAL_FATAL(world_load(&w), LS_OK);
    coupling_apply(&w.cp, &w.c, cap, 1, 0);
    ASSERT_CLOSE(hholds(&w, B), 7, 1e-12);
    CU_ASSERT_EQUAL(w.c.comp[B].domestic_in, 0);
    ASSERT_CLOSE(persons(&w, A) + persons(&w, B) + persons(&w, C), 40, 1e-12);
    world_free(&w);
}

/* Capacity A 10, B 20, C 100 and no filling: A's 2 households too many move to B; C,
 * with room to spare, is left alone. After the coupling each kern's households and
 * persons in private households are what counting its population gives, bit for bit:
 * counted again for A and B (touched), kept from before for C. B then holds 7. */
static void
test_coupling_households_after_as_counted(void)
{
    world w;
    const double cap[3] = {10, 20, 100};

    CU_ASSERT_EQUAL_FATAL(world_load(&w), LS_OK);
    coupling_apply(&w.cp, &w.c, cap, 1, 0);
    CU_ASSERT(w.cp.touched[A] && w.cp.touched[B] && !w.cp.touched[C]);
    for (size_t a = 0; a < 3; a++) {
        double pp_kept, pp_counted;
        const double kept = coupling_households(&w.cp, &w.c, a, 1, &pp_kept);
        const double counted = households_of(&w.hh, w.c.pop, a, 1, &pp_counted);
        if (kept != counted || pp_kept != pp_counted) {
            fprintf(stderr, "    kern %zu: %.17g households (%.17g persons), counted %.17g (%.17g)\n",
                    a, kept, pp_kept, counted, pp_counted);
            CU_FAIL("households after the coupling differ from a count");
        }
    }
    ASSERT_CLOSE(hholds(&w, B), 7, 1e-12); /* its 5 and A's 2 */
    /* All kernen at once (the touched ones counted two at a time): the same bits. */
    {
        double h[3], pp[3], h2[3];
        coupling_households_all(&w.cp, &w.c, 1, h, pp);
        coupling_households_all(&w.cp, &w.c, 1, h2, NULL);
        for (size_t a = 0; a < 3; a++) {
            double pa;
            const double ha = households_of(&w.hh, w.c.pop, a, 1, &pa);
            CU_ASSERT(h[a] == ha && pp[a] == pa && h2[a] == ha);
        }
    }
    world_free(&w);
}

static void
test_coupling_max_distance_makes_households_leave(void)
{
    /* max_distance_km 1: B (5 km) is too far for A's 2 households, so their 4
     * adults leave the municipality; B's 15 spare homes are all filled from outside
     * (15 households, 30 persons). Total 42 - 4 - 2 + 30 = 66. */
    world w;
    const double cap[3] = {10, 20, 3};

    CU_ASSERT_EQUAL_FATAL(world_load(&w), LS_OK);
    w.spec.max_distance_km = 1; /* the model reads the spec it was loaded from */
    coupling_apply(&w.cp, &w.c, cap, 1, 1);
    ASSERT_CLOSE(hholds(&w, A), 10, 1e-12);
    ASSERT_CLOSE(persons(&w, A), 20, 1e-12);
    ASSERT_CLOSE(w.c.comp[A].domestic_out, 4, 1e-12);
    ASSERT_CLOSE(w.c.comp[A].internal_out, 0, 1e-12);
    ASSERT_CLOSE(w.c.comp[B].internal_in, 0, 1e-12);
    ASSERT_CLOSE(w.c.comp[B].domestic_in, 30, 1e-12);
    ASSERT_CLOSE(w.cp.flows.hh_left[A], 2, 1e-12);
    ASSERT_CLOSE(w.cp.flows.persons_left[A], 4, 1e-12);
    CU_ASSERT_EQUAL(w.cp.flows.hh_moved_out[A], 0);
    CU_ASSERT_EQUAL(w.cp.flows.hh_moved_in[B], 0);
    ASSERT_CLOSE(w.cp.flows.hh_arrived[B], 15, 1e-12);
    ASSERT_CLOSE(hholds(&w, B), 20, 1e-12);
    ASSERT_CLOSE(persons(&w, B), 40, 1e-12);
    ASSERT_CLOSE(w.cp.flows.hh_left[C], 1, 1e-12);
    ASSERT_CLOSE(persons(&w, A) + persons(&w, B) + persons(&w, C), 66, 1e-12);
    check_identity(&w);
    world_free(&w);
}

static void
test_coupling_largest_excess_first_then_nearest(void)
{
    /* max_distance_km 100: now C may move too. A (excess 2) goes first and takes 2 of
     * B's 15 spare homes; then C (excess 1) moves to B (45 km, nearer than A at 50,
     * which has no room anyway): B holds 5 + 2 + 1 = 8 households, 12 more come from
     * outside (24 persons). No one leaves: 42 + 24 = 66. */
    world w;
    const double cap[3] = {10, 20, 3};

    CU_ASSERT_EQUAL_FATAL(world_load(&w), LS_OK);
    w.spec.max_distance_km = 100;
    coupling_apply(&w.cp, &w.c, cap, 1, 1);
    ASSERT_CLOSE(w.c.comp[C].internal_out, 2, 1e-12);
    ASSERT_CLOSE(w.c.comp[C].domestic_out, 0, 1e-12);
    ASSERT_CLOSE(w.c.comp[B].internal_in, 6, 1e-12);
    ASSERT_CLOSE(w.c.comp[B].domestic_in, 24, 1e-12);
    ASSERT_CLOSE(w.cp.flows.hh_moved_in[B], 3, 1e-12);
    ASSERT_CLOSE(w.cp.flows.hh_moved_out[C], 1, 1e-12);
    ASSERT_CLOSE(w.cp.flows.hh_arrived[B], 12, 1e-12);
    CU_ASSERT_EQUAL(w.cp.flows.hh_left[C], 0);
    ASSERT_CLOSE(hholds(&w, C), 3, 1e-12);
    ASSERT_CLOSE(hholds(&w, B), 20, 1e-12);
    ASSERT_CLOSE(persons(&w, A) + persons(&w, B) + persons(&w, C), 66, 1e-12);
    check_identity(&w);
    /* B with only 1 spare home (capacity 6): A's 2 households cannot both move
     * there; one moves to B, the other finds no room within reach (C is full) and
     * leaves. C's household finds B full and leaves too. */
    world_free(&w);
    CU_ASSERT_EQUAL_FATAL(world_load(&w), LS_OK);
    w.spec.max_distance_km = 100;
    {
        const double cap2[3] = {10, 6, 3};
        coupling_apply(&w.cp, &w.c, cap2, 1, 1);
    }
    ASSERT_CLOSE(w.c.comp[A].internal_out, 2, 1e-12);
    ASSERT_CLOSE(w.c.comp[A].domestic_out, 2, 1e-12);
    ASSERT_CLOSE(w.c.comp[C].domestic_out, 2, 1e-12);
    ASSERT_CLOSE(w.cp.flows.hh_moved_out[A], 1, 1e-12);
    ASSERT_CLOSE(w.cp.flows.hh_left[A], 1, 1e-12);
    ASSERT_CLOSE(hholds(&w, B), 6, 1e-12);
    CU_ASSERT(fabs(w.cp.flows.hh_arrived[B]) < 1e-9);
    ASSERT_CLOSE(persons(&w, A) + persons(&w, B) + persons(&w, C), 38, 1e-12);
    check_identity(&w);
    world_free(&w);
}

static void
test_coupling_headship_trend_changes_households_per_person(void)
{
    /* Trend 0.5 halves every headship rate: 6, 2.5 and 2 households, all fitting.
     * Spare homes 4, 17.5 and 1 at 0.5 x 0.5 = 0.25 households per in-mover:
     * 16, 70 and 4 persons arrive; nobody moves or leaves. */
    world w;
    const double cap[3] = {10, 20, 3};

    CU_ASSERT_EQUAL_FATAL(world_load(&w), LS_OK);
    coupling_apply(&w.cp, &w.c, cap, 0.5, 1);
    ASSERT_CLOSE(w.c.comp[A].domestic_in, 16, 1e-12);
    ASSERT_CLOSE(w.c.comp[B].domestic_in, 70, 1e-12);
    ASSERT_CLOSE(w.c.comp[C].domestic_in, 4, 1e-12);
    ASSERT_CLOSE(w.cp.flows.hh_arrived[B], 17.5, 1e-12);
    for (size_t a = 0; a < 3; a++) {
        CU_ASSERT_EQUAL(w.cp.flows.hh_left[a], 0);
        CU_ASSERT_EQUAL(w.cp.flows.hh_moved_out[a], 0);
    }
    ASSERT_CLOSE(households_of(&w.hh, w.c.pop, B, 0.5, NULL), 20, 1e-12);
    ASSERT_CLOSE(persons(&w, A) + persons(&w, B) + persons(&w, C), 42 + 90, 1e-12);
    check_identity(&w);
    world_free(&w);
}

int
main(int argc, char **argv)
{
    CU_TestInfo tests[] = {
        {"test_coupling_fixture_geometry", test_coupling_fixture_geometry},
        {"test_coupling_moves_nearest_and_fills_from_outside",
         test_coupling_moves_nearest_and_fills_from_outside},
        {"test_coupling_fill_rate_half", test_coupling_fill_rate_half},
        {"test_coupling_households_after_as_counted", test_coupling_households_after_as_counted},
        {"test_coupling_max_distance_makes_households_leave",
         test_coupling_max_distance_makes_households_leave},
        {"test_coupling_largest_excess_first_then_nearest",
         test_coupling_largest_excess_first_then_nearest},
        {"test_coupling_headship_trend_changes_households_per_person",
         test_coupling_headship_trend_changes_households_per_person},
        CU_TEST_INFO_NULL,
    };
    return test_main(tests, argc, argv);
}
